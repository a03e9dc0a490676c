"""Shared sentences: which other unit's report each report is closest to, and its own last year's.

Built on ``generator.text.similarity``: each unit's own names (海珠区分局, 海珠区, 海珠 …) are taken out
before sentences are compared, so a copy with the names changed still matches. Each report's sentences are
normalised once and compared as sets, so 200 reports compare pairwise in well under a second.
"""

from __future__ import annotations

from ..text.similarity import MIN_SENTENCE, normalise, split_sentences
from .model import SHOULD, Finding, Submission

COPY_SHARE = 0.5  # half the sentences shared with another unit: the 意见单 says so
LAST_YEAR_SHARE = 0.6  # most of last year's report again
COPY_BASIS = "法制部门审查意见（报告应反映本单位本年度的实际工作）"


def keys(sub: Submission) -> list[str]:
    """The normalised sentences of *sub* long enough to count."""
    out = []
    for paragraph in sub.paragraphs:
        for sentence in split_sentences(paragraph):
            key = normalise(sentence, sub.names)
            if len(key) >= MIN_SENTENCE:
                out.append(key)
    return out


def share(mine: list[str], other: set[str]) -> float:
    return sum(1 for key in mine if key in other) / len(mine) if mine else 0.0


def compare_units(submissions: list[Submission]) -> None:
    """Set ``similar_unit``/``similar_share`` of every read submission; add a finding for a likely copy."""
    readable = [s for s in submissions if s.readable and s.paragraphs]
    sentences = {id(s): keys(s) for s in readable}
    sets = {id(s): set(v) for s, v in ((s, sentences[id(s)]) for s in readable)}
    for sub in readable:
        best, best_share = None, 0.0
        for other in readable:
            if other is sub or other.unit == sub.unit:
                continue
            value = share(sentences[id(sub)], sets[id(other)])
            if value > best_share:
                best, best_share = other, value
        if best is None:
            continue
        sub.similar_unit, sub.similar_share = best.unit, best_share
        if best_share >= COPY_SHARE:
            sub.findings.append(Finding(
                SHOULD, f"相似度：{best_share:.0%} 的句子与{best.unit}（{best.name}）的报告相同，请按本单位实际情况撰写",
                COPY_BASIS, topic="相似度", rule="SIM"))


def compare_last_year(submissions: list[Submission], last_year: list[Submission]) -> None:
    """Set ``last_year_share`` of each submission whose unit sent a report last year too."""
    previous = {s.unit: set(keys(s)) for s in last_year if s.readable and s.paragraphs}
    for sub in submissions:
        if not sub.readable or sub.unit not in previous:
            continue
        sub.last_year_share = share(keys(sub), previous[sub.unit])
        if sub.last_year_share >= LAST_YEAR_SHARE:
            sub.findings.append(Finding(
                SHOULD, f"相似度：{sub.last_year_share:.0%} 的句子与本单位上年报告相同，请写明本年度的工作和数据",
                COPY_BASIS, topic="相似度", rule="SIM"))
