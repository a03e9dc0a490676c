"""Where a character of a value sits in the YAML text: for columns in findings and for ``--fix``.

The loader keeps one mark per value (its start). Findings point at the offending character, so
this module re-composes the text, keeps each scalar node, and maps every character of the value
back to its index in the file, through quotes, escapes, folding and block indentation.
"""

from __future__ import annotations

import contextlib
from functools import cached_property
from typing import Any, Union

import yaml
from yaml.scanner import Scanner

from ..load.yaml_file import YamlDocument
from ..model.paths import DataPath
from .base import line_column, line_starts

_WINDOW = 200  # how far past a line break and its indentation the next value character may sit
_ESCAPE_LENGTHS = Scanner.ESCAPE_CODES  # x: 2, u: 4, U: 8
_ESCAPES = Scanner.ESCAPE_REPLACEMENTS


class Source:
    """The scalars of a loaded YAML document and the file index of each of their characters."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.text = doc.text
        self._offsets: dict[DataPath, list[Union[int, None]]] = {}

    @cached_property
    def _starts(self) -> list[int]:
        return line_starts(self.text)

    @cached_property
    def nodes(self) -> dict[DataPath, yaml.ScalarNode]:
        """Every scalar value node by data path."""
        found: dict[DataPath, yaml.ScalarNode] = {}

        def walk(node: yaml.Node, path: DataPath) -> None:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        walk(value, path + (key.value,))
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    walk(item, path + (i,))
            elif isinstance(node, yaml.ScalarNode):
                found.setdefault(path, node)

        root = self.doc.root if self.doc.root is not None else yaml.compose(self.text, Loader=yaml.BaseLoader)
        if root is not None:
            walk(root, ())
        return found

    def raw(self, path: DataPath) -> tuple[Union[str, None], DataPath]:
        """The string the file holds for model *path*, and its path in the file.

        Shorthands are followed: a chain item written as a bare string stands for ``{text: …}``,
        an ``opening`` written as one string stands for a one-item list.
        """
        node: Any = self.doc.data
        for i, key in enumerate(path):
            if isinstance(node, str):
                rest = path[i:]
                return (node, path[:i]) if rest in (("text",), (0,)) else (None, path)
            if isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                node = node[key]
            else:
                return None, path
        return (node if isinstance(node, str) else None), path

    def style(self, path: DataPath) -> Union[str, None]:
        node = self.nodes.get(path)
        return node.style if node is not None else None

    def offsets(self, path: DataPath) -> list[Union[int, None]]:
        """File index of each character of the value at *path* (None where it cannot be told)."""
        if path not in self._offsets:
            node = self.nodes.get(path)
            self._offsets[path] = _value_offsets(self.text, node) if node is not None else []
        return self._offsets[path]

    def index(self, path: DataPath, offset: Union[int, None]) -> Union[int, None]:
        if offset is None:
            return None
        offsets = self.offsets(path)
        if 0 <= offset < len(offsets):
            return offsets[offset]
        if offsets and offset == len(offsets) and offsets[-1] is not None:
            return offsets[-1] + 1
        return None

    def position(self, path: DataPath, offset: Union[int, None] = None) -> tuple[int, int]:
        """1-based (line, column) of character *offset* of the value at *path*, else of the value."""
        index = self.index(path, offset)
        if index is not None:
            return line_column(self._starts, index)
        mark = self.doc.locate(path)
        return mark.line, mark.column

    def span(self, path: DataPath, start: int, end: int) -> Union[tuple[int, int], None]:
        """File span of value characters [start, end) when they sit there verbatim, else None."""
        offsets = self.offsets(path)
        if not (0 <= start < end <= len(offsets)):
            return None
        first = offsets[start]
        if first is None or offsets[start:end] != list(range(first, first + end - start)):
            return None
        return first, first + end - start


def _value_offsets(text: str, node: yaml.ScalarNode) -> list[Union[int, None]]:
    """Align the value's characters with the source units of the node, greedily and in order."""
    units = _units(text, node)
    out: list[Union[int, None]] = []
    p = 0
    for ch in node.value:
        for k in range(p, min(len(units), p + _WINDOW)):
            if units[k][0] == ch:
                out.append(units[k][1])
                p = k + 1
                break
        else:
            out.append(None)
    return out


def _units(text: str, node: yaml.ScalarNode) -> list[tuple[str, int]]:
    """(character it stands for, file index) for each source unit of a scalar node."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    if style in ("|", ">"):
        header_end = text.find("\n", start)
        start = end if header_end < 0 else header_end + 1
        return [(text[i], i) for i in range(start, end)]
    if style == "'":
        units, i = [], start + 1
        while i < end - 1:
            units.append((text[i], i))
            i += 2 if text.startswith("''", i) else 1
        return units
    if style == '"':
        return _double_quoted_units(text, start + 1, end - 1)
    return [(text[i], i) for i in range(start, end)]


def _double_quoted_units(text: str, start: int, end: int) -> list[tuple[str, int]]:
    units, i = [], start
    while i < end:
        ch = text[i]
        if ch != "\\" or i + 1 >= end:
            units.append((ch, i))
            i += 1
            continue
        code = text[i + 1]
        if code in _ESCAPES:
            units.append((_ESCAPES[code], i))
            i += 2
        elif code in _ESCAPE_LENGTHS:
            length = _ESCAPE_LENGTHS[code]
            with contextlib.suppress(ValueError):
                units.append((chr(int(text[i + 2 : i + 2 + length], 16)), i))
            i += 2 + length
        else:  # an escaped line break joins the lines: no character
            i += 2
    return units
