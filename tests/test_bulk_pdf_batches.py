"""Issue 20: PDF batches — as few LibreOffice starts as the workers allow, balanced, a kept profile per worker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.bulk.execute import MAX_PDF_BATCH, MIN_PDF_BATCH, balanced, pdf_batches
from generator.bulk.models import Job
from generator.errors import Place


def _jobs(count: int) -> list[Job]:
    return [Job(index=i, place=Place("d.csv", i + 2), name=f"单位{i}", file_name=f"单位{i}.pdf", variant="formal")
            for i in range(count)]


@pytest.mark.parametrize(("count", "workers", "sizes"), [
    (64, 2, [32, 32]),  # was 25/25/14: three starts, the last alone
    (16, 2, [16]),  # two parallel starts would fight for two cores over 8 documents each
    (2 * MIN_PDF_BATCH, 2, [MIN_PDF_BATCH, MIN_PDF_BATCH]),
    (7, 1, [7]),
    (3 * MAX_PDF_BATCH + 10, 2, None),
])
def test_pdf_batches_are_few_and_balanced(count: int, workers: int, sizes: list[int] | None) -> None:
    batches = pdf_batches(_jobs(count), workers)
    got = [len(b) for b in batches]
    assert [job.index for batch in batches for job in batch] == list(range(count))  # all, in order, once
    assert max(got) - min(got) <= 1 and max(got) <= MAX_PDF_BATCH
    if sizes is not None:
        assert got == sizes
    else:
        assert len(got) % workers == 0  # whole rounds of the workers


def test_balanced_never_gives_an_empty_batch() -> None:
    assert [len(b) for b in balanced(_jobs(3), 5)] == [1, 1, 1]
    assert balanced([], 2) == []


@pytest.mark.slow
def test_kept_profile_serves_several_calls(tmp_path: Path, soffice: str) -> None:
    """One private profile for the process, reused: each call still converts, with the hardened settings."""
    from generator.api import load_report
    from generator.office import WORK_PREFIX, convert_batch, kept_profile_folder
    from generator.render.docx import render_docx_bytes

    report, _ = load_report(Path(__file__).resolve().parent.parent / "examples" / "minimal.yaml")
    source = tmp_path / "a.docx"
    source.write_bytes(render_docx_bytes(report, "public"))
    folder = kept_profile_folder()
    assert folder.name.startswith(f"{WORK_PREFIX}{os.getpid()}-lo-kept-")
    for round_ in range(2):
        made, _output = convert_batch([source], tmp_path / f"out{round_}", "pdf", timeout=120, keep_profile=True)
        assert made[source].read_bytes().startswith(b"%PDF")
        settings = (folder / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
        assert "BlockUntrustedRefererLinks" in settings
    assert kept_profile_folder() == folder
