"""generator/safezip.py: real Office files pass; bombs, lying headers, odd zips and DTDs in any encoding do not."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from hostile_files import (
    BUREAUS,
    lie_about_size,
    png,
    report_docx_bytes,
    rewrite_zip,
    template_bytes,
    zeros,
)

from generator.display import place_text
from generator.errors import DataError
from generator.load.safezip import EXCEL, MB, WORD, Limits, check_package, package_problems

TINY = Limits("模板", "不是 zip", max_file=10 * MB, max_unpacked=4096, max_entries=20, max_ratio=50, ratio_floor=1024)
DOCTYPE = '<!DOCTYPE r [<!ENTITY e "x">]>'


def problem(data: bytes, limits: Limits = WORD) -> str:
    """The one problem of *data*, as text ("" when it passes)."""
    problems = package_problems(data, "f.docx", limits)
    assert len(problems) <= 1
    return problems[0].message if problems else ""


def zip_of(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, content in entries.items():
            package.writestr(name, content)
    return out.getvalue()


def picture_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("正文")
    document.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_real_office_files_pass(tmp_path: Path) -> None:
    """Verify Word, WPS-like and Excel files as the tool and its users make them are accepted, by bytes and by path."""
    for data in (template_bytes(), report_docx_bytes(), picture_docx()):
        assert problem(data) == ""
    assert package_problems(BUREAUS, BUREAUS.name, EXCEL) == []
    from openpyxl import Workbook

    book = Workbook()
    for row in range(2000):
        book.active.append(["江州市公安局东城区分局", row, 1.5, "=A1"])
    book.save(tmp_path / "big.xlsx")
    assert package_problems(tmp_path / "big.xlsx", "big.xlsx", EXCEL) == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_dtd_is_found_in_every_encoding_a_parser_detects(encoding: str) -> None:
    """Verify a DTD is refused in UTF-8, UTF-16 and UTF-32, with or without a BOM."""
    xml = f'<?xml version="1.0"?>{DOCTYPE}<r>&e;</r>'.encode(encoding)
    assert "含有 DTD 声明" in problem(zip_of({"word/document.xml": xml}))


def test_dtd_is_found_in_a_declared_encoding_not_based_on_ascii() -> None:
    """Verify a part declared as UTF-7 is decoded before searching, and unknown or EBCDIC encodings are refused."""
    data = b'<?xml version="1.0" encoding="UTF-7"?>' + DOCTYPE.replace("<!", "+ADwAIQ-").encode("ascii") + b"<r/>"
    assert b"<!DOCTYPE" not in data and DOCTYPE in data.decode("utf-7")
    assert "含有 DTD 声明" in problem(zip_of({"a.xml": data}))
    assert "无法识别的文字编码" in problem(zip_of({"a.xml": b'<?xml version="1.0" encoding="x-nothing"?><r/>'}))
    assert "无法识别的文字编码" in problem(zip_of({"a.xml": b'<?xml version="1.0" encoding="base64"?><r/>'}))
    assert "EBCDIC" in problem(zip_of({"a.xml": '<?xml version="1.0"?><r/>'.encode("cp037")}))
    gbk = '<?xml version="1.0" encoding="GBK"?><r>公安</r>'.encode("gbk")
    assert problem(zip_of({"a.xml": gbk})) == ""


def test_dtd_across_a_chunk_boundary_is_found() -> None:
    """Verify the search overlaps the 1 MB pieces an entry is read in."""
    for at in (MB - 4, MB - 1, MB):
        content = b" " * at + b"<!DOCTYPE r>" + b" " * 100
        assert "含有 DTD 声明" in problem(zip_of({"word/document.xml": content}, zipfile.ZIP_STORED)), at


def test_sizes_are_counted_from_the_data_not_the_headers() -> None:
    """Verify a header that understates is a bomb, one that overstates is damage, and the total is capped."""
    data = zip_of({"a.bin": zeros(2 * MB)})
    assert "解压后比记录的大小大" in problem(lie_about_size(data, "a.bin", 1000))
    assert "压缩比异常" in problem(data, TINY)
    assert "解压后超过" in problem(zip_of({"a.bin": b"x" * 5000}, zipfile.ZIP_STORED), TINY)
    assert "解压后超过" in problem(zip_of({f"{i}.bin": b"x" * 1000 for i in range(5)}, zipfile.ZIP_STORED), TINY)
    assert "条目过多" in problem(zip_of({f"{i}.txt": b"" for i in range(21)}), TINY)


def test_odd_zips_are_refused(tmp_path: Path) -> None:
    """Verify duplicate names, directory/header mismatches (overlapping entries), encryption, bzip2 and non-zips."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("a.xml", "<r/>")
        with pytest.warns(UserWarning, match="Duplicate name"):
            package.writestr("a.xml", "<r/>")
    duplicate = out.getvalue()
    assert "两个同名" in problem(duplicate)
    renamed = bytearray(zip_of({"word/a.xml": b"<r/>"}))
    at = renamed.rfind(b"word/a.xml")  # the central directory's copy of the name
    renamed[at:at + 10] = b"word/b.xml"
    assert "损坏" in problem(bytes(renamed))
    encrypted = bytearray(zip_of({"a.xml": b"<r/>"}))
    central = encrypted.find(b"PK\x01\x02")
    struct.pack_into("<H", encrypted, central + 8, struct.unpack_from("<H", encrypted, central + 8)[0] | 1)
    assert "已加密" in problem(bytes(encrypted))
    assert "压缩方式" in problem(zip_of({"a.xml": b"<r/>"}, zipfile.ZIP_BZIP2))
    assert problem(b"not a zip", TINY) == "不是 zip"
    with pytest.raises(DataError) as caught:
        check_package(rewrite_zip(template_bytes(), extra={"../x": b""}), "模板.docx", WORD, "标题")
    assert caught.value.message == "标题" and place_text(caught.value.problems[0].place) == "模板.docx"
    big = tmp_path / "big.xlsx"
    big.write_bytes(bytes(EXCEL.max_file + 1))
    assert "文件过大" in package_problems(big, "big.xlsx", EXCEL)[0].message
