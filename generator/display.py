"""How places and problems read to a user: the one formatter every edge calls.

The terminal, ``check --format json``, the wizard's review screen, bulk's errors.csv and 汇总.xlsx all show
places through :func:`place_text`, so a place reads the same everywhere: ``report.yaml:7:13``,
``bureaus.xlsx!12``, ``我的模板.docx 正文（word/document.xml） 第 3 行`` or a bare file name.
"""

from __future__ import annotations

from .errors import WARNING, FzbgError, Place, Problem
from .model.paths import dotted

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def place_text(place: Place) -> str:
    """A place as users find it."""
    text = place.file
    if place.row is not None:
        text += f"!{place.row}"
    if place.part:
        text = f"{text} {place.part}" if text else place.part
        if place.line is not None:
            text += f" 第 {place.line} 行"
        return text
    if place.line is not None:
        text += f":{place.line}"
        if place.column is not None:
            text += f":{place.column}"
    return text


def field_text(problem: Problem) -> str:
    """The field as the user names it: a column header or label if given, else the dotted data path."""
    return problem.field or dotted(problem.path)


def problem_text(problem: Problem) -> str:
    """``place field message``: one line per problem, as the CLI prints it."""
    field = field_text(problem)
    where = place_text(problem.place)
    return " ".join(part for part in (where, field, problem.message) if part)


def labelled(problem: Problem) -> str:
    """``警告：…`` / ``错误：…`` as the CLI prints a problem on its own line."""
    label = "警告" if problem.severity == WARNING else "错误"
    return f"{label}：{problem_text(problem)}"


def error_text(error: FzbgError) -> str:
    """An error with its problems, one indented line each."""
    return "\n".join([error.message] + [f"  {problem_text(p)}" for p in error.problems])


def error_line(error: FzbgError) -> str:
    """An error as one line (汇总.xlsx, errors.csv): the message and the reasons of its problems."""
    details = "；".join(p.message for p in error.problems)
    return f"{error.message}：{details}" if details else error.message
