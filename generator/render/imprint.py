"""Put the 版记 page of a formal report on an even page: render, count pages in LibreOffice, adjust.

The 版记 itself is a floating table anchored to the bottom margin (tools/build_templates.py), so its last
rule sits on the 版心 bottom of whatever page its anchor lands on, by construction. Which page that is
depends on the renderer's line breaking, so the parity cannot be constructed; it is measured. One
LibreOffice call converts two versions of the document:

- A, as rendered;
- B, with a page break before the 版记's anchor.

A has N pages. N even: A is kept. N odd and B has N + 1 pages: the 版记 shared page N with the text; B
moves it alone to page N + 1 (even, numbered: no blank page precedes it). N odd and B also has N pages:
the 版记 already stood alone on odd page N, so the text ends on even page N − 1; then page N becomes a
blank page and the 版记 moves to N + 1, both in sections with empty footers (GB/T 9704 7.5: 空白页和版记页
均不编排页码). Without LibreOffice, A is kept and a warning says the parity was not checked.
"""

from __future__ import annotations

import copy
import io
import re
from typing import TYPE_CHECKING, cast

from ..errors import WARNING, Place, Problem, RenderError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.paragraph import CT_P
    from lxml import etree

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
NO_SOFFICE = (
    "未找到 LibreOffice：版记已固定在末页版心下边缘，但无法核对它是否排在双页；"
    "双面印刷前请确认总页数为偶数，或安装 LibreOffice 后重新生成"
)


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF written by LibreOffice (its page objects are not compressed into object streams)."""
    return len(_PAGE.findall(data))


def settle_imprint(docx: bytes, *, even_page: bool = True, timeout: float = 300) -> tuple[bytes, list[Problem]]:
    """*docx* with its 版记 on an even page (see the module docstring), and warnings."""
    if not even_page:
        return docx, []
    return settle_imprints([docx], timeout=timeout)[0]


def settle_imprints(documents: list[bytes], *, timeout: float = 300) -> list[tuple[bytes, list[Problem]]]:
    """Each of *documents* with its 版记 on an even page, and its warnings: ONE LibreOffice call for all of them
    (bulk settles a batch of bureaus at once; a document without a floating 版记 is returned as it is)."""
    from docx import Document as open_document

    from ..office import convert_batch, find_soffice, work_folder

    results: list[tuple[bytes, list[Problem]]] = [(docx, []) for docx in documents]
    todo = [i for i, docx in enumerate(documents) if _anchor(open_document(io.BytesIO(docx))) is not None]
    if not todo:
        return results
    if find_soffice() is None:
        for i in todo:
            results[i] = (documents[i], [Problem(NO_SOFFICE, Place("版记"), severity=WARNING)])
        return results
    broken = {i: _with_page_break(documents[i]) for i in todo}
    try:
        with work_folder("imprint") as tmp:  # the reports' copies go on every exit path, signals included
            pairs = {i: (tmp / f"a{i:05d}.docx", tmp / f"b{i:05d}.docx") for i in todo}
            for i, (a, b) in pairs.items():
                a.write_bytes(documents[i])
                b.write_bytes(broken[i])
            made, output = convert_batch([p for pair in pairs.values() for p in pair], tmp / "pdf", "pdf",
                                         timeout=timeout)
            pages = {i: (pdf_page_count(made[a].read_bytes()) if a in made else None,
                         pdf_page_count(made[b].read_bytes()) if b in made else None)
                     for i, (a, b) in pairs.items()}
    except (OSError, RenderError) as exc:
        reason = exc.message if isinstance(exc, RenderError) else str(exc)
        for i in todo:
            results[i] = (documents[i], [_unchecked(reason)])
        return results
    for i, (pages_a, pages_b) in pages.items():
        if pages_a is None or pages_b is None:
            results[i] = (documents[i], [_unchecked(f"LibreOffice 没有生成 PDF：{output.strip()[-200:]}")])
        elif pages_a % 2 == 0:
            results[i] = (documents[i], [])
        elif pages_b == pages_a + 1:
            results[i] = (broken[i], [])
        else:
            results[i] = (_after_blank_page(documents[i]), [])
    return results


def _unchecked(reason: str) -> Problem:
    return Problem(f"无法用 LibreOffice 核对版记所在页（{reason}），版记可能不在双页", Place("版记"), severity=WARNING)


def _anchor(document: Document) -> CT_P | None:
    """The paragraph after the floating 版记 table (its anchor), or None when there is none."""
    from docx.oxml.ns import qn

    for table in document.element.body.iterchildren(qn("w:tbl")):
        styles = {s.get(qn("w:val")) for s in table.iter(qn("w:pStyle"))}
        if "Imprint" in styles and table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}") is not None:
            following = table.getnext()
            if following is not None and following.tag == qn("w:p"):
                return cast("CT_P", following)
    return None


def _save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_page_break(docx: bytes) -> bytes:
    from docx import Document as open_document

    document = open_document(io.BytesIO(docx))
    anchor = _anchor(document)
    assert anchor is not None  # checked by the caller
    from docx.text.paragraph import Paragraph

    Paragraph(anchor, document._body).paragraph_format.page_break_before = True
    return _save(document)


def _after_blank_page(docx: bytes) -> bytes:
    """The body ends its section; the last section, without page numbers, holds a blank page and the 版记.

    The body's section break rides on the last paragraph before the 版记 (an empty paragraph holding it
    would take a line of its own and could spill onto a page of its own; LibreOffice also drops such
    paragraphs). The blank page is made by a page break inside the last section, not by a section of its
    own: LibreOffice merges a section that holds only an empty paragraph (measured).
    """
    from docx import Document as open_document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = open_document(io.BytesIO(docx))
    anchor = _anchor(document)
    assert anchor is not None
    table = anchor.getprevious()
    assert table is not None  # _anchor found it
    last = table.getprevious()
    final = document.element.body.find(qn("w:sectPr"))
    assert final is not None and last is not None and last.tag == qn("w:p")
    cast("CT_P", last).get_or_add_pPr().append(copy.deepcopy(final))  # the body's section keeps its numbered footers
    table.addprevious(OxmlElement("w:p"))  # the blank page's only paragraph
    Paragraph(anchor, document._body).paragraph_format.page_break_before = True
    for reference in final.findall(qn("w:footerReference")):
        final.remove(reference)
    _set_next_page(final)
    section = document.sections[-1]
    section.footer.is_linked_to_previous = False  # new, empty footer parts: no page number
    section.even_page_footer.is_linked_to_previous = False
    return _save(document)


def _set_next_page(sect_pr: etree._Element) -> None:
    from docx.enum.section import WD_SECTION_START
    from docx.section import Section

    Section(sect_pr, None).start_type = WD_SECTION_START.NEW_PAGE  # type: ignore[arg-type]
