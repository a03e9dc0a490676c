"""Plain placeholders (text and ``{{ name }}``) are filled by joining their parts: the same text Jinja renders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from generator.bulk.merge import BaseReport, _plain_parts, placeholder_environment
from generator.bulk.models import SourceRecord
from generator.errors import Place
from generator.load.yaml_file import parse_yaml

TEXTS = [
    "{{ 简称 }}",
    "{{ 简称 }}{{ 辖区 }}",
    "本局（{{ 简称 }}）在{{ 辖区 }}开展工作。\n",
    "行首\r\n{{ 简称 }}\r\n行尾\n\n",  # Jinja normalises the line ends of its text: the parts keep what it lexed
    "  {{简称}}  {{ 辖区 }}  ",
    "{{ 数字 }}、{{ 小数 }}、{{ 日期 }}、{{ 列表 }}、{{ 表 }}",
    "百分之{{ 数字 }}%，{ 单括号 }，}} 结尾",
]
CONTEXT: dict[str, Any] = {
    "简称": "青山分局", "辖区": "青山区", "数字": 12, "小数": Decimal("0.125"), "日期": dt.date(2026, 1, 20),
    "列表": ["甲", "乙"], "表": {"a": 1},
}


@pytest.mark.parametrize("text", TEXTS)
def test_parts_join_to_what_jinja_renders(text: str) -> None:
    env = placeholder_environment()
    parts = _plain_parts(env.parse(text))
    assert parts is not None
    joined = "".join(str(CONTEXT[part]) if is_name else part for is_name, part in parts)
    assert joined == env.from_string(text).render(CONTEXT)


@pytest.mark.parametrize("text", ["{{ 简称 | upper }}", "{% if 简称 %}x{% endif %}", "{{ 简称 ~ 辖区 }}", "{{ a.b }}"])
def test_other_templates_are_rendered_by_jinja(text: str) -> None:
    assert _plain_parts(placeholder_environment().parse(text)) is None


def test_bureau_data_filled_as_rendering_fills_it() -> None:
    base = BaseReport(parse_yaml("agency:\n  name: 江州市公安局{{ 简称 }}\n  short_name: '{{ 简称 }}'\n"
                                 "document:\n  signer: '{{ 签发人 }}（{{ 简称 }}）'\n"
                                 "title: '{{ 简称 | trim }}关于'\n", "base.yaml"))
    assert len(base.parts) == 3  # the filter one goes through Jinja
    values = {"agency.short_name": "青山分局"}
    record = SourceRecord(index=0, place=Place("b.xlsx", row=2), values=values, headers={k: k for k in values},
                          variables={"简称": "青山分局", "签发人": "李明"})
    data, problems = base.build(record)
    assert problems == []
    assert data["agency"]["name"] == "江州市公安局青山分局"
    assert data["document"]["signer"] == "李明（青山分局）"
    assert data["title"] == "青山分局关于"
