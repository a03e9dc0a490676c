"""Builders of hostile files for test_hostile.py: zip bombs, lying zip headers, DTDs with external entities.

Everything is built in memory from real files (the shipped template, a rendered report, the bulk example
table) and written by the tests into pytest's tmp_path only.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "examples" / "minimal.yaml"
BULK_BASE = REPO / "examples" / "bulk" / "base.yaml"
BUREAUS = REPO / "examples" / "bulk" / "bureaus.xlsx"
BOMB_BYTES = 60 * 1024 * 1024  # 60 MB of zeros pack into ~60 KB (about 1000:1)

Edit = Callable[[bytes], bytes]


def rewrite_zip(data: bytes, parts: dict[str, Edit] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """*data* (a zip) with some entries edited and entries added, deflated like Word does."""
    parts = parts or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in parts:
                content = parts[info.filename](content)
            target.writestr(info.filename, content)  # a fresh ZipInfo: writestr updates the one it gets
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def template_bytes() -> bytes:
    from generator.render.docx import default_template_bytes

    return default_template_bytes()


def report_docx_bytes() -> bytes:
    """A real report as Word saves it: the minimal example rendered (what `fzbg import` reads)."""
    from generator.api import load_report
    from generator.render.docx import render_docx_bytes

    return render_docx_bytes(load_report(MINIMAL)[0])


# ---------------------------------------------------------------- DTDs


def xxe_dtd(root: str, secret: Path) -> str:
    """External entities: /etc/passwd and a secret file of the test's own (present on every system)."""
    return (f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            f'<!ENTITY secret SYSTEM "{secret.resolve().as_uri()}">]>')


def laughs_dtd(root: str) -> str:
    """The billion laughs: ten levels of ten references, 10^9 "lol" once expanded."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(levels)}]>"


def with_dtd(xml: bytes, dtd: str, anchor: str, reference: str, encoding: str = "utf-8") -> bytes:
    """*xml* with *dtd* after its XML declaration and *reference* right after the first *anchor*.

    With ``encoding="utf-16"`` the part is re-encoded (BOM included) and declares UTF-16, as a
    part written by some other program might.
    """
    text = xml.decode("utf-8")
    declaration = re.match(r"<\?xml[^>]*\?>", text)
    end = declaration.end() if declaration else 0
    text = text[:end] + dtd + text[end:]
    assert anchor in text, anchor
    text = text.replace(anchor, anchor + reference, 1)
    if encoding != "utf-8":
        text = re.sub(r"encoding=(['\"])UTF-8\1", 'encoding="UTF-16"', text, count=1, flags=re.IGNORECASE)
    return text.encode(encoding)


def docx_with_dtd(data: bytes, dtd: str, reference: str, encoding: str = "utf-8") -> bytes:
    """A .docx whose first body paragraph is preceded by a paragraph holding *reference* (&xxe; …)."""
    paragraph = f"<w:p><w:r><w:t>{reference}</w:t></w:r></w:p>"
    return rewrite_zip(data, {"word/document.xml": lambda xml: with_dtd(xml, dtd, "<w:body>", paragraph, encoding)})


def xlsx_with_dtd(data: bytes, dtd: str, reference: str) -> bytes:
    """The bulk table with *dtd* in its sheet and *reference* as the 机关全称 of its first bureau (A3)."""

    def edit(xml: bytes) -> bytes:
        text = dtd + xml.decode("utf-8")
        text, count = re.subn(r'(<c r="A3"[^>]*><is><t>)[^<]*', lambda m: m.group(1) + reference, text, count=1)
        assert count == 1
        return text.encode("utf-8")

    return rewrite_zip(data, {"xl/worksheets/sheet1.xml": edit})


# ---------------------------------------------------------------- zip bombs


def png() -> bytes:
    """A valid 1×1 grey PNG (a picture for a real-looking .docx)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def zeros(size: int = BOMB_BYTES) -> bytes:
    return bytes(size)


def lie_about_size(data: bytes, entry: str, declared: int) -> bytes:
    """*data* whose headers say *entry* unpacks to *declared* bytes (with a matching CRC of that prefix).

    A reader that trusts the headers (as Python's zipfile does) reads *declared* bytes, finds the CRC
    right and never learns that the deflate stream goes on for many megabytes more.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(entry)
        prefix = package.read(entry)[:declared]
    crc = zlib.crc32(prefix)
    patched = bytearray(data)
    assert patched[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", patched, info.header_offset + 14, crc)
    struct.pack_into("<I", patched, info.header_offset + 22, declared)
    position = patched.find(b"PK\x01\x02")
    while position != -1:
        length = struct.unpack_from("<H", patched, position + 28)[0]
        if bytes(patched[position + 46:position + 46 + length]) == entry.encode():
            struct.pack_into("<I", patched, position + 16, crc)
            struct.pack_into("<I", patched, position + 24, declared)
            return bytes(patched)
        position = patched.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{entry} not in the central directory")
