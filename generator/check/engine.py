"""The engine: runs every rule family over a report and anchors each hit at a data path (and a file position)."""

from __future__ import annotations

from ..model.paths import DataPath
from . import (
    consistency,
    content,
    copying,
    coverage,
    drafts,
    fields,
    formulas,
    glyphs,
    layout,
    numbers,
    policy,
    privacy,
    punctuation,
    shortcomings,
    substance,
    years,
)
from .context import Context, Located, text_fields


def collect(ctx: Context) -> list[Located]:
    """Every hit of every rule, anchored."""
    found: list[Located] = []
    ranges: dict[str, tuple[DataPath, str, int, bool]] = {}
    for field in text_fields(ctx.report):
        text, path, mapped = ctx.value(field.path, field.text)
        if text is None:
            continue
        hits = punctuation.check(text) + numbers.check(text)
        hits += content.text_hits(field.role, text) + consistency.text_hits(text, ctx.report)
        hits.sort(key=lambda h: h.start or 0)
        found += [Located(hit, path, text, mapped) for hit in hits]
        for style, at in punctuation.range_styles(text).items():
            ranges.setdefault(style, (path, text, at, mapped))
    if len(ranges) == 2:  # both “～” and “—” ranges: point at the first use of the later style
        path, text, at, mapped = list(ranges.values())[1]
        found.append(Located(punctuation.mixed_range_hit(at), path, text, mapped))
    for family in (content, drafts, years, fields, layout, consistency, coverage, shortcomings, substance, formulas, privacy, copying,
                   policy, glyphs):
        for hit in family.check(ctx):
            text, path, mapped = ctx.value(hit.path)
            found.append(Located(hit, path if mapped else hit.path, text, mapped and hit.start is not None))
    return found
