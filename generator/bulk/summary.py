"""The reports of a bulk run in OUTDIR: 汇总.xlsx (one row per bureau plus totals) and errors.csv.

汇总.xlsx holds plain values, no formulas: a formula has no cached result until Excel saves the file,
and programs reading it (openpyxl, pandas, this tool) would see empty cells. Text from the data that looks
like a formula (a bureau named ``=HYPERLINK(…)``) stays text in both files, so opening them runs nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

from ..display import field_text, place_text
from ..errors import Place, Problem
from ..model.metrics import METRIC_CATALOGUE
from .files import write_atomic
from .models import Outcome, Status

SUMMARY_NAME = "汇总.xlsx"
ERRORS_NAME = "errors.csv"
FIXED_HEADERS = ("序号", "单位", "数据位置", "输出文件", "状态", "问题")
RATE_UNITS = ("%", "％")


def write_reports(outdir: Path, outcomes: list[Outcome], problems: list[Problem],
                  durable: bool = True) -> tuple[Path, Union[Path, None]]:
    """Write 汇总.xlsx, and errors.csv when anything failed (else remove an old one). Returns their paths.

    Without *durable* the caller makes them durable (bulk/files.flush_to_disk, with the reports)."""
    summary = outdir / SUMMARY_NAME
    write_atomic(summary, summary_bytes(outcomes), force=True, durable=durable)
    errors_path = outdir / ERRORS_NAME
    failed = any(o.failed for o in outcomes) or any(p.severity == "error" for p in problems)
    if failed:
        write_atomic(errors_path, errors_csv_bytes(outcomes, problems), force=True, durable=durable)
        return summary, errors_path
    if errors_path.is_file():
        errors_path.unlink()  # from an earlier run: it would describe failures that are gone
    return summary, None


def metric_columns(outcomes: list[Outcome]) -> list[tuple[str, str, bool]]:
    """(key, header, is rate) of every figure some bureau has, in catalogue order; 上年 after 本年."""
    present = {key for outcome in outcomes for key in outcome.metrics}
    columns = []
    for key, (label, unit) in METRIC_CATALOGUE.items():
        rate = unit in RATE_UNITS
        if key in present:
            columns.append((key, f"{label}（{unit}）", rate))
        if f"{key}.previous" in present:
            columns.append((f"{key}.previous", f"{label}上年（{unit}）", rate))
    return columns


def totals(outcomes: list[Outcome], columns: list[tuple[str, str, bool]]) -> dict[str, Decimal]:
    """Sum of each count figure over the bureaus whose data is valid; rates are not summed."""
    sums: dict[str, Decimal] = {}
    for key, _header, rate in columns:
        if rate:
            continue
        values = [o.metrics[key] for o in outcomes if key in o.metrics]
        if values:
            sums[key] = sum(values, Decimal(0))
    return sums


def summary_bytes(outcomes: list[Outcome]) -> bytes:
    """汇总.xlsx as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    columns = metric_columns(outcomes)
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(list(FIXED_HEADERS) + [header for _key, header, _rate in columns])
    failed_font = Font(color="C00000", bold=True)
    # Rows are counted here: openpyxl's max_row scans every cell, which made a sheet of failed rows quadratic.
    for number, outcome in enumerate(outcomes, start=2):
        row = [outcome.index + 1, outcome.name, place_text(outcome.place), outcome.file_name, outcome.status.value,
               outcome.error or outcome.warning]
        sheet.append([_cell_text(v) for v in row] + [_number(outcome.metrics.get(key)) for key, _header, _rate in columns])
        if outcome.failed:
            sheet.cell(row=number, column=5).font = failed_font
    ok = sum(1 for o in outcomes if o.status in (Status.ok, Status.checked))
    counted = sum(1 for o in outcomes if o.metrics)
    sums = totals(outcomes, columns)
    sheet.append(["", "合计", "", "", f"成功 {ok} / 共 {len(outcomes)}", ""]
                 + [_number(sums.get(key)) for key, _header, _rate in columns])
    total_row = len(outcomes) + 2
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append([])
    sheet.append(["", f"注：合计计入数据有效的 {counted} 个单位（数据有误的单位没有计入）；比率（%）不能相加，合计行留空。"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "C2"
    widths = {"A": 6, "B": 26, "C": 18, "D": 30, "E": 12, "F": 50}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    from openpyxl.utils import get_column_letter

    for i in range(len(FIXED_HEADERS) + 1, len(FIXED_HEADERS) + len(columns) + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 14
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes any text starting with "=" for a formula
                _as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


EXCEL_CELL_CHARS = 32_767  # Excel's limit: a longer cell makes it report the file as damaged


def _cell_text(value: Any) -> Any:
    """Text a worksheet can hold whatever a row held: control characters (which openpyxl refuses with
    IllegalCharacterError, after the reports were written) removed, clipped to Excel's cell limit."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= EXCEL_CELL_CHARS else value[: EXCEL_CELL_CHARS - 1] + "…"


def _as_text(cell: Any) -> None:
    """Keep a bureau name such as ``=HYPERLINK(…)`` text: a formula from the data must never run in Excel."""
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel shows it as typed, and editing the cell does not turn it into a formula


# Excel runs a CSV cell starting with these as a formula (CSV injection, e.g. "=cmd|' /C calc'!A0").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: str) -> str:
    """*value* with a leading apostrophe when Excel would take it for a formula (OWASP's advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: Union[Decimal, None]) -> Union[int, float, None]:
    if value is None:
        return None
    if not value.is_finite() or abs(value) >= 10**15:  # bounded when read (text/figures.py); never a crash here
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def errors_csv_bytes(outcomes: list[Outcome], problems: list[Problem]) -> bytes:
    """errors.csv: UTF-8 with BOM, so Excel on Chinese Windows opens it without garbling."""
    names = {_record_key(o.place): o.name for o in outcomes}
    placed: set[tuple[str, Union[int, None], Union[int, None]]] = set()  # bureaus with a line of their own
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["位置", "单位", "字段", "问题", "级别"])
    for problem in problems:
        key = _record_key(problem.place)
        if key not in names:
            key = _record_key(replace(problem.place, line=None))
        name = names.get(key, "")
        if name or key in names:
            placed.add(key)
        level = "错误" if problem.is_error else "警告"
        row = (place_text(problem.place), name, field_text(problem), problem.message, level)
        writer.writerow([_csv_safe(_cell_text(v)) for v in row])
    # Every bureau that failed has a line of its own, also when its only problems are BASE's (listed once,
    # at base.yaml) or it was never started: errors.csv names every row that gave no report.
    for outcome in outcomes:
        if outcome.failed and (outcome.status == Status.skipped or _record_key(outcome.place) not in placed):
            level = "未处理" if outcome.status == Status.skipped else "错误"
            row = (place_text(outcome.place), outcome.name, outcome.file_name, outcome.error or outcome.status.value,
                   level)
            writer.writerow([_csv_safe(_cell_text(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _record_key(place: Place) -> tuple[str, Union[int, None], Union[int, None]]:
    """What identifies a bureau's record in a place: its sheet row, its CSV line, or its file (folder mode).

    A problem inside a bureau's own YAML file (``分局/海珠.yaml:7:3``) matches that file's record through
    the second lookup, without its line."""
    return (place.file, place.row, place.line)
