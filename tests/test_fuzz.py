"""Property-based fuzzing: generated report files through load → validate → render.

Every generated YAML file ends either in a .docx that python-docx opens and whose text is the input
text (minus the control characters the loader and the model remove), or in a DataError whose
problems all name a place ``file:line:col``. Any other exception is a bug.

CI runs the ``ci`` profile (see conftest.py, 200 reports). The full run, 4,000 reports of which about
half render and half are refused with a place, takes a few minutes::

    python -m pytest tests/test_fuzz.py --hypothesis-profile=full
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from docxtext import docx_paragraphs
from hypothesis import event, given
from hypothesis import strategies as st

from generator.api import load_report
from generator.display import place_text
from generator.errors import DataError
from generator.render.context import build_context, document_lines
from generator.render.docx import render_docx_bytes
from generator.write.dump import dump_yaml

# -- text --------------------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry: the model removes them from every text (textutil.ILLEGAL_XML_CHARS).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Raw characters the loader removes from the file before parsing (load._UNREADABLE, minus surrogates).
RAW_UNREADABLE = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x84\x86\x9f\ufffe\uffff"

NASTY = [
    "", " ", "\u3000\u3000全角空格开头", "{{ 7*7 }}", "{% for x in range(9) %}x{% endfor %}", "{{ ''.__class__ }}",
    "{#", "&amp; & < > \" '", "]]>", "<w:p><w:r><w:t>注入</w:t></w:r></w:p>", "</w:t></w:r></w:p>",
    "\u202e倒序\u202c", "مرحبا بالعالم", "שלום עולם", "a\u0301\u0302\u0303", "\u0301开头的组合符",
    "😀👮\u200d♂️🇨🇳", "\U00020000\U0002a6d6\U0002b734𠀀", "\x00\x01\x1f", "\x7f\x80\x9f", "\ufeff",
    "\u2028\u2029\x85", "第一行\n第二行", "行尾\r\n换行", "\t制表", "%(name)s ${HOME} $(id)", "null", "~", "yes",
    "2025-01-08", "0123", "- 列表", "# 注释", "key: value", "*别名", "&锚", "!标签", "|", ">", "'", '"',
    "特此报告。", "一、手写编号", "（一）", "1.", "\\", "\\n", "\ue000私用区",
]

def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def mostly(common: st.SearchStrategy, rare: st.SearchStrategy, tenths: int = 8) -> st.SearchStrategy:
    """*common* in about *tenths*/10 of the draws, else *rare* (one_of would pick each half the time)."""
    return st.integers(0, 9).flatmap(lambda n: common if n < tenths else rare)


ANY_CHAR = st.characters(blacklist_categories=("Cs",))
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
short_text = st.one_of(
    st.text(ANY_CHAR, max_size=24),
    st.text(CJK, min_size=1, max_size=40),
    st.sampled_from(NASTY),
)
# Very long strings (a 5,000-character paragraph) without a huge example buffer.
long_text = st.builds(lambda piece, times: (piece or "长") * times, st.text(ANY_CHAR, max_size=8), st.integers(50, 600))
# The shapes that once made the checker or the renderer run without bound (issue 22): a combining-mark
# flood (one base character, thousands of marks) and one long run without punctuation, on both sides of
# the per-field limit of 20,000 characters (docs/limits.md), where the file must be refused with a place.
combining_flood = st.builds(lambda base, mark, times: base + mark * times, st.sampled_from(["a", "一", "1"]),
                            st.sampled_from(["\u0301", "\u0489", "\u20dd", "\u302a"]), st.integers(100, 4_000))
long_run = st.builds(str.__mul__, st.sampled_from(["a", "一", "1", "、", "〔", "http://"]), st.integers(1_000, 25_000))
text = st.one_of(
    short_text,
    short_text,
    st.lists(short_text, min_size=2, max_size=5).map("".join),
    st.lists(short_text, min_size=2, max_size=4).map("\n".join),
    long_text,
    mostly(short_text, st.one_of(combining_flood, long_run), 9),
)

# Figures: mostly plausible, sometimes what a spreadsheet export or a slip of the keyboard gives (scientific
# notation, 1e309, NaN, a hundred digits, more decimals than a figure has): refused with their place.
huge_or_odd_number = st.one_of(
    st.sampled_from(["1e309", "1e999999999", "-1e5", "2.5E3", "NaN", ".inf", "-.inf", "1" + "0" * 100, "0.1234567891",
                     "9" * 5_000, "1_000", "0x1F", "1,200"]),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    # Unquoted YAML numbers as well: 10**100 as digits, inf and nan as .inf and .nan, floats as written.
    st.integers(-(10**100), 10**100),
    st.floats(allow_nan=True, allow_infinity=True),
)
figure = mostly(st.integers(0, 10**9), huge_or_odd_number, 6)
metrics = st.builds(
    lambda value, previous, other: drop_none({
        "penalty_decisions": {"value": value, "previous": previous} if previous is not None else value,
        "others": [{"label": "其他数据", "value": other, "unit": "件"}] if other is not None else None,
    }),
    figure, optional(figure), optional(figure),
)

# Names: mostly plausible (so most reports get through to the renderer), sometimes anything at all.
cjk_name = st.text(CJK, min_size=2, max_size=20)
name_text = mostly(cjk_name, st.one_of(st.builds(str.__add__, cjk_name, short_text), text), 6)
# A chain item must have text: mostly some, sometimes anything (empty ones are located errors).
item_text = st.one_of(st.builds(str.__add__, cjk_name, text), text)

KINDS = ["measures", "shortcomings", "leader_duty", "plans", "other"]


chain = st.builds(
    lambda items, lead, layout, style: drop_none({"chain": items, "lead": lead, "layout": layout, "style": style}),
    st.lists(item_text, min_size=1, max_size=4),
    optional(text),
    optional(st.sampled_from(["inline", "paragraphs"])),
    optional(st.sampled_from(["ordinal", "circled"])),
)


def sections(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        lambda heading, run_in, level, content: drop_none(
            {"heading": heading, "run_in": run_in, "level": level, "content": content}
        ),
        optional(text),
        optional(st.booleans()),
        mostly(st.none(), st.integers(1, 5), 9),  # an explicit level must be 2–4 and deeper than the parent's
        st.lists(children, max_size=3),
    )


# Sections nest up to six deep: four levels are allowed, deeper ones must be located errors.
block = st.recursive(st.one_of(text, chain), sections, max_leaves=12)

part = st.builds(
    lambda kind, heading, run_in, content: drop_none(
        {"kind": kind, "heading": heading, "run_in": run_in, "content": content}
    ),
    st.sampled_from(KINDS),
    optional(text),
    optional(st.booleans()),
    st.lists(block, max_size=4),
)

document = st.builds(
    lambda number, signer, date, copy_to, attachments, printed_by, signature: drop_none({
        "number": number, "signer": signer, "date": date, "copy_to": copy_to, "attachments": attachments,
        "printed_by": printed_by, "signature": signature,
    }),
    optional(text),
    optional(text),
    optional(mostly(st.one_of(st.dates(dt.date(2000, 1, 1)).map(str), st.sampled_from(["2026年1月15日", "2026/1/5"])),
                    st.sampled_from(["2026-02-30", "明天", "20260115"]), 9)),
    optional(st.lists(text, max_size=3)),
    optional(st.lists(text, max_size=3)),
    optional(text),
    optional(mostly(st.sampled_from(["是", "否", "true", "false"]), st.just("也许"), 9)),
)

report_data = st.builds(
    lambda year, name, superior, mark, title, doc, opening, parts, closing, extra: drop_none({
        "year": year, "agency": drop_none({"name": name, "superior": superior, "mark": mark}), "title": title,
        "document": doc, "opening": opening, "parts": parts, "closing": closing, **extra,
    }),
    mostly(st.integers(2000, 2100).map(str), st.one_of(st.integers(1900, 2200).map(str), text), 9),
    name_text,
    optional(text),
    optional(text),
    optional(text),
    document,
    optional(st.lists(text, max_size=3)),
    mostly(st.lists(part, min_size=1, max_size=4), st.lists(part, max_size=1), 9),
    optional(mostly(st.sampled_from(["特此报告", "专此报告", "无", "特此报告。"]), st.just("谨此报告"), 9)),
    # Now and then a key the model does not know, a value of the wrong shape, or figures.
    mostly(st.just({}), st.one_of(
        st.builds(lambda key: {key: "x"}, st.sampled_from(["titel", "agancy", "备注", "year2"])),
        st.just({"metrics": ["不是", "映射"]}),
        metrics.map(lambda m: {"metrics": m}),
        metrics.map(lambda m: {"metrics": m}),
    ), 7),
)


# -- writing the file ----------------------------------------------------------------------------------


@st.composite
def yaml_files(draw: st.DrawFn) -> tuple[bytes, int]:
    """A report file as bytes (in one of the encodings a Windows PC produces) and its raw-control count."""
    data = draw(report_data)
    text_ = dump_yaml(data)
    inserted = 0
    if draw(st.booleans()):  # raw control characters pasted anywhere: the loader removes them first
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(text_)))
            text_ = text_[:at] + draw(st.sampled_from(RAW_UNREADABLE)) + text_[at:]
            inserted += 1
    if draw(mostly(st.just(False), st.just(True), 9)):  # a lone surrogate, as a broken copy and paste leaves it: not UTF-8 at all
        at = draw(st.integers(0, len(text_)))
        text_ = text_[:at] + draw(st.sampled_from(["\ud800", "\udfff", "\udc80"])) + text_[at:]
    if draw(st.booleans()):
        text_ = text_.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text_.encode(encoding, errors="surrogatepass"), inserted


# -- the oracle --------------------------------------------------------------------------------------


def expected_lines(value: str) -> list[str]:
    """The lines a text must show in the document: line ends unified, XML-illegal characters gone, trimmed."""
    value = XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return [line.strip() for line in value.split("\n") if line.strip()]


def body_texts(report) -> list[str]:
    """Every text of the body as validated, in document order."""
    from generator.model.report import Chain, Section

    out: list[str] = list(report.opening)

    def walk(node) -> None:
        if node.heading:
            out.append(node.heading)
        for item in node.content:
            if isinstance(item, Section):
                walk(item)
            elif isinstance(item, Chain):
                out.extend(([item.lead] if item.lead else []) + [entry.text for entry in item.chain])
            else:
                out.append(item)

    for part_ in report.parts:
        walk(part_)
    return out


def assert_contains_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} missing after position {position}"
        position = found + len(needle)


PLACE = re.compile(r"^.+\.yaml:\d+(:\d+)?$")


@given(yaml_files(), st.sampled_from(["formal", "public"]))
def test_generated_report_renders_or_is_refused_with_a_place(tmp_path_factory, file, variant) -> None:
    """Verify any generated file renders to a .docx with the input text, or is refused with file:line:col."""
    raw, inserted = file
    path = Path(tmp_path_factory.mktemp("fuzz")) / "报告.yaml"
    path.write_bytes(raw)
    try:
        report, warnings = load_report(path)
    except DataError as exc:
        event(f"refused: {exc.problems[0].message[:12]}")
        assert exc.problems, exc.message
        for problem in exc.problems:
            if problem.severity == "error":
                assert PLACE.match(place_text(problem.place)), f"unlocated problem: {problem}"
        assert path.read_bytes() == raw  # the input is never touched
        return
    if inserted:
        assert any("控制字符" in w.message and PLACE.match(place_text(w.place)) for w in warnings), warnings

    event("rendered")
    data = render_docx_bytes(report, variant)
    # A 标志 too long for one line, and a long 附件说明, are broken by line breaks after rendering (post.fit_mark,
    # post.hang_attachments): the same text in more lines, so line breaks are left out of the comparison.
    paragraphs = [p.replace("\n", "") for p in docx_paragraphs(data)]
    # The document is exactly what the layout step planned …
    assert paragraphs == [line.replace("\n", "") for line in document_lines(build_context(report, variant))]
    # … and every line the user typed is in it, in order (ignoring the trailing punctuation that
    # attachment and 抄送 lists replace with their own).
    joined = "\n".join(paragraphs)
    needles = [line for value in body_texts(report) for line in expected_lines(value)]
    assert_contains_in_order(joined, needles)
    ctx = build_context(report, variant)
    assert "".join(ctx.title_lines) == report.full_title
    doc = report.document
    shown = [*doc.attachments]
    if doc.signature:
        shown.append(doc.signature_name or report.agency.name)
    for value in shown:
        for line in expected_lines(value):
            assert line.rstrip("。.；;，,") in joined
    if variant == "formal":
        for value in [report.agency.mark or report.agency.name, doc.number or "", doc.signer or "", *doc.copy_to]:
            for line in expected_lines(value):
                assert line.rstrip("。.；;，,") in joined
    assert path.read_bytes() == raw


@pytest.mark.parametrize("value", NASTY)
def test_each_nasty_string_survives_in_a_paragraph(tmp_path, value: str) -> None:
    """Verify every hand-picked nasty string, as a body paragraph, comes out exactly (minus illegal characters)."""
    part = {"kind": "measures", "content": [value or "空"]}
    data = {"year": "2025", "agency": {"name": "江州市公安局"}, "parts": [part]}
    path = tmp_path / "r.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    report, _ = load_report(path)
    paragraphs = docx_paragraphs(render_docx_bytes(report, "public"))
    for line in expected_lines(value or "空"):
        assert line in paragraphs
