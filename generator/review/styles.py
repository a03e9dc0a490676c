"""Effective formatting of a Word paragraph and run, as Word resolves it: direct formatting, then the
character style, then the paragraph style and those it is based on, then the document defaults.

The format inspection reads a submitted .docx written by hand, where a size may sit on the run, on a style
three levels up or only in ``w:docDefaults``; reading the direct formatting alone would miss most of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
WORD_DEFAULT_SIZE = 20  # half-points: Word's size when nothing sets one (ECMA-376 17.3.2.38)


def paragraphs(body: _Element) -> Iterator[_Element]:
    """The w:p elements in the order the importer numbers them (generator.importer.docx_text)."""
    for p in body.iter(W + "p"):
        if any(True for _ in p.iterancestors(MC_FALLBACK)):
            continue
        yield p


def text_of(p: _Element) -> str:
    """The visible text of paragraph *p* (its own runs; deleted text and field codes left out)."""
    out = []
    for t in p.iter(W + "t"):
        if t.getparent() is not None and _owner(t) is p:
            out.append(t.text or "")
    return "".join(out)


def _owner(element: _Element) -> Union[_Element, None]:
    for ancestor in element.iterancestors(W + "p"):
        return ancestor
    return None


def runs(p: _Element) -> Iterator[_Element]:
    """The runs of *p* that carry text (inside hyperlinks and smart tags too, not in nested paragraphs)."""
    for r in p.iter(W + "r"):
        if _owner(r) is p and r.find(W + "t") is not None:
            yield r


class Styles:
    """The styles part of a document, resolved."""

    def __init__(self, styles: Union[_Element, None]) -> None:
        self.by_id: dict[str, _Element] = {}
        self.default_paragraph = ""
        self.defaults_rpr: Union[_Element, None] = None
        self.defaults_ppr: Union[_Element, None] = None
        if styles is None:
            return
        for style in styles.iter(W + "style"):
            sid = style.get(W + "styleId") or ""
            self.by_id[sid] = style
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid
        defaults = styles.find(W + "docDefaults")
        if defaults is not None:
            self.defaults_rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
            self.defaults_ppr = defaults.find(f"{W}pPrDefault/{W}pPr")

    def chain(self, sid: Union[str, None]) -> Iterator[_Element]:
        """The style *sid* and those it is based on, nearest first."""
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            based = style.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None

    def paragraph_style(self, p: _Element) -> str:
        found = p.find(f"{W}pPr/{W}pStyle")
        return (found.get(W + "val") or "") if found is not None else self.default_paragraph

    def _run_sources(self, p: _Element, r: Union[_Element, None]) -> Iterator[_Element]:
        """Where a run property may be set, in the order Word looks."""
        if r is not None:
            rpr = r.find(W + "rPr")
            if rpr is not None:
                yield rpr
                rstyle = rpr.find(W + "rStyle")
                if rstyle is not None:
                    for style in self.chain(rstyle.get(W + "val")):
                        found = style.find(W + "rPr")
                        if found is not None:
                            yield found
        for style in self.chain(self.paragraph_style(p)):
            found = style.find(W + "rPr")
            if found is not None:
                yield found
        if self.defaults_rpr is not None:
            yield self.defaults_rpr

    def run_property(self, p: _Element, r: Union[_Element, None], tag: str, attribute: str = "val") -> Union[str, None]:
        """The effective ``w:<tag> w:<attribute>`` of run *r* in paragraph *p*."""
        for rpr in self._run_sources(p, r):
            found = rpr.find(W + tag)
            if found is not None and found.get(W + attribute) is not None:
                return found.get(W + attribute)
        return None

    def size(self, p: _Element, r: Union[_Element, None]) -> int:
        """The effective font size in half-points."""
        value = self.run_property(p, r, "sz")
        try:
            return int(float(value)) if value else WORD_DEFAULT_SIZE
        except ValueError:
            return WORD_DEFAULT_SIZE

    def east_asian_font(self, p: _Element, r: Union[_Element, None]) -> str:
        """The effective font of Chinese text: rFonts eastAsia, else the theme's name for it, else ascii."""
        for attribute in ("eastAsia", "eastAsiaTheme", "ascii"):
            value = self.run_property(p, r, "rFonts", attribute)
            if value:
                return f"主题字体（{value}）" if attribute == "eastAsiaTheme" else value
        return ""

    def color(self, p: _Element, r: Union[_Element, None]) -> str:
        return (self.run_property(p, r, "color") or "").upper()

    def paragraph_property(self, p: _Element, tag: str) -> Union[_Element, None]:
        """The nearest ``w:pPr/w:<tag>`` for *p*: direct, its style chain, then the defaults."""
        sources: list[Union[_Element, None]] = [p.find(W + "pPr")]
        sources += [style.find(W + "pPr") for style in self.chain(self.paragraph_style(p))]
        sources.append(self.defaults_ppr)
        for ppr in sources:
            if ppr is not None and ppr.find(W + tag) is not None:
                return ppr.find(W + tag)
        return None

    def spacing(self, p: _Element) -> tuple[Union[int, None], str]:
        """The effective line spacing of *p*: (w:line in twips or 240ths, w:lineRule)."""
        line: Union[int, None] = None
        rule = ""
        sources: list[Union[_Element, None]] = [p.find(W + "pPr")]
        sources += [style.find(W + "pPr") for style in self.chain(self.paragraph_style(p))]
        sources.append(self.defaults_ppr)
        for ppr in sources:
            found = ppr.find(W + "spacing") if ppr is not None else None
            if found is None:
                continue
            if line is None and found.get(W + "line"):
                try:
                    line = int(found.get(W + "line") or "")
                except ValueError:
                    line = None
            if not rule and found.get(W + "lineRule"):
                rule = found.get(W + "lineRule") or ""
        return line, rule or "auto"

    def space_around(self, p: _Element) -> tuple[int, int]:
        """The effective space before and after *p*, in twips (``w:before``/``w:after``, nearest source wins)."""
        found: dict[str, int] = {}
        sources: list[Union[_Element, None]] = [p.find(W + "pPr")]
        sources += [style.find(W + "pPr") for style in self.chain(self.paragraph_style(p))]
        sources.append(self.defaults_ppr)
        for ppr in sources:
            spacing = ppr.find(W + "spacing") if ppr is not None else None
            if spacing is None:
                continue
            for side in ("before", "after"):
                raw = spacing.get(W + side)
                if side not in found and raw is not None:
                    try:
                        found[side] = int(float(raw))
                    except ValueError:
                        found[side] = 0
        return found.get("before", 0), found.get("after", 0)

    def alignment(self, p: _Element) -> str:
        found = self.paragraph_property(p, "jc")
        return (found.get(W + "val") or "") if found is not None else ""
