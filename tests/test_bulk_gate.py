"""``fzbg bulk`` checks every bureau before rendering: errors are not written unless ``--draft`` (marked 草稿)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from test_bulk_run import good_rows, make_case

from generator.bulk import BulkOptions, Status, run_bulk
from generator.render.draft_mark import DRAFT_TEXT


def rows_with_one_bad_number() -> list[list]:
    rows = good_rows(3)
    rows[1][3] = "江公报字2026年2号"  # D1: no 〔年份〕
    return rows


def headers(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/header"))


def test_a_bureau_with_check_errors_is_not_written(tmp_path: Path) -> None:
    """Verify the bureau with an error is 检查有误 at its row, with no file, and the others are written unmarked."""
    base, data = make_case(tmp_path, rows_with_one_bad_number())
    out = tmp_path / "out"
    result = run_bulk(BulkOptions(base=base, data=data, outdir=out))
    assert result.exit_code == 1
    statuses = [o.status for o in result.outcomes]
    assert statuses == [Status.ok, Status.check_failed, Status.ok]
    bad = result.outcomes[1]
    assert not (out / bad.file_name).exists() and "六角括号" in bad.error
    errors = [p for p in result.problems if p.is_error]
    assert errors and all(p.place.row == 3 and p.field == "发文字号" for p in errors)
    for outcome in (result.outcomes[0], result.outcomes[2]):
        assert DRAFT_TEXT not in headers(out / outcome.file_name)


def test_draft_writes_every_bureau_marked(tmp_path: Path) -> None:
    """Verify --draft writes all bureaus, each with 草稿 in its headers, and the errors stay listed."""
    base, data = make_case(tmp_path, rows_with_one_bad_number())
    out = tmp_path / "out"
    result = run_bulk(BulkOptions(base=base, data=data, outdir=out, draft=True))
    assert result.exit_code == 0 and [o.status for o in result.outcomes] == [Status.ok] * 3
    assert all(DRAFT_TEXT in headers(out / o.file_name) for o in result.outcomes)
    assert any("六角括号" in p.message and "草稿" in p.message for p in result.problems)


def test_cli_names_the_command_that_lists_everything(tmp_path: Path, cli) -> None:
    """Verify the CLI says how many bureaus were held back and which command lists every finding."""
    base, data = make_case(tmp_path, rows_with_one_bad_number())
    out = tmp_path / "out"
    code, stdout, stderr = cli("bulk", base, data, "-o", out)
    assert code == 1
    assert "1 个单位内容检查有错误，未生成" in stdout and "--draft" in stdout
    assert f"fzbg bulk {base} {data} -o {out} --dry-run" in stdout
    assert "bureaus.xlsx!3" in stderr and "发文字号" in stderr


def test_unwritable_output_folder_is_said_in_chinese(tmp_path: Path, cli, monkeypatch) -> None:
    """Verify a refused mkdir (EPERM) reaches the user in Chinese, not as "Operation not permitted"."""
    import errno

    base, data = make_case(tmp_path, good_rows(1))
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.name == "out":
            raise PermissionError(errno.EPERM, "Operation not permitted", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, _, err = cli("bulk", base, data, "-o", tmp_path / "out")
    assert code == 1 and "无法创建输出文件夹" in err and "没有写入权限" in err
    assert "Operation not permitted" not in err
