"""Atomic output (issue 8): kill -9 and a full disk never leave half a file, a stale ``.part`` or a changed input.

The CLI runs in real subprocesses, killed with real SIGKILL. To kill *inside* the write window (after the
temporary file is written, before it is renamed) the CLI is started through FAULTS, a few lines of Python
that wrap ``os.replace`` and ``os.link`` to announce the window and sleep in it. A full disk is injected the same way:
the wrapped ``os.write`` makes a short write to a ``.part`` file and then fails with ENOSPC, as a filling
disk does. Only writes to our ``.part`` files are affected; everything else in the process is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.write.atomic import STALE_AFTER, remove_stale_parts, write_bytes_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-meixian-2024.yaml"
BULK_BASE = ROOT / "examples" / "bulk" / "base.yaml"
BULK_DATA = ROOT / "examples" / "bulk" / "bureaus.xlsx"
MARKER = "FZBG-IN-WRITE-WINDOW"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}

FAULTS = r'''
import errno, os, sys, tempfile, time

MODE = os.environ["FZBG_FAULT"]  # "pause": sleep in the write window; "enospc": the disk is full
MATCH = os.environ.get("FZBG_FAULT_MATCH", "").encode("utf-8")  # only writes whose data holds this
_mkstemp, _write, _close, _replace, _link = tempfile.mkstemp, os.write, os.close, os.replace, os.link
_parts = {}  # fd of a .part file -> writes so far

def mkstemp(*args, **kwargs):
    fd, name = _mkstemp(*args, **kwargs)
    if name.endswith(".part"):
        _parts[fd] = 0
    return fd, name

def write(fd, data):
    if MODE != "enospc" or fd not in _parts:
        return _write(fd, data)
    calls, _parts[fd] = _parts[fd], _parts[fd] + 1
    if calls == 0 and MATCH not in bytes(data):
        del _parts[fd]
        return _write(fd, data)
    if calls == 0:
        return _write(fd, bytes(data)[: max(1, len(data) // 2)])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

def close(fd):
    _parts.pop(fd, None)
    return _close(fd)

def pause(src):
    if MODE == "pause" and str(src).endswith(".part"):
        with open(src, "rb") as handle:
            if MATCH in handle.read():
                print("\nFZBG-IN-WRITE-WINDOW", src, flush=True)
                time.sleep(600)

def replace(src, dst, **kwargs):
    pause(src)
    return _replace(src, dst, **kwargs)

def link(src, dst, **kwargs):  # a new target is placed with os.link (no two writers both win)
    pause(src)
    return _link(src, dst, **kwargs)

tempfile.mkstemp, os.write, os.close, os.replace, os.link = mkstemp, write, close, replace, link
from generator.cli import main
sys.exit(main(sys.argv[1:]))
'''


FAULTY = [sys.executable, "-c", FAULTS]  # ``fzbg`` through FAULTS: add the fzbg arguments and fault_env()


def fault_env(mode: str, match: str = "") -> dict[str, str]:
    return {**ENV, "FZBG_FAULT": mode, "FZBG_FAULT_MATCH": match}


def fzbg(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def run(command: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=env or ENV, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def docx_lines(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]  # raises on a truncated package


def snapshot(folder: Path) -> dict[str, bytes]:
    """The finished files of *folder* (temporary ``.part`` files aside), byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.suffix != ".part"}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the seed report, so that its hash proves nothing ever writes to an input."""
    copy = tmp_path / "input" / "report.yaml"
    copy.parent.mkdir()
    shutil.copyfile(SEED, copy)
    return copy


def pause_in_write_window(command: list[str], match: str = "", timeout: float = 120) -> subprocess.Popen:
    """Start *command* through FAULTS and return once it sits between writing a ``.part`` and renaming it."""
    process = subprocess.Popen(command, cwd=ROOT, env=fault_env("pause", match), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8", start_new_session=True)
    guard = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    guard.start()
    seen = []
    try:
        for line in process.stdout:
            seen.append(line)
            if line.startswith(MARKER):
                return process
    finally:
        guard.cancel()
    process.wait()
    pytest.fail(f"the write window was never reached: {''.join(seen)}")


def kill_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL


# -- kill -9 during render -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "existing"), [
    ("报告.docx", False), ("报告.docx", True),
    ("公" * 80 + ".docx", False),  # 245 bytes, as long as bulk names get: the .part name must still fit
], ids=["new-file", "force-over-old", "longest-name"])
def test_render_killed_in_the_write_window(tmp_path: Path, source: Path, name: str, existing: bool) -> None:
    """SIGKILL between writing the .part and renaming it: the target is absent or the old file, byte for
    byte; the next render of that target removes the .part and writes a document that opens."""
    out = tmp_path / "out" / name
    out.parent.mkdir()
    if existing:
        out.write_bytes(b"last year's finished report")
    before = digest(source)
    args = ["render", str(source), "-o", str(out)] + (["--force"] if existing else [])
    process = pause_in_write_window(FAULTY + args)
    [left] = parts(out.parent)  # the window was really hit
    assert f".{process.pid}." in left and left.startswith(f".{out.name[:60]}")
    kill_group(process)
    if existing:
        assert out.read_bytes() == b"last year's finished report"
    else:
        assert not out.exists()
    assert parts(out.parent) == [left]

    again = run(fzbg(*args, "--force"))
    assert again.returncode == 0, again.stderr
    assert parts(out.parent) == []
    assert "梅县" in "".join(docx_lines(out))
    assert digest(source) == before


def test_a_live_writers_part_is_not_removed(tmp_path: Path, source: Path) -> None:
    """Two renders of one target at once: the second removes only parts of dead writers, so the part of
    the writer still in its window survives; once that writer is killed, the next write removes it."""
    out = tmp_path / "报告.docx"
    args = ["render", str(source), "-o", str(out), "--force"]
    process = pause_in_write_window(FAULTY + args)
    try:
        [live] = parts(tmp_path)
        other = run(fzbg(*args))
        assert other.returncode == 0, other.stderr
        assert parts(tmp_path) == [live]
    finally:
        kill_group(process)
    assert run(fzbg(*args)).returncode == 0
    assert parts(tmp_path) == []


def test_render_killed_at_random_moments(tmp_path: Path, source: Path) -> None:
    """SIGKILL at ten moments spread over a whole render: each output is absent or complete, never half."""
    before = digest(source)
    reference = tmp_path / "reference.docx"
    started = time.monotonic()
    assert run(fzbg("render", str(source), "-o", str(reference))).returncode == 0
    duration = time.monotonic() - started
    expected = docx_lines(reference)
    rng = random.Random()
    delays = [rng.uniform(duration * i / 10, duration * (i + 1) / 10) for i in range(10)]
    outcomes = []
    for i, delay in enumerate(delays):
        out = tmp_path / f"out{i}.docx"
        process = subprocess.Popen(fzbg("render", str(source), "-o", str(out)), cwd=ROOT, env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        outcomes.append(out.exists())
        if out.exists():
            assert docx_lines(out) == expected, f"kill after {delay:.3f}s left a different document"
        assert digest(source) == before
    assert not outcomes[0], f"the first kill ({delays[0]:.3f}s) came after the render finished"
    for i, done in enumerate(outcomes):
        if not done:  # a normal render now succeeds and sweeps whatever the killed one left
            assert run(fzbg("render", str(source), "-o", str(tmp_path / f"out{i}.docx"))).returncode == 0
    assert parts(tmp_path) == []


# -- kill -9 during bulk -------------------------------------------------------------------------


def bulk_args(outdir: Path, *extra: str, data: Path = BULK_DATA) -> list[str]:
    return ["bulk", str(BULK_BASE), str(data), "-o", str(outdir), *extra]


@pytest.mark.parametrize("jobs", [1, 2])
def test_bulk_killed_in_the_write_window(tmp_path: Path, jobs: int) -> None:
    """SIGKILL while a bureau's file sits in its write window (--force over a finished run): every earlier
    file is byte-identical, the .part is there; the next run removes it and finishes every bureau."""
    if jobs > 1 and __import__("multiprocessing").get_start_method() != "fork":
        pytest.skip("the pool's workers inherit FAULTS only when forked")
    outdir = tmp_path / "out"
    assert run(fzbg(*bulk_args(outdir))).returncode == 0
    finished = snapshot(outdir)
    process = pause_in_write_window(FAULTY + bulk_args(outdir, "--force", "--jobs", str(jobs)))
    left = parts(outdir)
    writers = {int(name.rsplit(".", 3)[1]) for name in left}
    assert writers == {process.pid} if jobs == 1 else process.pid not in writers  # with a pool, workers write
    kill_group(process)
    assert snapshot(outdir) == finished

    again = run(fzbg(*bulk_args(outdir, "--force")))
    assert again.returncode == 0, again.stderr
    assert parts(outdir) == []
    documents = sorted(outdir.glob("*.docx"))
    assert [p.name for p in documents] == sorted(n for n in finished if n.endswith(".docx"))
    assert all(docx_lines(path) for path in documents)


def bureaus_csv(tmp_path: Path, count: int) -> Path:
    header = ("机关全称,简称,发文字号,辖区定位,重点工作,行政处罚决定,行政许可决定,行政复议案件,行政诉讼案件,"
              "负责人出庭应诉率,党委会中心组学法,执法培训,普法宣传活动,法律顾问,公职律师\n")
    rows = "".join(f"江州市公安局第{i}分局,第{i}分局,江公报字〔2026〕{i}号,城区,涉企执法,{1000 + i},500,10,5,100,4,600,120,2,2\n"
                   for i in range(1, count + 1))
    path = tmp_path / "bureaus.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


@pytest.mark.layout
def test_bulk_pdf_killed_in_the_write_window(tmp_path: Path, soffice: str) -> None:
    """The same with --format pdf: the work folder and the PDF's .part are both swept by the next run."""
    data = bureaus_csv(tmp_path, 2)
    outdir = tmp_path / "out"
    process = pause_in_write_window(FAULTY + bulk_args(outdir, "--format", "pdf", data=data), timeout=300)
    left = parts(outdir)
    assert any(name.startswith(".fzbg-pdf-") for name in left) and any(".pdf." in name for name in left)
    kill_group(process)
    assert not list(outdir.glob("*.pdf"))

    again = run(fzbg(*bulk_args(outdir, "--format", "pdf", data=data)))
    assert again.returncode == 0, again.stderr
    assert parts(outdir) == []
    pdfs = sorted(outdir.glob("*.pdf"))
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


# -- a full disk ---------------------------------------------------------------------------------


def assert_disk_full(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stderr
    assert "磁盘空间不足" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def web_copy(tmp_path: Path) -> Path:
    path = tmp_path / "input" / "2024年报告.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("某市公安局关于2024年度法治政府建设情况的报告\n2024年，某市公安局扎实推进法治公安建设。"
                    "现将有关情况报告如下：\n一、主要举措和成效\n全年作出行政处罚决定1200宗。\n"
                    "二、存在的不足和原因\n执法规范化水平仍有差距。\n三、2025年工作安排\n加强执法培训。\n"
                    "特此报告。\n某市公安局\n2025年1月8日\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "force-over-old"])
@pytest.mark.parametrize("command", ["render-docx", "render-html", "new", "import"])
def test_disk_full_on_every_command(tmp_path: Path, source: Path, web_copy: Path, command: str,
                                    existing: bool) -> None:
    """ENOSPC while writing: exit 1 with 磁盘空间不足, no output (or the old one intact), no .part, input intact."""
    folder = tmp_path / "out"
    folder.mkdir()
    name, args = {
        "render-docx": ("报告.docx", ["render", str(source)]),
        "render-html": ("公开版.html", ["render", str(source)]),
        "new": ("report.yaml", ["new"]),
        "import": ("report.yaml", ["import", str(web_copy)]),
    }[command]
    out = folder / name
    if existing:
        out.write_bytes(b"earlier work")
    inputs = {path: digest(path) for path in (source, web_copy)}
    result = run(FAULTY + args + ["-o", str(out)] + (["--force"] if existing else []),
                 env=fault_env("enospc"))
    assert_disk_full(result)
    assert str(out) in result.stderr
    assert [p.name for p in folder.iterdir()] == ([name] if existing else [])
    if existing:
        assert out.read_bytes() == b"earlier work"
    assert {path: digest(path) for path in inputs} == inputs


@pytest.mark.layout
def test_disk_full_on_render_pdf(tmp_path: Path, source: Path, soffice: str) -> None:
    out = tmp_path / "out" / "报告.pdf"
    out.parent.mkdir()
    result = run(FAULTY + ["render", str(source), "-o", str(out)], env=fault_env("enospc"))
    assert_disk_full(result)
    assert list(out.parent.iterdir()) == []


def test_disk_full_during_bulk(tmp_path: Path) -> None:
    """ENOSPC for every file of a --force bulk run: exit 1, every bureau says 磁盘空间不足, the files of the
    earlier run (汇总.xlsx included) are untouched, no .part is left."""
    outdir = tmp_path / "out"
    assert run(fzbg(*bulk_args(outdir))).returncode == 0
    finished = snapshot(outdir)
    result = run(FAULTY + bulk_args(outdir, "--force"), env=fault_env("enospc"))
    assert_disk_full(result)
    assert result.stderr.count("磁盘空间不足") > len([n for n in finished if n.endswith(".docx")])
    assert snapshot(outdir) == finished
    assert parts(outdir) == []


@pytest.mark.layout
def test_disk_full_during_bulk_pdf(tmp_path: Path, soffice: str) -> None:
    data = bureaus_csv(tmp_path, 2)
    outdir = tmp_path / "out"
    result = run(FAULTY + bulk_args(outdir, "--format", "pdf", data=data), env=fault_env("enospc"))
    assert_disk_full(result)
    assert list(outdir.iterdir()) == []


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "磁盘空间不足"), (getattr(errno, "EDQUOT", errno.ENOSPC), "磁盘空间不足"),
    (errno.EROFS, "只读"), (errno.EACCES, "没有写入权限"), (errno.EPERM, "没有写入权限"),
    (errno.EIO, os.strerror(errno.EIO)),
])
def test_write_errors_are_explained_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                               words: str) -> None:
    """Each kind of write failure gets its own Chinese reason; the temporary file goes, the old file stays."""
    out = tmp_path / "报告.docx"
    out.write_bytes(b"old")

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError) as info:
        write_bytes_atomic(out, b"new", force=True)
    assert info.value.message == "写入失败"
    assert words in info.value.problems[0].message
    assert out.read_bytes() == b"old" and parts(tmp_path) == []


# -- which parts are stale -----------------------------------------------------------------------


def test_only_our_dead_or_ancient_parts_of_the_target_are_removed(tmp_path: Path) -> None:
    """A target's parts go when their writer is dead, a zombie, or older than STALE_AFTER; the parts of a
    live writer, of other targets, untagged parts (not fzbg's: an older version's or the user's own) and
    look-alike files stay."""
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # exits, and is not waited for until the end
    linux = Path("/proc/self/stat").is_file()
    try:
        deadline = time.monotonic() + 30
        while linux and b") Z" not in Path(f"/proc/{zombie.pid}/stat").read_bytes():
            assert time.monotonic() < deadline, "the child never became a zombie"
            time.sleep(0.01)
        names = {
            "dead": f".报告.docx.{finished.pid}.abcd_123.part",
            "zombie": f".报告.docx.{zombie.pid}.zzzzzzzz.part",
            "live": f".报告.docx.{sleeper.pid}.livelive.part",
            "ancient": f".报告.docx.{sleeper.pid}.oldoldol.part",
            "older-version": ".报告.docx.k2j4h5g6.part",
            "other-target": f".报告.docx.bak.{finished.pid}.abcdefgh.part",
            "look-alike": f".报告.docx.{finished.pid}.abcdefgh.partial",
        }
        for name in names.values():
            (tmp_path / name).write_bytes(b"half")
        old = time.time() - STALE_AFTER - 60
        os.utime(tmp_path / names["ancient"], (old, old))
        removed = remove_stale_parts(tmp_path, "报告.docx")
        kept = {key for key, name in names.items() if (tmp_path / name).exists()}
        expected = {"live", "other-target", "look-alike", "older-version"} | (set() if linux else {"zombie"})
        assert kept == expected
        assert removed == len(names) - len(expected)
    finally:
        sleeper.kill()
        sleeper.wait()
        zombie.wait()
