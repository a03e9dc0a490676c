"""Output file names from bureau names: safe on Windows, inside OUTDIR, unique."""

from __future__ import annotations

import re
import unicodedata

# Windows forbids these in names; / and \ would also make a path.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{p}{n}" for p in ("COM", "LPT") for n in "123456789¹²³"}
MAX_STEM = 80  # characters; keeps OUTDIR\name.docx well under Windows' 260-character path limit
MAX_STEM_BYTES = 200  # UTF-8 bytes, leaving room for "_10000.docx" under the 255-byte name limit
FALLBACK = "未命名单位"


def visible_text(name: str) -> str:
    """*name* in NFC without format (bidi overrides, zero-width), private-use and unassigned characters.

    Two names that look the same on screen must be the same name: "‮xcod.exe" or "海珠\u200b分局" would
    otherwise give files that display identically to different ones. The real name stays in 汇总.xlsx.
    """
    text = unicodedata.normalize("NFC", str(name))
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)


_INVISIBLE = {"Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # Cc (tabs, newlines) become "_" in safe_stem


def safe_stem(name: str) -> str:
    """A file name stem made from *name* that Windows, macOS and Linux all accept as a plain name."""
    text = visible_text(name)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.strip(". ")  # no leading dots (hidden, "..") and no trailing dots or spaces (Windows drops them)
    text = re.sub(r"_{2,}", "_", text)
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(". ")
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:  # Linux and macOS count a name's bytes (255 at most)
        text = text[:-1].rstrip(". ")
    if not text.strip("_"):
        return FALLBACK
    if text.split(".")[0].upper().rstrip(" ") in _RESERVED:
        text = "_" + text
    return text


class NameAllocator:
    """Hands out unique file names, compared as Windows does (case-insensitive).

    Each name remembers the last number it handed out: 10,000 rows of one name would otherwise try
    ``_2`` … ``_n`` again for every row (quadratic: 35 s at 10,000). Names are never given back, so every
    number below the remembered one is still taken and the result is the first free number, as before."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self._taken = {name.casefold() for name in taken}
        self._last: dict[str, int] = {}  # casefolded name.docx → last number tried for it
        self.probes = 0  # names tried, for the linear-time test

    def allocate(self, name: str, suffix: str) -> str:
        """``name.docx``, or ``name_2.docx`` … when that is taken already."""
        stem = safe_stem(name)
        candidate = stem + suffix
        key = candidate.casefold()
        number = self._last.get(key, 1)
        self.probes += 1
        while candidate.casefold() in self._taken:
            number += 1
            self.probes += 1
            candidate = f"{stem}_{number}{suffix}"
        self._last[key] = number
        self._taken.add(candidate.casefold())
        return candidate
