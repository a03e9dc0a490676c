"""Wizard questions: validation through the models (Chinese, never None), defaults, suggestions."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.report import Agency
from generator.wizard import questions as q


def all_slots() -> list[q.Slot]:
    return [
        q.agency_name(), q.agency_level_other(), q.agency_superior(), q.agency_short_name(), q.report_year(),
        q.document_number(), q.document_signer(), q.document_date(), q.document_copy_to(), q.opening(),
        q.part_heading(("parts", 0, "heading"), "主要举措和成效"), q.section_heading(("x",)),
        q.paragraphs(("x",), "第 1 项：", "说明"), q.metric_value(("x",), "行政处罚决定", "宗"),
        q.metric_previous(("x",), "行政处罚决定", "宗"), q.other_label(("x",)), q.other_unit(("x",)),
    ]


@pytest.mark.parametrize("answer", ["", " ", "abc", "局", "2024", "二〇二四", "2025-13-01", "1,234", "-5", "\x0b", "【待填写】"])
def test_validators_return_true_or_a_chinese_message_never_none(answer: str) -> None:
    for slot in all_slots():
        verdict = slot.check(answer)
        assert verdict is True or (isinstance(verdict, str) and verdict), (slot.message, answer, verdict)
        if isinstance(verdict, str):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in verdict), verdict


@pytest.mark.parametrize("answer", ["2024", "20251340", "86400"])
def test_a_number_typed_as_a_date_is_refused_in_chinese(answer: str) -> None:
    verdict = q.document_date().check(answer)
    assert isinstance(verdict, str) and any("\u4e00" <= ch <= "\u9fff" for ch in verdict)


def test_an_eight_digit_date_is_read_as_in_bulk_and_yaml() -> None:
    """Verify 20260115 (as OA systems write dates) is the date 2026-01-15 in the wizard too."""
    assert q.document_date().check("20260115") is True
    assert q.document_date().value("20260115") == "2026-01-15"


@pytest.mark.parametrize(
    ("slot", "answer", "message"),
    [
        (q.agency_name(), "", "不能为空"),
        (q.report_year(), "abc", "应为整数"),
        (q.report_year(), "1999", "不能小于 2000"),
        (q.document_date(), "2025-13-01", "日期不存在"),
        (q.document_date(), "下周一", "日期格式应为"),
        (q.metric_value(("x",), "行政处罚决定", "宗"), "很多", "不是数字"),
    ],
)
def test_wrong_answers_get_the_models_chinese_message(slot: q.Slot, answer: str, message: str) -> None:
    verdict = slot.check(answer)
    assert isinstance(verdict, str) and message in verdict


def test_answers_become_yaml_values_through_the_model() -> None:
    assert q.report_year().value(" 2024 ") == 2024
    assert q.document_date().value("2025年1月8日") == "2025-01-08"
    assert q.document_signer().value("  ") is None
    assert q.document_copy_to().value("区委依法治区办、区司法局") == ["区委依法治区办", "区司法局"]
    assert q.metric_value(("x",), "率", "%").value("98.5%") == 98.5
    assert q.metric_value(("x",), "宗", "宗").value("１０,１１0") == 10110
    assert q.opening().value("第一段\n\n  第二段  \n") == ["第一段", "第二段"]


def test_model_check_is_the_models_own_validation() -> None:
    assert q.model_check(Agency, "name", "广州市公安局") == (True, "广州市公安局")
    ok, message = q.model_check(Agency, "name", None)
    assert not ok and message


def test_stored_values_are_shown_as_the_prompt_starts() -> None:
    assert q.show_text(["甲", "乙"]) == "甲、乙"
    assert q.show_text(dt.date(2025, 1, 8)) == "2025年1月8日"
    assert q.show_text(None) == ""
    assert q.show_lines(["一", "二"]) == "一\n二"


@pytest.mark.parametrize(
    ("today", "year", "date"),
    [
        (dt.date(2025, 1, 20), 2024, dt.date(2025, 1, 20)),  # written in January: dated today
        (dt.date(2025, 2, 27), 2024, dt.date(2025, 2, 27)),
        (dt.date(2024, 12, 20), 2024, dt.date(2025, 1, 15)),  # drafted in December: mid-January next year
    ],
)
def test_year_and_date_default_for_a_report_written_early_next_year(today, year, date) -> None:
    assert q.default_year(today) == year
    assert q.default_date(year, today) == date


def test_suggestions_from_the_agency_name() -> None:
    assert q.guess_superior("广州市公安局海珠区分局") == "广州市公安局"
    assert q.guess_short_name("广州市公安局海珠区分局") == "海珠区分局"
    assert q.guess_level("梅州市公安局梅县区分局") == "公安分局"
    assert q.guess_superior("中山市公安局") is None
    assert q.guess_short_name("中山市公安局") is None


def test_last_years_text_moves_on_one_year() -> None:
    assert q.shift_years("梅县公报字〔2024〕2号", 2024) == "梅县公报字〔2025〕2号"
    assert q.shift_years("2024年度举措，2025年安排，1990年", 2024) == "2025年度举措，2026年安排，1990年"
    assert q.shift_years("共12345人", 2024) == "共12345人"
