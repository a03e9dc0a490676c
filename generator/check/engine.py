"""Runs every rule family over a report and anchors each hit at a data path (and a file position)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Union

from pydantic import BaseModel

from ..load.yaml_file import DataPath, YamlDocument
from ..model.report import Chain, Report, Section
from ..validate.messages import dotted
from . import consistency, content, coverage, fields, numbers, punctuation
from .base import Finding, Hit, snippet
from .source import Source


@dataclass(frozen=True)
class TextField:
    """A piece of user text that ends up in the document."""

    path: DataPath  # path in the model, e.g. ("parts", 0, "content", 2)
    text: str
    role: str  # title, name, opening, heading, paragraph, lead, chain_item, attachment, copy_to


@dataclass(frozen=True)
class Located:
    """A hit, the string it was found in and that string's data path."""

    hit: Hit
    path: DataPath
    text: Union[str, None]
    mapped: bool  # the hit's offsets index the file's value at *path*


def text_fields(report: Report) -> list[TextField]:
    """Every piece of user text in document order."""
    out: list[TextField] = []

    def add(path: DataPath, text: Union[str, None], role: str) -> None:
        if text:
            out.append(TextField(path, text, role))

    if report.title:
        add(("title",), report.title, "title")
    for key in ("name", "mark", "superior"):
        add(("agency", key), getattr(report.agency, key), "name")
    for i, text in enumerate(report.opening):
        add(("opening", i), text, "opening")

    def blocks(items: list, path: DataPath) -> None:
        for j, block in enumerate(items):
            here = path + (j,)
            if isinstance(block, Section):
                add(here + ("heading",), block.heading, "heading")
                blocks(block.content, here + ("content",))
            elif isinstance(block, Chain):
                add(here + ("lead",), block.lead, "lead")
                for k, item in enumerate(block.chain):
                    add(here + ("chain", k, "text"), item.text, "chain_item")
            else:
                add(here, block, "paragraph")

    for i, part in enumerate(report.parts):
        add(("parts", i, "heading"), part.heading, "heading")
        blocks(part.content, ("parts", i, "content"))
    doc = report.document
    for key in ("signature_name", "printed_by"):
        add(("document", key), getattr(doc, key), "name")
    for i, text in enumerate(doc.attachments):
        add(("document", "attachments", i), text, "attachment")
    for i, text in enumerate(doc.copy_to):
        add(("document", "copy_to", i), text, "copy_to")
    return out


class Context:
    """A report under check, with its source file when there is one."""

    def __init__(self, report: Report, doc: Union[YamlDocument, None] = None, variant: str = "formal") -> None:
        self.report = report
        self.variant = variant
        self.source = Source(doc) if doc is not None else None

    @property
    def formal(self) -> bool:
        return self.variant == "formal"

    def value(self, path: DataPath, model_text: Union[str, None] = None) -> tuple[Union[str, None], DataPath, bool]:
        """The string to check at model *path*: (text, path in the input, offsets map to the file)."""
        if self.source is not None:
            raw, raw_path = self.source.raw(path)
            if raw is not None and (model_text is None or raw.strip() == model_text):
                return raw, raw_path, True
            return model_text, path, False
        if model_text is None:
            found = _model_value(self.report, path)
            model_text = found if isinstance(found, str) else None
        return model_text, path, False

    def strings(self) -> Iterator[tuple[DataPath, str]]:
        """Every string of the input with its path (the file's data, else the model's)."""
        data = self.source.doc.data if self.source is not None else self.report.model_dump(mode="json")

        def walk(node: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
            if isinstance(node, dict):
                for key, item in node.items():
                    yield from walk(item, path + (key,))
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    yield from walk(item, path + (i,))
            elif isinstance(node, str):
                yield path, node

        yield from walk(data, ())

    def finding(self, item: Located) -> Finding:
        hit, path = item.hit, item.path
        line = column = None
        if self.source is not None:  # a missing field is placed at the nearest value the file has
            line, column = self.source.position(path, hit.start if item.mapped else None)
        text = item.text if item.text is not None else ""
        return Finding(hit.rule, hit.severity, hit.message, dotted(path), line, column,
                       snippet(text, hit.start, hit.end) if text else "")


def _model_value(node: Any, path: DataPath) -> Any:
    for key in path:
        if isinstance(node, BaseModel):
            node = getattr(node, str(key), None)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            return None
    return node


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
    for family in (content, fields, consistency, coverage):
        for hit in family.check(ctx):
            text, path, mapped = ctx.value(hit.path)
            found.append(Located(hit, path if mapped else hit.path, text, mapped and hit.start is not None))
    return found
