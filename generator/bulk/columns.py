"""Spreadsheet columns: header names and Chinese aliases → YAML paths, and cell values → data.

A column is named by a YAML path (``agency.name``, ``metrics.penalty_decisions.value``) or by one of
the Chinese aliases below (机关全称, 发文字号, 行政处罚决定 …). Any other header is a *variable*: it fills
nothing by itself but can be used as a placeholder (``{{ 辖区 }}``) in BASE.yaml.
docs/bulk.md lists the aliases for users; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Union

from ..load.yaml_file import MAX_FIELD_CHARS
from ..model.metrics import METRIC_CATALOGUE
from ..text.clean import format_date
from ..text.figures import NOT_FINITE, TOO_BIG, bounded, number_figure
from ..validate.fields import allowed_fields
from .models import Column

# dotted path → its Chinese column names; each is also a placeholder name ({{ 机关全称 }}).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "year": ("年度", "报告年度"),
    "agency.name": ("机关全称", "单位全称", "单位名称", "机关名称", "发文机关"),
    "agency.short_name": ("简称", "机关简称", "单位简称"),
    "agency.level": ("层级", "机关层级"),
    "agency.superior": ("主送机关", "上级机关"),
    "agency.mark": ("发文机关标志", "红头"),
    "document.number": ("发文字号", "文号"),
    "document.signer": ("签发人",),
    "document.date": ("成文日期", "发文日期"),
    "document.signature_name": ("落款署名", "署名"),
    "document.attachments": ("附件",),
    "document.copy_to": ("抄送", "抄送机关"),
    "document.printed_by": ("印发机关",),
    "document.printed_date": ("印发日期",),
    "title": ("标题",),
}

NUMBER_PATHS = {"year"}
DATE_PATHS = {"document.date", "document.printed_date"}
BOOL_PATHS = {"document.signature"}
LIST_PATHS = {"document.attachments", "document.copy_to", "opening"}
# Lists of structured items cannot come from one cell.
REFUSED_PATHS = {"parts", "metrics.others"}
LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
PREVIOUS_WORDS = ("上年", "去年")


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for path, names in FIELD_ALIASES.items():
        for name in names:
            aliases[normalise_header(name)] = path
    for key, (label, _unit) in METRIC_CATALOGUE.items():
        # 党委会、中心组学法 also as 党委会中心组学法, so it can be a placeholder name
        for name in dict.fromkeys((label, re.sub(r"\W", "", label))):
            aliases[normalise_header(name)] = f"metrics.{key}.value"
            for word in PREVIOUS_WORDS:
                aliases[normalise_header(name + word)] = f"metrics.{key}.previous"
                aliases[normalise_header(word + name)] = f"metrics.{key}.previous"
    return aliases


def normalise_header(text: str) -> str:
    """Header text as compared: NFKC (full-width → ASCII), every kind of space removed."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text)


ALIASES = _build_aliases()


def kind_of(path: str) -> str:
    """How a cell for *path* is read: text, number, date, bool or list."""
    if path in NUMBER_PATHS or (path.startswith("metrics.") and path.endswith((".value", ".previous"))):
        return "number"
    if path in DATE_PATHS:
        return "date"
    if path in BOOL_PATHS:
        return "bool"
    if path in LIST_PATHS:
        return "list"
    return "text"


_UNIT_SUFFIX = re.compile(r"^(.+?)\(([^()]*)\)$")


def resolve_header(header: str, letter: str) -> tuple[Column, Union[str, None]]:
    """Understand one header. Returns the column and a Chinese problem message (unknown path …) or None."""
    shown = str(header).strip()
    key = normalise_header(shown)
    path = ALIASES.get(key)
    if path is None:
        match = _UNIT_SUFFIX.match(key)  # 行政处罚决定(宗), 行政处罚决定(上年)
        if match:
            inner, suffix = match.groups()
            if suffix in PREVIOUS_WORDS:
                path = ALIASES.get(inner + suffix)
            else:
                path = ALIASES.get(inner)
    if path is None and _looks_like_path(key):
        path, problem = check_path(key)
        if problem:
            return Column(header=shown, letter=letter), problem
    variable = key if key.isidentifier() else None
    if path is None:
        return Column(header=shown, letter=letter, variable=variable), None
    return Column(header=shown, letter=letter, path=path, kind=kind_of(path), variable=variable), None


def _looks_like_path(key: str) -> bool:
    top = key.split(".", 1)[0]
    return "." in key or top in allowed_fields((), None)


def check_path(dotted: str) -> tuple[Union[str, None], Union[str, None]]:
    """Check a dotted YAML path against the report model. Returns (path, None) or (None, message)."""
    import difflib

    parts = dotted.split(".")
    if any(part == "" for part in parts):
        return None, f"“{dotted}”不是有效的字段路径（多了或少了“.”）"
    if any(part.isdigit() for part in parts):
        return None, "列不能指向列表中的某一项；请在 base.yaml 的文字中用占位符（如 {{ 列名 }}）引用本列"
    for i, part in enumerate(parts):
        allowed = allowed_fields(tuple(parts[:i]), None)
        if not allowed:
            return None, f"“{'.'.join(parts[:i])}”下面没有字段，列名应为“{'.'.join(parts[:i])}”"
        if part not in allowed:
            message = f"未知字段“{'.'.join(parts[: i + 1])}”"
            guess = difflib.get_close_matches(part, allowed, n=1, cutoff=0.6)
            if guess:
                message += f"，您是否想写“{'.'.join(parts[:i] + [guess[0]])}”？"
            return None, message
    if dotted in REFUSED_PATHS:
        return None, f"“{dotted}”是多项内容的列表，不能放在一个单元格里；请写在 base.yaml 或各单位的 YAML 文件中"
    if allowed_fields(tuple(parts), None):
        if len(parts) == 2 and parts[0] == "metrics":
            return dotted + ".value", None  # metrics.penalty_decisions is shorthand for its value
        return None, f"“{dotted}”包含多个字段，请写到具体字段，如“{dotted}.{allowed_fields(tuple(parts), None)[0]}”"
    return dotted, None


# --- cell values ---------------------------------------------------------------------------------

HUGE_CELL = 10**40  # far above any figure (text/figures.py) and far below 4,300 digits
_ZERO_PADDED = re.compile(r"^0+$")
_TRUE = {"是", "true", "yes", "y", "1", "对", "落款"}
_FALSE = {"否", "false", "no", "n", "0", "不", "不落款"}


def coerce(value: Any, kind: str, number_format: str = "General") -> tuple[Any, Union[str, None]]:
    """Turn a cell value into data for a column of *kind*. Returns (value, problem message or None).

    ``None`` means "no value": the BASE value stays. Text stays text (leading zeros kept); numbers
    stored as text are left for the model, which reads 1,200 and １２００ and rejects the rest clearly.
    """
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None, None
        if len(value) > MAX_FIELD_CHARS:  # the same bound as a field of a YAML file (docs/limits.md)
            return None, f"单元格有 {len(value):,} 个字，超过了每项 {MAX_FIELD_CHARS:,} 字的上限；请拆成几段写在 base.yaml 中"
    if value is None:
        return None, None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= HUGE_CELL:
        return None, TOO_BIG  # openpyxl reads a cell of 5,000 digits as an int; str() of it would fail
    if isinstance(value, float) and not math.isfinite(value):
        return None, NOT_FINITE
    if kind == "number":
        return _number(value, number_format)
    if kind == "date":
        return _date(value)
    if kind == "bool":
        return _bool(value)
    if kind == "list":
        text = display(value, number_format)
        return [item.strip() for item in LIST_SEPARATORS.split(text) if item.strip()], None
    return display(value, number_format), None


def _number(value: Any, number_format: str) -> tuple[Any, Union[str, None]]:
    if isinstance(value, bool):
        return None, "应为数字，而不是“是/否”"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return None, "应为数字，但单元格是日期格式（Excel 常把 1-2 之类自动改成日期）；请把单元格设为“常规”后重填"
    if isinstance(value, (int, float)):
        try:
            number = number_figure(value)  # NaN, 1e308 and 5,000-digit ints refused here, with their cell
            if "%" in number_format:  # 98.5% is stored as 0.985
                number = bounded(number * 100)
        except ValueError as exc:
            return None, str(exc)
        return _plain(number), None
    return value, None  # text: the model reads 1,200 / ５６ / 98.5% and names what it cannot


def _plain(number: Decimal) -> Union[int, Decimal]:
    number = number.normalize()
    return int(number) if number == number.to_integral_value() else number


def _date(value: Any) -> tuple[Any, Union[str, None]]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel date serial in a cell formatted as a number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value)), None
        value = str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):  # 2026-01-15, 2026年1月15日, 20260115: read by the model, as in a YAML file
        return value, None
    return None, "应为日期，如 2026-01-15 或 2026年1月15日"


def _bool(value: Any) -> tuple[Any, Union[str, None]]:
    if isinstance(value, bool):
        return value, None
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip().lower()
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return None, f"应填“是”或“否”，而不是“{value}”"


def display(value: Any, number_format: str = "General") -> str:
    """A value as text in a report: 1200, 98.5, 2026年1月15日, 甲、乙."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (int, float, Decimal)):
        try:
            number = _plain(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
        if isinstance(number, int) and _ZERO_PADDED.match(number_format or ""):
            return str(number).zfill(len(number_format))  # a code formatted 0000 keeps its zeros
        return format(number, "f") if isinstance(number, Decimal) else str(number)
    if isinstance(value, list):
        return "、".join(display(item) for item in value)
    return str(value)
