"""The word lists and thresholds of the evaluator rules: data files in generator/check/data/ (package data).

They are data so that a 法制部门 can add a stock phrase or move a threshold without a code change; each file
says its sources and the date it was calibrated. Patterns are compiled once; a pattern with a nested
quantifier is refused at load time, so no list entry can make a rule rescan the text (see :func:`linear`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import DataError, Place, Problem
from ..load.yaml_file import parse_yaml

# A quantified group that itself holds a quantifier: (a+)+, (?:x*y)*, (a|b+){2,}. Such a pattern can rescan.
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{?]")


@lru_cache(maxsize=16)
def rule_data(name: str) -> dict[str, Any]:
    """The shipped data file ``generator/check/data/<name>.yaml`` (e.g. ``evaluator``), every scalar a string."""
    text = resources.files("generator.check").joinpath("data").joinpath(name + ".yaml").read_text(encoding="utf-8")
    data = parse_yaml(text, f"{name}.yaml", shipped=True).data
    if not isinstance(data, dict):
        raise DataError("规则数据文件格式不对", [Problem("应为映射（键: 值）", Place(f"{name}.yaml"))])
    return data


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of strings from a data file."""
    return tuple(str(item) for item in rule_data(name).get(key, []) or [])


def number(name: str, key: str) -> float:
    return float(rule_data(name)[key])


def linear(pattern: str) -> bool:
    """True when *pattern* has no quantified group holding a quantifier (so matching stays linear)."""
    return _NESTED.search(pattern) is None


@lru_cache(maxsize=64)
def alternation(name: str, key: str) -> re.Pattern[str]:
    """One regex matching any pattern of the list *key* (longest first, so 人次 wins over 人)."""
    patterns = sorted(words(name, key), key=len, reverse=True)
    bad = [p for p in patterns if not linear(p)]
    if bad:
        raise DataError("规则数据中的正则表达式可能导致反复回溯",
                        [Problem(f"“{p}”含嵌套的量词，请改写", Place(f"{name}.yaml"), (key,)) for p in bad])
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else re.compile(r"(?!)")


@lru_cache(maxsize=64)
def literal_alternation(name: str, key: str) -> re.Pattern[str]:
    """One regex matching any literal string of the list *key*, longest first."""
    items = sorted(words(name, key), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in items)) if items else re.compile(r"(?!)")
