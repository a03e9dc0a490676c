"""Round trips on the three real reports: import (from .txt and from .docx), render, compare with the seed.

The measure (:func:`fidelity`) is independent of the importer's own normaliser: both sides go through
the same small canonical form (web residue lines dropped, white space removed, half-width punctuation
mapped to full width), then difflib counts the seed's characters found again in order. An import must
give back at least 99.5% of them, and may add nothing the seed does not contain (generated structure
such as the 发文机关标志 printed in another place is fine; invented text is not).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared import seed_path

from generator.api import import_report, load_report
from generator.importer import result_yaml
from generator.load.yaml_file import parse_yaml
from generator.model.report import PartKind, Report
from generator.model.vocabulary import Variant
from generator.render.context import build_context, document_lines
from generator.validate import validate_document

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# seed file, the variant it was published as, the example YAML that reproduces it (if present)
CASES = {
    "haizhu": ("000_c66680a5a87105e9.txt", "public", "seed-haizhu-2024.yaml"),
    "zhongshan": ("002_1bfe5519550173db.txt", "public", "seed-zhongshan-2025.yaml"),
    "meixian": ("004_a40316cc724f519a.txt", "formal", "seed-meixian-2024.yaml"),
}
MIN_RATIO = 0.995

# --- the fidelity measure -------------------------------------------------------------------------

_RESIDUE = re.compile(r"^(关闭|打印|信息来源.*|发布日期.*|.*公网安备.*)$")
_CANON = str.maketrans(",()::;?!", "，（）：：；？！")


@dataclass
class Fidelity:
    ratio: float  # seed characters matched in order / seed characters
    seed_chars: int
    matched: int
    invented: list[str]  # rendered runs that occur nowhere in the seed

    def __str__(self) -> str:
        return f"{self.matched}/{self.seed_chars} = {self.ratio:.4%}, invented {self.invented[:5]}"


def canonical(text: str) -> str:
    """White space removed, half-width punctuation as full width (both sides alike)."""
    return re.sub(r"\s+", "", text).translate(_CANON)


def seed_characters(seed_text: str) -> str:
    lines = [line.strip(" \u3000\t") for line in seed_text.splitlines()]
    return canonical("".join(line for line in lines if not _RESIDUE.match(line)))


def fidelity(seed_text: str, report: Report, variant: str) -> Fidelity:
    """How much of the seed the rendered *report* gives back, in order, and what it adds."""
    seed = seed_characters(seed_text)
    rendered = canonical("".join(document_lines(build_context(report, variant))))
    matcher = difflib.SequenceMatcher(None, seed, rendered, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    added = [rendered[j1:j2] for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag in ("insert", "replace")]
    return Fidelity(matched / len(seed), len(seed), matched, [run for run in added if run not in seed])


def assert_faithful(seed_text: str, report: Report, variant: str) -> Fidelity:
    result = fidelity(seed_text, report, variant)
    assert result.ratio >= MIN_RATIO, str(result)
    assert result.invented == [], str(result)
    return result


# --- helpers --------------------------------------------------------------------------------------


def seed_text(name: str) -> str:
    path = seed_path(CASES[name][0])
    return path.read_text(encoding="utf-8")


def write_docx(path: Path, lines: list[str]) -> Path:
    """A plain Word file with one paragraph per line, as any Word/WPS user would have."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def yaml_round_trip(text: str) -> Report:
    report = validate_document(parse_yaml(text, "imported.yaml")).report
    return report


# --- tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_txt_import_renders_back_the_seed(name: str, tmp_path: Path) -> None:
    """Verify import from the web text gives back ≥ 99.5% of the seed, in order, nothing invented."""
    text = seed_text(name)
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    result = import_report(source)
    assert result.variant == CASES[name][1]
    assert_faithful(text, result.report, CASES[name][1])


@pytest.mark.parametrize("name", sorted(CASES))
def test_written_yaml_loads_and_gives_the_same_report(name: str, tmp_path: Path) -> None:
    """Verify the YAML written for a seed loads with load_report and is the imported report."""
    source = tmp_path / f"{name}.txt"
    source.write_text(seed_text(name), encoding="utf-8")
    result = import_report(source)
    out = tmp_path / "report.yaml"
    out.write_text(result_yaml(result), encoding="utf-8")
    loaded, _warnings = load_report(out)
    assert loaded == result.report


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_txt_in_windows_encodings(encoding: str, tmp_path: Path) -> None:
    """Verify Notepad's encodings (GBK, UTF-8 with BOM, UTF-16) import the same."""
    text = seed_text("haizhu")
    source = tmp_path / "haizhu.txt"
    source.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    assert_faithful(text, import_report(source).report, "public")


@pytest.mark.parametrize("name", sorted(CASES))
def test_docx_from_any_word_file(name: str, tmp_path: Path) -> None:
    """Verify a Word file holding the seed (a paragraph per line, residue included) imports faithfully."""
    text = seed_text(name)
    source = write_docx(tmp_path / f"{name}.docx", text.splitlines())
    result = import_report(source)
    assert_faithful(text, result.report, CASES[name][1])


def _renderer():
    from generator.render.docx import render_docx_bytes

    return render_docx_bytes


def _seed_report(name: str, tmp_path: Path) -> Report:
    """The seed as a report: its example YAML when present, else the seed imported from text."""
    example = EXAMPLES / CASES[name][2]
    if example.is_file():
        return load_report(example)[0]
    source = tmp_path / f"{name}.txt"
    source.write_text(seed_text(name), encoding="utf-8")
    return import_report(source).report


@pytest.mark.parametrize("name", sorted(CASES))
def test_docx_rendered_by_fzbg(name: str, tmp_path: Path) -> None:
    """Verify rendering the seed report to .docx and importing that gives back the seed text."""
    render_docx_bytes = _renderer()
    text = seed_text(name)
    variant = CASES[name][1]
    original = _seed_report(name, tmp_path)
    docx_path = tmp_path / f"{name}.docx"
    docx_path.write_bytes(render_docx_bytes(original, variant=variant))
    result = import_report(docx_path)
    assert_faithful(text, result.report, variant)
    # The rendered text is what the original renders to, exactly.
    assert document_lines(build_context(result.report, variant)) == document_lines(build_context(original, variant))


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("variant", ["formal", "public"])
def test_rendered_report_imports_as_equivalent_model(name: str, variant: str, tmp_path: Path) -> None:
    """Verify render → import gives back the same model (public copies lack the 公文 fields only)."""
    render_docx_bytes = _renderer()
    source = tmp_path / f"{name}.txt"
    source.write_text(seed_text(name), encoding="utf-8")
    original = import_report(source).report
    docx_path = tmp_path / f"{name}-{variant}.docx"
    docx_path.write_bytes(render_docx_bytes(original, variant=variant))
    again = import_report(docx_path).report
    # The variant follows the rendering: with a 版头 it is the formal version, without it the public one.
    original = original.model_copy(update={"variant": Variant(variant)})
    if variant == "public":
        original = original.model_copy(
            update={
                "agency": original.agency.model_copy(update={"superior": None, "mark": None}),
                "document": original.document.model_copy(update={"number": None, "signer": None}),
            }
        )
    assert again == original
    assert yaml_round_trip(result_yaml(import_report(docx_path))) == again


def test_haizhu_parts_without_headings(tmp_path: Path) -> None:
    """Verify family B: problems and plans written as plain paragraphs become unheaded parts."""
    text = seed_text("haizhu")
    report = _import_text(text, tmp_path)
    kinds = [(part.kind, bool(part.heading)) for part in report.parts]
    assert kinds == [
        (PartKind.leader_duty, True),
        (PartKind.measures, True),
        (PartKind.measures, True),
        (PartKind.measures, True),
        (PartKind.shortcomings, False),
        (PartKind.plans, False),
    ]
    assert report.closing.value == "none" and report.document.signature is False
    assert report.title is None and report.title_form.value == "situation"
    # The statistics paragraph stays with part 四; the plans' lead paragraph opens the plans part.
    assert report.parts[3].content[-1].startswith("本年度，分局聚焦")
    assert report.parts[5].content[0].startswith("2025年，分局将")


def test_meixian_full_document_fields(tmp_path: Path) -> None:
    """Verify the 公文 fields of the 梅县 seed: 文号, 签发人, 主送, explicit title, 落款 without date."""
    report = _import_text(seed_text("meixian"), tmp_path)
    assert report.document.number == "梅县公报字〔2024〕2号"
    assert report.document.signer == "魏少忠"
    assert report.agency.name == "梅州市公安局梅县区分局"
    assert report.agency.superior == "梅州市公安局"
    assert report.title == "2024年法治政府建设年度报告"
    assert report.document.signature is True and report.document.date is None
    assert [p.kind for p in report.parts] == [
        PartKind.measures, PartKind.shortcomings, PartKind.plans, PartKind.other,
    ]
    leader = report.parts[0].content[2]
    assert leader.kind == PartKind.leader_duty
    other = report.parts[3].content
    assert [s.level for s in other] == [3, 3]  # 1. directly under 四、
    plans = report.parts[2].content[0]
    assert plans.layout == "paragraphs" and plans.verb == "要" and plans.chain[0].verb == "是"


def test_zhongshan_run_in_headings_and_residue(tmp_path: Path) -> None:
    """Verify run-in （一） headings with inline chains, and that web residue is gone."""
    report = _import_text(seed_text("zhongshan"), tmp_path)
    section = report.parts[0].content[0]
    assert section.run_in and section.heading == "组织领导坚强有力，法治学习常抓不怠。"
    assert section.content[0].chain[0].text.startswith("坚持政治引领")
    text = "".join(document_lines(build_context(report, "public")))
    assert "关闭" not in text and "公网安备" not in text
    assert report.title_form.value == "annual" and report.title is None


def _import_text(text: str, folder: Path) -> Report:
    path = folder / "seed.txt"
    path.write_text(text, encoding="utf-8")
    return import_report(path).report


def test_fidelity_measure_catches_loss_and_invention(tmp_path: Path) -> None:
    """Verify the measure itself: dropping text lowers the ratio, invented text is reported."""
    text = seed_text("haizhu")
    report = _import_text(text, tmp_path)
    good = fidelity(text, report, "public")
    assert good.ratio == 1.0 and good.invented == []
    shorter = report.model_copy(update={"opening": []})
    assert fidelity(text, shorter, "public").ratio < MIN_RATIO
    longer = report.model_copy(update={"opening": report.opening + ["凭空多出的一段文字"]})
    assert fidelity(text, longer, "public").invented == ["凭空多出的一段文字"]


def test_fidelity_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Print the fidelity per seed and source kind (shown with -s; asserted above)."""
    for name, (_seed, variant, _example) in sorted(CASES.items()):
        text = seed_text(name)
        txt = tmp_path / f"{name}.txt"
        txt.write_text(text, encoding="utf-8")
        docx_file = write_docx(tmp_path / f"{name}.docx", text.splitlines())
        for source in (txt, docx_file):
            result = fidelity(text, import_report(source).report, variant)
            print(f"{name} {source.suffix}: {result}")
            assert result.ratio >= MIN_RATIO

