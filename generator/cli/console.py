"""What the commands print: messages on stdout, problems on stderr, each problem formatted by generator.display."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..display import labelled


def say(message: str) -> None:
    """A message for the user, on standard output."""
    print(message)


def print_problems(problems: Sequence[object]) -> None:
    """Warnings and errors, one line each, on standard error."""
    from ..errors import Problem

    for problem in problems:
        if isinstance(problem, Problem):
            print(labelled(problem), file=sys.stderr)
