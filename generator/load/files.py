"""Reading an input file: regular files only, and never more bytes than the input's limit.

``st_size`` is not trusted: /dev/zero and /dev/urandom (directly or through a symlink) report 0 and never
end, a FIFO with no writer blocks ``open()`` forever, and a file may grow while it is read. The file is
opened without blocking, checked to be a regular file on the open descriptor (no race with a swapped
path), and read up to one byte past the limit. docs/limits.md lists the limits.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import DataError, Place, Problem

KB = 1024
MB = 1024 * KB


def too_big_message(limit: int, what: str) -> str:
    shown = f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"
    return f"文件超过 {shown}，不像是{what}，已拒绝读取"


def read_limited(path: str | Path, limit: int, *, what: str = "报告数据文件", title: str = "无法读取文件",
                 name: str = "", big_title: str = "文件过大", missing_title: str = "找不到文件") -> bytes:
    """The bytes of the regular file at *path*, at most *limit* of them; DataError (Chinese, placed) if not.

    *what* names the expected kind of file in the messages (报告数据文件, 模板, 数据表 …), *name* how the
    user knows the file (default: the path as given).
    """
    shown = name or str(path)

    def refuse(message: str) -> DataError:
        return DataError(title, [Problem(message, Place(shown))])

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DataError(missing_title, [Problem("文件不存在，请检查路径", Place(shown))]) from None
    except IsADirectoryError:
        raise refuse(f"这是一个文件夹，不是{what}") from None
    except PermissionError:
        raise refuse("没有读取权限，或文件被其他程序独占") from None
    except OSError as exc:
        raise refuse(_os_message(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse(f"这是一个文件夹，不是{what}")
        if not stat.S_ISREG(info.st_mode):
            raise refuse(f"这不是普通文件（而是设备、管道或套接字），不能作为{what}读取")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: ordinary reads from here on
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise DataError(big_title, [Problem(too_big_message(limit, what), Place(shown))])
        return b"".join(chunks)
    except OSError as exc:
        raise refuse(_os_message(exc)) from None
    finally:
        os.close(fd)


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名或路径过长，请缩短后重试"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限，或文件被其他程序独占"
    if exc.errno == errno.ELOOP:
        return "符号链接层数过多（可能是循环链接）"
    return f"无法读取（{exc.strerror or exc}）"
