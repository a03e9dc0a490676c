"""Issue 22: the limits of docs/limits.md, each enforced where the input is read, with a Chinese message."""

from __future__ import annotations

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
