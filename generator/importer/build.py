"""The import pipeline: file → lines → residue dropped → normalised → frame and body → :class:`Report`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, Union

from ..errors import DataError, Place, Problem
from ..model.report import TITLE_FORMS, Agency, Closing, Document, Part, PartKind, Report, TitleForm
from ..model.vocabulary import Variant
from ..text.clean import TODO_MARKER
from ..validate import Unlocated, validate_report
from .frame import Header, Tail, agency_like, read_header, read_tail
from .kind import other_kind
from .metrics import Suggestion, find_metrics
from .normalise import normalise_lines
from .notes import Line, Note
from .opening import opening_agency, opening_year
from .residue import drop_residue
from .script import to_simplified
from .sources import Source, read_source
from .structure import build_parts, split_opening

_TITLE_PATTERNS = {
    TitleForm.situation: r"关于\d{4}年度法治政府建设(工作)?情况的报告",
    TitleForm.work_situation: r"关于\d{4}年法治政府建设(工作)?情况的报告",
    TitleForm.annual: r"\d{4}年(度)?法治政府建设(年度)?报告",
}


@dataclass
class ImportResult:
    """An imported report with everything the user should be told about it."""

    report: Report
    source: Source
    lines: list[Line]  # the source after residue removal and normalisation
    notes: list[Note] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    variant: Variant = Variant.public  # formal when the source carries 公文 fields (文号, 签发人, 主送)
    checklist: list[str] = field(default_factory=list)  # drafts: last year's plans
    draft_from: Union[int, None] = None  # drafts: the year of the report they were made from
    other_kind: Union[str, None] = None  # what the document seems to be when not a 法治政府 report
    doubts: dict[int, str] = field(default_factory=dict)  # part index → why its kind is uncertain
    match_ratio: Union[float, None] = None  # share of the source's characters found again, in order, in the
    # rendering: set by generator.api.import_report, which renders


def clean_lines(source: Source) -> tuple[list[Line], list[Note]]:
    """The source's lines without web residue and with punctuation normalised, and the notes."""
    lines, simplified = to_simplified(source.lines)  # before residue rules, which are written in simplified
    lines, notes = drop_residue(lines)
    lines, more = normalise_lines(lines)
    return lines, simplified + notes + more


def read_report(path: Union[str, Path], year: Union[int, None] = None) -> ImportResult:
    """Read the .docx/.txt/.html report at *path* into a validated report. Raises DataError when it cannot
    be read as one. ``generator.api.import_report`` adds the proof-reading against the rendered text."""
    source = read_source(path)
    lines, notes = clean_lines(source)
    notes = source.notes + notes
    if not lines:
        raise DataError("无法导入该文件", [Problem("去掉网页残留后没有剩下任何正文", Place(source.name))])
    header, start = read_header(lines, notes, source.roles)
    tail, stop = read_tail(lines[start:], notes)
    opening, body = split_opening(header.extra + lines[start : start + stop])
    if not body:
        where = source.place(lines[0].number)
        raise DataError("无法导入该文件", [Problem("只找到标题或一段文字，没有报告正文，不像是一份年度报告", where)])
    kind = other_kind(header.title, lines)
    if kind is not None:
        # First among the notes: the CLI prints them in order, before anything about the parts.
        notes.insert(0, Note("kind", f"这份文件看起来是{kind.label}，不是法治政府建设年度报告（{kind.evidence}）："
                                     "已按法治政府建设报告的格式导入，标题保持原文；请确认确实要这样使用"))
    year = _year(year, header, opening, source, lines, notes)
    doubts: dict[int, str] = {}
    parts = build_parts(body, year, notes, doubts)
    name = _agency_name(header, tail, opening, notes)
    # A copy without 版头 fields is the published version: saying so keeps check from asking for 主送/签发人.
    formal = bool(header.number or header.signer or header.recipient or header.mark)
    variant = Variant.formal if formal else Variant.public
    if not formal:
        notes.append(Note("header", "没有版头（发文字号、签发人、主送机关）：按网站公开版导入（variant: public）"))
    report = Report(
        year=year,
        variant=variant,
        agency=Agency(
            name=name,
            superior=header.recipient,
            mark=header.mark if header.mark and header.mark != name else None,
        ),
        document=_document(header, tail, name),
        opening=[line.text for line in opening],
        parts=parts,
        closing=tail.closing or Closing.none,
        **_title(header.title, name, year, notes),
    )
    _note_kinds(report.parts, notes)
    # The one validation path: structure checks (heading depth) and cleaning, placed at the source file.
    report = validate_report(report.model_dump(), Unlocated(source.name)).report
    result = ImportResult(report, source, lines, notes, find_metrics(lines), variant, doubts=doubts)
    result.other_kind = kind.label if kind else None
    return result


def _year(year: Union[int, None], header: Header, opening: list[Line], source: Source, lines: list[Line],
          notes: list[Note]) -> int:
    found = re.search(r"(20\d{2})\s*年", header.title or "")
    title_year = int(found.group(1)) if found else None
    if year is not None:
        if title_year and title_year != year:
            notes.append(Note("header", f"标题中的年度是 {title_year}，按 --year 改为 {year}"))
        return year
    if title_year:
        return title_year
    found_year = opening_year(opening)
    if found_year is not None:
        sure = "把握较大" if found_year.sure else "把握不大，请核对 year，或加 --year 指定"
        notes.append(Note("header", f"标题中没有年度，按开头段落取 {found_year.value} 年（{sure}）", found_year.line))
        return int(found_year.value)
    raise DataError(
        "无法确定报告年度",
        [Problem("标题和开头都没有写明年度，请加 --year 指定，如 --year 2024", source.place(lines[0].number))],
    )


def _agency_name(header: Header, tail: Tail, opening: list[Line], notes: list[Note]) -> str:
    title = header.title or ""
    found = re.match(r"(?P<name>.+?)(关于|\d{4}\s*年)", title)
    if found and agency_like(found.group("name")):
        return found.group("name")
    for candidate, where in ((header.mark, "发文机关标志"), (tail.signature_name, "落款")):
        if candidate:
            name = re.sub(r"文件$", "", candidate)
            if not title:
                notes.append(Note("header", f"发文机关：按{where}取“{name}”（把握较大）"))
            return name
    subject = opening_agency(opening)
    if subject is not None and subject.sure:
        notes.append(Note("header", f"发文机关：标题中没有机关名称，按开头第一句取“{subject.value}”（把握较大，请核对 agency.name）",
                          subject.line))
        return subject.value
    if subject is not None:
        notes.append(Note("header", f"发文机关：开头只写“{subject.value}”，也没有落款，已写为“{TODO_MARKER}”，"
                                    "请在 agency.name 中填写全称", subject.line))
    else:
        notes.append(Note("header", f"没有找到发文机关名称，已写为“{TODO_MARKER}”，请在 agency.name 中填写"))
    return TODO_MARKER


class _TitleFields(TypedDict, total=False):
    """The title fields of the report: none when the title is the one the tool would generate."""

    title: str
    title_form: TitleForm


def _title(title: Union[str, None], name: str, year: int, notes: list[Note]) -> _TitleFields:
    if not title:
        notes.append(Note("header", "原文没有标题：生成时将按“{机关}关于{年度}年度法治政府建设情况的报告”自动生成"))
        return {}
    for form, template in TITLE_FORMS.items():
        if template.format(agency=name, year=year) == title:
            return {"title_form": form}
    form = next((f for f, p in _TITLE_PATTERNS.items() if re.search(p, title)), TitleForm.situation)
    return {"title": title, "title_form": form}


def _document(header: Header, tail: Tail, name: str) -> Document:
    has_signature = bool(tail.signature_name or tail.date)
    return Document(
        number=header.number,
        signer=header.signer,
        date=tail.date,
        signature=has_signature,
        signature_name=tail.signature_name if tail.signature_name and tail.signature_name != name else None,
        attachments=tail.attachments,
        copy_to=tail.copy_to,
        printed_by=tail.printed_by if tail.printed_by and tail.printed_by != name else None,
        printed_date=tail.printed_date if tail.printed_date != tail.date else None,
    )


def _note_kinds(parts: list[Part], notes: list[Note]) -> None:
    present = {part.kind for part in parts}
    missing = [k for k in (PartKind.shortcomings, PartKind.plans) if k not in present]
    labels = {PartKind.shortcomings: "存在的不足和原因", PartKind.plans: "下一年度主要安排"}
    for kind in missing:
        notes.append(Note("parts", f"没有找到“{labels[kind]}”部分：如原文有，请在 YAML 中把相应部分的 kind 改为 {kind.value}"))
