"""Plain data → readable YAML text: block style, Chinese as is, quotes only where YAML would misread.

The output is meant to be opened in Notepad or WPS by a civil servant, so it avoids flow style and
escapes, keeps the key order of the model, and can carry comments. Every string that a YAML 1.1 or 1.2
reader could take for something else (a number, a date, yes/no/on/off, null, a leading zero, a key
because of ``:``, a comment because of ``#``) is quoted, so the text reads back exactly through
:func:`generator.load.parse_yaml` and through ``yaml.safe_load``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

import yaml
from pydantic import BaseModel

# A path into the data: keys and list indexes, as in generator.load.DataPath.
KeyPath = tuple[Any, ...]
Comments = Mapping[KeyPath, Sequence[str]]

INDENT = 2

# Characters YAML accepts unescaped (YAML 1.1 §5.1), minus the ones PyYAML treats as line breaks.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Anything made only of digits, signs, dots, separators and exponents could be read as a number,
# a date or a time by some YAML reader (leading zeros, 1_000, 1:20, 2024-01-08, 1e3, 0x1F …).
_NUMBER_LIKE = re.compile(r"[-+.]?[0-9][0-9a-fA-FxXoObB_.:,/eE+\- ]*|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")
_WORDS = {"y", "Y", "n", "N", "~", "null", "Null", "NULL", "<<", "="}


class _Resolver(Protocol):
    """PyYAML's implicit-tag resolver, which its stubs leave untyped."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str: ...


_RESOLVER: _Resolver = yaml.resolver.Resolver()


def dump_yaml(
    data: Any,
    comments: Comments | None = None,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
) -> str:
    """Return *data* (dicts, lists, scalars, models) as block-style YAML text.

    *comments* maps a data path (``("parts", 0)`` or ``("document", "number")``) to comment lines
    written just above that item or key; *header* and *footer* are comment lines around the whole.
    Comment lines are given without the leading ``#``.
    """
    comments = comments or {}
    lines = [_comment(text, 0) for text in header]
    if lines:
        lines.append("")
    data = plain(data)
    if isinstance(data, Mapping) and data:
        lines += _mapping(data, 0, (), comments)
    elif isinstance(data, list) and data:
        lines += _sequence(data, 0, (), comments)
    else:
        lines.append(scalar(data) or "~")
    if footer:
        lines.append("")
        lines += [_comment(text, 0) for text in footer]
    return "\n".join(lines) + "\n"


def plain(value: Any) -> Any:
    """Turn models, enums and tuples into dicts, strings and lists; leave other values alone."""
    if isinstance(value, BaseModel):
        return model_data(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def model_data(model: BaseModel) -> dict[str, Any]:
    """Plain data of *model* in field order, leaving out optional fields that hold their default."""
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            if _same(value, default):
                continue
        out[name] = plain(value)
    return out


def _same(value: Any, default: Any) -> bool:
    try:
        return bool(value == default) and type(value) is type(default)
    except Exception:  # noqa: BLE001 - exotic values: keep them
        return False


def scalar(value: Any) -> str:
    """One scalar as YAML text: plain when it reads back unchanged, quoted otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return scalar(value.value)
    text = str(value)
    if is_plain_safe(text):
        return text
    if _PRINTABLE.fullmatch(text) and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def is_plain_safe(text: str) -> bool:
    """True when *text* can be written without quotes and still read back as the same string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if not _PRINTABLE.fullmatch(text) or "\t" in text:
        return False
    if ":" in text or "#" in text or text in _WORDS or _NUMBER_LIKE.fullmatch(text):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag == "tag:yaml.org,2002:str"


def double_quoted(text: str) -> str:
    """*text* as a double-quoted YAML scalar, escaping only what YAML cannot carry as is."""
    out = ['"']
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
    for ch in text:
        if ch in escapes:
            out.append(escapes[ch])
        elif _PRINTABLE.fullmatch(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02X}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    out.append('"')
    return "".join(out)


def _literal_ok(text: str) -> bool:
    """A multi-line string that a ``|-`` block keeps exactly."""
    if "\n" not in text or text.endswith("\n") or text.startswith((" ", "\n")):
        return False
    lines = text.split("\n")
    return all(_PRINTABLE.fullmatch(line) and line == line.rstrip() for line in lines)


def _comment(text: str, indent: int) -> str:
    pad = " " * indent
    return f"{pad}# {text}".rstrip() if text else f"{pad}#"


def _value_lines(value: Any, indent: int, path: KeyPath, comments: Comments) -> tuple[str, list[str]]:
    """What follows ``key:`` or ``-`` on the same line, and the lines below it."""
    if isinstance(value, Mapping) and value:
        return "", _mapping(value, indent + INDENT, path, comments)
    if isinstance(value, list) and value:
        return "", _sequence(value, indent + INDENT, path, comments)
    if isinstance(value, Mapping):
        return "{}", []
    if isinstance(value, list):
        return "[]", []
    if isinstance(value, str) and _literal_ok(value):
        pad = " " * (indent + INDENT)
        return "|-", [pad + line if line else "" for line in value.split("\n")]
    return scalar(value), []


def _mapping(data: Mapping[str, Any], indent: int, path: KeyPath, comments: Comments) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        here = path + (key,)
        lines += [_comment(text, indent) for text in comments.get(here, ())]
        inline, below = _value_lines(value, indent, here, comments)
        lines.append(f"{pad}{scalar(key)}:" + (f" {inline}" if inline else ""))
        lines += below
    return lines


def _sequence(data: list[Any], indent: int, path: KeyPath, comments: Comments) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for i, item in enumerate(data):
        here = path + (i,)
        lines += [_comment(text, indent) for text in comments.get(here, ())]
        if isinstance(item, (Mapping, list)) and item:
            nested = _mapping(item, indent + INDENT, here, comments) if isinstance(item, Mapping) else (
                _sequence(item, indent + INDENT, here, comments)
            )
            # Comments on the first key go above the dash; the first key shares the dash's line.
            k = 0
            while nested[k].lstrip().startswith("#"):
                lines.append(pad + nested[k].lstrip())
                k += 1
            lines.append(f"{pad}- {nested[k].lstrip()}")
            lines += nested[k + 1 :]
        else:
            inline, below = _value_lines(item, indent, here, comments)
            lines.append(f"{pad}-" + (f" {inline}" if inline else ""))
            lines += below
    return lines
