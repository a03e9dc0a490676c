"""``fzbg check``: validate a report file (the full compliance checker builds on this)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("check", help="检查报告数据文件：字段是否齐全、格式是否正确。")
    def check_command(
        source: Path = typer.Argument(..., help="报告数据文件（YAML）。"),
    ) -> None:
        from .api import load_report
        from .cli import print_problems, say

        _report, warnings = load_report(source)
        print_problems(warnings)
        say(f"{source}：数据格式正确。")
