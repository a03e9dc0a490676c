"""Step 2, validate: plain data plus a locator → a :class:`Report` and its warnings.

This is the one validation path. YAML files (:func:`validate_document`), wizard answers, spreadsheet
rows, imported documents and ``check --fix`` all call :func:`validate_report`; each brings a *locator*
that says where a data path came from (``file:line:col``, ``sheet!row``, the source paragraph), so every
problem names its place. The structure checks that the model cannot make field by field (framework
references, heading depth) run here too, so a report that validates can be checked and rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import WARNING, DataError, Place, Problem

if TYPE_CHECKING:
    from ..load.yaml_file import YamlDocument
    from ..model.paths import DataPath
    from ..model.report import Report

INVALID = "数据有误，请按下列位置修改"


class Locator(Protocol):
    """Where the value at a data path came from, and how the user names its field."""

    def place(self, path: DataPath) -> Place: ...

    def field(self, path: DataPath) -> str:
        """The field's name in the user's terms ("" to show the data path)."""
        ...


@dataclass(frozen=True)
class Unlocated:
    """The locator of data with no positions of its own: every value is placed at *name*."""

    name: str = ""

    def place(self, path: DataPath) -> Place:  # noqa: ARG002 - the Locator protocol
        return Place(self.name)

    def field(self, path: DataPath) -> str:  # noqa: ARG002
        return ""


@dataclass
class Validated:
    """A validated report and what the user should be warned of."""

    report: Report
    warnings: list[Problem] = field(default_factory=list)


def validate_report(data: Any, locator: Locator) -> Validated:
    """Validate plain *data* (dicts, lists, strings) as a report. Raises DataError with located problems."""
    from pydantic import ValidationError

    from ..model.report import Report
    from .messages import all_text, control_char_warnings, surrogate_problems, validation_problems
    from .structure import check_structure

    if not isinstance(data, dict):
        problem = Problem("文件应由“字段: 值”组成（如 year: 2024），而不是空文件或一段文字", locator.place(()))
        raise DataError("数据文件内容不对", [problem])
    text = all_text(data)
    warnings = control_char_warnings(data, locator, text)
    broken = surrogate_problems(data, locator, text)
    if broken:
        raise DataError(INVALID, broken, warnings)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise DataError(INVALID, validation_problems(exc, data, locator), warnings) from None
    problems = check_structure(report, locator)
    if problems:
        raise DataError(INVALID, problems, warnings)
    return Validated(report, warnings)


def validate_document(doc: YamlDocument) -> Validated:
    """Validate a loaded YAML file; what loading noticed (encoding, control characters) comes first."""
    notes = [Problem(note, Place(doc.path), severity=WARNING) for note in doc.notes] + list(doc.warnings)
    validated = validate_report(doc.data, doc)
    validated.warnings = notes + validated.warnings
    return validated


__all__ = ["Locator", "Unlocated", "Validated", "validate_document", "validate_report"]
