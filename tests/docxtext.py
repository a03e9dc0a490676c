"""The text of a rendered .docx as a reader sees it: body paragraphs and table cells, in order."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Union


def docx_paragraphs(source: Union[bytes, Path]) -> list[str]:
    """Non-empty paragraph texts of a .docx (bytes or a path) in body order, table cells included."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    out: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            out.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            for row in Table(element, document).rows:
                for cell in row.cells:
                    out += [p.text for p in cell.paragraphs]
    return [line for line in out if line.strip()]
