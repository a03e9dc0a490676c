"""``fzbg import``: last year's report (.docx, or text copied from a web page) → report data (YAML)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add ``fzbg import`` to *app*."""

    @app.command(
        "import",
        help="把已有的报告（Word/WPS 的 .docx，或从网页复制保存的 .txt）转成报告数据文件（YAML），"
        "可据此修改、生成新报告。",
    )
    def import_command(
        source: Path = typer.Argument(..., help="已有的报告：.docx 或 .txt 文件。"),
        output: Path = typer.Option(..., "-o", "--output", help="要写入的 YAML 文件，如 report.yaml。"),
        year: Optional[int] = typer.Option(None, "--year", help="报告年度，如 2024（标题中没有年度时使用）。"),
        next_year: bool = typer.Option(
            False, "--next-year", help="生成下一年度的草稿：年度加一、日期清空、数据转为上年数值、列出上年的工作安排。"
        ),
        force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    ) -> None:
        from ..api import import_report
        from ..errors import UsageError
        from ..importer import next_year_draft, result_yaml, summarise
        from ..write.atomic import check_output_path, write_text_atomic
        from .console import say

        if output.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"输出文件应以 .yaml 结尾：{output}")
        if year is not None and not 2000 <= year <= 2100:
            raise UsageError(f"--year 应是 2000 到 2100 之间的年份，而不是 {year}")
        check_output_path(output, force)  # fail before the work, not after it
        result = import_report(source, year=year)
        if next_year:
            result = next_year_draft(result)
        write_text_atomic(output, result_yaml(result), force=force)
        report = result.report
        what = f"{report.year}年度报告草稿" if next_year else f"{report.year}年度"
        say(f"已把 {source} 导入为 {output}（{what}，{len(report.parts)} 个部分）。")
        say("导入时所做的处理（最后的“核对”一项是生成的报告与原文逐字比对的结果）：")
        for line in summarise(result.notes, result.source.unit):
            say("  " + line)
        if result.suggestions and not next_year:
            say(f"识别到 {len(result.suggestions)} 项数据，已作为注释写在 {output} 末尾，核对后可启用。")
        say(f"下一步：用记事本或 WPS 打开 {output} 核对，然后运行 fzbg render {output} -o 报告.docx")
