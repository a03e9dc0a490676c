"""What the benchmarks share: the example BASE, sheets of N bureaus, the best of a few timed runs.

``generator`` is whatever is installed (a plain ``pip install .`` or the checkout on PYTHONPATH); only
when nothing is installed is the checkout beside this folder used. The example files come from the
checkout: a wheel does not ship examples/.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("generator") is None:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples" / "bulk"))

BASE = ROOT / "examples" / "bulk" / "base.yaml"


def example_rows(count: int, same_name: bool = False) -> list[tuple]:
    """The example sheet's 14 bureaus repeated up to *count* rows, under distinct names unless *same_name*."""
    import make_bureaus

    rows = []
    for i in range(count):
        row = list(make_bureaus.BUREAUS[i % len(make_bureaus.BUREAUS)])
        if not same_name:
            row[0] = f"{row[0]}{i + 1:03d}"
        rows.append(tuple(row))
    return rows


def make_sheet(path: Path, rows: list[tuple]) -> None:
    """The example workbook (title row, header, date and percentage cells, a merged cell) with *rows*."""
    import make_bureaus

    make_bureaus.build(path, rows)


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """Best wall time of *repeats* runs: other work on the machine only ever makes a run slower."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best
