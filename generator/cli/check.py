"""``fzbg check``: validate a report file, then review it as a 法制部门 reviewer would (generator.check)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..model.vocabulary import Choice, FontProfile, Variant

if TYPE_CHECKING:
    import typer


class ReportFormat(Choice):
    """How ``fzbg check`` prints its findings."""

    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    import typer  # here, not at the top: check and render run without typer (cli/fast.py)

    @app.command(
        "check",
        help="检查报告数据文件：先校验字段和格式，再按《法治政府建设与责任落实督察工作规定》《党政机关公文处理工作条例》"
        "GB/T 9704、GB/T 15834（标点）和 GB/T 15835（数字）逐项审查。有错误时退出码为 1，只有警告时为 0。",
    )
    def check_command(
        source: Path = typer.Argument(..., help="报告数据文件（YAML）。"),
        output_format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="输出格式：text（分部分显示）或 json（供其他程序读取）。"),
        fix: bool = typer.Option(
            False, "--fix",
            help="自动修正安全的问题（中文语境中的半角标点、发文字号的六角括号、全角数字），保留注释和排版，并显示改动。",
        ),
        variant: Optional[Variant] = typer.Option(
            None, "--variant", show_default=False, help="按哪个版本检查：formal（正式上报版，须有发文字号、签发人、主送机关）或 public（公开版）。"
        ),
        show_coverage: bool = typer.Option(False, "--coverage", help="显示报告对照纲要各部分、八大体系的情况。"),
        last_year: Optional[Path] = typer.Option(
            None, "--last-year", show_default=False,
            help="上年度的报告（YAML、.docx 或 .txt）：找出与上年相同的句子，相同的占比过高时给出警告。",
        ),
        fonts: FontProfile = typer.Option(
            FontProfile.gb2312, "--fonts",
            help="生成时用的字体方案：gb2312（仿宋_GB2312 等，检查 GB2312 以外的字）或 windows（仿宋、楷体等）。",
        ),
    ) -> None:
        run(source, output_format, fix, variant, show_coverage, last_year, fonts)


def run(source: Path, output_format: ReportFormat, fix: bool, variant: Optional[Variant], show_coverage: bool,
        last_year: Optional[Path] = None, fonts: FontProfile = FontProfile.gb2312) -> None:
    """The command's work; raises CommandExit(1) when there are errors."""
    from ..check import check_file, has_errors, validation_findings
    from ..check import report as out
    from ..check.coverage import coverage
    from ..errors import DataError, Problem
    from ..load.framework import load_framework
    from .exits import CommandExit

    json_output = output_format is ReportFormat.json
    name = str(source)
    fix_info: Optional[out.FixInfo] = None
    try:
        if fix:
            from ..check.fix import fix_file

            result = fix_file(source)
            fix_info = {"edits": result.edits, "diff": result.diff(name)}
        checked = check_file(source, variant, last_year, fonts)
        variant = checked.variant
    except DataError as exc:
        if not json_output:
            raise
        findings = validation_findings(exc.problems) or [Problem(exc.message, rule="V")]
        print(out.to_json(findings, name, variant or Variant.formal, fix=fix_info))
        raise CommandExit(1) from None
    rows = coverage(checked.report) if show_coverage else None
    if json_output:
        print(out.to_json(checked.findings, name, variant, rows, fix_info))
    else:
        console = out.console()
        if fix_info is not None:
            if fix_info["edits"]:
                out.print_diff(fix_info["diff"], console)
                console.print(f"已自动修正 {fix_info['edits']} 处，并保存到 {name}。\n")
            else:
                console.print("没有可以自动修正的问题。\n")
        out.print_findings(checked.findings, name, checked.report, console)
        if rows is not None:
            console.print()
            out.print_coverage(rows, load_framework(checked.report.framework).name, console)
    if has_errors(checked.findings):
        raise CommandExit(1)

