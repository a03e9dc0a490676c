"""``fzbg render`` refuses a report with check errors; ``--draft`` writes it with 草稿 on every page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.render.draft_mark import DRAFT_TEXT

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "examples" / "minimal.yaml"


@pytest.fixture
def skeleton(tmp_path: Path, cli) -> Path:
    path = tmp_path / "skel.yaml"
    assert cli("new", "-o", path).code == 0
    return path


def header_texts(path: Path) -> dict[str, str]:
    """The text of every header part of a .docx, by part name."""
    from lxml import etree

    texts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("word/header") and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                texts[name] = "".join(root.itertext())
    return texts


def test_errors_refuse_the_document(tmp_path: Path, cli, skeleton: Path) -> None:
    """Verify the untouched skeleton is not written: the count, the first findings with place, the command."""
    out = tmp_path / "skel.docx"
    checked = cli("check", skeleton)
    errors = int(checked.out.rsplit("共 ", 1)[1].split(" 个错误")[0])
    code, stdout, err = cli("render", skeleton, "-o", out)
    assert code == 1 and not out.exists() and "已生成" not in stdout
    lines = err.splitlines()
    assert lines[0] == f"检查发现 {errors} 个错误，未生成文档。前 5 个："
    assert all(line.startswith(f"  错误：{skeleton}:") for line in lines[1:6])
    assert f"fzbg check {skeleton} --variant formal" in err and "--draft" in err


def test_draft_docx_has_the_mark_in_every_header(tmp_path: Path, cli, skeleton: Path) -> None:
    """Verify --draft writes the document with the 草稿 mark in each header part Word may show."""
    out = tmp_path / "skel.docx"
    code, stdout, _ = cli("render", skeleton, "-o", out, "--draft")
    assert code == 0 and "草稿" in stdout
    headers = header_texts(out)
    assert headers and all(DRAFT_TEXT in text for text in headers.values())
    from docx import Document

    document = Document(str(out))
    for section in document.sections:  # first, odd and even pages of every section
        for header in (section.header, section.first_page_header, section.even_page_header):
            assert DRAFT_TEXT in "".join(p.text for p in header.paragraphs)
    assert "【待填写】" in "".join(docx_paragraphs(out))  # the body is the report as it is


def test_clean_report_has_no_mark(tmp_path: Path, cli) -> None:
    """Verify a report without errors renders as before, unmarked, and summarises its warnings after writing."""
    out = tmp_path / "m.docx"
    code, stdout, err = cli("render", MINIMAL, "-o", out)
    assert code == 0 and stdout.strip() == f"已生成 {out}（正式上报版）"
    assert not any(DRAFT_TEXT in text for text in header_texts(out).values())
    assert err.startswith("另有 ") and "个警告" in err and f"fzbg check {MINIMAL}" in err


def test_draft_html_has_a_banner(tmp_path: Path, cli, skeleton: Path) -> None:
    """Verify an HTML draft shows a fixed banner (repeated on printed pages) and a marked title."""
    out = tmp_path / "skel.html"
    assert cli("render", skeleton, "-o", out).code == 1 and not out.exists()
    assert cli("render", skeleton, "-o", out, "--draft").code == 0
    page = out.read_text(encoding="utf-8")
    assert f'class="fzbg-draft" role="note">{DRAFT_TEXT}<' in page and "position:fixed" in page
    assert "<title>【草稿】" in page


def test_draft_pdf_every_page_is_marked(tmp_path: Path, cli, soffice: str) -> None:
    """Verify every page of a draft PDF (LibreOffice) shows 草稿, measured with pdfplumber."""
    import pdfplumber

    source = REPO / "examples" / "seed-meixian-2024.yaml"  # several pages
    out = tmp_path / "draft.pdf"
    assert cli("render", source, "-o", out, "--draft").code == 0
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        assert len(pdf.pages) > 1
        for page in pdf.pages:
            top = page.crop((0, 0, page.width, page.height * 0.2)).extract_text() or ""
            assert "草稿" in top.replace(" ", ""), page.page_number
