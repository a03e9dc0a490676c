"""The library surface: what the CLI calls, and what tests and other tools can call directly."""

from __future__ import annotations

from pathlib import Path

from .errors import DataError, Problem
from .framework import load_framework
from .load import read_yaml
from .models import Report, Section
from .validate import report_from_yaml


def load_report(path: str | Path) -> tuple[Report, list[Problem]]:
    """Read and validate a report YAML file. Returns the report and warnings; raises DataError."""
    doc = read_yaml(path)
    report, warnings = report_from_yaml(doc)
    problems = check_references(report, lambda p: doc.place(p))
    if problems:
        raise DataError("数据有误，请按下列位置修改", problems)
    return report, warnings


def check_references(report: Report, place) -> list[Problem]:  # noqa: ANN001 - place: path -> str
    """Check that the framework exists and every ``refs`` entry names one of its parts or items."""
    try:
        framework = load_framework(report.framework)
    except DataError as exc:
        return [Problem(place(("framework",)), "framework", exc.problems[0].message)]
    problems = []

    def walk(blocks: list, path: tuple) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, Section):
                refs_of(block.refs, path + (i,))
                walk(block.content, path + (i, "content"))

    def refs_of(refs: list[str], path: tuple) -> None:
        for j, ref in enumerate(refs):
            if framework.find(ref) is None:
                problems.append(
                    Problem(place(path + ("refs", j)), ".".join(map(str, path + ("refs", j))),
                            f"纲要“{framework.name}”中没有“{ref}”（部分写 一…十，条目写 1…35 或（二十三））")
                )

    for i, part in enumerate(report.parts):
        refs_of(part.refs, ("parts", i))
        walk(part.content, ("parts", i, "content"))
    return problems
