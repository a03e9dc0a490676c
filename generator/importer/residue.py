"""Step 2 of an import: drop what a web page adds around a report (信息来源, 关闭, 打印, 公网安备 …)."""

from __future__ import annotations

import re

from .notes import Line, Note

MAX_RESIDUE_LENGTH = 100  # residue lines are short; a long line is report text whatever it starts with

# Lines made only of page buttons: 【打印本页】【关闭窗口】, 字号：大 中 小, 分享到：微信 微博 …
_BUTTONS = re.compile(
    r"(关闭(窗口|本页)?|打印(本页|此页|正文)?|返回(顶部|首页|列表|上一页)?|收藏(本页)?|分享(到)?|保存(本页)?"
    r"|纠错|字号|字体|大|中|小|默认|视力保护色|微信|微博|QQ空间|扫一扫|分享至|[:：|｜/]|【|】|\[|\]|[ \u3000\xa0\t])+"
)
_PREFIXES = re.compile(
    r"(信息)?来源[:：]|发布(日期|时间|机构)[:：]|更新(日期|时间)[:：]|(浏览|访问|阅读|点击)(次数|量|数)|"
    r"【?字(号|体)[:：]|(责任)?编辑[:：]|作者[:：]|分享到|扫一扫|索引号|主题(分类|词)[:：]|分类[:：]|"
    r"公开(方式|范围|时限)[:：]|当前位置|您(当前)?的?位置|首页\s*[>＞»]|上一篇|下一篇|相关(链接|阅读|文章|附件)|"
    r"版权所有|主办(单位)?[:：]|承办(单位)?[:：]|网站(标识码|地图)|技术支持|联系我们"
)
_ANYWHERE = re.compile(r"公网安备|ICP备|ICP证|Copyright|©")


def is_residue(text: str) -> bool:
    """True when the line *text* is web-page furniture rather than report content."""
    text = text.strip(" \u3000\xa0\t")
    if not text or len(text) > MAX_RESIDUE_LENGTH:
        return False
    return bool(_BUTTONS.fullmatch(text) or _PREFIXES.match(text) or _ANYWHERE.search(text))


def drop_residue(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """Return *lines* without residue, and one note per dropped line."""
    kept: list[Line] = []
    notes: list[Note] = []
    for line in lines:
        if is_residue(line.text):
            notes.append(Note("residue", f"“{line.text.strip()}”", line.number))
        else:
            kept.append(line)
    return kept, notes
