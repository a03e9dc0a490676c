"""Import of real-looking material nobody here wrote (issue 15): web copies and other offices' Word files.

The texts imitate the phrasing of the seeds and of published police 法治政府建设 reports; the Word files
are built with python-docx directly, not through fzbg, the way another office's file reaches the tool.
"""

from __future__ import annotations

from pathlib import Path

from shared import seed_path

from generator.importer import read_report
from generator.importer.notes import Note
from generator.model.report import PartKind
from generator.text.clean import TODO_MARKER

BODY = [
    "一、主要工作措施和成效",
    "（一）强化组织领导。局党委将法治建设纳入全局工作总体布局，召开专题会议4次。",
    "（二）规范执法行为。全年办理行政案件1200余起，行政复议零撤改。",
    "二、存在的不足和原因",
    "一是执法人员法治素养仍有差距；二是执法监督信息化水平有待提高。",
    "三、下一年度工作安排",
    "一是深化执法规范化建设；二是加强法治队伍建设。",
]


def write_text(tmp_path: Path, lines: list[str], name: str = "web.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def details(notes: list[Note], kind: str | None = None) -> str:
    return "\n".join(n.detail for n in notes if kind is None or n.kind == kind)


# --- 1. the agency only in the first sentence ------------------------------------------------------


def test_agency_from_the_first_sentence(tmp_path: Path) -> None:
    opening = "2025年，某某县公安局在县委、县政府的坚强领导下，坚持以习近平法治思想为指导，现将有关情况报告如下："
    result = read_report(write_text(tmp_path, [opening, *BODY]))
    assert result.report.agency.name == "某某县公安局"
    assert result.report.title is None  # the generated title will carry the name, not 【待填写】
    assert "按开头第一句取“某某县公安局”" in details(result.notes, "header")


def test_agency_with_a_branch_and_another_predicate(tmp_path: Path) -> None:
    opening = "2023年，某某市公安局某某区分局始终坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治公安建设。"
    result = read_report(write_text(tmp_path, [opening, *BODY]))
    assert result.report.agency.name == "某某市公安局某某区分局"


def test_self_reference_uses_the_signature(tmp_path: Path) -> None:
    opening = "2024年，我局坚持以习近平法治思想为指导，扎实推进法治公安建设。"
    tail = ["特此报告。", "某某市公安局某某分局", "2025年1月10日"]
    result = read_report(write_text(tmp_path, [opening, *BODY, *tail]))
    assert result.report.agency.name == "某某市公安局某某分局"


def test_self_reference_without_signature_asks(tmp_path: Path) -> None:
    opening = "2024年，我分局坚持以习近平法治思想为指导，扎实推进法治公安建设。"
    result = read_report(write_text(tmp_path, [opening, *BODY]))
    assert result.report.agency.name == TODO_MARKER
    assert "开头只写“我分局”" in details(result.notes, "header")


def test_a_noun_phrase_ending_in_ju_is_not_taken(tmp_path: Path) -> None:
    opening = "2024年，全市公安机关深入推进依法治局，法治公安建设取得新成效。"
    result = read_report(write_text(tmp_path, [opening, *BODY]))
    assert result.report.agency.name == TODO_MARKER
    assert result.report.parts[0].kind is PartKind.measures


def test_haizhu_seed_without_its_title_line(tmp_path: Path) -> None:
    """The site shows the title outside the text: the copied text starts with the opening."""
    seed = seed_path("000_c66680a5a87105e9.txt").read_text(encoding="utf-8").splitlines()
    result = read_report(write_text(tmp_path, seed[1:]))
    assert result.report.agency.name == "广州市公安局海珠区分局"
    assert result.report.year == 2024


# --- 2. web residue around the title ---------------------------------------------------------------

OPENING = "2024年，某某市公安局坚持以习近平法治思想为指导，扎实推进法治公安建设，现将有关情况报告如下："


def test_page_chrome_and_column_tag_are_dropped(tmp_path: Path) -> None:
    page = [
        "跳到主要内容",
        "无障碍浏览 | 长者模式",
        "某某市人民政府门户网站",
        "对党忠诚 服务人民 执法公正 纪律严明",
        "【通知公告】某某市公安局关于2024年度法治政府建设情况的报告",
        "来源：某某市公安局",
        "发布者：市公安局法制支队",
        OPENING,
        *BODY,
        "【打印本页】【关闭窗口】",
    ]
    result = read_report(write_text(tmp_path, page))
    report = result.report
    assert report.title is None  # the title is exactly the generated one
    assert report.agency.name == "某某市公安局"
    text = " ".join([*report.opening, *(str(p.content) for p in report.parts)])
    for residue in ("跳到主要内容", "无障碍", "门户网站", "对党忠诚", "通知公告", "来源", "发布者"):
        assert residue not in text
    assert "标题前的栏目名“【通知公告】”" in details(result.notes, "residue")


def test_a_bracketed_phrase_inside_the_body_is_kept(tmp_path: Path) -> None:
    body = [*BODY, "【经验做法】某某派出所开展“法治进社区”活动12场，相关做法被《法治日报》报道，群众满意度提升至98%，获得上级公安机关的充分肯定和推广。"]
    body += ["【经验做法】法治政府建设示范创建工作稳步推进"]
    result = read_report(write_text(tmp_path, [OPENING, *body]))
    paragraphs = [str(block) for part in result.report.parts for block in part.content]
    assert any("【经验做法】法治政府建设示范创建" in p for p in paragraphs)


# --- 3. titles over two lines ----------------------------------------------------------------------

TWO_LINE_OPENING = "2023年，某某区分局坚持以习近平法治思想为指导，扎实推进法治公安建设，现将有关情况报告如下："


def test_title_over_two_lines_after_the_page_title(tmp_path: Path) -> None:
    page = [
        "某某市公安局某某区分局关于2023年度法治政府建设情况的报告",
        "某某市公安局某某区分局",
        "关于2023年度法治政府建设情况的报告",
        TWO_LINE_OPENING,
        *BODY,
    ]
    result = read_report(write_text(tmp_path, page))
    report = result.report
    assert report.agency.name == "某某市公安局某某区分局"
    assert report.agency.mark is None and report.title is None
    assert report.opening == [TWO_LINE_OPENING]  # the page title is not a body paragraph
    assert "重复的标题" in details(result.notes, "residue")


def test_title_over_two_lines_in_a_word_file(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for text in ("某某市公安局某某区分局", "关于2023年度法治政府建设情况的报告"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (TWO_LINE_OPENING, *BODY):
        document.add_paragraph(text)
    path = tmp_path / "other-office.docx"
    document.save(str(path))
    report = read_report(path).report
    assert (report.agency.name, report.agency.mark, report.title) == ("某某市公安局某某区分局", None, None)
    assert [part.kind for part in report.parts] == [PartKind.measures, PartKind.shortcomings, PartKind.plans]
