"""The compliance checker: what a 法制部门 reviewer would send back, found before rendering.

Rule families (docs/check.md lists every rule):

- content.py      规定 items, 【待填写】, 请示事项, hand-typed numbers, section levels
- fields.py       发文字号, 成文日期, 标题, 主送, 签发人, 附件, 抄送 (GB/T 9704, 条例)
- punctuation.py  GB/T 15834 (P1–P10)      numbers.py  GB/T 15835 (N1–N9)
- consistency.py  figures against the text (零败诉, rates, 同比)
- coverage.py     the framework parts and the eight 体系 the report addresses
- fix.py          safe fixes on the YAML text;  report.py  text and JSON output

Use :func:`run_checks` on a validated report, :func:`check_text` on any string.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

from ..errors import DataError, Problem
from ..load.yaml_file import YamlDocument
from ..model.report import Report
from . import numbers, punctuation
from .base import ERROR, INFO, SEVERITIES, WARNING, Finding, Hit, line_column, line_starts, snippet
from .engine import Context, collect

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITIES",
    "WARNING",
    "CheckedFile",
    "Finding",
    "Hit",
    "check_file",
    "check_text",
    "count",
    "has_errors",
    "problem_finding",
    "run_checks",
]

_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def run_checks(report: Report, doc: Union[YamlDocument, None] = None, variant: str = "formal") -> list[Finding]:
    """Check a validated *report*; with *doc* (the YAML it came from) findings carry line and column.

    *variant* is "formal" (正式上报版: 发文字号, 签发人, 主送 required) or "public" (公开版).
    Findings come in file order when there is a file, else in document order.
    """
    if variant not in ("formal", "public"):
        raise ValueError(f"unknown variant {variant!r}")
    ctx = Context(report, doc, variant)
    findings = _unique([ctx.finding(item) for item in collect(ctx)])
    if doc is not None:
        findings.sort(key=lambda f: (f.line or 0, f.column or 0, _ORDER.get(f.severity, 3)))
    return findings


def check_text(text: str) -> list[Finding]:
    """The punctuation (P) and number (N) rules on a bare string; line and column are inside *text*."""
    hits = punctuation.check(text) + numbers.check(text)
    styles = punctuation.range_styles(text)
    if len(styles) == 2:
        hits.append(punctuation.mixed_range_hit(max(styles.values())))
    hits.sort(key=lambda h: (h.start or 0, _ORDER.get(h.severity, 3)))
    starts = line_starts(text)
    findings = []
    for hit in hits:
        line, column = line_column(starts, hit.start or 0)
        findings.append(Finding(hit.rule, hit.severity, hit.message, "", line, column,
                                snippet(text, hit.start, hit.end)))
    return findings


@dataclass(frozen=True)
class CheckedFile:
    """A report file after validation and checking."""

    report: Report
    doc: YamlDocument
    findings: list[Finding]
    variant: str = "formal"  # the version checked: --variant, else the report's own


def check_file(path: Union[str, Path], variant: Union[str, None] = None) -> CheckedFile:
    """Validate the YAML file at *path*, then check it. Raises DataError when it does not validate.

    Validation warnings (encoding, control characters) come first among the findings, as rule "V".
    """
    from ..load.yaml_file import read_yaml
    from ..validate.messages import report_from_yaml
    from ..validate.structure import check_report

    doc = read_yaml(path)
    report, warnings = report_from_yaml(doc)
    problems = check_report(report, doc.place)
    if problems:
        raise DataError("数据有误，请按下列位置修改", problems)
    variant = variant or report.variant  # the report's own default unless --variant says otherwise
    findings = [problem_finding(p) for p in warnings] + run_checks(report, doc, variant)
    return CheckedFile(report, doc, findings, variant)


def problem_finding(problem: Problem) -> Finding:
    """A validation problem (``file:line:col`` place) as a finding of rule "V"."""
    line = column = None
    parts = problem.place.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        line, column = int(parts[1]), int(parts[2])
    severity = WARNING if problem.severity == "warning" else ERROR
    return Finding("V", severity, problem.message, problem.field, line, column, "")


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error (``fzbg check`` then exits 1)."""
    return any(f.severity == ERROR for f in findings)


def count(findings: list[Finding]) -> dict[str, int]:
    """Number of findings per severity: {"error": n, "warning": n, "info": n}."""
    totals = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        totals[finding.severity] = totals.get(finding.severity, 0) + 1
    return totals


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))

