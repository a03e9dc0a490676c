"""render/ppr.py writes paragraph properties byte for byte as python-docx's setters do, whatever the pPr holds."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from generator.render import ppr

# pPr contents as templates and Word write them: none, in schema order, out of order, with the target present.
PPRS = [
    None,
    "",
    '<w:pStyle w:val="Body"/>',
    '<w:pStyle w:val="Body"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/><w:rPr/>',
    '<w:jc w:val="right"/><w:pStyle w:val="Body"/><w:keepLines/>',  # out of order: python-docx's search order decides
    '<w:keepNext w:val="0"/><w:ind w:firstLine="640" w:right="10"/><w:sectPr/>',
    '<w:rPr/><w:ind w:hanging="320"/><w:widowControl/>',
    '<w:outlineLvl w:val="1"/><w:snapToGrid w:val="0"/>',
]


def paragraph(ppr_xml: str | None) -> etree._Element:
    inner = "" if ppr_xml is None else f"<w:pPr>{ppr_xml}</w:pPr>"
    return parse_xml(f"<w:p {nsdecls('w')}>{inner}<w:r><w:t>文字</w:t></w:r></w:p>")


def xml(element: etree._Element) -> bytes:
    return etree.tostring(element)


@pytest.mark.parametrize("ppr_xml", PPRS)
def test_keep_with_next_and_center_as_python_docx(ppr_xml: str | None) -> None:
    ours, theirs = paragraph(ppr_xml), paragraph(ppr_xml)
    ppr.keep_with_next(ours)
    ppr.center(ours)
    proxy = Paragraph(theirs, None)  # type: ignore[arg-type]
    proxy.paragraph_format.keep_with_next = True
    proxy.alignment = WD_ALIGN_PARAGRAPH.CENTER
    assert xml(ours) == xml(theirs)


@pytest.mark.parametrize("ppr_xml", PPRS)
@pytest.mark.parametrize(("left", "right", "first_line"), [
    (3200, None, -960), (None, 640, None), (0, 0, None), (2560, None, 640),  # twips
])
def test_indents_as_python_docx(ppr_xml: str | None, left: int | None, right: int | None,
                                first_line: int | None) -> None:
    ours, theirs = paragraph(ppr_xml), paragraph(ppr_xml)
    ppr.indent(ours, left=left, right=right, first_line=first_line)
    fmt = Paragraph(theirs, None).paragraph_format  # type: ignore[arg-type]
    if left is not None:
        fmt.left_indent = Twips(left)
    if right is not None:
        fmt.right_indent = Twips(right)
    if first_line is not None:
        fmt.first_line_indent = Twips(first_line)
    assert xml(ours) == xml(theirs)


@pytest.mark.parametrize("ppr_xml", [*PPRS, '<w:spacing w:lineRule="atLeast" w:line="300" w:before="20"/>',
                                     '<w:spacing w:after="10"/>'])
def test_exact_spacing_and_space_after_as_python_docx(ppr_xml: str | None) -> None:
    ours, theirs = paragraph(ppr_xml), paragraph(ppr_xml)
    ppr.exact_line_spacing(ours, 1320)
    ppr.space_after(ours, 340)
    fmt = Paragraph(theirs, None).paragraph_format  # type: ignore[arg-type]
    fmt.line_spacing = Twips(1320)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_after = Twips(340)
    assert xml(ours) == xml(theirs)


@pytest.mark.parametrize("inner", [
    "", "<w:r><w:t>甲</w:t></w:r>",
    '<w:r><w:t xml:space="preserve">甲 </w:t><w:tab/><w:br/><w:br w:type="page"/><w:cr/><w:noBreakHyphen/>'
    '<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t/></w:r>'
    '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>',
])
def test_paragraph_text_as_python_docx(inner: str) -> None:
    from generator.render.post import paragraph_text

    p = parse_xml(f"<w:p {nsdecls('w')}><w:pPr/>{inner}</w:p>")
    assert paragraph_text(p) == Paragraph(p, None).text  # type: ignore[arg-type]


def test_run_text_as_python_docx() -> None:
    from docx.text.run import Run

    from generator.render.post import run_text

    p = parse_xml(f"<w:p {nsdecls('w')}><w:r><w:rPr/><w:t>“甲”</w:t><w:tab/><w:br/><w:br w:type=\"column\"/>"
                  "<w:noBreakHyphen/><w:t/><w:cr/></w:r></w:p>")
    r = p[0]
    assert run_text(r) == Run(r, None).text == "“甲”\t\n-\n"  # type: ignore[arg-type]
