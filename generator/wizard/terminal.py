"""Asking questions in a terminal with questionary: the only module that talks to the user directly.

Every prompt goes through ``unsafe_ask()`` so Ctrl-C arrives as KeyboardInterrupt in one place;
Ctrl-D (EOFError) is treated the same way. questionary's English leftovers ("Yes", "done (3
selections)", "(Use arrow keys)") are replaced by Chinese instructions and a Chinese echo line.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.styles import Style

from ..text.clean import SURROGATES, repair_terminal_text
from .questions import Question

MULTILINE_INSTRUCTION = "（回车换行；写完先按 Esc 再按回车）\n"
SELECT_INSTRUCTION = "（上下键选择，回车确认）"
CHECKBOX_INSTRUCTION = "（上下键移动，空格键勾选或取消，回车确认）"
CONFIRM_INSTRUCTION = "（是按 y，否按 n，回车＝{default}）"

STYLE = Style.from_dict(
    {
        "qmark": "fg:ansigreen bold",
        "question": "bold",
        "answer": "fg:ansicyan bold",
        "instruction": "fg:ansibrightblack",
        "help": "",  # the terminal's own colour: readable on any background
        "note": "fg:ansiyellow",
        "error": "fg:ansired bold",
        "ok": "fg:ansigreen",
    }
)


class PartialAnswer(KeyboardInterrupt):
    """Ctrl-C in a text prompt, with what had been typed there (kept so a long paragraph is not lost)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Prompter(Protocol):
    """What the flow needs from a terminal (tests may pass a fake)."""

    def ask(self, question: Question) -> Any:
        """Show *question* and return the answer (raises KeyboardInterrupt on Ctrl-C)."""

    def say(self, text: str, style: str = "") -> None:
        """Print a line: style is "", "help", "note", "error" or "ok"."""


class TerminalPrompter:
    """questionary-backed prompter."""

    def say(self, text: str, style: str = "") -> None:
        print_formatted_text(FormattedText([(f"class:{style}" if style else "", text)]), style=STYLE)

    def ask(self, question: Question) -> Any:
        if question.help:
            self.say("  " + question.help, "help")
        try:
            if question.kind == "text":
                return self._text(question)
            if question.kind == "select":
                return self._select(question)
            if question.kind == "checkbox":
                return self._checkbox(question)
            if question.kind == "confirm":
                return self._confirm(question)
        except EOFError:  # Ctrl-D: leave like Ctrl-C, answers are already saved
            raise KeyboardInterrupt from None
        raise ValueError(f"unknown question kind: {question.kind}")

    def _text(self, question: Question) -> str:
        given = question.validate or (lambda _answer: True)
        encoding = getattr(sys.stdin, "encoding", None)

        def validate(typed: str) -> bool | str:
            if SURROGATES.search(repair_terminal_text(typed, encoding)):
                return "含有无法识别的字符（终端编码与输入法不一致？），请删除后重新输入"
            return given(repair_terminal_text(typed, encoding))

        prompt = questionary.text(
            question.message,
            default="" if question.default is None else str(question.default),
            validate=validate,
            multiline=question.multiline,
            instruction=MULTILINE_INSTRUCTION if question.multiline else None,
            style=STYLE,
            # Checked when the answer is submitted, not after every key: a validation walks the whole text,
            # so checking while typing made a 20,000-character paste without bracketed paste quadratic.
            validate_while_typing=False,
        )
        try:
            answer: str = prompt.unsafe_ask()  # typed Any: text() answers a str
        except KeyboardInterrupt:
            raise PartialAnswer(repair_terminal_text(prompt.application.current_buffer.text, encoding)) from None
        return repair_terminal_text(answer, encoding)

    def _select(self, question: Question) -> Any:
        choices = [questionary.Choice(c.title, value=c.value) for c in question.choices]
        default = question.default if any(c.value == question.default for c in question.choices) else None
        return questionary.select(
            question.message,
            choices=choices,
            default=default,
            instruction=SELECT_INSTRUCTION,
            style=STYLE,
        ).unsafe_ask()

    def _checkbox(self, question: Question) -> list[Any]:
        checked = set(question.default or [])
        choices = [questionary.Choice(c.title, value=c.value, checked=c.value in checked) for c in question.choices]
        prompt = questionary.checkbox(question.message, choices=choices, instruction=CHECKBOX_INSTRUCTION, style=STYLE)
        prompt.application.erase_when_done = True
        answer: list[Any] = prompt.unsafe_ask()  # typed Any: checkbox() answers the checked values
        titles = [c.title for c in question.choices if c.value in answer]
        self._echo(question.message, f"已选 {len(titles)} 项" + (f"：{'、'.join(titles)}" if titles else ""))
        return answer

    def _confirm(self, question: Question) -> bool:
        default = bool(question.default)
        prompt = questionary.confirm(
            question.message,
            default=default,
            instruction=CONFIRM_INSTRUCTION.format(default="是" if default else "否"),
            style=STYLE,
        )
        prompt.application.erase_when_done = True
        answer = bool(prompt.unsafe_ask())
        self._echo(question.message, "是" if answer else "否")
        return answer

    def _echo(self, message: str, answer: str) -> None:
        """Print the answered question the way questionary would, in Chinese."""
        print_formatted_text(
            FormattedText([("class:qmark", "?"), ("class:question", f" {message} "), ("class:answer", answer)]),
            style=STYLE,
        )
