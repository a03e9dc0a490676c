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


def test_the_last_paragraph_is_found_where_the_renderer_puts_it() -> None:
    """The last paragraph of a nested section's chain (one per item) and of a multi-line text are measured;
    the count agrees with the renderer's own list of body paragraphs."""
    from generator.render.context import body_paragraphs
    from generator.text.measure import line_count

    long = "春夏秋冬山川河流" * 12
    chained = Report.model_validate({
        "year": 2025, "agency": {"name": "江州市公安局青山分局", "superior": "江州市公安局"},
        "document": {"date": "2026-01-15"}, "closing": "无",
        "parts": [{"kind": "measures", "content": [{"heading": "加强执法监督", "content": [
            {"lead": "主要做法：", "layout": "paragraphs", "chain": [{"text": "短。"}, {"text": long}]}]}]},
                  {"kind": "plans", "content": [{"heading": "下一步", "content": ["第一行。\n" + long]}]}],
    })
    hits = [p for p in run_checks(chained) if p.rule == "D11"]
    expected = line_count(body_paragraphs(chained)[-1].full_text)
    assert hits and f"{expected} 行" in hits[0].message
