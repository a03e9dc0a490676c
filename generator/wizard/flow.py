"""The order of the questions and how a stopped wizard resumes.

An answer *is* the value stored in the output YAML: a question whose value is present and passes
the model's validation is answered, and the wizard passes over it (resume = run the same flow again
over the file). Loops ("再添加一项？") leave no value of their own: a loop counts as finished when
anything later in the flow is already answered, or when the user ended it earlier in this run.
"""

from __future__ import annotations

from typing import Any

from ..model.report import Agency
from . import questions as q
from .figures import fill_metrics
from .parts import fill_parts
from .questions import MISSING, Choice, Question
from .session import Session

_OTHER_LEVEL = "__other__"
_NO_LEVEL = "__none__"


def run_flow(s: Session) -> None:
    """Ask every unanswered question, in the order of the report."""
    fill_agency(s)
    fill_document(s)
    fill_opening(s)
    fill_parts(s)
    fill_metrics(s)


def fill_agency(s: Session) -> None:
    name = s.fill(q.agency_name(), s.hint(("agency", "name")))
    stored = s.store.get(("agency", "level"))
    if stored is MISSING or q.agency_level_other().problem(stored) is not None:
        ask_level(s, s.hint(("agency", "level")) or q.guess_level(str(name)))
    s.fill(q.agency_superior(), s.hint(("agency", "superior")) or q.guess_superior(str(name)))
    s.fill(q.agency_short_name(), s.hint(("agency", "short_name")) or q.guess_short_name(str(name)))


def ask_level(s: Session, default: Any) -> None:
    """机关层级: one of the usual levels, another one typed in, or none."""
    choices = [Choice(level, level) for level in q.LEVELS]
    choices += [Choice("其他（自己输入）", _OTHER_LEVEL), Choice("不填写", _NO_LEVEL)]
    if default in q.LEVELS:
        start = default
    else:
        start = _OTHER_LEVEL if default else _NO_LEVEL
    question = Question("select", "机关层级：", help="本单位属于哪一级公安机关；不印在报告上。", choices=choices, default=start)
    answer = s.choose(question)
    slot = q.agency_level_other()
    if answer == _OTHER_LEVEL:
        s.ask(slot, None if default in q.LEVELS else default)
    else:
        s.store.set(slot.path, slot.value(None if answer == _NO_LEVEL else answer))


def fill_document(s: Session) -> None:
    s.fill(q.report_year(), s.hint(("year",)) or q.default_year(s.today))
    s.fill(q.document_number(), s.hint(("document", "number")))
    s.fill(q.document_signer(), s.hint(("document", "signer")))
    s.fill(q.document_date(s.year), q.default_date(s.year, s.today))
    s.fill(q.document_copy_to(), s.hint(("document", "copy_to")))


def fill_opening(s: Session) -> None:
    s.fill(q.opening(), opening_text(s))


def opening_text(s: Session) -> str:
    """A suggested first paragraph, to be edited."""
    agency = s.store.get(("agency",), {}) or {}
    ok, name = q.model_check(Agency, "short_name", agency.get("short_name"))
    who = (name if ok and name else None) or agency.get("name") or "我局"
    return (
        f"{s.year}年，{who}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        f"认真落实《{s.framework().name}》，扎实推进法治公安建设，各项工作取得新成效。现将有关情况报告如下："
    )
