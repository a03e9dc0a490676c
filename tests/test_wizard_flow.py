"""Wizard flow with a scripted prompter: the order, resume after Ctrl-C, skip, --from, review screen."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.api import load_report
from generator.load.yaml_file import read_yaml
from generator.model.report import PartKind
from generator.text.clean import TODO_MARKER
from generator.wizard import run_wizard
from generator.wizard.questions import Question

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2025, 1, 20)
DEFAULT = object()  # accept what the prompt starts with


class Script:
    """A prompter that checks each question against the script and answers it; Ctrl-C when it runs out."""

    def __init__(self, steps: list[tuple[str, Any]]) -> None:
        self.steps = list(steps)
        self.asked: list[Question] = []
        self.said: list[str] = []

    def say(self, text: str, style: str = "") -> None:
        self.said.append(text)

    def ask(self, question: Question) -> Any:
        self.asked.append(question)
        if not self.steps:
            raise KeyboardInterrupt
        expected, answer = self.steps.pop(0)
        assert expected in question.message, f"expected a question about {expected!r}, got {question.message!r}"
        if answer is DEFAULT:
            answer = question.default
        if question.validate is not None:
            verdict = question.validate(answer)
            assert verdict is True, f"{question.message} refused {answer!r}: {verdict}"
        return answer


AGENCY = [("发文机关全称", "广州市公安局海珠区分局"), ("机关层级", DEFAULT), ("主送机关", DEFAULT), ("机关简称", DEFAULT)]
DOCUMENT = [("报告年度", DEFAULT), ("发文字号", "海珠公法字〔2025〕1号"), ("签发人", "王建国"), ("成文日期", DEFAULT),
            ("抄送机关", "区委全面依法治区委员会办公室")]
OPENING = [("开头段落", DEFAULT)]
MEASURES = [
    ("“主要举措和成效”部分的标题", DEFAULT),
    ("按哪些小标题", ["五", "__free__"]),
    ("自拟小标题", "加强党的领导"),
    ("的内容", "now"),
    ("第 1 项", "严格规范执法。全年办理行政案件1200宗。\n开展执法培训12期。"),
    ("再添加一项", True),
    ("第 2 项", "深化执法监督。"),
    ("再添加一项", False),
    ("「加强党的领导」的内容", "skip"),
]
REST = [
    ("“存在的不足和原因”部分的标题", DEFAULT), ("的内容", "now"), ("第 1 项", "执法规范化水平有待提高。"), ("再添加一项", False),
    ("“第一责任人职责履行情况”部分的标题", DEFAULT), ("的内容", "now"), ("第 1 项", "主要负责人带头学法。"), ("再添加一项", False),
    ("“下一年度主要安排”部分的标题", DEFAULT), ("的内容", "now"), ("第 1 项", "持续深化执法规范化建设。"), ("再添加一项", False),
    ("其他需要报告的情况", False),
    ("要记录哪些数据", ["penalty_decisions", "court_appearance_rate"]),
    ("行政处罚决定（单位：宗）本年数值", "1200"), ("行政处罚决定（单位：宗）上年数值", "1100"),
    ("负责人出庭应诉率（单位：%）本年数值", "100%"), ("负责人出庭应诉率（单位：%）上年数值", ""),
    ("目录以外的其他数据", True), ("数据名称", "走访企业"), ("单位", "家"), ("走访企业（单位：家）本年数值", "120"),
    ("走访企业（单位：家）上年数值", ""), ("再添加一项其他数据", False),
]
WHOLE = AGENCY + DOCUMENT + OPENING + MEASURES + REST


def run(path: Path, steps: list[tuple[str, Any]], **kwargs: Any) -> tuple[Script, Any]:
    script = Script(steps)
    outcome = run_wizard(path, prompter=script, today=TODAY, **kwargs)
    return script, outcome


def test_a_whole_report_from_nothing(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    script, outcome = run(path, WHOLE + [("下一步", "quit")])
    assert not outcome.interrupted and not script.steps
    assert script.asked[0].message == "发文机关全称："  # a new file starts with the agency's full name
    report, _ = load_report(path)  # the same YAML `fzbg check` and `fzbg render` read
    assert report.agency.superior == "广州市公安局" and report.agency.short_name == "海珠区分局"
    assert report.year == 2024 and report.document.date == TODAY
    assert [part.kind for part in report.parts] == [
        PartKind.measures, PartKind.shortcomings, PartKind.leader_duty, PartKind.plans]
    sections = report.parts[0].content
    assert sections[0].refs == ["五"] and sections[0].content == [
        "严格规范执法。全年办理行政案件1200宗。", "开展执法培训12期。", "深化执法监督。"]
    assert sections[1].heading == "加强党的领导" and sections[1].content == [TODO_MARKER]
    assert str(report.metrics.penalty_decisions.previous) == "1100"
    assert report.metrics.others[0].label == "走访企业"


def test_the_review_screen_shows_a_summary_and_the_checks(tmp_path: Path) -> None:
    script, _ = run(tmp_path / "report.yaml", WHOLE + [("下一步", "quit")])
    said = "\n".join(script.said)
    assert "填写情况" in said and "广州市公安局海珠区分局" in said
    assert f"还有 1 处“{TODO_MARKER}”" in said
    assert "数据校验：通过" in said
    if importlib.util.find_spec("generator.check") is None:
        assert "公文规范检查暂不可用" in said
    else:
        assert "公文规范检查" in said and TODO_MARKER in said  # the checker reports the skipped places


def asked_again(stop: int) -> list[tuple[str, Any]]:
    """What a rerun asks after Ctrl-C at question *stop*: the rest, plus what left no value of its own.

    A loop ended with "再添加一项？" no, and "还有其他需要报告的情况吗？" answered no, are remembered in the file
    and never asked again; a menu choice that only leads to the next question (现在逐项填写, 有其他情况,
    自拟小标题, 其他数据) is asked again with it.
    """
    rest = WHOLE[stop:]
    here = rest[0][0] if rest else "下一步"
    before = WHOLE[stop - 1] if stop else ("", None)
    if here == "第 1 项":
        return [("的内容", "now")] + rest
    if here.startswith("第 "):  # inside a loop the file does not say how many items it holds
        return [("再添加一项", True), ("新的一项", rest[0][1])] + rest[1:]
    if here == "再添加一项" and rest[0][1] is True:
        return [rest[0], ("新的一项", rest[1][1])] + rest[2:]
    if here in ("自拟小标题", "数据名称"):
        return [before] + rest
    return rest


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file an uninterrupted run writes."""
    path = tmp_path_factory.mktemp("whole") / "report.yaml"
    run(path, WHOLE + [("下一步", "quit")])
    return path


@pytest.mark.parametrize("stop", range(len(WHOLE) + 1))
def test_ctrl_c_anywhere_loses_no_answer_and_the_rerun_continues(tmp_path: Path, stop: int, whole: Path) -> None:
    path = tmp_path / "report.yaml"
    _, outcome = run(path, WHOLE[:stop])
    assert outcome.interrupted and path.exists()
    script, outcome = run(path, asked_again(stop) + [("下一步", "quit")])
    assert not outcome.interrupted and not script.steps
    assert read_yaml(path).data == read_yaml(whole).data


def test_resume_inside_the_item_loop_asks_for_another_item(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, AGENCY + DOCUMENT + OPENING + MEASURES[:5])  # Ctrl-C at "再添加一项？"
    script, _ = run(path, [("再添加一项", False)])
    assert "已填写 2 段" in "\n".join(script.said)
    assert script.asked[1].message.startswith("「加强党的领导」")


def test_an_ended_loop_is_not_asked_again_after_ctrl_c_at_the_next_question(tmp_path: Path) -> None:
    """Verify "再添加一项？" answered no, then Ctrl-C at the next part's first question: a rerun goes on there."""
    path = tmp_path / "report.yaml"
    run(path, AGENCY + DOCUMENT + OPENING + MEASURES + REST[:4])  # 不足's loop ended with no, then Ctrl-C
    assert "# 向导进度" in path.read_text(encoding="utf-8")
    script, _ = run(path, [])
    assert script.asked[0].message.startswith("“第一责任人职责履行情况”部分的标题")


def test_a_finished_loop_is_not_reopened_once_a_later_question_is_answered(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, AGENCY + DOCUMENT + OPENING + MEASURES + REST[:1])
    script, _ = run(path, [("「存在的不足和原因」的内容", "now")])
    assert script.asked[0].message.startswith("「存在的不足和原因」")


def test_a_skipped_box_keeps_its_todo_marker_and_is_not_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, AGENCY + DOCUMENT + OPENING + MEASURES)
    content = read_yaml(path).data["parts"][0]["content"]
    assert content[1]["content"] == [TODO_MARKER]
    script, _ = run(path, [])
    assert "存在的不足和原因" in script.asked[0].message


def test_a_wrong_value_in_the_file_is_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, AGENCY + DOCUMENT[:1])
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四年"), encoding="utf-8")
    script, _ = run(path, [("报告年度", "2024")])
    assert script.asked[0].default == "二〇二四年"
    assert any("不对" in line and "应为整数" in line for line in script.said)
    assert read_yaml(path).data["year"] == "2024"


def test_a_complete_hand_written_file_goes_to_the_review_screen(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    shutil.copy(EXAMPLES / "minimal.yaml", path)
    steps = [("机关层级", DEFAULT), ("机关简称", DEFAULT), ("抄送机关", ""), ("执法培训（单位：人次）上年数值", ""),
             ("目录以外的其他数据", False), ("下一步", "quit")]
    script, outcome = run(path, steps)
    assert not script.steps and not outcome.interrupted  # 第一责任人 is folded into part 一: not asked again
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 最简示例") and "opening: >-" in text
    load_report(path)


def test_from_last_year_suggests_but_writes_nothing_unconfirmed(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    script, _ = run(path, [("发文机关全称", DEFAULT), ("机关层级", DEFAULT), ("主送机关", DEFAULT)],
                    source=EXAMPLES / "seed-meixian-2024.yaml")
    assert [q.default for q in script.asked[:3]] == ["梅州市公安局梅县区分局", "公安分局", "梅州市公安局"]
    assert script.asked[3].default == "梅县区分局"  # asked (then Ctrl-C): suggested, not written
    assert "short_name" not in read_yaml(path).data["agency"]


def test_from_last_year_moves_years_on_and_offers_last_years_figures(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    steps = AGENCY + DOCUMENT + OPENING + [("“主要举措和成效”部分的标题", DEFAULT), ("按哪些小标题", [])]
    script, _ = run(path, steps, source=EXAMPLES / "seed-haizhu-2024.yaml")
    assert script.asked[4].default == "2025"  # 报告年度: last year's plus one
    said = "\n".join(script.said)
    assert "去年的报告对 2025 年的工作安排如下" in said
    path2 = tmp_path / "again.yaml"
    shutil.copy(path, path2)
    script, _ = run(path2, [("的内容", "skip")] + REST[:12] + [("其他需要报告的情况", False),
                    ("要记录哪些数据", DEFAULT), ("行政处罚决定（单位：宗）本年数值", "11000"),
                    ("行政处罚决定（单位：宗）上年数值", DEFAULT)], source=EXAMPLES / "seed-haizhu-2024.yaml")
    checkbox = next(q for q in script.asked if q.kind == "checkbox")
    assert "penalty_decisions" in checkbox.default and "others" not in checkbox.default
    previous = next(q for q in script.asked if "行政处罚决定（单位：宗）上年数值" in q.message)
    assert previous.default == "10110"  # last year's value becomes the previous-year value
    assert read_yaml(path2).data["metrics"]["penalty_decisions"] == {"value": "11000", "previous": "10110"}


def test_review_edits_an_earlier_answer_then_quits(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, WHOLE + [("下一步", "quit")])
    edit = [("下一步", "edit"), ("修改哪一部分", 0), ("修改哪一项", 0), ("发文机关全称", "梅州市公安局梅县区分局")]
    script, outcome = run(path, edit + [("下一步", "quit")])  # the ended loops are not asked again
    assert not script.steps and not outcome.interrupted
    assert load_report(path)[0].agency.name == "梅州市公安局梅县区分局"


def test_review_fills_a_skipped_box_and_adds_a_subsection(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    run(path, WHOLE + [("下一步", "quit")])
    steps = [
        ("下一步", "edit"), ("修改哪一部分", 3), ("修改哪一项", 5), ("「加强党的领导」的内容", "坚持党的领导。"),
        ("下一步", "edit"), ("修改哪一部分", 3), ("修改哪一项", 1), ("按哪些小标题", ["二", "五", "__free__"]),
        ("自拟小标题", DEFAULT),
        ("「健全政府机构职能体系", "now"), ("第 1 项", "深化放管服改革。"), ("再添加一项", False),
        ("下一步", "quit"),
    ]
    script, _ = run(path, steps)
    assert not script.steps
    sections = load_report(path)[0].parts[0].content
    assert [s.refs for s in sections] == [["二"], ["五"], []]
    assert sections[1].content[-1] == "深化执法监督。"  # kept under the re-chosen subsection
    assert sections[2].content == ["坚持党的领导。"]


def test_render_from_the_review_screen(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "report.yaml"
    # WHOLE skips one section: its 【待填写】 is a check error, so the wizard asks before writing a draft
    steps = WHOLE + [("下一步", "render"), ("哪个版本", "public"), ("哪套字体", DEFAULT), ("仍然生成一份草稿", True),
                     ("保存为", DEFAULT), ("下一步", "quit")]
    script, _ = run(path, steps)
    assert not script.steps
    target = tmp_path / "report（公开版）.docx"
    assert f"已生成 {target}（草稿，每页标注“草稿”）" in script.said
    assert any("还有 1 个错误" in line for line in script.said)
    assert any(line.startswith("  【一、") for line in script.said)  # the finding under its section
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "深化执法监督。" in text


def test_errors_refuse_the_document_unless_a_draft_is_wanted(tmp_path: Path) -> None:
    """Verify declining the draft writes nothing, and the review lists findings by section with a snippet."""
    path = tmp_path / "report.yaml"
    steps = WHOLE + [("下一步", "render"), ("哪个版本", "formal"), ("哪套字体", DEFAULT), ("仍然生成一份草稿", False),
                     ("下一步", "quit")]
    script, _ = run(path, steps)
    assert not script.steps and not list(tmp_path.glob("*.docx"))
    todo = [line for line in script.said if "【待填写】" in line and line.startswith("    错误")]
    assert todo and "（第 " in todo[0]


def test_entry_repairs_number_brackets_and_line_breaks(tmp_path: Path) -> None:
    """Verify 文号 [] becomes 〔〕 with a note, a pasted line break leaves a one-line answer, dates follow the year."""
    path = tmp_path / "report.yaml"
    agency = [("发文机关全称", "广州市公安局\n海珠区分局")] + AGENCY[1:]
    document = [("报告年度", DEFAULT), ("发文字号", "海珠公法字[2025]1号")] + DOCUMENT[2:]
    script, _ = run(path, agency + document)
    report = read_yaml(path).data
    assert report["agency"]["name"] == "广州市公安局海珠区分局"
    assert report["document"]["number"] == "海珠公法字〔2025〕1号"
    assert "文号的年份要用六角括号〔〕，已改为“海珠公法字〔2025〕1号”" in script.said
    assert "这一项只能写一行，已去掉粘贴带入的换行" in script.said
    from generator.wizard import questions as q

    slot = q.document_date(2024)
    assert "应在报告年度（2024年）结束之后" in str(slot.check("2024-12-20")) and slot.check("2025-01-15") is True
    assert "正式上报版必须写主送机关" in str(q.agency_superior().check(""))


class Defaults(Script):
    """Accepts every suggestion; at the review screen answers with *actions* in turn."""

    def __init__(self, actions: list[str]) -> None:
        super().__init__([])
        self.actions = list(actions)
        self.menus: list[Question] = []

    def ask(self, question: Question) -> Any:
        self.asked.append(question)
        if "下一步" in question.message:
            self.menus.append(question)
            return self.actions.pop(0)
        if question.kind == "checkbox":
            return []
        return question.default if question.kind != "confirm" else False


def test_review_offers_the_automatic_fixes(tmp_path: Path) -> None:
    """Verify a hand-typed half-width comma is offered as an automatic fix on the review page, and fixed."""
    path = tmp_path / "report.yaml"
    text = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("法治思维有待提升，执法监督", "法治思维有待提升,执法监督").replace("  superior:", "  level: 公安分局\n  superior:")
    path.write_text(text, encoding="utf-8")
    script = Defaults(["fix", "quit"])
    run_wizard(path, prompter=script, today=TODAY)
    first = script.menus[0]
    assert first.default == "fix" and first.choices[0].title.startswith("自动修正 1 处")
    assert "已自动修正 1 处，并保存到 report.yaml。" in script.said
    assert "法治思维有待提升，执法监督" in path.read_text(encoding="utf-8")
    assert all(c.value != "fix" for c in script.menus[1].choices)  # nothing left to fix
