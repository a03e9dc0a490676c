"""``fzbg import --next-year``: last year's report as the starting point of this year's.

The draft keeps the structure and text for rewriting, moves to the next year, clears what belongs to
one issue only (成文日期, 印发日期, 发文字号), turns the recognised figures into previous-year values,
and lists last year's plans as a checklist above the measures, to be reported on one by one.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..model.metrics import METRIC_CATALOGUE, Metrics
from ..model.report import Block, Chain, PartKind, Report, Section
from .build import ImportResult
from .notes import Note

CHECKLIST_WIDTH = 40


def next_year_draft(result: ImportResult) -> ImportResult:
    """A new result holding the draft for the year after *result*'s report."""
    old = result.report
    year = old.year + 1
    notes = list(result.notes)
    document = old.document.model_copy(update={"date": None, "printed_date": None, "number": None})
    update: dict[str, Any] = {"year": year, "document": document}
    if old.document.number:
        notes.append(Note("draft", f"发文字号“{old.document.number}”已清空，请填写本年的发文字号"))
    if old.document.date or old.document.printed_date:
        notes.append(Note("draft", "成文日期、印发日期已清空"))
    if old.title and str(old.year) in old.title:
        update["title"] = old.title.replace(str(old.year), str(year))
        notes.append(Note("draft", f"标题中的年度 {old.year} 改为 {year}"))
    metrics = _previous_year_metrics(result)
    if metrics:
        update["metrics"] = Metrics.model_validate(metrics)
        notes.append(Note("draft", f"识别到的 {len(metrics)} 项数据已作为上年数值（previous）写入 metrics，请填写本年数值"))
    draft = Report.model_validate({**old.model_dump(), **{k: _dump(v) for k, v in update.items()}})
    checklist = plan_checklist(old)
    if checklist:
        notes.append(Note("draft", f"上一年度的“下一年度安排”共 {len(checklist)} 项，已作为对照清单写在举措部分上方"))
    notes.append(Note("draft", "正文仍是上一年度的原文（含年度、数字），请逐段改写"))
    return dataclasses.replace(
        result, report=draft, notes=notes, checklist=checklist, draft_from=old.year, suggestions=[]
    )


def _dump(value: Any) -> Any:  # a model or a plain value
    return value.model_dump() if hasattr(value, "model_dump") else value


def _previous_year_metrics(result: ImportResult) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for suggestion in result.suggestions:
        if suggestion.value is None:
            continue
        metric: dict[str, Any] = {"value": None, "previous": suggestion.value}
        if suggestion.unit != METRIC_CATALOGUE[suggestion.key][1]:
            metric["unit"] = suggestion.unit
        out[suggestion.key] = metric
    return out


def plan_checklist(report: Report) -> list[str]:
    """Last year's plans, one line per item: section headings, chain items or paragraphs."""
    items: list[str] = []
    for part in report.parts:
        if part.kind == PartKind.plans:
            items += _items(part.content)
    return items


def _items(blocks: list[Block]) -> list[str]:
    headings = [b.heading for b in blocks if isinstance(b, Section) and b.heading]
    if headings:
        return [_first_clause(h) for h in headings]
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Chain):
            out += [_first_clause(item.text) for item in block.chain]
        elif isinstance(block, Section):
            out += _items(block.content)
    if not out:
        out = [_first_clause(b) for b in blocks if isinstance(b, str)]
    return out


def _first_clause(text: str) -> str:
    clause = re.split(r"[。；：]", text, maxsplit=1)[0]
    return clause if len(clause) <= CHECKLIST_WIDTH else clause[:CHECKLIST_WIDTH] + "……"
