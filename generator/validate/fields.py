"""What a mapping in report data may hold: the field names for "您是否想写 …？" and for spreadsheet headers."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ..model.paths import DataPath
from ..model.report import Chain, ChainItem, Report, Section


def suggest_field(key: Any, parent: DataPath, data: Any) -> str | None:
    """The field name at *parent* closest to the unknown *key*, if one is close."""
    fields = allowed_fields(parent, data)
    import difflib  # here: only an unknown key needs it

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
        # GenericAlias(list, inner) is list[inner], spelt as a call since *inner* is a value, not a type.
        return types.GenericAlias(list, inner) if inner is not _BLOCK else list[Section]  # resolved per item
    if annotation is ChainItem:
        return ChainItem
    return annotation
