"""Data paths: where a value sits inside report data, as keys and list indexes."""

from __future__ import annotations

from typing import Any

# Path of a value inside the data: keys and list indexes, e.g. ("parts", 0, "heading").
DataPath = tuple[Any, ...]
KEY = "<key>"  # suffix of a path that points at a mapping key rather than its value


def dotted(path: DataPath) -> str:
    """``parts.0.heading`` style name of a data path (a key marker is left out)."""
    return ".".join(str(p) for p in path if p != KEY)


def undotted(text: str) -> DataPath:
    """The data path a dotted name stands for: digits become list indexes (``parts.0`` → ("parts", 0))."""
    return tuple(int(p) if p.isdigit() else p for p in text.split(".")) if text else ()


def without_key(path: DataPath) -> DataPath:
    """*path* without the key marker."""
    return tuple(p for p in path if p != KEY)
