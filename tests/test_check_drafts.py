"""C-SAMPLE (generator/check/drafts.py): the skeleton's and the examples' sample values are errors, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_file

GOOD = Path(__file__).resolve().parent / "data" / "check" / "good.yaml"


def planted(tmp_path: Path, old: str, new: str) -> list:
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "r.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [f for f in check_file(path).findings if f.rule == "C-SAMPLE"]


def test_the_good_file_has_none(tmp_path: Path) -> None:
    assert [f for f in check_file(GOOD).findings if f.is_error] == []


@pytest.mark.parametrize(
    ("old", "new", "word"),
    [
        ("name: 江州市公安局青山分局", "name: 某某市公安局某某分局", "某某"),
        ("number: 江青公报字〔2025〕3号", "number: 某公报字〔2025〕3号", "某公报字〔2025〕3号"),
        ("signer: 李建华", "signer: 张三", "张三"),
        ("全面推进法治公安建设。", "全年作出行政处罚决定××宗。", "××"),
        ("全面推进法治公安建设。", "全年办理案件【待补充】宗。", "【待补充】"),
    ],
)
def test_sample_values_are_located_errors(tmp_path: Path, old: str, new: str, word: str) -> None:
    """Verify each sample value is one error at its line and column, quoting it."""
    [finding] = planted(tmp_path, old, new)
    assert finding.severity == "error" and word in finding.snippet
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert text[finding.column - 1:].startswith(word[:2])


def test_skeleton_without_markers_is_not_clean(tmp_path: Path, cli) -> None:
    """Verify removing only 【待填写】 from fzbg new's skeleton still leaves errors (the issue's case 2)."""
    skeleton = tmp_path / "s.yaml"
    assert cli("new", "-o", skeleton).code == 0
    skeleton.write_text(skeleton.read_text(encoding="utf-8").replace("【待填写】", ""), encoding="utf-8")
    found = [f for f in check_file(skeleton).findings if f.rule == "C-SAMPLE"]
    fields = {".".join(map(str, f.path)) for f in found}
    assert {"agency.name", "agency.superior", "document.number", "document.signer", "opening"} <= fields
    assert any("××" in f.snippet for f in found)
    assert cli("render", skeleton, "-o", tmp_path / "s.docx").code == 1
