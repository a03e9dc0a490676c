"""``fzbg wizard``: the guided terminal wizard (the wizard itself lives in :mod:`generator.wizard`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

NOT_A_TERMINAL = (
    "填报向导需要在命令行窗口中一问一答地使用，但现在的输入或输出不是终端（例如被管道或文件重定向）。\n"
    "不用向导也可以填写报告：\n"
    "  1. 运行 fzbg new -o report.yaml，生成带中文说明的数据文件；\n"
    "  2. 用记事本或 WPS 填写后，运行 fzbg render report.yaml -o 报告.docx 生成公文。"
)


def register(app: typer.Typer) -> None:
    @app.command("wizard", help="填报向导：在命令行窗口中逐项回答问题，每答一题自动保存，最后生成公文。")
    def wizard_command(
        output: Path = typer.Option(
            ..., "-o", "--output", help="保存答案的报告数据文件（YAML），如 report.yaml；文件已存在则接着上次继续填写。"
        ),
        source: Optional[Path] = typer.Option(
            None, "--from", help="上一年度的报告数据文件：预先填好机关信息、标题，并把去年的数据作为上年数值。"
        ),
    ) -> None:
        from ..errors import UsageError
        from .console import say

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(NOT_A_TERMINAL)
        if output.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"答案要保存为 YAML 文件，文件名应以 .yaml 结尾，如 report.yaml（而不是“{output}”）")
        if source is not None and source.resolve() == output.resolve():
            raise UsageError("--from 是上一年度的文件，-o 是今年要写的新文件，两者不能是同一个文件")

        from ..wizard import run_wizard

        outcome = run_wizard(output, source)
        again = f"fzbg wizard -o {_quoted(str(output))}"
        if source is not None:
            again += f" --from {_quoted(str(source))}"
        if outcome.interrupted:
            say(f"\n已中断。已填写的内容都保存在：{output.resolve()}")
            say(f"继续填写请运行：{again}")
            raise typer.Exit(130)
        say(f"已保存在：{output.resolve()}")
        say(f"以后修改可再运行：{again}；生成公文：fzbg render {_quoted(str(output))} -o 报告.docx")


def _quoted(path: str) -> str:
    """A path as typed in a command line (double quotes work in cmd, PowerShell and bash alike)."""
    return f'"{path}"' if any(ch.isspace() for ch in path) else path
