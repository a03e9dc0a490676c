"""What a review knows about one submitted file: how it was read, its findings, its figures, its status."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Union

MUST = "必须修改"  # errors of the checker and format faults GB/T 9704 states as a rule
SHOULD = "建议修改"  # warnings: what a reviewer would point out but not send back alone

# 状态 values of the 台账.
READ = "已审查"
RETURN = "退回修改"
PASSED = "通过"
REFUSED = "无法读取"
SKIPPED = "未审查"


@dataclass(frozen=True)
class Finding:
    """One remark for the unit: what is wrong, where (paragraph number and a snippet) and by which rule."""

    level: str  # MUST or SHOULD
    message: str  # Chinese
    basis: str  # 规定 item, GB/T 9704 clause, 条例 article, GB/T 15834/15835 rule
    paragraph: Union[int, None] = None  # 1-based paragraph of the submitted document (body and tables, in order)
    snippet: str = ""
    topic: str = ""  # the name of a format fault as a reviewer says it: 页边距, 字号, 页码 …
    rule: str = ""  # the checker rule, or "FMT-…" for the format inspection
    line: Union[int, None] = None  # the line of a text or YAML file, when there are no paragraphs

    @property
    def place(self) -> str:
        """第N段（“snippet”）, or 全文 for a finding about the whole document."""
        if self.paragraph is None:
            return f"第{self.line}行" if self.line else "全文"
        return f"第{self.paragraph}段" + (f"（“{self.snippet}”）" if self.snippet else "")


@dataclass
class Submission:
    """One file of the folder under review."""

    path: Path  # the submitted file, never written to
    kind: str  # docx, doc, wps, txt, yaml, other
    status: str = READ
    reason: str = ""  # why it could not be read, and what to do
    unit: str = ""  # the sending unit (from the report, else from the file name)
    date: str = ""  # 成文日期 as written, "" when not found
    received: str = ""  # the file's modification time, YYYY-MM-DD HH:MM
    on_time: str = ""  # 是 / 否（逾期N天） / 未知
    year: Union[int, None] = None
    variant: str = ""  # formal / public, as the importer judged it
    docx: Union[Path, None] = None  # the .docx read (the file itself, or LibreOffice's conversion of a .doc/.wps)
    paragraphs: list[str] = field(default_factory=list)  # the text read, for the similarity comparison
    names: list[str] = field(default_factory=list)  # the unit's own names, left out when comparing texts
    findings: list[Finding] = field(default_factory=list)
    missing_items: list[int] = field(default_factory=list)  # the 规定's five items not found (1–4 required)
    figures: dict[str, Decimal] = field(default_factory=dict)  # catalogue metric id → value found in the text
    similar_unit: str = ""  # the unit whose report shares most sentences with this one
    similar_share: float = 0.0
    last_year_share: Union[float, None] = None  # shared with its own last year's report (--last-year)
    measured: Union[tuple[Union[int, None], Union[int, None]], None] = None  # (lines, chars) by LibreOffice

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def readable(self) -> bool:
        return self.status not in (REFUSED, SKIPPED)

    def count(self, level: str) -> int:
        return sum(1 for f in self.findings if f.level == level)
