"""The basis of each finding: which rule of which text a remark rests on, in the words a unit will check.

The checker's rule ids map to the 规定 (《法治政府建设与责任落实督察工作规定》), the 条例 (《党政机关公文
处理工作条例》), GB/T 9704, GB/T 15834 (标点) and GB/T 15835 (数字); docs/check.md has the rules.
"""

from __future__ import annotations

import re

# The 规定's article numbers are not verified (docs/review.md): it is cited by name and by what it says.
GUIDING = "《法治政府建设与责任落实督察工作规定》"
_BY_RULE = {
    "C-ITEM": GUIDING + "（年度报告的五项内容）",
    "C-EMPTY": GUIDING + "（年度报告的五项内容）",
    "C-TODO": "报告不得留有未填写的内容",
    "C-NUM": "GB/T 9704-2012 7.3.3（结构层次序数）",
    "COV": "《法治政府建设实施纲要（2021—2025年）》",
    "D1": "GB/T 9704-2012 7.2.5（发文字号）",
    "D2": "GB/T 9704-2012 7.3.5（成文日期）；" + GUIDING + "（每年3月1日前报送）",
    "D3": "GB/T 9704-2012 7.3.1（标题）",
    "D4": "GB/T 9704-2012 7.3.2（主送机关）；《党政机关公文处理工作条例》第十五条",
    "D5": "GB/T 9704-2012 7.2.6（签发人）；《党政机关公文处理工作条例》第九条",
    "D6": "GB/T 9704-2012 7.3.4（附件说明）",
    "D7": "GB/T 9704-2012 7.4.2（抄送机关）",
    "D8": "《党政机关公文处理工作条例》第十五条（报告中不得夹带请示事项）",
    "K1": "报告正文与数据应一致",
    "K2": "报告正文与数据应一致（比率在 0—100% 之间）",
    "K3": "报告正文与数据应一致（同比按本年、上年数值计算）",
    "V": "报告数据校验",
    "P6": "GB/T 9704-2012 7.3.3（结构层次序数）；GB/T 15834-2011《标点符号用法》",
}


_TOPICS = {"C-ITEM": "五项内容", "C-EMPTY": "五项内容", "C-TODO": "待填写", "C-NUM": "序号", "COV": "纲要覆盖",
           "D1": "发文字号", "D2": "成文日期", "D3": "标题", "D4": "主送机关", "D5": "签发人", "D6": "附件说明",
           "D7": "抄送", "D8": "请示事项", "K1": "数据一致", "K2": "数据一致", "K3": "数据一致", "P6": "层次序号",
           "V": "数据"}


def topic(rule: str) -> str:
    """The short name of what a checker rule is about, for the 台账's 问题摘要."""
    if rule in _TOPICS:
        return _TOPICS[rule]
    if rule.startswith("P"):
        return "标点"
    return "数字用法" if rule.startswith("N") else "其他"


def basis(rule: str) -> str:
    """The text a finding of checker rule *rule* rests on."""
    if rule in _BY_RULE:
        return _BY_RULE[rule]
    if re.fullmatch(r"P\d+", rule):
        return f"GB/T 15834-2011《标点符号用法》（规则 {rule}）"
    if re.fullmatch(r"N\d+", rule):
        return f"GB/T 15835-2011《出版物上数字用法》（规则 {rule}）"
    return "法制部门审查意见"
