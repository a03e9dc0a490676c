"""The structure checks that validation field by field cannot make: framework references and heading depth."""

from __future__ import annotations

from ..errors import DataError, Problem
from ..load.framework import load_framework
from ..model.report import Report, Section


def check_report(report: Report, place) -> list[Problem]:  # noqa: ANN001 - place: path -> str
    """What validation cannot see field by field: framework references and heading depth."""
    return check_references(report, place) + check_levels(report, place)


def check_references(report: Report, place) -> list[Problem]:  # noqa: ANN001 - place: path -> str
    """Check that the framework exists and every ``refs`` entry names one of its parts or items."""
    try:
        framework = load_framework(report.framework)
    except DataError as exc:
        return [Problem(place(("framework",)), "framework", exc.problems[0].message)]
    problems = []

    def walk(blocks: list, path: tuple) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, Section):
                refs_of(block.refs, path + (i,))
                walk(block.content, path + (i, "content"))

    def refs_of(refs: list[str], path: tuple) -> None:
        for j, ref in enumerate(refs):
            if framework.find(ref) is None:
                problems.append(
                    Problem(place(path + ("refs", j)), ".".join(map(str, path + ("refs", j))),
                            f"纲要“{framework.name}”中没有“{ref}”（部分写 一…十，条目写 1…35 或（二十三））")
                )

    for i, part in enumerate(report.parts):
        refs_of(part.refs, ("parts", i))
        walk(part.content, ("parts", i, "content"))
    return problems


def check_levels(report: Report, place) -> list[Problem]:  # noqa: ANN001 - place: path -> str
    """Headed sections may go four levels deep (一、（一）1.（1）), each deeper than its parent."""
    problems = []

    def walk(blocks: list, level: int, path: tuple) -> None:
        for i, block in enumerate(blocks):
            if not isinstance(block, Section):
                continue
            here = path + (i,)
            own = block.level or (level + 1 if block.heading else level)
            if block.level is not None and block.level <= level:
                problems.append(Problem(place(here + ("level",)), _dotted(here + ("level",)),
                                        f"层次 {block.level} 不能高于或等于上一级（{level}）"))
            elif block.heading and own > 4:
                problems.append(Problem(place(here), _dotted(here),
                                        "标题层次超过四级（一、（一）1.（1）），请合并或改为段落"))
                continue
            walk(block.content, own, here + ("content",))

    for i, part in enumerate(report.parts):
        # A part is level 1 even without a heading: layout numbers its sections from （一）.
        walk(part.content, 1, ("parts", i, "content"))
    return problems


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)
