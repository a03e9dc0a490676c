"""Inputs that are not a report text are refused with a message that says what to do instead."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from generator.api import import_report
from generator.cli import main
from generator.display import place_text
from generator.errors import DataError


def _png() -> bytes:
    """A valid 1×1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


PNG = _png()


def _image_only_docx(path: Path) -> Path:
    import docx

    image = path.with_suffix(".png")
    image.write_bytes(PNG)
    document = docx.Document()
    document.add_picture(str(image))
    document.add_paragraph("   ")
    document.save(str(path))
    return path


def _xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "年度"
    book.save(str(path))
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        import_report(path)
    error = caught.value
    assert error.problems, "a refusal names the file"
    assert str(path) in place_text(error.problems[0].place)
    return error.problems[0].message


def test_image_only_docx(tmp_path: Path) -> None:
    """Verify a scanned (pictures only) Word file is refused, suggesting OCR."""
    message = _refusal(_image_only_docx(tmp_path / "scan.docx"))
    assert "图片" in message and "文字" in message


def test_spreadsheet_by_name(tmp_path: Path) -> None:
    """Verify an .xlsx is refused as a spreadsheet."""
    assert "电子表格" in _refusal(_xlsx(tmp_path / "data.xlsx"))


def test_spreadsheet_named_docx(tmp_path: Path) -> None:
    """Verify a spreadsheet renamed to .docx is recognised by its content."""
    path = _xlsx(tmp_path / "data.xlsx").rename(tmp_path / "report.docx")
    assert "电子表格" in _refusal(path)


@pytest.mark.parametrize("content", [b"", b"  \r\n\r\n \t", "\ufeff".encode("utf-8")])
def test_empty_text(content: bytes, tmp_path: Path) -> None:
    """Verify an empty or blank file is refused."""
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "空" in _refusal(path) or "没有" in _refusal(path)


def test_empty_docx(tmp_path: Path) -> None:
    """Verify a Word file without text is refused."""
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    assert "空" in _refusal(path)


def test_residue_only(tmp_path: Path) -> None:
    """Verify a page with nothing but web furniture is refused."""
    path = tmp_path / "page.txt"
    path.write_text("信息来源：某市公安局\n发布日期：2025-03-01\n关闭\n打印\n", encoding="utf-8")
    assert "正文" in _refusal(path)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为"),
        ("report.pdf", b"%PDF-1.7\n...", "PDF"),
        ("scan.png", PNG, "图片"),
        ("report.yaml", b"year: 2024\n", "fzbg check"),
        ("notes.xyz", "中文".encode(), ".docx"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "损坏"),
        ("fake.docx", "这是文字，不是 Word 文档".encode(), "不是 Word 文档"),
        ("english.txt", b"Annual report\nNothing Chinese here\n", "中文"),
        ("binary.txt", b"\x00\x01\x02\x03binary", "二进制"),
        ("single.txt", "某市公安局2024年法治政府建设年度报告\n".encode(), "正文"),
    ],
)
def test_unrecognisable_inputs(name: str, content: bytes, words: str, tmp_path: Path) -> None:
    """Verify other files are refused with a message naming the problem."""
    path = tmp_path / name
    path.write_bytes(content)
    assert words in _refusal(path)


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    """Verify an ordinary zip archive is not taken for a Word file."""
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "压缩包" in _refusal(path)


def test_missing_file(tmp_path: Path) -> None:
    """Verify a missing source is a data error naming the file."""
    with pytest.raises(DataError) as caught:
        import_report(tmp_path / "nowhere.txt")
    assert "不存在" in caught.value.problems[0].message


def test_no_year_anywhere(tmp_path: Path) -> None:
    """Verify a report whose year cannot be found asks for --year, with the line number."""
    path = tmp_path / "r.txt"
    path.write_text("某市公安局法治政府建设情况的报告\n今年以来，我局……。\n一、主要举措\n正文。", "utf-8")
    with pytest.raises(DataError) as caught:
        import_report(path)
    problem = caught.value.problems[0]
    assert "--year" in problem.message and place_text(problem.place) == f"{path}:1"


@pytest.mark.parametrize(
    ("maker", "name"),
    [(_image_only_docx, "scan.docx"), (_xlsx, "data.xlsx")],
)
def test_refusals_exit_1_through_the_cli(maker, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify the CLI prints the refusal in Chinese, exits 1 and writes nothing."""
    source = maker(tmp_path / name)
    out = tmp_path / "report.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：无法导入该文件") and str(source) in err
    assert not out.exists()


def test_empty_file_exits_1_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify an empty .txt is refused by the CLI with exit code 1."""
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    assert main(["import", str(source), "-o", str(tmp_path / "r.yaml")]) == 1
    assert "空" in capsys.readouterr().err
