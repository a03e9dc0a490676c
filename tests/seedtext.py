"""Normalise a seed report (a real published text) and a rendered report to comparable lines.

The seeds in ``shared/seeds/`` are web copies of real reports. ``examples/seed-*.yaml`` reproduce them;
these helpers turn both sides into the same form so a test can compare them line for line.

Rules applied to a seed by :func:`normalise_seed`, in this order:

1. **Lines.** The text is split into lines; each line is one paragraph. Lines that are empty or hold
   only white space are dropped.
2. **Web residue.** Lines that are not report content are dropped: ``关闭``, ``打印``, and lines that
   start with ``信息来源``, ``发布日期`` or ``粤公网安备``.
3. **文号 and 签发人.** A line holding a 发文字号 and a 签发人 (e.g. `` 文号：梅县公报字〔2024〕2号    签发人：魏少忠``)
   loses its ``文号：`` label and becomes ``梅县公报字〔2024〕2号<TAB>签发人：魏少忠`` (one tab between the two
   fields). If it comes before the 发文机关标志 line, as in a web copy, it is moved after it: GB/T 9704
   puts the 发文机关标志 first, then the 发文字号 line.
4. **Sequence marks.** A half-width ``(N)`` or ``(一)`` at the start of a line becomes ``（N）`` / ``（一）``
   (the seeds mix ``(1)`` and ``（1）``; the tool generates the full-width form).
5. **Half-width punctuation next to Chinese.** ``, ( ) : ; ? !`` with a CJK character (a Han character or
   CJK / full-width punctuation, including “ ” ‘ ’) directly before or after it becomes
   ``， （ ） ： ； ？ ！``. Decimal points, ``1+1+N``, ``12·4``, ``15:40`` between digits and the like stay.
6. **Stray spaces.** Runs of spaces (ASCII space, U+3000, U+00A0) at either end of a line, or next to a
   CJK character (see 5), are removed. Tabs are kept (they only appear in the 文号 line, see 3).
   Steps 5 and 6 repeat until nothing changes (``, 全`` → ``，全``).

:func:`normalise_rendered` applies rules 3 (canonical 文号 line; a 签发人 line directly after a line
ending in 号 is joined to it with a tab, as a renderer may place the two in separate cells), 4–6 to
rendered lines, drops empty ones, and joins the lines of a title that the renderer split into
several centred lines (``layout.split_title``).
"""

from __future__ import annotations

import re

from generator.text.titles import split_title

# Han characters, CJK punctuation, full-width forms, and the curly quotes / dashes / ellipsis of Chinese text.
_CJK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE = " \u3000\u00a0"

_RESIDUE_EXACT = {"关闭", "打印"}
_RESIDUE_PREFIXES = ("信息来源", "发布日期", "粤公网安备")

_HALF_TO_FULL = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF = re.escape("".join(_HALF_TO_FULL))
_PUNCT_BEFORE_CJK = re.compile(f"[{_HALF}](?=[{_CJK}])")
_PUNCT_AFTER_CJK = re.compile(f"(?<=[{_CJK}])[{_HALF}]")
_SPACES_NEAR_CJK = re.compile(f"[{_SPACE}]+(?=[{_CJK}])|(?<=[{_CJK}])[{_SPACE}]+")

_SEQUENCE_MARK = re.compile(r"^[(（]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]")
_NUMBER_LINE = re.compile(r"^(?:文号\s*[：:])?\s*(\S.*?号)\s*签发人\s*[：:]\s*(\S+)$")
_SIGNER_LINE = re.compile(r"^签发人\s*[：:]\s*(\S+)$")


def _is_residue(line: str) -> bool:
    return line in _RESIDUE_EXACT or line.startswith(_RESIDUE_PREFIXES)


def _number_line(line: str) -> str | None:
    """Canonical ``文号<TAB>签发人：name`` form of a 发文字号 line, None when *line* is not one."""
    match = _NUMBER_LINE.match(line.strip(_SPACE + "\t"))
    if not match:
        return None
    return f"{match.group(1).strip(_SPACE + chr(9))}\t签发人：{match.group(2)}"


def normalise_line(line: str) -> str:
    """Apply rules 3–6 to one line (see the module docstring)."""
    number = _number_line(line)
    if number is not None:
        return number
    line = line.strip(_SPACE)
    line = _SEQUENCE_MARK.sub(lambda m: f"（{m.group(1)}）", line)
    while True:
        before = line
        line = _SPACES_NEAR_CJK.sub("", line)
        line = _PUNCT_BEFORE_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], line)
        line = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], line)
        line = line.strip(_SPACE)
        if line == before:
            return line


def normalise_seed(text: str) -> list[str]:
    """The seed's paragraphs after rules 1–6 of the module docstring, in document order."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip(_SPACE + "\t"):
            continue
        line = normalise_line(raw)
        if line and not _is_residue(line):
            lines.append(line)
    # Rule 3: the 发文字号 line goes after the 发文机关标志 line when a web copy put it first.
    for i, line in enumerate(lines[:-1]):
        if _number_line(line) is not None and _number_line(lines[i + 1]) is None:
            if i == 0:
                lines[0], lines[1] = lines[1], lines[0]
            break
    return lines


def normalise_rendered(lines: list[str], title: str | None = None) -> list[str]:
    """Rendered paragraph texts, normalised like a seed, with a split title joined again.

    *title* is the full title (``report.full_title``): the consecutive lines that make it up are joined.
    Without it, the first run of 2–3 lines among the first six that ``split_title`` would produce from
    their concatenation is taken to be the title.
    """
    out: list[str] = []
    for raw in lines:
        if not raw.strip(_SPACE + "\t"):
            continue
        signer = _SIGNER_LINE.match(raw.strip(_SPACE + "\t"))
        if signer and out and out[-1].endswith("号"):
            out[-1] = f"{out[-1]}\t签发人：{signer.group(1)}"
            continue
        out.append(normalise_line(raw))
    return _join_title(out, title)


def _join_title(lines: list[str], title: str | None) -> list[str]:
    for i in range(len(lines) if title is not None else min(len(lines), 6)):
        for n in (2, 3):
            piece = lines[i : i + n]
            if len(piece) < n:
                continue
            joined = "".join(piece)
            if (title is not None and joined == title) or (title is None and split_title(joined) == piece):
                return lines[:i] + [joined] + lines[i + n :]
    return lines
