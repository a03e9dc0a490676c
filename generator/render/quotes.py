"""Quotation marks kept full width: each in a run of its own in the paragraph's East-Asian font.

In a run of digits or Latin, LibreOffice takes a shared-width mark's script from its neighbour and sets it in
the Latin font, half width ("1310” with a narrow ”); GB/T 15834 quotes are full width. A pass of
``render.docx``'s post-processing (render/post.py has the others), run inside ``post.one_pass``.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any, cast

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import XPath

from ..model.vocabulary import FontProfile
from .fonts import STYLE_ROLES, profile
from .post import body_of, paragraph_style

if TYPE_CHECKING:
    from lxml import etree

FULL_WIDTH_MARKS = "“”‘’"


def full_width_quotes(document: Document, profile_name: FontProfile) -> None:
    """Give quotation marks their own run in the paragraph's East-Asian font, so they stay full width."""
    fonts = profile(profile_name)
    # The runs whose w:t holds a mark, found by one XPath search in C (lxml makes Python objects only for what
    # it returns); only their paragraphs are looked at, and in them only those runs: the others were skipped.
    marked = cast("list[Any]", _MARKED_TEXT(document.element.body))
    if not marked:
        return
    runs = {t.getparent() for t in marked}
    paragraphs = {r.getparent() for r in runs}
    char_styles = _CharacterStyles(document.styles.element)
    for p, container in _all_paragraphs(document, paragraphs):
        quoted = [r for r in p.iterchildren(_R) if r in runs]  # those of paragraph.runs that can match
        if not quoted:
            continue
        paragraph = Paragraph(p, container)
        role = STYLE_ROLES.get(paragraph_style(p) or "Normal", "fangsong")
        for run in [Run(r, paragraph) for r in quoted]:
            text = run.text
            if not any(mark in text for mark in FULL_WIDTH_MARKS) or run._r.find(qn("w:t")) is None:
                continue
            char_role = STYLE_ROLES.get(char_styles.resolved(run._r.style), role)
            east_asian = fonts.get(char_role, fonts[role])
            pieces = [piece for piece in re.split(f"([{FULL_WIDTH_MARKS}])", text) if piece]
            for piece in pieces:
                new = copy.deepcopy(run._r)
                for child in list(new):
                    if child.tag != qn("w:rPr"):
                        new.remove(child)
                t = OxmlElement("w:t")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = piece
                new.append(t)
                if piece in FULL_WIDTH_MARKS:
                    rpr = new.find(qn("w:rPr"))
                    if rpr is None:
                        rpr = OxmlElement("w:rPr")
                        new.insert(0, rpr)
                    _set_rfonts_east_asian(rpr, east_asian)
                run._r.addprevious(new)
            parent = run._r.getparent()
            if parent is not None:
                parent.remove(run._r)


_R, _P_TAG = qn("w:r"), qn("w:p")


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
# ``run.text`` adds tabs, breaks and hyphens from a run's other children: only its w:t can hold a mark.
_MARKED_TEXT = XPath(".//w:t[" + " or ".join(f"contains(., '{mark}')" for mark in FULL_WIDTH_MARKS) + "]",
                     namespaces=_NS)


class _CharacterStyles:
    """``run.style.style_id`` (or "") for a run's rStyle value, as python-docx resolves it, read in one pass over
    the styles: the first style with that id if it is a character style, else the last default character style
    (python-docx ran an XPath search of the styles part for every run)."""

    def __init__(self, styles: Any) -> None:
        self.types: dict[str, str] = {}
        self.default = ""
        for style in styles.iterchildren(_STYLE):
            sid, kind = style.get(_STYLE_ID), style.get(_TYPE, "paragraph")
            if sid is not None:
                self.types.setdefault(sid, kind)
            if kind == "character" and style.get(_DEFAULT) in ("1", "true", "on"):
                self.default = sid or ""

    def resolved(self, style_id: str | None) -> str:
        if style_id and self.types.get(style_id) == "character":
            return style_id
        return self.default


_STYLE, _STYLE_ID, _TYPE, _DEFAULT = qn("w:style"), qn("w:styleId"), qn("w:type"), qn("w:default")


def _set_rfonts_east_asian(rpr: etree._Element, east_asian: str) -> None:
    """Every script of the run in the East-Asian font (the rFonts element comes first in rPr)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        if style is not None:
            style.addnext(rfonts)
        else:
            rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def _all_paragraphs(document: Document, among: set[Any]) -> list[tuple[Any, Any]]:
    """Those of *among* that are body paragraphs or in tables (the 版记), as (``w:p``, python-docx parent), in the
    order and number ``document.paragraphs`` and the tables' ``row.cells`` give them."""
    body = body_of(document)
    direct = sorted((p for p in among if p.getparent() is body.body), key=body.body.index)
    paragraphs: list[tuple[Any, Any]] = [(p, body.container) for p in direct]
    if any(p.getparent().tag == _TC for p in among):
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs += [(p, cell) for p in cell._tc.iterchildren(_P_TAG) if p in among]
    return paragraphs


_TC = qn("w:tc")
