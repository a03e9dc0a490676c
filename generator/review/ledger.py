"""The 台账 (openpyxl): one row per file, the city totals, and who is expected but has not sent.

The 备注 column is the reviewers' own: a re-run reads the old 台账 first and keeps each file's 备注 (matched by
file name), so the workbook can be updated in place as late reports arrive. Rates are never summed: a
city's 出庭应诉率 is not the sum or the mean of its units' rates, and the figures to recompute it (cases and
appearances) are not in every report, so the totals sheet gives the range and says so.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Union

from ..errors import DataError, Place, Problem
from ..model.metrics import METRIC_CATALOGUE
from .model import MUST, SHOULD, Submission

SHEET_ROWS = "台账"
SHEET_TOTALS = "全市汇总"
SHEET_MISSING = "未报送单位"
NOTE = "备注"
FILE = "文件"
FIGURES = ("penalty_decisions", "licensing_decisions", "inspections", "reconsideration_cases",
           "reconsideration_corrected", "litigation_cases", "litigation_lost", "court_appearance_rate",
           "state_compensation_paid", "normative_documents", "enforcement_training")
KINDS = {"docx": "Word", "doc": "Word 97-2003", "wps": "WPS", "txt": "文本", "yaml": "fzbg 数据", "other": "其他"}


def figure_header(key: str) -> str:
    label, unit = METRIC_CATALOGUE[key]
    return f"{label}（{unit}）"


HEADERS = ("序号", "单位", FILE, "类型", "成文日期", "收到时间", "按时", "五项", "错误", "警告",
           *(figure_header(k) for k in FIGURES), "最相似单位", "相同句子占比", "与本单位上年相同", "状态", "问题摘要", NOTE)


def old_notes(path: Path) -> dict[str, str]:
    """The 备注 of each file in an existing 台账 at *path* ({} when there is none)."""
    if not path.is_file():
        return {}
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a 台账 that no longer opens is reported, not overwritten
        raise DataError("无法读取已有的台账", [Problem("文件已损坏或不是 .xlsx：请改名保存后重新运行，以免丢失备注",
                                                Place(str(path)))]) from None
    try:
        if SHEET_ROWS not in workbook.sheetnames:
            return {}
        rows = workbook[SHEET_ROWS].iter_rows(values_only=True)
        header = [str(v or "") for v in next(rows, ())]
        if FILE not in header or NOTE not in header:
            return {}
        file_at, note_at = header.index(FILE), header.index(NOTE)
        notes = {}
        for row in rows:
            if len(row) > max(file_at, note_at) and row[file_at] and row[note_at] not in (None, ""):
                notes[str(row[file_at])] = str(row[note_at])
        return notes
    finally:
        workbook.close()


def five_items(sub: Submission) -> str:
    if not sub.readable:
        return ""
    if not sub.missing_items:
        return "✓"
    return "缺第" + "、".join(str(n) for n in sub.missing_items) + "项"


def summary(sub: Submission) -> str:
    if not sub.readable:
        return sub.reason
    musts = [f for f in sub.findings if f.level == MUST]
    topics = list(dict.fromkeys(f.topic or f.message.split("：")[0][:16] for f in musts))
    return "；".join(topics[:6]) + ("等" if len(topics) > 6 else "")


def _number(value: Union[Decimal, None]) -> Union[int, float, None]:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def workbook_bytes(submissions: list[Submission], notes: dict[str, str], expected: list[str]) -> bytes:
    """The 台账 as .xlsx bytes."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_ROWS
    sheet.append(list(HEADERS))
    late = PatternFill("solid", fgColor="FCE4D6")
    for number, sub in enumerate(submissions, 1):
        sheet.append([
            number, sub.unit, sub.name, KINDS.get(sub.kind, sub.kind), sub.date, sub.received, sub.on_time,
            five_items(sub), sub.count(MUST) if sub.readable else None, sub.count(SHOULD) if sub.readable else None,
            *(_number(sub.figures.get(k)) for k in FIGURES),
            sub.similar_unit, round(sub.similar_share, 3) if sub.similar_unit else None,
            round(sub.last_year_share, 3) if sub.last_year_share is not None else None,
            sub.status, summary(sub), notes.get(sub.name, ""),
        ])
        if sub.on_time.startswith("否") or not sub.readable:
            for cell in sheet[sheet.max_row]:
                cell.fill = late
    share_columns = [HEADERS.index("相同句子占比") + 1, HEADERS.index("与本单位上年相同") + 1]
    for column in share_columns:
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, column).number_format = "0%"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "C2"
    widths = {"单位": 24, FILE: 30, "问题摘要": 40, NOTE: 30, "最相似单位": 22, "按时": 18, "收到时间": 17}
    for i, header in enumerate(HEADERS, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = widths.get(header, 11)
    _totals(workbook.create_sheet(SHEET_TOTALS), submissions)
    _missing(workbook.create_sheet(SHEET_MISSING), submissions, expected)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _totals(sheet: object, submissions: list[Submission]) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    read = [s for s in submissions if s.readable]
    sheet.append(["指标", "计量单位", "全市合计", "报告该项的单位数", "说明"])
    for key, (label, unit) in METRIC_CATALOGUE.items():
        values = [s.figures[key] for s in read if key in s.figures]
        if not values:
            continue
        if unit == "%":
            low, high = min(values), max(values)
            sheet.append([label, unit, None, len(values),
                          f"比率不相加：各单位在 {_number(low)}%—{_number(high)}% 之间；全市比率须按各单位的分子、分母"
                          "（如出庭次数和应诉案件数）重新计算，报告中未全部列出，故未汇总"])
        else:
            sheet.append([label, unit, _number(sum(values, Decimal(0))), len(values), "各单位报告中的数字相加"])
    sheet.append([])
    sheet.append([f"共收到 {len(submissions)} 个文件，已审查 {len(read)} 个；合计只含报告中写明数字的单位，"
                  "同一单位报送多个文件时请在台账中核对后删除重复"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (26, 10, 14, 18, 80), strict=True):
        sheet.column_dimensions[column].width = width


def _missing(sheet: object, submissions: list[Submission], expected: list[str]) -> None:
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    sheet.append(["单位", "情况"])
    if not expected:
        sheet.append(["（未提供应报送单位名单：运行时加 --expected 单位名单.xlsx/.csv/.txt）", ""])
        return
    for unit in expected:
        sender = sent_by(unit, submissions)
        if sender is None:
            sheet.append([unit, "未报送"])
        elif not sender.readable:
            sheet.append([unit, f"已报送但无法读取（{sender.name}）"])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 40


def sent_by(unit: str, submissions: list[Submission]) -> Union[Submission, None]:
    """The submission of *unit*: the same unit name, one name inside the other, or the name in the file name."""
    for sub in submissions:
        if sub.unit and (unit == sub.unit or unit in sub.unit or (len(sub.unit) >= 4 and sub.unit in unit)):
            return sub
    return next((s for s in submissions if unit in s.path.stem), None)


def read_expected(path: Path) -> list[str]:
    """The expected units: the first column (or the one headed 单位) of a .xlsx/.csv, or a .txt line each."""
    name = str(path)
    if not path.is_file():
        raise DataError("找不到应报送单位名单", [Problem("文件不存在，请检查 --expected 的路径", Place(name))])
    suffix = path.suffix.lower()
    rows: list[list[str]]
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001
            raise DataError("无法读取应报送单位名单", [Problem("不是有效的 .xlsx 文件", Place(name))]) from None
        sheet = workbook.worksheets[0]
        rows = [[str(v).strip() if v is not None else "" for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    elif suffix in (".csv", ".txt"):
        from ..load.encoding import decode_text

        text, _ = decode_text(path.read_bytes(), name)
        import csv

        rows = [[c.strip() for c in row] for row in csv.reader(text.splitlines())] if suffix == ".csv" else \
            [[line.strip()] for line in text.splitlines()]
    else:
        raise DataError("无法读取应报送单位名单", [Problem("请用 .xlsx、.csv 或 .txt（每行一个单位）", Place(name))])
    rows = [r for r in rows if any(r)]
    column = 0
    if rows and any("单位" in c for c in rows[0]):
        column = next(i for i, c in enumerate(rows[0]) if "单位" in c)
        rows = rows[1:]
    units = [r[column] for r in rows if len(r) > column and r[column]]
    if not units:
        raise DataError("应报送单位名单是空的", [Problem("没有找到任何单位名称", Place(name))])
    return list(dict.fromkeys(units))
