"""Checks on a zip package (.docx, .xlsx) before any library unpacks or parses it.

Word, WPS and Excel files are zip packages of XML parts. A hostile one can be a zip bomb (a small file
that unpacks to gigabytes, or whose headers understate what comes out), carry entry names that climb out
of a folder (``../``), or hold an XML part with a DTD: external entities (XXE, reading local files) and
nested internal entities ("billion laughs"). Office programs never write a DTD into a package part, so a
``<!DOCTYPE`` or ``<!ENTITY`` anywhere is refused outright instead of trusting each XML parser's settings.

Every entry is inflated here with zlib straight from its raw bytes, so the size counted is what really
comes out, whatever the headers claim; the count stops at the limit, so a bomb costs at most that much.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import DataError, Place, Problem

MB = 1024 * 1024
_CHUNK = MB


@dataclass(frozen=True)
class Limits:
    """What a package of one kind may hold. ``what`` names the kind in messages (模板, Word 文档…)."""

    what: str
    not_zip: str  # the message for a file that is not a zip at all
    max_file: int
    max_unpacked: int
    max_entries: int = 2000
    # Uncompressed / compressed, for entries over ratio_floor. Deflate tops out near 1030:1 (what zeros
    # give); repetitive but real XML (20,000 identical paragraphs) reaches ~270:1.
    max_ratio: int = 500
    ratio_floor: int = MB


# A picture-heavy report .docx can be tens of MB; pictures barely compress, so unpacked ≈ packed.
WORD = Limits("Word 文档", "不是有效的 .docx 文件（文件已损坏，或只是改了扩展名）",
              max_file=100 * MB, max_unpacked=300 * MB, max_entries=5000)
# The bureau table: 10,000 rows of 20 columns is ~6 MB of sheet XML; openpyxl holds every cell in memory.
EXCEL = Limits("Excel 文件",
               "不是有效的 .xlsx 文件（设置了打开密码的请先取消密码；.xls 请在 Excel 中另存为 .xlsx）",
               max_file=50 * MB, max_unpacked=100 * MB, max_entries=5000)

# What starts a DTD, in every encoding an XML parser detects without being told. A part that declares
# another encoding (GBK, UTF-7…) is also decoded and searched as text, below.
_DTD_WORDS = ("<!DOCTYPE", "<!ENTITY")
_UNTOLD = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DTD_BYTES = tuple(word.encode(encoding) for word in _DTD_WORDS for encoding in _UNTOLD)
_OVERLAP = max(len(p) for p in _DTD_BYTES) - 1
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC, which libxml2 recognises on its own
_DECLARED = re.compile(r"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']""")
_HEAD = 512  # bytes looked at for an XML declaration


class _Refused(Exception):
    """One problem found while streaming an entry: stop at once."""


def check_package(source: bytes | Path, name: str, limits: Limits, title: str) -> None:
    """Raise DataError(*title*) naming *name* when the package *source* is not safe to open."""
    problems = package_problems(source, name, limits)
    if problems:
        raise DataError(title, problems)


def package_problems(source: bytes | Path, name: str, limits: Limits) -> list[Problem]:
    """The problems of a zip package given as bytes or a path (empty when it is safe to open).

    A path that cannot be read raises OSError, so the caller words it for its own command.
    """
    handle: BinaryIO
    if isinstance(source, (bytes, bytearray)):
        size, handle = len(source), io.BytesIO(source)
    else:
        size, handle = Path(source).stat().st_size, open(source, "rb")  # noqa: SIM115 - closed below
    with handle:
        try:
            if size > limits.max_file:
                raise _Refused(f"文件过大（{size // MB} MB），不像{_normal(limits)}，拒绝使用")
            try:
                package = zipfile.ZipFile(handle)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
                raise _Refused(limits.not_zip) from None
            with package:
                _check_entries(package.infolist(), limits)
                total = 0
                for info in package.infolist():
                    total += _check_content(handle, info, limits, limits.max_unpacked - total)
        except _Refused as refusal:
            return [Problem(str(refusal), Place(name))]
        except (zipfile.BadZipFile, EOFError, zlib.error, struct.error) as exc:
            return [Problem(f"文件已损坏或已加密，无法读取（{exc}）", Place(name))]
    return []


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """What the central directory says: count, names, encryption, method, declared sizes."""
    if len(infos) > limits.max_entries:
        raise _Refused(f"文件内部条目过多（{len(infos)} 个），不像{_normal(limits)}")
    seen: set[str] = set()
    declared = 0
    for info in infos:
        entry = info.filename
        if entry.startswith("/") or "\\" in entry or ".." in entry.split("/") or re.match(r"^[A-Za-z]:", entry):
            raise _Refused(f"文件内部含有不安全的路径“{entry}”，拒绝使用")
        if entry in seen:  # two entries of one name: programs disagree about which one counts
            raise _Refused(f"文件内部有两个同名的“{entry}”（文件已损坏或被改动过），拒绝使用")
        seen.add(entry)
        if info.flag_bits & 0x1:
            raise _Refused(f"文件内部“{entry}”已加密：请在 Word、WPS 或 Excel 中取消密码后重新保存")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refused(f"文件内部“{entry}”使用了 Office 软件不会使用的压缩方式，拒绝使用")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _Refused(f"文件内部“{entry}”压缩比异常（疑似压缩炸弹），拒绝使用")
        declared += info.file_size
        if declared > limits.max_unpacked:
            raise _Refused(_too_big(limits))


def _too_big(limits: Limits) -> str:
    return f"解压后超过 {limits.max_unpacked // MB} MB，不像{_normal(limits)}，拒绝使用"


def _normal(limits: Limits) -> str:
    """正常的模板 / 正常的 Word 文档: a space between Chinese and a Latin word, as in the other messages."""
    return f"正常的 {limits.what}" if limits.what[:1].isascii() else f"正常的{limits.what}"


def _check_content(handle: BinaryIO, info: zipfile.ZipInfo, limits: Limits, budget: int) -> int:
    """Inflate one entry, counting and scanning; return its real size. The headers are not trusted."""
    entry = info.filename
    size, crc = 0, 0
    head: bytes | None = b""  # the first bytes, until the encoding is decided (then None)
    tail = b""
    decoder = None  # an incremental decoder, for a part that declares an encoding other than UTF-8/16/32
    text_tail = ""
    for chunk in _inflated(handle, info):
        size += len(chunk)
        if size > info.file_size:
            raise _Refused(f"文件内部“{entry}”解压后比记录的大小大（疑似压缩炸弹），拒绝使用")
        if size > budget:
            raise _Refused(_too_big(limits))
        crc = zlib.crc32(chunk, crc)
        window = tail + chunk
        if any(word in window for word in _DTD_BYTES):
            raise _Refused(_dtd_message(entry))
        tail = window[-_OVERLAP:]
        if head is not None:
            head += chunk  # everything so far
            if len(head) < _HEAD and size < info.file_size:
                continue
            decoder = _decoder_for(head[:_HEAD], entry)
            chunk, head = head, None  # what came so far goes through the decoder once
        if decoder is not None:
            text = text_tail + decoder.decode(chunk)
            if any(word in text for word in _DTD_WORDS):
                raise _Refused(_dtd_message(entry))
            text_tail = text[-_OVERLAP:]
    if size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"“{entry}”的内容与记录不符")
    return size


def _dtd_message(entry: str) -> str:
    return (f"文件内部“{entry}”含有 DTD 声明（<!DOCTYPE 或 <!ENTITY）：Word、WPS 和 Excel 不会写入这种内容，"
            "可能是被恶意构造的文件，拒绝使用")


def _decoder_for(head: bytes, entry: str) -> codecs.IncrementalDecoder | None:
    """A decoder when the part declares an encoding the byte patterns cannot see through, else None."""
    if head.startswith(_EBCDIC_XML):
        raise _Refused(f"文件内部“{entry}”使用了 Office 软件不会使用的文字编码（EBCDIC），拒绝使用")
    base = "utf-8"
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                          (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"),
                          (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be")):
        if head.startswith(bom):
            base = encoding
            break
    match = _DECLARED.match(head.decode(base, errors="ignore").lstrip("\ufeff"))
    if not match:
        return None
    try:
        declared = codecs.lookup(match.group(1))
        "<".encode(declared.name)  # LookupError for codecs that are not text encodings (base64…)
    except LookupError:
        raise _Refused(f"文件内部“{entry}”声明了无法识别的文字编码“{match.group(1)}”，拒绝使用") from None
    if declared.name.replace("_", "-") in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                           "utf-32-be", "ascii"):
        return None  # the byte patterns already cover it
    # Anything else is decoded: UTF-7 may spell "<!" as "+ADwAIQ-" though its encoder writes "<!".
    return declared.incrementaldecoder(errors="replace")


def _inflated(handle: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's content in pieces of at most 1 MB, inflated by zlib from the raw compressed bytes."""
    raw = _raw(handle, info)
    if info.compress_type == zipfile.ZIP_STORED:
        yield from raw
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for piece in raw:
        while piece:  # at most 1 MB out per call: a bomb is counted, never held
            data = inflater.decompress(piece, _CHUNK)
            if data:
                yield data
            piece = inflater.unconsumed_tail
        if inflater.eof:
            break
    rest = inflater.flush()  # small: no input is left unconsumed
    if rest:
        yield rest


def _raw(handle: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The compressed bytes of *info*, found through its local header as zipfile does."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"“{info.filename}”的文件头损坏")
    name_length, extra_length = struct.unpack("<26xHH", header)
    name = handle.read(name_length).decode("utf-8" if info.flag_bits & 0x800 else "cp437", errors="replace")
    if name != info.orig_filename:  # two directory entries sharing data is how overlapping bombs work
        raise zipfile.BadZipFile(f"目录中的“{info.filename}”与文件头“{name}”不一致")
    handle.seek(extra_length, io.SEEK_CUR)
    left = info.compress_size
    while left > 0:
        piece = handle.read(min(left, _CHUNK))
        if not piece:
            raise zipfile.BadZipFile(f"“{info.filename}”的数据不完整")
        left -= len(piece)
        yield piece
