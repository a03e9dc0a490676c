"""DATA → records: an .xlsx or .csv table (one row per bureau) or a folder of per-bureau YAML files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import WARNING, DataError, Place, Problem, UsageError
from ..load.yaml_file import read_yaml
from ..model.paths import KEY, dotted
from .models import Source, SourceRecord
from .sheets import read_csv, read_xlsx

YAML_SUFFIXES = (".yaml", ".yml")
VARS_KEY = "vars"  # folder mode: extra placeholder values of a bureau, not part of the report


def read_source(path: Path, base: Path | None = None) -> Source:
    """Read DATA at *path*. Raises DataError for problems that concern the whole file."""
    if path.is_dir():
        return read_folder(path, base)
    if not path.exists():
        raise DataError("找不到数据文件", [Problem("文件或文件夹不存在，请检查路径", Place(str(path)))])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    if suffix in (".xls", ".et", ".ods", ".wps"):
        raise UsageError(f"暂不支持 {suffix} 格式：请在 Excel 或 WPS 中“另存为”.xlsx 后重试")
    raise UsageError(f"数据应为 .xlsx、.csv 文件，或存放各单位 YAML 文件的文件夹，而不是“{path.name}”")


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def read_folder(folder: Path, base: Path | None = None) -> Source:
    """Every ``*.yaml``/``*.yml`` in *folder* (not its subfolders) is one bureau, in natural name order."""
    skip = base.resolve() if base is not None else None
    files = sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file()
            and p.suffix.lower() in YAML_SUFFIXES
            and not p.name.startswith((".", "~$", "_"))
            and p.resolve() != skip
        ),
        key=lambda p: _natural(p.name),
    )
    if not files:
        raise DataError("文件夹中没有单位数据", [Problem("没有找到 .yaml 文件（以 _ 或 . 开头的文件会被忽略）", Place(str(folder)))])
    records = [_folder_record(i, path, folder) for i, path in enumerate(files)]
    return Source(kind="folder", name=folder.name, records=records)


def _folder_record(index: int, path: Path, folder: Path) -> SourceRecord:
    shown = f"{folder.name}/{path.name}"
    record = SourceRecord(index=index, place=Place(shown), overlay={})
    if not _inside(path, folder):
        # A link to a file elsewhere (~/.ssh/…, a config with passwords): never read, never quoted in messages.
        record.problems = [Problem("这是指向文件夹以外的链接（快捷方式），为安全起见未读取；请把该单位的文件本身放进文件夹",
                                   Place(shown))]
        return record
    try:
        doc = read_yaml(path)
    except DataError as exc:
        record.problems = [_relabel(p, str(path), shown) for p in exc.problems]
        return record
    doc.path = shown
    if doc.data is None:
        record.problems.append(Problem("文件是空的", Place(shown), severity=WARNING))
        return record
    if not isinstance(doc.data, dict):
        record.problems.append(Problem("文件应由“字段: 值”组成，如 agency: {name: …}", doc.place(())))
        return record
    data = dict(doc.data)
    variables = data.pop(VARS_KEY, None) or {}
    if not isinstance(variables, dict):
        record.problems.append(Problem("vars 下应为若干“名称: 值”", doc.place((VARS_KEY,)), field=VARS_KEY))
        variables = {}
    record.overlay = data
    record.variables = variables
    record.places = {dotted(p): doc.place(p) for p in doc.marks if not p or p[-1] != KEY}
    record.problems += [Problem(note, Place(shown), severity=WARNING) for note in doc.notes]
    return record


def _inside(path: Path, folder: Path) -> bool:
    """Whether *path*, links followed, is a file directly or deeper inside *folder*."""
    try:
        path.resolve(strict=True).relative_to(folder.resolve(strict=True))
    except (OSError, ValueError):
        return False
    return True


def _relabel(problem: Problem, long: str, short: str) -> Problem:
    """The problem named by the file's short name (``分局/海珠.yaml``) rather than its full path."""
    if problem.place.file != long:
        return problem
    return replace(problem, place=replace(problem.place, file=short))
