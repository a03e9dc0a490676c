"""The visible text of a saved web page, one block element per line (for ``fzbg import page.html``)."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "header", "footer", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "td", "th", "center",
}
_HIDDEN = {"script", "style", "noscript", "template", "head", "title", "iframe", "svg"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - attributes unused
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data.replace("\n", " ").replace("\r", " "))


def html_to_text(html: str) -> str:
    """Return the text of *html*: block elements become line breaks, scripts and styles are dropped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
