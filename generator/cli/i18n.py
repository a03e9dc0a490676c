"""Chinese for the messages click and typer print themselves (usage, help headings, flag errors).

click looks its strings up through ``gettext`` bound at import time in each module; replacing that
name with a lookup in this table is the lightest way to show users Chinese without shipping a .mo file.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Protocol

_CHINESE = {
    "Usage:": "用法：",
    "required": "必填",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Aborted!": "已取消。",
    "default: {default}": "默认：{default}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "file": "文件",
    "path": "路径",
    "directory": "文件夹",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Missing {param_type}": "缺少{param_type}",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
}



class _Formatter(Protocol):
    """The part of click's HelpFormatter that the replacement methods use."""

    current_indent: int

    def write(self, string: str) -> None: ...


class _HelpOption(Protocol):
    help: str | None


_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui", "utils")


def _gettext(message: str) -> str:
    return _CHINESE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _CHINESE.get(singular if n == 1 else plural, singular if n == 1 else plural)


def click_packages() -> list[ModuleType]:
    """The click packages in use: typer ≥ 0.16 vendors one as typer._click; older typer uses click."""
    found: list[ModuleType] = []
    for name in ("typer._click", "click"):
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def click_exception_types() -> tuple[type[Exception], ...]:
    """(ClickException, Exit, Abort) classes of every click package in use, for the CLI's handler."""
    import typer

    types: list[type[Exception]] = [typer.Exit, typer.Abort]
    for package in click_packages():
        exceptions = importlib.import_module(package.__name__ + ".exceptions")
        types += [getattr(exceptions, n) for n in ("ClickException", "Exit", "Abort") if hasattr(exceptions, n)]
    return tuple(types)


def install() -> None:
    """Route click's and typer's message lookups through the Chinese table."""
    for package in click_packages():
        for name in _MODULES:
            try:
                module = importlib.import_module(f"{package.__name__}.{name}")
            except ImportError:
                continue
            _replace(module, "_", _gettext)
            _replace(module, "ngettext", _ngettext)
    for name in ("typer.core", "typer.main"):
        module = importlib.import_module(name)
        _replace(module, "_", _gettext)
    for package in click_packages():
        _patch_hardcoded(package.__name__)


def _replace(module: ModuleType, name: str, value: object) -> None:
    """Rebind *module*.*name* to *value* if the module has that name."""
    if hasattr(module, name):
        setattr(module, name, value)


def _patch_hardcoded(package: str) -> None:
    """typer's vendored click writes some strings without gettext: replace them at their source."""
    formatting = importlib.import_module(f"{package}.formatting")
    original_usage = formatting.HelpFormatter.write_usage
    if getattr(original_usage, "_fzbg", False):
        return

    def write_usage(self: _Formatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND", "命令").replace("[ARGS]", "[参数]")
        original_usage(self, prog, args, "用法：" if prefix is None else prefix)

    write_usage._fzbg = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = write_usage

    def write_heading(self: _Formatter, heading: str) -> None:  # full-width colon after Chinese
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    formatting.HelpFormatter.write_heading = write_heading
    core = importlib.import_module(f"{package}.core")
    original_get_help = getattr(core.Command, "get_help_option", None)
    if original_get_help is not None and not getattr(original_get_help, "_fzbg", False):

        def get_help_option(self: object, ctx: object) -> _HelpOption | None:  # self: a Command, ctx: a Context
            option: _HelpOption | None = original_get_help(self, ctx)
            if option is not None:
                option.help = "显示本帮助并退出。"
            return option

        get_help_option._fzbg = True  # type: ignore[attr-defined]
        core.Command.get_help_option = get_help_option


def usage_error_text(exc: Exception) -> str:
    """The Chinese text of a usage error, with the hint to ask for help."""
    lines = [f"错误：{_usage_message(exc)}"]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(f"运行“{ctx.command_path} --help”查看用法。")
    return "\n".join(lines)


def _usage_message(exc: Exception) -> str:
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None) or (getattr(param, "name", None) if param is not None else None)
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    if param is not None and getattr(param, "opts", None) and getattr(param, "param_type_name", "") == "option":
        hint = " / ".join(param.opts)
    if kind == "MissingParameter":
        return f"缺少{'选项' if getattr(param, 'param_type_name', '') == 'option' else '参数'} {hint or ''}".strip()
    if kind == "NoSuchOption":
        message = f"没有选项 {getattr(exc, 'option_name', '')}"
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            message += f"，您是否想写 {'、'.join(possibilities)}？"
        return message
    # click keeps the choices on param.type; typer ≥ 0.20 on param.type_descriptor
    kind_of = getattr(param, "type", None) or getattr(param, "type_descriptor", None)
    choices = getattr(kind_of, "choices", None)
    if kind == "BadParameter" and choices:
        given = re.search(r"'(.*?)' is not", str(getattr(exc, "message", "")))
        words = [str(getattr(c, "value", c)) for c in choices]
        allowed = "、".join(words[:-1]) + f" 或 {words[-1]}" if len(words) > 1 else words[0]
        return f"{hint or '参数'} 只能是 {allowed}" + (f"，而不是“{given.group(1)}”" if given else "")
    if kind == "BadParameter":
        return f"{hint or '参数'} 的值不对：{getattr(exc, 'message', exc)}"
    if kind == "BadOptionUsage" and "requires an argument" in str(getattr(exc, "message", "")):
        return f"选项 {getattr(exc, 'option_name', '')} 需要一个值"
    text = str(getattr(exc, "message", exc))
    command = re.match(r"No such command '([^']*)'", text)
    if command:
        guess = re.search(r"Did you mean '([^']*)'", text)
        return f"没有命令“{command.group(1)}”" + (f"，您是否想写“{guess.group(1)}”？" if guess else "")
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if extra:
        return f"多余的参数：{extra.group(1)}（文件名含空格时请加引号）"
    return text
