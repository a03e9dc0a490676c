"""``word/fontTable.xml``: every font the document names, with what Word and WPS need to substitute it.

A reader without 方正小标宋简体 or 仿宋_GB2312 picks a replacement from the font table: the charset (86 =
GB2312, so a Chinese font and not a Latin one), the PANOSE class, the family and the pitch; ``altName`` is
the font's other name (the English one the Windows font files carry). Without a table WPS reports 缺失字体
and Word falls back by script only. Values are those of the Windows / Founder font files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_TABLE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
FONT_TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
GB2312 = "86"  # GB2312_CHARSET (134): the Simplified Chinese code page
ANSI = "00"


@dataclass(frozen=True)
class FontInfo:
    alt_name: str
    panose: str  # 10 bytes, hex
    charset: str  # hex byte
    family: str  # ST_FontFamily: roman, swiss, modern, script, decorative, auto
    pitch: str  # fixed, variable, default


FONTS: dict[str, FontInfo] = {
    "宋体": FontInfo("SimSun", "02010600030101010101", GB2312, "auto", "variable"),
    "黑体": FontInfo("SimHei", "02010609060101010101", GB2312, "modern", "fixed"),
    "仿宋": FontInfo("FangSong", "02010609060101010101", GB2312, "modern", "fixed"),
    "楷体": FontInfo("KaiTi", "02010609060101010101", GB2312, "modern", "fixed"),
    "仿宋_GB2312": FontInfo("FangSong_GB2312", "02010609030101010101", GB2312, "modern", "fixed"),
    "楷体_GB2312": FontInfo("KaiTi_GB2312", "02010609030101010101", GB2312, "modern", "fixed"),
    "方正小标宋简体": FontInfo("FZXiaoBiaoSong-B05S", "02000000000000000000", GB2312, "auto", "variable"),
    "华文中宋": FontInfo("STZhongsong", "02010600040101010101", GB2312, "auto", "variable"),
    "Times New Roman": FontInfo("", "02020603050405020304", ANSI, "roman", "variable"),
}

_RFONTS = re.compile(r"<w:rFonts\b([^>]*)/?>")
_FONT_ATTR = re.compile(r"\bw:(?:ascii|hAnsi|eastAsia|cs)=\"([^\"]+)\"")
_DECLARED = re.compile(r"<w:font\b[^>]*\bw:name=\"([^\"]*)\"")
_FONT_PARTS = re.compile(r"/word/(document|styles|header\d*|footer\d*|numbering|footnotes|endnotes)\.xml")


def quoteattr(data: str) -> str:
    """*data* escaped and quoted as an XML attribute value: ``xml.sax.saxutils.quoteattr``, whose module
    imports urllib.request and http.client (some 8 ms of ``fzbg render``) for functions this one does not use."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    data = data.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def _unescape(value: str) -> str:
    return value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def named_fonts(xml: str) -> list[str]:
    """The font names *xml* uses in its run fonts, in first-use order."""
    return list(_named_fonts(xml))


@lru_cache(maxsize=32)  # the styles, footers … of a bulk run's reports are the same text every time
def _named_fonts(xml: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for rfonts in _RFONTS.finditer(xml):
        for name in _FONT_ATTR.findall(rfonts.group(1)):
            found.setdefault(_unescape(name), None)
    return tuple(found)


_RFONTS_TAG = f"{{{W_NS}}}rFonts"
_FONT_ATTRS = {f"{{{W_NS}}}{name}" for name in ("ascii", "hAnsi", "eastAsia", "cs")}


def _element_fonts(element: Any) -> Iterable[str]:
    """What :func:`named_fonts` finds in the serialisation of *element*, read from the tree: the run fonts'
    names in document order, each tag's attributes in their order (as lxml writes them). Faster than an
    XPath search for the attributes or a regex over the serialisation (measured on a report's body)."""
    found: dict[str, None] = {}
    for rfonts in element.iter(_RFONTS_TAG):
        for key, value in rfonts.items():
            if key in _FONT_ATTRS:
                found.setdefault(value, None)
    return found


@lru_cache(maxsize=32)  # keyed by the bytes object: its hash is computed once, a hit compares identity first
def _blob_fonts(blob: bytes) -> tuple[str, ...]:
    return _named_fonts(blob.decode("utf-8"))


def font_entry(name: str) -> str:
    """One ``<w:font>`` element; a font fzbg does not know gets the charset its name suggests."""
    info = FONTS.get(name)
    if info is None:
        east_asian = any(ord(ch) > 0x2E80 for ch in name)
        info = FontInfo("", "", GB2312 if east_asian else ANSI, "auto", "variable")
    parts = [f"<w:font w:name={quoteattr(name)}>"]
    if info.alt_name:
        parts.append(f"<w:altName w:val={quoteattr(info.alt_name)}/>")
    if info.panose:
        parts.append(f'<w:panose1 w:val="{info.panose}"/>')
    parts.append(f'<w:charset w:val="{info.charset}"/><w:family w:val="{info.family}"/>'
                 f'<w:pitch w:val="{info.pitch}"/></w:font>')
    return "".join(parts)


def font_table_xml(names: list[str]) -> str:
    """A whole ``word/fontTable.xml`` declaring *names*."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
            + "".join(font_entry(n) for n in names) + "</w:fonts>")


def declare_fonts(document: Document) -> None:
    """Give *document* a font table declaring every font its parts name (a template's own table is extended)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    named: dict[str, None] = {}
    for part in package.iter_parts():
        if _FONT_PARTS.fullmatch(str(part.partname)):
            # An XmlPart is read from its tree, not its serialisation; a bulk worker's part whose bytes are known
            # without serialising (bulk/lazy_parts.py, bulk/template_reuse.KeptStylesPart) from those bytes,
            # the same object in every report: its reading is cached by them.
            known = getattr(part, "known_blob", None)
            element = getattr(part, "_element", None) if known is None else None
            if known is not None:
                names: Iterable[str] = _blob_fonts(known)
            elif element is not None:
                names = _element_fonts(element)
            else:
                blob = part.blob
                names = named_fonts(blob.decode("utf-8") if isinstance(blob, bytes) else str(blob))
            for name in names:
                named.setdefault(name, None)
    table = next((rel.target_part for rel in document.part.rels.values()
                  if rel.reltype == FONT_TABLE_REL and not rel.is_external), None)
    if table is None:
        table = Part(PackURI("/word/fontTable.xml"), FONT_TABLE_TYPE, font_table_xml(list(named)).encode("utf-8"),
                     package)
        document.part.relate_to(table, FONT_TABLE_REL)
        return
    xml = table.blob.decode("utf-8")
    declared = {_unescape(n) for n in _DECLARED.findall(xml)}
    missing = "".join(font_entry(n) for n in named if n not in declared)
    if missing and "</w:fonts>" in xml:
        table._blob = xml.replace("</w:fonts>", missing + "</w:fonts>").encode("utf-8")
