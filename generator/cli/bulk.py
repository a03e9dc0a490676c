"""``fzbg bulk``: one report per sub-bureau from a common BASE.yaml and a table or folder of values."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from ..display import place_text
from ..model.vocabulary import FontProfile, OutputFormat, Variant

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ..bulk import BulkOptions, BulkResult, Outcome, Reporter

HELP = (
    "批量生成下属单位报告：以 BASE.yaml 为共同文本，DATA（.xlsx、.csv 或各单位 YAML 所在文件夹）中每个单位生成一份。"
    "先校验全部单位再生成；输出文件夹中另写 汇总.xlsx（各单位主要数据及合计）和 errors.csv（有失败时）。"
    "列名说明见 docs/bulk.md。"
)


def register(app: typer.Typer) -> None:
    @app.command("bulk", help=HELP)
    def bulk_command(
        base: Path = typer.Argument(..., help="基础报告（YAML），文字中可用 {{ 简称 }} 等占位符。"),
        data: Path = typer.Argument(..., help="各单位数据：.xlsx（第一个工作表）、.csv，或存放各单位 YAML 的文件夹。"),
        outdir: Path = typer.Option(..., "-o", "--outdir", help="输出文件夹（不存在时自动创建）。"),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=64, help="同时生成的进程数（一般不超过 CPU 核数）。"),
        variant: Optional[Variant] = typer.Option(
            None, "--variant", show_default=False,
            help="版本：formal（正式上报版）或 public（网站公开版）；默认按基础报告中的 variant（未写为 formal，网页为 public）。",
        ),
        fonts: FontProfile = typer.Option(FontProfile.gb2312, "--fonts", help="字体方案：gb2312 或 windows。"),
        fmt: OutputFormat = typer.Option(OutputFormat.docx, "--format", help="输出格式：docx、pdf 或 html。"),
        dry_run: bool = typer.Option(False, "--dry-run", help="只校验数据并逐个单位检查内容，不生成任何文件。"),
        fail_fast: bool = typer.Option(False, "--fail-fast", help="遇到第一个有问题的单位就停止。"),
        force: bool = typer.Option(False, "--force", help="覆盖输出文件夹中已存在的同名文件。"),
        draft: bool = typer.Option(
            False, "--draft", help="内容检查有错误的单位也生成，每页页眉标注“草稿”，不得作为正式文件报送。"
        ),
        template: Optional[Path] = typer.Option(
            None, "--template", help="本单位自己的 Word 模板（先用 fzbg template export 导出再修改）。"
        ),
    ) -> None:
        from ..bulk import BulkOptions, run_bulk
        from ..errors import UsageError
        from .console import print_problems, say

        template_bytes = None
        if template is not None:
            if fmt is OutputFormat.html:
                raise UsageError("网页（html）不使用 Word 模板：--template 只用于 docx 和 pdf")
            from ..render.custom_template import load_custom_template

            template_bytes, template_warnings = load_custom_template(template)
            print_problems(template_warnings)
        options = BulkOptions(base=base, data=data, outdir=outdir, jobs=jobs, variant=variant, fonts=fonts,
                              format=fmt, dry_run=dry_run, fail_fast=fail_fast, force=force, template=template_bytes,
                              draft=draft)
        reporter = _reporter()
        result = run_bulk(options, reporter)
        print_problems(result.problems)
        for note in result.notes:
            say(note)
        say(_summary_line(result, options))
        for line in _check_lines(result, options):
            say(line)
        if result.summary_path:
            say(f"汇总表：{result.summary_path}")
        if result.errors_path:
            say(f"问题清单：{result.errors_path}")
        if result.exit_code:
            raise typer.Exit(result.exit_code)


def _summary_line(result: BulkResult, options: BulkOptions) -> str:
    total = len(result.outcomes)
    if options.dry_run:
        return f"检查完成：共 {total} 个单位，{result.succeeded} 个通过，{result.failed} 个有问题（未生成文件）。"
    return f"完成：共 {total} 个单位，成功 {result.succeeded} 个，失败或未处理 {result.failed} 个；输出在 {options.outdir}"


def _check_lines(result: BulkResult, options: BulkOptions) -> list[str]:
    """What the content check held back, and the command that lists every finding."""
    from ..bulk.models import Status

    lines = []
    command = f"fzbg bulk {options.base} {options.data} -o {options.outdir} --dry-run"
    refused = sum(1 for o in result.outcomes if o.status is Status.check_failed)
    if refused and not options.dry_run:
        lines.append(f"{refused} 个单位内容检查有错误，未生成（见上方列出的位置）。修改后重新运行；"
                     "确需先出内部讨论稿，可加 --draft（每页标注“草稿”）。")
    if options.draft and not options.dry_run:
        lines.append("按 --draft 生成：每份文档每页页眉标注“草稿”，不得作为正式文件报送。")
    if result.check_warnings and not options.dry_run:
        lines.append(f"另有 {result.check_warnings} 个内容检查警告（不影响生成），查看全部：{command}")
    elif refused and not options.dry_run:
        lines.append(f"查看全部问题：{command}")
    return lines


def _reporter() -> Reporter:
    if sys.stdout.isatty():
        return RichReporter()
    return PlainReporter()


class PlainReporter:
    """One line per bureau: for logs, pipes and IDE consoles."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        if total:
            print(f"开始生成 {total} 份报告……", flush=True)

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        tail = f"：{outcome.error}" if outcome.error else ""
        print(f"[{self.done}/{self.total}] {outcome.status.value} {outcome.file_name or outcome.name}{tail}", flush=True)

    def stop(self) -> None:
        pass


class RichReporter:
    """A rich progress bar; failures are printed above it as they happen."""

    def __init__(self, console: Optional[Console] = None) -> None:
        self.console = console
        self.progress: Optional[Progress] = None
        self.task: Optional[TaskID] = None

    def start(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        if not total:
            return
        self.progress = Progress(
            TextColumn("生成报告"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn(),
            console=self.console,
        )
        self.progress.start()
        self.task = self.progress.add_task("bulk", total=total)

    def advance(self, outcome: Outcome) -> None:
        if self.progress is None:
            return
        if outcome.failed:
            from rich.markup import escape

            text = escape(f"{place_text(outcome.place)} {outcome.name}：{outcome.error}")
            self.progress.console.print(f"[red]失败[/red] {text}", highlight=False)
        assert self.task is not None  # start() sets it with the progress bar
        self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
