"""Hostile inputs: custom templates, imported Word files and bulk spreadsheets (zip bombs, XXE, macros, injection).

One test per row of the table in tests/README.md, named by the row's ID (see hostile_cli.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from hostile_cli import (
    MINIMAL,
    assert_no_secret,
    docx_text,
    parts,
    refused,
    secret_file,
    subprocess_fzbg,
)
from hostile_files import (
    BULK_BASE,
    BUREAUS,
    docx_with_dtd,
    laughs_dtd,
    lie_about_size,
    report_docx_bytes,
    rewrite_zip,
    template_bytes,
    xlsx_with_dtd,
    xxe_dtd,
    zeros,
)

# ---------------------------------------------------------------- custom templates (--template)


def template_refused(tmp_path: Path, cli, data: bytes, name: str = "模板.docx") -> str:
    """Render with *data* as the template; assert a refusal naming it, and that nothing was written."""
    path = tmp_path / name
    path.write_bytes(data)
    err = refused(cli, "render", MINIMAL, "-o", tmp_path / "out.docx", "--template", path)
    assert name in err
    assert not (tmp_path / "out.docx").exists() and parts(tmp_path) == []
    return err


def test_template_zip_bomb(tmp_path: Path, cli) -> None:
    data = rewrite_zip(template_bytes(), {"word/document.xml": lambda _xml: zeros()})
    assert len(data) < 1024 * 1024
    assert "压缩比异常" in template_refused(tmp_path, cli, data)


def test_template_zip_bomb_lying_header(tmp_path: Path, cli) -> None:
    # The headers claim 1 KB (CRC included): only inflating the data itself shows the 60 MB.
    data = lie_about_size(rewrite_zip(template_bytes(), extra={"word/media/image9.png": zeros()}),
                          "word/media/image9.png", 1024)
    assert "疑似压缩炸弹" in template_refused(tmp_path, cli, data)


def test_template_not_a_zip(tmp_path: Path, cli) -> None:
    err = template_refused(tmp_path, cli, "这只是一个改了扩展名的文本文件。".encode())
    assert "不是有效的 .docx 文件" in err


def test_template_ole_doc(tmp_path: Path, cli) -> None:
    err = template_refused(tmp_path, cli, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert "旧版 .doc" in err
    err = template_refused(tmp_path, cli, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "模板.doc")
    assert "模板应是 .docx 文件" in err


def test_template_docm_macros(tmp_path: Path, cli) -> None:
    def macro_enabled(xml: bytes) -> bytes:
        return xml.replace(b"document.main+xml", b"document.macroEnabled.main+xml")

    data = rewrite_zip(template_bytes(), {"[Content_Types].xml": macro_enabled},
                       {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)})
    assert "含有宏" in template_refused(tmp_path, cli, data)


def test_template_path_traversal_entry(tmp_path: Path, cli) -> None:
    for entry in ("../../evil.txt", "word/../../evil.txt", "/tmp/evil.txt"):
        err = template_refused(tmp_path, cli, rewrite_zip(template_bytes(), extra={entry: b"evil"}))
        assert f"不安全的路径“{entry}”" in err
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def test_template_xxe(tmp_path: Path, cli) -> None:
    data = docx_with_dtd(template_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&xxe;&secret;")
    err = template_refused(tmp_path, cli, data)
    assert "word/document.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_template_billion_laughs(tmp_path: Path) -> None:
    path = tmp_path / "模板.docx"
    path.write_bytes(docx_with_dtd(template_bytes(), laughs_dtd("w:document"), "&lol9;"))
    result, seconds = subprocess_fzbg("render", MINIMAL, "-o", tmp_path / "out.docx", "--template", path)
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_template_dtd_in_utf16_part(tmp_path: Path, cli) -> None:
    data = docx_with_dtd(template_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&secret;", "utf-16")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"<!DOCTYPE" not in package.read("word/document.xml")  # only the UTF-16 form is there
    err = template_refused(tmp_path, cli, data)
    assert "DTD" in err
    assert_no_secret(err)


# ---------------------------------------------------------------- fzbg import


def import_refused(tmp_path: Path, cli, data: bytes) -> str:
    source = tmp_path / "去年的报告.docx"
    source.write_bytes(data)
    err = refused(cli, "import", source, "-o", tmp_path / "out.yaml")
    assert str(source) in err and "无法导入该文件" in err
    assert not (tmp_path / "out.yaml").exists() and parts(tmp_path) == []
    return err


def test_import_xxe(tmp_path: Path, cli) -> None:
    data = docx_with_dtd(report_docx_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&xxe;&secret;")
    err = import_refused(tmp_path, cli, data)
    assert "word/document.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_import_billion_laughs(tmp_path: Path) -> None:
    source = tmp_path / "去年的报告.docx"
    source.write_bytes(docx_with_dtd(report_docx_bytes(), laughs_dtd("w:document"), "&lol9;"))
    result, seconds = subprocess_fzbg("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_import_zip_bomb(tmp_path: Path, cli) -> None:
    data = rewrite_zip(report_docx_bytes(), extra={"word/media/image1.png": zeros()})
    assert "压缩比异常" in import_refused(tmp_path, cli, data)


# ---------------------------------------------------------------- fzbg bulk


def bulk_refused(tmp_path: Path, cli, data: bytes) -> str:
    table = tmp_path / "各分局.xlsx"
    table.write_bytes(data)
    outdir = tmp_path / "各分局报告"
    err = refused(cli, "bulk", BULK_BASE, table, "-o", outdir)
    assert "无法读取数据文件" in err and "各分局.xlsx" in err
    assert not outdir.exists() or not any(outdir.glob("*.docx"))
    return err


def test_bulk_xxe_xlsx(tmp_path: Path, cli) -> None:
    data = xlsx_with_dtd(BUREAUS.read_bytes(), xxe_dtd("worksheet", secret_file(tmp_path)), "&xxe;&secret;")
    err = bulk_refused(tmp_path, cli, data)
    assert "xl/worksheets/sheet1.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_bulk_billion_laughs_xlsx(tmp_path: Path) -> None:
    table = tmp_path / "各分局.xlsx"
    table.write_bytes(xlsx_with_dtd(BUREAUS.read_bytes(), laughs_dtd("worksheet"), "&lol9;"))
    result, seconds = subprocess_fzbg("bulk", BULK_BASE, table, "-o", tmp_path / "out", "--dry-run")
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_bulk_zip_bomb_xlsx(tmp_path: Path, cli) -> None:
    data = rewrite_zip(BUREAUS.read_bytes(), extra={"xl/media/image1.png": zeros()})
    assert "压缩比异常" in bulk_refused(tmp_path, cli, data)


def _bureau_rows() -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(BUREAUS)
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=2, max_row=5)]
    book.close()
    return rows


def test_bulk_cell_template_injection(tmp_path: Path, cli) -> None:
    from openpyxl import Workbook

    header, *bureaus = _bureau_rows()
    cell = "{{ 7*7 }}、{{ 简称 }}、{{ ''.__class__.__mro__ }}、{% for x in range(3) %}循环{% endfor %}"
    bureaus[0][header.index("辖区定位")] = cell  # the base report writes 立足{{ 辖区定位 }}实际
    book = Workbook()
    for row in [header, *bureaus]:
        book.active.append(row)
    book.save(tmp_path / "各分局.xlsx")
    code, _out, err = cli("bulk", BULK_BASE, tmp_path / "各分局.xlsx", "-o", tmp_path / "out")
    assert code == 0, err
    text = docx_text(tmp_path / "out" / f"{bureaus[0][0]}.docx")
    assert f"立足{cell}实际" in text  # the value is text: not evaluated, not expanded a second time
    assert "<class" not in text and "循环循环" not in text


def test_bulk_formula_injection_in_reports(tmp_path: Path, cli) -> None:
    from openpyxl import load_workbook

    header, *bureaus = _bureau_rows()
    hyperlink = '=HYPERLINK("http://example.invalid/","点击查看")'
    dde = "-2+3+cmd|' /C calc'!A0"
    bureaus[0][0] = hyperlink
    bureaus[1][0] = dde
    bureaus[1][header.index("行政处罚决定")] = "很多"  # this bureau fails, so it is listed in errors.csv
    with (tmp_path / "各分局.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in [header, *bureaus]:
            writer.writerow(["" if v is None else v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else v for v in row])
    code, _out, _err = cli("bulk", BULK_BASE, tmp_path / "各分局.csv", "-o", tmp_path / "out")
    assert code == 1  # one bureau failed
    book = load_workbook(tmp_path / "out" / "汇总.xlsx")
    cells = [c for row in book.worksheets[0].iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert {hyperlink, dde} <= {c.value for c in cells}
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig"))))
    assert any(dde in field for row in rows for field in row)
    assert not any(field.startswith(("=", "+", "-", "@")) for row in rows for field in row)
