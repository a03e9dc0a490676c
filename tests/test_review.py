"""``fzbg review``: a folder of reports as a city bureau receives them, read, checked and written up.

The folder (tests/reviewfolder.py) holds reports rendered by fzbg, one edited by hand in its XML, one built
with python-docx as a unit types it in Word, a copy of another unit with the names changed, a .txt, a broken
and an empty file and Word's lock file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import reviewfolder

from generator.review import Options, review_folder
from generator.review.model import MUST, PASSED, REFUSED, RETURN, SKIPPED

DEADLINE = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    path = tmp_path_factory.mktemp("review") / "报送材料"
    return path, reviewfolder.build(path)


@pytest.fixture(scope="module")
def reviewed(folder: tuple[Path, dict[str, Path]]):
    path, files = folder
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.iterdir()}
    review = review_folder(path, Options(deadline=DEADLINE))
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.iterdir()}
    assert after == before  # the submitted files are only read
    return review, {role: next(s for s in review.submissions if s.path == p) for role, p in files.items()}


def test_every_file_has_a_row_and_bad_ones_say_why(reviewed) -> None:
    """Verify each file of the folder is accounted for, and broken, empty and lock files carry a reason."""
    review, by_role = reviewed
    assert len(review.submissions) == len(list(review.folder.iterdir()))
    assert by_role["broken"].status == REFUSED and "损坏" in by_role["broken"].reason
    assert by_role["empty"].status == REFUSED and "空" in by_role["empty"].reason
    assert by_role["lock"].status == SKIPPED and "临时文件" in by_role["lock"].reason
    for role in ("fzbg", "edited", "copy", "hand", "txt"):
        assert by_role[role].status in (PASSED, RETURN), (role, by_role[role].reason)
    assert by_role["broken"].unit == "越秀区分局"  # named from the file name when the file cannot be read


def test_units_dates_and_deadline(reviewed) -> None:
    """Verify the unit, the 成文日期 and 按时 come from each report (a python-docx file dated after 3月1日 is late)."""
    _, by_role = reviewed
    assert by_role["fzbg"].unit == "广州市公安局海珠区分局"
    assert by_role["fzbg"].date == "2026-02-20" and by_role["fzbg"].on_time.startswith("是")
    assert by_role["hand"].unit == "中山市公安局"
    assert by_role["hand"].date == "2026-03-06" and by_role["hand"].on_time.startswith("否（逾期5天")
    assert by_role["txt"].unit == "某某市公安局某某分局"


def test_five_items_and_figures(reviewed) -> None:
    """Verify the report without its 存在问题 part misses item 2 as a 必须修改 finding, and figures are taken."""
    _, by_role = reviewed
    hand = by_role["hand"]
    assert 2 in hand.missing_items
    assert any(f.rule == "C-ITEM" and f.level == MUST and "第二十五条" in f.basis for f in hand.findings)
    assert 2 not in by_role["fzbg"].missing_items
    assert by_role["fzbg"].figures["penalty_decisions"] == 10110  # 行政处罚决定10110宗 in the seed text



def _format(sub) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in sub.findings:
        if f.rule.startswith("FMT"):
            found.setdefault(f.topic, []).append(f)
    return found


def test_format_faults_edited_in_the_xml_are_named(reviewed) -> None:
    """Verify margins, body size and removed page numbers edited into an fzbg rendering are found by name,
    each with its GB/T 9704 clause, and the body faults at the first body paragraph."""
    _, by_role = reviewed
    found = _format(by_role["edited"])
    assert {"页边距", "字号", "页码", "行数"} <= set(found)
    assert "25.4 mm" in found["页边距"][0].message and "5.2.1" in found["页边距"][0].basis
    assert "4号（14 磅）" in found["字号"][0].message and found["字号"][0].paragraph is not None
    assert "今年以来" in found["字号"][0].snippet
    assert "7.5" in found["页码"][0].basis and found["页码"][0].level == MUST
    assert by_role["edited"].status == RETURN
    # a formal rendering keeps its red 标志, red rule and 版记: none of them is reported
    assert not {"发文机关标志", "红色分隔线", "版记"} & set(found)


def test_fzbg_rendering_passes_the_format_inspection(reviewed) -> None:
    """Verify a report rendered by fzbg has no format finding at all (no false alarms on a correct layout)."""
    _, by_role = reviewed
    assert _format(by_role["fzbg"]) == {}


def test_hand_typed_word_file(reviewed) -> None:
    """Verify a python-docx report with correct paper, margins, sizes and fonts gets only what Word's defaults
    leave: 27 characters a line without tightening, one footer for odd and even pages."""
    _, by_role = reviewed
    found = _format(by_role["hand"])
    assert not {"页边距", "纸张", "字号", "字体", "行数", "标题字号", "一级标题字体", "二级标题字体"} & set(found)
    assert "每行 27 字" in found["每行字数"][0].message
    assert "单双页" in found["页码"][0].message and found["页码"][0].level != MUST


def test_formal_version_without_red_header(tmp_path: Path) -> None:
    """Verify a formal report (发文字号, 签发人) typed in black has the missing 标志, red rule and 版记 named."""
    folder = tmp_path / "报送"
    folder.mkdir()
    reviewfolder.hand_made(folder / "中山.docx", number="中公报字〔2026〕3号")
    sub = review_folder(folder).submissions[0]
    assert sub.variant == "formal"
    found = _format(sub)
    assert found["发文机关标志"][0].level == MUST and "7.2.4" in found["发文机关标志"][0].basis
    assert found["红色分隔线"][0].level == MUST and "7.2.7" in found["红色分隔线"][0].basis
    assert "7.4" in found["版记"][0].basis
