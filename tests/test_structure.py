"""Structure rules that need the whole report: heading depth and level overrides; YAML colon trap."""

from __future__ import annotations

import pytest

from generator.api import load_report
from generator.display import field_text, place_text
from generator.errors import DataError
from generator.render.context import body_paragraphs

DEEP = """\
year: 2024
agency: {name: 青山分局}
parts:
  - kind: measures
    heading: 举措
    content:
      - heading: 二级
        content:
          - heading: 三级
            content:
              - heading: 四级
                content:
                  - heading: 五级
                    content: [文字。]
"""


def test_a_fifth_heading_level_is_a_located_error_not_a_crash(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_report(path)
    [problem] = info.value.problems
    assert place_text(problem.place) == f"{path}:13:21"  # the mapping of the 五级 section
    assert "超过四级" in problem.message


def unheaded_part(headings: list[str]) -> str:
    """A report whose one part has no heading and holds sections nested one in the other."""
    text = "year: 2024\nagency: {name: 青山分局}\nparts:\n  - kind: measures\n    content:\n"
    indent = "      "
    for heading in headings:
        text += f"{indent}- heading: {heading}\n{indent}  content:\n"
        indent += "    "
    return text + f"{indent}- 文字。\n"


def test_sections_of_an_unheaded_part_start_at_level_two(tmp_path):
    """Verify four headed sections under a part without heading are refused: layout numbers them （一） 1. （1）
    and a fifth level (found by the fuzz test: it used to pass validation and fail in the renderer)."""
    path = tmp_path / "unheaded.yaml"
    path.write_text(unheaded_part(["二级", "三级", "四级", "五级"]), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_report(path)
    [problem] = info.value.problems
    assert place_text(problem.place) == f"{path}:12:21" and "超过四级" in problem.message
    path.write_text(unheaded_part(["二级", "三级", "四级"]), encoding="utf-8")
    report, _ = load_report(path)
    assert [p.head for p in body_paragraphs(report) if p.head] == ["（一）二级", "1.三级", "（1）四级"]


def test_a_level_override_must_go_deeper_than_its_parent(tmp_path):
    path = tmp_path / "level.yaml"
    path.write_text(
        "year: 2024\nagency: {name: 青山分局}\nparts:\n  - kind: measures\n    heading: 举措\n    content:\n"
        "      - heading: 三级\n        level: 3\n        content:\n"
        "          - heading: 又是三级\n            level: 3\n            content: [文字。]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_report(path)
    [problem] = info.value.problems
    assert place_text(problem.place) == f"{path}:11:20"
    assert field_text(problem) == "parts.0.content.0.content.0.level"
    assert "不能高于或等于上一级" in problem.message


def test_a_half_width_colon_at_the_end_of_a_line_gets_a_hint(tmp_path):
    path = tmp_path / "colon.yaml"
    path.write_text("year: 2024\nagency: {name: 青山分局}\nopening:\n  - 现将有关情况报告如下:\n"
                    "parts: [{kind: measures}]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_report(path)
    [problem] = info.value.problems
    line = "  - 现将有关情况报告如下:"
    assert place_text(problem.place) == f"{path}:4:{line.index(':') + 1}"  # at the colon itself
    assert "全角冒号“：”" in problem.message
