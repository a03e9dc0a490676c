"""The hostile-input suite: every input an attacker or an unlucky user can hand the tool, and what it must do.

One test per row of the table in tests/README.md; the test names are the table's IDs, and
test_table_matches_tests keeps the two in step. Refusals are checked through the command line (in this
process, or in a subprocess where a time limit or "no traceback" is the point): exit code, a Chinese
message naming the place, and no output file, not even a partial one.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable

import pytest
import yaml
from hostile_files import (
    BULK_BASE,
    BUREAUS,
    MINIMAL,
    REPO,
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

from generator.cli import main

README = Path(__file__).with_name("README.md")
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
SHORTCOMING = "部分民警法治思维有待提升，执法监督信息化水平仍需提高。"  # one body paragraph of MINIMAL
MARK = "某某分局坚持和发展新时代“枫桥经验”，全年化解矛盾纠纷三百余起，群众满意率持续提升。"
SECRET = "绝密-XXE-探针-7f3a"  # the content of the file the XXE tests try to read


# ---------------------------------------------------------------- helpers


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """``fzbg ARGS`` in this process: exit code, stdout, stderr."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    """Run ``fzbg ARGS``, assert a clean data refusal (exit 1, no internal error) and return stderr."""
    code, out, err = run(capsys, *args)
    assert code == 1, (out, err)
    assert err.startswith("错误：") and "内部错误" not in err and "Traceback" not in err, err
    return err


def subprocess_fzbg(*args: object, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m generator ARGS`` in a child process with a time limit; returns it and the seconds taken."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], check=False, cwd=REPO,
                            capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                            env={**os.environ, "PYTHONUTF8": "1"})
    return result, time.perf_counter() - start


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def located(err: str, path: Path) -> tuple[int, int]:
    """The line and column of the first ``path:line:col`` in *err* (fails when there is none)."""
    match = re.search(rf"{re.escape(str(path))}:(\d+):(\d+)", err)
    assert match, f"no {path}:line:col in {err!r}"
    return int(match.group(1)), int(match.group(2))


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def parts(path: Path) -> list[str]:
    """Names of the leftover temporary files in a folder (there must never be any)."""
    return [p.name for p in path.iterdir() if p.name.endswith(".part")]


def minimal(old: str, new: str) -> str:
    """examples/minimal.yaml with *old* replaced by *new* (fails loudly if the example no longer has *old*)."""
    assert old in MINIMAL_TEXT, f"examples/minimal.yaml changed: {old!r} is gone"
    return MINIMAL_TEXT.replace(old, new, 1)


def with_line(text: str) -> str:
    """MINIMAL with one body paragraph replaced by *text* (given as a YAML scalar)."""
    return minimal(f"      - {SHORTCOMING}", f"      - {text}")


def secret_file(tmp_path: Path) -> Path:
    return write(tmp_path / "secret.txt", SECRET)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and "root:" not in text


# ---------------------------------------------------------------- malformed YAML


def test_yaml_unclosed_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "报告.yaml", minimal("opening: >-", 'opening: "没有闭合的引号\nx: >-'))
    err = refused(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert "YAML 格式错误" in err and "引号没有闭合" in err
    located(err, source)
    assert not (tmp_path / "out.docx").exists()


def test_yaml_tab_indentation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  superior:", "\tsuperior:"))
    err = refused(capsys, "check", source)
    assert "不能用 Tab 缩进" in err
    assert located(err, source) == (5, 1)


def test_yaml_bad_indentation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  superior:", " superior:"))
    err = refused(capsys, "check", source)
    assert "YAML 格式错误" in err
    assert located(err, source)[0] == 5


def test_yaml_year_not_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "报告.yaml", minimal("year: 2025", "year: abc"))
    err = refused(capsys, "check", source)
    assert f"{source}:2:7 year 应为整数" in err


def test_yaml_parts_is_a_string(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINIMAL_TEXT.split("parts:")[0] + "parts: 主要举措和成效\nclosing: 特此报告\n"
    source = write(tmp_path / "报告.yaml", text)
    err = refused(capsys, "check", source)
    line = text.splitlines().index("parts: 主要举措和成效") + 1
    assert f"{source}:{line}:8 parts 应为列表" in err


def test_yaml_unknown_key_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "报告.yaml", minimal("  signer:", "  singer:"))
    err = refused(capsys, "check", source)
    assert "未知字段“singer”，您是否想写“signer”？" in err
    assert located(err, source) == (8, 3)


def test_yaml_duplicate_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Most loaders keep the last value silently: a second `year:` far down would change the report.
    source = write(tmp_path / "报告.yaml", MINIMAL_TEXT + "year: 2019\n")
    err = refused(capsys, "check", source)
    assert "字段“year”重复出现" in err
    assert located(err, source)[0] == len(MINIMAL_TEXT.splitlines()) + 1


def test_yaml_python_object_apply_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned-by-os-system"
    payload = f"!!python/object/apply:os.system ['touch {marker.as_posix()}']"
    if os.name == "posix":  # the payload is live: an unsafe loader really runs it
        yaml.unsafe_load(f"a: {payload}\n")
        assert marker.exists()
        marker.unlink()
    source = write(tmp_path / "报告.yaml", minimal("  name: 某某市公安局某某分局", f"  name: {payload}"))
    err = refused(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert "不允许使用 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system" in err
    assert located(err, source) == (4, 9)
    assert not marker.exists() and not (tmp_path / "out.docx").exists()


def test_yaml_other_python_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
    documents = [minimal("  superior: 某某市公安局", f"  superior: {p}") for p in payloads]
    documents.append("%TAG !py! tag:yaml.org,2002:python/\n---\n"
                     + minimal("  superior: 某某市公安局", f"  superior: !py!object/apply:builtins.open"
                                                                    f" ['{opened.as_posix()}', 'w']"))
    for i, text in enumerate(documents):
        source = write(tmp_path / f"报告{i}.yaml", text)
        err = refused(capsys, "render", source, "-o", tmp_path / "out.docx")
        assert "不允许使用 YAML 标签 tag:yaml.org,2002:python/" in err and "agency.superior" in err
        located(err, source)
    assert not opened.exists() and not made.exists() and not (tmp_path / "out.docx").exists()


def test_yaml_custom_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = minimal("opening: >-", "opening: !include /etc/passwd\nx: >-")
    source = write(tmp_path / "报告.yaml", text)
    err = refused(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert "不允许使用 YAML 标签 !include" in err and "opening" in err
    assert located(err, source) == (text.splitlines().index("opening: !include /etc/passwd") + 1, 10)
    assert "root:" not in err and not (tmp_path / "out.docx").exists()


def test_yaml_merge_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = minimal("agency:\n", "agency: &a\n").replace("document:\n", "document:\n  <<: *a\n")
    source = write(tmp_path / "报告.yaml", text)
    err = refused(capsys, "check", source)
    assert "不支持合并键 <<" in err
    located(err, source)


def test_yaml_billion_laughs_aliases(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    source = write(tmp_path / "炸弹.yaml", "\n".join(lines) + "\n")
    result, seconds = subprocess_fzbg("render", source, "-o", tmp_path / "out.docx", timeout=60)
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "YAML 文件过于复杂" in result.stderr and "别名" in result.stderr and "Traceback" not in result.stderr
    located(result.stderr, source)
    assert not (tmp_path / "out.docx").exists()


def test_yaml_deep_nesting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "嵌套.yaml", MINIMAL_TEXT + "x: " + "[" * 5000 + "]" * 5000 + "\n")
    err = refused(capsys, "check", source)
    located(err, source)


def test_yaml_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "巨大.yaml"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(MINIMAL_TEXT)
        handle.write(("# " + "填充" * 500 + "\n") * 2000)  # 6 MB of comments: still valid YAML
    assert source.stat().st_size > 5 * 1024 * 1024
    err = refused(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert "文件过大" in err and str(source) in err
    assert not (tmp_path / "out.docx").exists()


# ---------------------------------------------------------------- encodings: read correctly, not refused


def render_encoded(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> str:
    """Render YAML given as raw bytes; assert success and return the document's text."""
    source = tmp_path / "报告.yaml"
    source.write_bytes(data)
    code, _out, err = run(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    text = docx_text(tmp_path / "out.docx")
    assert MARK in text and "某某市公安局某某分局" in text and "某公报字〔2026〕1号" in text
    return text


def test_yaml_gbk_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render_encoded(tmp_path, capsys, with_line(MARK).encode("gbk"))


def test_yaml_utf8_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render_encoded(tmp_path, capsys, with_line(MARK).encode("utf-8-sig"))


def test_yaml_utf16_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        render_encoded(tmp_path, capsys, bom + with_line(MARK).encode(encoding))
        (tmp_path / "out.docx").unlink()


def test_yaml_crlf_line_ends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = render_encoded(tmp_path, capsys, with_line(MARK).replace("\n", "\r\n").encode("utf-8"))
    assert "\r" not in text
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        assert b"\r" not in package.read("word/document.xml")


# ---------------------------------------------------------------- report text that looks like code


INJECTIONS = ["{{ 7*7 }}", "{% for x in range(3) %}循环{% endfor %}", "{{ ''.__class__.__mro__ }}",
              "{%p if true %}段落标签{%p endif %}", "{{r x }}", "{# 注释 #}"]


def test_text_template_injection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "注入测试：" + "、".join(INJECTIONS) + "。"
    text = re.sub(r"opening: >-\n .*\n", f'opening: "{INJECTIONS[0]}开头"\n', with_line(f'"{line}"'))
    source = write(tmp_path / "报告.yaml", text)
    code, _out, err = run(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    rendered = docx_text(tmp_path / "out.docx")
    assert line in rendered and f"{INJECTIONS[0]}开头" in rendered
    assert "<class" not in rendered and "循环循环" not in rendered


def test_text_xml_specials(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lxml import etree

    line = """R&D <公安> "双引号" 'single' ]]> &amp; &#x41; <![CDATA[x]]> <w:t>结束</w:t>"""
    text = with_line("'" + line.replace("'", "''") + "'")
    text = text.replace("  name: 某某市公安局某某分局", "  name: 某某市公安局R&D<某某>分局")
    source = write(tmp_path / "报告.yaml", text)
    code, _out, err = run(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    rendered = docx_text(tmp_path / "out.docx")
    assert line in rendered and "某某市公安局R&D<某某>分局" in rendered
    with zipfile.ZipFile(tmp_path / "out.docx") as package:  # every part is well-formed XML, strictly parsed
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


def test_text_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = with_line('"转义的控制字符\\x07\\x0b\\u0000结束"\n      - 原样的控制字符\x0b\x08\x00结束')
    source = write(tmp_path / "报告.yaml", text)
    code, _out, err = run(capsys, "render", source, "-o", tmp_path / "out.docx")
    assert code == 0, err
    assert f"{source}:29:16" in err and "控制字符" in err  # the raw ones: a located warning
    rendered = docx_text(tmp_path / "out.docx")
    assert "转义的控制字符结束" in rendered and "原样的控制字符结束" in rendered


def test_text_html_injection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import html

    line = """<script>alert('x')</script><img src=x onerror="alert(1)"> & <a href="javascript:alert(1)">链接</a>"""
    source = write(tmp_path / "报告.yaml", with_line("'" + line.replace("'", "''") + "'"))
    code, _out, err = run(capsys, "render", source, "-o", tmp_path / "公开版.html")
    assert code == 0, err
    page = (tmp_path / "公开版.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<a " not in page.lower()
    assert html.escape(line, quote=False) in page or html.escape(line) in page


# ---------------------------------------------------------------- output paths


def test_output_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "没有这个文件夹" / "报告.docx"
    err = refused(capsys, "render", MINIMAL, "-o", target)
    assert "不存在" in err and str(target) in err
    assert not target.parent.exists() and parts(tmp_path) == []


def _make_unwritable_as_root(folder: Path) -> Callable[[], None] | None:
    """Root ignores permission bits; an immutable folder (chattr +i) still refuses it. Returns the undo."""
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0:
        return lambda: subprocess.run([chattr, "-i", str(folder)], check=True)
    return None


def test_output_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
        err = refused(capsys, "render", MINIMAL, "-o", target)
    finally:
        undo()
    assert "权限" in err or "只读" in err
    assert not target.exists() and parts(folder) == []


def test_output_exists_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"last year's report")
    before = target.stat().st_mtime_ns
    err = refused(capsys, "render", MINIMAL, "-o", target)
    assert "输出文件已存在" in err and "--force" in err
    assert target.read_bytes() == b"last year's report" and target.stat().st_mtime_ns == before
    assert parts(tmp_path) == []


def test_output_exists_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"last year's report")
    code, _out, err = run(capsys, "render", MINIMAL, "-o", target, "--force")
    assert code == 0, err
    assert "某公报字〔2026〕1号" in docx_text(target) and parts(tmp_path) == []


def test_output_path_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "报告.docx"
    target.mkdir()
    err = refused(capsys, "render", MINIMAL, "-o", target)
    assert "文件夹" in err and str(target) in err
    assert target.is_dir() and list(target.iterdir()) == [] and parts(tmp_path) == []


# ---------------------------------------------------------------- custom templates (--template)


def template_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, name: str = "模板.docx") -> str:
    """Render with *data* as the template; assert a refusal naming it, and that nothing was written."""
    path = tmp_path / name
    path.write_bytes(data)
    err = refused(capsys, "render", MINIMAL, "-o", tmp_path / "out.docx", "--template", path)
    assert name in err
    assert not (tmp_path / "out.docx").exists() and parts(tmp_path) == []
    return err


def test_template_zip_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = rewrite_zip(template_bytes(), {"word/document.xml": lambda _xml: zeros()})
    assert len(data) < 1024 * 1024
    assert "压缩比异常" in template_refused(tmp_path, capsys, data)


def test_template_zip_bomb_lying_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The headers claim 1 KB (CRC included): only inflating the data itself shows the 60 MB.
    data = lie_about_size(rewrite_zip(template_bytes(), extra={"word/media/image9.png": zeros()}),
                          "word/media/image9.png", 1024)
    assert "疑似压缩炸弹" in template_refused(tmp_path, capsys, data)


def test_template_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = template_refused(tmp_path, capsys, "这只是一个改了扩展名的文本文件。".encode())
    assert "不是有效的 .docx 文件" in err


def test_template_ole_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = template_refused(tmp_path, capsys, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert "旧版 .doc" in err
    err = template_refused(tmp_path, capsys, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "模板.doc")
    assert "模板应是 .docx 文件" in err


def test_template_docm_macros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def macro_enabled(xml: bytes) -> bytes:
        return xml.replace(b"document.main+xml", b"document.macroEnabled.main+xml")

    data = rewrite_zip(template_bytes(), {"[Content_Types].xml": macro_enabled},
                       {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)})
    assert "含有宏" in template_refused(tmp_path, capsys, data)


def test_template_path_traversal_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for entry in ("../../evil.txt", "word/../../evil.txt", "/tmp/evil.txt"):
        err = template_refused(tmp_path, capsys, rewrite_zip(template_bytes(), extra={entry: b"evil"}))
        assert f"不安全的路径“{entry}”" in err
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def test_template_xxe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = docx_with_dtd(template_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&xxe;&secret;")
    err = template_refused(tmp_path, capsys, data)
    assert "word/document.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_template_billion_laughs(tmp_path: Path) -> None:
    path = tmp_path / "模板.docx"
    path.write_bytes(docx_with_dtd(template_bytes(), laughs_dtd("w:document"), "&lol9;"))
    result, seconds = subprocess_fzbg("render", MINIMAL, "-o", tmp_path / "out.docx", "--template", path)
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_template_dtd_in_utf16_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = docx_with_dtd(template_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&secret;", "utf-16")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"<!DOCTYPE" not in package.read("word/document.xml")  # only the UTF-16 form is there
    err = template_refused(tmp_path, capsys, data)
    assert "DTD" in err
    assert_no_secret(err)


# ---------------------------------------------------------------- fzbg import


def import_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> str:
    source = tmp_path / "去年的报告.docx"
    source.write_bytes(data)
    err = refused(capsys, "import", source, "-o", tmp_path / "out.yaml")
    assert str(source) in err and "无法导入该文件" in err
    assert not (tmp_path / "out.yaml").exists() and parts(tmp_path) == []
    return err


def test_import_xxe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = docx_with_dtd(report_docx_bytes(), xxe_dtd("w:document", secret_file(tmp_path)), "&xxe;&secret;")
    err = import_refused(tmp_path, capsys, data)
    assert "word/document.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_import_billion_laughs(tmp_path: Path) -> None:
    source = tmp_path / "去年的报告.docx"
    source.write_bytes(docx_with_dtd(report_docx_bytes(), laughs_dtd("w:document"), "&lol9;"))
    result, seconds = subprocess_fzbg("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_import_zip_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = rewrite_zip(report_docx_bytes(), extra={"word/media/image1.png": zeros()})
    assert "压缩比异常" in import_refused(tmp_path, capsys, data)


# ---------------------------------------------------------------- fzbg bulk


def bulk_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> str:
    table = tmp_path / "各分局.xlsx"
    table.write_bytes(data)
    outdir = tmp_path / "各分局报告"
    err = refused(capsys, "bulk", BULK_BASE, table, "-o", outdir)
    assert "无法读取数据文件" in err and "各分局.xlsx" in err
    assert not outdir.exists() or not any(outdir.glob("*.docx"))
    return err


def test_bulk_xxe_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = xlsx_with_dtd(BUREAUS.read_bytes(), xxe_dtd("worksheet", secret_file(tmp_path)), "&xxe;&secret;")
    err = bulk_refused(tmp_path, capsys, data)
    assert "xl/worksheets/sheet1.xml" in err and "DTD" in err
    assert_no_secret(err)


def test_bulk_billion_laughs_xlsx(tmp_path: Path) -> None:
    table = tmp_path / "各分局.xlsx"
    table.write_bytes(xlsx_with_dtd(BUREAUS.read_bytes(), laughs_dtd("worksheet"), "&lol9;"))
    result, seconds = subprocess_fzbg("bulk", BULK_BASE, table, "-o", tmp_path / "out", "--dry-run")
    assert result.returncode == 1 and seconds < 30, (result.stderr, seconds)
    assert "DTD" in result.stderr and "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_bulk_zip_bomb_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = rewrite_zip(BUREAUS.read_bytes(), extra={"xl/media/image1.png": zeros()})
    assert "压缩比异常" in bulk_refused(tmp_path, capsys, data)


def _bureau_rows() -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(BUREAUS)
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=2, max_row=5)]
    book.close()
    return rows


def test_bulk_cell_template_injection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    header, *bureaus = _bureau_rows()
    cell = "{{ 7*7 }}、{{ 简称 }}、{{ ''.__class__.__mro__ }}、{% for x in range(3) %}循环{% endfor %}"
    bureaus[0][header.index("辖区定位")] = cell  # the base report writes 立足{{ 辖区定位 }}实际
    book = Workbook()
    for row in [header, *bureaus]:
        book.active.append(row)
    book.save(tmp_path / "各分局.xlsx")
    code, _out, err = run(capsys, "bulk", BULK_BASE, tmp_path / "各分局.xlsx", "-o", tmp_path / "out")
    assert code == 0, err
    text = docx_text(tmp_path / "out" / f"{bureaus[0][0]}.docx")
    assert f"立足{cell}实际" in text  # the value is text: not evaluated, not expanded a second time
    assert "<class" not in text and "循环循环" not in text


def test_bulk_formula_injection_in_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
    code, _out, _err = run(capsys, "bulk", BULK_BASE, tmp_path / "各分局.csv", "-o", tmp_path / "out")
    assert code == 1  # one bureau failed
    book = load_workbook(tmp_path / "out" / "汇总.xlsx")
    cells = [c for row in book.worksheets[0].iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert {hyperlink, dde} <= {c.value for c in cells}
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig"))))
    assert any(dde in field for row in rows for field in row)
    assert not any(field.startswith(("=", "+", "-", "@")) for row in rows for field in row)


# ---------------------------------------------------------------- the table in tests/README.md


def test_table_matches_tests() -> None:
    """The hostile-input table in tests/README.md lists exactly the tests of this module, once each."""
    lines = README.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if re.match(r"\| ID \| Input \| Expected behaviour", line))
    ids = []
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        ids.append(line.split("|")[1].strip().strip("`"))
    tests = {name for name, value in globals().items() if name.startswith("test_") and callable(value)}
    assert len(ids) == len(set(ids)), "an ID appears twice in the table"
    assert set(ids) == tests - {"test_table_matches_tests"}
