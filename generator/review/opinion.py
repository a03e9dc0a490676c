"""The 退回修改意见单 of one unit: a GB/T 9704 page (python-docx) with the file, the date and the findings
grouped 必须修改 / 建议修改, each with its place and basis.

Its layout numbers come from ``generator.render.gbt9704`` and its fonts from the gb2312 profile, so the form
the city bureau sends back keeps the rules it enforces.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ..model.vocabulary import FontProfile
from ..render import gbt9704 as std
from ..render.fonts import FONT_PROFILES
from .model import MUST, PASSED, RETURN, SHOULD, Finding, Submission

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

FONTS = FONT_PROFILES[FontProfile.gb2312]
_CN = "一二三四五六七八九十"
_PROTOTYPES: dict[tuple[object, ...], _Element] = {}  # per document being built: see opinion_bytes


def _set_font(run: object, font: str, half_points: int, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.text.run import Run

    assert isinstance(run, Run)
    run.font.size = Pt(half_points / 2)
    run.font.name = FONTS["latin"]
    run.font.bold = bold or None
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _paragraph(document: Document, text: str, font: str = FONTS["fangsong"], size: int = std.SIZE_3,
               center: bool = False, indent: bool = True, line: int = std.LINE) -> None:
    """Append a paragraph. The first of each look is built through python-docx; later ones are copies of it
    with their own text, as building the XML through python-docx's proxies cost most of a form's time."""
    key = (font, size, center, indent, line, bool(text))
    prototype = _PROTOTYPES.get(key)
    body = document.element.body
    if prototype is not None:
        element = copy.deepcopy(prototype)
        for t in element.iter(qn("w:t")):
            t.text = text
        if body.sectPr is not None:
            body.sectPr.addprevious(element)
        else:
            body.append(element)
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.shared import Twips

    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Twips(line)
    layout.space_before = layout.space_after = Twips(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        layout.first_line_indent = Twips(std.PARAGRAPH_INDENT)
    if text:
        run = paragraph.add_run(text)
        _set_font(run, font, size)
        tighten = OxmlElement("w:spacing")  # 28 characters a line (gbt9704.CHAR_TIGHTEN); python-docx has no API
        tighten.set(qn("w:val"), str(std.CHAR_TIGHTEN))
        run._element.get_or_add_rPr().append(tighten)
    _PROTOTYPES[key] = copy.deepcopy(paragraph._p)


def _page(document: Document) -> None:
    from docx.shared import Twips

    section = document.sections[0]
    section.page_width, section.page_height = Twips(std.PAGE_WIDTH), Twips(std.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(std.MARGIN_TOP), Twips(std.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(std.MARGIN_LEFT), Twips(std.MARGIN_RIGHT)
    section.footer_distance = Twips(std.FOOTER_DISTANCE)
    _page_number(section.footer.paragraphs[0])


def _page_number(paragraph: object) -> None:
    """“— N —” in 4号宋体 (7.5); one footer, centred, as a one- or two-page form needs no odd/even pair."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run(std.PAGE_NUMBER_DASH + " "), FONTS["songti"], std.SIZE_4)
    run = paragraph.add_run()
    _set_font(run, FONTS["songti"], std.SIZE_4)
    for kind, text in (("begin", ""), ("", " PAGE "), ("end", "")):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = text
        run._element.append(element)
    _set_font(paragraph.add_run(" " + std.PAGE_NUMBER_DASH), FONTS["songti"], std.SIZE_4)


def finding_text(number: int, finding: Finding) -> str:
    return f"{number}.{finding.place}：{finding.message}（依据：{finding.basis}）"


def form_title(sub: Submission) -> str:
    """退回修改意见单 when something must change, else 审查意见单 (a report that passes is not sent back)."""
    return "审查意见单" if sub.status == PASSED else "退回修改意见单"


def opinion_bytes(sub: Submission, reviewer: str, today: dt.date) -> bytes:
    """The 退回修改意见单 of *sub* as .docx bytes."""
    import docx

    document = docx.Document()
    _PROTOTYPES.clear()  # prototypes belong to the document being built
    _page(document)
    _paragraph(document, form_title(sub), FONTS["xiaobiaosong"], std.SIZE_2, center=True, line=std.TITLE_LINE)
    _paragraph(document, "")
    _paragraph(document, f"{sub.unit}：", indent=False)
    fields = [("报送文件", sub.name), ("成文日期", sub.date or "未写明"), ("收到时间", sub.received)]
    if sub.on_time:
        fields.append(("是否按时", sub.on_time))
    _paragraph(document, "经审查，你单位报送的法治政府建设年度报告有以下问题，请修改后重新报送。"
               if sub.status == RETURN else "经审查，你单位报送的法治政府建设年度报告没有必须修改的问题，以下建议供参考。"
               if sub.readable else "你单位报送的文件无法读取，请按以下意见重新报送。")
    for label, value in fields:
        _paragraph(document, f"{label}：{value}")
    musts = [f for f in sub.findings if f.level == MUST]
    shoulds = [f for f in sub.findings if f.level == SHOULD]
    if not sub.readable:
        musts = [Finding(MUST, sub.reason, "法制部门审查意见")]
    groups = [(MUST, musts), (SHOULD, shoulds)]
    for shown, (label, items) in enumerate(groups):
        _paragraph(document, f"{_CN[shown]}、{label}（{len(items)} 项）", FONTS["heiti"])
        if not items:
            _paragraph(document, "无。")
        for number, finding in enumerate(items, 1):
            _paragraph(document, finding_text(number, finding))
    _paragraph(document, "")
    _paragraph(document, reviewer, indent=False, center=False)
    _paragraph(document, f"{today.year}年{today.month}月{today.day}日", indent=False)
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for paragraph in document.paragraphs[-2:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # 署名 and date of the form
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
