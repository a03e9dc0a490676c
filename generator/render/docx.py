"""Step 4 of the pipeline: a validated :class:`Report` → .docx bytes through a docxtpl template.

The template is rendered in a sandboxed Jinja environment with StrictUndefined and autoescape, so
report text can never become markup or reach Python, and a missing variable is an error, not a blank.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Union

from ..errors import Problem, RenderError
from ..model.report import Report
from ..resources import read_template_bytes
from ..write.atomic import check_output_path, write_bytes_atomic
from .context import Variant, build_context
from .fonts import FONT_PROFILES

DEFAULT_TEMPLATE = "report.docx"
CORE_PROPERTY_MAX = 255


@lru_cache(maxsize=1)
def default_template_bytes() -> bytes:
    """The shipped template, read once per process."""
    return read_template_bytes(DEFAULT_TEMPLATE)


def jinja_environment():  # noqa: ANN201 - jinja2.sandbox.SandboxedEnvironment
    """A new sandboxed environment: no attribute access to internals, undefined names are errors."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_docx_bytes(
    report: Report,
    variant: Variant = "formal",
    fonts: str = "gb2312",
    template: Union[bytes, None] = None,
    *,
    jinja_env=None,  # noqa: ANN001 - a sandboxed environment to reuse (bulk keeps one per worker)
    template_class=None,  # noqa: ANN001 - a DocxTemplate subclass (bulk's caches its XML preparation)
) -> bytes:
    """Render *report* as a .docx and return its bytes. Raises RenderError."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from . import post as docx_post

    if fonts not in FONT_PROFILES:
        raise RenderError("未知的字体方案", [Problem("--fonts", "", f"只能是：{'、'.join(FONT_PROFILES)}")])
    try:
        context = build_context(report, variant).model_dump()
    except ValueError as exc:  # e.g. a fifth heading level from a caller that skipped api.check_levels
        raise RenderError("报告结构有误，无法生成文档", [Problem("parts", "", str(exc))]) from None
    template_class = template_class or DocxTemplate
    document = template_class(io.BytesIO(template if template is not None else default_template_bytes()))
    try:
        document.render(context, jinja_env=jinja_env or jinja_environment(), autoescape=True)
    except (TemplateError, TypeError) as exc:  # TypeError: {% include %} in a loader-less sandbox
        raise RenderError("模板出错，无法生成文档", [Problem("模板", "", f"{type(exc).__name__}: {exc}")]) from None
    docx = document.docx
    docx_post.apply_font_profile(docx, fonts)
    docx_post.fit_mark(docx)
    docx_post.place_signature(docx)
    docx_post.keep_body_with_signature(docx)
    # Set here, as docxtpl would escape them twice; the OOXML core properties hold at most 255 characters.
    docx.core_properties.title = report.full_title[:CORE_PROPERTY_MAX]
    docx.core_properties.author = report.agency.name[:CORE_PROPERTY_MAX]
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def render_to_file(
    report: Report,
    path: Union[str, Path],
    variant: Variant = "formal",
    fonts: str = "gb2312",
    force: bool = False,
    template: Union[bytes, None] = None,
) -> list[Problem]:
    """Render *report* and write it atomically to *path*. Returns warnings; raises FzbgError."""
    check_output_path(path, force)  # fail before the work, not after it
    data = render_docx_bytes(report, variant=variant, fonts=fonts, template=template)
    write_bytes_atomic(path, data, force=force)
    return []
