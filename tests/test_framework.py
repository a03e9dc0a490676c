"""The Outline as data: references resolve, a second framework works by dropping in a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.api import load_report
from generator.display import place_text
from generator.errors import DataError
from generator.load import framework as fw
from generator.resources import templates_dir


def test_shipped_outline_has_ten_parts_35_items_and_eight_systems():
    outline = fw.load_framework("outline-2021-2025")
    assert len(outline.parts) == 10
    assert sum(len(part.items) for part in outline.parts) == 35
    systems = [part.system for part in outline.parts if part.system]
    assert len(systems) == 8
    assert "行政执法工作体系" in systems
    # Item headings are not verified against the published text: the file must say so.
    assert all(item.verified is False for part in outline.parts for item in part.items)


@pytest.mark.parametrize(
    ("ref", "heading"),
    [("23", "加强和规范行政应诉工作"), ("（二十三）", "加强和规范行政应诉工作"), ("第5项", "深入推进“放管服”改革"),
     ("五", "健全行政执法工作体系，全面推进严格规范公正文明执法")],
)
def test_references_by_number_or_chinese_numeral(ref, heading):
    assert fw.load_framework("outline-2021-2025").find(ref).heading == heading


def test_unknown_reference_is_a_located_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "year: 2024\nagency: {name: 青山分局}\nparts:\n  - kind: measures\n    heading: 举措\n"
        "    content:\n      - heading: 执法\n        refs: ['15', '99']\n        content: [文字。]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_report(path)
    [problem] = info.value.problems
    assert place_text(problem.place) == f"{path}:8:22"  # the quote before 99
    assert "99" in problem.message


def test_a_dropped_in_framework_is_used_without_code_change(tmp_path, monkeypatch):
    shipped = Path(str(templates_dir()))
    fake = tmp_path / "templates"
    shutil.copytree(shipped / "frameworks", fake / "frameworks")
    (fake / "frameworks" / "province-2026.yaml").write_text(
        "id: province-2026\nname: 某省法治政府建设规划（2026—2030年）\nparts:\n"
        "  - id: 一\n    heading: 依法全面履行政府职能\n    system: 政府职能体系\n"
        "    items:\n      - {id: '1', heading: 优化营商环境, keywords: [营商环境]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(fw, "templates_dir", lambda: fake)
    fw.load_framework.cache_clear()
    try:
        assert "province-2026" in fw.available_frameworks()
        report_path = tmp_path / "r.yaml"
        report_path.write_text(
            "year: 2026\nframework: province-2026\nagency: {name: 青山分局}\nparts:\n"
            "  - kind: measures\n    heading: 举措\n    refs: ['1']\n    content: [文字。]\n",
            encoding="utf-8",
        )
        report, _ = load_report(report_path)
        assert fw.load_framework(report.framework).find("1").heading == "优化营商环境"
    finally:
        fw.load_framework.cache_clear()


def test_unknown_framework_names_the_available_ones(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("year: 2024\nframework: nope\nagency: {name: 青山分局}\nparts: [{kind: measures}]\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_report(path)
    assert "outline-2021-2025" in info.value.problems[0].message
    assert place_text(info.value.problems[0].place).endswith(":2:12")
