"""The folder a city bureau receives, built for the review tests (not a test module).

Reports made by fzbg (rendered from the examples), one of them edited by hand in its XML (margins, body size,
page numbers removed), a report built with python-docx as a unit would type it in Word (one of the five items
left out, dated after the deadline), a copy of another unit with the names changed, a .txt, a broken file, an
empty file and Word's lock file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from shared import REPO, seed_path

EXAMPLES = REPO / "examples"


def rendered(name: str, variant: str, date: dt.date) -> bytes:
    """An example report rendered by fzbg as .docx, with its 成文日期 set to *date*."""
    from generator.api import load_report
    from generator.model.vocabulary import Variant
    from generator.render.docx import render_docx_bytes

    report, _ = load_report(EXAMPLES / name)
    report = report.model_copy(update={"document": report.document.model_copy(update={"date": date, "signature": True})})
    return render_docx_bytes(report, Variant(variant))


def edit_xml(data: bytes, edits: dict[str, list[tuple[str, str]]]) -> bytes:
    """*data* (a .docx) with regular-expression replacements in the named parts, everything else kept."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            for pattern, replacement in edits.get(item.filename, []):
                text, count = re.subn(pattern, replacement, content.decode("utf-8"))
                assert count, f"{pattern} not found in {item.filename}"
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def hand_made(path: Path, drop_shortcomings: bool = True, date: str = "2026年3月6日", number: str = "") -> Path:
    """The Zhongshan seed typed into Word as a careful unit would (python-docx, not fzbg): A4, GB/T 9704
    margins, 3号仿宋 body at 28.95 pt, 黑体/楷体 headings, a 2号小标宋 title and a “— N —” page number.
    The 存在问题 part is left out and the date is after 3月1日. With *number* it starts with a 发文字号 and
    签发人 line in black, as a unit that has not put in the red 版头 types it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    lines = [line.strip() for line in seed_path("002_1bfe5519550173db.txt").read_text("utf-8").splitlines() if line.strip()]
    if drop_shortcomings:
        start = next(i for i, line in enumerate(lines) if line.startswith("二、"))
        stop = next(i for i, line in enumerate(lines) if line.startswith("三、"))
        lines = lines[:start] + [re.sub("^三、", "二、", lines[stop])] + lines[stop + 1:]
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    def add(text: str, font: str, size: float, center: bool = False, line: float = 28.95) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(line)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    if number:
        add(f"{number}　　　　签发人：张三", "仿宋_GB2312", 16)
    add(lines[0], "方正小标宋简体", 22, center=True, line=43.4)
    if number:
        add("中山市人民政府：", "仿宋_GB2312", 16)
    for line in lines[1:]:
        font = "黑体" if re.match("^[一二三四五六七八九十]+、", line) else "楷体_GB2312" if re.match("^[（(][一二三四五六七八九十]", line) else "仿宋_GB2312"
        add(line, font, 16)
    add("中山市公安局", "仿宋_GB2312", 16)
    add(date, "仿宋_GB2312", 16)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)
    footer.add_run(" —")
    document.save(str(path))
    return path


def build(folder: Path) -> dict[str, Path]:
    """Fill *folder* with the submissions; returns them by role."""
    from generator.api import load_report
    from generator.render.context import build_context, document_lines

    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def put(role: str, name: str, data: bytes) -> None:
        files[role] = folder / name
        files[role].write_bytes(data)

    haizhu = rendered("seed-haizhu-2024.yaml", "public", dt.date(2026, 2, 20))
    put("fzbg", "海珠区分局2025年法治政府建设报告.docx", haizhu)
    meixian = rendered("seed-meixian-2024.yaml", "formal", dt.date(2026, 2, 25))
    put("edited", "梅县区分局.docx", edit_xml(meixian, {"word/document.xml": [
        (r'w:top="\d+"', 'w:top="1440"'), (r'w:left="\d+"', 'w:left="1800"'),  # Word's default margins
        (r'<w:footerReference [^>]*/>', ''),  # page numbers gone
    ], "word/styles.xml": [  # the body style in 4号 instead of 3号
        (r'(w:styleId="Body">.*?)<w:sz w:val="32"/><w:szCs w:val="32"/>', r'\1<w:sz w:val="28"/><w:szCs w:val="28"/>'),
    ]}))
    put("copy", "荔湾区分局.docx", edit_xml(haizhu, {"word/document.xml": [("海珠", "荔湾")]}))
    files["hand"] = hand_made(folder / "中山市公安局报告（定稿）.docx")
    minimal, _ = load_report(EXAMPLES / "minimal.yaml")
    put("txt", "某某分局.txt", "\n".join(document_lines(build_context(minimal, minimal.variant))).encode("utf-8"))
    put("broken", "越秀区分局.docx", b"PK\x03\x04" + b"\x00" * 200)
    put("empty", "白云区分局.docx", b"")
    put("lock", "~$梅县区分局.docx", b"\x00" * 162)
    return files
