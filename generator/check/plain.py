"""The checker's text output where rich would print no styles, printed without importing rich (issue 20).

rich prints colours only to a terminal (or when FORCE_COLOR, TTY_COMPATIBLE or a notebook says so); written
to a file or a pipe, a ``Console(soft_wrap=True)`` prints a Text as its plain characters, without the control
codes rich removes (BEL, BS, VT, FF, CR), and a newline, then flushes. Importing rich costs some 25 ms of
``fzbg check``, so in that case :class:`PlainConsole` writes those characters itself. Whatever else is printed
(a str, whose markup rich reads; a table; a Line holding a tab, which rich expands by cell width) and every
terminal goes to rich as before, so the output is rich's in every case.
"""

from __future__ import annotations

import builtins
import os
from typing import TYPE_CHECKING, Any, Optional, TextIO, Union

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# What rich's strip_control_codes removes (rich/control.py).
_STRIPPED = {7: None, 8: None, 11: None, 12: None, 13: None}
# Environment variables with which rich may treat a file as a terminal.
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE")


class Line:
    """Styled text as ``rich.text.Text(text, style=…)`` with ``.append(…)`` builds it, without importing rich."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.text = text
        self.style = style
        self.spans: list[tuple[str, str]] = []

    def append(self, text: str, style: str = "") -> Line:
        self.spans.append((text, style))
        return self

    @property
    def plain(self) -> str:
        return self.text + "".join(text for text, _ in self.spans)

    def __rich__(self) -> Text:
        """The same text as rich's Text, built as before (the base style, then each appended piece): rich prints
        a Line through this (its console protocol)."""
        from rich.text import Text

        text = Text(self.text, style=self.style)
        for piece, style in self.spans:
            text.append(piece, style=style)
        return text


def rich_console(file: TextIO) -> Console:
    """The checker's rich console on *file*."""
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=True, emoji=False)


def prints_plain(file: Any) -> bool:
    """True when a rich console on *file* certainly prints no styles: a file or pipe, nothing forcing a terminal."""
    if any(name in os.environ for name in _FORCING) or hasattr(builtins, "get_ipython"):
        return False
    isatty = getattr(file, "isatty", None)
    if isatty is None:
        return False
    try:
        return not isatty()
    except ValueError:  # a closed file: let rich decide
        return False


class PlainConsole:
    """The part of rich's Console the checker uses (``print``), for a *file* rich would print plain text to."""

    def __init__(self, file: TextIO) -> None:
        self.file = file
        self._rich: Optional[Console] = None

    def print(self, *objects: Any) -> None:
        if not objects:
            self._write("\n")
        elif len(objects) == 1 and isinstance(objects[0], Line) and "\t" not in objects[0].plain:
            self._write(objects[0].plain.translate(_STRIPPED) + "\n")
        else:
            self.rich.print(*objects)

    @property
    def rich(self) -> Console:
        if self._rich is None:
            self._rich = rich_console(self.file)
        return self._rich

    def _write(self, text: str) -> None:
        self.file.write(text)
        self.file.flush()  # as rich does after each print, so stdout and stderr keep their order


def plain_console(file: TextIO) -> Union[Console, PlainConsole]:
    """A PlainConsole where rich would print plain text, else rich's console."""
    return PlainConsole(file) if prints_plain(file) else rich_console(file)
