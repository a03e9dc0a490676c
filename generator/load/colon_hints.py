"""Typing slips that YAML misreads, said in plain words at the colon, and their repairs for ``check --fix``.

- A half-width colon in a sentence (“……主要有以下几点:” at a line end, “主要是: 教育培训”) makes YAML
  take the sentence for a field name: the text is lost from the report.
- ``signer:王建国`` (no space) and ``signer：王建国`` (full-width colon) are not fields at all.
- `` #`` inside body text starts a YAML comment: the rest of the line silently disappears.

The loader reports the first two as errors (see yaml_file.parse_yaml) and the third as a warning;
:func:`repairs` gives the edits ``fzbg check --fix`` applies before anything else.
"""

from __future__ import annotations

import re
from typing import Any, Union

import yaml

from ..errors import WARNING, Place, Problem

Edit = tuple[int, int, str]  # (start, end, replacement) in the file's text

# A field name, its colon (half- or full-width) and a value glued to it: signer:王建国 / signer：王建国
_KEY_FORM = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[a-z_]{2,30})(?P<colon>：[ \t]*|:(?=[^\s/]))(?P<rest>.*)$")
_BODY_ROOTS = {"opening", "parts", "title", "closing"}


def _has_han(text: str) -> bool:
    """*text* holds a Han character (U+3400–4DBF, U+4E00–9FFF); compared, not a regex: a class this wide takes
    some 3 ms to compile, on every start (issue 20)."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def key_form_slip(text: str, line: int) -> Union[tuple[str, int, int], None]:
    """For a YAML error near 0-based *line*: (message, 1-based line, column) of a glued or full-width colon."""
    lines = text.split("\n")
    for k in range(min(line, len(lines) - 1), max(-1, line - 3), -1):
        found = _KEY_FORM.match(lines[k])
        if not found:
            continue
        key, colon, rest = found.group("key"), found.group("colon"), found.group("rest").strip()
        column = found.start("colon") + 1
        if colon.startswith("："):
            message = (f"字段名“{key}”后面用了全角冒号“：”：字段名后要用半角冒号“:”再空一格，"
                       f"写成“{key}: {rest}”（fzbg check --fix 可自动修改）")
        else:
            message = (f"字段名“{key}”的冒号“:”后面少了一个空格：写成“{key}: {rest}”"
                       "（fzbg check --fix 可自动修改）")
        return message, k + 1, column
    return None


def sentence_keys(root: Any, name: str) -> list[Problem]:
    """Errors for sentences YAML took for field names: Chinese keys of mappings that are list items."""
    problems: list[Problem] = []

    def walk(node: Any, in_list: bool) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if in_list and isinstance(key, yaml.ScalarNode) and key.style is None and _has_han(key.value):
                    problems.append(_sentence_problem(key, value, name))
                walk(value, False)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, True)

    walk(root, False)
    return problems


def _sentence_problem(key: yaml.ScalarNode, value: yaml.Node, name: str) -> Problem:
    mark = key.end_mark  # the colon follows the key directly
    words = key.value if len(key.value) <= 16 else "…" + key.value[-14:]
    where = "行末" if isinstance(value, yaml.ScalarNode) and value.value == "" else "文字中间"
    message = (f"{where}的半角冒号“:”让“{words}”被当成了字段名，这段文字不会出现在报告里："
               "请改为全角冒号“：”（fzbg check --fix 可自动修改）")
    return Problem(message, Place(name, mark.line + 1, mark.column + 1), snippet=key.value[-20:] + ":")


def comment_in_text(text: str, root: Any, name: str) -> list[Problem]:
    """Warnings for body text followed on its line by `` #…``: YAML dropped it as a comment."""
    problems: list[Problem] = []
    lines = text.split("\n")

    def walk(node: Any, body: bool) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, body or (isinstance(key, yaml.ScalarNode) and key.value in _BODY_ROOTS))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, body)
        elif isinstance(node, yaml.ScalarNode) and body and node.style is None and _has_han(node.value):
            end = node.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            found = re.match(r"[ \t]+#(.*)$", rest)
            if found and found.group(1)[:1] not in (" ", "\t", ""):
                problems.append(Problem(
                    f"“#”及后面的“{found.group(1)[:12]}”被当作注释，没有进入报告：文字中的“#”请改为全角“＃”，"
                    "或给整段加引号（fzbg check --fix 可自动修改）",
                    Place(name, end.line + 1, end.column + len(rest) - len(rest.lstrip(" \t")) + 1),
                    severity=WARNING))

    walk(root, False)
    return problems


def repairs(text: str) -> list[Edit]:
    """The edits that undo these slips in *text*: full-width colons in sentences, spaced field colons, ＃."""
    edits: list[Edit] = []
    starts = _line_offsets(text)
    lines = text.split("\n")
    try:
        root = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        root = None
    if root is None:  # the YAML does not parse: glued or full-width field colons are the likely reason
        for k, line in enumerate(lines):
            found = _KEY_FORM.match(line)
            if found and not line.lstrip().startswith("#"):
                edits.append((starts[k] + found.start("colon"), starts[k] + found.end("colon"), ": "))
        return edits
    for problem in sentence_keys(root, ""):
        row, column = problem.place.line or 1, problem.place.column or 1
        at = starts[row - 1] + column - 1
        if text[at:at + 1] == ":":
            end = at + 1
            while text[end:end + 1] in (" ", "\t"):  # “主要是: 教育” → “主要是：教育”
                end += 1
            edits.append((at, end if text[end:end + 1] not in ("\n", "\r", "") else at + 1, "："))
    for problem in comment_in_text(text, root, ""):
        row, column = problem.place.line or 1, problem.place.column or 1
        at = starts[row - 1] + column - 1
        if text[at:at + 1] == "#":
            edits.append((at, at + 1, "＃"))
    return edits
