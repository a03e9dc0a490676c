"""Convert .docx files to PDF with LibreOffice and measure the GB/T 9704 layout in the PDF.

Used by ``tests/test_layout.py``; also handy by hand::

    python tests/pdfmeasure.py report.pdf        # prints every page's lines, page number and red elements

Coordinates are millimetres from the top-left corner of the page. A body line's ``baseline`` comes from
the text matrix of its characters; ``x0``/``x1`` are the left edge of its first glyph box and the right
edge of its last one (advance widths, not ink). The page-number dash's vertical centre is measured on
the rendered ink when pypdfium2 (a pdfplumber dependency) is available, else taken from the glyph box.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

PT_PER_MM = 72 / 25.4
TEXT_TOP_MM = 37.0  # 天头 (GB/T 9704 5.2.1)
TEXT_LEFT_MM = 28.0  # 订口
TEXT_WIDTH_MM = 156.0  # 版心 156 × 225 mm
TEXT_HEIGHT_MM = 225.0
TEXT_RIGHT_MM = TEXT_LEFT_MM + TEXT_WIDTH_MM  # 184
TEXT_BOTTOM_MM = TEXT_TOP_MM + TEXT_HEIGHT_MM  # 262
DASH = "\u2014"  # 一字线 of the page number



class ConversionError(RuntimeError):
    """LibreOffice did not produce every PDF it was asked for."""


def mm(points: float) -> float:
    """PDF points → millimetres."""
    return points / PT_PER_MM


# ---------------------------------------------------------------- conversion


def soffice_path() -> str | None:
    """The LibreOffice executable, found as the product finds it (PATH, then the usual install folders)."""
    from generator.render.pdf import find_soffice

    return find_soffice()


def convert_to_pdf(docx_paths: list[Path], outdir: Path, timeout: float = 120) -> list[Path]:
    """Convert *docx_paths* to PDF in *outdir* with ONE soffice call (the product's own batch converter).

    Raises ConversionError when soffice is missing, fails, times out or leaves out a PDF.
    """
    from generator.errors import RenderError
    from generator.render.pdf import docx_to_pdf_batch

    try:
        return docx_to_pdf_batch([Path(p) for p in docx_paths], Path(outdir), timeout=timeout)
    except RenderError as exc:
        raise ConversionError(str(exc)) from None


# ---------------------------------------------------------------- measurement


@dataclass
class Glyph:
    text: str
    x0: float  # mm
    x1: float
    top: float
    bottom: float
    size: float  # pt
    font: str
    color: tuple


@dataclass
class Line:
    """One text line: characters sharing a baseline."""

    baseline: float  # mm from the page top
    top: float  # top of the tallest glyph box
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def visible(self) -> list[Glyph]:
        return [g for g in self.glyphs if not g.text.isspace()]

    @property
    def n_chars(self) -> int:
        """Characters on the line, white space not counted."""
        return len(self.visible)

    @property
    def x0(self) -> float:
        return self.visible[0].x0

    @property
    def x1(self) -> float:
        return self.visible[-1].x1

    @property
    def size(self) -> float:
        """The most common font size on the line (pt)."""
        sizes = [round(g.size, 1) for g in self.visible]
        return max(set(sizes), key=sizes.count)

    def span(self, text: str) -> tuple[float, float] | None:
        """(x0, x1) of the first occurrence of *text* (white space ignored), or None."""
        glyphs = self.visible
        chars = "".join(g.text for g in glyphs)
        needle = "".join(text.split())
        start = chars.find(needle)
        if start < 0 or not needle:
            return None
        return glyphs[start].x0, glyphs[start + len(needle) - 1].x1

    def __repr__(self) -> str:
        return f"Line({self.baseline:.2f}mm x {self.x0:.2f}–{self.x1:.2f} n={self.n_chars} {self.text!r})"


@dataclass
class PageNumber:
    text: str
    x0: float  # left edge of the opening dash
    x1: float  # right edge of the closing dash
    dash_centre: float  # vertical centre of the dash (mm from the page top)
    dash_centre_source: str  # "ink" (rendered) or "box" (glyph box centre)


@dataclass
class Graphic:
    """A line or rectangle of the page (rules, borders)."""

    kind: str  # "line" | "rect"
    x0: float
    x1: float
    top: float
    bottom: float
    color: tuple
    thickness: float  # pt: line width, or the rectangle's smaller side

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def horizontal(self) -> bool:
        return (self.bottom - self.top) < 1.0 and self.width > 5

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    number: int  # 1-based
    width: float  # mm
    height: float
    lines: list[Line]  # body lines: inside the 版心 (above 262 mm)
    footer_lines: list[Line]  # everything below the 版心
    page_number: PageNumber | None
    red_glyphs: list[Glyph]
    graphics: list[Graphic]

    @property
    def red_graphics(self) -> list[Graphic]:
        return [g for g in self.graphics if is_red(g.color)]

    @property
    def rules(self) -> list[Graphic]:
        """Horizontal lines and thin rectangles, duplicates (same place) merged, top to bottom."""
        found: list[Graphic] = []
        for g in sorted((g for g in self.graphics if g.horizontal), key=lambda g: g.y):
            if any(abs(g.y - f.y) < 0.2 and abs(g.x0 - f.x0) < 0.2 and abs(g.x1 - f.x1) < 0.2 for f in found):
                continue
            found.append(g)
        return found

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class Layout:
    path: Path
    pages: list[Page] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        """The text of every page's body lines, in order, white space removed."""
        return "".join("".join(p.text.split()) for p in self.pages)


def is_black(color: object) -> bool:
    """True for black (or an unset colour). Grey, RGB and CMYK tuples from pdfplumber are understood."""
    values = _color_tuple(color)
    if not values:
        return True
    if len(values) == 1:
        return values[0] <= 0.2
    if len(values) == 3:
        return max(values) <= 0.2
    if len(values) == 4:
        c, m, y, k = values
        return k >= 0.8 or min(c, m, y) >= 0.8
    return False


def is_red(color: object) -> bool:
    values = _color_tuple(color)
    if len(values) == 3:
        r, g, b = values
        return r >= 0.6 and g <= 0.35 and b <= 0.35
    if len(values) == 4:
        c, m, y, k = values
        return c <= 0.3 and m >= 0.5 and y >= 0.5 and k <= 0.3
    return False


def _color_tuple(color: object) -> tuple:
    if color is None:
        return ()
    if isinstance(color, (int, float)):
        return (float(color),)
    try:
        return tuple(float(v) for v in color)  # type: ignore[union-attr]
    except (TypeError, ValueError):  # a pattern name
        return ()


def measure(pdf_path: Path | str, *, ink: bool = True) -> Layout:
    """Measure every page of *pdf_path*. With *ink*, the page-number dash is located on rendered pixels."""
    import pdfplumber

    layout = Layout(Path(pdf_path))
    with pdfplumber.open(str(pdf_path)) as pdf:
        for index, page in enumerate(pdf.pages):
            layout.pages.append(_measure_page(page, index + 1, pdf_path if ink else None))
    return layout


def _measure_page(page, number: int, pdf_path) -> Page:
    height_pt = float(page.height)
    glyphs: list[tuple[float, Glyph]] = []
    for c in page.chars:
        baseline_pt = height_pt - float(c["matrix"][5]) if c.get("upright", True) else float(c["bottom"])
        glyphs.append((mm(baseline_pt), Glyph(
            text=c["text"], x0=mm(c["x0"]), x1=mm(c["x1"]), top=mm(c["top"]), bottom=mm(c["bottom"]),
            size=float(c["size"]), font=c.get("fontname", ""), color=_color_tuple(c.get("non_stroking_color")),
        )))
    lines = _group_lines(glyphs)
    body = [line for line in lines if line.top < TEXT_BOTTOM_MM]
    footer = [line for line in lines if line.top >= TEXT_BOTTOM_MM]
    graphics = []
    for obj in list(page.lines) + list(page.rects):
        stroke = obj.get("stroking_color") if obj.get("stroke", True) else None
        fill = obj.get("non_stroking_color") if obj.get("fill", False) else None
        color = _color_tuple(stroke if stroke is not None else fill)
        w, h = float(obj["x1"] - obj["x0"]), float(obj["bottom"] - obj["top"])
        thickness = float(obj.get("linewidth") or 0) if obj["object_type"] == "line" else min(w, h)
        graphics.append(Graphic(
            kind=obj["object_type"], x0=mm(obj["x0"]), x1=mm(obj["x1"]), top=mm(obj["top"]),
            bottom=mm(obj["bottom"]), color=color, thickness=thickness,
        ))
    red_glyphs = [g for _, g in glyphs if not g.text.isspace() and not is_black(g.color)]
    return Page(
        number=number, width=mm(float(page.width)), height=mm(height_pt), lines=body, footer_lines=footer,
        page_number=_page_number(footer, pdf_path, number - 1), red_glyphs=red_glyphs, graphics=graphics,
    )


def _group_lines(glyphs: list[tuple[float, Glyph]], tolerance_mm: float = 0.6) -> list[Line]:
    """Group glyphs whose baselines lie within *tolerance_mm* of each other; lines top to bottom."""
    lines: list[Line] = []
    for baseline, glyph in sorted(glyphs, key=lambda item: item[0]):
        if lines and abs(baseline - lines[-1].baseline) <= tolerance_mm:
            lines[-1].glyphs.append(glyph)
            lines[-1].top = min(lines[-1].top, glyph.top)
        else:
            lines.append(Line(baseline=baseline, top=glyph.top, glyphs=[glyph]))
    for line in lines:
        line.glyphs.sort(key=lambda g: g.x0)
    return [line for line in lines if line.visible]


def _page_number(footer: list[Line], pdf_path, page_index: int) -> PageNumber | None:
    for line in footer:
        dashes = [g for g in line.visible if g.text == DASH]
        if len(dashes) < 2:
            continue
        ink = _ink_centre(pdf_path, page_index, dashes[0]) if pdf_path else None
        return PageNumber(
            text=" ".join(line.text.split()), x0=dashes[0].x0, x1=dashes[-1].x1,
            dash_centre=ink if ink is not None else (dashes[0].top + dashes[0].bottom) / 2,
            dash_centre_source="ink" if ink is not None else "box",
        )
    return None


def _ink_centre(pdf_path, page_index: int, dash: Glyph) -> float | None:
    """Vertical centre (mm) of the dark pixels inside the dash glyph's box (side bearings skipped)."""
    inset = 0.15 * (dash.x1 - dash.x0)
    extent = ink_extent(pdf_path, page_index + 1, (dash.x0 + inset, dash.top - 3, dash.x1 - inset, dash.bottom + 3))
    return None if extent is None else (extent[0] + extent[1]) / 2


def ink_extent(pdf_path: Path | str, page_number: int, box: tuple[float, float, float, float],
               dpi: int = 600) -> tuple[float, float] | None:
    """(top, bottom) in mm of the non-white pixels inside *box* = (x0, top, x1, bottom) mm of page *page_number*.

    Measures the glyphs' ink rather than their font boxes. None when nothing is drawn there, or when
    pypdfium2 (installed with pdfplumber) is missing.
    """
    try:
        import pypdfium2
    except ImportError:
        return None
    x0, top, x1, bottom = (v * PT_PER_MM for v in box)
    scale = dpi / 72
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        page = document[page_number - 1]
        width_pt, height_pt = page.get_size()
        crop = (max(x0, 0), max(height_pt - bottom, 0), max(width_pt - x1, 0), max(top, 0))
        image = page.render(scale=scale, crop=crop, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    w, h = image.size
    pixels = image.load()
    rows = [y for y in range(h) if any(pixels[x, y] < 160 for x in range(w))]
    if not rows:
        return None
    return mm(max(top, 0) + rows[0] / scale), mm(max(top, 0) + (rows[-1] + 1) / scale)


# ---------------------------------------------------------------- command line


def describe(layout: Layout) -> str:
    """A readable dump of *layout*."""
    out = [str(layout.path)]
    for page in layout.pages:
        out.append(f"-- page {page.number}: {page.width:.1f}×{page.height:.1f} mm, {len(page.lines)} body lines")
        for line in page.lines:
            out.append(f"   {line!r}")
        if page.page_number:
            pn = page.page_number
            out.append(f"   page number {pn.text!r}: x {pn.x0:.2f}–{pn.x1:.2f} mm, dash centre {pn.dash_centre:.2f} mm "
                       f"({pn.dash_centre_source})")
        for g in page.rules:
            out.append(f"   rule {g.kind} {g.x0:.2f}–{g.x1:.2f} mm at {g.y:.2f} mm, {g.thickness:.2f} pt, "
                       f"colour {g.color}")
        if page.red_glyphs:
            out.append(f"   red text: {''.join(g.text for g in page.red_glyphs)!r}")
    return "\n".join(out)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(describe(measure(argument)))
