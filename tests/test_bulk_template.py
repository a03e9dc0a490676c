"""`fzbg bulk --template`: every bureau's report comes from the agency's own (checked) template."""

from __future__ import annotations

from pathlib import Path

import docx

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "examples" / "bulk" / "base.yaml"
BUREAUS = REPO / "examples" / "bulk" / "bureaus.xlsx"


def test_bulk_renders_every_bureau_with_a_custom_template(tmp_path: Path) -> None:
    template = tmp_path / "mine.docx"
    assert main(["template", "export", "-o", str(template)]) == 0
    edited = docx.Document(str(template))
    marker = edited.paragraphs[0].insert_paragraph_before("江州市公安局专用模板")
    marker.style = edited.styles["Normal"] if "Normal" in [s.name for s in edited.styles] else marker.style
    edited.save(str(template))

    out = tmp_path / "out"
    assert main(["bulk", str(BASE), str(BUREAUS), "-o", str(out), "--template", str(template)]) == 0
    outputs = sorted(out.glob("*.docx"))
    assert len(outputs) >= 12
    for path in outputs:
        assert docx.Document(str(path)).paragraphs[0].text == "江州市公安局专用模板"


def test_bulk_refuses_a_broken_template_before_rendering(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    out = tmp_path / "out"
    assert main(["bulk", str(BASE), str(BUREAUS), "-o", str(out), "--template", str(broken)]) == 1
    assert not out.exists() or not list(out.glob("*.docx"))
    assert "模板" in capsys.readouterr().err
