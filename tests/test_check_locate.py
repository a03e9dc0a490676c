"""Findings point at the offending character in the YAML file, whatever the scalar's style."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import run_checks
from generator.load.yaml_file import read_yaml
from generator.model.paths import dotted
from generator.validate import validate_document

HEAD = """year: 2024
agency: {name: 青山分局, superior: 江州市公安局}
document: {number: 江青公报字〔2025〕3号, signer: 李建华, date: 2025-01-15}
parts:
  - kind: measures
    heading: 主要举措
    content:
"""
TAIL = """  - {kind: shortcomings, heading: 不足, content: [执法能力不足。]}
  - {kind: leader_duty, heading: 第一责任人, content: [局长履职。]}
  - {kind: plans, heading: 安排, content: [继续努力。]}
"""


def p1_positions(tmp_path: Path, block: str, newline: str = "\n") -> tuple[list[str], list[tuple[int, int]]]:
    text = (HEAD + block + TAIL).replace("\n", newline)
    path = tmp_path / "r.yaml"
    path.write_bytes(text.encode("utf-8"))
    doc = read_yaml(path)
    report = validate_document(doc).report
    findings = [f for f in run_checks(report, doc) if f.rule == "P1"]
    return text.replace("\r\n", "\n").split("\n"), [(f.line, f.column) for f in findings]


@pytest.mark.parametrize("block", [
    "      - 开展学法,落实制度。\n",  # plain
    "      - '开展''学法'',落实制度。'\n",  # single-quoted, '' escapes
    '      - "开展\\u201c学法\\u201d,落实制度。"\n',  # double-quoted, \\u escapes
    '      - "开展\\"学法\\",落实制度。"\n',  # double-quoted, \\" escapes
    "      - |\n        第一段。\n        开展学法,落实制度。\n",  # literal block: a later line
    "      - >-\n        开展学法\n        ,落实制度。\n",  # folded block
    "      - 开展学法\n        ,落实制度。\n",  # multi-line plain scalar
    '      - "开展学法\n        ,落实制度。"\n',  # multi-line double-quoted
    "      - heading: 小节\n        content: [开展学法(专项),落实制度。]\n",  # flow sequence
    "      - chain:\n          - 开展学法,落实制度\n",  # a chain item shorthand
])
def test_column_points_at_the_character(tmp_path: Path, block: str) -> None:
    lines, positions = p1_positions(tmp_path, block)
    assert positions, "no P1 found"
    for line, column in positions:
        assert lines[line - 1][column - 1] in ",(", (line, column, lines[line - 1])


def test_crlf_file(tmp_path: Path) -> None:
    lines, positions = p1_positions(tmp_path, "      - |\n        第一段。\n        开展学法,落实制度。\n", "\r\n")
    assert [lines[line - 1][column - 1] for line, column in positions] == [","]


def test_path_of_a_chain_item_shorthand(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "      - chain:\n          - 开展学法,落实制度\n          - text: 加强培训,提升能力\n" + TAIL,
                    encoding="utf-8")
    doc = read_yaml(path)
    report = validate_document(doc).report
    paths = [dotted(f.path) for f in run_checks(report, doc) if f.rule == "P1"]
    assert paths == ["parts.0.content.0.chain.0", "parts.0.content.0.chain.1.text"]


def test_without_a_file_there_is_no_position(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "      - 开展学法,落实制度。\n" + TAIL, encoding="utf-8")
    report = validate_document(read_yaml(path)).report
    findings = run_checks(report)
    assert all(f.line is None and f.column is None for f in findings)
    (p1,) = [f for f in findings if f.rule == "P1"]
    assert (dotted(p1.path), p1.snippet) == ("parts.0.content.0", "开展学法,落实制度。")


def test_structural_finding_points_at_the_value(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text((HEAD + "      - 文字。\n" + TAIL).replace("signer: 李建华", "signer: 【待填写】"), encoding="utf-8")
    doc = read_yaml(path)
    report = validate_document(doc).report
    (todo,) = [f for f in run_checks(report, doc) if f.rule == "C-TODO"]
    line = path.read_text(encoding="utf-8").splitlines()[todo.line - 1]
    assert line[todo.column - 1 :].startswith("【待填写】")


def test_unknown_variant_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "      - 文字。\n" + TAIL, encoding="utf-8")
    report = validate_document(read_yaml(path)).report
    with pytest.raises(ValueError):
        run_checks(report, variant="draft")
