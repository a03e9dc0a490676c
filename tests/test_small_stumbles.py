"""The smaller stumbles of issue 14: the skeleton's order, 抄送/附件 as the wizard writes them."""

from __future__ import annotations

from pathlib import Path

from generator.api import load_report
from generator.model.report import PartKind
from generator.write.skeleton import skeleton_yaml

MINIMAL = (Path(__file__).resolve().parent.parent / "examples" / "minimal.yaml").read_text(encoding="utf-8")


def test_skeleton_follows_the_order_of_the_rules(tmp_path: Path) -> None:
    """Verify fzbg new orders the parts 举措 → 不足 → 第一责任人 → 安排, as the 规定 and the wizard do."""
    path = tmp_path / "s.yaml"
    path.write_text(skeleton_yaml(2025), encoding="utf-8")
    report, _ = load_report(path)
    kinds = [p.kind for p in report.parts]
    assert kinds == [PartKind.measures, PartKind.shortcomings, PartKind.leader_duty, PartKind.plans]


def test_copy_to_and_attachments_in_the_wizard_forms(tmp_path: Path) -> None:
    """Verify copy_to: 甲、乙 is two names and attachments: 无 is none, as the wizard accepts them."""
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.replace("document:\n", "document:\n  copy_to: 江州市人民检察院、江州市司法局\n  attachments: 无\n", 1),
                    encoding="utf-8")
    report, _ = load_report(path)
    assert report.document.copy_to == ["江州市人民检察院", "江州市司法局"]
    assert report.document.attachments == []


def test_help_lists_whole_first_sentences(cli) -> None:
    """Verify `fzbg --help` never cuts a command's summary mid-sentence with "..."."""
    code, out, _ = cli("--help")
    assert code == 0
    listing = out.split("命令：", 1)[1]
    assert "..." not in listing
    for name in ("render", "bulk", "template", "import", "check"):
        assert f"  {name} " in listing
