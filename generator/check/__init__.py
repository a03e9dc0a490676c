"""The compliance checker: what a 法制部门 reviewer would send back, found before rendering.

Rule families (docs/check.md lists every rule):

- content.py      规定 items, 【待填写】, 请示事项, hand-typed numbers, section levels
- fields.py       发文字号, 成文日期, 标题, 主送, 签发人, 附件, 抄送 (GB/T 9704, 条例)
- punctuation.py  GB/T 15834 (P1–P10)      numbers.py  GB/T 15835 (N1–N9)
- consistency.py  figures against the text (零败诉, rates, 同比)
- coverage.py     the framework parts and the eight 体系 the report addresses
- shortcomings.py, substance.py, formulas.py, privacy.py, copying.py, policy.py, glyphs.py: what the
  third-party evaluators score (E-… rules; word lists and thresholds in data/*.yaml)
- context.py      the shared rule context;  engine.py  runs the families and locates their hits
- fix.py          safe fixes on the YAML text;  report.py  text and JSON output

Use :func:`run_checks` on a validated report, :func:`check_text` on any string.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Union

from ..errors import ERROR, INFO, SEVERITIES, WARNING, Place, Problem, has_errors
from ..load.yaml_file import YamlDocument, read_yaml
from ..model.report import Report
from ..model.vocabulary import FontProfile, Variant
from ..validate import validate_document
from . import numbers, punctuation
from .base import Hit, line_column, line_starts, snippet
from .context import Context
from .copying import Earlier, load_earlier
from .engine import collect

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITIES",
    "WARNING",
    "CheckedFile",
    "Hit",
    "check_file",
    "check_text",
    "count",
    "has_errors",
    "run_checks",
    "validation_findings",
]

_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def run_checks(report: Report, doc: Union[YamlDocument, None] = None,
               variant: Variant = Variant.formal, last_year: Union[Earlier, None] = None,
               fonts: FontProfile = FontProfile.gb2312) -> list[Problem]:
    """Check a validated *report*; with *doc* (the YAML it came from) findings carry line and column.

    *variant* is formal (正式上报版: 发文字号, 签发人, 主送 required) or public (公开版).
    Findings come in file order when there is a file, else in document order. With *last_year*
    (:func:`generator.check.copying.load_earlier`) the sentences reused from it are found (E-COPY); *fonts* is
    the profile the report will be rendered with (E-GLYPH: characters the GB2312 fonts lack).
    """
    ctx = Context(report, doc, Variant(variant), last_year, FontProfile(fonts))
    findings = _unique([ctx.finding(item) for item in collect(ctx)])
    if doc is not None:
        findings.sort(key=lambda f: (f.line or 0, f.column or 0, _ORDER.get(f.severity, 3)))
    return findings


def check_text(text: str) -> list[Problem]:
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
        findings.append(Problem(hit.message, Place("", line, column), severity=hit.severity, rule=hit.rule,
                                snippet=snippet(text, hit.start, hit.end)))
    return findings


@dataclass(frozen=True)
class CheckedFile:
    """A report file after validation and checking."""

    report: Report
    doc: YamlDocument
    findings: list[Problem]
    variant: Variant = Variant.formal  # the version checked: --variant, else the report's own


def check_file(path: Union[str, Path], variant: Union[Variant, None] = None,
               last_year: Union[str, Path, None] = None, fonts: FontProfile = FontProfile.gb2312) -> CheckedFile:
    """Validate the YAML file at *path*, then check it. Raises DataError when it does not validate.

    Validation warnings (encoding, control characters) come first among the findings, as rule "V".
    *last_year* is last year's report (YAML, .docx or .txt) to compare with (E-COPY).
    """
    doc = read_yaml(path)
    validated = validate_document(doc)
    variant = Variant(variant or validated.report.variant)  # the report's own unless --variant says otherwise
    earlier = load_earlier(last_year) if last_year is not None else None
    findings = validation_findings(validated.warnings) + run_checks(validated.report, doc, variant, earlier, fonts)
    return CheckedFile(validated.report, doc, findings, variant)


def validation_findings(problems: list[Problem]) -> list[Problem]:
    """Validation problems as findings of rule "V"."""
    return [replace(p, rule=p.rule or "V") for p in problems]


def count(findings: list[Problem]) -> dict[str, int]:
    """Number of findings per severity: {"error": n, "warning": n, "info": n}."""
    totals: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        totals[finding.severity] = totals.get(finding.severity, 0) + 1
    return totals


def _unique(findings: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(findings))
