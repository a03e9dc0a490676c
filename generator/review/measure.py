"""``--measure``: lines per page and characters per line as LibreOffice lays the submitted .docx out.

The format inspection computes both from the page setup, the line pitch and the font size; a grid, a font
missing on this computer or Word's punctuation compression can make the real page differ. With LibreOffice
and pdfplumber installed, every Word submission is converted to PDF in ONE batch and measured: the most
lines on a full page (the last page aside) and the most common glyph count of a line that reaches the right
edge of the 版心. The measured figures replace the computed 行数 / 每行字数 findings. Costs about a second
per document, so it is asked for, not automatic.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Union

from ..render import gbt9704 as std
from .inspect import STANDARD
from .model import MUST, SHOULD, Finding, Submission

_PT_PER_TW = 1 / std.TW_PER_PT
_BASELINE_TOLERANCE = 1.0  # pt: glyphs of one line share a baseline within this
_EDGE = 1.5  # characters: a line ending this close to the right edge is a full line


def measure_pdf(pdf: Path, right_edge: float, char_pt: float) -> tuple[Union[int, None], Union[int, None]]:
    """(lines on the fullest page but the last, the usual glyph count of a full line) of *pdf*; None where
    the document is too short to tell. *right_edge* is the 版心's right edge in pt from the page's left."""
    import pdfplumber

    lines_per_page: list[int] = []
    full: Counter[int] = Counter()
    with pdfplumber.open(str(pdf)) as document:
        pages = document.pages
        for index, page in enumerate(pages):
            rows: dict[float, list[dict[str, object]]] = {}
            for char in page.chars:
                if not str(char.get("text", "")).strip():
                    continue
                key = round(float(char["bottom"]) / _BASELINE_TOLERANCE) * _BASELINE_TOLERANCE
                rows.setdefault(key, []).append(char)
            body = [row for key, row in rows.items() if key < float(page.height) * 0.9]  # the footer aside
            if index < len(pages) - 1:
                lines_per_page.append(len(body))
            for row in body:
                x1 = max(float(c["x1"]) for c in row)  # type: ignore[arg-type]
                if right_edge - x1 <= _EDGE * char_pt and len(row) > 10:
                    full[len(row)] += 1
    lines = max(lines_per_page) if lines_per_page else None
    chars = full.most_common(1)[0][0] if full else None
    return lines, chars


def measure_all(submissions: list[Submission], workdir: Path) -> str:
    """Measure every Word submission; returns a note for the user ("" when all were measured)."""
    from ..office import find_soffice, output_tail
    from .convert import convert_copies

    docs = [s for s in submissions if s.readable and s.docx is not None]
    if not docs:
        return ""
    if find_soffice() is None:
        return "未安装 LibreOffice：每页行数和每行字数为计算值，未实测"
    try:
        import pdfplumber  # noqa: F401 - only to know whether it is there
    except ImportError:
        return "未安装 pdfplumber（pip install pdfplumber）：每页行数和每行字数为计算值，未实测"
    sources = []
    for sub in docs:
        assert sub.docx is not None
        sources.append((sub.docx, sub))
    try:
        measured, output = convert_copies(sources, workdir, "measure", "pdf", timeout=60 + 10 * len(sources))
    except Exception as exc:  # noqa: BLE001 - measuring is an extra: the computed findings stand
        return f"LibreOffice 转换失败，每页行数和每行字数为计算值（{exc}）"
    for sub, pdf in measured:
        if pdf is not None:
            _apply(sub, pdf)
    missing = sum(pdf is None for _sub, pdf in measured)
    return f"{missing} 个文件未能实测排版（{output_tail(output, 1)}）" if missing else ""


def _apply(sub: Submission, pdf: Path) -> None:
    """Replace the computed 行数 / 每行字数 findings of *sub* with what the PDF shows."""
    import docx

    assert sub.docx is not None
    section = docx.Document(str(sub.docx)).sections[0]
    width = (section.page_width or 0) // std.EMU_PER_TW  # python-docx lengths are EMU
    right = width - (section.right_margin or 0) // std.EMU_PER_TW
    lines, chars = measure_pdf(pdf, right * _PT_PER_TW, std.CJK_PT)
    old = {f.topic: f for f in sub.findings if f.topic in ("行数", "每行字数")}
    kept = [f for f in sub.findings if f.topic not in ("行数", "每行字数") or f.topic == "行数" and lines is None
            or f.topic == "每行字数" and chars is None]
    if lines is not None and lines != std.LINES_PER_PAGE:
        base = old.get("行数")
        kept.append(Finding(MUST, f"行数：LibreOffice 实测每页 {lines} 行，应为每页 {std.LINES_PER_PAGE} 行",
                            f"{STANDARD} 5.2.3", base.paragraph if base else None, base.snippet if base else "",
                            "行数", "FMT-行数"))
    if chars is not None and chars != std.CHARS_PER_LINE:
        base = old.get("每行字数")
        kept.append(Finding(SHOULD, f"每行字数：LibreOffice 实测每行 {chars} 字，应为每行 {std.CHARS_PER_LINE} 字",
                            f"{STANDARD} 5.2.3", base.paragraph if base else None, base.snippet if base else "",
                            "每行字数", "FMT-每行字数"))
    sub.findings = kept
    sub.measured = (lines, chars)
