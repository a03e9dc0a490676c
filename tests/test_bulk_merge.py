"""BASE + a bureau's values: placeholders, deep merge, what stays text."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.bulk.merge import BaseReport, deep_merge, get_path, set_path
from generator.bulk.models import SourceRecord
from generator.display import place_text
from generator.errors import DataError, Place
from generator.load.yaml_file import parse_yaml

BASE = """\
year: 2025
agency:
  name: 某分局
  superior: 江州市公安局
opening:
  - "{{ 简称 }}向{{ 主送机关 }}报告：处罚{{ 行政处罚决定 }}宗，{{ agency.name }}，{{ 成文日期 }}。"
  - 没有占位符的段落
metrics:
  penalty_decisions: 12
"""


def base(text: str = BASE) -> BaseReport:
    return BaseReport(parse_yaml(text, "base.yaml"))


def record(**values) -> SourceRecord:
    return SourceRecord(index=0, place=Place("b.xlsx", row=2), values=values, headers={k: k for k in values})


def test_placeholders_use_aliases_paths_and_base_values() -> None:
    """Verify 简称 from the row, 主送机关 and the figure from BASE, dates written the Chinese way."""
    data, problems = base().build(record(**{
        "agency.name": "甲分局", "agency.short_name": "甲", "document.date": dt.date(2026, 1, 5)}))
    assert problems == []
    assert data["opening"][0] == "甲向江州市公安局报告：处罚12宗，甲分局，2026年1月5日。"
    assert data["opening"][1] == "没有占位符的段落"
    assert data["agency"] == {"name": "甲分局", "superior": "江州市公安局", "short_name": "甲"}


def test_missing_value_names_the_placeholder() -> None:
    """Verify StrictUndefined: a missing value is a problem naming the placeholder and where it is."""
    empty = record(**{"agency.name": "甲分局"})
    empty.empty_columns = ["简称"]
    _data, problems = base().build(empty)
    assert problems == [(("opening", 0), "占位符 {{ 简称 }} 没有值：本行“简称”列为空")]


def test_values_that_look_like_templates_stay_text() -> None:
    """Verify a row value containing {{ }} or {% %} is never evaluated."""
    data, problems = base().build(record(**{
        "agency.name": "{{ 7*7 }}", "agency.short_name": "{% for x in range(3) %}x{% endfor %}",
        "document.date": "{{ 1 }}"}))
    assert problems == []
    assert data["agency"]["name"] == "{{ 7*7 }}"
    assert data["opening"][0].startswith("{% for x in range(3) %}x{% endfor %}向")
    assert "，{{ 7*7 }}，" in data["opening"][0]


def test_a_bureau_value_replaces_a_templated_base_value_without_rendering_it() -> None:
    """Verify BASE placeholders the bureau overrides are not filled (so their names need no value)."""
    folder_record = SourceRecord(index=0, place=Place("分局/甲.yaml"), overlay={
        "agency": {"name": "甲分局"}, "opening": ["甲分局自己的开头"]})
    data, problems = base().build(folder_record)
    assert problems == [] and data["opening"] == ["甲分局自己的开头"]
    assert data["agency"] == {"name": "甲分局", "superior": "江州市公安局"}


def test_syntax_errors_in_base_are_located() -> None:
    """Verify an unclosed placeholder stops before any bureau, at base.yaml:line:col."""
    with pytest.raises(DataError) as caught:
        base("year: 2025\nopening: 报告{{ 简称 \n")
    assert place_text(caught.value.problems[0].place) == "base.yaml:2:10"


def test_base_must_be_a_mapping() -> None:
    """Verify an empty BASE is refused in Chinese."""
    with pytest.raises(DataError, match="基础报告"):
        base("")


def test_nested_data_helpers() -> None:
    """Verify deep merge (lists replace), metric shorthand in get/set, and what counts as replaced."""
    target = {"a": {"b": 1, "c": [1, 2]}, "metrics": {"x": 5}}
    replaced: set = set()
    deep_merge(target, {"a": {"c": [3]}, "d": 4}, (), replaced)
    assert target["a"] == {"b": 1, "c": [3]} and target["d"] == 4
    assert replaced == {("a", "c"), ("d",)}
    assert get_path(target, ("metrics", "x", "value")) == 5
    set_path(target, ("metrics", "x", "previous"), 4)
    assert target["metrics"]["x"] == {"value": 5, "previous": 4}
