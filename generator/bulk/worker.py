"""What runs in each worker process: the template loaded once, one bureau rendered and written.

docxtpl prepares the same template XML anew on every ``render()``: regex clean-up (``patch_xml``) and
a Jinja compile, together about two thirds of a render here. Both depend only on the template, so a
worker keeps their results: :class:`CompilingOnceEnvironment` remembers compiled sources and
:class:`PatchingOnceTemplate` remembers ``patch_xml`` results (a pure function of its input string).
Nothing else of docxtpl changes and the cached values are the ones it would compute, so the output is
identical to a stock render (tests/test_bulk_render.py compares ``word/document.xml`` and every part).

Functions here are top-level and take picklable arguments, as a process pool on Windows (spawn) needs.
A failing bureau returns its error; nothing here raises past :func:`render_job`.
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, Union

from docx.parts.styles import StylesPart
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template
from jinja2.nodes import Template as TemplateNode
from jinja2.sandbox import SandboxedEnvironment

from ..display import error_line
from ..errors import FzbgError, OutputError, Place, Problem
from ..model.report import Report
from ..model.vocabulary import FontProfile, OutputFormat, Variant
from ..render.sandbox import LimitedEnvironment
from ..write.atomic import write_error_reason
from .files import inside, write_atomic
from .models import BulkOptions, Job, Outcome, Status
from .package import DeflateCache, save_package

_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
MAX_CACHED_TEMPLATES = 64
# The core properties docxtpl's render_properties renders (docxtpl 0.16–0.20).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # body, headers, footers and core properties of a few templates


class CompilingOnceEnvironment(LimitedEnvironment):
    """The project's sandboxed, strict, autoescaping environment (render/sandbox.py), remembering compiled sources.

    Only ``from_string(source)`` without globals is cached: that is how docxtpl calls it. A compiled
    Jinja template holds no per-render state, so reusing it gives the same output as compiling anew.
    """

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)  # operators checked, nothing folded
        self._compiled: dict[str, Template] = {}

    def from_string(  # jinja's signature
        self,
        source: Union[str, TemplateNode],
        globals: Union[MutableMapping[str, Any], None] = None,  # noqa: A002
        template_class: Union[type[Template], None] = None,
    ) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= MAX_CACHED_TEMPLATES:
                self._compiled.clear()
            template = self._compiled[source] = super().from_string(source)
        return template


class PatchingOnceTemplate(DocxTemplate):
    """docxtpl's template, remembering ``patch_xml`` per source string (it reads nothing but its argument)."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            if len(self._patched) >= MAX_CACHED_TEMPLATES:
                self._patched.clear()
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched


class ReusingTemplate(PatchingOnceTemplate):
    """One loaded template per worker and template, put back to its state as loaded before each report.

    docxtpl opens the whole package (ten parts parsed by python-docx) for every render, and python-docx
    deflates every part again on save: together about a third of a report. Here ``DocxTemplate(bytes)``
    returns the worker's instance for those bytes; before each render every part is restored from the
    bytes it had when loaded (the body from its XML, the other parts re-parsed, docxtpl's rendered
    footers unhooked), so a report sees exactly what a freshly opened template shows. Saving deflates
    only the parts whose bytes changed (:mod:`generator.bulk.package`). ``render.docx`` and its
    post-processing run unchanged on it; tests/test_bulk_render.py renders different reports, variants
    and font profiles one after another through one instance and compares every part with a fresh render.
    """

    _instances: dict[bytes, ReusingTemplate] = {}

    def __new__(cls, template_file: Any) -> ReusingTemplate:
        data = template_file.getvalue() if isinstance(template_file, io.BytesIO) else None
        found = cls._instances.get(data) if data is not None else None
        if found is not None:
            return found
        instance: ReusingTemplate = super().__new__(cls)
        if data is not None:
            if len(cls._instances) >= 4:  # the shipped template and a custom one, in practice
                cls._instances.clear()
            cls._instances[data] = instance
        return instance

    def __init__(self, template_file: Any) -> None:
        if self.__dict__.get("deflate") is not None:  # docxtpl forwards unknown attributes to .docx
            # render.docx wraps fix_tables for each report (verify_paragraph_count): wrap the method, not
            # the previous report's wrapper
            self.__dict__.pop("fix_tables", None)
            return
        super().__init__(template_file)
        self.deflate = DeflateCache()
        self._body_xml = ""
        self._rels: dict[str, Any] = {}
        self._parts: list[tuple[Any, bool, bytes]] = []
        self._part_xml: dict[Any, str] = {}
        self._core_kept: Union[tuple[Any, Any, Any], None] = None

    def init_docx(self, reload: bool = True) -> None:
        if self.docx is None:
            super().init_docx(reload)
            self._snapshot()
        else:
            self._restore()  # also after a report that failed half-way
        self.is_rendered = False

    def get_xml(self) -> str:
        return self._body_xml  # the template's body, not the last report's

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        # docxtpl renders six core properties (title, author …) as Jinja templates. Text with no Jinja delimiter
        # renders to what depends on that text alone, and _restore has just put the template's text back: when
        # none of the six has a "{", the part docxtpl leaves is the same for every report, so it is kept after
        # the first report and put back as it was (render.docx then sets the report's title and author on it).
        import copy

        part = self.docx.part.package._core_properties_part
        kept = self._core_kept
        if kept is not None and kept[0] is part and kept[1] is jinja_env:
            part._element = copy.deepcopy(kept[2])  # a copy: empty texts stay "" (<x></x>), a re-parse makes them <x/>
            return
        props = part.core_properties
        static = (part in {restored for restored, _xml, _data in self._parts} and jinja_env is not None
                  and jinja_env.line_statement_prefix is None and jinja_env.line_comment_prefix is None
                  and all("{" not in getattr(props, name) for name in _RENDERED_PROPERTIES))
        super().render_properties(context, jinja_env)
        self._core_kept = (part, jinja_env, copy.deepcopy(part._element)) if static else None

    def get_part_xml(self, part: Any) -> str:
        # docxtpl serialises, re-parses and serialises a header or footer again before rendering it. It reads the
        # template's own part (its rendered copy is a new part), which _restore has just set back to the bytes it
        # had when loaded: its text is the same for every report, so it is kept per part.
        xml = self._part_xml.get(part)
        if xml is None:
            xml = self._part_xml[part] = super().get_part_xml(part)
        return xml

    def resolve_listing(self, xml: str) -> str:
        # docxtpl's three nested regex passes over every paragraph only ever rewrite a tab, \a, a newline or a
        # form feed inside text: XML without any of them comes back unchanged, so it is returned as it is.
        if not any(char in xml for char in "\t\a\n\f"):
            return xml
        resolved: str = super().resolve_listing(xml)
        return resolved

    def _snapshot(self) -> None:
        from docx.opc.oxml import serialize_part_xml
        from docx.opc.part import XmlPart

        assert self.docx is not None
        main = self.docx.part
        self._body_xml = self.xml_to_string(self.docx.element.body)
        self._rels = {rid: rel._target for rid, rel in main.rels.items()}
        # The styles part is left as it is between reports: only post.apply_font_profile changes it, and it
        # leaves it exactly as a fresh copy with the report's profile applied (see there).
        self._parts = [(part, isinstance(part, XmlPart),
                        serialize_part_xml(part.element) if isinstance(part, XmlPart) else part.blob)
                       for part in main.package.iter_parts()
                       if part is not main and part.content_type != _STYLES_TYPE]
        package = main.package
        package.save = lambda target: save_package(package, target, self.deflate)
        styles = main._styles_part
        if type(styles) is StylesPart:
            styles.__class__ = KeptStylesPart


    def _restore(self) -> None:
        from docx.oxml.parser import parse_xml

        assert self.docx is not None
        rels = self.docx.part.rels
        for rid in [rid for rid in rels if rid not in self._rels]:
            del rels[rid]
        for rid, target in self._rels.items():
            rels[rid]._target = target  # docxtpl hooks rendered footers in here
        for part, xml, data in self._parts:
            if xml:
                part._element = parse_xml(data)
            else:
                part._blob = data
        self.docx._Document__body = None  # python-docx caches the replaced body


class KeptStylesPart(StylesPart):
    """A worker's styles part (kept between reports): serialised once per font profile.

    Its element changes only through post.apply_font_profile, which leaves it exactly as a fresh copy with
    that profile; while post knows that state, the text is the same, so it is serialised once per profile
    (the font table's scan and the save each read it). In any other state it is serialised as python-docx does.
    """

    @property
    def blob(self) -> bytes:
        from ..render.post import profile_state

        state = profile_state(self._element)
        if state is None:
            return bytes(super().blob)
        if self.__dict__.get("_kept_for") is not self._element:  # another element: nothing known of it
            self.__dict__.update(_kept_for=self._element, _kept={})
        kept: dict[FontProfile, bytes] = self.__dict__["_kept"]
        found = kept.get(state)
        if found is None:
            found = kept[state] = bytes(super().blob)
        return found


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


def render_batch(jobs: list[Job]) -> list[Outcome]:
    """A pool task: many bureaus rendered and written in one call (their 版记 settled in one LibreOffice call)."""
    settings = _settings
    if settings is None or settings.format == "html":
        return [render_job(job) for job in jobs]
    documents, outcomes, warnings = _render_docx_all(jobs, settings)
    for job in jobs:
        if job.index in outcomes:
            continue
        try:
            write_atomic(_target(settings.outdir, job.file_name), documents[job.index], settings.force, durable=False)
        except FzbgError as exc:
            outcomes[job.index] = _failed(job, error_line(exc))
            continue
        outcomes[job.index] = _done(job, warnings.get(job.index, ""))
    return [outcomes[job.index] for job in jobs]


def _render_docx_all(
    jobs: list[Job], settings: WorkerSettings
) -> tuple[dict[int, bytes], dict[int, Outcome], dict[int, str]]:
    """Each job's .docx, or its failed outcome, and the warnings of the ones written all the same.

    The formal ones that ask for it get their 版记 on an even page (render/imprint.py) in ONE LibreOffice
    call for the batch, before the 草稿 mark, as ``fzbg render`` does. When that measurement cannot be made
    (no LibreOffice, a conversion that failed or timed out), the report keeps its 版记 at the foot of its
    last page and its outcome carries the warning: the runner says it once for the run and 汇总.xlsx per row.
    """
    from ..render.imprint import settle_imprints

    documents: dict[int, bytes] = {}
    outcomes: dict[int, Outcome] = {}
    to_settle: list[int] = []
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
            to_settle.append(job.index)
    warnings: dict[int, str] = {}
    settled = settle_imprints([documents[i] for i in to_settle], timeout=settings.pdf_timeout,
                              keep_profile=True) if to_settle else []
    for i, (data, problems) in zip(to_settle, settled, strict=True):
        documents[i] = data
        if problems:
            warnings[i] = "；".join(problem.message for problem in problems)
    for job in jobs:
        if job.draft and job.index in documents:
            from ..render.draft_mark import mark_docx

            documents[job.index] = mark_docx(documents[job.index])
    return documents, outcomes, warnings


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


def render_pdf_batch(jobs: list[Job]) -> list[Outcome]:
    """Render a batch to .docx in a private folder, convert them with one LibreOffice call, move the PDFs."""
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
        documents, outcomes, warnings = _render_docx_all(jobs, settings)
        for job in jobs:
            if job.index in outcomes:
                continue
            try:
                source = work / f"{job.index:05d}.docx"
                source.write_bytes(documents[job.index])
                sources[job.index] = source
            except OSError as exc:  # the work folder is in OUTDIR: a full disk shows here first
                outcomes[job.index] = _failed(job, f"写入失败：{write_error_reason(exc)}")
        if sources:
            try:
                docx_to_pdf_batch(list(sources.values()), work, settings.pdf_timeout, keep_profile=True)
            except FzbgError as exc:
                note = "；".join([exc.message] + [p.message for p in exc.problems])
            else:
                note = "LibreOffice 没有生成该文件"
            for job in jobs:
                if job.index in outcomes:
                    continue
                produced = sources[job.index].with_suffix(".pdf")
                if not produced.is_file():
                    outcomes[job.index] = _failed(job, f"转换 PDF 失败：{note}")
                    continue
                try:
                    write_atomic(_target(settings.outdir, job.file_name), produced.read_bytes(), settings.force,
                                 durable=False)
                except FzbgError as exc:
                    outcomes[job.index] = _failed(job, error_line(exc))
                    continue
                outcomes[job.index] = _done(job, warnings.get(job.index, ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [outcomes[job.index] for job in jobs]


def _failed(job: Job, message: str) -> Outcome:
    return Outcome(index=job.index, place=job.place, name=job.name, file_name=job.file_name,
                   status=Status.failed, error=message)
