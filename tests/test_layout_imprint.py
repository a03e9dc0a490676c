"""The 版记 of a formal report, measured in LibreOffice over a sweep of body and 抄送 lengths (docs/layout.md).

Every document goes through :func:`render_settled_docx` (the floating 版记 plus the even-page step, which
itself converts through LibreOffice) and then ONE soffice call converts them all for measuring. Asserted:
the 版记's last rule within 1 mm of the 版心 bottom, on the last page, on an even page, not split over
two pages, no body text under it, and no page number on a blank page or on a 版记 page after one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdfmeasure import TEXT_BOTTOM_MM, TEXT_WIDTH_MM, Layout, Page, convert_to_pdf, measure

from generator.model.report import Report
from generator.render.docx import render_settled_docx

pytestmark = [pytest.mark.layout, pytest.mark.slow]

ALPHABET = "春夏秋冬山川河流星辰风雨雷电云雾江湖海洋花草树木鸟兽虫鱼"
# Digits next to Han characters: LibreOffice widens such lines (CJK–Latin autospace), which is what made
# the old line-count prediction miss.
MIXED_TAIL = "2025年1310件"
ONE_LINE_COPY = ["某某市人民检察院", "某某市司法局"]
WRAPPING_COPY = ["某某市人民检察院", "某某市中级人民法院", "某某市司法局", "某某市人民政府法制办公室",
                 "某某区人民政府", "某某区人民检察院"]
COPIES = {"copy1": ONE_LINE_COPY, "copy2": WRAPPING_COPY}
# Body lengths (in 4-line paragraphs' lines) that end the text on page 1, at the foot of page 2 (the 版记
# then shares even page 2, or is pushed alone onto odd page 3), and on odd page 3 with room (it must move on).
BODY_LINES = (10, 21, 22, 23, 40, 43)


def han(n: int, offset: int) -> str:
    return "".join(ALPHABET[(offset + i) % len(ALPHABET)] for i in range(n))


def sweep_report(body_lines: int, copy_to: list[str], *, even_page: bool = True, seal: bool = True) -> Report:
    paragraphs, rest, index = [], body_lines, 0
    while rest > 0:
        lines = min(4, rest)
        rest -= lines
        paragraphs.append(han(10 if lines == 1 else 26 + 28 * (lines - 2) + 12, 3 * index) + MIXED_TAIL)
        index += 1
    return Report.model_validate({
        "year": 2025,
        "agency": {"name": "某某市公安局某某分局", "superior": "某某市公安局"},
        "document": {"number": "某公报字〔2026〕1号", "signer": "张三", "date": "2026-01-15",
                     "copy_to": copy_to, "imprint_even_page": even_page, "seal": seal},
        "parts": [{"kind": "measures", "content": paragraphs}],
    })


# name → (body lines, 抄送, even page, sealed 落款). The sealed 落款 (7.3.5.1) is the formal default.
CASES = {f"body{n}-{c}": (n, c, True, True) for n in BODY_LINES for c in COPIES}
CASES |= {f"body{n}-{c}-unsealed": (n, c, True, False) for n in (21, 23, 40) for c in COPIES}
CASES["single-sided-body23-copy2"] = (23, "copy2", False, True)


@dataclass
class Swept:
    layouts: dict[str, Layout]
    warnings: dict[str, list[str]]


@pytest.fixture(scope="module")
def swept(soffice: str, pdfplumber, tmp_path_factory: pytest.TempPathFactory) -> Swept:
    root = tmp_path_factory.mktemp("imprint")
    paths: list[Path] = []
    warnings: dict[str, list[str]] = {}
    for name, (lines, copy, even, seal) in CASES.items():
        data, problems = render_settled_docx(sweep_report(lines, COPIES[copy], even_page=even, seal=seal))
        warnings[name] = [p.message for p in problems]
        path = root / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = convert_to_pdf(paths, root / "pdf", timeout=600)
    return Swept({name: measure(pdf, ink=False) for name, pdf in zip(CASES, pdfs, strict=True)}, warnings)


def imprint_rules(page: Page) -> list:
    return [g for g in page.rules if g.width > TEXT_WIDTH_MM - 2]


def describe(name: str, layout: Layout) -> str:
    pages = []
    for page in layout.pages:
        number = page.page_number.text if page.page_number else "无页码"
        pages.append(f"p{page.number}: {len(page.lines)} 行, {len(imprint_rules(page))} 条版记线, {number}")
    return f"{name}: " + "; ".join(pages)


@pytest.mark.parametrize("name", list(CASES))
def test_imprint_at_the_foot_of_the_last_even_page(swept: Swept, name: str) -> None:
    layout = swept.layouts[name]
    body_lines, copy, even_page, _ = CASES[name]
    print(describe(name, layout))
    assert swept.warnings[name] == [], swept.warnings[name]
    last = layout.pages[-1]
    rules = imprint_rules(last)
    expected_rules = 3  # 抄送 row and 印发 row: top, between and bottom rules
    assert len(rules) == expected_rules, f"{len(rules)} 版记 rules on the last page"
    for page in layout.pages[1:-1]:
        assert not imprint_rules(page), f"a 版记 rule on page {page.number}: the 版记 is split"
    bottom = rules[-1].y
    print(f"{name}: last rule at {bottom:.2f} mm, {TEXT_BOTTOM_MM - bottom:.2f} mm above the 版心 bottom; "
          f"page {last.number} of {len(layout.pages)}")
    assert abs(bottom - TEXT_BOTTOM_MM) <= 1.0, "7.4.1: the last 版记 rule on the 版心 bottom"
    imprint_text = "".join(line.text for line in last.lines if line.baseline > rules[0].y)
    copy_text = "".join(("抄送：" + "，".join(COPIES[copy]) + "。").split())
    assert copy_text in "".join(imprint_text.split()), "the 抄送 is not whole under the first rule"
    assert "2026年1月15日印发" in "".join(imprint_text.split())
    overlapping = [line for line in last.lines if line.baseline > rules[0].y and set(line.text) & set(ALPHABET)]
    assert not overlapping, f"body text under the 版记's top rule: {overlapping}"
    if even_page:
        assert len(layout.pages) % 2 == 0, "the 版记 is on an odd page"
    signature_pages = [p for p in layout.pages if any("".join(line.text.split()) == "2026年1月15日" for line in p.lines)]
    assert len(signature_pages) == 1, "the 成文日期 is not found once"
    assert any(set(line.text) & set(ALPHABET) for line in signature_pages[0].lines), (
        f"the 落款 on page {signature_pages[0].number} has no body text with it")
    blank = [p for p in layout.pages if not p.lines]
    for page in blank:
        assert page.page_number is None, f"blank page {page.number} carries a page number (7.5)"
    if len(layout.pages) > 1 and not layout.pages[-2].lines:
        assert last.page_number is None, "the 版记 page after a blank page carries a page number (7.5)"


def test_the_sweep_reaches_every_case(swept: Swept) -> None:
    """The sweep is only worth its time if it shares a page, moves the 版记 on, and adds a blank page."""
    shared = [n for n, lay in swept.layouts.items() if any(set(line.text) & set(ALPHABET) for line in lay.pages[-1].lines)]
    alone = [n for n, lay in swept.layouts.items() if n not in shared and lay.pages[-2].lines]
    after_blank = [n for n, lay in swept.layouts.items() if not lay.pages[-2].lines]
    print(f"版记 shares the last page: {shared}\nalone on its page: {alone}\nafter a blank page: {after_blank}")
    assert shared and alone and after_blank


def test_one_conversion_decides_as_two_did(soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the 版记 shares its odd last page is read from A's PDF (render/pdf_pages.py); converting B as
    well (the fallback, e.g. for a custom template whose body has the 版记's size) decides the same."""
    import zipfile

    from generator.render import imprint
    from generator.render.docx import render_docx_bytes

    documents = [render_docx_bytes(sweep_report(lines, COPIES[copy], seal=seal), "formal")
                 for lines, copy, even, seal in CASES.values() if even]

    def bodies(settled: list[tuple[bytes, list]]) -> list[bytes]:
        assert all(not problems for _data, problems in settled)
        return [zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml") for data, _ in settled]

    one = bodies(imprint.settle_imprints(documents, timeout=600))
    monkeypatch.setattr(imprint, "_shares_last_page", lambda _docx, _sizes: None)
    two = bodies(imprint.settle_imprints(documents, timeout=600))
    assert one == two
    assert len({body for body, original in zip(one, documents, strict=True)
                if body != zipfile.ZipFile(io.BytesIO(original)).read("word/document.xml")}) >= 2  # both moves
