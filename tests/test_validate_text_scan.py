"""The located walks for control characters and lone surrogates run only when a scan of all text finds one."""

from __future__ import annotations

from typing import Any

from generator.validate import Unlocated
from generator.validate.messages import all_text, control_char_warnings, surrogate_problems

DATA: dict[str, Any] = {
    "agency": {"name": "江州市公安局", "short_name": "青山分局"},
    "sections": [{"title": "一、工作", "items": [{"text": "正文", "refs": [1, 2.5, None, True]}]}],
}


def test_all_text_holds_every_string_and_key() -> None:
    text = all_text(DATA).split("\n")
    assert sorted(text) == sorted(["agency", "name", "江州市公安局", "short_name", "青山分局", "sections", "title",
                                   "一、工作", "items", "text", "正文", "refs"])


def test_nothing_found_in_clean_data() -> None:
    assert control_char_warnings(DATA, Unlocated("r.yaml")) == []
    assert surrogate_problems(DATA, Unlocated("r.yaml")) == []


def test_deep_value_and_key_still_found_with_their_paths() -> None:
    data: dict[str, Any] = {"sections": [{"items": [{"text": "正文\x01"}, {"text": "坏\ud800字"}]}], "x\udc00": "y"}
    text = all_text(data)
    warnings = control_char_warnings(data, Unlocated("r.yaml"), text)
    assert [w.path for w in warnings] == [("sections", 0, "items", 0, "text")]
    broken = surrogate_problems(data, Unlocated("r.yaml"), text)
    assert sorted(str(p.path) for p in broken) == sorted([str(("sections", 0, "items", 1, "text")), str(("x\udc00",))])
    assert all("\\ud800" in p.message or "\\udc00" in p.message for p in broken)
