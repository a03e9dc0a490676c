"""The ``fzbg`` command line: parses flags, calls the library, turns errors into Chinese messages.

Imports of the pipeline are inside the commands, so ``fzbg --help`` stays fast.
Exit codes: 0 ok, 1 data/render errors, 2 usage, 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

import typer

from . import i18n as cli_i18n

cli_i18n.install()

app = typer.Typer(
    name="fzbg",
    help="法治报告（fzbg）：生成公安机关法治政府建设年度报告（GB/T 9704-2012 公文格式）。",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的技术信息（供开发人员排查）。"),
) -> None:
    _state["debug"] = debug


@app.command("new", help="生成一份带中文注释的报告数据文件（YAML）骨架，填好后即可 render。")
def new_command(
    output: Path = typer.Option(..., "-o", "--output", help="要写入的 YAML 文件，如 report.yaml。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    from ..write.atomic import write_text_atomic
    from ..write.skeleton import skeleton_yaml

    write_text_atomic(output, skeleton_yaml(), force=force)
    say(f"已生成 {output}。请用记事本或 WPS 打开填写，然后运行：fzbg render {output} -o 报告.docx")


def say(message: str) -> None:
    print(message)


def print_problems(problems: Sequence) -> None:
    for problem in problems:
        label = "警告" if problem.severity == "warning" else "错误"
        print(f"{label}：{problem}", file=sys.stderr)


def _register_commands() -> None:
    # Each command group lives in its own module (cli_<name>.py) that imports only typer at the top.
    from . import bulk as cli_bulk
    from . import check as cli_check
    from . import import_ as cli_import
    from . import render as cli_render
    from . import template as cli_template
    from . import wizard as cli_wizard

    for module in (cli_render, cli_check, cli_import, cli_wizard, cli_bulk, cli_template):
        module.register(app)


_register_commands()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI with *argv* (default: sys.argv[1:]) and return the exit code."""
    from ..errors import FzbgError

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    click_errors = cli_i18n.click_exception_types()
    try:
        result = app(args=args, prog_name="fzbg", standalone_mode=False)
        if isinstance(result, int):  # click returns the exit code of --help and friends here
            return result
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
        print(cli_i18n.usage_error_text(exc), file=sys.stderr)
        return 2
    except FzbgError as exc:
        if debug:
            raise
        print(f"错误：{exc.message}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a bare traceback for users
        if debug:
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行，并把输出发给维护人员。", file=sys.stderr)
        return 1
    return 0


def entrypoint() -> None:
    """Console-script entry point."""
    if getattr(sys, "frozen", False):  # a PyInstaller build: bulk's worker processes start through here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
