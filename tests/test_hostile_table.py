"""The hostile-input table in tests/README.md lists exactly the tests of tests/test_hostile_*.py."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

HERE = Path(__file__).parent
README = HERE / "README.md"


def hostile_tests() -> set[str]:
    names: set[str] = set()
    for path in sorted(HERE.glob("test_hostile_*.py")):
        if path.stem == Path(__file__).stem:
            continue
        module = importlib.import_module(path.stem)
        names |= {name for name, value in vars(module).items() if name.startswith("test_") and callable(value)}
    return names


def table_ids() -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if re.match(r"\| ID \| Input \| Expected behaviour", line))
    ids = []
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        ids.append(line.split("|")[1].strip().strip("`"))
    return ids


def test_table_matches_tests() -> None:
    """Every row of the table has a test of that name and every hostile test has a row, once each."""
    ids = table_ids()
    assert len(ids) == len(set(ids)), "an ID appears twice in the table"
    tests = hostile_tests()
    assert len(tests) >= 40
    assert set(ids) == tests
