"""Validate every bureau before anything is rendered: BASE + DATA → jobs, and every problem located.

A problem in a value the bureau gave is placed at its row (``bureaus.xlsx!12``, named by the column
header) or its file (``分局/海珠.yaml:7:3``). A problem in BASE that every bureau inherits is reported
once, at ``base.yaml:line:col``, instead of once per bureau.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import replace
from decimal import Decimal
from typing import Union

from pydantic import BaseModel, ConfigDict, Field

from ..display import field_text, place_text
from ..errors import WARNING, Place, Problem, has_errors
from ..load.yaml_file import YamlDocument
from ..model.vocabulary import OutputFormat
from .assess import Assessment, Checker, Locator, load_checker
from .merge import BaseReport
from .models import BulkOptions, Job, Outcome, Source, SourceRecord, Status
from .names import NameAllocator
from .sources import read_source


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


def prepare(options: BulkOptions, checker: Union[Checker, None] = None,
            pool: Union[Executor, None] = None) -> Plan:
    """Read BASE and DATA and validate every bureau. Raises DataError only for whole-file problems.

    With *pool* the bureaus are assessed (built, validated, checked) in its workers, many per task, and
    the results are taken in row order; only what needs every bureau (file names, BASE problems once,
    files already there) is done here. *checker* None: no content check."""
    from .assess import ASSESS_CHUNK, KEEP_REPORTS, Assessor, assess_chunk, light_options

    options_light = light_options(options)
    local = Assessor(options_light, check=False)
    local.checker = checker
    base_doc = local.base_doc
    source = read_source(options.data, options.base)
    plan = Plan(total=len(source.records))
    plan.problems += [Problem(note, Place(base_doc.path), severity=WARNING) for note in base_doc.notes]
    plan.problems += source.warnings
    ignored = frozenset(_ignored_columns(source, local.base, plan))
    collapse = _Collapser(base_doc)
    names = NameAllocator()
    suffix = OutputFormat(options.format).suffix
    first_place: dict[str, Place] = {}
    records = source.records
    # Workers run the project's checker; another one (a library caller's) runs here.
    parallel = pool is not None and len(records) > ASSESS_CHUNK and checker in (None, load_checker())
    assessed: Iterable[Assessment]
    if pool is not None and parallel:
        chunks = [records[i : i + ASSESS_CHUNK] for i in range(0, len(records), ASSESS_CHUNK)]
        count = len(chunks)
        results = pool.map(assess_chunk, [options_light] * count, [checker is not None] * count, chunks,
                           [ignored] * count)
        assessed = (item for chunk in results for item in chunk)
    else:  # in this process: a small run keeps its reports instead of building them again to render
        local.keep_reports = pool is None and len(records) <= KEEP_REPORTS
        assessed = (local.assess(record, ignored) for record in records)
    for record, found in zip(records, assessed, strict=True):
        _plan_record(plan, options, record, found, local.locator(record), collapse, names, suffix, first_place)
    plan.problems += collapse.shared(len(source.records))
    return plan


def _plan_record(plan: Plan, options: BulkOptions, record: SourceRecord, found: Assessment,  # noqa: PLR0913
                 locator: Locator, collapse: _Collapser, names: NameAllocator, suffix: str,
                 first_place: dict[str, Place]) -> None:
    """The serial part for one bureau, in row order: its outcome or its job."""
    name, problems = found.name, found.problems
    plan.problems += collapse.add(problems, locator)
    if found.agency_name is None or found.variant is None:
        plan.outcomes.append(_outcome(record, name, Status.invalid, problems))
        return
    plan.metrics[record.index] = found.metrics
    file_name = names.allocate(found.agency_name, suffix)
    key = found.agency_name.strip().casefold()
    if key in first_place:
        field = record.headers.get("agency.name", "agency.name")
        plan.problems.append(Problem(f"与 {place_text(first_place[key])} 的机关全称相同，"
                                     f"输出文件名改为“{file_name}”", record.place, field=field, severity=WARNING))
    first_place.setdefault(key, record.place)
    content = found.content
    plan.check_warnings += found.check_warnings
    if options.dry_run:
        content = content or []
        status = Status.check_failed if _errors(content) else Status.checked
        plan.problems += collapse.add(content, locator)
        plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                     status=status, error=_error_text(content), metrics=found.metrics))
        return
    if content is not None:
        errors = [p for p in content if p.is_error]
        if options.draft:  # written anyway, marked 草稿: what is left to fix, not a failure of the run
            errors = [replace(p, severity=WARNING, message=f"{p.message}（已生成草稿）") for p in errors]
        plan.problems += collapse.add(errors, locator)
        if _errors(content) and not options.draft:
            plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                         status=Status.check_failed, error=_error_text(content),
                                         metrics=found.metrics))
            return
    if (options.outdir / file_name).exists() and not options.force:
        message = "输出文件已存在，未覆盖；确需覆盖请加 --force"
        plan.problems.append(Problem(message, record.place, field=file_name))
        plan.outcomes.append(Outcome(index=record.index, place=record.place, name=name, file_name=file_name,
                                     status=Status.exists, error=message, metrics=found.metrics))
        return
    plan.jobs.append(Job(index=record.index, place=record.place, name=name, file_name=file_name,
                         variant=found.variant, report=found.report, record=record, draft=options.draft))


def _ignored_columns(source: Source, base: BaseReport, plan: Plan) -> set[str]:
    ignored = set()
    for column in source.columns:
        if column.path is None and column.variable not in base.variables:
            ignored.add(column.header)
            plan.problems.append(Problem("不是已知的列名，也没有在基础报告的占位符中使用，已忽略"
                                         "（如果它应当是某个字段，请按 docs/bulk.md 改列名）", source.header_place,
                                         field=f"{column.letter}列“{column.header}”", severity=WARNING))
    return ignored


def _errors(problems: list[Problem]) -> bool:
    return has_errors(problems)


def _error_text(problems: list[Problem]) -> str:
    texts = [f"{field_text(p)} {p.message}".strip() for p in problems if p.is_error]
    return "；".join(texts)


def _outcome(record: SourceRecord, name: str, status: Status, problems: list[Problem]) -> Outcome:
    return Outcome(index=record.index, place=record.place, name=name, status=status, error=_error_text(problems))


class _Collapser:
    """Reports a BASE problem once, however many bureaus inherit it."""

    def __init__(self, base: YamlDocument) -> None:
        self.base = base
        self.seen: dict[Problem, list[Place]] = {}

    def add(self, problems: list[Problem], locator: Locator) -> list[Problem]:
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
