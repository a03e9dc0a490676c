"""What the importer reads (numbered lines) and what it tells the user it did (notes)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One paragraph of the source: its text and where it was (line of a .txt, paragraph of a .docx)."""

    number: int
    text: str


@dataclass(frozen=True)
class Note:
    """One change or decision the user should know about.

    ``kind`` groups notes in the summary (see KIND_LABELS); ``line`` is the source line or paragraph.
    """

    kind: str
    detail: str
    line: int | None = None


# Summary headings, in the order they are printed.
KIND_LABELS: dict[str, str] = {
    "kind": "注意：文件类别",
    "source": "读取",
    "residue": "删除网页残留",
    "blank": "删除空行",
    "punct": "半角标点改为全角",
    "digits": "全角数字、字母改为半角",
    "space": "删除中文前后的多余空格",
    "mark": "统一序号写法",
    "renumber": "编号不连续，生成时将重新编号",
    "header": "识别版头（发文机关、发文字号、签发人、标题、主送机关）",
    "tail": "识别结尾（结束语、附件、落款、成文日期、版记）",
    "parts": "识别各部分及其类别",
    "chain": "“一是……二是……”等序号改为自动生成",
    "text": "正文",
    "draft": "生成下一年度草稿",
    "check": "核对",
}

MAX_EXAMPLES = 8
_COUNTED = ("residue", "blank", "punct", "digits", "space", "mark", "renumber", "chain")


def summarise(notes: list[Note], unit: str = "行") -> list[str]:
    """Chinese summary lines: one heading per kind, then each distinct change with its places."""
    groups: OrderedDict[str, list[Note]] = OrderedDict((kind, []) for kind in KIND_LABELS)
    for note in notes:
        groups.setdefault(note.kind, []).append(note)
    out: list[str] = []
    for kind, items in groups.items():
        if not items:
            continue
        label = KIND_LABELS.get(kind, kind)
        if kind not in _COUNTED:
            out.append(f"{label}：")
            out += [f"  {_place(note, unit)}{note.detail}" for note in items]
            continue
        out.append(f"{label}：共 {len(items)} 处")
        if kind == "blank":
            continue
        by_detail: OrderedDict[str, list[int]] = OrderedDict()
        for note in items:
            by_detail.setdefault(note.detail, []).append(note.line or 0)
        for shown, (detail, lines) in enumerate(by_detail.items()):
            if shown == MAX_EXAMPLES:
                out.append(f"  ……另有 {len(by_detail) - MAX_EXAMPLES} 种")
                break
            out.append(f"  {detail}" + (f"：{len(lines)} 处" if len(lines) > 1 else "") + _places(lines, unit))
    return out


def _place(note: Note, unit: str) -> str:
    return f"第{note.line}{unit}：" if note.line else ""


def _places(lines: list[int], unit: str) -> str:
    numbers = sorted({n for n in lines if n})
    if not numbers:
        return ""
    text = "、".join(str(n) for n in numbers[:MAX_EXAMPLES])
    more = "等" if len(numbers) > MAX_EXAMPLES else ""
    return f"（第{text}{unit}{more}）"
