"""The review from folder to findings: collect → convert old formats → read and check each → inspect the
format → compare the texts. Writing the 台账 and the documents is :mod:`.outputs`' business."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from .collect import collect, convert_old_formats
from .compare import compare_last_year, compare_units
from .model import MUST, PASSED, REFUSED, RETURN, Submission
from .read import read_submission

Progress = Callable[[int, int, str], None]  # (done, total, file name)


@dataclass
class Options:
    """What ``fzbg review`` was asked for."""

    deadline: Union[dt.date, None] = None
    expected: Union[Path, None] = None  # units.xlsx/.csv/.txt: who should send a report
    last_year: Union[Path, None] = None  # the folder of last year's reports
    jobs: int = 1
    measure: bool = False  # lay the Word files out in LibreOffice and count lines and characters


@dataclass
class Review:
    """The reviewed folder: one submission per file, and notes for the user."""

    folder: Path
    submissions: list[Submission]
    notes: list[str] = field(default_factory=list)


def review_folder(folder: Path, options: Union[Options, None] = None, progress: Union[Progress, None] = None,
                  workdir: Union[Path, None] = None) -> Review:
    """Read and check every file of *folder*. The files are only read; .doc/.wps are converted into
    *workdir* (a temporary folder by default, which must outlive the returned review when annotated copies
    are wanted). One bad file never stops the run: it becomes a refused submission with its reason."""
    options = options or Options()
    submissions = collect(folder)
    notes: list[str] = []
    if workdir is None:
        workdir = Path(tempfile.mkdtemp(prefix="fzbg-review-"))
    note = convert_old_formats(submissions, workdir)
    if note:
        notes.append(note)
    _read_all(submissions, options, progress)
    if options.measure:
        from .measure import measure_all

        note = measure_all(submissions, workdir)
        if note:
            notes.append(note)
        for sub in submissions:
            if sub.readable:
                sub.status = RETURN if any(f.level == MUST for f in sub.findings) else PASSED
    compare_units(submissions)
    if options.last_year is not None:
        previous = collect(options.last_year)
        convert_old_formats(previous, workdir / "last-year")
        for sub in previous:
            read_submission(sub, None)
        compare_last_year(submissions, previous)
        missing = [s.unit for s in submissions if s.readable and s.last_year_share is None]
        if missing:
            notes.append(f"上年文件夹中没有找到 {len(missing)} 个单位的报告：" + "、".join(missing[:5])
                         + ("等" if len(missing) > 5 else ""))
    return Review(folder, submissions, notes)


POOL_FROM = 6  # files: below this, starting worker processes costs more than it saves


def _read_all(submissions: list[Submission], options: Options, progress: Union[Progress, None]) -> None:
    """Read every submission, in worker processes with ``jobs`` > 1; report progress as each finishes."""
    total = len(submissions)
    if options.jobs <= 1 or total < POOL_FROM:
        for done, sub in enumerate(submissions, 1):
            read_submission(sub, options.deadline)
            if progress is not None:
                progress(done, total, sub.name)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    done = 0
    with ProcessPoolExecutor(max_workers=min(options.jobs, total)) as pool:
        futures = {pool.submit(read_submission, sub, options.deadline): i for i, sub in enumerate(submissions)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                submissions[i] = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
                submissions[i].status = REFUSED
                submissions[i].reason = f"审查进程意外退出（{type(exc).__name__}），请用 --jobs 1 重新审查"
            done += 1
            if progress is not None:
                progress(done, total, submissions[i].name)
