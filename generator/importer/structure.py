"""The body of a report: parts (一、), sections (（一） 1. （1）), paragraphs and 一是 chains.

Numbers are read to find the level and then dropped: the renderer numbers again, so inserting an item
renumbers the rest. A heading followed by text in the same paragraph is run-in ("（一）标题。正文…").
Parts without a heading are recognised where a family-B report writes its problems and plans as
plain paragraphs after the thematic parts (海珠 seed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Union

from ..model.report import PART_KIND_LABELS, Block, Chain, Part, PartKind, Section
from ..text.numbering import parse_chinese_number, sequence_mark
from .chains import inline_chain, paragraph_chain
from .classify import RANK, classify_heading, paragraph_kind, section_kind
from .notes import Line, Note

_CN = "一二三四五六七八九十"
_MARKS = (
    (1, re.compile(f"^(?P<num>[{_CN}]{{1,3}})\\s*(?P<sep>[、.．])\\s*")),
    (2, re.compile(f"^（\\s*(?P<num>[{_CN}]{{1,3}})\\s*）\\s*")),
    (4, re.compile(r"^（\s*(?P<num>\d{1,2})\s*）\s*")),
    (3, re.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>[.．、])(?!\d)\s*")),
)
_OPEN = "“《（「『【‘"
_CLOSE = "”》）」』】’"


class Mark(NamedTuple):
    """A sequence mark at the start of a paragraph: its level, number, text as written, and the rest."""

    level: int
    number: int
    written: str
    rest: str


def heading_mark(text: str) -> Union[Mark, None]:
    """The heading mark (一、 （一） 1. （1）) that *text* starts with, or None."""
    for level, pattern in _MARKS:
        match = pattern.match(text)
        if not match or match.end() >= len(text):
            continue
        raw = match.group("num")
        number = int(raw) if raw.isdigit() else parse_chinese_number(raw)
        if number:
            return Mark(level, number, text[: match.end()].strip(), text[match.end() :])
    return None


def split_heading(text: str) -> tuple[str, str]:
    """(heading, run-in text): the heading ends at the first 。 or ： outside quotes and brackets."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "。：" and depth == 0:
            return text[: i + 1], text[i + 1 :]
    return text, ""


def split_opening(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(opening, body): the opening runs up to the first top-level heading (or is the first paragraph)."""
    marks = [(i, heading_mark(line.text)) for i, line in enumerate(lines)]
    levels = [m.level for _, m in marks if m]
    if not levels:
        return lines[:1], lines[1:]
    top = min(levels)
    first = next(i for i, m in marks if m and m.level == top)
    return lines[:first], lines[first:]


@dataclass
class _Node:
    level: int  # 1 for a part, 2–4 for a section
    heading: Union[str, None] = None
    run_in: bool = False
    mark: Union[Mark, None] = None
    line: Union[int, None] = None
    kind: Union[PartKind, None] = None
    doubt: Union[str, None] = None  # why the kind read from the heading is uncertain
    items: list[Union[_Node, Line]] = field(default_factory=list)


def build_parts(lines: list[Line], year: Union[int, None], notes: list[Note],
                doubts: Union[dict[int, str], None] = None) -> list[Part]:
    """Parse the body *lines* into parts. Notes say what was recognised and renumbered; *doubts* receives,
    by part index, why a part's kind is uncertain."""
    parts: list[_Node] = []
    stack: list[_Node] = []
    for line in lines:
        mark = heading_mark(line.text)
        if mark is not None and mark.level == 1:
            node = _heading(mark, line)
            kinding = classify_heading(node.heading or "")
            node.kind, node.doubt = kinding.kind, None if kinding.sure else kinding.why
            parts.append(node)
            stack = [node]
        elif mark is not None:
            if not parts:
                parts.append(_Node(1, kind=PartKind.measures, line=line.number))
                stack = [parts[-1]]
            while len(stack) > 1 and stack[-1].level >= mark.level:
                stack.pop()
            node = _heading(mark, line)
            node.kind = section_kind(node.heading or "")
            stack[-1].items.append(node)
            stack.append(node)
        else:
            kind = paragraph_kind(line.text, year, nested=len(stack) > 1)
            if not parts or (kind is not None and RANK[kind] > RANK[parts[-1].kind or PartKind.measures]):
                parts.append(_Node(1, kind=kind or PartKind.measures, line=line.number))
                stack = [parts[-1]]
            stack[-1].items.append(line)
    _note_parts(parts, notes)
    _note_numbering(parts, notes)
    if doubts is not None:
        doubts.update({i: node.doubt for i, node in enumerate(parts) if node.doubt})
    return [_part(node, notes) for node in parts]


def _heading(mark: Mark, line: Line) -> _Node:
    heading, rest = split_heading(mark.rest)
    node = _Node(mark.level, heading=heading, run_in=bool(rest), mark=mark, line=line.number)
    if rest:
        node.items.append(Line(line.number, rest))
    return node


def _part(node: _Node, notes: list[Note]) -> Part:
    return Part(
        kind=node.kind or PartKind.measures,
        heading=node.heading,
        run_in=node.run_in,
        content=_blocks(node.items, 2, node.kind, notes),
    )


def _section(node: _Node, default_level: int, part_kind: Union[PartKind, None], notes: list[Note]) -> Section:
    if node.kind is not None and node.kind != part_kind and node.mark is not None:
        label = PART_KIND_LABELS[node.kind]
        notes.append(Note("parts", f"“{node.mark.written}{_clip(node.heading or '')}” → {label}（{node.kind.value}）",
                          node.line))
    return Section(
        heading=node.heading,
        run_in=node.run_in,
        level=None if node.level == default_level else node.level,
        kind=node.kind if node.kind != part_kind else None,
        content=_blocks(node.items, node.level + 1, part_kind, notes, node.kind or part_kind),
    )


def _blocks(
    items: list[Union[_Node, Line]],
    child_level: int,
    part_kind: Union[PartKind, None],
    notes: list[Note],
    owner_kind: Union[PartKind, None] = None,
) -> list[Block]:
    blocks: list[Block] = []
    run: list[Line] = []
    for item in items + [None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        blocks += _paragraphs(run, notes, owner_kind or part_kind)
        run = []
        if isinstance(item, _Node):
            blocks.append(_section(item, child_level, part_kind, notes))
    return blocks


def _paragraphs(lines: list[Line], notes: list[Note], owner_kind: Union[PartKind, None]) -> list[Union[str, Chain]]:
    texts = [line.text for line in lines]
    blocks: list[Union[str, Chain]] = []
    i = 0
    while i < len(texts):
        chain, used = paragraph_chain(texts[i:])
        if chain is None:
            chain, used = inline_chain(texts[i]), 1
        if chain is None:
            blocks.append(texts[i])
        else:
            blocks.append(_mark_items(chain, owner_kind, lines[i].number, notes))
            first = "①" if chain.style == "circled" else "一" + chain.verb
            where = "每项一段" if chain.layout == "paragraphs" else "同一段内"
            notes.append(Note("chain", f"“{first}……”序号（{where}）", lines[i].number))
        i += used
    return blocks


def _mark_items(chain: Chain, owner_kind: Union[PartKind, None], line: int, notes: list[Note]) -> Chain:
    """Mark a chain item about the 第一责任人 (folded into the measures) with that kind."""
    for item in chain.chain:
        first = re.split(r"[。；]", item.text, maxsplit=1)[0]
        kind = section_kind(first)
        if kind is not None and kind != owner_kind:
            item.kind = kind
            notes.append(Note("parts", f"“{_clip(first)}” → {PART_KIND_LABELS[kind]}（{kind.value}）", line))
    return chain


def _clip(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "……"


def _note_parts(parts: list[_Node], notes: list[Note]) -> None:
    for node in parts:
        kind = node.kind or PartKind.measures  # build_parts gives every part its kind
        label = PART_KIND_LABELS[kind]
        if node.heading:
            assert node.mark is not None  # a headed part was read from its mark
            sure = f"（把握不大：{node.doubt}，请核对 kind）" if node.doubt else "（把握较大）"
            notes.append(Note("parts", f"“{node.mark.written}{node.heading}” → {label}（{kind.value}）{sure}", node.line))
        else:
            notes.append(Note("parts", f"无标题的段落 → {label}（{kind.value}）（按首句判断，请核对）", node.line))


def _note_numbering(parts: list[_Node], notes: list[Note]) -> None:
    """Note each heading whose mark the renderer will write differently (style or number)."""
    number = 0
    for node in parts:
        if node.heading:
            number += 1
            _note_mark(node, 1, number, notes)
        _note_children(node, notes)


def _note_children(node: _Node, notes: list[Note]) -> None:
    counters: dict[int, int] = {}
    for item in node.items:
        if isinstance(item, _Node):
            counters[item.level] = counters.get(item.level, 0) + 1
            _note_mark(item, item.level, counters[item.level], notes)
            _note_children(item, notes)


def _note_mark(node: _Node, level: int, expected: int, notes: list[Note]) -> None:
    assert node.mark is not None
    written = node.mark.written
    generated = sequence_mark(level, expected)
    if node.mark.number != expected:
        notes.append(Note("renumber", f"“{written}”→“{generated}”", node.line))
    elif written != generated:
        notes.append(Note("mark", f"“{written}”→“{generated}”", node.line))
