"""``--fix``: only safe fixes, made in place in the YAML text, idempotent, comments and layout kept."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from generator.check import run_checks
from generator.check.fix import fix_file, fix_text
from generator.errors import DataError
from generator.load.yaml_file import parse_yaml, read_yaml
from generator.validate import validate_document

GOOD = Path(__file__).resolve().parent / "data" / "check" / "good.yaml"

# Breakages that --fix must undo exactly: half-width punctuation in Chinese text (plain scalars, a flow
# mapping, a chain), brackets of the 发文字号, full-width digits.
BREAKAGES = [
    ("在区委、区政府和上级公安机关的坚强领导下，坚持", "在区委、区政府和上级公安机关的坚强领导下,坚持"),
    ("党委会（含扩大会议）专题", "党委会(含扩大会议)专题"),
    ("江青公报字〔2025〕3号", "江青公报字[2025]3号"),
    ("组织理论学习中心组学法6次", "组织理论学习中心组学法６次"),
    ("同比上升9.1%，行政复议", "同比上升9.1%,行政复议"),
    ("一是部分民警法治思维有待提升，3起案件被退回补充证据；", "一是部分民警法治思维有待提升，3起案件被退回补充证据;"),
    ("深化“放管服”改革", '深化"放管服"改革'),
    ("执法资格考试通过率为96%。", "执法资格考试通过率为96%."),
]


def broken() -> str:
    text = GOOD.read_text(encoding="utf-8")
    for good, bad in BREAKAGES:
        assert text.count(good) == 1, good
        text = text.replace(good, bad)
    return text


def test_fix_restores_the_good_file_exactly() -> None:
    result = fix_text(broken())
    assert result.text == GOOD.read_text(encoding="utf-8")  # comments, quoting, layout: all as before
    assert result.edits == 11  # a bracket or quote pair counts as two replacements


def test_fix_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(broken(), encoding="utf-8")
    first = fix_file(path)
    after_first = path.read_bytes()
    second = fix_file(path)
    assert first.changed and not second.changed and second.edits == 0 and second.diff() == ""
    assert path.read_bytes() == after_first


def test_only_the_fixes_differ_in_the_loaded_report() -> None:
    before = validate_document(parse_yaml(broken())).report
    after = validate_document(parse_yaml(fix_text(broken()).text)).report
    good = validate_document(parse_yaml(GOOD.read_text(encoding="utf-8"))).report
    assert after == good
    assert before != good and before.metrics == good.metrics and before.year == good.year


def test_the_diff_shows_the_changed_lines() -> None:
    diff = fix_text(broken()).diff("r.yaml")
    assert "-  number: 江青公报字[2025]3号" in diff and "+  number: 江青公报字〔2025〕3号" in diff
    assert "# " not in "\n".join(line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---")


def test_unsafe_problems_are_left_alone() -> None:
    text = GOOD.read_text(encoding="utf-8").replace("人均办案量为3～5宗", "人均办案量为3-5宗")
    text = text.replace("走访企业260家", "走访企业3千家")
    result = fix_text(text)
    assert not result.changed  # P5 (range style) and N6 (3千) are the user's choice


def test_quotes_inside_double_quoted_scalars_stay_valid_yaml() -> None:
    text = GOOD.read_text(encoding="utf-8").replace(
        "      - 无其他需要报告的情况。", '      - "无其他\\"需要\\"报告的情况,结束。"')
    result = fix_text(text)
    assert '"无其他\\"需要\\"报告的情况，结束。"' in result.text  # the comma is fixed, the escaped quotes kept
    doc = parse_yaml(result.text)
    report = validate_document(doc).report
    assert [f.rule for f in run_checks(report, doc)] == ["P2"]  # still reported, for the user to change


def test_escaped_characters_are_not_rewritten() -> None:
    text = GOOD.read_text(encoding="utf-8").replace("      - 无其他需要报告的情况。", '      - "无其他\\x2c情况。"')
    assert not fix_text(text).changed  # "\x2c" is a comma, but rewriting an escape is not a safe text edit


@pytest.mark.parametrize(("encoding", "newline"), [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("gb18030", "\r\n")])
def test_encoding_bom_and_line_ends_are_kept(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(broken().replace("\n", newline).encode(encoding))
    fix_file(path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")
    assert raw.decode(encoding).replace(newline, "\n") == GOOD.read_text(encoding="utf-8")
    doc = read_yaml(path)
    report = validate_document(doc).report
    assert run_checks(report, doc) == []


def test_invalid_file_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("year: 2024\nagency: {name: 青山分局}\nparts: []\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DataError):
        fix_file(path)
    assert path.read_bytes() == before
