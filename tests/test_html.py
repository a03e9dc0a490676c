"""HTML for the 政府网站 (generator/html.py): a valid self-contained page with the public .docx's text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.api import load_report
from generator.model.report import Report
from generator.render.context import build_context, document_lines
from generator.render.docx import render_docx_bytes
from generator.render.html import render_html

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
VOID = {"meta", "br", "link", "img", "hr", "input"}


class Tree(HTMLParser):
    """A strict little parser: records elements with their text and checks that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict, list[str]]] = []  # tag, attrs, text pieces
        self.open: list[tuple[str, dict, list[str]]] = []
        self.doctype = ""
        self.errors: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list) -> None:
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(tag)
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element[2].append(data)

    def texts(self, tag: str) -> list[str]:
        return ["".join(e[2]) for e in self.elements if e[0] == tag]


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.errors == [] and tree.stack == []
    return tree


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    return squash("".join(docx_paragraphs(data)))


def article_text(page: str) -> str:
    tree = parse(page)
    return squash("".join(tree.texts("article")))


@pytest.fixture(scope="module")
def example() -> Report:
    report, _ = load_report(REPO / "examples" / "seed-meixian-2024.yaml")
    return report


def test_page_is_valid_self_contained_and_mobile_ready(example: Report) -> None:
    """Verify doctype, language, charset, viewport, inline style only, no scripts or external files."""
    page = render_html(example)
    tree = parse(page)
    assert tree.doctype.lower() == "doctype html"
    html = [e for e in tree.elements if e[0] == "html"][0]
    assert html[1]["lang"] == "zh-CN"
    metas = [e[1] for e in tree.elements if e[0] == "meta"]
    assert {"charset": "utf-8"} in metas
    assert any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "") for m in metas)
    tags = {e[0] for e in tree.elements}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not any(k.startswith("on") or k in ("src", "href") for e in tree.elements for k in e[1])
    assert "url(" not in page and "@import" not in page and "<script" not in page.lower()
    assert len(tree.texts("style")) == 1 and len(tree.texts("h1")) == 1
    assert tree.texts("title") == [example.full_title]


def test_headings_use_semantic_levels(example: Report) -> None:
    """Verify h1 is the title, h2–h5 the headings of levels 1–4, run-in headings are <strong> in a <p>."""
    ctx = build_context(example, "public")
    tree = parse(render_html(example))
    assert tree.texts("h1") == [ctx.title]
    for level, tag in ((1, "h2"), (2, "h3"), (3, "h4"), (4, "h5")):
        expected = [p.head for p in ctx.paragraphs if p.kind == "heading" and p.level == level]
        assert tree.texts(tag) == expected
    assert tree.texts("h2") and tree.texts("h3") and tree.texts("h4")  # the example has three levels
    runin = [p.head for p in ctx.paragraphs if p.kind == "runin"]
    assert tree.texts("strong") == runin
    page = render_html(example)
    for head in runin:
        assert re.search(r"<p[^>]*><strong>" + re.escape(head) + "</strong>", page)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_same_text_as_the_public_docx(path: Path) -> None:
    """Verify the page carries exactly the text of the public .docx, in the same order."""
    report, _ = load_report(path)
    assert article_text(render_html(report, "public")) == docx_text(render_docx_bytes(report, "public"))


def test_formal_variant_has_the_formal_text() -> None:
    """Verify the formal page carries every line of the formal document (red header, 版记 included)."""
    report, _ = load_report(REPO / "examples" / "minimal.yaml")
    ctx = build_context(report, "formal")
    assert ctx.imprint is not None and ctx.doc_number
    page = render_html(report, "formal")
    assert article_text(page) == squash("".join(document_lines(ctx)))
    assert 'class="mark"' in page and "<footer" in page


def test_text_is_escaped() -> None:
    """Verify markup in report text is shown as text: no script element, the characters survive."""
    evil = '<script>alert("x")</script> & <b>粗</b>'
    report = Report.model_validate({
        "year": 2025,
        "title": f"标题{evil}",
        "agency": {"name": "江州市公安局"},
        "opening": evil,
        "parts": [{
            "kind": "measures",
            "heading": f"举措{evil}",
            "content": [evil, {"heading": "小节<i>", "run_in": True, "content": [f"正文{evil}"]}],
        }],
    })
    page = render_html(report)
    tree = parse(page)
    assert "script" not in {e[0] for e in tree.elements}
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp;" in page
    assert {e[0] for e in tree.elements} <= {"html", "head", "meta", "title", "style", "body", "article", "h1", "h2",
                                            "h3", "h4", "h5", "p", "strong", "br", "footer"}
    assert evil in "".join(tree.texts("p"))
    assert tree.texts("h1") == [f"标题{evil}"]


def test_fonts_have_chinese_names_and_fallbacks() -> None:
    """Verify the CSS names the GB/T 9704 fonts with fallbacks, the chosen profile first."""
    report, _ = load_report(REPO / "examples" / "minimal.yaml")
    page = render_html(report)
    for name in ('"FangSong_GB2312"', '"仿宋_GB2312"', '"FangSong"', '"仿宋"', '"STFangsong"', "serif", '"SimHei"',
                 '"方正小标宋简体"', "sans-serif"):
        assert name in page
    body_rule = re.search(r"body \{[^}]*font-family: ([^;]+);", page).group(1)
    assert body_rule.startswith('"仿宋_GB2312"') and body_rule.rstrip().endswith("serif")
    windows = re.search(r"body \{[^}]*font-family: ([^;]+);", render_html(report, fonts="windows")).group(1)
    assert windows.startswith('"仿宋"')
    h1_rule = re.search(r"h1 \{[^}]*font-family: ([^;]+);", render_html(report, fonts="windows")).group(1)
    assert h1_rule.startswith('"华文中宋"')
