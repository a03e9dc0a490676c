"""Chinese for the messages click and typer print themselves (usage, help headings, flag errors).

click looks its strings up through ``gettext`` bound at import time in each module; replacing that
name with a lookup in this table is the lightest way to show users Chinese without shipping a .mo file.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_CHINESE = {
    "Usage:": "用法：",
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
    "No such command {name!r}.": "没有命令 {name!r}。",
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

_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui", "utils")


def _gettext(message: str) -> str:
    return _CHINESE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _CHINESE.get(singular if n == 1 else plural, singular if n == 1 else plural)


def click_packages() -> list[ModuleType]:
    """The click packages in use: typer ≥ 0.16 vendors one as typer._click; older typer uses click."""
    found = []
    for name in ("typer._click", "click"):
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def click_exception_types() -> tuple[type, ...]:
    """(ClickException, Exit, Abort) classes of every click package in use, for the CLI's handler."""
    import typer

    types: list[type] = [typer.Exit, typer.Abort]
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
            if hasattr(module, "_"):
                module._ = _gettext
            if hasattr(module, "ngettext"):
                module.ngettext = _ngettext
    for name in ("typer.core", "typer.main"):
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _gettext


def usage_error_text(exc: Exception) -> str:
    """The Chinese text of a usage error, with the hint to ask for help."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(f"用法：{ctx.command_path} [选项] …")
        lines.append(f"运行“{ctx.command_path} --help”查看帮助。")
    lines.append(f"错误：{exc.format_message()}")
    return "\n".join(lines)
