"""Web residue and normalisation: what is dropped or changed, and that every change is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import import_report
from generator.importer import summarise
from generator.importer.normalise import normalise_text
from generator.importer.notes import Line, Note
from generator.importer.residue import drop_residue, is_residue


@pytest.mark.parametrize(
    "line",
    [
        "关闭", "打印", "【打印本页】【关闭窗口】", "[ 打印 ] [ 关闭 ]", "信息来源:中山市公安局", "信息来源：某局  发布日期：2025-03-01",
        "发布日期:2025-01-20", "粤公网安备44200002443367", "粤ICP备12345678号", "字号：大 中 小", "分享到：",
        "索引号：11442000007", "当前位置：首页 > 政务公开", "上一篇：关于……", "版权所有：某市公安局",
    ],
)
def test_residue_lines(line: str) -> None:
    """Verify the furniture of government web pages is recognised."""
    assert is_residue(line)


@pytest.mark.parametrize(
    "line",
    [
        "一、主要举措和成效", "特此报告。", "梅州市公安局梅县区分局", "2025年1月8日",
        "文号：梅县公报字〔2024〕2号              签发人：魏少忠",
        "来源于群众的意见建议共征集40余条，均已办结反馈，群众满意率100%，有力提升了公安机关执法公信力和群众满意度。" * 2,
        "关闭违规经营场所12家。",
    ],
)
def test_report_lines_are_not_residue(line: str) -> None:
    """Verify report content is never taken for residue."""
    assert not is_residue(line)


def test_dropped_residue_is_noted() -> None:
    """Verify each dropped line is noted with its line number."""
    kept, notes = drop_residue([Line(1, "标题"), Line(2, "关闭"), Line(3, "正文。")])
    assert [line.text for line in kept] == ["标题", "正文。"]
    assert notes == [Note("residue", "“关闭”", 2)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024年,广州市公安局", "2024年，广州市公安局"),
        ("报告如下:", "报告如下："),
        ("(一)组织领导", "（一）组织领导"),
        ("(1) 全面推行审批服务", "（1）全面推行审批服务"),
        ("社区(村)共计3.2万余名", "社区（村）共计3.2万余名"),
        ("项目变,4368、补换领4946,补打", "项目变，4368、补换领4946，补打"),
        ("实现 “警种+分局”双交办", "实现“警种+分局”双交办"),
        ("出庭应诉； 6宗二审", "出庭应诉；6宗二审"),
        ("　　首行缩进的段落。", "首行缩进的段落。"),
        ("１０１１０宗", "10110宗"),
        ('他说"依法办事"。', "他说“依法办事”。"),
    ],
)
def test_normalised_text(raw: str, expected: str) -> None:
    """Verify half-width punctuation next to Chinese becomes full width and stray spaces go."""
    assert normalise_text(raw)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["共1,234宗", "15:40召开", "4.95万宗", "“5.08”特大案", "“1+1+N”方案", "“12·4”宪法日", "Windows 10 系统", "f(x)"],
)
def test_numbers_and_latin_left_alone(text: str) -> None:
    """Verify figures, times, decimals and Latin text keep their punctuation."""
    normalised, changes = normalise_text(text)
    assert normalised.replace(" 系统", "系统") == text.replace(" 系统", "系统")
    assert all(kind == "space" for kind, _ in changes)


def test_number_line_keeps_its_separator() -> None:
    """Verify the 文号/签发人 line keeps the space between its two fields (read by the header parser)."""
    line = "文号：梅县公报字〔2024〕2号              签发人：魏少忠"
    assert normalise_text(line) == (line, [])


def test_every_change_is_summarised(tmp_path: Path) -> None:
    """Verify the summary counts every change and names the lines, so nothing changes unseen."""
    source = tmp_path / "r.txt"
    source.write_text("某局2024年法治政府建设年度报告\n2024年,我局(某局)工作。\n一、举措\n正文, 内容。\n关闭\n", "utf-8")
    result = import_report(source)
    summary = "\n".join(summarise(result.notes))
    assert "删除网页残留：共 1 处" in summary and "“关闭”（第5行）" in summary
    assert "“,”→“，”：2 处（第2、4行）" in summary
    assert "“(”“)”→“（”“）”（第2行）" in summary
    assert "删除中文前后的多余空格：共 1 处" in summary


def test_docx_summary_counts_paragraphs(tmp_path: Path) -> None:
    """Verify places in a Word file are given as paragraphs (段), not lines."""
    import docx

    document = docx.Document()
    for text in ("某局2024年法治政府建设年度报告", "2024年,我局工作。", "一、举措", "正文。"):
        document.add_paragraph(text)
    path = tmp_path / "r.docx"
    document.save(str(path))
    result = import_report(path)
    assert "（第2段）" in "\n".join(summarise(result.notes, result.source.unit))


def test_web_page_title_twice_and_publication_date(tmp_path: Path) -> None:
    """Verify a repeated page title and a bare publication date above the article are dropped, and noted."""
    source = tmp_path / "r.txt"
    title = "某市公安局关于2024年度法治政府建设情况的报告"
    source.write_text(f"{title}\n2025-03-20 10:30:00\n{title}\n2024年，我局……。\n一、主要举措\n正文。", "utf-8")
    result = import_report(source)
    assert result.report.full_title == title and result.report.title is None
    assert result.report.opening == ["2024年，我局……。"]
    dropped = [n.detail for n in result.notes if n.kind == "residue"]
    assert dropped == ["标题旁的发布日期“2025-03-20 10:30:00”", f"重复的标题“{title}”"]


def test_saved_web_page(tmp_path: Path) -> None:
    """Verify a page saved from a browser (.html) is read as text: scripts, menus and buttons dropped."""
    source = tmp_path / "page.html"
    source.write_text(
        "<!DOCTYPE html><html><head><title>网站</title><script>var a='一、不是正文';</script></head><body>"
        "<div>首页 &gt; 政务公开</div><h1>某市公安局关于2024年度法治政府建设情况的报告</h1>"
        "<div>信息来源：某市公安局 发布日期：2025-03-01</div>"
        "<p>2024年，某市公安局扎实推进法治公安建设。</p><p>一、主要举措和成效</p>"
        "<p>（一）强化组织领导。一是学习；二是述法。</p><p>二、下一步工作计划</p><p>继续努力。</p>"
        "<div>【打印】【关闭】</div></body></html>",
        "utf-8",
    )
    result = import_report(source)
    assert result.report.agency.name == "某市公安局"
    assert [p.heading for p in result.report.parts] == ["主要举措和成效", "下一步工作计划"]
    assert result.match_ratio == 1.0
