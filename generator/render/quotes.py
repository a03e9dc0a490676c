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
from docx.oxml.ns import qn
from lxml.etree import XPath

from ..model.vocabulary import FontProfile
from .fonts import STYLE_ROLES, profile
from .post import body_of, paragraph_style, run_text

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
    char_styles: _CharacterStyles | None = None
    for p in _all_paragraphs(document, paragraphs):
        quoted = [r for r in p.iterchildren(_R) if r in runs]  # those of paragraph.runs that can match
        if not quoted:
            continue
        role = STYLE_ROLES.get(paragraph_style(p) or "Normal", "fangsong")
        for r in quoted:
            text = run_text(r)  # tabs and breaks as characters, like run.text
            if not any(mark in text for mark in FULL_WIDTH_MARKS) or r.find(_T) is None:
                continue
            if char_styles is None:
                char_styles = _CharacterStyles.of(document.part._styles_part.element)
            char_role = STYLE_ROLES.get(char_styles.resolved(r.style), role)
            east_asian = fonts.get(char_role, fonts[role])
            properties = r.find(_RPR)
            for piece in _MARK_SPLIT.split(text):
                if not piece:
                    continue
                # a copy of the run with only its properties and the piece, as copying the run and removing
                # its other children would make (the properties first, then one w:t)
                new = r.makeelement(_R, r.attrib)
                if properties is not None:
                    new.append(copy.deepcopy(properties))
                t = new.makeelement(_T, {_SPACE: "preserve"})
                t.text = piece
                new.append(t)
                if piece in FULL_WIDTH_MARKS:
                    rpr = new.find(_RPR)
                    if rpr is None:
                        rpr = new.makeelement(_RPR, {})
                        new.insert(0, rpr)
                    _set_rfonts_east_asian(rpr, east_asian)
                r.addprevious(new)
            parent = r.getparent()
            if parent is not None:
                parent.remove(r)


_MARK_SPLIT = re.compile(f"([{FULL_WIDTH_MARKS}])")
_T, _RPR, _SPACE = qn("w:t"), qn("w:rPr"), "{http://www.w3.org/XML/1998/namespace}space"
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

    _last: tuple[Any, _CharacterStyles] | None = None

    @classmethod
    def of(cls, styles: Any) -> _CharacterStyles:
        """The reading of *styles*, kept for the last element read: a bulk worker keeps its styles part between
        reports (bulk/template_reuse.py), and no pass changes a style's id, type or default flag."""
        last = cls._last
        if last is None or last[0] is not styles:
            last = cls._last = (styles, cls(styles))
        return last[1]

    def resolved(self, style_id: str | None) -> str:
        if style_id and self.types.get(style_id) == "character":
            return style_id
        return self.default


_STYLE, _STYLE_ID, _TYPE, _DEFAULT = qn("w:style"), qn("w:styleId"), qn("w:type"), qn("w:default")


def _set_rfonts_east_asian(rpr: etree._Element, east_asian: str) -> None:
    """Every script of the run in the East-Asian font (the rFonts element comes first in rPr)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        style = rpr.find(qn("w:rStyle"))
        if style is not None:
            style.addnext(rfonts)
        else:
            rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def _all_paragraphs(document: Document, among: set[Any]) -> list[Any]:
    """Those ``w:p`` of *among* that are body paragraphs or in tables (the 版记), in the order and number
    ``document.paragraphs`` and the tables' ``row.cells`` give them: a cell's paragraphs once per grid column
    it spans, a cell continuing a vertical merge through the cell it continues (its own paragraphs unseen)."""
    body = body_of(document).body
    direct = sorted((p for p in among if p.getparent() is body), key=body.index)
    in_cells = [p for p in among if p.getparent().tag == _TC]
    if not in_cells:
        return direct
    paragraphs = list(direct)
    for table in body.iterchildren(_TBL):
        for tr in table.iterchildren(_TR):
            for tc in tr.iterchildren(_TC):
                while tc.vMerge == "continue":
                    tc = tc._tc_above
                paragraphs += [p for p in tc.iterchildren(_P_TAG) if p in among] * tc.grid_span
    return paragraphs


_TC, _TBL, _TR = qn("w:tc"), qn("w:tbl"), qn("w:tr")
