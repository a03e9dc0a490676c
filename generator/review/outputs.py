"""Step 3 of a review: the 台账, one 退回修改意见单 per unit and the annotated copies, in OUTDIR.

Each file is written whole or not at all (``generator.write.atomic``); the 台账 is rewritten in place, its 备注
kept. Layout of OUTDIR::

    台账.xlsx
    意见单/<单位>-<文件名>-退回修改意见单.docx   (审查意见单.docx when nothing must change)
    批注稿/<文件名>-批注.docx
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..errors import OutputError, Place, Problem
from ..write.atomic import write_bytes_atomic
from .annotate import annotated_bytes
from .ledger import old_notes, workbook_bytes
from .model import REFUSED, Submission
from .opinion import form_title, opinion_bytes

LEDGER = "台账.xlsx"
OPINIONS = "意见单"
ANNOTATED = "批注稿"
REVIEWER = "市公安局法制支队"
POOL_FROM = 6  # units: below this, worker processes cost more than they save


@dataclass
class Written:
    """What the review wrote."""

    ledger: Path
    opinions: list[Path] = field(default_factory=list)
    annotated: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # a copy that could not be annotated, and why


def safe_name(text: str) -> str:
    """*text* usable as a file name on Windows and elsewhere."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")[:80] or "未命名"


def write_outputs(submissions: list[Submission], outdir: Path, folder: Path, expected: list[str],
                  reviewer: str = REVIEWER, today: Union[dt.date, None] = None, jobs: int = 1) -> Written:
    """Write the 台账, the 意见单 and the annotated copies of *submissions* into *outdir*."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError("输出位置不是文件夹", [Problem("-o 应给出一个文件夹（不存在时自动创建）", Place(str(outdir)))])
    outdir = outdir.resolve()
    if outdir == folder.resolve() or folder.resolve() in outdir.parents:
        raise OutputError("输出文件夹不能放在报送材料文件夹中",
                          [Problem("请另选一个文件夹（-o），以免审查结果混入各单位的报告", Place(str(outdir)))])
    outdir.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    ledger = outdir / LEDGER
    notes = old_notes(ledger)
    written = Written(write_bytes_atomic(ledger, workbook_bytes(submissions, notes, expected), force=True))
    (outdir / OPINIONS).mkdir(exist_ok=True)
    (outdir / ANNOTATED).mkdir(exist_ok=True)
    todo = [sub for sub in submissions if sub.status == REFUSED or sub.readable]  # lock files: a row, no form
    if jobs > 1 and len(todo) >= POOL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(unit_files, todo, [outdir] * len(todo), [reviewer] * len(todo),
                                    [today] * len(todo), chunksize=4))
    else:
        results = [unit_files(sub, outdir, reviewer, today) for sub in todo]
    for opinion, annotated, problem in results:
        written.opinions.append(opinion)
        if annotated is not None:
            written.annotated.append(annotated)
        if problem is not None:
            written.problems.append(problem)
    return written


def unit_files(sub: Submission, outdir: Path, reviewer: str,
               today: dt.date) -> tuple[Path, Union[Path, None], Union[Problem, None]]:
    """Write the 意见单 of *sub* and, for a Word file that was read, its annotated copy."""
    name = safe_name(f"{sub.unit}-{sub.path.stem}-{form_title(sub)}") + ".docx"
    opinion = write_bytes_atomic(outdir / OPINIONS / name, opinion_bytes(sub, reviewer, today), force=True)
    if sub.docx is None or not sub.readable:
        return opinion, None, None
    try:
        data = annotated_bytes(sub, reviewer)
    except Exception as exc:  # noqa: BLE001 - one odd document never stops the rest
        return opinion, None, Problem(f"无法生成批注稿（{type(exc).__name__}），意见单已生成", Place(sub.name))
    target = outdir / ANNOTATED / (safe_name(f"{sub.path.stem}-批注") + ".docx")
    return opinion, write_bytes_atomic(target, data, force=True), None
