"""Year consistency: a report that speaks of another year as its own, and last year's text left in a draft.

- Y1  the opening sentence begins with a year that is not the report year (“2024年，……” in a 2025 report)
- Y2  a part heading names another year (“2024年度……主要举措和成效”); the plans heading must name year + 1
- Y3  the title names another year as the report year
- C-CARRY  a paragraph ``fzbg import --next-year`` carried over is still last year's text (text/carry.py)
"""

from __future__ import annotations

import re

from ..model.report import PartKind
from ..text.carry import comment_fingerprint, fingerprint
from .base import ERROR, DataPath, Hit
from .context import Context

# A year of its own: not one end of a range such as 2021—2025年 (the 纲要's period).
_YEAR = re.compile(r"(?<![\d—–\-～~至到])((?:19|20)\d{2})\s*年(?:度)?(?![\d—–\-～~至到])")
_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")
_TITLE_YEAR = re.compile(r"(?:关于|^)[^〔]{0,40}?((?:19|20)\d{2})\s*年(?:度)?(?:法治|推进|工作)")


def check(ctx: Context) -> list[Hit]:
    return opening_year(ctx) + heading_years(ctx) + title_year(ctx) + carried(ctx)


def opening_year(ctx: Context) -> list[Hit]:
    """Y1: “2024年，……” opening a 2025 report."""
    report = ctx.report
    if not report.opening:
        return []
    path: DataPath = ("opening", 0)
    text, _, _ = ctx.value(path, report.opening[0])
    found = _OPENING_YEAR.search(text or "")
    if not found or int(found.group(1)) == report.year:
        return []
    return [Hit("Y1", ERROR, f"开头写的是“{found.group(1)}年”，而报告年度是 {report.year} 年：请改为本年度的情况",
                found.start(1), found.end(1) + 1, path=path)]


def heading_years(ctx: Context) -> list[Hit]:
    """Y2: headings naming a year other than the report year; the plans heading names year + 1."""
    report = ctx.report
    hits: list[Hit] = []
    for i, part in enumerate(report.parts):
        if not part.heading:
            continue
        path: DataPath = ("parts", i, "heading")
        text, _, _ = ctx.value(path, part.heading)
        plans = part.kind == PartKind.plans
        want = report.year + 1 if plans else report.year
        for found in _YEAR.finditer(text or ""):
            year = int(found.group(1))
            if year == want:
                continue
            if plans:
                message = f"“下一年度主要安排”的标题应写 {want} 年（报告年度 {report.year} 年的下一年），而不是 {year} 年"
            else:
                message = f"标题写的是 {year} 年，而报告年度是 {report.year} 年：请改为 {report.year} 年"
            hits.append(Hit("Y2", ERROR, message, found.start(1), found.end(1), path=path))
    return hits


def title_year(ctx: Context) -> list[Hit]:
    """Y3: a title of its own naming another year as the report's."""
    report = ctx.report
    if not report.title:
        return []
    text, _, _ = ctx.value(("title",), report.title)
    found = _TITLE_YEAR.search(text or "")
    if not found or int(found.group(1)) == report.year:
        return []
    return [Hit("Y3", ERROR, f"标题写的是 {found.group(1)} 年，而报告年度是 {report.year} 年",
                found.start(1), found.end(1), path=("title",))]


def carried(ctx: Context) -> list[Hit]:
    """C-CARRY: every value whose 上年原文 comment still matches its text."""
    source = ctx.source
    if source is None:
        return []
    lines = source.text.splitlines()
    hits = []
    for path, node in source.nodes.items():
        if not isinstance(node.value, str) or not node.value.strip():
            continue
        marked = _mark_above(lines, node.start_mark.line)
        if marked is not None and marked == fingerprint(node.value):
            hits.append(Hit("C-CARRY", ERROR, "此段仍是上一年度报告的原文（fzbg import --next-year 导入），"
                            "请按本年度情况改写", path=path))
    return hits


def _mark_above(lines: list[str], line: int) -> str | None:
    """The fingerprint of a 上年原文 comment in the comment lines just above 0-based *line*."""
    k = line - 1
    while k >= 0 and lines[k].strip().startswith("#"):
        found = comment_fingerprint(lines[k])
        if found:
            return found
        k -= 1
    return None
