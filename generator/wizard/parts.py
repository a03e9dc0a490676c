"""The five parts of the 规定, in order: heading, the measures' subsections, then items in a loop.

A *box* is what items are added to: a part, or one section of a part (the measures part is split
into sections when the user picks the framework's systems or writes headings of their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from ..model.framework import FrameworkPart
from ..model.paths import DataPath
from ..model.report import PART_KIND_LABELS, PartKind
from ..text.clean import TODO_MARKER
from . import questions as q
from .questions import Choice, Question
from .session import Session

ORDER = list(PartKind)  # measures, shortcomings, leader_duty, plans, other: the order of the 规定
RANK: dict[Union[PartKind, None], int] = {kind: i for i, kind in enumerate(ORDER)}  # looked up with None too

DEFAULT_HEADINGS = {
    PartKind.measures: "{year}年度推进法治政府建设的主要举措和成效",
    PartKind.shortcomings: "存在的不足和原因",
    PartKind.leader_duty: "党政主要负责人履行推进法治建设第一责任人职责情况",
    PartKind.plans: "{next}年度推进法治政府建设的主要安排",
    PartKind.other: "其他需要报告的情况",
}

WHAT_TO_WRITE = {
    PartKind.measures: "写本年度推进法治政府建设的做法和成效。",
    PartKind.shortcomings: "写存在的不足及其原因，如：执法规范化水平有待提高、法治宣传形式较单一。",
    PartKind.leader_duty: "写党政主要负责人履行推进法治建设第一责任人职责的情况，如：带头学法、研究部署法治工作、出庭应诉。",
    PartKind.plans: "写下一年度推进法治政府建设的主要安排。",
    PartKind.other: "写其他需要报告的情况。",
}

ITEM_HELP = "一项写一段：先用一句话概括（以“。”结束），再写具体做法和数字。不写内容直接提交，则留下“【待填写】”标记。"
FREE_HEADINGS = "__free__"
FILL_NOW = "now"
SKIP = "skip"


@dataclass(frozen=True)
class Box:
    """A part (``section`` None) or a section of a part, by kind so that hand edits cannot misplace it."""

    kind: PartKind
    section: Union[int, None] = None


def _kind(part: Any) -> Union[PartKind, None]:
    try:
        return PartKind(part.get("kind")) if isinstance(part, dict) else None
    except ValueError:
        return None


def _parts(s: Session) -> list[Any]:
    parts = s.data.get("parts")
    return parts if isinstance(parts, list) else []


def part_index(s: Session, kind: PartKind) -> Union[int, None]:
    """Index of the first part of *kind* in the file, or None."""
    return next((i for i, part in enumerate(_parts(s)) if _kind(part) == kind), None)


def covered(s: Session, kind: PartKind) -> bool:
    """True when a part, a section or a chain item is marked with *kind* (an item folded into another part)."""

    def marked(node: Any) -> bool:
        if isinstance(node, list):
            return any(marked(item) for item in node)
        return isinstance(node, dict) and (node.get("kind") == kind.value or any(marked(v) for v in node.values()))

    return marked(_parts(s))


def _is_section(block: Any) -> bool:
    return isinstance(block, dict) and "chain" not in block


def boxes_of(s: Session, kind: PartKind) -> list[Box]:
    """The boxes of the part of *kind*: its sections, or the part itself when it has none."""
    index = part_index(s, kind)
    if index is None:
        return []
    content = _parts(s)[index].get("content")
    sections = [i for i, block in enumerate(content or []) if _is_section(block)]
    return [Box(kind, i) for i in sections] or [Box(kind)]


def box_path(s: Session, box: Box) -> DataPath:
    """Where the box's items are stored."""
    path: DataPath = ("parts", part_index(s, box.kind))
    if box.section is not None:
        path += ("content", box.section)
    return path + ("content",)


def box_title(s: Session, box: Box) -> str:
    owner = s.store.get(box_path(s, box)[:-1], {}) or {}
    return owner.get("heading") or PART_KIND_LABELS[box.kind]


def items_of(s: Session, box: Box) -> list[Any]:
    content = s.store.get(box_path(s, box), None)
    return content if isinstance(content, list) else []


def later_answered(s: Session, box: Box) -> bool:
    """True when anything after *box* in the flow already has an answer (so its loop was ended)."""
    every = [b for kind in ORDER for b in boxes_of(s, kind)]
    if any(items_of(s, b) for b in every[every.index(box) + 1 :]):
        return True
    if any(part_index(s, kind) is not None for kind in ORDER if RANK[kind] > RANK[box.kind]):
        return True
    return isinstance(s.data.get("metrics"), dict)


# -- the flow ------------------------------------------------------------------------------------


def fill_parts(s: Session) -> None:
    for kind in ORDER:
        if part_index(s, kind) is None:
            if covered(s, kind) or (kind is PartKind.other and not wants_other(s)):
                continue
            add_part(s, kind)
        if kind is PartKind.measures and not s.store.has(("parts", part_index(s, kind), "content")):
            remind(s)
            s.store.set(("parts", part_index(s, kind), "content"), choose_sections(s))
        for box in boxes_of(s, kind):
            fill_box(s, box)


def wants_other(s: Session) -> bool:
    """规定第五项 may be empty: ask once, unless the user has moved past it already."""
    if isinstance(s.data.get("metrics"), dict) or PartKind.other in s.closed:
        return False
    default = bool(s.last and s.last.has_part(PartKind.other))
    if s.confirm("还有其他需要报告的情况吗？", default, help="规定的第五项“其他需要报告的情况”，没有可以不写。"):
        return True
    s.closed.add(PartKind.other)
    return False


def add_part(s: Session, kind: PartKind) -> None:
    """Ask the part's heading and insert the part where the 规定's order puts it."""
    if s.last and s.last.has_part(kind):
        default = s.last.part_heading(kind)
    else:
        default = DEFAULT_HEADINGS[kind].format(year=s.year, next=s.year + 1)
    s.ui.say(f"—— {PART_KIND_LABELS[kind]} ——", "ok")
    heading = s.prompt(q.part_heading(("parts",), PART_KIND_LABELS[kind]), default)
    parts = _parts(s)
    position = next((i for i, part in enumerate(parts) if RANK.get(_kind(part), len(ORDER)) > RANK[kind]), len(parts))
    s.store.insert(("parts",), position, {"kind": kind.value, "heading": heading})


def remind(s: Session) -> None:
    """Show last year's plans once, while this year's measures are being written."""
    if s.reminded or not s.last or not s.last.plans():
        return
    s.reminded = True
    s.ui.say(f"提示：去年的报告对 {s.year} 年的工作安排如下，可对照填写今年的举措和成效：", "note")
    for line in s.last.plans()[:30]:
        s.ui.say("  " + q.shorten(line, 70), "help")


def choose_sections(s: Session, current: Union[list[Any], None] = None) -> list[dict[str, Any]]:
    """The measures part's subsections: framework systems (checkbox) and headings of one's own."""
    systems = [part for part in s.framework().parts if part.system]
    if current is not None:
        previous = [(b.get("heading"), list(b.get("refs") or [])) for b in current if _is_section(b)]
    else:
        previous = s.last.measures_sections() if s.last else []
    ids = {part.id for part in systems}
    checked = [ref for _heading, refs in previous for ref in refs if ref in ids]
    free = [heading for heading, refs in previous if heading and not set(refs) & ids]
    choices = [Choice(part.heading, part.id) for part in systems] + [Choice("自拟小标题（下一步输入）", FREE_HEADINGS)]
    answer = s.choose(
        Question(
            "checkbox", "“主要举措和成效”按哪些小标题来写？", choices=choices,
            default=checked + ([FREE_HEADINGS] if free else []),
            help="可勾选纲要的八大体系作为小标题，也可自拟小标题；都不勾选则不分小标题，直接逐项填写。",
        )
    )
    sections: list[dict[str, Any]] = [{"heading": part.heading, "refs": [part.id]} for part in systems if part.id in answer]
    if FREE_HEADINGS in answer:
        sections += s.prompt(q.free_headings(), free)
    return sections


def fill_box(s: Session, box: Box) -> None:
    """Items of one box: the skip choice first, then one item after another."""
    items = items_of(s, box)
    if items:
        if items == [TODO_MARKER] or not all(isinstance(item, str) for item in items):
            return  # skipped, or written by hand with lists and headings
        if box in s.closed or later_answered(s, box):
            return
        s.ui.say(f"「{box_title(s, box)}」已填写 {len(items)} 段。", "note")
        return item_loop(s, box)
    if box.kind is PartKind.measures:
        remind(s)
    choice = s.choose(
        Question(
            "select", f"「{box_title(s, box)}」的内容：", help=box_help(s, box), default=FILL_NOW,
            choices=[Choice("现在逐项填写", FILL_NOW), Choice(q.SKIP_TITLE + "（留下“【待填写】”标记）", SKIP)],
        )
    )
    if choice == SKIP:
        s.store.set(box_path(s, box), [TODO_MARKER])
        return
    item_loop(s, box, first=True)


def box_help(s: Session, box: Box) -> str:
    """What to write in a box; for a framework system, the Outline's items under it."""
    text = WHAT_TO_WRITE[box.kind]
    owner = s.store.get(box_path(s, box)[:-1], {}) or {}
    for ref in owner.get("refs") or []:
        found = s.framework().find(str(ref))
        if isinstance(found, FrameworkPart) and found.items:  # an item of the Outline has no items
            text += "纲要本部分的条目：" + "；".join(item.heading for item in found.items) + "。"
    return text


def item_loop(s: Session, box: Box, first: bool = False) -> None:
    """Add items until the user says no more; a new box starts with its first item.

    Items are counted in this run only: an item may have several paragraphs, so on resume the file
    does not tell how many items it holds.
    """
    number = 1 if first else None
    help = f"按 y 接着写下一项；按 n 结束「{q.shorten(box_title(s, box))}」。"
    while first or s.confirm("再添加一项？", True, help=help):
        first, help = False, ""
        label = f"第 {number} 项" if number else "新的一项"
        slot = q.paragraphs(box_path(s, box), f"「{q.shorten(box_title(s, box))}」{label}：", ITEM_HELP if number == 1 else "")
        paragraphs = s.prompt(slot, None)
        s.store.extend(box_path(s, box), paragraphs or [TODO_MARKER])
        number = number + 1 if number else None
    s.closed.add(box)


# -- changes from the review screen ------------------------------------------------------------


def edit_box(s: Session, box: Box) -> None:
    """Rewrite a box's paragraphs in one multi-line answer (blank: leave the TODO marker)."""
    items = items_of(s, box)
    if not all(isinstance(item, str) for item in items):
        s.ui.say("这一部分含有列表或更下一级的标题，请直接在 YAML 文件中修改。", "note")
        return
    shown = [] if items == [TODO_MARKER] else items
    slot = q.paragraphs(box_path(s, box), f"「{box_title(s, box)}」的内容：", "每行一段，可增删修改。")
    s.store.set(box_path(s, box), s.prompt(slot, shown) or [TODO_MARKER])


def edit_sections(s: Session) -> None:
    """Choose the measures' subsections again: keep what is written under the ones kept.

    Dropped sections are deleted and new ones inserted one by one, so the rest of the part, with its
    comments, is left as it is.
    """
    path = ("parts", part_index(s, PartKind.measures), "content")
    current = s.store.get(path, None) or []
    chosen = choose_sections(s, current)
    matches = [_find_section(current, section) for section in chosen]
    dropped = [i for i, block in enumerate(current) if _is_section(block) and i not in matches]
    written = [current[i].get("heading") or "" for i in dropped if current[i].get("content")]
    if written and not s.confirm(f"将删除这些小标题及其下已写的内容：{'、'.join(written)}。确定吗？", False):
        return
    for index in reversed(dropped):
        s.store.delete(path + (index,))
    for n, section in enumerate(chosen):
        if matches[n] is not None:
            continue
        after = [current[m] for m in matches[n + 1 :] if m is not None]  # kept sections that follow this one
        blocks = s.store.get(path, None) or []
        s.store.insert(path, blocks.index(after[0]) if after else len(blocks), section)


def _find_section(blocks: list[Any], section: dict[str, Any]) -> Union[int, None]:
    """Index of the section in *blocks* that *section* stands for: same framework refs, else same heading."""
    for i, block in enumerate(blocks):
        if _is_section(block) and (
            block.get("refs") == section["refs"] if section.get("refs") else block.get("heading") == section["heading"]
        ):
            return i
    return None
