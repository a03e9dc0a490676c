"""Issue 22: every checker rule and the import verification finish in time on text built to be slow.

The runs are longer than a field may be in a file (docs/limits.md: 20,000 characters), because the rules are
also called on text from the wizard, bulk cells and other programs. The bounds are generous for a loaded
machine; the quadratic versions took 16 s to minutes on these inputs.
"""

from __future__ import annotations

import time

import pytest
from hostile_files import MINIMAL

from generator.api import load_report
from generator.check import consistency, content, numbers, punctuation
from generator.importer.notes import Line
from generator.importer.verify import compare_text

RUNS = {
    "latin": "a" * 50_000, "han": "一" * 100_000, "digits": "1" * 100_000, "mixed": "依法行政a1，" * 15_000,
    "commas": "1、" * 50_000, "marks": "（一）" * 30_000, "mail": "a@" * 50_000, "dashes": "—" * 100_000,
    "quotes": "“" * 100_000, "years": "2025年" * 20_000, "percent": "1%" * 50_000, "brackets": "〔" * 100_000,
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_text_rules_are_linear(name: str) -> None:
    report = load_report(MINIMAL)[0]
    text = RUNS[name]
    start = time.perf_counter()
    punctuation.check(text)
    numbers.check(text)
    content.text_hits("body", text)
    consistency.text_hits(text, report)
    punctuation.range_styles(text)
    assert time.perf_counter() - start < 5


def test_rules_still_find_a_mark_at_the_end_of_a_long_run() -> None:
    """The anchored patterns find what the old ones found: a bad mark right after a long run."""
    for run in ("一" * 30_000, "1" * 30_000):
        text = run + "．依法行政"  # 一．/ 1． followed by text: a mark typed wrongly
        hits = [h for h in punctuation.check(text) if h.rule == "P6"]
        assert hits and hits[0].start == 0, hits[:2]
    assert [h.rule for h in punctuation.check("见" + "甲" * 30_000 + "〔2024〕1号文件") if h.rule == "P9"] == []


def _lines(texts: list[str]) -> list[Line]:
    return [Line(i, text) for i, text in enumerate(texts, 1)]


def test_verification_of_10000_paragraphs_is_fast_and_exact() -> None:
    source = [f"第{i}段：全年依法办理行政案件{i}宗，规范执法。" for i in range(10_000)]
    rendered = ["（一）" + text for text in source[:5000]] + source[5001:]  # marks added, one paragraph lost
    notes: list = []
    start = time.perf_counter()
    ratio = compare_text(_lines(source), rendered, "formal", notes)
    assert time.perf_counter() - start < 5
    lost = len(source[5000])
    total = sum(len(text) for text in source)
    assert ratio == pytest.approx((total - lost) / total)
    assert "另有 4993 处差异" in notes[-1].detail  # 5,000 marks and the lost paragraph: quoted or counted


@pytest.mark.parametrize("texts", [["依法行政，规范执法。"] * 10_000, ["甲" * 500] * 200, ["甲乙丙" * 30_000]])
def test_verification_of_repetitive_text_is_bounded(texts: list[str]) -> None:
    rendered = ["一、" + text for text in texts[: len(texts) // 2]] + texts[len(texts) // 2 + 1:] or ["乙"]
    start = time.perf_counter()
    ratio = compare_text(_lines(texts), rendered, "formal", [])
    assert time.perf_counter() - start < 5
    assert 0 <= ratio <= 1


def test_verification_of_a_small_edit_quotes_it() -> None:
    notes: list = []
    ratio = compare_text(_lines(["全年作出行政处罚决定1200宗。", "开展执法培训12期。"]),
                         ["全年作出行政处罚决定1300宗。", "开展执法培训12期。"], "formal", notes)
    assert ratio == pytest.approx(25 / 26)  # one of 26 characters differs
    details = [note.detail for note in notes]
    assert any("“2”" in d for d in details) and any("“3”" in d for d in details), details
