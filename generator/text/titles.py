"""Title splitting: where a long 公文 title may wrap (GB/T 9704 7.3.1), for rendering and for import."""

from __future__ import annotations

from ..render.gbt9704 import TITLE_LINE_WIDTH
from .clean import display_width


def split_title(title: str, width: int = TITLE_LINE_WIDTH) -> list[str]:
    """Split a title into centred lines: words whole, each upper line no longer than the next (梯形, 7.3.1)."""
    if display_width(title) <= width:
        return [title]
    candidates = []
    for pos in _title_breaks(title):
        top, bottom = title[:pos], title[pos:]
        wt, wb = display_width(top), display_width(bottom)
        if wt <= wb <= width:
            candidates.append((wb - wt, pos))
    if candidates:
        _, pos = min(candidates)
        return [title[:pos], title[pos:]]
    # No good break point: fill lines from the end, so the shortest line is on top.
    lines: list[str] = []
    rest = title
    while display_width(rest) > width:
        cut = len(rest)
        while display_width(rest[cut - 1 :]) <= width:  # the longest tail that fits; cut stays >= 1
            cut -= 1
        unglued = cut
        while unglued < len(rest) and _glued(rest, unglued):
            unglued += 1
        if unglued < len(rest):  # else a number longer than a line: it has to be broken somewhere
            cut = unglued
        lines.insert(0, rest[cut:])
        rest = rest[:cut]
    return [rest] + lines


def _title_breaks(title: str) -> set[int]:
    """Word boundaries where a title may wrap: around 关于, after 年度/年, before 法治政府 and 情况的报告."""
    breaks: set[int] = set()
    for token, offsets in (("关于", (0, 2)), ("年度", (2,)), ("年法治", (1,)), ("法治政府", (0,)),
                           ("建设", (2,)), ("情况的报告", (0,)), ("工作情况", (0,)), ("年度报告", (0,))):
        start = title.find(token)
        while start >= 0:
            breaks.update(start + off for off in offsets)
            start = title.find(token, start + 1)
    return {b for b in breaks if 0 < b < len(title) and not _glued(title, b)}


def _glued(text: str, pos: int) -> bool:
    """True where a line break would tear a number apart or a number from its 年."""
    return text[pos - 1].isdigit() and (text[pos].isdigit() or text[pos] in "年月日")
