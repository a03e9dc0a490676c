"""Traditional characters (mirror sites serve them) → simplified, with OpenCC.

OpenCC (Open Chinese Convert) is the converter of the field: phrase-level dictionaries, so 發/髮 and
乾/幹 come out right where a character table would not. It is applied to a whole document or not at all,
and only when traditional forms are a real share of its Han characters: a simplified report quoting one
traditional name is left as written.
"""

from __future__ import annotations

from typing import Union

from .notes import Line, Note

MIN_CHANGED = 5  # characters
MIN_SHARE = 0.01  # of the Han characters


def to_simplified(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """*lines* in simplified characters when the document is written in traditional ones, and a note."""
    converter = _converter()
    if converter is None:
        if any(_looks_traditional(line.text) for line in lines):
            return lines, [Note("source", "原文含繁体字，但未安装 OpenCC，未转换为简体：请运行 pip install opencc")]
        return lines, []
    converted = [Line(line.number, converter.convert(line.text)) for line in lines]
    changed = sum(a != b for old, new in zip(lines, converted, strict=True) for a, b in zip(old.text, new.text, strict=False))
    han = sum(1 for line in lines for ch in line.text if "\u4e00" <= ch <= "\u9fff")
    if changed < MIN_CHANGED or changed < MIN_SHARE * han:
        return lines, []
    where = [old.number for old, new in zip(lines, converted, strict=True) if old.text != new.text]
    note = Note("source", f"原文是繁体字：已用 OpenCC 转为简体（{changed} 字，{len(where)} 行），请核对人名、地名")
    return converted, [note]


class _Converter:
    def convert(self, text: str) -> str:  # pragma: no cover - the protocol of opencc.OpenCC
        raise NotImplementedError


def _converter() -> Union[_Converter, None]:
    try:
        import opencc
    except ImportError:
        return None
    converter: _Converter = opencc.OpenCC("t2s")
    return converter


_COMMON_TRADITIONAL = set("們關於對個與這為國會來時說後發經過還將進實現報單產機據黨設建區縣務職責護導員認識體處")


def _looks_traditional(text: str) -> bool:
    return sum(ch in _COMMON_TRADITIONAL for ch in text) >= 2
