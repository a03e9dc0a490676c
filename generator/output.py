"""Step 5 of the pipeline: write files atomically, so a crash or Ctrl-C never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError, Problem


def check_output_path(path: str | Path, force: bool = False) -> Path:
    """Check that *path* can be written; raise OutputError with a Chinese reason otherwise."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise OutputError("无法写入输出文件", [Problem(name, "", "这是一个已存在的文件夹，请给出文件名")])
    if path.exists() and not force:
        raise OutputError("输出文件已存在", [Problem(name, "", "为避免覆盖，未写入；确需覆盖请加 --force")])
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("无法写入输出文件", [Problem(name, "", f"文件夹“{parent}”不存在，请先创建")])
    if not os.access(parent, os.W_OK):
        raise OutputError("无法写入输出文件", [Problem(name, "", f"没有写入文件夹“{parent}”的权限")])
    return path


def write_bytes_atomic(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write *data* to *path* via a temporary file in the same folder and an atomic rename."""
    path = check_output_path(path, force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs follow the umask
        if path.exists() and not force:  # created by someone else meanwhile
            raise OutputError("输出文件已存在", [Problem(str(path), "", "为避免覆盖，未写入；确需覆盖请加 --force")])
        os.replace(tmp_name, path)
    except OSError as exc:
        raise OutputError("写入失败", [Problem(str(path), "", f"{exc.strerror or exc}")]) from None
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def write_text_atomic(path: str | Path, text: str, force: bool = False) -> Path:
    """Write UTF-8 *text* atomically (see write_bytes_atomic)."""
    return write_bytes_atomic(path, text.encode("utf-8"), force)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
