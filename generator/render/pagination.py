"""Estimate where the text ends on the last page: ``imprint_padding`` for custom templates.

GB/T 9704 7.4.1 puts the last line of the 版记 on the bottom edge of the 版心 of the last page. The
shipped template no longer needs this: its 版记 is a floating table anchored to the bottom margin
(docs/layout.md). Custom templates written for the older padding still get the number of blank
grid lines to insert before an ordinary 版记 table, computed here; it is a prediction and can miss.

The template is a strict grid (every paragraph an exact grid line, runs tightened to a 15.75 pt pitch,
no Asian/Latin auto-spacing; the numbers are in gbt9704.py), so line breaks can be predicted from
character widths.
tests/test_pagination_prediction.py checks the prediction against LibreOffice's own layout (13 reports whose
text ends on pages 1 to 5; with the chain modelled before issue 13's change, 14 of 54 such reports were wrong).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.measure import line_count
from .gbt9704 import (
    FORMAL_HEADER_TW,
    IMPRINT_BORDERS_TW,
    IMPRINT_LINE,
    LINE,
    SEAL_GAP_LINES,
    SIGNATURE_KEEP_LINES,
    TEXT_HEIGHT,
    TITLE_LINE,
)

if TYPE_CHECKING:
    from .context import RenderContext

PAGE_TW = TEXT_HEIGHT
LINE_TW = LINE
TITLE_LINE_TW = TITLE_LINE
HEADER_TW = FORMAL_HEADER_TW
IMPRINT_ROW_TW = IMPRINT_LINE  # a 版记 row: with the rules and the 1 pt paragraph after the table, one grid line

class _Pages:
    """Fills pages with paragraphs of known line counts, in twips."""

    def __init__(self) -> None:
        self.used = 0
        self.pages = 1

    def new_page(self) -> None:
        self.pages += 1
        self.used = 0

    def place(self, lines: int, line_tw: int = LINE_TW, keep_next: bool = False) -> None:
        for _ in range(lines):
            if self.used + line_tw > PAGE_TW:
                self.new_page()
            self.used += line_tw
        if keep_next and self.used + LINE_TW > PAGE_TW:
            # a heading kept with the next line moves to the next page
            self.new_page()
            self.used = lines * line_tw

    def place_block(self, height: int) -> None:
        """Place a block kept together (last paragraph + closing + signature) on one page."""
        if self.used + height > PAGE_TW:
            self.new_page()
        self.used += height


def imprint_padding(ctx: RenderContext) -> int:
    """Blank grid lines before the 版记 so that its last line sits on the 版心 bottom."""
    if ctx.imprint is None:
        return 0
    pages, imprint_tw = _text_filled(ctx)
    free = PAGE_TW - pages.used - imprint_tw
    if free >= LINE_TW:
        return free // LINE_TW
    # No room for a separating blank line: fill this page, the 版记 goes to the next page's bottom.
    return (PAGE_TW - pages.used) // LINE_TW + (PAGE_TW - imprint_tw) // LINE_TW


def imprint_shares_odd_page(ctx: RenderContext) -> bool:
    """Whether the model expects the text to end on an odd page with room for the 版记 below it — the case in
    which the even-page step moves the 版记 on (render/imprint.py's B). Only a hint of what to convert
    first (bulk PDFs); the step itself decides from LibreOffice's layout."""
    if ctx.imprint is None:
        return False
    pages, imprint_tw = _text_filled(ctx)
    return pages.pages % 2 == 1 and pages.used + imprint_tw <= PAGE_TW


def _text_filled(ctx: RenderContext) -> tuple[_Pages, int]:
    """The pages as the text leaves them (the 版记 not yet placed), and the 版记's height in twips."""
    assert ctx.imprint is not None
    pages = _Pages()
    if ctx.formal:
        pages.used = HEADER_TW
    pages.place(len(ctx.title_lines), TITLE_LINE_TW)
    pages.place(1)  # 空一行
    if ctx.recipient:
        pages.place(line_count(ctx.recipient, 0))
    for text in ctx.opening:
        pages.place(line_count(text))
    body = list(ctx.paragraphs)
    tail = 0
    # The keep-with-next chain to the 署名 (post.keep_body_with_signature) holds the last body paragraph only
    # when it is short or there is no 结束语; LibreOffice moves it whole, with the headings kept with it.
    long_last = (bool(ctx.closing) and bool(ctx.signature_name) and bool(body)
                 and line_count(body[-1].full_text) > SIGNATURE_KEEP_LINES)
    if (ctx.closing or ctx.signature_name) and not long_last:
        while body:
            para = body.pop()
            tail += line_count(para.full_text) * LINE_TW
            if not body or body[-1].kind != "heading":
                break
    for para in body:
        lines = line_count(para.full_text)
        pages.place(lines, keep_next=para.kind == "heading")
    if ctx.closing:
        tail += LINE_TW
    if ctx.attachments:
        tail += LINE_TW * (1 + sum(line_count(a) for a in ctx.attachments))
    if ctx.signature_name:
        tail += LINE_TW * (2 + (1 if ctx.signature_date else 0) + (SEAL_GAP_LINES - 1 if ctx.sealed else 0))
    if tail:
        pages.place_block(tail)
    rows = 1 + (1 if ctx.imprint.copy_to else 0)
    return pages, rows * IMPRINT_ROW_TW + IMPRINT_BORDERS_TW
