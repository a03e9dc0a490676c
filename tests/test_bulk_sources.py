"""Reading DATA for ``fzbg bulk``: headers and aliases, Excel realities, CSV encodings, the folder mode."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.bulk.columns import coerce, display, resolve_header
from generator.bulk.sources import read_source
from generator.display import field_text, place_text, problem_text
from generator.errors import DataError, UsageError


def write_xlsx(path: Path, rows: list[list], setup=None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if setup:
        setup(sheet)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("header", "path"),
    [
        ("机关全称", "agency.name"),
        (" 机关 全称\u3000", "agency.name"),
        ("单位名称", "agency.name"),
        ("发文字号", "document.number"),
        ("签发人", "document.signer"),
        ("agency.name", "agency.name"),
        ("ａｇｅｎｃｙ．ｎａｍｅ", "agency.name"),
        ("metrics.penalty_decisions", "metrics.penalty_decisions.value"),
        ("行政处罚决定", "metrics.penalty_decisions.value"),
        ("行政处罚决定（宗）", "metrics.penalty_decisions.value"),
        ("行政处罚决定(上年)", "metrics.penalty_decisions.previous"),
        ("上年行政处罚决定", "metrics.penalty_decisions.previous"),
        ("党委会中心组学法", "metrics.party_law_study_sessions.value"),
    ],
)
def test_header_names_and_aliases(header: str, path: str) -> None:
    """Verify YAML paths, Chinese aliases, units in brackets and stray spaces all find the field."""
    column, problem = resolve_header(header, "A")
    assert problem is None
    assert column.path == path


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("agency.nmae", "您是否想写“agency.name”"),
        ("parts", "不能放在一个单元格里"),
        ("opening.0", "列表中的某一项"),
        ("agency", "请写到具体字段"),
    ],
)
def test_bad_path_headers_are_explained(header: str, expected: str) -> None:
    """Verify a header that looks like a path but is wrong gets a Chinese reason."""
    _column, problem = resolve_header(header, "A")
    assert problem is not None and expected in problem


def test_unknown_header_is_a_placeholder_variable() -> None:
    """Verify a header that is no field becomes a name usable as {{ 辖区 }}."""
    column, problem = resolve_header("辖区", "C")
    assert problem is None and column.path is None and column.variable == "辖区"


def test_cell_values_are_coerced_by_column_kind() -> None:
    """Verify numbers, percentages, dates, lists and text with leading zeros."""
    assert coerce(1200.0, "number") == (1200, None)
    assert coerce(0.985, "number", "0.0%") == (Decimal("98.5"), None)
    assert coerce("1,200", "number") == ("1,200", None)  # the model reads it
    assert coerce(dt.datetime(2026, 1, 15), "number")[1] is not None  # a date in a number column
    assert coerce(dt.datetime(2026, 1, 15), "date") == (dt.date(2026, 1, 15), None)
    assert coerce(46037, "date") == (dt.date(2026, 1, 15), None)  # an Excel serial formatted as General
    assert coerce("市检察院、市司法局", "list") == (["市检察院", "市司法局"], None)
    assert coerce("0101", "text") == ("0101", None)
    assert coerce(101, "text", "0000") == ("0101", None)
    assert coerce("  ", "text") == (None, None)
    assert coerce("否", "bool") == (False, None)
    assert display(dt.date(2026, 1, 15)) == "2026年1月15日"
    assert display(Decimal("98.50")) == "98.5"


def test_xlsx_excel_realities(tmp_path: Path) -> None:
    """Verify title row, stray header spaces, merged cells, dates, percents, zeros and trailing empty rows."""

    def setup(sheet) -> None:
        sheet.merge_cells("A1:F1")  # a title over the header
        sheet.merge_cells("E3:E4")  # one 上级机关 typed for two bureaus
        sheet["F3"].number_format = "0.0%"
        for row in range(5, 12):  # trailing rows that are formatted but empty
            sheet.cell(row=row, column=1).number_format = "@"

    path = write_xlsx(tmp_path / "b.xlsx", [
        ["江州市各分局数据"],
        [" 机关全称 ", "简称", "发文字号", "成文日期", "上级机关", "负责人出庭应诉率", "编码"],
        ["甲分局", "甲", "甲公报字〔2026〕1号", dt.datetime(2026, 1, 15), "江州市公安局", 0.985, "0101"],
        ["乙分局", "乙", "乙公报字〔2026〕2号", dt.datetime(2026, 1, 16), None, 1, "0102"],
        [None, None, None],
        [],
    ], setup)
    source = read_source(path)
    assert place_text(source.header_place) == "b.xlsx!2"
    assert [place_text(r.place) for r in source.records] == ["b.xlsx!3", "b.xlsx!4"]
    first, second = source.records
    assert first.values["agency.name"] == "甲分局"
    assert first.values["document.date"] == dt.date(2026, 1, 15)
    assert first.values["metrics.court_appearance_rate.value"] == Decimal("98.5")
    assert second.values["agency.superior"] == "江州市公安局"  # from the merged cell
    assert first.variables["编码"] == "0101"
    assert first.headers["agency.name"] == "机关全称"


def test_xlsx_formula_cells(tmp_path: Path) -> None:
    """Verify cached formula results are used, and a formula without one is a clear per-row error."""
    import zipfile

    path = write_xlsx(tmp_path / "f.xlsx", [
        ["机关全称", "行政处罚决定", "行政许可决定"],
        ["甲分局", "=100+20", 5],
    ])
    source = read_source(path)  # openpyxl saved no cached value: as a generator program would
    problems = source.records[0].problems
    assert len(problems) == 1
    assert place_text(problems[0].place) == "f.xlsx!2" and field_text(problems[0]) == "行政处罚决定"
    assert "没有保存计算结果" in problems[0].message

    # The same file as Excel saves it: the formula with its cached value <v>120</v>.
    patched = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>100+20</f><v></v>", b"<f>100+20</f><v>120</v>")
                data = data.replace(b"<f>100+20</f><v />", b"<f>100+20</f><v>120</v>")
            dst.writestr(item, data)
    source = read_source(patched)
    assert source.records[0].problems == []
    assert source.records[0].values["metrics.penalty_decisions.value"] == 120


def test_xlsx_merged_across_columns_is_refused(tmp_path: Path) -> None:
    """Verify a data cell merged over two columns is an error naming the range."""
    path = write_xlsx(tmp_path / "m.xlsx", [
        ["机关全称", "简称", "签发人"],
        ["甲分局", "甲", None],
    ], lambda s: s.merge_cells("B2:C2"))
    problems = read_source(path).records[0].problems
    assert any("B2:C2" in p.message and "合并了多列" in p.message for p in problems)


def test_xlsx_header_errors_stop_before_any_work(tmp_path: Path) -> None:
    """Verify an unknown path and a duplicate column are reported once, at the header row."""
    path = write_xlsx(tmp_path / "h.xlsx", [
        ["机关全称", "agency.nmae", "单位名称"],
        ["甲分局", "x", "甲"],
    ])
    with pytest.raises(DataError) as caught:
        read_source(path)
    messages = [problem_text(p) for p in caught.value.problems]
    assert any("h.xlsx!1" in m and "agency.name" in m for m in messages)
    assert any("单位名称" in m and "同一字段" in m for m in messages)


def test_csv_gbk_as_excel_writes_it(tmp_path: Path) -> None:
    """Verify a GBK CSV (Excel on Chinese Windows) is read, with a note, and places are file:line."""
    text = "机关全称,发文字号,行政处罚决定\r\n甲分局,甲公报字〔2026〕1号,1200\r\n\r\n乙分局,乙公报字〔2026〕2号,\"1,300\"\r\n"
    path = tmp_path / "b.csv"
    path.write_bytes(text.encode("gbk"))
    source = read_source(path)
    assert [place_text(r.place) for r in source.records] == ["b.csv:2", "b.csv:4"]
    assert source.records[0].values == {
        "agency.name": "甲分局", "document.number": "甲公报字〔2026〕1号", "metrics.penalty_decisions.value": "1200"}
    assert source.records[1].values["metrics.penalty_decisions.value"] == "1,300"
    assert any("GBK" in w.message for w in source.warnings)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_utf8_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    """Verify UTF-8 CSV with or without BOM: the BOM does not stick to the first header."""
    path = tmp_path / "b.csv"
    path.write_text("机关全称;编码\n甲分局;007\n", encoding=encoding)
    record = read_source(path).records[0]
    assert record.values == {"agency.name": "甲分局"} and record.variables == {"编码": "007"}


def test_folder_mode_reads_each_yaml(tmp_path: Path) -> None:
    """Verify each YAML is one bureau in natural order; vars are placeholders; broken files fail alone."""
    folder = tmp_path / "分局"
    folder.mkdir()
    (folder / "10-乙.yaml").write_text("agency:\n  name: 乙分局\n", encoding="utf-8")
    (folder / "2-甲.yaml").write_text("agency:\n  name: 甲分局\nvars:\n  辖区: 老城区\n", encoding="utf-8")
    (folder / "3-坏.yaml").write_text("agency: [\n", encoding="utf-8")
    (folder / "_说明.yaml").write_text("ignored: true\n", encoding="utf-8")
    source = read_source(folder)
    assert [place_text(r.place) for r in source.records] == ["分局/2-甲.yaml", "分局/3-坏.yaml", "分局/10-乙.yaml"]
    first, broken, _ = source.records
    assert first.overlay == {"agency": {"name": "甲分局"}} and first.variables == {"辖区": "老城区"}
    assert place_text(first.places["agency.name"]) == "分局/2-甲.yaml:2:9"
    assert broken.problems and place_text(broken.problems[0].place).startswith("分局/3-坏.yaml:")


def test_unsupported_data_files(tmp_path: Path) -> None:
    """Verify .xls and missing files get Chinese messages."""
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UsageError, match="另存为"):
        read_source(tmp_path / "old.xls")
    with pytest.raises(DataError, match="找不到"):
        read_source(tmp_path / "none.xlsx")


def test_values_without_a_header_are_one_warning(tmp_path: Path) -> None:
    """Verify a column with values but no header is reported once, not once per row."""
    path = write_xlsx(tmp_path / "n.xlsx", [
        ["机关全称", None, "简称"],
        ["甲分局", "备注1", "甲"],
        ["乙分局", "备注2", "乙"],
    ])
    source = read_source(path)
    assert [(place_text(w.place), field_text(w)) for w in source.warnings] == [("n.xlsx!1", "B列")]
    assert all(r.problems == [] for r in source.records)


def test_huge_csv_is_refused_before_reading(tmp_path: Path) -> None:
    """Verify a CSV over the size limit is refused with the file named, not parsed."""
    from generator.bulk import sheets

    path = tmp_path / "各单位.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("机关全称,简称\n")
        handle.write("江州市公安局青山分局,青山分局\n" * (sheets.MAX_CSV_BYTES // 40 + 1000))
    assert path.stat().st_size > sheets.MAX_CSV_BYTES
    with pytest.raises(DataError) as info:
        read_source(path)
    assert info.value.message == "数据文件过大" and place_text(info.value.problems[0].place) == str(path)
