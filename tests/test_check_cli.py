"""``fzbg check`` end to end: output formats, exit codes, --fix, --coverage, --variant, the shipped examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

HERE = Path(__file__).resolve().parent
GOOD = HERE / "data" / "check" / "good.yaml"
EXAMPLES = sorted((HERE.parent / "examples").glob("*.yaml"))
FINDING_KEYS = ["rule", "severity", "message", "path", "line", "column", "snippet"]


def copy(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run_json(path: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, dict]:
    code = main(["check", str(path), "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(copy(tmp_path))]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_json_schema(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("坚强领导下，坚持", "坚强领导下,坚持"), ("培训针对性不强。", "培训针对性不强。请批示。"))
    code, data = run_json(path, capsys)
    assert code == 1
    assert list(data) == ["schema_version", "file", "variant", "summary", "findings"]
    assert data["schema_version"] == 1 and data["file"] == str(path) and data["variant"] == "formal"
    assert data["summary"] == {"error": 2, "warning": 0, "info": 0}
    for finding in data["findings"]:
        assert list(finding) == FINDING_KEYS
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
    p1, d8 = data["findings"]
    assert (p1["rule"], p1["severity"], p1["path"]) == ("P1", "error", "opening.0")
    assert path.read_text(encoding="utf-8").splitlines()[p1["line"] - 1][p1["column"] - 1] == ","
    assert d8["rule"] == "D8" and "请批示" in d8["snippet"]


def test_only_warnings_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("深化“放管服”改革", "深化“放管服”、“一网通办”改革"))
    code, data = run_json(path, capsys)
    assert code == 0
    assert [f["rule"] for f in data["findings"]] == ["P7"]


def test_text_output_is_grouped_by_part(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("signer: 李建华", "signer: 【待填写】"), ("培训针对性不强。", "培训针对性不强,"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "版头、标题和落款" in out and "第二部分：存在的不足和原因" in out
    assert f"{path}:11:11  错误  C-TODO" in out
    assert "共 2 个错误、0 个警告、0 个提示" in out
    assert out.index("版头、标题和落款") < out.index("第二部分")


def test_fix_prints_a_diff_and_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("坚强领导下，坚持", "坚强领导下,坚持"), ("江青公报字〔2025〕3号", "江青公报字【2025】3号"))
    assert main(["check", str(path), "--fix"]) == 0
    out = capsys.readouterr().out
    assert "+  number: 江青公报字〔2025〕3号" in out and "已自动修正 3 处" in out and "未发现问题" in out
    assert path.read_text(encoding="utf-8") == GOOD.read_text(encoding="utf-8")
    assert main(["check", str(path), "--fix"]) == 0
    assert "没有可以自动修正的问题" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == GOOD.read_text(encoding="utf-8")


def test_fix_in_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("坚强领导下，坚持", "坚强领导下,坚持"))
    code, data = run_json(path, capsys, "--fix")
    assert code == 0 and data["findings"] == []
    assert data["fix"]["edits"] == 1 and "坚强领导下，坚持" in data["fix"]["diff"]


def test_coverage(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path)
    code, data = run_json(path, capsys, "--coverage")
    assert code == 0
    assert [row["part"] for row in data["coverage"]] == list("一二三四五六七八九十")
    assert set(data["coverage"][1]) == {"part", "heading", "system", "covered", "refs", "keywords", "items"}
    assert main(["check", str(path), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "纲要对照" in out and "已涉及" in out


def test_variant(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("  signer: 李建华\n", ""))
    code, data = run_json(path, capsys)
    assert code == 1 and [(f["rule"], f["path"]) for f in data["findings"]] == [("D5", "document.signer")]
    code, data = run_json(path, capsys, "--variant", "public")
    assert code == 0 and data["variant"] == "public" and data["findings"] == []


@pytest.mark.parametrize("args", [["--format", "xml"], ["--variant", "draft"]])
def test_bad_options_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture, args: list) -> None:
    assert main(["check", str(copy(tmp_path)), *args]) == 2
    assert "只能是" in capsys.readouterr().err


def test_validation_comes_first(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = copy(tmp_path, ("year: 2024", "year: 二〇二四"))
    assert main(["check", str(path)]) == 1
    assert "year" in capsys.readouterr().err
    code, data = run_json(path, capsys)
    assert code == 1
    (finding,) = data["findings"]
    assert (finding["rule"], finding["severity"], finding["path"], finding["line"]) == ("V", "error", "year", 3)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(tmp_path / "nothing.yaml")]) == 1
    assert "找不到文件" in capsys.readouterr().err


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*.yaml yet")
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_shipped_examples_pass(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, data = run_json(example, capsys)  # the example's own `variant:` decides
    assert code == 0, [f for f in data["findings"] if f["severity"] == "error"]
    # and --fix has nothing to change in them
    copied = tmp_path / example.name
    shutil.copy(example, copied)
    assert main(["check", str(copied), "--fix"]) == 0
    assert copied.read_bytes() == example.read_bytes()


def test_validation_warnings_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(GOOD.read_text(encoding="utf-8").encode("gb18030"))
    code, data = run_json(path, capsys)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("V", "warning")]
    assert "GBK" in data["findings"][0]["message"]


def test_text_output_without_a_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from generator.api import load_report
    from generator.check import run_checks
    from generator.check.report import print_findings

    report, _ = load_report(copy(tmp_path, ("培训针对性不强。", "培训针对性不强,")))
    print_findings(run_checks(report), None, report)
    out = capsys.readouterr().out
    assert "第二部分：存在的不足和原因" in out and "parts.1.content.0  错误  P1" in out
