"""What the opening paragraph says when the title does not: the agency ("2025年，某某县公安局在……") and the year.

Web copies usually show the title outside the text, so the first sentence is often the only place that
names the organ. Only a name followed by the start of a predicate ("在", "始终", "坚持" …) is taken: a
long noun phrase that merely ends in 局 is not a name.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Union

from .notes import Line

# The year lead before the subject: "2025年，" "今年以来，" "一年来，" "2024年度，".
_LEAD = re.compile(r"^(?:20\d{2}\s*年(?:度|以来)?|今年以来|一年来|过去一年|本年度)[，,、\s]*")
# Words that start the predicate after the subject.
_PREDICATE = (
    "在", "始终", "坚持", "认真", "紧紧", "全面", "深入", "以", "紧扣", "聚焦", "围绕", "按照", "立足", "持续",
    "严格", "积极", "扎实", "牢牢", "把", "将", "着力", "高度", "不断", "强化", "主动", "大力", "进一步", "结合",
    "落实", "贯彻", "锚定", "紧盯", "对标", "坚决", "切实", "精心", "统筹", "健全", "全力", "党委", "紧密", "自觉",
    "坚定",
)
_ORGAN_END = re.compile(r"(公安局|公安分局|分局|公安厅|公安处|公安总局|局|厅)$")
_SELF = re.compile(r"^(?:我|本)(?:局|分局|厅|处|支队|大队)")


class Found(NamedTuple):
    """A value read from the opening, with how sure the reading is and the line it came from."""

    value: str
    line: int
    sure: bool


def opening_agency(opening: list[Line]) -> Union[Found, None]:
    """The organ named as subject of the first sentence of *opening*, or None.

    ``Found.value`` is "我局" (or the like) when the text names itself only that way: the caller then
    looks for the 落款.
    """
    for line in opening[:2]:
        text = _LEAD.sub("", line.text, count=1)
        self_named = _SELF.match(text)
        if self_named:
            return Found(self_named.group(), line.number, False)
        best = None
        for end in range(2, min(len(text), 40) + 1):
            name = text[:end]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or not _ORGAN_END.search(name):
                continue
            inner = any(len(word) > 1 and word in name for word in _PREDICATE)
            if text[end:].startswith(_PREDICATE) and not inner and ("公安" in name or name.endswith("分局")):
                best = name
        if best:
            return Found(best, line.number, True)
    return None


# "现向社会公布2024年……工作年度报告", "编制完成2024年……", "2024年度，…": a year not inside a span such as
# "（2021—2025年）" and not a date of publication ("2025年1月").
_YEAR = re.compile(r"(?<![\d—–\-至到])(20\d{2})\s*年(?!\s*\d{1,2}\s*月)(?![\d—–\-])")


def opening_year(opening: list[Line], max_chars: int = 300) -> Union[Found, None]:
    """The report year from the first sentences of *opening*: a year at the very start is sure, a year
    further in (after "公布", "编制完成" …) is taken but said to be less sure."""
    seen = 0
    for line in opening[:3]:
        text = line.text[: max(0, max_chars - seen)]
        seen += len(line.text)
        lead = re.match(r"\s*(20\d{2})\s*年", text)
        if lead:
            return Found(lead.group(1), line.number, True)
        for match in _YEAR.finditer(text):
            before = text[max(0, match.start() - 1) : match.start()]
            if before in ("《", "（", "("):
                continue  # a document's title or a span: 《2024年……纲要》
            return Found(match.group(1), line.number, False)
        if seen >= max_chars:
            break
    return None
