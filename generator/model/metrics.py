"""Structured figures of a report: value, unit, previous-year value, computed 同比."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..text.figures import parse_figure

# id → (label, default unit). The ids are the YAML keys under ``metrics``;
# docs/content.md lists where they come from.
METRIC_CATALOGUE: dict[str, tuple[str, str]] = {
    "penalty_decisions": ("行政处罚决定", "宗"),
    "licensing_decisions": ("行政许可决定", "宗"),
    "inspections": ("行政检查", "次"),
    "reconsideration_cases": ("行政复议案件", "宗"),
    "reconsideration_corrected": ("行政复议被撤销或确认违法", "宗"),
    "litigation_cases": ("行政诉讼案件", "宗"),
    "litigation_lost": ("行政诉讼败诉", "宗"),
    "court_appearance_rate": ("负责人出庭应诉率", "%"),
    "state_compensation_cases": ("国家赔偿案件", "宗"),
    "state_compensation_paid": ("国家赔偿赔付", "宗"),
    "normative_documents": ("制发规范性文件", "件"),
    "legality_review_rate": ("合法性审核率", "%"),
    "legal_advisers": ("法律顾问", "名"),
    "public_lawyers": ("公职律师", "名"),
    "party_law_study_sessions": ("党委会、中心组学法", "次"),
    "enforcement_training": ("执法培训", "人次"),
    "publicity_events": ("普法宣传活动", "场次"),
    "petitions_received": ("接待来访群众", "人次"),
    "disclosures": ("主动公开政府信息", "条"),
    "disclosure_requests": ("依申请公开", "宗"),
    # Figures 2026 reports carry (the revised 治安管理处罚法 and the 行政执法监督条例, generator/check/data/policy.yaml).
    "record_sealing": ("治安违法记录封存", "件"),
    "hearings": ("听证", "次"),
    "supervision_notices_received": ("收到行政执法监督通知书、意见书", "份"),
    "supervision_notices_rectified": ("行政执法监督通知书、意见书已整改", "份"),
    "new_law_training": ("新法培训", "人次"),
}

# Since the 行政复议法 revised in 2023 (in force 2024-01-01) a 市/县 public security bureau is normally the
# respondent (被申请人) of a 行政复议, the 本级人民政府 the 复议机关: the role says which the figures count.
RECONSIDERATION_ROLES = {"respondent": "作为被申请人", "organ": "作为复议机关"}


def _number(value: Any) -> Any:
    """Read 1,234 / ５６ / 12.5% as a bounded Decimal (generator/text/figures.py); leave other types to pydantic."""
    return parse_figure(value)


Number = Annotated[Union[Decimal, None], BeforeValidator(_number)]


def _metric_shorthand(value: Any) -> Any:
    # ``penalty_decisions: 10110`` is shorthand for ``{value: 10110}``.
    return {"value": value} if isinstance(value, (str, int, float, Decimal)) else value


class Metric(BaseModel):
    """One figure. 同比 is computed from ``previous``, never typed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    value: Number = Field(description="本年数值")
    unit: Union[str, None] = Field(default=None, description="单位，如：宗、次、%")
    previous: Number = Field(default=None, description="上年数值（用于计算同比）")
    label: Union[str, None] = Field(default=None, description="名称，如：行政处罚决定")

    @property
    def change_percent(self) -> Union[Decimal, None]:
        """Year-on-year change in percent, one decimal; None without a usable previous value."""
        if self.value is None or self.previous in (None, Decimal(0)):
            return None
        change = (self.value - self.previous) / self.previous * 100
        return change.quantize(Decimal("0.1"))

    def yoy_text(self) -> str:
        """同比上升12.5% / 同比下降3% / 与上年持平, or "" without a previous value."""
        change = self.change_percent
        if change is None:
            return ""
        if change == 0:
            return "与上年持平"
        word = "上升" if change > 0 else "下降"
        return f"同比{word}{format_number(abs(change))}%"


def format_number(value: Union[Decimal, None]) -> str:
    """Return a figure without a trailing .0 (10110, 4.95, 100)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


MetricField = Annotated[Union[Metric, None], BeforeValidator(_metric_shorthand)]


class OtherMetric(Metric):
    """A one-off figure: the label and unit are required."""

    label: str = Field(min_length=1, description="名称")
    unit: str = Field(default="", description="单位")


class Metrics(BaseModel):
    """Known figures by id (see METRIC_CATALOGUE) plus ``others`` for one-off figures."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    penalty_decisions: MetricField = None
    licensing_decisions: MetricField = None
    inspections: MetricField = None
    reconsideration_cases: MetricField = None
    reconsideration_corrected: MetricField = None
    litigation_cases: MetricField = None
    litigation_lost: MetricField = None
    court_appearance_rate: MetricField = None
    state_compensation_cases: MetricField = None
    state_compensation_paid: MetricField = None
    normative_documents: MetricField = None
    legality_review_rate: MetricField = None
    legal_advisers: MetricField = None
    public_lawyers: MetricField = None
    party_law_study_sessions: MetricField = None
    enforcement_training: MetricField = None
    publicity_events: MetricField = None
    petitions_received: MetricField = None
    disclosures: MetricField = None
    disclosure_requests: MetricField = None
    record_sealing: MetricField = None
    hearings: MetricField = None
    supervision_notices_received: MetricField = None
    supervision_notices_rectified: MetricField = None
    new_law_training: MetricField = None
    reconsideration_role: Union[Literal["respondent", "organ"], None] = Field(
        default=None, description="行政复议数据的身份：respondent（作为被申请人，2024年起市县公安机关通常如此）或 organ（作为复议机关）")
    others: list[OtherMetric] = Field(default_factory=list, description="其他一次性数据")

    @model_validator(mode="after")
    def _fill_catalogue_defaults(self) -> Metrics:
        for key, (label, unit) in METRIC_CATALOGUE.items():
            metric = getattr(self, key)
            if metric is not None:
                if metric.label is None:
                    object.__setattr__(metric, "label", label)
                if metric.unit is None:
                    object.__setattr__(metric, "unit", unit)
        return self

    def items(self) -> list[tuple[str, Metric]]:
        """Every figure present, catalogue order first, then ``others`` as other.N."""
        found = [(key, getattr(self, key)) for key in METRIC_CATALOGUE if getattr(self, key) is not None]
        found += [(f"others.{i}", metric) for i, metric in enumerate(self.others)]
        return found
