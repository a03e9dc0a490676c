"""The frame around the body: 版头 (mark, 发文字号, 签发人, title, 主送) and the end (结束语, 附件, 落款, 版记).

Both are read from the outside in, and only lines that clearly are what they seem are taken: anything
doubtful stays body text, where it is kept word for word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Union

from ..text.titles import split_title
from .notes import Line, Note
from .structure import heading_mark

HEADER_MAX_LINES = 12

_NUMBER = re.compile(r"(?:文\s*号\s*[:：]?\s*)?(?P<number>[^\s:：]*?[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\d+\s*号)")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<signer>\S+(?:\s\S)?)")
_AGENCY_END = re.compile(r"(局|厅|分局|政府|委员会|委|办公室|办|支队|大队|总队|派出所|中心|部|署|文件)$")
_SENTENCE = re.compile(r"[。，；！？]")
_CLOSING = re.compile(r"^(特此|专此)报告[。.]?$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[:：]\s*(?:1\s*[.．、]\s*)?(?P<name>.+)$")
_ATTACHMENT_MORE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>.+)$")
_COPY_TO = re.compile(r"^抄\s*送\s*[:：]\s*(?P<names>.+?)[。.]?$")
_PRINTED = re.compile(r"^(?P<by>.*?)[\s\u3000]*(?P<date>(\d{4}|[〇零○一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日)\s*印发$")
_TITLE_END = re.compile(r"报告[)）]?$|报告（[^（）]*）$")
_PUBLISHED = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?")
_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}


@dataclass
class Header:
    mark: Union[str, None] = None
    number: Union[str, None] = None
    signer: Union[str, None] = None
    title: Union[str, None] = None
    recipient: Union[str, None] = None
    extra: list[Line] = field(default_factory=list)  # header-like lines that are none of the above


@dataclass
class Tail:
    closing: Union[str, None] = None
    attachments: list[str] = field(default_factory=list)
    signature_name: Union[str, None] = None
    date: Union[dt.date, None] = None
    copy_to: list[str] = field(default_factory=list)
    printed_by: Union[str, None] = None
    printed_date: Union[dt.date, None] = None


def agency_like(text: str) -> bool:
    """A short line naming an organ (梅州市公安局梅县区分局, …文件), without sentence punctuation."""
    return (
        2 <= len(text) <= 40
        and not _SENTENCE.search(text)
        and not re.search(r"\d", text)
        and bool(_AGENCY_END.search(text))
        and "报告" not in text
        and heading_mark(text) is None
    )


def read_header(lines: list[Line], notes: list[Note], styled: dict[int, str] | None = None) -> tuple[Header, int]:
    """Read the 版头 at the top of *lines*. Returns it and the index of the first line after it.

    *styled* names the paragraphs whose Word style makes them the title or the 主送: they are taken as
    such whatever their words (a title without "报告", a 主送 line of a name the patterns do not know).
    """
    header = Header()
    styled = styled or {}
    zone: list[tuple[str, Line]] = []
    i = 0
    while i < len(lines) and i < HEADER_MAX_LINES:
        text = lines[i].text
        style = styled.get(lines[i].number)
        if style is None and (heading_mark(text) is not None or _SENTENCE.search(text) or len(text) > 60):
            break
        role = style or _header_role(text)
        if role == "other" and text.endswith(("：", ":")):
            break  # "现将有关情况报告如下：": the opening has begun
        zone.append((role, lines[i]))
        i += 1
        if role == "recipient":
            break
    if not any(role in ("recipient", "number", "title") for role, _ in zone) and not _has_title(zone):
        return header, 0  # no 版头 at all (a web copy that starts with the opening)
    groups: list[list[Line]] = []
    previous = None
    for role, line in zone:
        if role == "date":
            notes.append(Note("residue", f"标题旁的发布日期“{line.text}”", line.number))
        elif role == "number":
            _read_number(line, header, notes)
        elif role == "recipient":
            header.recipient = line.text.rstrip("：:").strip()
            notes.append(Note("header", f"主送机关：{header.recipient}", line.number))
        elif _continues(role, previous, groups):
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = role
    _read_title(groups, header, notes, {n for n, kind in styled.items() if kind == "title"})
    return header, i


def _continues(role: str, previous: Union[str, None], groups: list[list[Line]]) -> bool:
    """True when the line goes on the group before it: styled title lines, or a title not yet ended."""
    if role == previous == "title":
        return True
    return role == previous == "other" and bool(groups) and not _TITLE_END.search(groups[-1][-1].text)


def _header_role(text: str) -> str:
    if _PUBLISHED.fullmatch(text):
        return "date"  # a web page's publication date: the 成文日期 of a 公文 is at its end
    if _SIGNER.search(text) or (_NUMBER.fullmatch(text.strip()) and len(text) < 40):
        return "number"
    if text.endswith(("：", ":")) and len(text) <= 60:
        names = [n for n in re.split(r"[、，,]", text[:-1].strip()) if n]
        if names and all(_AGENCY_END.search(n) and "报告" not in n for n in names):
            return "recipient"
    return "other"


def _has_title(zone: list[tuple[str, Line]]) -> bool:
    return any("报告" in line.text or "法治政府" in line.text for _, line in zone)


def _read_number(line: Line, header: Header, notes: list[Note]) -> None:
    number = _NUMBER.search(line.text)
    if number:
        raw = re.sub(r"\s", "", number.group("number"))
        fixed = re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", raw)
        if fixed != raw:
            notes.append(Note("punct", f"发文字号“{raw}”→“{fixed}”", line.number))
        header.number = fixed
        label = re.sub(r"\s", "", number.group()[: number.start("number") - number.start()])
        dropped = f"（不保留“{label}”字样，版头按格式只写字号）" if label else ""
        notes.append(Note("header", f"发文字号：{fixed}{dropped}", line.number))
    signer = _SIGNER.search(line.text)
    if signer:
        header.signer = signer.group("signer").replace(" ", "")
        notes.append(Note("header", f"签发人：{header.signer}", line.number))
    rest = line.text
    for match in (number, signer):
        if match:
            rest = rest.replace(match.group(), "")
    rest = re.sub(r"\s", "", rest)
    if rest:
        notes.append(Note("header", f"版头行中的“{rest}”未保留（发文字号和签发人由工具按格式排版）", line.number))


def _read_title(groups: list[list[Line]], header: Header, notes: list[Note], styled: set[int]) -> None:
    """The title is the group styled as title, else the last group mentioning 报告/法治政府; an organ's name
    before it is the 版头."""
    titled = [k for k, group in enumerate(groups) if any(line.number in styled for line in group)]
    titled = titled or [k for k, group in enumerate(groups)
                        if any("报告" in line.text or "法治政府" in line.text for line in group)]
    if not titled:
        header.extra = [line for group in groups for line in group]
        return
    k = titled[-1]
    title_lines: list[Line] = []
    for line in groups[k]:  # a web page often shows the title twice (page title and article title)
        if title_lines and line.text == title_lines[-1].text:
            notes.append(Note("residue", f"重复的标题“{line.text}”", line.number))
        else:
            title_lines.append(line)
    texts = [line.text for line in title_lines]
    joined = "".join(texts)
    mark_line = None
    # "某某市公安局某某区分局" over "关于2023年度……的报告" is one title in two lines (a title starts with the
    # organ's name; a 版头 is followed by the 发文字号, not by "关于").
    two_line = len(texts) >= 2 and texts[1].startswith("关于")
    if len(texts) >= 2 and agency_like(texts[0]) and texts != split_title(joined, between_words=False) and not two_line:
        header.mark, mark_line = texts[0], title_lines[0].number
        title_lines = title_lines[1:]
    for group in groups[:k]:
        text = "".join(line.text for line in group)
        if text == "".join(line.text for line in title_lines):
            notes.append(Note("residue", f"重复的标题“{text}”", group[0].number))
        elif header.mark is None and agency_like(text):
            header.mark, mark_line = text, group[0].number
        else:
            header.extra += group
    header.extra += [line for group in groups[k + 1 :] for line in group]
    header.title = "".join(line.text for line in title_lines)
    if header.mark:
        notes.append(Note("header", f"发文机关标志：{header.mark}", mark_line))
    shown = "”“".join(line.text for line in title_lines)
    notes.append(Note("header", f"标题：“{shown}”" + ("（多行已合并）" if len(title_lines) > 1 else ""),
                      title_lines[0].number))


def read_tail(lines: list[Line], notes: list[Note]) -> tuple[Tail, int]:
    """Read the end of the document. Returns it and the index where the body ends."""
    tail = Tail()
    j = len(lines)
    while j > 0:
        text = lines[j - 1].text
        copy_to = _COPY_TO.match(text)
        printed = _PRINTED.match(text)
        if copy_to:
            tail.copy_to = [n.strip() for n in re.split(r"[，,、]", copy_to.group("names")) if n.strip()]
        elif printed and parse_date(printed.group("date")):
            tail.printed_by = printed.group("by").strip() or None
            tail.printed_date = parse_date(printed.group("date"))
        else:
            break
        notes.append(Note("tail", f"版记：{text}", lines[j - 1].number))
        j -= 1
    date = parse_date(lines[j - 1].text) if j > 0 else None
    if date:
        tail.date = date
        notes.append(Note("tail", f"成文日期：{lines[j - 1].text}" + _date_form(lines[j - 1].text, date),
                          lines[j - 1].number))
        j -= 1
    if j > 1 and agency_like(lines[j - 1].text):
        tail.signature_name = lines[j - 1].text
        notes.append(Note("tail", f"落款：{tail.signature_name}", lines[j - 1].number))
        j -= 1
    j = _read_attachments(lines, j, tail, notes)
    if j > 0 and _CLOSING.match(lines[j - 1].text):
        tail.closing = lines[j - 1].text.rstrip("。.")
        fixed = "" if lines[j - 1].text.endswith("。") else f"（将写作“{tail.closing}。”）"
        notes.append(Note("tail", f"结束语：{lines[j - 1].text}{fixed}", lines[j - 1].number))
        j -= 1
    return tail, j


def _read_attachments(lines: list[Line], j: int, tail: Tail, notes: list[Note]) -> int:
    k = j
    more: list[str] = []
    while k > 1 and (item := _ATTACHMENT_MORE.match(lines[k - 1].text)):
        more.insert(0, item.group("name"))
        k -= 1
    first = _ATTACHMENT.match(lines[k - 1].text) if k > 0 else None
    if first:
        tail.attachments = [first.group("name").strip()] + more
        for name in tail.attachments:
            notes.append(Note("tail", f"附件：{name}", lines[k - 1].number))
        return k - 1
    return j


def _date_form(text: str, date: dt.date) -> str:
    """A remark when the renderer will write the date differently (GB/T 9704: Arabic numerals)."""
    written = f"{date.year}年{date.month}月{date.day}日"
    return "" if re.sub(r"\s", "", text) == written else f"（将按 GB/T 9704 写作“{written}”）"


def parse_date(text: str) -> Union[dt.date, None]:
    """2024年1月8日 or 二〇二四年一月八日 → date; None when *text* is not a date alone."""
    match = re.fullmatch(r"\s*(\S{4})\s*年\s*(\S{1,3})\s*月\s*(\S{1,3})\s*日\s*", text)
    if not match:
        return None
    try:
        year, month, day = (_number(part, i == 0) for i, part in enumerate(match.groups()))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def _number(text: str, digit_by_digit: bool) -> int:
    if text.isdigit():
        return int(text)
    if digit_by_digit:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]
