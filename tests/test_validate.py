"""Step 2 of the pipeline: validation (generator/validate.py), one fixture per failure mode.

Each problem must name ``file:line:col`` (computed here from the fixture's text), the dotted field path
and a Chinese explanation; every problem of a file is reported at once, in file order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.api import load_report
from generator.display import error_text, field_text, place_text, problem_text
from generator.errors import DataError, Problem
from generator.validate import Unlocated, validate_report

INVALID = Path(__file__).resolve().parent / "data" / "invalid"
CJK = re.compile(r"[\u4e00-\u9fff]")


def place(fixture: Path, needle: str, nth: int = 0) -> str:
    """``file:line:col`` of the *nth* occurrence of *needle* in *fixture*."""
    seen = 0
    for number, line in enumerate(fixture.read_text(encoding="utf-8").splitlines(), start=1):
        start = line.find(needle)
        while start >= 0:
            if seen == nth:
                return f"{fixture}:{number}:{start + 1}"
            seen += 1
            start = line.find(needle, start + 1)
    raise AssertionError(f"{needle!r} not in {fixture}")


def problems_of(name: str) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_report(INVALID / name)
    assert info.value.message == "数据有误，请按下列位置修改"
    for problem in info.value.problems:
        assert problem.severity == "error"
        assert CJK.search(problem.message), problem.message
    return info.value.problems


# fixture, where (the text the problem points at), field path, exact message
CASES = [
    ("missing_year.yaml", "agency:", "year", "缺少必填字段"),  # missing: the enclosing mapping
    ("year_not_number.yaml", "二〇二四", "year", "应为整数"),
    ("bad_part_kind.yaml", "achievements", "parts.0.kind",
     "取值只能是：measures、shortcomings、leader_duty、plans、other"),
    ("empty_parts.yaml", "[]", "parts", "至少需要 1 项"),
    ("date_nonexistent.yaml", "2025-02-30", "document.date", "日期不存在：2025-02-30"),
    ("date_text.yaml", "明年一月", "document.date", "日期格式应为 2025-01-08 或 2025年1月8日"),
    ("other_metric_without_label.yaml", "value: 23", "metrics.others.0.label", "缺少必填字段"),
    ("list_for_text.yaml", "- 青山分局关于", "title", "应为一段文字"),
    ("empty_chain.yaml", "[]", "parts.0.content.0.chain", "至少需要 1 项"),
    ("section_level_5.yaml", "5", "parts.0.content.0.level", "不能大于 4"),
]


@pytest.mark.parametrize(("name", "needle", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_one_problem_located_and_explained(name: str, needle: str, field: str, message: str) -> None:
    fixture = INVALID / name
    [problem] = problems_of(name)
    assert (place_text(problem.place), field_text(problem), problem.message) == (place(fixture, needle), field, message)
    assert problem_text(problem) == f"{place(fixture, needle)} {field} {message}"


def test_metric_that_is_not_a_number() -> None:
    fixture = INVALID / "metric_not_number.yaml"
    [problem] = problems_of("metric_not_number.yaml")
    assert place_text(problem.place) == place(fixture, "一千多宗")
    assert field_text(problem) == "metrics.penalty_decisions"
    assert problem.message.startswith("不是数字") and "一千多宗" in problem.message


def test_unknown_top_level_key_suggests_the_right_one() -> None:
    fixture = INVALID / "unknown_key_agency.yaml"
    problems = problems_of("unknown_key_agency.yaml")
    unknown = [p for p in problems if field_text(p) == "agncy"]
    assert len(unknown) == 1
    assert place_text(unknown[0].place) == place(fixture, "agncy:")
    assert unknown[0].message == "未知字段“agncy”，您是否想写“agency”？"
    # The misspelt key leaves agency missing; that is reported too, at the enclosing mapping.
    assert [(place_text(p.place), field_text(p)) for p in problems if field_text(p) == "agency"] == [(place(fixture, "year:"), "agency")]


def test_unknown_key_inside_a_section_suggests_heading() -> None:
    fixture = INVALID / "unknown_key_heading.yaml"
    [problem] = problems_of("unknown_key_heading.yaml")
    assert place_text(problem.place) == place(fixture, "heding:")
    assert field_text(problem) == "parts.0.content.0.heding"
    assert problem.message == "未知字段“heding”，您是否想写“heading”？"


def test_unknown_key_without_a_close_match_has_no_suggestion() -> None:
    fixture = INVALID / "unknown_key_no_suggestion.yaml"
    [problem] = problems_of("unknown_key_no_suggestion.yaml")
    assert (place_text(problem.place), field_text(problem)) == (place(fixture, "zzzzzz:"), "agency.zzzzzz")
    assert problem.message == "未知字段“zzzzzz”"


def test_all_problems_reported_at_once_in_file_order() -> None:
    fixture = INVALID / "three_mistakes.yaml"
    problems = problems_of("three_mistakes.yaml")
    assert [(place_text(p.place), field_text(p)) for p in problems] == [
        (place(fixture, "2025-13-01"), "document.date"),
        (place(fixture, "9"), "parts.0.content.0.level"),
        (place(fixture, "plan"), "parts.1.kind"),
    ]
    assert problems[0].message == "日期不存在：2025-13-01"
    assert problems[1].message == "不能大于 4"
    assert problems[2].message.startswith("取值只能是：")


def test_unknown_framework_reference_is_located() -> None:
    fixture = INVALID / "unknown_ref.yaml"
    [problem] = problems_of("unknown_ref.yaml")
    assert (place_text(problem.place), field_text(problem)) == (place(fixture, "九十九"), "parts.0.refs.0")
    assert "九十九" in problem.message


def test_error_text_lists_every_problem_on_its_own_line() -> None:
    with pytest.raises(DataError) as info:
        load_report(INVALID / "three_mistakes.yaml")
    lines = error_text(info.value).splitlines()
    assert lines[0] == "数据有误，请按下列位置修改"
    assert len(lines) == 4 and all(line.startswith(f"  {INVALID / 'three_mistakes.yaml'}:") for line in lines[1:])


# ---------------------------------------------------------------------------------------------- data without positions


def test_plain_data_problems_name_the_field() -> None:
    with pytest.raises(DataError) as info:
        validate_report({"year": "x", "agency": {"name": "江州市公安局"}, "parts": []}, Unlocated("向导"))
    assert sorted((place_text(p.place), field_text(p), p.message) for p in info.value.problems) == [
        ("向导", "parts", "至少需要 1 项"),
        ("向导", "year", "应为整数"),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2025-01-08", (2025, 1, 8)), ("2025/1/8", (2025, 1, 8)), ("2025.1.8", (2025, 1, 8)),
     ("2025年1月8日", (2025, 1, 8)), (" 2025 年 12 月 31 日 ", (2025, 12, 31))],
)
def test_date_forms_that_are_accepted(written: str, expected: tuple[int, int, int]) -> None:
    report = validate_report(
        {"year": "2024", "agency": {"name": "江州市公安局"}, "document": {"date": written},
         "parts": [{"kind": "measures", "content": ["正文。"]}]}, Unlocated()
    ).report
    date = report.document.date
    assert (date.year, date.month, date.day) == expected
