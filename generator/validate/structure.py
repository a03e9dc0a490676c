"""The structure checks that validation field by field cannot make: framework references and heading depth."""

from __future__ import annotations

import typing

from ..errors import DataError, Problem
from ..load.framework import load_framework
from ..model.paths import DataPath
from ..model.report import Block, Report, Section

if typing.TYPE_CHECKING:
    from . import Locator

MAX_HEADING_LEVEL = 4  # 一、（一）1.（1）: GB/T 9704 7.3.3 has four levels


def check_structure(report: Report, locator: Locator) -> list[Problem]:
    """Framework references and heading depth, located through *locator*."""
    return check_references(report, locator) + check_levels(report, locator)


def check_references(report: Report, locator: Locator) -> list[Problem]:
    """Check that the framework exists and every ``refs`` entry names one of its parts or items."""
    try:
        framework = load_framework(report.framework)
    except DataError as exc:
        path: DataPath = ("framework",)
        return [Problem(exc.problems[0].message, locator.place(path), path, locator.field(path))]
    problems = []

    def refs_of(refs: list[str], path: DataPath) -> None:
        for j, ref in enumerate(refs):
            if framework.find(ref) is None:
                here = path + ("refs", j)
                problems.append(Problem(f"纲要“{framework.name}”中没有“{ref}”（部分写 一…十，条目写 1…35 或（二十三））",
                                        locator.place(here), here, locator.field(here)))

    def walk(blocks: list[Block], path: DataPath) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, Section):
                refs_of(block.refs, path + (i,))
                walk(block.content, path + (i, "content"))

    for i, part in enumerate(report.parts):
        refs_of(part.refs, ("parts", i))
        walk(part.content, ("parts", i, "content"))
    return problems


def check_levels(report: Report, locator: Locator) -> list[Problem]:
    """Headed sections may go four levels deep (一、（一）1.（1）), each deeper than its parent."""
    problems = []

    def walk(blocks: list[Block], level: int, path: DataPath) -> None:
        for i, block in enumerate(blocks):
            if not isinstance(block, Section):
                continue
            here = path + (i,)
            own = block.level or (level + 1 if block.heading else level)
            if block.level is not None and block.level <= level:
                at = here + ("level",)
                problems.append(Problem(f"层次 {block.level} 不能高于或等于上一级（{level}）",
                                        locator.place(at), at, locator.field(at)))
            elif block.heading and own > MAX_HEADING_LEVEL:
                problems.append(Problem("标题层次超过四级（一、（一）1.（1）），请合并或改为段落",
                                        locator.place(here), here, locator.field(here)))
                continue
            walk(block.content, own, here + ("content",))

    for i, part in enumerate(report.parts):
        # A part is level 1 even without a heading: layout numbers its sections from （一）.
        walk(part.content, 1, ("parts", i, "content"))
    return problems
