"""The 草稿 mark: a draft written despite check errors must never pass for the final version.

The mark goes into every page header of the .docx (first, odd and even page headers of every section),
so Word, WPS and the PDF made from it show it on each page; an HTML page gets a fixed banner, which
browsers repeat on every printed page. The body text is not touched, so a draft lays out as the final.
"""

from __future__ import annotations

import io

DRAFT_TEXT = "草稿　未通过检查，不得作为正式文件报送"
DRAFT_COLOR = "C00000"


def mark_docx(data: bytes) -> bytes:
    """*data* (a .docx) with the 草稿 mark at the top of every page header."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    document = Document(io.BytesIO(data))
    for index, section in enumerate(document.sections):
        for header in (section.header, section.first_page_header, section.even_page_header):
            if header.is_linked_to_previous:
                if index > 0:
                    continue  # shows the previous section's header, which already carries the mark
                header.is_linked_to_previous = False
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            paragraph = first.insert_paragraph_before() if first.text.strip() else first
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(DRAFT_TEXT)
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(DRAFT_COLOR)
    document.core_properties.title = f"【草稿】{document.core_properties.title or ''}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_BANNER_CSS = (
    "<style>.fzbg-draft{position:fixed;top:0;left:0;right:0;text-align:center;font-weight:bold;"
    f"color:#{DRAFT_COLOR};background:#fff3f3;border-bottom:1px solid #{DRAFT_COLOR};padding:4px;z-index:9}}"
    "body{padding-top:2.5em}</style>\n"
)


def mark_html(page: str) -> str:
    """*page* (from render_html) with a 草稿 banner on screen and on every printed page."""
    banner = f'<div class="fzbg-draft" role="note">{DRAFT_TEXT}</div>\n'
    page = page.replace("</head>", _BANNER_CSS + "</head>", 1)
    page = page.replace("<title>", "<title>【草稿】", 1)
    return page.replace("<body>\n", "<body>\n" + banner, 1)


