"""Sequence marks and chain ordinals, the numbering that rendering writes and import reads back.

GB/T 9704 7.3.3 levels: 一、 → （一） → 1. → （1）; inside paragraphs 一是…二是… or ①②….
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.report import Chain

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Return the Chinese numeral of 1 <= n <= 99 as used in sequence marks (十一, 二十)."""
    if not 1 <= n <= 99:
        raise ValueError(f"number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled_number(n: int) -> str:
    """Return ① … ⑳ for 1 <= n <= 20, else "(n)" in full-width brackets."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"（{n}）"


def sequence_mark(level: int, n: int) -> str:
    """Return the GB/T 9704 sequence mark of item *n* at structure *level* (1–4)."""
    if level == 1:
        return chinese_number(n) + "、"
    if level == 2:
        return "（" + chinese_number(n) + "）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"level out of range: {level}")


def parse_chinese_number(text: str) -> int | None:
    """Inverse of chinese_number for 1–99 (二十三 → 23); None when *text* is not one."""
    if not text or any(ch not in _DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)
    return value if value > 0 else None


def chain_texts(chain: Chain) -> list[str]:
    """Paragraph texts of an 一是…二是… chain: one for ``inline``, one per item for ``paragraphs``."""
    items = []
    for i, item in enumerate(chain.chain, start=1):
        if chain.style == "circled":
            items.append(circled_number(i) + item.text)
        else:
            items.append(chinese_number(i) + (item.verb or chain.verb) + item.text)
    lead = chain.lead or ""
    if chain.layout == "inline":
        return [lead + "".join(items)]
    return ([lead] if lead else []) + items
