"""The format inspection of a submitted .docx: what a 法制支队 reviewer checks with a ruler and Word's dialogs.

Page size and margins, lines per page and line pitch, characters per line, body font and size, title font
and size, heading fonts by level, page numbers (a PAGE field, “— N —”, odd right / even left), and for the
formal version the red 标志, the red rule and the 版记. Every expected value is read from
``generator.render.gbt9704`` (the one home of the standard's numbers); a finding names the fault as the
reviewer says it (页边距, 字号, 页码 …), its paragraph and its clause.

Characters per line are computed from the text width, the font size and the character spacing, the way
Word lays out a line of Chinese text without a character grid; a character grid (``w:docGrid
w:type="linesAndChars"``) is read from its pitch.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..render import gbt9704 as std
from .model import MUST, SHOULD, Finding
from .styles import Styles, W, paragraphs, runs, text_of

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

STANDARD = "GB/T 9704-2012"
TOLERANCE = round(std.TW_PER_MM)  # ±1 mm: 5.2.1 allows it for the 天头 and 订口
_L1 = re.compile(r"^[一二三四五六七八九十]+、")
_L2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_TITLE = re.compile(r"(法治政府建设|法治建设|依法行政).*报告$|报告$")
_MIN_BODY = 30  # characters: shorter paragraphs are headings, the 落款, the 版记


def _mm(tw: float) -> str:
    return f"{tw / std.TW_PER_MM:.1f} mm"


def _pt(half_points: int) -> str:
    return f"{half_points / 2:g} 磅"


_SIZE_NAMES = {std.SIZE_2: "2号", std.SIZE_3: "3号", std.SIZE_4: "4号", 30: "小3号", 24: "小4号", 21: "5号", 36: "小2号"}


def size_name(half_points: int) -> str:
    """二号/三号… as Chinese typesetters name a size, with the points."""
    name = _SIZE_NAMES.get(half_points)
    return f"{name}（{_pt(half_points)}）" if name else _pt(half_points)


class Inspection:
    """One document under inspection."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles = Styles(document.styles.element)
        self.paragraphs = list(paragraphs(document.element.body))
        self.texts = [text_of(p).strip() for p in self.paragraphs]
        self.findings: list[Finding] = []

    def add(self, level: str, topic: str, message: str, clause: str, index: Union[int, None] = None) -> None:
        snippet = ""
        if index is not None:
            text = self.texts[index]
            snippet = text[:20] + ("…" if len(text) > 20 else "")
        self.findings.append(Finding(level, f"{topic}：{message}", f"{STANDARD} {clause}",
                                     None if index is None else index + 1, snippet, topic, f"FMT-{topic}"))

    # -- the page -------------------------------------------------------------------------------

    def page(self) -> tuple[int, int]:
        """Check paper and margins; return the text width and height in twips."""
        section = self.document.sections[0]
        sect = section._sectPr
        size = sect.find(W + "pgSz")
        margins = sect.find(W + "pgMar")

        def value(element: Union[_Element, None], name: str, default: int) -> int:
            raw = element.get(W + name) if element is not None else None
            try:
                return int(float(raw)) if raw else default
            except ValueError:
                return default

        width, height = value(size, "w", 12240), value(size, "h", 15840)  # Word's Letter when absent
        if abs(width - std.PAGE_WIDTH) > TOLERANCE or abs(height - std.PAGE_HEIGHT) > TOLERANCE:
            self.add(MUST, "纸张", f"纸张为 {_mm(width)} × {_mm(height)}，应为 A4（210 mm × 297 mm）", "5.1")
        top, bottom = value(margins, "top", 1440), value(margins, "bottom", 1440)
        left, right = value(margins, "left", 1800), value(margins, "right", 1800)
        wrong = []
        if abs(top - std.MARGIN_TOP) > TOLERANCE:
            wrong.append(f"上边距（天头）{_mm(top)}，应为 {_mm(std.MARGIN_TOP)}±1 mm")
        if abs(left - std.MARGIN_LEFT) > TOLERANCE:
            wrong.append(f"左边距（订口）{_mm(left)}，应为 {_mm(std.MARGIN_LEFT)}±1 mm")
        text_width, text_height = width - left - right, height - top - bottom
        if abs(text_width - std.TEXT_WIDTH) > TOLERANCE or abs(text_height - std.TEXT_HEIGHT) > TOLERANCE:
            wrong.append(f"版心 {_mm(text_width)} × {_mm(text_height)}，应为 {_mm(std.TEXT_WIDTH)} × "
                         f"{_mm(std.TEXT_HEIGHT)}（下边距 {_mm(std.MARGIN_BOTTOM)}、右边距 {_mm(std.MARGIN_RIGHT)}）")
        if wrong:
            self.add(MUST, "页边距", "；".join(wrong), "5.2.1")
        return text_width, text_height

    # -- the body -------------------------------------------------------------------------------

    def title_indexes(self) -> list[int]:
        for i, text in enumerate(self.texts[:20]):
            if text and _TITLE.search(text) and len(text) <= 60:
                found = [i]
                if i > 0 and self.texts[i - 1].endswith("关于"):
                    found.insert(0, i - 1)
                return found
        return []

    def body(self, text_width: int, text_height: int, title: list[int]) -> None:
        start = (title[-1] + 1) if title else 0
        body = [i for i in range(start, len(self.paragraphs)) if len(self.texts[i]) >= _MIN_BODY
                and not _L1.match(self.texts[i]) and not _L2.match(self.texts[i])]
        if not body:
            return
        sizes: Counter[int] = Counter()
        fonts: Counter[str] = Counter()
        spacing: Counter[int] = Counter()
        first: dict[object, int] = {}
        for i in body:
            p = self.paragraphs[i]
            for r in runs(p):
                length = sum(len(t.text or "") for t in r.iter(W + "t"))
                size = self.styles.size(p, r)
                font = self.styles.east_asian_font(p, r)
                sizes[size] += length
                fonts[font] += length
                first.setdefault(("size", size), i)
                first.setdefault(("font", font), i)
                try:
                    spacing[int(self.styles.run_property(p, r, "spacing") or 0)] += length
                except ValueError:
                    spacing[0] += length
        size = sizes.most_common(1)[0][0] if sizes else std.SIZE_3
        font = fonts.most_common(1)[0][0] if fonts else ""
        if size != std.SIZE_3:
            self.add(MUST, "字号", f"正文为 {size_name(size)}，应为 3号（16 磅）", "5.2.2、7.3.3", first[("size", size)])
        if "仿宋" not in font:
            self.add(MUST, "字体", f"正文字体为“{font or '未设置'}”，应为仿宋（仿宋_GB2312 或仿宋）", "5.2.2、7.3.3",
                     first.get(("font", font)))
        self.grid(body, text_width, text_height, size, spacing.most_common(1)[0][0] if spacing else 0)

    def grid(self, body: list[int], text_width: int, text_height: int, size: int, char_spacing: int) -> None:
        """Lines per page (line pitch) and characters per line (5.2.3)."""
        sect = self.document.sections[0]._sectPr
        grid = sect.find(W + "docGrid")
        grid_type = grid.get(W + "type", "") if grid is not None else ""
        try:
            grid_pitch = int(grid.get(W + "linePitch") or 0) if grid is not None else 0
        except ValueError:
            grid_pitch = 0
        rules: Counter[tuple[Union[int, None], str]] = Counter(self.styles.spacing(self.paragraphs[i]) for i in body)
        (line, rule), _ = rules.most_common(1)[0]
        at = next(i for i in body if self.styles.spacing(self.paragraphs[i]) == (line, rule))
        if rule in ("exact", "atLeast") and line:
            pitch, how = line, f"固定值 {line / std.TW_PER_PT:g} 磅"
        elif grid_type in ("lines", "linesAndChars", "snapToChars") and grid_pitch and (line or 240) <= 240:
            pitch, how = grid_pitch, f"文档网格 {grid_pitch / std.TW_PER_PT:g} 磅"
        else:
            single = round(size * 10 * 1.3 * (line or 240) / 240)  # a CJK font's line is about 1.3 × its size
            pitch, how = single, f"{(line or 240) / 240:g} 倍行距（约 {single / std.TW_PER_PT:.1f} 磅）"
        around: Counter[tuple[int, int]] = Counter(self.styles.space_around(self.paragraphs[i]) for i in body)
        (before, after), _ = around.most_common(1)[0]
        if before or after:
            at_space = next(i for i in body if self.styles.space_around(self.paragraphs[i]) == (before, after))
            self.add(MUST, "段间距", f"正文段前 {before / std.TW_PER_PT:g} 磅、段后 {after / std.TW_PER_PT:g} 磅：段落之间多出的"
                     f"空白使每页不足 {std.LINES_PER_PAGE} 行，段前段后应为 0", "5.2.3", at_space)
        lines = text_height // pitch if pitch > 0 else 0
        if lines != std.LINES_PER_PAGE:
            self.add(MUST, "行数", f"正文行距为{how}，每页 {lines} 行；应为每页 {std.LINES_PER_PAGE} 行（固定值 "
                     f"{std.LINE / std.TW_PER_PT:g} 磅，或 {std.LINES_PER_PAGE} 行的文档网格）", "5.2.3", at)
        char_pitch = size * 10 + char_spacing
        if grid_type in ("linesAndChars", "snapToChars") and grid is not None and grid.get(W + "charSpace"):
            with contextlib.suppress(ValueError):
                char_pitch = round(size * 10 + int(grid.get(W + "charSpace") or 0) / 4096 * 20)
        chars = text_width // char_pitch if char_pitch > 0 else 0
        if chars != std.CHARS_PER_LINE:
            self.add(SHOULD, "每行字数", f"每行 {chars} 字（版心宽 {_mm(text_width)}，{size_name(size)}，字距 "
                     f"{char_spacing / std.TW_PER_PT:g} 磅）；应为每行 {std.CHARS_PER_LINE} 字", "5.2.3", at)

    def title(self, title: list[int]) -> None:
        if not title:
            return
        i = title[0]
        p = self.paragraphs[i]
        first = next(runs(p), None)
        size = self.styles.size(p, first)
        font = self.styles.east_asian_font(p, first)
        if size != std.SIZE_2:
            self.add(MUST, "标题字号", f"标题为 {size_name(size)}，应为 2号（22 磅）", "7.3.1", i)
        if "宋" not in font or "仿宋" in font:
            self.add(SHOULD, "标题字体", f"标题字体为“{font or '未设置'}”，应为小标宋体（方正小标宋简体，或华文中宋）", "7.3.1", i)
        if self.styles.alignment(p) not in ("center", "distribute"):
            self.add(SHOULD, "标题", "标题应居中", "7.3.1", i)

    def headings(self) -> None:
        for pattern, level, expected, name in ((_L1, "一级标题", "黑体", "黑体"), (_L2, "二级标题", "楷体", "楷体（楷体_GB2312 或楷体）")):
            for i, text in enumerate(self.texts):
                if not pattern.match(text):
                    continue
                p = self.paragraphs[i]
                font = self.styles.east_asian_font(p, next(runs(p), None))
                if expected not in font:
                    self.add(MUST, f"{level}字体", f"“{text[:12]}”为“{font or '未设置'}”，{level}应为{name}", "7.3.3", i)
                    break  # one remark per level: the unit fixes the style, not each heading

    # -- page numbers and the formal parts ------------------------------------------------------

    def page_numbers(self) -> None:
        section = self.document.sections[0]
        footers = [("default", section.footer), ("even", section.even_page_footer), ("first", section.first_page_footer)]
        with_number = {}
        for kind, footer in footers:
            if footer.is_linked_to_previous:
                continue
            element = footer._element
            instructions = " ".join([t.text or "" for t in element.iter(W + "instrText")]
                                    + [f.get(W + "instr") or "" for f in element.iter(W + "fldSimple")])
            if re.search(r"\bPAGE\b", instructions):
                with_number[kind] = element
        if not with_number:
            self.add(MUST, "页码", "没有页码：页脚中应插入页码（“— 1 —”，4号半角宋体阿拉伯数字）", "7.5")
            return
        for element in with_number.values():
            text = "".join(t.text or "" for t in element.iter(W + "t"))
            if not re.search(r"[—－-]\s*\d*\s*[—－-]", text):
                self.add(SHOULD, "页码", "页码两侧应各有一条一字线，写作“— 1 —”", "7.5")
                break
        odd_even = self.document.settings.odd_and_even_pages_header_footer
        default = with_number.get("default")
        even = with_number.get("even")
        if not odd_even or default is None or even is None:
            self.add(SHOULD, "页码", "页码未区分单双页：应单页码居右空一字、双页码居左空一字（页面设置中勾选“奇偶页不同”）", "7.5")
            return

        def jc(element: _Element) -> str:
            found = element.find(f".//{W}jc")
            return (found.get(W + "val") or "") if found is not None else ""

        if jc(default) != "right" or jc(even) != "left":
            self.add(SHOULD, "页码", "页码位置不对：单页码应居右空一字，双页码应居左空一字", "7.5")

    def formal(self) -> None:
        head = range(min(len(self.paragraphs), 15))
        if not any(_red(self.styles.color(self.paragraphs[i], r)) for i in head for r in runs(self.paragraphs[i])):
            self.add(MUST, "发文机关标志", "正式上报版没有红色的发文机关标志（套红版头）", "7.2.4")
        if not any(self._red_rule(self.paragraphs[i]) for i in head):
            self.add(MUST, "红色分隔线", "正式上报版在发文字号之下应有一条与版心等宽的红色分隔线", "7.2.7")
        tail = self.texts[-12:]
        if not any("印发" in text for text in tail):
            self.add(SHOULD, "版记", "正式上报版末页应有版记（印发机关和印发日期，如“某某公安局办公室 2026年1月8日印发”）", "7.4")

    def _red_rule(self, p: _Element) -> bool:
        borders = self.styles.paragraph_property(p, "pBdr")
        if borders is not None and any(_red((b.get(W + "color") or "").upper()) for b in borders):
            return True
        xml = "".join(el.get("strokecolor", "") + el.get("fillcolor", "") for el in p.iter() if isinstance(el.tag, str))
        drawn = any(isinstance(el.tag, str) and el.tag.endswith("}srgbClr") and _red((el.get("val") or "").upper())
                    for el in p.iter())
        return drawn or bool(re.search(r"(?i)#?(ff0000|red)", xml))


def _red(color: str) -> bool:
    if not re.fullmatch(r"[0-9A-F]{6}", color):
        return color == "RED"
    red, green, blue = int(color[:2], 16), int(color[2:4], 16), int(color[4:], 16)
    return red >= 0xC0 and green <= 0x60 and blue <= 0x60


def inspect_docx(path: Path, formal: bool) -> list[Finding]:
    """The format findings of the .docx at *path* (already checked as a safe package by the importer)."""
    import docx

    document = docx.Document(str(path))
    inspection = Inspection(document)
    text_width, text_height = inspection.page()
    title = inspection.title_indexes()
    inspection.title(title)
    inspection.body(text_width, text_height, title)
    inspection.headings()
    inspection.page_numbers()
    if formal:
        inspection.formal()
    return inspection.findings
