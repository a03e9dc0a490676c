"""One error root and one problem type. The library raises these; only the edges turn them into text.

A :class:`Problem` is structured: the place (file, line, column, or a spreadsheet row, or a named part of a
file), the data path, the field as the user names it, the message, its severity, the checker rule and a
snippet of the text. :mod:`generator.display` formats it, once, for every edge (terminal, JSON, wizard,
errors.csv, 汇总.xlsx); nothing reads a place back out of a string.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Union

from .model.paths import DataPath

Severity = Literal["error", "warning", "info"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
INFO: Severity = "info"
SEVERITIES: tuple[Severity, ...] = (ERROR, WARNING, INFO)


@dataclass(frozen=True, order=True)
class Place:
    """Where something is in an input, as precisely as the input allows.

    ``file`` is the name the user knows the input by. ``line``/``column`` are 1-based positions in a text
    file; ``row`` is a spreadsheet row (``bureaus.xlsx!12``); ``part`` names a part of a file that has no
    lines of its own: a worksheet, a template part (正文（word/document.xml）), a paragraph.
    """

    file: str = ""
    line: Union[int, None] = None
    column: Union[int, None] = None
    row: Union[int, None] = None
    part: str = ""

    def at(self, line: Union[int, None], column: Union[int, None] = None) -> Place:
        """The same file at another position."""
        return replace(self, line=line, column=column)


NOWHERE = Place()


@dataclass(frozen=True)
class Problem:
    """One problem in an input, or one finding of the checker."""

    message: str  # Chinese
    place: Place = NOWHERE
    path: DataPath = ()  # where in the report data, e.g. ("parts", 0, "heading")
    field: str = ""  # how the user names the field when that is not the data path: a column header, 第 3 行
    severity: Severity = ERROR
    rule: str = ""  # checker rule, e.g. "P1"; "V" for validation, "" for other problems
    snippet: str = ""  # the offending text with a little context

    @property
    def file(self) -> str:
        return self.place.file

    @property
    def line(self) -> Union[int, None]:
        return self.place.line

    @property
    def column(self) -> Union[int, None]:
        return self.place.column

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def file_problem(message: str, file: str = "", *, severity: Severity = ERROR, field: str = "") -> Problem:
    """A problem with the whole of *file* (or of no file): the common case outside the report data."""
    return Problem(message, Place(file), field=field, severity=severity)


def has_errors(problems: list[Problem]) -> bool:
    """True when any of *problems* is an error."""
    return any(p.severity == ERROR for p in problems)


class FzbgError(Exception):
    """Root of every error the tool reports to a user."""

    exit_code = 1

    def __init__(self, message: str, problems: Union[list[Problem], None] = None,
                 warnings: Union[list[Problem], None] = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])
        self.warnings = list(warnings or [])  # found before the error, for callers that keep going

    def __reduce__(self) -> tuple[type[FzbgError], tuple[str, list[Problem], list[Problem]]]:
        # Raised in worker processes (bulk, render/sandbox.py) and sent back: keep the problems.
        return type(self), (self.message, self.problems, self.warnings)


class DataError(FzbgError):
    """The input data is wrong (bad YAML, failed validation, unreadable file). Exit 1."""


class RenderError(FzbgError):
    """A document could not be produced from valid data (template problem, conversion failure). Exit 1."""


class OutputError(FzbgError):
    """The output cannot be written (exists without --force, folder missing, not writable). Exit 1."""


class UsageError(FzbgError):
    """The command line is wrong. Exit 2."""

    exit_code = 2
