"""``fzbg review`` on the command line: outputs, exit codes, re-runs that keep 备注, --jobs, --expected."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
import reviewfolder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "报送材料"
    reviewfolder.build(folder)
    return folder


def _ledger(path: Path) -> dict[str, dict[str, object]]:
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook["台账"].iter_rows(values_only=True))
    return {str(row[2]): dict(zip(rows[0], row, strict=False)) for row in rows[1:]}


def test_review_writes_everything_and_exits_0(cli, built: Path, tmp_path: Path) -> None:
    """Verify a folder with faulty, broken and copied reports gives exit 0, a 台账, 意见单 and annotated copies,
    progress lines for more than a handful of files, and leaves the originals untouched."""
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in built.iterdir()}
    out = tmp_path / "结果"
    code, stdout, err = cli("review", built, "-o", out, "--deadline", "2026-03-01")
    assert code == 0, err
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in built.iterdir()} == before
    assert "[1/8]" in stdout and "[8/8]" in stdout
    assert "共 8 个文件" in stdout and "无法读取 2 个" in stdout
    assert len(list((out / "意见单").glob("*.docx"))) == 7
    assert len(list((out / "批注稿").glob("*.docx"))) == 4
    assert set(_ledger(out / "台账.xlsx")) == set(before)


def test_rerun_keeps_notes_and_adds_new_files(cli, built: Path, tmp_path: Path) -> None:
    """Verify a second run updates the 台账 in place: the reviewers' 备注 stay, a late file gets its row."""
    folder = tmp_path / "报送"
    shutil.copytree(built, folder)
    out = tmp_path / "结果"
    assert cli("review", folder, "-o", out).code == 0
    ledger = out / "台账.xlsx"
    workbook = openpyxl.load_workbook(ledger)
    sheet = workbook["台账"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("文件")].value == "越秀区分局.docx":
            row[header.index("备注")].value = "已电话通知重新报送（3月2日）"
    workbook.save(ledger)
    reviewfolder.hand_made(folder / "越秀区分局（重报）.docx", drop_shortcomings=False, date="2026年2月28日")
    code, _, err = cli("review", folder, "-o", out, "--deadline", "2026-03-01")
    assert code == 0, err
    rows = _ledger(ledger)
    assert rows["越秀区分局.docx"]["备注"] == "已电话通知重新报送（3月2日）"
    assert rows["越秀区分局（重报）.docx"]["按时"].startswith("是")
    assert rows["越秀区分局（重报）.docx"]["五项"] in ("✓", "缺第3项")  # the seed folds item 3 into item 1


def test_jobs_give_the_same_ledger(cli, built: Path, tmp_path: Path) -> None:
    """Verify --jobs 2 reads in worker processes and gives the same rows as one process."""
    assert cli("review", built, "-o", tmp_path / "a").code == 0
    assert cli("review", built, "-o", tmp_path / "b", "--jobs", "2").code == 0
    one, two = _ledger(tmp_path / "a" / "台账.xlsx"), _ledger(tmp_path / "b" / "台账.xlsx")
    assert one == two


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".txt"])
def test_expected_units(cli, built: Path, tmp_path: Path, suffix: str) -> None:
    """Verify --expected reads a list in .xlsx, .csv or .txt and the third sheet lists who has not sent."""
    units = ["广州市公安局海珠区分局", "广州市公安局天河区分局", "中山市公安局"]
    path = tmp_path / f"单位{suffix}"
    if suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["序号", "单位名称"])
        for i, unit in enumerate(units, 1):
            sheet.append([i, unit])
        workbook.save(path)
    elif suffix == ".csv":
        path.write_text("单位\n" + "\n".join(units) + "\n", encoding="gbk")
    else:
        path.write_text("\n".join(units) + "\n", encoding="utf-8")
    out = tmp_path / "结果"
    assert cli("review", built, "-o", out, "--expected", path).code == 0
    rows = list(openpyxl.load_workbook(out / "台账.xlsx")["未报送单位"].iter_rows(values_only=True))
    assert rows[1:] == [("广州市公安局天河区分局", "未报送")]


@pytest.mark.parametrize("args", [
    ["--deadline", "3月1日"], ["--jobs", "0"], ["--last-year", "不存在的文件夹"], [],
])
def test_usage_errors_exit_2(cli, built: Path, tmp_path: Path, args: list[str]) -> None:
    """Verify a wrong command line exits 2 with a Chinese message and writes nothing."""
    out = tmp_path / "结果"
    command = ["review", built, *(["-o", out] if args else []), *args]
    code, _, err = cli(*command)
    assert code == 2 and "错误" in err
    assert not out.exists()


def test_missing_folder_and_outdir_inside_it(cli, built: Path, tmp_path: Path) -> None:
    """Verify a missing folder exits 2, and an output folder inside the submissions exits 1 without writing."""
    code, _, err = cli("review", tmp_path / "没有", "-o", tmp_path / "结果")
    assert code == 2 and "不存在" in err
    code, _, err = cli("review", built, "-o", built / "结果")
    assert code == 1 and "不能放在报送材料文件夹中" in err
    assert not (built / "结果").exists()
