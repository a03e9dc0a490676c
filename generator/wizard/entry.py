"""Checks and repairs at the moment an answer is typed, so a slip is caught where it is made.

- A one-line answer never keeps a pasted line break (it would break the red header).
- 文号 brackets ``[2026]`` ``（2026）`` ``【2026】`` become the 六角括号 ``〔2026〕``, with a note.
- Half-width punctuation in Chinese text becomes full-width (the P rules' own safe fixes), with a note.
- A 成文日期 must come after the report year (reports are written in the following January–February).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Union

Tidy = Callable[[str], tuple[str, list[str]]]  # answer → (cleaned answer, notes to show)
Rule = Callable[[Any], Union[str, None]]  # validated value → a Chinese refusal, or None

_LINE_BREAKS = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n|\u2028|\u2029)+[ \t\u3000]*")
_YEAR_BRACKETS = re.compile(r"[\[［(（【〔<《]\s*((?:19|20)\d{2})\s*[\]］)）】〕>》]")


def one_line(answer: str) -> tuple[str, list[str]]:
    """A pasted line break removed from a one-line answer."""
    cleaned = _LINE_BREAKS.sub("", answer)
    if cleaned != answer.strip() and cleaned != answer:
        return cleaned, ["这一项只能写一行，已去掉粘贴带入的换行"]
    return cleaned, []


def number_brackets(answer: str) -> tuple[str, list[str]]:
    """青公法字[2026]3号 → 青公法字〔2026〕3号."""
    cleaned = _YEAR_BRACKETS.sub(r"〔\1〕", answer)
    if cleaned != answer:
        return cleaned, [f"文号的年份要用六角括号〔〕，已改为“{cleaned.strip()}”"]
    return cleaned, []


def punctuation(answer: str) -> tuple[str, list[str]]:
    """Half-width commas, colons … in Chinese text made full-width, by the checker's safe fixes."""
    from ..check import punctuation as rules

    edits = sorted({e for hit in rules.check(answer) for e in hit.edits}, reverse=True)
    if not edits:
        return answer, []
    text = answer
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text, [f"已把 {len(edits)} 处半角标点改为全角（中文里用全角标点）"]


def tidy_all(answer: Any, steps: tuple[Tidy, ...]) -> tuple[Any, list[str]]:
    """Run *steps* over a text answer; other answers pass unchanged."""
    notes: list[str] = []
    if not isinstance(answer, str):
        return answer, notes
    for step in steps:
        answer, more = step(answer)
        notes += more
    return answer, notes


def date_after_year(year: Union[int, None]) -> Rule:
    """成文日期 after the end of *year* (and not years later)."""

    def rule(value: Any) -> Union[str, None]:
        if year is None or not isinstance(value, dt.date):
            return None
        if value.year <= year:
            return (f"成文日期应在报告年度（{year}年）结束之后，一般为 {year + 1} 年 1—2 月，"
                    f"如 {year + 1}-01-15")
        if value.year > year + 1:
            return f"成文日期在 {value.year} 年，而报告年度是 {year} 年：一般为 {year + 1} 年 1—2 月"
        return None

    return rule


def required(what: str) -> Rule:
    def rule(value: Any) -> Union[str, None]:
        return f"正式上报版必须写{what}" if value in (None, "", []) else None

    return rule
