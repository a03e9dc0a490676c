"""Text helpers shared by every pipeline step: cleaning, Chinese numerals, widths."""

from __future__ import annotations

import re

# XML 1.0 forbids these; Excel and PDF copies often carry them. \t and \n are legal.
ILLEGAL_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_DIGITS = "零一二三四五六七八九"


def remove_illegal_chars(text: str) -> str:
    """Return *text* without characters that XML 1.0 cannot carry."""
    return ILLEGAL_XML_CHARS.sub("", text)


def clean_text(text: str) -> str:
    """Normalise line ends, drop XML-illegal characters and outer white space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return remove_illegal_chars(text).strip()


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


def display_width(text: str) -> float:
    """Width of *text* in character cells: ASCII counts half, everything else one."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def format_date(value) -> str:  # noqa: ANN001 - datetime.date
    """Return a date as 2024年3月5日 (GB/T 9704 7.3.5.4: no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"


def parse_chinese_number(text: str) -> int | None:
    """Inverse of chinese_number for 1–99 (二十三 → 23); None when *text* is not one."""
    if not text or any(ch not in _DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)
    return value if value > 0 else None


# Marks a place the user still has to fill in (skeleton from `fzbg new`, "skip" in the wizard).
# It renders visibly and the checker reports it as an error, so it cannot slip into a sent report.
TODO_MARKER = "【待填写】"
