"""Shared helpers of the hostile-input suite (tests/test_hostile_*.py). Not a test module.

Each test of the suite is one row of the table in tests/README.md, named by the row's ID, and
test_hostile_table.py keeps the two in step. Refusals are checked through the command line, in the test
process or in a subprocess where a time limit or "no traceback" is the point: exit code, a Chinese
message naming the place, and no output file, not even a partial one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docxtext import docx_paragraphs
from hostile_files import MINIMAL, REPO

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
SHORTCOMING = "部分民警法治思维有待提升，执法监督信息化水平仍需提高。"  # one body paragraph of MINIMAL
MARK = "青山分局坚持和发展新时代“枫桥经验”，全年化解矛盾纠纷三百余起，群众满意率持续提升。"
SECRET = "绝密-XXE-探针-7f3a"  # the content of the file the XXE tests try to read


# ---------------------------------------------------------------- helpers


def refused(cli: Callable[..., Any], *args: object) -> str:
    """Run ``fzbg ARGS`` with the ``cli`` fixture, assert a clean data refusal (exit 1, no internal error) and
    return stderr."""
    code, out, err = cli(*args)
    assert code == 1, (out, err)
    assert err.startswith("错误：") and "内部错误" not in err and "Traceback" not in err, err
    return err


def subprocess_fzbg(*args: object, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m generator ARGS`` in a child process with a time limit; returns it and the seconds taken."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], check=False, cwd=REPO,
                            capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                            env={**os.environ, "PYTHONUTF8": "1"})
    return result, time.perf_counter() - start


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def located(err: str, path: Path) -> tuple[int, int]:
    """The line and column of the first ``path:line:col`` in *err* (fails when there is none)."""
    match = re.search(rf"{re.escape(str(path))}:(\d+):(\d+)", err)
    assert match, f"no {path}:line:col in {err!r}"
    return int(match.group(1)), int(match.group(2))


def docx_text(path: Path) -> str:
    """All the text of a .docx, a paragraph a line (table cells included)."""
    return "\n".join(docx_paragraphs(path))


def parts(path: Path) -> list[str]:
    """Names of the leftover temporary files in a folder (there must never be any)."""
    return [p.name for p in path.iterdir() if p.name.endswith(".part")]


def minimal(old: str, new: str) -> str:
    """examples/minimal.yaml with *old* replaced by *new* (fails loudly if the example no longer has *old*)."""
    assert old in MINIMAL_TEXT, f"examples/minimal.yaml changed: {old!r} is gone"
    return MINIMAL_TEXT.replace(old, new, 1)


def with_line(text: str) -> str:
    """MINIMAL with one body paragraph replaced by *text* (given as a YAML scalar)."""
    return minimal(f"      - {SHORTCOMING}", f"      - {text}")


def secret_file(tmp_path: Path) -> Path:
    return write(tmp_path / "secret.txt", SECRET)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and "root:" not in text
