"""A worker's first report made cheap: the checks and the template warmed up while the parent reads the sheet.

A new worker spends its first report importing the check rules and docxtpl, compiling their patterns and
the template, and building its assessor (measured, ``fzbg bulk --jobs 2`` of 200 bureaus: the first
chunk ≈ 60 ms and the first render batch ≈ 40 ms longer than the next ones, in every worker). Those
costs come on top of the parent's reading of the sheet, when the workers have nothing to do yet. So the
pool's first task in each worker (bulk/execute.start_pool) checks and renders a small built-in report to
memory. Nothing is written, and a failure here only means the first real report pays the cost as before.
"""

from __future__ import annotations

WARM_REPORT = """\
year: 2025
agency: {name: 江州市公安局青山分局, superior: 江州市公安局}
document: {number: 江青公报字〔2026〕1号, signer: 王建国, date: 2026-01-15, copy_to: [江州市人民检察院]}
opening: 2025年，青山分局深入贯彻习近平法治思想，全面推进法治公安建设。现将有关情况报告如下：
parts:
  - kind: measures
    heading: 主要举措和成效
    content:
      - heading: 坚持党的领导
        kind: leader_duty
        content: [分局党委书记认真履行推进法治建设第一责任人职责，全年专题研究法治建设4次。]
      - chain: [全年作出行政处罚决定1200宗。, 开展“执法规范化”培训12期。]
  - {kind: shortcomings, heading: 存在的不足和原因, content: [执法监督信息化水平仍需提高。]}
  - {kind: plans, heading: 2026年主要安排, content: [持续提升执法质量。]}
closing: 特此报告
"""


def warm_up() -> None:
    """Check and render WARM_REPORT as this worker's settings would render a bureau (see the module docstring)."""
    from . import worker

    settings = worker._settings
    if settings is None or settings.options is None:
        return
    try:
        from ..load.yaml_file import parse_yaml
        from ..model.vocabulary import Variant
        from ..render.docx import default_template_bytes
        from ..validate import validate_document
        from .assess import assessor_for, load_checker

        assessor_for(settings.options, True)  # BASE read and merged once, as the first assessment would
        report = validate_document(parse_yaml(WARM_REPORT, "warm-up", shipped=True)).report
        variant = Variant(settings.options.variant or Variant.formal)
        load_checker()(report, None, variant)  # as Assessor.assess calls it
        if settings.format != "html" and settings.template == default_template_bytes():
            worker.render_bytes(report, variant, settings.fonts, settings.template, settings.env)
    except Exception:  # noqa: BLE001 - only a warm-up: the real reports say what is wrong
        pass
