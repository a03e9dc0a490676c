"""What an evaluator counts in the rest of the report: the 第一责任人's acts, figures and cases, the fields
every evaluation scores.

- E-LEAD  the 第一责任人 item names no concrete act: a meeting with a count or a date, 专题学习, 述法,
          出庭应诉, 批示 (warning)
- E-FIG   figures per thousand characters of the measures below the threshold (warning); the share of figures
          with a comparison to last year below its threshold (info); no case told anywhere (warning)
- E-AREA  行政复议, 行政诉讼, 负责人出庭应诉, 行政执法监督: a field the report never mentions (warning)

Words, patterns and thresholds: generator/check/data/evaluator.yaml (calibrated on the seeds, see there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model.report import PartKind
from .base import INFO, WARNING, Hit, count_han
from .context import text_fields
from .ruledata import alternation, number, rule_data, words
from .units import item_segments, sentences

if TYPE_CHECKING:
    from .context import Context

DATA = "evaluator"


def check(ctx: Context) -> list[Hit]:
    return leader_acts(ctx) + figures(ctx) + areas(ctx)


def leader_acts(ctx: Context) -> list[Hit]:
    """E-LEAD."""
    segs = item_segments(ctx, PartKind.leader_duty)
    if not segs:
        return []  # C-ITEM reports the missing item
    acts = alternation(DATA, "leader_acts")
    if any(acts.search(seg.body) for seg in segs):
        return []
    return [Hit("E-LEAD", WARNING, "第一责任人履职情况没有写具体做法：如主持召开党委会专题研究法治建设几次（何时）、"
                "专题学习、述法、出庭应诉、作出批示等；只写“高度重视”“认真履行”评估时不得分", path=segs[0].path)]


@dataclass(frozen=True)
class FigureCount:
    """The figures of the measures text: how many, how many with a comparison, per thousand characters."""

    characters: int  # Han characters of the text counted
    figures: int
    compared: int
    cases: int

    @property
    def per_thousand(self) -> float:
        return self.figures * 1000 / self.characters if self.characters else 0.0

    @property
    def compared_share(self) -> float:
        return self.compared / self.figures if self.figures else 0.0


@lru_cache(maxsize=1)
def _figure_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(words(DATA, "figure_units"), key=len, reverse=True))
    # a number not part of a year, a date or a longer number, then a unit (余 and 多 may sit between)
    return re.compile(rf"(?<![\d.])\d+(?:\.\d+)?(?:余|多)?(?:{units})")


def count_figures(texts: list[str]) -> FigureCount:
    """Figures with units, those whose sentence compares with last year, and cases, in *texts*."""
    figure = _figure_pattern()
    comparison = alternation(DATA, "comparison_patterns")
    case = alternation(DATA, "case_patterns")
    characters = figures = compared = cases = 0
    for text in texts:
        characters += count_han(text)
        cases += len(case.findall(text))
        for start, end in sentences(text):
            sentence = text[start:end]
            found = len(figure.findall(sentence))
            figures += found
            if found and comparison.search(sentence):
                compared += found
    return FigureCount(characters, figures, compared, cases)


def measures_texts(ctx: Context) -> list[str]:
    texts = [seg.body for seg in item_segments(ctx, PartKind.measures)]
    return texts + [seg.body for seg in item_segments(ctx, PartKind.leader_duty)] + list(ctx.report.opening)


def figures(ctx: Context) -> list[Hit]:
    """E-FIG."""
    segs = item_segments(ctx, PartKind.measures)
    if not segs:
        return []
    counted = count_figures(measures_texts(ctx))
    place = segs[0].path[:2]
    hits = []
    least = number(DATA, "min_figures_per_1000")
    if counted.per_thousand < least:
        hits.append(Hit("E-FIG", WARNING, f"主要举措和成效中的数据偏少：每千字{counted.per_thousand:.1f}个带单位的数字"
                        f"（共{counted.figures}个），低于{least:g}个：评估看成效是否有数据支撑", path=place))
    share = number(DATA, "min_comparison_share")
    if counted.figures and counted.compared_share < share:
        hits.append(Hit("E-FIG", INFO, f"{counted.figures}个数字中只有{counted.compared}个与上年作了比较"
                        f"（{counted.compared_share:.0%}）：主要数据可写明同比变化（metrics 中填上年数，同比由程序计算）",
                        path=place))
    if not counted.cases and not any(case_in(f.text) for f in text_fields(ctx.report)):
        hits.append(Hit("E-FIG", WARNING, "报告中没有具体案例（如“成功办理……案”“典型案例”）：评估要求至少有一个案例",
                        path=place))
    return hits


def case_in(text: str) -> bool:
    return alternation(DATA, "case_patterns").search(text) is not None


def areas(ctx: Context) -> list[Hit]:
    """E-AREA: each field of rule_data areas that no text and no figure mentions."""
    text = "\n".join(field.text for field in text_fields(ctx.report))
    text += "\n".join(metric.label or "" for _, metric in ctx.report.metrics.items())
    hits = []
    for area in rule_data(DATA).get("areas", []) or []:
        if not any(word in text for word in area.get("words", [])):
            label = area.get("label", "")
            hits.append(Hit("E-AREA", WARNING, f"报告没有提到{label}：评估逐项查看行政复议、行政诉讼、负责人出庭应诉、"
                            f"行政执法监督的情况，没有的也应写明（如“全年未发生……”）", path=("parts",)))
    return hits
