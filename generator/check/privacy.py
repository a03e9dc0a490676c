"""E-PRIV: personal data and 密级 marks in the public version (网站公开版).

身份证号 (18 digits with a valid check digit), 手机号, a party's full name after 当事人/犯罪嫌疑人…, and 密级
marks (秘密★, 密级：, 内部资料) are errors, each at its place. The formal version goes to the superior organ
and may carry them; this rule reads only the public one. Lists: generator/check/data/privacy.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .base import ERROR, Hit
from .ruledata import alternation, rule_data, words
from .units import value

if TYPE_CHECKING:
    from .context import Context

DATA = "privacy"
_ID = re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
_MOBILE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_checksum_ok(number: str) -> bool:
    """GB 11643-1999 check digit (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


@lru_cache(maxsize=1)
def _party_name() -> re.Pattern[str]:
    data = rule_data(DATA)
    roles = "|".join(re.escape(r) for r in sorted(words(DATA, "party_roles"), key=len, reverse=True))
    not_name = re.escape(str(data["not_name"]))
    surnames = re.escape(str(data["surnames"]))
    # role, optional colon, a common surname, then one or two characters that are neither 某 nor a function word,
    # ending at punctuation or a verb-like character: 当事人张三因…, 犯罪嫌疑人李四，
    return re.compile(rf"(?:{roles})[：:]?([{surnames}][^{not_name}\W\d]{{1,2}})(?=[，。；、（(：:]|因|于|被|在|将|等|$)")


def check(ctx: Context) -> list[Hit]:
    if ctx.formal:
        return []
    from .context import text_fields

    secret = alternation(DATA, "secret_marks")
    hits = []
    for field in text_fields(ctx.report):
        text = value(ctx, field.path, field.text)
        for m in _ID.finditer(text):
            if id_checksum_ok(m.group()):
                hits.append(Hit("E-PRIV", ERROR, "公开版中不得出现身份证号码：请删除或隐去（如“4401**********1234”）",
                                m.start(), m.end(), path=field.path))
        for m in _MOBILE.finditer(text):
            hits.append(Hit("E-PRIV", ERROR, "公开版中不得出现个人手机号码：请删除，或改为单位的公开电话",
                            m.start(), m.end(), path=field.path))
        for m in _party_name().finditer(text):
            hits.append(Hit("E-PRIV", ERROR, f"公开版中不得出现当事人的姓名“{m.group(1)}”：请写作“{m.group(1)[0]}某”",
                            m.start(1), m.end(1), path=field.path))
        for m in secret.finditer(text):
            hits.append(Hit("E-PRIV", ERROR, f"公开版中出现密级或内部标志“{m.group()}”：涉密或内部内容不得公开，"
                            "请删除相关内容后再公开", m.start(), m.end(), path=field.path))
    return hits
