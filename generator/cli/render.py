"""``fzbg render``: a report YAML → a GB/T 9704 document: .docx, .pdf (through LibreOffice) or .html.

The format follows the suffix of ``-o``. ``--template`` takes an agency's own .docx template (checked
first, see render/custom_template.py); ``--fonts`` chooses the font profile on every path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..model.vocabulary import FontProfile, OutputFormat, Variant

if TYPE_CHECKING:
    import typer

VARIANT_HELP = (
    "版本：formal（正式上报版，含红头、发文字号、签发人、版记）或 public（网站公开版）。"
    "默认：.docx 和 .pdf 为 formal，.html 为 public。"
)
FONTS_HELP = "字体方案：gb2312（仿宋_GB2312 等）或 windows（仿宋、楷体等 Windows 自带字体）。"
DRAFT_HELP = "检查有错误时仍然生成，供内部修改讨论；每页页眉标注“草稿”，不得作为正式文件报送。"
BODY_ONLY_HELP = ("只生成标题、主送机关、正文和落款（不含版头和版记），供 OA 系统“一键套红”时加上本单位的红头；"
                  "只用于 .docx。")
TEMPLATE_HELP = "使用本单位自己的 Word 模板（先用 fzbg template export 导出默认模板再修改）；只用于 .docx 和 .pdf。"


def register(app: typer.Typer) -> None:
    """Add ``fzbg render`` to *app*."""
    import typer  # here, not at the top: check and render run without typer (cli/fast.py)


    @app.command(
        "render",
        help="把报告数据文件（YAML）生成为符合 GB/T 9704 的公文。按 -o 的扩展名输出 .docx、.pdf（需要 LibreOffice）"
        "或 .html（供政府网站发布的单个网页）。",
    )
    def render_command(
        source: Path = typer.Argument(..., help="报告数据文件（YAML）。"),
        output: Path = typer.Option(..., "-o", "--output", help="输出文件，如 报告.docx、报告.pdf 或 公开版.html。"),
        variant: Optional[Variant] = typer.Option(None, "--variant", help=VARIANT_HELP, show_default=False),
        fonts: FontProfile = typer.Option(FontProfile.gb2312, "--fonts", help=FONTS_HELP),
        template: Optional[Path] = typer.Option(None, "--template", help=TEMPLATE_HELP, show_default=False),
        force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
        draft: bool = typer.Option(False, "--draft", help=DRAFT_HELP),
        body_only: bool = typer.Option(False, "--body-only", help=BODY_ONLY_HELP),
    ) -> None:
        run(source, output, variant, fonts, template, force, draft, body_only)


def run(
    source: Path,
    output: Path,
    variant: Optional[Variant] = None,
    fonts: FontProfile = FontProfile.gb2312,
    template: Optional[Path] = None,
    force: bool = False,
    draft: bool = False,
    body_only: bool = False,
) -> None:
    """The command's work: check the options, load and check the report (and template), write *output*.

    A report with check errors is refused (exit 1, nothing written) unless *draft*; a draft is marked
    草稿 on every page.
    """
    from ..check import check_file
    from ..errors import WARNING, Place, Problem, UsageError
    from .console import print_problems, say, tell
    from .gate import refuse_errors, warnings_summary

    fmt = OutputFormat.of(output.suffix)
    if fmt is None:
        raise UsageError(f"输出文件应以 .docx、.pdf 或 .html 结尾：{output}")
    if body_only and fmt is not OutputFormat.docx:
        raise UsageError(f"--body-only 只用于 .docx（供 OA 系统套红）：{output}")
    if fmt is OutputFormat.html and template is not None:
        raise UsageError("网页（.html）不使用 Word 模板：--template 只用于 .docx 和 .pdf")
    checked = check_file(source, variant or fmt.default_variant)
    report, chosen = checked.report, checked.variant  # a web page is the public one unless --variant
    # validation warnings (characters removed, encoding guessed) are shown one by one as before
    warnings: list[Problem] = [f for f in checked.findings if f.rule == "V" and not f.is_error]
    refuse_errors(checked.findings, source, chosen, draft)
    template_bytes = None
    if template is not None:
        from ..render.custom_template import load_custom_template

        template_bytes, template_warnings = load_custom_template(template)
        warnings = warnings + template_warnings
    print_problems(warnings)
    name = chosen.label
    mark = ("，仅正文" if body_only else "") + ("，草稿" if draft else "")
    if fmt is OutputFormat.docx:
        from ..render.docx import render_settled_docx
        from ..write.atomic import check_output_path, write_bytes_atomic

        check_output_path(output, force)
        # the formal 版记's even page needs LibreOffice: a warning when it is absent
        data, render_warnings = render_settled_docx(report, variant=chosen, fonts=fonts, template=template_bytes,
                                                    body_only=body_only)
        if draft:
            from ..render.draft_mark import mark_docx

            data = mark_docx(data)
        write_bytes_atomic(output, data, force=force)
        print_problems(render_warnings)
        say(f"已生成 {output}（{name}{mark}）")
    elif fmt is OutputFormat.pdf:
        from ..render.pdf import render_pdf_to_file

        print_problems(
            render_pdf_to_file(report, output, variant=chosen, fonts=fonts, force=force, template=template_bytes,
                               draft=draft)
        )
        say(f"已生成 {output}（{name}，PDF{mark}）")
    else:
        from ..render.html import render_html
        from ..write.atomic import check_output_path, write_text_atomic

        check_output_path(output, force)
        if chosen is Variant.formal:
            print_problems([Problem(
                "网页一般用于政府网站公开；正式上报版含发文字号、签发人、主送机关和版记，公开发布请用 --variant public",
                Place(str(output)), severity=WARNING,
            )])
        page = render_html(report, chosen, fonts=fonts)
        if draft:
            from ..render.draft_mark import mark_html

            page = mark_html(page)
        write_text_atomic(output, page, force=force)
        say(f"已生成 {output}（{name}网页{mark}，单个文件，可直接上传到网站）")
    summary = warnings_summary([f for f in checked.findings if f.rule != "V"], source, chosen)
    if summary:
        tell(summary)
