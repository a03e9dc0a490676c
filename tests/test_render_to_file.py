"""Step 5 of the pipeline through ``render_to_file``: the .docx is written whole, or not at all.

Kills, a full disk and stale temporary files are in test_atomicity.py; hostile output paths in
test_hostile_output.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.api import load_report
from generator.errors import OutputError, RenderError
from generator.model.report import Report
from generator.render.context import build_context, document_lines
from generator.render.docx import render_to_file

FORMAL = Path(__file__).resolve().parent / "data" / "valid" / "imprint.yaml"


@pytest.fixture
def report() -> Report:
    report, _ = load_report(FORMAL)
    return report


def no_part_files(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".part")) == []


def test_render_to_file_writes_a_document(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "报告.docx"
    render_to_file(report, out)
    assert docx_paragraphs(out.read_bytes()) == document_lines(build_context(report, "formal"))
    no_part_files(tmp_path)


def test_render_to_file_refuses_to_overwrite(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"earlier work")
    with pytest.raises(OutputError) as info:
        render_to_file(report, out)
    assert out.read_bytes() == b"earlier work"
    assert info.value.message == "输出文件已存在"
    assert "--force" in info.value.problems[0].message
    no_part_files(tmp_path)


def test_render_to_file_overwrites_with_force(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"earlier work")
    render_to_file(report, out, variant="public", force=True)
    assert docx_paragraphs(out.read_bytes()) == document_lines(build_context(report, "public"))
    no_part_files(tmp_path)


def test_render_to_file_refuses_a_missing_folder(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "没有这个文件夹" / "报告.docx"
    with pytest.raises(OutputError) as info:
        render_to_file(report, out)
    assert info.value.message == "无法写入输出文件"
    assert "没有这个文件夹" in info.value.problems[0].message and "不存在" in info.value.problems[0].message
    assert list(tmp_path.iterdir()) == []


def test_render_to_file_refuses_a_folder_as_the_output(tmp_path: Path, report: Report) -> None:
    (tmp_path / "报告.docx").mkdir()
    with pytest.raises(OutputError) as info:
        render_to_file(report, tmp_path / "报告.docx", force=True)
    assert "文件夹" in info.value.problems[0].message


def test_failed_render_leaves_no_file(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "报告.docx"
    with pytest.raises(RenderError):
        render_to_file(report, out, fonts="nonexistent")
    assert list(tmp_path.iterdir()) == []


