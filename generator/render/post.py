"""Low-level touches on a rendered document that depend on its text: fonts, widths, keep-with-next.

All python-docx/XML handling after templating lives here; the report-level code speaks domain terms.

The passes find their paragraphs by style id. Building python-docx proxies for every paragraph and reading
each one's style through them cost more than the rendering itself (a bulk worker's profile: about half of a
report), so the body's paragraphs are read once with plain lxml (:class:`BodyParagraphs`) and proxies are
made only for the few paragraphs a pass changes. ``render.docx`` runs all passes inside :func:`one_pass`,
which shares one such reading between them; a pass called on its own reads the body itself. The changes
made are the ones the proxies made before (the same python-docx setters on the same paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, cast

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import XPath

from ..model.vocabulary import FontProfile
from ..text.clean import display_width
from ..text.titles import split_mark
from . import ppr
from .fonts import LATIN_AS_EAST_ASIAN, STYLE_ROLES, profile
from .gbt9704 import (
    ASCII_PITCH,
    ATTACHMENT_LABEL,
    CHAR_PITCH,
    DATE_SHIFT_CHARS,
    MARK_DROP_PER_PT,
    MARK_GAP,
    MARK_MAX_PT,
    MARK_MIN_PT,
    PARAGRAPH_INDENT,
    SEALED_DATE_RIGHT_CHARS,
    SIGNATURE_KEEP_LINES,
    SIGNATURE_RIGHT_CHARS,
    TEXT_WIDTH,
    TW_PER_PT,
)

if TYPE_CHECKING:
    from lxml import etree


# Styles elements this function left in a profile: id → (element, profile). Applying a profile sets the same
# attributes of the same elements whatever the fonts (creating them the first time), so applying profile B over
# A gives exactly what B alone gives, and applying A again changes nothing: an element still in *profile_name*
# is left as it is. Nothing else in fzbg changes a styles part, and a bulk worker keeps its template's styles
# between reports (bulk/template_reuse.py), which saves re-parsing and re-profiling the largest part for every report.
_profiled: dict[int, tuple[Any, FontProfile]] = {}


def apply_font_profile(document: Document, profile_name: FontProfile) -> None:
    """Rewrite the fonts of the template's styles (and defaults) to the fonts of *profile_name*."""
    styles = document.styles.element
    done = _profiled.get(id(styles))
    if done is not None and done[0] is styles and done[1] is FontProfile(profile_name):
        return
    _profiled.pop(id(styles), None)  # a pass that fails half-way leaves it unknown
    _set_profile(styles, profile_name)
    if len(_profiled) >= 8:  # the elements of a few templates (the dict holds them alive)
        _profiled.clear()
    _profiled[id(styles)] = (styles, FontProfile(profile_name))


def profile_state(styles: Any) -> FontProfile | None:
    """The profile :func:`apply_font_profile` last left the styles element *styles* in (None: not known)."""
    done = _profiled.get(id(styles))
    return done[1] if done is not None and done[0] is styles else None


def _set_profile(styles: Any, profile_name: FontProfile) -> None:
    fonts = profile(profile_name)
    for style in styles.iterchildren(qn("w:style")):
        role = STYLE_ROLES.get(style.get(qn("w:styleId")))
        if role is None:
            continue
        latin = fonts[role] if style.get(qn("w:styleId")) in LATIN_AS_EAST_ASIAN else fonts["latin"]
        _set_fonts(style, fonts[role], latin)
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_rfonts(rpr, fonts["fangsong"], fonts["latin"])


def _set_fonts(style: etree._Element, east_asian: str, latin: str) -> None:
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        style.append(rpr)
    _set_rfonts(rpr, east_asian, latin)


def _set_rfonts(rpr: etree._Element, east_asian: str, latin: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), "")  # a theme attribute would override the name (§3 pitfall 2)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asian)):
        rfonts.set(qn(attr), value)
    rfonts.set(qn("w:hint"), "eastAsia")


_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_R, _RPR, _SZ, _SZ_CS = qn("w:r"), qn("w:rPr"), qn("w:sz"), qn("w:szCs")


def paragraph_style(p: Any) -> str | None:
    """The pStyle of the ``w:p`` element *p*: the first pStyle of its first pPr, as python-docx reads it."""
    ppr = p.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}  # the XPath searches' prefix
_PIECES = "*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen or self::w:ptab]"
# A paragraph's text pieces in document order, as python-docx's CT_P.text walks them (runs and the runs of
# hyperlinks, each run's w:t, tabs, breaks …): one XPath search in C instead of one per run.
_TEXT_PIECES = XPath(f"w:r/{_PIECES} | w:hyperlink/w:r/{_PIECES}", namespaces=_W)
_RUN_PIECES = XPath(_PIECES, namespaces=_W)


def paragraph_text(p: Any) -> str:
    """``paragraph.text`` of the ``w:p`` element *p* (each piece's own text: a tab as "\\t", a line break as "\\n")."""
    return "".join(str(piece) for piece in cast("list[Any]", _TEXT_PIECES(p)))


def run_text(r: Any) -> str:
    """``run.text`` of the ``w:r`` element *r*."""
    return "".join(str(piece) for piece in cast("list[Any]", _RUN_PIECES(r)))


class BodyParagraphs:
    """The body's paragraphs (``document.paragraphs``: the ``w:p`` children of ``w:body``) of a style, found by an
    XPath search in C and remembered per style. Valid while no paragraph is added, removed or restyled (no pass
    here does that)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.body = document.element.body
        self.container = document._body  # the parent python-docx gives its paragraph proxies
        self._found: dict[str, list[Any]] = {}

    def elements(self, style_id: str) -> list[Any]:
        found = self._found.get(style_id)
        if found is None and style_id in PASS_STYLES and not self._found:
            # the first question about one of the passes' styles answers all of them, in one search
            self._found = {style: [] for style in PASS_STYLES}
            for p in cast("list[Any]", _WITH_PASS_STYLE(self.body)):
                self._found[str(paragraph_style(p))].append(p)
            found = self._found[style_id]
        if found is None:
            found = self._found[style_id] = cast("list[Any]", _WITH_STYLE(self.body, sid=style_id))
        return found


# The style python-docx reads: the w:val of the first pStyle of the first pPr.
_WITH_STYLE = XPath("w:p[w:pPr[1]/w:pStyle[1]/@w:val = $sid]",
                    namespaces=_W)
PASS_STYLES = ("Mark", "SignatureName", "SignatureDate", "Attachment", "AttachmentMore")  # what the passes look for
_WITH_PASS_STYLE = XPath("w:p[w:pPr[1]/w:pStyle[1][" + " or ".join(f"@w:val = '{s}'" for s in PASS_STYLES) + "]]",
                         namespaces=_W)


_shared: ContextVar[BodyParagraphs | None] = ContextVar("fzbg_body_paragraphs", default=None)


@contextmanager
def one_pass(document: Document) -> Iterator[BodyParagraphs]:
    """Let the passes run inside this block share one reading of *document*'s body paragraphs."""
    token = _shared.set(BodyParagraphs(document))
    try:
        found = _shared.get()
        assert found is not None
        yield found
    finally:
        _shared.reset(token)


def body_of(document: Document) -> BodyParagraphs:
    """The reading of *document*'s body paragraphs that :func:`one_pass` shares, or a new one outside it."""
    shared = _shared.get()
    return shared if shared is not None and shared.document is document else BodyParagraphs(document)


def fit_mark(document: Document) -> None:
    """Size the 发文机关标志 to the 版心 width, in one line or two broken between words (7.2.4).

    The standard gives no size ("醒目、美观、庄重"): 36 pt, shrunk until the name fits one line, down to
    22 pt; a longer name takes two lines split between words (text/titles.py) at the size the longer line
    allows. The top of the 标志 stays 35 mm below the 版心 top whatever the size (MARK_DROP_PER_PT).
    """
    paragraphs = body_of(document)
    for p in paragraphs.elements("Mark"):
        name = paragraph_text(p)
        if display_width(name) == 0:
            continue
        lines = split_mark(name, TEXT_WIDTH / TW_PER_PT / MARK_MIN_PT)
        widest = max(display_width(line) for line in lines)
        size_pt = min(MARK_MAX_PT, max(MARK_MIN_PT, int(TEXT_WIDTH / TW_PER_PT / widest) - 1))
        runs = list(p.iterchildren(_R))  # paragraph.runs
        if len(lines) > 1 and runs:
            Paragraph(p, paragraphs.container).runs[0].text = "\n".join(lines)  # the newline as a w:br
            for extra in runs[1:]:
                p.remove(extra)
            runs = runs[:1]
        for r in runs:
            rpr = r.find(_RPR)  # run.get_or_add_rPr(): the properties come first in a run
            if rpr is None:
                rpr = r.makeelement(_RPR, {})
                r.insert(0, rpr)
            for tag in (_SZ, _SZ_CS):
                element = rpr.find(tag)
                if element is None:
                    element = rpr.makeelement(tag, {})
                    rpr.append(element)
                element.set(_VAL, str(size_pt * 2))
        drop = (MARK_MAX_PT - size_pt) * MARK_DROP_PER_PT
        gap = p.getprevious()
        if drop and gap is not None and gap.tag == _P and paragraph_style(gap) == "MarkGap":
            ppr.exact_line_spacing(gap, MARK_GAP - drop)
            ppr.space_after(p, drop)


def place_signature(document: Document, sealed: bool = False) -> None:
    """Indent the 署名 and the 成文日期 (7.3.5).

    Unsealed (7.3.5.2): 署名 右空二字, the date two characters right of the 署名's start; a longer date takes
    右空二字 and the 署名 moves left. Sealed (7.3.5.1): the date 右空四字, the 署名 centred over it.

    The sealed pair is centred by construction, not by computed widths: both paragraphs are centred in the
    same box, which ends at the right margin and is as wide as the date plus twice 右空四字, so the date
    ends four characters from the right by the model and the 署名's centre is the date's centre in any
    renderer. LibreOffice (whose DOCX import ignores autoSpaceDE/DN) sets the date wider than Word does;
    then the date's right margin moves by half the difference, while the 署名 stays centred over it — the
    relation 7.3.5.1 states firmly (以成文日期为准居中), and the one the seal covers. A 署名 wider than that
    box widens it leftwards: the name ends half a character from the margin and the date stays under its centre.
    """
    paragraphs = body_of(document)
    names = paragraphs.elements("SignatureName")
    dates = paragraphs.elements("SignatureDate")
    if not names:
        return
    name_text = paragraph_text(names[0])
    date_text = paragraph_text(dates[0]) if dates else ""
    if sealed and dates:
        half = max(SEALED_DATE_RIGHT_CHARS * CHAR_PITCH + text_width_tw(date_text) / 2,
                   (text_width_tw(name_text) + CHAR_PITCH) / 2)
        left = max(0, TEXT_WIDTH - int(round(2 * half)))
        for p in (names[0], dates[0]):
            ppr.center(p)
            ppr.indent(p, left=left, right=0)
        return
    name_w = display_width(name_text)
    name_right = SIGNATURE_RIGHT_CHARS
    if dates:
        date_w = display_width(date_text)
        date_right = name_right + name_w - DATE_SHIFT_CHARS - date_w
        if date_right < SIGNATURE_RIGHT_CHARS:  # the date is the longer line: it takes 右空二字, the 署名 moves left
            date_right = SIGNATURE_RIGHT_CHARS
            name_right = date_right + date_w + DATE_SHIFT_CHARS - name_w
        _set_right_indent(dates[0], date_right)
    _set_right_indent(names[0], name_right)


def _set_right_indent(p: Any, chars: float) -> None:
    ppr.indent(p, right=int(round(chars * CHAR_PITCH)))


def keep_body_with_signature(document: Document) -> None:
    """Chain keep-with-next from the body to the 署名, so it never stands without body text (§2.5) — moving
    lines, not whole paragraphs.

    LibreOffice moves a keep-with-next paragraph whole, and drops the whole chain when it does not fit one
    page (measured: a 20-line last paragraph left the 署名 alone on p4; a 12-line one left 13 empty lines on
    p2). So the chain holds as little as will carry body text: the 结束语 (“特此报告。”, the last sentence of
    the 正文) when there is one, and the last body paragraph only when it is short
    (gbt9704.SIGNATURE_KEEP_LINES) or when there is no 结束语 at all.
    """
    from ..text.measure import line_count

    names = body_of(document).elements("SignatureName")
    if not names:
        return
    closing = False
    for p in names[0].itersiblings(_P, preceding=True):  # the paragraphs before it, nearest first
        style = paragraph_style(p)
        if style in BODY_STYLES and closing and line_count(paragraph_text(p)) > SIGNATURE_KEEP_LINES:
            break  # the 结束语 already carries body text onto the 署名 page
        ppr.keep_with_next(p)
        if style in BODY_STYLES:
            break  # one real body paragraph travels with the signature
        closing = closing or (style == "FzClosing" and bool(paragraph_text(p).strip()))


BODY_STYLES = ("Body", "Heading1", "Heading2", "Heading3", "Heading4", "Recipient")


_ITEM_NUMBER = re.compile(r"\d+\.")


def text_width_tw(text: str) -> int:
    """Width of *text* in a tightened 3号 body run, in twips."""
    return sum(ASCII_PITCH if ord(ch) < 0x80 else CHAR_PITCH for ch in text)


def hang_attachments(document: Document) -> None:
    """附件说明: each name's wrapped lines start under its first character (7.3.4).

    The paragraph's left indent is 左空二字 plus what precedes the name ("附件：", "附件：1." or "2."), and
    its first line hangs back by that width.
    """
    paragraphs = body_of(document)
    for p in paragraphs.elements("Attachment") + paragraphs.elements("AttachmentMore"):
        text = paragraph_text(p)
        label = ATTACHMENT_LABEL if text.startswith(ATTACHMENT_LABEL) else ""
        number = _ITEM_NUMBER.match(text, len(label))
        prefix = label + (number.group() if number else "")
        if paragraph_style(p) == "AttachmentMore":
            start = PARAGRAPH_INDENT + text_width_tw(ATTACHMENT_LABEL)  # under the 1. of the first item
        else:
            start = PARAGRAPH_INDENT
        hang = text_width_tw(prefix)
        ppr.indent(p, left=start + hang, first_line=-hang)
