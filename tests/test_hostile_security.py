"""Hostile inputs, security: nothing makes fzbg read a local file, reach the network, carry active content,
truncate a report or delete a user's file.

One test per row of the table in tests/README.md. A canary HTTP server on 127.0.0.1 counts every request and a
canary file holds a secret: a test passes only when neither is touched."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from hostile_active import (
    canary_server,
    custom_xml_part,
    embedded_ole,
    fetching_field,
    file_hyperlink,
    linked_images,
    remote_attached_template,
    renamed_vba_project,
    write,
)
from hostile_cli import MINIMAL, MINIMAL_TEXT, SECRET, assert_no_secret, refused, secret_file
from hostile_files import png, template_bytes

from generator import office
from generator.errors import RenderError

posix_only = pytest.mark.skipif(os.name == "nt", reason="FIFOs, signals and fake soffice scripts are POSIX")


def template_refused_everywhere(tmp_path: Path, cli, data: bytes) -> str:
    """`template check`, `render -o x.docx` and `render -o x.pdf` with *data* all refuse it; nothing is written."""
    template = write(tmp_path / "模板.docx", data)
    err = refused(cli, "template", "check", template)
    for output in ("报告.docx", "报告.pdf"):
        assert "模板" in refused(cli, "render", MINIMAL, "-o", tmp_path / output, "--template", template)
        assert not (tmp_path / output).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    return err


# ---------------------------------------------------------------- templates


def test_template_linked_image_reads_nothing(tmp_path: Path, cli) -> None:
    """A picture linked to a URL and to a local file (r:link, TargetMode External): refused, nothing fetched."""
    canary_file = secret_file(tmp_path)
    with canary_server() as canary:
        data = linked_images([canary.url + "/x.png", canary_file.as_uri()])
        err = template_refused_everywhere(tmp_path, cli, data)
        assert "链接的外部图片" in err and canary.url in err and "word/_rels/document.xml.rels" in err
        assert canary.requests == []
    assert_no_secret(err)


def test_template_remote_attached_template(tmp_path: Path, cli) -> None:
    """A remote attachedTemplate in settings.xml.rels (the remote-template macro technique): refused."""
    with canary_server() as canary:
        err = template_refused_everywhere(tmp_path, cli, remote_attached_template(canary.url + "/t.dotm"))
        assert "附加的外部模板" in err and "settings.xml.rels" in err
        assert canary.requests == []


def test_template_file_hyperlink(tmp_path: Path, cli) -> None:
    """A hyperlink to file:///etc/passwd: refused (an external relationship like any other)."""
    err = template_refused_everywhere(tmp_path, cli, file_hyperlink("file:///etc/passwd"))
    assert "指向外部的超链接" in err and "file:///etc/passwd" in err


def test_template_embedded_ole(tmp_path: Path, cli) -> None:
    """An embedded OLE object: refused by its relationship type and its content type."""
    err = template_refused_everywhere(tmp_path, cli, embedded_ole())
    assert "嵌入的 OLE 对象" in err and "oleObject" in err


def test_template_renamed_vba_project(tmp_path: Path, cli) -> None:
    """A VBA project saved as word/project.bin (no 'vbaProject.bin' anywhere): refused by what it is."""
    data = renamed_vba_project()
    assert "word/vbaProject.bin" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    err = template_refused_everywhere(tmp_path, cli, data)
    assert "宏（VBA 工程）" in err and "word/project.bin" in err


def test_template_fetching_field(tmp_path: Path, cli) -> None:
    """An INCLUDEPICTURE field split over two runs as Word writes it: refused, nothing fetched."""
    with canary_server() as canary:
        err = template_refused_everywhere(tmp_path, cli, fetching_field(canary.url + "/f.png"))
        assert "INCLUDEPICTURE" in err and "word/document.xml" in err
        assert canary.requests == []


def test_template_unknown_part_not_carried(tmp_path: Path, cli, docx_text) -> None:
    """A custom XML part (inert, unknown): a warning at check; the report rendered with it does not carry it."""
    template = write(tmp_path / "模板.docx", custom_xml_part())
    code, out, err = cli("template", "check", template)
    assert code == 0 and "customXml/item1.xml" in out + err and "不会带入报告" in out + err
    code, _, err = cli("render", MINIMAL, "-o", tmp_path / "报告.docx", "--template", template)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "报告.docx") as package:
        assert not [n for n in package.namelist() if n.startswith("customXml/")]
        assert all(b"OA-INTERNAL-42" not in package.read(n) for n in package.namelist())
        assert b"customXml" not in package.read("word/_rels/document.xml.rels")
    assert docx_text(tmp_path / "报告.docx")


def test_template_safe_filter(tmp_path: Path, cli) -> None:
    """`{{ p.text|safe }}` (and `{% autoescape false %}`): refused at its line; data with '<' cannot cut a report."""
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"{{ p.text }}", b"{{ p.text|safe }}", 1)

    from hostile_files import rewrite_zip

    err = template_refused_everywhere(tmp_path, cli, rewrite_zip(template_bytes(), {"word/document.xml": edit}))
    assert "不允许使用 |safe" in err and "正文（word/document.xml）" in err


def test_default_globals_not_printed(tmp_path: Path, cli) -> None:
    """`{{ lipsum }}` / `{{ cycler }}` / `{{ joiner }}` would print a Python repr with a memory address: they do not
    exist (only the documented range, dict and namespace do, and a class or function prints as nothing)."""
    from hostile_files import rewrite_zip

    for name in ("lipsum", "cycler", "joiner"):
        data = rewrite_zip(template_bytes(), {"word/document.xml": lambda x, n=name: x.replace(
            b"{{ p.text }}", b"{{ p.text }}{{ " + n.encode() + b" }}", 1)})
        err = refused(cli, "template", "check", write(tmp_path / f"{name}.docx", data))
        assert f"变量“{name}”不存在" in err


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.layout
def test_conversion_refuses_documents_with_links(tmp_path: Path, soffice: str) -> None:
    """The second wall: a .docx with an external link given to office.convert_batch is refused before soffice."""
    canary_file = secret_file(tmp_path)
    with canary_server() as canary:
        doc = write(tmp_path / "linked.docx", linked_images([canary.url + "/x.png", canary_file.as_uri()],
                                                           base=_report_bytes()))
        with pytest.raises(RenderError) as caught:
            office.convert_batch([doc], tmp_path / "out", "pdf")
        assert "外部链接" in caught.value.message
        assert canary.requests == []
    assert not (tmp_path / "out" / "linked.pdf").exists()


@pytest.mark.layout
def test_libreoffice_profile_blocks_links(tmp_path: Path, soffice: str) -> None:
    """The first wall, measured: with fzbg's profile LibreOffice neither fetches a linked picture nor embeds a
    linked local file; with a plain profile it does both (so the test is live)."""
    import pdfplumber

    (tmp_path / "canary.png").write_bytes(png())
    results = {}
    with canary_server() as canary:
        doc = write(tmp_path / "linked.docx", linked_images([canary.url + "/x.png", (tmp_path / "canary.png").as_uri()]))
        for kind in ("plain", "fzbg"):
            folder = tmp_path / kind
            folder.mkdir()
            profile = office.private_profile(folder) if kind == "fzbg" else (folder / "profile").as_uri()
            before = len(canary.requests)
            office.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), str(doc)], 120)
            with pdfplumber.open(folder / "linked.pdf") as pdf:
                images = sum(len(page.images) for page in pdf.pages)
            results[kind] = (len(canary.requests) - before, images)
    assert results["plain"][0] > 0 and results["plain"][1] == 2, results
    assert results["fzbg"] == (0, 0), results


def _report_bytes() -> bytes:
    from hostile_files import report_docx_bytes

    return report_docx_bytes()


FAKE_SOFFICE = """#!/bin/sh
echo $$ > "{pidfile}"
exec sleep 60
"""


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_pdf_interrupted_leaves_nothing(tmp_path: Path, signum: int) -> None:
    """SIGTERM or Ctrl-C during `-o x.pdf`: the report's temporary copy and the LibreOffice profile are gone,
    soffice is dead, no PDF or .part is left."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    pidfile = tmp_path / "soffice.pid"
    fake = bindir / "soffice"
    fake.write_text(FAKE_SOFFICE.format(pidfile=pidfile))
    fake.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "TMPDIR": str(temp), "PYTHONUTF8": "1"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "render", str(MINIMAL), "-o",
                                str(tmp_path / "报告.pdf")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert time.monotonic() < deadline, "soffice was never started"
        time.sleep(0.05)
    assert [p.name for p in temp.iterdir() if p.name.startswith("fzbg-work-")]
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    soffice_pid = int(pidfile.read_text())
    assert process.returncode != 0
    assert "Traceback" not in err.decode("utf-8")
    assert [p.name for p in temp.iterdir() if p.name != "jieba.cache"] == []  # jieba's own word cache may stay
    assert not _alive(soffice_pid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "soffice.pid", "tmp"]


@pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="finding the orphan soffice reads /proc (Linux)")
def test_pdf_killed_is_cleaned_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the next fzbg removes the dead run's work folder and kills its soffice."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    orphan = temp / f"{office.WORK_PREFIX}{child.pid}-pdf-abc"
    (orphan / "profile").mkdir(parents=True)
    (orphan / "报告.docx").write_bytes(b"a copy of the report")
    marker = (orphan / "profile").resolve().as_uri()
    sleeper = subprocess.Popen(["sleep", "60"], start_new_session=True)
    # A process whose command line names the orphan's profile, as an orphaned soffice does.
    stray = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                              f"-env:UserInstallation={marker}"], start_new_session=True)
    try:
        deadline = time.monotonic() + 10  # until the child has exec'd and shows its command line
        while marker.encode() not in Path(f"/proc/{stray.pid}/cmdline").read_bytes():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert office.remove_orphan_work_folders(temp) == 1
        assert not orphan.exists()
        stray.wait(timeout=10)
        assert stray.returncode == -signal.SIGKILL
        assert sleeper.poll() is None  # an unrelated process is left alone
    finally:
        for process in (sleeper, stray):
            if process.poll() is None:
                process.kill()
                process.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_bytes().rsplit(b")", 1)[1].split()[0] == b"Z")


@posix_only
def test_pdf_fallback_never_overwrites(tmp_path: Path, cli, monkeypatch) -> None:
    """`-o 报告.pdf --force` without LibreOffice: the hand-edited 报告.docx beside it is untouched; the fallback
    .docx gets a free name and the message says which."""
    from generator.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    edited = write(tmp_path / "报告.docx", b"hand-edited original")
    code, _, err = cli("render", MINIMAL, "-o", tmp_path / "报告.pdf", "--force")
    assert code != 0
    assert edited.read_bytes() == b"hand-edited original"
    assert (tmp_path / "报告-1.docx").is_file() and "报告-1.docx" in err


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("field", ["opening", "signer"])
def test_surrogate_refused(tmp_path: Path, cli, field: str) -> None:
    """A lone surrogate (here written as the escape "\\ud800") in the opening or the signer: refused at its place,
    never a document that stops at that character."""
    if field == "opening":
        text = MINIMAL_TEXT.replace("opening: >-\n  2025年，", 'opening: "机关\\ud800文字"\nx: >-\n  2025年，', 1)
        text = text.replace('\nx: >-\n  2025年，', "\n#", 1)
    else:
        text = re.sub(r"(?m)^  signer: .*$", lambda _: '  signer: "王\\ud800建国"', MINIMAL_TEXT, count=1)
    source = write(tmp_path / "report.yaml", text.encode("utf-8"))
    for command in (["check", source], ["render", source, "-o", tmp_path / "报告.docx"]):
        err = refused(cli, *command)
        assert "无法保存的字符" in err and "\\ud800" in err and f"{field}" in err
        assert f"{source}:" in err
    assert not (tmp_path / "报告.docx").exists()


def test_truncation_is_refused(tmp_path: Path) -> None:
    """The last wall, for a library caller who skips the template checks: a `|safe` template with '<' in the
    text would end the document at that point; the paragraph count finds it and nothing is returned."""
    from hostile_files import rewrite_zip

    from generator.api import load_report
    from generator.render.docx import render_docx_bytes

    report, _ = load_report(MINIMAL)
    report = report.model_copy(update={"opening": ["甲</w:t></w:r></w:p></w:body>乙"]})
    template = rewrite_zip(template_bytes(), {"word/document.xml": lambda x: x.replace(
        b"{{ text }}", b"{{ text|safe }}")})
    with pytest.raises(RenderError) as caught:
        render_docx_bytes(report, template=template)
    assert "生成的文档不完整" in caught.value.message


# ---------------------------------------------------------------- files


def test_bulk_keeps_users_part_files(tmp_path: Path, cli) -> None:
    """Files and folders of the user named like parts (`.photos.part/`, `notes.part`, `.草稿.part`) survive bulk."""
    from hostile_files import BULK_BASE, BUREAUS

    outdir = tmp_path / "out"
    (outdir / ".photos.part").mkdir(parents=True)
    (outdir / ".photos.part" / "1.jpg").write_bytes(b"jpg")
    write(outdir / "notes.part", b"mine")
    write(outdir / ".草稿.part", b"mine too")
    code, out, err = cli("bulk", BULK_BASE, BUREAUS, "-o", outdir)
    assert code in (0, 1), err
    assert (outdir / ".photos.part" / "1.jpg").read_bytes() == b"jpg"
    assert (outdir / "notes.part").read_bytes() == b"mine" and (outdir / ".草稿.part").read_bytes() == b"mine too"
    assert "临时文件" not in out + err


@posix_only
@pytest.mark.parametrize("command", ["render", "new"])
def test_force_never_replaces_special_files(tmp_path: Path, cli, command: str) -> None:
    """A FIFO or a socket named like the target: refused even with --force, and left as it was."""
    import socket
    import stat

    fifo = tmp_path / ("报告.docx" if command == "render" else "report.yaml")
    os.mkfifo(fifo)
    args = ["render", MINIMAL, "-o", fifo, "--force"] if command == "render" else ["new", "-o", fifo, "--force"]
    err = refused(cli, *args)
    assert "不是普通文件" in err and stat.S_ISFIFO(fifo.stat().st_mode)
    sock_path = tmp_path / "s.docx"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        err = refused(cli, "render", MINIMAL, "-o", sock_path, "--force")
        assert "不是普通文件" in err and stat.S_ISSOCK(sock_path.stat().st_mode)


def test_new_refuses_other_suffixes(tmp_path: Path, cli) -> None:
    """`fzbg new -o x.docx` (or /dev/null) is a usage error: exit 2, nothing written."""
    code, _, err = cli("new", "-o", tmp_path / "报告.docx")
    assert code == 2 and ".yaml" in err and not (tmp_path / "报告.docx").exists()


@posix_only
def test_dangling_link_needs_force(tmp_path: Path, cli) -> None:
    """A dangling link is an existing name: refused without --force, replaced only with it."""
    link = tmp_path / "报告.docx"
    link.symlink_to(tmp_path / "nowhere.docx")
    err = refused(cli, "render", MINIMAL, "-o", link)
    assert "已有同名的链接" in err and link.is_symlink()
    code, _, err = cli("render", MINIMAL, "-o", link, "--force")
    assert code == 0, err


@posix_only
def test_fix_writes_through_link(tmp_path: Path, cli) -> None:
    """`check --fix` on a linked YAML fixes the real file and keeps the link."""
    real = write(tmp_path / "real.yaml", MINIMAL_TEXT.replace("全面推进法治公安建设。", "全面推进法治公安建设,", 1).encode())
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    code, out, err = cli("check", link, "--fix")
    assert code == 0, out + err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "法治公安建设，现将" in real.read_text(encoding="utf-8")


def test_concurrent_writers_one_wins(tmp_path: Path) -> None:
    """Six parallel renders to one new name without --force: exactly one writes, the others are refused."""
    target = tmp_path / "报告.docx"
    results: list[int] = []

    def render() -> None:
        result = subprocess.run([sys.executable, "-m", "generator", "render", str(MINIMAL), "-o", str(target)],
                                capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
        results.append(result.returncode)

    threads = [threading.Thread(target=render) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1, 1, 1, 1, 1]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@posix_only
def test_bulk_folder_link_outside_refused(tmp_path: Path, cli) -> None:
    """Folder mode: a link to a file outside the folder is one refused row that quotes nothing of the target."""
    from hostile_files import BULK_BASE

    secret = write(tmp_path / "secret.yaml", f"db_password: {SECRET}\n".encode())
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "外部.yaml").symlink_to(secret)
    code, out, err = cli("bulk", BULK_BASE, folder, "-o", tmp_path / "out")
    assert code == 1
    assert "指向文件夹以外的链接" in out + err and "外部.yaml" in out + err
    assert "db_password" not in out + err
    assert_no_secret(out, err)


def test_bulk_names_without_invisible_characters(tmp_path: Path) -> None:
    """Bidi overrides and zero-width characters never reach a file name; NFC; names that look alike are alike."""
    from generator.bulk.names import NameAllocator, safe_stem

    assert safe_stem("海珠\u200b分局") == "海珠分局"
    assert safe_stem("报告\u202excod.exe") == "报告xcod.exe"
    assert safe_stem("e\u0301") == "\u00e9"
    names = NameAllocator()
    assert [names.allocate(n, ".docx") for n in ("海珠分局", "海珠\u200b分局", "海珠\u2060分局")] == [
        "海珠分局.docx", "海珠分局_2.docx", "海珠分局_3.docx"]
