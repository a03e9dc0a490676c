"""一是…二是… and ①②… enumerations: found in paragraphs, their ordinals stripped (the renderer adds them).

A chain is only accepted when rendering it gives back exactly the paragraphs it came from, so a
wrong guess can only ever leave text as plain paragraphs, never change it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Union

from ..model.report import Chain, ChainItem
from ..text.numbering import CIRCLED, chain_texts, parse_chinese_number

_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,3})([是要])")
_CIRCLED = re.compile(f"[{CIRCLED}]")
# An ordinal starts a paragraph or follows the end of a clause: "…方面：一是…。二是…".
_BOUNDARY = set("。；：！？，")


def inline_chain(text: str) -> Union[Chain, None]:
    """The chain written inside one paragraph (with the text before it as ``lead``), or None."""
    ordinal = _ordinal_marks(text)
    circled = _circled_marks(text)
    candidates = [c for c in (ordinal, circled) if len(c[1]) >= 2]
    if not candidates:
        return None
    style, marks = min(candidates, key=lambda c: c[1][0][0])
    lead = text[: marks[0][0]]
    items = []
    for i, (_start, end, verb) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        items.append((text[end:stop], verb))
    chain = _make(items, style, "inline", lead)
    if chain is None or chain_texts(chain) != [text]:
        return None
    return chain


def paragraph_chain(paragraphs: list[str]) -> tuple[Union[Chain, None], int]:
    """A chain written one item per paragraph at the start of *paragraphs*: (chain, paragraphs used).

    Returns (None, 0) unless at least two paragraphs start with consecutive ordinals from 一是 or ①.
    """
    first = _leading_mark(paragraphs[0]) if paragraphs else None
    if first is None or first[1] != 1 or inline_chain(paragraphs[0]) is not None:
        return None, 0
    style = first[0]
    items: list[tuple[str, str]] = []
    for text in paragraphs:
        mark = _leading_mark(text)
        if mark is None or mark[0] != style or mark[1] != len(items) + 1:
            break
        items.append((text[mark[2] :], mark[3]))
    if len(items) < 2:
        return None, 0
    chain = _make(items, style, "paragraphs", "")
    if chain is None or chain_texts(chain) != paragraphs[: len(items)]:
        return None, 0
    return chain, len(items)


def _ordinal_marks(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    marks: list[tuple[int, int, str]] = []
    for match in _ORDINAL.finditer(text):
        start = match.start()
        # The numeral is matched whole (十一是), so its first character must follow a boundary.
        if start > 0 and text[start - 1] not in _BOUNDARY:
            continue
        if parse_chinese_number(match.group(1)) == len(marks) + 1:
            marks.append((start, match.end(), match.group(2)))
    return "ordinal", marks


def _circled_marks(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    marks: list[tuple[int, int, str]] = []
    for match in _CIRCLED.finditer(text):
        if CIRCLED.index(match.group()) == len(marks):
            marks.append((match.start(), match.end(), ""))
    return "circled", marks


def _leading_mark(text: str) -> Union[tuple[str, int, int, str], None]:
    """(style, number, length of the mark, verb) when *text* starts with 一是/二要/① …"""
    if text and text[0] in CIRCLED:
        return "circled", CIRCLED.index(text[0]) + 1, 1, ""
    match = _ORDINAL.match(text)
    if match:
        number = parse_chinese_number(match.group(1))
        if number:
            return "ordinal", number, match.end(), match.group(2)
    return None


def _make(items: list[tuple[str, str]], style: str, layout: str, lead: str) -> Union[Chain, None]:
    if any(not text for text, _ in items):
        return None
    verbs = Counter(verb for _, verb in items if verb)
    # The most common verb is the chain's; ties go to 是, the usual one.
    verb = max(verbs, key=lambda v: (verbs[v], v == "是")) if verbs else "是"
    chain_items = [ChainItem(text=text, verb=v if style == "ordinal" and v != verb else None) for text, v in items]
    return Chain(chain=chain_items, layout=layout, style=style, verb=verb, lead=lead or None)
