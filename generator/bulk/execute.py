"""Rendering the validated bureaus: in this process for ``--jobs 1``, else in a process pool.

:class:`Execution` yields outcomes as bureaus finish. :meth:`Execution.cancel` (``--fail-fast``) and
Ctrl-C drop the bureaus not yet started; the ones already running finish their atomic write (pool
workers ignore Ctrl-C) and are still reported, so 汇总.xlsx matches the files on disk.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from contextlib import contextmanager
from typing import Union

from ..model.vocabulary import FontProfile, OutputFormat, Variant
from .models import BulkOptions, Job, Outcome, Status
from .worker import init_worker, render_batch, render_job, render_pdf_batch

MAX_PDF_BATCH = 200  # documents per LibreOffice call at most: ~0.1 s each, well inside --pdf-timeout
MIN_PDF_BATCH = 20  # below this a second LibreOffice start (~1.5 s) costs more than it saves on 2 cores
MAX_RENDER_BATCH = 25  # .docx/.html bureaus per pool task: few tasks, yet progress and --fail-fast stay prompt


Settings = tuple[Union[bytes, None], FontProfile, OutputFormat, str, bool, float, BulkOptions]


def worker_settings(options: BulkOptions) -> Settings:
    """``init_worker``'s arguments for *options*: each worker builds reports from their records itself."""
    from .assess import light_options

    return (options.template, options.fonts, options.format, str(options.outdir), options.force,
            options.pdf_timeout, light_options(options))


def start_pool(options: BulkOptions) -> ProcessPoolExecutor:
    """The run's worker processes, started at once: forked before the parent reads and holds the rows (the
    first submit forks them all), each warming up while the parent reads the sheet (bulk/warm.py)."""
    from .warm import warm_up

    pool = ProcessPoolExecutor(max_workers=options.jobs, initializer=init_worker, initargs=worker_settings(options))
    for _ in range(options.jobs):
        pool.submit(warm_up)
    return pool


def balanced(jobs: list[Job], count: int) -> list[list[Job]]:
    """*jobs* in *count* consecutive batches whose sizes differ by one at most (64 in 2: 32/32, not 25/25/14)."""
    count = max(1, min(count, len(jobs)))
    size, extra = divmod(len(jobs), count)
    batches, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        batches.append(jobs[start:end])
        start = end
    return [batch for batch in batches if batch]


def pdf_batches(jobs: list[Job], workers: int) -> list[list[Job]]:
    """As few LibreOffice calls as the workers allow: one per worker when each gets enough documents for a
    start to pay, more only past MAX_PDF_BATCH documents per call; balanced."""
    useful = max(1, min(workers, len(jobs) // MIN_PDF_BATCH))
    calls = max(useful, math.ceil(len(jobs) / MAX_PDF_BATCH))
    calls = math.ceil(calls / useful) * useful  # whole rounds: no worker left with a lone short batch
    return balanced(jobs, calls)


class Execution:
    """The render phase of one run; iterate it for outcomes."""

    def __init__(self, jobs: list[Job], options: BulkOptions, pool: Union[ProcessPoolExecutor, None] = None) -> None:
        self.options = options
        self.pool = pool
        self.settings = worker_settings(options)
        workers = options.jobs if pool is not None else 1
        if options.format == "pdf":
            self.batches = pdf_batches(jobs, workers)
        else:
            size = max(1, min(MAX_RENDER_BATCH, math.ceil(len(jobs) / (4 * workers))))
            self.batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        self.format_pdf = options.format == "pdf"
        self.cancelled = False
        self._futures: dict[Future[list[Outcome]], list[Job]] = {}
        self._running: Generator[Outcome, None, None] | None = None
        self._pending: list[Outcome] = []  # in-process outcomes rendered but not yet handed out

    def cancel(self) -> None:
        """Start no more bureaus; those running finish."""
        self.cancelled = True
        for future in self._futures:
            future.cancel()

    def finish(self) -> list[Outcome]:
        """After Ctrl-C: start nothing more, wait for the running bureaus, and return the outcome of every
        bureau that was rendered. The caller skips those it has recorded already: Ctrl-C may have arrived
        between a result coming back and its being recorded."""
        self.cancel()
        done: list[Outcome] = list(self._pending)
        for future in as_completed(self._futures):
            done += _results(future, self._futures[future])
        if self._running is not None:
            self._running.close()  # nothing is left to wait for; the runner shuts the pool down
        return done

    def __iter__(self) -> Iterator[Outcome]:
        if self.pool is None or len(self.batches) <= 1 and self.options.format != "pdf":
            self._running = self._in_process()
        else:
            self._running = self._in_pool(self.pool)
        return self._running

    def _in_process(self) -> Generator[Outcome, None, None]:
        if not self.batches:
            return
        init_worker(*self.settings, pool=False)
        for batch in self.batches:
            if self.format_pdf or any(Variant(job.variant) is Variant.formal for job in batch):
                if self.cancelled:
                    return
                # A batch's 版记 are settled (and PDFs converted) in one LibreOffice call. What it has written when
                # Ctrl-C comes, and what is not yet recorded after it, is returned by finish(): no written file
                # goes unreported.
                written: list[Outcome] = []
                self._pending = written
                outcomes = (render_pdf_batch if self.format_pdf else render_batch)(batch, written)
                for position, outcome in enumerate(outcomes):
                    self._pending = outcomes[position:]
                    yield outcome
                self._pending = []
                continue
            for job in batch:  # one by one: Ctrl-C between two bureaus leaves nothing unreported
                if self.cancelled:
                    return
                yield render_job(job)

    def _in_pool(self, pool: ProcessPoolExecutor) -> Generator[Outcome, None, None]:
        function = render_pdf_batch if self.format_pdf else render_batch
        queue = iter(self.batches)
        active: set[Future[list[Outcome]]] = set()
        # A few batches in flight per worker, the rest submitted as they finish: the jobs are pickled when
        # needed, and --fail-fast or Ctrl-C leave the unsubmitted ones unstarted (a queued task cannot be).
        limit = 2 * self.options.jobs
        try:
            while True:
                while not self.cancelled and len(active) < limit:
                    batch = next(queue, None)
                    if batch is None:
                        break
                    with _interrupt_deferred():  # a batch submitted is a batch known: finish() reports it
                        future = pool.submit(function, batch)
                        self._futures[future] = batch
                    active.add(future)
                if not active:
                    return
                done, active = wait(active, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from _results(future, self._futures[future])
        except KeyboardInterrupt:
            self.cancel()  # workers ignore Ctrl-C: the running ones finish, finish() reports them
            raise


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C held back until the block ends, then raised as usual.

    Ctrl-C inside ``pool.submit`` (its work item queued, the future not yet returned) or just after it lost
    the future: its bureaus were written but never reported, and 汇总.xlsx called them 未处理 (measured: 1 run
    in 6 of tests/test_bulk_kill.py, whose Ctrl-C comes as the first batch's files appear, just when the next
    batch is submitted). Only the main thread can set a handler; elsewhere Python raises no KeyboardInterrupt.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _results(future: Future[list[Outcome]], batch: list[Job]) -> list[Outcome]:
    if future.cancelled():
        return []
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
        message = f"工作进程意外退出（{type(exc).__name__}），请重试或改用 --jobs 1"
        return [Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name,
                        status=Status.failed, error=message) for job in batch]
