"""Files in OUTDIR: atomic writes, names that stay inside it, and cleaning up after a killed run.

Atomicity against Ctrl-C and kills comes from writing ``.<name>.<pid>.<random>.part`` and renaming it
(:mod:`generator.output`): no reader ever sees half a file. Durability against a power cut needs the
data on disk; an ``fsync`` per document costs 2–4 ms on virtual disks (as much as rendering it), so bulk
documents are written with ``durable=False`` and :func:`flush_to_disk` syncs them all once at the end.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..write import atomic as output


def write_atomic(target: Path, data: bytes, force: bool, durable: bool = True) -> None:
    """Write via a ``.part`` file in the same folder and ``os.replace``: readers see all or nothing.

    The writing itself is :func:`generator.write.atomic.write_via_part` (the same temporary names, clean-up and
    Chinese messages for a full disk or a missing permission as ``fzbg render``). With *durable* the data
    is fsynced before the rename; without, call :func:`flush_to_disk` later.
    """
    if not force and target.exists():  # no stat when overwriting is allowed
        raise OutputError("输出文件已存在，未覆盖（确需覆盖请加 --force）")
    output.write_via_part(target, data, force=force, durable=durable)


def inside(outdir: Path, file_name: str) -> Path:
    """``outdir / file_name``, refusing anything that would land elsewhere (belt and braces).

    A plain name's target is in OUTDIR unless it is a symbolic link (planted there to make the run write
    elsewhere): only then is it resolved, as the whole path was before (two resolutions per report)."""
    target = outdir / file_name
    if Path(file_name).name != file_name or file_name in ("", ".", ".."):
        raise ValueError(f"unsafe output name {file_name!r}")
    if os.path.islink(target) and target.resolve().parent != outdir.resolve():
        raise ValueError(f"unsafe output name {file_name!r}")
    return target


def remove_stale_parts(outdir: Path) -> int:
    """Delete the ``.*.part`` files (and PDF work folders) a killed run left in *outdir*.

    Parts of a process still writing (a concurrent run) are kept: see :mod:`generator.output`.
    """
    return output.remove_stale_parts(outdir)


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
