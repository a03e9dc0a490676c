"""generator.write.dump: plain data → YAML that reads back exactly, is block style and keeps Chinese as is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importer import report_data
from generator.load.yaml_file import parse_yaml
from generator.model.report import Agency, Chain, ChainItem, Closing, Document, Part, PartKind, Report, Section
from generator.write.dump import dump_yaml, is_plain_safe, model_data, scalar

TRICKY = [
    "2024-01-08", "2024/1/8", "01012345678", "0123", "08", "1_000", "1e3", "0x1F", "0o17", "12:30", "1:20:30",
    "+1", "-1", ".5", ".inf", "-.inf", ".NaN", "3.14",
    "yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "true", "False", "y", "Y", "n", "N",
    "~", "null", "Null", "NULL", "<<", "=",
    "- 列表", "-", "? 问", ":", "a: b", "a:b", "# 注释", "a #b", "a#b", "'单引号'", '"双引号"', "@x", "`x`",
    "%x", "!标签", "&锚", "*别名", "[a]", "{a}", "|", ">", ",", " 前导空格", "末尾空格 ", "", " ",
    "中文：全角冒号", "全角＃井号", "1.主要举措", "（一）组织领导", "“1310”部署", "10110宗", "100%",
    "a\nb", "第一行\n\n第三行", "行尾空格 \n下一行", "\n开头换行", "结尾换行\n", "制表\t符", "回车\r",
    "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x07", "😀", "\ue000",
]


def _both_readers(text: str) -> tuple:
    return parse_yaml(text, "t.yaml").data, yaml.safe_load(text)


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_read_back_as_strings(value: str) -> None:
    """Verify strings YAML 1.1/1.2 could misread are quoted and read back unchanged by both readers."""
    text = dump_yaml({"key": value, "list": [value]})
    ours, safe = _both_readers(text)
    assert ours == {"key": value, "list": [value]}
    assert safe == {"key": value, "list": [value]}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_any_string_reads_back(value: str) -> None:
    """Verify every string round-trips through parse_yaml and yaml.safe_load."""
    ours, safe = _both_readers(dump_yaml({"k": value, "l": [value, {"m": value}]}))
    assert ours == {"k": value, "l": [value, {"m": value}]}
    assert safe == {"k": value, "l": [value, {"m": value}]}


@given(st.text(alphabet="一二三四五六七八九十年月日报告：，。“”《》0123456789-:# ", min_size=1, max_size=20))
def test_chinese_report_text_is_mostly_plain(value: str) -> None:
    """Verify is_plain_safe never lets through a string that would not read back."""
    if is_plain_safe(value):
        assert yaml.safe_load(f"k: {value}\n") == {"k": value}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("广州市公安局海珠区分局", "广州市公安局海珠区分局"),
        ("2024年，分局……", "2024年，分局……"),
        ("yes", "'yes'"),
        ("0123", "'0123'"),
        ("a: b", "'a: b'"),
        ("", "''"),
        (None, ""),
        (True, "true"),
        (2024, "2024"),
        (Decimal("4.95"), "4.95"),
        (Decimal("1E+2"), "100"),
        (dt.date(2025, 1, 8), "2025-01-08"),
        (PartKind.plans, "plans"),
        ("制表\t符", '"制表\\t符"'),
    ],
)
def test_scalar_forms(value: object, expected: str) -> None:
    """Verify Chinese is written as is (allow_unicode), quotes only where needed."""
    assert scalar(value) == expected


def test_block_style_order_and_comments() -> None:
    """Verify block style, key order kept, comments above keys and items, header and footer."""
    data = {"year": 2024, "agency": {"name": "某局", "superior": None}, "parts": [{"kind": "measures", "content": []}],
            "opening": ["第一段", "第二段"], "empty": {}}
    text = dump_yaml(
        data,
        comments={("agency",): ["机关"], ("parts", 0): ["第一部分"], ("opening", 1): ["第二段注释"]},
        header=["文件头"],
        footer=["文件尾"],
    )
    assert text == (
        "# 文件头\n\n"
        "year: 2024\n"
        "# 机关\n"
        "agency:\n  name: 某局\n  superior:\n"
        "parts:\n  # 第一部分\n  - kind: measures\n    content: []\n"
        "opening:\n  - 第一段\n  # 第二段注释\n  - 第二段\n"
        "empty: {}\n"
        "\n# 文件尾\n"
    )
    assert list(parse_yaml(text).data) == ["year", "agency", "parts", "opening", "empty"]


def _report() -> Report:
    return Report(
        year=2024,
        agency=Agency(name="某市公安局", superior="某省公安厅"),
        document=Document(number="江青公报字〔2025〕1号", signer="No", date=dt.date(2025, 1, 8), attachments=["yes"]),
        title="2024: 年度报告 #1",
        opening=["2024年，我局……", "0123"],
        parts=[
            Part(
                kind=PartKind.measures,
                heading="主要举措",
                content=[
                    "段落。",
                    Chain(chain=["甲。", ChainItem(text="乙。", verb="要")], lead="引导：", style="ordinal"),
                    Section(heading="true", run_in=True, level=3, kind=PartKind.leader_duty, content=["null"]),
                ],
            ),
            Part(kind=PartKind.plans, content=["下一步……"]),
        ],
        closing=Closing.none,
        metrics={"penalty_decisions": 10110, "court_appearance_rate": {"value": "99.5", "previous": "100"},
                 "others": [{"label": "追赃挽损", "value": "2633", "unit": "万元"}]},
    )


def test_report_round_trip() -> None:
    """Verify a report with awkward values dumps and loads back equal (parse_yaml + model_validate)."""
    report = _report()
    text = dump_yaml(report_data(report))
    assert Report.model_validate(parse_yaml(text).data) == report
    assert Report.model_validate(yaml.safe_load(text)) == report


def test_model_order_and_defaults_left_out() -> None:
    """Verify keys follow the model's field order and defaults are not written."""
    data = model_data(_report())
    assert list(data) == ["year", "agency", "document", "title", "opening", "parts", "closing", "metrics"]
    assert "framework" not in data and "title_form" not in data
    assert list(data["parts"][0]) == ["kind", "heading", "content"]
    chain = data["parts"][0]["content"][1]
    assert list(chain) == ["chain", "lead"]


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15).filter(
    lambda s: s.strip() != ""
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    blocks = st.one_of(
        texts,
        st.builds(lambda items, lead: Chain(chain=items, lead=lead), st.lists(texts, min_size=1, max_size=3),
                  st.one_of(st.none(), texts)),
        st.builds(lambda h, c: Section(heading=h, content=c), texts, st.lists(texts, max_size=2)),
    )
    parts = draw(st.lists(st.builds(lambda k, h, c: Part(kind=k, heading=h, content=c), st.sampled_from(list(PartKind)),
                                    st.one_of(st.none(), texts), st.lists(blocks, max_size=3)), min_size=1, max_size=3))
    return Report(year=draw(st.integers(2000, 2100)), agency=Agency(name=draw(texts) + "局"),
                  opening=draw(st.lists(texts, max_size=2)), parts=parts, title=draw(st.one_of(st.none(), texts)))


@given(reports())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_report_round_trips(report: Report) -> None:
    """Verify generated reports with arbitrary text round-trip through the dumped YAML."""
    text = dump_yaml(report_data(report))
    assert Report.model_validate(parse_yaml(text).data) == report
