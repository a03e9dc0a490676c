"""render/pdf_pages.py reads LibreOffice's PDFs well enough to place the 版记 with one conversion.

The slow test compares its per-page text sizes with pdfplumber's (pdfminer.six) on real LibreOffice PDFs of
every example, formal and public; the fast ones feed it PDFs it must not misread.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from pdfmeasure import convert_to_pdf

from generator.api import load_report
from generator.render.docx import render_docx_bytes
from generator.render.imprint import _imprint_page_sizes, _shares_last_page, pdf_page_count
from generator.render.pdf_pages import page_text_sizes

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


@pytest.mark.slow
def test_text_sizes_per_page_agree_with_pdfplumber(tmp_path: Path, soffice: str, pdfplumber) -> None:
    paths = []
    for example in EXAMPLES:
        report, _ = load_report(example)
        for variant in ("formal", "public"):
            paths.append(tmp_path / f"{example.stem}-{variant}.docx")
            paths[-1].write_bytes(render_docx_bytes(report, variant))  # type: ignore[arg-type]
    pages_seen = 0
    for pdf in convert_to_pdf(paths, tmp_path / "pdf", timeout=600):
        data = pdf.read_bytes()
        ours = page_text_sizes(data)
        assert ours is not None, pdf.name
        with pdfplumber.open(pdf) as document:
            theirs = [{round(char["size"], 1) for char in page.chars} for page in document.pages]
        assert [{round(size, 1) for size in page} for page in ours] == theirs, pdf.name
        assert len(ours) == pdf_page_count(data)
        pages_seen += len(ours)
    assert pages_seen > 2 * len(paths)


def minimal_pdf(page_streams: list[bytes], *, compress: bool = True) -> bytes:
    """A small PDF written the way LibreOffice writes one (plain objects, one content stream per page)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(page_streams))).encode()
    objects.append(b"<</Type/Pages/Kids[ " + kids + b" ]/Count %d>>" % len(page_streams))
    for i, stream in enumerate(page_streams):
        objects.append(b"<</Type/Page/Parent 2 0 R/Contents %d 0 R>>" % (4 + 2 * i))
        raw = zlib.compress(stream) if compress else stream
        head = b"<</Length %d%s>>" % (len(raw), b"/Filter/FlateDecode" if compress else b"")
        objects.append(head + b"\nstream\n" + raw + b"\nendstream")
    body = b"%PDF-1.6\n" + b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, obj) for n, obj in enumerate(objects, 1))
    return body + b"trailer\n<</Root 1 0 R>>\n%%EOF\n"


def test_sizes_are_read_per_page_in_page_order() -> None:
    pdf = minimal_pdf([b"BT\n79.5 713.4 Td /F1 16 Tf[<01>]TJ\nET\n", b"BT\n90 60 Td /F2 14 Tf<06>Tj\nET\n"])
    assert page_text_sizes(pdf) == [{16.0}, {14.0}]
    assert page_text_sizes(minimal_pdf([b"BT /F1 10.5 Tf (x) Tj ET"], compress=False)) == [{10.5}]


@pytest.mark.parametrize("data", [
    b"",
    b"not a pdf at all",
    b"%PDF-1.6\n1 0 obj\n<</Type/Catalog/Pages 9 0 R>>\nendobj\n",  # the page tree is missing
    b"%PDF-1.6\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[ 2 0 R ]>>\nendobj\n",
    b"%PDF-1.6\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[ 3 0 R ]>>\nendobj\n"
    b"3 0 obj\n<</Type/Page/Contents 4 0 R>>\nendobj\n4 0 obj\n<</Length 5/Filter/FlateDecode>>\nstream\n"
    b"xxxxx\nendstream\nendobj\n",  # a stream that does not inflate
])
def test_a_pdf_not_read_this_way_gives_none(data: bytes) -> None:
    """A loop in the page tree, a broken stream or a missing object: None, and the caller converts B instead."""
    assert page_text_sizes(data) is None


def test_the_last_page_shares_when_it_has_text_in_another_size() -> None:
    report, _ = load_report(EXAMPLES[0])
    docx = render_docx_bytes(report, "formal")
    assert _imprint_page_sizes(docx) == {14.0}  # 版记 and page numbers in 4号
    assert _shares_last_page(docx, [{16.0}, {16.0, 14.0}]) is True
    assert _shares_last_page(docx, [{16.0}, {14.0}]) is False
    assert _shares_last_page(docx, None) is None
