"""E-NAME: political formulas, institution names and document titles that must be exact.

A 严重表述错误 on a government site is a veto under 国办秘函〔2019〕19号, so in the public version a wrong
form is an error; in the formal version (read by the superior before publication) a warning. The forms are
data: generator/check/data/formulas.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .base import ERROR, WARNING, Hit
from .context import text_fields
from .ruledata import rule_data
from .units import value

if TYPE_CHECKING:
    from .context import Context

DATA = "formulas"


@lru_cache(maxsize=1)
def wrong_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern matching every wrong form (longest first), and each wrong form's exact form."""
    correct_of: dict[str, str] = {}
    for entry in rule_data(DATA).get("formulas", []) or []:
        for wrong in entry.get("wrong", []) or []:
            correct_of[str(wrong)] = str(entry["correct"])
    ordered = sorted(correct_of, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in ordered)) if ordered else re.compile(r"(?!)")
    return pattern, correct_of


def check(ctx: Context) -> list[Hit]:
    pattern, correct_of = wrong_forms()
    severity = WARNING if ctx.formal else ERROR
    hits = []
    for field in text_fields(ctx.report):
        text = value(ctx, field.path, field.text)
        for m in pattern.finditer(text):
            right = correct_of[m.group()]
            hits.append(Hit("E-NAME", severity, f"“{m.group()}”应为“{right}”：政治表述、机构名称和文件标题须准确，"
                            "公开版中的严重表述错误会导致网站检查单项否决", m.start(), m.end(), path=field.path))
    return hits
