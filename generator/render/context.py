"""Step 4 of the pipeline: a :class:`Report` becomes the flat context a template loops over.

All numbering (一、（一）1.（1）, 一是…, ①…) is generated here, so inserting an item renumbers the rest.
The template only decides how each paragraph role looks.
"""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict

from ..model.report import Chain, Closing, Part, Report, Section
from ..model.vocabulary import Variant
from ..text.clean import format_date
from ..text.numbering import chain_texts, sequence_mark
from ..text.titles import split_title
from .pagination import imprint_padding

VARIANTS: tuple[Variant, ...] = tuple(Variant)


class Paragraph(BaseModel):
    """One body paragraph. ``head`` is a numbered heading (standalone or run-in), ``text`` the rest."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["body", "heading", "runin"]
    level: int = 0  # 1–4 for headings, 0 for plain text
    head: str = ""
    text: str = ""

    @property
    def full_text(self) -> str:
        return self.head + self.text


class Imprint(BaseModel):
    """版记: 抄送 and 印发 lines."""

    copy_to: str = ""
    printed_by: str = ""
    printed_date: str = ""


class RenderContext(BaseModel):
    """Everything a template sees. Documented for custom templates (``fzbg template`` lists it)."""

    variant: Variant
    formal: bool
    agency_mark: str  # 发文机关标志
    doc_number: str  # 发文字号
    signer: str  # 签发人 name
    title_lines: list[str]
    recipient: str  # 主送机关 with its colon, "" when absent
    opening: list[str]
    paragraphs: list[Paragraph]
    closing: str  # 特此报告。 or ""
    attachments: list[str]  # 附件说明 lines, first one starting with 附件：
    signature_name: str  # 落款 署名, "" when no 落款
    signature_date: str  # 成文日期 as 2025年1月8日, "" when absent
    sealed: bool = False  # 加盖印章的落款 (7.3.5.1): formal version with document.seal
    imprint: Union[Imprint, None]  # None: no 版记
    imprint_padding: int = 0  # blank grid lines before the 版记 (see pagination.py)
    year: int
    title: str


def build_context(report: Report, variant: Variant = Variant.formal) -> RenderContext:
    """Return the render context of *report* in *variant* (formal 正式上报版, public 公开版)."""
    variant = Variant(variant)
    formal = variant is Variant.formal
    doc = report.document
    date_text = format_date(doc.date) if doc.date else ""
    show_signature = doc.signature
    recipient = ""
    if formal and report.agency.superior:
        recipient = report.agency.superior.rstrip("：:") + "："
    context = RenderContext(
        variant=variant,
        formal=formal,
        agency_mark=report.agency.mark or report.agency.name,
        doc_number=doc.number or "",
        signer=doc.signer or "",
        title_lines=split_title(report.full_title),
        recipient=recipient,
        opening=[line for text in report.opening for line in _lines(text)],
        paragraphs=body_paragraphs(report),
        closing="" if report.closing == Closing.none else report.closing.value + "。",
        attachments=attachment_lines(doc.attachments),
        signature_name=(doc.signature_name or report.agency.name) if show_signature else "",
        signature_date=date_text if show_signature else "",
        sealed=formal and show_signature and doc.seal,
        imprint=_imprint(report, date_text) if formal else None,
        year=report.year,
        title=report.full_title,
    )
    context.imprint_padding = imprint_padding(context)
    return context


def body_paragraphs(report: Report) -> list[Paragraph]:
    """The numbered body from the parts, in document order."""
    out: list[Paragraph] = []
    number = 0
    for part in report.parts:
        if part.heading:
            number += 1
        out += _section(part, 1, number)
    return out


def _section(node: Union[Part, Section], level: int, number: int) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    if node.heading:
        head = sequence_mark(level, number) + node.heading
        paragraphs.append(Paragraph(kind="runin" if node.run_in else "heading", level=level, head=head))
        child_level = level + 1
    else:
        child_level = level if isinstance(node, Section) else level + 1  # unheaded: no level of its own
    counters: dict[int, int] = {}
    for block in node.content:
        if isinstance(block, Section):
            sub_level = block.level or child_level
            if block.heading:
                counters[sub_level] = counters.get(sub_level, 0) + 1
            paragraphs += _section(block, sub_level, counters.get(sub_level, 0))
        elif isinstance(block, Chain):
            paragraphs += [Paragraph(kind="body", text=t) for t in chain_texts(block)]
        else:
            paragraphs += [Paragraph(kind="body", text=t) for t in _lines(block)]
    # A run-in heading shares its paragraph with the text that follows it.
    if node.heading and node.run_in and len(paragraphs) > 1 and paragraphs[1].kind == "body":
        first, second = paragraphs[0], paragraphs[1]
        paragraphs[0:2] = [Paragraph(kind="runin", level=first.level, head=first.head, text=second.text)]
    return paragraphs


def attachment_lines(names: list[str]) -> list[str]:
    """附件说明: 附件：name, or 附件：1.name / 2.name for several (GB/T 9704 7.3.4)."""
    names = [n.rstrip("。.；;，,") for n in names]
    if not names:
        return []
    if len(names) == 1:
        return ["附件：" + names[0]]
    return ["附件：1." + names[0]] + [f"{i}.{n}" for i, n in enumerate(names[1:], start=2)]


def _imprint(report: Report, date_text: str) -> Union[Imprint, None]:
    doc = report.document
    printed_date = format_date(doc.printed_date) if doc.printed_date else date_text
    if not (doc.copy_to or doc.printed_by or printed_date):
        return None
    copy_to = ""
    if doc.copy_to:
        copy_to = "抄送：" + "，".join(n.rstrip("，,。") for n in doc.copy_to) + "。"
    return Imprint(
        copy_to=copy_to,
        printed_by=doc.printed_by or report.agency.name,
        printed_date=printed_date + "印发" if printed_date else "",
    )


def _lines(text: str) -> list[str]:
    """A text with line breaks is several paragraphs: Chinese prose has no soft wraps."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def document_lines(ctx: RenderContext) -> list[str]:
    """The text of a rendered document, one entry per paragraph, in order (for tests and HTML)."""
    lines: list[str] = []
    if ctx.formal:
        lines.append(ctx.agency_mark)
        number_line = ctx.doc_number
        if ctx.signer:
            number_line += "\t签发人：" + ctx.signer  # the template's tab aligns 签发人 right, even alone
        if number_line:
            lines.append(number_line)
    lines += ctx.title_lines
    if ctx.recipient:
        lines.append(ctx.recipient)
    lines += ctx.opening
    lines += [p.full_text for p in ctx.paragraphs]
    if ctx.closing:
        lines.append(ctx.closing)
    lines += ctx.attachments
    if ctx.signature_name:
        lines.append(ctx.signature_name)
    if ctx.signature_date:
        lines.append(ctx.signature_date)
    if ctx.imprint:
        if ctx.imprint.copy_to:
            lines.append(ctx.imprint.copy_to)
        lines.append(ctx.imprint.printed_by + ("\t" + ctx.imprint.printed_date if ctx.imprint.printed_date else ""))
    return lines
