"""Files in OUTDIR: atomic writes, names that stay inside it, and cleaning up after a killed run.

Atomicity against Ctrl-C and kills comes from writing ``.<name>.part`` and renaming it: no reader ever
sees half a file. Durability against a power cut needs the data on disk; an ``fsync`` per document costs
2–4 ms on virtual disks (as much as rendering it), so bulk documents are written with ``durable=False``
and :func:`flush_to_disk` syncs them all once at the end of the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import OutputError


def write_atomic(target: Path, data: bytes, force: bool, durable: bool = True) -> None:
    """Write via ``.<name>.part`` in the same folder and ``os.replace``: readers see all or nothing.

    With *durable* the data is fsynced before the rename; without, call :func:`flush_to_disk` later.
    """
    if target.exists() and not force:
        raise OutputError("输出文件已存在，未覆盖（确需覆盖请加 --force）")
    temp = target.with_name(f".{target.name}.part")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, target)
    except PermissionError:
        raise OutputError("写入失败：文件被占用或没有写入权限（是否正在 Word/WPS 中打开？）") from None
    except OSError as exc:
        raise OutputError(f"写入失败：{exc.strerror or exc}") from None
    finally:
        if temp.exists():
            temp.unlink()


def inside(outdir: Path, file_name: str) -> Path:
    """``outdir / file_name``, refusing anything that would land elsewhere (belt and braces)."""
    target = outdir / file_name
    if Path(file_name).name != file_name or target.resolve().parent != outdir.resolve():
        raise ValueError(f"unsafe output name {file_name!r}")
    return target


def remove_stale_parts(outdir: Path) -> int:
    """Delete the ``.*.part`` files (and PDF work folders) a killed run left in *outdir*."""
    removed = 0
    for path in outdir.glob(".*.part"):
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def flush_to_disk(paths: list[Path]) -> None:
    """Make written files durable: one ``sync`` where the system has it, else an fsync per file."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # Windows: FlushFileBuffers per file
        try:
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError:
            pass
