"""Proof-reading an import: the rendered text of the imported report compared with the source, character by character.

The caller renders (``generator.api.import_report``), so the importer itself never imports the renderer."""

from __future__ import annotations

import difflib
import re

from ..model.vocabulary import Variant
from .notes import Line, Note

_WHITE = re.compile(r"\s+")
MAX_SHOWN = 8


def compare_text(lines: list[Line], rendered_lines: list[str], variant: Variant, notes: list[Note]) -> float:
    """Share of the source's characters that the rendered report (its paragraphs) gives back in order.

    White space is ignored. A note states the result and quotes the first differences, so a user sees
    exactly which words (if any) the generated report would not reproduce.
    """
    source = _WHITE.sub("", "".join(line.text for line in lines))
    rendered = _WHITE.sub("", "".join(rendered_lines))
    if not source:
        return 1.0
    matcher = difflib.SequenceMatcher(None, source, rendered, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    ratio = matched / len(source)
    variant_name = Variant(variant).label
    notes.append(Note("check", f"按{variant_name}生成后与原文逐字比对：原文 {len(source)} 字，"
                               f"依次对上 {matched} 字（{ratio:.2%}）"))
    differences = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in differences[:MAX_SHOWN]:
        if tag in ("delete", "replace"):
            notes.append(Note("check", f"原文有、生成的报告中没有（或位置不同）：“{_clip(source[i1:i2])}”"))
        if tag in ("insert", "replace"):
            notes.append(Note("check", f"生成的报告中有、原文没有（或位置不同）：“{_clip(rendered[j1:j2])}”"))
    if len(differences) > MAX_SHOWN:
        notes.append(Note("check", f"……另有 {len(differences) - MAX_SHOWN} 处差异"))
    return ratio


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "……"
