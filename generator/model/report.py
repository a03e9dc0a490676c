"""The report model: the one contract between every input mode and the renderer.

YAML files, wizard answers, spreadsheet rows and imported documents all become a
:class:`Report`; the renderer and the checker read nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
)

from ..text.clean import clean_text
from .metrics import Metrics
from .vocabulary import Variant


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _clean_optional(value: Any) -> Any:
    value = _clean(value)
    return None if value == "" else value


# A piece of report text: line ends normalised, XML-illegal characters removed.
Text = Annotated[str, BeforeValidator(_clean)]
OptionalText = Annotated[Union[str, None], BeforeValidator(_clean_optional)]

_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_DOTTED_DATE = re.compile(r"^\s*(\d{4})[./-](\d{1,2})[./-](\d{1,2})\s*$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20260120, as OA systems and spreadsheets write it


def _parse_date(value: Any) -> Any:
    """Accept 2025-01-08, 2025/1/8, 2025.1.8, 20250108 and 2025年1月8日; leave the rest to pydantic."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # pydantic would read 20250115 as a Unix timestamp
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        match = _CN_DATE.match(value) or _DOTTED_DATE.match(value) or _COMPACT_DATE.match(value)
        if match is None and value.isdigit():
            raise ValueError(f"日期格式应为 2025-01-08 或 2025年1月8日，而不是“{value}”")
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise ValueError(f"日期不存在：{value}") from exc
    return value


Date = Annotated[Union[dt.date, None], BeforeValidator(_parse_date)]


def _yes_no(value: Any) -> Any:
    """Booleans may be written 是/否 as well as true/false."""
    if isinstance(value, str):
        return {"是": "true", "否": "false"}.get(value.strip(), value)
    return value


Flag = Annotated[bool, BeforeValidator(_yes_no)]


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=False)


class PartKind(str, Enum):
    """The five items of 《法治政府建设与责任落实督察工作规定》."""

    measures = "measures"  # 主要举措和成效
    shortcomings = "shortcomings"  # 存在的不足和原因
    leader_duty = "leader_duty"  # 党政主要负责人履行第一责任人职责
    plans = "plans"  # 下一年度主要安排
    other = "other"  # 其他需要报告的情况


PART_KIND_LABELS = {
    PartKind.measures: "主要举措和成效",
    PartKind.shortcomings: "存在的不足和原因",
    PartKind.leader_duty: "第一责任人职责履行情况",
    PartKind.plans: "下一年度主要安排",
    PartKind.other: "其他需要报告的情况",
}


class TitleForm(str, Enum):
    """How a title is built when ``title`` is absent (docs/content.md)."""

    situation = "situation"  # {机关}关于{YYYY}年度法治政府建设情况的报告
    work_situation = "work_situation"  # {机关}关于{YYYY}年法治政府建设工作情况的报告
    annual = "annual"  # {机关}{YYYY}年法治政府建设年度报告


TITLE_FORMS = {
    TitleForm.situation: "{agency}关于{year}年度法治政府建设情况的报告",
    TitleForm.work_situation: "{agency}关于{year}年法治政府建设工作情况的报告",
    TitleForm.annual: "{agency}{year}年法治政府建设年度报告",
}


class Agency(Model):
    """The reporting organ."""

    name: Text = Field(min_length=2, description="发文机关全称，如：广州市公安局海珠区分局")
    short_name: OptionalText = Field(default=None, description="简称，如：海珠区分局")
    level: OptionalText = Field(default=None, description="层级：公安厅、市公安局、公安分局、县公安局")
    superior: OptionalText = Field(default=None, description="主送机关，如：广州市公安局")
    mark: OptionalText = Field(default=None, description="发文机关标志（红头文字），默认为发文机关全称")


_NONE_WORDS = {"无", "没有", "（无）", "(无)", "暂无", "不抄送"}


def _name_list(value: Any) -> Any:
    """``甲、乙`` and ``无`` as the wizard accepts them: a list of names, or none."""
    if not isinstance(value, str):
        return value
    if value.strip() in _NONE_WORDS:
        return []
    return [item.strip() for item in re.split(r"[、，,；;]", value) if item.strip()]


class Document(Model):
    """The 公文 fields of GB/T 9704: 版头, 落款 and 版记."""

    number: OptionalText = Field(default=None, description="发文字号，如：梅县公报字〔2024〕2号")
    signer: OptionalText = Field(default=None, description="签发人姓名")
    date: Date = Field(default=None, description="成文日期，如：2025-01-08")
    signature: Flag = Field(default=True, description="是否在文末落款（署名和成文日期）")
    signature_name: OptionalText = Field(default=None, description="落款署名，默认为发文机关全称")
    seal: Flag = Field(
        default=True,
        description="正式上报版加盖印章（成文日期右空四字，署名以成文日期为准居中，上方留出印章位置）；"
                    "否则按不加盖印章的格式。公开版不加盖印章",
    )
    attachments: Annotated[list[Text], BeforeValidator(_name_list)] = Field(
        default_factory=list, description="附件说明（附件名称）")
    copy_to: Annotated[list[Text], BeforeValidator(_name_list)] = Field(default_factory=list, description="抄送机关")
    printed_by: OptionalText = Field(default=None, description="印发机关，默认为发文机关全称")
    printed_date: Date = Field(default=None, description="印发日期，默认为成文日期")
    imprint_even_page: Flag = Field(
        default=True, description="版记排在双页（双面印刷）；单面印刷的机关可设为否，版记就留在正文最后一页"
    )


class ChainItem(Model):
    """One item of an 一是…二是… chain; the ordinal is generated."""

    text: Text = Field(min_length=1)
    verb: OptionalText = Field(default=None, description="序数后的字，默认沿用整条的设置（是/要）")
    kind: Union[PartKind, None] = Field(default=None, description="本项对应的规定事项（如第一责任人）")


def _chain_item(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Chain(Model):
    """An enumeration written as 一是…二是… (or ①②…) with generated ordinals."""

    chain: list[Annotated[ChainItem, BeforeValidator(_chain_item)]] = Field(min_length=1)
    layout: Literal["inline", "paragraphs"] = Field(
        default="inline", description="inline：同一段内；paragraphs：每项一段"
    )
    style: Literal["ordinal", "circled"] = Field(default="ordinal", description="ordinal：一是；circled：①")
    verb: Text = Field(default="是", description="序数后的字：是、要")
    lead: OptionalText = Field(default=None, description="序列前的引导语，与第一项同段")


def _block_tag(value: Any) -> str:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        return "chain" if "chain" in value else "section"
    if isinstance(value, Chain):
        return "chain"
    return "section"


class Section(Model):
    """A headed unit below a part: （一）, 1., （1） … with generated numbers."""

    heading: OptionalText = Field(default=None, description="标题；空则不编号")
    run_in: Flag = Field(default=False, description="标题与正文同段（标题以“。”或“：”结束）")
    level: Union[int, None] = Field(default=None, ge=2, le=4, description="层次（2=（一），3=1.，4=（1））")
    kind: Union[PartKind, None] = Field(default=None, description="本节对应的规定事项（如第一责任人）")
    refs: list[Text] = Field(default_factory=list, description="对应的纲要条目编号")
    content: list[Block] = Field(default_factory=list)


Block = Annotated[
    Union[
        Annotated[Text, Tag("paragraph")],
        Annotated[Chain, Tag("chain")],
        Annotated[Section, Tag("section")],
    ],
    Discriminator(_block_tag),
]
Section.model_rebuild()


class Part(Model):
    """A top-level part (一、…), or an unheaded run of paragraphs."""

    kind: PartKind = Field(description="规定五项之一：measures、shortcomings、leader_duty、plans、other")
    heading: OptionalText = Field(default=None, description="一级标题；空则为无标题段落")
    run_in: Flag = Field(default=False)
    refs: list[Text] = Field(default_factory=list)
    content: list[Block] = Field(default_factory=list)


class Closing(str, Enum):
    te_ci = "特此报告"
    zhuan_ci = "专此报告"
    none = "none"


def _closing(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().rstrip("。")
        if value in ("", "无", "不写"):
            return "none"
    return value


def _opening(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Report(Model):
    """A 法治政府建设年度报告."""

    year: int = Field(ge=2000, le=2100, description="报告年度，如：2024")
    variant: Variant = Field(
        default=Variant.formal, description="默认版本：formal 正式上报版，public 网站公开版（命令行 --variant 优先）"
    )
    framework: Text = Field(default="outline-2021-2025", description="对照的纲要（templates/frameworks 中的文件名）")
    agency: Agency
    document: Document = Field(default_factory=Document)
    title: OptionalText = Field(default=None, description="标题；空则按 title_form 生成")
    title_form: TitleForm = Field(default=TitleForm.situation)
    opening: Annotated[list[Text], BeforeValidator(_opening)] = Field(default_factory=list)
    parts: list[Part] = Field(min_length=1)
    closing: Annotated[Closing, BeforeValidator(_closing)] = Field(default=Closing.te_ci)
    metrics: Metrics = Field(default_factory=Metrics)

    @field_validator("opening")
    @classmethod
    def _no_empty_opening(cls, value: list[str]) -> list[str]:
        return [p for p in value if p]

    @property
    def full_title(self) -> str:
        """The title as printed: ``title`` if given, else built from ``title_form``."""
        if self.title:
            return self.title
        return TITLE_FORMS[self.title_form].format(agency=self.agency.name, year=self.year)

    def sections(self) -> list[tuple[Part, list[Section]]]:
        """Every section with the chain of sections above it, parts first (depth-first)."""
        found: list[tuple[Part, list[Section]]] = []

        def walk(part: Part, blocks: list[Block], trail: list[Section]) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    found.append((part, trail + [block]))
                    walk(part, block.content, trail + [block])

        for part in self.parts:
            found.append((part, []))
            walk(part, part.content, [])
        return found

    def has_kind(self, kind: PartKind) -> bool:
        """True when a part, a section or a chain item marked with ``kind`` covers that item of the 规定."""
        for part, trail in self.sections():
            owner = trail[-1] if trail else part
            if (owner.kind if trail else part.kind) == kind:
                return True
            for block in owner.content:
                if isinstance(block, Chain) and any(item.kind == kind for item in block.chain):
                    return True
        return False
