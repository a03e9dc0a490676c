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
