"""``--from last-year.yaml``: last year's report as suggestions for this year's answers.

Nothing from last year is written into the new file until the user confirms it: the values only
become the defaults the prompts start with (agency, recipients, headings, metrics as previous-year
values), and last year's plans are shown as reminders while entering this year's measures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Union

from ..errors import DataError
from ..load.yaml_file import read_yaml
from ..model.metrics import Metric, OtherMetric
from ..model.paths import DataPath
from ..model.report import Block, Chain, Part, PartKind, Report, Section
from ..text.numbering import sequence_mark
from ..validate import validate_document
from .questions import shift_years


class LastYear:
    """Suggestions drawn from last year's report."""

    def __init__(self, report: Report, path: Union[str, Path] = "") -> None:
        self.report = report
        self.path = str(path)

    @classmethod
    def load(cls, path: Union[str, Path]) -> LastYear:
        """Read and validate last year's file; raises DataError naming it as the --from file."""
        try:
            report = validate_document(read_yaml(path)).report
        except DataError as exc:
            raise DataError(f"上一年度的文件（--from {path}）无法使用：{exc.message}", exc.problems) from None
        return cls(report, path)

    def shifted(self, text: Union[str, None]) -> Union[str, None]:
        """*text* with last year's years moved on by one (2024年度 → 2025年度)."""
        return shift_years(text, self.report.year) if text else text

    def answer(self, path: DataPath) -> Any:
        """A suggestion for one of the fixed questions, or None."""
        agency, document = self.report.agency, self.report.document
        table: dict[DataPath, Any] = {
            ("agency", "name"): agency.name,
            ("agency", "level"): agency.level,
            ("agency", "superior"): agency.superior,
            ("agency", "short_name"): agency.short_name,
            ("year",): self.report.year + 1,
            ("document", "number"): self.shifted(document.number),
            ("document", "signer"): document.signer,
            ("document", "copy_to"): list(document.copy_to) or None,
        }
        return table.get(tuple(path))

    def part_heading(self, kind: PartKind) -> Union[str, None]:
        """Last year's heading of the part of *kind*, years moved on; None when it had none."""
        for part in self.report.parts:
            if part.kind == kind:
                return self.shifted(part.heading)
        return None

    def has_part(self, kind: PartKind) -> bool:
        return any(part.kind == kind for part in self.report.parts)

    def measures_sections(self) -> list[tuple[Union[str, None], list[str]]]:
        """(heading, refs) of the sections directly below last year's measures part."""
        for part in self.report.parts:
            if part.kind == PartKind.measures:
                return [
                    (self.shifted(block.heading), list(block.refs))
                    for block in part.content
                    if isinstance(block, Section)
                ]
        return []

    def metric(self, key: str) -> Union[Metric, None]:
        return getattr(self.report.metrics, key, None)

    def others(self) -> list[OtherMetric]:
        return list(self.report.metrics.others)

    def plans(self) -> list[str]:
        """Last year's plans for this year, as lines to show while entering this year's measures."""
        lines: list[str] = []
        owner: Union[Part, Section]
        for part, trail in self.report.sections():
            if not trail and part.kind == PartKind.plans:
                owner, level = part, 2
            elif len(trail) == 1 and part.kind != PartKind.plans and trail[0].kind == PartKind.plans:
                owner, level = trail[0], 3  # a plans section folded into another part
            else:
                continue
            lines += [owner.heading or ""] + _lines(owner.content, level)
        return [line for line in lines if line]


def _lines(blocks: list[Block], level: int) -> list[str]:
    """Paragraphs, headings and chains of *blocks* as plain lines, headings numbered."""
    lines: list[str] = []
    number = 0
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif isinstance(block, Chain):
            lines += [item.text for item in block.chain]
        elif isinstance(block, Section):
            if block.heading:
                number += 1
                lines.append(sequence_mark(min(level, 4), number) + block.heading)
            lines += _lines(block.content, level + 1)
    return lines
