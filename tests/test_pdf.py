"""PDF output through LibreOffice (generator/pdf.py): batch conversion, text, fonts, failures.

Real LibreOffice runs once for this module (``converted``: several documents in ONE call, as bulk
does). Failures, timeouts and a missing LibreOffice are exercised with small fake ``soffice`` scripts.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from generator import office
from generator.api import load_report
from generator.display import error_text
from generator.errors import RenderError
from generator.render import pdf
from generator.render.docx import render_docx_bytes
from generator.render.pdf import (
    LibreOfficeMissing,
    document_fonts,
    docx_to_pdf_batch,
    find_soffice,
    pdf_font_names,
    render_pdf_to_file,
    substituted_fonts,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "seed-meixian-2024.yaml"
MINIMAL = REPO / "examples" / "minimal.yaml"
posix_only = pytest.mark.skipif(os.name == "nt", reason="fake soffice scripts are POSIX shell scripts")


def docx_text(data: bytes) -> str:
    """The text of a .docx (body paragraphs, then table cells), without white space."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def pdf_text(pdfplumber, path: Path) -> tuple[int, str]:
    """Page count and text of a PDF without white space and page numbers (— 1 —)."""
    with pdfplumber.open(path) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
        pages = len(document.pages)
    return pages, re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


@pytest.fixture(scope="module")
def converted(soffice, tmp_path_factory):
    """Three documents converted by ONE soffice call; the number of calls is recorded."""
    folder = tmp_path_factory.mktemp("pdf")
    report, _ = load_report(EXAMPLE)
    minimal, _ = load_report(MINIMAL)
    docs = {
        "formal": render_docx_bytes(report, "formal", "gb2312"),
        "public": render_docx_bytes(report, "public", "gb2312"),
        "minimal-windows": render_docx_bytes(minimal, "formal", "windows"),
    }
    paths = []
    for name, data in docs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    calls = []
    real_run = office.run

    def counting_run(command, timeout, env=None):
        calls.append(command)
        return real_run(command, timeout, env=env)

    office.run = counting_run
    try:
        start = time.perf_counter()
        pdfs = docx_to_pdf_batch(paths, folder / "out")
        seconds = time.perf_counter() - start
    finally:
        office.run = real_run
    print(f"\n{len(paths)} documents → PDF in one soffice call: {seconds:.2f} s")
    pdfs_by_name = dict(zip(docs, pdfs, strict=True))
    return {"docs": docs, "paths": paths, "pdfs": pdfs_by_name, "calls": calls, "out": folder / "out"}


def test_batch_converts_every_file_with_one_soffice_call(converted) -> None:
    """Verify bulk conversion is one LibreOffice run with a private profile, and every PDF is in place."""
    assert len(converted["calls"]) == 1
    command = converted["calls"][0]
    assert any(arg.startswith("-env:UserInstallation=file:") for arg in command)
    assert [p.name for p in converted["pdfs"].values()] == ["formal.pdf", "public.pdf", "minimal-windows.pdf"]
    for path in converted["pdfs"].values():
        assert path.parent == converted["out"]
        assert path.read_bytes()[:5] == b"%PDF-"
    leftovers = [p.name for p in converted["out"].iterdir() if p.suffix != ".pdf"]
    assert leftovers == []  # the private staging folder is gone


@pytest.mark.parametrize("name", ["formal", "public", "minimal-windows"])
def test_pdf_has_pages_and_the_text_of_the_docx(converted, pdfplumber, name: str) -> None:
    """Verify the PDF has pages and extractable text, identical to the .docx's text (punctuation included:
    LibreOffice drops a mark hanging past the margin, so the template turns hanging off)."""
    pages, text = pdf_text(pdfplumber, converted["pdfs"][name])
    expected = docx_text(converted["docs"][name])
    assert pages > 0
    if text != expected:
        matcher = difflib.SequenceMatcher(None, expected, text, autojunk=False)
        diff = [(op, expected[i1:i2], text[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
        pytest.fail(f"PDF text differs from the .docx: {diff[:10]}")


def test_substituted_fonts_names_the_fonts_not_embedded(converted) -> None:
    """Verify a font present in the PDF is not reported and a font absent from the machine is."""
    path = converted["pdfs"]["formal"]
    embedded = pdf_font_names(path)
    assert embedded
    expected = ["不存在的字体"]
    if not any("LiberationSerif" in n for n in embedded):
        expected = ["Liberation Serif", "不存在的字体"]
    assert substituted_fonts(path, {"Liberation Serif", "不存在的字体"}) == expected
    wanted = document_fonts(converted["docs"]["formal"])
    missing = substituted_fonts(path, wanted)
    assert set(missing) <= wanted
    names = {re.sub(r"^[A-Z]{6}\+", "", n) for n in embedded}
    for family in wanted - set(missing):  # every font not reported really is in the PDF
        aliases = {family, *pdf.PDF_FONT_ALIASES.get(family, ())}
        assert any(n.replace(" ", "").lower().startswith(a.replace(" ", "").lower()) for n in names for a in aliases)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed")
def test_font_list_without_pdffonts_matches_pdffonts(converted) -> None:
    """Verify the built-in PDF font scan (used where poppler is absent, e.g. Windows) agrees with pdffonts."""
    for path in converted["pdfs"].values():
        assert set(pdf._scan_pdf_fonts(path.read_bytes())) == set(pdf_font_names(path))


def test_document_fonts_follow_the_profile() -> None:
    """Verify the fonts a document asks for come from its font profile (no LibreOffice needed)."""
    report, _ = load_report(EXAMPLE)
    gb2312 = document_fonts(render_docx_bytes(report, "formal", "gb2312"))
    windows = document_fonts(render_docx_bytes(report, "formal", "windows"))
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体", "宋体", "Times New Roman"} <= gb2312
    assert {"仿宋", "黑体", "华文中宋", "宋体"} <= windows
    assert not any("GB2312" in f for f in windows)


# ---------------------------------------------------------------- without real LibreOffice


def fake_soffice(folder: Path, body: str) -> Path:
    """A fake ``soffice`` script in *folder*; *body* is shell code that sees the arguments.

    Put ``fake_path(script)`` in PATH: the fake comes first, the usual tools stay reachable.
    """
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def fake_path(script: Path) -> str:
    return str(script.parent) + os.pathsep + os.environ.get("PATH", "")


WRITE_PDFS = """
outdir=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then outdir="$a"; fi
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) b=$(basename "$a" .docx); printf '%%PDF-1.4 fake' > "$outdir/$b.pdf";; esac
done
"""


@posix_only
def test_find_soffice_on_path_and_missing(tmp_path, monkeypatch) -> None:
    """Verify soffice is found on PATH, and None is returned when it is nowhere."""
    fake = fake_soffice(tmp_path / "bin", "exit 0")
    monkeypatch.setenv("PATH", str(fake.parent))
    assert find_soffice() == str(fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(office, "_MAC_PATH", str(tmp_path / "nothing"))
    assert find_soffice() is None


@posix_only
def test_batch_moves_pdfs_into_place_in_input_order(tmp_path, monkeypatch) -> None:
    """Verify the contract with a fake soffice: one call, PDFs in input order, existing ones replaced."""
    monkeypatch.setenv("PATH", fake_path(fake_soffice(tmp_path / "bin", WRITE_PDFS)))
    docs = []
    for name in ("乙", "甲", "a b"):
        path = tmp_path / "in" / f"{name}.docx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x")
        docs.append(path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "甲.pdf").write_bytes(b"old")
    result = docx_to_pdf_batch(docs, out)
    assert [p.name for p in result] == ["乙.pdf", "甲.pdf", "a b.pdf"]
    assert (out / "甲.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result)


@posix_only
def test_batch_keeps_the_pdfs_made_when_one_fails(tmp_path, monkeypatch) -> None:
    """Verify one bad file does not cost the batch: the PDFs made are in place, the error names the other."""
    script = WRITE_PDFS.replace('printf', '[ "$b" = "坏" ] || printf')
    monkeypatch.setenv("PATH", fake_path(fake_soffice(tmp_path / "bin", script)))
    docs = []
    for name in ("好", "坏", "也好"):
        docs.append(tmp_path / f"{name}.docx")
        docs[-1].write_bytes(b"x")
    with pytest.raises(RenderError) as caught:
        docx_to_pdf_batch(docs, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["也好.pdf", "好.pdf"]
    assert str(docs[1]) in error_text(caught.value) and str(docs[0]) not in error_text(caught.value)


@posix_only
def test_batch_reports_a_missing_pdf(tmp_path, monkeypatch) -> None:
    """Verify soffice exiting without output is a RenderError naming the file, in Chinese."""
    monkeypatch.setenv("PATH", fake_path(fake_soffice(tmp_path / "bin", "echo boom; exit 1")))
    doc = tmp_path / "报告.docx"
    doc.write_bytes(b"x")
    with pytest.raises(RenderError) as caught:
        docx_to_pdf_batch([doc], tmp_path / "out")
    text = error_text(caught.value)
    assert "LibreOffice 未能生成 PDF" in text and "报告.docx" in text and "退出码 1" in text and "boom" in text


@posix_only
def test_batch_kills_soffice_on_timeout(tmp_path, monkeypatch) -> None:
    """Verify a hanging soffice and its children are killed after the timeout."""
    pidfile = tmp_path / "child.pid"
    script = f"sleep 60 & echo $! > '{pidfile}'; wait"
    monkeypatch.setenv("PATH", fake_path(fake_soffice(tmp_path / "bin", script)))
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    start = time.perf_counter()
    with pytest.raises(RenderError) as caught:
        docx_to_pdf_batch([doc], tmp_path / "out", timeout=1)
    assert time.perf_counter() - start < 20
    assert "超时" in caught.value.message
    child = int(pidfile.read_text())
    time.sleep(0.2)
    status = Path(f"/proc/{child}/status")
    assert not status.exists() or "zombie" in status.read_text() or "(Z)" in status.read_text()


def test_batch_refuses_two_inputs_with_one_name(tmp_path) -> None:
    """Verify two inputs that would write the same PDF are refused before LibreOffice runs."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "报告.docx").write_bytes(b"x")
    with pytest.raises(RenderError, match="无法转换"):
        docx_to_pdf_batch([tmp_path / "a" / "报告.docx", tmp_path / "b" / "报告.docx"], tmp_path / "out")


def test_missing_libreoffice_is_a_clear_error_and_the_docx_is_kept(tmp_path, monkeypatch) -> None:
    """Verify without LibreOffice: LibreOfficeMissing (a RenderError) in Chinese, the .docx written instead."""
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    with pytest.raises(LibreOfficeMissing) as caught:
        docx_to_pdf_batch([doc], tmp_path / "out")
    assert isinstance(caught.value, RenderError)
    assert "未找到 LibreOffice" in caught.value.message

    report, _ = load_report(MINIMAL)
    target = tmp_path / "报告.pdf"
    with pytest.raises(LibreOfficeMissing) as caught:
        render_pdf_to_file(report, target, fonts="windows")
    assert not target.exists()
    kept = tmp_path / "报告.docx"
    assert kept.read_bytes()[:2] == b"PK"
    assert str(kept) in error_text(caught.value) and "另存为 PDF" in error_text(caught.value)


def test_pdf_module_imports_nothing_heavy() -> None:
    """Verify importing generator.render.pdf does not load docxtpl or lxml (the CLI stays fast)."""
    import subprocess

    code = "import sys, generator.render.pdf; print('docxtpl' in sys.modules, 'lxml.etree' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@posix_only
def test_failed_conversion_keeps_the_docx(tmp_path, monkeypatch) -> None:
    """Verify a LibreOffice failure also leaves the .docx beside the wanted PDF, and says so."""
    monkeypatch.setenv("PATH", fake_path(fake_soffice(tmp_path / "bin", "exit 1")))
    report, _ = load_report(MINIMAL)
    target = tmp_path / "out" / "报告.pdf"
    target.parent.mkdir()
    with pytest.raises(RenderError) as caught:
        render_pdf_to_file(report, target)
    assert caught.value.message == "LibreOffice 未能生成 PDF"
    kept = target.with_suffix(".docx")
    assert kept.read_bytes()[:2] == b"PK" and str(kept) in error_text(caught.value)
    assert sorted(p.name for p in target.parent.iterdir()) == ["报告.docx"]
