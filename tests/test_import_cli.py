"""``fzbg import`` through the command line: output file, summary, flags, exit codes, --next-year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.api import import_report, load_report
from generator.cli import main
from generator.importer import next_year_draft, result_yaml
from generator.model.metrics import Metrics
from generator.model.report import PartKind
from generator.render.context import build_context, document_lines

WEB_COPY = """某市公安局关于2024年度法治政府建设情况的报告
信息来源:某市公安局  发布日期:2025-03-20
2024年,某市公安局在市委、市政府的坚强领导下,扎实推进法治公安建设。现将有关情况报告如下:
一、主要举措和成效
(一)强化组织领导。一是召开党委会专题研究法治工作4次;二是开展述法评议。
(二)严格规范执法。全年作出行政处罚决定1200宗,行政复议零撤改。
二、存在的不足和原因
执法规范化水平与群众期待仍有差距。
三、2025年工作安排
一要加强执法培训。
二要强化执法监督。
特此报告。
某市公安局
2025年1月8日
关闭
打印
"""


@pytest.fixture
def web_copy(tmp_path: Path) -> Path:
    path = tmp_path / "2024年报告.txt"
    path.write_text(WEB_COPY, encoding="utf-8")
    return path


def test_import_writes_yaml_and_prints_summary(web_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify a successful import: exit 0, a loadable YAML, every normalisation listed."""
    out = tmp_path / "report.yaml"
    assert main(["import", str(web_copy), "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert f"已把 {web_copy} 导入为 {out}" in stdout
    for words in ("删除网页残留", "“关闭”", "“打印”", "信息来源", "半角标点改为全角", "“,”→“，”", "“(”“)”→“（”“）”"):
        assert words in stdout
    report, _warnings = load_report(out)
    assert report.year == 2024 and report.agency.name == "某市公安局"
    assert [p.kind for p in report.parts] == [PartKind.measures, PartKind.shortcomings, PartKind.plans]
    assert report.document.date == dt.date(2025, 1, 8)
    lines = document_lines(build_context(report, "public"))
    assert "（一）强化组织领导。一是召开党委会专题研究法治工作4次；二是开展述法评议。" in lines
    assert "关闭" not in lines and not any("信息来源" in line for line in lines)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary file left behind"


def test_yaml_is_readable(web_copy: Path, tmp_path: Path) -> None:
    """Verify the YAML is block style, Chinese unescaped, with Chinese comments."""
    out = tmp_path / "report.yaml"
    assert main(["import", str(web_copy), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "{" not in text.replace("{机关}", "").replace("{年度}", "")
    assert "  name: 某市公安局\n" in text
    assert "# 一、主要举措和成效（主要举措和成效）" in text
    assert "heading: 强化组织领导。\n" in text


def test_metrics_are_suggested_in_comments_only(web_copy: Path, tmp_path: Path) -> None:
    """Verify recognised figures appear as commented suggestions and change neither data nor text."""
    result = import_report(web_copy)
    assert result.report.metrics == Metrics()
    text = result_yaml(result)
    assert "#   penalty_decisions: 1200" in text
    assert "#   reconsideration_corrected: 0" in text
    assert "\nmetrics:" not in text


def test_rendering_the_written_yaml(web_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify the imported YAML renders with fzbg render."""
    out = tmp_path / "report.yaml"
    assert main(["import", str(web_copy), "-o", str(out)]) == 0
    # this web copy lacks the 第一责任人 part (a check error): refused as final, written as a draft
    assert main(["render", str(out), "-o", str(tmp_path / "report.docx"), "--variant", "public"]) == 1
    assert not (tmp_path / "report.docx").exists()
    assert main(["render", str(out), "-o", str(tmp_path / "report.docx"), "--variant", "public", "--draft"]) == 0
    assert (tmp_path / "report.docx").stat().st_size > 0


def test_existing_output_needs_force(web_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify an existing file is not overwritten without --force (exit 1), and is with it."""
    out = tmp_path / "report.yaml"
    out.write_text("旧内容", encoding="utf-8")
    assert main(["import", str(web_copy), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "旧内容"
    assert main(["import", str(web_copy), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# 报告数据文件")


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "report.docx"],
        ["-o", "report.yaml", "--year", "1999"],
        ["-o", "report.yaml", "--year", "二〇二四"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str], web_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify wrong options are usage errors (exit 2) with a Chinese message."""
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(web_copy), *args]) == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "report.yaml").exists()


def test_missing_source_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify a missing source file is a data error (exit 1) naming the file."""
    assert main(["import", str(tmp_path / "nowhere.docx"), "-o", str(tmp_path / "r.yaml")]) == 1
    assert "nowhere.docx" in capsys.readouterr().err


def test_year_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify --year sets the year when the source does not say it."""
    source = tmp_path / "r.txt"
    source.write_text("某市公安局法治政府建设情况的报告\n今年以来，我局……。\n一、主要举措\n正文。", "utf-8")
    out = tmp_path / "r.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    assert "--year" in capsys.readouterr().err
    assert main(["import", str(source), "-o", str(out), "--year", "2024"]) == 0
    assert load_report(out)[0].year == 2024


def test_next_year_draft(web_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify --next-year: year + 1, dates cleared, figures as previous values, last plans as a checklist."""
    out = tmp_path / "draft.yaml"
    assert main(["import", str(web_copy), "--next-year", "-o", str(out)]) == 0
    assert "2025年度报告草稿" in capsys.readouterr().out
    draft, _warnings = load_report(out)
    assert draft.year == 2025 and draft.document.date is None and draft.document.printed_date is None
    assert draft.full_title == "某市公安局关于2025年度法治政府建设情况的报告"
    assert draft.metrics.penalty_decisions is not None
    assert draft.metrics.penalty_decisions.value is None
    assert str(draft.metrics.penalty_decisions.previous) == "1200"
    text = out.read_text(encoding="utf-8")
    measures = text.index("  - kind: measures")
    checklist = text.index("报告中的“下一年度安排”，请逐项写明落实情况")
    assert measures < checklist < text.index("content:", measures)
    assert "#   □ 加强执法培训\n" in text and "#   □ 强化执法监督\n" in text


def test_next_year_of_a_full_document(tmp_path: Path) -> None:
    """Verify a draft clears the 发文字号 and moves the year in an explicit title."""
    source = tmp_path / "r.txt"
    source.write_text(
        "文号：某公报字〔2024〕2号  签发人：王五\n某市公安局\n2024年法治政府建设年度报告\n某省公安厅：\n"
        "2024年，我局……。\n一、主要举措\n正文。\n二、下一步工作计划\n（一）深化法治培训。正文。\n（二）完善工作机制\n正文。\n",
        "utf-8",
    )
    draft = next_year_draft(import_report(source))
    report = draft.report
    assert report.title == "2025年法治政府建设年度报告" and report.document.number is None
    assert report.document.signer == "王五"
    assert draft.checklist == ["深化法治培训", "完善工作机制"]
    assert any(n.kind == "draft" and "某公报字〔2024〕2号" in n.detail for n in draft.notes)
