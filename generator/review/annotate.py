"""The annotated copy: the submitted .docx with each finding as a Word comment on its paragraph.

python-docx 1.2's comments API (``Document.add_comment``) writes the comments part; the copy is made from
the bytes read, so the submitted file is never opened for writing. Findings about the whole document (page
setup, page numbers, a missing item) are put on the first paragraph that has text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .model import Finding, Submission
from .styles import paragraphs, text_of

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P

AUTHOR = "法制部门"
INITIALS = "FZ"


def comment_text(finding: Finding) -> str:
    return f"【{finding.level}】{finding.message}（依据：{finding.basis}）"


def annotated_bytes(sub: Submission, author: str = AUTHOR) -> bytes:
    """A copy of the .docx of *sub* with its findings as comments."""
    import docx
    from docx.text.paragraph import Paragraph

    assert sub.docx is not None
    document = docx.Document(io.BytesIO(Path(sub.docx).read_bytes()))
    body = document.element.body
    elements = list(paragraphs(body))
    first = next((i for i, p in enumerate(elements) if text_of(p).strip()), 0)
    for finding in sub.findings:
        index = (finding.paragraph - 1) if finding.paragraph and finding.paragraph <= len(elements) else first
        paragraph = Paragraph(cast("CT_P", elements[index]), document._body)
        runs = [r for r in paragraph.runs if r.text]
        if not runs:
            runs = [paragraph.add_run("")]
        document.add_comment([runs[0], runs[-1]] if len(runs) > 1 else runs[0], text=comment_text(finding),
                             author=author, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
