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
# Page chrome: skip and accessibility links, language and mode switches, log-in; a line made only of these.
_CHROME = re.compile(
    r"(跳(转)?到(主要)?(内容|正文|导航)|无障碍(浏览|阅读|模式)?|长者模式|关怀版|适老化|简体(中文|版)?|繁(體|体)(中文|版)?|"
    r"English|登录|注册|首页|网站导航|智能问答|政务服务|搜索|[|｜/·•\s\u3000])+"
)
# Site and publisher lines: "发布者：", "稿源：", a site's name or greeting, the police motto used as a slogan.
_SITE = re.compile(
    r"(发布(者|人|单位)|文章来源|稿源|出处|供稿)[:：]|欢迎(您)?访问|.{0,20}(门户网站|政府网|公安网|警务网)$|"
    r"对党忠诚\s*服务人民\s*执法公正\s*纪律严明"
)
# A column tag before the title: 【通知公告】 [政务公开] 〖工作报告〗.
_COLUMN_TAG = re.compile(r"^\s*[【\[［〖]\s*(?P<tag>[^】\]］〗]{2,10}?)\s*[】\]］〗]\s*(?=\S*(报告|法治政府))")


def is_residue(text: str) -> bool:
    """True when the line *text* is web-page furniture rather than report content."""
    text = text.strip(" \u3000\xa0\t")
    if not text or len(text) > MAX_RESIDUE_LENGTH:
        return False
    return bool(
        _BUTTONS.fullmatch(text) or _CHROME.fullmatch(text) or _PREFIXES.match(text) or _SITE.match(text)
        or _ANYWHERE.search(text)
    )


def drop_residue(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """Return *lines* without residue, and one note per dropped line."""
    kept: list[Line] = []
    notes: list[Note] = []
    for line in lines:
        if is_residue(line.text):
            notes.append(Note("residue", f"“{line.text.strip()}”", line.number))
            continue
        tag = _COLUMN_TAG.match(line.text)
        if tag and not kept_title(kept):
            notes.append(Note("residue", f"标题前的栏目名“{tag.group().strip()}”", line.number))
            line = Line(line.number, line.text[tag.end() :])
        kept.append(line)
    return kept, notes


def kept_title(kept: list[Line]) -> bool:
    """True once a line that reads like the body has been kept: column tags only come before it."""
    return any(len(line.text) > 60 for line in kept)
