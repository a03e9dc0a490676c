"""LibreOffice as a converter: find ``soffice``, convert files in batches with a private profile, time-boxed.

Every step that needs LibreOffice goes through this module: PDF output (``render/pdf.py``), reading .doc,
.wps and .dotx files on import and review (``load``-side steps). Any stage may use it.

One ``soffice`` call converts many files (starting LibreOffice costs about a second, converting one report a
fraction of that). Every call gets a private profile (``-env:UserInstallation``): two instances sharing one
profile, or an open desktop LibreOffice, make soffice exit silently without output. The whole process group
is killed when a call outlives its time limit or fzbg is interrupted, and the temporary folders go with it.
Only the OOXML reader (``load/ooxml.py``) and the process check of ``write/atomic.py`` are imported, lazily.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

from .errors import Place, Problem, RenderError
from .office_fonts import soffice_env  # free fonts for the 公文 fonts a Linux machine lacks

_WINDOWS_FOLDERS = (
    (os.environ.get("PROGRAMFILES", r"C:\Program Files"), "LibreOffice", "program"),  # case-insensitive on Windows
    (os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"), "LibreOffice", "program"),
    (os.environ.get("LOCALAPPDATA", ""), "Programs", "LibreOffice", "program"),
)
_MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
INSTALL_HINT = (
    "请安装 LibreOffice（libreoffice.org，免费；Windows 装在默认位置即可被找到），或把 soffice 所在文件夹加入 PATH"
)
# LibreOffice's filter for each target format (what --convert-to takes).
TARGETS = {"pdf": "pdf", "docx": "docx:MS Word 2007 XML"}


class LibreOfficeMissing(RenderError):
    """LibreOffice (soffice) is not installed or cannot be found."""


class ConversionTimeout(RenderError):
    """LibreOffice did not finish in time and was killed (the files it finished are kept)."""


def find_soffice() -> Union[str, None]:
    """The LibreOffice executable: ``soffice`` on PATH, then the usual install folders; None if absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.name == "nt":
        for parts in _WINDOWS_FOLDERS:
            if not parts[0]:
                continue
            for exe in ("soffice.exe", "soffice.com"):
                candidate = Path(*parts, exe)
                if candidate.is_file():
                    return str(candidate)
    if Path(_MAC_PATH).is_file():
        return _MAC_PATH
    return None


def require_soffice(what: str = "转换文件") -> str:
    """The soffice executable, or LibreOfficeMissing saying what cannot be done without it."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(f"未找到 LibreOffice，无法{what}", [Problem(INSTALL_HINT, Place("LibreOffice"))])
    return soffice


# The private profile's settings (LibreOffice reads registrymodifications.xcu from a new profile on its first
# start). BlockUntrustedRefererLinks stops linked pictures and other links of a document from being read or
# fetched (measured with LibreOffice 7.4: without it a linked picture makes it send OPTIONS and GET to the
# URL and embed a linked local file; with it, no request and no picture). Links are never updated and
# macros never run. A second wall before it: .docx inputs with external references are refused.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Field" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def private_profile(folder: Path) -> str:
    """A new LibreOffice profile in *folder* with the settings above; its URI for -env:UserInstallation."""
    user = folder / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return (folder / "profile").resolve().as_uri()


def refuse_external_references(paths: list[Path]) -> None:
    """RenderError when a .docx among *paths* links to files or URLs outside itself (see the profile above)."""
    from .load.ooxml import external_references

    problems = []
    for path in paths:
        if path.suffix.lower() not in (".docx", ".docm", ".dotx"):
            continue  # .doc and .wps cannot be read here: the profile is the wall for them
        try:
            found = external_references(path.read_bytes())
        except (OSError, zipfile.BadZipFile, KeyError):
            continue  # LibreOffice will say what is wrong with it
        if found:
            listed = "、".join(found[:3])
            problems.append(Problem(f"文档引用了外部文件或网址（{listed}），转换时会读取或访问它们，已拒绝转换", Place(str(path))))
    if problems:
        raise RenderError("文档含有外部链接，无法转换", problems)


_kept: dict[int, Path] = {}  # process id → the profile folder it keeps (a forked child never shares its parent's)


def kept_profile_folder() -> Path:
    """This process's private profile folder, kept between its calls (``keep_profile``).

    LibreOffice spends ~0.3 s setting up a new profile; a bulk worker converting batch after batch sets it up
    once. It is private to the process (its id is in the name), its settings are written again before every
    call, and it is removed at exit, or by the next run's sweep of folders whose process is gone."""
    pid = os.getpid()
    folder = _kept.get(pid)
    if folder is None or not folder.is_dir():
        remove_orphan_work_folders()
        folder = _kept[pid] = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{pid}-lo-kept-"))
        import atexit

        atexit.register(shutil.rmtree, folder, True)
    return folder


def convert_batch(paths: list[Path], outdir: Path, target: str, timeout: float = 300,
                  keep_profile: bool = False) -> tuple[dict[Path, Path], str]:
    """Convert *paths* to *target* (``pdf`` or ``docx``) in *outdir* with ONE soffice call.

    Returns the converted file of each input that LibreOffice produced (missing ones are left out) and
    LibreOffice's own output, for a message when some are missing. Inputs must have distinct stems.
    Raises LibreOfficeMissing without soffice, RenderError when it cannot start, times out, or an input
    links outside itself. *keep_profile*: this process's kept profile instead of a new one (bulk workers).
    """
    soffice = require_soffice("转换文件")
    refuse_external_references(paths)
    outdir.mkdir(parents=True, exist_ok=True)

    def convert(folder: Path) -> tuple[int, str]:
        command = [
            soffice, f"-env:UserInstallation={private_profile(folder)}", "--headless", "--invisible", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", TARGETS[target], "--outdir", str(outdir),
            *(str(p.resolve()) for p in paths),
        ]
        return run(command, timeout, env=soffice_env(folder))

    if keep_profile:  # a bulk worker's: set up once, used for each of its batches (kept_profile_folder)
        with terminating_signals_raise():
            returncode, output = convert(kept_profile_folder())
    else:
        with work_folder("lo") as folder:
            returncode, output = convert(folder)
    if returncode:
        output = f"{output.rstrip()}\n退出码 {returncode}"
    suffix = "." + target
    made = {p: outdir / (p.stem + suffix) for p in paths}
    return {p: out for p, out in made.items() if out.is_file() and out.stat().st_size}, output


def run(command: list[str], timeout: float, env: Union[dict[str, str], None] = None) -> tuple[int, str]:
    """Run *command* in its own process group; kill the whole group if it outlives *timeout* or fzbg is stopped.

    Ctrl-C, SIGTERM and SIGHUP arrive in fzbg, not in the child's new session: the group is killed before the
    interruption goes on, so no ``soffice`` outlives fzbg.
    """
    kwargs: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":
        kwargs = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    try:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, errors="replace", env=env, **kwargs,
        )
    except OSError as exc:
        raise RenderError("无法启动 LibreOffice", [Problem(str(exc.strerror or exc), Place(command[0]))]) from None
    try:
        with terminating_signals_raise():
            output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        _drain(process)
        advice = f"{timeout:g} 秒内没有完成；文件较多时请分批转换，或关闭正在运行的 LibreOffice 后重试"
        raise ConversionTimeout("LibreOffice 转换超时，已终止", [Problem(advice, Place("LibreOffice"))]) from None
    except BaseException:
        kill_group(process)
        _drain(process)
        raise
    return process.returncode, output or ""


def _drain(process: subprocess.Popen[str]) -> None:
    """Reap the killed child without waiting on pipes a grandchild may still hold open."""
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that every ``finally`` (temporary folders, children) runs."""


@contextlib.contextmanager
def terminating_signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise Terminated (main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread() or os.name == "nt":
        yield
        return

    def raise_terminated(signum: int, _frame: object) -> None:
        raise Terminated(signum)

    previous = {sig: signal.signal(sig, raise_terminated) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# ---------------------------------------------------------------- temporary folders


WORK_PREFIX = "fzbg-work-"


@contextlib.contextmanager
def work_folder(purpose: str) -> Iterator[Path]:
    """A private temporary folder ``fzbg-work-<pid>-<purpose>-…`` removed on every exit path.

    Exceptions, Ctrl-C, SIGTERM and SIGHUP (see terminating_signals_raise) run the clean-up here; SIGKILL
    cannot be caught, so each new folder first removes the folders of fzbg processes that are gone.
    """
    remove_orphan_work_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-{purpose}-"))
    try:
        with terminating_signals_raise():
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_orphan_work_folders(parent: Union[Path, None] = None) -> int:
    """Remove ``fzbg-work-<pid>-…`` folders in the temp folder whose process is gone; return how many."""
    from .write.atomic import process_alive

    parent = Path(parent or tempfile.gettempdir())
    removed = 0
    with contextlib.suppress(OSError):
        for folder in parent.glob(WORK_PREFIX + "*"):
            pid = folder.name[len(WORK_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and not process_alive(int(pid)) and folder.is_dir() and not folder.is_symlink():
                _kill_soffice_of(folder)
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


def _kill_soffice_of(folder: Path) -> None:
    """Kill a LibreOffice left running with a profile in *folder* (its fzbg was killed with SIGKILL; Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    marker = folder.resolve().as_uri().encode()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in cmdline:
            with contextlib.suppress(OSError):
                os.kill(int(entry.name), signal.SIGKILL)


def kill_group(process: subprocess.Popen[str]) -> None:
    """Kill *process* and every process it started."""
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)  # noqa: S603
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError):  # gone already
        os.killpg(process.pid, signal.SIGKILL)  # start_new_session: the group id is the child's pid


def output_tail(output: str, lines: int = 3) -> str:
    """The last lines of LibreOffice's output, for a message."""
    kept = [line.strip() for line in output.strip().splitlines() if line.strip()][-lines:]
    return " / ".join(kept) or "（无）"
