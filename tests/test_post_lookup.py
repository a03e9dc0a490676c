"""render/post.py finds paragraphs and character styles by lxml/XPath: the same ones python-docx's proxies give."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from generator.api import load_report
from generator.render import post, quotes
from generator.render.docx import default_template_bytes, render_docx_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# A styles part with the cases python-docx resolves specially: a duplicated id (the first one counts), a
# paragraph style used as a character style, a style without w:type (a paragraph style), two defaults.
STYLES = f"""<w:styles {W}>
  <w:style w:type="character" w:default="1" w:styleId="FirstDefault"/>
  <w:style w:type="character" w:styleId="Emph"/>
  <w:style w:type="paragraph" w:styleId="Dup"/>
  <w:style w:type="character" w:styleId="Dup"/>
  <w:style w:styleId="NoType"/>
  <w:style w:type="paragraph" w:styleId="Para"/>
  <w:style w:type="character" w:default="true" w:styleId="LastDefault"/>
</w:styles>"""


def test_character_styles_resolve_as_python_docx() -> None:
    """Verify _CharacterStyles gives run.style.style_id for ids present, absent, of another type and None."""
    from docx.oxml.parser import parse_xml

    document = Document(io.BytesIO(default_template_bytes()))
    for styles_xml in (STYLES, STYLES.replace(' w:default="true"', "").replace(' w:default="1"', "")):
        part = document.part._styles_part
        part._element = parse_xml(styles_xml.encode())
        fast = quotes._CharacterStyles(part.element)
        for style_id in ("Emph", "Dup", "NoType", "Para", "Missing", "FirstDefault", None):
            style = document.part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)
            expected = (style.style_id if style is not None else "") or ""
            assert fast.resolved(style_id) == expected, style_id


def test_paragraphs_by_style_are_python_docx_paragraphs() -> None:
    """Verify the XPath search finds, for every style of a rendered report, the paragraphs document.paragraphs has."""
    report, _ = load_report(Path(__file__).resolve().parent.parent / "examples" / "seed-haizhu-2024.yaml")
    document = Document(io.BytesIO(render_docx_bytes(report)))
    body = post.BodyParagraphs(document)
    by_proxy: dict[str | None, list[object]] = {}
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        by_proxy.setdefault(ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None, []).append(
            paragraph._p)
    assert len(by_proxy) > 5
    for style_id, expected in by_proxy.items():
        if style_id is not None:
            assert body.elements(style_id) == expected, style_id
    assert body.elements("NoSuchStyle") == []
