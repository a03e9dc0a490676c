"""Step 4b of the pipeline: rendering the .docx (generator/render.py, generator/docx_post.py).

Every output is opened with python-docx and read back: the text must equal ``document_lines`` of the
context, special characters must come out as typed, and the layout of GB/T 9704-2012 (fonts, page,
footers, 版头, 版记, 落款) must be in the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from docxtext import docx_paragraphs
from lxml import etree

from generator.api import load_report
from generator.errors import RenderError
from generator.model.report import Report
from generator.render.context import VARIANTS, build_context, document_lines
from generator.render.docx import default_template_bytes, render_docx_bytes
from generator.render.fonts import FONT_PROFILES

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
VALID = Path(__file__).resolve().parent / "data" / "valid"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


@cache
def load(path: Path) -> Report:
    report, _ = load_report(path)
    return report


@cache
def rendered(path: Path, variant: str = "formal", fonts: str = "gb2312") -> bytes:
    return render_docx_bytes(load(path), variant=variant, fonts=fonts)  # type: ignore[arg-type]


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts_of(data)[name])  # strict: Word refuses what lxml's recover mode hides


def styled(data: bytes, style_id: str) -> list[etree._Element]:
    return xml(data, "word/document.xml").xpath(f'//w:p[w:pPr/w:pStyle/@w:val="{style_id}"]', namespaces=NS)


def text_of(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def style_element(data: bytes, style_id: str) -> etree._Element:
    [style] = xml(data, "word/styles.xml").xpath(f'w:style[@w:styleId="{style_id}"]', namespaces=NS)
    return style


def style_font(data: bytes, style_id: str) -> dict[str, str | None]:
    style = style_element(data, style_id)
    rfonts = style.find(f"{w('rPr')}/{w('rFonts')}")
    size = style.find(f"{w('rPr')}/{w('sz')}")
    return {
        "eastAsia": rfonts.get(w("eastAsia")),
        "ascii": rfonts.get(w("ascii")),
        "sz": size.get(w("val")) if size is not None else None,
    }


# ---------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_text_equals_document_lines(example: Path, variant: str) -> None:
    data = rendered(example, variant)
    expected = document_lines(build_context(load(example), variant))  # type: ignore[arg-type]
    assert docx_paragraphs(data) == expected


def test_special_characters_come_out_as_typed() -> None:
    fixture = VALID / "special_chars.yaml"
    report = load(fixture)
    data = rendered(fixture)
    texts = docx_paragraphs(data)
    assert texts == document_lines(build_context(report, "formal"))
    name = """某某市R&D<公安>局"甲"'乙'"""
    assert [text_of(p) for p in styled(data, "Mark")] == [name]
    assert [text_of(p) for p in styled(data, "SignatureName")] == [name]
    assert "".join(text_of(p) for p in styled(data, "FzTitle")) == """关于R&D <测试> "引号" '单引号' & 的报告"""
    assert [text_of(p) for p in styled(data, "Recipient")] == ["上级&机关<一>："]
    assert "一、标题&<>\"'" in texts
    assert """正文 & < > " ' 结束。""" in texts
    assert "某&公<字>〔2025〕1号\t签发人：张&三" in texts
    assert "抄送：A&B局，<C>局。" in texts
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title == report.full_title == """关于R&D <测试> "引号" '单引号' & 的报告"""
    assert core.author == name
    assert b"&amp;amp;" not in parts_of(data)["docProps/core.xml"]  # not escaped twice


def test_template_syntax_in_report_text_is_not_executed() -> None:
    texts = docx_paragraphs(rendered(VALID / "special_chars.yaml"))
    assert "开头段 {{ 7*7 }} 与 {% for x in range(3) %}x{% endfor %} 原样保留。" in texts
    assert "{%p if true %}段落标签{%p endif %}与 {{r x }} 也原样保留。" in texts
    assert "（一）小节 {{ agency_mark }} {# 注释 #}" in texts
    assert "{{ ''.__class__.__mro__ }}" in texts
    assert not any("49" in t or "xxx" in t for t in texts)


def test_control_characters_are_removed_and_the_document_opens() -> None:
    fixture = VALID / "control_chars.yaml"
    report, warnings = load_report(fixture)
    assert len(warnings) == 3 and {w_.severity for w_ in warnings} == {"warning"}
    for variant in VARIANTS:
        data = render_docx_bytes(report, variant=variant)
        for name, content in parts_of(data).items():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(content)  # every part is well-formed XML
        texts = docx_paragraphs(data)
        assert "江州市公安局青山分局" in texts and "一、主要举措and成效" in texts and "正文第一段。" in texts
        assert not any(CONTROL.search(t) for t in texts)


def test_every_part_of_every_output_is_well_formed() -> None:
    for example in EXAMPLES:
        for variant in VARIANTS:
            for name, content in parts_of(rendered(example, variant)).items():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(content)


def test_a_very_long_title_renders_with_its_document_properties_capped() -> None:
    """Verify a 300-character title renders (OOXML core properties hold 255 characters; found by the fuzz test)."""
    report = Report.model_validate({"year": 2025, "agency": {"name": "某" * 300}, "parts": [{"kind": "measures"}]})
    document = docx.Document(io.BytesIO(render_docx_bytes(report, "public")))
    assert document.core_properties.title == report.full_title[:255]
    assert document.core_properties.author == "某" * 255


# ---------------------------------------------------------------------------------------------- fonts

FORMAL = VALID / "imprint.yaml"  # formal fields, a date and 抄送: our own fixture, not an example

GB2312_FONTS = [
    ("Normal", "仿宋_GB2312", "32"),
    ("Body", "仿宋_GB2312", "32"),
    ("Heading1", "黑体", "32"),
    ("Heading2", "楷体_GB2312", "32"),
    ("Heading3", "仿宋_GB2312", "32"),
    ("Heading4", "仿宋_GB2312", "32"),
    ("FzTitle", "方正小标宋简体", "44"),
    ("Mark", "方正小标宋简体", "72"),
    ("Imprint", "仿宋_GB2312", "28"),
    ("FzPageNumber", "宋体", "28"),
]
WINDOWS_FONTS = [
    ("Normal", "仿宋", "32"),
    ("Body", "仿宋", "32"),
    ("Heading1", "黑体", "32"),
    ("Heading2", "楷体", "32"),
    ("FzTitle", "华文中宋", "44"),
    ("Mark", "华文中宋", "72"),
    ("FzPageNumber", "宋体", "28"),
]


@pytest.mark.parametrize(
    ("profile", "style_id", "east_asia", "size"),
    [("gb2312", *row) for row in GB2312_FONTS] + [("windows", *row) for row in WINDOWS_FONTS],
)
def test_style_fonts_and_sizes(profile: str, style_id: str, east_asia: str, size: str) -> None:
    font = style_font(rendered(FORMAL, "formal", profile), style_id)
    assert (font["eastAsia"], font["sz"]) == (east_asia, size)


@pytest.mark.parametrize("profile", list(FONT_PROFILES))
def test_latin_fonts(profile: str) -> None:
    data = rendered(FORMAL, "formal", profile)
    assert style_font(data, "Body")["ascii"] == "Times New Roman"
    assert style_font(data, "FzPageNumber")["ascii"] == "宋体"  # 7.5: 半角宋体阿拉伯数字
    defaults = xml(data, "word/styles.xml").find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    assert defaults.get(w("eastAsia")) == FONT_PROFILES[profile]["fangsong"]


@pytest.mark.parametrize("profile", list(FONT_PROFILES))
def test_no_theme_font_attributes(profile: str) -> None:
    data = rendered(FORMAL, "formal", profile)
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        attributes = {a for element in xml(data, name).iter() for a in element.attrib}
        themed = sorted(a for a in attributes if a.lower().endswith("theme"))
        assert themed == [], f"{name}: {themed}"


def test_windows_profile_leaves_no_gb2312_font_anywhere() -> None:
    styles = parts_of(rendered(FORMAL, "formal", "windows"))["word/styles.xml"].decode("utf-8")
    assert "_GB2312" not in styles and "方正小标宋简体" not in styles


def test_unknown_font_profile_is_refused_in_chinese() -> None:
    with pytest.raises(RenderError) as info:
        render_docx_bytes(load(FORMAL), fonts="mac")
    assert info.value.message == "未知的字体方案"
    assert "gb2312" in info.value.problems[0].message


def test_mark_shrinks_to_fit_a_long_agency_name() -> None:
    short = styled(rendered(FORMAL), "Mark")[0]
    assert short.xpath(".//w:r/w:rPr/w:sz/@w:val", namespaces=NS) == ["72"]  # 36 pt: 10 characters fit
    long_name = load(FORMAL).model_copy(deep=True)
    long_name.agency.name = "新疆维吾尔自治区公安厅交通管理局高速公路支队"  # 22 characters
    mark = styled(render_docx_bytes(long_name), "Mark")[0]
    [size] = set(mark.xpath(".//w:r/w:rPr/w:sz/@w:val", namespaces=NS))
    # 22 characters do not fit one line even at the 22 pt floor (20 do): two lines broken between words,
    # at the size the longer line (11 characters) allows, capped at 36 pt.
    lines = "".join(t.text if t.tag.endswith("}t") else "\n" for t in mark.iter(f"{{{NS['w']}}}t", f"{{{NS['w']}}}br"))
    assert lines.split("\n") == ["新疆维吾尔自治区公安厅", "交通管理局高速公路支队"]
    assert int(size) == 72
    longer = load(FORMAL).model_copy(deep=True)
    longer.agency.name = "新疆维吾尔自治区伊犁哈萨克自治州公安局霍尔果斯口岸分局"  # 27: the longer line takes 19
    mark = styled(render_docx_bytes(longer), "Mark")[0]
    assert set(mark.xpath(".//w:r/w:rPr/w:sz/@w:val", namespaces=NS)) == {"44"}  # 22 pt


# ---------------------------------------------------------------------------------------------- page and footers


def test_a4_page_and_gbt9704_margins() -> None:
    data = rendered(FORMAL)
    [sect] = xml(data, "word/document.xml").xpath("//w:body/w:sectPr", namespaces=NS)
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    assert {k: margins.get(w(k)) for k in ("top", "left", "bottom", "right")} == {
        "top": "2098",
        "left": "1587",
        "bottom": "1984",
        "right": "1474",
    }
    assert sect.find(w("titlePg")) is None  # page 1 is numbered too


def test_odd_and_even_footers_carry_a_page_field_between_dashes() -> None:
    data = rendered(FORMAL)
    parts = parts_of(data)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = xml(data, "word/document.xml").xpath("//w:sectPr/w:footerReference", namespaces=NS)
    by_type = {ref.get(w("type")): "word/" + targets[ref.get(f"{{{refs[0].nsmap['r']}}}id")] for ref in refs}
    assert set(by_type) == {"default", "even"}
    for kind, name in by_type.items():
        footer = etree.fromstring(parts[name])
        [paragraph] = footer.findall(w("p"))
        assert paragraph.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FzPageNumber"]
        assert paragraph.xpath(".//w:fldChar/@w:fldCharType", namespaces=NS) == ["begin", "separate", "end"]
        assert [t.strip() for t in paragraph.xpath(".//w:instrText/text()", namespaces=NS)] == ["PAGE"]
        texts = paragraph.xpath(".//w:t/text()", namespaces=NS)
        assert texts[0] == "— " and texts[-1] == " —"
        jc = paragraph.xpath("w:pPr/w:jc/@w:val", namespaces=NS)
        side = "right" if kind == "default" else "left"  # odd pages 居右空一字, even pages 居左空一字
        assert jc == [side]
        assert paragraph.xpath(f"w:pPr/w:ind/@w:{side}", namespaces=NS) == ["280"]


def test_settings_turn_on_odd_and_even_footers() -> None:
    settings = xml(rendered(FORMAL), "word/settings.xml")
    assert settings.find(w("evenAndOddHeaders")) is not None


# ---------------------------------------------------------------------------------------------- 版头, 版记, 落款


def test_formal_variant_has_the_red_mark_and_the_doc_number_with_a_red_rule() -> None:
    data = rendered(FORMAL, "formal")
    [mark] = styled(data, "Mark")
    assert text_of(mark) == "江州市公安局青山分局"
    color = style_element(data, "Mark").find(f"{w('rPr')}/{w('color')}")
    assert color.get(w("val")) == "FF0000"
    [number] = styled(data, "DocNumber")
    assert text_of(number) == "江青公报字〔2025〕3号签发人：王建国"
    assert number.xpath('.//w:r[w:rPr/w:rStyle/@w:val="SignerName"]/w:t/text()', namespaces=NS) == ["王建国"]
    border = style_element(data, "DocNumber").find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}")
    assert border is not None and border.get(w("color")) == "FF0000" and border.get(w("val")) == "single"
    [recipient] = styled(data, "Recipient")
    assert text_of(recipient) == "江州市公安局："


def test_a_signer_without_number_keeps_the_tab_that_aligns_it_right() -> None:
    """Verify the 发文字号 line with only 签发人 is "\\t签发人：…" in the .docx and in document_lines alike."""
    report = Report.model_validate({"year": 2025, "agency": {"name": "江州市公安局"}, "document": {"signer": "王建国"},
                                    "parts": [{"kind": "measures"}]})
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx_bytes(report, "formal"))).paragraphs]
    assert "\t签发人：王建国" in paragraphs
    assert "\t签发人：王建国" in document_lines(build_context(report, "formal"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_public_variant_has_no_mark_number_recipient_or_imprint(example: Path) -> None:
    data = rendered(example, "public")
    for style_id in ("Mark", "MarkGap", "DocNumber", "Recipient", "Imprint"):
        assert styled(data, style_id) == [], style_id
    assert docx.Document(io.BytesIO(data)).tables == []
    texts = docx_paragraphs(data)
    superior = load(example).agency.superior
    assert not any(t.startswith("主送") or (superior and t == superior + "：") for t in texts)
    assert not any("签发人" in t or t.endswith("印发") for t in texts)


def imprint_rows(data: bytes) -> list[str]:
    tables = docx.Document(io.BytesIO(data)).tables
    assert len(tables) == 1
    return [row.cells[0].text for row in tables[0].rows]


def test_imprint_with_copy_to_and_date() -> None:
    rows = imprint_rows(rendered(VALID / "imprint.yaml", "formal"))
    assert rows == ["抄送：青山区委依法治区办，江州市公安局法制支队。", "江州市公安局青山分局\t2025年1月8日印发"]
    assert rows[-1].endswith("印发")


def test_imprint_with_a_date_only_has_one_row() -> None:
    report = load(VALID / "imprint.yaml").model_copy(deep=True)
    report.document.copy_to = []
    assert imprint_rows(render_docx_bytes(report, "formal")) == ["江州市公安局青山分局\t2025年1月8日印发"]


def test_imprint_with_copy_to_only() -> None:
    report = load(VALID / "imprint.yaml").model_copy(deep=True)
    report.document.date = None
    rows = imprint_rows(render_docx_bytes(report, "formal"))
    assert rows[0] == "抄送：青山区委依法治区办，江州市公安局法制支队。"
    assert rows[-1].startswith("江州市公安局青山分局")


def test_no_imprint_without_date_or_copy_to() -> None:
    data = rendered(VALID / "minimal.yaml", "formal")
    assert docx.Document(io.BytesIO(data)).tables == []


def right_indent_chars(paragraph: etree._Element) -> float:
    [value] = paragraph.xpath("w:pPr/w:ind/@w:right", namespaces=NS)
    return int(value) / 315  # one 3号 character at the template's tightened pitch


@pytest.mark.parametrize(
    ("agency", "name_right", "date_right"),
    [
        ("江州市公安局青山分局", 2.0, 4.0),  # 署名 右空二字; date starts two characters right of it
        ("某某局", 7.0, 2.0),  # the date is longer: it takes 右空二字 and the 署名 moves left
    ],
)
def test_signature_right_indents(agency: str, name_right: float, date_right: float) -> None:
    report = load(VALID / "imprint.yaml").model_copy(deep=True)
    report.agency.name = agency
    data = render_docx_bytes(report, "public")
    [name] = styled(data, "SignatureName")
    [date] = styled(data, "SignatureDate")
    assert (text_of(name), text_of(date)) == (agency, "2025年1月8日")
    assert right_indent_chars(name) == pytest.approx(name_right, abs=0.01)
    assert right_indent_chars(date) == pytest.approx(date_right, abs=0.01)
    # GB/T 9704 7.3.5.2: the date (6 characters wide: digits count half) starts two characters to the
    # right of the 署名's first character
    assert date_right + 6 == pytest.approx(name_right + len(agency) - 2)


def test_last_body_paragraph_is_kept_with_the_signature() -> None:
    data = rendered(FORMAL, "formal")
    body = xml(data, "word/document.xml").find(w("body"))
    paragraphs = body.findall(w("p"))
    styles = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in paragraphs]
    signature = styles.index("SignatureName")
    last_body = max(i for i in range(signature) if styles[i] == "Body")
    # formal: the sealed 落款 (7.3.5.1) keeps two blank lines for the seal
    assert styles[last_body:signature] == ["Body", "FzClosing", "SignatureGap", "SignatureGap"]
    for paragraph in paragraphs[last_body:signature]:
        assert paragraph.find(f"{w('pPr')}/{w('keepNext')}") is not None


def keep_chain(report: Report) -> list[tuple[str, bool]]:
    """(style, keep-with-next) of the paragraphs from the last body paragraph to the 署名."""
    body = xml(render_docx_bytes(report, "formal"), "word/document.xml").find(w("body"))
    paragraphs = body.findall(w("p"))
    styles = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in paragraphs]
    signature = styles.index("SignatureName")
    last_body = max(i for i in range(signature) if styles[i] == "Body")
    return [(styles[i], paragraphs[i].find(f"{w('pPr')}/{w('keepNext')}") is not None)
            for i in range(last_body, signature)]


@pytest.mark.parametrize(
    ("last_paragraph", "closing", "body_kept"),
    [
        ("全年办理案件。" * 4, "特此报告", True),  # 28 characters: two lines travel along
        ("春夏秋冬山川河流" * 12, "特此报告", False),  # 96 characters, four lines: the 结束语 carries body text
        ("春夏秋冬山川河流" * 70, "无", True),  # no 结束语: the last paragraph is the only body text to carry
    ],
)
def test_the_signature_chain_moves_lines_not_long_paragraphs(last_paragraph: str, closing: str, body_kept: bool) -> None:
    """§2.5 / 7.3.5.5: LibreOffice moves a keep-with-next paragraph whole (and drops an over-long chain), so a
    long last paragraph is left out of the chain when the 结束语 can carry body text onto the 署名 page
    (measured in tests/test_layout.py::test_signature_after_a_long_last_paragraph)."""
    report = load(FORMAL).model_copy(deep=True)
    report.parts[-1].content[-1] = last_paragraph
    report = Report.model_validate({**report.model_dump(mode="json"), "closing": closing})
    chain = keep_chain(report)
    gaps = [("SignatureGap", True), ("SignatureGap", True)]
    if closing == "无":
        assert chain == [("Body", True), *gaps]
    else:
        assert chain == [("Body", body_kept), ("FzClosing", True), *gaps]


def test_missing_template_variable_is_an_error_not_a_blank() -> None:
    report = load(FORMAL)
    source = io.BytesIO(default_template_bytes())
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"{{ closing }}" in content
                content = content.replace(b"{{ closing }}", b"{{ no_such_field }}")
            new.writestr(item, content)
    with pytest.raises(RenderError) as info:
        render_docx_bytes(report, template=target.getvalue())
    assert info.value.message == "模板出错，无法生成文档"
    assert "no_such_field" in info.value.problems[0].message
