"""The 上年原文 mark of ``fzbg import --next-year``: a comment above each paragraph carried over from last year.

The comment holds a fingerprint of the paragraph as imported. ``fzbg check`` reports the paragraph while
its text still has that fingerprint (rule C-CARRY); once it is rewritten the fingerprint no longer
matches and the finding goes away, whether or not the comment is deleted. Shared by the importer (which
writes the mark) and the checker (which reads it), so neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Union

CARRY_WORD = "上年原文"
_FINGERPRINT = re.compile(rf"{CARRY_WORD}[^\n]*?〔([0-9a-f]{{8}})〕")


def fingerprint(text: str) -> str:
    """Eight hex digits standing for *text* (whitespace ignored, so re-folding a line keeps it)."""
    import hashlib  # here: loading OpenSSL costs ~5 ms, and most reports have no carried paragraph

    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()[:8]


def carry_comment(text: str) -> str:
    """The comment line (without ``#``) that marks *text* as last year's."""
    return f"{CARRY_WORD}：请按本年度情况改写；改写后本提示自动失效〔{fingerprint(text)}〕"


def comment_fingerprint(line: str) -> Union[str, None]:
    """The fingerprint of a 上年原文 comment line, or None."""
    stripped = line.strip()
    if not stripped.startswith("#"):
        return None
    found = _FINGERPRINT.search(stripped)
    return found.group(1) if found else None


def carried_paths(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The paths and texts of the report data that are body text: opening, headings, paragraphs, chain items."""
    opening = data.get("opening")
    if isinstance(opening, str):
        yield ("opening",), opening
    elif isinstance(opening, list):
        for i, text in enumerate(opening):
            if isinstance(text, str):
                yield ("opening", i), text
    for i, part in enumerate(data.get("parts") or []):
        if isinstance(part, dict):
            yield from _block(part, ("parts", i))


def _block(node: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    for key in ("heading", "lead"):
        if isinstance(node.get(key), str):
            yield path + (key,), node[key]
    for j, item in enumerate(node.get("chain") or []):
        if isinstance(item, str):
            yield path + ("chain", j), item
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            yield path + ("chain", j, "text"), item["text"]
    for j, block in enumerate(node.get("content") or []):
        if isinstance(block, str):
            yield path + ("content", j), block
        elif isinstance(block, dict):
            yield from _block(block, path + ("content", j))
