"""GB/T 15835-2011 number rules N1–N9 (docs/check.md) on one string."""

from __future__ import annotations

import re

from .base import ERROR, FULL_WIDTH_DIGITS, WARNING, Hit, is_han, masked


def check(text: str) -> list[Hit]:
    """All number rules on *text* (URLs and e-mail addresses masked)."""
    t = masked(text)
    hits: list[Hit] = []
    for rule in (n1_full_width, n2_mixed_forms, n3_short_years, n4_dates, n5_range_units,
                 n6_mixed_magnitudes, n7_decimals, n8_han_zero, n9_times):
        hits += rule(t)
    return hits


_FULL_NUMBER = re.compile(r"[０-９]+(?:[．.][０-９]+)?")


def n1_full_width(t: str) -> list[Hit]:
    """N1: half-width digits only (5.1.1)."""
    hits = []
    for m in _FULL_NUMBER.finditer(t):
        fixed = m.group().translate(FULL_WIDTH_DIGITS)
        hits.append(Hit("N1", ERROR, f"数字应使用半角阿拉伯数字“{fixed}”，不用全角“{m.group()}”",
                        m.start(), m.end(), ((m.start(), m.end(), fixed),)))
    return hits


_HAN_YEAR_ARABIC_MONTH = re.compile(r"[〇○零一二三四五六七八九]{4}年\s*\d{1,2}月")
_ARABIC_YEAR_HAN_MONTH = re.compile(r"\d{4}年[一二三四五六七八九十]{1,2}月")


def n2_mixed_forms(t: str) -> list[Hit]:
    """N2: one date, one form: not 二〇二四年8月 or 2024年八月."""
    hits = []
    for pattern in (_HAN_YEAR_ARABIC_MONTH, _ARABIC_YEAR_HAN_MONTH):
        for m in pattern.finditer(t):
            hits.append(Hit("N2", WARNING, "同一日期中汉字数字与阿拉伯数字混用，公历日期应统一用阿拉伯数字",
                            m.start(), m.end()))
    return hits


_SHORT_YEAR = re.compile(r"(?<![\d.A-Za-z近续去前后约])(\d{2})年(\d{1,2})月")


def n3_short_years(t: str) -> list[Hit]:
    """N3: years in dates are written in full (2024年, not 24年)."""
    return [Hit("N3", WARNING, f"年份应写全（如“20{m.group(1)}年”），不能简写为“{m.group(1)}年”", m.start(), m.end())
            for m in _SHORT_YEAR.finditer(t)]


_PADDED = re.compile(r"\d{4}年0\d月|(?<=月)0\d日")
_DOTTED = re.compile(r"(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d.])")


def n4_dates(t: str) -> list[Hit]:
    """N4: no leading zeros in 年月日 dates; no 2024.3.5 in running text (ISO 2024-03-05 allowed)."""
    hits = [Hit("N4", WARNING, f"日期中的月、日不加“0”（如“{_unpad(m.group())}”）", m.start(), m.end())
            for m in _PADDED.finditer(t)]
    for m in _DOTTED.finditer(t):
        if m.group(2) == "-" and len(m.group(3)) == 2 and len(m.group(4)) == 2:
            continue  # the all-numeric ISO form
        year, month, day = m.group(1), int(m.group(3)), int(m.group(4))
        hits.append(Hit("N4", WARNING, f"正文中的日期应写作“{year}年{month}月{day}日”", m.start(), m.end()))
    return hits


def _unpad(text: str) -> str:
    return re.sub(r"(?<=[年月])0(\d)", r"\1", text) if "年" in text else text.lstrip("0")


_RANGE_UNIT = re.compile(r"(?<![\d.%])(\d+(?:\.\d+)?)([～~\-－—至到])(\d+(?:\.\d+)?)(%|万|亿)")


def n5_range_units(t: str) -> list[Hit]:
    """N5: both ends of a range carry % / 万 / 亿 (15%～30%, 13万～17万)."""
    hits = []
    for m in _RANGE_UNIT.finditer(t):
        a, sep, b, unit = m.groups()
        hits.append(Hit("N5", WARNING, f"范围两端都应带“{unit}”：写作“{a}{unit}{sep}{b}{unit}”",
                        m.start(), m.end()))
    return hits


_MIXED_MAGNITUDE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[十百千](?![分克米瓦])")


def n6_mixed_magnitudes(t: str) -> list[Hit]:
    """N6: no Arabic digits with 十/百/千 (3千人); 万 and 亿 are fine (4.6万)."""
    return [Hit("N6", WARNING, f"阿拉伯数字不与“十、百、千”连用：“{m.group()}”应写作阿拉伯数字（如3000）",
                m.start(), m.end()) for m in _MIXED_MAGNITUDE.finditer(t)]


_BARE_DECIMAL = re.compile(r"(?<![\d.A-Za-z\x00])\.\d")
_FULL_POINT = re.compile(r"(?<=\d)．(?=\d)")
_PERIOD_POINT = re.compile(r"(?<=\d)。(?=\d+(?:\.\d+)?[%万亿])")
_FULL_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def n7_decimals(t: str) -> list[Hit]:
    """N7: 0.46 not .46; the decimal point is "."; the thousands separator is a half-width ","."""
    hits = [Hit("N7", WARNING, "小数点前的“0”不能省略（如0.46），或此处应为句号", m.start(), m.end())
            for m in _BARE_DECIMAL.finditer(t)]
    hits += [Hit("N7", WARNING, "小数点应为半角“.”", m.start(), m.end(), ((m.start(), m.end(), "."),))
             for m in _FULL_POINT.finditer(t)]
    hits += [Hit("N7", WARNING, "小数点应为半角“.”，不用句号", m.start(), m.end()) for m in _PERIOD_POINT.finditer(t)]
    hits += [Hit("N7", WARNING, "千位分隔符应为半角“,”（或不用分隔符），不用全角逗号", m.start(), m.end())
             for m in _FULL_THOUSANDS.finditer(t)]
    return hits


_HAN_YEAR = re.compile(r"[〇○OＯ0零一二三四五六七八九]{4}(?=年)")


def n8_han_zero(t: str) -> list[Hit]:
    """N8: the zero of a year written in Han numerals is 〇 (二〇二四年)."""
    hits = []
    for m in _HAN_YEAR.finditer(t):
        year = m.group()
        if any(c in "一二三四五六七八九" for c in year) and any(c in "○OＯ0零" for c in year):
            fixed = re.sub("[○OＯ0零]", "〇", year)
            hits.append(Hit("N8", WARNING, f"年份中的“零”应写作“〇”：“{fixed}”", m.start(), m.end()))
    return hits


_DIAN_TIME = re.compile(r"(?<![\d.])([01]?\d|2[0-3])点([0-5]?\d)分(?!钟)")
_FULL_COLON_TIME = re.compile(r"(?<![\d：])([01]?\d|2[0-3])：([0-5]\d)(?![\d：])")


def n9_times(t: str) -> list[Hit]:
    """N9: times are 15时40分 or 15:40."""
    hits = [Hit("N9", WARNING, f"时间应写作“{m.group(1)}时{m.group(2)}分”或“{m.group(1)}:{m.group(2)}”",
                m.start(), m.end()) for m in _DIAN_TIME.finditer(t)]
    hits += [Hit("N9", WARNING, f"时间中的冒号应为半角（“{m.group(1)}:{m.group(2)}”），或写作“{m.group(1)}时{m.group(2)}分”",
                 m.start(), m.end()) for m in _FULL_COLON_TIME.finditer(t) if _han_near(t, m.start(), m.end())]
    return hits


def _han_near(t: str, start: int, end: int) -> bool:
    return any(map(is_han, t[max(0, start - 2) : end + 2]))
