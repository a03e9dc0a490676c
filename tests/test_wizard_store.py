"""Wizard autosave: ordinary report YAML, written atomically, keeping hand edits and comments."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import DataError
from generator.load.yaml_file import read_yaml
from generator.wizard.questions import MISSING
from generator.wizard.store import AnswerStore

HAND_WRITTEN = """\
# 我自己写的说明
year: 2024  # 报告年度
agency:
  # 机关全称，不要改
  name: 广州市公安局海珠区分局
parts:
- kind: measures
  heading: 主要举措和成效
  content:
  - 第一段。  # 这段以后再改
"""


def test_every_change_is_saved_as_ordinary_report_yaml(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    store = AnswerStore(path)
    store.set(("agency", "name"), "广州市公安局海珠区分局")
    assert read_yaml(path).data == {"agency": {"name": "广州市公安局海珠区分局"}}
    store.set(("year",), 2024)
    store.set(("document", "date"), "2025-01-08")
    store.insert(("parts",), 0, {"kind": "measures", "heading": "主要举措和成效"})
    store.extend(("parts", 0, "content"), ["yes", "2024", "a: b", "# 不是注释"])
    data = read_yaml(path).data
    assert data["year"] == "2024"
    assert data["parts"][0]["content"] == ["yes", "2024", "a: b", "# 不是注释"]
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["parts"][0]["content"][0] == "yes"  # YAML 1.1 too
    assert store.data == data


def test_new_keys_follow_the_models_order_and_the_file_has_a_chinese_header(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    store = AnswerStore(path)
    store.set(("agency", "name"), "青山分局")
    store.set(("year",), 2024)
    store.set(("agency", "level"), "公安分局")
    store.set(("agency", "short_name"), None)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 法治政府建设年度报告数据文件")
    assert "fzbg wizard -o report.yaml" in text
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body == ["year: 2024", "agency:", "  name: 青山分局", "  short_name:", "  level: 公安分局"]


def test_hand_edits_and_comments_survive_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    store = AnswerStore(path)
    store.set(("agency", "short_name"), "海珠区分局")
    store.extend(("parts", 0, "content"), ["第二段。"])
    text = path.read_text(encoding="utf-8")
    for kept in ("# 我自己写的说明", "# 报告年度", "# 机关全称，不要改", "# 这段以后再改", "- kind: measures"):
        assert kept in text
    assert read_yaml(path).data["parts"][0]["content"] == ["第一段。", "第二段。"]


def test_an_edit_made_while_the_wizard_waits_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    store = AnswerStore(path)
    store.set(("year",), 2024)
    path.write_text(path.read_text(encoding="utf-8") + "title: 手工写的标题  # 手工\n", encoding="utf-8")
    store.set(("agency", "name"), "青山分局")
    text = path.read_text(encoding="utf-8")
    assert "title: 手工写的标题  # 手工" in text
    assert read_yaml(path).data["agency"]["name"] == "青山分局"


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.yaml"
    store = AnswerStore(path)
    store.set(("year",), 2024)
    before = path.read_text(encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(KeyboardInterrupt):
        store.set(("agency", "name"), "青山分局")
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.yaml"]


def test_get_has_delete(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "r.yaml")
    store.set(("metrics",), {"penalty_decisions": None, "inspections": {"value": 3}})
    assert store.has(("metrics", "penalty_decisions"))
    assert store.get(("metrics", "penalty_decisions")) is None
    assert store.get(("metrics", "others")) is MISSING
    store.delete(("metrics", "penalty_decisions"))
    assert not store.has(("metrics", "penalty_decisions"))
    assert store.get(("metrics", "inspections", "value")) == "3"


def test_an_empty_or_comment_only_file_is_a_new_report(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("# 只有注释\n", encoding="utf-8")
    store = AnswerStore(path)
    assert store.data == {} and store.is_new


def test_a_file_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- 一\n- 二\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        AnswerStore(path)
    assert "不是报告数据文件" in caught.value.message
