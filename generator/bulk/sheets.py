"""Tables → records: the header row, then one record per non-empty row, each with its place.

``read_xlsx`` handles what real Excel files contain: title rows above the header, merged cells,
formula cells (their cached values; a clear message when a program saved none), percentages stored as
fractions, trailing empty rows. ``read_csv`` reads UTF-8, UTF-8 with BOM and GBK (Excel on Chinese Windows).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Union

from ..errors import WARNING, DataError, Place, Problem
from ..load.encoding import decode_text
from ..load.files import read_limited
from ..load.safezip import EXCEL, check_package
from .columns import coerce, resolve_header
from .models import Column, Source, SourceRecord

HEADER_SCAN_ROWS = 10  # title rows allowed above the header
MAX_ROWS = 10_000
MAX_CSV_BYTES = 20 * 1024 * 1024
_ERROR_VALUES = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}


class Cell:
    """A cell as the reader sees it: value, number format, and what went wrong reading it."""

    __slots__ = ("value", "number_format", "problem")

    def __init__(self, value: Any, number_format: str = "General", problem: str = "") -> None:
        self.value = value
        self.number_format = number_format
        self.problem = problem


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def read_csv(path: Path) -> Source:
    """Read a CSV file (comma, semicolon or tab separated) into records placed as ``name:line``."""
    name = path.name
    # 10,000 rows of a few hundred bytes each is far below MAX_CSV_BYTES
    raw = read_limited(path, MAX_CSV_BYTES, what="各单位数据表", title="无法读取数据文件", big_title="数据文件过大")
    text, notes = decode_text(raw, name)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=lambda d: (first_line.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    line = 1
    filled = 0
    beyond = Tail()
    try:
        for row in reader:
            here, line = line, reader.line_num + 1
            if filled > MAX_ROWS + HEADER_SCAN_ROWS:  # enough kept for _records to name the first row over
                if any(value.strip() for value in row):  # the rest only counted, for the refusal to name them
                    beyond.add(here)
                continue
            rows.append((here, [Cell(value) for value in row]))
            filled += any(value.strip() for value in row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own bound on one cell
            message = f"单元格内容过长（超过 {csv.field_size_limit():,} 字），不像是一个单位的数据"
        else:
            message = f"无法解析：{exc}"
        raise DataError("CSV 文件格式有误", [Problem(message, Place(name, reader.line_num))]) from None
    source = _records("csv", name, rows, lambda line_no: Place(name, line_no), lambda i: f"第{i}", beyond)
    source.warnings = [Problem(note, Place(name), severity=WARNING) for note in notes] + source.warnings
    return source


def read_xlsx(path: Path) -> Source:
    """Read the first worksheet of an .xlsx file into records placed as ``name!row``, in one streaming pass."""
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    # Read once, as bytes: regular files only, size counted on the bytes read; the package is checked
    # (bombs, DTDs) and opened from memory, so a path swapped meanwhile changes nothing.
    data = read_limited(path, EXCEL.max_file, what="各单位数据表（.xlsx）", title="无法读取数据文件", name=name,
                        big_title="数据文件过大")
    beyond = Tail()
    try:
        check_package(data, name, EXCEL, "无法读取数据文件")  # bombs and DTDs (XXE) before openpyxl parses it
        rows = _xlsx_rows(data, beyond)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise DataError("无法读取数据文件", [Problem(EXCEL.not_zip, Place(name))]) from None
    return _records("xlsx", name, rows, lambda row_no: Place(name, row=row_no), _letter, beyond)


class Tail:
    """The non-empty rows after the ones kept, counted (not kept) so that a refusal can name them all."""

    __slots__ = ("count", "last", "complete")

    def __init__(self) -> None:
        self.count = 0
        self.last = 0  # row (line) number of the last one
        self.complete = True  # False when counting stopped at TAIL_COUNTED

    def add(self, number: int) -> None:
        self.count += 1
        self.last = number


TAIL_COUNTED = 10 * MAX_ROWS  # rows counted past the limit of an .xlsx (openpyxl's streaming mode is slow)


def too_many_rows(place: Place, total: int, last: int, complete: bool = True) -> DataError:
    """The refusal of a table with more bureaus than one run takes, naming the rows it would have dropped:
    from *place* (the first row over the limit) to row *last*; *total* bureaus in all (at least, unless
    *complete*)."""
    dropped = total - MAX_ROWS
    many = f"{total:,}" if complete else f"至少 {total:,}"
    rows = f"从这一行到第 {last:,} 行的 {dropped:,} 个单位" if complete else f"从这一行起至少 {dropped:,} 个单位"
    return DataError("数据表行数过多", [Problem(
        f"表中有 {many} 个单位（数据行），超过了每次最多 {MAX_ROWS:,} 个单位的上限（docs/limits.md）；"
        f"只生成一部分会悄悄漏掉{rows}，所以整张表都没有处理。请把表格拆成几个文件分批生成", place)])


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FORMULA, _ROW, _MERGED, _INLINE, _TEXT = (_MAIN + tag for tag in ("f", "row", "mergeCell", "is", "t"))


def _xlsx_rows(data: bytes, beyond: Tail) -> list[tuple[int, list[Cell]]]:
    """The rows of the first worksheet, each as wide as the widest, read in one streaming pass of openpyxl's
    worksheet parser (the one behind both its read-only and its full mode: the same values, dates and shared
    strings): the cached value of every formula and whether it is one, number formats from the styles, merged
    ranges from the end of the sheet. The sheet used to be parsed two or three times (a streaming pass, a full
    load, a full load of the cached values): ~10 s of 13 for 10,000 rows. Rows past the ones a run takes are
    only counted in *beyond*, up to TAIL_COUNTED of them."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.xml.functions import iterparse  # the parser openpyxl itself uses (defusedxml when installed)

    class Parser(WorkSheetParser):  # type: ignore[misc]  # openpyxl ships no types
        def parse_cell(self, element: Any) -> dict[str, Any]:
            inline = element.find(_INLINE) if element.get("t") == "inlineStr" else None
            if inline is not None and len(inline) == 1 and inline[0].tag == _TEXT:
                # Plain text typed in the cell (what openpyxl and many exporters write): its one <t>, the
                # content openpyxl's Text.from_tree gives, without building the rich-text objects (a third of
                # the parse when every text cell is inline).
                cell = self.place(element, inline[0].text or "")
            else:
                cell = super().parse_cell(element)
            cell["formula"] = element.find(_FORMULA) is not None  # data_only gives the cached value, not this
            return cell

        def place(self, element: Any, value: str) -> dict[str, Any]:
            """A text cell as WorkSheetParser.parse_cell returns it (row, column, style, counters kept)."""
            coordinate, style = element.get("r"), element.get("s", 0)
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": int(style) if style else 0}

        def rows(self) -> Iterable[tuple[int, list[dict[str, Any]]]]:
            """The rows, as WorkSheetParser.parse yields them, and the merged ranges in ``merged``; the other
            parts of the sheet (validations, formatting, views: a third of parse's time) are not built."""
            self.merged: list[str] = []
            for _event, element in iterparse(self.source):
                if element.tag == _ROW:
                    row = self.parse_row(element)
                    element.clear()
                    yield row
                elif element.tag == _MERGED:
                    self.merged.append(element.get("ref"))

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        grid: dict[int, dict[int, dict[str, Any]]] = {}
        filled = 0
        last = 0  # the last row with a value of its own (as the streaming pass saw it: not a merge, not a formula with no result)
        with sheet._get_source() as source:  # set up as ReadOnlyWorksheet._cells_by_row does
            parser = Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                            date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            for number, cells in parser.rows():
                own = any(not _blank(cell["value"]) for cell in cells)
                if filled > MAX_ROWS + HEADER_SCAN_ROWS:  # enough kept for _records to name the first row over
                    if own:
                        beyond.add(number)
                        if beyond.count > TAIL_COUNTED:
                            beyond.complete = False
                            break
                    continue
                grid[number] = {cell["column"]: cell for cell in cells}
                filled += own or any(cell["formula"] for cell in cells)
                last = number if own else last
        ranges = [CellRange(ref) for ref in parser.merged]
        formats = _NumberFormats(sheet)

        def cell_at(row: int, column: int) -> Cell:
            cell = grid.get(row, {}).get(column)
            return Cell(None) if cell is None else _cell(cell, formats)

        merged = _merged_values(ranges, cell_at)
        for cells in ranges:  # rows a range covers, also where the file has no cells
            for row in range(cells.min_row, min(cells.max_row, last) + 1):
                grid.setdefault(row, {})
        width = max([column for cells in grid.values() for column in cells] + [r.max_col for r in ranges] + [1])
        return [(number, [merged.get((number, column)) or cell_at(number, column) for column in range(1, width + 1)])
                for number in sorted(grid) if number <= last]
    finally:
        book.close()


class _NumberFormats:
    """Number format of each style id, looked up once (a percentage or a date format changes what a value means)."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.known: dict[int, str] = {}

    def __getitem__(self, style: int) -> str:
        if style not in self.known:
            from openpyxl.cell.read_only import ReadOnlyCell

            self.known[style] = ReadOnlyCell(self.sheet, 1, 1, None, style_id=style).number_format or "General"
        return self.known[style]


def _cell(found: dict[str, Any], formats: _NumberFormats) -> Cell:
    value = found["value"]
    if (found["formula"] and value is None) or (isinstance(value, str) and value in _ERROR_VALUES):
        where = f"{_letter(found['column'])}{found['row']}"
    if found["formula"] and value is None:
        return Cell(None, problem=f"单元格 {where} 是公式，但文件里没有保存计算结果"
                                  "（通常是用其他程序生成后未在 Excel 中保存过）；请用 Excel 打开并保存一次，或直接填写数值")
    if isinstance(value, str) and value in _ERROR_VALUES:
        return Cell(None, problem=f"单元格 {where} 的公式计算出错（{value}），请改正")
    return Cell(value, formats[found["style_id"]])


def _merged_values(ranges: list[Any], cell_at: Callable[[int, int], Cell]) -> dict[tuple[int, int], Cell]:
    """Cells covered by a merged range: a one-column range repeats its top value down the column."""
    out: dict[tuple[int, int], Cell] = {}
    for cells in ranges:
        top = cell_at(cells.min_row, cells.min_col)
        wide = cells.max_col > cells.min_col
        for row in range(cells.min_row, cells.max_row + 1):
            for col in range(cells.min_col, cells.max_col + 1):
                if (row, col) == (cells.min_row, cells.min_col):
                    continue
                if wide:
                    problem = f"单元格 {cells.coord} 合并了多列，无法判断属于哪一列；请取消合并后分别填写"
                    out[(row, col)] = Cell(None, problem=problem)
                else:
                    out[(row, col)] = top
    return out


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(int(index))
    return letter


def _records(kind: str, name: str, rows: list[tuple[int, list[Cell]]], place: Callable[[int], Place],
             letter: Callable[[int], str], beyond: Union[Tail, None] = None) -> Source:
    rows = [(number, cells) for number, cells in rows if any(not _blank(c.value) or c.problem for c in cells)]
    if not rows:
        raise DataError("数据文件是空的", [Problem("没有找到表头和数据行", Place(name))])
    header_at = _header_row(rows)
    header_no, header_cells = rows[header_at]
    columns, problems, warnings = _columns(header_cells, place(header_no), letter)
    if problems:
        raise DataError("数据文件的表头有误，请先改正", problems)
    records: list[SourceRecord] = []
    data_rows = len(rows) - header_at - 1 + (beyond.count if beyond else 0)
    if data_rows > MAX_ROWS:  # never a silent drop: the refusal names the rows left out
        last = beyond.last if beyond and beyond.count else rows[-1][0]
        complete = beyond.complete if beyond else True
        raise too_many_rows(place(rows[header_at + 1 + MAX_ROWS][0]), data_rows, last, complete)
    for number, cells in rows[header_at + 1 :]:
        records.append(_record(len(records), place(number), columns, cells))
    width = max(len(cells) for _number, cells in rows)
    columns += [None] * (width - len(columns))  # cells right of the last header
    for i, column in enumerate(columns):
        if column is None and any(i < len(c) and not _blank(c[i].value) for _n, c in rows[header_at + 1 :]):
            warnings.append(Problem("有内容但没有表头，已忽略；请补上表头或删除", place(header_no), field=f"{letter(i + 1)}列", severity=WARNING))
    if not records:
        raise DataError("数据文件中没有数据行", [Problem("表头下面没有任何单位的数据", place(header_no))])
    return Source(kind=kind, name=name, header_place=place(header_no),
                  columns=[c for c in columns if c is not None], records=records, warnings=warnings)


def _header_row(rows: list[tuple[int, list[Cell]]]) -> int:
    """Index of the header: the first row naming a known field (title rows may sit above it)."""
    for i, (_number, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(isinstance(c.value, str) and resolve_header(c.value, "")[0].path for c in cells):
            return i
    return 0


def _columns(cells: list[Cell], place: Place, letter: Callable[[int], str]) -> tuple[list[Column | None], list[Problem], list[Problem]]:
    columns: list[Column | None] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells, start=1):
        if _blank(cell.value):
            columns.append(None)
            continue
        header = str(cell.value)
        column, problem = resolve_header(header, letter(i))
        where = f"{letter(i)}列“{column.header}”"
        if problem:
            problems.append(Problem(problem, place, field=where))
        elif column.path and column.path in seen:
            problems.append(Problem(f"与 {seen[column.path]} 对应同一字段 {column.path}，请只保留一列", place, field=where))
        elif column.path:
            seen[column.path] = where
        columns.append(column)
    return columns, problems, warnings


def _record(index: int, place: Place, columns: list[Column | None], cells: list[Cell]) -> SourceRecord:
    record = SourceRecord(index=index, place=place)
    for i, cell in enumerate(cells):
        column: Column | None = columns[i] if i < len(columns) else None
        if cell.problem:
            field = column.header if column else ""
            record.problems.append(Problem(cell.problem, place, field=field))
            continue
        if column is None:
            continue  # warned once for the whole column
        if column.path is None:
            if column.variable and not _blank(cell.value):
                record.variables[column.variable] = coerce(cell.value, "text", cell.number_format)[0]
            elif column.variable:
                record.empty_columns.append(column.variable)
            continue
        record.headers[column.path] = column.header
        value, problem = coerce(cell.value, column.kind, cell.number_format)
        if problem:
            record.problems.append(Problem(problem, place, field=column.header))
        elif value is None:
            record.empty_columns.append(column.variable or column.header)
        else:
            record.values[column.path] = value
    return record
