"""Step 4a of the pipeline: a Report becomes the render context (generator/layout.py).

All sequence marks are generated, so the tests build Report objects and check the numbers that come out:
一、/（一）/1./（1）, renumbering on insertion, unheaded parts, ``level`` overrides, chains, run-in
headings, line-broken text and title splitting.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from generator.model.report import Chain, Report
from generator.render.context import attachment_lines, body_paragraphs, build_context, document_lines
from generator.text.clean import display_width
from generator.text.numbering import chain_texts
from generator.text.titles import TITLE_LINE_WIDTH, split_title


def make_report(parts: list[Any], **fields: Any) -> Report:
    data = {"year": 2024, "agency": {"name": "江州市公安局青山分局"}, "parts": parts}
    data.update(fields)
    return Report.model_validate(data)


def heads(report: Report) -> list[str]:
    return [p.head for p in body_paragraphs(report) if p.kind != "body"]


def texts(report: Report) -> list[str]:
    return [p.full_text for p in body_paragraphs(report)]


DEEP = [
    {
        "kind": "measures",
        "heading": "主要举措",
        "content": [
            {
                "heading": "甲",
                "content": [
                    {"heading": "甲一", "content": [{"heading": "细目一"}, {"heading": "细目二"}]},
                    {"heading": "甲二"},
                ],
            },
            {"heading": "乙"},
        ],
    },
    {"kind": "shortcomings", "heading": "存在的不足", "content": [{"heading": "丙"}]},
]


# ---------------------------------------------------------------------------------------------- numbering


def test_four_levels_of_sequence_marks() -> None:
    paragraphs = body_paragraphs(make_report(DEEP))
    assert [(p.kind, p.level, p.head) for p in paragraphs] == [
        ("heading", 1, "一、主要举措"),
        ("heading", 2, "（一）甲"),
        ("heading", 3, "1.甲一"),
        ("heading", 4, "（1）细目一"),
        ("heading", 4, "（2）细目二"),
        ("heading", 3, "2.甲二"),
        ("heading", 2, "（二）乙"),
        ("heading", 1, "二、存在的不足"),
        ("heading", 2, "（一）丙"),  # each part starts its own （一）
    ]


def test_inserting_an_item_renumbers_the_rest() -> None:
    before = make_report(DEEP)
    parts = copy.deepcopy(DEEP)
    parts[0]["content"].insert(0, {"heading": "新增"})
    parts.insert(1, {"kind": "leader_duty", "heading": "第一责任人"})
    after = make_report(parts)
    assert heads(before)[:2] == ["一、主要举措", "（一）甲"]
    assert heads(after) == [
        "一、主要举措",
        "（一）新增",
        "（二）甲",
        "1.甲一",
        "（1）细目一",
        "（2）细目二",
        "2.甲二",
        "（三）乙",
        "二、第一责任人",
        "三、存在的不足",
        "（一）丙",
    ]


def test_more_than_ten_items_use_chinese_tens() -> None:
    report = make_report([{"kind": "measures", "heading": f"第{i}部分"} for i in range(1, 13)])
    assert [h.split("、")[0] for h in heads(report)][9:] == ["十", "十一", "十二"]


def test_unheaded_parts_do_not_consume_a_number() -> None:
    report = make_report(
        [
            {"kind": "measures", "heading": "甲"},
            {"kind": "measures", "content": ["统计段落。"]},
            {"kind": "plans", "heading": "乙", "content": [{"heading": "乙一"}]},
        ]
    )
    assert texts(report) == ["一、甲", "统计段落。", "二、乙", "（一）乙一"]


def test_sections_in_an_unheaded_part_start_at_level_two() -> None:
    report = make_report([{"kind": "measures", "content": [{"heading": "甲"}, {"heading": "乙"}]}])
    assert heads(report) == ["（一）甲", "（二）乙"]


def test_unheaded_section_keeps_its_content_at_the_parent_level() -> None:
    report = make_report(
        [{"kind": "measures", "heading": "甲", "content": [{"kind": "leader_duty", "content": ["第一责任人。"]}]}]
    )
    assert [(p.kind, p.full_text) for p in body_paragraphs(report)] == [
        ("heading", "一、甲"),
        ("body", "第一责任人。"),
    ]


def test_level_override_skips_a_level_without_disturbing_siblings() -> None:
    report = make_report(
        [
            {
                "kind": "other",
                "heading": "其他",
                "content": [{"heading": "直接用1.", "level": 3}, {"heading": "再一条", "level": 3}],
            },
            {"kind": "measures", "heading": "举措", "content": [{"heading": "甲"}, {"heading": "插入", "level": 3},
                                                             {"heading": "乙"}]},
        ]
    )
    assert [(p.level, p.head) for p in body_paragraphs(report)] == [
        (1, "一、其他"),
        (3, "1.直接用1."),
        (3, "2.再一条"),
        (1, "二、举措"),
        (2, "（一）甲"),
        (3, "1.插入"),
        (2, "（二）乙"),
    ]


def test_level_four_directly_under_a_part() -> None:
    report = make_report([{"kind": "other", "heading": "其他", "content": [{"heading": "小项", "level": 4}]}])
    assert heads(report) == ["一、其他", "（1）小项"]


# ---------------------------------------------------------------------------------------------- chains


def chain(**fields: Any) -> Chain:
    return Chain.model_validate(fields)


def test_inline_chain_is_one_paragraph() -> None:
    assert chain_texts(chain(chain=["甲。", "乙。", "丙。"])) == ["一是甲。二是乙。三是丙。"]


def test_paragraphs_chain_is_one_paragraph_per_item() -> None:
    assert chain_texts(chain(chain=["甲。", "乙。"], layout="paragraphs")) == ["一是甲。", "二是乙。"]


def test_verb_per_chain_and_per_item() -> None:
    assert chain_texts(chain(chain=["甲。", "乙。"], verb="要")) == ["一要甲。二要乙。"]
    mixed = chain(chain=[{"text": "甲。"}, {"text": "乙。", "verb": "要"}, "丙。"], verb="是", layout="paragraphs")
    assert chain_texts(mixed) == ["一是甲。", "二要乙。", "三是丙。"]


def test_circled_chain_ignores_the_verb() -> None:
    assert chain_texts(chain(chain=["甲；", "乙。"], style="circled", verb="要")) == ["①甲；②乙。"]


def test_lead_text_joins_the_first_item_inline_and_stands_alone_in_paragraphs() -> None:
    assert chain_texts(chain(lead="主要有：", chain=["甲。", "乙。"])) == ["主要有：一是甲。二是乙。"]
    assert chain_texts(chain(lead="主要有：", chain=["甲。", "乙。"], layout="paragraphs")) == [
        "主要有：",
        "一是甲。",
        "二是乙。",
    ]


def test_eleven_items_count_in_chinese() -> None:
    texts_ = chain_texts(chain(chain=[f"第{i}项。" for i in range(1, 12)], layout="paragraphs"))
    assert [t[:3] for t in texts_[9:]] == ["十是第", "十一是"]


def test_chains_in_the_body() -> None:
    report = make_report(
        [{"kind": "shortcomings", "content": [{"lead": "不足：", "chain": ["甲。", "乙。"]}]},
         {"kind": "plans", "heading": "安排", "content": [{"chain": ["甲。", "乙。"], "layout": "paragraphs"}]}]
    )
    assert texts(report) == ["不足：一是甲。二是乙。", "一、安排", "一是甲。", "二是乙。"]


# ---------------------------------------------------------------------------------------------- run-in headings


def test_run_in_heading_is_merged_with_the_following_paragraph() -> None:
    report = make_report(
        [{"kind": "measures", "heading": "举措", "content": [
            {"heading": "强化学习。", "run_in": True, "content": ["全年学法12次。", "第二段。"]}]}]
    )
    assert [(p.kind, p.level, p.head, p.text) for p in body_paragraphs(report)] == [
        ("heading", 1, "一、举措", ""),
        ("runin", 2, "（一）强化学习。", "全年学法12次。"),
        ("body", 0, "", "第二段。"),
    ]


def test_run_in_heading_merges_with_an_inline_chain() -> None:
    report = make_report(
        [{"kind": "measures", "heading": "举措", "content": [
            {"heading": "强化学习。", "run_in": True, "content": [{"chain": ["甲。", "乙。"]}]}]}]
    )
    assert texts(report)[1] == "（一）强化学习。一是甲。二是乙。"


def test_run_in_part_heading() -> None:
    report = make_report([{"kind": "other", "heading": "其他情况。", "run_in": True, "content": ["无。"]}])
    assert [(p.kind, p.head, p.text) for p in body_paragraphs(report)] == [("runin", "一、其他情况。", "无。")]


def test_run_in_heading_followed_by_a_subsection_stays_alone() -> None:
    report = make_report(
        [{"kind": "measures", "heading": "举措", "content": [
            {"heading": "甲。", "run_in": True, "content": [{"heading": "甲一"}]}]}]
    )
    assert [(p.kind, p.full_text) for p in body_paragraphs(report)] == [
        ("heading", "一、举措"),
        ("runin", "（一）甲。"),
        ("heading", "1.甲一"),
    ]


# ---------------------------------------------------------------------------------------------- text


def test_text_with_line_breaks_becomes_several_paragraphs() -> None:
    report = make_report([{"kind": "measures", "content": ["第一段。\n\n  第二段。  \n第三段。\r\n第四段。"]}])
    assert texts(report) == ["第一段。", "第二段。", "第三段。", "第四段。"]


def test_opening_with_line_breaks_becomes_several_paragraphs() -> None:
    report = make_report([{"kind": "measures", "content": ["正文。"]}], opening="开头一。\n开头二。")
    assert build_context(report, "public").opening == ["开头一。", "开头二。"]


# ---------------------------------------------------------------------------------------------- context fields


BASE = [{"kind": "measures", "content": ["正文。"]}]


def test_formal_and_public_contexts() -> None:
    report = make_report(
        BASE,
        agency={"name": "江州市公安局青山分局", "superior": "江州市公安局：", "mark": "青山分局文件"},
        document={"number": "江青公报字〔2025〕1号", "signer": "王建国", "date": "2025-01-08", "copy_to": ["甲。", "乙"]},
    )
    formal = build_context(report, "formal")
    public = build_context(report, "public")
    assert formal.formal and not public.formal
    assert formal.recipient == "江州市公安局："  # the colon is not doubled
    assert public.recipient == ""
    assert formal.agency_mark == "青山分局文件"
    assert formal.signature_name == public.signature_name == "江州市公安局青山分局"
    assert formal.signature_date == public.signature_date == "2025年1月8日"
    assert formal.imprint is not None and public.imprint is None
    assert formal.imprint.copy_to == "抄送：甲，乙。"
    assert formal.imprint.printed_date == "2025年1月8日印发"
    assert formal.closing == public.closing == "特此报告。"
    lines = document_lines(formal)
    assert lines[:4] == [
        "青山分局文件",
        "江青公报字〔2025〕1号\t签发人：王建国",
        "江州市公安局青山分局关于",
        "2024年度法治政府建设情况的报告",
    ]
    assert lines[-2:] == ["抄送：甲，乙。", "江州市公安局青山分局\t2025年1月8日印发"]
    assert "青山分局文件" not in document_lines(public)


def test_no_signature_and_no_closing() -> None:
    report = make_report(BASE, document={"signature": "false", "date": "2025-01-08"}, closing="无")
    context = build_context(report, "formal")
    assert context.signature_name == context.signature_date == context.closing == ""


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError):
        build_context(make_report(BASE), "draft")  # type: ignore[arg-type]


def test_attachment_lines() -> None:
    assert attachment_lines([]) == []
    assert attachment_lines(["统计表。"]) == ["附件：统计表"]
    assert attachment_lines(["甲", "乙；"]) == ["附件：1.甲", "2.乙"]


def test_title_forms() -> None:
    assert make_report(BASE, title_form="annual").full_title == "江州市公安局青山分局2024年法治政府建设年度报告"
    assert make_report(BASE, title_form="work_situation").full_title == (
        "江州市公安局青山分局关于2024年法治政府建设工作情况的报告"
    )
    assert make_report(BASE, title="自定的标题").full_title == "自定的标题"


def test_dates_have_no_leading_zeros() -> None:
    report = make_report(BASE, document={"date": dt.date(2025, 3, 5)})
    assert build_context(report).signature_date == "2025年3月5日"


# ---------------------------------------------------------------------------------------------- title splitting

TITLES = [
    "某某县公安局2024年法治政府建设年度报告",  # fits on one line
    "广州市公安局海珠区分局关于2024年度法治政府建设情况的报告",
    "梅州市公安局梅县区分局关于2024年法治政府建设工作情况的报告",
    "江州市公安局关于二〇二四年度推进依法行政和加强执法规范化工作的报告",
    "江州市公安局关于2024年度推进R&D执法规范化工作的报告",
]


@pytest.mark.parametrize("title", TITLES)
def test_split_title_keeps_lines_narrow_and_the_top_not_longer(title: str) -> None:
    lines = split_title(title)
    assert "".join(lines) == title
    assert all(0 < display_width(line) <= TITLE_LINE_WIDTH for line in lines), lines
    assert display_width(lines[0]) <= display_width(lines[-1]), lines


def test_short_title_stays_on_one_line() -> None:
    assert split_title("中山市公安局2025年法治政府建设年度报告") == ["中山市公安局2025年法治政府建设年度报告"]


def test_title_breaks_after_guanyu() -> None:
    assert split_title("广州市公安局海珠区分局关于2024年度法治政府建设情况的报告") == [
        "广州市公安局海珠区分局关于",
        "2024年度法治政府建设情况的报告",
    ]


@pytest.mark.parametrize(
    "title",
    [
        "内蒙古自治区呼和浩特市公安局赛罕区分局关于2024年度法治政府建设情况的报告",
        "新疆维吾尔自治区公安厅交通管理局高速公路支队关于2024年度法治政府建设情况的报告",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
    ],
    ids=["no-break-keeps-top-short", "break-only-inside-agency", "no-break-point-at-all"],
)
def test_split_title_fallback_keeps_the_top_not_longer(title: str) -> None:
    lines = split_title(title)
    assert "".join(lines) == title
    assert all(display_width(line) <= TITLE_LINE_WIDTH for line in lines), lines
    assert display_width(lines[0]) <= display_width(lines[-1]), lines


def test_split_title_never_separates_the_year_from_nian() -> None:
    lines = split_title("广东省公安厅关于2024年度法治政府建设情况的报告")
    assert "".join(lines) == "广东省公安厅关于2024年度法治政府建设情况的报告"
    for upper, lower in zip(lines, lines[1:], strict=False):
        assert not (upper[-1].isdigit() and lower.startswith("年")), lines


@pytest.mark.parametrize("title", ["2024" * 30, "江州市公安局" + "1" * 90 + "号", "x" * 5000])
def test_split_title_breaks_a_number_longer_than_a_line(title: str) -> None:
    """Verify a title with a digit run wider than a line still splits (found by the fuzz test: it used to hang)."""
    lines = split_title(title)
    assert "".join(lines) == title
    assert all(0 < display_width(line) <= TITLE_LINE_WIDTH for line in lines), lines
