"""The rendered .docx, converted by LibreOffice, measures as GB/T 9704-2012 says (docs/layout.md).

Every document is rendered once per session and all of them are converted in ONE soffice call
(``converted`` below); each test measures the PDFs it needs with ``tests/pdfmeasure.py``.
Measured figures are printed (run with ``-s`` to see them).

Without LibreOffice these tests are skipped, unless the CI environment variable is set: then they fail.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docxtext import docx_paragraphs
from pdfmeasure import (
    DASH,
    TEXT_BOTTOM_MM,
    TEXT_LEFT_MM,
    TEXT_RIGHT_MM,
    TEXT_TOP_MM,
    TEXT_WIDTH_MM,
    Layout,
    Line,
    Page,
    convert_to_pdf,
    ink_extent,
    measure,
)

from generator.api import load_report
from generator.model.report import Report
from generator.render.context import build_context
from generator.render.docx import render_docx_bytes

pytestmark = pytest.mark.layout

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
VARIANTS = ("formal", "public")

PT = 25.4 / 72  # mm per point
CHAR_3 = 16 * PT  # one 3号 character, 5.64 mm (the unit of 空一字 for body elements)
CHAR_4 = 14 * PT  # one 4号 character, 4.94 mm (页码, 版记)
LINE_PITCH_PT = 28.95  # 579 tw (§2.2)
LINE_PITCH_MM = LINE_PITCH_PT * PT  # 10.21 mm
PAGE_CENTRE_X = TEXT_LEFT_MM + TEXT_WIDTH_MM / 2  # 106 mm: centre of the 版心

# Pure-Han synthetic text. No punctuation (it can hang or compress) and no character that occurs in the
# agency name, title, 主送, 结束语, 署名, date or 版记, so a line made only of these is a body line.
ALPHABET = "春夏秋冬山川河流星辰风雨雷电云雾江湖海洋花草树木鸟兽虫鱼"
AGENCY = "江州市公安局青山分局"
SUPERIOR = "江州市公安局"
COPY_TO = ["某某市人民检察院", "某某市司法局"]
PAGE_ONE_ROWS = 18  # public variant: the two title lines and a blank line take the first 4 grid rows


def sweep_paragraphs(total_lines: int, last: int = 4) -> list[int]:
    """Paragraph line counts adding up to *total_lines*: a last paragraph of *last* lines, 4-line ones before."""
    rest = total_lines - last
    counts = [4] * (rest // 4) + ([rest % 4] if rest % 4 else [])
    return counts + [last]


# The signature sweep: body lengths (lines) that end the body on rows 15–22 of page 2 and row 1 of page 3
# (4-line paragraphs). The 落款 takes 4 rows, so rows 19–22 are the critical ones; the margin on either side
# keeps the sweep useful if page 1 gains or loses a row.
SWEEP_CASES: dict[str, list[int]] = {
    f"sig-{total}": sweep_paragraphs(total) for total in range(PAGE_ONE_ROWS + 15, PAGE_ONE_ROWS + 24)
}
# Bodies ending on the last rows of page 2 after a long last paragraph. LibreOffice moves a keep-with-next
# paragraph as a whole, and drops the keep when the paragraph and the 落款 do not fit one page together.
LONG_LAST_CASES: dict[str, list[int]] = {
    f"sig-{PAGE_ONE_ROWS + end}-last{last}": sweep_paragraphs(PAGE_ONE_ROWS + end, last)
    for last in (12, 20) for end in (21, 22)
}
SIGNATURE_CASES = {**SWEEP_CASES, **LONG_LAST_CASES}
GRID_LINES = 22  # 7.1: 22 lines a page
MOVED_LINES_MAX = 4  # a short last paragraph (≤ 3 lines, gbt9704.SIGNATURE_KEEP_LINES) and the 结束语 may move


def han_text(n: int, offset: int = 0) -> str:
    """*n* characters of ALPHABET, starting at *offset*."""
    return "".join(ALPHABET[(offset + i) % len(ALPHABET)] for i in range(n))


def han_paragraph_lengths(lines: int) -> int:
    """Length of a pure-Han paragraph that sets on exactly *lines* lines (26 on the first, 28 after)."""
    return 10 if lines == 1 else 26 + 28 * (lines - 2) + 12  # last line 12 characters (short, unjustified)


def synthetic_report(paragraph_lines: list[int], *, copy_to: list[str] | None = None) -> Report:
    """A report whose body is pure-Han paragraphs of the given line counts, no headings."""
    paragraphs = [han_text(han_paragraph_lengths(n), offset=3 * i) for i, n in enumerate(paragraph_lines)]
    return Report.model_validate({
        "year": 2025,
        "agency": {"name": AGENCY, "superior": SUPERIOR},
        "document": {"number": "江青公报字〔2026〕1号", "signer": "王建国", "date": "2026-01-15",
                     "copy_to": copy_to or []},
        "parts": [{"kind": "measures", "content": paragraphs}],
    })


GRID_PARAGRAPHS = [8] * 12  # 96 body lines: page 1 + 3 full pages + a last page with room for the 落款


def strip_keep_next(docx: bytes) -> bytes:
    """The same document without any keep-with-next (document and styles): the control of the sweep."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in ("word/document.xml", "word/styles.xml"):
                data = re.sub(rb'<w:keepNext(?: w:val="(?:1|true|on)")?\s*/>', b"", data)
            target.writestr(info, data)
    return out.getvalue()


# ---------------------------------------------------------------- the one conversion


@dataclass
class Converted:
    """Every rendered document of the session, converted once; measured on first use."""

    docx: dict[str, Path] = field(default_factory=dict)
    pdf: dict[str, Path] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # name → why it was not rendered
    _layouts: dict[str, Layout] = field(default_factory=dict)

    def layout(self, name: str) -> Layout:
        if name in self.errors:
            pytest.fail(f"{name}: {self.errors[name]}", pytrace=False)
        if name not in self._layouts:
            self._layouts[name] = measure(self.pdf[name], ink=not name.startswith(("sig-", "nochain-")))
        return self._layouts[name]


def example_name(path: Path, variant: str) -> str:
    return f"example-{path.stem}-{variant}"


@pytest.fixture(scope="session")
def converted(soffice: str, pdfplumber, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    root = tmp_path_factory.mktemp("layout")
    result = Converted()

    def add(name: str, data: bytes, report: Report | None = None) -> None:
        path = root / f"{name}.docx"
        path.write_bytes(data)
        result.docx[name] = path
        if report is not None:
            result.reports[name] = report

    grid = synthetic_report(GRID_PARAGRAPHS)
    add("grid", render_docx_bytes(grid, variant="public"), grid)
    formal = synthetic_report(GRID_PARAGRAPHS, copy_to=COPY_TO)
    add("formal", render_docx_bytes(formal, variant="formal"), formal)
    for name, paragraph_lines in SIGNATURE_CASES.items():
        report = synthetic_report(paragraph_lines)
        data = render_docx_bytes(report, variant="public")
        add(name, data, report)
        add("nochain-" + name, strip_keep_next(data), report)
    for path in EXAMPLES:
        for variant in VARIANTS:
            name = example_name(path, variant)
            try:
                report, _ = load_report(path)
                add(name, render_docx_bytes(report, variant=variant), report)
            except Exception as exc:  # noqa: BLE001 - reported by the tests that use this example
                result.errors[name] = f"could not render {path.name} ({variant}): {type(exc).__name__}: {exc}"

    names = list(result.docx)
    pdfs = convert_to_pdf([result.docx[n] for n in names], root / "pdf", timeout=300)
    result.pdf = dict(zip(names, pdfs, strict=True))
    return result


# ---------------------------------------------------------------- helpers


def is_han_line(line: Line) -> bool:
    return all(g.text in ALPHABET for g in line.visible)


def han_paragraphs(layout: Layout) -> list[list[tuple[Page, Line]]]:
    """The pure-Han body lines grouped into paragraphs: a paragraph starts at an indented line."""
    paragraphs: list[list[tuple[Page, Line]]] = []
    for page in layout.pages:
        for line in page.lines:
            if not is_han_line(line):
                continue
            indented = line.x0 > TEXT_LEFT_MM + CHAR_3  # first lines start two characters in
            if indented or not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append((page, line))
    return paragraphs


def body_lines(page: Page) -> list[Line]:
    return [line for line in page.lines if is_han_line(line)]


def find_line(page: Page, text: str, *, exact: bool = False) -> Line | None:
    """The first line of *page* containing *text* (equal to it with *exact*), white space ignored."""
    needle = "".join(text.split())
    for line in page.lines:
        found = "".join(line.text.split())
        if needle and (needle == found if exact else needle in found):
            return line
    return None


def page_with(layout: Layout, text: str, *, exact: bool = False) -> tuple[Page, Line] | tuple[None, None]:
    for page in layout.pages:
        line = find_line(page, text, exact=exact)
        if line is not None:
            return page, line
    return None, None


def docx_text(path: Path) -> str:
    """The text of the document body in order (paragraphs and table cells), white space removed."""
    return "".join("".join(docx_paragraphs(path)).split())


def pdf_text(layout: Layout) -> str:
    """All text of the PDF except the page numbers, in reading order, white space removed."""
    text = []
    for page in layout.pages:
        text += [line.text for line in page.lines]
        text += [line.text for line in page.footer_lines if DASH not in line.text]  # not the page number
    return "".join("".join(text).split())


def text_differences(expected: str, got: str, limit: int = 8) -> str:
    """The places where the PDF text differs from the docx text, with some context."""
    import difflib

    out = []
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(f"{op} at {i1}: docx {expected[i1:i2]!r} → pdf {got[j1:j2]!r} "
                   f"in …{expected[max(0, i1 - 12):i2 + 12]}…")
    more = f"\n… and {len(out) - limit} more" if len(out) > limit else ""
    return f"{len(out)} difference(s) between the docx and the PDF text:\n" + "\n".join(out[:limit]) + more


# ---------------------------------------------------------------- page and grid


@pytest.mark.parametrize("name", ["grid", "formal"])
def test_page_size_is_a4(converted: Converted, name: str) -> None:
    for page in converted.layout(name).pages:
        print(f"{name} p{page.number}: {page.width:.2f} × {page.height:.2f} mm")
        assert page.width == pytest.approx(210, abs=0.5)
        assert page.height == pytest.approx(297, abs=0.5)


@pytest.mark.parametrize("name", ["grid", "formal"])
def test_flush_left_lines_start_at_28mm(converted: Converted, name: str) -> None:
    layout = converted.layout(name)
    continuation = [line for par in han_paragraphs(layout) for _, line in par[1:]]
    assert continuation, "no continuation lines found"
    lefts = [line.x0 for line in continuation]
    print(f"{name}: continuation lines start at {min(lefts):.2f}–{max(lefts):.2f} mm ({len(lefts)} lines)")
    for line in continuation:
        assert line.x0 == pytest.approx(TEXT_LEFT_MM, abs=1), line
    firsts = [par[0][1] for par in han_paragraphs(layout)]
    print(f"{name}: first lines start at {min(line.x0 for line in firsts):.2f}–{max(line.x0 for line in firsts):.2f} mm "
          f"(expected {TEXT_LEFT_MM + 2 * CHAR_3:.2f}: 左空二字)")
    for line in firsts:
        assert line.x0 == pytest.approx(TEXT_LEFT_MM + 2 * CHAR_3, abs=1), line
    if name == "formal":
        _, recipient = page_with(layout, SUPERIOR + "：")
        assert recipient is not None, "主送 line not found"
        print(f"formal: 主送 line {recipient.text!r} starts at {recipient.x0:.2f} mm")
        assert recipient.x0 == pytest.approx(TEXT_LEFT_MM, abs=1)


def test_22_lines_per_full_page(converted: Converted) -> None:
    layout = converted.layout("grid")
    assert len(layout.pages) >= 4, f"the synthetic report should fill at least 3 pages, got {len(layout.pages)}"
    full_pages = layout.pages[1:-1]
    for page in full_pages:
        lines = body_lines(page)
        pitches = [(b.baseline - a.baseline) / PT for a, b in zip(lines, lines[1:], strict=False)]
        print(f"grid p{page.number}: {len(lines)} body lines (of {len(page.lines)}), baselines "
              f"{lines[0].baseline:.2f}–{lines[-1].baseline:.2f} mm, pitch {min(pitches):.3f}–{max(pitches):.3f} pt")
        assert len(page.lines) == len(lines), f"page {page.number}: unexpected non-body lines"
        assert len(lines) == 22, f"page {page.number} has {len(lines)} lines"
        for pitch in pitches:
            assert pitch == pytest.approx(LINE_PITCH_PT, abs=0.2)
        # the 22 lines fill the 版心: the first line's glyphs start near its top
        assert lines[0].top >= TEXT_TOP_MM - 0.5
        assert lines[-1].baseline <= TEXT_BOTTOM_MM


def test_28_characters_per_full_line(converted: Converted) -> None:
    layout = converted.layout("grid")
    paragraphs = han_paragraphs(layout)
    expected = [han_paragraph_lengths(n) for n in GRID_PARAGRAPHS]
    got = [sum(line.n_chars for _, line in par) for par in paragraphs]
    assert got == expected, "pure-Han paragraphs in the PDF differ from the rendered ones"
    spans = []
    for par in paragraphs:
        (_, first), *rest = par
        assert first.n_chars == 26, f"first line: {first}"
        for _, line in rest[:-1]:
            assert line.n_chars == 28, line
            spans.append(line)
        assert len(par) == 8, f"paragraph of {len(par)} lines, expected 8"
    widths = [line.x1 - line.x0 for line in spans]
    rights = [line.x1 for line in spans]
    print(f"grid: {len(spans)} full lines of 28 characters, span {min(widths):.2f}–{max(widths):.2f} mm, "
          f"right edge {min(rights):.2f}–{max(rights):.2f} mm")
    for line in spans:
        assert line.x1 - line.x0 == pytest.approx(TEXT_WIDTH_MM, abs=1), line
        assert line.x1 <= TEXT_RIGHT_MM + 0.5, line


@pytest.mark.parametrize("name", ["grid", "formal"])
def test_page_numbers(converted: Converted, name: str) -> None:
    layout = converted.layout(name)
    for page in layout.pages:
        number = page.page_number
        assert number is not None, f"page {page.number}: no “— N —” page number below the 版心"
        below = number.dash_centre - TEXT_BOTTOM_MM
        side = f"ends at {number.x1:.2f} mm" if page.number % 2 else f"starts at {number.x0:.2f} mm"
        print(f"{name} p{page.number}: {number.text!r} {side}; dash centre {number.dash_centre:.2f} mm = "
              f"{below:.2f} mm below the 版心 ({number.dash_centre_source})")
        assert number.text == f"— {page.number} —"
        if page.number % 2:  # odd: 居右空一字
            assert number.x1 == pytest.approx(TEXT_RIGHT_MM - CHAR_4, abs=2)
        else:  # even: 居左空一字
            assert number.x0 == pytest.approx(TEXT_LEFT_MM + CHAR_4, abs=2)
        assert below == pytest.approx(7, abs=2)


# ---------------------------------------------------------------- 版头 (formal page 1)


FORMAL_DOCS = ["formal"] + [example_name(p, "formal") for p in EXAMPLES]


@pytest.mark.parametrize("name", FORMAL_DOCS)
def test_formal_first_page(converted: Converted, name: str) -> None:
    layout = converted.layout(name)
    report = converted.reports[name]
    context = build_context(report, "formal")
    page = layout.pages[0]

    mark = "".join(g.text for g in page.red_glyphs)
    assert mark == "".join(context.agency_mark.split()), f"red text on page 1: {mark!r}"
    mark_x0, mark_x1 = page.red_glyphs[0].x0, page.red_glyphs[-1].x1
    box_top = min(g.top for g in page.red_glyphs)
    ink = ink_extent(layout.path, 1, (mark_x0, box_top - 5, mark_x1, max(g.bottom for g in page.red_glyphs) + 5))
    mark_top = ink[0] if ink else box_top
    print(f"{name}: 标志 {mark!r} {mark_x0:.2f}–{mark_x1:.2f} mm, centre {(mark_x0 + mark_x1) / 2:.2f} mm, "
          f"{'ink' if ink else 'glyph box'} top {mark_top:.2f} mm = {mark_top - TEXT_TOP_MM:.2f} mm below the 版心 "
          f"top (7.2.4: 35 mm); size {page.red_glyphs[0].size:g} pt")
    assert (mark_x0 + mark_x1) / 2 == pytest.approx(PAGE_CENTRE_X, abs=2)

    rules = [g for g in page.red_graphics if g.horizontal]
    assert rules, "no red horizontal rule on page 1"
    rule = rules[0]
    print(f"{name}: red rule {rule.x0:.2f}–{rule.x1:.2f} mm ({rule.width:.2f} mm, {rule.thickness:.2f} pt) "
          f"at {rule.y:.2f} mm")
    assert rule.x0 == pytest.approx(TEXT_LEFT_MM, abs=1)
    assert rule.x1 == pytest.approx(TEXT_RIGHT_MM, abs=1)

    if context.doc_number or context.signer:
        number_line = find_line(page, context.doc_number or "签发人：")
        assert number_line is not None, "发文字号 line not found on page 1"
        ink = ink_extent(layout.path, 1, (number_line.x0, number_line.top - 2, number_line.x1, rule.y - 0.5))
        ink_bottom = ink[1] if ink else number_line.baseline
        print(f"{name}: 发文字号 line starts at {number_line.x0:.2f} mm, ends at {number_line.x1:.2f} mm, baseline "
              f"{number_line.baseline:.2f} mm, {'ink' if ink else 'baseline'} bottom {ink_bottom:.2f} mm; the red "
              f"rule is {rule.y - ink_bottom:.2f} mm below it (7.2.7: 4 mm below the 发文字号)")
        assert rule.y > number_line.baseline, "the red rule is below the 发文字号 line"
    if context.doc_number:
        assert number_line.x0 == pytest.approx(TEXT_LEFT_MM + CHAR_3, abs=1), "发文字号 居左空一字"
    if context.signer:
        signer = number_line.span("签发人：" + context.signer)
        assert signer is not None, number_line
        print(f"{name}: “签发人：{context.signer}” {signer[0]:.2f}–{signer[1]:.2f} mm "
              f"(label ends at {number_line.span('签发人：')[1]:.2f} mm)")
        assert signer[1] == pytest.approx(TEXT_RIGHT_MM - CHAR_3, abs=1), "签发人 居右空一字"

    for text in context.title_lines:
        line = find_line(page, text)
        assert line is not None, f"title line {text!r} not on page 1"
        print(f"{name}: title line {text!r} {line.x0:.2f}–{line.x1:.2f} mm, centre {(line.x0 + line.x1) / 2:.2f}")
        assert (line.x0 + line.x1) / 2 == pytest.approx(PAGE_CENTRE_X, abs=2)

    body = [p.full_text for p in context.paragraphs]
    first_body = "".join((context.opening + body)[0].split())[:4]
    page_one = "".join(page.text.split())
    assert first_body in page_one, f"page 1 shows no body text (looked for {first_body!r})"


# ---------------------------------------------------------------- 落款 and 版记


def signature_page(converted: Converted, name: str) -> tuple[Layout, Page, Page]:
    layout = converted.layout(name)
    report = converted.reports[name]
    context = build_context(report, "public")
    name_page, _ = page_with(layout, context.signature_name, exact=True)
    date_page, _ = page_with(layout, context.signature_date, exact=True)
    assert name_page is not None and date_page is not None, f"{name}: 署名 or date not found"
    return layout, name_page, date_page


def check_signature_cases(converted: Converted, cases: dict[str, list[int]]) -> tuple[list[str], list[str]]:
    """Print where each case's 落款 lands; return (failures, cases the chain must protect)."""
    summary, unprotected, failures = [], [], []
    for name, paragraph_lines in cases.items():
        layout, name_page, date_page = signature_page(converted, name)
        # 正文 on the 署名 page: its paragraphs' lines, or the 结束语 “特此报告。” (the 正文's last sentence)
        closing = find_line(name_page, "特此报告。", exact=True)
        body_on_page = len(body_lines(name_page)) + (closing is not None)
        before = layout.pages[name_page.number - 2] if name_page.number > 1 else None
        summary.append(f"{name}: 署名 on p{name_page.number} with {body_on_page} body line(s)"
                       + (" (the 结束语)" if closing is not None and body_on_page == 1 else "")
                       + ("" if before is None else f"; p{before.number} holds {len(before.lines)} line(s)"))
        if name_page.number != date_page.number:
            failures.append(f"{name}: 署名 (p{name_page.number}) and date (p{date_page.number}) on different pages")
        if body_on_page == 0:
            failures.append(f"{name} (paragraph lines {paragraph_lines}): the 署名 page p{name_page.number} "
                            "has no body text")
        if before is not None and name_page.number > 2 and len(before.lines) < GRID_LINES - MOVED_LINES_MAX:
            # lines moved, not a whole long paragraph: the page before keeps its text (page 1 has the 版头)
            failures.append(f"{name}: p{before.number} holds only {len(before.lines)} lines; the chain moved "
                            "a whole paragraph")
        _, control_page, control_date = signature_page(converted, "nochain-" + name)
        if not body_lines(control_page) or not body_lines(control_date):
            unprotected.append(name)
    print("\n  ".join(["落款 placement:"] + summary))
    print(f"without keep-with-next the 署名 or date would stand without body text in: {unprotected}")
    return failures, unprotected


def test_signature_shares_a_page_with_body_text(converted: Converted) -> None:
    failures, unprotected = check_signature_cases(converted, SWEEP_CASES)
    assert unprotected, "no case reaches a page end where the 落款 would stand alone: retune SWEEP_CASES"
    assert not failures, "\n".join(failures)


def test_signature_after_a_long_last_paragraph(converted: Converted) -> None:
    """A long last paragraph stays where it is; the 结束语 carries 正文 onto the 署名 page (render/post.py)."""
    failures, unprotected = check_signature_cases(converted, LONG_LAST_CASES)
    assert unprotected, "no case reaches a page end where the 落款 would stand alone: retune LONG_LAST_CASES"
    assert not failures, "\n".join(failures)


IMPRINT_DOCS = ["formal"] + [example_name(p, "formal") for p in EXAMPLES]


@pytest.mark.parametrize("name", IMPRINT_DOCS)
def test_imprint_on_last_page(converted: Converted, name: str) -> None:
    layout = converted.layout(name)
    imprint = build_context(converted.reports[name], "formal").imprint
    if imprint is None:
        pytest.skip("no 版记")
    last = layout.pages[-1]
    printed = find_line(last, imprint.printed_by + imprint.printed_date)
    assert printed is not None, f"印发 line not on the last page (page {len(layout.pages)})"
    if imprint.copy_to:
        assert find_line(last, imprint.copy_to[:12]) is not None, "抄送 line not on the last page"
    rules = [g for g in last.rules if g.width > TEXT_WIDTH_MM - 2]
    for g in rules:
        print(f"{name}: 版记 rule {g.x0:.2f}–{g.x1:.2f} mm ({g.width:.2f} mm), {g.thickness:.2f} pt at {g.y:.2f} mm")
    expected = 3 if imprint.copy_to else 2
    assert len(rules) == expected, f"expected {expected} 156 mm rules on the last page, found {len(rules)}"
    for g in (rules[0], rules[-1]):
        assert g.x0 == pytest.approx(TEXT_LEFT_MM, abs=1)
        assert g.x1 == pytest.approx(TEXT_RIGHT_MM, abs=1)
    bottom = rules[-1]
    print(f"{name}: last 版记 line (印发) baseline {printed.baseline:.2f} mm; bottom rule at {bottom.y:.2f} mm = "
          f"{TEXT_BOTTOM_MM - bottom.y:.2f} mm above the 版心 bottom ({TEXT_BOTTOM_MM:.0f} mm); "
          f"page {last.number} of {len(layout.pages)}")
    assert abs(bottom.y - TEXT_BOTTOM_MM) <= LINE_PITCH_MM, "7.4.1: the last 版记 line sits on the 版心 bottom"


# ---------------------------------------------------------------- every example


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("variant", VARIANTS)
def test_example_text_survives_conversion(converted: Converted, path: Path, variant: str) -> None:
    name = example_name(path, variant)
    layout = converted.layout(name)
    print(f"{name}: {len(layout.pages)} page(s)")
    assert len(layout.pages) >= 1
    expected, got = docx_text(converted.docx[name]), pdf_text(layout)
    if got != expected:
        pytest.fail(text_differences(expected, got), pytrace=False)
