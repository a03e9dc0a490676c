"""One bureau's validation, the part of the bulk run that needs no other bureau: in a worker or in process.

:class:`Assessor` reads and compiles BASE once per process; :meth:`Assessor.assess` builds a record's data
(BASE + its values, placeholders filled), validates it and runs the content check, and returns an
:class:`Assessment`: small and picklable, without the ``Report``. What needs every bureau in order
(file names, the same name twice, BASE problems reported once, files already there) stays in
:func:`generator.bulk.prepare.prepare`. For rendering, :func:`report_of` builds the report again in the
worker that renders it, so the parent never holds thousands of reports (memory flat in the rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

from ..errors import WARNING, DataError, Place, Problem, has_errors
from ..model.paths import DataPath, dotted, without_key
from ..model.vocabulary import OutputFormat, Variant
from ..validate import validate_report
from .merge import BaseReport, get_path
from .models import BulkOptions, SourceRecord

if TYPE_CHECKING:
    from ..load.yaml_file import YamlDocument
    from ..model.report import Report

Checker = Callable[["Report", Union["YamlDocument", None], Variant], list[Problem]]  # as generator.check.run_checks

ASSESS_CHUNK = 50  # records per task: pickling and scheduling per task cost far less than 50 validations
KEEP_REPORTS = 1000  # a run of at most this many bureaus in one process keeps its reports (≈35 KB each)


@dataclass
class Assessment:
    """What became of one record before rendering."""

    index: int
    name: str  # the bureau's name as its data gives it ("" when none)
    problems: list[Problem] = field(default_factory=list)  # reading, placeholder and validation problems
    agency_name: Union[str, None] = None  # the validated name (file names); None when invalid
    variant: Union[Variant, None] = None
    metrics: dict[str, Decimal] = field(default_factory=dict)
    content: Union[list[Problem], None] = None  # the content check's errors and warnings; None: not run
    check_warnings: int = 0
    report: Union[Report, None] = None  # kept only when assessed in the process that renders (small runs)


class Assessor:
    """BASE read and compiled once; assesses the records of one run."""

    def __init__(self, options: BulkOptions, check: bool) -> None:
        from ..load.yaml_file import read_yaml

        self.options = options
        self.base_doc = read_yaml(options.base)
        self.base = BaseReport(self.base_doc)
        self.checker: Union[Checker, None] = None
        self.keep_reports = False  # set by prepare for a small run rendered in this process
        if check:
            self.checker = load_checker()

    def locator(self, record: SourceRecord) -> Locator:
        return Locator(record, self.base_doc)

    def build(self, record: SourceRecord, ignored: frozenset[str]) -> tuple[str, list[Problem], Union[Report, None]]:
        """The bureau's name, its problems so far, and its report when its data is valid."""
        locator = self.locator(record)
        problems = [p for p in record.problems if p.field not in ignored]
        data, placeholder_problems = self.base.build(record)
        name = get_path(data, ("agency", "name"))
        name = name.strip() if isinstance(name, str) and name.strip() else ""
        seen = set()
        for path, message in placeholder_problems:
            if message not in seen:
                seen.add(message)
                problems.append(Problem(message + (f"（{name}）" if name else ""), record.place, path))
        if not own_name(record, self.base):
            column = record.headers.get("agency.name", "机关全称")
            problems.append(Problem("为空：每个单位都必须填写自己的机关全称，不能沿用基础报告中的名称", record.place,
                                    field=column))
        report = None
        if not has_errors(problems):
            report, found = validate(data, locator)
            problems += found
        return name, problems, (None if has_errors(problems) else report)

    def assess(self, record: SourceRecord, ignored: frozenset[str]) -> Assessment:
        name, problems, report = self.build(record, ignored)
        result = Assessment(index=record.index, name=name, problems=problems)
        if report is None:
            return result
        result.agency_name = report.agency.name
        if self.keep_reports:
            result.report = report
        result.variant = variant_of(self.options, report)
        result.metrics = outcome_metrics(report)
        if self.checker is not None:
            result.content, result.check_warnings = self._content(record, report, result.variant)
        return result

    def _content(self, record: SourceRecord, report: Report, variant: Variant) -> tuple[list[Problem], int]:
        """The checker's errors and warnings for one bureau, placed at its row or at BASE; and the warnings counted."""
        assert self.checker is not None
        locator = self.locator(record)
        try:
            findings = self.checker(report, None, variant)
        except Exception as exc:  # noqa: BLE001 - the checker is another module; its failure is one bureau's
            return [Problem(f"内容检查出错：{type(exc).__name__}: {exc}", record.place, severity=WARNING)], 0
        problems, warnings = [], 0
        for finding in findings:
            if finding.severity not in ("error", "warning"):
                continue
            warnings += finding.severity == WARNING
            path: DataPath = finding.path
            problems.append(Problem(f"{finding.message}（{finding.rule}）", locator.place(path), path,
                                    locator.field(path), finding.severity))
        return problems, warnings

    def report(self, record: SourceRecord) -> Report:
        """The report of a record assessed valid, built again (deterministic: the same data, the same report)."""
        _name, problems, report = self.build(record, frozenset())
        if report is None:  # pragma: no cover - it was valid when assessed
            raise DataError("数据有误", problems)
        return report


def variant_of(options: BulkOptions, report: Report) -> Variant:
    """--variant if given; else the report's own, except that a web page is the public version."""
    if options.variant:
        return options.variant
    return OutputFormat(options.format).default_variant or report.variant


# ---------------------------------------------------------------- per process


_assessor: Union[Assessor, None] = None


def assessor_for(options: BulkOptions, check: bool) -> Assessor:
    """This process's assessor for *options* (made once per run and process)."""
    global _assessor
    if _assessor is None or _assessor.options != options or (_assessor.checker is not None) != check:
        _assessor = Assessor(options, check)
    return _assessor


def assess_chunk(options: BulkOptions, check: bool, records: list[SourceRecord],
                 ignored: frozenset[str]) -> list[Assessment]:
    """A pool task: many records assessed in one call."""
    assessor = assessor_for(options, check)
    return [assessor.assess(record, ignored) for record in records]


def report_of(options: BulkOptions, record: SourceRecord) -> Report:
    """The report of a valid record, in the worker that renders it."""
    global _assessor
    if _assessor is None or _assessor.options != options:
        _assessor = Assessor(options, check=False)
    return _assessor.report(record)


def light_options(options: BulkOptions) -> BulkOptions:
    """*options* as workers need them for assessing: without the custom template's bytes (sent once, not per task)."""
    return options.model_copy(update={"template": None})


# ---------------------------------------------------------------- one record


def load_checker() -> Checker:
    """The project's checker, ``generator.check.run_checks``: every bureau is checked before rendering."""
    from ..check import run_checks

    return run_checks



def own_name(record: SourceRecord, base: BaseReport) -> bool:
    """True when the bureau's name comes from its row or file, or from a placeholder: not BASE's text."""
    if "agency.name" in record.values or ("agency", "name") in base.templates:
        return True
    overlay = record.overlay or {}
    agency = overlay.get("agency")
    return isinstance(agency, dict) and agency.get("name") is not None



def validate(data: dict[str, Any], locator: Locator) -> tuple[Union[Report, None], list[Problem]]:
    try:
        validated = validate_report(data, locator)
    except DataError as exc:
        return None, exc.warnings + exc.problems
    return validated.report, validated.warnings



def outcome_metrics(report: Report) -> dict[str, Decimal]:
    """The figures 汇总.xlsx shows: ``key`` → this year's value, ``key.previous`` → last year's."""
    found: dict[str, Decimal] = {}
    for key, metric in report.metrics.items():
        if key.startswith("others."):
            continue
        if metric.value is not None:
            found[key] = metric.value
        if metric.previous is not None:
            found[f"{key}.previous"] = metric.previous
    return found


class Locator:
    """Where a data path of one bureau came from: its row or file, or BASE."""

    def __init__(self, record: SourceRecord, base: YamlDocument) -> None:
        self.record = record
        self.base = base

    def _row_path(self, path: DataPath) -> Union[str, None]:
        text = ".".join(str(p) for p in path)
        for column_path in self.record.headers:
            if column_path == text or column_path.startswith(text + ".") or text.startswith(column_path + "."):
                return column_path
        return None

    def from_base(self, path: DataPath) -> bool:
        """True when the value at *path* is BASE's, not the bureau's."""
        path = without_key(path)
        if self.record.overlay is not None:
            own = _depth(path, self.record.places)
            return own == 0 or _depth(path, {dotted(p): "" for p in self.base.marks}) > own
        return self._row_path(path) is None

    def place(self, path: DataPath) -> Place:
        """``base.yaml:line:col`` for BASE's values, else the bureau's row or ``file:line:col``."""
        if self.from_base(path):
            return self.base.place(path)
        if self.record.overlay is not None:
            clean = without_key(path)
            for i in range(len(clean), -1, -1):
                found = self.record.places.get(dotted(clean[:i]))
                if found:
                    return found
        return self.record.place

    def field(self, path: DataPath) -> str:
        """A spreadsheet column is named by its header; anything else by its data path ("")."""
        column = self._row_path(without_key(path))
        return self.record.headers[column] if column else ""


def _depth(path: DataPath, places: dict[str, Any]) -> int:
    for i in range(len(path), 0, -1):
        if dotted(path[:i]) in places:
            return i
    return 0
