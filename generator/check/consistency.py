"""Figures against what the text says about them.

- K1 a 零败诉 / 零撤改 / 零赔付 claim while ``metrics`` records such a case
- K2 a rate that cannot pass 100% (出庭应诉率, 审核率 …) above 100% or below 0, in ``metrics`` or in the text
- K3 a stated 同比 change that disagrees with the value and the previous-year value in ``metrics``
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Union

from ..model.metrics import Metric, Metrics, format_number
from ..model.report import Report
from .base import ERROR, Hit

if TYPE_CHECKING:
    from .context import Context

_ZERO_CLAIMS = (
    ("litigation_lost", re.compile(r"零败诉|(?:无|未发生|没有)(?:行政诉讼)?败诉"), "宗"),
    ("reconsideration_corrected", re.compile(r"零撤改|零纠错|零撤销|零被纠错"), "宗"),
    ("state_compensation_paid", re.compile(r"零赔付|零赔偿"), "宗"),
)

# Rates that are shares of a whole, so they cannot pass 100% (unlike 增长率 or 完成率).
_BOUNDED = "出庭应诉|合法性审核|审核|备案|办结|通过|覆盖|满意|网办|破案|知晓|答复|受理|出庭|到案"
_BOUNDED_RATE = re.compile(rf"(?:{_BOUNDED})率$")
_RATE_IN_TEXT = re.compile(
    rf"((?:{_BOUNDED})率)(?:达到|达|为|是|保持|提升至|提高到|提高至|上升至|升至)?\s*(\d+(?:\.\d+)?)\s*[%％]"
)
_YOY = re.compile(r"同比(上升|增长|增加|提高|提升|上涨|下降|减少|降低|下跌|回落)了?\s*(\d+(?:\.\d+)?)\s*[%％]")
_FLAT = re.compile(r"(?:同比|与上年)持平")
_UP = ("上升", "增长", "增加", "提高", "提升", "上涨")
_SENTENCE_END = re.compile(r"[。；！？\n]")


def check(ctx: Context) -> list[Hit]:
    """K2 on the figures in ``metrics``."""
    hits: list[Hit] = []
    for key, metric in ctx.report.metrics.items():
        if not _is_bounded_rate(key, metric):
            continue
        base = ("metrics",) + tuple(int(p) if p.isdigit() else p for p in key.split("."))
        for field in ("value", "previous"):
            number = getattr(metric, field)
            if number is not None and not (0 <= number <= 100):
                year = "本年" if field == "value" else "上年"
                hits.append(Hit("K2", ERROR, f"{metric.label or key}（{year}）为{format_number(number)}%，"
                                f"比率应在0至100%之间", path=base + (field,)))
    return hits


def _is_bounded_rate(key: str, metric: Metric) -> bool:
    if key.endswith("_rate"):
        return True
    return (metric.unit or "").strip() in ("%", "％") and bool(_BOUNDED_RATE.search(metric.label or ""))


def text_hits(text: str, report: Report) -> list[Hit]:
    """K1, K2 and K3 on one piece of text."""
    return zero_claims(text, report.metrics) + rate_claims(text) + yoy_claims(text, report.metrics)


def zero_claims(text: str, metrics: Metrics) -> list[Hit]:
    """K1: "零败诉" and friends against the recorded cases."""
    hits = []
    for key, pattern, unit in _ZERO_CLAIMS:
        metric = getattr(metrics, key)
        if metric is None or metric.value is None or metric.value <= 0:
            continue
        for m in pattern.finditer(text):
            hits.append(Hit("K1", ERROR, f"正文称“{m.group()}”，但数据中{metric.label}为{format_number(metric.value)}"
                            f"{metric.unit or unit}（metrics.{key}）", m.start(), m.end()))
    return hits


def rate_claims(text: str) -> list[Hit]:
    """K2: a share-of-a-whole rate stated above 100%."""
    return [Hit("K2", ERROR, f"“{m.group(1)}{m.group(2)}%”超过100%，请核对", m.start(), m.end())
            for m in _RATE_IN_TEXT.finditer(text) if Decimal(m.group(2)) > 100]


def yoy_claims(text: str, metrics: Metrics) -> list[Hit]:
    """K3: the first 同比 phrase after a figure's label (same sentence) against the computed change."""
    hits: list[Hit] = []
    for _key, metric in metrics.items():
        change = metric.change_percent
        if change is None or (metric.unit or "").strip() in ("%", "％"):
            continue
        for anchor in _anchors(metric):
            for m in re.finditer(re.escape(anchor), text):
                stop = _SENTENCE_END.search(text, m.end())
                window = text[m.end() : stop.start() if stop else len(text)]
                hit = _compare(window, m.end(), metric, change)
                if hit is not None:
                    hits.append(hit)
    unique = {(h.start, h.end): h for h in hits}
    return list(unique.values())


def _anchors(metric: Metric) -> list[str]:
    anchors = [metric.label] if metric.label else []
    value = format_number(metric.value)
    if metric.unit and len(value.replace(".", "")) >= 2:
        anchors.append(value + metric.unit)
    return anchors


def _compare(window: str, offset: int, metric: Metric, change: Decimal) -> Union[Hit, None]:
    yoy, flat = _YOY.search(window), _FLAT.search(window)
    first = min((m for m in (yoy, flat) if m is not None), key=lambda m: m.start(), default=None)
    if first is None:
        return None
    expected = metric.yoy_text()
    if first is flat:
        ok = change == 0
    else:
        stated = Decimal(first.group(2)) * (1 if first.group(1) in _UP else -1)
        places = len(first.group(2).partition(".")[2])
        tolerance = Decimal(5) / Decimal(10) ** (places + 1) + Decimal("0.05")
        ok = abs(stated - change) <= tolerance
    if ok:
        return None
    unit = metric.unit or ""
    return Hit("K3", ERROR, f"“{first.group()}”与数据不符：{metric.label}本年{format_number(metric.value)}{unit}、"
               f"上年{format_number(metric.previous)}{unit}，应为“{expected}”",
               offset + first.start(), offset + first.end())
