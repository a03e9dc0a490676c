"""HTML output for the 政府网站: one self-contained page with the text of the 公开版.

The page is built from the same :class:`RenderContext` as the .docx, so the two carry the same text.
Semantic headings (h1 title, h2 一、, h3 （一）, h4 1., h5 （1）), no scripts, no external files, every
text escaped, Chinese fonts with fallbacks in an inline stylesheet, and a layout that reads on a phone.
"""

from __future__ import annotations

from html import escape

from ..model.report import Report
from ..model.vocabulary import FontProfile, Variant
from .context import Paragraph, RenderContext, build_context
from .fonts import FONT_PROFILES

# Font-family fallbacks per role: the Windows names (Chinese and English), then macOS, then Linux/Android.
FONT_STACKS: dict[str, tuple[str, ...]] = {
    "fangsong": ("FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "华文仿宋",
                 "Noto Serif CJK SC", "Source Han Serif SC", "serif"),
    "kaiti": ("KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "华文楷体", "Kaiti SC",
              "LXGW WenKai", "serif"),
    "heiti": ("SimHei", "黑体", "STHeiti", "Heiti SC", "PingFang SC", "Microsoft YaHei", "微软雅黑",
              "Noto Sans CJK SC", "Source Han Sans SC", "sans-serif"),
    "xiaobiaosong": ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "SimSun", "宋体",
                     "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "serif"),
}
HEADING_TAGS = {1: "h2", 2: "h3", 3: "h4", 4: "h5"}


def render_html(report: Report, variant: Variant = Variant.public, fonts: FontProfile = FontProfile.gb2312) -> str:
    """The report as one HTML page (a str), from ``build_context(report, variant)``.

    *fonts* puts the fonts of that profile first in each CSS font list.
    """
    return html_from_context(build_context(report, variant), fonts)


def html_from_context(ctx: RenderContext, fonts: FontProfile = FontProfile.gb2312) -> str:
    """The HTML page of a render context (see render_html)."""
    body: list[str] = []
    if ctx.formal:
        body.append(_p(ctx.agency_mark, "mark"))
        number_line = " ".join(x for x in (ctx.doc_number, f"签发人：{ctx.signer}" if ctx.signer else "") if x)
        if number_line:
            body.append(_p(number_line, "number"))
    body.append(f"<h1>{escape(ctx.title)}</h1>")
    if ctx.recipient:
        body.append(_p(ctx.recipient, "recipient"))
    body += [_p(text) for text in ctx.opening]
    body += [_paragraph(p) for p in ctx.paragraphs]
    if ctx.closing:
        body.append(_p(ctx.closing))
    for i, line in enumerate(ctx.attachments):
        body.append(_p(line, "attachment" if i == 0 else "attachment more"))
    if ctx.signature_name or ctx.signature_date:
        lines = [escape(x) for x in (ctx.signature_name, ctx.signature_date) if x]
        body.append(f'<p class="signature">{"<br>".join(lines)}</p>')
    if ctx.imprint:
        rows = [ctx.imprint.copy_to, " ".join(x for x in (ctx.imprint.printed_by, ctx.imprint.printed_date) if x)]
        body.append('<footer class="imprint">' + "".join(_p(r) for r in rows if r) + "</footer>")
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(ctx.title)}</title>\n"
        f"<style>\n{stylesheet(fonts)}</style>\n</head>\n<body>\n<article>\n"
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )


def _paragraph(paragraph: Paragraph) -> str:
    if paragraph.kind == "heading":
        tag = HEADING_TAGS.get(paragraph.level, "h5")
        return f"<{tag}>{escape(paragraph.head)}</{tag}>"
    if paragraph.kind == "runin":
        level = min(max(paragraph.level, 1), 4)
        return f'<p class="runin l{level}"><strong>{escape(paragraph.head)}</strong>{escape(paragraph.text)}</p>'
    return _p(paragraph.text)


def _p(text: str, css_class: str = "") -> str:
    attr = f' class="{css_class}"' if css_class else ""
    return f"<p{attr}>{escape(text)}</p>"


def font_stack(role: str, fonts: FontProfile = FontProfile.gb2312) -> str:
    """The CSS font-family value of *role*, the profile's font first."""
    first = FONT_PROFILES[FontProfile(fonts)].get(role)
    names = list(FONT_STACKS[role])
    if first and first in names:
        names.remove(first)
        names.insert(0, first)
    return ", ".join(n if n in ("serif", "sans-serif") else f'"{n}"' for n in names)


def stylesheet(fonts: FontProfile = FontProfile.gb2312) -> str:
    """The inline stylesheet: GB/T 9704 roles as fonts, a readable measure on any screen."""
    fs, kt, ht, xbs = (font_stack(r, fonts) for r in ("fangsong", "kaiti", "heiti", "xiaobiaosong"))
    return f"""\
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; padding: 1rem; background: #fff; color: #111; font-family: {fs};
  font-size: 1.125rem; line-height: 1.8; }}
article {{ max-width: 42em; margin: 0 auto; overflow-wrap: anywhere; }}
h1 {{ font-family: {xbs}; font-size: 1.6rem; font-weight: normal; text-align: center;
  line-height: 1.5; margin: 1.5rem 0; }}
h2, h3, h4, h5 {{ font-size: 1.125rem; margin: 0; text-indent: 2em; }}
h2 {{ font-family: {ht}; font-weight: normal; }}
h3 {{ font-family: {kt}; font-weight: normal; }}
h4, h5 {{ font-family: {fs}; font-weight: normal; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.runin.l1 strong {{ font-family: {ht}; font-weight: normal; }}
p.runin.l2 strong {{ font-family: {kt}; font-weight: normal; }}
p.runin.l3 strong, p.runin.l4 strong {{ font-family: {fs}; font-weight: normal; }}
p.mark {{ color: #d00; font-family: {xbs}; font-size: 1.8rem; text-align: center; text-indent: 0;
  border-bottom: 2px solid #d00; padding-bottom: .5rem; margin-bottom: 1rem; }}
p.number {{ text-align: center; text-indent: 0; }}
p.recipient {{ text-indent: 0; }}
p.attachment {{ margin-top: 1.8em; }}
p.attachment.more {{ margin-top: 0; padding-left: 3em; }}
p.signature {{ text-align: right; text-indent: 0; margin-top: 1.8em; padding-right: 2em; }}
footer.imprint {{ margin-top: 2rem; border-top: 1px solid #111; border-bottom: 1px solid #111;
  font-size: 1rem; }}
footer.imprint p {{ text-indent: 1em; }}
@media (max-width: 30em) {{
  body {{ padding: .75rem; font-size: 1.0625rem; }}
  h1 {{ font-size: 1.35rem; }}
  h2, h3, h4, h5 {{ font-size: 1.0625rem; }}
}}
@media print {{ body {{ padding: 0; }} article {{ max-width: none; }} }}
"""
