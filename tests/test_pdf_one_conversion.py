"""A formal PDF is converted once: the PDF the 版记 measurement makes of the final .docx is the output.

The even-page step converts each formal .docx through LibreOffice to count its pages (render/imprint.py).
When the document it measured is the one kept, that PDF is written as the output instead of converting the
same .docx a second time, in ``fzbg render -o x.pdf`` and in ``fzbg bulk --format pdf``. Verified here with
LibreOffice: no .docx content goes through LibreOffice twice, the PDF is the one a separate conversion of the
final .docx gives (same pages, same text), and the bulk PDFs keep the 版记 at the foot of an even last page.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pdfmeasure import TEXT_BOTTOM_MM, TEXT_WIDTH_MM, convert_to_pdf, measure
from test_bulk_imprint import BASE, BODY_CHARS, body, bureaus_case

from generator import office
from generator.api import load_report
from generator.bulk import BulkOptions, Status, run_bulk
from generator.cli import main
from generator.render.docx import render_settled_docx
from generator.render.imprint import pdf_page_count

pytestmark = [pytest.mark.layout, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "examples" / "minimal.yaml"


def content(docx: bytes) -> str:
    """A digest of the package's members (its zip headers carry the time it was written)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            digest.update(name.encode() + b"\0" + package.read(name))
    return digest.hexdigest()


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The content hash of every .docx handed to LibreOffice, one list per soffice call."""
    calls: list[list[str]] = []
    real = office.convert_batch

    def counting(paths: list[Path], *args: Any, **kwargs: Any) -> Any:
        calls.append([content(Path(p).read_bytes()) for p in paths])
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(office, "convert_batch", counting)
    return calls


def page_texts(pdfplumber: Any, pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def short_report(tmp_path: Path) -> Path:
    """A formal report whose text ends on page 3 with room below: the 版记 is moved on to page 4 (B)."""
    text = (BASE.replace("{{ 简称 }}", "第1分局").replace("{{ 正文 }}", body(560))
            .replace("占位分局", "江州市公安局第1分局")
            .replace("  signer: 周立新\n", "  signer: 周立新\n  number: 江公报字〔2026〕1号\n"))
    tmp_path.mkdir()
    path = tmp_path / "short.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", ["A kept", "B chosen"])
def test_render_pdf_is_one_libreoffice_call(tmp_path: Path, soffice: str, pdfplumber: Any,
                                            conversions: list[list[str]], case: str) -> None:
    """The document as rendered (A) and, for a PDF, the one with the 版记 moved on (B) go into ONE call; the
    PDF of the one chosen is written."""
    source = MINIMAL if case == "A kept" else short_report(tmp_path / "in")
    out = tmp_path / "报告.pdf"
    assert main(["render", str(source), "-o", str(out)]) == 0
    assert len(conversions) == 1, f"{len(conversions)} LibreOffice calls for one formal PDF"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["报告.pdf"]
    # The same final .docx converted on its own gives the same document.
    report, _ = load_report(source)
    final, _ = render_settled_docx(report)
    assert content(final) in conversions[0]  # what was measured is what was kept
    alone = tmp_path / "alone" / "final.docx"
    alone.parent.mkdir()
    alone.write_bytes(final)
    [reference] = convert_to_pdf([alone], tmp_path / "ref", timeout=600)
    assert pdf_page_count(out.read_bytes()) == pdf_page_count(reference.read_bytes()) == (2 if case == "A kept" else 4)
    assert page_texts(pdfplumber, out) == page_texts(pdfplumber, reference)


def test_bulk_pdf_converts_no_docx_twice(tmp_path: Path, soffice: str, pdfplumber: Any,
                                         conversions: list[list[str]]) -> None:
    base, data = bureaus_case(tmp_path)
    outdir = tmp_path / "out"
    result = run_bulk(BulkOptions(base=base, data=data, outdir=outdir, jobs=1, format="pdf"))
    assert [o.status for o in result.outcomes] == [Status.ok] * len(BODY_CHARS), [o.error for o in result.outcomes]
    converted = [digest for call in conversions for digest in call]
    assert len(converted) == len(set(converted)), "a .docx went through LibreOffice twice"
    # One call converts each bureau once: A, or B alone where the line model expects the 版记 to move on; a
    # second call only for the ones it got wrong (here at most one of seven; measured: none).
    assert len(conversions) <= 2, [len(call) for call in conversions]
    assert len(conversions[0]) == len(BODY_CHARS), [len(call) for call in conversions]
    assert len(converted) <= len(BODY_CHARS) + 1, [len(call) for call in conversions]
    for outcome in result.outcomes:
        pdf = outdir / outcome.file_name
        assert pdf.read_bytes().startswith(b"%PDF-")
        pages = measure(pdf, ink=False).pages
        rules = [g for g in pages[-1].rules if g.width > TEXT_WIDTH_MM - 2]
        assert len(pages) % 2 == 0 and len(rules) == 3, f"{pdf.name}: {len(pages)} pages, {len(rules)} rules"
        assert abs(rules[-1].y - TEXT_BOTTOM_MM) <= 1.0, f"{pdf.name}: last rule at {rules[-1].y:.2f} mm"
    assert not list(outdir.glob(".*"))


@pytest.mark.parametrize("case", ["B settles", "A kept"])
def test_b_first_converts_a_only_when_b_does_not_settle(tmp_path: Path, soffice: str,
                                                        conversions: list[list[str]], case: str) -> None:
    """With *b_first* the document is converted as B alone. When B shows the 版记 alone on an even page after
    text, B is the result in ONE conversion; when it does not (A's 版记 shares an even last page), A is
    converted in a second call and kept. Either way the result is the one A's own measurement chooses."""
    from generator.render.docx import render_docx_bytes
    from generator.render.imprint import settle_imprints

    source = short_report(tmp_path / "in") if case == "B settles" else MINIMAL
    report, _ = load_report(source)
    rendered = render_docx_bytes(report)
    chosen, problems = render_settled_docx(report)  # A measured first (A and B in one call)
    conversions.clear()
    pdfs: dict[int, bytes] = {}
    [(result, said)] = settle_imprints([rendered], b_first={0}, pdfs=pdfs)
    assert said == problems == []
    assert content(result) == content(chosen)
    if case == "B settles":
        assert [len(call) for call in conversions] == [1]  # B alone
        assert content(result) != content(rendered) and pdf_page_count(pdfs[0]) == 4
    else:
        assert [len(call) for call in conversions] == [1, 1]  # B in vain, then A
        assert content(result) == content(rendered) and pdf_page_count(pdfs[0]) == 2
        assert conversions[1] == [content(rendered)]
