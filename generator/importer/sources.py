"""Step 1 of an import: a file becomes numbered lines of text, or a clear refusal.

Accepted: ``.docx`` (Word, WPS or our own renderer), ``.txt`` copied from a web page (UTF-8, UTF-16 or
GBK), and ``.html`` saved from a browser. Spreadsheets, PDFs, images, old ``.doc`` files and empty or
image-only documents are refused with a message that says what to do instead.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, Place, Problem
from ..load.encoding import decode_text
from ..load.files import read_limited
from ..load.safezip import WORD, check_package
from .notes import Line, Note

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_PARAGRAPHS = 5_000  # non-empty paragraphs (lines of a .txt); a report has a few hundred (docs/limits.md)
MAX_DOCX_BYTES = WORD.max_file  # pictures make Word files large; the text is what we read

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Streams of an OLE file that hold a document's text: Word and WPS Writer ("WordDocument"), Works ("CONTENTS").
_OLE_TEXT_STREAMS = ("WordDocument", "CONTENTS", "Contents", "MatOST")
_SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".et", ".ett", ".csv", ".ods", ".numbers"}
_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}
_TEXT = {".txt", ".text", ".md", ""}
_HTML = {".html", ".htm", ".mhtml", ".shtml"}
_WORD = {".docx", ".docm", ".dotx", ".dotm", ".wpt"}
_OLD_WORD = {".doc", ".dot", ".wps", ".rtf"}  # read through LibreOffice

SUPPORTED = "请提供 .docx（Word/WPS 文档）或 .txt（从网页复制的文字）文件"


@dataclass
class Source:
    """The lines of one input file."""

    name: str
    kind: str  # "docx", "txt" or "html"
    lines: list[Line]
    notes: list[Note] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # paragraph → "title" / "recipient" by its Word style

    @property
    def unit(self) -> str:
        """What a line number counts in this source: 行 in text, 段 in a Word file."""
        return "段" if self.kind == "docx" else "行"

    def place(self, number: int | None = None) -> Place:
        """``file:12`` for a text line, ``file 第12段`` for a Word paragraph, or the bare name."""
        if number is None:
            return Place(self.name)
        return Place(self.name, part=f"第{number}段") if self.kind == "docx" else Place(self.name, number)


def refuse(name: str, message: str, title: str = "无法导入该文件") -> DataError:
    """The error for an input that cannot be imported."""
    return DataError(title, [Problem(message, Place(name))])


def _refuse_too_many_paragraphs(name: str, lines: list[Line]) -> None:
    """Refuse, naming the first paragraph over the limit, a source far longer than any report."""
    seen = 0
    last = None
    for line in lines:
        if line.text.strip() and line.number != last:
            seen += 1
            last = line.number
            if seen > MAX_PARAGRAPHS:
                raise refuse(name, f"有文字的段落超过 {MAX_PARAGRAPHS:,} 段（从第 {line.number} 段起超出，"
                                   "docs/limits.md），不像是一份报告；请只保留报告正文后再导入")


def read_source(path: str | Path) -> Source:
    """Read *path* into lines. Raises DataError when the file is missing or not a report text."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise refuse(name, "这是一个文件夹。" + SUPPORTED)
    if not path.exists():
        raise DataError("找不到文件", [Problem("文件不存在，请检查路径", Place(name))])
    suffix = path.suffix.lower()
    _refuse_by_name(name, suffix)
    limit = MAX_DOCX_BYTES if suffix in _WORD | _OLD_WORD else MAX_TEXT_BYTES
    raw = read_limited(path, limit, what="一份报告")  # regular files only: /dev/zero, FIFOs refused
    if not raw.strip():
        raise refuse(name, "文件是空的，没有可导入的内容")
    kind = _sniff(name, suffix, raw)
    if kind == "old":
        source = _converted(path, suffix)
    elif kind == "docx":
        from .docx_text import docx_lines

        lines, notes, roles = docx_lines(path)
        source = Source(name, "docx", lines, notes, roles)
    else:
        text, encoding_notes = decode_text(raw, name)
        _refuse_binary(name, text)
        if kind == "html":
            from .html_text import html_to_text

            text = html_to_text(text)
        lines = [Line(i, line) for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)]
        source = Source(name, kind, lines, [Note("source", note) for note in encoding_notes])
    if not any(line.text.strip() for line in source.lines):
        raise refuse(name, "文件中没有文字，没有可导入的内容")
    _refuse_too_many_paragraphs(name, source.lines)
    if not any(_is_han(ch) for line in source.lines for ch in line.text):
        raise refuse(name, "文件中没有中文内容，不像是一份法治政府建设年度报告")
    return source


def _refuse_by_name(name: str, suffix: str) -> None:
    if suffix in _SPREADSHEETS:
        raise refuse(name, "这是电子表格，不是报告正文。import 只读取报告全文；" + SUPPORTED)
    if suffix == ".pdf":
        raise refuse(name, "暂不支持 PDF：请在阅读器中全选复制正文，粘贴到记事本并保存为 .txt 后再导入")
    if suffix in _IMAGES:
        raise refuse(name, "这是图片，无法识别其中的文字：请先用 WPS 等工具“图片转文字”，保存为 .docx 或 .txt")
    if suffix in (".yaml", ".yml"):
        raise refuse(name, "这已经是报告数据文件，无需导入，可直接运行 fzbg check 或 fzbg render")
    if suffix not in _TEXT | _HTML | _WORD | _OLD_WORD:
        raise refuse(name, f"不认识“{suffix}”文件。" + SUPPORTED)


def _sniff(name: str, suffix: str, raw: bytes) -> str:
    """Decide from the content what the file is; refuse what cannot be a report text."""
    if raw.startswith(_OLE_MAGIC):
        if _stream_name("EncryptedPackage") in raw:
            raise refuse(name, "这是加密的 Word/WPS 文档：请在 Word 或 WPS 中取消密码，“另存为”.docx 后再导入")
        if not any(_stream_name(stream) in raw for stream in _OLE_TEXT_STREAMS):
            raise refuse(name, "这不是可读取的 Word/WPS 文档（文件可能已损坏）：请在 Word 或 WPS 中打开后“另存为”.docx 再导入")
        return "old"
    if suffix == ".rtf" and raw.startswith(b"{\\rtf"):
        return "old"  # .doc/.wps/.dot (or an encrypted .docx), RTF: LibreOffice reads them
    if raw.startswith(b"%PDF"):
        raise refuse(name, "这是 PDF 文件：请复制其中的文字保存为 .txt 后再导入")
    if raw.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        raise refuse(name, "这是图片，无法识别其中的文字：请先转换成文字后再导入")
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise refuse(name, "文件已损坏，无法打开：请在 Word 或 WPS 中打开后重新保存为 .docx") from None
        if "word/document.xml" in names:
            check_package(raw, name, WORD, "无法导入该文件")  # bombs and DTDs (XXE) before python-docx parses it
            return "docx"
        if any(n.startswith("xl/") for n in names):
            raise refuse(name, "这是电子表格（Excel/WPS 表格），不是报告正文。" + SUPPORTED)
        if any(n.startswith("ppt/") for n in names):
            raise refuse(name, "这是演示文稿（PPT），不是报告正文。" + SUPPORTED)
        raise refuse(name, "这是一个压缩包，不是 Word 文档。" + SUPPORTED)
    if suffix in _WORD:
        raise refuse(name, "文件名是 .docx，但内容不是 Word 文档：请在 Word 或 WPS 中打开后重新保存为 .docx")
    if suffix in _HTML or raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def _converted(path: Path, suffix: str) -> Source:
    """An old Word/WPS file read through LibreOffice (converted to .docx in a temporary folder)."""
    import tempfile

    from ..office import LibreOfficeMissing, convert_batch
    from .docx_text import docx_lines

    name = str(path)
    what = f"旧版 Word/WPS 文档（{suffix or '无扩展名'}）"
    with tempfile.TemporaryDirectory(prefix="fzbg-import-") as folder:
        # A plain stem: LibreOffice names its output after the input, whatever characters that holds.
        copy = Path(folder) / ("source" + (suffix if suffix in _OLD_WORD else ".doc"))
        copy.write_bytes(path.read_bytes())
        try:
            made, output = convert_batch([copy], Path(folder) / "out", "docx", timeout=120)
        except LibreOfficeMissing:
            raise refuse(name, f"这是{what}：安装 LibreOffice 后可直接导入，或在 Word/WPS 中“另存为”.docx 后再导入") from None
        if copy not in made:
            raise refuse(name, f"LibreOffice 无法读取这份{what}（可能已加密或损坏）："
                               "请在 Word 或 WPS 中“另存为”.docx（不加密）后再导入")
        lines, notes, roles = docx_lines(made[copy])
    notes.insert(0, Note("source", f"{what}已用 LibreOffice 转为 .docx 后读取"))
    return Source(name, "docx", lines, notes, roles)


def _stream_name(name: str) -> bytes:
    """How an OLE directory entry spells *name* (UTF-16LE)."""
    return name.encode("utf-16-le")


def _refuse_binary(name: str, text: str) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        if "\x00" in line:
            raise DataError(
                "无法导入该文件",
                [Problem("含有二进制内容，不是文本文件。" + SUPPORTED, Place(name, number))],
            )


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"

