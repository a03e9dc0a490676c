"""An agency's own template (generator/custom_template.py): checked before use, rendered in the sandbox."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.api import load_report
from generator.display import error_text
from generator.errors import DataError, RenderError
from generator.render.context import Imprint, Paragraph, RenderContext
from generator.render.custom_template import (
    VARIABLES,
    check_template_bytes,
    load_custom_template,
    model_attributes,
)
from generator.render.docx import default_template_bytes, render_docx_bytes
from generator.render.template_docs import docs_path, export_default_template, variables_markdown

REPO = Path(__file__).resolve().parent.parent
RED_LINE = "江州市公安局法制大队（内部资料）"


@pytest.fixture(scope="module")
def report():
    return load_report(REPO / "examples" / "minimal.yaml")[0]


def rewrite(parts: dict[str, callable], extra: dict[str, bytes] | None = None, data: bytes | None = None) -> bytes:
    """The default template (or *data*) with some parts edited (name → str → str) and entries added."""
    source = zipfile.ZipFile(io.BytesIO(data or default_template_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in parts:
                content = parts[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def body(old: str, new: str, count: int = 1) -> dict[str, callable]:
    def edit(xml: str) -> str:
        assert old in xml, old
        return xml.replace(old, new, count)

    return {"word/document.xml": edit}


def save(tmp_path: Path, data: bytes, name: str = "mine.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(tmp_path: Path, data: bytes, name: str = "mine.docx") -> str:
    """The text of the DataError a template is refused with."""
    with pytest.raises(DataError) as caught:
        load_custom_template(save(tmp_path, data, name))
    return error_text(caught.value)


def text_of(docx_bytes: bytes) -> list[str]:
    return docx_paragraphs(docx_bytes)


# ---------------------------------------------------------------- usable templates


def test_exported_default_template_passes_and_renders_like_the_default(tmp_path, report) -> None:
    """Verify the exported template is the shipped one, passes the checks, and renders the same text."""
    path = export_default_template(tmp_path / "mine.docx")
    assert path.read_bytes() == default_template_bytes()
    data, warnings = load_custom_template(path)
    assert warnings == []
    assert text_of(render_docx_bytes(report, template=data)) == text_of(render_docx_bytes(report))


def red_header_template() -> bytes:
    """The default template plus a static red line before everything and a red page header with variables."""
    import docx
    from docx.shared import RGBColor

    document = docx.Document(io.BytesIO(default_template_bytes()))
    first = document.paragraphs[0].insert_paragraph_before()
    run = first.add_run(RED_LINE)
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    header = document.sections[0].header
    header_run = header.paragraphs[0].add_run("{{ agency_mark }} {{ year }}年度")
    header_run.font.color.rgb = RGBColor(0xFF, 0, 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_template_with_an_extra_static_red_header_renders(tmp_path, report) -> None:
    """Verify a template with a static red line and a red page header passes and renders both."""
    data, _ = load_custom_template(save(tmp_path, red_header_template()))
    rendered = render_docx_bytes(report, template=data, fonts="windows")
    lines = text_of(rendered)
    assert lines[0] == RED_LINE
    assert lines[1:] == text_of(render_docx_bytes(report, fonts="windows"))
    package = zipfile.ZipFile(io.BytesIO(rendered))
    document_xml = package.read("word/document.xml").decode()
    red_run = document_xml[: document_xml.index(RED_LINE)]
    assert 'w:color w:val="FF0000"' in red_run[red_run.rindex("<w:r>"):]
    headers = [package.read(n).decode() for n in package.namelist() if re.match(r"word/header\d*\.xml", n)]
    assert any("江州市公安局青山分局 2025年度" in h and "FF0000" in h for h in headers)
    from generator.render.pdf import document_fonts

    assert not any("GB2312" in font for font in document_fonts(rendered))  # --fonts still applies


# ---------------------------------------------------------------- refused with their location


def test_syntax_error_is_refused_with_part_and_line(tmp_path) -> None:
    """Verify a broken tag is refused, naming the part, the line and the text around it."""
    text = refused(tmp_path, rewrite(body("{{ doc_number }}", "{{ doc_number }")))
    assert "模板有误" in text and "mine.docx 正文（word/document.xml） 第 " in text
    assert "模板语法错误" in text and "{{ doc_number }" in text


def test_unclosed_block_points_at_its_opening_tag(tmp_path) -> None:
    """Verify a missing {%p endif %} is reported at the {%p if %} it should close."""
    text = refused(tmp_path, rewrite(body("{%p endif %}", "")))
    assert "没有对应的 {% endif %}" in text
    assert "该行文字：“{% if formal %}" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{{ doc_number }}", "{{ doc_no }}", "变量“doc_no”不存在，您是否想写 doc_number（发文字号）？"),
        ("{{ signer }}", "{{ 签发人 }}", "变量“签发人”不存在，您是否想写 signer（签发人姓名）？"),
        ("{{ agency_mark }}", "{{ agency.name }}", "变量“agency”不存在，您是否想写 agency_mark"),
        ("{{ p.head }}", "{{ p.heading }}", "“p”没有属性“heading”，您是否想写 p.head？"),
        ("{{ imprint.copy_to }}", "{{ imprint.cc }}", "“imprint”没有属性“cc”"),
        ("{{ closing }}", "{{ closing|shout }}", "没有名为“shout”的过滤器"),
    ],
)
def test_unknown_names_are_refused_with_a_suggestion(tmp_path, old: str, new: str, expected: str) -> None:
    """Verify variables, attributes and filters the model does not provide are named, with the closest known one."""
    text = refused(tmp_path, rewrite(body(old, new)))
    assert expected in text
    assert "word/document.xml） 第 " in text


def test_unknown_variable_in_a_footer_names_the_footer(tmp_path) -> None:
    """Verify the footers are checked too, and named as 页脚."""
    data = rewrite({"word/footer1.xml": lambda xml: xml.replace(" —</w:t>", " —{{ page_count }}</w:t>", 1)})
    text = refused(tmp_path, data)
    assert "页脚（word/footer1.xml） 第 2 行" in text and "page_count" in text


# ---------------------------------------------------------------- sandbox


ATTACKS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''|attr('__class__') }}",
    "{{ title['__class__'] }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_access_to_python_internals_is_refused_and_not_rendered(tmp_path, report, attack: str) -> None:
    """Verify ``__class__`` and friends are refused by the check, and the sandbox stops them even unchecked."""
    data = rewrite(body("{{ doc_number }}", attack))
    assert "模板不能读取程序内部的对象" in refused(tmp_path, data)
    try:
        rendered = render_docx_bytes(report, template=data)
    except RenderError as exc:
        assert "模板出错" in exc.message
    else:  # pragma: no cover - the sandbox renders it harmlessly
        text = "".join(text_of(rendered))
        assert "class" not in text and "uid=" not in text


@pytest.mark.parametrize("tag", ["{% import os %}", "{% import 'os' as os %}", "{% include '/etc/passwd' %}",
                                 "{% from 'x' import y %}", "{% extends '/etc/hosts' %}"])
def test_imports_and_includes_are_refused_and_not_rendered(tmp_path, report, tag: str) -> None:
    """Verify a template cannot import modules or read files, checked or not."""
    data = rewrite(body("{{ doc_number }}", tag))
    assert "模板不能引用其他文件或程序模块" in refused(tmp_path, data)
    try:
        rendered = render_docx_bytes(report, template=data)
    except (RenderError, TypeError):  # TypeError: "no loader for this environment" (render.py lets it through)
        return
    text = "".join(text_of(rendered))  # pragma: no cover
    assert "root:" not in text and "localhost" not in text  # pragma: no cover


# ---------------------------------------------------------------- unsafe or wrong files


def test_files_that_are_not_docx_templates_are_refused(tmp_path) -> None:
    """Verify a missing file, a wrong suffix, a non-zip, an old .doc and a zip without Word parts are refused."""
    with pytest.raises(DataError, match="找不到模板文件"):
        load_custom_template(tmp_path / "无此文件.docx")
    assert "模板应是 .docx 文件" in refused(tmp_path, default_template_bytes(), "mine.dotm")
    assert "不是有效的 .docx 文件" in refused(tmp_path, b"hello, not a zip")
    assert "旧版 .doc" in refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as package:
        package.writestr("readme.txt", "x")
    assert "不是 Word 文档" in refused(tmp_path, plain.getvalue())


def test_unsafe_zip_entries_are_refused(tmp_path) -> None:
    """Verify entry names that climb out of the folder or are absolute are refused."""
    for name in ("../evil.txt", "/etc/evil", "word/../../evil", "C:/evil.txt", "word\\..\\evil"):
        assert "不安全的路径" in refused(tmp_path, rewrite({}, {name: b"x"})), name


def test_zip_bomb_is_refused(tmp_path) -> None:
    """Verify a part that unpacks to 60 MB of zeros (a ~1000:1 ratio) is refused without unpacking it."""
    assert "压缩比异常" in refused(tmp_path, rewrite({}, {"word/media/bomb.bin": b"\0" * (60 * 1024 * 1024)}))


def test_macros_are_refused(tmp_path) -> None:
    """Verify a macro-enabled document is refused."""
    assert "含有宏" in refused(tmp_path, rewrite({}, {"word/vbaProject.bin": b"macro"}))


def test_renamed_style_ids_are_found_by_name(tmp_path, report) -> None:
    """Verify a template whose style ids were renamed (as another program does on saving) loses nothing."""
    def rename(xml: str) -> str:
        return xml.replace('"Mark"', '"Style25"').replace('"SignatureName"', '"Style30"')

    data = rewrite({"word/styles.xml": rename, "word/document.xml": rename})
    loaded, warnings = load_custom_template(save(tmp_path, data))
    assert warnings == []
    assert 'w:styleId="Mark"' in zipfile.ZipFile(io.BytesIO(loaded)).read(
        "word/styles.xml").decode()
    assert "Style25" not in zipfile.ZipFile(io.BytesIO(loaded)).read("word/document.xml").decode()
    assert text_of(render_docx_bytes(report, template=loaded))


def test_renamed_style_names_give_a_warning_not_an_error(tmp_path, report) -> None:
    """Verify a template whose style names were changed is usable, with a warning naming the roles."""
    def rename(xml: str) -> str:
        return xml.replace('w:val="发文机关标志"', 'w:val="红头"').replace('w:val="署名"', 'w:val="单位"')

    data = rewrite({"word/styles.xml": rename})
    loaded, warnings = load_custom_template(save(tmp_path, data))
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert "“发文机关标志”" in warnings[0].message and "“署名”" in warnings[0].message
    assert "共 2 个" in warnings[0].message
    assert text_of(render_docx_bytes(report, template=loaded))


def test_check_template_bytes_accepts_the_default() -> None:
    """Verify the shipped template has no problem at all."""
    assert check_template_bytes(default_template_bytes(), "report.docx") == []


# ---------------------------------------------------------------- the variable list


def test_every_variable_of_the_model_is_described() -> None:
    """Verify each field a template can see has a Chinese description, and no description is stale."""
    expected = set(RenderContext.model_fields)
    expected |= {f"Paragraph.{a}" for a in model_attributes(Paragraph)}
    expected |= {f"Imprint.{a}" for a in model_attributes(Imprint)}
    assert set(VARIABLES) == expected


def test_committed_variable_list_is_current() -> None:
    """Verify docs/template-variables.md is what the model generates (python -m generator.render.template_docs)."""
    assert docs_path().read_text(encoding="utf-8") == variables_markdown()
