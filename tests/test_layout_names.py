"""Long agency names rendered and measured in LibreOffice: 标志 and title in whole words, the 标志's top at
35 mm below the 版心 top whatever its size (7.2.4), at most three title lines (7.3.1). One soffice call."""

from __future__ import annotations

import pytest
from pdfmeasure import TEXT_LEFT_MM, TEXT_TOP_MM, TEXT_WIDTH_MM, Layout, convert_to_pdf, ink_extent, measure
from test_words import LONG_NAMES, report

from generator.render.docx import render_docx_bytes

pytestmark = [pytest.mark.layout, pytest.mark.slow]

NAMES = ["某某市公安局某某分局", *LONG_NAMES]  # a short name as the reference size (36 pt)
CENTRE = TEXT_LEFT_MM + TEXT_WIDTH_MM / 2


@pytest.fixture(scope="module")
def layouts(soffice: str, pdfplumber, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Layout]:
    root = tmp_path_factory.mktemp("names")
    paths = []
    for index, name in enumerate(NAMES):
        paths.append(root / f"name{index}.docx")
        paths[-1].write_bytes(render_docx_bytes(report(name)))
    pdfs = convert_to_pdf(paths, root / "pdf")
    return {name: measure(pdf) for name, pdf in zip(NAMES, pdfs, strict=True)}


@pytest.mark.parametrize("name", NAMES)
def test_mark_whole_words_and_top_at_35mm(layouts: dict[str, Layout], name: str) -> None:
    layout = layouts[name]
    page = layout.pages[0]
    red = page.red_glyphs
    rows: dict[float, list] = {}
    for glyph in red:
        rows.setdefault(round(glyph.bottom, 0), []).append(glyph)
    texts = ["".join(g.text for g in sorted(row, key=lambda g: g.x0)) for _, row in sorted(rows.items())]
    expected = LONG_NAMES[name][0] if name in LONG_NAMES else [name]
    box = (min(g.x0 for g in red) - 1, min(g.top for g in red) - 5, max(g.x1 for g in red) + 1,
           max(g.bottom for g in red) + 5)
    ink = ink_extent(layout.path, 1, box)
    assert ink is not None
    top = ink[0] - TEXT_TOP_MM
    print(f"{name}: 标志 {texts} at {red[0].size:g} pt, ink top {top:.2f} mm below the 版心 top")
    assert texts == expected, "the 标志 breaks inside a word"
    assert top == pytest.approx(35, abs=0.5), "7.2.4: the 标志's top 35 mm below the 版心 top"
    for row in rows.values():
        centre = (min(g.x0 for g in row) + max(g.x1 for g in row)) / 2
        assert centre == pytest.approx(CENTRE, abs=2)


@pytest.mark.parametrize("name", list(LONG_NAMES))
def test_title_lines_whole_words(layouts: dict[str, Layout], name: str) -> None:
    page = layouts[name].pages[0]
    title_lines = [line for line in page.lines if line.size > 20 and not any(g in page.red_glyphs for g in line.glyphs)]
    texts = ["".join(line.text.split()) for line in title_lines]
    print(f"{name}: title lines {texts}")
    assert texts == LONG_NAMES[name][1]
    assert len(texts) <= 3
    for line in title_lines:
        assert (line.x0 + line.x1) / 2 == pytest.approx(CENTRE, abs=2)


@pytest.mark.parametrize("name", NAMES)
def test_sealed_signature_of_a_long_name_is_one_line_centred_over_the_date(
    layouts: dict[str, Layout], name: str
) -> None:
    """7.3.5.1: the 署名 centred over the 成文日期 — also when the name is wider than the date plus 右空四字 on
    each side: then the shared box widens leftwards and the name stays on one line inside the margin."""
    lines = [line for page in layouts[name].pages for line in page.lines]
    index = max(i for i, line in enumerate(lines) if "".join(line.text.split()) == name)
    signature, date = lines[index], lines[index + 1]
    assert "".join(date.text.split()) == "2026年1月15日"
    offset = (signature.x0 + signature.x1) / 2 - (date.x0 + date.x1) / 2
    print(f"{name}: 署名 {signature.x0:.1f}–{signature.x1:.1f} mm, date {date.x0:.1f}–{date.x1:.1f} mm")
    assert abs(offset) <= 0.3, f"署名 centre {offset:.2f} mm from the date's"
    assert signature.x0 >= TEXT_LEFT_MM - 0.5 and signature.x1 <= TEXT_LEFT_MM + TEXT_WIDTH_MM + 0.5
