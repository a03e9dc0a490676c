"""One run of the wizard: the answers file, the terminal, last year's suggestions, and how to ask.

Every flow module (flow, parts, figures, review) takes a :class:`Session` from here, so none of them needs
another flow module for it (flow imports parts and figures, review imports flow; never the other way).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Union

from ..errors import DataError
from ..load.framework import load_framework
from ..model.framework import Framework
from ..model.paths import DataPath
from ..model.report import Report
from . import questions as q
from .previous import LastYear
from .questions import MISSING, Question, Slot
from .store import AnswerStore
from .terminal import PartialAnswer, Prompter

DEFAULT_FRAMEWORK = "outline-2021-2025"


class ClosedLoops:
    """The loops the user ended ("再添加一项？" no, "其他情况" no), remembered in the answers file across runs."""

    def __init__(self, store: AnswerStore) -> None:
        self.store = store

    @staticmethod
    def token(loop: Any) -> str:
        """A name for *loop* that reads in the file: "measures/1" for a section's box, "part:other" for a part."""
        if hasattr(loop, "section"):  # a parts.Box (not imported: parts imports this module)
            return f"{loop.kind.value}" + ("" if loop.section is None else f"/{loop.section}")
        if isinstance(loop, Enum):
            return f"part:{loop.value}"
        return str(loop)

    def __contains__(self, loop: Any) -> bool:
        return self.token(loop) in self.store.progress

    def add(self, loop: Any) -> None:
        self.store.mark_done(self.token(loop))


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
        self.closed = ClosedLoops(store)  # loops the user ended, in this run or an earlier one
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

    def hint(self, path: DataPath) -> Any:
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
        """Ask *slot* starting from *default*, save the validated answer, return it.

        Ctrl-C in the middle of a paragraph keeps what was typed: it is saved as the answer when it
        is a valid one and differs from the suggestion (the review page can still change it).
        """
        try:
            value = self.prompt(slot, default)
        except PartialAnswer as exc:
            self._keep_partial(slot, default, exc.text)
            raise
        self.store.set(slot.path, value)
        return value

    def _keep_partial(self, slot: Slot, default: Any, typed: str) -> None:
        if not slot.multiline or not typed.strip() or typed.strip() == str(slot.show(default) or "").strip():
            return
        answer = slot.tidied(typed)[0]
        if slot.check(answer) is not True:
            return
        self.store.set(slot.path, slot.value(answer))
        self.ui.say("已保存这一项中尚未提交的文字；继续填写时可在检查页面修改。", "note")

    def prompt(self, slot: Slot, default: Any) -> Any:
        """Ask *slot* and return the validated answer as YAML data, without saving it."""
        answer, notes = slot.tidied(self.ui.ask(slot.question(default)))
        for note in notes:  # what the entry repairs changed (文号 brackets, punctuation, line breaks)
            self.ui.say(note, "note")
        return slot.value(answer)

    def choose(self, question: Question) -> Any:
        """Ask a question whose answer is not stored by itself (a menu, a yes/no)."""
        return self.ui.ask(question)

    def confirm(self, message: str, default: bool, help: str = "") -> bool:
        return bool(self.choose(Question("confirm", message, help=help, default=default)))
