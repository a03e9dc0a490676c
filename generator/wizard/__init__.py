"""``fzbg wizard``: a guided terminal wizard that writes the same report YAML the other modes read.

Modules: :mod:`.questions` builds questions (wording, help, validation through the models),
:mod:`.terminal` asks them (questionary), :mod:`.flow`, :mod:`.parts` and :mod:`.figures` decide the
order and where to resume, :mod:`.store` autosaves every answer, :mod:`.review` is the last screen,
:mod:`.previous` turns last year's report into suggestions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from ..write.atomic import check_output_path
from .flow import run_flow
from .previous import LastYear
from .review import review
from .session import Session
from .store import AnswerStore
from .terminal import Prompter, TerminalPrompter


@dataclass(frozen=True)
class Outcome:
    """How a wizard run ended: the user quit from the review screen, or pressed Ctrl-C."""

    path: Path
    interrupted: bool


def run_wizard(
    output: Union[str, Path],
    source: Union[str, Path, None] = None,
    prompter: Union[Prompter, None] = None,
    today: Union[dt.date, None] = None,
) -> Outcome:
    """Ask every unanswered question of the report at *output*, then show the review screen.

    *source* is last year's report (``--from``). Every answer is saved at once; Ctrl-C (or Ctrl-D)
    at any prompt returns an interrupted Outcome with everything answered so far on disk.
    Raises DataError for an unreadable file and OutputError when *output* cannot be written.
    """
    output = Path(output)
    check_output_path(output, force=True)  # an existing file is resumed, not refused
    last = LastYear.load(source) if source is not None else None
    store = AnswerStore(output)
    session = Session(store, prompter or TerminalPrompter(), last, today)
    try:
        greet(session)
        run_flow(session)
        review(session)
    except KeyboardInterrupt:
        store.save()
        return Outcome(output, interrupted=True)
    return Outcome(output, interrupted=False)


def greet(s: Session) -> None:
    if s.store.data:
        s.ui.say(f"接着填写 {s.store.path}：已回答的问题会跳过，从第一个没有回答的问题开始。", "ok")
    else:
        s.ui.say("法治政府建设年度报告填报向导", "ok")
    s.ui.say(f"每回答一题都会自动保存到 {s.store.path}；随时可按 Ctrl-C 退出，再次运行同一命令即可接着填写。", "help")


__all__ = ["AnswerStore", "LastYear", "Outcome", "Session", "TerminalPrompter", "run_wizard"]
