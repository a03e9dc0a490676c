"""The pieces of a report the evaluator rules read: the strings under an item of the 规定, cut into segments.

A *segment* is a stretch of one string: a chain item (一是……), a sentence of a paragraph, or an inline
"一是……；二是……" item typed as text. Offsets are inside the string as the checker sees it
(:meth:`Context.value`), so a hit on a segment is placed at its first character in the YAML file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..errors import Severity
from ..model.report import Block, Chain, ChainItem, PartKind, Section
from .base import DataPath, Hit
from .content import owners

if TYPE_CHECKING:
    from .context import Context

# Sentence ends, and the colon that ends a lead ("主要体现在以下方面：一是……").
_CUT = re.compile(r"[^。；！？：\n]*(?:[。；！？：\n]|$)")


@dataclass(frozen=True)
class Segment:
    path: DataPath  # model path of the string
    text: str  # the whole string
    start: int
    end: int
    chain_item: bool = False  # a whole 一是…… item (its several sentences are one segment)
    lead: bool = False  # a chain's lead or a heading: context, never a problem of its own

    @property
    def body(self) -> str:
        return self.text[self.start:self.end]

    def hit(self, rule: str, severity: Severity, message: str) -> Hit:
        return Hit(rule, severity, message, self.start, self.end, path=self.path)


def value(ctx: Context, path: DataPath, model_text: str) -> str:
    """The string at *path* as the engine will place hits in it."""
    text, _, mapped = ctx.value(path, model_text)
    return text if (mapped and text is not None) else model_text


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank sentence (ending at 。；！？： or a line break) of *text*."""
    for m in _CUT.finditer(text):
        start, end = m.span()
        while start < end and text[start] in " \t\u3000\n":
            start += 1
        if end > start and text[start:end].strip("。；！？：\n "):
            yield start, end


def segments(ctx: Context, path: DataPath, node: Union[Section, ChainItem, Block]) -> Iterator[Segment]:
    """The segments of a part's or section's content, a chain item, or one block, in document order."""
    if isinstance(node, ChainItem):
        text = value(ctx, path + ("text",), node.text)
        yield Segment(path + ("text",), text, 0, len(text), chain_item=True)
    elif isinstance(node, Section):
        if node.heading:
            text = value(ctx, path + ("heading",), node.heading)
            yield Segment(path + ("heading",), text, 0, len(text), lead=True)
        for j, block in enumerate(node.content):
            yield from segments(ctx, path + ("content", j), block)
    elif isinstance(node, Chain):
        if node.lead:
            text = value(ctx, path + ("lead",), node.lead)
            yield Segment(path + ("lead",), text, 0, len(text), lead=True)
        for k, item in enumerate(node.chain):
            yield from segments(ctx, path + ("chain", k), item)
    elif isinstance(node, str):
        text = value(ctx, path, node)
        for start, end in sentences(text):
            yield Segment(path, text, start, end)


def item_segments(ctx: Context, kind: PartKind) -> list[Segment]:
    """Every segment under the parts, sections and chain items marked as item *kind* of the 规定."""
    found: list[Segment] = []
    seen: list[DataPath] = []
    for path, node, k in owners(ctx.report):
        if k is not kind or any(path[: len(p)] == p for p in seen):
            continue  # a section of the kind inside a part of the kind: once
        seen.append(path)
        if isinstance(node, ChainItem):
            found += segments(ctx, path, node)
        else:
            if node.heading:
                text = value(ctx, path + ("heading",), node.heading)
                found.append(Segment(path + ("heading",), text, 0, len(text), lead=True))
            for j, block in enumerate(node.content):
                found += segments(ctx, path + ("content", j), block)
    return found
