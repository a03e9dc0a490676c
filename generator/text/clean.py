"""Text helpers shared by every pipeline step: cleaning, widths, dates, the to-do marker."""

from __future__ import annotations

import datetime
import re

# XML 1.0 forbids these; Excel and PDF copies often carry them. \t and \n are legal.
ILLEGAL_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A lone surrogate half is no character at all: it comes from a wrongly decoded terminal or an escape such as
# "\\ud800". XML cannot carry it (lxml stops the document there, silently), so validation refuses it.
SURROGATES = re.compile("[\ud800-\udfff]")

def remove_illegal_chars(text: str) -> str:
    """Return *text* without characters that XML 1.0 cannot carry (a model built without validation included)."""
    return SURROGATES.sub("", ILLEGAL_XML_CHARS.sub("", text))


def repair_terminal_text(text: str, used_encoding: str | None) -> str:
    """Undo a wrong decoding of typed text: bytes a terminal sent in GBK but read as UTF-8.

    prompt_toolkit decodes keystrokes with the encoding Python believes stdin has and keeps undecodable bytes
    as surrogates (``surrogateescape``). On a Chinese Windows console or a GBK terminal that belief is often
    wrong; the original bytes are recovered and decoded with the system's encoding, then GB 18030 (a
    superset of GBK). Text that still cannot be decoded keeps its surrogates, which validation refuses.
    """
    if not SURROGATES.search(text):
        return text
    import locale

    try:
        raw = text.encode(used_encoding or "utf-8", "surrogateescape")
    except (UnicodeError, LookupError):
        return text
    for encoding in (locale.getpreferredencoding(False), "gb18030"):
        try:
            return raw.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    return text


def clean_text(text: str) -> str:
    """Normalise line ends, drop XML-illegal characters and outer white space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return remove_illegal_chars(text).strip()


def display_width(text: str) -> float:
    """Width of *text* in character cells: ASCII counts half, everything else one."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def format_date(value: datetime.date) -> str:
    """Return a date as 2024年3月5日 (GB/T 9704 7.3.5.4: no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"


# Marks a place the user still has to fill in (skeleton from `fzbg new`, "skip" in the wizard).
# It renders visibly and the checker reports it as an error, so it cannot slip into a sent report.
TODO_MARKER = "【待填写】"
