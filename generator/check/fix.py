"""``fzbg check --fix``: apply the safe fixes to the YAML text itself.

Safe fixes are the edits rules attach to their hits: half-width punctuation in Chinese text
(P1–P4, P9), full-width digits (N1, N7) and the 〔〕 of the 发文字号 (D1). They are made as
targeted replacements at the characters' places in the file, so comments, quoting, indentation
and line ends stay as the user wrote them. Passes repeat until nothing is left to fix, so a
second ``--fix`` changes nothing.
"""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, Place, Problem
from ..load.colon_hints import repairs
from ..load.yaml_file import parse_yaml
from ..model.vocabulary import Variant
from ..validate import validate_document
from ..write.atomic import write_bytes_atomic
from .base import Edit
from .context import Context
from .engine import collect

MAX_PASSES = 5


@dataclass(frozen=True)
class FixResult:
    """The text before and after fixing, and how many replacements were made."""

    original: str
    text: str
    edits: int

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, name: str = "report.yaml") -> str:
        """A unified diff of the change ("" when nothing changed)."""
        lines = difflib.unified_diff(self.original.splitlines(), self.text.splitlines(),
                                     fromfile=f"{name}（修正前）", tofile=f"{name}（修正后）", lineterm="")
        return "\n".join(lines)


def fix_text(text: str, name: str = "<文本>") -> FixResult:
    """Apply every safe fix to YAML *text* until none is left. Raises DataError if it does not validate."""
    current, total = text, 0
    for _ in range(MAX_PASSES):  # first the colon and # slips the loader refuses (load/colon_hints.py)
        slips = repairs(current)
        if not slips:
            break
        current = apply_edits(current, slips)
        total += len(slips)
    for _ in range(MAX_PASSES):
        edits = safe_edits(current, name)
        if not edits:
            break
        current = apply_edits(current, edits)
        total += len(edits)
    if current != text:
        try:
            validate_document(parse_yaml(current, name))
        except DataError as exc:  # a fix must never break a valid file; keep the original
            raise DataError("自动修正失败，文件未改动", exc.problems) from None
    return FixResult(text, current, total)


def safe_edits(text: str, name: str = "<文本>") -> list[Edit]:
    """The file-level replacements one pass of ``--fix`` makes on YAML *text* (non-overlapping)."""
    doc = parse_yaml(text, name)
    report = validate_document(doc).report
    ctx = Context(report, doc, Variant.formal)
    assert ctx.source is not None
    source = ctx.source
    groups: list[list[Edit]] = []
    for item in collect(ctx):
        if not item.hit.edits or not item.mapped:
            continue
        style = source.style(item.path)
        group = []
        for start, end, replacement in item.hit.edits:
            span = source.span(item.path, start, end)
            if span is None:
                break
            original = text[span[0] : span[1]]
            if (style == '"' and ('"' in original or "\\" in original)) or (style == "'" and "'" in original):
                break  # the character is part of the quoting
            group.append((span[0], span[1], replacement))
        else:
            groups.append(group)
    return _without_overlaps(groups)


def _without_overlaps(groups: list[list[Edit]]) -> list[Edit]:
    """Keep whole groups (a bracket pair is fixed together or not at all) that touch nothing kept."""
    taken: list[Edit] = []
    for group in sorted(groups, key=lambda g: min(e[0] for e in g)):
        if all(e in taken for e in group):
            continue  # the same fix found twice (an alias, or two rules agreeing)
        if any(s < te and ts < e for s, e, _ in group for ts, te, _ in taken):
            continue
        taken += group
    return sorted(set(taken))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replace the given spans of *text*, last first so earlier offsets stay valid."""
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def fix_file(path: str | Path) -> FixResult:
    """Fix the YAML file at *path* in place, keeping its encoding, BOM and line ends."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError("无法读取文件", [Problem(str(exc), Place(str(path)))]) from None
    encoding = _encoding(raw)
    text = raw.decode(encoding)
    result = fix_text(text, str(path))
    if result.changed:
        _write(path, result.text.encode(encoding))
    return result


def _encoding(raw: bytes) -> str:
    """The codec that reads *raw* as load.decode_text does, and writes it back the same way."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _write(path: Path, data: bytes) -> None:
    """Replace the user's file atomically (the project's one writer), keeping its permissions.

    A link is followed: the real file is fixed (atomically, beside itself) and the link stays a link.
    """
    write_bytes_atomic(path.resolve() if path.is_symlink() else path, data, force=True, keep_mode=True)
