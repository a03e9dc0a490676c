"""The key figures (``metrics``): which ones, this year's value, last year's value, one-off figures.

A figure picked in the checkbox is stored at once as an empty key (``penalty_decisions:``), which the
model reads as "not reported"; it counts as answered once it has a value.
"""

from __future__ import annotations

from typing import Any

from ..model.metrics import METRIC_CATALOGUE
from . import questions as q
from .questions import Choice, Question
from .session import Session

METRICS = ("metrics",)
OTHERS = ("metrics", "others")


def fill_metrics(s: Session) -> None:
    if not isinstance(s.store.get(METRICS, None), dict):
        s.ui.say("—— 主要数据 ——", "ok")
        choose_metrics(s)
    for key in METRIC_CATALOGUE:
        if s.store.has(METRICS + (key,)):
            fill_metric(s, key)
    fill_others(s)


def choose_metrics(s: Session) -> None:
    """Pick the catalogue figures to report; keys dropped here are removed, new ones added empty."""
    current = s.store.get(METRICS, None)
    current = current if isinstance(current, dict) else {}
    if current or not s.last:
        checked = [key for key in METRIC_CATALOGUE if key in current]
    else:
        checked = [key for key in METRIC_CATALOGUE if s.last.metric(key) is not None]
    answer = s.choose(
        Question(
            "checkbox", "要记录哪些数据？",
            choices=[Choice(f"{label}（{unit}）", key) for key, (label, unit) in METRIC_CATALOGUE.items()],
            default=checked,
            help="这些数据不会写进正文（正文里的数字请在段落中写明），只用于检查正文中的数字、计算同比和批量汇总；勾选的数据会逐项询问本年和上年数值。目录里没有的数据，稍后可以另外添加。",
        )
    )
    added = [key for key in METRIC_CATALOGUE if key in answer and key not in current]
    if not isinstance(s.store.get(METRICS, None), dict):
        s.store.set(METRICS, {key: None for key in added})
        return
    for key in current:  # one key at a time, so comments on the others stay
        if key in METRIC_CATALOGUE and key not in answer:
            s.store.delete(METRICS + (key,))
    for key in added:
        s.store.set(METRICS + (key,), None)


def _as_mapping(stored: Any) -> dict[str, Any]:
    """``key: 10110`` is shorthand for ``key: {value: 10110}``."""
    if isinstance(stored, dict):
        return stored
    return {"value": stored} if stored is not None else {}


def fill_metric(s: Session, key: str, edit: bool = False) -> None:
    label, unit = METRIC_CATALOGUE[key]
    path = METRICS + (key,)
    raw = s.store.get(path, None)
    value_slot = q.metric_value(path + ("value",), label, unit)
    value = _as_mapping(raw).get("value")
    if edit or value is None or value_slot.problem(value):
        value = s.prompt(value_slot, value)
        if value is None:
            s.store.delete(path)  # left blank: not reported
            return
    if isinstance(raw, dict):
        if value != raw.get("value"):
            s.store.set(path + ("value",), value)
    else:  # empty key or the ``key: 10110`` shorthand: make room for the previous-year value
        s.store.set(path, {"value": value_slot.value(value)})
    stored = _as_mapping(s.store.get(path, None))
    previous_slot = q.metric_previous(path + ("previous",), label, unit)
    if edit or "previous" not in stored or previous_slot.problem(stored["previous"]):
        last = s.last.metric(key) if s.last else None
        s.ask(previous_slot, stored.get("previous", last.value if last else None))


def fill_others(s: Session) -> None:
    """One-off figures (``metrics.others``): name, value, unit, last year's value, in a loop."""
    others = s.store.get(OTHERS, None)
    if not isinstance(others, list):
        wanted = s.confirm(
            "还有目录以外的其他数据要列出吗？", bool(s.last and s.last.others()),
            help="如：走访企业（家）、法治副校长（名）。",
        )
        if not wanted:
            s.store.set(OTHERS, [])
            return
        add_other(s)
    elif not others or "others" in s.closed:
        return
    index = 0
    while index < len(s.store.get(OTHERS, [])):
        if fill_other(s, index):
            index += 1  # else the figure was dropped and the next one moved up
    while s.confirm("再添加一项其他数据？", False, help="目录以外的数据可以添加多项。"):
        add_other(s)
    s.closed.add("others")


def add_other(s: Session) -> None:
    taken = {o.get("label") for o in s.store.get(OTHERS, []) if isinstance(o, dict)}
    unused = [o.label for o in (s.last.others() if s.last else []) if o.label not in taken]
    label = s.prompt(q.other_label(OTHERS + (-1, "label")), unused[0] if unused else None)
    s.store.extend(OTHERS, [{"label": label}])
    fill_other(s, len(s.store.get(OTHERS)) - 1)


def fill_other(s: Session, index: int, edit: bool = False) -> bool:
    """Complete one-off figure *index*; False when the user dropped it (no value)."""
    path = OTHERS + (index,)
    stored = s.store.get(path, None)
    if not isinstance(stored, dict):
        return True
    if edit or q.other_label(path).problem(stored.get("label")):
        s.ask(q.other_label(path + ("label",)), stored.get("label"))
    label = str(s.store.get(path + ("label",)))
    last = next((o for o in (s.last.others() if s.last else []) if o.label == label), None)
    unit_slot = q.other_unit(path + ("unit",))
    if edit or "unit" not in stored:
        s.ask(unit_slot, stored.get("unit", last.unit if last else None))
    unit = s.store.get(path + ("unit",), "") or ""
    value_slot = q.metric_value(path + ("value",), label, unit or "无")
    if edit or stored.get("value") is None or value_slot.problem(stored.get("value")):
        value = s.prompt(value_slot, stored.get("value"))
        if value is None:
            s.store.delete(path)  # no value: drop the figure
            return False
        s.store.set(path + ("value",), value)
    previous_slot = q.metric_previous(path + ("previous",), label, unit or "无")
    if edit or "previous" not in stored:
        s.ask(previous_slot, stored.get("previous", last.value if last else None))
    return True
