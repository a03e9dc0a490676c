"""GB/T 15834-2011 punctuation rules P1–P10 (docs/check.md) on one string.

Every function takes the text and returns :class:`Hit` spans inside it. URLs, e-mail addresses and
dotted abbreviations are masked first, so "https://…", "15:40" and "4.95万" raise nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..text.numbering import parse_chinese_number
from .base import (
    ERROR,
    HAN,
    HAN_DIGITS,
    HAN_NUMERALS,
    INFO,
    MASK,
    ODD_MARKS,
    WARNING,
    Hit,
    around,
    at_sequence_position,
    cjk_context,
    is_cjk,
    is_han,
    masked,
)

_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_DIGITS = "0123456789"


def check(text: str) -> list[Hit]:
    """All punctuation rules on *text*."""
    t = masked(text)
    hits: list[Hit] = []
    for rule in (p1_ascii_marks, p1_brackets, p2_quotes, p3_ellipsis, p4_dash, p5_ranges,
                 p6_sequence_marks, p7_enumeration_comma, p8_approximate, p9_hexagonal_brackets, p10_spaces):
        hits += rule(t)
    return hits


def p1_ascii_marks(t: str) -> list[Hit]:
    """P1: half-width , . ; : ? ! next to Han characters (decimals, times and "1." marks excepted)."""
    hits = []
    for i, ch in enumerate(t):
        if ch not in ",.;:?!" or not (cjk_context(t, i) or _ends_chinese_sentence(t, i)):
            continue
        before, after = around(t, i)
        if ch in ".,:" and _digit(before) and _digit(after):
            continue  # 4.95, 1,234, 15:40
        if ch == "." and (before == "." or after == "."):
            continue  # an ASCII ellipsis: P3
        if ch == "." and _digit(after):
            continue  # ".46": N7
        if ch == "." and after.isascii() and after.isalpha():
            continue  # a file name or domain: 统计表.xlsx, 中国政府网.cn
        if ch == "." and (_digit(before) or (before and before in HAN_DIGITS)) and _starts_sequence_mark(t, i):
            continue  # "1." is the right level-3 mark; "一." is P6
        hits.append(Hit("P1", ERROR, f"中文语境中应使用全角标点“{_FULL[ch]}”，不用半角“{ch}”",
                        i, i + 1, ((i, i + 1, _FULL[ch]),)))
    return hits


_WORD = re.compile(r"[0-9A-Za-z%‰]+$")


def _ends_chinese_sentence(t: str, i: int) -> bool:
    """True for a mark at a line end right after a figure or Latin word attached to Chinese: 率为96%."""
    if i + 1 < len(t) and t[i + 1] != "\n":
        return False
    run = _WORD.search(t, 0, i)
    return run is not None and run.start() > 0 and is_cjk(t[run.start() - 1])


def _digit(ch: str) -> bool:
    return ch != "" and ch in _ASCII_DIGITS


def _starts_sequence_mark(t: str, dot: int) -> bool:
    k = dot
    while k > 0 and (_digit(t[k - 1]) or t[k - 1] in HAN_DIGITS):
        k -= 1
    return at_sequence_position(t, k)


def p1_brackets(t: str) -> list[Hit]:
    """P1: half-width ( ) around or next to Chinese text; pairs are fixed together."""
    hits = []
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i, ch in enumerate(t):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
        elif ch == "\n":
            lone += stack
            stack = []
    lone += stack
    year_brackets = {m.start(1) for m in _wrong_year_brackets(t)} if pairs and "号" in t else set()
    for a, b in pairs:
        if a in year_brackets:
            continue  # a 文号 year: P9 turns these into 〔〕
        inside = t[a + 1 : b]
        if cjk_context(t, a) or cjk_context(t, b) or any(is_han(c) for c in inside):
            hits.append(Hit("P1", ERROR, "中文语境中应使用全角括号“（）”，不用半角“()”",
                            a, b + 1, ((a, a + 1, "（"), (b, b + 1, "）"))))
    for i in lone:
        if cjk_context(t, i):
            hits.append(Hit("P1", ERROR, f"半角括号“{t[i]}”应为全角，且括号不成对", i, i + 1))
    return hits


def p2_quotes(t: str) -> list[Hit]:
    """P2: straight quotes, 「」『』, unbalanced or wrongly nested “ ” in Chinese text."""
    hits: list[Hit] = []
    for line_start, line in _lines(t):
        straight = [line_start + i for i, ch in enumerate(line) if ch == '"']
        # Pairing is only certain when they pair up and the curly quotes around them are balanced.
        fixable = len(straight) % 2 == 0 and _balanced(line)
        for k in range(0, len(straight), 2):
            pair = straight[k : k + 2]
            if not any(cjk_context(t, i) for i in pair):
                continue
            edits = ((pair[0], pair[0] + 1, "“"), (pair[1], pair[1] + 1, "”")) if fixable else ()
            hits.append(Hit("P2", ERROR, "中文引号应为全角“ ”，不用直引号\"", pair[0], pair[-1] + 1, edits))
    for i, ch in enumerate(t):
        if ch == "'" and cjk_context(t, i):
            hits.append(Hit("P2", WARNING, "中文引号应为全角‘ ’（用于引号内的引号），不用直引号'", i, i + 1))
        elif ch in "「」『』":
            replacement = {"「": "“", "」": "”", "『": "‘", "』": "’"}[ch]
            hits.append(Hit("P2", WARNING, f"大陆公文用引号“{replacement}”，不用“{ch}”", i, i + 1,
                            ((i, i + 1, replacement),)))
    for line_start, line in _lines(t):
        depth = 0
        for i, ch in enumerate(line):
            if ch == "“":
                if depth >= 1:
                    hits.append(Hit("P2", WARNING, "引号内再用引号时，内层应使用单引号‘ ’",
                                    line_start + i, line_start + i + 1))
                depth += 1
            elif ch == "”":
                if depth == 0:
                    hits.append(Hit("P2", WARNING, "引号不成对或方向错误：此处的后引号“””前面没有前引号",
                                    line_start + i, line_start + i + 1))
                else:
                    depth -= 1
        if depth > 0:
            last = line_start + line.rfind("“")
            hits.append(Hit("P2", WARNING, "引号不成对：前引号“““没有对应的后引号", last, last + 1))
    return hits


def _balanced(line: str) -> bool:
    depth = 0
    for ch in line:
        depth += {"“": 1, "”": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _lines(t: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in t.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|·{3,}|⋯+|(?<!…)…(?!…)|…{3,}")


def p3_ellipsis(t: str) -> list[Hit]:
    """P3: the 省略号 is “……” (two U+2026)."""
    hits = []
    for m in _ELLIPSIS.finditer(t):
        s, e = m.span()
        edits = ((s, e, "……"),) if cjk_context(t, s, e) else ()
        hits.append(Hit("P3", WARNING, f"省略号应为“……”（两个“…”），不用“{m.group()}”", s, e, edits))
    return hits


_DASH = re.compile(r"-{2,}|－{2,}|―+|─+|—{3,}")


def p4_dash(t: str) -> list[Hit]:
    """P4: the 破折号 is “——” (two U+2014)."""
    hits = []
    for m in _DASH.finditer(t):
        s, e = m.span()
        if not cjk_context(t, s, e):
            continue
        hits.append(Hit("P4", WARNING, f"破折号应为“——”（两个“—”），不用“{m.group()}”", s, e, ((s, e, "——"),)))
    return hits


_RANGE = re.compile(r"(?<![\d.\-:/A-Za-z])(\d{1,4}(?:\.\d+)?)([-~－])(\d{1,4}(?:\.\d+)?)(?![\d.\-:/A-Za-z])")


def p5_ranges(t: str) -> list[Hit]:
    """P5: number ranges use “～” or “—”, not "-", "~" or "－"."""
    hits = []
    for m in _RANGE.finditer(t):
        s, e = m.span()
        after = t[e] if e < len(t) else ""
        if not (cjk_context(t, s, e) or (after and after in "%‰")):
            continue  # between bare numbers outside Chinese text the mark is ambiguous
        hits.append(Hit("P5", WARNING, f"数值范围应使用浪纹线“～”或一字线“—”，不用“{m.group(2)}”",
                        m.start(2), m.end(2)))
    return hits


def range_styles(text: str) -> dict[str, int]:
    """Offset of the first “～” range and the first “—” range in *text* (P5 asks for one style)."""
    found: dict[str, int] = {}
    for m in re.finditer(r"\d(～|—)\d", text):
        found.setdefault(m.group(1), m.start(1))
    return found


_HN = HAN_NUMERALS
# Runs are matched only from their first character ((?<![…]) before each unbounded run): the same matches,
# but one scan of a 100,000-character run instead of one from every position in it (quadratic).
# The two marks that count only before Han text (group 1) are followed by one, tested by its code point in
# bad_marks rather than by a (?=[HAN]) lookahead, whose class takes a millisecond to compile (issue 20).
_BAD_MARKS = re.compile(
    rf"（[{_HN}]+）[、，.．]|（\d+）[、，.．]|((?<![{_HN}])[{_HN}]+[.．]|(?<!\d)\d+[、．])|[{ODD_MARKS}]"
)


def bad_marks(t: str) -> Iterator[re.Match[str]]:
    """The sequence marks P6 looks at, as ``(?=[HAN])`` after group 1 would find them. Where no Han character
    follows, the pattern with the lookahead matches nothing at that start (no shorter run is followed by the
    mark, no later alternative starts with a numeral or a digit), and nothing inside: only a （, a numeral or
    digit not preceded by another, or an odd mark starts a match. So skipping the match skips nothing else."""
    for m in _BAD_MARKS.finditer(t):
        if m.group(1) is None or is_han(t[m.end():m.end() + 1]):
            yield m


def p6_sequence_marks(t: str) -> list[Hit]:
    """P6: sequence marks typed in the text: 一、 （一） 1. （1）, not （一）、 1、 1． ⑴ ㈠ ⒈."""
    hits = []
    for m in bad_marks(t):
        s, e = m.span()
        mark = m.group()
        if mark not in ODD_MARKS and not at_sequence_position(t, s):
            continue  # "1、3、5" inside a sentence is a list of numbers, not a mark
        hits.append(Hit("P6", WARNING, f"序号“{mark}”写法不规范：层次序号依次为“一、”“（一）”“1.”“（1）”", s, e))
    hits += _sequence_order(t)
    return hits


_LEVEL_MARKS = (
    (1, re.compile(rf"([{_HN}]+)、")),
    (2, re.compile(rf"[（(]([{_HN}]+)[）)]")),
    (3, re.compile(r"(\d{1,2})[.．、](?!\d)")),
    (4, re.compile(r"[（(](\d{1,2})[）)]")),
)


def _sequence_order(t: str) -> list[Hit]:
    """P6: marks at line starts must be consecutive per level and must not skip a level."""
    hits: list[Hit] = []
    counters = {1: 0, 2: 0, 3: 0, 4: 0}
    seen_levels: set[int] = set()
    for start, line in _lines(t):
        lead = len(line) - len(line.lstrip(" \u3000\t"))
        for level, pattern in _LEVEL_MARKS:
            m = pattern.match(line, lead)
            if not m:
                continue
            digits = m.group(1)
            n = int(digits) if digits.isdigit() else parse_chinese_number(digits)
            if n is None:
                break
            s = start + lead
            if n != counters[level] + 1 and n != 1:
                hits.append(Hit("P6", WARNING, f"序号不连续：“{m.group()}”前一项是第{counters[level]}项",
                                s, start + m.end()))
            if level > 1 and level - 1 not in seen_levels and seen_levels and n == 1:
                hits.append(Hit("P6", WARNING, "层次跳级：上一层次的序号尚未出现", s, start + m.end()))
            counters[level] = n
            seen_levels.add(level)
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
                seen_levels.discard(deeper)
            break
    return hits


_QUOTE_COMMA = re.compile(r"”、“|》、《")


def p7_enumeration_comma(t: str) -> list[Hit]:
    """P7: no 顿号 between items each in 引号 or 书名号 (“通常不用”)."""
    return [Hit("P7", WARNING, "并列的引号或书名号之间通常不用顿号", m.start() + 1, m.start() + 2)
            for m in _QUOTE_COMMA.finditer(t)]


_MEASURE = "个天次年月日人名家件岁倍元万亿项条种批场期起宗辆户"
_APPROX_ARABIC = re.compile(rf"(?<![\d.、])(\d+)、(\d+)(?=[{_MEASURE}])")
_APPROX_HAN = re.compile(rf"(?<![{_HN}、])([一二三四五六七八九])、([一二三四五六七八九])(?=[{_MEASURE}])")


def p8_approximate(t: str) -> list[Hit]:
    """P8: adjacent numbers forming a 概数 (三四个, 2至3天) take no 顿号."""
    hits = []
    for pattern in (_APPROX_ARABIC, _APPROX_HAN):
        for m in pattern.finditer(t):
            a, b = m.group(1), m.group(2)
            first = int(a) if a.isdigit() else parse_chinese_number(a)
            second = int(b) if b.isdigit() else parse_chinese_number(b)
            if first is None or second != first + 1 or at_sequence_position(t, m.start()):
                continue
            hits.append(Hit("P8", WARNING, f"相邻数字表示概数时中间不用顿号（如“{a}{b}”）",
                            m.start(1), m.end(2)))
    return hits


# Compiled on first need: each holds HAN, some 2–3 ms to compile, and most texts have no 〔 or 号 (issue 20).
@lru_cache(maxsize=1)
def _doc_number() -> re.Pattern[str]:
    return re.compile(rf"(?<![{HAN}A-Za-z])[{HAN}A-Za-z]+〔\d{{4}}〕\d+号")  # from a run's start only


@lru_cache(maxsize=1)
def _bracketed_year() -> re.Pattern[str]:
    return re.compile(r"([\[【(（［])((?:19|20)\d{2})([\]】)）］])(?=\d+号)")


def _wrong_year_brackets(t: str) -> list[re.Match[str]]:
    """A 文号's year in other brackets than 〔〕, right after a Han character: 梅府发[2024]3号.

    What ``(?<=[HAN])`` before the pattern finds, with the Han character tested by its code point (the class
    takes a millisecond to compile, issue 20). A match is an opening bracket, four digits and a closing one, so
    no other match can start inside it: leaving out one that no Han character precedes leaves out nothing else.
    """
    return [m for m in _bracketed_year().finditer(t) if m.start() and is_han(t[m.start() - 1])]


def p9_hexagonal_brackets(t: str) -> list[Hit]:
    """P9: 〔〕 only around the year of a 发文字号; a cited 文号 puts its year in 〔〕 too."""
    hits: list[Hit] = []
    if "号" not in t and "〔" not in t and "〕" not in t:  # neither pattern nor a bracket can be found
        return hits
    allowed: set[int] = set()
    if "〔" in t:  # a 文号 holds 〔
        for m in _doc_number().finditer(t):
            allowed.update(range(m.start(), m.end()))
    for i, ch in enumerate(t):
        if ch in "〔〕" and i not in allowed:
            hits.append(Hit("P9", WARNING, "六角括号“〔〕”只用于发文字号中的年份，此处应使用其他括号", i, i + 1))
    for m in _wrong_year_brackets(t) if "号" in t else ():
        s, e = m.start(1), m.end(3)
        hits.append(Hit("P9", WARNING, f"文号中的年份应使用六角括号“〔{m.group(2)}〕”", s, e,
                        ((m.start(1), m.end(1), "〔"), (m.start(3), m.end(3), "〕"))))
    return hits


_SPACES = re.compile(r"[ \t\u3000]+")
_FULL_PUNCT = "，。；：？！、“”‘’（）《》【】〔〕…—"


def p10_spaces(t: str) -> list[Hit]:
    """P10: no spaces between Han characters or next to full-width punctuation."""
    hits = []
    for m in _SPACES.finditer(t):
        s, e = m.span()
        before = t[s - 1] if s > 0 else ""
        after = t[e] if e < len(t) else ""
        if not before or not after or before in "\n" + MASK or after in "\n" + MASK:
            continue
        if (is_han(before) and is_han(after)) or before in _FULL_PUNCT or after in _FULL_PUNCT:
            hits.append(Hit("P10", WARNING, "汉字之间、全角标点前后不应有空格", s, e))
    return hits


def mixed_range_hit(at: int) -> Hit:
    """P5 (info): both “～” and “—” are used for ranges; *at* is a use of the second style."""
    return Hit("P5", INFO, "数值范围的写法应全文统一：同时使用了“～”和“—”", at, at + 1)
