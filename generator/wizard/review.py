"""The review screen: a summary, the check results, then change an answer, render now, or quit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Union

from ..display import problem_text
from ..errors import DataError, FzbgError
from ..load.yaml_file import read_yaml
from ..model.metrics import METRIC_CATALOGUE
from ..model.report import PART_KIND_LABELS, Document, PartKind, Report
from ..model.vocabulary import Variant
from ..text.clean import TODO_MARKER, format_date
from ..text.numbering import sequence_mark
from ..validate import validate_document
from . import questions as q
from .figures import add_other, choose_metrics, fill_metric, fill_other
from .findings import grouped_lines
from .flow import ask_level, run_flow
from .parts import ORDER, add_part, box_title, boxes_of, covered, edit_box, edit_sections, items_of, part_index
from .questions import Choice, Question
from .session import Session

EDIT, RENDER, QUIT, BACK, FIX = "edit", "render", "quit", "__back__", "fix"
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
MAX_FINDINGS = 6  # the rest is one `fzbg check` away; the menu must stay on screen

Action = Callable[[], Any]


def review(s: Session) -> None:
    """Loop over the review screen until the user quits."""
    while True:
        show_summary(s)
        report = show_checks(s)
        choices = [Choice("修改某一项回答", EDIT), Choice("生成公文（.docx）", RENDER), Choice("保存并退出", QUIT)]
        fixable = _fixable(s) if report else 0
        if fixable:
            choices.insert(0, Choice(f"自动修正 {fixable} 处（半角标点、文号括号、全角数字等）", FIX))
        action = s.choose(
            Question(
                "select", "下一步：", default=FIX if fixable else RENDER if report else EDIT,
                help=f"所有回答都已保存在 {s.store.path.name}；生成公文后仍可回来修改、重新生成。",
                choices=choices,
            )
        )
        if action == QUIT:
            return
        if action == FIX:
            _fix(s)
        elif action == RENDER:
            render_now(s)
        else:
            edit_menu(s)
            run_flow(s)  # asks whatever the change left unanswered (a new subsection, a new figure)


# -- summary and checks --------------------------------------------------------------------------


def _text(value: Any, empty: str = "（未填）") -> str:
    shown = q.show_text(value)
    return shown if shown else empty


def _date(value: Any) -> str:
    ok, date = q.model_check(Document, "date", value)
    return format_date(date) if ok and date else _text(value)


def count_todo(value: Any) -> int:
    """How many places still carry the TODO marker."""
    if isinstance(value, dict):
        return sum(count_todo(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_todo(v) for v in value)
    return str(value).count(TODO_MARKER) if isinstance(value, str) else 0


def show_summary(s: Session) -> None:
    say, get = s.ui.say, s.store.get
    say("══════════ 填写情况 ══════════", "ok")
    say(f"发文机关：{_text(get(('agency', 'name'), None))}（简称：{_text(get(('agency', 'short_name'), None), '无')}）")
    say(f"主送机关：{_text(get(('agency', 'superior'), None))}    报告年度：{_text(get(('year',), None))}")
    say(
        f"发文字号：{_text(get(('document', 'number'), None))}    签发人：{_text(get(('document', 'signer'), None))}"
        f"    成文日期：{_date(get(('document', 'date'), None))}"
    )
    opening = get(("opening",), None)
    say(f"开头段落：{q.shorten(q.show_lines(opening).replace(chr(10), ' '), 40) if opening else '（未填）'}")
    number = 0
    for kind in (k for k in ORDER if part_index(s, k) is not None):
        heading = s.store.get(("parts", part_index(s, kind), "heading"), None)
        number += bool(heading)  # unheaded parts are not numbered, as in the document
        say(f"{sequence_mark(1, number)}{heading}" if heading else _part_heading(s, kind))
        for n, box in enumerate(boxes_of(s, kind), 1):
            items = items_of(s, box)
            state = "待填写" if count_todo(items) else f"{len(items)} 段"
            if box.section is not None:
                say(f"    {sequence_mark(2, n)}{q.shorten(box_title(s, box), 30)}：{state}")
            else:
                say(f"    内容：{state}")
    figures = [f"{label} {_text(get(('metrics', k, 'value'), get(('metrics', k), None)))}{unit}"
               for k, (label, unit) in METRIC_CATALOGUE.items() if s.store.has(("metrics", k))]
    figures += [f"{o.get('label')} {_text(o.get('value'))}{o.get('unit') or ''}"
                for o in get(("metrics", "others"), None) or [] if isinstance(o, dict)]
    say(f"主要数据：{'；'.join(figures) if figures else '（无）'}")
    todo = count_todo(s.data)
    if todo:
        say(f"还有 {todo} 处“{TODO_MARKER}”需要补写：可在这里“修改”，也可以直接修改 {s.store.path.name}。", "note")


def _part_heading(s: Session, kind: PartKind) -> str:
    heading = s.store.get(("parts", part_index(s, kind), "heading"), None)
    return heading or f"（无标题：{PART_KIND_LABELS[kind]}）"


def show_checks(s: Session) -> Union[Report, None]:
    """Validate the file as `fzbg check` does, then run the compliance checks; the report if valid."""
    say = s.ui.say
    try:
        validated = validate_document(read_yaml(s.store.path))
    except DataError as exc:
        say(f"数据校验：有 {len(exc.problems)} 个问题，改好后才能生成公文：", "error")
        for problem in exc.problems:
            say(f"  {problem_text(problem)}", "error")
        return None
    report, warnings = validated.report, validated.warnings
    say("数据校验：通过。", "ok")
    for problem in warnings:
        say(f"  警告：{problem_text(problem)}", "note")
    from ..check import run_checks

    try:
        findings = run_checks(report, doc=read_yaml(s.store.path), variant=report.variant)
    except FzbgError as exc:
        say(f"公文规范检查未能完成：{exc.message}", "note")
        return report
    say(f"公文规范检查：{len(findings)} 条意见。" if findings else "公文规范检查：未发现问题。", "note" if findings else "ok")
    findings = sorted(findings, key=lambda f: f.severity != "error")  # errors first; stable otherwise
    lines, left = grouped_lines(findings, s.data, MAX_FINDINGS)
    for text, style in lines:
        say(text, style)
    if left:
        say(f"  ……另有 {left} 条，运行 fzbg check {s.store.path.name} 可看全部。", "note")
    return report


# -- changing an answer --------------------------------------------------------------------------


def edit_menu(s: Session) -> None:
    """Pick a group, then one answer in it, and ask it again with the current answer as default."""
    groups: list[tuple[str, Callable[[], list[tuple[str, Action]]]]] = [
        ("发文机关", lambda: agency_edits(s)),
        ("年度和公文信息", lambda: document_edits(s)),
        ("开头段落", lambda: [("开头段落", lambda: s.ask(q.opening(), s.store.get(("opening",), None)))]),
    ]
    for kind in ORDER:
        if part_index(s, kind) is not None:
            groups.append((q.shorten(_part_heading(s, kind), 30), partial(part_edits, s, kind)))
        elif not covered(s, kind):
            groups.append((f"添加：{PART_KIND_LABELS[kind]}", partial(_add_part_edits, s, kind)))
    groups.append(("主要数据", lambda: metric_edits(s)))
    choices = [Choice(title, i) for i, (title, _) in enumerate(groups)] + [Choice("返回", BACK)]
    group = s.choose(Question("select", "修改哪一部分？", choices=choices, default=0,
                              help="改完后会回到这个检查页面；新增的小标题、数据会接着提问。"))
    if group == BACK:
        return
    entries = groups[group][1]()
    if len(entries) == 1:
        entries[0][1]()
        return
    choices = [Choice(title, i) for i, (title, _) in enumerate(entries)] + [Choice("返回", BACK)]
    entry = s.choose(Question("select", "修改哪一项？", choices=choices, default=0, help="原来的回答会作为默认值显示。"))
    if entry != BACK:
        entries[entry][1]()


def _slot_edit(s: Session, slot: q.Slot) -> tuple[str, Action]:
    current = s.store.get(slot.path, None)
    return f"{slot.message}{q.shorten(_text(current), 30)}", lambda: s.ask(slot, current)


def agency_edits(s: Session) -> list[tuple[str, Action]]:
    level = s.store.get(("agency", "level"), None)
    return [
        _slot_edit(s, q.agency_name()),
        (f"机关层级：{_text(level)}", lambda: ask_level(s, level)),
        _slot_edit(s, q.agency_superior()),
        _slot_edit(s, q.agency_short_name()),
    ]


def document_edits(s: Session) -> list[tuple[str, Action]]:
    slots = [q.report_year(), q.document_number(), q.document_signer(), q.document_date(s.year), q.document_copy_to()]
    return [_slot_edit(s, slot) for slot in slots]


def part_edits(s: Session, kind: PartKind) -> list[tuple[str, Action]]:
    index = part_index(s, kind)
    entries = [_slot_edit(s, q.part_heading(("parts", index, "heading"), PART_KIND_LABELS[kind]))]
    if kind is PartKind.measures:
        entries.append(("重新选择小标题（增加或删除）", lambda: edit_sections(s)))
    for n, box in enumerate(boxes_of(s, kind), 1):
        if box.section is not None:
            mark = sequence_mark(2, n)
            entries.append(_slot_edit(s, q.section_heading(("parts", index, "content", box.section, "heading"))))
            entries[-1] = (f"{mark}{entries[-1][0]}", entries[-1][1])
            entries.append((f"{mark}{q.shorten(box_title(s, box), 20)} 的内容", partial(edit_box, s, box)))
        else:
            entries.append(("内容", partial(edit_box, s, box)))
    if kind is PartKind.other:
        entries.append(("删除这一部分", lambda: _delete_other(s)))
    return entries


def _add_part_edits(s: Session, kind: PartKind) -> list[tuple[str, Action]]:
    return [("添加这一部分", lambda: add_part(s, kind))]


def _delete_other(s: Session) -> None:
    if s.confirm("删除“其他需要报告的情况”这一部分及其内容？", False):
        s.store.delete(("parts", part_index(s, PartKind.other)))
        s.closed.add(PartKind.other)


def metric_edits(s: Session) -> list[tuple[str, Action]]:
    get = s.store.get
    entries: list[tuple[str, Action]] = [("重新选择要列出的数据", lambda: choose_metrics(s))]
    for key, (label, unit) in METRIC_CATALOGUE.items():
        if s.store.has(("metrics", key)):
            value = get(("metrics", key, "value"), get(("metrics", key), None))
            entries.append((f"{label}：{_text(value)} {unit}", partial(fill_metric, s, key, edit=True)))
    for index, other in enumerate(get(("metrics", "others"), None) or []):
        if isinstance(other, dict):
            title = f"{other.get('label')}：{_text(other.get('value'))} {other.get('unit') or ''}"
            entries.append((title, partial(fill_other, s, index, edit=True)))
    entries.append(("添加一项其他数据", lambda: add_other(s)))
    return entries


# -- rendering -----------------------------------------------------------------------------------


def render_now(s: Session) -> None:
    """Render the file to .docx with the variant and fonts the user picks."""
    say = s.ui.say
    try:
        report = validate_document(read_yaml(s.store.path)).report
    except DataError as exc:
        say("数据还有问题，改好后才能生成公文：", "error")
        for problem in exc.problems:
            say(f"  {problem_text(problem)}", "error")
        return
    from ..render.docx import render_to_file

    variant = s.choose(Question("select", "生成哪个版本？", default=report.variant, help="上报上级机关用正式版；在网站公开用公开版。", choices=[
        Choice("正式上报版（含发文机关标志、发文字号、签发人、版记）", "formal"),
        Choice("网站公开版（不含发文字号、签发人等）", "public"),
    ]))
    fonts = s.choose(Question("select", "使用哪套字体？", default="gb2312", help="电脑上没有 GB2312 字体时选 Windows 自带字体。", choices=[
        Choice("公文标准字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）", "gb2312"),
        Choice("Windows 自带字体（仿宋、楷体、宋体）", "windows"),
    ]))
    draft = _draft_wanted(s, report, variant)
    if draft is None:
        return
    path = s.store.path
    suggested = path.with_name(path.stem + ("" if variant == "formal" else "（公开版）") + ".docx")
    target = Path(s.choose(Question("text", "保存为：", default=str(suggested), validate=_docx_name,
                                    help="公文文件（.docx）的保存位置，可用 WPS 或 Word 打开。")).strip())
    force = target.exists()
    if force and not s.confirm(f"{target} 已存在，覆盖它吗？", False):
        return
    try:
        if draft:
            from ..render.docx import render_settled_docx
            from ..render.draft_mark import mark_docx
            from ..write.atomic import check_output_path, write_bytes_atomic

            check_output_path(target, force)
            data, _ = render_settled_docx(report, variant=Variant(variant), fonts=fonts)
            write_bytes_atomic(target, mark_docx(data), force=force)
        else:
            render_to_file(report, target, variant=variant, fonts=fonts, force=force)
    except FzbgError as exc:
        say(f"生成失败：{exc.message}", "error")
        for problem in exc.problems:
            say(f"  {problem_text(problem)}", "error")
        return
    say(f"已生成 {target}（草稿，每页标注“草稿”）" if draft else f"已生成 {target}", "note" if draft else "ok")


def _fixable(s: Session) -> int:
    """How many safe fixes ``fzbg check --fix`` would make to the answers file."""
    from ..check.fix import fix_text

    try:
        return fix_text(s.store.path.read_text(encoding="utf-8"), str(s.store.path)).edits
    except (FzbgError, OSError, UnicodeDecodeError):
        return 0


def _fix(s: Session) -> None:
    """Apply the safe fixes to the answers file, as ``fzbg check --fix`` does, and read it again."""
    from ..check.fix import fix_file

    try:
        result = fix_file(s.store.path)
    except FzbgError as exc:
        s.ui.say(f"自动修正未完成：{exc.message}", "error")
        return
    s.store.reload()
    s.ui.say(f"已自动修正 {result.edits} 处，并保存到 {s.store.path.name}。", "ok")


def _draft_wanted(s: Session, report: Report, variant: str) -> Union[bool, None]:
    """False: no check errors, write the document; True: errors, the user wants a draft; None: do not write."""
    from ..check import run_checks

    try:
        found = run_checks(report, doc=read_yaml(s.store.path), variant=Variant(variant))
        errors = [f for f in found if f.is_error]
    except FzbgError:
        return False
    if not errors:
        return False
    s.ui.say(f"按{'正式上报版' if variant == 'formal' else '公开版'}检查，还有 {len(errors)} 个错误，"
             "不能作为正式文件生成：", "error")
    for text, style in grouped_lines(errors, s.data, MAX_FINDINGS)[0]:
        s.ui.say(text, style)
    if s.confirm("仍然生成一份草稿吗？（每页页眉标注“草稿”，不得作为正式文件报送）", False):
        return True
    return None


def _docx_name(answer: str) -> Union[bool, str]:
    return True if answer.strip().lower().endswith(".docx") else "文件名应以 .docx 结尾，如 报告.docx"
