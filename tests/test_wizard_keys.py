"""Wizard through the real questionary prompts, driven by keys on a prompt_toolkit pipe input.

prompt_toolkit carries typeahead over from one prompt to the next, so all keys can be sent first.
Closing the pipe at the end makes a prompt that is still waiting end like Ctrl-D (the wizard stops and
keeps its answers) instead of hanging the test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from generator.api import load_report
from generator.load.yaml_file import read_yaml
from generator.text.clean import TODO_MARKER
from generator.wizard import questions, run_wizard

ENTER, UP, DOWN, SPACE, CTRL_C, CLEAR = "\r", "\x1b[A", "\x1b[B", " ", "\x03", "\x15"
SUBMIT_MULTILINE = "\x1b\r"  # Esc, then Enter
TODAY = dt.date(2025, 1, 20)

BEFORE_PARTS = """\
year: 2024
agency:
  name: 广州市公安局海珠区分局
  short_name: 海珠区分局
  level: 公安分局
  superior: 广州市公安局
document:
  number: 海珠公法字〔2025〕1号
  signer: 王建国
  date: 2025-01-20
  copy_to: []
opening:
  - 2024年，海珠区分局扎实推进法治公安建设。现将有关情况报告如下：
"""

COMPLETE = BEFORE_PARTS + """\
parts:
  - kind: measures
    heading: 2024年度推进法治政府建设的主要举措和成效
    content:
      - 严格规范执法。全年办理行政案件1200宗。
  - kind: shortcomings
    heading: 存在的不足和原因
    content:
      - 执法规范化水平有待提高。
  - kind: leader_duty
    heading: 党政主要负责人履行推进法治建设第一责任人职责情况
    content:
      - 主要负责人带头学法。
  - kind: plans
    heading: 2025年度推进法治政府建设的主要安排
    content:
      - 持续深化执法规范化建设。
metrics:
  penalty_decisions:
    value: 1200
    previous: 1100
  others: []
"""


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def verdicts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, Any]]:
    """Every (question, answer, verdict) the prompts' validators gave."""
    seen: list[tuple[str, Any, Any]] = []
    check = questions.Slot.check

    def recording(self: questions.Slot, answer: Any) -> Any:
        verdict = check(self, answer)
        seen.append((self.message, answer, verdict))
        return verdict

    monkeypatch.setattr(questions.Slot, "check", recording)
    return seen


def wizard(keys: PipeInput, path: Path, *typed: str) -> Any:
    keys.send_text("".join(typed))
    keys.close()
    return run_wizard(path, today=TODAY)


def test_each_answer_is_validated_at_once_with_a_chinese_message(
    keys: PipeInput, verdicts: list, tmp_path: Path
) -> None:
    path = tmp_path / "report.yaml"
    outcome = wizard(
        keys, path,
        ENTER,  # empty name: refused
        "局", ENTER,  # too short: refused
        CLEAR, "广州市公安局海珠区分局", ENTER,
        ENTER, ENTER, ENTER,  # level, superior and short name as suggested
        CLEAR, "二〇二四", ENTER,  # refused: not a number
        CLEAR, "2024", ENTER,
    )
    assert outcome.interrupted  # the keys ran out at 发文字号
    refused = [(message, answer, verdict) for message, answer, verdict in verdicts if verdict is not True]
    assert [(m, a) for m, a, _ in refused] == [("发文机关全称：", ""), ("发文机关全称：", "局"), ("报告年度：", "二〇二四")]
    assert all(isinstance(v, str) and v for _, _, v in refused)
    assert "应为整数" in refused[-1][2]
    data = read_yaml(path).data
    assert data["agency"] == {"name": "广州市公安局海珠区分局", "short_name": "海珠区分局", "level": "公安分局",
                              "superior": "广州市公安局"}
    assert data["year"] == "2024" and "document" not in data


def test_subsections_the_item_loop_multiline_text_and_the_skip_choice(keys: PipeInput, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(BEFORE_PARTS, encoding="utf-8")
    outcome = wizard(
        keys, path,
        ENTER,  # heading of part 一 as suggested
        DOWN * 3, SPACE, ENTER,  # tick the fourth system (行政执法工作体系)
        ENTER,  # 现在逐项填写
        "严格规范执法。", ENTER, "全年办理行政案件1200宗。", SUBMIT_MULTILINE,
        "y",  # 再添加一项？
        "深化执法监督。", SUBMIT_MULTILINE,
        "n",
        ENTER,  # heading of part 二
        DOWN, ENTER,  # 先跳过，稍后在 YAML 中填写
    )
    assert outcome.interrupted  # the keys ran out at part 三
    parts = read_yaml(path).data["parts"]
    assert parts[0]["content"] == [{
        "heading": "健全行政执法工作体系，全面推进严格规范公正文明执法",
        "refs": ["五"],
        "content": ["严格规范执法。", "全年办理行政案件1200宗。", "深化执法监督。"],
    }]
    assert parts[1] == {"kind": "shortcomings", "heading": "存在的不足和原因", "content": [TODO_MARKER]}


def test_an_empty_item_leaves_the_todo_marker(keys: PipeInput, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(BEFORE_PARTS, encoding="utf-8")
    wizard(keys, path, ENTER, ENTER, ENTER, SUBMIT_MULTILINE, "n")
    assert read_yaml(path).data["parts"][0]["content"] == [TODO_MARKER]


def test_ctrl_c_at_a_prompt_keeps_every_answer(keys: PipeInput, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    outcome = wizard(keys, path, "广州市公安局海珠区分局", ENTER, ENTER, CTRL_C, "never read")
    assert outcome.interrupted
    assert read_yaml(path).data == {"agency": {"name": "广州市公安局海珠区分局", "level": "公安分局"}}


def test_review_screen_edit_an_earlier_answer_then_quit(keys: PipeInput, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(COMPLETE, encoding="utf-8")
    outcome = wizard(
        keys, path,
        UP, ENTER,  # 下一步: 修改某一项回答 (the cursor starts on 生成公文)
        ENTER,  # 修改哪一部分: 发文机关
        ENTER,  # 修改哪一项: 发文机关全称
        CLEAR, "梅州市公安局梅县区分局", ENTER,
        DOWN, ENTER,  # 下一步: 保存并退出
    )
    assert not outcome.interrupted
    report, _ = load_report(path)
    assert report.agency.name == "梅州市公安局梅县区分局"


def test_review_screen_edit_a_parts_items(keys: PipeInput, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(COMPLETE, encoding="utf-8")
    outcome = wizard(
        keys, path,
        UP, ENTER,  # 修改某一项回答
        DOWN * 4, ENTER,  # 修改哪一部分: 存在的不足和原因
        DOWN, ENTER,  # 修改哪一项: 内容
        ENTER, "宣传形式较单一。", SUBMIT_MULTILINE,  # add a line below the existing one
        DOWN, ENTER,  # 保存并退出
    )
    assert not outcome.interrupted
    assert load_report(path)[0].parts[1].content == ["执法规范化水平有待提高。", "宣传形式较单一。"]
