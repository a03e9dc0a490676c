"""Just enough of LibreOffice's own PDFs to place the 版记: the page count and the text sizes on a page.

LibreOffice's writer_pdf_Export writes plain objects (no object streams), one content stream per page,
Flate-compressed, and draws every text run as ``x y Td /Fn size Tf``. That is all :mod:`.imprint` needs
to tell whether the last page carries body text besides the 版记 (which is set in a smaller size), so one
conversion per document is enough; a PDF that does not look like that gives None and the caller
measures the other way (a second conversion). No PDF library is needed on a user's machine.
"""

from __future__ import annotations

import re
import zlib
from typing import Union

_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+0\s+obj\b")
_REF = re.compile(rb"(\d+)\s+0\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+0\s+R)?")
_TEXT_SIZE = re.compile(rb"/F\w*\s+(\d+(?:\.\d+)?)\s+Tf")
_ROOT_PAGES = re.compile(rb"/Type\s*/Catalog.*?/Pages\s+(\d+)\s+0\s+R", re.S)
MAX_DEPTH = 32  # page-tree nesting; LibreOffice writes one level


class _Objects:
    """The PDF's objects by number: the bytes from ``N 0 obj`` to the next object."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        starts = [(int(m.group(1)), m.end()) for m in _OBJECT.finditer(data)]
        self.spans = {number: (start, starts[i + 1][1] if i + 1 < len(starts) else len(data))
                      for i, (number, start) in enumerate(starts)}

    def body(self, number: int) -> bytes:
        start, end = self.spans[number]
        return self.data[start:end]

    def stream(self, number: int) -> bytes:
        body = self.body(number)
        head, marker, _rest = body.partition(b"stream")
        length = _LENGTH.search(head)
        if not marker or length is None:
            raise ValueError("no stream")
        size = int(length.group(1))
        if length.group(2):  # an indirect length: the object holds the number
            size = int(self.body(size).split(b"endobj")[0].strip())
        start, _end = self.spans[number]
        offset = start + len(head) + len(marker)
        if self.data[offset:offset + 2] == b"\r\n":
            offset += 2
        elif self.data[offset:offset + 1] in (b"\n", b"\r"):
            offset += 1
        raw = self.data[offset:offset + size]
        return zlib.decompress(raw) if b"/FlateDecode" in head else raw


def page_text_sizes(data: bytes) -> Union[list[set[float]], None]:
    """The font sizes of the text drawn on each page, in page order; None for a PDF not read this way."""
    try:
        objects = _Objects(data)
        root = _ROOT_PAGES.search(data)
        if root is None:
            return None
        pages: list[int] = []
        _collect(objects, int(root.group(1)), pages, 0)
        sizes: list[set[float]] = []
        for page in pages:
            contents = _CONTENTS.search(objects.body(page))
            if contents is None:
                sizes.append(set())
                continue
            text = b"".join(objects.stream(int(ref)) for ref in _REF.findall(contents.group(1)))
            sizes.append({float(size) for size in _TEXT_SIZE.findall(text)})
    except (KeyError, ValueError, zlib.error, RecursionError):
        return None
    return sizes


def _collect(objects: _Objects, number: int, pages: list[int], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError("page tree too deep")
    body = objects.body(number).split(b"endobj")[0]
    kids = _KIDS.search(body)
    if kids is None:
        pages.append(number)
        return
    for ref in _REF.findall(kids.group(1)):
        _collect(objects, int(ref), pages, depth + 1)
