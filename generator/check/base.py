"""Types and character helpers shared by every rule family of the checker."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Union

from ..errors import ERROR, INFO, SEVERITIES, WARNING, Severity
from ..model.paths import DataPath

# Rule modules take the severities and DataPath from here with the character helpers.
__all__ = ["ERROR", "INFO", "SEVERITIES", "WARNING", "DataPath", "Edit", "Hit"]

Edit = tuple[int, int, str]  # (start, end, replacement) inside the checked string


@dataclass(frozen=True)
class Hit:
    """A rule's raw result, before it is located in a file.

    Text rules return spans inside the string they were given (``start``/``end``) and leave
    ``path`` empty; structural rules set ``path`` and may leave the span out (the whole value).
    ``edits`` is the safe fix, if the rule has one: replacements inside the same string.
    """

    rule: str
    severity: Severity
    message: str
    start: Union[int, None] = None
    end: Union[int, None] = None
    edits: tuple[Edit, ...] = ()
    path: DataPath = ()


# --- characters -----------------------------------------------------------------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width and CJK punctuation, plus the shared-width marks Chinese text uses.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’—…·"
# is_han, is_cjk and count_han compare code points: a regex of these classes takes ~3 ms to compile (issue 20).
_CJK_MARKS = frozenset("“”‘’—…·")
HAN_DIGITS = "〇一二三四五六七八九十"
HAN_NUMERALS = "一二三四五六七八九十"  # what sequence marks and 一是… use
# Sequence marks GB/T 9704 does not use: ⑴…⒇, ⒈…⒛, ㈠…㈩.
ODD_MARKS = "".join(chr(c) for c in range(0x2474, 0x249C)) + "".join(chr(c) for c in range(0x3220, 0x322A))
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def is_han(ch: str) -> bool:
    """The first character of *ch* is a Han character (HAN)."""
    if not ch:
        return False
    c = ch[0]
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def is_cjk(ch: str) -> bool:
    """A Han character or CJK/full-width punctuation: what makes a "CJK context" (of *ch*'s first character)."""
    if not ch:
        return False
    c = ch[0]
    return (is_han(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef") or c in _CJK_MARKS


def han_runs(text: str, shortest: int = 1) -> list[str]:
    """The maximal runs of Han characters (HAN) in *text* of at least *shortest* characters, in order: what
    ``re.findall(f"[{HAN}]{{shortest,}}", text)`` finds, without compiling that class."""
    runs, start = [], -1
    for i, c in enumerate(text):
        if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff":
            if start < 0:
                start = i
        elif start >= 0:
            if i - start >= shortest:
                runs.append(text[start:i])
            start = -1
    if start >= 0 and len(text) - start >= shortest:
        runs.append(text[start:])
    return runs


def count_han(text: str) -> int:
    """The number of Han characters (HAN) in *text*."""
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff")


def around(text: str, i: int, j: Union[int, None] = None) -> tuple[str, str]:
    """The characters just before index *i* and just after index *j* (default i+1)."""
    j = i + 1 if j is None else j
    return (text[i - 1] if i > 0 else ""), (text[j] if j < len(text) else "")


def cjk_context(text: str, i: int, j: Union[int, None] = None) -> bool:
    before, after = around(text, i, j)
    return is_cjk(before) or is_cjk(after)


SENTENCE_END = "。；：！？"


def at_sequence_position(text: str, i: int) -> bool:
    """True where a sequence mark (一、 1. （1）) could start: a paragraph start or after a sentence."""
    k = i - 1
    while k >= 0 and text[k] in " \t\u3000":
        k -= 1
    return k < 0 or text[k] == "\n" or text[k] in SENTENCE_END


# --- masking: spans where no Chinese text rule applies ------------------------------------

MASK = "\x00"
# The e-mail local part is matched from a run's start only: linear on a long run of letters.
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[!-~]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(?:[A-Za-z]\.){2,}")
_URL_TAIL = ".,;:!?'\")]}"


def masked(text: str) -> str:
    """*text* with URLs, e-mail addresses and dotted abbreviations blanked out, positions kept."""
    chars = list(text)
    for pattern in (_URL, _ABBREVIATION):
        for match in pattern.finditer(text):
            start, end = match.span()
            if pattern is _URL:
                while end > start and text[end - 1] in _URL_TAIL:
                    end -= 1
            chars[start:end] = MASK * (end - start)
    return "".join(chars)


def snippet(text: str, start: Union[int, None], end: Union[int, None], width: int = 10) -> str:
    """The offending part of *text* with up to *width* characters either side, on one line."""
    if start is None:
        piece = text[: width * 3]
        return (piece + ("…" if len(text) > len(piece) else "")).replace("\n", " ")
    end = start + 1 if end is None or end <= start else end
    left = max(0, start - width)
    right = min(len(text), end + width)
    piece = ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")
    return piece.replace("\n", " ")


def line_starts(text: str) -> list[int]:
    """Offsets where lines start, with the line breaks PyYAML counts (so columns agree with its marks)."""
    starts = [0]
    n = len(text)
    for i, ch in enumerate(text):
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and (i + 1 >= n or text[i + 1] != "\n")):
            starts.append(i + 1)
    return starts


def line_column(starts: list[int], index: int) -> tuple[int, int]:
    """1-based (line, column) of *index*, given :func:`line_starts`."""
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1
