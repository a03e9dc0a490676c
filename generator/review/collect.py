"""Step 1 of a review: the files of the folder, each with what it is; .doc/.wps converted in one batch.

Every file gets a :class:`Submission`, even those that will not be read (Word's lock files, pictures,
spreadsheets): the 台账 must account for every file the units sent. LibreOffice converts the old formats
into a private temporary folder, so the submitted files are never touched.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, FzbgError, Place, Problem, UsageError
from .model import REFUSED, SKIPPED, Submission

READABLE = {".docx": "docx", ".docm": "docx", ".txt": "txt", ".yaml": "yaml", ".yml": "yaml"}
CONVERTED = {".doc": "doc", ".wps": "wps", ".rtf": "doc", ".wpt": "wps", ".dot": "doc"}
MAX_FILES = 2000  # a city has a few hundred units; more means the wrong folder was given


def collect(folder: Path) -> list[Submission]:
    """One submission per file of *folder* (not its subfolders), sorted by name. Raises UsageError when
    *folder* is not a folder."""
    if not folder.exists():
        raise UsageError("找不到要审查的文件夹", [Problem("文件夹不存在，请检查路径", Place(str(folder)))])
    if not folder.is_dir():
        raise UsageError("要审查的应是一个文件夹", [Problem("这是一个文件：请给出存放各单位报告的文件夹", Place(str(folder)))])
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
    if len(files) > MAX_FILES:
        raise DataError("文件夹中的文件过多", [Problem(f"有 {len(files)} 个文件，超过 {MAX_FILES} 个：请确认文件夹是否正确",
                                                Place(str(folder)))])
    return [_classify(p) for p in files]


def _classify(path: Path) -> Submission:
    suffix = path.suffix.lower()
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock"):
        return Submission(path, "other", SKIPPED, "Word/WPS 打开文件时留下的临时文件，不是报告，已跳过")
    if name.startswith("."):
        return Submission(path, "other", SKIPPED, "隐藏文件，不是报告，已跳过")
    if suffix in READABLE:
        return Submission(path, READABLE[suffix])
    if suffix in CONVERTED:
        return Submission(path, CONVERTED[suffix])
    if suffix == ".pdf":
        return Submission(path, "other", REFUSED, "PDF 无法审查格式和批注：请该单位报送 Word（.docx）或 WPS 文件")
    if suffix in {".xls", ".xlsx", ".et", ".csv", ".ods"}:
        return Submission(path, "other", REFUSED, "这是电子表格，不是报告：请该单位报送报告正文（.docx）")
    if suffix in {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}:
        return Submission(path, "other", REFUSED, "这是图片，无法读取文字：请该单位报送 Word（.docx）文件")
    if suffix in {".zip", ".rar", ".7z"}:
        return Submission(path, "other", REFUSED, "这是压缩包：请解压后把其中的报告放入本文件夹再审查")
    return Submission(path, "other", REFUSED, f"不认识“{suffix or '无扩展名'}”文件：请报送 .docx、.doc、.wps 或 .txt")


def convert_old_formats(submissions: list[Submission], workdir: Path) -> str:
    """Convert the .doc/.wps submissions to .docx in *workdir* with one LibreOffice call.

    Sets ``docx`` of each converted submission; marks the others refused with the reason. Returns a note
    for the user ("" when nothing needed converting)."""
    from ..office import LibreOfficeMissing, find_soffice, output_tail
    from .convert import convert_copies

    todo = [s for s in submissions if s.kind in ("doc", "wps") and s.status not in (REFUSED, SKIPPED)]
    if not todo:
        return ""
    if find_soffice() is None:
        for s in todo:
            s.status, s.reason = REFUSED, (f"{s.path.suffix} 文件需要 LibreOffice 才能读取，本机未安装：请安装 LibreOffice"
                                           "后重新审查，或请该单位另存为 .docx")
        return "未安装 LibreOffice：.doc/.wps 文件未能审查"
    try:
        converted, output = convert_copies([(s.path, s) for s in todo], workdir, "old", "docx")
    except LibreOfficeMissing:
        converted, output = [(s, None) for s in todo], "LibreOffice 无法启动"
    except FzbgError as exc:  # a time-out: the files it did not convert are refused, the rest go on
        converted, output = [(s, None) for s in todo], exc.message
    for s, docx_file in converted:
        if docx_file is not None:
            s.docx = docx_file
        else:
            s.status, s.reason = REFUSED, ("LibreOffice 无法转换该文件（可能已损坏或加密）：请该单位在 Word/WPS 中打开后"
                                           f"另存为 .docx 再报送（LibreOffice：{output_tail(output, 1)}）")
    return ""
