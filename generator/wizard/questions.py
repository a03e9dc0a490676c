"""Building the wizard's questions: Chinese wording, help text, defaults, and validation through the models.

A :class:`Slot` binds one question to the place in the report data where its answer is stored and to
the model field that validates it. There is no second set of rules: every check calls the model's own
validator for that field (``validate_assignment``), and errors become Chinese through
:func:`generator.validate.validation_problems`, exactly as in the YAML mode.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from ..load.yaml_file import MAX_FIELD_CHARS
from ..model.metrics import Metric, OtherMetric
from ..model.paths import DataPath
from ..model.report import Agency, Document, Part, Report, Section
from ..text.clean import format_date
from ..validate import Unlocated
from ..validate.messages import validation_problems
from . import entry

MISSING: Any = object()  # "no value stored here", distinct from a stored None

Validator = Callable[[Any], Union[bool, str]]


@dataclass
class Choice:
    """One entry of a select or checkbox question."""

    title: str
    value: Any
    checked: bool = False


@dataclass
class Question:
    """What the terminal shows: independent of questionary, so flows can be tested with a fake."""

    kind: str  # "text", "select", "checkbox" or "confirm"
    message: str
    help: str = ""
    default: Any = None
    choices: list[Choice] = field(default_factory=list)
    multiline: bool = False
    validate: Union[Validator, None] = None


def model_check(model: type[BaseModel], name: str, candidate: Any) -> tuple[bool, Any]:
    """Validate *candidate* as field *name* of *model* with the model's own validator.

    Returns ``(True, validated value)`` or ``(False, Chinese message)``.
    """
    instance = model.model_construct()
    try:
        model.__pydantic_validator__.validate_assignment(instance, name, candidate)
    except ValidationError as exc:
        problems = validation_problems(exc, {name: candidate}, Unlocated())
        return False, problems[0].message if problems else "取值不对"
    return True, getattr(instance, name)


def to_yaml(value: Any) -> Any:
    """A validated value as plain YAML data: dates as 2025-01-08, figures as numbers, enums as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [to_yaml(item) for item in value]
    if isinstance(value, BaseModel):
        return {k: to_yaml(v) for k, v in value.model_dump(exclude_defaults=True).items()}
    return value


def show_text(stored: Any) -> str:
    """A stored value as the text a prompt starts with."""
    if stored is None or stored is MISSING:
        return ""
    if isinstance(stored, dt.date):
        return format_date(stored)
    if isinstance(stored, list):
        return "、".join(str(item) for item in stored)
    return str(stored)


def show_lines(stored: Any) -> str:
    """Stored paragraphs as multi-line text, one paragraph a line."""
    if isinstance(stored, list):
        return "\n".join(str(item) for item in stored if isinstance(item, str))
    return show_text(stored)


def shorten(text: str, width: int = 24) -> str:
    """*text* cut to *width* characters with an ellipsis, for prompts and menus."""
    return text if len(text) <= width else text[: width - 1] + "…"


def split_list(answer: Any) -> list[str]:
    """``甲、乙，丙`` → ``["甲", "乙", "丙"]`` (for lists such as 抄送机关)."""
    return [part.strip() for part in re.split(r"[、，,；;\n]", str(answer or "")) if part.strip()]


def split_lines(answer: Any) -> list[str]:
    """Multi-line text → one paragraph per non-blank line."""
    return [line.strip() for line in str(answer or "").splitlines() if line.strip()]


def overlong(candidate: Any) -> Union[str, None]:
    """Why a typed or pasted text is over the per-field limit of a YAML file (docs/limits.md), or None.

    Refused at the prompt, with the text still in it, because an answer stored over the limit would make
    the answer file itself unreadable the next time the wizard or ``fzbg render`` loads it.
    """
    texts = candidate if isinstance(candidate, list) else [candidate]
    sizes = [len(text) for text in texts if isinstance(text, str)]
    if not sizes or max(sizes) <= MAX_FIELD_CHARS:
        return None
    what = f"第 {sizes.index(max(sizes)) + 1} 段" if isinstance(candidate, list) else "这一项"
    return f"{what}有 {max(sizes):,} 个字，超过了每项 {MAX_FIELD_CHARS:,} 字的上限；请在句号处回车，拆成几段"


def _same(answer: Any) -> Any:
    return answer


@dataclass
class Slot:
    """A question bound to where its answer lives (*path*) and the model field that validates it."""

    path: DataPath
    model: type[BaseModel]
    name: str
    message: str
    help: str = ""
    kind: str = "text"
    multiline: bool = False
    choices: list[Choice] = field(default_factory=list)
    parse: Callable[[Any], Any] = _same  # answer → candidate field value
    show: Callable[[Any], Any] = show_text  # stored value → the answer a prompt starts with
    tidy: tuple[entry.Tidy, ...] = ()  # repairs made as the answer is typed (entry.py), each with a note
    rule: Union[entry.Rule, None] = None  # a check beyond the model's (dates against the year, required)

    def tidied(self, answer: Any) -> tuple[Any, list[str]]:
        """The answer after the entry repairs, and the notes that say what changed."""
        steps = self.tidy if self.multiline or self.kind != "text" else (entry.one_line, *self.tidy)
        return entry.tidy_all(answer, steps if self.kind == "text" else ())

    def _validated(self, answer: Any) -> tuple[bool, Any]:
        candidate = self.parse(self.tidied(answer)[0])
        too_long = overlong(candidate)
        if too_long:
            return False, too_long
        ok, result = model_check(self.model, self.name, candidate)
        if ok and self.rule is not None:
            refusal = self.rule(result)
            if refusal:
                return False, refusal
        return ok, result

    def check(self, answer: Any) -> Union[bool, str]:
        """questionary validator: True or a Chinese message, never None."""
        ok, result = self._validated(answer)
        return True if ok else str(result)

    def value(self, answer: Any) -> Any:
        """The validated answer as YAML data."""
        ok, result = self._validated(answer)
        if not ok:
            raise ValueError(result)  # the prompt's validator already refused this answer
        return to_yaml(result)

    def problem(self, stored: Any) -> Union[str, None]:
        """Why a stored value is not acceptable, or None when it is."""
        ok, result = model_check(self.model, self.name, stored)
        if ok and self.rule is not None:
            return self.rule(result)
        return None if ok else str(result)

    def question(self, default: Any) -> Question:
        """The question to show, starting from *default* (a stored value or a suggestion)."""
        shown = default if self.kind in ("select", "checkbox") else self.show(default)
        return Question(
            kind=self.kind,
            message=self.message,
            help=self.help,
            default=shown,
            choices=list(self.choices),
            multiline=self.multiline,
            validate=self.check if self.kind == "text" else None,
        )

    def at(self, path: DataPath) -> Slot:
        """The same question stored elsewhere (another part, another metric)."""
        return replace(self, path=path)


# ---------------------------------------------------------------------------------------------
# Defaults that depend on the calendar or on the agency's name.


def default_year(today: dt.date) -> int:
    """A report covers the previous year when written in the first half of a year."""
    return today.year - 1 if today.month <= 6 else today.year


def default_date(year: int, today: dt.date) -> dt.date:
    """成文日期: today when writing in the following year (normally January–February), else mid-January."""
    return today if today.year == year + 1 else dt.date(year + 1, 1, 15)


LEVELS = ["公安厅", "市公安局", "公安分局", "县公安局"]


def guess_level(name: str) -> Union[str, None]:
    """公安分局 for …分局, and so on; None when the name says nothing."""
    for suffix, level in (("公安厅", "公安厅"), ("分局", "公安分局"), ("县公安局", "县公安局"), ("市公安局", "市公安局")):
        if name.endswith(suffix):
            return level
    return None


def guess_superior(name: str) -> Union[str, None]:
    """广州市公安局海珠区分局 → 广州市公安局 (a 分局 reports to the 局 its name starts with)."""
    head, sep, tail = name.partition("公安局")
    return head + sep if sep and tail.endswith("分局") else None


def guess_short_name(name: str) -> Union[str, None]:
    """广州市公安局海珠区分局 → 海珠区分局."""
    _, sep, tail = name.rpartition("公安局")
    return tail if sep and len(tail) >= 2 else None


def shift_years(text: str, from_year: int, delta: int = 1) -> str:
    """Move the years around *from_year* in *text* on by *delta* (last year's headings → this year's)."""
    years = {str(y) for y in range(from_year - 1, from_year + 2)}
    return re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m[1]) + delta) if m[1] in years else m[1], text)


# ---------------------------------------------------------------------------------------------
# Wording shared by several questions.

MULTILINE_HELP = "可写多行，每行成为一段；写完先按 Esc 键，再按回车键提交。"
SKIP_TITLE = "先跳过，稍后在 YAML 中填写"
OPTIONAL_HELP = "没有可直接按回车留空。"


# ---------------------------------------------------------------------------------------------
# The questions of the fixed part of the flow. Each is a Slot: path, model field, wording.


def agency_name() -> Slot:
    return Slot(
        ("agency", "name"), Agency, "name", "发文机关全称：",
        help="报告标题和落款使用的机关全称，如：广州市公安局海珠区分局。",
        tidy=(entry.punctuation,),
    )


def agency_level_other() -> Slot:
    return Slot(("agency", "level"), Agency, "level", "请输入机关层级：", help="如：区公安局、县公安局。")


def agency_superior() -> Slot:
    return Slot(
        ("agency", "superior"), Agency, "superior", "主送机关（上级机关）：",
        help="报告报送的上级机关，印在标题下方、正文之前，如：广州市公安局。正式上报版必须填写。",
        tidy=(entry.punctuation,), rule=entry.required("主送机关（上级机关）"),
    )


def agency_short_name() -> Slot:
    return Slot(
        ("agency", "short_name"), Agency, "short_name", "机关简称：",
        help="正文中提到本单位时使用，如：海珠区分局。" + OPTIONAL_HELP,
    )


def report_year() -> Slot:
    return Slot(("year",), Report, "year", "报告年度：", help="报告总结的是哪一年的工作，如：2024。")


def document_number() -> Slot:
    return Slot(
        ("document", "number"), Document, "number", "发文字号：",
        help="如：梅县公报字〔2025〕2号（年份用六角括号〔〕，输入 [2025] 会自动改正）。网站公开版不显示。" + OPTIONAL_HELP,
        tidy=(entry.number_brackets,),
    )


def document_signer() -> Slot:
    return Slot(
        ("document", "signer"), Document, "signer", "签发人：",
        help="报告是上行文，正式上报版应标注签发人姓名。" + OPTIONAL_HELP,
    )


def document_date(year: Union[int, None] = None) -> Slot:
    return Slot(
        ("document", "date"), Document, "date", "成文日期：",
        help="如：2025年1月15日 或 2025-01-15。年度报告应在次年3月1日前报送。",
        rule=entry.date_after_year(year),
    )


def document_copy_to() -> Slot:
    return Slot(
        ("document", "copy_to"), Document, "copy_to", "抄送机关：",
        help="如：区委全面依法治区委员会办公室。多个机关用顿号“、”分隔。" + OPTIONAL_HELP,
        parse=split_list,
    )


def opening() -> Slot:
    return Slot(
        ("opening",), Report, "opening", "开头段落（导语）：",
        help="正文第一段，概述全年工作，以“现将有关情况报告如下：”结尾。已给出参考文字，可直接修改。"
        + MULTILINE_HELP,
        multiline=True, parse=split_lines, show=show_lines, tidy=(entry.punctuation,),
    )


def part_heading(path: DataPath, label: str) -> Slot:
    return Slot(
        path, Part, "heading", f"“{label}”部分的标题：",
        help="一级标题，序号（一、二、……）自动生成，不用输入。清空则这一部分不加标题。",
    )


def section_heading(path: DataPath) -> Slot:
    return Slot(path, Section, "heading", "小标题：", help="二级标题，序号（一）（二）……自动生成，不用输入。")


def free_headings() -> Slot:
    """Headings of one's own for the measures part, one a line, validated as sections."""
    return Slot(("parts",), Part, "content", "自拟小标题（每行一个）：", help=MULTILINE_HELP, multiline=True,
                parse=lambda text: [{"heading": heading} for heading in split_lines(text)], show=show_lines)


def paragraphs(path: DataPath, message: str, help: str) -> Slot:
    """Free paragraphs of a part or section; a blank answer leaves the TODO marker."""
    return Slot(path, Part, "content", message, help=help + MULTILINE_HELP if help else "", multiline=True,
                parse=split_lines, show=show_lines, tidy=(entry.punctuation,))


def metric_value(path: DataPath, label: str, unit: str) -> Slot:
    return Slot(path, Metric, "value", f"{label}（单位：{unit}）本年数值：",
                help="只填数字，如 10110 或 98.5。不填则不报这项数据。")


def metric_previous(path: DataPath, label: str, unit: str) -> Slot:
    return Slot(path, Metric, "previous", f"{label}（单位：{unit}）上年数值：",
                help="用于自动计算“同比上升/下降”。" + OPTIONAL_HELP)


def other_label(path: DataPath) -> Slot:
    return Slot(path, OtherMetric, "label", "数据名称：", help="如：走访企业、法治副校长。")


def other_unit(path: DataPath) -> Slot:
    return Slot(path, OtherMetric, "unit", "单位：", help="如：家、名、场次。" + OPTIONAL_HELP,
                parse=lambda answer: answer or "")
