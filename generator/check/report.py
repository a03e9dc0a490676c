"""Output of the checker: rich text grouped by part, or JSON with a stable schema (docs/check.md)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Optional, TextIO, TypedDict, Union

from ..display import field_text, place_text
from ..errors import ERROR, INFO, WARNING, Place, Problem, Severity
from ..model.paths import DataPath
from ..model.report import PART_KIND_LABELS
from ..model.vocabulary import Variant
from ..text.numbering import chinese_number
from .plain import Line, PlainConsole, plain_console

if TYPE_CHECKING:
    from rich.console import Console

    from ..model.report import Report
    from .coverage import CoverageRow

    Out = Union[Console, PlainConsole]

SCHEMA_VERSION = 1


class FixInfo(TypedDict):
    """What ``fzbg check --fix`` changed: the number of edits and the unified diff."""

    edits: int
    diff: str
LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
STYLES = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


def to_json(
    findings: list[Problem],
    file: Union[str, None] = None,
    variant: Variant = Variant.formal,
    coverage: Optional[list[CoverageRow]] = None,
    fix: Optional[FixInfo] = None,
) -> str:
    """The JSON document ``fzbg check --format json`` prints."""
    import json

    from . import count

    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "file": file,
        "variant": variant,
        "summary": count(findings),
        "findings": [finding_dict(f) for f in findings],
    }
    if coverage is not None:
        data["coverage"] = [coverage_dict(row) for row in coverage]
    if fix is not None:
        data["fix"] = fix
    return json.dumps(data, ensure_ascii=False, indent=2)


def finding_dict(finding: Problem) -> dict[str, Any]:
    """One finding in the JSON schema of docs/check.md."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "path": field_text(finding),
        "line": finding.line,
        "column": finding.column,
        "snippet": finding.snippet,
    }


def coverage_dict(row: CoverageRow) -> dict[str, Any]:
    return {
        "part": row.part,
        "heading": row.heading,
        "system": row.system,
        "covered": row.covered,
        "refs": list(row.refs),
        "keywords": list(row.keywords),
        "items": list(row.items),
    }


SAME_SHOWN = 20  # findings of one rule in one field printed one by one; the rest counted


def console(file: Optional[TextIO] = None) -> Out:
    """A console on stdout (looked up at call time, so captured output works): rich's, or where rich would print
    no styles (not a terminal) one that prints the same without importing rich (plain.py)."""
    return plain_console(file or sys.stdout)


def print_findings(
    findings: list[Problem],
    file: Union[str, None] = None,
    report: Optional[Report] = None,
    out: Optional[Out] = None,
) -> None:
    """Print findings grouped by part of the report, coloured by severity, then a summary line."""
    out = out or console()
    groups: dict[tuple[int, str], list[Problem]] = {}
    for finding in findings:
        groups.setdefault(group_of(finding.path, report), []).append(finding)
    for (_, title), members in sorted(groups.items(), key=lambda item: item[0][0]):
        out.print(Line(title, style="bold"))
        shown: dict[tuple[str, DataPath, Severity], int] = {}
        for finding in members:
            key = (finding.rule, finding.path, finding.severity)
            shown[key] = shown.get(key, 0) + 1
            if shown[key] > SAME_SHOWN:
                continue  # a run of 19,000 identical warnings: the first ones say it, the count says the rest
            out.print(_line(finding, file))
            if finding.snippet:
                out.print(Line("      " + finding.snippet, style="dim"))
        for (rule, _path, severity), count in shown.items():
            if count > SAME_SHOWN:
                label = LABELS.get(severity, severity)
                out.print(Line(f"  ……同一项中另有 {count - SAME_SHOWN} 个 {rule} {label}未逐条列出"
                               "（--format json 列出全部）", style="dim"))
        out.print()
    out.print(summary(findings))


def _line(finding: Problem, file: Union[str, None]) -> Line:
    if finding.line is not None:
        where = place_text(Place(file or "", finding.line, finding.column))
        if not file:
            where = where.lstrip(":")
    else:
        where = field_text(finding) or "全文"
    line = Line("  ")
    line.append(where, style="bold")
    line.append("  ")
    line.append(LABELS.get(finding.severity, finding.severity), style=STYLES.get(finding.severity, ""))
    line.append(f"  {finding.rule}  ", style="dim")
    line.append(finding.message)
    return line


def group_of(path: DataPath, report: Optional[Report] = None) -> tuple[int, str]:
    """(order, title) of the group a finding at data *path* is shown under."""
    head = path[0] if path else ""
    if head == "parts" and len(path) > 1 and isinstance(path[1], int):
        index = path[1]
        title = f"第{chinese_number(index + 1)}部分"
        if report is not None and index < len(report.parts):
            part = report.parts[index]
            title += f"：{part.heading or PART_KIND_LABELS[part.kind] + '（无标题）'}"
        return 10 + index, title
    if head in ("title", "agency", "document", "year", "framework", "closing", "title_form"):
        return 0, "版头、标题和落款"
    if head == "opening":
        return 1, "开头"
    if head == "parts":
        return 100_000, "全文结构和纲要对照"
    if head == "metrics":
        return 100_001, "数据（metrics）"
    return 100_002, "全文"


def summary(findings: list[Problem]) -> Line:
    from . import count

    totals = count(findings)
    if not findings:
        return Line("未发现问题。", style="green")
    text = Line(f"共 {totals[ERROR]} 个错误、{totals[WARNING]} 个警告、{totals[INFO]} 个提示。")
    if totals[ERROR]:
        text.append("请修改错误后再上报。", style="bold red")
    else:
        text.append("没有错误。", style="green")
    return text


def print_coverage(rows: list[CoverageRow], framework_name: str = "", out: Optional[Out] = None) -> None:
    """The framework coverage table of ``fzbg check --coverage``."""
    from rich.table import Table
    from rich.text import Text

    out = out or console()
    table = Table(title=f"纲要对照：{framework_name}" if framework_name else "纲要对照")
    table.add_column("部分", no_wrap=True)
    table.add_column("内容（八大体系）", overflow="fold", ratio=3)
    table.add_column("依据", overflow="fold", ratio=3)
    table.add_column("涉及条目", overflow="fold", ratio=2)
    table.add_column("状态", no_wrap=True)
    for row in rows:
        basis = []
        if row.refs:
            basis.append(f"引用{len(row.refs)}处")
        if row.keywords:
            basis.append("关键词：" + "、".join(row.keywords[:4]) + ("等" if len(row.keywords) > 4 else ""))
        items = "".join(f"（{chinese_number(int(i))}）" if i.isdigit() else i for i in row.items)
        status = Text("已涉及", style="green") if row.covered else Text("未涉及", style="yellow")
        table.add_row(row.part, row.system or row.heading, "；".join(basis), items, status)
    out.print(table)


def print_diff(diff: str, out: Optional[Out] = None) -> None:
    """A unified diff, with removed lines red and added lines green."""
    out = out or console()
    for line in diff.splitlines():
        style = ""
        if line.startswith("+") and not line.startswith("+++"):
            style = "green"
        elif line.startswith("-") and not line.startswith("---"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        out.print(Line(line, style=style))
