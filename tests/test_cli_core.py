"""The command line (generator/cli.py, cli_render.py) through ``main([...])``: exit codes and Chinese messages.

0 = done, 1 = the data or the output is wrong, 2 = the command line is wrong. No traceback ever reaches a
user unless ``--debug`` asks for it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.cli import main
from generator.errors import DataError

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
DATA = Path(__file__).resolve().parent / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in an empty folder with its own HOME."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))




def opens(path: Path) -> list[str]:
    return docx_paragraphs(path)


# ---------------------------------------------------------------------------------------------- success


def test_new_then_render_both_variants(cli) -> None:
    code, out, err = cli("new", "-o", "x.yaml")
    assert (code, err) == (0, "")
    assert "x.yaml" in out and Path("x.yaml").is_file()
    for variant in ("formal", "public"):
        # the untouched skeleton is not a report: refused, nothing written
        code, out, err = cli("render", "x.yaml", "-o", f"x-{variant}.docx", "--variant", variant)
        assert code == 1 and "未生成文档" in err and f"fzbg check x.yaml --variant {variant}" in err
        assert "x.yaml:12:9 agency.name" in err and not Path(f"x-{variant}.docx").exists()
        # a draft can be made, and says so
        code, out, err = cli("render", "x.yaml", "-o", f"x-{variant}.docx", "--variant", variant, "--draft")
        assert code == 0, err
        assert f"已生成 x-{variant}.docx" in out and "草稿" in out
        assert opens(Path(f"x-{variant}.docx"))


def test_new_refuses_to_overwrite(cli) -> None:
    Path("x.yaml").write_text("我的数据", encoding="utf-8")
    code, _, err = cli("new", "-o", "x.yaml")
    assert code == 1 and "--force" in err
    assert Path("x.yaml").read_text(encoding="utf-8") == "我的数据"


@pytest.mark.parametrize("variant", ["public", "formal"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_render_every_example(cli, example: Path, variant: str) -> None:
    """Render refuses exactly what check refuses; the examples render in their own variant."""
    checked = cli("check", str(example), "--variant", variant)
    code, out, err = cli("render", str(example), "-o", "out.docx", "--variant", variant)
    assert code == checked.code
    if code == 1:  # a web copy (no 版头) forced to the formal version: no 签发人, 主送
        assert variant == "formal" and "未生成文档" in err and not Path("out.docx").exists()
        assert cli("render", str(example), "-o", "out.docx").code == 0  # its own variant: 0 errors
        return
    assert all(line.startswith("另有 ") for line in err.splitlines())  # at most the warnings summary
    label = "正式上报版" if variant == "formal" else "公开版"
    assert out.strip() == f"已生成 out.docx（{label}）"
    texts = opens(Path("out.docx"))
    assert any(t.startswith("一、") for t in texts)


def test_render_windows_fonts(cli) -> None:
    code, _, err = cli("render", str(EXAMPLES[0]), "-o", "out.docx", "--fonts", "windows")
    assert code == 0 and "错误" not in err


def test_warnings_are_printed_but_the_document_is_made(cli) -> None:
    source = DATA / "valid" / "control_chars.yaml"
    code, out, err = cli("render", str(source), "-o", "out.docx", "--draft")  # a fragment: check errors
    assert code == 0 and "草稿" in out
    lines = err.splitlines()
    assert len(lines) == 4 and all(line.startswith(f"警告：{source}:") for line in lines[:3])
    assert lines[3].startswith("另有 ") and f"fzbg check {source}" in lines[3]
    assert Path("out.docx").is_file()


# ---------------------------------------------------------------------------------------------- data errors: exit 1


def test_bad_yaml_exits_1_with_file_line_col(cli) -> None:
    source = DATA / "invalid" / "syntax_error.yaml"
    code, out, err = cli("render", str(source), "-o", "out.docx")
    assert code == 1
    assert err.splitlines()[0] == "错误：YAML 格式错误"
    assert f"{source}:5:10 " in err
    assert not Path("out.docx").exists()


def test_invalid_data_lists_every_problem(cli) -> None:
    source = DATA / "invalid" / "three_mistakes.yaml"
    code, _, err = cli("render", str(source), "-o", "out.docx")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "错误：数据有误，请按下列位置修改"
    assert [line.split()[0] for line in lines[1:]] == [f"{source}:7:9", f"{source}:13:16", f"{source}:14:11"]


def test_missing_input_exits_1(cli) -> None:
    code, _, err = cli("render", "nothing.yaml", "-o", "out.docx")
    assert code == 1 and "找不到文件" in err


def test_existing_output_without_force_exits_1(cli) -> None:
    Path("out.docx").write_bytes(b"earlier work")
    code, _, err = cli("render", str(EXAMPLES[0]), "-o", "out.docx")
    assert code == 1
    assert "输出文件已存在" in err and "--force" in err
    assert Path("out.docx").read_bytes() == b"earlier work"
    code, _, _ = cli("render", str(EXAMPLES[0]), "-o", "out.docx", "--force")
    assert code == 0 and opens(Path("out.docx"))


def test_debug_reraises(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DataError):
        main(["--debug", "render", str(DATA / "invalid" / "syntax_error.yaml"), "-o", "out.docx"])


# ---------------------------------------------------------------------------------------------- usage errors: exit 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["render", "{example}", "-o", "out.docx", "--bogus"], "--bogus"),
        (["render", "{example}", "-o", "out.docx", "--variant", "bogus"], "bogus"),
        (["render", "{example}", "-o", "out.docx", "--fonts", "mac"], "mac"),
        (["render", "{example}", "-o", "out.txt"], ".docx"),
        (["render", "{example}"], "output"),
        (["no-such-command"], "no-such-command"),
    ],
    ids=["unknown-option", "bad-variant", "bad-fonts", "not-a-document-suffix", "no-output", "unknown-command"],
)
def test_usage_errors_exit_2(cli, args: list[str], fragment: str) -> None:
    args = [a.replace("{example}", str(EXAMPLES[0])) for a in args]
    code, _, err = cli(*args)
    assert code == 2
    assert fragment in err and CJK.search(err), err
    assert not any(Path().iterdir())  # nothing written


def test_missing_option_names_the_flag(cli) -> None:
    code, _, err = cli("render", str(EXAMPLES[0]))
    assert code == 2
    assert "-o" in err or "--output" in err


# ---------------------------------------------------------------------------------------------- help


def test_help_is_chinese(cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    assert out.startswith("用法：fzbg")
    for heading in ("选项", "命令", "显示本帮助并退出。", "new", "render"):
        assert heading in out
    for english in ("Usage:", "Options", "Commands", "Show this message"):
        assert english not in out


def test_render_help_is_chinese(cli) -> None:
    code, out, _ = cli("render", "--help")
    assert code == 0
    assert out.startswith("用法：fzbg render") and "--variant" in out and "正式上报版" in out
    assert "Usage:" not in out and "Show this message" not in out


def test_bare_command_shows_help(cli) -> None:
    code, out, _ = cli()
    assert code == 0 and "用法：fzbg" in out


def test_python_dash_m_generator_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "用法：" in result.stdout and "render" in result.stdout
    assert result.stderr == ""
