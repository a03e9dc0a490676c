"""Title splitting: where a long 公文 title may wrap (GB/T 9704 7.3.1), for rendering and for import."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from ..render.gbt9704 import TITLE_LINE_WIDTH
from .clean import display_width

MAX_TITLE_LINES = 3  # 7.3.1: a title in 梯形 or 菱形; more lines than three is no longer either
MAX_MARK_LINES = 2  # a 发文机关标志 that needs more than two lines is too long to stay 醒目


def split_title(title: str, width: int = TITLE_LINE_WIDTH, *, between_words: bool = True) -> list[str]:
    """Split a title into centred lines: words whole, at most three lines, 梯形 or 菱形 (7.3.1).

    First the familiar break points (around 关于, before 法治政府 …) for two lines, upper not longer than
    lower; then any word boundary (text/words.py) for two or three lines; only then characters.
    *between_words* False skips the word boundaries (the importer compares a source's lines with that).
    """
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
    lines = split_at_words(title, width, MAX_TITLE_LINES, shape=_title_shape) if between_words else None
    if lines is not None:
        return lines
    return _fill_from_the_end(title, width)


def split_mark(name: str, width: float) -> list[str]:
    """The 发文机关标志 in one line, or two broken between words (the longer line as short as possible)."""
    if display_width(name) <= width:
        return [name]
    return split_at_words(name, width, MAX_MARK_LINES) or split_at_words(name, float("inf"), MAX_MARK_LINES) or [name]


def whole_word_lines(text: str, width: float, max_lines: int) -> bool:
    """True when *text* fits in *max_lines* lines of *width* broken only between words."""
    return display_width(text) <= width or split_at_words(text, width, max_lines) is not None


def split_at_words(text: str, width: float, max_lines: int,
                   shape: Callable[[list[float]], bool] | None = None) -> list[str] | None:
    """The best split of *text* into 2..*max_lines* lines of at most *width*, at word boundaries, or None.

    No break between a place and its agency word if any other split fits; then fewer lines; then breaks of
    the best rank (text/words.py: after an agency or around 关于, then
    after a place, never between a place and its 公安局 if avoidable); then the most even lines.
    """
    if display_width(text) > max_lines * width:
        return None
    from .words import word_breaks

    allowed, rank = word_breaks(text)
    points = sorted(allowed)
    best: tuple[bool, int, int, float, tuple[int, ...]] | None = None
    for count in range(2, max_lines + 1):
        for cuts in combinations(points, count - 1):
            bounds = (0, *cuts, len(text))
            widths = [display_width(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
            if max(widths) > width or (shape is not None and not shape(widths)):
                continue
            # A break between a place and its agency word is taken only when nothing else fits.
            key = (any(rank[c] < 0 for c in cuts), count, -sum(rank[c] for c in cuts), max(widths) - min(widths), cuts)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    bounds = (0, *best[-1], len(text))
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _title_shape(widths: list[float]) -> bool:
    """梯形 (each line no longer than the next) or 菱形 (the middle line the longest). Refused: an hourglass
    (the middle the shortest) and an inverted trapezium. Lines of equal width pass, as the two-line rule
    above has always let them."""
    if all(a <= b for a, b in zip(widths, widths[1:], strict=False)):
        return True
    return len(widths) == 3 and widths[1] >= widths[0] and widths[1] >= widths[2]


def _fill_from_the_end(title: str, width: int) -> list[str]:
    """No break between words fits: fill lines from the end, so the shortest line is on top."""
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
