"""Step 2 of the pipeline: plain data → :class:`Report`, every problem located and in Chinese."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem
from ..load.yaml_file import KEY, DataPath, YamlDocument
from ..model.report import Chain, ChainItem, Report, Section
from ..text.clean import ILLEGAL_XML_CHARS

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


def report_from_yaml(doc: YamlDocument) -> tuple[Report, list[Problem]]:
    """Validate a loaded YAML document. Returns the report and warnings; raises DataError."""
    if not isinstance(doc.data, dict):
        raise DataError(
            "数据文件内容不对",
            [Problem(doc.place(()), "", "文件应由“字段: 值”组成（如 year: 2024），而不是空文件或一段文字")],
        )
    warnings = [Problem(doc.path, "", note, "warning") for note in doc.notes] + list(doc.warnings)
    warnings += control_char_warnings(doc.data, doc.place)
    try:
        report = Report.model_validate(doc.data)
    except ValidationError as exc:
        raise DataError("数据有误，请按下列位置修改", validation_problems(exc, doc.data, doc.place)) from None
    return report, warnings


def report_from_data(data: dict, place_prefix: str = "<数据>") -> Report:
    """Validate plain data that has no source positions (wizard answers, spreadsheet rows)."""
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise DataError(
            "数据有误", validation_problems(exc, data, lambda path: place_prefix)
        ) from None


def control_char_warnings(data: Any, place: typing.Callable[[DataPath], str]) -> list[Problem]:
    """Warn about XML-illegal control characters, which validation silently removes."""
    found: list[Problem] = []

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, str) and ILLEGAL_XML_CHARS.search(value):
            found.append(Problem(place(path), dotted(path), "含有不可见的控制字符，已删除", "warning"))

    walk(data, ())
    return found


def validation_problems(exc: ValidationError, data: Any, place: typing.Callable[[DataPath], str]) -> list[Problem]:
    """Turn a pydantic ValidationError into located Chinese problems, in file order."""
    problems = []
    for error in exc.errors():
        path = data_path(error["loc"], data)
        message = _message(error)
        if error["type"] == "extra_forbidden":
            key = path[-1]
            message = f"未知字段“{key}”"
            suggestion = _suggest(key, path[:-1], data)
            if suggestion:
                message += f"，您是否想写“{suggestion}”？"
            path = path + (KEY,)
        if error["type"] == "string_type" and _value_at(data, path) is not None and isinstance(_value_at(data, path), dict):
            message += "（若文字以半角冒号“:”结尾或含“: ”，请改用全角“：”，或给整段文字加引号）"
        problems.append((path, Problem(place(path), dotted(path), message)))
    return [problem for _, problem in sorted(problems, key=lambda item: _file_order(item[1].place))]


def _value_at(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _file_order(place: str) -> tuple[int, int]:
    parts = place.rsplit(":", 2)
    try:
        return int(parts[1]), int(parts[2])
    except (IndexError, ValueError):
        return (0, 0)


def data_path(loc: tuple, data: Any) -> DataPath:
    """Map a pydantic ``loc`` onto the data: drop union tags and validator names that are not keys."""
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, (dict, list)) and isinstance(part, str) and part not in ("paragraph", "chain", "section"):
            path.append(part)  # a missing or unknown key: keep it, it names the field
            node = None
    return tuple(path)


def dotted(path: DataPath) -> str:
    """``parts.0.heading`` style name of a data path."""
    return ".".join(str(p) for p in path if p != KEY)


def _message(error: dict) -> str:
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


def _suggest(key: Any, parent: DataPath, data: Any) -> str | None:
    fields = allowed_fields(parent, data)
    matches = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.6)
    return matches[0] if matches else None


def allowed_fields(path: DataPath, data: Any) -> list[str]:
    """Field names the model accepts at the mapping found at *path* (for "did you mean")."""
    model: Any = Report
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        if isinstance(part, int):
            model = _item_type(model)
        else:
            model = _field_type(model, part)
        if model is _BLOCK:
            model = Chain if isinstance(node, dict) and "chain" in node else Section
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


_BLOCK = object()  # marker: a content block whose model depends on its keys


def _field_type(model: Any, name: str) -> Any:
    if isinstance(model, type) and issubclass(model, BaseModel) and name in model.model_fields:
        return _unwrap(model.model_fields[name].annotation)
    return None


def _item_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return _unwrap(args[0]) if args else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional; keep list[...] for _item_type; mark content blocks."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        members = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
        if Section in members or Chain in members:
            return _BLOCK
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        return models[0] if models else (members[0] if members else None)
    if origin is list:
        item = typing.get_args(annotation)[0]
        inner = _unwrap(item)
        return list[inner] if inner is not _BLOCK else list[Section]  # resolved per item
    if annotation is ChainItem:
        return ChainItem
    return annotation
