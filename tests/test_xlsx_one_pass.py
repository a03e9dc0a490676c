"""An .xlsx is read in one streaming pass (bulk/sheets.py) with the values openpyxl's full load gives (issue 20)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.worksheet._reader import WorkSheetParser

from generator.bulk import sheets


def varied_sheet() -> bytes:
    """What real sheets hold: a merged title, text typed inline and rich text, dates, percentages, booleans,
    error values, empty and missing cells, a one-column merge, rows with gaps between them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "各单位"
    sheet["A1"] = "2025年度各单位法治政府建设报告数据"
    sheet.merge_cells("A1:F1")
    for column, header in enumerate(["单位名称", "简称", "年度", "成文日期", "行政复议纠错率", "上级机关"], start=1):
        sheet.cell(row=3, column=column, value=header)
    sheet.append([])
    sheet["A5"], sheet["B5"], sheet["C5"] = "江州市公安局青山分局", "青山分局", 2025
    sheet["D5"] = datetime.datetime(2026, 1, 20)
    sheet["D5"].number_format = "yyyy-mm-dd"
    sheet["E5"] = 0.125
    sheet["E5"].number_format = "0.0%"
    sheet["F5"] = "江州市公安局"
    sheet.merge_cells("F5:F7")
    sheet["A6"] = CellRichText("江州市公安局", TextBlock(InlineFont(b=True), "江北分局"))
    sheet["B6"], sheet["C6"], sheet["E6"] = True, 2025.0, "#N/A"
    sheet["A7"], sheet["C7"] = "  ", "二〇二五"
    sheet["A9"], sheet["B9"] = "江州市公安局南湖分局", ""
    sheet["C9"].number_format = "@"  # a styled empty cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_values_and_formats_as_openpyxls_full_load() -> None:
    data = varied_sheet()
    rows = sheets._xlsx_rows(data, sheets.Tail())
    full = openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
    merged = {(row, col) for cells in full.merged_cells.ranges for row, col in cells.cells
              if (row, col) != (cells.min_row, cells.min_col)}
    assert [number for number, _cells in rows] == [1, 3, 5, 6, 7, 9]  # rows the sheet has, in order
    assert {len(cells) for _number, cells in rows} == {full.max_column}  # every row as wide as the sheet
    compared = 0
    for number, cells in rows:
        for column, cell in enumerate(cells, start=1):
            if (number, column) in merged:
                continue
            theirs = full.cell(row=number, column=column)
            if cell.problem:
                assert theirs.value == "#N/A"
                assert "E6" in cell.problem
                continue
            value = str(theirs.value) if isinstance(theirs.value, CellRichText) else theirs.value
            assert (cell.value, cell.number_format) == (value, theirs.number_format), (number, column)
            compared += 1
    assert compared > 20
    by_row = dict(rows)
    assert [by_row[n][5].value for n in (5, 6, 7)] == ["江州市公安局"] * 3  # the merge repeats down its column
    assert by_row[1][1].problem and "A1:F1" in by_row[1][1].problem  # a merge across columns is named


def test_sheet_parsed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[dict[str, Any]] = []
    rows_parsed = {"count": 0}
    load = openpyxl.load_workbook
    parse_row = WorkSheetParser.parse_row

    def counted_load(*args: Any, **kwargs: Any) -> Any:
        opened.append(kwargs)
        return load(*args, **kwargs)

    def counted_row(self: Any, element: Any) -> Any:
        rows_parsed["count"] += 1
        return parse_row(self, element)

    monkeypatch.setattr(openpyxl, "load_workbook", counted_load)
    monkeypatch.setattr(WorkSheetParser, "parse_row", counted_row)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位名称", "简称", "行政复议纠错率"])
    for index in range(200):
        sheet.append([f"江州市公安局第{index}分局", f"第{index}分局", "=1/8"])  # formulas: no cached value
    sheet.merge_cells("B2:B3")
    path = tmp_path / "d.xlsx"
    book.save(path)

    source = sheets.read_xlsx(path)
    assert len(source.records) == 200
    assert opened == [{"read_only": True, "data_only": True}]  # one streaming open of the workbook
    assert rows_parsed["count"] == 201  # each row of the sheet parsed once
    problems = [p.message for p in source.records[0].problems]
    assert any("C2 是公式，但文件里没有保存计算结果" in message for message in problems)
