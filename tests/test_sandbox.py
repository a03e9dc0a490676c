"""Issue 22: templates and bulk placeholders under limits (generator/render/sandbox.py).

Each hostile expression is put into a real template (the shipped .docx, one run of word/document.xml
edited) or into a BASE placeholder, and must end quickly with a Chinese RenderError/DataError, never a
hang, a 1 GB allocation or an internal error.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest
from hostile_files import MINIMAL
from shared import edited_template

from generator.api import load_report
from generator.errors import DataError, RenderError
from generator.render.custom_template import load_custom_template
from generator.render.docx import render_docx_bytes
from generator.render.sandbox import LimitedEnvironment, TemplateLimitError, TemplateTimeout, deadline, run_limited

HUGE = [
    "9**(9**9)", "'a'*10**9", "10**9*'a'", "'%0999999999d' % 1", "'{:>999999999}'.format(1)",
    "'a'|center(999999999)", "'x'.ljust(999999999)", "range(10**9)|list", "2**99999",
]


@pytest.mark.parametrize("expression", HUGE)
def test_huge_values_are_refused_before_they_are_made(expression: str) -> None:
    env = LimitedEnvironment()
    start = time.perf_counter()
    with pytest.raises((TemplateLimitError, OverflowError)) as caught:
        env.from_string("{{ " + expression + " }}").render()  # compiling must not fold 9**(9**9) either
    assert time.perf_counter() - start < 2
    if isinstance(caught.value, TemplateLimitError):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))


def test_ordinary_expressions_still_work() -> None:
    env = LimitedEnvironment()
    source = "{{ 2**10 }} {{ 'ab'*3 }} {{ '%5d' % 3 }} {{ '{:>4}'.format(7) }} {{ 'x'|center(5) }} {{ range(3)|list }}"
    assert env.from_string(source).render() == "1024 ababab     3    7   x   [0, 1, 2]"


def test_only_documented_globals() -> None:
    env = LimitedEnvironment()
    assert set(env.globals) == {"range", "dict", "namespace"}
    with pytest.raises(Exception, match="lipsum"):
        env.from_string("{{ lipsum(1, 2, 3, 4) }}").render()


def test_deadline_stops_a_loop() -> None:
    env = LimitedEnvironment()
    template = env.from_string("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    start = time.perf_counter()
    with pytest.raises(TemplateTimeout), deadline(0.5):
        template.render()
    assert time.perf_counter() - start < 3


def _spin() -> int:
    while True:
        pass


def _allocate() -> int:
    blocks = []
    while True:
        blocks.append(bytearray(50 * 1024 * 1024))


def _child_pid() -> int:
    return os.getpid()


def test_worker_is_killed_after_its_time() -> None:
    start = time.perf_counter()
    with pytest.raises(TemplateTimeout):
        run_limited(_spin, seconds=1)
    assert time.perf_counter() - start < 4


def test_worker_memory_is_limited() -> None:
    with pytest.raises(TemplateLimitError, match="内存"):
        run_limited(_allocate, seconds=20, memory=200 * 1024 * 1024)


def test_worker_returns_its_result_and_is_another_process() -> None:
    assert run_limited(_child_pid) != os.getpid()


def _template(expression: str) -> bytes:
    return edited_template("word/document.xml", lambda xml: xml.replace("{{ doc_number }}", expression, 1))


@pytest.mark.parametrize("expression", [
    "{{ 9**(9**9) }}", "{{ 'a'*10**9 }}", "{{ '%0999999999d' % 1 }}",
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
])
def test_custom_template_refused_or_stopped_in_time(tmp_path: Path, expression: str) -> None:
    report = load_report(MINIMAL)[0]
    data = _template(expression)
    path = tmp_path / "mine.docx"
    path.write_bytes(data)
    start = time.perf_counter()
    with contextlib.suppress(DataError):
        load_custom_template(path)  # template check: must not hang on constant folding
    with pytest.raises(RenderError) as caught:
        render_docx_bytes(report, template=data)
    assert time.perf_counter() - start < 10
    assert caught.value.problems and "内部错误" not in caught.value.problems[0].message


def test_errors_survive_the_worker_process() -> None:
    import pickle

    from generator.errors import Problem

    error = DataError("标题", [Problem("消息")])
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.problems) == ("标题", error.problems)
