"""Submitted files through LibreOffice in one call: copies under numbered names, results mapped back.

Used for the .doc/.wps submissions (to .docx) and for measuring the line grid (to .pdf). convert_batch wants
distinct stems, and LibreOffice must never open a submitted file itself, so each one is copied first.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Union

from .model import Submission


def convert_copies(
    sources: list[tuple[Path, Submission]], workdir: Path, name: str, target: str, timeout: float = 300,
) -> tuple[list[tuple[Submission, Union[Path, None]]], str]:
    """Each (file, submission) converted to *target*: the submissions with their converted file (None when
    LibreOffice made none) and LibreOffice's output. Errors of convert_batch (missing, time-out) propagate."""
    from ..office import convert_batch

    staged = workdir / f"{name}-in"
    staged.mkdir(parents=True, exist_ok=True)
    copies: dict[Path, Submission] = {}
    for i, (source, submission) in enumerate(sources):
        copy = staged / f"{name}{i:04d}{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        copies[copy] = submission
    made, output = convert_batch(list(copies), workdir / f"{name}-out", target, timeout=timeout)
    return [(submission, made.get(copy)) for copy, submission in copies.items()], output
