"""The check results of the review screen, by section of the report, each with the words it is about.

“（w.yaml 第 28 行）” four times says little to someone who never opened the file: findings are grouped
under the section they are in (发文机关, 公文信息, 开头段落, the part's heading), identical messages of one
section are said once with their count, and each shows the snippet it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import Problem
from ..text.numbering import sequence_mark

SECTION_NAMES = {"agency": "发文机关", "document": "公文信息", "year": "公文信息", "title": "标题",
                 "opening": "开头段落", "closing": "结束语", "metrics": "主要数据"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def section_of(problem: Problem, data: dict[str, Any]) -> str:
    """The section a finding belongs to, as the review screen names it."""
    path = problem.path
    if not path:
        return "全文"
    if path[0] == "parts" and len(path) > 1 and isinstance(path[1], int):
        parts = data.get("parts") or []
        part = parts[path[1]] if path[1] < len(parts) and isinstance(parts[path[1]], dict) else {}
        heading = part.get("heading")
        return f"{sequence_mark(1, path[1] + 1)}{heading}" if heading else f"第 {path[1] + 1} 部分"
    return SECTION_NAMES.get(str(path[0]), str(path[0]))


def grouped_lines(findings: Sequence[Problem], data: dict[str, Any], limit: int) -> tuple[list[tuple[str, str]], int]:
    """(text, style) lines: a heading per section, then its findings; and how many findings were left out."""
    groups: dict[str, dict[tuple[str, str], list[Problem]]] = {}
    for finding in findings:
        same = groups.setdefault(section_of(finding, data), {})
        same.setdefault((finding.severity, finding.message), []).append(finding)
    lines: list[tuple[str, str]] = []
    shown = 0
    for section, items in groups.items():
        if shown >= limit:
            break
        lines.append((f"  【{section}】", "note"))
        for (severity, message), found in items.items():
            if shown >= limit:
                break
            shown += len(found)
            count = f"（共 {len(found)} 处）" if len(found) > 1 else ""
            snippet = f"：“{found[0].snippet}”" if found[0].snippet else ""
            line = f"    {SEVERITY.get(severity, severity)}{count}：{message}{snippet}"
            if found[0].line:
                line += f"（第 {found[0].line} 行）"
            lines.append((line, "error" if severity == "error" else "note"))
    return lines, max(0, len(findings) - shown)
