"""E-COPY: sentences reused from last year's report (``fzbg check --last-year FILE``).

Evaluators mark down a report copied from last year. The comparison is generator/text/similarity.py's,
sentence by sentence with the units' names and the figures taken out (``fzbg review`` uses the same code
between units). Each reused sentence is a note at its place; a share of reused sentences above
``max_reused_share`` (generator/check/data/evaluator.yaml) is a warning that lists them.
Last year's report may be a fzbg YAML file, a Word document (.docx) or a text copied from the website (.txt).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..model.report import Report
from .base import INFO, WARNING, Hit
from .context import text_fields
from .ruledata import number
from .units import value

if TYPE_CHECKING:
    from .context import Context

_ROLES = ("opening", "heading", "paragraph", "lead", "chain_item")
_LISTED = 10  # reused sentences quoted in the warning; the notes place every one


@dataclass(frozen=True)
class Earlier:
    """Another report, as the comparison needs it: its name and the fingerprints of its sentences."""

    name: str
    paragraphs: tuple[str, ...]
    names: tuple[str, ...] = ()  # the other unit's names, taken out before comparing


def report_paragraphs(report: Report) -> list[str]:
    return [field.text for field in text_fields(report) if field.role in _ROLES]


def agency_names(report: Report) -> tuple[str, ...]:
    return tuple(n for n in (report.agency.name, report.agency.short_name) if n)


def load_earlier(path: Union[str, Path]) -> Earlier:
    """Read last year's report from a fzbg YAML file, a .docx or a .txt. Raises DataError when it cannot."""
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        from ..load.yaml_file import read_yaml
        from ..validate import validate_document

        report = validate_document(read_yaml(path)).report
        return Earlier(str(path), tuple(report_paragraphs(report)), agency_names(report))
    from ..importer.sources import read_source  # .docx and text: the importer's checked reading

    source = read_source(path)
    return Earlier(str(path), tuple(line.text for line in source.lines if line.text.strip()))


def check(ctx: Context) -> list[Hit]:
    earlier = ctx.last_year
    if earlier is None:
        return []
    from ..text.similarity import fingerprints, normalise, split_sentences  # only with --last-year (issue 20)

    names = agency_names(ctx.report) + earlier.names
    other = fingerprints(earlier.paragraphs, names)
    notes: list[Hit] = []
    counted = 0
    for field in text_fields(ctx.report):
        if field.role not in _ROLES:
            continue
        text = value(ctx, field.path, field.text)
        at = 0
        for sentence in split_sentences(text):
            start = text.find(sentence, at)
            at = start + len(sentence) if start >= 0 else at
            key = normalise(sentence, names)
            if len(key) < 12:
                continue
            counted += 1
            if key in other:
                notes.append(Hit("E-COPY", INFO, f"这句与上年报告（{Path(earlier.name).name}）相同（不计单位名称和数字）",
                                 start if start >= 0 else None, at if start >= 0 else None, path=field.path))
    share = len(notes) / counted if counted else 0.0
    limit = number("evaluator", "max_reused_share")
    if share <= limit:
        return notes
    quoted = "；".join(f"“{_sentence(h, ctx)}”" for h in notes[:_LISTED])
    more = f"等{len(notes)}句" if len(notes) > _LISTED else ""
    summary = Hit("E-COPY", WARNING, f"与上年报告相同的句子占{share:.0%}（{len(notes)}/{counted}句），超过{limit:.0%}："
                  f"评估时照搬上年会扣分，请按本年度情况改写。相同的句子：{quoted}{more}", path=("parts",))
    return [summary, *notes]


def _sentence(hit: Hit, ctx: Context) -> str:
    text, _, _ = ctx.value(hit.path)
    piece = text[hit.start:hit.end] if (text and hit.start is not None) else ""
    return piece if len(piece) <= 30 else piece[:30] + "…"
