"""GB/T 9704 and 条例 rules on the 公文 fields: D1–D7 (docs/check.md).

- D1 发文字号 is 机关代字〔YYYY〕N号 (formal variant)
- D2 成文日期 is after the report year, before the 3月1日 deadline; 印发日期 not before it
- D3 the title ends with 报告, has no final punctuation and names the right year
- D4 主送机关 present (formal), one organ
- D5 签发人 present (formal: 条例 第九条(六))
- D6 附件说明 without hand-typed numbers or final punctuation
- D7 抄送 one organ per entry
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .base import ERROR, FULL_WIDTH_DIGITS, INFO, WARNING, DataPath, Hit

if TYPE_CHECKING:
    from ..model.report import Report
    from .context import Context



def check(ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    if ctx.formal:
        hits += doc_number(ctx)
    hits += dates(ctx) + title(ctx) + recipient(ctx) + signer(ctx) + attachments(ctx) + copy_to(ctx)
    return hits


# --- D1 -----------------------------------------------------------------------------------------

# After the 机关代字: what ``^[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号$`` asks of the rest (number_form).
_NUMBER_TAIL = re.compile(r"〔\d{4}〕[1-9]\d*号$")
_YEAR_BRACKETS = re.compile(r"([\[【(（［〔])\s*(\d{2}|\d{4})\s*([\]】)）］〕])")
_EXAMPLE = "梅县公报字〔2024〕2号"


def doc_number(ctx: Context) -> list[Hit]:
    path = ("document", "number")
    text, _, _ = ctx.value(path, ctx.report.document.number)
    if not text:
        return [Hit("D1", WARNING, f"正式上报版的版头应有发文字号（document.number），如“{_EXAMPLE}”", path=path)]
    return number_hits(text, ctx.report, path)


def number_form(plain: str) -> bool:
    """*plain* is a 发文字号 in the standard form: Han characters (U+4E00–U+9FFF), 〔 four digits 〕, a number
    without a leading 0, 号. The 机关代字 is tested by code point, as a regex class of its 20,992 characters takes
    half a millisecond to compile (issue 20); it cannot hold 〔, so it ends at the first one."""
    agency, _, _ = plain.partition("〔")
    return (bool(agency) and all("\u4e00" <= ch <= "\u9fff" for ch in agency)
            and _NUMBER_TAIL.match(plain, len(agency)) is not None)


def number_hits(text: str, report: Report, path: DataPath = ("document", "number")) -> list[Hit]:
    """D1 on the 发文字号 *text*: one hit per problem, the bracket and digit fixes as edits."""
    hits: list[Hit] = []
    for m in re.finditer(r"[０-９]+", text):
        hits.append(Hit("D1", ERROR, "发文字号中的数字应为半角阿拉伯数字", m.start(), m.end(),
                        ((m.start(), m.end(), m.group().translate(FULL_WIDTH_DIGITS)),), path))
    digit_hits = len(hits)
    plain = text.strip().translate(FULL_WIDTH_DIGITS)
    if number_form(plain):
        return hits + _number_year(plain, report, path)
    year = _YEAR_BRACKETS.search(text.translate(FULL_WIDTH_DIGITS))
    if year and len(year.group(2)) == 2:
        hits.append(Hit("D1", ERROR, "发文字号中的年份应写全四位，如“〔2025〕”", year.start(), year.end(), path=path))
    elif year and (year.group(1), year.group(3)) != ("〔", "〕"):
        hits.append(Hit("D1", ERROR, f"发文字号中的年份应使用六角括号“〔{year.group(2)}〕”，"
                        f"不用“{year.group(1)}{year.group(3)}”", year.start(), year.end(),
                        ((year.start(1), year.end(1), "〔"), (year.start(3), year.end(3), "〕")), path))
    elif not year:
        hits.append(Hit("D1", ERROR, f"发文字号缺少用六角括号括起的年份，如“{_EXAMPLE}”", path=path))
    hints = (
        (r"第\s*\d", "发文字号的序号前不加“第”"),
        (r"[〕\])）】］]\s*0+\d", "发文字号的序号不编虚位（不加“0”），如“2号”而不是“02号”"),
        (r"[〕\])）】］]\s*字", "“字”应在年份之前，如“梅县公报字〔2024〕2号”"),
        (r"\s", "发文字号中不应有空格"),
    )
    for pattern, message in hints:
        found = re.search(pattern, text.strip())
        if found:
            offset = len(text) - len(text.lstrip())
            hits.append(Hit("D1", ERROR, message, found.start() + offset, found.end() + offset, path=path))
    if not plain.endswith("号"):
        hits.append(Hit("D1", ERROR, f"发文字号应以“号”结尾，如“{_EXAMPLE}”", path=path))
    if len(hits) == digit_hits:  # nothing specific to say
        hits.append(Hit("D1", ERROR, f"发文字号应写作“机关代字〔年份〕序号号”，如“{_EXAMPLE}”", path=path))
    return hits


def _number_year(plain: str, report: Report, path: DataPath) -> list[Hit]:
    date = report.document.date
    found = re.search(r"〔(\d{4})〕", plain)
    assert found is not None  # *plain* is in number_form
    year = int(found.group(1))
    if date is not None and year != date.year:
        return [Hit("D1", WARNING, f"发文字号中的年份{year}与成文日期的年份{date.year}不一致", path=path)]
    return []


# --- D2 -----------------------------------------------------------------------------------------


def dates(ctx: Context) -> list[Hit]:
    doc, year = ctx.report.document, ctx.report.year
    path = ("document", "date")
    if doc.date is None:
        if ctx.formal or doc.signature:
            return [Hit("D2", WARNING, "未填写成文日期（document.date），落款和版记将没有日期", path=path)]
        return []
    hits: list[Hit] = []
    if doc.date.year <= year:
        hits.append(Hit("D2", ERROR, f"成文日期{_cn(doc.date)}应在报告年度（{year}年）结束之后", path=path))
    elif doc.date >= dt.date(year + 1, 3, 1):
        hits.append(Hit("D2", WARNING, f"按《法治政府建设与责任落实督察工作规定》，年度报告应于{year + 1}年3月1日前报送，"
                        f"成文日期为{_cn(doc.date)}", path=path))
    raw, _, _ = ctx.value(path)
    if raw and re.search(r"年\s*0\d\s*月|月\s*0\d\s*日", raw):
        hits.append(Hit("D2", INFO, f"日期的月、日不编虚位：公文中将写作“{_cn(doc.date)}”", path=path))
    if doc.printed_date is not None and doc.printed_date < doc.date:
        hits.append(Hit("D2", WARNING, f"印发日期{_cn(doc.printed_date)}早于成文日期{_cn(doc.date)}",
                        path=("document", "printed_date")))
    return hits


def _cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


# --- D3 -----------------------------------------------------------------------------------------

_FINAL_PUNCT = "。，；：！？、.,;:!?"
_TITLE_YEAR = re.compile(r"(\d{4})年(?:度|法治)")


def title(ctx: Context) -> list[Hit]:
    text = ctx.report.title
    if not text:
        return []
    path = ("title",)
    raw, _, _ = ctx.value(path, text)
    raw = raw or text
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    hits: list[Hit] = []
    if body and body[-1] in _FINAL_PUNCT:
        hits.append(Hit("D3", ERROR, "标题末尾不加标点", lead + len(body) - 1, lead + len(body), path=path))
    if not body.rstrip(_FINAL_PUNCT).endswith("报告"):
        hits.append(Hit("D3", ERROR, "报告的标题应以文种“报告”结尾，如“××关于2024年度法治政府建设情况的报告”", path=path))
    for i, ch in enumerate(body[:-1]):
        if ch in _FINAL_PUNCT:
            hits.append(Hit("D3", WARNING, f"标题中除书名号、引号等外一般不用标点：“{ch}”", lead + i, lead + i + 1,
                            path=path))
    m = _TITLE_YEAR.search(body)
    if m and int(m.group(1)) != ctx.report.year:
        hits.append(Hit("D3", WARNING, f"标题中的年份{m.group(1)}与报告年度{ctx.report.year}不一致",
                        lead + m.start(1), lead + m.end(1), path=path))
    return hits


# --- D4 D5 --------------------------------------------------------------------------------------


def recipient(ctx: Context) -> list[Hit]:
    path = ("agency", "superior")
    superior = ctx.report.agency.superior
    if not superior:
        if ctx.formal:
            return [Hit("D4", ERROR, "正式上报版应写主送机关（agency.superior），如“广州市公安局”", path=path)]
        return []
    raw, _, _ = ctx.value(path, superior)
    m = re.search(r"[、，,；;]", raw or superior)
    if ctx.formal and m:
        return [Hit("D4", WARNING, "上行文原则上只主送一个机关（条例 第十五条），其他机关可抄送", m.start(), m.end(),
                    path=path)]
    return []


def signer(ctx: Context) -> list[Hit]:
    path = ("document", "signer")
    name = ctx.report.document.signer
    if not name:
        if ctx.formal:
            return [Hit("D5", ERROR, "上行文应当标注签发人（条例 第九条）：请填写 document.signer", path=path)]
        return []
    raw, _, _ = ctx.value(path, name)
    m = re.search(r"签发人|[:：]", raw or name)
    if m:
        return [Hit("D5", WARNING, "签发人只写姓名，“签发人：”由程序生成", m.start(), m.end(), path=path)]
    return []


# --- D6 D7 --------------------------------------------------------------------------------------

_ATTACHMENT_NUMBER = re.compile(r"\s*(?:附件\s*\d*\s*[:：]?|\d{1,2}\s*[.．、])")


def attachments(ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    for i, name in enumerate(ctx.report.document.attachments):
        path = ("document", "attachments", i)
        raw, _, _ = ctx.value(path, name)
        raw = raw or name
        m = _ATTACHMENT_NUMBER.match(raw)
        if m:
            hits.append(Hit("D6", WARNING, "附件名称前不要写“附件：”或序号，程序会自动生成", m.start(), m.end(),
                            path=path))
        body = raw.rstrip()
        if body and body[-1] in _FINAL_PUNCT:
            hits.append(Hit("D6", INFO, "附件名称后不加标点（生成时会去掉）", len(body) - 1, len(body), path=path))
    return hits


def copy_to(ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    for i, name in enumerate(ctx.report.document.copy_to):
        path = ("document", "copy_to", i)
        raw, _, _ = ctx.value(path, name)
        m = re.search(r"[、，,；;](?=.)", (raw or name).strip())
        if m:
            hits.append(Hit("D7", WARNING, "每个抄送机关单独写一项：程序会用“，”连接并以“。”结尾", m.start(), m.end(),
                            path=path))
    return hits
