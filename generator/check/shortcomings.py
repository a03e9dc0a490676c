"""What an evaluator reads in the 不足 part: a cause for each problem, and a plan that answers it.

- E-CAUSE  a problem of the 不足和原因 part with no cause, and no cause said for the part as a whole (warning)
- E-STOCK  a stock problem ("少数民警法治意识有待提高") or a stock cause ("受主客观因素影响") with nothing
           specific: no figure (info)
- E-PLAN   a problem that no 下一年度安排 answers: they share no subject word (warning)

The words are data: generator/check/data/evaluator.yaml. Subject words come from jieba, the usual Chinese word
segmenter: a dictionary cut gives words (监督、信息化), where character pairs would match by chance.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model.report import PartKind
from .base import INFO, WARNING, Hit, han_runs
from .ruledata import alternation, literal_alternation, words
from .units import Segment, item_segments

if TYPE_CHECKING:
    from .context import Context

DATA = "evaluator"
_ORDINAL_START = re.compile(r"\s*[一二三四五六七八九十]+[是要]")
_FIGURE = re.compile(r"\d+(?![\d年])")  # a figure, not the report year
_CAUSE_LEAD = 6  # a cause within the first characters of a sentence opens a cause sentence ("原因主要是……")


def check(ctx: Context) -> list[Hit]:
    problems, general_cause = problems_of(ctx)
    hits = causes(problems, general_cause) + stock(problems)
    return hits + unanswered(ctx, problems)


def problems_of(ctx: Context) -> tuple[list[Segment], bool]:
    """The problems of the 不足 part, and whether the part states a cause for all of them."""
    marker = literal_alternation(DATA, "problem_markers")
    cause = alternation(DATA, "cause_patterns")
    problems: list[Segment] = []
    general = False
    for seg in item_segments(ctx, PartKind.shortcomings):
        body = seg.body
        found = cause.search(body)
        opens_with_cause = found is not None and found.start() <= _CAUSE_LEAD and not _ORDINAL_START.match(body)
        if seg.lead or opens_with_cause:
            general = general or found is not None
            continue
        if marker.search(body) or seg.chain_item or _ORDINAL_START.match(body):
            problems.append(seg)
    return problems, general


def has_cause(seg: Segment) -> bool:
    return alternation(DATA, "cause_patterns").search(seg.body) is not None


def causes(problems: list[Segment], general_cause: bool) -> list[Hit]:
    """E-CAUSE."""
    if general_cause:
        return []
    return [seg.hit("E-CAUSE", WARNING, "这一不足没有写原因（如“原因主要是……”“由于……”“受……影响”）："
                    "《规定》要求报告“不足和原因”，评估时只列问题不析原因会扣分")
            for seg in problems if not has_cause(seg)]


def stock(problems: list[Segment]) -> list[Hit]:
    """E-STOCK: stock phrases in a problem that has no figure of its own."""
    hits = []
    for key, what in (("stock_problems", "问题"), ("stock_causes", "原因")):
        pattern = literal_alternation(DATA, key)
        for seg in problems:
            if _FIGURE.search(seg.body):
                continue
            m = pattern.search(seg.body)
            if m:
                hits.append(Hit("E-STOCK", INFO, f"“{m.group()}”是各单位通用的套话，{what}写得笼统：可写明具体的领域、"
                                "环节或数字（如哪类案件、多少起、什么原因）", seg.start + m.start(), seg.start + m.end(),
                                path=seg.path))
    return hits


# --- plans that answer the problems -------------------------------------------------------------


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(words(DATA, "plan_stopwords")) | frozenset(words(DATA, "problem_markers"))


def subject_words(text: str) -> list[str]:
    """The content words of *text*, in order, once each: jieba's words of two or more Han characters and, for a
    compound, its parts ("执法监督" → 执法监督、监督), less the words every report shares (evaluator.yaml
    plan_stopwords, problem_markers) and the 一是 of a chain typed as text."""
    from ..text.words import search_words  # lazy: jieba's dictionary takes a second to load

    stop = _stopwords()
    found: dict[str, None] = {}
    for piece in han_runs(_ORDINAL_START.sub("", text), 2):
        for word in search_words(piece):
            if len(word) >= 2 and word not in stop:
                found.setdefault(word, None)
    return list(found)


def unanswered(ctx: Context, problems: list[Segment]) -> list[Hit]:
    """E-PLAN: each problem whose subject words none of the plans share."""
    plans = item_segments(ctx, PartKind.plans)
    if not problems or not plans:
        return []  # C-ITEM says what is missing
    plan_text = "\n".join(seg.body for seg in plans)
    hits = []
    for seg in problems:
        subject = subject_words(seg.body)
        if subject and not any(word in plan_text for word in subject):
            hits.append(seg.hit("E-PLAN", WARNING, f"下一年度安排中没有回应这一不足的措施（主题词：{'、'.join(subject[:5])}）："
                                "评估时看安排是否针对所列问题"))
    return hits
