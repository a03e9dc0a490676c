"""``fzbg render``: a report YAML → a GB/T 9704 document."""

from __future__ import annotations

from pathlib import Path

import typer

VARIANT_HELP = "版本：formal（正式上报版，含红头、发文字号、签发人、版记）或 public（网站公开版）。"
FONTS_HELP = "字体方案：gb2312（仿宋_GB2312 等）或 windows（仿宋、楷体等 Windows 自带字体）。"


def register(app: typer.Typer) -> None:
    @app.command("render", help="把报告数据文件（YAML）生成为符合 GB/T 9704 的 .docx 公文。")
    def render_command(
        source: Path = typer.Argument(..., help="报告数据文件（YAML）。"),
        output: Path = typer.Option(..., "-o", "--output", help="输出文件，如 报告.docx。"),
        variant: str = typer.Option("formal", "--variant", help=VARIANT_HELP),
        fonts: str = typer.Option("gb2312", "--fonts", help=FONTS_HELP),
        force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    ) -> None:
        from .api import load_report
        from .cli import print_problems, say
        from .errors import UsageError
        from .fonts import FONT_PROFILES
        from .render import render_to_file

        if variant not in ("formal", "public"):
            raise UsageError(f"--variant 只能是 formal 或 public，而不是“{variant}”")
        if fonts not in FONT_PROFILES:
            raise UsageError(f"--fonts 只能是 {'、'.join(FONT_PROFILES)}，而不是“{fonts}”")
        if output.suffix.lower() != ".docx":
            raise UsageError(f"输出文件应以 .docx 结尾：{output}")
        report, warnings = load_report(source)
        print_problems(warnings)
        print_problems(render_to_file(report, output, variant=variant, fonts=fonts, force=force))
        say(f"已生成 {output}（{'正式上报版' if variant == 'formal' else '公开版'}）")
