"""How the importer reads structure: levels, run-in headings, chains, parts and their kinds, 版头 and 落款."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.api import import_report
from generator.importer import result_yaml
from generator.importer.chains import inline_chain, paragraph_chain
from generator.importer.classify import heading_kind, paragraph_kind
from generator.importer.frame import parse_date
from generator.importer.structure import heading_mark, split_heading
from generator.load.yaml_file import parse_yaml
from generator.model.report import Agency, Chain, ChainItem, Closing, Document, Part, PartKind, Report, Section
from generator.model.vocabulary import Variant
from generator.render.context import build_context, document_lines
from generator.validate import validate_document


def full_report() -> Report:
    """A report using every structure the importer must recognise."""
    return Report(
        year=2024,
        agency=Agency(name="某某市公安局某某区分局", superior="某某市公安局", mark="某某市公安局某某区分局文件"),
        document=Document(
            number="某公报字〔2025〕3号",
            signer="张三",
            date=dt.date(2025, 1, 8),
            signature_name="某某区公安分局",
            attachments=["2024年度执法数据统计表", "法治建设责任清单"],
            copy_to=["区委依法治区办", "区司法局"],
            printed_by="某某市公安局某某区分局办公室",
            printed_date=dt.date(2025, 1, 9),
        ),
        opening=["2024年，分局坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治公安建设。", "现将有关情况报告如下："],
        parts=[
            Part(
                kind=PartKind.measures,
                heading="主要举措和成效",
                content=[
                    Section(
                        heading="强化组织领导",
                        content=[
                            "分局党委把法治建设摆在突出位置。",
                            Chain(chain=["召开党委会专题研究3次。", "开展述法评议。"], lead="具体做法是："),
                        ],
                    ),
                    Section(
                        heading="推进严格规范公正文明执法。",
                        run_in=True,
                        content=[
                            Chain(chain=["规范执法办案。", "强化案件审核。", "深化执法公开。"], layout="paragraphs"),
                            Section(
                                heading="执法监督",
                                content=[
                                    Section(heading="案件评查。", run_in=True, content=["全年评查案件120宗。"]),
                                    Section(
                                        heading="执法培训",
                                        content=[
                                            Chain(chain=["组织旁听庭审。", "开展执法考试。"], style="circled", layout="paragraphs")
                                        ],
                                    ),
                                ],
                            ),
                        ],
                    ),
                    Section(
                        heading="党政主要负责人履行推进法治建设第一责任人职责情况",
                        kind=PartKind.leader_duty,
                        content=["主要负责人带头述法。"],
                    ),
                ],
            ),
            Part(kind=PartKind.shortcomings, heading="存在的不足和原因", content=["执法规范化水平仍有差距。"]),
            Part(
                kind=PartKind.plans,
                heading="2025年工作安排",
                content=[
                    Chain(
                        chain=[ChainItem(text="加强学习。", verb="是"), "严格执法。", "强化监督。"],
                        verb="要",
                        layout="paragraphs",
                    )
                ],
            ),
            Part(kind=PartKind.other, heading="其他需要报告的情况。", run_in=True, content=["无。"]),
        ],
        closing=Closing.zhuan_ci,
    )


def _public_only(report: Report) -> Report:
    """*report* without what only the formal variant prints (版头 fields, 主送, 版记)."""
    return report.model_copy(
        update={
            "variant": Variant.public,  # a copy without 版头 imports as the published version (issue 15)
            "agency": report.agency.model_copy(update={"superior": None, "mark": None}),
            "document": report.document.model_copy(
                update={"number": None, "signer": None, "copy_to": [], "printed_by": None, "printed_date": None}
            ),
        }
    )


def _write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("variant", ["formal", "public"])
@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_rendered_text_imports_as_the_same_model(variant: str, kind: str, tmp_path: Path) -> None:
    """Verify a report rendered by fzbg (as text or a plain .docx) imports as an equivalent model."""
    original = full_report()
    lines = document_lines(build_context(original, variant))
    if kind == "txt":
        source = tmp_path / "report.txt"
        source.write_text("\n".join(lines), encoding="utf-8")
    else:
        source = _write_docx(tmp_path / "report.docx", lines)
    result = import_report(source)
    expected = original if variant == "formal" else _public_only(original)
    assert result.report == expected
    assert result.variant == variant
    assert result.match_ratio == 1.0
    back = validate_document(parse_yaml(result_yaml(result), "x.yaml")).report
    assert back == expected


@pytest.mark.parametrize("variant", ["formal", "public"])
def test_docx_from_the_renderer_imports_as_the_same_model(variant: str, tmp_path: Path) -> None:
    """Verify render_docx_bytes → import gives back the model."""
    from generator.render.docx import render_docx_bytes

    original = full_report()
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx_bytes(original, variant=variant))
    expected = original if variant == "formal" else _public_only(original)
    assert import_report(source).report == expected


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("主要举措和成效", PartKind.measures),
        ("坚持思想政治引领，压实法治建设第一责任人职责", PartKind.leader_duty),
        ("2024年度推进法治政府建设存在的不足和原因", PartKind.shortcomings),
        ("存在问题", PartKind.shortcomings),
        ("下一步工作计划", PartKind.plans),
        ("下一年度推进法治政府建设的主要安排", PartKind.plans),
        ("2025年工作打算", PartKind.plans),
        ("其他需要报告的情况", PartKind.other),
        ("坚持问题导向，推进执法规范化建设", PartKind.measures),
        ("夯实基层治理根基，服务建设法治化营商环境", PartKind.measures),
    ],
)
def test_part_classification(heading: str, kind: PartKind) -> None:
    """Verify part headings map to the five items of the 规定 (the rest are measures)."""
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2024年，分局取得一定成绩，但同时也存在部分不足和薄弱环节，主要体现在：一是……", PartKind.shortcomings),
        ("尽管本年度取得一定进展，但仍存在短板与不足：一是……", PartKind.shortcomings),
        ("2025年，分局将认真学习贯彻党的二十大精神。", PartKind.plans),
        ("下一步，我局将持续深化执法规范化建设。", PartKind.plans),
        ("本年度，分局聚焦法治公安建设目标，全力深化改革。", None),
        ("2024年，分局共作出行政处罚决定10110宗。", None),
        ("着力解决执法突出问题，未发生涉警投诉。", None),
    ],
)
def test_unheaded_paragraph_kind(text: str, kind: PartKind | None) -> None:
    """Verify which plain paragraphs open an unheaded problems or plans part."""
    assert paragraph_kind(text, 2024) == kind


def test_headings_without_a_part_title(tmp_path: Path) -> None:
    """Verify a body of （一） sections with no 一、 part, then plans as a plain paragraph."""
    text = "\n".join(
        [
            "某县公安局2024年法治政府建设年度报告",
            "2024年，我局全面推进法治公安建设，现报告如下：",
            "（一）强化组织领导。党委会专题研究法治工作4次。",
            "（二）规范执法行为",
            "全年组织执法培训12场。",
            "2025年，我局将继续深化执法规范化建设，一是加强培训；二是强化监督。",
        ]
    )
    source = tmp_path / "r.txt"
    source.write_text(text, encoding="utf-8")
    report = import_report(source).report
    assert [(p.kind, p.heading) for p in report.parts] == [(PartKind.measures, None), (PartKind.plans, None)]
    first, second = report.parts[0].content
    assert (first.heading, first.run_in, first.level) == ("强化组织领导。", True, None)
    assert (second.heading, second.run_in, second.content) == ("规范执法行为", False, ["全年组织执法培训12场。"])
    # The 一是 chain in the plans paragraph is recognised even after a comma and with 是/；.
    chain = report.parts[1].content[0]
    assert isinstance(chain, Chain) and [i.text for i in chain.chain] == ["加强培训；", "强化监督。"]
    assert document_lines(build_context(report, "public"))[2:] == text.split("\n")[2:]


@pytest.mark.parametrize(
    ("text", "level", "number", "rest"),
    [
        ("一、主要举措", 1, 1, "主要举措"),
        ("十二、其他", 1, 12, "其他"),
        ("（三）组织领导", 2, 3, "组织领导"),
        ("1.主要举措", 3, 1, "主要举措"),
        ("2、主要成效", 3, 2, "主要成效"),
        ("（10）第34点", 4, 10, "第34点"),
    ],
)
def test_heading_marks(text: str, level: int, number: int, rest: str) -> None:
    """Verify the four GB/T 9704 levels are recognised with their numbers."""
    mark = heading_mark(text)
    assert mark is not None and (mark.level, mark.number, mark.rest) == (level, number, rest)


@pytest.mark.parametrize("text", ["2024年，分局……", "3.2万余名义警", "一是加强学习", "一、", "（一）", "①科学制定"])
def test_not_heading_marks(text: str) -> None:
    """Verify figures, chain ordinals and bare marks are not headings."""
    assert heading_mark(text) is None


def test_split_heading_ignores_punctuation_inside_quotes() -> None:
    """Verify a run-in heading ends at the first 。/： outside “” and 《》."""
    assert split_heading("全面推行“马上办：网上办”：治安大队上线事项109项。") == (
        "全面推行“马上办：网上办”：",
        "治安大队上线事项109项。",
    )
    assert split_heading("执法监督精细化") == ("执法监督精细化", "")


def test_inline_chain_with_lead_and_ordinals_stripped() -> None:
    """Verify 一是…二是… inside a paragraph: lead kept, ordinals stripped, nothing lost."""
    text = "主要体现在：一是学习不够深入。二是执法水平有待提升。三是普法覆盖面不广。"
    chain = inline_chain(text)
    assert chain is not None
    assert chain.lead == "主要体现在："
    assert [i.text for i in chain.chain] == ["学习不够深入。", "执法水平有待提升。", "普法覆盖面不广。"]


@pytest.mark.parametrize(
    "text",
    [
        "推进执法标准统一是关键，二是次要。",  # 统一是: not an ordinal
        "一是只有一项。",  # a single item is not a chain
        "其中二是和三是出现但没有一是。",
    ],
)
def test_not_chains(text: str) -> None:
    """Verify words that merely contain 一是 are left as text."""
    assert inline_chain(text) is None


def test_paragraph_chain_with_mixed_verbs_and_circled() -> None:
    """Verify one item per paragraph, 一是/二要 verbs kept, ① items recognised."""
    chain, used = paragraph_chain(["一是强化学习。", "二要规范执法。", "三要强化监督。", "结语。"])
    assert used == 3 and chain is not None
    assert chain.verb == "要" and [i.verb for i in chain.chain] == ["是", None, None]
    circled, used = paragraph_chain(["①科学抽查。", "②动态更新。"])
    assert used == 2 and circled is not None and circled.style == "circled"
    assert paragraph_chain(["一是甲。二是乙。", "三是丙。"]) == (None, 0)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025年1月8日", dt.date(2025, 1, 8)),
        ("2025年01月08日", dt.date(2025, 1, 8)),
        ("二〇二五年一月十八日", dt.date(2025, 1, 18)),
        ("2025年2月30日", None),
        ("2025年1月8日至今", None),
    ],
)
def test_dates(text: str, date: dt.date | None) -> None:
    """Verify 成文日期 in Arabic or Chinese numerals, and that non-dates are not taken."""
    assert parse_date(text) == date


def test_title_over_two_lines_and_mark_before_it(tmp_path: Path) -> None:
    """Verify a hand-split title is joined, and an organ's name above a title is the 版头."""
    joined = tmp_path / "a.txt"
    joined.write_text("某市公安局关于2024年度\n法治政府建设情况的报告\n2024年，我局……。\n一、主要举措\n正文。", "utf-8")
    report = import_report(joined).report
    assert report.title is None and report.agency.name == "某市公安局" and report.agency.mark is None
    marked = tmp_path / "b.txt"
    marked.write_text("某市公安局文件\n2024年法治政府建设年度报告\n某省公安厅：\n2024年，我局……。\n一、主要举措\n正文。", "utf-8")
    report = import_report(marked).report
    assert report.agency.name == "某市公安局" and report.agency.mark == "某市公安局文件"
    assert report.title == "2024年法治政府建设年度报告" and report.agency.superior == "某省公安厅"


def test_year_from_option_when_the_title_has_none(tmp_path: Path) -> None:
    """Verify --year supplies the year of a report whose title and opening have none."""
    source = tmp_path / "r.txt"
    source.write_text("某市公安局法治政府建设情况的报告\n今年以来，我局……。\n一、主要举措\n正文。", "utf-8")
    assert import_report(source, year=2023).report.year == 2023


def test_word_automatic_numbering_becomes_text(tmp_path: Path) -> None:
    """Verify headings numbered by Word's list feature (not typed) are read with their numbers."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph("某市公安局2024年法治政府建设年度报告")
    document.add_paragraph("2024年，我局……。")
    numbered("主要举措", 0)
    numbered("强化领导。正文一。", 1)
    numbered("规范执法。正文二。", 1)
    numbered("存在的不足", 0)
    document.add_paragraph("执法水平仍有差距。")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    report = import_report(path).report
    assert [p.heading for p in report.parts] == ["主要举措", "存在的不足"]
    assert [s.heading for s in report.parts[0].content] == ["强化领导。", "规范执法。"]
    assert report.parts[1].kind == PartKind.shortcomings


def test_number_line_in_a_table_and_text_box_free_body(tmp_path: Path) -> None:
    """Verify a 版头 laid out in a table (as some templates do) is read in reading order."""
    import docx

    document = docx.Document()
    document.add_paragraph("某市公安局")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "某公报字〔2025〕1号"
    table.cell(0, 1).text = "签发人：李四"
    document.add_paragraph("某市公安局关于2024年度法治政府建设情况的报告")
    document.add_paragraph("某省公安厅：")
    document.add_paragraph("2024年，我局……。")
    document.add_paragraph("一、主要举措")
    document.add_paragraph("正文。")
    document.add_paragraph("特此报告。")
    document.add_paragraph("某市公安局")
    document.add_paragraph("2025年1月8日")
    path = tmp_path / "table.docx"
    document.save(str(path))
    report = import_report(path).report
    assert (report.document.number, report.document.signer) == ("某公报字〔2025〕1号", "李四")
    assert report.closing == Closing.te_ci and report.document.date == dt.date(2025, 1, 8)
    assert report.agency.mark is None and report.agency.superior == "某省公安厅"


def test_renumbering_is_reported(tmp_path: Path) -> None:
    """Verify a gap in the source's numbering is reported, since the renderer numbers afresh."""
    source = tmp_path / "r.txt"
    source.write_text("某市公安局2024年法治政府建设年度报告\n开头。\n一、主要举措\n（一）甲\n正文。\n（三）乙\n正文。", "utf-8")
    result = import_report(source)
    assert any(n.kind == "renumber" and "（三）" in n.detail and "（二）" in n.detail for n in result.notes)


def test_transition_line_is_not_a_recipient(tmp_path: Path) -> None:
    """Verify "现将有关情况报告如下：" right under the title stays in the opening, while organs are 主送."""
    source = tmp_path / "r.txt"
    source.write_text("某市公安局2024年法治政府建设年度报告\n现将有关情况报告如下：\n一、主要举措\n正文。", "utf-8")
    report = import_report(source).report
    assert report.agency.superior is None and report.opening == ["现将有关情况报告如下："]
    source.write_text("某市公安局2024年法治政府建设年度报告\n市委依法治市办、市公安局：\n开头。\n一、主要举措\n正文。", "utf-8")
    assert import_report(source).report.agency.superior == "市委依法治市办、市公安局"
