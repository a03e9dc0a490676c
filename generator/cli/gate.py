"""The gate before a document is written: check errors stop ``render`` and ``bulk`` unless ``--draft``.

A user under a deadline sends what the tool produced, so the tool says "not yet" itself: the number of
errors, the first few with their place, and the command that lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import Problem
from ..model.vocabulary import Variant
from .exits import CommandExit

SHOWN = 5  # findings printed before the pointer to ``fzbg check``


def check_command(source: Path, variant: Variant) -> str:
    """The command line that lists every finding of *source*."""
    name = str(source)
    quoted = f'"{name}"' if any(c in name for c in " \t") else name
    return f"fzbg check {quoted} --variant {Variant(variant).value}"


def refuse_errors(findings: Sequence[Problem], source: Path, variant: Variant, draft: bool) -> None:
    """Raise CommandExit(1) after printing the errors of *findings*, unless *draft* (then only say so)."""
    from ..display import labelled
    from .console import say, tell

    errors = [f for f in findings if f.is_error]
    if not errors:
        return
    command = check_command(source, variant)
    if draft:
        say(f"检查发现 {len(errors)} 个错误；按 --draft 生成草稿，每页标注“草稿”，修改后请重新生成正式文档。")
        return
    tell(f"检查发现 {len(errors)} 个错误，未生成文档。前 {min(SHOWN, len(errors))} 个：")
    for problem in errors[:SHOWN]:
        tell(f"  {labelled(problem)}")
    more = f"其余 {len(errors) - SHOWN} 个及全部警告" if len(errors) > SHOWN else "全部问题"
    tell(f"{more}请运行：{command}")
    tell("修改后重新生成；确需先出内部讨论稿，可加 --draft（每页标注“草稿”）。")
    raise CommandExit(1)


def warnings_summary(findings: Sequence[Problem], source: Path, variant: Variant) -> str:
    """One line after writing: how many warnings the report still has and where to see them ("" if none)."""
    warnings = [f for f in findings if f.severity == "warning"]
    if not warnings:
        return ""
    return f"另有 {len(warnings)} 个警告（不影响生成，建议上报前处理），查看：{check_command(source, variant)}"
