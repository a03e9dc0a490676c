"""The GB/T 15834 (P) and GB/T 15835 (N) text rules, on bare strings and on the seed reports."""

from __future__ import annotations

import pytest
from shared import seed_path

from generator.check import check_text

# rule, text that must raise it, similar text that must not
CASES = [
    ("P1", "2024年,分局坚持依法行政。", "2024年，分局坚持依法行政。"),
    ("P1", "现将有关情况报告如下:", "现将有关情况报告如下："),
    ("P1", "是否达标?是的。", "是否达标？是的。"),
    ("P1", "组织召开党委会议(专题学习)。", "组织召开党委会议（专题学习）。"),
    ("P1", "全年完成任务.", "全年完成任务。"),
    ("P2", '紧跟省委"1310"具体部署。', "紧跟省委“1310”具体部署。"),
    ("P2", "紧跟省委「1310」具体部署。", "紧跟省委“1310”具体部署。"),
    ("P2", "他说“要落实“三项制度”要求”。", "他说“要落实‘三项制度’要求”。"),
    ("P3", "开展宣传、培训...等活动。", "开展宣传、培训……等活动。"),
    ("P3", "开展宣传、培训…等活动。", "开展宣传、培训……等活动。"),
    ("P4", "执法规范化--这是根本。", "执法规范化——这是根本。"),
    ("P5", "每次培训5-10人。", "每次培训5～10人。"),
    ("P5", "占比15~30%。", "占比15%～30%。"),
    ("P6", "1、加强学习。", "1.加强学习。"),
    ("P6", "（一）、加强学习。", "（一）加强学习。"),
    ("P6", "⑴加强学习。", "（1）加强学习。"),
    ("P6", "一、总体情况\n（一）学习\n（三）培训", "一、总体情况\n（一）学习\n（二）培训"),
    ("P6", "一、总体情况\n1.学习", "一、总体情况\n（一）学习\n1.学习"),
    ("P7", "开展“安全生产月”、“宣传月”活动。", "开展“安全生产月”“宣传月”活动。"),
    ("P7", "学习《宪法》、《民法典》。", "学习《宪法》《民法典》。"),
    ("P8", "用了三、四个月。", "用了三四个月。"),
    ("P8", "用时2、3天。", "用时2～3天。"),
    ("P9", "根据〔注〕说明执行。", "根据《关于加强执法的意见》（某公发〔2024〕1号）执行。"),
    ("P9", "根据某公发(2024)1号文件执行。", "根据某公发〔2024〕1号文件执行。"),
    ("P10", "结合我局 “十项重点工作”。", "结合我局“十项重点工作”。"),
    ("P10", "抵制网络谣言 护航青春成长。", "抵制网络谣言，护航青春成长。"),
    ("N1", "查处案件２３宗。", "查处案件23宗。"),
    ("N2", "于二〇二四年8月召开。", "于2024年8月召开。"),
    ("N3", "于24年3月召开。", "于2024年3月召开。"),
    ("N4", "于2024年03月05日召开。", "于2024年3月5日召开。"),
    ("N4", "于2024.3.5召开。", "于2024年3月5日召开。"),
    ("N5", "增长15～30%。", "增长15%～30%。"),
    ("N5", "挽损13～17万元。", "挽损13万～17万元。"),
    ("N6", "参训3千人。", "参训3000人。"),
    ("N6", "投入5百万元。", "投入500万元。"),
    ("N7", "下降.46个百分点。", "下降0.46个百分点。"),
    ("N7", "增长1．5%。", "增长1.5%。"),
    ("N7", "办件1，234宗。", "办件1,234宗。"),
    ("N8", "二○二四年工作要点。", "二〇二四年工作要点。"),
    ("N9", "于15点40分到达。", "于15时40分到达。"),
    ("N9", "于15：40到达。", "于15:40到达。"),
]


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_bad_text_only(rule: str, bad: str, good: str) -> None:
    assert rule in {f.rule for f in check_text(bad)}, check_text(bad)
    assert rule not in {f.rule for f in check_text(good)}, check_text(good)


@pytest.mark.parametrize("text", [
    "办理业务4.95万宗，占比48.94%。",  # decimals
    "每日15:40开展演练。",  # times
    "详见https://www.gov.cn/zhengce/2024-03/05/content_1.htm，或致信fzb@example.gov.cn。",  # URLs, e-mail
    "采用AI技术（Artificial Intelligence, A.I.）提升效能。",  # Latin phrases and abbreviations
    "破获“5.08”特大地下钱庄案、“2.17”特大洗钱案。",  # dotted case names
    "形成每日“发现-核查-整改-考评”的闭环。",  # a hyphen between words is not a range
    "建立“1、3、5”快反圈。",  # numbers listed with 顿号 are not sequence marks
    "1.加强学习。\n2.规范执法。",  # the right level-3 marks
    "2024-03-05发布。",  # the ISO date form
    "制定《法治政府建设实施纲要（2021—2025年）》。",
    "联系电话020-83456789。",
    "详见附件《执法数据统计表.xlsx》。",  # a file name
    "比2023年提高2个百分点。",
])
def test_no_false_alarm(text: str) -> None:
    assert check_text(text) == []


def test_positions_are_inside_the_text() -> None:
    findings = check_text("第一行。\n第二行,有逗号。")
    assert [(f.rule, f.line, f.column) for f in findings] == [("P1", 2, 4)]
    assert findings[0].path == ()
    assert "," in findings[0].snippet


def test_both_range_styles_are_noted() -> None:
    findings = check_text("培训3～5次，时间2021—2025年。")
    assert [(f.rule, f.severity) for f in findings] == [("P5", "info")]


def _seed(name: str) -> str:
    path = seed_path(name)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["000_c66680a5a87105e9.txt", "002_1bfe5519550173db.txt"])
def test_seed_half_width_commas_are_p1(name: str) -> None:
    text = _seed(name)
    findings = check_text(text)
    commas = [f for f in findings if f.rule == "P1" and "“，”" in f.message]
    # every half-width comma of these seeds sits in Chinese text, and each one is reported
    expected = sum(1 for i, ch in enumerate(text) if ch == "," and not (text[i - 1].isdigit() and text[i + 1].isdigit()))
    assert len(commas) == expected > 20
    lines = text.splitlines()
    for finding in commas:
        assert lines[finding.line - 1][finding.column - 1] == ","


def test_seed_000_keeps_decimals_and_case_names_quiet() -> None:
    text = _seed("000_c66680a5a87105e9.txt")
    assert "4.95万" in text and "“5.08”" in text
    for finding in check_text(text):
        line = text.splitlines()[finding.line - 1]
        assert line[finding.column - 1] != "."  # no decimal point is ever the offending character


def test_seed_002_brackets_and_colons() -> None:
    findings = check_text(_seed("002_1bfe5519550173db.txt"))
    messages = {f.message for f in findings if f.rule == "P1"}
    assert any("（）" in m for m in messages)  # (一) headings
    assert any("“：”" in m for m in messages)  # 报告如下:
    assert "P7" in {f.rule for f in findings}  # “第一议题”、“三会一课”


def test_seed_004_is_nearly_clean() -> None:
    findings = check_text(_seed("004_a40316cc724f519a.txt"))
    assert all(f.severity != "error" or f.rule == "P1" for f in findings)
    # 004 writes (一) with half-width brackets: P1, fixable to （一）
    assert any(f.rule == "P1" and "(一)" in f.snippet for f in findings)
    assert not any(f.rule in {"N1", "N3", "N4", "N5", "N6", "N9"} for f in findings)
