"""generator.office: one LibreOffice call converts a batch, with a private profile; .doc → .docx for import."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator import office
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


@pytest.mark.skipif(os.name == "nt", reason="a fake soffice written as a POSIX shell script")
def test_a_child_holding_the_pipe_open_cannot_outlast_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify one time limit covers soffice and its children: a child that keeps stdout open (soffice itself has
    exited) is killed with the group, and the call returns within the limit instead of waiting on the pipe."""
    import time

    from generator.errors import RenderError

    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "soffice"
    pidfile = tmp_path / "child.pid"
    # The child leaves soffice's process group (as a daemonising soffice.bin can) and keeps stdout open.
    fake.write_text(f"#!/bin/sh\nsetsid sh -c 'echo $$ > {pidfile}; exec sleep 600' &\nsleep 600\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}:{os.environ['PATH']}")
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"not really a document")
    start = time.monotonic()
    try:
        with pytest.raises(RenderError) as caught:
            office.convert_batch([doc], tmp_path / "out", "pdf", timeout=2)
        assert time.monotonic() - start < 15
        assert "超时" in caught.value.message
    finally:
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pidfile.read_text()), 9)


def test_a_file_that_is_not_a_pdf_is_not_taken_for_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify docx_to_pdf_batch refuses what a broken conversion left under the PDF's name."""
    from generator.errors import RenderError
    from generator.render import pdf
    from generator.render.pdf import docx_to_pdf_batch

    def fake_convert(paths, outdir, target, timeout=300, **_options):
        for path in paths:
            (outdir / f"{path.stem}.pdf").write_bytes(b"<html>error page</html>")
        return {}, "done"

    monkeypatch.setattr(office, "convert_batch", fake_convert)
    monkeypatch.setattr(pdf, "require_soffice", lambda what="": "soffice")
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    with pytest.raises(RenderError) as caught:
        docx_to_pdf_batch([doc], tmp_path / "out")
    assert "没有生成它的 PDF" in str(caught.value.problems[0].message)
    assert not (tmp_path / "out" / "a.pdf").exists()
