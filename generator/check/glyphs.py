"""E-GLYPH: with the GB2312 font profile, characters the fonts do not have.

仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 cover the GB2312 set only. Word draws a character outside it (镕, 堃,
喆, 昇, 珺, 玥 … common in names) in a fallback font, so one character of a name or a heading looks different.
Membership is GB2312's rows as Windows maps them (code page 936: the two-byte codes A1A1–F7FE), which is how
the fonts are indexed; Python's own gb2312 codec maps a few marks (—, ·) differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.vocabulary import FontProfile
from .base import WARNING, Hit

if TYPE_CHECKING:
    from .context import Context


def in_gb2312(ch: str) -> bool:
    """True for ASCII and for a character of the GB2312 set (as code page 936 encodes it)."""
    if ord(ch) < 0x80:
        return True
    try:
        code = ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE


def check(ctx: Context) -> list[Hit]:
    if ctx.fonts is not FontProfile.gb2312:
        return []
    hits = []
    outside: dict[str, bool] = {}  # each distinct character tested once (a report has some thousands of them)
    for path, text in ctx.strings():
        if text.isascii():
            continue
        for i, ch in enumerate(text):
            bad = outside.get(ch)
            if bad is None:
                bad = outside[ch] = not in_gb2312(ch) and not ch.isspace()
            if bad:
                hits.append(Hit("E-GLYPH", WARNING, f"“{ch}”（U+{ord(ch):04X}）不在 GB2312 字符集内：仿宋_GB2312 等字体中"
                                "没有这个字，Word 会用其他字体显示，字形不一致。请核对（人名中的字可在生成后单独设置字体），"
                                "或用 --fonts windows", i, i + 1, path=path))
    return hits
