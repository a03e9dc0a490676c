"""Autosave: the wizard's answers live in the output YAML itself, written after every answer.

Writes go through a ruamel.yaml round-trip tree, so a user's hand edits and comments survive; each
write is atomic (temporary file in the same folder, then ``os.replace``). Before each write the file is
read again if someone changed it meanwhile, so edits made while the wizard waits are kept too.

What the flow *reads* is the plain data of :mod:`generator.load` (every scalar a string), i.e. exactly
what ``fzbg check`` and ``fzbg render`` will see.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import DataError, OutputError, Place, Problem
from ..load.encoding import decode_text
from ..load.yaml_file import parse_yaml, read_yaml
from ..model.metrics import METRIC_CATALOGUE, Metrics
from ..model.paths import DataPath
from ..model.report import Agency, Document, Part, Report, Section
from ..write.atomic import remove_stale_parts, write_text_atomic
from ..write.dump import is_plain_safe
from .questions import MISSING

HEADER = """法治政府建设年度报告数据文件（由 fzbg wizard 填报向导生成，可以用记事本或 WPS 直接修改）
继续填写或修改：fzbg wizard -o {name}
检查：fzbg check {name}        生成公文：fzbg render {name} -o 报告.docx
标有“【待填写】”的地方还需要补写内容。"""

# The loops the user has ended ("再添加一项？" answered no), kept as the file's last comment line so that
# a resumed wizard does not ask them again; a comment, so check and render never see it.
PROGRESS_PREFIX = "# 向导进度（fzbg wizard 自动维护，可删除）："

# Key order of each kind of mapping, so new keys land where a person would write them.
_ORDERS: dict[str, list[str]] = {
    "report": list(Report.model_fields),
    "agency": list(Agency.model_fields),
    "document": list(Document.model_fields),
    "part": list(Part.model_fields),
    "section": list(Section.model_fields),
    "metrics": list(Metrics.model_fields),
    "metric": ["value", "previous", "unit", "label"],
    "other": ["label", "value", "unit", "previous"],
}


def _order(path: DataPath) -> list[str]:
    shape = tuple("#" if isinstance(p, int) else p for p in path)
    if shape == ():
        return _ORDERS["report"]
    if shape in (("agency",), ("document",), ("metrics",)):
        return _ORDERS[shape[0]]
    if shape == ("parts", "#"):
        return _ORDERS["part"]
    if shape[:2] == ("parts", "#") and shape[-2:] == ("content", "#"):
        return _ORDERS["section"]
    if shape == ("metrics", "others", "#"):
        return _ORDERS["other"]
    if len(shape) == 2 and shape[0] == "metrics" and shape[1] in METRIC_CATALOGUE:
        return _ORDERS["metric"]
    return []


def _commented(value: Any) -> Any:
    """Plain dicts and lists as ruamel round-trip containers."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _commented(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    if isinstance(value, str) and not is_plain_safe(value):
        return SingleQuotedScalarString(value)  # e.g. "yes" or "2025-01-08": read back as text by any reader
    return value


def _put(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set *key*; a new key goes before the first existing key that the model orders after it."""
    if key in mapping:
        mapping[key] = value  # keeps the key's place and its comments
        return
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(key, len(order))
    position = len(mapping)
    for index, existing in enumerate(mapping):
        if rank.get(existing, len(order)) > mine:
            position = index
            break
    mapping.insert(position, key, value)


class AnswerStore:
    """The output YAML file, read and written answer by answer."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._yaml = YAML()
        self._yaml.width = 4096  # never fold a long Chinese paragraph
        self._yaml.indent(mapping=2, sequence=4, offset=2)
        self._text: str | None = None  # what the file held after our last read or write
        self.tree: CommentedMap = CommentedMap()
        self.data: dict[str, Any] = {}
        self.is_new = True
        self.progress: list[str] = []  # loops ended, in the order they were ended (PROGRESS_PREFIX)
        # A wizard killed while saving leaves a temporary file: tidy it now, not at the first answer.
        remove_stale_parts(self.path.parent, self.path.name)
        if self.path.exists():
            self._read(read_yaml(self.path).text)

    # -- reading ---------------------------------------------------------------------------------

    def get(self, path: DataPath, default: Any = MISSING) -> Any:
        """The value at *path* in the plain data, or *default* when absent."""
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return default
        return node

    def has(self, path: DataPath) -> bool:
        """True when *path* is present (even with an empty value)."""
        return self.get(path) is not MISSING

    # -- writing ---------------------------------------------------------------------------------

    def set(self, path: DataPath, value: Any) -> None:
        """Store *value* at *path* (creating mappings on the way) and save."""

        def change(tree: CommentedMap) -> None:
            parent = self._container(tree, path[:-1])
            key = path[-1]
            if isinstance(parent, list):
                parent[key] = _commented(value)
            else:
                _put(parent, key, _commented(value), _order(path[:-1]))

        self._change(change, value)

    def insert(self, path: DataPath, index: int, value: Any) -> None:
        """Insert *value* at *index* of the list at *path* (created if absent) and save."""
        self._change(lambda tree: self._list(tree, path).insert(index, _commented(value)), value)

    def extend(self, path: DataPath, values: list[Any]) -> None:
        """Append *values* to the list at *path* (created if absent) with one save."""
        self._change(lambda tree: self._list(tree, path).extend(_commented(value) for value in values), values)

    def delete(self, path: DataPath) -> None:
        """Remove the key or list item at *path* (if present) and save."""

        def change(tree: CommentedMap) -> None:
            parent = self._container(tree, path[:-1])
            if (isinstance(parent, list) and path[-1] < len(parent)) or (
                isinstance(parent, dict) and path[-1] in parent
            ):
                del parent[path[-1]]

        if self.has(path):
            self._change(change)

    def save(self) -> None:
        """Write the file even if nothing changed (e.g. on Ctrl-C before the first answer)."""
        self._change(lambda _tree: None)

    def mark_done(self, loop: str) -> None:
        """Record that the loop *loop* was ended, and save."""
        self._reload_if_edited()
        if loop not in self.progress:
            self.progress.append(loop)
            self._change(lambda _tree: None)

    # -- internals -------------------------------------------------------------------------------

    def _list(self, tree: CommentedMap, path: DataPath) -> CommentedSeq:
        parent = self._container(tree, path[:-1])
        if not isinstance(parent.get(path[-1]), list):
            _put(parent, path[-1], CommentedSeq(), _order(path[:-1]))
        seq: CommentedSeq = parent[path[-1]]  # ruamel loads every list as a CommentedSeq
        return seq

    def _container(self, tree: CommentedMap, path: DataPath) -> Any:
        node: Any = tree
        for depth, part in enumerate(path):
            if isinstance(node, list):
                node = node[part]
                continue
            if not isinstance(node.get(part), (dict, list)):
                _put(node, part, CommentedMap(), _order(path[:depth]))
            node = node[part]
        return node

    def _change(self, change: Callable[[CommentedMap], None], answer: Any = MISSING) -> None:
        """Apply *change* and save; *answer* is what the user just typed, shown if it cannot be saved."""
        self._reload_if_edited()
        if self.is_new:
            self.tree.yaml_set_start_comment(HEADER.format(name=self.path.name))
        change(self.tree)
        buffer = io.StringIO()
        self._yaml.dump(self.tree, buffer)
        text = buffer.getvalue()
        if not self.tree:  # an empty mapping dumps as "{}": keep only the comments
            text = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
        if self.progress:
            text += PROGRESS_PREFIX + "、".join(self.progress) + "\n"
        data = parse_yaml(text, str(self.path)).data
        try:
            write_text_atomic(self.path, text, force=True)
        except OutputError as exc:
            raise _not_saved(self.path, exc, answer) from None
        self._text = text
        self.data = data if isinstance(data, dict) else {}
        self.is_new = False

    def reload(self) -> None:
        """Read the file again if something else (``check --fix``, an editor) changed it."""
        self._reload_if_edited()

    def _reload_if_edited(self) -> None:
        if self._text is None or not self.path.exists():
            return
        current, _notes = decode_text(self.path.read_bytes(), str(self.path))
        if current != self._text:
            self._read(current)

    def _read(self, text: str) -> None:
        lines = text.splitlines(keepends=True)
        marks = [line for line in lines if line.startswith(PROGRESS_PREFIX)]
        self.progress = [loop for loop in marks[-1][len(PROGRESS_PREFIX):].strip().split("、") if loop] if marks else []
        full_text, text = text, "".join(line for line in lines if not line.startswith(PROGRESS_PREFIX))
        data = parse_yaml(text, str(self.path)).data
        if data is not None and not isinstance(data, dict):
            raise DataError(
                "这个文件不是报告数据文件",
                [Problem("文件内容应由“字段: 值”组成；请换一个文件名，或先修改这个文件", Place(str(self.path)))],
            )
        try:
            _, _, dash_offset = load_yaml_guess_indent(text)
            tree = self._yaml.load(text)
        except YAMLError as exc:  # parse_yaml accepted it, so this is rare
            raise DataError("无法读取文件", [Problem(f"YAML 格式错误：{exc}", Place(str(self.path)))]) from None
        if dash_offset == 0:  # keep a hand-written file's "- " flush with its key
            self._yaml.indent(mapping=2, sequence=2, offset=0)
        self.tree = tree if isinstance(tree, CommentedMap) else CommentedMap()
        self.data = data or {}
        self._text = full_text
        self.is_new = data is None  # empty or comments only: start afresh, with our header


def _not_saved(path: Path, exc: OutputError, answer: Any) -> OutputError:
    """The error for an answer that could not be saved: why, that the file still holds the earlier
    answers, and the answer itself, so that what the user typed is not lost with the process."""
    problems = list(exc.problems) or [Problem(exc.message, Place(str(path)))]
    problems.append(Problem("文件中仍是上一次保存的内容，之前的回答都在；处理好后重新运行同一命令即可接着填写", Place(str(path))))
    shown = _shown(answer)
    if shown:
        problems.append(Problem(f"刚才的回答没有保存，请先复制留存：\n{shown}", Place(str(path))))
    return OutputError("无法保存答案", problems)


def _shown(value: Any) -> str:
    """An answer as the user typed it: text as is, lists one item a line, a mapping as 键：值."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, dict):
        return "\n".join(f"{key}：{_shown(item)}" for key, item in value.items() if _shown(item))
    if isinstance(value, (list, tuple)):
        return "\n".join(text for text in (_shown(item) for item in value) if text)
    return str(value)
