"""Policy that is current for the report's year (generator/check/data/policy.yaml, keyed by report year).

- E-POLICY  a report of a year after a plan's last year cites that plan with no word of its successor
            (warning); a 2026 report with none of the figures the new laws bring (info)
- E-LAW     a cited 《…》 that is a law or rule in force written with a wrong title, such as
            《中华人民共和国行政执法监督条例》 for 《行政执法监督条例》 (warning)
- E-REVIEW  a 市/县 public security bureau that, for a year since the revised 行政复议法, says it handled
            行政复议 cases: it is normally the respondent, not the 复议机关 (warning)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .base import INFO, WARNING, Hit
from .context import text_fields
from .ruledata import rule_data
from .units import value

if TYPE_CHECKING:
    from .context import Context

DATA = "policy"
_PRC = "中华人民共和国"
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_AROUND = 40  # characters either side of a 复议 figure in which 被申请 is looked for


def check(ctx: Context) -> list[Hit]:
    return plans(ctx) + laws(ctx) + review_role(ctx) + new_metrics(ctx)


def _fields(ctx: Context) -> list[tuple[Any, str]]:
    return [(field.path, value(ctx, field.path, field.text)) for field in text_fields(ctx.report)]


def plans(ctx: Context) -> list[Hit]:
    """E-POLICY: a plan cited as current after its last year."""
    year = ctx.report.year
    fields = _fields(ctx)
    whole = "\n".join(text for _, text in fields)
    hits = []
    for plan in rule_data(DATA).get("plans", []) or []:
        if year <= int(plan["until"]) or any(w in whole for w in plan.get("successor_words", [])):
            continue
        for path, text in fields:
            at = min((i for i in (text.find(c) for c in plan.get("cited_as", [])) if i >= 0), default=-1)
            if at >= 0:
                hits.append(Hit("E-POLICY", WARNING, f"{plan['title']}已于{plan['until']}年期满，{year}年度报告仍以它为现行依据，"
                                "且没有提到“十五五”时期的法治政府建设规划：请改引新的规划，或写明是对原纲要的总结",
                                at, at + 1, path=path))
                break
    return hits


@lru_cache(maxsize=1)
def _law_index() -> tuple[dict[str, str], dict[str, str]]:
    """Exact titles by their name without 中华人民共和国, and wrong forms with their exact title."""
    by_core: dict[str, str] = {}
    wrong: dict[str, str] = {}
    for law in rule_data(DATA).get("laws", []) or []:
        title = str(law["title"])
        by_core[title.strip("《》").removeprefix(_PRC)] = title
        for form in law.get("wrong", []) or []:
            wrong[str(form)] = title
    return by_core, wrong


def laws(ctx: Context) -> list[Hit]:
    """E-LAW."""
    by_core, wrong = _law_index()
    notes = {str(law["title"]): law.get("note", "") for law in rule_data(DATA).get("laws", []) or []}
    hits = []
    for path, text in _fields(ctx):
        for m in _TITLE.finditer(text):
            cited = m.group()
            right = wrong.get(cited) or by_core.get(m.group(1).removeprefix(_PRC))
            if right and right != cited and not _abbreviation(m.group(1), right):
                note = notes.get(right) or ""
                hits.append(Hit("E-LAW", WARNING, f"{cited}的名称不准确，应为{right}" + (f"（{note}）" if note else ""),
                                m.start(), m.end(), path=path))
    return hits


def _abbreviation(name: str, right: str) -> bool:
    """《行政复议法》 for 《中华人民共和国行政复议法》: the usual short form of a law, allowed."""
    return right.startswith("《" + _PRC) and not name.startswith(_PRC) and name.endswith("法")


def review_role(ctx: Context) -> list[Hit]:
    """E-REVIEW."""
    rule = rule_data(DATA).get("review") or {}
    report = ctx.report
    if not rule or report.year < int(rule["from"]):
        return []
    agency = report.agency
    levels = rule.get("local_levels", [])
    local = (agency.level in levels) or any(agency.name.endswith(w) for w in levels)
    if not local or "公安厅" in agency.name or "公安部" in agency.name:
        return []
    handled = re.compile(rf"(?:{rule['handled']})[^。；\n]{{0,12}}?\d+\s*(?:件|宗|起)")
    respondent = tuple(rule.get("respondent_words", []))
    message = ("自2024年1月1日起施行的《中华人民共和国行政复议法》规定，市、县公安机关的行政复议由本级人民政府管辖，"
               "公安机关通常是被申请人而不是复议机关：“办理行政复议案件”宜写作“被申请行政复议案件…件”，"
               "并在 metrics 中设 reconsideration_role: respondent")
    hits = []
    for path, text in _fields(ctx):
        for m in handled.finditer(text):
            near = text[max(0, m.start() - _AROUND):m.end() + _AROUND]
            if not any(w in near for w in respondent):
                hits.append(Hit("E-REVIEW", WARNING, message, m.start(), m.end(), path=path))
    if report.metrics.reconsideration_role == "organ" and report.metrics.reconsideration_cases is not None:
        hits.append(Hit("E-REVIEW", WARNING, message, path=("metrics", "reconsideration_role")))
    return hits


def new_metrics(ctx: Context) -> list[Hit]:
    """E-POLICY (info): a report of a year the new laws apply to with none of the figures they bring."""
    rule = rule_data(DATA).get("new_metrics") or {}
    if not rule or ctx.report.year < int(rule["from"]):
        return []
    metrics = ctx.report.metrics
    if any(getattr(metrics, key, None) is not None for key in rule.get("ids", [])):
        return []
    whole = "\n".join(text for _, text in _fields(ctx))
    if any(w in whole for w in rule.get("words", [])):
        return []
    return [Hit("E-POLICY", INFO, f"{ctx.report.year}年度报告可写新修订的治安管理处罚法和《行政执法监督条例》的落实情况："
                "治安违法记录封存、听证、收到和整改的行政执法监督通知书（意见书）、新法培训（metrics 中的 record_sealing、"
                "hearings、supervision_notices_received、supervision_notices_rectified、new_law_training）",
                path=("metrics",))]
