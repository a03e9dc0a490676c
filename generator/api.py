"""The library surface: the pipeline's steps strung together, for the CLI, tests and other tools.

Internal modules never import this one; it only calls them, in pipeline order:
load (``generator.load``) → validate (``generator.validate``) → check (``generator.check``) →
render (``generator.render``) → write (``generator.write``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

from .errors import Problem
from .load.yaml_file import read_yaml
from .model.report import Report
from .validate import validate_document

if TYPE_CHECKING:
    from .importer import ImportResult


def load_report(path: str | Path) -> tuple[Report, list[Problem]]:
    """Read and validate a report YAML file. Returns the report and warnings; raises DataError."""
    validated = validate_document(read_yaml(path))
    return validated.report, validated.warnings


def import_report(path: str | Path, year: Union[int, None] = None) -> ImportResult:
    """Import last year's .docx/.txt/.html report, proof-read against its own rendering. Raises DataError."""
    from .importer import read_report
    from .importer.verify import compare_text
    from .render.context import build_context, document_lines

    result = read_report(path, year)
    rendered = document_lines(build_context(result.report, result.variant))
    result.match_ratio = compare_text(result.lines, rendered, result.variant, result.notes)
    return result
