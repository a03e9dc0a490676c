"""Which kind of document this is: a 法治政府建设 report, or another annual report that looks like one.

政府信息公开工作年度报告 have the same shape (title, opening, 一、二、三、 parts, 存在的主要问题及改进情况) and
are published on the same pages; 工作总结, 述职报告 and 平安建设 reports are close too. The importer warns
before taking one as a 法治政府 report, and keeps its own title instead of generating a 法治政府 one.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Union

from .notes import Line

# Title words of other documents, and the parts that the 政府信息公开条例 prescribes for its annual report.
_OTHER_TITLES = (
    (re.compile(r"政府信息公开(工作)?(年度)?报告|信息公开工作年度报告"), "政府信息公开工作年度报告"),
    (re.compile(r"述职(述廉|述法)?报告"), "述职报告"),
    (re.compile(r"平安建设"), "平安建设工作报告"),
    (re.compile(r"安全生产"), "安全生产工作报告"),
    (re.compile(r"(?<!法治)(工作)?总结$"), "工作总结"),
)
_OPEN_GOVERNMENT = re.compile(
    r"主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|政府信息公开(申请|工作)|依申请公开"
)
_RULE_OF_LAW = re.compile(r"法治政府|法治建设|依法行政|法治公安")


class Kind(NamedTuple):
    """Another kind of document: what it seems to be, and the words that show it."""

    label: str
    evidence: str


def other_kind(title: Union[str, None], lines: list[Line]) -> Union[Kind, None]:
    """The kind of document *title* and *lines* are, when it is not a 法治政府建设 report; else None."""
    text = "".join(line.text for line in lines)
    for pattern, label in _OTHER_TITLES:
        found = pattern.search(title or "")
        if found and "法治政府" not in (title or ""):
            return Kind(label, f"标题中有“{found.group()}”")
    headings = [line.text for line in lines if _OPEN_GOVERNMENT.search(line.text) and len(line.text) <= 40]
    if len(headings) >= 2 and "法治政府" not in (title or ""):
        return Kind("政府信息公开工作年度报告", f"有“{headings[0]}”“{headings[1]}”等部分")
    if not _RULE_OF_LAW.search((title or "") + text):
        return Kind("其他报告", "全文没有“法治政府”“法治建设”“依法行政”等字样")
    return None
