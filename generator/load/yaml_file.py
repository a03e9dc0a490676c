"""Step 1 of the pipeline: read a YAML file into plain data plus a map of source positions.

Every scalar stays a string (PyYAML ``BaseLoader``), so ``01012345678`` and ``NO`` survive;
pydantic does the typing afterwards. Tags are refused, aliases are expanded under a budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import WARNING, DataError, Place, Problem
from ..model.paths import KEY, DataPath
from .colon_hints import comment_in_text, key_form_slip, sentence_keys
from .encoding import decode_text
from .files import read_limited

MAX_FILE_BYTES = 5 * 1024 * 1024  # a report is some tens of KB; anything this big is not one
MAX_NODES = 200_000  # alias expansion budget (billion-laughs defence)
# Text budgets, counted on the data as built (aliases expanded), so 5,000 aliases of one long string count
# 5,000 times. A report is some 10,000–30,000 characters; its longest paragraph some thousands.
MAX_FIELD_CHARS = 20_000
MAX_DOCUMENT_CHARS = 1_000_000
MAX_DEPTH = 50  # only used to place the message when nesting exhausts Python's recursion limit
TOO_DEEP = "括号或缩进嵌套的层次过深（超过数百层），不像报告数据，已拒绝读取"

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True)
class Mark:
    """A 1-based source position."""

    line: int
    column: int


@dataclass
class YamlDocument:
    """A YAML file as plain data, with where each value and key came from."""

    path: str
    text: str
    data: Any
    marks: dict[DataPath, Mark] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. "read as GB18030"
    warnings: list[Problem] = field(default_factory=list)  # located, e.g. removed control characters
    # The composed node tree, kept for check/source.py (character positions) so the text is parsed once.
    root: Any = field(default=None, repr=False, compare=False)

    def locate(self, path: DataPath) -> Mark:
        """Return the position of *path*, or of its nearest ancestor present in the file."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))

    def place(self, path: DataPath) -> Place:
        """The place of *path* (``file:line:col``)."""
        mark = self.locate(path)
        return Place(self.path, mark.line, mark.column)

    def field(self, path: DataPath) -> str:  # noqa: ARG002 - the Locator protocol
        """A YAML file names its fields by their data path."""
        return ""


def read_yaml(path: str | Path) -> YamlDocument:
    """Read the YAML file at *path*. Raises DataError with ``file:line:col`` problems."""
    path = Path(path)
    name = str(path)
    raw = read_limited(path, MAX_FILE_BYTES, what="报告数据文件（YAML）")  # regular files only, bytes counted
    text, notes = decode_text(raw, name)
    doc = parse_yaml(text, name)
    doc.notes = notes
    return doc


# Characters PyYAML refuses to read and XML cannot carry: pasted from Excel or PDF, never meant.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def remove_unreadable(text: str, name: str) -> tuple[str, list[Problem]]:
    """Remove invisible control characters, with a located warning for each line that had some."""
    warnings = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        match = _UNREADABLE.search(line)
        if match:
            warnings.append(
                Problem("含有不可见的控制字符，已删除", Place(name, line_no, match.start() + 1), severity=WARNING)
            )
    return (_UNREADABLE.sub("", text), warnings) if warnings else (text, [])


def parse_yaml(text: str, name: str = "<文本>", *, shipped: bool = False) -> YamlDocument:
    """Parse YAML *text* into a YamlDocument; *name* is used in messages.

    *shipped* files (the frameworks in templates/) are composed by libyaml when PyYAML has it: several
    times faster. User files always go through the pure-Python composer, whose messages and marks the
    hints, the checker's character positions and the tests are built on.
    """
    text, warnings = remove_unreadable(text, name)
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader) if shipped else yaml.BaseLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except RecursionError:  # PyYAML's composer recurses once per level; a report is a few levels deep
        raise _too_deep(text, name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _unclosed_quote(exc) and exc.context_mark:
            mark = exc.context_mark  # an unclosed quote: point at where it opens, not at the end of the file
        place = Place(name, mark.line + 1, mark.column + 1) if mark else Place(name)
        message = _yaml_error_message(exc)
        slip = key_form_slip(text, mark.line) if mark and not shipped else None
        if slip is not None:  # signer:王建国 or signer：王建国: say so at the colon
            message, line, column = slip
            place = Place(name, line, column)
        raise DataError("YAML 格式错误", [Problem(message, place)]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise DataError("YAML 格式错误", [Problem("含有无法识别的字符，请删除后重试", Place(name, line))]) from None
    except yaml.YAMLError as exc:
        raise DataError("YAML 格式错误", [Problem(f"无法解析：{exc}", Place(name))]) from None
    builder = _Builder(name)
    try:
        data = builder.build(node) if node is not None else None
    except RecursionError:
        raise _too_deep(text, name) from None
    if builder.problems:
        raise DataError("YAML 文件中有不允许的内容", builder.problems)
    if node is not None and not shipped:
        slips = sentence_keys(node, name)
        if slips:
            raise DataError("冒号用法有误，文字被当成了字段名", slips)
        warnings += comment_in_text(text, node, name)
    return YamlDocument(path=name, text=text, data=data, marks=builder.marks, warnings=warnings, root=node)


def _too_deep(text: str, name: str) -> DataError:
    """The refusal of a file nested too deeply for the recursive composer or builder."""
    return DataError("YAML 文件过于复杂", [Problem(TOO_DEEP, _too_deep_place(text, name))])


def _too_deep_place(text: str, name: str) -> Place:
    """``file:line:col`` where nesting first goes deeper than MAX_DEPTH, found with PyYAML's iterative parser."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark  # always set by the parser
                    return Place(name, mark.line + 1, mark.column + 1) if mark else Place(name)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Place(name)


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    return "quoted scalar" in (exc.context or "") and "end of stream" in (exc.problem or "")


def _yaml_error_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if _unclosed_quote(exc):
        return "引号没有闭合：从这里开始的引号没有配对的结束引号"
    hints = {
        "could not find expected ':'": "缺少冒号“:”，或上一行的缩进不对",
        "mapping values are not allowed here": (
            "此处不能出现冒号“:”：若这一行是字段，它比上一行多缩进了，请与同级字段对齐；"
            "若文字中含冒号，请改用全角“：”或用引号把整段文字括起来"
        ),
        "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
        "did not find expected key": "缩进不一致，请检查本行与上一行的空格数",
        "found undefined alias": "引用了未定义的锚点（*名称）",
        "found unexpected end of stream": "引号没有闭合",
        "did not find expected '-' indicator": "列表项的缩进不一致",
        "expected <block end>, but found '-'": "列表项的缩进不一致",
        "expected <block end>": "缩进不一致：这一行与上面的同级字段没有对齐，请检查行首的空格数",
        "expected the node content": "缺少内容，或引号、括号没有闭合",
        "found unknown escape character": "双引号中的反斜杠“\\”用法不对，可改用单引号",
        "found unexpected ':'": "此处不能出现冒号“:”，请改用全角“：”或给整段文字加引号",
    }
    for english, chinese in hints.items():
        if english in problem:
            return chinese
    return f"YAML 语法错误，请检查本行和上一行的缩进、冒号和引号（解析器提示：{problem or exc}）"


class _Builder:
    """Turns composed nodes into plain data, recording marks and refusing what is not plain YAML."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.marks: dict[DataPath, Mark] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.chars = 0

    def _place(self, node: yaml.Node) -> Place:
        return Place(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: DataPath = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise DataError(
                "YAML 文件过于复杂",
                [Problem("引用（别名 *）展开后内容过多，已拒绝读取", self._place(node), path)],
            )
        if path not in self.marks:
            self.marks[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS and not (isinstance(node, yaml.ScalarNode) and node.tag == "!"):
            self.problems.append(
                Problem(f"不允许使用 YAML 标签 {node.tag}，请删除它", self._place(node), path)
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(Problem("字段名必须是文字", self._place(key_node), path))
                    continue
                key = key_node.value
                if key == "<<":
                    self.problems.append(Problem("不支持合并键 <<", self._place(key_node), path))
                    continue
                if key in out:
                    self.problems.append(
                        Problem(f"字段“{key}”重复出现，请只保留一个", self._place(key_node), path + (key,))
                    )
                    continue
                self.marks[path + (key, KEY)] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        # Plain null-like scalars mean "absent"; quoted ones are text.
        assert isinstance(node, yaml.ScalarNode)  # the composer makes scalar, sequence and mapping nodes only
        if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        self._count(node, path)
        return node.value

    def _count(self, node: yaml.ScalarNode, path: DataPath) -> None:
        """Charge the scalar's characters to the document's budget; refuse one field or document too long."""
        size = len(node.value)
        self.chars += size
        if size > MAX_FIELD_CHARS:
            raise DataError("文字过长", [Problem(
                f"这一项有 {size:,} 个字，超过了每项 {MAX_FIELD_CHARS:,} 字的上限（docs/limits.md）；请拆成几段",
                self._place(node), path)])
        if self.chars > MAX_DOCUMENT_CHARS:
            raise DataError("YAML 文件过于复杂", [Problem(
                f"全文（引用 * 展开后）超过 {MAX_DOCUMENT_CHARS:,} 字的上限（docs/limits.md），已拒绝读取；"
                "从这一项起超出", self._place(node), path)])

