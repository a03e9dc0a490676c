"""A pool worker's warm-up (bulk/warm.py) really prepares the first report and leaves no trace."""

from __future__ import annotations

from pathlib import Path

from generator.bulk import BulkOptions, assess, warm, worker
from generator.bulk.assess import light_options
from generator.bulk.template_reuse import ReusingTemplate
from generator.model.vocabulary import FontProfile, OutputFormat

BASE = Path(__file__).resolve().parent.parent / "examples" / "bulk" / "base.yaml"


def test_warm_up_builds_the_assessor_compiles_the_template_and_writes_nothing(tmp_path: Path) -> None:
    options = light_options(BulkOptions(base=BASE, data=BASE, outdir=tmp_path / "out"))
    worker.init_worker(None, FontProfile.gb2312, OutputFormat.docx, str(tmp_path / "out"), False, 600.0, options,
                       pool=False)
    settings = worker._settings
    assert settings is not None
    assess._assessor = None
    warm.warm_up()
    assert assess._assessor is not None and assess._assessor.options == options  # the one assess_chunk reuses
    assert settings.env._compiled, "the template's body was not compiled"
    assert any(isinstance(instance, ReusingTemplate) for instance in ReusingTemplate._instances.values())
    assert not (tmp_path / "out").exists()  # nothing written
