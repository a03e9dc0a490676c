"""Import of real-looking material nobody here wrote (issue 15): web copies and other offices' Word files.

The texts imitate the phrasing of the seeds and of published police 法治政府建设 reports; the Word files
are built with python-docx directly, not through fzbg, the way another office's file reaches the tool.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import seed_path

from generator.importer import read_report
from generator.importer.notes import Note
from generator.model.report import PART_KIND_LABELS, PartKind
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


# --- 4. the five items in other words --------------------------------------------------------------

M, S, L, P, OT = (PartKind.measures, PartKind.shortcomings, PartKind.leader_duty, PartKind.plans, PartKind.other)
# Part headings as real police reports write them (the seeds, report-content.md and published reports).
HEADINGS = [
    ("主要举措和成效", M), ("主要工作措施和成效", M), ("主要工作情况及成效", M), ("工作总体完成情况", M),
    ("2024年度推进法治政府建设的主要举措和成效", M), ("法治政府建设工作开展情况", M), ("基本情况", M),
    ("主要做法及成效", M), ("坚持思想政治引领，服务建设法治化营商环境", M), ("健全执法监督体系，推进阳光行政规范执法", M),
    ("加强执法能力建设，构建多元化普法格局", M), ("坚持问题导向，推进执法规范化建设", M),
    ("实施执法规范化建设三年行动计划", M),
    ("存在的不足和原因", S), ("存在问题", S), ("存在的主要问题", S), ("存在的问题及原因", S),
    ("2024年度推进法治政府建设存在的不足和原因", S), ("问题和不足", S), ("工作中存在的短板弱项", S),
    ("存在的困难和问题", S), ("与上级要求相比仍有差距", S),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", L), ("落实第一责任人职责情况", L),
    ("局党委主要负责同志履行法治建设职责情况", L), ("领导干部履职情况", L),
    ("主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", L),
    ("坚持思想政治引领，压实法治建设第一责任人职责", L), ("党政主要负责人履行法治建设职责情况", L),
    ("领导班子履行法治建设职责情况", L),
    ("下一步工作计划", P), ("下一年度推进法治政府建设的主要安排", P), ("2025年工作打算", P), ("下一步工作安排", P),
    ("2025年度法治政府建设工作思路", P), ("今后工作打算", P), ("明年工作重点", P), ("下步工作措施", P),
    ("2026年重点工作安排", P), ("下一年度工作计划", P),
    ("其他需要报告的情况", OT), ("其它需要报告的情况", OT), ("需要说明的其他事项", OT),
]


def test_heading_table_covers_forty_real_forms() -> None:
    from generator.importer.classify import classify_heading

    assert len(HEADINGS) >= 40 and {kind for _, kind in HEADINGS} == set(PartKind)
    wrong = [(heading, classify_heading(heading).kind, kind) for heading, kind in HEADINGS
             if classify_heading(heading).kind is not kind]
    assert wrong == []


def test_combined_and_weak_headings_say_they_are_unsure() -> None:
    from generator.importer.classify import classify_heading

    combined = classify_heading("存在不足和下一步工作安排")
    assert combined.kind is S and not combined.sure and "下一步" in combined.why
    assert not classify_heading("法治宣传教育计划").sure  # a lone "计划" decides nothing
    assert not classify_heading("法治公安").sure  # names no item at all
    assert classify_heading("存在的不足和原因").sure and classify_heading("领导干部履职情况").sure


def test_item_three_in_own_words_is_a_part_of_its_own(tmp_path: Path) -> None:
    from generator.importer import result_yaml

    body = [
        "一、主要工作措施和成效",
        "（一）强化组织领导。召开专题会议4次。",
        "二、局党委主要负责同志履行法治建设职责情况",
        "局党委书记、局长切实履行第一责任人职责，带头述法。",
        "三、存在不足和下一步工作安排",
        "一是执法监督信息化水平有待提高；二是下一步将深化执法规范化建设。",
    ]
    result = read_report(write_text(tmp_path, [OPENING, *body]))
    assert [part.kind for part in result.report.parts] == [M, L, S]
    log = details(result.notes, "parts")
    assert f"局党委主要负责同志履行法治建设职责情况” → {PART_KIND_LABELS[L]}（leader_duty）（把握较大）" in log
    assert "把握不大" in log
    assert result.doubts.keys() == {2}
    yaml_text = result_yaml(result)
    assert "把握不大：标题同时写了" in yaml_text


# --- 5. Word and WPS files -------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _decimal_list(document: object) -> str:
    """A Word list "1." "2." at level 0 (how an office numbers its Heading 1 parts); returns its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    return "77"


def test_word_styles_give_title_recipient_and_levels(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    num_id = _decimal_list(document)
    recipient_style = document.styles.add_style("主送机关", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("某某县公安局2024年法治公安建设工作情况", style="Title")  # no "报告" in it
    document.add_paragraph("县委依法治县办、市公安局党委：", style=recipient_style)
    document.add_paragraph(OPENING)

    def heading(text: str, level: int, numbered: bool) -> None:
        p = document.add_paragraph(text, style=f"Heading {level}")
        if numbered:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    heading("主要举措和成效", 1, True)
    heading("强化组织领导", 2, False)
    document.add_paragraph("召开专题会议4次。")
    heading("规范执法行为", 2, False)
    document.add_paragraph("行政复议零撤改。")
    heading("存在的不足和原因", 1, True)
    document.add_paragraph("执法监督信息化水平有待提高。")
    heading("下一年度工作安排", 1, True)
    document.add_paragraph("深化执法规范化建设。")
    path = tmp_path / "styled.docx"
    document.save(str(path))

    result = read_report(path)
    report = result.report
    assert report.title == "某某县公安局2024年法治公安建设工作情况"
    assert report.agency.superior == "县委依法治县办、市公安局党委"
    assert [(p.kind, p.heading) for p in report.parts] == [
        (M, "主要举措和成效"), (S, "存在的不足和原因"), (P, "下一年度工作安排")]
    assert [s.heading for s in report.parts[0].content] == ["强化组织领导", "规范执法行为"]
    assert "按 Word 标题样式" in details(result.notes, "mark")


def test_wps_style_names_with_numeric_ids(tmp_path: Path) -> None:
    """WPS saves the built-in styles with numeric ids ("2" for heading 1); the name is what counts."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    title = document.styles.add_style("标题", WD_STYLE_TYPE.PARAGRAPH)
    title.element.set(f"{{{W}}}styleId", "3")
    part = document.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    part.element.set(f"{{{W}}}styleId", "2")
    document.add_paragraph("某某市公安局关于2024年度法治政府建设情况的报告", style=title)
    document.add_paragraph(OPENING)
    for heading, text in (("主要工作措施和成效", "召开专题会议4次。"), ("存在的问题", "信息化水平有待提高。")):
        document.add_paragraph(heading, style=part)
        document.add_paragraph(text)
    path = tmp_path / "wps.docx"
    document.save(str(path))
    report = read_report(path).report
    assert report.title is None and report.agency.name == "某某市公安局"
    assert [(p.kind, p.heading) for p in report.parts] == [(M, "主要工作措施和成效"), (S, "存在的问题")]


def _word_file(tmp_path: Path, name: str) -> Path:
    import docx

    document = docx.Document()
    for text in ("某某市公安局关于2024年度法治政府建设情况的报告", OPENING, *BODY):
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def _with_main_type(path: Path, main: str, target: Path) -> Path:
    """The package at *path* with its main part declared as *main* (what Word writes for .docm/.dotx)."""
    import zipfile

    plain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                assert plain.encode() in data
                data = data.replace(plain.encode(), main.encode())
            out.writestr(info, data)
    return target


def test_docm_and_dotx_are_read(tmp_path: Path) -> None:
    plain = _word_file(tmp_path, "plain.docx")
    for suffix, main in ((".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
                         (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")):
        path = _with_main_type(plain, main, tmp_path / f"report{suffix}")
        result = read_report(path)
        assert result.report.agency.name == "某某市公安局"
        assert [p.kind for p in result.report.parts] == [M, S, P]
        assert any(suffix in n.detail for n in result.notes if n.kind == "source")


# --- 6. another kind of document -------------------------------------------------------------------

OPEN_GOVERNMENT = [
    "某某市公安局2024年政府信息公开工作年度报告",
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，现向社会公布2024年政府信息公开工作年度报告。",
    "一、总体情况",
    "2024年，某某市公安局认真贯彻落实政府信息公开条例，依法推进政务公开工作。",
    "二、主动公开政府信息情况",
    "全年主动公开政府信息356条。",
    "三、收到和处理政府信息公开申请情况",
    "全年收到政府信息公开申请12件，均按期答复。",
    "四、存在的主要问题及改进情况",
    "一是公开内容还不够全面；二是解读形式较为单一。",
]


def test_an_open_government_report_is_recognised_and_keeps_its_title(tmp_path: Path) -> None:
    from generator.importer import result_yaml, summarise

    result = read_report(write_text(tmp_path, OPEN_GOVERNMENT))
    assert result.other_kind == "政府信息公开工作年度报告"
    assert result.notes[0].kind == "kind" and "不是法治政府建设年度报告" in result.notes[0].detail
    assert result.report.title == "某某市公安局2024年政府信息公开工作年度报告"  # not a generated 法治政府 title
    assert summarise(result.notes)[0] == "注意：文件类别："  # printed first
    assert "原文看起来是政府信息公开工作年度报告" in result_yaml(result)


def test_open_government_parts_without_title_are_recognised(tmp_path: Path) -> None:
    result = read_report(write_text(tmp_path, OPEN_GOVERNMENT[1:]), year=2024)
    assert result.other_kind == "政府信息公开工作年度报告"


def test_a_rule_of_law_report_is_not_flagged(tmp_path: Path) -> None:
    assert read_report(write_text(tmp_path, [OPENING, *BODY])).other_kind is None
    for name in ("000_c66680a5a87105e9.txt", "002_1bfe5519550173db.txt", "004_a40316cc724f519a.txt"):
        assert read_report(seed_path(name)).other_kind is None


# --- 7. the year in the first sentences ------------------------------------------------------------


def test_year_from_a_later_place_in_the_opening(tmp_path: Path) -> None:
    for opening, year in (
        ("根据《法治政府建设实施纲要（2021—2025年）》要求，现向社会公布2024年度法治政府建设工作情况。", 2024),
        ("按照市委依法治市办的部署，我局编制完成2023年法治政府建设年度报告，现报告如下：", 2023),
    ):
        result = read_report(write_text(tmp_path, [opening, *BODY]))
        assert result.report.year == year
        assert f"按开头段落取 {year} 年（把握不大" in details(result.notes, "header")
    result = read_report(write_text(tmp_path, OPEN_GOVERNMENT[1:]))  # "现向社会公布2024年……工作年度报告"
    assert result.report.year == 2024


def test_a_span_or_a_date_is_not_the_year(tmp_path: Path) -> None:
    from generator.errors import DataError

    opening = "根据《法治政府建设实施纲要（2021—2025年）》，我局于2025年1月召开专题会议，现报告如下："
    with pytest.raises(DataError, match="无法确定报告年度"):
        read_report(write_text(tmp_path, [opening, *BODY]))


# --- 8. traditional characters ---------------------------------------------------------------------


def test_a_traditional_mirror_copy_imports_like_the_original(tmp_path: Path) -> None:
    """The seed as a mirror site serves it (OpenCC s2t, the converter such sites use) reads as the seed."""
    import opencc

    from generator.api import import_report

    seed = seed_path("002_1bfe5519550173db.txt")
    traditional = opencc.OpenCC("s2t").convert(seed.read_text(encoding="utf-8"))
    assert "關於" in traditional or "報告" in traditional
    mirror = tmp_path / "mirror.txt"
    mirror.write_text(traditional, encoding="utf-8")
    original, copy = read_report(seed), import_report(mirror)
    assert copy.report.agency.name == original.report.agency.name == "中山市公安局"
    assert [p.kind for p in copy.report.parts] == [p.kind for p in original.report.parts]
    assert any("OpenCC 转为简体" in n.detail for n in copy.notes if n.kind == "source")
    same = sum(a == b for a, b in zip("".join(copy.report.opening), "".join(original.report.opening), strict=False))
    assert same / len("".join(original.report.opening)) > 0.99
    assert copy.match_ratio is not None and copy.match_ratio >= 0.995


def test_one_traditional_name_in_a_simplified_report_is_left_alone(tmp_path: Path) -> None:
    lines = [OPENING.replace("扎实推进", "学习《論語》，扎实推进"), *BODY]
    result = read_report(write_text(tmp_path, lines))
    assert "《論語》" in result.report.opening[0]
    assert not any("OpenCC" in n.detail for n in result.notes)


# --- 9. a web copy is the public version -----------------------------------------------------------


def test_a_web_copy_is_written_as_public_and_check_does_not_ask_for_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the CLI, as a user runs it: import a web copy, then check the YAML it wrote."""
    from generator.cli import main

    out = tmp_path / "haizhu.yaml"
    assert main(["import", str(seed_path("000_c66680a5a87105e9.txt")), "-o", str(out)]) == 0
    assert "variant: public" in out.read_text(encoding="utf-8")
    assert "按网站公开版导入" in capsys.readouterr().out
    main(["check", str(out)])
    shown = capsys.readouterr()
    assert "D4" not in shown.out + shown.err and "D5" not in shown.out + shown.err
    assert "主送机关" not in shown.out + shown.err and "签发人" not in shown.out + shown.err
    formal = read_report(seed_path("004_a40316cc724f519a.txt"))  # the one seed with a 版头
    assert formal.report.variant.value == "formal"
