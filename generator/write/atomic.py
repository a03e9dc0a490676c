"""Step 5 of the pipeline: write files atomically, so a crash, a kill or a full disk never leaves half a file.

Every output (render, new, import, the wizard's autosave, bulk) is written to a temporary
``.<name>.<pid>.<random>.part`` file in the target's folder and renamed over the target with
``os.replace``: a reader sees the old file or the new one, never a mix. A write error (disk full, read-only
disk, no permission) removes the temporary file and leaves an existing target untouched.

Stale parts. Only SIGKILL, a crash of the interpreter or a power cut can leave a ``.part`` behind. The
writer's PID is in the name, so the next write of the same target removes a part when its writer is gone
(no such process, or a zombie); a part whose writer is alive belongs to a concurrent write and is kept.
An age threshold alone was rejected: a long threshold leaves clutter for days, a short one could delete
a slow concurrent write. Safety net for a PID reused by an unrelated process: a part older than
STALE_AFTER is stale whatever its PID says (no write of ours lasts that long). Across PID namespaces
(two containers sharing a folder) a live writer may look dead; deleting its part then makes *its* rename
fail with an error, so the worst case is a refused write, never a damaged file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from ..errors import OutputError, Place, Problem

PART_SUFFIX = ".part"
WORK_FOLDER_PREFIX = ".fzbg-pdf-"  # bulk's PDF work folders in OUTDIR: .fzbg-pdf-<pid>.<random>.part
STALE_AFTER = 24 * 3600  # seconds; see the module docstring
# mkstemp's random part: 8 characters of [a-z0-9_]; the PID before it (after "." in a part, "-" in bulk's PDF
# work folder .fzbg-pdf-<pid>.<random>.part) is what the stale test reads.
_TAGGED = re.compile(r"[.-](\d+)\.[a-z0-9_]{8}\.part$")
# File names hold at most 255 bytes (ext4, NTFS: 255 characters); the dots, PID, random part and suffix
# take up to 26, so a long target name (bulk allows 80 Chinese characters, 245 bytes) is cut short here.
_NAME_BYTES = 200


def check_output_path(path: str | Path, force: bool = False) -> Path:
    """Check that *path* can be written; raise OutputError with a Chinese reason otherwise.

    An existing name needs *force*, a link included (a dangling one too: it still names something the
    user made). Devices, pipes and sockets are refused even with *force*: replacing ``/dev/null`` or a
    FIFO another program reads would break the system, not save a report.
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise OutputError("无法写入输出文件", [Problem("这是一个已存在的文件夹，请给出文件名", Place(name))])
    if not is_regular_or_absent(path):
        raise OutputError("无法写入输出文件", [Problem("这不是普通文件（是设备、管道或套接字），不能作为输出文件；请换一个文件名",
                                                     Place(name))])
    if os.path.lexists(path) and not force:
        what = "同名的链接（快捷方式）" if path.is_symlink() else "同名文件"
        raise OutputError("输出文件已存在", [Problem(f"已有{what}，为避免覆盖，未写入；确需覆盖请加 --force", Place(name))])
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("无法写入输出文件", [Problem(f"文件夹“{parent}”不存在，请先创建", Place(name))])
    if not os.access(parent, os.W_OK):
        raise OutputError("无法写入输出文件", [Problem(f"没有写入文件夹“{parent}”的权限", Place(name))])
    return path


def is_regular_or_absent(path: Path) -> bool:
    """True for a regular file (through links), a missing name or a dangling link; False for devices, FIFOs, sockets."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return True  # unreadable metadata: the write itself will say what is wrong
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def write_bytes_atomic(path: str | Path, data: bytes, force: bool = False, keep_mode: bool = False) -> Path:
    """Write *data* to *path* via a temporary file in the same folder and an atomic rename.

    With *keep_mode* a file that is replaced keeps its permissions (``check --fix`` edits the user's file).
    """
    path = check_output_path(path, force)
    remove_stale_parts(path.parent, path.name)
    write_via_part(path, data, force=force, keep_mode=keep_mode)
    return path


def write_text_atomic(path: str | Path, text: str, force: bool = False) -> Path:
    """Write UTF-8 *text* atomically (see write_bytes_atomic)."""
    return write_bytes_atomic(path, text.encode("utf-8"), force)


def write_via_part(target: Path, data: bytes, force: bool = True, durable: bool = True,
                   keep_mode: bool = False) -> None:
    """Write *data* to ``.<name>.<pid>.<random>.part`` beside *target*, then ``os.replace`` it.

    With *durable* the data is fsynced before the rename (bulk syncs once at the end instead). Raises
    OutputError with a Chinese reason; the temporary file is gone afterwards whatever happened.
    """
    folder = target.parent if str(target.parent) else Path(".")
    temp = None
    try:
        prefix = f".{_part_stem(target.name)}.{os.getpid()}."
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=PART_SUFFIX, dir=folder)
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)  # a full disk often shows only here (delayed allocation, network drives)
        finally:
            os.close(fd)  # close can report a write error too; it propagates like any other
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; outputs follow the umask
        if keep_mode:
            with contextlib.suppress(FileNotFoundError):
                mode = target.stat().st_mode & 0o7777
        os.chmod(temp, mode)
        if force:
            os.replace(temp, target)
        else:
            _place_new(temp, target)
        temp = None
        if durable:
            _sync_folder(folder)
    except OSError as exc:
        raise OutputError("写入失败", [Problem(write_error_reason(exc), Place(str(target)))]) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):  # e.g. removed by a stale-part sweep meanwhile
                os.unlink(temp)


def _place_new(temp: str, target: Path) -> None:
    """Give *temp* the name *target* only if no file has it, atomically: of two writers only one wins.

    ``os.link`` fails when the name exists (checking first and renaming after would let both "win").
    Where hard links are not possible (FAT32, some network shares) Windows' rename refuses an existing
    name by itself; elsewhere the check-then-rename is the last resort.
    """
    try:
        os.link(temp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError:
        if os.name == "nt":
            try:
                os.rename(temp, target)
            except FileExistsError:
                raise _exists(target) from None
            return
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def _exists(target: Path) -> OutputError:
    return OutputError("输出文件已存在", [Problem("为避免覆盖，未写入；确需覆盖请加 --force", Place(str(target)))])


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows cannot open a folder for syncing)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse fsync on a folder; the file itself is synced
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is written: a short write is how a filling disk starts."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_error_reason(exc: OSError) -> str:
    """What a user should know about a failed write, in Chinese."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘空间不足，文件没有写入（原有的同名文件未改动）；请清理磁盘空间或换一个保存位置后重试"
    if exc.errno == errno.EROFS:
        return "所在的磁盘或文件夹是只读的，无法写入；请换一个保存位置"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限：文件或文件夹可能是只读的，或文件正在 Word/WPS 中打开（请关闭后重试）"
    return str(exc.strerror or exc)


# ---------------------------------------------------------------- stale parts


def remove_stale_parts(folder: Path, name: str | None = None) -> int:
    """Remove fzbg's own stale ``.part`` files (and bulk's PDF work folders) in *folder*; return how many.

    With *name*, only the parts of that target; without, every part of fzbg in the folder (bulk's output
    folder). Only names with fzbg's tag (``.<name>.<pid>.<random>.part``) are ever touched: a user's own
    ``notes.part`` or ``.photos.part/`` folder is not fzbg's to delete. Parts whose writer is alive are kept.
    """
    folder = Path(folder) if str(folder) else Path(".")
    name = _part_stem(name) if name is not None else None
    pattern = f".{_glob_escape(name)}.*{PART_SUFFIX}" if name is not None else f".*{PART_SUFFIX}"
    removed = 0
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return 0
    for path in candidates:
        if _TAGGED.search(path.name) is None or (name is not None and not _is_part_of(path.name, name)):
            continue
        is_folder = path.is_dir() and not path.is_symlink()
        if is_folder and not path.name.startswith(WORK_FOLDER_PREFIX):
            continue  # fzbg's parts are files; its only folders are bulk's PDF work folders
        if not part_is_stale(path):
            continue
        try:
            if is_folder:
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            pass  # in use (Windows) or removed meanwhile: try again next time
    return removed


def part_is_stale(path: Path) -> bool:
    """True when no live process of ours is writing *path* (see the module docstring)."""
    match = _TAGGED.search(path.name)
    if match is None:
        return False  # not fzbg's: never stale, never removed
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False  # gone already
    return age > STALE_AFTER or not process_alive(int(match.group(1)))


def _is_part_of(file_name: str, name: str) -> bool:
    """``.<name>.<pid>.<random>.part`` exactly."""
    prefix = f".{name}."
    rest = file_name[len(prefix) :] if file_name.startswith(prefix) else ""
    return re.fullmatch(r"\d+\.[a-z0-9_]{8}\.part", rest) is not None


def _part_stem(name: str) -> str:
    """*name* as it appears in its temporary files: cut to _NAME_BYTES of UTF-8, on a character boundary."""
    return name.encode("utf-8")[:_NAME_BYTES].decode("utf-8", errors="ignore")


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def process_alive(pid: int) -> bool:
    """Whether process *pid* exists and is not a zombie; when unsure, alive (nothing is deleted)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.name == "nt", spelt so that mypy checks _alive_windows for Windows only
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: exists, owned by someone else
    try:  # Linux: a killed process whose parent has not reaped it yet is a zombie and writes nothing
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


if sys.platform == "win32":  # ctypes.WinDLL exists on Windows only (and mypy checks this for Windows only)

    def _alive_windows(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
        # os.kill(pid, 0) would *terminate* the process on Windows: ask the kernel instead.
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: exists; else no such process
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
