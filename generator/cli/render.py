"""``fzbg render``: a report YAML → a GB/T 9704 document: .docx, .pdf (through LibreOffice) or .html.

The format follows the suffix of ``-o``. ``--template`` takes an agency's own .docx template (checked
first, see render/custom_template.py); ``--fonts`` chooses the font profile on every path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..model.vocabulary import FontProfile, OutputFormat, Variant

VARIANT_HELP = (
    "版本：formal（正式上报版，含红头、发文字号、签发人、版记）或 public（网站公开版）。"
    "默认：.docx 和 .pdf 为 formal，.html 为 public。"
)
FONTS_HELP = "字体方案：gb2312（仿宋_GB2312 等）或 windows（仿宋、楷体等 Windows 自带字体）。"
TEMPLATE_HELP = "使用本单位自己的 Word 模板（先用 fzbg template export 导出默认模板再修改）；只用于 .docx 和 .pdf。"


def register(app: typer.Typer) -> None:
    """Add ``fzbg render`` to *app*."""

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
    ) -> None:
        run(source, output, variant, fonts, template, force)


def run(
    source: Path,
    output: Path,
    variant: Optional[Variant] = None,
    fonts: FontProfile = FontProfile.gb2312,
    template: Optional[Path] = None,
    force: bool = False,
) -> None:
    """The command's work: check the options, load the report (and template), write *output*."""
    from ..api import load_report
    from ..errors import WARNING, Place, Problem, UsageError
    from .console import print_problems, say

    fmt = OutputFormat.of(output.suffix)
    if fmt is None:
        raise UsageError(f"输出文件应以 .docx、.pdf 或 .html 结尾：{output}")
    if fmt is OutputFormat.html and template is not None:
        raise UsageError("网页（.html）不使用 Word 模板：--template 只用于 .docx 和 .pdf")
    report, warnings = load_report(source)
    # the report says which version it is; a web page is the public one
    chosen = Variant(variant or fmt.default_variant or report.variant)
    template_bytes = None
    if template is not None:
        from ..render.custom_template import load_custom_template

        template_bytes, template_warnings = load_custom_template(template)
        warnings = warnings + template_warnings
    print_problems(warnings)
    name = chosen.label
    if fmt is OutputFormat.docx:
        from ..render.docx import render_to_file

        print_problems(  # the formal 版记's even page needs LibreOffice: a warning when it is absent
            render_to_file(report, output, variant=chosen, fonts=fonts, force=force, template=template_bytes)
        )
        say(f"已生成 {output}（{name}）")
    elif fmt is OutputFormat.pdf:
        from ..render.pdf import render_pdf_to_file

        print_problems(
            render_pdf_to_file(report, output, variant=chosen, fonts=fonts, force=force, template=template_bytes)
        )
        say(f"已生成 {output}（{name}，PDF）")
    else:
        from ..render.html import render_html
        from ..write.atomic import check_output_path, write_text_atomic

        check_output_path(output, force)
        if chosen is Variant.formal:
            print_problems([Problem(
                "网页一般用于政府网站公开；正式上报版含发文字号、签发人、主送机关和版记，公开发布请用 --variant public",
                Place(str(output)), severity=WARNING,
            )])
        write_text_atomic(output, render_html(report, chosen, fonts=fonts), force=force)
        say(f"已生成 {output}（{name}网页，单个文件，可直接上传到网站）")
