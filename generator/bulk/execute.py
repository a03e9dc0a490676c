"""Rendering the validated bureaus: in this process for ``--jobs 1``, else in a process pool.

:class:`Execution` yields outcomes as bureaus finish. :meth:`Execution.cancel` (``--fail-fast``) and
Ctrl-C drop the bureaus not yet started; the ones already running finish their atomic write (pool
workers ignore Ctrl-C) and are still reported, so 汇总.xlsx matches the files on disk.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from .models import BulkOptions, Job, Outcome, Status
from .worker import init_worker, render_job, render_pdf_batch

PDF_BATCH = 25  # documents per LibreOffice call: its start-up costs about a second


class Execution:
    """The render phase of one run; iterate it for outcomes."""

    def __init__(self, jobs: list[Job], options: BulkOptions) -> None:
        self.options = options
        self.settings = (options.template, options.fonts, options.format, str(options.outdir),
                         options.force, options.pdf_timeout)
        if options.format == "pdf":
            size = min(PDF_BATCH, max(1, math.ceil(len(jobs) / options.jobs)))
            self.batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        else:
            self.batches = [[job] for job in jobs]
        self.cancelled = False
        self._futures: dict[Future[list[Outcome]], list[Job]] = {}
        self._running: Generator[Outcome, None, None] | None = None

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
        done: list[Outcome] = []
        for future in as_completed(self._futures):
            done += _results(future, self._futures[future])
        if self._running is not None:
            self._running.close()  # leaves the pool's with-block: nothing is left to wait for
        return done

    def __iter__(self) -> Iterator[Outcome]:
        if self.options.jobs == 1 or len(self.batches) <= 1:
            self._running = self._in_process()
        else:
            self._running = self._in_pool()
        return self._running

    def _in_process(self) -> Generator[Outcome, None, None]:
        if not self.batches:
            return
        init_worker(*self.settings, pool=False)
        for batch in self.batches:
            if self.cancelled:
                return
            yield from (render_pdf_batch(batch) if self.options.format == "pdf" else [render_job(batch[0])])

    def _in_pool(self) -> Generator[Outcome, None, None]:
        workers = min(self.options.jobs, len(self.batches))
        function = render_pdf_batch if self.options.format == "pdf" else _render_single
        with ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=self.settings) as pool:
            self._futures = {pool.submit(function, batch): batch for batch in self.batches}
            try:
                for future in as_completed(self._futures):
                    yield from _results(future, self._futures[future])
            except KeyboardInterrupt:
                self.cancel()  # workers ignore Ctrl-C: the running ones finish, finish() reports them
                raise


def _render_single(batch: list[Job]) -> list[Outcome]:
    return [render_job(batch[0])]


def _results(future: Future[list[Outcome]], batch: list[Job]) -> list[Outcome]:
    if future.cancelled():
        return []
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
        message = f"工作进程意外退出（{type(exc).__name__}），请重试或改用 --jobs 1"
        return [Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name,
                        status=Status.failed, error=message) for job in batch]
