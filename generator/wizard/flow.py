"""The order of the questions and how a stopped wizard resumes.

An answer *is* the value stored in the output YAML: a question whose value is present and passes
the model's validation is answered, and the wizard passes over it (resume = run the same flow again
over the file). Loops ("再添加一项？") leave no value of their own: a loop counts as finished when
anything later in the flow is already answered, or when the user ended it earlier in this run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Union

from ..errors import DataError
from ..load.framework import load_framework
from ..model.framework import Framework
from ..model.report import Agency, Report
from . import questions as q
from .previous import LastYear
from .questions import MISSING, Choice, Question, Slot
from .store import AnswerStore
from .terminal import Prompter

DEFAULT_FRAMEWORK = "outline-2021-2025"
_OTHER_LEVEL = "__other__"
_NO_LEVEL = "__none__"


class Session:
    """One run of the wizard: the file, the terminal, last year's suggestions."""

    def __init__(
        self,
        store: AnswerStore,
        ui: Prompter,
        last: Union[LastYear, None] = None,
        today: Union[dt.date, None] = None,
    ) -> None:
        self.store = store
        self.ui = ui
        self.last = last
        self.today = today or dt.date.today()
        self.closed: set[Any] = set()  # loops the user ended in this run
        self.reminded = False

    @property
    def data(self) -> dict[str, Any]:
        return self.store.data

    @property
    def year(self) -> int:
        ok, year = q.model_check(Report, "year", self.store.get(("year",), None))
        return year if ok else q.default_year(self.today)

    def framework(self) -> Framework:
        """The framework the report follows (the 2021–2025 Outline unless the file names another)."""
        try:
            return load_framework(str(self.data.get("framework") or DEFAULT_FRAMEWORK))
        except DataError:
            return load_framework(DEFAULT_FRAMEWORK)

    def hint(self, path: tuple) -> Any:
        """Last year's value for a fixed question, or None."""
        return self.last.answer(path) if self.last else None

    # -- asking ----------------------------------------------------------------------------------

    def fill(self, slot: Slot, suggestion: Any = None) -> Any:
        """The stored answer of *slot* if it is valid; otherwise ask (starting from it) and save."""
        stored = self.store.get(slot.path)
        if stored is not MISSING:
            problem = slot.problem(stored)
            if problem is None:
                return stored
            self.ui.say(f"文件中的“{q.show_text(stored)}”不对：{problem}。请重新填写。", "note")
            suggestion = stored
        return self.ask(slot, suggestion)

    def ask(self, slot: Slot, default: Any) -> Any:
        """Ask *slot* starting from *default*, save the validated answer, return it."""
        value = self.prompt(slot, default)
        self.store.set(slot.path, value)
        return value

    def prompt(self, slot: Slot, default: Any) -> Any:
        """Ask *slot* and return the validated answer as YAML data, without saving it."""
        return slot.value(self.ui.ask(slot.question(default)))

    def choose(self, question: Question) -> Any:
        """Ask a question whose answer is not stored by itself (a menu, a yes/no)."""
        return self.ui.ask(question)

    def confirm(self, message: str, default: bool, help: str = "") -> bool:
        return bool(self.choose(Question("confirm", message, help=help, default=default)))


def run_flow(s: Session) -> None:
    """Ask every unanswered question, in the order of the report."""
    from .figures import fill_metrics
    from .parts import fill_parts

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
    s.fill(q.document_date(), q.default_date(s.year, s.today))
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
