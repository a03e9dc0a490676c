"""``fzbg template``: export the default template, check an agency's own, list the variables it can use."""

from __future__ import annotations

from pathlib import Path

import typer

template_app = typer.Typer(
    name="template",
    help="本单位自己的 Word 模板：export 导出默认模板供修改，check 检查修改后的模板，variables 列出模板可用的变量。",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@template_app.command("export", help="导出默认模板（.docx），可在 Word 或 WPS 中修改红头、字体、页边距等。")
def export_command(
    output: Path = typer.Option(..., "-o", "--output", help="要写入的模板文件，如 我的模板.docx。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    from ..errors import UsageError
    from ..render.template_docs import export_default_template
    from .console import say

    if output.suffix.lower() != ".docx":
        raise UsageError(f"模板文件应以 .docx 结尾：{output}")
    export_default_template(output, force=force)
    say(
        f"已导出默认模板到 {output}。\n"
        "可在 Word 或 WPS 中修改版式；{{ }} 和 {% %} 中的内容是模板变量，请勿改动"
        "（变量说明：fzbg template variables）。\n"
        f"修改后先检查：fzbg template check {output}\n"
        f"再使用：fzbg render 报告.yaml -o 报告.docx --template {output}"
    )


@template_app.command("check", help="检查自己的模板：文件是否完好、模板语法、是否使用了不存在的变量。")
def check_command(
    template: Path = typer.Argument(..., help="要检查的模板（.docx）。"),
) -> None:
    from ..render.custom_template import load_custom_template
    from .console import print_problems, say

    data, warnings = load_custom_template(template)  # raises DataError with the problems
    from ..errors import ERROR, DataError
    from ..render.custom_template import style_warnings
    from ..render.trial import trial_render_problems

    # a style role that cannot be found is only a warning when rendering, but a template check does not pass it
    problems = style_warnings(data, template.name, severity=ERROR)
    problems += trial_render_problems(data, template.name)  # under the same limits as a real render
    warnings = [w for w in warnings if w.place.part != "word/styles.xml"]
    if problems:
        raise DataError("模板有误，请在 Word 或 WPS 中按下列位置修改", problems)
    print_problems(warnings)
    say(f"模板 {template} 检查通过，可以使用：fzbg render 报告.yaml -o 报告.docx --template {template}")


@template_app.command("variables", help="列出模板可以使用的全部变量及其含义。")
def variables_command() -> None:
    from ..render.template_docs import variables_markdown
    from .console import say

    say(variables_markdown())


def register(app: typer.Typer) -> None:
    """Add the ``template`` command group to *app*."""
    app.add_typer(template_app, name="template")
