"""Which of the five items of the 规定 a part is about, from its heading or its first sentence."""

from __future__ import annotations

import re
from typing import Union

from ..model.report import PartKind

_OTHER = re.compile(r"其他需要报告|其它需要报告|其他(情况|事项)$")
_LEADER = re.compile(r"第一责任人")
_SHORTCOMINGS = re.compile(r"不足|短板|薄弱|差距|存在(的)?(主要)?问题|问题(和|及|与)(不足|原因)|^(主要)?问题$")
_PLANS = re.compile(r"下一步|下一年|下步|明年|来年|今后|计划|打算|(主要|工作|重点)安排|工作思路|展望|努力方向")

# How far into the five items a kind is: an unheaded paragraph only starts a new part going forward.
RANK = {
    PartKind.measures: 0,
    PartKind.leader_duty: 0,
    PartKind.shortcomings: 1,
    PartKind.plans: 2,
    PartKind.other: 3,
}


def heading_kind(heading: str) -> PartKind:
    """The kind of a part with this heading (the rest are measures)."""
    if _OTHER.search(heading):
        return PartKind.other
    if _LEADER.search(heading):
        return PartKind.leader_duty
    if _SHORTCOMINGS.search(heading):
        return PartKind.shortcomings
    if _PLANS.search(heading):
        return PartKind.plans
    return PartKind.measures


def section_kind(heading: str) -> Union[PartKind, None]:
    """The kind of a section folded into another part (e.g. 第一责任人 under the measures), or None."""
    if _OTHER.search(heading):
        return PartKind.other
    if _LEADER.search(heading):
        return PartKind.leader_duty
    return None


def paragraph_kind(text: str, year: Union[int, None], nested: bool = False) -> Union[PartKind, None]:
    """The kind of part an unheaded paragraph opens, judged by its first sentence; None if unclear.

    Family B reports (海珠 seed) write the problems and next year's plans as plain paragraphs after the
    thematic parts: "2024年，分局……但同时也存在部分不足……" and "2025年，分局将……". A *nested*
    paragraph (under a section heading) needs stronger words: "问题" alone is common in measures.
    """
    first = re.split(r"[。：]", text, maxsplit=1)[0]
    weakness = r"不足|短板|薄弱" if nested else r"不足|短板|薄弱|差距|问题"
    if re.search(weakness, first) and re.search(r"存在|但|仍|尚|还", first):
        return PartKind.shortcomings
    next_year = f"{year + 1}年" if year else None
    opens_plans = re.match(r"(下一步|下一年度?|明年|新的一年|今后)", first) or (
        next_year is not None and first.startswith(next_year)
    )
    if opens_plans and re.search(r"将|要|计划|继续|持续|力争|着力", first):
        return PartKind.plans
    return None
