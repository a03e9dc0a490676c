"""An :class:`ImportResult` as the YAML file a user opens: the data plus Chinese comments.

The comments say where the file came from, what was normalised, what each part was taken to be, and
which figures were recognised (as commented-out ``metrics`` lines: a suggestion is never data until the
user removes the ``#``).
"""

from __future__ import annotations

from typing import Any

from ..errors import FzbgError
from ..load.yaml_file import parse_yaml
from ..model.metrics import METRIC_CATALOGUE
from ..model.report import PART_KIND_LABELS, Report
from ..text.carry import carried_paths, carry_comment
from ..text.numbering import sequence_mark
from ..validate import validate_document
from ..write.dump import KeyPath, dump_yaml, model_data, scalar
from .build import ImportResult
from .notes import summarise

_KINDS = ("measures 主要举措和成效；shortcomings 存在的不足和原因；leader_duty 第一责任人职责履行情况；"
          "plans 下一年度主要安排；other 其他需要报告的情况")


def report_data(report: Report) -> dict[str, Any]:
    """Plain data of *report* as a user would write it: defaults left out, shorthand where allowed."""
    data = model_data(report)
    for part in data.get("parts", []):
        _simplify_blocks(part.get("content", []))
    metrics = data.get("metrics")
    if isinstance(metrics, dict):
        for key, metric in metrics.items():
            if key in METRIC_CATALOGUE and isinstance(metric, dict):
                label, unit = METRIC_CATALOGUE[key]
                if metric.get("label") == label:
                    del metric["label"]
                if metric.get("unit") == unit:
                    del metric["unit"]
    return data


def _simplify_blocks(blocks: list[Any]) -> None:  # plain data of content blocks
    for block in blocks:
        if isinstance(block, dict) and "chain" in block:
            block["chain"] = [item["text"] if list(item) == ["text"] else item for item in block["chain"]]
        elif isinstance(block, dict):
            _simplify_blocks(block.get("content", []))


def result_yaml(result: ImportResult) -> str:
    """The YAML text of *result*, checked to read back as the same report."""
    report = result.report
    data = report_data(report)
    comments: dict[KeyPath, list[str]] = {}
    number = 0
    for i, part in enumerate(report.parts):
        if part.heading:
            number += 1
            where = f"{sequence_mark(1, number)}{_clip(part.heading)}"
        else:
            where = "无标题的段落"
        comments[("parts", i)] = [f"{where}（{PART_KIND_LABELS[part.kind]}）"]
        if i in result.doubts:
            comments[("parts", i)].append(f"把握不大：{result.doubts[i]}。如不对，请把 kind 改为下列之一")
    comments[("parts",)] = ["各部分。kind 是该部分对应的规定事项：", _KINDS]
    if result.checklist:
        index = next((i for i, p in enumerate(report.parts) if p.kind.value == "measures"), 0)
        if "content" in data["parts"][index]:
            comments[("parts", index, "content")] = _checklist(result)
        else:
            comments[("parts", index)] += _checklist(result)
    if result.draft_from is not None:  # each carried-over text: reported by check until rewritten
        for path, text in carried_paths(data):
            comments.setdefault(path, []).append(carry_comment(text))
    if "metrics" in data:
        comments[("metrics",)] = ["数据：上年数值（previous）取自上一年度报告原文，请核对；value 填写本年数值"]
    text = dump_yaml(data, comments=comments, header=_header(result), footer=_footer(result))
    _check_round_trip(text, report, result.source.name)
    return text


def _header(result: ImportResult) -> list[str]:
    report = result.report
    unit = result.source.unit
    if result.draft_from is not None:
        lines = [f"{report.year}年度报告草稿：由 fzbg import --next-year 根据“{result.source.name}”"
                 f"（{result.draft_from}年度）生成。",
                 "正文仍是上一年度的原文，请逐段改写；成文日期、发文字号已清空。"]
    else:
        lines = [f"报告数据文件：由 fzbg import 从“{result.source.name}”导入（{report.year}年度）。"]
    if result.other_kind:
        lines.append(f"注意：原文看起来是{result.other_kind}，不是法治政府建设年度报告，请确认后再使用。")
    lines += [
        "请核对后使用：fzbg check 本文件；fzbg render 本文件 -o 报告.docx",
        "一、（一）1.（1）、一是、① 等序号由工具自动生成，这里只写序号后面的文字。",
        "",
        "导入时所做的处理（最后的“核对”一项是生成的报告与原文逐字比对的结果）：",
    ]
    lines += ["  " + s for s in summarise([n for n in result.notes if n.kind != "parts"], unit)]
    return lines


def _footer(result: ImportResult) -> list[str]:
    if result.draft_from is not None or not result.suggestions:
        return []
    unit = result.source.unit
    lines = ["识别到的数据（仅供参考，未写入报告）：核对无误后，删去下面各行开头的“# ”即可启用。", "metrics:"]
    for suggestion in result.suggestions:
        value = suggestion.value
        places = "、".join(str(f.line) for f in suggestion.found[:5])
        quote = "；".join(dict.fromkeys(f.excerpt for f in suggestion.found))
        if value is None:
            lines.append(f"  {suggestion.key}:    # {suggestion.label}：原文有多个数值（{quote}），请自行确定")
            continue
        why = f"{suggestion.label}，原文第{places}{unit}：“{_clip(quote)}”"
        if suggestion.unit == METRIC_CATALOGUE[suggestion.key][1]:
            lines.append(f"  {suggestion.key}: {scalar(value)}    # {why}")
        else:
            lines += [f"  {suggestion.key}:    # {why}", f"    value: {scalar(value)}", f"    unit: {suggestion.unit}"]
    return lines


def _checklist(result: ImportResult) -> list[str]:
    lines = [f"上一年度（{result.draft_from}年度）报告中的“下一年度安排”，请逐项写明落实情况："]
    lines += [f"  □ {item}" for item in result.checklist]
    return lines


def _clip(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "……"


def _check_round_trip(text: str, report: Report, name: str) -> None:
    """Guard against a dump bug: the file must read back as the very same report."""
    back = validate_document(parse_yaml(text, name)).report
    if back != report:
        raise FzbgError("内部错误：生成的 YAML 读回后与导入结果不一致，请加 --debug 重新运行并把输出发给维护人员")

