"""What runs in each worker process: the template loaded once (bulk/template_reuse.py), bureaus rendered and written.

Functions here are top-level and take picklable arguments, as a process pool on Windows (spawn) needs.
A failing bureau returns its error; nothing here raises past :func:`render_job`.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Union

from jinja2.sandbox import SandboxedEnvironment

from ..display import error_line
from ..errors import FzbgError, OutputError, Place, Problem
from ..model.report import Report
from ..model.vocabulary import FontProfile, OutputFormat, Variant
from ..write.atomic import write_error_reason
from .files import inside, write_atomic
from .models import BulkOptions, Job, Outcome, Status
from .template_reuse import CompilingOnceEnvironment, ReusingTemplate

__all__ = ["CompilingOnceEnvironment", "init_worker", "render_batch", "render_bytes", "render_job", "render_pdf_batch"]


class WorkerSettings:
    """Per-process state, set once by :func:`init_worker`."""

    def __init__(
        self, template: bytes, fonts: FontProfile, fmt: OutputFormat, outdir: str, force: bool, pdf_timeout: float,
        options: Union[BulkOptions, None] = None,
    ) -> None:
        self.options = options  # to build a job's report from its record (bulk/assess.py)
        self.template = template
        self.pdf_timeout = pdf_timeout
        self.fonts = fonts
        self.format = fmt
        self.outdir = Path(outdir)
        self.force = force
        self.env = CompilingOnceEnvironment()


_settings: Union[WorkerSettings, None] = None


def init_worker(
    template: Union[bytes, None],
    fonts: FontProfile,
    fmt: OutputFormat,
    outdir: str,
    force: bool,
    pdf_timeout: float = 600.0,
    options: Union[BulkOptions, None] = None,
    pool: bool = True,
) -> None:
    """Pool initializer: load the template once; in a pool, leave Ctrl-C to the main process."""
    global _settings
    if pool:
        # The main process cancels what is pending and lets running bureaus finish their atomic write.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if template is None:
        from ..render.docx import default_template_bytes

        template = default_template_bytes()
    _settings = WorkerSettings(template, fonts, fmt, outdir, force, pdf_timeout, options)


def render_bytes(report: Report, variant: Variant, fonts: FontProfile, template: bytes,
                 env: SandboxedEnvironment, draft: bool = False) -> bytes:
    """Render *report* through ``render.render_docx_bytes``, reusing the worker's template preparation.

    *draft* marks every page 草稿 (render/draft_mark.py).
    """
    from ..render.docx import render_docx_bytes

    data = render_docx_bytes(report, variant, fonts, template, jinja_env=env, template_class=ReusingTemplate)
    if draft:
        from ..render.draft_mark import mark_docx

        data = mark_docx(data)
    return data


UNSAFE_TARGET = "输出位置“{name}”是指向别处的符号链接（或会写到输出文件夹之外），未覆盖；请删除它后重试"


def _target(outdir: Path, file_name: str) -> Path:
    """``inside()`` with its refusal worded for the user: a symlink planted where a report goes is never followed."""
    try:
        return inside(outdir, file_name)
    except ValueError:
        raise OutputError("输出文件无法写入", [Problem(UNSAFE_TARGET.format(name=file_name), Place(str(outdir / file_name)))]) from None


def _report(job: Job, settings: WorkerSettings) -> Report:
    """The job's report: carried along (library callers), or built again here from its record."""
    if job.report is not None:
        return job.report
    if job.record is None or settings.options is None:  # pragma: no cover - prepare always sets one
        raise ValueError("a job needs its report or its record")
    from .assess import report_of

    return report_of(settings.options, job.record)


def render_batch(jobs: list[Job], written: Union[list[Outcome], None] = None) -> list[Outcome]:
    """A pool task: many bureaus rendered and written in one call (their 版记 settled in one LibreOffice call).

    *written*, in this process, receives each outcome as it is decided: after Ctrl-C halfway through the
    writing, the files already written are still reported (bulk/execute.py)."""
    settings = _settings
    if settings is None or settings.format == "html":
        done = []
        for job in jobs:
            done.append(render_job(job))
            if written is not None:
                written.append(done[-1])
        return done
    documents, outcomes, warnings = _render_docx_all(jobs, settings, {})
    for job in jobs:
        if job.index not in outcomes:
            try:
                write_atomic(_target(settings.outdir, job.file_name), documents[job.index], settings.force,
                             durable=False)
                outcomes[job.index] = _done(job, warnings.get(job.index, ""))
            except FzbgError as exc:
                outcomes[job.index] = _failed(job, error_line(exc))
        if written is not None:
            written.append(outcomes[job.index])
    return [outcomes[job.index] for job in jobs]


def _render_docx_all(
    jobs: list[Job], settings: WorkerSettings, pdfs: dict[int, bytes]
) -> tuple[dict[int, bytes], dict[int, Outcome], dict[int, str]]:
    """Each job's .docx, or its failed outcome, and the warnings of the ones written all the same.

    The formal ones that ask for it get their 版记 on an even page (render/imprint.py) in ONE LibreOffice
    call for the batch, before the 草稿 mark, as ``fzbg render`` does. When that measurement cannot be made
    (no LibreOffice, a conversion that failed or timed out), the report keeps its 版记 at the foot of its
    last page and its outcome carries the warning: the runner says it once for the run and 汇总.xlsx per row.
    *pdfs* receives, by job index, the PDF that measurement made of a final .docx (none for a 草稿).
    """
    from ..render.imprint import settle_imprints

    documents: dict[int, bytes] = {}
    outcomes: dict[int, Outcome] = {}
    to_settle: list[int] = []
    b_first: set[int] = set()  # positions in to_settle whose B is converted instead of A (PDFs: one conversion)
    for job in jobs:
        try:
            report = _report(job, settings)
            documents[job.index] = render_bytes(report, job.variant, settings.fonts, settings.template, settings.env)
        except FzbgError as exc:
            outcomes[job.index] = _failed(job, error_line(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one bureau's failure must not stop the others
            outcomes[job.index] = _failed(job, f"内部错误：{type(exc).__name__}: {exc}")
            continue
        if Variant(job.variant) is Variant.formal and report.document.imprint_even_page:
            if settings.format == "pdf" and _moves_on(report, job.variant, job.draft):
                b_first.add(len(to_settle))
            to_settle.append(job.index)
    warnings: dict[int, str] = {}
    measured: dict[int, bytes] = {}
    settled = settle_imprints([documents[i] for i in to_settle], timeout=settings.pdf_timeout,
                              keep_profile=True, pdfs=measured, b_first=b_first) if to_settle else []
    pdfs.update({to_settle[position]: pdf for position, pdf in measured.items()})
    for i, (data, problems) in zip(to_settle, settled, strict=True):
        documents[i] = data
        if problems:
            warnings[i] = "；".join(problem.message for problem in problems)
    for job in jobs:
        if job.draft and job.index in documents:
            from ..render.draft_mark import mark_docx

            documents[job.index] = mark_docx(documents[job.index])
            pdfs.pop(job.index, None)  # made before the mark
    return documents, outcomes, warnings


def _moves_on(report: Report, variant: Variant, draft: bool) -> bool:
    """Whether the line model expects this report's 版记 to be moved on to an even page (a hint only)."""
    if draft:  # a 草稿's PDF is converted after its mark in any case
        return False
    from ..render.context import build_context
    from ..render.pagination import imprint_shares_odd_page

    try:
        return imprint_shares_odd_page(build_context(report, Variant(variant)))
    except ValueError:  # the render itself said what is wrong
        return False


def _done(job: Job, warning: str = "") -> Outcome:
    return Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name, status=Status.ok,
                   warning=warning)


def render_job(job: Job) -> Outcome:
    """Render and write one bureau. Never raises: a failure comes back as the outcome's error."""
    settings = _settings
    if settings is None:  # pragma: no cover - a pool always runs init_worker first
        return _failed(job, "内部错误：工作进程未初始化")
    try:
        target = _target(settings.outdir, job.file_name)
        if settings.format == "html":
            from ..render.draft_mark import mark_html
            from ..render.html import render_html

            page = render_html(_report(job, settings), job.variant, fonts=settings.fonts)
            data = (mark_html(page) if job.draft else page).encode("utf-8")
        else:
            data = render_bytes(_report(job, settings), job.variant, settings.fonts, settings.template, settings.env,
                                job.draft)
        write_atomic(target, data, settings.force, durable=False)
    except FzbgError as exc:
        return _failed(job, error_line(exc))
    except Exception as exc:  # noqa: BLE001 - one bureau's failure must not stop the others
        return _failed(job, f"内部错误：{type(exc).__name__}: {exc}")
    return Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name, status=Status.ok)


def render_pdf_batch(jobs: list[Job], written: Union[list[Outcome], None] = None) -> list[Outcome]:
    """Render a batch to .docx in a private folder, convert them with one LibreOffice call, move the PDFs.

    A formal report whose 版记 page was measured already has the PDF of its final .docx from that measurement
    (render/imprint.py): it is written as it is, so such a report costs one conversion, not two. *written* as
    for :func:`render_batch`."""
    import shutil
    import tempfile

    settings = _settings
    if settings is None:  # pragma: no cover
        return [_failed(job, "内部错误：工作进程未初始化") for job in jobs]
    from ..render.pdf import docx_to_pdf_batch

    # The PID in the name tells the next run whether this folder's writer is gone (output.part_is_stale).
    try:
        work = Path(tempfile.mkdtemp(prefix=f".fzbg-pdf-{os.getpid()}.", suffix=".part", dir=settings.outdir))
    except OSError as exc:
        return [_failed(job, f"写入失败：{write_error_reason(exc)}") for job in jobs]
    try:
        sources: dict[int, Path] = {}
        measured: dict[int, bytes] = {}  # the PDFs the 版记 measurement made of final documents
        documents, outcomes, warnings = _render_docx_all(jobs, settings, measured)
        for job in jobs:
            if job.index in outcomes or job.index in measured:
                continue
            try:
                source = work / f"{job.index:05d}.docx"
                source.write_bytes(documents[job.index])
                sources[job.index] = source
            except OSError as exc:  # the work folder is in OUTDIR: a full disk shows here first
                outcomes[job.index] = _failed(job, f"写入失败：{write_error_reason(exc)}")
        note = "LibreOffice 没有生成该文件"
        if sources:
            try:
                docx_to_pdf_batch(list(sources.values()), work, settings.pdf_timeout, keep_profile=True)
            except FzbgError as exc:
                note = "；".join([exc.message] + [p.message for p in exc.problems])
        for job in jobs:
            if job.index not in outcomes:
                outcomes[job.index] = _write_pdf(job, settings, measured.get(job.index), sources, note,
                                                 warnings.get(job.index, ""))
            if written is not None:
                written.append(outcomes[job.index])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [outcomes[job.index] for job in jobs]


def _write_pdf(job: Job, settings: WorkerSettings, pdf: Union[bytes, None], sources: dict[int, Path], note: str,
               warning: str) -> Outcome:
    """Write the job's PDF: the one its 版记 measurement made, or the one LibreOffice converted from *sources*."""
    if pdf is None:
        produced = sources[job.index].with_suffix(".pdf")
        if not produced.is_file():
            return _failed(job, f"转换 PDF 失败：{note}")
        pdf = produced.read_bytes()
    try:
        write_atomic(_target(settings.outdir, job.file_name), pdf, settings.force, durable=False)
    except FzbgError as exc:
        return _failed(job, error_line(exc))
    return _done(job, warning)


def _failed(job: Job, message: str) -> Outcome:
    return Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name,
                   status=Status.failed, error=message)
