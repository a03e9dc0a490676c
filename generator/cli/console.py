"""What the commands print: messages on stdout, problems on stderr, each problem formatted by generator.display.

A Windows console (or output redirected there) encodes in GBK, which has no 䶮 or emoji; printing such a
character must not crash a command. :func:`install_safe_streams` makes stdout and stderr write an
unencodable character as ``[U+4DAE]`` instead. Files the tool writes keep every character.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Sequence
from typing import Union

from ..display import labelled

ERROR_HANDLER = "fzbg-codepoint"


def _codepoint(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(f"[U+{ord(c):04X}]" for c in bad), error.end


codecs.register_error(ERROR_HANDLER, _codepoint)


def install_safe_streams() -> None:
    """Make sys.stdout and sys.stderr replace what their encoding cannot hold instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is None or encoding in ("utf-8", "utf8", "utf-16", "utf-32"):
            continue  # captured streams (tests) and UTF-8 consoles hold every character already
        try:
            reconfigure(errors=ERROR_HANDLER)
        except (ValueError, OSError):  # pragma: no cover - a closed or detached stream
            continue


def safe(text: str, stream: Union[object, None] = None) -> str:
    """*text* as *stream* (default stdout) can encode it: unencodable characters as ``[U+XXXX]``."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, ERROR_HANDLER).decode(encoding)
    except LookupError:  # pragma: no cover - an encoding Python does not know
        return text


def say(message: str) -> None:
    """A message for the user, on standard output."""
    print(safe(message))


def tell(message: str) -> None:
    """A message about a problem (not a finding), on standard error."""
    print(safe(message, sys.stderr), file=sys.stderr)


def print_problems(problems: Sequence[object]) -> None:
    """Warnings and errors, one line each, on standard error."""
    from ..errors import Problem

    for problem in problems:
        if isinstance(problem, Problem):
            tell(labelled(problem))
