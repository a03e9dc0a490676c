"""Which parts and items of the framework (the 纲要) a report addresses.

A part or item counts as addressed when a ``refs`` entry names it, or when one of its keywords
(from the framework file) appears in the report's text. Each of the eight 体系 (parts with a
``system``) that nothing addresses gets a COV warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..errors import DataError
from ..load.framework import load_framework
from ..model.framework import Framework, FrameworkItem, FrameworkPart
from ..model.paths import dotted
from ..model.report import Report
from ..validate import Unlocated
from ..validate.structure import check_references
from .base import ERROR, WARNING, Hit
from .content import owners
from .context import text_fields

if TYPE_CHECKING:
    from .context import Context


@dataclass(frozen=True)
class CoverageRow:
    """One part of the framework and what in the report addresses it."""

    part: str  # 一 … 十
    heading: str
    system: Union[str, None]  # one of the eight 体系, if the part is one
    refs: tuple[str, ...]  # data paths of the ``refs`` entries that name the part or one of its items
    keywords: tuple[str, ...]  # keywords of the part and its items found in the text
    items: tuple[str, ...]  # ids of the items addressed (by reference or keyword)

    @property
    def covered(self) -> bool:
        return bool(self.refs or self.keywords)


def coverage(report: Report, framework: Union[Framework, None] = None) -> list[CoverageRow]:
    """One row per framework part. Raises DataError when the framework file does not exist."""
    framework = framework or load_framework(report.framework)
    text = "\n".join(field.text for field in text_fields(report))
    refs = _references(report, framework)
    rows = []
    for part in framework.parts:
        part_refs = [path for path, target in refs if target is part or target in part.items]
        keywords = [k for k in _unique(part.keywords + [k for item in part.items for k in item.keywords]) if k in text]
        items = [item.id for item in part.items
                 if any(target is item for _, target in refs) or any(k in text for k in item.keywords)]
        rows.append(CoverageRow(part.id, part.heading, part.system, tuple(part_refs), tuple(keywords), tuple(items)))
    return rows


def _references(report: Report, framework: Framework) -> list[tuple[str, Union[FrameworkPart, FrameworkItem]]]:
    found = []
    for path, node, _ in owners(report):
        for j, ref in enumerate(getattr(node, "refs", [])):
            target = framework.find(ref)
            if target is not None:
                found.append((dotted(path + ("refs", j)), target))
    return found


def _unique(words: list[str]) -> list[str]:
    return list(dict.fromkeys(words))


def check(ctx: Context) -> list[Hit]:
    """COV: each of the eight 体系 the report leaves untouched; V: unknown framework or references."""
    problems = check_references(ctx.report, Unlocated())
    if problems:
        return [Hit("V", ERROR, p.message, path=p.path) for p in problems]
    try:
        rows = coverage(ctx.report)
    except DataError as exc:  # pragma: no cover - check_references reports it first
        return [Hit("V", ERROR, exc.problems[0].message, path=("framework",))]
    return [Hit("COV", WARNING, f"报告未涉及纲要第{row.part}部分的“{row.system}”（{row.heading}）："
                f"如已写到，在相应小节加一行 refs: [{row.part}] 注明（见 README“数据文件格式”），或补充相关内容",
                path=("parts",))
            for row in rows if row.system and not row.covered]
