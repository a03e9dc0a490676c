"""Issue 20: a bulk run stays linear in the number of rows, whatever fails or repeats.

The three paths that were quadratic: 汇总.xlsx with every row failed (openpyxl's ``max_row`` scans all
cells, called once per row), errors.csv, and the file-name allocator with one name repeated (each copy
restarted at ``_2``). Counts are asserted where the work can be counted; the time bounds are generous
(the quadratic versions took 32 s and more for 10,000 rows; the linear ones take a few seconds).
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.bulk import BulkOptions, Status, run_bulk
from generator.bulk.merge import BaseReport
from generator.bulk.models import SourceRecord
from generator.bulk.names import NameAllocator
from generator.bulk.summary import ERRORS_NAME, SUMMARY_NAME
from generator.load.yaml_file import read_yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "bulk" / "base.yaml"
ROWS = 10_000
SMALL_BASE = """\
year: 2025
agency: {name: 占位分局, superior: 江州市公安局}
document: {date: 2026-01-12, signer: 周立新}
opening: 2025年，{{ 简称 }}坚持以习近平法治思想为指导，全面推进法治公安建设。
parts:
  - {kind: measures, heading: 主要举措和成效, content: [持续深化执法规范化建设。]}
  - {kind: shortcomings, heading: 存在的不足和原因, content: [执法监督信息化水平仍需提高。]}
  - {kind: leader_duty, heading: 党政主要负责人履行推进法治建设第一责任人职责情况, content: [主要负责人带头学法。]}
  - {kind: plans, heading: 2026年推进法治政府建设的主要安排, content: [持续推进执法规范化建设。]}
closing: 特此报告
"""


def _invalid_sheet(path: Path, rows: int) -> None:
    """*rows* bureaus of one name, each with a figure that is text and without the placeholder columns."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["机关全称", "行政处罚决定"])
        writer.writerows(["江州市公安局某分局", "约1200"] for _ in range(rows))


def test_ten_thousand_invalid_rows_finish_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "rows.csv"
    _invalid_sheet(sheet, ROWS)
    scans = {"max_row": 0}
    original = Worksheet.max_row

    def counted(self: Worksheet) -> int:
        scans["max_row"] += 1
        return original.fget(self)  # type: ignore[no-any-return, attr-defined]

    monkeypatch.setattr(Worksheet, "max_row", property(counted))
    start = time.perf_counter()
    result = run_bulk(BulkOptions(base=BASE, data=sheet, outdir=tmp_path / "out"))
    elapsed = time.perf_counter() - start
    assert scans["max_row"] <= 5  # was one full scan of the sheet per failed row
    assert elapsed < 30, f"{ROWS} invalid rows took {elapsed:.1f} s"
    assert len(result.outcomes) == ROWS and all(o.status == Status.invalid for o in result.outcomes)
    summary = load_workbook(tmp_path / "out" / SUMMARY_NAME, read_only=True).worksheets[0]
    rows = list(summary.iter_rows(values_only=True))
    assert [r[0] for r in rows[1 : ROWS + 1]] == list(range(1, ROWS + 1))  # every bureau, in order
    assert rows[ROWS + 1][4] == f"成功 0 / 共 {ROWS}"
    with open(tmp_path / "out" / ERRORS_NAME, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))[1:]
    placed = {line[0] for line in lines}
    assert placed == {f"rows.csv:{n}" for n in range(2, ROWS + 2)}  # every row has its lines in errors.csv
    assert all("没有值" in line[3] for line in lines)


def test_repeated_names_are_allocated_in_linear_time() -> None:
    names = NameAllocator()
    got = [names.allocate("江州市公安局某分局", ".docx") for _ in range(ROWS)]
    assert got[:3] == ["江州市公安局某分局.docx", "江州市公安局某分局_2.docx", "江州市公安局某分局_3.docx"]
    assert len(set(got)) == ROWS and got[-1] == f"江州市公安局某分局_{ROWS}.docx"
    assert names.probes <= 2 * ROWS  # was ROWS² / 2: every copy tried _2, _3 … again


def test_allocator_still_gives_the_first_free_number() -> None:
    """A literal ``甲_3`` taken in between is skipped; case differences share the numbering, as on Windows."""
    names = NameAllocator(taken=("甲_3.docx",))
    got = [names.allocate(n, ".docx") for n in ("甲", "甲", "甲_4", "甲", "A", "a", "A")]
    assert got == ["甲.docx", "甲_2.docx", "甲_4.docx", "甲_5.docx", "A.docx", "a_2.docx", "A_3.docx"]


def test_missing_placeholder_message_is_the_one_rendering_gives(tmp_path: Path) -> None:
    """Plain ``{{ 名称 }}`` placeholders are reported without rendering: the same messages as rendering them."""
    base = tmp_path / "base.yaml"
    base.write_text("year: 2025\nagency: {name: 甲}\nopening: '{{ 简称 }}全年{{ 行政处罚决定 }}宗'\n"
                    "closing: '{{ agency.short_name }}特此报告'\n", encoding="utf-8")
    report = BaseReport(read_yaml(base))
    record = SourceRecord(index=0, place=report.doc.place(()), empty_columns=["简称"])
    assert set(report.plain) == {("opening",)}  # an attribute is not plain: it is rendered
    fast = report.build(record)[1]
    report.plain.clear()
    assert report.build(record)[1] == fast
    assert fast[0] == (("opening",), "占位符 {{ 简称 }} 没有值：本行“简称”列为空")


# ---------------------------------------------------------------- no row lost


def _rows_csv(path: Path, count: int, title: bool = True) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if title:
            writer.writerow(["江州市各分局数据"])  # a title row above the header is not a bureau
        writer.writerow(["机关全称", "简称"])
        writer.writerows([f"江州市公安局第{i}分局", f"第{i}分局"] for i in range(count))


def test_a_full_sheet_is_read_whole_and_one_row_more_is_refused_naming_the_rows(tmp_path: Path) -> None:
    """The limit counts bureaus, not the title and header rows; over it, the refusal names every row it
    would drop (the issue's 10,050-row sheet), and nothing is written."""
    from generator.bulk.sheets import MAX_ROWS, read_csv
    from generator.errors import DataError

    sheet = tmp_path / "rows.csv"
    _rows_csv(sheet, MAX_ROWS)
    assert len(read_csv(sheet).records) == MAX_ROWS
    _rows_csv(sheet, MAX_ROWS + 50)
    with pytest.raises(DataError) as caught:
        run_bulk(BulkOptions(base=BASE, data=sheet, outdir=tmp_path / "out"))
    problem = caught.value.problems[0]
    assert problem.place.line == MAX_ROWS + 3  # title, header, then the first bureau over the limit
    assert f"表中有 {MAX_ROWS + 50:,} 个单位" in problem.message
    assert f"到第 {MAX_ROWS + 52:,} 行的 50 个单位" in problem.message
    assert not (tmp_path / "out").exists()


def test_xlsx_refusal_names_the_rows_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    from generator.bulk import sheets
    from generator.errors import DataError

    monkeypatch.setattr(sheets, "MAX_ROWS", 40)  # the logic, not openpyxl's speed, is under test
    book = Workbook()
    book.active.append(["江州市各分局数据"])
    book.active.append(["机关全称", "简称"])
    for i in range(45):
        book.active.append([f"分局{i}", f"局{i}"])
        if i == 20:
            book.active.append([])  # an empty row is not a bureau
    book.save(tmp_path / "d.xlsx")
    with pytest.raises(DataError) as caught:
        sheets.read_xlsx(tmp_path / "d.xlsx")
    problem = caught.value.problems[0]
    assert problem.place.row == 44  # title, header, 40 bureaus and the empty row
    assert "表中有 45 个单位" in problem.message and "到第 48 行的 5 个单位" in problem.message


def test_every_failed_row_has_a_line_in_errors_csv(tmp_path: Path) -> None:
    """A BASE problem is listed once, at base.yaml; each bureau it stops still has its own line."""
    base = tmp_path / "base.yaml"
    base.write_text(SMALL_BASE.replace("year: 2025", "year: 二〇二五年"), encoding="utf-8")
    sheet = tmp_path / "rows.csv"
    _rows_csv(sheet, 3, title=False)
    result = run_bulk(BulkOptions(base=base, data=sheet, outdir=tmp_path / "out"))
    assert [o.status for o in result.outcomes] == [Status.invalid] * 3
    with open(tmp_path / "out" / ERRORS_NAME, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))[1:]
    assert {"rows.csv:2", "rows.csv:3", "rows.csv:4"} <= {line[0] for line in lines}
    assert any(line[0].startswith(f"{base}:1:") and "所有单位都受影响" in line[3] for line in lines)


def test_workers_assess_rows_exactly_as_the_parent_does(tmp_path: Path) -> None:
    """--jobs 2 validates and checks the rows in its workers, many per task: the same outcomes, problems,
    file names and warnings, in row order, as --jobs 1 (a repeated name, bad figures and a missing
    placeholder value among 130 rows, more than two tasks)."""
    sheet = tmp_path / "rows.csv"
    with open(sheet, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["机关全称", "简称", "行政处罚决定"])
        for i in range(130):
            name = "江州市公安局重名分局" if i % 17 == 0 else f"江州市公安局第{i}分局"
            writer.writerow([name, "" if i % 23 == 0 else f"第{i}分局", "约1200" if i % 11 == 0 else str(100 + i)])
    base = tmp_path / "base.yaml"
    base.write_text(SMALL_BASE, encoding="utf-8")
    runs = []
    for jobs in (1, 2):
        result = run_bulk(BulkOptions(base=base, data=sheet, outdir=tmp_path / f"out{jobs}", jobs=jobs, dry_run=True))
        runs.append(result)
    one, two = runs
    assert [o.model_dump() for o in one.outcomes] == [o.model_dump() for o in two.outcomes]
    assert one.problems == two.problems and one.check_warnings == two.check_warnings
    statuses = {o.status for o in one.outcomes}
    assert {Status.invalid, Status.checked} <= statuses, statuses
    assert any("输出文件名改为" in p.message for p in one.problems)


def test_rendered_documents_are_the_same_with_workers(tmp_path: Path) -> None:
    """Reports built again from their rows in the workers are the reports the parent would render."""
    sheet = tmp_path / "rows.csv"
    _rows_csv(sheet, 60, title=False)
    base = tmp_path / "base.yaml"
    base.write_text(SMALL_BASE, encoding="utf-8")
    import zipfile

    bodies = []
    for jobs in (1, 2):
        result = run_bulk(BulkOptions(base=base, data=sheet, outdir=tmp_path / f"out{jobs}", jobs=jobs))
        assert result.succeeded == 60, result.problems[:3]
        bodies.append({o.file_name: zipfile.ZipFile(tmp_path / f"out{jobs}" / o.file_name).read("word/document.xml")
                       for o in result.outcomes})
    assert bodies[0] == bodies[1]
