"""Long agency names of minority and border regions: 标志 and title break only between words (7.2.4, 7.3.1)."""

from __future__ import annotations

import pytest

from generator.check import run_checks
from generator.model.report import Report
from generator.render.gbt9704 import MARK_MIN_PT, TEXT_WIDTH_PT, TITLE_LINE_WIDTH
from generator.text.clean import display_width
from generator.text.titles import split_mark, split_title
from generator.text.words import tokens

# name → (标志 lines, title lines of the 情况的报告 form), as a reviewer would break them.
LONG_NAMES = {
    "黔东南苗族侗族自治州公安局凯里经济开发区分局": (
        ["黔东南苗族侗族自治州公安局", "凯里经济开发区分局"],
        ["黔东南苗族侗族自治州公安局", "凯里经济开发区分局关于2025年度", "法治政府建设情况的报告"],
    ),
    "新疆维吾尔自治区伊犁哈萨克自治州公安局霍尔果斯口岸分局": (
        ["新疆维吾尔自治区伊犁哈萨克自治州公安局", "霍尔果斯口岸分局"],
        ["新疆维吾尔自治区", "伊犁哈萨克自治州公安局霍尔果斯口岸分局", "关于2025年度法治政府建设情况的报告"],
    ),
    "西双版纳傣族自治州公安局勐腊县磨憨口岸分局": (
        ["西双版纳傣族自治州公安局", "勐腊县磨憨口岸分局"],
        ["西双版纳傣族自治州公安局", "勐腊县磨憨口岸分局关于2025年度", "法治政府建设情况的报告"],
    ),
}
MARK_WIDTH = TEXT_WIDTH_PT / MARK_MIN_PT


def title_of(name: str) -> str:
    return f"{name}关于2025年度法治政府建设情况的报告"


def breaks(lines: list[str]) -> set[int]:
    offsets, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        offsets.add(pos)
    return offsets


def word_ends(text: str) -> set[int]:
    offsets, pos = set(), 0
    for word in tokens(text):
        pos += len(word)
        offsets.add(pos)
    return offsets


@pytest.mark.parametrize("name", list(LONG_NAMES))
def test_title_of_a_long_name_breaks_between_words_in_three_lines(name: str) -> None:
    title = title_of(name)
    lines = split_title(title)
    assert lines == LONG_NAMES[name][1]
    assert len(lines) <= 3
    assert all(display_width(line) <= TITLE_LINE_WIDTH for line in lines), lines
    assert breaks(lines) <= word_ends(title), f"a break inside a word: {lines} / {tokens(title)}"
    widths = [display_width(line) for line in lines]
    trapezium = widths == sorted(widths)
    diamond = len(widths) == 3 and widths[1] >= max(widths[0], widths[2])
    assert trapezium or diamond, f"neither 梯形 nor 菱形: {widths}"


@pytest.mark.parametrize("name", list(LONG_NAMES))
def test_mark_of_a_long_name_takes_two_lines_of_whole_words(name: str) -> None:
    lines = split_mark(name, MARK_WIDTH)
    assert lines == LONG_NAMES[name][0]
    assert breaks(lines) <= word_ends(name)
    assert all(display_width(line) <= MARK_WIDTH for line in lines)


def test_a_place_name_jieba_does_not_know_stays_whole() -> None:
    """磨憨 is cut into single characters by jieba; single characters are glued to their neighbours."""
    assert "磨" in tokens("勐腊县磨憨口岸分局")
    lines = split_mark("西双版纳傣族自治州公安局勐腊县磨憨口岸分局", MARK_WIDTH)
    assert not any(line.endswith(("磨", "勐腊县")) for line in lines), lines


def test_short_names_keep_one_mark_line() -> None:
    assert split_mark("某某市公安局某某分局", MARK_WIDTH) == ["某某市公安局某某分局"]


def report(name: str) -> Report:
    return Report.model_validate({
        "year": 2025, "agency": {"name": name, "superior": "某某省公安厅"},
        "document": {"number": "某公报字〔2026〕1号", "signer": "张三", "date": "2026-01-15"},
        "parts": [{"kind": "measures", "content": ["正文。"]}],
    })


def test_check_warns_when_title_or_mark_cannot_break_between_words() -> None:
    too_long = "新疆维吾尔自治区伊犁哈萨克自治州公安局霍尔果斯口岸分局出入境管理大队一中队第二警务工作站"
    hits = [p for p in run_checks(report(too_long)) if p.rule == "D10"]
    messages = " ".join(p.message for p in hits)
    assert len(hits) == 2, messages
    assert "标题" in messages and "发文机关标志" in messages
    for name in LONG_NAMES:
        assert not [p for p in run_checks(report(name)) if p.rule == "D10"], name
