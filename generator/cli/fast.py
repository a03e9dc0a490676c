"""``fzbg check FILE`` and ``fzbg render FILE -o OUT`` started without typer, click or their pydantic adapters.

Importing typer, building the command tree and typer's per-parameter pydantic adapters cost about a tenth
of a second, most of what ``check`` and ``render`` of one report take over the interpreter (issue 20).
A command line in the plain form below is read here and the command's ``run`` called directly; anything
else (``--help``, ``--debug``, an unknown, repeated or misspelt option, a value that is not one of the
choices, a missing argument, ``--``, shell completion) returns None and typer parses it as before, so
every message and exit code of a usage error stays typer's.

The plain form: the command name, then in any order exactly one argument and options spelt in full,
``--option value`` or ``--option=value`` (``-o value`` for ``--output``), each at most once, values
non-empty and not starting with ``-``, choices exactly as listed.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from ..model.vocabulary import FontProfile, Variant

# option → (parameter, kind): kind is "flag", "path", or the tuple of choice values
Kind = Union[str, tuple[str, ...]]
CHECK: dict[str, tuple[str, Kind]] = {
    "--format": ("output_format", ("text", "json")),
    "--fix": ("fix", "flag"),
    "--variant": ("variant", tuple(v.value for v in Variant)),
    "--coverage": ("show_coverage", "flag"),
    "--last-year": ("last_year", "path"),
    "--fonts": ("fonts", tuple(f.value for f in FontProfile)),
}
RENDER: dict[str, tuple[str, Kind]] = {
    "-o": ("output", "path"),
    "--output": ("output", "path"),
    "--variant": ("variant", tuple(v.value for v in Variant)),
    "--fonts": ("fonts", tuple(f.value for f in FontProfile)),
    "--template": ("template", "path"),
    "--force": ("force", "flag"),
    "--draft": ("draft", "flag"),
    "--body-only": ("body_only", "flag"),
}
COMMANDS = {"check": CHECK, "render": RENDER}
COMPLETION = "_FZBG_COMPLETE"  # typer answers shell completion when this is set
REQUIRED = {"check": (), "render": ("output",)}


def parse(args: Sequence[str]) -> Optional[tuple[str, Path, dict[str, str]]]:
    """(command, argument, {parameter: value}) for a command line in the plain form, else None."""
    if not args or args[0] not in COMMANDS or COMPLETION in os.environ:
        return None
    command, options = args[0], COMMANDS[args[0]]
    source: Optional[str] = None
    values: dict[str, str] = {}
    rest = list(args[1:])
    while rest:
        token = rest.pop(0)
        if not token.startswith("-"):
            if source is not None:
                return None
            source = token
            continue
        name, equals, value = token.partition("=")
        if name not in options or (equals and name == "-o"):
            return None
        parameter, kind = options[name]
        if parameter in values:
            return None
        if kind == "flag":
            if equals:
                return None
            value = "1"
        elif not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-") or (isinstance(kind, tuple) and value not in kind):
            return None
        values[parameter] = value
    if not source or any(name not in values for name in REQUIRED[command]):
        return None
    return command, Path(source), values


def _arguments(values: Mapping[str, str], kinds: Mapping[str, Kind]) -> dict[str, Any]:
    """The run() keyword arguments: typer's conversions of the given values (flags True, paths Path, enums)."""
    from .check import ReportFormat

    enums: dict[str, Callable[[str], Any]] = {"variant": Variant, "fonts": FontProfile, "output_format": ReportFormat}
    converted: dict[str, Any] = {}
    for parameter, value in values.items():
        kind = kinds[parameter]
        converted[parameter] = True if kind == "flag" else Path(value) if kind == "path" else enums[parameter](value)
    return converted


def fast_command(args: Sequence[str]) -> Optional[Callable[[], None]]:
    """The command of *args* ready to run, or None when typer should parse *args*."""
    parsed = parse(args)
    if parsed is None:
        return None
    command, source, values = parsed
    kinds = {parameter: kind for parameter, kind in COMMANDS[command].values()}
    arguments = _arguments(values, kinds)
    if command == "check":
        from . import check

        arguments.setdefault("output_format", check.ReportFormat.text)
        arguments.setdefault("fix", False)
        arguments.setdefault("variant", None)
        arguments.setdefault("show_coverage", False)
        return lambda: check.run(source, **arguments)
    from . import render

    return lambda: render.run(source, **arguments)


class _PacifyFlush:
    """A stream whose flush ignores a closed pipe (what click does when ``fzbg check … | head`` ends early)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.wrapped, attr)


def run_fast(command: Callable[[], None]) -> None:
    """Run *command* as typer's main loop would: end of input is 已取消, a closed pipe exits 1 quietly.

    The cyclic garbage collector is paused while the command runs. Importing pydantic, python-docx and jinja2
    and building the report models allocate a few hundred thousand long-lived objects, and every 700 of them
    set off a collection that finds almost nothing: some 75 collections, 9 ms of ``check`` and 13 ms of
    ``render`` (median, issue 20), for 0.7 MB more memory at the end. Reference counting still frees what it
    always freed; only cycles wait. The collector is switched back on afterwards, so a caller of
    :func:`generator.cli.main` and the end of the process find it as before (a forked template worker turns
    it on for itself: render/sandbox.py).
    """
    from .exits import CommandAbort

    collecting = gc.isenabled()
    gc.disable()
    try:
        command()
    except EOFError as exc:
        print(file=sys.stderr)
        raise CommandAbort from exc
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _PacifyFlush(sys.stdout)
        sys.stderr = _PacifyFlush(sys.stderr)
        sys.exit(1)
    finally:
        if collecting:
            gc.enable()
