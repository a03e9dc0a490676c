"""The data passed between the steps of a bulk run: options, records, jobs, outcomes, the result."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from ..errors import NOWHERE, Place, Problem
from ..model.report import Report
from ..model.vocabulary import FontProfile, OutputFormat, Variant


class BulkOptions(BaseModel):
    """What ``fzbg bulk`` was asked to do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base: Path
    data: Path
    outdir: Path
    jobs: int = Field(default=1, ge=1, le=64)
    variant: Union[Variant, None] = None  # None: each report's own (public for html)
    fonts: FontProfile = FontProfile.gb2312
    format: OutputFormat = OutputFormat.docx
    dry_run: bool = False
    fail_fast: bool = False
    force: bool = False
    pdf_timeout: float = Field(default=600.0, gt=0)
    template: Union[bytes, None] = None  # a checked custom template (custom_template.py); None: the shipped one
    draft: bool = False  # render bureaus with check errors too, every page marked 草稿 (render/draft_mark.py)


class Column(BaseModel):
    """One column of a spreadsheet, as the user headed it and as the tool understands it."""

    model_config = ConfigDict(frozen=True)

    header: str  # as written (stripped), used in messages
    letter: str  # "D" for xlsx, "4" for csv
    path: Union[str, None] = None  # dotted YAML path it fills, e.g. "metrics.penalty_decisions.value"
    kind: str = "text"  # text | number | date | bool | list
    variable: Union[str, None] = None  # name usable in placeholders ({{ 简称 }}), None if not an identifier


class SourceRecord(BaseModel):
    """One bureau as read from DATA, before it is merged with BASE."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: int  # 0-based position in DATA
    place: Place  # bureaus.xlsx!5, bureaus.csv:5, 分局/海珠.yaml
    values: dict[str, Any] = Field(default_factory=dict)  # dotted path → value (sheets)
    headers: dict[str, str] = Field(default_factory=dict)  # dotted path → column header (sheets)
    empty_columns: list[str] = Field(default_factory=list)  # headers of the blank cells in this row
    variables: dict[str, Any] = Field(default_factory=dict)  # extra placeholder values
    overlay: Union[dict[str, Any], None] = None  # folder mode: the bureau's own YAML data
    places: dict[str, Place] = Field(default_factory=dict)  # folder mode: dotted path → file:line:col
    problems: list[Problem] = Field(default_factory=list)  # found while reading (formula without value …)


class Source(BaseModel):
    """Everything read from DATA."""

    kind: Literal["xlsx", "csv", "folder"]
    name: str
    header_place: Place = NOWHERE  # where the header row is, e.g. bureaus.xlsx!2
    columns: list[Column] = Field(default_factory=list)
    records: list[SourceRecord] = Field(default_factory=list)
    warnings: list[Problem] = Field(default_factory=list)


class Status(str, Enum):
    """What became of one bureau; the values are shown to users."""

    ok = "成功"
    checked = "检查通过"
    check_failed = "检查有误"
    invalid = "数据有误"
    failed = "生成失败"
    exists = "文件已存在"
    skipped = "未处理"


FAILED = {Status.check_failed, Status.invalid, Status.failed, Status.exists, Status.skipped}


class Job(BaseModel):
    """A validated bureau, ready to render."""

    index: int
    place: Place
    name: str
    file_name: str  # inside OUTDIR, without folders
    variant: Variant
    report: Union[Report, None] = None  # None: built again from *record* where it is rendered (bulk/assess.py)
    record: Union[SourceRecord, None] = None
    draft: bool = False  # mark every page 草稿


class Outcome(BaseModel):
    """The result of one bureau, as 汇总.xlsx shows it."""

    index: int
    place: Place
    name: str
    file_name: str = ""
    status: Status
    error: str = ""
    warning: str = ""  # a report written all the same, e.g. its 版记's page parity could not be checked
    metrics: dict[str, Decimal] = Field(default_factory=dict)  # "penalty_decisions" / "penalty_decisions.previous"

    @property
    def failed(self) -> bool:
        return self.status in FAILED


class BulkResult(BaseModel):
    """The whole run: per-bureau outcomes, every problem, and the report files written."""

    outcomes: list[Outcome] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    summary_path: Union[Path, None] = None
    errors_path: Union[Path, None] = None
    interrupted: bool = False
    check_warnings: int = 0  # warnings of the content check, counted (``--dry-run`` lists them)

    @property
    def failed(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.failed)

    @property
    def succeeded(self) -> int:
        return len(self.outcomes) - self.failed

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        errors = any(problem.severity == "error" for problem in self.problems)
        return 1 if self.failed or errors else 0
