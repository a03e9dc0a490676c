"""Reused sentences between two reports: names and figures changed still count as the same sentence."""

from __future__ import annotations

from generator.text.similarity import fingerprints, normalise, reused, split_sentences

LAST_YEAR = [
    "2024年，甲分局坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治公安建设。",
    "全年办理行政案件1200宗，同比下降5%。组织执法培训12场次，参训民警600人次。特此报告。",
]


def test_sentences_split_after_full_stops_and_lines() -> None:
    assert split_sentences("一是学法。二是用法；三是守法！\n四是普法") == ["一是学法。", "二是用法；", "三是守法！", "四是普法"]


def test_names_and_figures_do_not_hide_a_copy() -> None:
    """Verify a sibling's copy with its own name and figures is found, sentence by sentence."""
    other = fingerprints(LAST_YEAR, names=["甲分局"])
    copy = [
        "2025年，乙分局坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治公安建设。",
        "全年办理行政案件980宗，同比下降3%。今年新建执法办案管理中心一个，实现案件全流程监管。",
    ]
    result = reused(copy, other, names=["乙分局"])
    assert result.sentences == (copy[0], "全年办理行政案件980宗，同比下降3%。")
    assert result.counted == 3 and abs(result.share - 2 / 3) < 1e-9


def test_short_formulas_do_not_count() -> None:
    assert normalise("特此报告。") == "特此报告"
    assert reused(["特此报告。"], fingerprints(["特此报告。"])).counted == 0


def test_sequence_marks_do_not_hide_a_copy() -> None:
    """Verify a chain item (its 一是 generated) matches the same sentence typed with its mark in a web copy."""
    typed = fingerprints(["一是突出“关键少数”强化法治教育，定期组织召开党委会议。"])
    assert reused(["突出“关键少数”强化法治教育，定期组织召开党委会议。"], typed).share == 1.0
    assert normalise("（三）完善执法监督机制建设") == normalise("完善执法监督机制建设")
