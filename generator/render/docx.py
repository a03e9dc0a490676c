"""Step 4 of the pipeline: a validated :class:`Report` → .docx bytes through a docxtpl template.

The template is rendered in a sandboxed Jinja environment with StrictUndefined and autoescape, so
report text can never become markup or reach Python, and a missing variable is an error, not a blank.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

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
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE_PROPERTY_MAX = 255


@lru_cache(maxsize=1)
def default_template_bytes() -> bytes:
    """The shipped template, read once per process."""
    return read_template_bytes(DEFAULT_TEMPLATE)


def jinja_environment() -> SandboxedEnvironment:
    """A new sandboxed environment: no attribute access to internals, undefined names are errors; operators
    that make huge values checked and never folded at compile time, only documented globals (sandbox.py).

    ``finalize`` prints functions and classes as nothing: their Python reprs (with memory addresses) must
    never reach a document.
    """
    from .sandbox import LimitedEnvironment

    return LimitedEnvironment(autoescape=True, finalize=_printable)


def _printable(value: object) -> object:
    from jinja2 import Undefined

    if isinstance(value, Undefined):
        return value  # StrictUndefined raises when printed: a missing variable stays an error
    return "" if callable(value) or isinstance(value, type) else value


_PARAGRAPH_TAG = re.compile(r"<w:p[\s>/]")


def verify_paragraph_count(document: DocxTemplate) -> None:
    """Make *document* refuse a rendered body that its XML parser would cut short.

    docxtpl parses the rendered body with ``recover=True``: at the first character or tag XML cannot carry,
    lxml silently stops, and the document ends there (later paragraphs and the section properties gone).
    The paragraphs written are counted in the rendered text and in the parsed tree; any difference is an
    error, so a truncated report can never be written.
    """
    parse = document.fix_tables

    def fix_tables(xml: str) -> Any:
        tree = parse(xml)
        written = len(_PARAGRAPH_TAG.findall(xml))
        parsed = sum(1 for _ in tree.iter(f"{{{W_NS}}}p"))
        if parsed != written:
            message = (f"生成的正文应有 {written} 段，能读出的只有 {parsed} 段：模板输出了不成对的 XML 标记，"
                       "或文字中有无法保存的字符；已停止，未写入文件")
            raise RenderError("生成的文档不完整", [Problem(message, Place("模板"))])
        return tree

    document.fix_tables = fix_tables


def render_docx_bytes(
    report: Report,
    variant: Variant = Variant.formal,
    fonts: FontProfile = FontProfile.gb2312,
    template: Union[bytes, None] = None,
    *,
    jinja_env: Union[SandboxedEnvironment, None] = None,  # one to reuse (bulk keeps one per worker)
    template_class: Union[type[DocxTemplate], None] = None,  # a subclass (bulk's caches its XML preparation)
    body_only: bool = False,
) -> bytes:
    """Render *report* as a .docx and return its bytes. Raises RenderError.

    *body_only*: 标题, 主送, 正文 and 落款 without the 版头 and the 版记, for an OA system that adds its own
    red header (一键套红). A custom template is code from a file: it renders in a worker process under a time
    and memory limit (render/sandbox.py)."""
    if template is not None and template != default_template_bytes():
        from .sandbox import TemplateLimitError, run_limited

        try:
            return run_limited(_render_docx_bytes, report, variant, fonts, template, jinja_env, template_class,
                               body_only)
        except TemplateLimitError as exc:
            raise RenderError("模板出错，无法生成文档", [Problem(str(exc), Place("模板"))]) from None
    return _render_docx_bytes(report, variant, fonts, template, jinja_env, template_class, body_only)


def _render_docx_bytes(
    report: Report,
    variant: Variant,
    fonts: FontProfile,
    template: Union[bytes, None],
    jinja_env: Union[SandboxedEnvironment, None],
    template_class: Union[type[DocxTemplate], None],
    body_only: bool = False,
) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from . import post
    from .quotes import full_width_quotes


    try:
        fonts = FontProfile(fonts)
    except ValueError:  # a library caller passing a word the CLI would have refused
        choices = "、".join(FontProfile)
        raise RenderError("未知的字体方案", [Problem(f"只能是：{choices}", Place("--fonts"))]) from None
    try:
        context = build_context(report, Variant(variant)).model_dump()
    except ValueError as exc:  # e.g. a fifth heading level from a caller that skipped validation
        raise RenderError("报告结构有误，无法生成文档", [Problem(str(exc), Place("parts"))]) from None
    if body_only:  # the 版头 is the template's ``formal`` block; the 版记 its ``imprint`` block
        context.update(formal=False, imprint=None, imprint_padding=0)
    template_class = template_class or DocxTemplate
    if template is not None:  # checked before every use, not only by load_custom_template
        from .template_package import usable

        template = usable(template)
    document = template_class(io.BytesIO(template if template is not None else default_template_bytes()))
    verify_paragraph_count(document)
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
    with post.one_pass(docx):  # the body's paragraphs read once for all passes
        post.apply_font_profile(docx, fonts)
        post.fit_mark(docx)
        post.place_signature(docx, sealed=bool(context["sealed"]))
        post.hang_attachments(docx)
        full_width_quotes(docx, fonts)
        post.keep_body_with_signature(docx)
    from .font_table import declare_fonts

    declare_fonts(docx)  # last: every font the steps above named is declared, for Word's and WPS's substitution
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
) -> list[Problem]:
    """Render *report* and write it atomically to *path*; return warnings. Raises FzbgError.

    The formal version's 版记 is moved to an even page through LibreOffice (render/imprint.py); the
    warnings say when that could not be checked.
    """
    check_output_path(path, force)  # fail before the work, not after it
    data, warnings = render_settled_docx(report, variant=variant, fonts=fonts, template=template)
    write_bytes_atomic(path, data, force=force)
    return warnings


def render_settled_docx(
    report: Report,
    variant: Variant = Variant.formal,
    fonts: FontProfile = FontProfile.gb2312,
    template: Union[bytes, None] = None,
    body_only: bool = False,
    pdfs: Union[dict[int, bytes], None] = None,
) -> tuple[bytes, list[Problem]]:
    """:func:`render_docx_bytes`, then the 版记 on an even page when the report asks for it (needs LibreOffice).

    *pdfs*, when given, receives at key 0 the PDF LibreOffice made of the returned .docx while measuring it,
    when it did (imprint.settle_imprints): ``render -o x.pdf`` then needs no second conversion."""
    from .imprint import settle_imprints

    data = render_docx_bytes(report, variant=variant, fonts=fonts, template=template, body_only=body_only)
    if Variant(variant) is not Variant.formal or body_only or not report.document.imprint_even_page:
        return data, []  # no 版记 to place, or single-sided printing
    # A caller that wants the PDF has B converted along with A: a second LibreOffice start costs more than
    # converting one more document in the first.
    return settle_imprints([data], pdfs=pdfs, speculate={0} if pdfs is not None else ())[0]
