"""Paragraph properties set on the ``w:p`` element directly, exactly as python-docx's setters write them.

python-docx's ``paragraph_format`` setters find the place of a new ``w:pPr`` child by searching the pPr once
for each of up to 34 later tags of the schema's sequence: in a bulk worker's profile that search was the
largest single cost of the post-processing. These functions make the same changes in the same order (the
child inserted before the same sibling, the attributes set and removed in the same sequence, so the
serialised XML is byte for byte the same; tests/test_ppr.py compares them with the setters) in one pass
over the pPr's children.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

# CT_PPrBase's sequence (ECMA-376 Part 1, 17.3.1.26), as python-docx lists it for its insertions.
_PPR_SEQUENCE = tuple(qn(f"w:{tag}") for tag in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
))
_RANK = {tag: i for i, tag in enumerate(_PPR_SEQUENCE)}
_PPR, _VAL = qn("w:pPr"), qn("w:val")
_LEFT, _RIGHT, _FIRST_LINE, _HANGING = qn("w:left"), qn("w:right"), qn("w:firstLine"), qn("w:hanging")


def _ppr(p: Any) -> Any:
    """``p.get_or_add_pPr()``: the first ``w:pPr`` child, or a new one as the first child."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})  # python-docx's element class: made by the document's parser
        p.insert(0, ppr)
    return ppr


def _child(ppr: Any, name: str) -> Any:
    """``ppr.get_or_add_<name>()`` (*name* prefixed, e.g. ``w:jc``): the first such child, or a new one inserted
    before the first later tag of the sequence that is present (searched in the sequence's order, as python-docx
    does), else appended."""
    tag = qn(name)
    found = ppr.find(tag)
    if found is not None:
        return found
    new = ppr.makeelement(tag, {})  # python-docx's element class, as its own setter would create
    present = {child.tag for child in ppr}
    for later in _PPR_SEQUENCE[_RANK[tag] + 1:]:
        if later in present:
            ppr.find(later).addprevious(new)
            return new
    ppr.append(new)
    return new


def keep_with_next(p: Any) -> None:
    """``paragraph_format.keep_with_next = True``: ``<w:keepNext/>`` (True is the default value: no w:val)."""
    _child(_ppr(p), "w:keepNext").attrib.pop(_VAL, None)


def center(p: Any) -> None:
    """``paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER``."""
    _child(_ppr(p), "w:jc").set(_VAL, "center")


def indent(p: Any, *, left: int | None = None, right: int | None = None, first_line: int | None = None) -> None:
    """``paragraph_format.left_indent``, then ``right_indent``, then ``first_line_indent``, for those given, in
    twips (python-docx writes a Length as its whole number of twips)."""
    ind = _child(_ppr(p), "w:ind")
    if left is not None:
        ind.set(_LEFT, str(left))
    if right is not None:
        ind.set(_RIGHT, str(right))
    if first_line is not None:
        ind.attrib.pop(_FIRST_LINE, None)
        ind.attrib.pop(_HANGING, None)
        if first_line < 0:
            ind.set(_HANGING, str(-first_line))
        else:
            ind.set(_FIRST_LINE, str(first_line))


_LINE, _LINE_RULE, _AFTER = qn("w:line"), qn("w:lineRule"), qn("w:after")


def exact_line_spacing(p: Any, line: int) -> None:
    """``paragraph_format.line_spacing = Twips(line)``, then ``line_spacing_rule = EXACTLY`` (twips): the
    attributes set in the setters' order, whatever rule was there before."""
    spacing = _child(_ppr(p), "w:spacing")
    spacing.set(_LINE, str(line))
    spacing.set(_LINE_RULE, "exact")


def space_after(p: Any, after: int) -> None:
    """``paragraph_format.space_after = Twips(after)`` (twips)."""
    spacing = _child(_ppr(p), "w:spacing")
    spacing.set(_AFTER, str(after))
