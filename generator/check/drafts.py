"""C-SAMPLE: the sample values of ``fzbg new``'s skeleton and of the examples, left in a report.

Removing only the 【待填写】 markers (C-TODO, content.py) leaves 某某市公安局某某分局, 张三,
某公报字〔2026〕1号 and ××宗 in place: a document that looks finished and is not. Each is an error,
at its place in the file. A string that still has 【待填写】 is left to C-TODO, one finding per gap.
"""

from __future__ import annotations

import re

from ..text.clean import TODO_MARKER
from .base import ERROR, DataPath, Hit
from .context import Context

# 某某 (某某市, 某某分局, 某某区委依法治区办), a run of × or Ｘ standing for a figure (××宗),
# and bracketed gaps other than the skeleton's own 【待填写】 (C-TODO).
_ANYWHERE = re.compile(r"某某|[×Ｘ]{2,}|[【\[［](?:待|请)(?:补充|填写|填报|补全|核实|定)[^】\]］]{0,10}[】\]］]")
# The sample 发文字号 of the skeleton and the examples: 某公报字〔2026〕1号 (one 某 as the agency code).
_SAMPLE_NUMBER = re.compile(r"^\s*某[^〔\[［(（]{0,6}字")
# Names the skeleton and the examples use for a person.
SAMPLE_PEOPLE = ("张三", "李四", "王五")
PERSON_FIELDS = {("document", "signer"), ("document", "signature_name"), ("document", "printed_by")}


def check(ctx: Context) -> list[Hit]:
    """Every sample value left in the input's strings."""
    hits: list[Hit] = []
    for path, text in ctx.strings():
        if TODO_MARKER in text:
            continue
        seen = set()
        for match in _ANYWHERE.finditer(text):
            kind = match.group()[0]
            if kind not in seen:  # 某某市公安局某某分局: one finding for the value, not one per 某某
                seen.add(kind)
                hits.append(_hit(match.group(), match.start(), match.end(), path))
        if tuple(path) == ("document", "number"):
            found = _SAMPLE_NUMBER.search(text)
            if found:
                start = len(text) - len(text.lstrip())
                hits.append(Hit("C-SAMPLE", ERROR, f"发文字号“{text.strip()}”是示例值，请改为本单位的实际文号",
                                start, len(text.rstrip()), path=path))
        if tuple(path) in PERSON_FIELDS:
            for name in SAMPLE_PEOPLE:
                at = text.find(name)
                if at >= 0:
                    hits.append(Hit("C-SAMPLE", ERROR, f"“{name}”是示例姓名，请改为实际的签发人或署名",
                                    at, at + len(name), path=path))
    return hits


def _hit(found: str, start: int, end: int, path: DataPath) -> Hit:
    if found.startswith("某某"):
        message = "“某某”是示例文字，请改为实际的机关名称或内容"
    elif found[0] in "×Ｘ":
        message = f"“{found}”是示例占位，请填写实际数字或内容"
    else:
        message = f"“{found}”表示此处还没有填写，请补全后再上报"
    return Hit("C-SAMPLE", ERROR, message, start, end, path=path)
