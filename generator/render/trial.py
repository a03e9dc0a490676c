"""``fzbg template check``'s last step: the template rendered once with a sample report, under the limits of
render/sandbox.py (a custom template renders in the limited worker), so that a template which passes the check
also renders."""

from __future__ import annotations

from typing import Any

# A small report with every kind of content (sections, a chain, figures, a previous year), so that a template
# which passes `fzbg template check` has rendered once, under the same limits, before anyone relies on it.
SAMPLE_REPORT: dict[str, Any] = {
    "year": 2025,
    "agency": {"name": "某某市公安局某某分局", "superior": "某某市公安局"},
    "document": {"number": "某公报字〔2026〕1号", "signer": "张三", "date": "2026-01-15"},
    "opening": "2025年，某某分局全面推进法治公安建设。现将有关情况报告如下：",
    "parts": [
        {"kind": "measures", "heading": "主要举措和成效", "content": [
            {"heading": "坚持党的领导，压实第一责任人职责", "kind": "leader_duty",
             "content": ["分局党委认真履行推进法治建设第一责任人职责，全年召开党委会专题研究法治建设4次。"]},
            {"heading": "严格规范公正文明执法",
             "content": [{"chain": ["全年作出行政处罚决定1200宗。", "开展执法培训12期，培训民警600人次。"]}]},
        ]},
        {"kind": "shortcomings", "heading": "存在的不足和原因", "content": ["执法监督信息化水平仍需提高。"]},
        {"kind": "plans", "heading": "2026年主要安排", "content": [{"chain": ["深入学习贯彻习近平法治思想。"]}]},
    ],
    "closing": "特此报告",
    "metrics": {"penalty_decisions": {"value": 1200, "previous": 1100}, "enforcement_training": 600},
}


def trial_render_problems(template: bytes, name: str) -> list[Any]:
    """Problems of rendering *template* with SAMPLE_REPORT in the limited worker (empty when it renders)."""
    from ..errors import FzbgError, Place, Problem
    from ..model.report import Report
    from .docx import render_docx_bytes

    report = Report.model_validate(SAMPLE_REPORT)
    try:
        render_docx_bytes(report, template=template)
    except FzbgError as exc:
        return [Problem(f"用示例数据试生成失败：{p.message}", Place(name, part=p.place.part or "模板"))
                for p in exc.problems] or [Problem(f"用示例数据试生成失败：{exc.message}", Place(name))]
    return []
