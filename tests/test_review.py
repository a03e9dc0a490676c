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
    assert by_role["txt"].unit == "江州市公安局青山分局"


def test_five_items_and_figures(reviewed) -> None:
    """Verify the report without its 存在问题 part misses item 2 as a 必须修改 finding, and figures are taken."""
    _, by_role = reviewed
    hand = by_role["hand"]
    assert 2 in hand.missing_items
    assert any(f.rule == "C-ITEM" and f.level == MUST and "五项内容" in f.basis for f in hand.findings)
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
    leave: 10 pt after each paragraph (python-docx's default template), 27 characters a line without
    tightening, one footer for odd and even pages."""
    _, by_role = reviewed
    found = _format(by_role["hand"])
    assert "段后 10 磅" in found["段间距"][0].message
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


# ---------------------------------------------------------------- what the review writes


@pytest.fixture(scope="module")
def written(reviewed, tmp_path_factory: pytest.TempPathFactory):
    from generator.review.outputs import write_outputs

    review, by_role = reviewed
    outdir = tmp_path_factory.mktemp("out") / "审查结果"
    expected = [s.unit for s in review.submissions if s.unit and s.readable] + ["广州市公安局天河区分局", "越秀区分局"]
    return write_outputs(review.submissions, outdir, review.folder, expected, today=dt.date(2026, 3, 10)), by_role


def _rows(path: Path, sheet: str) -> list[dict[str, object]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_ledger_has_a_row_per_file_with_the_flags(written, folder) -> None:
    """Verify 台账.xlsx read back with openpyxl: one row per file, 按时, 五项, 错误, figures, 相似度, 状态."""
    done, by_role = written
    rows = {row["文件"]: row for row in _rows(done.ledger, "台账")}
    assert set(rows) == {p.name for p in folder[0].iterdir()}
    hand = rows[by_role["hand"].name]
    assert hand["五项"] == "缺第2项" and hand["按时"].startswith("否") and hand["状态"] == "退回修改"
    assert "五项内容" in hand["问题摘要"]
    fzbg = rows[by_role["fzbg"].name]
    assert fzbg["五项"] == "✓" and fzbg["错误"] == 0 and fzbg["行政处罚决定（宗）"] == 10110
    assert fzbg["负责人出庭应诉率（%）"] == 100
    copy = rows[by_role["copy"].name]
    assert copy["最相似单位"] == "广州市公安局海珠区分局" and copy["相同句子占比"] >= 0.9
    edited = rows[by_role["edited"].name]
    assert edited["状态"] == "退回修改" and {"页边距", "字号", "页码"} <= set(edited["问题摘要"].split("；"))
    assert rows[by_role["broken"].name]["状态"] == "无法读取" and "损坏" in rows[by_role["broken"].name]["问题摘要"]
    assert rows[by_role["lock"].name]["状态"] == "未审查"


def test_totals_sum_counts_and_leave_rates_out(written) -> None:
    """Verify the city totals add the units' counts and do not add rates, saying why."""
    done, by_role = written
    totals = {row["指标"]: row for row in _rows(done.ledger, "全市汇总") if row["计量单位"]}
    units = [s for s in by_role.values() if "penalty_decisions" in s.figures]
    assert totals["行政处罚决定"]["全市合计"] == sum(int(s.figures["penalty_decisions"]) for s in units)
    assert totals["行政处罚决定"]["报告该项的单位数"] == len(units) >= 3
    rate = totals["负责人出庭应诉率"]
    assert rate["全市合计"] is None and "不相加" in rate["说明"]


def test_missing_units_sheet(written) -> None:
    """Verify an expected unit that sent nothing is listed, and one whose file is broken is named as such."""
    done, _ = written
    rows = {row["单位"]: row["情况"] for row in _rows(done.ledger, "未报送单位")}
    assert rows["广州市公安局天河区分局"] == "未报送"
    assert rows["越秀区分局"].startswith("已报送但无法读取")
    assert "广州市公安局海珠区分局" not in rows


def test_opinion_forms_name_the_faults(written, docx_text) -> None:
    """Verify the 意见单 of the hand-edited report names 页边距, 字号, 页码 under 必须修改, with place and basis,
    and the broken file's 意见单 says why it could not be read."""
    done, by_role = written
    form = next(p for p in done.opinions if p.name.startswith("梅州市公安局梅县区分局-梅县区分局"))
    text = docx_text(form)
    assert text[0] == "退回修改意见单"
    must = text.index(next(t for t in text if t.startswith("一、必须修改")))
    should = text.index(next(t for t in text if t.startswith("二、建议修改")))
    items = text[must + 1:should]
    for fault in ("页边距", "字号", "页码"):
        assert any(f"：{fault}：" in item and "依据：GB/T 9704-2012" in item for item in items), fault
    assert any("第11段（“今年以来" in item for item in items)
    broken = next(p for p in done.opinions if p.name.startswith("越秀区分局"))
    assert any("损坏" in t for t in docx_text(broken))
    assert not any(p.name.startswith("~$") for p in done.opinions)
    passed = next(p for p in done.opinions if p.name.startswith("广州市公安局海珠区分局"))
    assert passed.name.endswith("-审查意见单.docx") and docx_text(passed)[0] == "审查意见单"


def test_annotated_copies_carry_each_finding_as_a_comment(written) -> None:
    """Verify each annotated copy has one Word comment per finding, on the paragraph the finding names."""
    import docx

    from generator.review.styles import paragraphs, text_of

    done, by_role = written
    edited = by_role["edited"]
    copy = next(p for p in done.annotated if p.name == "梅县区分局-批注.docx")
    document = docx.Document(str(copy))
    comments = list(document.comments)
    assert len(comments) == len(edited.findings)
    assert {c.author for c in comments} == {"市公安局法制支队"}
    assert any("字号" in c.text and "必须修改" in c.text for c in comments)
    # the 字号 comment is anchored on paragraph 11, the one the 意见单 names
    size = next(f for f in edited.findings if f.topic == "字号")
    anchored = paragraphs(document.element.body)
    p = list(anchored)[size.paragraph - 1]
    assert p.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart") is not None
    assert text_of(p).startswith("今年以来")
    assert len(done.annotated) == 4  # the four Word files read: fzbg, edited, copy, hand-made


def test_last_year_comparison(folder, tmp_path: Path) -> None:
    """Verify --last-year links a report to its own unit's report of the year before."""
    path, files = folder
    last = tmp_path / "上年"
    last.mkdir()
    (last / "海珠2024.docx").write_bytes(files["fzbg"].read_bytes())
    review = review_folder(path, Options(last_year=last))
    haizhu = next(s for s in review.submissions if s.path == files["fzbg"])
    assert haizhu.last_year_share == 1.0
    assert any(f.topic == "相似度" and "上年" in f.message for f in haizhu.findings)
    assert any("上年文件夹中没有找到" in note for note in review.notes)


def test_opinion_form_keeps_the_layout_it_enforces(written) -> None:
    """Verify the 意见单 itself passes the format inspection: A4, margins, 22 lines, 28 characters, 3号仿宋, page number."""
    from generator.review.inspect import inspect_docx

    done, _ = written
    findings = inspect_docx(done.opinions[0], formal=False)
    assert [f.topic for f in findings if f.topic != "页码"] == []
    assert all("单双页" in f.message for f in findings)  # one centred footer: a one-page form needs no pair


def test_report_without_a_year_is_reviewed_for_the_year_before_the_deadline(tmp_path: Path) -> None:
    """Verify a Word report whose title has no year is still reviewed (as the year before the deadline), with a
    标题 finding, and that no message speaks of fzbg's YAML (document.date, refs, kind:)."""
    import docx

    seed = reviewfolder.seed_path("002_1bfe5519550173db.txt").read_text("utf-8").splitlines()
    document = docx.Document()
    document.add_paragraph("中山市公安局法治政府建设情况的报告")
    for line in seed[1:]:
        if line.strip():
            document.add_paragraph(line.strip().replace("2025年,", "本年度,", 1))
    folder = tmp_path / "报送"
    folder.mkdir()
    document.save(str(folder / "中山.docx"))
    sub = review_folder(folder, Options(deadline=DEADLINE)).submissions[0]
    assert sub.status == RETURN and sub.year == 2025
    assert any(f.topic == "标题" and "没有写明年度" in f.message and f.paragraph == 1 for f in sub.findings)
    for finding in sub.findings:
        assert not any(word in finding.message for word in ("document.", "refs", "kind:")), finding.message


def test_bad_yaml_and_foreign_files_say_where_and_why(tmp_path: Path) -> None:
    """Verify a YAML with a syntax error is refused with its line and column, and an encrypted or non-Chinese
    file with what to do; none stops the others."""
    from shared import REPO

    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "坏数据.yaml").write_bytes((REPO / "tests" / "data" / "invalid" / "syntax_error.yaml").read_bytes())
    (folder / "加密.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (folder / "英文.txt").write_text("annual report\n", encoding="utf-8")
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    rows = {s.name: s for s in review_folder(folder).submissions}
    assert all(s.status == REFUSED for s in rows.values())
    assert "第5行第10列" in rows["坏数据.yaml"].reason
    assert "另存为" in rows["加密.docx"].reason and "没有中文" in rows["英文.txt"].reason
    assert "PDF" in rows["扫描件.pdf"].reason
