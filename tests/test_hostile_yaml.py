"""Hostile inputs: malformed, dangerous or oddly encoded YAML data files.

One test per row of the table in tests/README.md, named by the row's ID (see hostile_cli.py)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import yaml
from hostile_cli import (
    MARK,
    MINIMAL_TEXT,
    docx_text,
    located,
    minimal,
    refused,
    subprocess_fzbg,
    with_line,
    write,
)

# ---------------------------------------------------------------- malformed YAML


def test_yaml_unclosed_quote(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "报告.yaml", minimal("opening: >-", 'opening: "没有闭合的引号\nx: >-'))
    err = refused(cli, "render", source, "-o", tmp_path / "out.docx")
    assert "YAML 格式错误" in err and "引号没有闭合" in err
    opening_line = source.read_text(encoding="utf-8").splitlines().index('opening: "没有闭合的引号') + 1
    assert located(err, source) == (opening_line, 10)  # where the quote opens, not the end of the file
    assert not (tmp_path / "out.docx").exists()


def test_yaml_tab_indentation(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  superior:", "\tsuperior:"))
    err = refused(cli, "check", source)
    assert "不能用 Tab 缩进" in err
    assert located(err, source) == (5, 1)


def test_yaml_bad_indentation(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  superior:", " superior:"))
    err = refused(cli, "check", source)
    assert "YAML 格式错误" in err
    assert located(err, source)[0] == 5


def test_yaml_year_not_a_number(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "报告.yaml", minimal("year: 2025", "year: abc"))
    err = refused(cli, "check", source)
    assert f"{source}:2:7 year 应为整数" in err


def test_yaml_parts_is_a_string(tmp_path: Path, cli) -> None:
    text = MINIMAL_TEXT.split("parts:")[0] + "parts: 主要举措和成效\nclosing: 特此报告\n"
    source = write(tmp_path / "报告.yaml", text)
    err = refused(cli, "check", source)
    line = text.splitlines().index("parts: 主要举措和成效") + 1
    assert f"{source}:{line}:8 parts 应为列表" in err


def test_yaml_unknown_key_did_you_mean(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  signer:", "  singer:"))
    err = refused(cli, "check", source)
    assert "未知字段“singer”，您是否想写“signer”？" in err
    assert located(err, source) == (8, 3)


def test_yaml_duplicate_key(tmp_path: Path, cli) -> None:
    # Most loaders keep the last value silently: a second `year:` far down would change the report.
    source = write(tmp_path / "报告.yaml", MINIMAL_TEXT + "year: 2019\n")
    err = refused(cli, "check", source)
    assert "字段“year”重复出现" in err
    assert located(err, source)[0] == len(MINIMAL_TEXT.splitlines()) + 1


def test_yaml_python_object_apply_tag(tmp_path: Path, cli) -> None:
    marker = tmp_path / "pwned-by-os-system"
    payload = f"!!python/object/apply:os.system ['touch {marker.as_posix()}']"
    if os.name == "posix":  # the payload is live: an unsafe loader really runs it
        yaml.unsafe_load(f"a: {payload}\n")
        assert marker.exists()
        marker.unlink()
    source = write(tmp_path / "报告.yaml", minimal("  name: 江州市公安局青山分局", f"  name: {payload}"))
    err = refused(cli, "render", source, "-o", tmp_path / "out.docx")
    assert "不允许使用 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system" in err
    assert located(err, source) == (4, 9)
    assert not marker.exists() and not (tmp_path / "out.docx").exists()


def test_yaml_other_python_tags(tmp_path: Path, cli) -> None:
    opened, made = tmp_path / "pwned-by-open", tmp_path / "pwned-by-mkdir"
    payloads = [
        f"!!python/object/apply:builtins.open ['{opened.as_posix()}', 'w']",
        f"!!python/object/apply:os.mkdir ['{made.as_posix()}']",
        f"!<tag:yaml.org,2002:python/object/apply:builtins.open> ['{opened.as_posix()}', 'w']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object/new:builtins.dict {}",
    ]
    for live in payloads[:2]:  # these payloads really create their file under an unsafe loader
        yaml.unsafe_load(f"a: {live}\n")
    assert opened.exists() and made.exists()
    opened.unlink()
    made.rmdir()
    documents = [minimal("  superior: 江州市公安局", f"  superior: {p}") for p in payloads]
    documents.append("%TAG !py! tag:yaml.org,2002:python/\n---\n"
                     + minimal("  superior: 江州市公安局", f"  superior: !py!object/apply:builtins.open"
                                                                    f" ['{opened.as_posix()}', 'w']"))
    for i, text in enumerate(documents):
        source = write(tmp_path / f"报告{i}.yaml", text)
        err = refused(cli, "render", source, "-o", tmp_path / "out.docx")
        assert "不允许使用 YAML 标签 tag:yaml.org,2002:python/" in err and "agency.superior" in err
        located(err, source)
    assert not opened.exists() and not made.exists() and not (tmp_path / "out.docx").exists()


def test_yaml_custom_tag(tmp_path: Path, cli) -> None:
    text = minimal("opening: >-", "opening: !include /etc/passwd\nx: >-")
    source = write(tmp_path / "报告.yaml", text)
    err = refused(cli, "render", source, "-o", tmp_path / "out.docx")
    assert "不允许使用 YAML 标签 !include" in err and "opening" in err
    assert located(err, source) == (text.splitlines().index("opening: !include /etc/passwd") + 1, 10)
    assert "root:" not in err and not (tmp_path / "out.docx").exists()


def test_yaml_merge_key(tmp_path: Path, cli) -> None:
    text = minimal("agency:\n", "agency: &a\n").replace("document:\n", "document:\n  <<: *a\n")
    source = write(tmp_path / "报告.yaml", text)
    err = refused(cli, "check", source)
    assert "不支持合并键 <<" in err
    located(err, source)


def test_yaml_billion_laughs_aliases(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    source = write(tmp_path / "炸弹.yaml", "\n".join(lines) + "\n")
    result, seconds = subprocess_fzbg("render", source, "-o", tmp_path / "out.docx", timeout=60)
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "YAML 文件过于复杂" in result.stderr and "别名" in result.stderr and "Traceback" not in result.stderr
    located(result.stderr, source)
    assert not (tmp_path / "out.docx").exists()


def test_yaml_deep_nesting(tmp_path: Path, cli) -> None:
    source = write(tmp_path / "嵌套.yaml", MINIMAL_TEXT + "x: " + "[" * 5000 + "]" * 5000 + "\n")
    err = refused(cli, "check", source)
    assert "YAML 文件过于复杂" in err and "嵌套的层次过深" in err, err
    # The 51st level: the top-level mapping is the first, so the 50th "[" (column 3 + 50) of the x: line.
    x_line = MINIMAL_TEXT.count("\n") + 1
    assert located(err, source) == (x_line, 3 + 50), err


def test_yaml_huge_file(tmp_path: Path, cli) -> None:
    source = tmp_path / "巨大.yaml"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(MINIMAL_TEXT)
        handle.write(("# " + "填充" * 500 + "\n") * 2000)  # 6 MB of comments: still valid YAML
    assert source.stat().st_size > 5 * 1024 * 1024
    err = refused(cli, "render", source, "-o", tmp_path / "out.docx")
    assert "文件过大" in err and str(source) in err
    assert not (tmp_path / "out.docx").exists()


# ---------------------------------------------------------------- encodings: read correctly, not refused


def render_encoded(tmp_path: Path, cli, data: bytes) -> str:
    """Render YAML given as raw bytes; assert success and return the document's text."""
    source = tmp_path / "报告.yaml"
    source.write_bytes(data)
    code, _out, err = cli("render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    text = docx_text(tmp_path / "out.docx")
    assert MARK in text and "江州市公安局青山分局" in text and "江青公报字〔2026〕1号" in text
    return text


def test_yaml_gbk_encoding(tmp_path: Path, cli) -> None:
    render_encoded(tmp_path, cli, with_line(MARK).encode("gbk"))


def test_yaml_utf8_bom(tmp_path: Path, cli) -> None:
    render_encoded(tmp_path, cli, with_line(MARK).encode("utf-8-sig"))


def test_yaml_utf16_bom(tmp_path: Path, cli) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        render_encoded(tmp_path, cli, bom + with_line(MARK).encode(encoding))
        (tmp_path / "out.docx").unlink()


def test_yaml_crlf_line_ends(tmp_path: Path, cli) -> None:
    text = render_encoded(tmp_path, cli, with_line(MARK).replace("\n", "\r\n").encode("utf-8"))
    assert "\r" not in text
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        assert b"\r" not in package.read("word/document.xml")
