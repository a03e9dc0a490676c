"""Which of the five items of the 规定 a part is about, from its heading or its first sentence."""

from __future__ import annotations

import re
from typing import NamedTuple, Union

from ..model.report import PartKind

_OTHER = re.compile(r"其他需要报告|其它需要报告|其他(情况|事项)$|需要(说明|报告)的(其他)?(情况|事项)")
# 第一责任人 in the words real reports use: "党政主要负责人履行推进法治建设第一责任人职责情况", "落实第一责任人
# 职责情况", "局党委主要负责同志履行法治建设职责情况", "领导干部履职情况", "主要领导述法".
_LEADER = re.compile(
    r"第一责任人|(负责人|负责同志|领导干部|领导班子|主要领导|党政主要).{0,12}(履行|履职|职责|述法)"
    r"|履行.{0,12}法治(政府)?建设.{0,4}职责|^履职情况|^(领导干部)?述法(述职|述责)?(工作|情况)?$"
)
_SHORTCOMINGS = re.compile(
    r"不足|短板|薄弱|差距|弱项|存在(的)?(主要|突出)?(问题|困难)|问题(和|及|与)(不足|原因|困难)|^(主要|突出)?问题$"
    r"|有待(加强|提高|改进)"
)
_PLANS = re.compile(
    r"下一步|下一年|下步|明年|来年|今后|工作计划|计划安排|打算|(主要|工作|重点)(安排|任务)|工作思路|思路举措|展望"
    r"|努力方向|工作(设想|谋划)|20\d{2}\s*年(度)?.{0,6}(安排|计划|思路|打算|任务)"
)
_PLANS_WEAK = re.compile(r"计划|安排|思路")  # "三年行动计划" is a measure: alone these words decide nothing
_MEASURES = re.compile(
    r"举措|成效|措施|主要工作|工作情况|(完成|开展|推进|进展|落实|总体|基本)情况|做法|成绩|亮点|取得|进展|推进|加强|深化"
    r"|坚持|健全|强化|提升|规范|夯实|完善"
)


class Kinding(NamedTuple):
    """The kind read from a heading, whether the words say so plainly, and which words decided."""

    kind: PartKind
    sure: bool
    why: str


def classify_heading(heading: str) -> Kinding:
    """The kind of a part headed *heading*, and how sure that reading is.

    Sure: the heading names one item in words real reports use. Unsure: it names two (e.g. "存在不足和
    下一步工作安排", taken as the first), or only a weak word ("……计划"), or none of the five items'
    words and no measure's word either.
    """
    if _OTHER.search(heading):
        return Kinding(PartKind.other, True, "其他需要报告")
    if _LEADER.search(heading):
        return Kinding(PartKind.leader_duty, True, "履行第一责任人职责")
    weak = _SHORTCOMINGS.search(heading)
    plans = _PLANS.search(heading)
    if weak and plans:
        return Kinding(PartKind.shortcomings, False, f"标题同时写了“{weak.group()}”和“{plans.group()}”，"
                                                     "按“存在的不足”处理，下一年度安排也在其中")
    if weak:
        return Kinding(PartKind.shortcomings, True, weak.group())
    if plans:
        return Kinding(PartKind.plans, True, plans.group())
    if _PLANS_WEAK.search(heading) and not _MEASURES.search(heading):
        word = _PLANS_WEAK.search(heading)
        assert word is not None
        return Kinding(PartKind.measures, False, f"标题只有“{word.group()}”一词，按主要举措处理")
    if _MEASURES.search(heading):
        return Kinding(PartKind.measures, True, "举措和成效")
    return Kinding(PartKind.measures, False, "标题没有写明是哪一项，按主要举措处理")


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
    return classify_heading(heading).kind


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
