"""What a Word/WPS paragraph style says a paragraph is: the title, the 主送, or a heading of some level.

Offices mark the title with Word's "Title" style (shown as 标题 in Chinese Word), or a style of their own
("公文标题", "文件标题", "大标题"); headings with "Heading N" / "标题 N" (WPS writes the same names, with
numeric style ids), or an outline level set on the style or the paragraph. Names are read from the
style, not its id, and inherited through ``w:basedOn`` for outline levels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE_NAMES = re.compile(r"^(title|标题|公文标题|文件标题|大标题|主标题|报告标题|文章标题|文档标题)$", re.IGNORECASE)
_HEADING_NAMES = re.compile(r"^(heading|标题)\s*(?P<level>[1-9])$", re.IGNORECASE)
_RECIPIENT_NAMES = re.compile(r"主送")
MAX_LEVEL = 4  # 一、 （一） 1. （1）


class Role(NamedTuple):
    """What a style makes a paragraph: "title", "recipient" or "heading" (with its level 1–4)."""

    kind: str
    level: int = 0


class StyleRoles:
    """The role of each paragraph style of a document, and of each paragraph."""

    def __init__(self, styles: Union[_Element, None]) -> None:
        self.by_id: dict[str, Role] = {}
        if styles is None:
            return
        names: dict[str, str] = {}
        outline: dict[str, int] = {}
        based: dict[str, str] = {}
        for style in styles.iter(_W + "style"):
            sid = style.get(_W + "styleId") or ""
            name_el = style.find(_W + "name")
            names[sid] = (name_el.get(_W + "val") or "") if name_el is not None else ""
            level_el = style.find(f"{_W}pPr/{_W}outlineLvl")
            if level_el is not None and (level_el.get(_W + "val") or "").isdigit():
                outline[sid] = int(level_el.get(_W + "val") or 0) + 1
            parent = style.find(_W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(_W + "val") or ""
        for sid, name in names.items():
            role = _role_by_name(name.strip())
            if role is None:
                level = _inherited(sid, outline, based)
                role = Role("heading", level) if level and level <= MAX_LEVEL else None
            if role is not None:
                self.by_id[sid] = role

    def role(self, p: _Element) -> Union[Role, None]:
        """The role of paragraph *p* (a w:p element) from its style or its own outline level."""
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return None
        own = ppr.find(_W + "outlineLvl")
        if own is not None and (own.get(_W + "val") or "").isdigit():
            level = int(own.get(_W + "val") or 0) + 1
            return Role("heading", level) if level <= MAX_LEVEL else None
        style = ppr.find(_W + "pStyle")
        return None if style is None else self.by_id.get(style.get(_W + "val") or "")


def _role_by_name(name: str) -> Union[Role, None]:
    if _TITLE_NAMES.match(name):
        return Role("title")
    heading = _HEADING_NAMES.match(name)
    if heading:
        level = int(heading.group("level"))
        return Role("heading", level) if level <= MAX_LEVEL else None
    if _RECIPIENT_NAMES.search(name):
        return Role("recipient")
    return None


def _inherited(sid: str, outline: dict[str, int], based: dict[str, str]) -> int:
    seen: set[str] = set()
    current = sid
    while current and current not in outline and current not in seen:
        seen.add(current)
        current = based.get(current, "")
    return outline.get(current, 0)
