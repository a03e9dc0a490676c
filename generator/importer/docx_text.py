"""The text of a Word/WPS document, paragraph by paragraph, in reading order.

All python-docx and XML handling of the importer is here. Paragraphs inside tables and text boxes are
read too (a 版头 or 版记 is often laid out that way); deleted revisions, field codes and the legacy
copy of a text box are not. Word's automatic numbering (一、 (一) 1. typed by the list feature rather
than by hand) is turned into text, so the structure parser sees what the reader sees.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, Place, Problem
from ..text.numbering import chinese_number, circled_number, sequence_mark
from .docx_styles import Role, StyleRoles
from .notes import Line, Note

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {_W + "txbxContent", _W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "instrText",
         _W + "delText", _MC_FALLBACK}
_IMAGE_TAGS = (_W + "drawing", _W + "pict", _W + "object")


def docx_lines(path: Path) -> tuple[list[Line], list[Note], dict[int, str]]:
    """Return the paragraphs of the .docx at *path* as lines (number = paragraph number), the notes, and
    the paragraphs whose style makes them the title or the 主送 ({paragraph: "title" | "recipient"})."""
    import docx

    name = str(path)
    opened: list[Note] = []
    try:
        document = docx.Document(_as_document(path, opened))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise DataError(
            "无法导入该文件",
            [Problem(f"无法打开 Word 文档，文件可能已损坏（{type(exc).__name__}）：请在 Word 或 WPS 中打开后重新保存", Place(name))],
        ) from None
    body = document.element.body
    numbering = _Numbering(document)
    styles = StyleRoles(_styles_element(document))
    headings = _HeadingMarks()
    lines: list[Line] = []
    roles: dict[int, str] = {}
    numbered = 0
    for number, p in enumerate(_paragraphs(body), 1):
        text = "".join(_text(p))
        prefix = numbering.prefix(p) if text.strip() else ""
        role = styles.role(p) if text.strip() else None
        if role is not None and role.kind == "heading" and text.strip().endswith("报告") and not lines_with_text(lines):
            role = Role("title")  # the title styled as 标题 1, as many offices do
        if role is not None and role.kind == "heading":
            text = headings.mark(role.level, prefix, text.strip())
        elif prefix:
            numbered += 1
            text = prefix + text.lstrip()
        if role is not None and role.kind in ("title", "recipient"):
            roles[number] = role.kind
        for piece in text.split("\n"):
            lines.append(Line(number, piece))
    notes = opened
    for table in body.iter(_W + "tbl"):
        rows = len(table.findall(_W + "tr"))
        cols = max((len(row.findall(_W + "tc")) for row in table.findall(_W + "tr")), default=0)
        if rows > 1 and cols > 1:
            notes.append(Note("text", f"文档中有 {rows} 行 × {cols} 列的表格：已按每个单元格一段导入，"
                                      "报告数据不含表格，请核对这些段落"))
    if numbered:
        notes.append(Note("mark", f"Word 自动编号已转为文字：{numbered} 段"))
    if headings.count:
        notes.append(Note("mark", f"按 Word 标题样式（标题 1—4、大纲级别）确定层级：{headings.count} 段"))
    for number, kind in roles.items():
        label = "标题" if kind == "title" else "主送机关"
        notes.append(Note("header", f"按段落样式取作{label}", number))
    if not any(line.text.strip() for line in lines):
        images = sum(1 for el in body.iter(*_IMAGE_TAGS))
        if images:
            raise DataError(
                "无法导入该文件",
                [Problem(f"文档中只有 {images} 张图片、没有文字（可能是扫描件）："
                                   "请先用 WPS 等工具“图片转文字”，或把文字复制到 .txt 后再导入", Place(name))],
            )
        raise DataError("无法导入该文件", [Problem("文档是空的，没有可导入的文字", Place(name))])
    return lines, notes, roles


_DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The main part of a macro-enabled document (.docm) and of templates (.dotx, .dotm): the same XML as a
# .docx, which python-docx refuses only by this content type.
_OTHER_MAINS = {
    b"application/vnd.ms-word.document.macroEnabled.main+xml": "启用宏的文档（.docm）：只读取文字，宏不会运行",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "Word 模板（.dotx）：按文档读取",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "启用宏的模板（.dotm）：只读取文字，宏不会运行",
}


def _as_document(path: Path, notes: list[Note]) -> str | io.BytesIO:
    """*path*, or for a .docm/.dotx/.dotm package a copy in memory declared as a plain document."""
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
        found = next((main for main in _OTHER_MAINS if main in types), None)
        if found is None:
            return str(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    data = data.replace(found, _DOCUMENT_MAIN)
                copy.writestr(info, data)
    notes.append(Note("source", _OTHER_MAINS[found]))
    out.seek(0)
    return out


def lines_with_text(lines: list[Line]) -> bool:
    """True once a paragraph with text has been read."""
    return any(line.text.strip() for line in lines)


def _styles_element(document: Document) -> _Element | None:
    try:
        element: _Element = document.styles.element
        return element
    except Exception:  # noqa: BLE001 - a package without a styles part
        return None


class _HeadingMarks:
    """Sequence marks for paragraphs a heading style places at a level (一、 （一） 1. （1））.

    The level comes from the style, not from the number Word shows: a "Heading 1" list numbered "1." is
    a part (一、), and a heading style without any number still starts a part or section.
    """

    def __init__(self) -> None:
        self.counters: dict[int, int] = {}
        self.count = 0

    def mark(self, level: int, prefix: str, text: str) -> str:
        from .structure import heading_mark

        self.counters[level] = self.counters.get(level, 0) + 1
        for deeper in [k for k in self.counters if k > level]:
            del self.counters[deeper]
        typed = heading_mark(text)
        shown = heading_mark(prefix + text) if prefix else None
        if typed is not None:
            return text  # the author typed the number: keep it as written
        if shown is not None and shown.level == level:
            return prefix + text
        self.count += 1
        return sequence_mark(level, self.counters[level]) + text


def _paragraphs(body: _Element) -> Iterator[_Element]:  # the w:p elements
    for p in body.iter(_W + "p"):
        if any(True for _ in p.iterancestors(_MC_FALLBACK)):
            continue
        yield p


def _text(element: _Element) -> list[str]:
    out: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "p":  # a paragraph nested in this one (text box): read on its own
            continue
        else:
            out += _text(child)
    return out


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": circled_number,
    "decimalEnclosedCircleChinese": circled_number,
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "chineseLegalSimplified": chinese_number,
    "taiwaneseCounting": chinese_number,
    "japaneseCounting": chinese_number,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
}


class _Numbering:
    """Counts Word list numbering the way Word displays it (enough for report headings)."""

    def __init__(self, document: Document) -> None:
        # Ids are None where Word left the attribute out; kept as keys so such files read as before.
        self.num_to_abstract: dict[str | None, str] = {}
        self.levels: dict[tuple[str | None, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str | None, tuple[str, str]] = {}
        root: _Element | None
        styles: _Element | None
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part
            root = None
        if root is not None:
            for abstract in root.iter(_W + "abstractNum"):
                aid = abstract.get(_W + "abstractNumId")
                for lvl in abstract.iter(_W + "lvl"):
                    fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
                    text = _val(lvl.find(_W + "lvlText")) or ""
                    start = _word_int(_val(lvl.find(_W + "start")), 1, 0, 32767)
                    self.levels[(aid, lvl.get(_W + "ilvl", "0"))] = (fmt, text, start)
            for num in root.iter(_W + "num"):
                self.num_to_abstract[num.get(_W + "numId")] = _val(num.find(_W + "abstractNumId")) or ""
        try:
            styles = document.styles.element
        except Exception:  # noqa: BLE001
            styles = None
        if styles is not None:
            self._read_styles(styles)

    def _read_styles(self, styles: _Element) -> None:
        direct: dict[str | None, tuple[str, str]] = {}
        based: dict[str | None, str] = {}
        for style in styles.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                direct[sid] = (_val(num_pr.find(_W + "numId")) or "0", _val(num_pr.find(_W + "ilvl")) or "0")
            parent = style.find(_W + "basedOn")
            if parent is not None:
                based[sid] = _val(parent) or ""
        for sid in set(direct) | set(based):
            seen: set[str | None] = set()
            current = sid
            while current and current not in direct and current not in seen:
                seen.add(current)
                current = based.get(current, "")
            if current in direct:
                self.style_numbering[sid] = direct[current]

    def prefix(self, p: _Element) -> str:  # p: a w:p element
        """The number Word shows before paragraph *p*, or ""."""
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.num_to_abstract:
            return ""
        aid = self.num_to_abstract[num_id]
        level = _word_int(ilvl, 0, 0, 8)
        if (aid, str(level)) not in self.levels:
            return ""
        fmt, text, start = self.levels[(aid, str(level))]
        counts = self.counters.setdefault(aid, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(9, 0, -1):
            if f"%{k}" in text:
                lvl_fmt, _, lvl_start = self.levels.get((aid, str(k - 1)), ("decimal", "", 1))
                value = counts.get(k - 1, lvl_start)
                text = text.replace(f"%{k}", _formatted(lvl_fmt, value))
        return text

    def _num_pr(self, p: _Element) -> tuple[str, str]:
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                return _val(num_pr.find(_W + "numId")) or "", _val(num_pr.find(_W + "ilvl")) or "0"
            style = ppr.find(_W + "pStyle")
            if style is not None and _val(style) in self.style_numbering:
                return self.style_numbering[_val(style)]
        return "", ""


def _word_int(text: str | None, default: int, low: int, high: int) -> int:
    """A number attribute of numbering.xml as Word reads it: a bad or out-of-range value is the default."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if low <= value <= high else default


def _formatted(fmt: str, value: int) -> str:
    """Item *value* in Word's number format *fmt*; a value the format cannot show (一 past 九十九, 0) as digits."""
    try:
        return _FORMATS.get(fmt, str)(value)
    except (ValueError, IndexError):
        return str(value)


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")
