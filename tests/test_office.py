"""generator.office: one LibreOffice call converts a batch, with a private profile; .doc → .docx for import."""

from __future__ import annotations

from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.office import LibreOfficeMissing, convert_batch, find_soffice, require_soffice
from generator.render.docx import render_docx_bytes

pytestmark = pytest.mark.slow


def test_doc_and_docx_convert_in_one_call(tmp_path: Path, soffice: str, docx_text) -> None:
    """Verify a legacy .doc (written by LibreOffice itself) comes back as a .docx with the same text."""
    from generator.api import load_report

    report, _ = load_report(Path(__file__).resolve().parent.parent / "examples" / "minimal.yaml")
    source = tmp_path / "报告.docx"
    source.write_bytes(render_docx_bytes(report, "public"))
    made, _ = convert_batch([source], tmp_path / "doc", "pdf")
    assert made[source].read_bytes().startswith(b"%PDF")
    import subprocess

    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to",
                    "doc", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    legacy = tmp_path / "报告.doc"
    made, _ = convert_batch([legacy], tmp_path / "back", "docx")
    assert docx_paragraphs(made[legacy])[:3] == docx_text(source)[:3]


def test_without_libreoffice_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr("generator.office._MAC_PATH", "/nonexistent")
    assert find_soffice() is None
    with pytest.raises(LibreOfficeMissing) as caught:
        require_soffice("导入 .doc 文件")
    assert caught.value.message == "未找到 LibreOffice，无法导入 .doc 文件"
    assert "libreoffice.org" in caught.value.problems[0].message
