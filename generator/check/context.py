"""The shared rule context: the report under check, its source file, its text fields, and how a hit is located.

Rule modules import this module (for type checking) and never the engine that runs them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel

from ..errors import NOWHERE, Place, Problem
from ..load.yaml_file import YamlDocument
from ..model.paths import DataPath
from ..model.report import Block, Chain, Report, Section
from ..model.vocabulary import FontProfile, Variant
from .base import Hit, snippet
from .source import Source

if TYPE_CHECKING:
    from .copying import Earlier


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

    def blocks(items: list[Block], path: DataPath) -> None:
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

    def __init__(self, report: Report, doc: Union[YamlDocument, None] = None,
                 variant: Variant = Variant.formal, last_year: Union[Earlier, None] = None,
                 fonts: FontProfile = FontProfile.gb2312) -> None:
        self.report = report
        self.variant = Variant(variant)
        self.source = Source(doc) if doc is not None else None
        self.last_year = last_year  # last year's report, for E-COPY (``--last-year``)
        self.fonts = FontProfile(fonts)  # the profile the report will be rendered with, for E-GLYPH

    @property
    def formal(self) -> bool:
        return self.variant is Variant.formal

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

    def finding(self, item: Located) -> Problem:
        """The problem a located hit stands for, placed in the file when there is one."""
        hit, path = item.hit, item.path
        place = NOWHERE
        if self.source is not None:  # a missing field is placed at the nearest value the file has
            line, column = self.source.position(path, hit.start if item.mapped else None)
            place = Place(self.source.doc.path, line, column)
        text = item.text if item.text is not None else ""
        return Problem(hit.message, place, path, severity=hit.severity, rule=hit.rule,
                       snippet=snippet(text, hit.start, hit.end) if text else "")


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
