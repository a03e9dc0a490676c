"""Issue 22: the limits of docs/limits.md, each enforced where the input is read, with a Chinese message."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hostile_files import MINIMAL

from generator.text.figures import NOT_FINITE, SCIENTIFIC, TOO_BIG, TOO_PRECISE, parse_figure

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(("typed", "expected"), [
    ("1,200", Decimal(1200)), ("１２００", Decimal(1200)), ("98.5%", Decimal("98.5")), (" 12 ", Decimal(12)),
    ("-3", Decimal(-3)), (1200, Decimal(1200)), (98.5, Decimal("98.5")), ("999999999999999", Decimal(10**15 - 1)),
    ("", None),
])
def test_sane_figures_are_read(typed: object, expected: object) -> None:
    assert parse_figure(typed) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("1e309", SCIENTIFIC), ("1e999999999", SCIENTIFIC), ("1.1e3", SCIENTIFIC), ("1E-999999999", SCIENTIFIC),
    ("1" + "0" * 100, TOO_BIG), ("7" * 5000, TOO_BIG), ("1000000000000000", TOO_BIG), (10**5000, TOO_BIG),
    (1e300, TOO_BIG), (Decimal("1e999999999"), TOO_BIG),
    ("NaN", NOT_FINITE), ("Infinity", NOT_FINITE), ("-inf", NOT_FINITE), (float("nan"), NOT_FINITE),
    (float("inf"), NOT_FINITE), (Decimal("NaN"), NOT_FINITE), ("0.1234567", TOO_PRECISE),
], ids=lambda value: repr(value)[:20] if not isinstance(value, int) else "int")
def test_insane_figures_are_refused_in_chinese(typed: object, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message[:6]):
        parse_figure(typed)


def test_a_refused_figure_is_placed_in_the_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL_TEXT.replace("{value: 1200, previous: 1100}", "{value: 1e309, previous: NaN}"),
                    encoding="utf-8")
    code, _out, err = cli("check", path)
    assert code == 1
    line = next(n for n, text in enumerate(MINIMAL_TEXT.splitlines(), 1) if "penalty_decisions" in text)
    assert f"{path}:{line}:" in err and "metrics.penalty_decisions.value 不支持科学计数法" in err, err
    assert "metrics.penalty_decisions.previous 应为一个具体的数字" in err, err


def test_bulk_cells_are_bounded(tmp_path: Path) -> None:
    """Numbers of real .xlsx cells (floats up to 1e308, ints openpyxl reads from long digit strings)."""
    from openpyxl import Workbook

    from generator.bulk.columns import coerce
    from generator.bulk.sheets import read_xlsx

    book = Workbook()
    sheet = book.active
    sheet.append(["机关全称", "行政处罚决定"])
    sheet.append(["甲分局", 1e300])
    sheet.append(["乙分局", 12])
    path = tmp_path / "d.xlsx"
    book.save(path)
    records = read_xlsx(path).records
    assert [p.message for p in records[0].problems] == [TOO_BIG]
    assert records[0].problems[0].field == "行政处罚决定"
    assert records[1].values["metrics.penalty_decisions.value"] == 12
    assert coerce(10**5000, "text") == (None, TOO_BIG)
    assert coerce(float("nan"), "number") == (None, NOT_FINITE)


# ---------------------------------------------------------------- files


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    from generator.errors import DataError
    from generator.load.files import read_limited

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # no writer: open() without O_NONBLOCK would block forever
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero, Path("/dev/urandom")):
        with pytest.raises(DataError) as caught:
            read_limited(path, 1024)
        assert "不是普通文件" in caught.value.problems[0].message
        assert caught.value.problems[0].place.file == str(path)
    with pytest.raises(DataError) as caught:
        read_limited(tmp_path, 1024)
    assert "文件夹" in caught.value.problems[0].message


def test_size_is_counted_on_the_bytes_read(tmp_path: Path) -> None:
    from generator.errors import DataError
    from generator.load.files import read_limited

    path = tmp_path / "r.yaml"
    path.write_bytes(b"x" * 2049)
    assert read_limited(path, 4096) == b"x" * 2049
    with pytest.raises(DataError) as caught:
        read_limited(path, 2048)
    assert caught.value.message == "文件过大" and "超过 2 KB" in caught.value.problems[0].message


def test_yaml_aliases_are_counted_in_characters(tmp_path: Path) -> None:
    """One anchored 10,000-character string and 5,000 aliases: 50 million characters once expanded."""
    from generator.errors import DataError
    from generator.load.yaml_file import MAX_DOCUMENT_CHARS, parse_yaml

    text = f"x: &a '{'甲' * 10_000}'\ny: [{', '.join(['*a'] * 5000)}]\n"
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "a.yaml")
    problem = caught.value.problems[0]
    assert f"{MAX_DOCUMENT_CHARS:,} 字" in problem.message
    assert problem.path[0] == "y" and problem.place.line == 1  # an alias is placed at its anchor


def test_one_field_too_long_is_refused_at_its_place(tmp_path: Path) -> None:
    from generator.errors import DataError
    from generator.load.yaml_file import MAX_FIELD_CHARS, parse_yaml

    with pytest.raises(DataError) as caught:
        parse_yaml(f"year: 2025\nopening: '{'一' * (MAX_FIELD_CHARS + 1)}'\n", "r.yaml")
    problem = caught.value.problems[0]
    assert (problem.place.line, problem.place.column, problem.path) == (2, 10, ("opening",))
    assert f"{MAX_FIELD_CHARS + 1:,} 个字" in problem.message


# ---------------------------------------------------------------- rows and paragraphs


def test_csv_rows_over_the_limit_are_refused_naming_the_row(tmp_path: Path) -> None:
    from generator.bulk.sheets import MAX_ROWS, read_csv
    from generator.errors import DataError

    path = tmp_path / "d.csv"
    path.write_text("各单位数据\n\n机关全称,简称\n" + "".join(f"分局{i},局{i}\n" for i in range(MAX_ROWS + 5)),
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_csv(path)
    assert caught.value.problems[0].place.line == 4 + MAX_ROWS  # title, blank, header, then MAX_ROWS rows
    path.write_text("机关全称,简称\n" + "".join(f"分局{i},局{i}\n" for i in range(MAX_ROWS)), encoding="utf-8")
    assert len(read_csv(path).records) == MAX_ROWS


def test_xlsx_rows_over_the_limit_are_refused_not_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    from generator.bulk import sheets
    from generator.errors import DataError

    monkeypatch.setattr(sheets, "MAX_ROWS", 40)  # the logic, not openpyxl's speed, is under test
    book = Workbook()
    sheet = book.active
    sheet.append(["机关全称", "简称"])
    for i in range(400):
        sheet.append([f"分局{i}", f"局{i}"])
    path = tmp_path / "d.xlsx"
    book.save(path)
    with pytest.raises(DataError) as caught:
        sheets.read_xlsx(path)
    assert caught.value.problems[0].place.row == 42  # the header, 40 bureaus, then the first one left out
    assert "40 个单位" in caught.value.problems[0].message


def test_import_with_too_many_paragraphs_is_refused(tmp_path: Path) -> None:
    from generator.errors import DataError
    from generator.importer.sources import MAX_PARAGRAPHS, read_source

    path = tmp_path / "old.txt"
    path.write_text("\n\n".join(f"第{i}段依法行政。" for i in range(MAX_PARAGRAPHS + 1)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert f"第 {2 * MAX_PARAGRAPHS + 1} 段" in caught.value.problems[0].message


# ---------------------------------------------------------------- bulk reports and names


def test_bulk_reports_are_written_whatever_a_row_holds(tmp_path: Path) -> None:
    """A control character in a bureau name and a cell over Excel's limit: 汇总.xlsx and errors.csv still written."""
    from decimal import Decimal as D

    from openpyxl import load_workbook

    from generator.bulk.models import Outcome, Status
    from generator.bulk.summary import EXCEL_CELL_CHARS, write_reports
    from generator.errors import Place, Problem

    outcomes = [
        Outcome(index=0, place=Place("d.csv", 2), name="甲\x01分局", file_name="甲分局.docx", status=Status.failed,
                error="错" * 40_000, metrics={"penalty_decisions": D(10) ** 14}),
        Outcome(index=1, place=Place("d.csv", 3), name="乙分局", file_name="乙分局.docx", status=Status.ok,
                metrics={"penalty_decisions": D(12)}),
    ]
    summary, errors = write_reports(tmp_path, outcomes, [Problem("含\x02控制字符", Place("d.csv", 2))])
    sheet = load_workbook(summary).active
    assert sheet["B2"].value == "甲分局" and len(sheet["F2"].value) == EXCEL_CELL_CHARS
    assert sheet["G4"].value == 10**14 + 12  # the total of both bureaus
    assert errors is not None and "含控制字符" in errors.read_text(encoding="utf-8-sig")


def test_bulk_file_names_fit_in_255_bytes() -> None:
    from generator.bulk.names import NameAllocator

    name = NameAllocator().allocate("𠀀" * 79 + "分局", ".docx")
    assert len(name.encode("utf-8")) <= 255 - len("_10000") and name.endswith(".docx")


# ---------------------------------------------------------------- generated figures


def _figure_texts():
    from hypothesis import strategies as st

    digits = st.text("0123456789", min_size=1, max_size=6000)
    return st.one_of(
        st.text(max_size=60),
        digits,
        st.builds(lambda m, e: f"{m}e{e}", digits.map(lambda d: d[:30]), st.integers(-10**12, 10**12)),
        st.sampled_from(["NaN", "nan", "Infinity", "-inf", "+Inf", "1e309", "１２００", "12.5%", "-0", "0.0000001"]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**5000), max_value=10**5000),
    )


def test_any_figure_is_read_or_refused_in_chinese() -> None:
    """Huge, scientific, NaN, surrogate and digit-flood figures: a bounded Decimal or a Chinese ValueError."""
    from hypothesis import given, settings

    @settings(max_examples=300, deadline=1000, database=None)
    @given(_figure_texts())
    def check(value: object) -> None:
        try:
            number = parse_figure(value)
        except ValueError as exc:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc)), exc
            return
        if isinstance(number, Decimal):
            assert number.is_finite() and abs(number) < Decimal(10) ** 15

    check()
