"""Jinja under a time and memory limit: custom templates and bulk placeholders are code from a file.

Two layers, both needed:

* :class:`LimitedEnvironment`, a ``SandboxedEnvironment`` that also intercepts the operators that make huge
  values (``**``, ``*``, ``%``, ``+``, ``//``), refuses ``9**(9**9)``, ``'a'*10**9``, ``'%0999999999d' % 1``,
  ``'{:>999999999}'.format(1)`` and filter widths (``center(10**9)``) before they are computed, and keeps
  only the documented globals (``range``, ``dict``, ``namespace``). Intercepting an operator also stops
  Jinja from folding it at compile time, so ``template check`` itself can no longer hang on ``9**(9**9)``.
* :func:`run_limited`, which runs a callable in a worker process (fork on POSIX) with ``RLIMIT_AS`` and
  ``RLIMIT_CPU`` set and a wall-clock timeout, in its own process group, killed with the group when time is
  up. What the first layer cannot foresee (exponential macros, nested ``range()``) ends there.

Every refusal is a :class:`TemplateLimitError` with a Chinese message; the callers place it.
"""

from __future__ import annotations

import gc
import math
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

T = TypeVar("T")

MAX_TEXT = 1_000_000  # characters of any value a template makes (the whole report is far shorter)
MAX_POWER_BITS = 4096  # a ** b with a result over this many bits is refused
MAX_WIDTH = 10_000  # format widths and precisions, filter widths
RENDER_SECONDS = 5.0  # wall clock for one .docx render in the worker (a real one takes well under 2 s)
RENDER_MEMORY = 512 * 1024 * 1024  # address space the worker may add to what it inherits
PLACEHOLDER_SECONDS = 2.0  # one bureau's placeholders, in process (bulk renders thousands)

_WIDTH = re.compile(r"%[-+ #0]*(\d+)|%[-+ #0]*\d*\.(\d+)|\{[^{}]*:[^{}]*?(\d{5,})[^{}]*\}")
DOCUMENTED_GLOBALS = ("range", "dict", "namespace")


class TemplateLimitError(SecurityError):
    """A template exceeded a limit; the message is Chinese and says which."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _number_bits(value: Any) -> float:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value.bit_length()
    if isinstance(value, float):
        return math.log2(abs(value)) if value and math.isfinite(value) else 1
    return 0


def _check_power(left: Any, right: Any) -> None:
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        base_bits = _number_bits(left)
        if abs(left) > 1 and right > 0 and base_bits * right > MAX_POWER_BITS:
            raise TemplateLimitError(f"乘方的结果过大（超过 {MAX_POWER_BITS} 位二进制数），模板中不能这样计算")


def _check_repeat(left: Any, right: Any) -> None:
    for text, count in ((left, right), (right, left)):
        if _size(text) and isinstance(count, int) and not isinstance(count, bool) and _size(text) * count > MAX_TEXT:
            raise TemplateLimitError(f"重复后的文字超过 {MAX_TEXT:,} 字，模板中不能这样写")
    if isinstance(left, int) and isinstance(right, int) and _number_bits(left) + _number_bits(right) > MAX_POWER_BITS:
        raise TemplateLimitError(f"乘积过大（超过 {MAX_POWER_BITS} 位二进制数）")


def _check_widths(text: Any) -> None:
    if not isinstance(text, str):
        return
    for match in _WIDTH.finditer(text):
        width = next((int(g) for g in match.groups() if g), 0)
        if width > MAX_WIDTH:
            raise TemplateLimitError(f"格式宽度 {width} 过大（最多 {MAX_WIDTH}），模板中不能这样写")


def _check_text(value: Any) -> Any:
    if _size(value) > MAX_TEXT:
        raise TemplateLimitError(f"模板算出的文字超过 {MAX_TEXT:,} 字")
    return value


def _limited_filter(function: Callable[..., Any], *width_positions: int) -> Callable[..., Any]:
    """*function* (a Jinja filter) refusing a width argument over MAX_WIDTH, at the given positions."""

    def limited(*args: Any, **kwargs: Any) -> Any:
        for position in width_positions:
            value = args[position] if position < len(args) else None
            if isinstance(value, int) and abs(value) > MAX_WIDTH:
                raise TemplateLimitError(f"宽度 {value} 过大（最多 {MAX_WIDTH}）")
        for key in ("width", "length", "count", "linecount"):
            value = kwargs.get(key)
            if isinstance(value, int) and abs(value) > MAX_WIDTH:
                raise TemplateLimitError(f"宽度 {value} 过大（最多 {MAX_WIDTH}）")
        if function.__name__ == "do_format" and args:
            _check_widths(args[0])
        return _check_text(function(*args, **kwargs))

    limited.__name__ = function.__name__
    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(limited, attribute, getattr(function, attribute))
    return limited


# filter name → positions of width-like arguments (the value is position 0)
_WIDTH_FILTERS = {"center": (1,), "indent": (1,), "wordwrap": (1,), "truncate": (1, 3), "format": (),
                  "batch": (1,), "slice": (1,), "replace": (3,), "join": (), "string": (), "list": ()}


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with the operators that make huge values checked before they run."""

    intercepted_binops = frozenset({"**", "*", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("undefined", StrictUndefined)
        super().__init__(**options)
        self.globals = {name: self.globals[name] for name in DOCUMENTED_GLOBALS if name in self.globals}
        for name, positions in _WIDTH_FILTERS.items():
            if name in self.filters:
                self.filters[name] = _limited_filter(self.filters[name], *positions)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        elif operator == "%":
            _check_widths(left)
        elif operator == "+" and _size(left) + _size(right) > MAX_TEXT:
            raise TemplateLimitError(f"拼接后的文字超过 {MAX_TEXT:,} 字")
        return _check_text(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Any:
        # str.format / format_map reach templates only through this wrapper: check the widths first.
        if getattr(value, "__name__", "") in ("format", "format_map"):
            _check_widths(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(__obj, "__name__", "")
        wide = name in ("center", "ljust", "rjust", "zfill", "expandtabs") and args and isinstance(args[0], int)
        if wide and args[0] > MAX_WIDTH:
            raise TemplateLimitError(f"宽度 {args[0]} 过大（最多 {MAX_WIDTH}）")
        return _check_text(super().call(__context, __obj, *args, **kwargs))


# ---------------------------------------------------------------- a deadline in this process


class TemplateTimeout(TemplateLimitError):
    """The template ran past its time."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TemplateTimeout in the block after *seconds* (POSIX main thread; elsewhere no limit)."""
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise TemplateTimeout(f"计算超过 {seconds:g} 秒仍未完成（可能是循环或递归过多），已停止")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_message(exc: BaseException) -> str | None:
    """The Chinese message for what a template run hit, or None when *exc* is not a limit."""
    if isinstance(exc, TemplateLimitError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "嵌套或递归的层次过深（如宏调用自身、括号嵌套过多），已停止"
    if isinstance(exc, MemoryError):
        return "占用的内存超过上限，已停止"
    if isinstance(exc, OverflowError):
        return "数值过大，无法计算"
    return None


# ---------------------------------------------------------------- a worker process


def run_limited(function: Callable[..., T], *args: Any, seconds: float = RENDER_SECONDS,
                memory: int = RENDER_MEMORY) -> T:
    """``function(*args)`` in a worker process under a memory and CPU limit and a wall-clock timeout.

    Exceptions of the worker are raised here again (they must pickle). A worker past its time is killed
    with its whole process group; a worker killed by a limit raises TemplateLimitError. Where fork is
    not available (Windows), the call runs in this process with only the in-process limits.
    """
    import multiprocessing

    if sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods():
        with collecting():
            return function(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(sender, function, args, seconds, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise TemplateTimeout(f"生成超过 {seconds:g} 秒仍未完成（模板中可能有过多的循环或递归），已停止")
        try:
            ok, value = receiver.recv()
        except EOFError:
            raise TemplateLimitError("生成时占用的内存或时间超过上限，已停止") from None
    finally:
        _kill_group(process)
        receiver.close()
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


@contextmanager
def collecting() -> Iterator[None]:
    """The cyclic garbage collector on while a custom template runs, and as it was afterwards.

    ``fzbg render`` pauses the collector for the command (cli/fast.py), and a forked worker inherits that; a
    template's loops and macros may make cycles, and under the memory limit they must be collected as before.
    """
    paused = not gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if paused:
            gc.disable()


def _worker(sender: Any, function: Callable[..., Any], args: tuple[Any, ...], seconds: float, memory: int) -> None:
    try:
        os.setpgid(0, 0)  # its own group: a timeout kills it and whatever it started
        import resource

        current = _address_space()
        resource.setrlimit(resource.RLIMIT_AS, (current + memory, current + memory))
        cpu = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    except (OSError, ValueError, ImportError):
        pass  # limits are a second line; the timeout still holds
    try:
        with collecting():
            result: tuple[bool, Any] = (True, function(*args))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        message = limit_message(exc)
        result = (False, TemplateLimitError(message) if message else exc)
    try:
        sender.send(result)
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        sender.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers a second time


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 1024 * 1024 * 1024


def _kill_group(process: Any) -> None:
    if process.is_alive() and process.pid:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
    process.join(5)

