"""Content rules of the 规定 and the 条例: the five items, TODO markers, 请示事项, structure.

- C-ITEM  items 1–4 of 《法治政府建设与责任落实督察工作规定》 are present (a part's or a section's ``kind``)
- C-EMPTY an item that is present has some text
- C-TODO  no 【待填写】 left by ``fzbg new`` or the wizard
- C-NUM   no hand-typed sequence number where the tool numbers (headings, 一是… chains)
- D8      a 报告 carries no 请示事项 (条例 第十五条(四))
- P6      section levels do not skip (a ``level`` override) and stay within four levels
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Union

from ..model.report import Block, Chain, ChainItem, Part, PartKind, Report, Section
from ..text.clean import TODO_MARKER
from ..text.numbering import CIRCLED
from .base import ERROR, HAN_NUMERALS, INFO, ODD_MARKS, WARNING, DataPath, Hit

if TYPE_CHECKING:
    from .context import Context

# The five items, in the 规定's own words (docs/content.md).
ITEMS = {
    PartKind.measures: (1, "上一年度推进法治政府建设的主要举措和成效"),
    PartKind.shortcomings: (2, "上一年度推进法治政府建设存在的不足和原因"),
    PartKind.leader_duty: (3, "上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"),
    PartKind.plans: (4, "下一年度推进法治政府建设的主要安排"),
    PartKind.other: (5, "其他需要报告的情况"),
}
REQUIRED = (PartKind.measures, PartKind.shortcomings, PartKind.leader_duty, PartKind.plans)

# Words in headings (and, for 第一责任人, in the text) that suggest an item is there but not marked.
_HINTS = {
    PartKind.measures: ("举措", "措施", "成效", "主要工作"),
    PartKind.shortcomings: ("不足", "存在问题", "存在的问题", "短板", "差距"),
    PartKind.leader_duty: ("第一责任人",),
    PartKind.plans: ("下一步", "下一年度", "工作计划", "工作安排", "工作打算", "主要安排"),
}


def check(ctx: Context) -> list[Hit]:
    report = ctx.report
    return items(report) + todo_markers(ctx) + levels(report)


# --- the five items ----------------------------------------------------------------------------


Owner = Union[Part, Section, ChainItem]
Marked = tuple[DataPath, Owner, Union[PartKind, None]]  # an owner with its path and its item of the 规定


def owners(report: Report) -> Iterator[Marked]:
    """Every part, section and chain item with its path and the item of the 规定 it is marked as."""
    def walk(blocks: list[Block], path: DataPath) -> Iterator[Marked]:
        for j, block in enumerate(blocks):
            if isinstance(block, Section):
                yield path + (j,), block, block.kind
                yield from walk(block.content, path + (j, "content"))
            elif isinstance(block, Chain):
                for k, item in enumerate(block.chain):
                    yield path + (j, "chain", k), item, item.kind

    for i, part in enumerate(report.parts):
        yield ("parts", i), part, part.kind
        yield from walk(part.content, ("parts", i, "content"))


def has_text(node: Owner) -> bool:
    """True when a part or section holds any paragraph, chain or sub-heading (a chain item: its text)."""
    if isinstance(node, ChainItem):
        return bool(node.text.strip())
    for block in node.content:
        if isinstance(block, Chain) or (isinstance(block, str) and block.strip()):
            return True
        if isinstance(block, Section) and (block.heading or has_text(block)):
            return True
    return False


def items(report: Report) -> list[Hit]:
    """C-ITEM and C-EMPTY."""
    hits: list[Hit] = []
    marked = list(owners(report))
    for kind in ITEMS:
        number, wording = ITEMS[kind]
        found = [(path, node) for path, node, k in marked if k == kind]
        if not found:
            if kind in REQUIRED:
                hits.append(_missing(kind, number, wording, marked))
            continue
        if not any(has_text(node) for _, node in found):
            path = found[0][0]
            severity = ERROR if kind in REQUIRED else WARNING
            hits.append(Hit("C-EMPTY", severity,
                            f"规定第{number}项“{wording}”没有内容：请填写，或删除这一部分" if kind is PartKind.other
                            else f"规定第{number}项“{wording}”没有内容，请填写", path=path))
    return hits


def _missing(kind: PartKind, number: int, wording: str, marked: list[Marked]) -> Hit:
    for path, node, _ in marked:
        if isinstance(node, ChainItem):
            continue
        words = [w for w in _HINTS[kind] if w in (node.heading or "")]
        if kind is PartKind.leader_duty and not words:
            words = [w for w in _HINTS[kind] if any(w in t for t in _texts(node))]
        if words:
            return Hit("C-ITEM", WARNING,
                       f"未标注规定第{number}项“{wording}”，但此处提到“{words[0]}”："
                       f"请给这一部分或小节加上 kind: {kind.value}，以便核对", path=path)
    return Hit("C-ITEM", ERROR,
               f"缺少规定第{number}项“{wording}”：请增加 kind: {kind.value} 的部分，"
               f"或给已有小节加上 kind: {kind.value}", path=("parts",))


def _texts(node: Union[Part, Section]) -> Iterator[str]:
    for block in node.content:
        if isinstance(block, str):
            yield block
        elif isinstance(block, Chain):
            yield from (item.text for item in block.chain)


# --- markers and requests ----------------------------------------------------------------------


def todo_markers(ctx: Context) -> list[Hit]:
    """C-TODO: every 【待填写】 in the input."""
    hits = []
    for path, text in ctx.strings():
        start = text.find(TODO_MARKER)
        while start >= 0:
            end = start + len(TODO_MARKER)
            hits.append(Hit("C-TODO", ERROR, "此处还没有填写（【待填写】），请补全后再上报", start, end, path=path))
            start = text.find(TODO_MARKER, end)
    return hits


_REQUEST = re.compile(
    r"请批示|请批准|请审批|请批复|请审定|请核准|请予以?(?:批准|审批|批复|支持|解决|协调|同意)"
    r"|妥否|当否|望批准|恳请[^。；！？\n]{0,20}?(?:批准|批示|审批|支持|同意)"
)


def request_hits(text: str) -> list[Hit]:
    """D8: request phrases, which a 报告 must not carry."""
    return [Hit("D8", ERROR, f"报告中不得夹带请示事项（《党政机关公文处理工作条例》第十五条）：“{m.group()}”",
                m.start(), m.end()) for m in _REQUEST.finditer(text)]


_HN = HAN_NUMERALS
_HEADING_NUMBER = re.compile(
    rf"\s*(?:第[{_HN}]+(?:部分|章|节|条)|[{_HN}]+[、.．，,]|[（(][{_HN}]+[）)]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]"
    rf"|[{CIRCLED}{ODD_MARKS}])"
)
_CHAIN_NUMBER = re.compile(rf"\s*(?:[{_HN}]+[是要]|第[{_HN}]+[，,、是]|[{CIRCLED}])")
_LEAD_NUMBER = re.compile(rf"(?:[{_HN}]是|{CIRCLED[0]})\s*$")


def numbering_hits(role: str, text: str) -> list[Hit]:
    """C-NUM: numbers typed where the tool generates them (they would print twice: 一、一、)."""
    if role == "heading":
        m = _HEADING_NUMBER.match(text)
        if m:
            return [Hit("C-NUM", ERROR, f"标题前不要手写序号“{m.group().strip()}”：序号由程序自动生成，否则会重复",
                        m.start(), m.end())]
    elif role == "chain_item":
        m = _CHAIN_NUMBER.match(text)
        if m:
            return [Hit("C-NUM", ERROR, f"条目前不要手写“{m.group().strip()}”：“一是”“二是”由程序自动生成",
                        m.start(), m.end())]
    elif role == "lead":
        m = _LEAD_NUMBER.search(text)
        if m:
            return [Hit("C-NUM", ERROR, f"引导语末尾不要写“{m.group().strip()}”：第一项的序号由程序自动生成",
                        m.start(), m.end())]
    return []


def text_hits(role: str, text: str) -> list[Hit]:
    """Content rules that look at one piece of text."""
    return request_hits(text) + numbering_hits(role, text)


# --- levels ------------------------------------------------------------------------------------


def levels(report: Report) -> list[Hit]:
    """P6: a ``level`` override must not skip a level, go above its parent, or go past level 4."""
    hits: list[Hit] = []

    def walk(blocks: list[Block], path: DataPath, child_level: int) -> None:
        for j, block in enumerate(blocks):
            if not isinstance(block, Section):
                continue
            here = path + (j,)
            level = block.level or child_level
            if block.level and block.level > child_level:
                hits.append(Hit("P6", WARNING, f"层次跳级：此处应为第{child_level}层（{_MARKS[child_level]}），"
                                f"却设为第{block.level}层（{_MARKS[block.level]}）", path=here + ("level",)))
            elif block.level and block.level < child_level:
                hits.append(Hit("P6", INFO, f"层次上移：此节设为第{block.level}层，高于其所在位置的第{child_level}层",
                                path=here + ("level",)))
            if block.heading and level >= 4 and any(isinstance(b, Section) and b.heading for b in block.content):
                hits.append(Hit("P6", ERROR, "结构层次最多四层（一、（一）1.（1）），此节下不能再有带标题的小节",
                                path=here + ("content",)))
            walk(block.content, here + ("content",), level + 1 if block.heading else level)

    for i, part in enumerate(report.parts):
        walk(part.content, ("parts", i, "content"), 2)
    return hits


_MARKS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
