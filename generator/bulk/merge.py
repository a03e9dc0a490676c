"""BASE.yaml + one bureau's values → the bureau's report data.

BASE text may hold placeholders (``{{ 简称 }}``). They are compiled once, in a sandboxed Jinja
environment with StrictUndefined and no autoescape (the .docx render escapes for XML later; escaping
here too would print ``&amp;``). Only BASE strings are templates: a value from the spreadsheet or a
bureau's YAML that looks like ``{{ … }}`` is set into the data *after* rendering and stays text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union

from ..errors import DataError, Problem
from ..load.yaml_file import MAX_FIELD_CHARS, YamlDocument
from ..model.paths import DataPath
from .columns import ALIASES, display
from .models import SourceRecord

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

_TEMPLATE_MARKERS = ("{{", "{%", "{#")
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_UNDEFINED_ATTR = re.compile(r"has no attribute '([^']+)'")


def placeholder_environment() -> SandboxedEnvironment:
    """Sandboxed, strict, not escaping: placeholders in BASE text are filled with plain values.

    The environment is render/sandbox.py's: operators that make huge values are checked before they run
    and never folded at compile time; only the documented globals."""
    from ..render.sandbox import LimitedEnvironment

    return LimitedEnvironment(autoescape=False, keep_trailing_newline=True)


class BaseReport:
    """BASE.yaml with its placeholders compiled once; :meth:`build` makes one bureau's data."""

    def __init__(self, doc: YamlDocument) -> None:
        from jinja2 import TemplateSyntaxError, meta
        from jinja2.exceptions import SecurityError

        from ..render.sandbox import limit_message

        if not isinstance(doc.data, dict):
            raise DataError(
                "基础报告文件内容不对",
                [Problem("文件应由“字段: 值”组成（如 year: 2025），而不是空文件或一段文字", doc.place(()))],
            )
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.templates: dict[DataPath, Template] = {}
        self.variables: set[str] = set()  # every name the placeholders use
        # Templates that are only text and ``{{ name }}``: the names in output order. A missing one is
        # reported without rendering, as StrictUndefined would at the first missing name; a sheet of
        # 10,000 rows without a column otherwise spends most of its time building Jinja tracebacks.
        self.plain: dict[DataPath, list[str]] = {}
        # The same templates as their parts, (False, text) and (True, name): filled by joining the parts, what
        # Jinja's compiled code does for them (str() of each value), without a render context per template.
        self.parts: dict[DataPath, list[tuple[bool, str]]] = {}
        env = placeholder_environment()
        problems = []
        for path, text in _strings(self.data, ()):
            if not any(marker in text for marker in _TEMPLATE_MARKERS):
                continue
            try:
                ast = env.parse(text)
                self.templates[path] = env.from_string(ast)
            except TemplateSyntaxError as exc:
                problems.append(Problem(f"占位符写法有误：{_syntax_hint(exc)}", doc.place(path), path))
                continue
            except (RecursionError, MemoryError, OverflowError, SecurityError) as exc:  # 2,000 nested brackets
                message = limit_message(exc) or str(exc)
                problems.append(Problem(f"占位符无法使用：{message}", doc.place(path), path))
                continue
            used = meta.find_undeclared_variables(ast)
            self.variables |= used
            parts = _plain_parts(ast)
            if parts is not None and not used & set(env.globals):
                self.plain[path] = [text for is_name, text in parts if is_name]
                self.parts[path] = parts
        if problems:
            raise DataError("基础报告中的占位符有误", problems)

    def build(self, record: SourceRecord) -> tuple[dict[str, Any], list[tuple[DataPath, str]]]:
        """The bureau's data and its placeholder problems as (path in BASE, Chinese message)."""
        data = _copy(self.data)
        replaced: set[DataPath] = set()
        if record.overlay:
            deep_merge(data, record.overlay, (), replaced)
        for dotted, value in record.values.items():
            path = tuple(dotted.split("."))
            set_path(data, path, value)
            replaced.add(path)
        from ..render.sandbox import PLACEHOLDER_SECONDS, TemplateTimeout, deadline

        context = placeholder_context(data, record, self.variables)
        problems: list[tuple[DataPath, str]] = []
        current: DataPath = ()
        try:
            with deadline(PLACEHOLDER_SECONDS):  # all of one bureau's placeholders (docs/limits.md)
                for current, template in self.templates.items():
                    if any(current[:i] in replaced for i in range(1, len(current) + 1)):
                        continue  # the bureau gave its own value here: no placeholder to fill
                    missing = next((n for n in self.plain.get(current, ()) if n not in context), None)
                    if missing is not None:
                        problems.append((current, undefined_message(missing, record)))
                        continue
                    parts = self.parts.get(current) if current in self.plain else None
                    try:
                        text = (template.render(context) if parts is None
                                else "".join(str(context[part]) if is_name else part for is_name, part in parts))
                    except TemplateTimeout:
                        raise
                    except Exception as exc:  # noqa: BLE001 - every template error becomes a message
                        problems.append((current, _render_error(exc, record)))
                        continue
                    if len(text) > MAX_FIELD_CHARS:  # filled in, the text is a field like any other (docs/limits.md)
                        problems.append((current, f"占位符填入后这一项有 {len(text):,} 个字，超过了每项 {MAX_FIELD_CHARS:,} 字的上限"))
                        continue
                    set_path(data, current, text)
        except TemplateTimeout as exc:  # the rest of this bureau's placeholders are not tried: it fails anyway
            problems.append((current, f"占位符无法计算：{exc}"))
        return data, problems


def placeholder_context(data: dict[str, Any], record: SourceRecord, names: set[str]) -> dict[str, Any]:
    """Values of the placeholder *names* BASE uses: extra columns (辖区), column names and aliases
    (机关全称, 行政处罚决定), or the data itself (``agency.name``). Names without a value are left out."""
    headers = {header: dotted for dotted, header in record.headers.items()}
    context: dict[str, Any] = {}
    for name in names:
        if name in record.variables:
            value = record.variables[name]
            context[name] = value if isinstance(value, (dict, list)) else display(value)
            continue
        path = ALIASES.get(name) or headers.get(name)
        value = get_path(data, tuple(path.split("."))) if path else data.get(name)
        if value is not None:
            context[name] = _displayed(value)
    return context


def _displayed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _displayed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_displayed(item) for item in value]
    return display(value) if value is not None else None


def _render_error(exc: Exception, record: SourceRecord) -> str:
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    from ..render.sandbox import limit_message

    limit = limit_message(exc)
    if limit:
        return f"占位符无法计算：{limit}"
    if isinstance(exc, UndefinedError):
        text = str(exc)
        match = _UNDEFINED_NAME.search(text) or _UNDEFINED_ATTR.search(text)
        return undefined_message(match.group(1) if match else text, record)
    if isinstance(exc, SecurityError):
        return "占位符中含有不允许的操作（只能引用数据，不能调用程序功能）"
    return f"占位符无法计算：{type(exc).__name__}: {exc}"


def undefined_message(name: str, record: SourceRecord) -> str:
    """The bureau's problem when placeholder *name* has no value, saying where the value should be."""
    if name in record.empty_columns:
        where = f"本行“{name}”列为空"
    elif record.overlay is not None:
        where = f"请在本单位的文件中填写，或在 vars: 下给出“{name}”"
    else:
        where = f"表格中没有“{name}”列，或该列为空"
    return f"占位符 {{{{ {name} }}}} 没有值：{where}"


def _plain_parts(ast: Any) -> Union[list[tuple[bool, str]], None]:
    """A template made only of text and ``{{ name }}`` outputs as its parts in order, (False, text as Jinja
    lexed it) and (True, name); else None."""
    from jinja2 import nodes

    parts: list[tuple[bool, str]] = []
    for node in ast.body:
        if not isinstance(node, nodes.Output):
            return None
        for child in node.nodes:
            if isinstance(child, nodes.Name) and child.ctx == "load":
                parts.append((True, child.name))
            elif isinstance(child, nodes.TemplateData):
                parts.append((False, child.data))
            else:
                return None
    return parts


def _syntax_hint(exc: Exception) -> str:
    message = getattr(exc, "message", "") or str(exc)
    if "unexpected '}'" in message or "unexpected end of template" in message:
        return "“{{”与“}}”没有配对"
    if "unexpected char" in message:
        return f"占位符中有不认识的字符（{message}）；占位符只能是名称，如 {{{{ 简称 }}}}"
    return message


# --- nested data --------------------------------------------------------------------------------


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


def _copy(value: Any) -> Any:
    """Copy the containers; the leaves (strings) are immutable and shared."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def deep_merge(target: dict[str, Any], overlay: dict[str, Any], path: DataPath, replaced: set[DataPath]) -> None:
    """Merge *overlay* into *target*: mappings key by key, everything else (lists too) replaces."""
    for key, value in overlay.items():
        here = path + (key,)
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_merge(target[key], value, here, replaced)
        else:
            target[key] = _copy(value)
            replaced.add(here)


def get_path(data: Any, path: DataPath) -> Any:
    """The value at *path*, or None. ``metrics.x.value`` also finds the shorthand ``metrics.x: 12``."""
    node = data
    for i, key in enumerate(path):
        if isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        elif key == "value" and i == len(path) - 1 and node is not None and not isinstance(node, (dict, list)):
            return node
        else:
            return None
    return node


def set_path(data: dict[str, Any], path: DataPath, value: Any) -> None:
    """Set *value* at *path*, creating mappings on the way (``metrics.x: 12`` becomes ``{value: 12}``)."""
    node: Union[dict[str, Any], list[Any]] = data
    for key in path[:-1]:
        if isinstance(node, list):
            node = node[key]
            continue
        child = node.get(key)
        if not isinstance(child, (dict, list)):
            child = {} if child is None else {"value": child}
            node[key] = child
        node = child
    node[path[-1]] = value


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path)
