"""``run_bulk``: validate every bureau, render the valid ones in a process pool, write 汇总.xlsx.

Protocol::

    result = run_bulk(BulkOptions(base=..., data=..., outdir=..., jobs=2))
    result.outcomes   # one per bureau, in DATA order: status, file, error, figures
    result.problems   # every problem, located (bureaus.xlsx!12 机关全称 缺少必填字段)
    result.exit_code  # 0 all done, 1 something failed, 130 interrupted

A bureau that fails never stops the others (unless ``fail_fast``). Every file is written as
``.<name>.part`` and renamed, so Ctrl-C or a kill leaves complete files only; the ``.part`` files a
killed run leaves behind are removed at the start of the next run.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol, Union

from ..display import error_line
from ..errors import OutputError, Place, Problem, UsageError
from ..write.atomic import write_error_reason
from .assess import load_checker
from .execute import Execution, start_pool
from .files import flush_to_disk, remove_stale_parts
from .models import BulkOptions, BulkResult, Job, Outcome, Status
from .prepare import Plan, prepare
from .summary import write_reports


class Reporter(Protocol):
    """Receives progress; the CLI shows a rich bar on a terminal and plain lines otherwise."""

    def start(self, total: int) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...

    def stop(self) -> None: ...


class SilentReporter:
    """Progress for library use: nothing."""

    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass

    def stop(self) -> None:
        pass


def check_format(fmt: str) -> None:
    """Refuse a PDF run before any work is done when LibreOffice is not installed."""
    if fmt == "pdf":
        from ..render.pdf import INSTALL_HINT, find_soffice

        if find_soffice() is None:
            raise UsageError(f"未找到 LibreOffice，无法生成 PDF：{INSTALL_HINT}")


def run_bulk(options: BulkOptions, reporter: Union[Reporter, None] = None) -> BulkResult:
    """Do the whole bulk run described by *options*. Raises FzbgError only for whole-run problems."""
    reporter = reporter or SilentReporter()
    check_format(options.format)
    if options.outdir.exists() and not options.outdir.is_dir():
        raise UsageError(f"输出位置“{options.outdir}”是一个文件，应为文件夹")
    pool = start_pool(options) if options.jobs > 1 else None
    try:
        return _run(options, reporter, pool)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            if options.format == "pdf":  # the workers' kept LibreOffice profiles (they exit without atexit)
                from ..office import remove_orphan_work_folders

                remove_orphan_work_folders()


def _run(options: BulkOptions, reporter: Reporter, pool: Union[ProcessPoolExecutor, None]) -> BulkResult:
    plan = prepare(options, load_checker(), pool)
    result = BulkResult(problems=plan.problems, check_warnings=plan.check_warnings)
    if options.dry_run:
        result.outcomes = sorted(plan.outcomes, key=lambda o: o.index)
        return result
    outcomes = {outcome.index: outcome for outcome in plan.outcomes}
    jobs = plan.jobs
    if options.fail_fast and outcomes:
        result.notes.append("因 --fail-fast，发现数据问题后没有生成任何文件。")
        outcomes.update({job.index: _skipped(job, plan) for job in jobs})
        jobs = []
    try:
        options.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("无法创建输出文件夹", [Problem(write_error_reason(exc), Place(str(options.outdir)))]) from None
    removed = remove_stale_parts(options.outdir)
    if removed:
        result.notes.append(f"已删除上次中断时留下的 {removed} 个临时文件（.part）。")
    reporter.start(len(jobs))
    execution = Execution(jobs, options, pool)

    def record(outcome: Outcome) -> None:
        outcome.metrics = plan.metrics.get(outcome.index, {})
        outcomes[outcome.index] = outcome
        reporter.advance(outcome)
        if outcome.failed:
            result.problems.append(Problem(outcome.error, outcome.place, field=outcome.file_name))
            if options.fail_fast and not execution.cancelled:
                result.notes.append("因 --fail-fast，出现第一个失败后停止了其余单位。")
                execution.cancel()

    try:
        for outcome in execution:
            record(outcome)
    except KeyboardInterrupt:
        result.interrupted = True
        result.notes.append("已中断：已完成的文件完整可用，其余单位未处理。")
        for outcome in execution.finish():
            if outcome.index not in outcomes:
                record(outcome)
    finally:
        reporter.stop()
    for job in jobs:
        outcomes.setdefault(job.index, _skipped(job, plan))
    result.outcomes = [outcomes[index] for index in sorted(outcomes)]
    result.notes += warning_notes(result.outcomes)
    _write_reports(result, options.outdir)
    # One sync for the reports and 汇总.xlsx / errors.csv (an fsync each cost as much as writing them)
    written = [result.summary_path, result.errors_path]
    flush_to_disk([options.outdir / o.file_name for o in result.outcomes if o.status == Status.ok]
                  + [path for path in written if path is not None])
    return result


def _skipped(job: Job, plan: Plan) -> Outcome:
    return Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name,
                   status=Status.skipped, error="未处理（运行被中断或因 --fail-fast 停止）",
                   metrics=plan.metrics.get(job.index, {}))


def warning_notes(outcomes: list[Outcome]) -> list[str]:
    """Each warning of the written reports said once, with how many bureaus it concerns and the first ones:
    a run of 200 without LibreOffice gets one line, not 200 (汇总.xlsx has it on every row)."""
    by_message: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.warning and not outcome.failed:
            by_message.setdefault(outcome.warning, []).append(outcome.name)
    notes = []
    for message, names in by_message.items():
        shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
        notes.append(f"{len(names)} 个单位（{shown}）：{message}。")
    return notes


def _write_reports(result: BulkResult, outdir: Path) -> None:
    try:
        result.summary_path, result.errors_path = write_reports(outdir, result.outcomes, result.problems,
                                                                durable=False)
    except OutputError as exc:
        result.problems.append(Problem(error_line(exc), Place(str(outdir))))
