"""Step 3 of an import: the punctuation and spacing GB/T 9704 expects, every change noted.

Half-width ``, ( ) : ; ? !`` next to Chinese become full-width; straight double quotes in Chinese text
become “ ”; full-width digits and letters become half-width; spaces next to Chinese are removed.
Numbers such as ``1,234``, ``15:40``, ``4.95`` and ``“5.08”`` are left alone. The 文号/签发人 line and
the 印发 line keep their field separators, which the header and tail parsers read.
"""

from __future__ import annotations

import re

from .notes import Line, Note

# Han characters, CJK punctuation, full-width forms, and the curly quotes / dashes / ellipsis of Chinese text.
CJK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
SPACES = " \u3000\u00a0\t"

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF = re.escape("".join(_HALF_TO_FULL))
_PUNCT_NEAR_CJK = re.compile(f"[{_HALF}](?=[{CJK}])|(?<=[{CJK}])[{_HALF}]")
_SPACES_NEAR_CJK = re.compile(f"[{SPACES}]+(?=[{CJK}])|(?<=[{CJK}])[{SPACES}]+")
_PARENS = re.compile(r"\(([^()]*)\)")
_CJK_CHAR = re.compile(f"[{CJK}]")
_FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
# Lines whose white space separates fields: 文号 … 签发人：…, and 印发机关 … 日期印发.
_FIELD_LINE = re.compile(r".*签发人\s*[:：]|.*\d{4}\s*年.*印发\s*$")


def normalise_lines(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """Normalise every line; drop empty ones. Returns the lines and one note per change."""
    out: list[Line] = []
    notes: list[Note] = []
    blank = 0
    for line in lines:
        text, changes = normalise_text(line.text)
        notes += [Note(kind, detail, line.number) for kind, detail in changes]
        if text:
            out.append(Line(line.number, text))
        else:
            blank += 1
    notes += [Note("blank", "", None)] * blank
    return out, notes


def normalise_text(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return *text* normalised and the list of (kind, detail) changes made."""
    changes: list[tuple[str, str]] = []
    text = text.strip(SPACES + "\ufeff\u200b")
    if not text:
        return "", changes

    def alnum(match: re.Match[str]) -> str:
        half = chr(ord(match.group()) - 0xFEE0)
        changes.append(("digits", f"“{match.group()}”→“{half}”"))
        return half

    text = _FULL_WIDTH_ALNUM.sub(alnum, text)
    field_line = bool(_FIELD_LINE.match(text))
    while True:
        before = text
        if not field_line:
            text = _remove_spaces(text, changes)
        text = _parens(text, changes)
        text = _PUNCT_NEAR_CJK.sub(lambda m: _convert(m.group(), changes), text)
        if text == before:
            break
    text = _quotes(text, changes)
    return text.strip(SPACES), changes


def _convert(half: str, changes: list[tuple[str, str]]) -> str:
    full = _HALF_TO_FULL[half]
    changes.append(("punct", f"“{half}”→“{full}”"))
    return full


def _remove_spaces(text: str, changes: list[tuple[str, str]]) -> str:
    def drop(match: re.Match[str]) -> str:
        shown = match.group().replace("\t", "制表符").replace("\u3000", "全角空格").replace("\xa0", "空格")
        changes.append(("space", "删除“" + (shown if shown.strip() else "空格") + "”"))
        return ""

    return _SPACES_NEAR_CJK.sub(drop, text)


def _parens(text: str, changes: list[tuple[str, str]]) -> str:
    """Turn (…) into （…） when the pair sits in Chinese text or encloses Chinese or a sequence number."""

    def pair(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        inner = match.group(1)
        near = (start > 0 and _CJK_CHAR.match(text[start - 1])) or (end < len(text) and _CJK_CHAR.match(text[end]))
        sequence = start == 0 and re.fullmatch(r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*", inner)
        if near or sequence or _CJK_CHAR.search(inner):
            changes.append(("punct", "“(”“)”→“（”“）”"))
            return f"（{inner.strip(' ') if sequence else inner}）"
        return match.group()

    text = _PARENS.sub(pair, text)

    def single(match: re.Match[str]) -> str:
        full = "（" if match.group() == "(" else "）"
        changes.append(("punct", f"“{match.group()}”→“{full}”"))
        return full

    return re.sub(f"[()](?=[{CJK}])|(?<=[{CJK}])[()]", single, text)


def _quotes(text: str, changes: list[tuple[str, str]]) -> str:
    """Pair straight double quotes in a line of Chinese text into “ ”."""
    if '"' not in text or text.count('"') % 2 or not _CJK_CHAR.search(text):
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    changes.append(("punct", "英文双引号改为中文引号“”"))
    return "".join(out)
