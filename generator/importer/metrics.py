"""Figures of the metric catalogue found in the text, offered as suggestions (never applied silently).

Only unambiguous phrasings count: the label directly followed by an exact number and its unit
("行政处罚决定10110宗", "出庭应诉率为100%", "行政复议零撤改"). Approximate figures (逾3000人次, 4.95万宗),
reversed phrasings and labels with two different values are left out or flagged as ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from ..model.metrics import METRIC_CATALOGUE
from .notes import Line

_N = r"(?P<v>\d+(?:\.\d+)?)"
_SUM = r"(?:共|合计|累计|总计|共计)?"
_PATTERNS: dict[str, list[str]] = {
    "penalty_decisions": [rf"(?<!不予)(?<!撤销)行政处罚决定(?:书)?{_SUM}{_N}(?P<u>宗|件|起)"],
    "licensing_decisions": [rf"(?<!不予)行政许可决定{_SUM}{_N}(?P<u>宗|件)"],
    "inspections": [rf"行政检查{_SUM}{_N}(?P<u>次)"],
    "reconsideration_cases": [rf"(?:收到|受理)?行政复议(?:案件|申请){_SUM}{_N}(?P<u>宗|件)"],
    "reconsideration_corrected": [r"行政复议(?P<v>零)撤改", rf"行政复议(?:案件)?被(?:撤销|纠错|确认违法){_N}(?P<u>宗|件)"],
    "litigation_lost": [r"行政诉讼(?P<v>零)败诉", rf"行政诉讼(?:案件)?败诉{_N}(?P<u>宗|件)"],
    "court_appearance_rate": [rf"出庭应诉率(?:为|达|达到)?{_N}(?P<u>%)"],
    "state_compensation_paid": [r"国家赔偿(?P<v>零)赔付"],
    "normative_documents": [rf"(?:制定|制发|出台)(?:行政)?规范性文件{_SUM}{_N}(?P<u>件|份)"],
    "legality_review_rate": [rf"合法性审核率(?:为|达|达到)?{_N}(?P<u>%)"],
    "legal_advisers": [rf"法律顾问{_N}(?P<u>名|人)"],
    "public_lawyers": [rf"公职律师{_N}(?P<u>名|人)"],
    "party_law_study_sessions": [rf"(?:党委会|中心组)(?:专题)?学法{_N}(?P<u>次)"],
    "enforcement_training": [rf"执法(?:业务)?培训{_N}(?P<u>人次)"],
    "publicity_events": [rf"普法(?:宣传)?活动{_N}(?P<u>场次|场)"],
    "petitions_received": [rf"接待(?:来访)?群众(?:\d+批)?{_N}(?P<u>人次)"],
    "disclosures": [rf"主动公开(?:政府信息|政务信息|政务动态|信息){_N}(?P<u>条)"],
    "disclosure_requests": [rf"依申请(?:信息)?公开(?:申请)?{_N}(?P<u>宗|件)"],
}
_COMPILED = {key: [re.compile(p) for p in patterns] for key, patterns in _PATTERNS.items()}


@dataclass(frozen=True)
class Found:
    """One occurrence of a figure in the text."""

    value: Decimal
    unit: str
    line: int
    excerpt: str


@dataclass(frozen=True)
class Suggestion:
    """A catalogue metric recognised in the text: its value, or several values when ambiguous."""

    key: str
    found: tuple[Found, ...]

    @property
    def label(self) -> str:
        return METRIC_CATALOGUE[self.key][0]

    @property
    def value(self) -> Union[Decimal, None]:
        """The value when every occurrence agrees, else None."""
        values = {f.value for f in self.found}
        return self.found[0].value if len(values) == 1 else None

    @property
    def unit(self) -> str:
        return self.found[0].unit


def find_metrics(lines: list[Line]) -> list[Suggestion]:
    """Suggestions for the catalogue metrics that *lines* state, in catalogue order."""
    out = []
    for key in METRIC_CATALOGUE:
        found: list[Found] = []
        for pattern in _COMPILED.get(key, []):
            for line in lines:
                for match in pattern.finditer(line.text):
                    raw = match.group("v")
                    value = Decimal(0) if raw == "零" else Decimal(raw)
                    unit = match.groupdict().get("u") or METRIC_CATALOGUE[key][1]
                    found.append(Found(value, unit, line.number, match.group()))
        if found:
            out.append(Suggestion(key, tuple(found)))
    return out
