"""Year consistency (generator/check/years.py): Y1 opening, Y2 headings, C-CARRY for ``import --next-year``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_file

GOOD = Path(__file__).resolve().parent / "data" / "check" / "good.yaml"  # year: 2024

WEB_COPY = """江州市公安局关于2024年度法治政府建设情况的报告
2024年,江州市公安局在市委、市政府的坚强领导下,扎实推进法治公安建设。现将有关情况报告如下:
一、2024年度推进法治政府建设的主要举措和成效
(一)强化组织领导。一是召开党委会专题研究法治工作4次;二是开展述法评议。
(二)严格规范执法。全年作出行政处罚决定1200宗,行政复议零撤改。
二、存在的不足和原因
执法规范化水平与群众期待仍有差距。
三、2025年推进法治政府建设的主要安排
一要加强执法培训。
二要强化执法监督。
特此报告。
江州市公安局
2025年1月8日
"""


def findings(tmp_path: Path, text: str, rule: str) -> list:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return [f for f in check_file(path).findings if f.rule == rule]


def planted(tmp_path: Path, old: str, new: str, rule: str) -> list:
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    return findings(tmp_path, text.replace(old, new, 1), rule)


def test_good_file_is_consistent(tmp_path: Path) -> None:
    assert [f for f in check_file(GOOD).findings if f.rule in ("Y1", "Y2", "Y3", "C-CARRY")] == []


def test_opening_naming_last_year(tmp_path: Path) -> None:
    [finding] = planted(tmp_path, "  - 2024年，青山分局", "  - 2023年，青山分局", "Y1")
    assert finding.severity == "error" and (finding.line, finding.column) == (18, 5) and "2024" in finding.message


@pytest.mark.parametrize(
    ("old", "new", "count"),
    [
        ("heading: 2025年主要安排", "heading: 2024年主要安排", 1),  # plans: year + 1
        ("heading: 2025年主要安排", "heading: 2026年推进法治政府建设的主要安排", 1),
        ("heading: 2025年主要安排", "heading: 2025年推进法治政府建设的主要安排", 0),
        ("heading: 2025年主要安排", "heading: 对照纲要（2021—2025年）的主要安排", 0),  # a range is no year of its own
    ],
)
def test_plans_heading_is_next_year(tmp_path: Path, old: str, new: str, count: int) -> None:
    found = planted(tmp_path, old, new, "Y2")
    assert len(found) == count
    assert all("2025" in f.message and f.path[0::2] == ("parts", "heading") for f in found)


def test_next_year_draft_marks_and_reports_every_carried_text(tmp_path: Path, cli) -> None:
    """Verify the issue's case 1: a --next-year draft is not 0 errors; edited text stops being reported."""
    source = tmp_path / "2024.txt"
    source.write_text(WEB_COPY, encoding="utf-8")
    draft = tmp_path / "草稿.yaml"
    assert cli("import", source, "--next-year", "-o", draft).code == 0
    text = draft.read_text(encoding="utf-8")
    marks = text.count("# 上年原文")
    carried = findings(tmp_path, text, "C-CARRY")
    assert marks >= 6 and len(carried) == marks  # every mark visible in the YAML is one finding
    # the opening still says 2024 and the measures heading names 2024; the plans heading 2025 is not 2026
    assert findings(tmp_path, text, "Y1") and len(findings(tmp_path, text, "Y2")) == 2
    code, out, _ = cli("check", tmp_path / "r.yaml", "--variant", "public")
    assert code == 1 and "C-CARRY" in out
    # rewriting one paragraph removes its finding even though the comment stays
    edited = text.replace("执法规范化水平与群众期待仍有差距。", "执法监督信息化水平仍需提高。")
    assert edited != text
    assert len(findings(tmp_path, edited, "C-CARRY")) == marks - 1
