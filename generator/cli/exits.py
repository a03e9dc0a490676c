"""How a command ends with a code of its own, without importing typer (``check`` and ``render`` run without it).

``raise CommandExit(1)`` in a command is what ``raise typer.Exit(1)`` was: :func:`generator.cli.main`
returns the code, whether typer parsed the command line or :mod:`generator.cli.fast` did.
"""

from __future__ import annotations


class CommandExit(Exception):
    """The command is done and the process exits with *exit_code* (1: the report has errors)."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


class CommandAbort(Exception):
    """The command met the end of its input: 已取消 (exit 130), as typer's Abort."""
