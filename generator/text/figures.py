"""Figures as users type them (1,234 / ５６ / 12.5%), read into a bounded Decimal or refused in Chinese.

A report's figures are counts and rates: nothing beyond a trillion, nothing with more than a few decimals.
Bounding them here, where they are read, keeps every later step (同比, totals, 汇总.xlsx, the checker's
comparison with the text) away from Decimal overflow, float conversion errors and Python's 4,300-digit
limit on int/str conversion. docs/limits.md states the bounds.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Union

MAX_FIGURE = Decimal(10) ** 15  # exclusive: 千万亿; a police bureau counts far below
MAX_FIGURE_CHARS = 40  # digits, separators and sign of a typed figure
MAX_DECIMALS = 6

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SCIENTIFIC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+")
_NOT_A_NUMBER = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)

TOO_BIG = "数值过大（应小于 1,000,000,000,000,000），请检查是否多填了数字"
TOO_PRECISE = f"小数位数过多（最多 {MAX_DECIMALS} 位）"
SCIENTIFIC = "不支持科学计数法（如 1e5），请写成普通数字，如 100000"
NOT_FINITE = "应为一个具体的数字，而不是 NaN 或无穷大"


def parse_figure(value: Any) -> Union[Decimal, None, Any]:
    """*value* (text, int, float or Decimal) as a bounded Decimal; None for empty text.

    Raises ValueError with a Chinese message for what is not a sane figure. Values of other types are
    returned unchanged, for the model's own type error.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return number_figure(value)
    if not isinstance(value, str):
        return value
    text = value.strip().replace(",", "").replace("，", "").rstrip("%％").strip()
    text = text.translate(_FULL_WIDTH)
    if text == "":
        return None
    if len(text) > MAX_FIGURE_CHARS:  # checked before any conversion: 5,000 digits never reach Decimal
        if _PLAIN.fullmatch(text[:MAX_FIGURE_CHARS]) or text[:1].isdigit():
            raise ValueError(TOO_BIG)
        raise ValueError(f"不是数字：{_clip(value)}")
    if _NOT_A_NUMBER.fullmatch(text):
        raise ValueError(NOT_FINITE)
    if _SCIENTIFIC.fullmatch(text):
        raise ValueError(SCIENTIFIC)
    if not _PLAIN.fullmatch(text):
        raise ValueError(f"不是数字：{_clip(value)}")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # not reached for text matching _PLAIN; kept for safety
        raise ValueError(f"不是数字：{_clip(value)}") from exc
    return bounded(number)


def number_figure(value: Union[int, float, Decimal]) -> Decimal:
    """A number read from a spreadsheet cell or a program as a bounded Decimal; ValueError (Chinese) if not sane."""
    if isinstance(value, int):
        if abs(value) >= MAX_FIGURE:  # compared as ints: no str() of a 5,000-digit number
            raise ValueError(TOO_BIG)
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(NOT_FINITE)
        return bounded(Decimal(repr(value)))
    return bounded(value)


def bounded(number: Decimal) -> Decimal:
    """*number* if it is a sane figure; ValueError (Chinese) if not. Compared without arithmetic."""
    if not number.is_finite():
        raise ValueError(NOT_FINITE)
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) + exponent > 15 and any(digits):  # the integer part has more than 15 digits
        raise ValueError(TOO_BIG)
    if exponent < -MAX_DECIMALS:
        trimmed = number.normalize() if len(digits) <= 60 else number
        trimmed_exponent = trimmed.as_tuple().exponent
        if not isinstance(trimmed_exponent, int) or trimmed_exponent < -MAX_DECIMALS:
            raise ValueError(TOO_PRECISE)
        number = trimmed
    return number


def _clip(value: str, width: int = 20) -> str:
    text = repr(value)
    return text if len(text) <= width else text[:width] + "……"
