"""The line model's guess of where the text ends agrees with LibreOffice's layout (render/pagination.py).

``imprint_shares_odd_page`` says, before any conversion, whether a formal report's text ends on an odd page
with room for the 版记 below it: the case in which the even-page step moves the 版记 on (render/imprint.py's
B). Bulk PDFs convert such a report as B alone, so every wrong guess costs a second LibreOffice call. Reports
whose body ends at many places of pages 1 to 5, with the long text first (a short last paragraph travels
with the 署名) and last (a long last paragraph stays, only the 结束语 travels), are converted in one call;
the truth is read from each PDF as the even-page step reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_bulk_imprint import BASE, body

from generator.api import load_report
from generator.model.vocabulary import Variant
from generator.render.context import build_context
from generator.render.docx import render_docx_bytes
from generator.render.imprint import _convert, _shares_last_page
from generator.render.pagination import imprint_shares_odd_page

pytestmark = [pytest.mark.layout, pytest.mark.slow]

FIRST = [224, 640, 1000, 1400, 1800]  # the long text in the first part: the last paragraph is one line
LAST = [224, 419, 614, 874, 1200, 1589, 1784, 1914]  # the long text is the last paragraph


def report_text(family: str, chars: int) -> str:
    text = BASE.replace("{{ 简称 }}", "第1分局").replace("占位分局", "江州市公安局第1分局")
    if family == "first":
        return text.replace("{{ 正文 }}", body(chars))
    return (text.replace("{{ 正文 }}", "开展执法培训。")
            .replace("      - 持续推进执法监督信息化建设。", "      - " + body(chars)))


def test_the_guess_of_a_shared_odd_last_page_matches_libreoffice(tmp_path: Path, soffice: str) -> None:
    cases = {}
    for family, lengths in (("first", FIRST), ("last", LAST)):
        for chars in lengths:
            path = tmp_path / f"{family}{chars}.yaml"
            path.write_text(report_text(family, chars), encoding="utf-8")
            report, _ = load_report(path)
            cases[f"{family}{chars}"] = (report, render_docx_bytes(report))
    read, output = _convert({name: data for name, (_, data) in cases.items()}, tmp_path / "pdf", 600, False)
    assert set(read) == set(cases), output
    seen, wrong = set(), []
    for name, (report, data) in cases.items():
        pages, sizes, _pdf = read[name]
        truth = pages % 2 == 1 and bool(_shares_last_page(data, sizes))
        seen.add((truth, pages))
        if imprint_shares_odd_page(build_context(report, Variant.formal)) != truth:
            wrong.append((name, pages, truth))
    assert not wrong, wrong
    assert {truth for truth, _pages in seen} == {True, False}  # both outcomes occur
    assert len({pages for _truth, pages in seen}) >= 4  # the text ends on several different pages
