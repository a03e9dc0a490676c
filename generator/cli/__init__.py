"""The ``fzbg`` command line: parses flags, calls the library, turns errors into Chinese messages.

Imports of the pipeline are inside the commands, so ``fzbg --help`` stays fast.
Exit codes: 0 ok, 1 data/render errors, 2 usage, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Optional

from .exits import CommandAbort, CommandExit

if TYPE_CHECKING:
    import typer

_APP: Optional[typer.Typer] = None


def build_app() -> typer.Typer:
    """The typer application with every command (built once, on first use: ``check`` and ``render`` in the
    plain form run without it, see cli/fast.py)."""
    global _APP
    if _APP is None:
        import typer

        from . import i18n

        i18n.install()
        app = typer.Typer(
            name="fzbg",
            help="法治报告（fzbg）：生成公安机关法治政府建设年度报告（GB/T 9704-2012 公文格式）。",
            add_completion=False,
            no_args_is_help=True,
            rich_markup_mode=None,
            pretty_exceptions_enable=False,
            context_settings={"help_option_names": ["-h", "--help"]},
        )

        @app.callback()
        def _root(
            debug: bool = typer.Option(False, "--debug", help="出错时显示完整的技术信息（供开发人员排查）。"),
        ) -> None:
            pass  # main() reads --debug from the arguments itself, before typer parses them

        _register_commands(app)
        _APP = app
    return _APP


def __getattr__(name: str) -> Any:
    if name == "app":  # ``generator.cli.app``, as before the application was built on first use
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _register_commands(app: typer.Typer) -> None:
    # Each command lives in its own module that imports typer only in its register() (fzbg --help stays fast).
    from . import bulk, check, import_, new, render, review, template, wizard

    for module in (new, render, check, import_, wizard, bulk, template, review):
        module.register(app)
    _whole_first_sentences(app)
    _catch_interrupts(app)


def _whole_first_sentences(app: typer.Typer) -> None:
    """``fzbg --help`` lists each command by its whole first sentence, never cut as “…（需要...”."""
    for command in app.registered_commands:
        if isinstance(command.help, str) and not command.short_help:
            command.short_help = command.help.split("。", 1)[0] + "。"
    for group in app.registered_groups:
        text = group.help if isinstance(group.help, str) else None
        if text is None and group.typer_instance is not None and isinstance(group.typer_instance.info.help, str):
            text = group.typer_instance.info.help
        if text and not isinstance(group.short_help, str):
            group.short_help = text.split("。", 1)[0] + "。"


class Interrupted(Exception):
    """Ctrl-C inside a command, carried past typer (which would turn KeyboardInterrupt into a silent Exit(130))."""


def _catch_interrupts(typer_app: typer.Typer) -> None:
    """Wrap every command's function so that Ctrl-C reaches main() as Interrupted."""
    import functools

    for info in typer_app.registered_commands:
        callback = info.callback
        if callback is None or getattr(callback, "_fzbg_interrupts", False):
            continue

        def make(function: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(function)  # typer reads the parameters through __wrapped__
            def run(*args: Any, **kwargs: Any) -> Any:
                try:
                    return function(*args, **kwargs)
                except KeyboardInterrupt:
                    raise Interrupted from None

            run._fzbg_interrupts = True  # type: ignore[attr-defined]
            return run

        info.callback = make(callback)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _catch_interrupts(group.typer_instance)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI with *argv* (default: sys.argv[1:]) and return the exit code."""
    from ..display import error_text
    from ..errors import FzbgError
    from .console import install_safe_streams
    from .fast import fast_command, run_fast

    install_safe_streams()  # a GBK console must not turn 䶮 or an emoji into an internal error
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if sys.stdin is None:  # started with stdin closed (`fzbg wizard <&-`): reading it gives end of input
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the life of the process
    command = None if debug else fast_command(args)  # None: typer parses the command line
    click_errors: tuple[type[Exception], ...] = ()
    try:
        if command is not None:
            run_fast(command)
            return 0
        app = build_app()
        from . import i18n

        click_errors = i18n.click_exception_types()
        result = app(args=args, prog_name="fzbg", standalone_mode=False)
        if isinstance(result, int):  # click returns the exit code of --help and friends here
            return result
    except CommandExit as exc:
        return exc.exit_code
    except CommandAbort:
        print("已取消。", file=sys.stderr)
        return 130
    except click_errors as exc:
        name = type(exc).__name__
        if name == "Exit":
            return getattr(exc, "exit_code", 0)
        if name == "Abort":
            print("已取消。", file=sys.stderr)
            return 130
        if name == "NoArgsIsHelpError":  # bare `fzbg`: the help is the answer
            print(exc.format_message() if hasattr(exc, "format_message") else exc)
            return 0
        print(i18n.usage_error_text(exc), file=sys.stderr)
        return 2
    except FzbgError as exc:
        if debug:
            raise
        print(f"错误：{error_text(exc)}", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, Interrupted):
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except OSError as exc:  # the system refused a file operation the library did not word itself
        if debug:
            raise
        print(f"错误：{os_error_text(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last line of defence: never a bare traceback for users
        if debug:
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行，并把输出发给维护人员。", file=sys.stderr)
        return 1
    return 0


# Every write of fzbg is atomic (write/atomic.py, bulk/files.py): what is kept is whole.
INTERRUPTED = ("\n已中断。已经写完的文件完整可用；正在写的文件没有写出（不会留下不完整的文件）。"
               "批量生成时，已完成的单位见输出文件夹。")


def os_error_text(exc: OSError) -> str:
    """A Chinese line for an OSError: what the system said, about which file."""
    import errno

    where = f"“{exc.filename}”" if exc.filename else ""
    if len(where) > 120:
        where = where[:60] + "……" + where[-40:]
    reasons = {
        errno.ENAMETOOLONG: "文件名或路径过长（文件名最多 255 字节，约 80 个汉字），请缩短后重试",
        errno.ENOSPC: "磁盘空间不足",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.EROFS: "磁盘或文件夹是只读的",
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
        errno.EISDIR: "这是一个文件夹",
        errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    }
    reason = reasons.get(exc.errno or 0, f"系统拒绝了这个操作（{exc.strerror or exc}）")
    return f"{where} {reason}".strip()


def entrypoint() -> None:
    """Console-script entry point."""
    if getattr(sys, "frozen", False):  # a PyInstaller build: bulk's worker processes start through here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
