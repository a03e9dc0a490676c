"""``fzbg new``: write the commented YAML skeleton of a report."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add ``fzbg new`` to *app*."""

    @app.command("new", help="生成一份带中文注释的报告数据文件（YAML）骨架，填好后即可 render。")
    def new_command(
        output: Path = typer.Option(..., "-o", "--output", help="要写入的 YAML 文件，如 report.yaml。"),
        force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
    ) -> None:
        from ..errors import Place, Problem, UsageError
        from ..write.atomic import write_text_atomic
        from ..write.skeleton import skeleton_yaml
        from .console import say

        if output.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError("输出文件应以 .yaml 结尾", [Problem("如 report.yaml（报告数据文件，不是公文本身）", Place(str(output)))])
        write_text_atomic(output, skeleton_yaml(), force=force)
        say(f"已生成 {output}。请用记事本或 WPS 打开填写，然后运行：fzbg render {output} -o 报告.docx")
