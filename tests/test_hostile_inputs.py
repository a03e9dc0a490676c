"""Issue 22: every hostile input of the red-team pass, each run as a real ``fzbg`` process with a 10 s limit.

A case writes its files into tmp_path and returns the command line (and, for some, what stdin is). The one
test fails on a traceback, on "内部错误", on a run over the time limit, on an exit code other than the case
expects, and on a message without Chinese text. The cases are the rows of the issue; grow the table as
inputs are found.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_files import BULK_BASE, MINIMAL, REPO

LIMIT = 10.0  # seconds, the bound for every input on this machine
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
SHORTCOMING = "部分民警法治思维有待提升，执法监督信息化水平仍需提高。"

Case = Callable[[Path], "tuple[list[str], dict[str, Any]]"]
CASES: dict[str, Case] = {}


def case(name: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        CASES[name] = function
        return function

    return register


def _report(tmp: Path, old: str, new: str, name: str = "r.yaml") -> Path:
    assert old in MINIMAL_TEXT, old
    path = tmp / name
    path.write_text(MINIMAL_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _figure(tmp: Path, value: str) -> Path:
    return _report(tmp, "penalty_decisions: {value: 1200, previous: 1100}", f"penalty_decisions: {value}")


def _paragraph(tmp: Path, text: str) -> Path:
    return _report(tmp, f"      - {SHORTCOMING}", f"      - '{text}'")


def _check(path: Path) -> tuple[list[str], dict[str, Any]]:
    return ["check", str(path)], {}


# ---------------------------------------------------------------- figures


for _name, _value in {
    "figure-1e309": "{value: 1e309}",
    "figure-1e999999999": "{value: 1e999999999}",
    "figure-googol": "{value: 1" + "0" * 100 + "}",
    "figure-previous-scientific": "{value: 1200, previous: 1.1e3}",
    "figure-nan": "{value: NaN}",
    "figure-infinity": "{value: Infinity}",
    "figure-negative-infinity": "{value: -inf}",
    "figure-5000-digits": "{value: " + "7" * 5000 + "}",
    "figure-tiny-exponent": "{value: 1e-999999999}",
}.items():
    CASES[_name] = (lambda value: lambda tmp: _check(_figure(tmp, value)))(_value)


@case("render-figure-1e309")
def _render_huge(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(_figure(tmp, "{value: 1e309}")), "-o", str(tmp / "out.docx")], {}


@case("year-5000-digits")
def _year_digits(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return _check(_report(tmp, "year: 2025", "year: " + "2" * 5000))


# ---------------------------------------------------------------- YAML and files


@case("yaml-alias-characters")
def _alias_flood(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    path = tmp / "aliases.yaml"
    aliases = ", ".join(["*a"] * 5000)
    text = MINIMAL_TEXT.replace("closing: 特此报告", f"closing: 特此报告\nx: &a '{'甲' * 100_000}'\ny: [{aliases}]")
    path.write_text(text, encoding="utf-8")
    return ["render", str(path), "-o", str(tmp / "out.docx")], {}


@case("data-dev-zero")
def _dev_zero(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["check", "/dev/zero"], {}


@case("data-symlink-dev-urandom")
def _dev_urandom(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    link = tmp / "r.yaml"
    link.symlink_to("/dev/urandom")
    return ["render", str(link), "-o", str(tmp / "out.docx")], {}


@case("data-fifo")
def _fifo(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    fifo = tmp / "r.yaml"
    os.mkfifo(fifo)
    return ["check", str(fifo)], {}


@case("import-dev-zero")
def _import_dev_zero(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    link = tmp / "old.txt"
    link.symlink_to("/dev/zero")
    return ["import", str(link), "-o", str(tmp / "r.yaml")], {}


@case("bulk-base-fifo")
def _bulk_fifo(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    fifo = tmp / "base.yaml"
    os.mkfifo(fifo)
    data = tmp / "d.csv"
    data.write_text("机关全称\n某某分局\n", encoding="utf-8")
    return ["bulk", str(fifo), str(data), "-o", str(tmp / "out")], {}


@case("field-text-huge")
def _huge_field(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return _check(_paragraph(tmp, "依法行政。" * 300_000))


@case("yaml-escaped-surrogate")
def _escaped_surrogate(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    path = _report(tmp, f"      - {SHORTCOMING}", '      - "执法\\ud800监督\\udfff"')
    return ["render", str(path), "-o", str(tmp / "out.docx")], {"expect": (0, 1)}


@case("yaml-surrogate-bytes")
def _surrogate_bytes(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    path = tmp / "r.yaml"
    path.write_bytes(MINIMAL_TEXT.replace(SHORTCOMING, "执法\ud800监督").encode("utf-8", "surrogatepass"))
    return ["check", str(path)], {"expect": (0, 1)}


# ---------------------------------------------------------------- long runs in the checker


@case("check-run-latin")
def _run_latin(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return _check(_paragraph(tmp, "a" * 50_000))


@case("check-run-han")
def _run_han(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return _check(_paragraph(tmp, "一" * 100_000))


@case("check-run-digits")
def _run_digits(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return _check(_paragraph(tmp, "1" * 100_000))


@case("title-combining-marks")
def _combining(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    path = _report(tmp, "closing: 特此报告", "closing: 特此报告\ntitle: '某" + "\u0301" * 200_000 + "'")
    return _check(path)


@case("check-many-findings")
def _many_findings(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    """19,000 warnings of one rule in one paragraph: the terminal shows the first ones and counts the rest."""
    return ["check", str(_paragraph(tmp, "⑴" * 19_000))], {"expect": (0,), "mention": "未逐条列出"}


@case("import-docx-4000-paragraphs")
def _import_long(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    import docx  # python-docx: a .docx not made by fzbg

    document = docx.Document()
    document.add_paragraph("某某市公安局某某分局2025年法治政府建设年度报告")
    for i in range(4000):
        document.add_paragraph(f"第{i}项：全年依法办理行政案件{i}宗，执法规范化水平持续提升。")
    path = tmp / "old.docx"
    document.save(str(path))
    return ["import", str(path), "-o", str(tmp / "r.yaml"), "--year", "2025"], {"expect": (0, 1)}


@case("import-docx-6000-paragraphs")
def _import_too_long(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    import docx

    document = docx.Document()
    for i in range(6000):
        document.add_paragraph(f"第{i}项：全年依法办理行政案件{i}宗。")
    path = tmp / "old.docx"
    document.save(str(path))
    return ["import", str(path), "-o", str(tmp / "r.yaml")], {"mention": "5,000 段"}


def _numbered_docx(tmp: Path, start: str, fmt: str, level: str | None = None) -> Path:
    """A python-docx document of 120 numbered paragraphs with numbering.xml edited as a hostile file would be."""
    import io
    import re
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("某某市公安局某某分局2025年法治政府建设年度报告")
    for i in range(120):
        document.add_paragraph(f"依法办理行政案件第{i}项，执法规范化水平持续提升。", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    path = tmp / "numbered.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/numbering.xml":
                text = re.sub(r'<w:numFmt w:val="[^"]*"/>', f'<w:numFmt w:val="{fmt}"/>', content.decode())
                content = re.sub(r'<w:start w:val="[^"]*"/>', f'<w:start w:val="{start}"/>', text).encode()
            if info.filename == "word/document.xml" and level is not None:
                content = content.replace(b'<w:pStyle w:val="ListNumber"/>', b'<w:pStyle w:val="ListNumber"/><w:numPr>'
                                          + f'<w:ilvl w:val="{level}"/>'.encode() + b'<w:numId w:val="1"/></w:numPr>')
            target.writestr(info, content)
    return path


for _name, _numbering in {
    "import-numbering-chinese-past-99": ("1", "chineseCounting", None),
    "import-numbering-start-0": ("0", "chineseCounting", None),
    "import-numbering-start-not-a-number": ("x", "decimal", None),
    "import-numbering-level-not-a-number": ("1", "decimal", "x"),
}.items():
    CASES[_name] = (lambda numbering: lambda tmp: (
        ["import", str(_numbered_docx(tmp, *numbering)), "-o", str(tmp / "r.yaml"), "--year", "2025"],
        {"expect": (0,)}))(_numbering)


# ---------------------------------------------------------------- bulk


def _csv(tmp: Path, header: str, rows: list[str]) -> Path:
    path = tmp / "d.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@case("bulk-cell-1e5000")
def _bulk_huge(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称,行政处罚决定", ["甲分局,甲,1e5000", "乙分局,乙,12"])
    return ["bulk", str(BULK_BASE), str(data), "-o", str(tmp / "out")], {"expect": (0, 1)}


@case("bulk-cell-1e999999999")
def _bulk_huger(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称,行政处罚决定", ["甲分局,甲,1e999999999"])
    return ["bulk", str(BULK_BASE), str(data), "-o", str(tmp / "out")], {}


@case("bulk-control-character-name")
def _bulk_control(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称", ["甲\x01分局,甲", "乙分局,乙"])
    return ["bulk", str(BULK_BASE), str(data), "-o", str(tmp / "out")], {"expect": (0, 1), "summary": True}


@case("bulk-csv-rows")
def _bulk_rows(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称", [f"分局{i},局{i}" for i in range(12_000)])
    return ["bulk", str(BULK_BASE), str(data), "-o", str(tmp / "out"), "--dry-run"], {"mention": "超过了每次最多 10,000 个单位的上限"}


@case("bulk-cell-huge-text")
def _bulk_huge_text(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称", ["甲分局," + "甲" * 30_000, "乙分局," + "乙" * 1_000_000])
    return ["bulk", str(MINIMAL), str(data), "-o", str(tmp / "out"), "--dry-run"], {"mention": "单元格内容过长"}


@case("bulk-cell-long-text")
def _bulk_long_text(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称", ["甲分局," + "甲" * 30_000])
    return ["bulk", str(MINIMAL), str(data), "-o", str(tmp / "out"), "--dry-run"], {"mention": "30,000 个字"}


@case("bulk-placeholder-long-result")
def _bulk_long_result(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = _report(tmp, "closing: 特此报告", "closing: '{{ 简称 * 30000 }}'", "base.yaml")
    data = _csv(tmp, "机关全称,简称", ["甲分局,甲"])
    return ["bulk", str(base), str(data), "-o", str(tmp / "out"), "--dry-run"], {"mention": "占位符填入后"}


@case("bulk-placeholder-power")
def _bulk_power(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = tmp / "base.yaml"
    base.write_text(BULK_BASE.read_text(encoding="utf-8").replace("closing:", "closing_x: '{{ 9**(9**9) }}'\nclosing:", 1),
                    encoding="utf-8")
    data = _csv(tmp, "机关全称,简称", ["甲分局,甲"])
    return ["bulk", str(base), str(data), "-o", str(tmp / "out")], {}


@case("bulk-placeholder-repeat")
def _bulk_repeat(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = tmp / "base.yaml"
    text = BULK_BASE.read_text(encoding="utf-8")
    base.write_text(text.replace("{{ 简称 }}", "{{ 'a' * 10**9 }}", 1), encoding="utf-8")
    data = _csv(tmp, "机关全称,简称", ["甲分局,甲"])
    return ["bulk", str(base), str(data), "-o", str(tmp / "out")], {}


@case("bulk-placeholder-nested-brackets")
def _bulk_brackets(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = tmp / "base.yaml"
    base.write_text(BULK_BASE.read_text(encoding="utf-8").replace("{{ 简称 }}", "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}", 1),
                    encoding="utf-8")
    return ["bulk", str(base), str(_csv(tmp, "机关全称,简称", ["甲分局,甲"])), "-o", str(tmp / "out")], {}


@case("bulk-placeholder-recursive-macro")
def _bulk_macro(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = tmp / "base.yaml"
    macro = "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"
    base.write_text(BULK_BASE.read_text(encoding="utf-8").replace("{{ 简称 }}", macro, 1), encoding="utf-8")
    return ["bulk", str(base), str(_csv(tmp, "机关全称,简称", ["甲分局,甲"])), "-o", str(tmp / "out")], {}


@case("bulk-placeholder-nested-range")
def _bulk_range(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    base = tmp / "base.yaml"
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    base.write_text(BULK_BASE.read_text(encoding="utf-8").replace("{{ 简称 }}", loops, 1), encoding="utf-8")
    return ["bulk", str(base), str(_csv(tmp, "机关全称,简称", ["甲分局,甲"])), "-o", str(tmp / "out")], {}


@case("bulk-xlsx-20000-rows")
def _bulk_xlsx_rows(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["机关全称", "简称"])
    for i in range(20_000):
        sheet.append([f"分局{i}", f"局{i}"])
    path = tmp / "d.xlsx"
    book.save(path)
    return ["bulk", str(BULK_BASE), str(path), "-o", str(tmp / "out"), "--dry-run"], {"mention": "d.xlsx!10002"}


def _custom_template(tmp: Path, expression: str) -> Path:
    import io
    import zipfile

    from generator.render.docx import default_template_bytes

    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    path = tmp / "mine.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"{{ doc_number }}", expression.encode("utf-8"), 1)
            target.writestr(info, content)
    return path


@case("template-check-power")
def _template_check_power(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["template", "check", str(_custom_template(tmp, "{{ 9**(9**9) }}"))], {"mention": "乘方的结果过大"}


@case("template-check-nested-range")
def _template_check_range(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    """Passes the static check; the trial render with sample data is stopped by the worker's time limit."""
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    return ["template", "check", str(_custom_template(tmp, loops))], {"mention": "试生成失败"}


@case("template-render-power")
def _template_render_power(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / "out.docx"), "--template",
            str(_custom_template(tmp, "{{ 9**(9**9) }}"))], {}


@case("template-render-repeat")
def _template_render_repeat(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / "out.docx"), "--template",
            str(_custom_template(tmp, "{{ 'a' * 2**40 }}"))], {}


@case("template-render-nested-parentheses")
def _template_parentheses(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / "out.docx"), "--template",
            str(_custom_template(tmp, "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}"))], {}


@case("template-render-lipsum")
def _template_lipsum(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / "out.docx"), "--template",
            str(_custom_template(tmp, "{{ lipsum(-1, 'x') }}"))], {}


@case("title-combining-marks-within-limit")
def _combining_render(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    path = _report(tmp, "closing: 特此报告", "closing: 特此报告\ntitle: '某" + "\u0301" * 19_000 + "'")
    return ["render", str(path), "-o", str(tmp / "out.docx")], {"expect": (0, 1)}


# ---------------------------------------------------------------- output names, wizard


@case("output-name-too-long")
def _long_name(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / ("报" * 100 + ".docx"))], {}


@case("wizard-stdin-closed")
def _wizard_closed(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["wizard", "-o", str(tmp / "answers.yaml")], {"stdin": "closed", "expect": (2,), "mention": "不是终端"}


@case("bulk-name-too-long")
def _bulk_long_name(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    data = _csv(tmp, "机关全称,简称", ["𠀀" * 79 + "分局,甲", "乙分局,乙"])  # 4-byte characters: 320 bytes
    return ["bulk", str(BULK_BASE), str(data), "-o", str(tmp / "out")], {"expect": (0, 1), "summary": True}


@case("bulk-output-name-is-a-symlink")
def _bulk_symlink(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    out = tmp / "out"
    out.mkdir()
    (out / "甲分局.docx").symlink_to(tmp / "elsewhere.docx")  # planted where a report goes
    data = _csv(tmp, "机关全称,简称", ["甲分局,甲"])
    return ["bulk", str(MINIMAL), str(data), "-o", str(out), "--force"], {"mention": "符号链接"}


@case("render-output-path-too-long")
def _long_path(tmp: Path) -> tuple[list[str], dict[str, Any]]:
    return ["render", str(MINIMAL), "-o", str(tmp / ("甲" * 60) / ("乙" * 60) / "out.docx")], {}


# ---------------------------------------------------------------- the test


# fzbg as `python -m generator` does, recording at exit the peak memory of the process and of its workers.
RUNNER = """
import atexit, resource, sys
def _own_peak():
    # Linux keeps ru_maxrss across execve, so a runner started by a large pytest would report pytest's peak:
    # VmHWM of /proc/self/status belongs to this program's own memory only.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def _peak(path=sys.argv[1]):
    peak = max(_own_peak(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    open(path, "w").write(str(peak))
atexit.register(_peak)
del sys.argv[1]
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""
PEAK_KB = 500 * 1024  # the bound on peak memory for any input


def run_case(name: str, tmp: Path) -> tuple[subprocess.CompletedProcess[str], float, dict[str, Any]]:
    args, options = CASES[name](tmp)
    stdin: Any = subprocess.DEVNULL
    extra: dict[str, Any] = {}
    if options.get("stdin") == "closed":
        stdin = None
        extra = {"preexec_fn": lambda: os.close(0)}
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-c", RUNNER, str(tmp / "peak-rss"), *args], check=False, cwd=REPO,
                                stdin=stdin,
                                capture_output=True, text=True, encoding="utf-8", errors="replace",
                                timeout=LIMIT, env={**os.environ, "PYTHONUTF8": "1"}, **extra)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: fzbg {' '.join(a[:60] for a in args)} ran over {LIMIT} s")
    return result, time.perf_counter() - start, options


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_refused_in_time(name: str, tmp_path: Path) -> None:
    """Each hostile input: exit 1 (or a correct run where the case allows it), a Chinese message, no 内部错误."""
    result, seconds, options = run_case(name, tmp_path)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert "内部错误" not in output, output[-3000:]
    assert result.returncode in options.get("expect", (1,)), (result.returncode, output[-3000:])
    if result.returncode == 1:
        assert "错误" in result.stderr, result.stderr[-3000:]
    if "mention" in options:
        assert options["mention"] in output, output[-3000:]
    if options.get("summary"):
        assert (tmp_path / "out" / "汇总.xlsx").is_file(), output[-3000:]
    assert seconds < LIMIT
    peak = tmp_path / "peak-rss"
    assert peak.is_file(), output[-3000:]
    assert int(peak.read_text()) < PEAK_KB, f"peak memory {int(peak.read_text()) // 1024} MB"
