"""Text files as users save them: UTF-8 with or without BOM, UTF-16, or GBK from Notepad and Excel."""

from __future__ import annotations

import codecs

from ..errors import DataError, Place, Problem


def decode_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Decode a text file from UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Returns the text and notes on what was assumed. Raises DataError when none fits.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), ["文件为 UTF-16 编码，已按 UTF-16 读取"]
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        # Notepad and Excel on Chinese Windows save as GBK; GB18030 is its superset.
        return raw.decode("gb18030"), ["文件不是 UTF-8 编码，已按 GBK/GB18030 读取；建议另存为 UTF-8"]
    except UnicodeDecodeError:
        pass
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise DataError(
        "无法识别文件编码",
        [Problem("文件既不是 UTF-8 也不是 GBK/GB18030 编码，请用记事本“另存为”UTF-8 后重试", Place(name, line))],
    )
