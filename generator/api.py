"""The library surface: what the CLI calls, and what tests and other tools can call directly."""

from __future__ import annotations

from pathlib import Path

from .errors import DataError, Problem
from .load.yaml_file import read_yaml
from .model.report import Report
from .validate.messages import report_from_yaml
from .validate.structure import check_report


def load_report(path: str | Path) -> tuple[Report, list[Problem]]:
    """Read and validate a report YAML file. Returns the report and warnings; raises DataError."""
    doc = read_yaml(path)
    report, warnings = report_from_yaml(doc)
    problems = check_report(report, doc.place)
    if problems:
        raise DataError("数据有误，请按下列位置修改", problems)
    return report, warnings
