"""Pydantic's errors as located Chinese problems: the messages of the one validation path."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import ValidationError

from ..errors import WARNING, Problem
from ..model.paths import KEY, DataPath
from ..text.clean import ILLEGAL_XML_CHARS, SURROGATES
from .fields import suggest_field

if typing.TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from . import Locator

# pydantic error type → Chinese message; {x} fields come from the error's ctx.
_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "bool_parsing": "应为 true（是）或 false（否）",
    "bool_type": "应为 true（是）或 false（否）",
    "string_type": "应为一段文字",
    "string_too_short": "不能为空",  # min_length 1; longer minimums: see _message
    "too_short": "至少需要 {min_length} 项",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为若干“字段: 值”",
    "model_type": "应为若干“字段: 值”",
    "model_attributes_type": "应为若干“字段: 值”",
    "enum": "取值只能是：{expected}",
    "literal_error": "取值只能是：{expected}",
    "date_parsing": "日期格式应为 2025-01-08 或 2025年1月8日",
    "date_from_datetime_parsing": "日期格式应为 2025-01-08 或 2025年1月8日",
    "date_type": "日期格式应为 2025-01-08 或 2025年1月8日",
    "date_from_datetime_inexact": "日期格式应为 2025-01-08 或 2025年1月8日",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "union_tag_invalid": "内容格式不对",
}


def all_text(data: Any) -> str:
    """Every string in *data*, keys too, joined by newlines: one search of a one-character pattern here (a
    newline matches neither below) tells whether a located walk has anything to find. The walks build a path
    for every value; most reports have nothing to find (a bulk run of 10,000 rows spent ~1 s in them)."""
    found: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return "\n".join(found)


def control_char_warnings(data: Any, locator: Locator, text: str | None = None) -> list[Problem]:
    """Warn about XML-illegal control characters, which validation silently removes. *text*: all_text(data)."""
    found: list[Problem] = []
    if not ILLEGAL_XML_CHARS.search(all_text(data) if text is None else text):
        return found

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, str) and ILLEGAL_XML_CHARS.search(value):
            found.append(Problem("含有不可见的控制字符，已删除", locator.place(path), path, locator.field(path),
                                 WARNING))

    walk(data, ())
    return found


def surrogate_problems(data: Any, locator: Locator, text: str | None = None) -> list[Problem]:
    """Errors for lone surrogate halves: no document can carry them, so nothing is written until they are gone.
    *text*: all_text(data)."""
    found: list[Problem] = []
    if not SURROGATES.search(all_text(data) if text is None else text):
        return found

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, path + (key,))
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, str):
            match = SURROGATES.search(value)
            if match:
                before = SURROGATES.sub("", value[max(0, match.start() - 12):match.start()])
                code = f"\\u{ord(match.group()):04x}"
                message = (f"含有无法保存的字符（{code}，在“{before}”之后）：多由终端编码不对或 \\u 转义写法造成，"
                           "请删除该处后重新输入")
                found.append(Problem(message, locator.place(path), path, locator.field(path)))

    walk(data, ())
    return found


def validation_problems(exc: ValidationError, data: Any, locator: Locator) -> list[Problem]:
    """Turn a pydantic ValidationError into located Chinese problems, in file order."""
    problems: list[Problem] = []
    for error in exc.errors():
        path = data_path(error["loc"], data)
        message = _message(error)
        if error["type"] == "extra_forbidden":
            key = path[-1]
            message = f"未知字段“{key}”"
            suggestion = suggest_field(key, path[:-1], data)
            if suggestion:
                message += f"，您是否想写“{suggestion}”？"
            path = path + (KEY,)
        if error["type"] == "string_type" and _value_at(data, path) is not None and isinstance(_value_at(data, path), dict):
            message += "（若文字以半角冒号“:”结尾或含“: ”，请改用全角“：”，或给整段文字加引号）"
        problems.append(Problem(message, locator.place(path), path, locator.field(path)))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _value_at(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def data_path(loc: DataPath, data: Any) -> DataPath:
    """Map a pydantic ``loc`` onto the data: drop union tags and validator names that are not keys."""
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, (dict, list)) and isinstance(part, str) and part not in ("paragraph", "chain", "section"):
            path.append(part)  # a missing or unknown key: keep it, it names the field
            node = None
    return tuple(path)


def _message(error: ErrorDetails) -> str:
    template = _MESSAGES.get(error["type"])
    if template is None:
        text = error.get("msg", "")
        # Our own validators raise ValueError with Chinese text: pydantic prefixes "Value error, ".
        return text.removeprefix("Value error, ") if text else "取值不对"
    ctx = dict(error.get("ctx") or {})
    if error["type"] == "string_too_short" and ctx.get("min_length", 1) > 1 and error.get("input"):
        return f"至少需要 {ctx['min_length']} 个字"
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ").replace("'", "").replace(", ", "、")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


