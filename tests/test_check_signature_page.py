"""D11: a report without 结束语 whose last paragraph is long is warned that the 署名 page may lack 正文."""

from __future__ import annotations

import pytest

from generator.check import run_checks
from generator.model.report import Report


def report(last: str, closing: str) -> Report:
    return Report.model_validate({
        "year": 2025, "agency": {"name": "江州市公安局青山分局", "superior": "江州市公安局"},
        "document": {"date": "2026-01-15"}, "closing": closing,
        "parts": [{"kind": "measures", "content": ["全年办理案件。", last]}],
    })


@pytest.mark.parametrize(("last", "closing", "warned"), [
    ("春夏秋冬山川河流" * 12, "无", True),  # 96 characters: four lines, chained whole
    ("春夏秋冬山川河流" * 12, "特此报告", False),  # the 结束语 carries 正文 onto the 署名 page
    ("春夏秋冬山川河流" * 6, "无", False),  # two lines travel along
])
def test_no_closing_before_a_long_last_paragraph_is_warned(last: str, closing: str, warned: bool) -> None:
    hits = [p for p in run_checks(report(last, closing)) if p.rule == "D11"]
    assert bool(hits) is warned, hits
    if warned:
        assert "4 行" in hits[0].message and "closing: 特此报告" in hits[0].message
        assert hits[0].path == ("closing",)
