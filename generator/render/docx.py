"""Step 4 of the pipeline: a validated :class:`Report` → .docx bytes through a docxtpl template.

The template is rendered in a sandboxed Jinja environment with StrictUndefined and autoescape, so
report text can never become markup or reach Python, and a missing variable is an error, not a blank.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..errors import Place, Problem, RenderError
from ..model.report import Report
from ..model.vocabulary import FontProfile, Variant
from ..resources import read_template_bytes
from ..write.atomic import check_output_path, write_bytes_atomic
from .context import build_context

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

DEFAULT_TEMPLATE = "report.docx"
CORE_PROPERTY_MAX = 255


@lru_cache(maxsize=1)
def default_template_bytes() -> bytes:
    """The shipped template, read once per process."""
    return read_template_bytes(DEFAULT_TEMPLATE)


def jinja_environment() -> SandboxedEnvironment:
    """A new sandboxed environment: no attribute access to internals, undefined names are errors; operators
    that make huge values checked and never folded at compile time, only documented globals (sandbox.py)."""
    from .sandbox import LimitedEnvironment

    return LimitedEnvironment(autoescape=True)


def render_docx_bytes(
    report: Report,
    variant: Variant = Variant.formal,
    fonts: FontProfile = FontProfile.gb2312,
    template: Union[bytes, None] = None,
    *,
    jinja_env: Union[SandboxedEnvironment, None] = None,  # one to reuse (bulk keeps one per worker)
    template_class: Union[type[DocxTemplate], None] = None,  # a subclass (bulk's caches its XML preparation)
) -> bytes:
    """Render *report* as a .docx and return its bytes. Raises RenderError.

    A custom template is code from a file: it renders in a worker process under a time and memory limit
    (render/sandbox.py)."""
    if template is not None and template != default_template_bytes():
        from .sandbox import TemplateLimitError, run_limited

        try:
            return run_limited(_render_docx_bytes, report, variant, fonts, template, jinja_env, template_class)
        except TemplateLimitError as exc:
            raise RenderError("模板出错，无法生成文档", [Problem(str(exc), Place("模板"))]) from None
    return _render_docx_bytes(report, variant, fonts, template, jinja_env, template_class)


def _render_docx_bytes(
    report: Report,
    variant: Variant,
    fonts: FontProfile,
    template: Union[bytes, None],
    jinja_env: Union[SandboxedEnvironment, None],
    template_class: Union[type[DocxTemplate], None],
) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from . import post


    try:
        fonts = FontProfile(fonts)
    except ValueError:  # a library caller passing a word the CLI would have refused
        choices = "、".join(FontProfile)
        raise RenderError("未知的字体方案", [Problem(f"只能是：{choices}", Place("--fonts"))]) from None
    try:
        context = build_context(report, Variant(variant)).model_dump()
    except ValueError as exc:  # e.g. a fifth heading level from a caller that skipped validation
        raise RenderError("报告结构有误，无法生成文档", [Problem(str(exc), Place("parts"))]) from None
    template_class = template_class or DocxTemplate
    document = template_class(io.BytesIO(template if template is not None else default_template_bytes()))
    try:
        document.render(context, jinja_env=jinja_env or jinja_environment(), autoescape=True)
    except (TemplateError, TypeError) as exc:  # TypeError: {% include %} in a loader-less sandbox
        from .sandbox import limit_message

        message = limit_message(exc) or f"{type(exc).__name__}: {exc}"
        raise RenderError("模板出错，无法生成文档", [Problem(message, Place("模板"))]) from None
    except (RecursionError, MemoryError, OverflowError) as exc:
        from .sandbox import limit_message

        raise RenderError("模板出错，无法生成文档", [Problem(limit_message(exc) or str(exc), Place("模板"))]) from None
    docx = document.docx
    post.apply_font_profile(docx, fonts)
    post.fit_mark(docx)
    post.place_signature(docx)
    post.keep_body_with_signature(docx)
    # Set here, as docxtpl would escape them twice; the OOXML core properties hold at most 255 characters.
    docx.core_properties.title = report.full_title[:CORE_PROPERTY_MAX]
    docx.core_properties.author = report.agency.name[:CORE_PROPERTY_MAX]
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def render_to_file(
    report: Report,
    path: Union[str, Path],
    variant: Variant = Variant.formal,
    fonts: FontProfile = FontProfile.gb2312,
    force: bool = False,
    template: Union[bytes, None] = None,
) -> None:
    """Render *report* and write it atomically to *path*. Raises FzbgError."""
    check_output_path(path, force)  # fail before the work, not after it
    data = render_docx_bytes(report, variant=variant, fonts=fonts, template=template)
    write_bytes_atomic(path, data, force=force)
