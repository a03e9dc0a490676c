"""``fzbg render`` and ``fzbg template`` through the CLI: the -o suffix picks the format, --template, --fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docxtext import docx_paragraphs
from shared import edited_template

from generator.render import pdf

REPO = Path(__file__).resolve().parent.parent
MINIMAL = str(REPO / "examples" / "minimal.yaml")
EXAMPLE = str(REPO / "examples" / "seed-meixian-2024.yaml")


def paragraphs(path: Path) -> list[str]:
    return docx_paragraphs(path)


# ---------------------------------------------------------------- .docx (unchanged behaviour)


def test_docx_is_written_as_before(tmp_path, cli) -> None:
    """Verify -o x.docx writes the formal .docx with the same message as before."""
    out = tmp_path / "报告.docx"
    code, stdout, _ = cli("render", MINIMAL, "-o", str(out))
    assert code == 0 and stdout.strip() == f"已生成 {out}（正式上报版）"
    assert "江青公报字〔2026〕1号" in "".join(paragraphs(out))
    code, stdout, _ = cli("render", MINIMAL, "-o", str(out), "--variant", "public", "--force")
    assert code == 0 and "（公开版）" in stdout
    assert "江青公报字〔2026〕1号" not in "".join(paragraphs(out))


def test_existing_output_needs_force(tmp_path, cli) -> None:
    """Verify an existing output of any format is not overwritten without --force."""
    for name in ("a.docx", "a.pdf", "a.html"):
        target = tmp_path / name
        target.write_bytes(b"old")
        code, _, stderr = cli("render", MINIMAL, "-o", str(target))
        assert code == 1 and "输出文件已存在" in stderr and "--force" in stderr
        assert target.read_bytes() == b"old"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "输出文件应以 .docx、.pdf 或 .html 结尾"),
        (["-o", "x.docx", "--variant", "draft"], "--variant 只能是 formal 或 public"),
        (["-o", "x.pdf", "--fonts", "mac"], "--fonts 只能是 gb2312 或 windows"),
        (["-o", "x.html", "--template", "mine.docx"], "网页（.html）不使用 Word 模板"),
    ],
)
def test_usage_errors(tmp_path, cli, monkeypatch, args: list[str], message: str) -> None:
    """Verify wrong options are usage errors (exit 2) with a Chinese message, and nothing is written."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = cli("render", MINIMAL, *args)
    assert code == 2 and message in stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- .html


def test_html_defaults_to_the_public_variant(tmp_path, cli) -> None:
    """Verify -o x.html writes one public page; --variant formal works but warns."""
    out = tmp_path / "公开版.html"
    code, stdout, stderr = cli("render", EXAMPLE, "-o", str(out))
    assert code == 0 and "公开版网页" in stdout and "错误" not in stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<h1>" in page and "<script" not in page
    formal = tmp_path / "正式.html"
    code, _, stderr = cli("render", MINIMAL, "-o", str(formal), "--variant", "formal")
    assert code == 0 and stderr.startswith("警告：") and "--variant public" in stderr
    assert "江青公报字〔2026〕1号" in formal.read_text(encoding="utf-8")


# ---------------------------------------------------------------- .pdf


def test_pdf_through_libreoffice(soffice, tmp_path, cli) -> None:
    """Verify -o x.pdf writes only the PDF (no .docx left), with --fonts, and warns about substituted fonts."""
    out = tmp_path / "报告.pdf"
    code, stdout, stderr = cli("render", MINIMAL, "-o", str(out), "--fonts", "windows")
    assert code == 0, stderr
    assert stdout.strip() == f"已生成 {out}（正式上报版，PDF）"
    assert out.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.pdf"]
    missing = pdf.substituted_fonts(out, {"仿宋", "楷体", "黑体", "华文中宋", "宋体", "Times New Roman"})
    if missing:  # the warning names exactly the fonts LibreOffice replaced
        line = [x for x in stderr.splitlines() if x.startswith("警告：")]
        assert len(line) == 1 and "LibreOffice 已用其他字体代替" in line[0]
        assert all(font in line[0] for font in missing) and "GB2312" not in line[0]
    else:
        assert "警告" not in stderr


def test_pdf_without_libreoffice_keeps_the_docx(tmp_path, cli, monkeypatch) -> None:
    """Verify no LibreOffice: exit 1, a clear Chinese message naming the .docx written instead."""
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-folder"))
    out = tmp_path / "报告.pdf"
    code, stdout, stderr = cli("render", MINIMAL, "-o", str(out))
    assert code == 1 and stdout == ""
    assert stderr.startswith("错误：未找到 LibreOffice，无法生成 PDF")
    kept = tmp_path / "报告.docx"
    assert str(kept) in stderr and "另存为 PDF" in stderr and "安装 LibreOffice" in stderr
    assert not out.exists() and kept.read_bytes()[:2] == b"PK"
    assert "江青公报字〔2026〕1号" in "".join(paragraphs(kept))


# ---------------------------------------------------------------- --template and fzbg template


def test_template_export_check_and_use(tmp_path, cli) -> None:
    """Verify export → edit → check → render --template, through the CLI."""
    mine = tmp_path / "我的模板.docx"
    code, stdout, _ = cli("template", "export", "-o", str(mine))
    assert code == 0 and f"已导出默认模板到 {mine}" in stdout and "--template" in stdout
    code, _, stderr = cli("template", "export", "-o", str(mine))
    assert code == 1 and "输出文件已存在" in stderr

    import docx
    from docx.shared import RGBColor

    document = docx.Document(str(mine))
    run_ = document.paragraphs[0].insert_paragraph_before().add_run("本单位红头")
    run_.font.color.rgb = RGBColor(0xFF, 0, 0)
    document.save(str(mine))
    code, stdout, stderr = cli("template", "check", str(mine))
    assert code == 0 and "检查通过" in stdout and stderr == ""

    out = tmp_path / "报告.docx"
    code, stdout, stderr = cli("render", MINIMAL, "-o", str(out), "--template", str(mine))
    assert code == 0, stderr
    assert paragraphs(out)[0] == "本单位红头"


def test_bad_template_is_refused_before_rendering(tmp_path, cli) -> None:
    """Verify render --template and template check refuse a template with an unknown variable, naming it."""
    bad = tmp_path / "坏模板.docx"
    bad.write_bytes(edited_template("word/document.xml", lambda xml: xml.replace("{{ signer }}", "{{ signer_name }}")))
    out = tmp_path / "报告.docx"
    for args in (["render", MINIMAL, "-o", str(out), "--template", str(bad)], ["template", "check", str(bad)]):
        code, stdout, stderr = cli(*args)
        assert code == 1 and stdout == ""
        assert "错误：模板有误" in stderr
        place = r"坏模板\.docx 正文（word/document\.xml） 第 \d+ 行 "
        assert re.search(place + "模板中的变量“signer_name”不存在，您是否想写 signer（", stderr)
    assert not out.exists()
    code, _, stderr = cli("render", MINIMAL, "-o", str(out), "--template", str(tmp_path / "无.docx"))
    assert code == 1 and "找不到模板文件" in stderr


def test_template_variables_lists_the_model(cli) -> None:
    """Verify fzbg template variables prints every variable with its Chinese meaning."""
    code, stdout, _ = cli("template", "variables")
    assert code == 0
    for name in ("agency_mark", "doc_number", "paragraphs", "p.head", "imprint.copy_to", "发文字号"):
        assert name in stdout
