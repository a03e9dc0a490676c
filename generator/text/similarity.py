"""Which sentences of a report are reused from another: last year's report, or a sibling unit's.

Evaluators mark down reports copied from last year or from a sibling unit. A sentence counts as reused when
its normalised form (punctuation, spaces, digits and the unit's own names taken out) equals a sentence of the
other report; comparing sets of hashes keeps this linear in the length of both texts, so a city bureau can
compare 200 reports pairwise. Very short sentences (stock phrases such as "特此报告") do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_SENTENCE = 12  # characters after normalising: shorter sentences are formulas every report shares
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
# A sequence mark at the start of a sentence: generated in one copy (a chain item, a heading), typed in another.
_MARK = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}[是要、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|[①-⑳])")
_NOISE = re.compile(r"[\s\d０-９,，、.。:：;；!！?？“”‘’\"'（）()《》〈〉【】\[\]—…·%％-]+")


@dataclass(frozen=True)
class Reuse:
    """The sentences of a text found again in another, and their share of the text's sentences."""

    sentences: tuple[str, ...]  # the reused sentences as written in the text, in order
    counted: int  # sentences long enough to count

    @property
    def share(self) -> float:
        return len(self.sentences) / self.counted if self.counted else 0.0


def split_sentences(text: str) -> list[str]:
    """The sentences of *text*: split after 。！？； and at line breaks, stripped, empty ones left out."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def normalise(sentence: str, names: Sequence[str] = ()) -> str:
    """A sentence without what changes between copies: a leading sequence mark, the unit's names, figures,
    punctuation and spaces."""
    sentence = _MARK.sub("", sentence, count=1) if _MARK.match(sentence) else sentence
    for name in sorted(names, key=len, reverse=True):
        if name:
            sentence = sentence.replace(name, "")
    return _NOISE.sub("", sentence)


def fingerprints(paragraphs: Iterable[str], names: Sequence[str] = ()) -> set[str]:
    """The normalised sentences of a text that are long enough to count."""
    found = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            key = normalise(sentence, names)
            if len(key) >= MIN_SENTENCE:
                found.add(key)
    return found


def reused(paragraphs: Iterable[str], other: set[str], names: Sequence[str] = ()) -> Reuse:
    """The sentences of *paragraphs* whose normalised form is among *other*'s fingerprints."""
    hits: list[str] = []
    counted = 0
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            key = normalise(sentence, names)
            if len(key) < MIN_SENTENCE:
                continue
            counted += 1
            if key in other:
                hits.append(sentence)
    return Reuse(tuple(hits), counted)
