"""Step 2 of a review: each readable file through the importer and every check rule, as findings for the unit.

The same importer as ``fzbg import`` (``generator.importer.read_report``) and the same rules as ``fzbg check``
(``generator.check.run_checks``): a unit gets the remarks it would get if it had used fzbg itself. The
checker's findings point at report data; here they are placed back at the paragraph of the submitted file
whose text holds the value, so the 意见单 and the Word comments can name 第N段.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

from ..errors import ERROR, FzbgError, Problem
from ..model.report import Report
from ..text.similarity import normalise
from .basis import basis, topic
from .model import MUST, PASSED, REFUSED, RETURN, SHOULD, Finding, Submission

_MIN_KEY = 6  # normalised characters of a value needed to find its paragraph without ambiguity
_YAML_ADVICE = re.compile(r"[：:，,]?\s*(?:请增加|请给|或给|如原文有)[^。]*kind:[^。]*")


def read_submission(sub: Submission, deadline: Union[dt.date, None]) -> Submission:
    """Read, validate and check *sub* in place; a file that cannot be read becomes a refused row."""
    sub.received = dt.datetime.fromtimestamp(sub.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    if not sub.readable:
        return sub
    try:
        if sub.kind == "yaml":
            _read_yaml(sub)
        else:
            _read_document(sub, _report_year(deadline))
    except FzbgError as exc:
        sub.status = REFUSED
        sub.reason = _reason(exc)
        if not sub.unit:
            sub.unit = unit_from_name(sub.path.stem)
        return sub
    sub.status = RETURN if any(f.level == MUST for f in sub.findings) else PASSED
    sub.on_time = on_time(sub.date, sub.received, deadline)
    return sub


def _report_year(deadline: Union[dt.date, None]) -> int:
    """The year under report when a report does not say: the year before the deadline (or before today)."""
    return (deadline or dt.date.today()).year - 1


def _read_yaml(sub: Submission) -> None:
    from ..check import check_file

    checked = check_file(sub.path)
    report = checked.report
    _fill(sub, report, checked.variant.value)
    sub.figures = {key: m.value for key, m in report.metrics.items() if not key.startswith("others") and m.value is not None}
    sub.findings = [_finding(p, None, reword=False) for p in checked.findings]


def _read_document(sub: Submission, fallback_year: int) -> None:
    from ..check import run_checks
    from ..errors import DataError
    from ..importer import read_report

    source = sub.docx if sub.docx is not None else sub.path
    no_year = False
    try:
        result = read_report(source)
    except DataError as exc:
        if exc.message != "无法确定报告年度":
            raise
        result, no_year = read_report(source, fallback_year), True
    report = result.report
    _fill(sub, report, result.variant.value)
    sub.figures = {s.key: s.value for s in result.suggestions if s.value is not None}
    lines = [(line.number, line.text) for line in result.lines]
    sub.paragraphs = [text for _, text in lines if text.strip()]
    data = report.model_dump()
    sub.findings = [_finding(p, _paragraph(p, data, lines)) for p in run_checks(report, None, result.variant)]
    if no_year:
        sub.findings.insert(0, Finding(MUST, f"标题和开头都没有写明年度（按 {fallback_year} 年度审查）：标题应写明报告年度",
                                       basis("D3"), 1 if result.source.kind == "docx" else None, topic="标题", rule="D3"))
    if result.source.kind != "docx":  # a text file has lines, not paragraphs
        sub.findings = [replace(f, paragraph=None, line=f.paragraph) for f in sub.findings]
    if sub.kind in ("docx", "doc", "wps") and result.source.kind == "docx":
        sub.docx = source
        sub.findings += _inspect(source, result.variant.value == "formal")


def _inspect(path: Path, formal: bool) -> list[Finding]:
    """The format inspection; a document it cannot follow gets one remark instead of stopping the review."""
    from .inspect import inspect_docx

    try:
        return inspect_docx(path, formal)
    except Exception as exc:  # noqa: BLE001 - hand-made XML can break any assumption; the content review stands
        return [Finding(SHOULD, f"格式：无法完成格式检查（{type(exc).__name__}），请人工核对版式", "GB/T 9704-2012",
                        topic="格式", rule="FMT")]


def _fill(sub: Submission, report: Report, variant: str) -> None:
    from ..check.content import ITEMS, REQUIRED

    sub.unit = report.agency.name if "待填写" not in report.agency.name else unit_from_name(sub.path.stem)
    sub.names = unit_names(sub.unit)
    sub.year = report.year
    sub.variant = variant
    sub.date = report.document.date.isoformat() if report.document.date else ""
    present = {part.kind for part in report.parts}
    from ..check.content import owners

    present |= {kind for _, _, kind in owners(report) if kind is not None}
    sub.missing_items = [ITEMS[kind][0] for kind in REQUIRED if kind not in present]
    if not sub.paragraphs:
        from ..check.context import text_fields

        sub.paragraphs = [f.text for f in text_fields(report)]


_DATA_WORDS = [  # advice about fzbg's YAML, reworded for a unit that wrote its report in Word
    (re.compile(r"未填写成文日期（document\.date）[^。]*"), "没有成文日期：请在落款下写明成文日期"),
    (re.compile(r"如已写到，在相应小节加一行 refs: \[[一二三四五六七八九十]+\] 注明（[^）]*），或补充相关内容"), "请补充相关内容"),
    (re.compile(r"（[a-z_]+(?:\.[a-z_]+)+）"), ""),
]


def _finding(problem: Problem, paragraph: Union[tuple[int, str], None], reword: bool = True) -> Finding:
    message = problem.message
    if reword and problem.rule != "V":
        message = _YAML_ADVICE.sub("", message).rstrip("：:，, ")
        for pattern, replacement in _DATA_WORDS:
            message = pattern.sub(replacement, message)
    number, snippet = paragraph if paragraph else (None, "")
    return Finding(MUST if problem.severity == ERROR else SHOULD, message, basis(problem.rule), number,
                   snippet or problem.snippet.strip("…"), topic(problem.rule), problem.rule, problem.line)


def _paragraph(problem: Problem, data: dict[str, Any], lines: list[tuple[int, str]]) -> Union[tuple[int, str], None]:
    """The paragraph of the source whose text holds the value the finding is about, with a snippet."""
    path = problem.path
    value = _value_at(data, path)
    while path and not isinstance(value, (str, dict)):  # a field such as level: its section holds the heading
        path = path[:-1]
        value = _value_at(data, path)
    keys = []
    if problem.snippet:
        keys.append(normalise(problem.snippet.strip("…")))
    if isinstance(value, dict):  # a part or section: its heading is what the reader sees
        value = value.get("heading")
    if isinstance(value, str):
        keys.append(normalise(value)[:24])
    for key in keys:
        if len(key) < _MIN_KEY:
            continue
        for number, text in lines:
            if key in normalise(text):
                return number, _snip(text, problem.snippet)
    return None


def _snip(text: str, around: str) -> str:
    text = text.strip()
    if around and around.strip("…") in text:
        return around.strip("…")[:30]
    return text[:20] + ("…" if len(text) > 20 else "")


def _value_at(data: Any, path: tuple[Union[str, int], ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _reason(exc: FzbgError) -> str:
    """The error as one line for the 台账: its message, then each problem with its position inside the file
    (the file is the row's own, so only 第N行第M列 or 第N段 is written)."""
    parts = []
    for problem in exc.problems[:2]:
        place = problem.place
        inner = (f"第{place.line}行" + (f"第{place.column}列" if place.column else "")) if place.line else place.part
        parts.append(f"{inner}：{problem.message}" if inner else problem.message)
    details = "；".join(parts)
    return f"{exc.message}：{details}" if details else exc.message


def on_time(date: str, received: str, deadline: Union[dt.date, None]) -> str:
    """是 / 否（逾期N天） against *deadline*, judged by the 成文日期, else by the file's time; 未知 without one."""
    if deadline is None:
        return ""
    when, by = (date, "成文日期") if date else (received[:10], "文件时间")
    try:
        day = dt.date.fromisoformat(when)
    except ValueError:
        return "未知"
    late = (day - deadline).days
    return f"是（按{by}）" if late <= 0 else f"否（逾期{late}天，按{by}）"


_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,}?(?:分局|公安局|支队|大队|派出所))")


def unit_from_name(stem: str) -> str:
    """A unit name found in a file name such as 海珠区分局2024年法治报告, else the file name itself."""
    found = _UNIT.search(stem)
    return found.group("name") if found else stem


def unit_names(unit: str) -> list[str]:
    """How a unit names itself in its text: 广州市公安局海珠区分局 → 海珠区分局, 海珠区, 海珠, 分局, 本局.

    These are taken out before sentences are compared, so a copy with the names changed still matches."""
    names = [unit]
    tail = unit
    if tail.endswith("分局") and "公安局" in tail[:-2]:
        tail = tail.rsplit("公安局", 1)[-1]
    elif tail.endswith("公安局"):
        tail = re.sub(r"^[\u4e00-\u9fff]{2,3}[市州盟](?=[\u4e00-\u9fff]{2,}[区县市旗])", "", tail)
    names.append(tail)
    found = re.fullmatch(r"(?P<place>[\u4e00-\u9fff]{1,6}?)(?P<level>区|县|市|旗)(?:分局|公安局)", tail)
    if found:
        names += [found.group("place") + found.group("level"), found.group("place")]
    names += ["公安分局", "分局", "本局", "我局"]
    return list(dict.fromkeys(n for n in names if len(n) >= 2))


def figure_text(value: Decimal) -> str:
    return format(value.normalize(), "f")
