"""Writing a rendered package the way python-docx does, but deflating only the parts that changed.

Of the ten parts of a report only the body (and the footers docxtpl renders) differ from one bureau
to the next; python-docx deflates all of them for every report. :class:`DeflateCache` keeps, per part
name, the last bytes written and their deflated form, and reuses it when the bytes are the same. The
parts are python-docx's own serialisations (``PackageWriter``'s static methods write them, in its
order), so a package written here holds exactly the parts ``Document.save`` writes; only the zip
container is assembled here (tests/test_bulk_render.py compares every part).
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Callable
from typing import IO, Any

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate, as zipfile writes it
_UNIX = 3  # created on: the high byte of "version made by", as zipfile on POSIX
_MODE = 0o600 << 16  # zipfile.writestr's permissions for a member given by name


MAX_REMEMBERED = 64  # per cache: the parts, sources and headers of a few templates, a few dozen relationship lists


def remembered(cache: dict[Any, Any], key: Any, make: Callable[[], Any]) -> Any:
    """``cache[key]``, made by *make* the first time; the cache is emptied when it holds MAX_REMEMBERED entries."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= MAX_REMEMBERED:
            cache.clear()
        found = cache[key] = make()
    return found


class DeflateCache:
    """Deflated part bytes remembered per part name: one worker writes thousands of similar packages."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[bytes, int, bytes]] = {}  # name → (bytes, crc32, deflated)
        self.reused = 0  # parts not deflated again (for the tests and the benchmark)
        # content types and relationship parts by what python-docx serialises them from (see save_package)
        self.serialised: dict[tuple[Any, ...], bytes] = {}
        self.deflated = 0

    def serialise(self, key: tuple[Any, ...], make: Callable[[], bytes]) -> bytes:
        """``make()``, remembered by *key* (a few dozen: a body's own hyperlinks make its relationships differ)."""
        found: bytes = remembered(self.serialised, key, make)
        return found

    def entry(self, name: str, data: bytes) -> tuple[int, bytes]:
        """(crc32, deflated bytes) of *data*, deflated only when it differs from the last *name*."""
        cached = self._parts.get(name)
        if cached is not None and cached[0] == data:
            self.reused += 1
            return cached[1], cached[2]
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's settings
        deflated = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data)
        self._parts[name] = (data, crc, deflated)
        self.deflated += 1
        return crc, deflated


class ZipWriter:
    """python-docx's physical package writer interface (``write(pack_uri, blob)``, ``close()``)."""

    def __init__(self, target: IO[bytes], cache: DeflateCache) -> None:
        self.target = target
        self.cache = cache
        self.members: list[tuple[str, bytes, int, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        crc, deflated = self.cache.entry(name, blob)
        self.members.append((name, blob, crc, deflated))

    def close(self) -> None:
        now = time.localtime(time.time())
        dos_time = now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2
        dos_date = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
        out: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for name, blob, crc, deflated in self.members:
            encoded = name.encode("ascii")  # OPC part names are ASCII (percent-encoded otherwise)
            header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, zlib.DEFLATED, dos_time, dos_date, crc, len(deflated),
                                 len(blob), len(encoded), 0)
            central.append(_CENTRAL.pack(b"PK\x01\x02", _UNIX << 8 | _VERSION, _VERSION, 0, zlib.DEFLATED, dos_time,
                                         dos_date, crc, len(deflated), len(blob), len(encoded), 0, 0, 0, 0, _MODE,
                                         offset) + encoded)
            out += [header, encoded, deflated]
            offset += len(header) + len(encoded) + len(deflated)
        directory = b"".join(central)
        end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
        self.target.write(b"".join(out) + directory + end)


def save_package(package: Any, target: IO[bytes], cache: DeflateCache) -> None:
    """``OpcPackage.save(target)`` with the deflating done through *cache*.

    The parts and their order are ``PackageWriter.write``'s: the content types, the package's relationships,
    then each part followed by its relationships when it has any. The content types and the relationship
    parts are serialised by python-docx once per distinct input (what its serialisers read: each part's name
    and content type; each relationship's id, type, target and external flag) and kept in *cache*.
    """
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    types_item: Any = _ContentTypesItem  # untyped in python-docx

    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    writer = ZipWriter(target, cache)
    types_key = tuple((str(part.partname), part.content_type) for part in parts)
    writer.write(CONTENT_TYPES_URI, cache.serialise(types_key, lambda: types_item.from_parts(parts).blob))
    writer.write(PACKAGE_URI.rels_uri, _rels_xml(package.rels, cache))
    for part in parts:
        writer.write(part.partname, part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, _rels_xml(part.rels, cache))
    writer.close()


def _rels_xml(rels: Any, cache: DeflateCache) -> bytes:
    """``rels.xml``, serialised once per distinct list of relationships."""
    key = tuple((rel.rId, rel.reltype, rel.target_ref, rel.is_external) for rel in rels.values())
    return cache.serialise(key, lambda: rels.xml)
