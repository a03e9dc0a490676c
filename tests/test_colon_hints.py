"""Colon and ``#`` slips (generator/load/colon_hints.py): located Chinese messages, and ``check --fix`` repairs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINIMAL = (REPO / "examples" / "minimal.yaml").read_text(encoding="utf-8")
PARAGRAPH = "      - 部分民警法治思维有待提升，执法监督信息化水平仍需提高。"


def write(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINIMAL
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("new", "place", "words"),
    [
        ("      - 部分民警法治思维有待提升，主要有以下几点:", "28:29", "行末的半角冒号“:”让“…思维有待提升，主要有以下几点”被当成了字段名"),
        ("      - 主要是: 教育培训不够。", "28:12", "文字中间的半角冒号“:”让“主要是”被当成了字段名"),
    ],
)
def test_sentence_colon_is_located_and_fixed(tmp_path: Path, cli, new: str, place: str, words: str) -> None:
    """Verify a sentence turned into a key is refused at the colon, and --fix makes it a full-width colon."""
    path = write(tmp_path, PARAGRAPH, new)
    code, _, err = cli("check", path)
    assert code == 1 and f"{path}:{place} {words}" in err and "未知字段" not in err
    code, out, _ = cli("check", path, "--fix")
    assert "已自动修正" in out
    fixed = path.read_text(encoding="utf-8")
    assert new.replace(": ", "：").replace(":", "：") in fixed
    assert cli("render", path, "-o", tmp_path / "r.docx").code == 0


@pytest.mark.parametrize(("typed", "what"), [("signer:王建国", "少了一个空格"), ("signer：王建国", "全角冒号")])
def test_field_colon_forms(tmp_path: Path, cli, typed: str, what: str) -> None:
    """Verify signer:王建国 and signer：王建国 get a message naming the field at the colon, and --fix repairs them."""
    path = write(tmp_path, "  signer: 王建国", f"  {typed}")
    code, _, err = cli("check", path)
    assert code == 1 and f"{path}:8:9 字段名“signer”" in err and what in err and "写成“signer: 王建国”" in err
    cli("check", path, "--fix")
    assert "  signer: 王建国\n" in path.read_text(encoding="utf-8")
    assert cli("check", path).code == 0


def test_hash_in_text_is_a_warning_and_fixed(tmp_path: Path, cli) -> None:
    """Verify `` #`` in body text is reported where the text was cut, and --fix keeps the text."""
    path = write(tmp_path, PARAGRAPH, "      - 全年处理案件 #1200宗，较好。")
    code, out, _ = cli("check", path)
    assert code == 0 and f"{path}:28:16" in out and "被当作注释，没有进入报告" in out
    cli("check", path, "--fix")
    from generator.api import load_report

    report, _ = load_report(path)
    assert "全年处理案件 ＃1200宗，较好。" in report.parts[1].content


@pytest.mark.parametrize("char", ["䶮", "😀"])
def test_gbk_console_never_crashes(tmp_path: Path, char: str) -> None:
    """Verify PYTHONIOENCODING=gbk prints an unencodable character as [U+XXXX] instead of an internal error."""
    path = write(tmp_path, "执法监督信息化水平仍需提高。", f"执法监督信息化水平仍需提高,{char}。")
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(path)], capture_output=True, env=env,
                            check=False, timeout=120)
    out = result.stdout.decode("gbk") + result.stderr.decode("gbk")
    assert "内部错误" not in out and "UnicodeEncodeError" not in out
    assert f"[U+{ord(char):04X}]" in out and result.returncode == 1  # the P1 comma is still an error
    assert char in path.read_text(encoding="utf-8")  # the file keeps every character
