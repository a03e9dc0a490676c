"""Hostile inputs: report text that looks like code, and output path problems.

One test per row of the table in tests/README.md, named by the row's ID (see hostile_cli.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import (
    MINIMAL,
    docx_text,
    parts,
    refused,
    with_line,
    write,
)

# ---------------------------------------------------------------- report text that looks like code


INJECTIONS = ["{{ 7*7 }}", "{% for x in range(3) %}循环{% endfor %}", "{{ ''.__class__.__mro__ }}",
              "{%p if true %}段落标签{%p endif %}", "{{r x }}", "{# 注释 #}"]


def test_text_template_injection(tmp_path: Path, cli) -> None:
    line = "注入测试：" + "、".join(INJECTIONS) + "。"
    text = re.sub(r"opening: >-\n .*\n", f'opening: "{INJECTIONS[0]}开头"\n', with_line(f'"{line}"'))
    source = write(tmp_path / "报告.yaml", text)
    # straight quotes are a check error (P-rule); --draft renders anyway, which is what is tested here
    code, _out, err = cli("render", source, "-o", tmp_path / "out.docx", "--draft")
    assert code == 0, err
    rendered = docx_text(tmp_path / "out.docx")
    assert line in rendered and f"{INJECTIONS[0]}开头" in rendered
    assert "<class" not in rendered and "循环循环" not in rendered


def test_text_xml_specials(tmp_path: Path, cli) -> None:
    from lxml import etree

    line = """R&D <公安> "双引号" 'single' ]]> &amp; &#x41; <![CDATA[x]]> <w:t>结束</w:t>"""
    text = with_line("'" + line.replace("'", "''") + "'")
    text = text.replace("  name: 江州市公安局青山分局", "  name: 江州市公安局R&D<某某>分局")
    source = write(tmp_path / "报告.yaml", text)
    # straight quotes are a check error (P-rule); --draft renders anyway, which is what is tested here
    code, _out, err = cli("render", source, "-o", tmp_path / "out.docx", "--draft")
    assert code == 0, err
    rendered = docx_text(tmp_path / "out.docx")
    assert line in rendered and "江州市公安局R&D<某某>分局" in rendered
    with zipfile.ZipFile(tmp_path / "out.docx") as package:  # every part is well-formed XML, strictly parsed
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


def test_text_control_characters(tmp_path: Path, cli) -> None:
    text = with_line('"转义的控制字符\\x07\\x0b\\u0000结束"\n      - 原样的控制字符\x0b\x08\x00结束')
    source = write(tmp_path / "报告.yaml", text)
    code, _out, err = cli("render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    assert f"{source}:29:16" in err and "控制字符" in err  # the raw ones: a located warning
    rendered = docx_text(tmp_path / "out.docx")
    assert "转义的控制字符结束" in rendered and "原样的控制字符结束" in rendered


def test_text_html_injection(tmp_path: Path, cli) -> None:
    import html

    line = """<script>alert('x')</script><img src=x onerror="alert(1)"> & <a href="javascript:alert(1)">链接</a>"""
    source = write(tmp_path / "报告.yaml", with_line("'" + line.replace("'", "''") + "'"))
    code, _out, err = cli("render", source, "-o", tmp_path / "公开版.html")
    assert code == 0, err
    page = (tmp_path / "公开版.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<a " not in page.lower()
    assert html.escape(line, quote=False) in page or html.escape(line) in page


# ---------------------------------------------------------------- output paths


def test_output_missing_folder(tmp_path: Path, cli) -> None:
    target = tmp_path / "没有这个文件夹" / "报告.docx"
    err = refused(cli, "render", MINIMAL, "-o", target)
    assert "不存在" in err and str(target) in err
    assert not target.parent.exists() and parts(tmp_path) == []


def _make_unwritable_as_root(folder: Path) -> Callable[[], None] | None:
    """Root ignores permission bits; an immutable folder (chattr +i) still refuses it. Returns the undo."""
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0:
        return lambda: subprocess.run([chattr, "-i", str(folder)], check=True)
    return None


def test_output_read_only_folder(tmp_path: Path, cli) -> None:
    if os.name == "nt":
        pytest.skip("a Windows folder cannot simply be made read-only for its owner")
    folder = tmp_path / "只读"
    folder.mkdir()
    if os.geteuid() == 0:
        undo = _make_unwritable_as_root(folder)
        if undo is None:
            pytest.skip("running as root without chattr +i support: no way to refuse root a folder")
    else:
        folder.chmod(0o555)
        undo = lambda: folder.chmod(0o755)  # noqa: E731
    target = folder / "报告.docx"
    try:
        err = refused(cli, "render", MINIMAL, "-o", target)
    finally:
        undo()
    assert "权限" in err or "只读" in err
    assert not target.exists() and parts(folder) == []


def test_output_exists_without_force(tmp_path: Path, cli) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"last year's report")
    before = target.stat().st_mtime_ns
    err = refused(cli, "render", MINIMAL, "-o", target)
    assert "输出文件已存在" in err and "--force" in err
    assert target.read_bytes() == b"last year's report" and target.stat().st_mtime_ns == before
    assert parts(tmp_path) == []


def test_output_exists_with_force(tmp_path: Path, cli) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"last year's report")
    code, _out, err = cli("render", MINIMAL, "-o", target, "--force")
    assert code == 0, err
    assert "江青公报字〔2026〕1号" in docx_text(target) and parts(tmp_path) == []


def test_output_path_is_a_folder(tmp_path: Path, cli) -> None:
    target = tmp_path / "报告.docx"
    target.mkdir()
    err = refused(cli, "render", MINIMAL, "-o", target)
    assert "文件夹" in err and str(target) in err
    assert target.is_dir() and list(target.iterdir()) == [] and parts(tmp_path) == []
