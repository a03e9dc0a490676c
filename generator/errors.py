"""One error root. The library raises these; the CLI turns them into Chinese messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input, located as precisely as the input allows.

    ``place`` is what a user finds it by: ``report.yaml:7:13``, ``bureaus.xlsx!12`` or a bare file name.
    """

    place: str
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        field = f" {self.field}" if self.field else ""
        return f"{self.place}{field} {self.message}"


class FzbgError(Exception):
    """Root of every error the tool reports to a user."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        lines = [self.message] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class DataError(FzbgError):
    """The input data is wrong (bad YAML, failed validation, unreadable file). Exit 1."""


class RenderError(FzbgError):
    """A document could not be produced from valid data (template problem, conversion failure). Exit 1."""


class OutputError(FzbgError):
    """The output cannot be written (exists without --force, folder missing, not writable). Exit 1."""


class UsageError(FzbgError):
    """The command line is wrong. Exit 2."""

    exit_code = 2
