"""Put the 版记 page of a formal report on an even page: render, count pages in LibreOffice, adjust.

The 版记 itself is a floating table anchored to the bottom margin (tools/build_templates.py), so its last
rule sits on the 版心 bottom of whatever page its anchor lands on, by construction. Which page that is
depends on the renderer's line breaking, so the parity cannot be constructed; it is measured. One
LibreOffice call converts the documents as rendered (A); B is A with a page break before the 版记's anchor.

A has N pages. N even: A is kept. N odd and page N also carries text (read from A's PDF, pdf_pages.py;
where that cannot be told, B is converted too and has N + 1 pages): the 版记 shared page N with the text;
B moves it alone to page N + 1 (even, numbered: no blank page precedes it). N odd and page N holds only the
版记: it already stood alone on odd page N, so the text ends on even page N − 1; then page N becomes a
blank page and the 版记 moves to N + 1, both in sections with empty footers (GB/T 9704 7.5: 空白页和版记页
均不编排页码). Without LibreOffice, A is kept and a warning says the parity was not checked.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Optional, cast

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


def settle_imprints(documents: list[bytes], *, timeout: float = 300, keep_profile: bool = False,
                    pdfs: dict[int, bytes] | None = None, speculate: Collection[int] = (),
                    b_first: Collection[int] = ()) -> list[tuple[bytes, list[Problem]]]:
    """Each of *documents* with its 版记 on an even page, and its warnings: ONE LibreOffice call for all of them
    (bulk settles a batch of bureaus at once; a document without a floating 版记 is returned as it is).

    Only A is converted: whether its last page also carries text is read from A's PDF (pdf_pages.py: any
    text in a size the 版记 and the page numbers do not use). B is converted, in a second call, only for
    the documents where that cannot be told (a custom template whose body shares the 版记's size, a PDF
    not read that way). *keep_profile*: the process's kept LibreOffice profile (bulk workers).

    *pdfs*, when given, receives the PDF LibreOffice made of each result that is a document it converted (A
    kept, or B converted and chosen), by index: a caller that wants the PDF has it without a second conversion.
    *speculate*: indices whose B is converted in the first call too, for a caller that wants the PDF and
    expects B to be chosen — one more document converted instead of a second LibreOffice start (~1.5 s).
    The choice is still made from A's measurement; a B converted in vain is dropped.
    *b_first*: indices whose B is converted in the first call INSTEAD of A, for a caller that converts many
    documents and expects B (render/pagination.py): when B's PDF shows the 版记 alone on an even page after
    text (see _settles), B is the result — one conversion per report, not two; otherwise A is converted in
    a second call and chosen from as usual.
    """
    from docx import Document as open_document

    from ..office import find_soffice, work_folder

    results: list[tuple[bytes, list[Problem]]] = [(docx, []) for docx in documents]
    todo = [i for i, docx in enumerate(documents) if _anchor(open_document(io.BytesIO(docx))) is not None]
    if not todo:
        return results
    if find_soffice() is None:
        for i in todo:
            results[i] = (documents[i], [Problem(NO_SOFFICE, Place("版记"), severity=WARNING)])
        return results
    try:
        with work_folder("imprint") as tmp:  # the reports' copies go on every exit path, signals included
            # A b_first document is converted as B alone: when B shows the 版记 alone on an even page after an
            # odd page of text, B is what A's measurement would choose (or, A's 版记 already alone on that even
            # page, what LibreOffice lays out the same): A is converted only when B does not settle it.
            alone = {i for i in todo if i in b_first}
            broken = {i: _with_page_break(documents[i]) for i in todo if i in speculate or i in alone}
            first = ({f"a{i:05d}": documents[i] for i in todo if i not in alone}
                     | {f"b{i:05d}": data for i, data in broken.items()})
            read, output = _convert(first, tmp / "first", timeout, keep_profile)
            pages_a = {i: read[f"a{i:05d}"] for i in todo if f"a{i:05d}" in read}
            pages_b = {i: read[f"b{i:05d}"] for i in broken if f"b{i:05d}" in read}
            settled_b = {i for i in alone if i in pages_b and _settles(documents[i], pages_b[i])}
            again_a = [i for i in alone if i not in settled_b]
            decided = _decide(documents, pages_a)  # i → the 版记 shares the last page with text
            need_b = [i for i in todo if i in pages_a and pages_a[i][0] % 2 and i not in decided and i not in pages_b]
            broken |= {i: _with_page_break(documents[i]) for i in todo
                       if i not in broken and (i in need_b or decided.get(i) is True)}
            output_second = output
            if need_b or again_a:
                second = ({f"b{i:05d}": broken[i] for i in need_b}
                          | {f"a{i:05d}": documents[i] for i in again_a})
                read_second, output_second = _convert(second, tmp / "second", timeout, keep_profile)
                pages_b |= {i: read_second[f"b{i:05d}"] for i in need_b if f"b{i:05d}" in read_second}
                pages_a |= {i: read_second[f"a{i:05d}"] for i in again_a if f"a{i:05d}" in read_second}
                decided |= _decide(documents, {i: pages_a[i] for i in again_a if i in pages_a})
                # a b_first B that failed is needed when its A cannot tell: said unchecked below
                need_b += [i for i in again_a if i in pages_a and pages_a[i][0] % 2 and i not in decided]
    except (OSError, RenderError) as exc:
        reason = exc.message if isinstance(exc, RenderError) else str(exc)
        for i in todo:
            results[i] = (documents[i], [_unchecked(reason)])
        return results
    for i in todo:
        if i in settled_b:
            results[i] = (broken[i], [])
            if pdfs is not None and _whole_pdf(pages_b[i]):
                pdfs[i] = pages_b[i][2]
            continue
        if i not in pages_a or (i in need_b and i not in pages_b):
            said = output if i not in pages_a and i not in alone else output_second
            results[i] = (documents[i], [_unchecked(f"LibreOffice 没有生成 PDF：{said.strip()[-200:]}")])
            continue
        pages = pages_a[i][0]
        if pages % 2 == 0:
            results[i] = (documents[i], [])
            if pdfs is not None and _whole_pdf(pages_a[i]):
                pdfs[i] = pages_a[i][2]
        elif decided.get(i, i in pages_b and pages_b[i][0] == pages + 1):
            results[i] = (broken[i], [])
            if pdfs is not None and i in pages_b and _whole_pdf(pages_b[i]):
                pdfs[i] = pages_b[i][2]
        else:
            results[i] = (_after_blank_page(documents[i]), [])
    return results


Read = tuple[int, Optional[list[set[float]]], bytes]  # a converted document: pages, each page's text sizes, the PDF


def _decide(documents: list[bytes], pages_a: dict[int, Read]) -> dict[int, bool]:
    """For each odd A whose PDF tells: whether its 版记 shares the last page with text."""
    decided = {}
    for i, found in pages_a.items():
        if found[0] % 2:
            shares = _shares_last_page(documents[i], found[1])
            if shares is not None:
                decided[i] = shares
    return decided


def _settles(docx: bytes, read_b: Read) -> bool:
    """Whether B (A with a page break before the 版记) has the 版记 alone on an even last page after a page
    of text: then its text ends on the odd page before it, so A is either one page shorter with the 版记
    sharing that odd page (and B is chosen) or already laid out as B is."""
    count, sizes, data = read_b
    if count % 2 or count < 2 or not sizes or not data.startswith(b"%PDF-"):
        return False
    own = _imprint_page_sizes(docx)
    if own is None:
        return False

    return not _has_text(sizes[-1], own) and _has_text(sizes[-2], own)


def _convert(documents: dict[str, bytes], folder: Path, timeout: float,
             keep_profile: bool) -> tuple[dict[str, Read], str]:
    """Convert *documents* (by file stem) in one call: each one's page count, its pages' text sizes, its PDF."""
    from ..office import convert_batch
    from .pdf_pages import page_text_sizes

    folder.mkdir()
    paths = {stem: folder / f"{stem}.docx" for stem in documents}
    for stem, path in paths.items():
        path.write_bytes(documents[stem])
    made, output = convert_batch(list(paths.values()), folder / "pdf", "pdf", timeout=timeout,
                                 keep_profile=keep_profile)
    read = {}
    for stem, path in paths.items():
        if path in made:
            data = made[path].read_bytes()
            count, sizes = pdf_page_count(data), page_text_sizes(data)
            read[stem] = (count, sizes if sizes is not None and len(sizes) == count else None, data)
    return read, output


def _whole_pdf(read: Read) -> bool:
    """A PDF with pages, as LibreOffice writes one (a crashed conversion can leave something else)."""
    return read[0] > 0 and read[2].startswith(b"%PDF-")


def _shares_last_page(docx: bytes, sizes: list[set[float]] | None) -> bool | None:
    """Whether the last page holds text besides the 版记 and the page number; None when that cannot be told."""
    if not sizes:
        return None
    own = _imprint_page_sizes(docx)
    if own is None:
        return None
    return _has_text(sizes[-1], own)


def _has_text(page: set[float], own: set[float]) -> bool:
    """Whether a page holds text in a size other than the 版记's and the page numbers' (*own*)."""
    return any(all(abs(size - mine) > 0.05 for mine in own) for size in page)


def _imprint_page_sizes(docx: bytes) -> set[float] | None:
    """The sizes (pt) the 版记 and the page numbers are set in, if the body's size is none of them."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as package:  # fzbg's own rendering, not a submitted file
        styles = etree.fromstring(package.read("word/styles.xml"))
    sizes: dict[str, float] = {}
    for style_id in ("Body", "Imprint", "FzPageNumber"):
        found = styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr/w:sz", namespaces=_NS)
        value = None if found is None else found.get(f"{{{_NS['w']}}}val")
        if value is None or not value.isdigit():
            return None
        sizes[style_id] = int(value) / 2
    own = {sizes["Imprint"], sizes["FzPageNumber"]}
    return None if sizes["Body"] in own else own


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


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
