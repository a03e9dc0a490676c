"""PDF output through LibreOffice: convert .docx files in batches, spot substituted fonts.

One ``soffice`` call converts many files (starting LibreOffice costs about a second; converting one report
a fraction of that), so bulk runs one call per worker, not one per file (measured: one start per file is
~8× slower). The call itself, its private profile and its clean-up are ``office.convert_batch``'s.

LibreOffice silently replaces fonts the machine lacks, which changes line breaks and page breaks; the
fonts a document asks for are compared with the fonts embedded in the PDF, and the difference is reported.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .. import office
from ..errors import WARNING, OutputError, Place, Problem, RenderError
from ..model.report import Report
from ..model.vocabulary import FontProfile, Variant
from ..office import INSTALL_HINT as INSTALL_HINT  # re-exported: bulk and tests reach LibreOffice through render.pdf
from ..office import LibreOfficeMissing as LibreOfficeMissing
from ..office import find_soffice as find_soffice
from ..office import require_soffice
from ..office_fonts import substitution_note
from ..write.atomic import check_output_path, write_bytes_atomic, write_error_reason

if TYPE_CHECKING:
    from lxml.etree import _Element

# PostScript names under which the fonts of our profiles appear in a PDF (besides the family name).
PDF_FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "仿宋": ("FangSong", "SimFang"),
    "楷体": ("KaiTi", "SimKai"),
    "黑体": ("SimHei",),
    "宋体": ("SimSun", "NSimSun"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "FZXBSJW--GB1-0"),
    "华文中宋": ("STZhongsong",),
    "Times New Roman": ("TimesNewRomanPSMT", "TimesNewRoman"),
}


def docx_to_pdf_batch(docx_paths: list[Path], outdir: Path, timeout: float = 300, keep_profile: bool = False) -> list[Path]:
    """Convert *docx_paths* to ``outdir/<stem>.pdf`` with ONE soffice call; return the PDFs in input order.

    LibreOffice writes into a private folder inside *outdir*; each PDF is then moved into place with an
    atomic rename (an existing PDF of the same name is replaced). Raises LibreOfficeMissing when soffice
    is not found, RenderError when it fails, times out or leaves out a PDF; the PDFs it did make are in
    place even then.
    """
    docx_paths = [Path(p) for p in docx_paths]
    if not docx_paths:
        return []
    stems = [p.stem for p in docx_paths]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise RenderError("无法转换为 PDF", [Problem("多个文件同名，生成的 PDF 会相互覆盖", Place(s)) for s in duplicates])
    missing_inputs = [p for p in docx_paths if not p.is_file()]
    if missing_inputs:
        raise RenderError("无法转换为 PDF", [Problem("文件不存在", Place(str(p))) for p in missing_inputs])
    require_soffice("生成 PDF")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fzbg-pdf-", dir=outdir))
    try:
        timed_out: Union[RenderError, None] = None
        try:
            _made, output = office.convert_batch(docx_paths, staging, "pdf", timeout=timeout, keep_profile=keep_profile)
        except office.ConversionTimeout as exc:  # still keep the PDFs finished before it
            timed_out, output = exc, ""
        made = [staging / f"{stem}.pdf" for stem in stems]
        finals, missing = [], []
        for docx, stem, pdf in zip(docx_paths, stems, made, strict=True):
            if _is_pdf(pdf):
                os.replace(pdf, outdir / f"{stem}.pdf")  # the good ones are kept even if others failed
                finals.append(outdir / f"{stem}.pdf")
            else:
                missing.append(docx)
        if timed_out is not None:
            raise timed_out
        if missing:
            problems = [Problem("LibreOffice 没有生成它的 PDF", Place(str(p))) for p in missing]
            problems.append(Problem(f"LibreOffice 的输出：{office.output_tail(output)}", Place("LibreOffice")))
            raise RenderError("LibreOffice 未能生成 PDF", problems)
        return finals
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _is_pdf(path: Path) -> bool:
    """A file LibreOffice made that is really a PDF (a crashed conversion can leave something else)."""
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


# ---------------------------------------------------------------- one report


def render_pdf_to_file(
    report: Report,
    path: Union[str, Path],
    variant: Variant = Variant.formal,
    fonts: FontProfile = FontProfile.gb2312,
    force: bool = False,
    template: Union[bytes, None] = None,
    timeout: float = 300,
    draft: bool = False,
) -> list[Problem]:
    """Render *report* as a PDF at *path* (through a temporary .docx). Returns font warnings.

    *draft* puts the 草稿 mark (render/draft_mark.py) on every page.

    When LibreOffice is missing (LibreOfficeMissing) or fails (RenderError), the .docx is written beside
    *path* instead and the error names it, so the work is not lost.
    """
    from .docx import render_settled_docx

    path = check_output_path(path, force)
    measured: dict[int, bytes] = {}  # the PDF the 版记 measurement made of the final .docx, if it did
    docx_bytes, warnings = render_settled_docx(report, variant=variant, fonts=fonts, template=template,
                                               pdfs=measured)
    if draft:
        from .draft_mark import mark_docx

        docx_bytes = mark_docx(docx_bytes)
        measured.clear()  # made before the mark
    try:
        if find_soffice() is None:
            raise LibreOfficeMissing("未找到 LibreOffice，无法生成 PDF", [Problem(INSTALL_HINT, Place("LibreOffice"))])
        try:
            # The report's temporary copy lives in a folder removed on every exit path (office.work_folder).
            with office.work_folder("pdf") as tmp:
                if 0 in measured:  # one LibreOffice conversion instead of two
                    pdf = tmp / f"{path.stem}.pdf"
                    pdf.write_bytes(measured[0])
                else:
                    docx_path = tmp / f"{path.stem}.docx"
                    docx_path.write_bytes(docx_bytes)
                    [pdf] = docx_to_pdf_batch([docx_path], tmp / "out", timeout=timeout)
                warning = font_warning(pdf, document_fonts(docx_bytes), Place(str(path)))
                pdf_bytes = pdf.read_bytes()
        except OSError as exc:  # the system's temporary folder is full or not writable
            reason = f"临时文件夹无法使用：{write_error_reason(exc)}"
            raise RenderError("无法生成 PDF", [Problem(reason, Place(tempfile.gettempdir()))]) from None
        write_bytes_atomic(path, pdf_bytes, force=force)
    except RenderError as exc:
        exc.problems.insert(0, _keep_docx(path.with_suffix(".docx"), docx_bytes))
        raise
    return warnings + ([warning] if warning else [])


def _keep_docx(docx_path: Path, data: bytes) -> Problem:
    """Write the .docx a failed PDF was made from, under a name no file has yet; say where, or why not.

    Never over another file: a ``报告.docx`` beside ``报告.pdf`` may be the hand-edited original, and
    ``--force`` was given for the PDF, not for it.
    """
    candidates = [docx_path] + [docx_path.with_name(f"{docx_path.stem}-{n}.docx") for n in range(1, 100)]
    last = ""
    for candidate in candidates:
        try:
            write_bytes_atomic(candidate, data, force=False)
        except OutputError as exc:
            last = exc.problems[0].message if exc.problems else str(exc)
            if candidate.exists() or candidate.is_symlink():
                continue
            break
        return Problem("已改为生成 .docx，可用 Word 或 WPS 打开后“另存为 PDF”", Place(str(candidate)))
    return Problem(f"也未能改存 .docx：{last}", Place(str(docx_path)))


# ---------------------------------------------------------------- fonts


def font_warning(pdf_path: Path, wanted: set[str], place: Place) -> Union[Problem, None]:
    """A warning naming the fonts of *wanted* that LibreOffice replaced in *pdf_path*, or None."""
    missing = substituted_fonts(pdf_path, wanted)
    if not missing:
        return None
    used = "、".join(sorted({_strip_subset(n) for n in pdf_font_names(pdf_path)})) or "未知"
    mapped = substitution_note(missing)  # what fzbg's private fontconfig chose (Linux)
    used = f"按 fzbg 的免费字体替换表：{mapped}；PDF 中的字体：{used}" if mapped else f"PDF 中的字体：{used}"
    return Problem(f"本机缺少字体 {'、'.join(missing)}，LibreOffice 已用其他字体代替（{used}），"
        "每行字数和分页可能与 Word 中不同；请安装这些字体后重新生成，或改用本机已有字体的 --fonts 方案", place, severity=WARNING)


def substituted_fonts(pdf_path: Path, wanted: set[str]) -> list[str]:
    """The fonts of *wanted* (family names) that are not embedded in the PDF as themselves, sorted."""
    present = {_normalise(_strip_style(_strip_subset(name))) for name in pdf_font_names(pdf_path)}
    missing = []
    for family in wanted:
        names = (family, *PDF_FONT_ALIASES.get(family, ()))
        if not any(_normalise(_strip_style(n)) in present for n in names):
            missing.append(family)
    return sorted(missing)


def pdf_font_names(pdf_path: Path) -> list[str]:
    """Names of the fonts in a PDF, as ``pdffonts`` lists them (subset prefix included), in order."""
    pdffonts = shutil.which("pdffonts")
    if pdffonts:
        try:
            result = subprocess.run(  # noqa: S603
                [pdffonts, str(pdf_path)], capture_output=True, text=True, errors="replace", timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            result = None
        if result is not None and result.returncode == 0:
            lines = result.stdout.splitlines()
            rows = lines[2:] if len(lines) >= 2 and lines[1].startswith("---") else []
            return _unique(line.split()[0] for line in rows if line.strip())
    return _scan_pdf_fonts(Path(pdf_path).read_bytes())


_BASEFONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>()%]+)")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


def _scan_pdf_fonts(data: bytes) -> list[str]:
    """/BaseFont names of a PDF, read from its objects and its compressed object streams."""
    chunks = [data]
    for match in _STREAM.finditer(data):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    names = (m.group(1) for chunk in chunks for m in _BASEFONT.finditer(chunk))
    return _unique(_decode_name(n) for n in names)


def _decode_name(raw: bytes) -> str:
    """A PDF name with its #xx escapes resolved."""
    decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return decoded.decode("utf-8", errors="replace")


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _strip_subset(name: str) -> str:
    return re.sub(r"^[A-Z]{6}\+", "", name)


def _strip_style(name: str) -> str:
    name = re.sub(r"[-,](Regular|Bold|Italic|BoldItalic|Oblique|Light|Medium|Black|Semibold)\w*$", "", name, flags=re.I)
    return re.sub(r"(PSMT|MT|PS)$", "", name)


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_Fonts = dict[str, str]  # rFonts attribute (ascii, eastAsia) → font family
_Styles = dict[Union[str, None], tuple[Union[str, None], _Fonts]]  # styleId → (basedOn, own fonts)


def document_fonts(docx_bytes: bytes) -> set[str]:
    """Font families a .docx actually uses for its text: East-Asian fonts for Chinese, Latin for ASCII.

    Follows each run's own fonts, its character style, its paragraph style (with ``basedOn``) and the
    document defaults, in the body, headers and footers. Empty paragraphs ask for no font.
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        names = package.namelist()
        styles_root = etree.fromstring(package.read("word/styles.xml")) if "word/styles.xml" in names else None
        parts = [n for n in names if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        roots = [etree.fromstring(package.read(n)) for n in parts]
    styles, defaults = _style_fonts(styles_root)
    used: set[str] = set()
    for root in roots:
        for paragraph in root.iter(f"{_W}p"):
            pstyle = paragraph.find(f"{_W}pPr/{_W}pStyle")
            base = _resolve(styles, pstyle.get(f"{_W}val") if pstyle is not None else "Normal", defaults)
            for run in paragraph.iter(f"{_W}r"):
                text = "".join(t.text or "" for t in run.iter(f"{_W}t"))
                if run.find(f"{_W}fldChar") is not None or run.find(f"{_W}instrText") is not None:
                    text += "0"  # a field (page number) shows digits
                if not text.strip():
                    continue
                fonts = dict(base)
                rstyle = run.find(f"{_W}rPr/{_W}rStyle")
                if rstyle is not None:
                    fonts.update(_resolve(styles, rstyle.get(f"{_W}val"), {}))
                fonts.update(_rfonts(run.find(f"{_W}rPr/{_W}rFonts")))
                if any(ord(c) > 0x7F for c in text) and fonts.get("eastAsia"):
                    used.add(fonts["eastAsia"])
                if any(c.isascii() and not c.isspace() for c in text) and fonts.get("ascii"):
                    used.add(fonts["ascii"])
    return used


def _style_fonts(root: _Element | None) -> tuple[_Styles, _Fonts]:
    """styleId → (basedOn, own fonts), and the document-default fonts."""
    if root is None:
        return {}, {}
    styles: _Styles = {}
    for style in root.iter(f"{_W}style"):
        based = style.find(f"{_W}basedOn")
        styles[style.get(f"{_W}styleId")] = (
            based.get(f"{_W}val") if based is not None else None,
            _rfonts(style.find(f"{_W}rPr/{_W}rFonts")),
        )
    defaults = _rfonts(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts"))
    return styles, defaults


def _resolve(styles: _Styles, style_id: Union[str, None], defaults: _Fonts) -> _Fonts:
    chain: list[str] = []
    while style_id and style_id in styles and style_id not in chain and len(chain) < 20:
        chain.append(style_id)
        style_id = styles[style_id][0]
    fonts = dict(defaults)
    for sid in reversed(chain):
        fonts.update(styles[sid][1])
    return fonts


def _rfonts(element: _Element | None) -> _Fonts:
    if element is None:
        return {}
    out: _Fonts = {}
    for key in ("ascii", "eastAsia"):
        value = element.get(f"{_W}{key}")
        if value:
            out[key] = value
    return out
