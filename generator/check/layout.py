"""D10: a title or 发文机关标志 too long to wrap between words within its lines (GB/T 9704 7.2.4, 7.3.1).
D11: no 结束语 before a long last paragraph, so nothing short can carry 正文 onto the 署名 page (7.3.5.5).

The renderer breaks both only between words (text/titles.py, text/words.py); when that cannot be done
within three title lines (梯形 or 菱形) or two 标志 lines, it has to break inside a word or add lines,
which a reviewer sends back. The fix is a shorter wording: a 规范化简称 for the 标志, a shorter 事由.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

from ..errors import WARNING
from ..render.gbt9704 import MARK_MIN_PT, TEXT_WIDTH_PT, TITLE_LINE_WIDTH
from ..text.titles import MAX_MARK_LINES, MAX_TITLE_LINES, whole_word_lines
from .base import Hit

if TYPE_CHECKING:
    from ..model.report import Block, Part
    from .context import Context


def check(ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    report = ctx.report
    title = report.full_title
    if title and not whole_word_lines(title, TITLE_LINE_WIDTH, MAX_TITLE_LINES):
        hits.append(Hit("D10", WARNING,
                        f"标题太长，排成{MAX_TITLE_LINES}行以内时无法只在词语之间回行（7.3.1 要求梯形或菱形、词意完整），"
                        "请精简标题", path=("title",) if report.title else ("agency", "name")))
    if ctx.formal:
        mark = report.agency.mark or report.agency.name
        if mark and not whole_word_lines(mark, TEXT_WIDTH_PT / MARK_MIN_PT, MAX_MARK_LINES):
            hits.append(Hit("D10", WARNING,
                            f"发文机关标志太长，{MARK_MIN_PT}磅字排两行仍放不下，请在 agency.mark 中使用规范化简称",
                            path=("agency", "mark") if report.agency.mark else ("agency", "name")))
    hits += _signature_page(ctx)
    return hits


def _signature_page(ctx: Context) -> list[Hit]:
    """With a 结束语 the renderer keeps only it (and a short last paragraph) with the 落款 (render/post.py).
    Without one the last paragraph is chained whole: a long one moves whole to the next page when the 落款
    does not fit, and LibreOffice drops the chain of one too long for a page, leaving the 署名 alone."""
    from ..model.report import Closing
    from ..render.gbt9704 import SIGNATURE_KEEP_LINES
    from ..text.measure import line_count

    report = ctx.report
    if report.closing != Closing.none or not report.document.signature:
        return []
    last = _last_body_paragraph(report.parts)
    if last is None:
        return []
    lines = line_count(last)
    if lines <= SIGNATURE_KEEP_LINES:
        return []
    return [Hit("D11", WARNING,
                f"没有结束语，正文最后一段有 {lines} 行：落款放不下时这一段会整段移到下一页，留下大片空白；段落再长，"
                "LibreOffice 生成的 PDF 中署名可能单独成页（7.3.5.5）。建议加结束语（closing: 特此报告）",
                path=("closing",))]


def _last_body_paragraph(blocks: Sequence[Union[Part, Block]]) -> Union[str, None]:
    """The text of the body's last paragraph as the renderer lays it out (render/context.py body_paragraphs):
    a text's last line, a chain's last paragraph, or a section's last block (its heading when it has none).
    The numbering mark before a heading and a run-in heading's words are left out: a few characters either way."""
    from ..model.report import Chain
    from ..text.numbering import chain_texts

    for block in reversed(blocks):
        if isinstance(block, str):
            lines = [line.strip() for line in block.split("\n") if line.strip()]
            if lines:
                return lines[-1]
        elif isinstance(block, Chain):
            texts = [t for t in chain_texts(block) if t]
            if texts:
                return texts[-1]
        else:  # a part or a section
            inner = _last_body_paragraph(block.content)
            if inner is not None:
                return inner
            if block.heading:
                return block.heading
    return None
