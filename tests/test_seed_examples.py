"""The example YAML files render back to the text of the real reports they were written from.

Each ``examples/seed-*.yaml`` reproduces one seed in ``shared/seeds/``. The rendered text, normalised by
``tests/seedtext.py``, must equal the normalised seed line for line: every paragraph, in order, 100%.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import pytest
from shared import seed_path

from generator.api import load_report
from generator.model.report import Chain, PartKind, Report, Section
from generator.render.context import build_context, document_lines

try:
    from seedtext import normalise_line, normalise_rendered, normalise_seed
except ImportError:  # tests/ imported as a package
    from tests.seedtext import normalise_line, normalise_rendered, normalise_seed

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


# example file, seed file, variant the seed was published as
CASES = {
    "haizhu": ("seed-haizhu-2024.yaml", "000_c66680a5a87105e9.txt", "public"),
    "zhongshan": ("seed-zhongshan-2025.yaml", "002_1bfe5519550173db.txt", "public"),
    "meixian": ("seed-meixian-2024.yaml", "004_a40316cc724f519a.txt", "formal"),
}


def _load(name: str) -> Report:
    report, warnings = load_report(EXAMPLES / CASES[name][0])
    assert warnings == [], warnings
    return report


def _seed_lines(name: str) -> list[str]:
    path = seed_path(CASES[name][1])
    return normalise_seed(path.read_text(encoding="utf-8"))


def _assert_same(got: list[str], expected: list[str]) -> None:
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "seed", "rendered", lineterm="", n=0))
        pytest.fail(f"rendered text differs from the seed ({len(got)} vs {len(expected)} lines):\n{diff}")


# ---------------------------------------------------------------------------------------------------
# The text, from the layout context


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_reproduces_seed_text(name: str) -> None:
    report = _load(name)
    variant = CASES[name][2]
    lines = document_lines(build_context(report, variant))
    _assert_same(normalise_rendered(lines, report.full_title), _seed_lines(name))


# ---------------------------------------------------------------------------------------------------
# The text, from the rendered .docx


def _docx_paragraph_texts(data: bytes) -> list[str]:
    """Texts of the body paragraphs in document order, table cells included (版头, 版记)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    texts: list[str] = []

    def walk(parent, element) -> None:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append(Paragraph(element, parent).text)
        elif tag == "tbl":
            seen = set()
            for row in Table(element, parent).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    for child in cell._tc.iterchildren():
                        walk(cell, child)
        elif tag == "sdt":  # content controls: look inside
            for content in element.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    for child in content.iterchildren():
                        walk(parent, child)

    for child in document.element.body.iterchildren():
        walk(document, child)
    return [t for t in texts if t.strip()]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_docx_reproduces_seed_text(name: str) -> None:
    from generator.render.docx import render_docx_bytes

    report = _load(name)
    data = render_docx_bytes(report, variant=CASES[name][2], fonts="gb2312")
    texts = _docx_paragraph_texts(data)
    _assert_same(normalise_rendered(texts, report.full_title), _seed_lines(name))


# ---------------------------------------------------------------------------------------------------
# The examples use the structure, never typed numbers

_TYPED_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])")
_TYPED_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|[①-⑳])")


def _walk_blocks(blocks: list):
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from _walk_blocks(block.content)


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_types_no_generated_numbers(name: str) -> None:
    report = _load(name)
    for part in report.parts:
        assert not _TYPED_MARK.match(part.heading or ""), part.heading
        for block in _walk_blocks(part.content):
            if isinstance(block, Section):
                assert not _TYPED_MARK.match(block.heading or ""), block.heading
            elif isinstance(block, Chain):
                for item in block.chain:
                    assert not _TYPED_ORDINAL.match(item.text), item.text[:20]
            else:
                assert not _TYPED_MARK.match(block) and not _TYPED_ORDINAL.match(block), block[:20]


# ---------------------------------------------------------------------------------------------------
# Structural facts of each seed


def test_haizhu_structure() -> None:
    report = _load("haizhu")
    ctx = build_context(report, "public")
    headed = [p for p in report.parts if p.heading]
    assert len(headed) == 4
    assert all(p.kind == PartKind.measures for p in headed)
    assert [p.kind for p in report.parts if not p.heading] == [
        PartKind.measures,
        PartKind.shortcomings,
        PartKind.plans,
    ]
    assert report.has_kind(PartKind.leader_duty)
    assert report.has_kind(PartKind.shortcomings) and report.has_kind(PartKind.plans)
    assert report.full_title == "广州市公安局海珠区分局关于2024年度法治政府建设情况的报告"
    assert len(ctx.title_lines) == 2  # a long title is set on two lines
    assert ctx.closing == "" and ctx.signature_name == "" and not ctx.formal
    assert [p.head[:2] for p in ctx.paragraphs if p.kind != "body"] == ["一、", "二、", "三、", "四、"]
    metrics = report.metrics
    assert int(metrics.penalty_decisions.value) == 10110
    assert int(metrics.licensing_decisions.value) == 721939
    assert int(metrics.inspections.value) == 16318
    assert int(metrics.court_appearance_rate.value) == 100


def test_zhongshan_structure() -> None:
    report = _load("zhongshan")
    ctx = build_context(report, "public")
    assert len(report.parts) == 3 and all(p.heading for p in report.parts)
    assert [p.kind for p in report.parts] == [PartKind.measures, PartKind.shortcomings, PartKind.plans]
    assert report.full_title == "中山市公安局2025年法治政府建设年度报告"
    assert report.title is None  # built from title_form
    measures = report.parts[0].content
    assert len(measures) == 5
    assert all(isinstance(s, Section) and s.run_in and isinstance(s.content[0], Chain) for s in measures)
    runins = [p for p in ctx.paragraphs if p.kind == "runin" and p.level == 2]
    assert [p.head[:3] for p in runins] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（一）", "（二）", "（三）"]
    assert all(p.text.startswith("一是") for p in runins[:5])
    assert ctx.closing == "" and ctx.signature_name == ""


def test_meixian_structure() -> None:
    report = _load("meixian")
    ctx = build_context(report, "formal")
    assert [p.kind for p in report.parts] == [
        PartKind.measures,
        PartKind.shortcomings,
        PartKind.plans,
        PartKind.other,
    ]
    # The five items of the 规定 are all there: 第一责任人 is section 一（三）.
    assert all(report.has_kind(kind) for kind in PartKind)
    leader = [trail[-1] for _, trail in report.sections() if trail and trail[-1].kind == PartKind.leader_duty]
    assert len(leader) == 1 and leader[0].heading.startswith("2024年度党政主要负责人")
    # 公文 fields
    assert report.document.number == "梅县公报字〔2024〕2号"
    assert report.document.signer == "魏少忠"
    assert ctx.doc_number == "梅县公报字〔2024〕2号" and ctx.signer == "魏少忠"
    assert ctx.recipient == "梅州市公安局："
    assert ctx.title_lines == ["2024年法治政府建设年度报告"]
    assert ctx.signature_name == "梅州市公安局梅县区分局" and ctx.signature_date == ""
    assert ctx.closing == "" and ctx.imprint is None
    # Deep levels: （一） 1. （1）, a level-4 run-in heading followed by a circled chain.
    levels = {p.level for p in ctx.paragraphs if p.kind in ("heading", "runin")}
    assert levels == {1, 2, 3, 4}
    circled = [p for p in ctx.paragraphs if p.kind == "runin" and p.level == 4 and "①" in p.text]
    assert [p.head[:3] for p in circled] == ["（2）", "（4）"]
    assert circled[0].head.endswith("：") and circled[0].text.startswith("①") and "②" in circled[0].text
    # Plans: one paragraph per item, 一是 then 二要 三要.
    heads = [p.head[:2] for p in ctx.paragraphs]
    plans = ctx.paragraphs[heads.index("三、") + 1 : heads.index("四、")]
    assert [p.text[:2] for p in plans] == ["一是", "二要", "三要"]
    # Part 四: its items are 1. 2. directly under the part.
    other = ctx.paragraphs[heads.index("四、") + 1 :]
    assert [(p.kind, p.level, p.head[:2]) for p in other] == [("runin", 3, "1."), ("runin", 3, "2.")]


# ---------------------------------------------------------------------------------------------------
# The normaliser itself


def test_normalise_seed_rules() -> None:
    text = (
        " 文号：梅县公报字〔2024〕2号      签发人：魏少忠\n"
        "梅州市公安局梅县区分局\n\n"
        "(1) 第4点，推进“互联网+监管”,共4.95万宗; 6宗\n"
        "（2）社区(村)共计 87项，“5.08”案\n"
        "结合我局 “十项重点工作”\n"
        "关闭\n打印\n粤公网安备44200002443367\n"
    )
    assert normalise_seed(text) == [
        "梅州市公安局梅县区分局",
        "梅县公报字〔2024〕2号\t签发人：魏少忠",
        "（1）第4点，推进“互联网+监管”，共4.95万宗；6宗",
        "（2）社区（村）共计87项，“5.08”案",
        "结合我局“十项重点工作”",
    ]


def test_normalise_rendered_joins_title_and_number_line() -> None:
    lines = [
        "广州市公安局海珠区分局关于",
        "2024年度法治政府建设情况的报告",
        "正文。",
        "",
    ]
    joined = ["广州市公安局海珠区分局关于2024年度法治政府建设情况的报告", "正文。"]
    assert normalise_rendered(lines, "广州市公安局海珠区分局关于2024年度法治政府建设情况的报告") == joined
    assert normalise_rendered(lines) == joined
    assert normalise_rendered(["机关", "梅县公报字〔2024〕2号", "签发人：魏少忠"]) == [
        "机关",
        "梅县公报字〔2024〕2号\t签发人：魏少忠",
    ]
    assert normalise_line("梅县公报字〔2024〕2号   签发人：魏少忠") == "梅县公报字〔2024〕2号\t签发人：魏少忠"
