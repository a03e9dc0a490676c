"""Proof-reading an import: the rendered text of the imported report compared with the source, character by character.

The caller renders (``generator.api.import_report``), so the importer itself never imports the renderer.

difflib's character-level SequenceMatcher is quadratic: 10,000 paragraphs took minutes. The comparison is
done in two levels instead, both with difflib (the standard library's well-tested matcher): the texts are
cut into sentences and the sentence sequences are matched (hashable items, near-linear); only the stretches
where sentences differ are compared character by character, under a total work budget. Past the budget a
differing stretch counts as not given back, so the share is never overstated.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator

from ..model.vocabulary import Variant
from .notes import Line, Note

_WHITE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。；！？!?;]*[。；！？!?;]|[^。；！？!?;]+")
MAX_SHOWN = 8
PIECE = 500  # characters: the longest sentence kept whole, and the pieces of a long differing stretch
# Pairs of equal characters (see _cost) over the stretches compared character by character: about 2 s at
# worst (difflib on text of one repeated character), far more than a real report's differences need.
CHAR_BUDGET = 5_000_000


def compare_text(lines: list[Line], rendered_lines: list[str], variant: Variant, notes: list[Note]) -> float:
    """Share of the source's characters that the rendered report (its paragraphs) gives back in order.

    White space is ignored. A note states the result and quotes the first differences, so a user sees
    exactly which words (if any) the generated report would not reproduce.
    """
    source = _WHITE.sub("", "".join(line.text for line in lines))
    if not source:
        return 1.0
    matched = 0
    differences: list[tuple[str, str]] = []
    for same, a, b in _stretches([line.text for line in lines], rendered_lines):
        matched += same
        if a or b:
            differences.append((a, b))
    ratio = matched / len(source)
    variant_name = Variant(variant).label
    notes.append(Note("check", f"按{variant_name}生成后与原文逐字比对：原文 {len(source)} 字，"
                               f"依次对上 {matched} 字（{ratio:.2%}）"))
    for a, b in differences[:MAX_SHOWN]:
        if a:
            notes.append(Note("check", f"原文有、生成的报告中没有（或位置不同）：“{_clip(a)}”"))
        if b:
            notes.append(Note("check", f"生成的报告中有、原文没有（或位置不同）：“{_clip(b)}”"))
    if len(differences) > MAX_SHOWN:
        notes.append(Note("check", f"……另有 {len(differences) - MAX_SHOWN} 处差异"))
    return ratio


def _stretches(source_lines: list[str], rendered_lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(characters matched, source text not given back, rendered text not in the source), in order."""
    a_sentences = _sentences(source_lines)
    b_sentences = _sentences(rendered_lines)
    # The k-th occurrence of a sentence is its own item: 10,000 identical sentences stay linear to match.
    matcher = difflib.SequenceMatcher(None, _keys(a_sentences), _keys(b_sentences), autojunk=False)
    budget = [CHAR_BUDGET]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a = "".join(a_sentences[i1:i2])
        b = "".join(b_sentences[j1:j2])
        if tag == "equal":
            yield len(a), "", ""
        elif len(a) <= PIECE and len(b) <= PIECE:
            yield from _characters(a, b, budget)
        else:  # a long differing stretch: its sentences paired in order, proportionally, and compared pair by pair
            a_part, b_part = a_sentences[i1:i2], b_sentences[j1:j2]
            groups = min(len(a_part), len(b_part))
            for g in range(groups):
                yield from _characters(
                    "".join(a_part[len(a_part) * g // groups: len(a_part) * (g + 1) // groups]),
                    "".join(b_part[len(b_part) * g // groups: len(b_part) * (g + 1) // groups]), budget)


def _sentences(paragraphs: list[str]) -> list[str]:
    """Sentences (ending at 。；！？ or a paragraph's end) of at most PIECE characters, white space removed."""
    out: list[str] = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE.findall(_WHITE.sub("", paragraph)):
            out += [sentence[i: i + PIECE] for i in range(0, len(sentence), PIECE)]
    return out


def _keys(sentences: list[str]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    keys = []
    for sentence in sentences:
        seen[sentence] = seen.get(sentence, -1) + 1
        keys.append((sentence, seen[sentence]))
    return keys


def _characters(a: str, b: str, budget: list[int]) -> Iterator[tuple[int, str, str]]:
    """Character-level comparison of two short stretches; the common ends first (free), the middle under budget."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head: len(a) - tail], b[head: len(b) - tail]
    yield head + tail, "", ""
    cost = _cost(middle_a, middle_b)
    if not middle_a or not middle_b or cost > budget[0]:
        if middle_a or middle_b:
            yield 0, middle_a, middle_b  # nothing to match against, or past the budget: not given back
        return
    budget[0] -= cost
    chars = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    yield sum(block.size for block in chars.get_matching_blocks()), "", ""
    for op, k1, k2, l1, l2 in chars.get_opcodes():
        if op != "equal":
            yield 0, middle_a[k1:k2], middle_b[l1:l2]


def _cost(a: str, b: str) -> int:
    """The work difflib does on *a* and *b*: pairs of equal characters (its inner loop), not len(a) * len(b)."""
    counts = Counter(b)
    return sum(n * counts.get(ch, 0) for ch, n in Counter(a).items()) + len(a) + len(b)


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "……"
