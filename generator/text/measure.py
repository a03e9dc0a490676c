"""How many grid lines a body text takes: the character-width model of the strict grid (render/gbt9704.py).

The renderer's 版记 padding for custom templates and the 落款 chain use it, and so does ``check`` (D11); it
lives here, among the text tools, so that the check stage needs nothing from the renderer."""

from __future__ import annotations

from functools import lru_cache

from ..render.gbt9704 import ASCII_PT, CJK_PT, PARAGRAPH_INDENT, TEXT_WIDTH_PT, TW_PER_PT

INDENT_PT = PARAGRAPH_INDENT / TW_PER_PT

# Punctuation that may not start a line (禁则): the character before it moves down with it.
NO_LINE_START = set("，。、；：？！）》」』】〕”’…%")


def char_width(ch: str) -> float:
    """Advance width in points of one character in a body run."""
    return ASCII_PT if ord(ch) < 0x80 else CJK_PT


@lru_cache(maxsize=4096)  # bulk reports share most of their paragraphs: each is measured once per worker
def line_count(text: str, indent_pt: float = INDENT_PT, width_pt: float = TEXT_WIDTH_PT) -> int:
    """Number of lines *text* takes in a justified body paragraph with a first-line indent."""
    if not text:
        return 1
    lines, x = 1, indent_pt
    previous = 0.0
    for ch in text:
        w = char_width(ch)
        if x + w > width_pt + 0.01:
            lines += 1
            # A mark that may not start a line takes the character before it along.
            x = previous if ch in NO_LINE_START else 0.0
        x += w
        previous = w
    return lines
