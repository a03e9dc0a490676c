"""Access to the files shipped in ``templates/`` (installed as the ``generator.templates`` package)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # Python 3.10: importlib.resources.abc does not exist yet
    from importlib.abc import Traversable


def templates_dir() -> Traversable:
    """The shipped templates folder, from the wheel or the checkout alike.

    In a checkout the folder beside the package wins: an editable install maps ``generator.templates``
    to the checkout it was made from, which is another one when several git worktrees share the install.
    """
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout / "report.docx").is_file():
        return checkout
    return resources.files("generator.templates")


def read_template_bytes(name: str) -> bytes:
    """Bytes of a shipped file, e.g. ``report.docx`` or ``frameworks/outline-2021-2025.yaml``."""
    node = templates_dir()
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_bytes()
