"""LibreOffice as a converter: find ``soffice``, convert files in batches with a private profile, time-boxed.

Every step that needs LibreOffice goes through this module: PDF output (``render/pdf.py``), reading .doc,
.wps and .dotx files on import and review (``load``-side steps). It imports nothing of the pipeline, so any
stage may use it.

One ``soffice`` call converts many files (starting LibreOffice costs about a second, converting one report a
fraction of that). Every call gets a private profile (``-env:UserInstallation``): two instances sharing one
profile, or an open desktop LibreOffice, make soffice exit silently without output. The whole process group
is killed when a call outlives its time limit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Union

from .errors import Place, Problem, RenderError
from .render.fontconfig import soffice_env  # free fonts for the 公文 fonts a Linux machine lacks

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


def convert_batch(paths: list[Path], outdir: Path, target: str, timeout: float = 300) -> tuple[dict[Path, Path], str]:
    """Convert *paths* to *target* (``pdf`` or ``docx``) in *outdir* with ONE soffice call.

    Returns the converted file of each input that LibreOffice produced (missing ones are left out) and
    LibreOffice's own output, for a message when some are missing. Inputs must have distinct stems.
    Raises LibreOfficeMissing without soffice, RenderError when it cannot start or times out.
    """
    soffice = require_soffice("转换文件")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fzbg-lo-", ignore_cleanup_errors=True) as profile_dir:
        profile = (Path(profile_dir) / "profile").resolve().as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", TARGETS[target], "--outdir", str(outdir),
            *(str(p.resolve()) for p in paths),
        ]
        _returncode, output = run(command, timeout, env=soffice_env(Path(profile_dir)))
    suffix = "." + target
    made = {p: outdir / (p.stem + suffix) for p in paths}
    return {p: out for p, out in made.items() if out.is_file() and out.stat().st_size}, output


def run(command: list[str], timeout: float, env: Union[dict[str, str], None] = None) -> tuple[int, str]:
    """Run *command* in its own process group (with *env*, or this process's environment); kill the whole
    group if it outlives *timeout*."""
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
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        process.communicate()
        advice = f"{timeout:g} 秒内没有完成；文件较多时请分批转换，或关闭正在运行的 LibreOffice 后重试"
        raise RenderError("LibreOffice 转换超时，已终止", [Problem(advice, Place("LibreOffice"))]) from None
    return process.returncode, output or ""


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
