"""Step 1 of the pipeline: reading a YAML file (generator/load.py), through ``read_yaml`` and ``load_report``.

Every scalar must stay text until pydantic types it; encodings used on Chinese Windows must be read;
anything that is not plain data (tags, alias bombs, huge files) is refused with a located Chinese message.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from generator.api import load_report
from generator.display import field_text, place_text
from generator.errors import DataError
from generator.load.yaml_file import MAX_FILE_BYTES, parse_yaml, read_yaml

DATA = Path(__file__).resolve().parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its own empty folder, so nothing can land in the checkout."""
    monkeypatch.chdir(tmp_path)


def position(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the *nth* occurrence of *needle* in the file at *path*."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        start = line.find(needle)
        while start >= 0:
            if seen == nth:
                return number, start + 1
            seen += 1
            start = line.find(needle, start + 1)
    raise AssertionError(f"{needle!r} not in {path}")


def place(path: Path, needle: str, nth: int = 0) -> str:
    line, column = position(path, needle, nth)
    return f"{path}:{line}:{column}"


def refused(path: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_report(path)
    error = info.value
    assert error.problems, "a refusal must say where and why"
    for problem in error.problems:
        assert CJK.search(problem.message), f"message is not Chinese: {problem.message}"
    assert CJK.search(error.message)
    return error


# ---------------------------------------------------------------------------------------------- typing


def test_scalars_stay_text_where_the_model_wants_text() -> None:
    report, warnings = load_report(VALID / "typing_traps.yaml")
    assert warnings == []
    assert report.agency.short_name == "01012345678"  # no int, no lost leading zero
    assert report.agency.level == "on"  # YAML 1.1 would make these booleans
    assert report.agency.superior == "yes"
    assert report.document.number == "0123"  # YAML 1.1 would read octal 83
    assert report.document.signer == "NO"
    assert report.parts[0].heading == "1.5"  # not a float
    assert report.parts[0].content == ["yes", "2024-01-01", "null"]  # not bool, date, None


def test_loader_itself_keeps_every_scalar_a_string() -> None:
    data = read_yaml(VALID / "typing_traps.yaml").data
    assert data["year"] == "2024"
    assert data["agency"]["short_name"] == "01012345678"
    assert data["document"]["signature"] == "no"
    assert data["document"]["date"] == "2025-01-08"
    assert data["parts"][0]["content"] == ["yes", "2024-01-01", "null"]


def test_yes_no_become_booleans_only_where_the_model_wants_a_boolean() -> None:
    report, _ = load_report(VALID / "typing_traps.yaml")
    assert report.document.signature is False


@pytest.mark.parametrize("written", ['"2024"', "2024", "'2024'"])
def test_year_quoted_or_not_is_an_int(written: str) -> None:
    text = (VALID / "minimal.yaml").read_text(encoding="utf-8").replace("year: 2024", f"year: {written}")
    path = Path("report.yaml")
    path.write_text(text, encoding="utf-8")
    report, _ = load_report(path)
    assert report.year == 2024 and type(report.year) is int


@pytest.mark.parametrize("written", ["20250108", '"20250108"', "2025年1月8日", "2025.1.8"])
def test_a_date_in_a_yaml_file_is_read_as_in_bulk(written: str) -> None:
    """Verify 20250108, as a spreadsheet cell or an OA system writes it, is 2025-01-08 here as in bulk."""
    text = (VALID / "minimal.yaml").read_text(encoding="utf-8") + f"document:\n  date: {written}\n"
    path = Path("report.yaml")
    path.write_text(text, encoding="utf-8")
    report, _ = load_report(path)
    assert report.document.date == dt.date(2025, 1, 8)


def test_an_impossible_eight_digit_date_is_refused_at_its_place() -> None:
    text = (VALID / "minimal.yaml").read_text(encoding="utf-8") + "document:\n  date: 20251308\n"
    path = Path("report.yaml")
    path.write_text(text, encoding="utf-8")
    (problem,) = refused(path).problems
    assert "日期不存在" in problem.message and place_text(problem.place) == place(path, "20251308")


def test_plain_null_is_absent_but_quoted_null_is_text() -> None:
    doc = parse_yaml('a: ~\nb: null\nc: "null"\nd:\ne: ""\n')
    assert doc.data == {"a": None, "b": None, "c": "null", "d": None, "e": ""}


def test_small_aliases_are_allowed() -> None:
    doc = parse_yaml("a: &name 青山分局\nb: *name\n")
    assert doc.data == {"a": "青山分局", "b": "青山分局"}


# ---------------------------------------------------------------------------------------------- encodings


MINIMAL = (VALID / "minimal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),  # Notepad's "UTF-8 with BOM"
        ("utf-16", "UTF-16"),  # Notepad's "Unicode": UTF-16 LE with BOM
        ("utf-16-be", "UTF-16"),
        ("gbk", "GBK"),  # Notepad's "ANSI" on Chinese Windows
        ("gb18030", "GBK"),
    ],
)
def test_encodings_are_read(encoding: str, note: str | None) -> None:
    path = Path(f"report-{encoding}.yaml")
    raw = MINIMAL.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path.write_bytes(raw)
    report, warnings = load_report(path)
    assert report.agency.name == "江州市公安局青山分局"
    assert report.parts[0].content == ["正文。"]
    if note is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].severity == "warning"
        assert note in warnings[0].message and place_text(warnings[0].place) == str(path)


def test_gb18030_only_characters_are_read() -> None:
    # 𠮷 is outside GBK; GB18030 encodes it in four bytes.
    path = Path("report.yaml")
    path.write_bytes(MINIMAL.replace("正文。", "𠮷正文。").encode("gb18030"))
    report, _ = load_report(path)
    assert report.parts[0].content == ["𠮷正文。"]


def test_undecodable_bytes_are_refused_with_the_line() -> None:
    path = Path("report.yaml")
    path.write_bytes(b"year: 2024\nagency:\n  name: \xff\xfe\xfa\x80\n")
    error = refused(path)
    assert error.message == "无法识别文件编码"
    assert [place_text(p.place) for p in error.problems] == [f"{path}:3"]
    assert "UTF-8" in error.problems[0].message


def test_crlf_file_reads_like_lf() -> None:
    text = MINIMAL + "opening: |\n  第一段。\n  第二段。\n"
    Path("lf.yaml").write_bytes(text.encode("utf-8"))
    Path("crlf.yaml").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    lf, crlf = read_yaml("lf.yaml"), read_yaml("crlf.yaml")
    assert crlf.data == lf.data
    assert crlf.marks == lf.marks
    report, _ = load_report("crlf.yaml")
    assert report.opening == ["第一段。\n第二段。"]


def test_lone_cr_in_a_quoted_value_becomes_a_line_break() -> None:
    path = Path("report.yaml")
    path.write_text(MINIMAL.replace("- 正文。", '- "第一段。\\r\\n第二段。\\r第三段。"'), encoding="utf-8")
    report, _ = load_report(path)
    assert report.parts[0].content == ["第一段。\n第二段。\n第三段。"]


# ---------------------------------------------------------------------------------------------- refusals


def test_python_tag_is_refused_and_nothing_runs() -> None:
    fixture = INVALID / "python_tag.yaml"
    error = refused(fixture)
    assert error.message == "YAML 文件中有不允许的内容"
    [problem] = error.problems
    assert place_text(problem.place) == place(fixture, "!!python")
    assert field_text(problem) == "agency.name"
    assert "不允许使用 YAML 标签" in problem.message and "python/object/apply" in problem.message
    assert not Path("fzbg-pwned-marker").exists()  # the fixture would `touch` it in the cwd


@pytest.mark.parametrize("tagged", ["!include other.yaml", "!!binary aGk=", "!!int 12", "!!set {a}"])
def test_other_tags_are_refused(tagged: str) -> None:
    with pytest.raises(DataError) as info:
        parse_yaml(f"year: 2024\nname: {tagged}\n", "t.yaml")
    [problem] = info.value.problems
    assert place_text(problem.place) == "t.yaml:2:7" and "YAML 标签" in problem.message


def test_explicit_str_tag_is_plain_text() -> None:
    assert parse_yaml("a: !!str 0123\n").data == {"a": "0123"}


def test_merge_key_is_refused() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "t.yaml")
    [problem] = info.value.problems
    assert place_text(problem.place) == "t.yaml:3:3" and "合并键" in problem.message


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    error = refused(INVALID / "alias_bomb.yaml")
    elapsed = time.perf_counter() - start
    # Not a speed target: expanded, the bomb would run for hours; refused, it takes well under a second.
    assert elapsed < 30.0, f"took {elapsed:.2f} s"
    assert error.message == "YAML 文件过于复杂"
    assert "别名" in error.problems[0].message
    assert re.fullmatch(rf"{re.escape(str(INVALID / 'alias_bomb.yaml'))}:\d+:\d+", place_text(error.problems[0].place))


def test_duplicate_key_is_refused_at_the_second_one() -> None:
    fixture = INVALID / "duplicate_key.yaml"
    error = refused(fixture)
    [problem] = error.problems
    assert place_text(problem.place) == place(fixture, "year:", nth=1)
    assert field_text(problem) == "year"
    assert problem.message == "字段“year”重复出现，请只保留一个"


def test_file_over_5_mb_is_refused_without_reading_it() -> None:
    path = Path("huge.yaml")
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make, would be slow to parse
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    error = refused(path)
    assert error.message == "文件过大"
    assert place_text(error.problems[0].place) == str(path)


def test_file_of_exactly_5_mb_is_not_refused_for_its_size() -> None:
    path = Path("big.yaml")
    padding = b"#" * (MAX_FILE_BYTES - len(MINIMAL.encode()) - 1) + b"\n"
    path.write_bytes(padding + MINIMAL.encode())
    assert path.stat().st_size == MAX_FILE_BYTES
    report, _ = load_report(path)
    assert report.year == 2024


def test_folder_is_refused() -> None:
    Path("a-folder.yaml").mkdir()
    error = refused(Path("a-folder.yaml"))
    assert error.message == "无法读取文件"
    assert "文件夹" in error.problems[0].message


def test_missing_file_is_refused() -> None:
    error = refused(Path("no-such-file.yaml"))
    assert error.message == "找不到文件"
    assert place_text(error.problems[0].place) == "no-such-file.yaml"
    assert "不存在" in error.problems[0].message


def test_syntax_error_has_line_column_and_a_chinese_hint() -> None:
    fixture = INVALID / "syntax_error.yaml"
    error = refused(fixture)
    assert error.message == "YAML 格式错误"
    [problem] = error.problems
    assert place_text(problem.place) == place(fixture, ": 报告")  # the second colon on the title line
    assert "引号" in problem.message


def test_tab_indentation_is_explained() -> None:
    fixture = INVALID / "tab_indent.yaml"
    error = refused(fixture)
    [problem] = error.problems
    assert place_text(problem.place) == place(fixture, "\tname")
    assert "Tab" in problem.message


def test_file_that_is_only_text_is_refused() -> None:
    fixture = INVALID / "not_a_mapping.yaml"
    error = refused(fixture)
    [problem] = error.problems
    assert place_text(problem.place) == place(fixture, "这是一段文字")
    assert "字段: 值" in problem.message


def test_empty_file_is_refused() -> None:
    path = Path("empty.yaml")
    path.write_bytes(b"")
    error = refused(path)
    assert place_text(error.problems[0].place) == f"{path}:1:1"


# ---------------------------------------------------------------------------------------------- control characters


def test_escaped_control_characters_are_removed_with_warnings() -> None:
    fixture = VALID / "control_chars.yaml"
    report, warnings = load_report(fixture)
    assert report.agency.name == "江州市公安局青山分局"
    assert report.parts[0].heading == "主要举措and成效"
    assert report.parts[0].content == ["正文第一段。"]
    assert [(place_text(w.place), field_text(w), w.severity) for w in warnings] == [
        (place(fixture, '"江州市'), "agency.name", "warning"),
        (place(fixture, '"主要'), "parts.0.heading", "warning"),
        (place(fixture, '"正文'), "parts.0.content.0", "warning"),
    ]
    assert all(w.message == "含有不可见的控制字符，已删除" for w in warnings)


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f"])
def test_raw_control_characters_pasted_into_the_file_are_removed_with_a_warning(char: str) -> None:
    path = Path("pasted.yaml")
    path.write_text(MINIMAL.replace("- 正文。", f"- 正文{char}第一段。"), encoding="utf-8")
    report, warnings = load_report(path)
    assert report.parts[0].content == ["正文第一段。"]
    # the warning points at the removed character itself (after "- 正文")
    assert [place_text(w.place) for w in warnings] == [f"{path}:7:11"]


# ---------------------------------------------------------------------------------------------- positions


def test_marks_locate_values_keys_and_missing_children() -> None:
    doc = read_yaml(INVALID / "three_mistakes.yaml")
    fixture = INVALID / "three_mistakes.yaml"
    assert place_text(doc.place(("document", "date"))) == place(fixture, "2025-13-01")
    assert place_text(doc.place(("parts", 1, "kind"))) == place(fixture, "plan")
    assert place_text(doc.place(("parts", 1, "kind", "<key>"))) == place(fixture, "kind: plan")
    # a path that is not in the file falls back to its nearest ancestor
    assert place_text(doc.place(("parts", 0, "content", 0, "nothing", 3))) == place(fixture, "heading: 坚持")
    assert place_text(doc.place(())) == place(fixture, "year:")
