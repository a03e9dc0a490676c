"""Hanging alignments and widths measured in LibreOffice: 附件说明 (7.3.4), 抄送 (7.4.2), 印发日期 (7.4.3),
full-width closing quotes after digits (docs/layout.md). One document, one soffice call."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from pdfmeasure import TEXT_LEFT_MM, TEXT_RIGHT_MM, Layout, Line, convert_to_pdf, measure

from generator.model.report import Report
from generator.render import post, quotes
from generator.render.docx import render_docx_bytes

pytestmark = [pytest.mark.layout, pytest.mark.slow]

PT = 25.4 / 72
CHAR_3 = 16 * PT
CHAR_4 = 14 * PT
LONG_NAME = "某某市公安局某某分局关于全面推进严格规范公正文明执法工作的实施方案及其配套制度汇编"
SECOND_NAME = "某某市公安局某某分局二〇二五年度行政执法案件评查情况统计表及各执法办案单位整改清单"
COPY_TO = ["某某市人民检察院", "某某市中级人民法院", "某某市司法局", "某某市人民政府法制办公室",
           "某某区人民政府", "某某区人民检察院"]
QUOTED = "全年受理群众诉求“1310”件，办结率“100%”，回访“满意”。"


def aligned_report() -> Report:
    return Report.model_validate({
        "year": 2025,
        "agency": {"name": "某某市公安局某某分局", "superior": "某某市公安局"},
        "document": {"number": "某公报字〔2026〕1号", "signer": "张三", "date": "2026-01-15",
                     "attachments": [LONG_NAME, SECOND_NAME], "copy_to": COPY_TO,
                     "imprint_even_page": False},
        "parts": [{"kind": "measures", "content": [QUOTED]}],
    })


INSTALLED_CJK = "Noto Sans CJK SC"  # fonts-noto-cjk: stands in for 仿宋_GB2312 where that font is absent


def with_font(docx: bytes, family: str) -> bytes:
    """*docx* with 仿宋_GB2312 renamed to *family*: the document as a machine with that font installed sees it."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xml"):
                data = data.replace("仿宋_GB2312".encode(), family.encode())
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def layouts(soffice: str, pdfplumber, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Layout]:
    """The report as rendered; with an installed 仿宋 stand-in; the same without the quote step (control)."""
    if shutil.which("fc-list") is None or INSTALLED_CJK not in subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout:
        pytest.skip(f"{INSTALLED_CJK} is not installed")
    root = tmp_path_factory.mktemp("align")
    docs = {"aligned": render_docx_bytes(aligned_report())}
    docs["installed"] = with_font(docs["aligned"], INSTALLED_CJK)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes, "full_width_quotes", lambda document, fonts: None)
        docs["control"] = with_font(render_docx_bytes(aligned_report()), INSTALLED_CJK)
    paths = []
    for name, data in docs.items():
        paths.append(root / f"{name}.docx")
        paths[-1].write_bytes(data)
    pdfs = convert_to_pdf(paths, root / "pdf")
    return {name: measure(pdf, ink=False) for name, pdf in zip(docs, pdfs, strict=True)}


@pytest.fixture(scope="module")
def layout(layouts: dict[str, Layout]) -> Layout:
    return layouts["aligned"]


def lines(layout: Layout) -> list[Line]:
    return [line for page in layout.pages for line in page.lines]


def line_with(layout: Layout, text: str) -> tuple[int, Line]:
    all_lines = lines(layout)
    for index, line in enumerate(all_lines):
        if text in "".join(line.text.split()):
            return index, line
    pytest.fail(f"no line with {text!r}")


def glyph_x(line: Line, text: str) -> float:
    span = line.span(text)
    assert span is not None, (text, line)
    return span[0]


def test_attachment_names_hang_under_their_first_character(layout: Layout) -> None:
    all_lines = lines(layout)
    index, first = line_with(layout, "附件：1." + LONG_NAME[:6])
    name_x = glyph_x(first, LONG_NAME[:2])
    wrap = all_lines[index + 1]
    print(f"附件：1. starts at {first.x0:.2f} mm, the name at {name_x:.2f} mm; its second line at {wrap.x0:.2f} mm")
    assert first.x0 == pytest.approx(TEXT_LEFT_MM + 2 * CHAR_3, abs=0.8), "附件说明 左空二字"
    # 1.2 mm: the hang is set for Times New Roman digits; where it is substituted (here) and LibreOffice adds its
    # CJK-Latin autospace after "1.", the name moves by up to 1.1 mm (measured) — a third of a character.
    assert wrap.x0 == pytest.approx(name_x, abs=1.2), "7.3.4: a wrapped name aligns with its first character"
    index2, second = line_with(layout, "2." + SECOND_NAME[:6])
    number_x = glyph_x(first, "1.")
    second_name_x = glyph_x(second, SECOND_NAME[:2])
    wrap2 = all_lines[index2 + 1]
    print(f"2. starts at {second.x0:.2f} mm (1. at {number_x:.2f}); its name at {second_name_x:.2f}, wrap at {wrap2.x0:.2f}")
    assert second.x0 == pytest.approx(number_x, abs=0.8), "2. under 1."
    assert wrap2.x0 == pytest.approx(second_name_x, abs=1.2)


def test_copy_to_continuation_starts_after_the_colon(layout: Layout) -> None:
    all_lines = lines(layout)
    index, first = line_with(layout, "抄送：")
    after_colon = glyph_x(first, COPY_TO[0][:2])
    wrap = all_lines[index + 1]
    print(f"抄送 line starts at {first.x0:.2f} mm, text after the colon at {after_colon:.2f}; second line at {wrap.x0:.2f}")
    assert first.x0 == pytest.approx(TEXT_LEFT_MM + CHAR_4, abs=0.8), "抄送 左空一字"
    assert wrap.x0 == pytest.approx(after_colon, abs=0.8), "7.4.2: continuation lines align after 抄送："


def test_printed_date_right_one_character(layout: Layout) -> None:
    _, printed = line_with(layout, "印发")
    end = printed.x1
    print(f"印发机关 starts at {printed.x0:.2f} mm; 印发日期 ends at {end:.2f} mm = {TEXT_RIGHT_MM - end:.2f} mm from the right")
    assert printed.x0 == pytest.approx(TEXT_LEFT_MM + CHAR_4, abs=0.8), "印发机关 左空一字"
    assert TEXT_RIGHT_MM - end == pytest.approx(CHAR_4, abs=0.8), "7.4.3: 印发日期 右空一字"


def quote_widths(layout: Layout) -> list[float]:
    _, line = line_with(layout, "1310")
    return [round(g.x1 - g.x0, 2) for g in line.visible if g.text in "“”"]


def test_closing_quotes_after_digits_are_full_width(layouts: dict[str, Layout]) -> None:
    """A closing quote after digits takes the Latin font in LibreOffice 7.4 (it ignores w:hint); its own run
    in the East-Asian font keeps it full width wherever that font is installed. Here the machine lacks
    仿宋_GB2312, so the check uses the installed stand-in, against a control without the quote step."""
    fixed, control = quote_widths(layouts["installed"]), quote_widths(layouts["control"])
    print(f"quote widths after the fix {fixed} mm, without it {control} mm (a 3号 cell is {CHAR_3:.2f} mm)")
    assert len(fixed) == len(control) >= 4
    assert all(width > 0.8 * CHAR_3 for width in fixed), "a quote is narrower than a full-width cell"
    if min(control) >= 0.6 * CHAR_3:
        # With fzbg's private fontconfig (office_fonts.py) the Latin stand-in draws full-width quotes too, so the
        # fix cannot be told from the control here; the widths of the fixed document were still checked above.
        pytest.skip(f"the control's quotes are full width with this machine's fonts ({control} mm)")


LINE_PITCH_MM = 28.95 * PT


def test_sealed_signature_date_right_four_and_name_centred(layout: Layout) -> None:
    """7.3.5.1 (the formal default): 成文日期右空四字, the 署名 centred over it, two blank lines for the seal."""
    all_lines = lines(layout)
    # the 署名: the last line that is exactly the agency name (the 标志 is the first)
    index = max(i for i, line in enumerate(all_lines) if "".join(line.text.split()) == "某某市公安局某某分局")
    name = all_lines[index]
    date = all_lines[index + 1]
    above = all_lines[index - 1]
    gap = (name.baseline - above.baseline) / LINE_PITCH_MM
    print(f"署名 {name.x0:.2f}–{name.x1:.2f} mm, date {date.text!r} {date.x0:.2f}–{date.x1:.2f} mm "
          f"({TEXT_RIGHT_MM - date.x1:.2f} mm from the right); the 署名 is {gap:.2f} lines below {above.text!r}")
    assert "".join(date.text.split()) == "2026年1月15日"
    # Both lines are centred in one box (render/post.py place_signature): the 署名's centre is the date's by
    # construction, whatever widths the renderer gives them.
    offset = (name.x0 + name.x1) / 2 - (date.x0 + date.x1) / 2
    print(f"署名 centre − date centre: {offset:.2f} mm")
    assert abs(offset) <= 0.3, "署名 centred over the date"
    # The box is sized by the model's width of the date (digits half a character, no space between digits
    # and Han), which is Word's. LibreOffice sets the date wider (its DOCX import ignores autoSpaceDE/DN and
    # adds ≈1.13 mm at each digit–Han boundary; here the digits also fall back to a wider font), and the
    # date's right margin moves by half of what it gained — no more: 右空四字 by the model.
    model_mm = post.text_width_tw("2026年1月15日") / 20 * PT
    gained = (date.x1 - date.x0) - model_mm
    print(f"date {date.x1 - date.x0:.2f} mm wide, the model {model_mm:.2f} mm")
    assert TEXT_RIGHT_MM - date.x1 == pytest.approx(4 * CHAR_3 - gained / 2, abs=0.5), "成文日期右空四字 (by the model)"
    assert gap == pytest.approx(3, abs=0.1), "two blank lines above the 署名 for the seal"
