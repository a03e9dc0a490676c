"""Report-level rules: content (规定, 条例), document fields (GB/T 9704), consistency and coverage.

Each case edits one place of tests/data/check/good.yaml (which raises nothing) and expects its rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import run_checks
from generator.check.coverage import coverage
from generator.errors import Problem as Finding
from generator.load.yaml_file import read_yaml
from generator.model.paths import dotted
from generator.model.report import Report
from generator.validate import validate_document

GOOD = Path(__file__).resolve().parent / "data" / "check" / "good.yaml"


def edited(*replacements: tuple[str, str]) -> str:
    text = GOOD.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def check(tmp_path: Path, text: str, variant: str = "formal") -> list[Finding]:
    """The checker's findings on *text*; the structure checks of validation are left to the checker, so that
    its own rules (P6 levels, V references) are seen on reports a caller built without validating them."""
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path)
    report = Report.model_validate(doc.data)
    return run_checks(report, doc, variant)


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_good_fixture_raises_nothing(tmp_path: Path) -> None:
    assert check(tmp_path, edited()) == []
    assert check(tmp_path, edited(), variant="public") == []


# --- content ------------------------------------------------------------------------------------

LEADER = "        kind: leader_duty\n"


@pytest.mark.parametrize(("rule", "replacements", "severity", "path"), [
    ("C-ITEM", [(LEADER, ""), ("压实第一责任人职责", "压实责任"), ("履行推进法治建设第一责任人职责", "履行职责")],
     "error", "parts"),
    ("C-ITEM", [("  - kind: plans\n    heading: 2025年主要安排", "  - kind: other\n    heading: 展望")], "error", "parts"),
    ("C-EMPTY", [("      - 一是部分民警法治思维有待提升，3起案件被退回补充证据；二是执法监督信息化水平仍需提高。原因主要是培训针对性不强。\n", ""),
                 ("    heading: 存在的不足和原因\n    content:\n", "    heading: 存在的不足和原因\n")],
     "error", "parts.1"),
    ("C-EMPTY", [("    content:\n      - 无其他需要报告的情况。\n", "")], "warning", "parts.3"),
    ("C-TODO", [("signer: 李建华", "signer: 【待填写】")], "error", "document.signer"),
    ("C-TODO", [("组织理论学习中心组学法6次", "组织理论学习中心组学法【待填写】次")], "error", "parts.0.content.0.content.0"),
    ("C-NUM", [("heading: 存在的不足和原因", "heading: 二、存在的不足和原因")], "error", "parts.1.heading"),
    ("C-NUM", [("- 深入学习贯彻习近平法治思想。", "- 一是深入学习贯彻习近平法治思想。")], "error", "parts.2.content.0.chain.0"),
    ("D8", [("原因主要是培训针对性不强。", "原因主要是培训针对性不强。妥否，请批示。")], "error", "parts.1.content.0"),
    ("D8", [("- 持续提升执法质量和执法公信力。", "- 恳请市局在编制上予以批准。")], "error", "parts.2.content.0.chain.1"),
    ("P6", [("      - heading: 严格规范公正文明执法\n", "      - heading: 严格规范公正文明执法\n        level: 4\n")],
     "warning", "parts.0.content.2.level"),
])
def test_content_rule(tmp_path: Path, rule: str, replacements: list, severity: str, path: str) -> None:
    found = only(check(tmp_path, edited(*replacements)), rule)
    assert [(f.severity, dotted(f.path)) for f in found][:1] == [(severity, path)], found


def test_item_folded_into_another_part_via_kind(tmp_path: Path) -> None:
    # 第一责任人 is a section of part 一 (kind: leader_duty): found, no C-ITEM
    assert only(check(tmp_path, edited()), "C-ITEM") == []


def test_item_mentioned_but_not_marked_is_a_warning(tmp_path: Path) -> None:
    text = edited((LEADER, ""), ("heading: 坚持党的领导，压实第一责任人职责", "heading: 坚持党的领导"))
    found = only(check(tmp_path, text), "C-ITEM")
    assert [(f.severity, dotted(f.path)) for f in found] == [("warning", "parts.0.content.0")]
    assert "kind: leader_duty" in found[0].message


def test_item_marked_on_a_chain_item(tmp_path: Path) -> None:
    text = edited((LEADER, ""), ("      - heading: 坚持党的领导，压实第一责任人职责", "      - heading: 坚持党的领导"),
                  ("          - chain:\n              - 全年作出",
                   "          - chain:\n              - text: 局长履行法治建设第一责任人职责。\n"
                   "                kind: leader_duty\n              - 全年作出"))
    assert only(check(tmp_path, text), "C-ITEM") == []


def test_more_than_four_levels(tmp_path: Path) -> None:
    deep = ("      - heading: 第二层\n        content:\n          - heading: 第三层\n            content:\n"
            "              - heading: 第四层\n                content:\n                  - heading: 第五层\n"
            "                    content: [文字。]\n")
    text = edited(("      - heading: 严格规范公正文明执法\n", deep + "      - heading: 严格规范公正文明执法\n"))
    found = only(check(tmp_path, text), "P6")
    assert [f.severity for f in found] == ["error"]


# --- document fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "replacements", "variant", "severity", "snippet_part"), [
    ("D1", [("江青公报字〔2025〕3号", "江青公报字[2025]3号")], "formal", "error", "[2025]"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字【2025】3号")], "formal", "error", "【2025】"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字(2025)3号")], "formal", "error", "(2025)"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字〔2025〕第3号")], "formal", "error", "第3"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字〔2025〕03号")], "formal", "error", "03"),
    ("D1", [("江青公报字〔2025〕3号", "某公报〔2025〕字3号")], "formal", "error", "字"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字〔25〕3号")], "formal", "error", "〔25〕"),
    ("D1", [("江青公报字〔2025〕3号", "江青公报字〔2024〕3号")], "formal", "warning", ""),
    ("D1", [("  number: 江青公报字〔2025〕3号\n", "")], "formal", "warning", ""),
    ("D2", [("date: 2025-01-15", "date: 2024-12-30")], "formal", "error", ""),
    ("D2", [("date: 2025-01-15", "date: 2025-03-05")], "formal", "warning", ""),
    ("D2", [("date: 2025-01-15", "date: 2025年01月15日")], "formal", "info", ""),
    ("D2", [("  date: 2025-01-15\n", "")], "formal", "warning", ""),
    ("D3", [("情况的报告\ndocument", "情况的报告。\ndocument")], "formal", "error", ""),
    ("D3", [("情况的报告\ndocument", "情况\ndocument")], "formal", "error", ""),
    ("D3", [("关于2024年度", "关于2023年度")], "formal", "warning", "2023"),
    ("D3", [("关于2024年度法治政府建设情况", "关于2024年度法治政府建设、执法情况")], "formal", "warning", "、"),
    ("D4", [("  superior: 江州市公安局  # 主送机关\n", "")], "formal", "error", ""),
    ("D4", [("superior: 江州市公安局", "superior: 区委、区政府")], "formal", "warning", "、"),
    ("D5", [("  signer: 李建华\n", "")], "formal", "error", ""),
    ("D5", [("signer: 李建华", "signer: 签发人：李建华")], "formal", "warning", "签发人"),
    ("D6", [("- 2024年度行政执法数据统计表", "- 附件1：2024年度行政执法数据统计表")], "formal", "warning", "附件1"),
    ("D6", [("- 2024年度行政执法数据统计表", "- 2024年度行政执法数据统计表。")], "formal", "info", ""),
    ("D7", [("- 区委全面依法治区委员会办公室", "- 区委办公室、区政府办公室")], "formal", "warning", "、"),
])
def test_field_rule(tmp_path: Path, rule: str, replacements: list, variant: str, severity: str,
                    snippet_part: str) -> None:
    found = only(check(tmp_path, edited(*replacements), variant), rule)
    assert found, f"{rule} not raised"
    assert found[0].severity == severity
    assert snippet_part in found[0].snippet


@pytest.mark.parametrize("replacement", [
    ("  signer: 李建华\n", ""),
    ("  number: 江青公报字〔2025〕3号\n", ""),
    ("  superior: 江州市公安局  # 主送机关\n", ""),
    ("江青公报字〔2025〕3号", "江青公报字[2025]3号"),
])
def test_formal_fields_are_not_required_in_the_public_version(tmp_path: Path, replacement: tuple) -> None:
    assert check(tmp_path, edited(replacement), variant="public") == []


# --- consistency ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "replacements"), [
    ("K1", [("litigation_lost: 0", "litigation_lost: 2")]),
    ("K1", [("litigation_lost: 0", "litigation_lost: 0\n  reconsideration_corrected: {value: 1}")]),
    ("K2", [("court_appearance_rate: 100", "court_appearance_rate: 105")]),
    ("K2", [("负责人出庭应诉率100%", "负责人出庭应诉率105%")]),
    ("K3", [("同比上升9.1%", "同比上升12%")]),
    ("K3", [("同比上升9.1%", "同比下降9.1%")]),
    ("K3", [("同比上升9.1%", "与上年持平")]),
])
def test_consistency_rule(tmp_path: Path, rule: str, replacements: list) -> None:
    found = only(check(tmp_path, edited(*replacements)), rule)
    assert [f.severity for f in found] == ["error"]


@pytest.mark.parametrize("replacement", [
    ("同比上升9.1%", "同比上升9%"),  # rounded to whole percent
    ("同比上升9.1%", "同比上升9.09%"),
    ("penalty_decisions: {value: 1200, previous: 1100}", "penalty_decisions: 1200"),  # no previous: nothing to compare
])
def test_consistency_accepts_rounding_and_missing_figures(tmp_path: Path, replacement: tuple) -> None:
    assert check(tmp_path, edited(replacement)) == []


def test_k1_points_at_the_phrase(tmp_path: Path) -> None:
    found = only(check(tmp_path, edited(("litigation_lost: 0", "litigation_lost: 2"))), "K1")
    assert dotted(found[0].path) == "parts.0.content.2.content.0.chain.0"
    assert "零败诉" in found[0].snippet and "2宗" in found[0].message
    line = GOOD.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert line[found[0].column - 1 :].startswith("零败诉")


# --- coverage --------------------------------------------------------------------------------------


def test_coverage_table(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(edited(), encoding="utf-8")
    report = validate_document(read_yaml(path)).report
    rows = {row.part: row for row in coverage(report)}
    assert len(rows) == 10 and all(row.covered for row in rows.values())
    assert rows["二"].refs == ("parts.0.content.1.refs.0",)
    assert "放管服" in rows["二"].keywords and "5" in rows["二"].items
    assert rows["十"].refs and rows["七"].refs == ()


def test_an_untouched_system_is_a_warning(tmp_path: Path) -> None:
    text = edited(("完善突发事件应急预案，每日15:40开展快反拉动演练；", ""), ("提升应急处置和矛盾化解能力", "化解矛盾"))
    found = only(check(tmp_path, text), "COV")
    assert [(f.severity, dotted(f.path)) for f in found] == [("warning", "parts")]
    assert "突发事件应对体系" in found[0].message


def test_the_coverage_warning_says_how_to_note_it_and_following_it_clears_the_warning(tmp_path: Path) -> None:
    """Verify the COV warning names the refs line to add, and that adding that very line to a section clears it."""
    text = edited(("完善突发事件应急预案，每日15:40开展快反拉动演练；", ""), ("提升应急处置和矛盾化解能力", "化解矛盾"))
    (warning,) = only(check(tmp_path, text), "COV")
    advice = warning.message.split("在相应小节加一行 ")[1].split(" 注明")[0]
    assert advice.startswith("refs: [")
    assert "refs: [十]" in text
    assert not only(check(tmp_path, text.replace("refs: [十]", advice[:-1] + ", 十]", 1)), "COV")


def test_unknown_reference_without_a_file(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(edited(("refs: [十]", "refs: [三十六]")), encoding="utf-8")
    report = Report.model_validate(read_yaml(path).data)  # validation refuses it; the checker reports it too
    found = only(run_checks(report), "V")
    assert [(dotted(f.path), f.line) for f in found] == [("parts.0.content.0.refs.0", None)]
