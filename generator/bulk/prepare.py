"""Validate every bureau before anything is rendered: BASE + DATA → jobs, and every problem located.

A problem in a value the bureau gave is placed at its row (``bureaus.xlsx!12``, named by the column
header) or its file (``分局/海珠.yaml:7:3``). A problem in BASE that every bureau inherits is reported
once, at ``base.yaml:line:col``, instead of once per bureau.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field

from ..display import field_text, place_text
from ..errors import WARNING, DataError, Place, Problem, has_errors
from ..load.yaml_file import YamlDocument, read_yaml
from ..model.paths import DataPath, dotted, without_key
from ..model.report import Report
from ..model.vocabulary import OutputFormat, Variant
from ..validate import validate_report
from .merge import BaseReport, get_path
from .models import BulkOptions, Job, Outcome, Source, SourceRecord, Status
from .names import NameAllocator
from .sources import read_source

Checker = Callable[[Report, Union[YamlDocument, None], Variant], list[Problem]]  # as generator.check.run_checks


class Plan(BaseModel):
    """The outcome of the validation phase: what to render and what is already known to have failed."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    jobs: list[Job] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)  # bureaus that will not be rendered
    metrics: dict[int, dict[str, Decimal]] = Field(default_factory=dict)  # by record index
    problems: list[Problem] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    total: int = 0
    check_warnings: int = 0  # warnings of the content check (listed only by --dry-run)


def load_checker() -> Checker:
    """The project's checker, ``generator.check.run_checks``: every bureau is checked before rendering."""
    from ..check import run_checks

    return run_checks


def prepare(options: BulkOptions, checker: Union[Checker, None] = None) -> Plan:
    """Read BASE and DATA and validate every bureau. Raises DataError only for whole-file problems."""
    base_doc = read_yaml(options.base)
    base = BaseReport(base_doc)
    source = read_source(options.data, options.base)
    plan = Plan(total=len(source.records))
    plan.problems += [Problem(note, Place(base_doc.path), severity=WARNING) for note in base_doc.notes]
    plan.problems += source.warnings
    ignored = _ignored_columns(source, base, plan)
    collapse = _Collapser(base_doc)
    names = NameAllocator()
    suffix = OutputFormat(options.format).suffix
    first_place: dict[str, Place] = {}
    for record in source.records:
        locator = _Locator(record, base_doc)
        problems = [p for p in record.problems if p.field not in ignored]
        data, placeholder_problems = base.build(record)
        name = get_path(data, ("agency", "name"))
        name = name.strip() if isinstance(name, str) and name.strip() else ""
        seen = set()
        for path, message in placeholder_problems:
            if message not in seen:
                seen.add(message)
                problems.append(Problem(message + (f"（{name}）" if name else ""), record.place, path))
        if not _own_name(record, base):
            field = record.headers.get("agency.name", "机关全称")
            problems.append(Problem("为空：每个单位都必须填写自己的机关全称，不能沿用基础报告中的名称", record.place, field=field))
        report = None
        if not _errors(problems):
            report, found = _validate(data, locator)
            problems += found
        plan.problems += collapse.add(problems, locator)
        if report is None or _errors(problems):
            plan.outcomes.append(_outcome(record, name, Status.invalid, problems))
            continue
        plan.metrics[record.index] = outcome_metrics(report)
        file_name = names.allocate(report.agency.name, suffix)
        key = report.agency.name.strip().casefold()
        if key in first_place:
            field = record.headers.get("agency.name", "agency.name")
            plan.problems.append(Problem(f"与 {place_text(first_place[key])} 的机关全称相同，"
                                         f"输出文件名改为“{file_name}”", record.place, field=field, severity=WARNING))
        first_place.setdefault(key, record.place)
        if options.dry_run:
            _dry_run(plan, record, report, name, file_name, checker, options, locator, collapse)
            continue
        if checker is not None:
            found = _content_problems(plan, record, report, checker, options, locator)
            errors = [p for p in found if p.is_error]
            if options.draft:  # written anyway, marked 草稿: what is left to fix, not a failure of the run
                errors = [replace(p, severity=WARNING, message=f"{p.message}（已生成草稿）") for p in errors]
            plan.problems += collapse.add(errors, locator)
            if _errors(found) and not options.draft:
                plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                             status=Status.check_failed, error=_error_text(found),
                                             metrics=plan.metrics[record.index]))
                continue
        if (options.outdir / file_name).exists() and not options.force:
            message = "输出文件已存在，未覆盖；确需覆盖请加 --force"
            plan.problems.append(Problem(message, record.place, field=file_name))
            plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                         status=Status.exists, error=message, metrics=plan.metrics[record.index]))
            continue
        plan.jobs.append(Job(index=record.index, place=record.place, name=name, file_name=file_name,
                             variant=_variant(options, report), report=report, draft=options.draft))
    plan.problems += collapse.shared(len(source.records))
    return plan


def _variant(options: BulkOptions, report: Report) -> Variant:
    """--variant if given; else the report's own, except that a web page is the public version."""
    if options.variant:
        return options.variant
    return OutputFormat(options.format).default_variant or report.variant


def _own_name(record: SourceRecord, base: BaseReport) -> bool:
    """True when the bureau's name comes from its row or file, or from a placeholder: not BASE's text."""
    if "agency.name" in record.values or ("agency", "name") in base.templates:
        return True
    overlay = record.overlay or {}
    agency = overlay.get("agency")
    return isinstance(agency, dict) and agency.get("name") is not None


def _ignored_columns(source: Source, base: BaseReport, plan: Plan) -> set[str]:
    ignored = set()
    for column in source.columns:
        if column.path is None and column.variable not in base.variables:
            ignored.add(column.header)
            plan.problems.append(Problem("不是已知的列名，也没有在基础报告的占位符中使用，已忽略"
                                         "（如果它应当是某个字段，请按 docs/bulk.md 改列名）", source.header_place,
                                         field=f"{column.letter}列“{column.header}”", severity=WARNING))
    return ignored


def _validate(data: dict[str, Any], locator: _Locator) -> tuple[Union[Report, None], list[Problem]]:
    try:
        validated = validate_report(data, locator)
    except DataError as exc:
        return None, exc.warnings + exc.problems
    return validated.report, validated.warnings


def _dry_run(plan: Plan, record: SourceRecord, report: Report, name: str, file_name: str,  # noqa: PLR0913
             checker: Union[Checker, None], options: BulkOptions, locator: _Locator, collapse: _Collapser) -> None:
    problems = _content_problems(plan, record, report, checker, options, locator) if checker is not None else []
    status = Status.check_failed if _errors(problems) else Status.checked
    plan.problems += collapse.add(problems, locator)
    plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                 status=status, error=_error_text(problems), metrics=plan.metrics[record.index]))


def _content_problems(plan: Plan, record: SourceRecord, report: Report, checker: Checker,
                      options: BulkOptions, locator: _Locator) -> list[Problem]:
    """The checker's errors and warnings for one bureau, placed at its row or at BASE; counts the warnings."""
    problems = []
    try:
        findings = checker(report, None, _variant(options, report))
    except Exception as exc:  # noqa: BLE001 - the checker is another module; its failure is one bureau's
        return [Problem(f"内容检查出错：{type(exc).__name__}: {exc}", record.place, severity=WARNING)]
    for finding in findings:
        if finding.severity not in ("error", "warning"):
            continue
        if finding.severity == WARNING:
            plan.check_warnings += 1
        path = finding.path
        problems.append(Problem(f"{finding.message}（{finding.rule}）", locator.place(path), path,
                                locator.field(path), finding.severity))
    return problems


def _errors(problems: list[Problem]) -> bool:
    return has_errors(problems)


def _error_text(problems: list[Problem]) -> str:
    texts = [f"{field_text(p)} {p.message}".strip() for p in problems if p.is_error]
    return "；".join(texts)


def _outcome(record: SourceRecord, name: str, status: Status, problems: list[Problem]) -> Outcome:
    return Outcome(index=record.index, place=record.place, name=name, status=status, error=_error_text(problems))


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


class _Locator:
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


class _Collapser:
    """Reports a BASE problem once, however many bureaus inherit it."""

    def __init__(self, base: YamlDocument) -> None:
        self.base = base
        self.seen: dict[Problem, list[Place]] = {}

    def add(self, problems: list[Problem], locator: _Locator) -> list[Problem]:
        """Keep the bureau's own problems; hold back the ones placed in BASE."""
        own = []
        for problem in problems:
            if problem.place.file != self.base.path or problem.place.line is None:
                own.append(problem)
                continue
            self.seen.setdefault(problem, []).append(locator.record.place)
        return own

    def shared(self, total: int) -> list[Problem]:
        out = []
        for problem, places in self.seen.items():
            if len(places) == 1:
                message = f"{problem.message}（该值来自 {place_text(problem.place)}）"
                out.append(replace(problem, message=message, place=places[0]))
            else:
                who = "所有" if len(places) == total else f"{len(places)} 个"
                out.append(replace(problem, message=f"{problem.message}（{who}单位都受影响）"))
        return out
