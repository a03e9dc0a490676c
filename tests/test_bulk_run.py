"""``run_bulk`` end to end: validate all, render the rest, safe names, 汇总.xlsx, errors.csv, the CLI."""

from __future__ import annotations

import csv
import io
import sys
import types
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docxtext import docx_paragraphs
from openpyxl import Workbook, load_workbook

from generator.bulk import BulkOptions, Status, run_bulk
from generator.bulk.summary import ERRORS_NAME, SUMMARY_NAME
from generator.cli import main
from generator.display import field_text, place_text, problem_text
from generator.errors import DataError
from generator.render.imprint import settle_imprints as REAL_SETTLE_IMPRINTS  # before conftest replaces it

BASE = """\
year: 2025
agency:
  name: 占位分局
  superior: 江州市公安局
document:
  {date: 2026-01-12, signer: 周立新}
opening: 2025年，{{ 简称 }}坚持以习近平法治思想为指导，立足{{ 辖区 }}实际，全年作出行政处罚决定{{ 行政处罚决定 }}宗。
parts:
  - kind: measures
    heading: 主要举措和成效
    content:
      - “{{ 简称 }}”持续深化执法规范化建设。
  - kind: shortcomings
    heading: 存在的不足和原因
    content:
      - 执法监督信息化水平仍需提高。
  - kind: leader_duty
    heading: 党政主要负责人履行推进法治建设第一责任人职责情况
    content:
      - 主要负责人带头学法，专题研究法治建设4次。
  - kind: plans
    heading: 2026年推进法治政府建设的主要安排
    content:
      - 持续推进执法规范化建设。
closing: 特此报告
"""

HEADER = ["机关全称", "简称", "辖区", "发文字号", "行政处罚决定", "行政处罚决定上年", "负责人出庭应诉率"]


def good_rows(count: int) -> list[list]:
    return [[f"江州市公安局第{i}分局", f"第{i}分局", "城区", f"江公报字〔2026〕{i}号", 100 * i, 90 * i, 100]
            for i in range(1, count + 1)]


def make_case(tmp_path: Path, rows: list[list], base: str = BASE, setup=None) -> tuple[Path, Path]:
    base_path = tmp_path / "base.yaml"
    base_path.write_text(base, encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if setup:
        setup(sheet)
    data = tmp_path / "bureaus.xlsx"
    book.save(data)
    return base_path, data


def run(base: Path, data: Path, outdir: Path, **options):
    return run_bulk(BulkOptions(base=base, data=data, outdir=outdir, **options))


def docx_text(path: Path) -> str:
    return "\n".join(docx_paragraphs(path))


def test_example_renders_every_bureau(tmp_path: Path) -> None:
    """Verify the shipped example: at least 12 bureaus, all rendered, placeholders filled."""
    root = Path(__file__).resolve().parent.parent / "examples" / "bulk"
    result = run(root / "base.yaml", root / "bureaus.xlsx", tmp_path / "out")
    assert result.exit_code == 0, result.problems
    assert len(result.outcomes) >= 12 and result.failed == 0
    text = docx_text(tmp_path / "out" / "青山县公安局.docx")
    assert "{{" not in text and "立足山区县实际" in text and "行政处罚决定2817宗" in text


def test_hostile_rows_fail_alone(tmp_path: Path) -> None:
    """Verify missing name, text in a number column and an empty placeholder fail alone, placed by row."""
    rows = good_rows(3) + [
        [None, "无名", "城区", "x", 5, 4, 1],  # row 5: missing name
        ["江州市公安局第五分局", "第五分局", "城区", "x", "约1200", 4, 1],  # row 6: text in a number column
        ["江州市公安局第六分局", None, "城区", "x", 5, 4, 1],  # row 7: {{ 简称 }} has no value
    ]
    base, data = make_case(tmp_path, rows)
    result = run(base, data, tmp_path / "out")
    assert result.exit_code == 1
    status = {place_text(o.place): o.status for o in result.outcomes}
    assert status == {
        "bureaus.xlsx!2": Status.ok, "bureaus.xlsx!3": Status.ok, "bureaus.xlsx!4": Status.ok,
        "bureaus.xlsx!5": Status.invalid, "bureaus.xlsx!6": Status.invalid, "bureaus.xlsx!7": Status.invalid,
    }
    text = [problem_text(p) for p in result.problems if p.severity == "error"]
    assert any(t.startswith("bureaus.xlsx!5 机关全称 为空") for t in text)
    assert any(t.startswith("bureaus.xlsx!6 行政处罚决定 ") and "不是数字" in t for t in text)
    assert any(t.startswith("bureaus.xlsx!7 ") and "{{ 简称 }}" in t and "江州市公安局第六分局" in t
               and "“简称”列为空" in t for t in text)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [
        "江州市公安局第1分局.docx", "江州市公安局第2分局.docx", "江州市公安局第3分局.docx"]
    with open(tmp_path / "out" / ERRORS_NAME, encoding="utf-8-sig", newline="") as handle:
        errors = list(csv.DictReader(handle))
    assert {e["位置"] for e in errors if e["级别"] == "错误"} == {"bureaus.xlsx!5", "bureaus.xlsx!6", "bureaus.xlsx!7"}


def test_file_names_are_safe_and_unique(tmp_path: Path) -> None:
    """Verify ../, /:*?, reserved names and duplicates cannot escape OUTDIR or overwrite each other."""
    names = ["../../逃逸分局", "a/b:c*d?e分局", "CON", "nul.txt", "江州市公安局甲分局", "江州市公安局甲分局", ".."]
    rows = [[name, "简称", "城区", "江公报字〔2026〕1号", 1, 1, 1] for name in names]
    base, data = make_case(tmp_path, rows)
    outdir = tmp_path / "deep" / "out"
    result = run(base, data, outdir)
    assert result.exit_code == 0, result.problems
    files = sorted(p.name for p in outdir.iterdir())
    assert files == sorted([
        "_.._逃逸分局.docx", "a_b_c_d_e分局.docx", "_CON.docx", "_nul.txt.docx",
        "江州市公安局甲分局.docx", "江州市公安局甲分局_2.docx", "未命名单位.docx", SUMMARY_NAME])
    assert not any(p.suffix == ".docx" for p in tmp_path.rglob("*") if p.parent != outdir)
    assert any("与 bureaus.xlsx!6 的机关全称相同" in p.message for p in result.problems)


def test_placeholder_values_are_data_not_templates(tmp_path: Path) -> None:
    """Verify {{ }} typed in a cell stays text, and & < > reach the document intact (escaped once)."""
    rows = [["江州市公安局甲分局", "{{ 7*7 }}", "A&B <区>", "江公报字〔2026〕1号", 1, 1, 1]]
    base, data = make_case(tmp_path, rows)
    result = run(base, data, tmp_path / "out")
    assert result.exit_code == 0, result.problems
    text = docx_text(tmp_path / "out" / "江州市公安局甲分局.docx")
    assert "2025年，{{ 7*7 }}坚持" in text and "立足A&B <区>实际" in text and "49" not in text
    with zipfile.ZipFile(tmp_path / "out" / "江州市公安局甲分局.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "A&amp;B &lt;区&gt;" in xml and "&amp;amp;" not in xml


def test_placeholders_cannot_reach_python(tmp_path: Path) -> None:
    """Verify the sandbox: a placeholder reaching for internals is a located error, not code execution."""
    base = BASE.replace("{{ 辖区 }}", "{{ 辖区.__class__.__mro__[1].__subclasses__() }}")
    base_path, data = make_case(tmp_path, good_rows(2), base=base)
    result = run(base_path, data, tmp_path / "out")
    assert result.exit_code == 1
    assert all(o.status == Status.invalid for o in result.outcomes)
    assert any("不允许的操作" in p.message for p in result.problems)


def test_placeholder_syntax_error_is_reported_once_at_base(tmp_path: Path) -> None:
    """Verify a broken placeholder in BASE stops the run with base.yaml:line:col."""
    base_path, data = make_case(tmp_path, good_rows(2), base=BASE.replace("{{ 辖区 }}", "{{ 辖区 }"))
    with pytest.raises(DataError) as caught:
        run(base_path, data, tmp_path / "out")
    assert place_text(caught.value.problems[0].place).endswith("base.yaml:7:10")


def test_base_problem_is_reported_once(tmp_path: Path) -> None:
    """Verify a BASE error every bureau inherits is one problem at base.yaml, not one per row."""
    base_path, data = make_case(tmp_path, good_rows(4), base=BASE.replace("closing: 特此报告", "closing: 特此报告\nyaer: 1"))
    result = run(base_path, data, tmp_path / "out")
    errors = [p for p in result.problems if p.severity == "error"]
    assert len(errors) == 1, errors
    line = BASE.splitlines().index("closing: 特此报告") + 2
    assert place_text(errors[0].place).endswith(f"base.yaml:{line}:1") and field_text(errors[0]) == "yaer"
    assert "所有单位都受影响" in errors[0].message


def test_summary_has_rows_and_correct_totals(tmp_path: Path) -> None:
    """Verify 汇总.xlsx: a row per bureau with status and figures, and the totals row sums them."""
    rows = good_rows(3) + [["江州市公安局坏分局", "坏", "城区", "x", "很多", 1, 1]]
    base, data = make_case(tmp_path, rows)
    run(base, data, tmp_path / "out")
    sheet = load_workbook(tmp_path / "out" / SUMMARY_NAME).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = table[0]
    assert header[:6] == ["序号", "单位", "数据位置", "输出文件", "状态", "问题"]
    value = header.index("行政处罚决定（宗）")
    previous = header.index("行政处罚决定上年（宗）")
    rate = header.index("负责人出庭应诉率（%）")
    assert [row[4] for row in table[1:5]] == ["成功", "成功", "成功", "数据有误"]
    assert [row[value] for row in table[1:4]] == [100, 200, 300]
    totals = next(row for row in table if row[1] == "合计")
    assert totals[value] == 600 and totals[previous] == 540
    assert totals[rate] is None  # rates are not summed
    assert totals[4] == "成功 3 / 共 4"


def test_existing_files_need_force(tmp_path: Path) -> None:
    """Verify outputs are not overwritten without --force (per-bureau error), and are with it."""
    base, data = make_case(tmp_path, good_rows(2))
    outdir = tmp_path / "out"
    assert run(base, data, outdir).exit_code == 0
    again = run(base, data, outdir)
    assert again.exit_code == 1 and {o.status for o in again.outcomes} == {Status.exists}
    assert run(base, data, outdir, force=True).exit_code == 0
    assert not (outdir / ERRORS_NAME).exists()  # a clean run removes the old errors.csv


def test_stale_part_files_are_removed(tmp_path: Path) -> None:
    """Verify fzbg's .part files left by a killed run (tagged with a dead PID) are removed at the next start."""
    base, data = make_case(tmp_path, good_rows(1))
    outdir = tmp_path / "out"
    outdir.mkdir()
    dead = dead_pid()
    (outdir / f".江州市公安局第1分局.docx.{dead}.k3j_9x0q.part").write_bytes(b"half")
    (outdir / f".fzbg-pdf-{dead}.ab12cd34.part").mkdir()
    result = run(base, data, outdir)
    assert not list(outdir.glob(".*.part"))
    assert any("临时文件" in note for note in result.notes)


def dead_pid() -> int:
    """A PID no process has (a child that has exited and been reaped)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_fail_fast_renders_nothing_after_a_data_error(tmp_path: Path) -> None:
    """Verify --fail-fast: with a bad row, no file is written and the rest are 未处理."""
    base, data = make_case(tmp_path, good_rows(2) + [[None, "x", "y", "z", 1, 1, 1]])
    result = run(base, data, tmp_path / "out", fail_fast=True)
    assert result.exit_code == 1
    assert [o.status for o in result.outcomes] == [Status.skipped, Status.skipped, Status.invalid]
    assert not list((tmp_path / "out").glob("*.docx"))


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """Verify --dry-run validates (and checks, when the checker is installed) without touching OUTDIR."""
    base, data = make_case(tmp_path, good_rows(2) + [[None, "x", "y", "z", 1, 1, 1]])
    result = run(base, data, tmp_path / "out", dry_run=True)
    assert not (tmp_path / "out").exists()
    assert result.exit_code == 1
    assert result.outcomes[2].status == Status.invalid
    assert {o.status for o in result.outcomes[:2]} <= {Status.checked, Status.check_failed}


def test_jobs_2_gives_the_same_documents_as_jobs_1(tmp_path: Path) -> None:
    """Verify the process pool renders exactly what one process renders."""
    base, data = make_case(tmp_path, good_rows(6))
    one = run(base, data, tmp_path / "one", jobs=1)
    two = run(base, data, tmp_path / "two", jobs=2)
    assert one.exit_code == two.exit_code == 0
    assert [o.model_dump() for o in one.outcomes] == [o.model_dump() for o in two.outcomes]
    for path in (tmp_path / "one").glob("*.docx"):
        with zipfile.ZipFile(path) as a, zipfile.ZipFile(tmp_path / "two" / path.name) as b:
            assert a.namelist() == b.namelist()
            for name in a.namelist():
                if name != "docProps/core.xml":  # holds nothing per-run today, but is not ours to pin
                    assert a.read(name) == b.read(name), (path.name, name)


def test_folder_mode(tmp_path: Path) -> None:
    """Verify per-bureau YAML files deep-merged over BASE, with problems placed at file:line:col."""
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    folder = tmp_path / "分局"
    folder.mkdir()
    (folder / "甲.yaml").write_text(
        "agency:\n  name: 江州市公安局甲分局\n  short_name: 甲分局\nmetrics:\n  penalty_decisions: 1200\n"
        "vars:\n  辖区: 老城区\n", encoding="utf-8")
    (folder / "乙.yaml").write_text(
        "agency:\n  name: 江州市公安局乙分局\n  short_name: 乙分局\nmetrics:\n  penalty_decisions: 很多\n"
        "vars:\n  辖区: 新城区\n", encoding="utf-8")
    result = run(base, folder, tmp_path / "out")
    assert [o.status for o in result.outcomes] == [Status.invalid, Status.ok]  # 乙 sorts first
    bad = next(p for p in result.problems if p.severity == "error")
    assert place_text(bad.place) == "分局/乙.yaml:5:22" and field_text(bad) == "metrics.penalty_decisions"
    text = docx_text(tmp_path / "out" / "江州市公安局甲分局.docx")
    assert "2025年，甲分局坚持" in text and "立足老城区实际" in text and "1200宗" in text
    assert "上级机关" not in text and "江州市公安局：" in text  # superior kept from BASE


def test_outcome_metrics_are_decimals(tmp_path: Path) -> None:
    """Verify figures travel as Decimal, percentages from Excel as 100, not 1."""
    base, data = make_case(tmp_path, good_rows(1))
    outcome = run(base, data, tmp_path / "out").outcomes[0]
    assert outcome.metrics["penalty_decisions"] == Decimal(100)
    assert outcome.metrics["court_appearance_rate"] == Decimal(100)


def test_pdf_and_html_contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify --format goes through the generator.render.pdf / generator.render.html contract (imported lazily)."""
    base, data = make_case(tmp_path, good_rows(2))
    html = types.ModuleType("generator.render.html")
    html.render_html = lambda report, variant, fonts="gb2312": f"<h1>{report.agency.name}</h1>"
    pdf = types.ModuleType("generator.render.pdf")

    def docx_to_pdf_batch(paths: list[Path], outdir: Path, timeout: float, keep_profile: bool = False) -> None:
        for path in paths:
            (outdir / (path.stem + ".pdf")).write_bytes(b"%PDF-1.7 " + path.read_bytes()[:4])

    pdf.docx_to_pdf_batch = docx_to_pdf_batch
    pdf.find_soffice = lambda: "soffice"
    pdf.INSTALL_HINT = ""
    monkeypatch.setitem(sys.modules, "generator.render.html", html)
    monkeypatch.setitem(sys.modules, "generator.render.pdf", pdf)
    result = run(base, data, tmp_path / "html", format="html")
    assert result.exit_code == 0
    assert (tmp_path / "html" / "江州市公安局第1分局.html").read_text(encoding="utf-8") == "<h1>江州市公安局第1分局</h1>"
    result = run(base, data, tmp_path / "pdf", format="pdf")
    assert result.exit_code == 0, result.problems
    assert (tmp_path / "pdf" / "江州市公安局第2分局.pdf").read_bytes() == b"%PDF-1.7 PK\x03\x04"
    assert not list((tmp_path / "pdf").glob(".*"))


def test_cli_exit_codes_and_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Verify `fzbg bulk`: 0 when all succeed, 1 with located Chinese problems, 2 for usage errors."""
    base, data = make_case(tmp_path, good_rows(2))
    assert main(["bulk", str(base), str(data), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "成功 2 个" in out and "[2/2]" in out and "汇总表" in out
    assert main(["bulk", str(base), str(data), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "bureaus.xlsx!2" in err and "--force" in err
    assert main(["bulk", str(base), str(data), "-o", str(tmp_path / "x"), "--variant", "draft"]) == 2
    assert main(["bulk", str(base), str(data), "-o", str(tmp_path / "x"), "--jobs", "0"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_errors_csv_opens_in_excel_encoding(tmp_path: Path) -> None:
    """Verify errors.csv starts with a UTF-8 BOM, so Excel on Chinese Windows shows Chinese."""
    base, data = make_case(tmp_path, [[None, "x", "y", "z", 1, 1, 1]])
    run(base, data, tmp_path / "out")
    raw = (tmp_path / "out" / ERRORS_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["位置", "单位", "字段", "问题", "级别"]


class InterruptingReporter:
    """Presses Ctrl-C (raises KeyboardInterrupt) while the second outcome is being shown."""

    def __init__(self) -> None:
        self.seen = 0

    def start(self, total: int) -> None:
        pass

    def advance(self, outcome) -> None:
        self.seen += 1
        if self.seen == 2:
            raise KeyboardInterrupt

    def stop(self) -> None:
        pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupt_reports_exactly_the_files_written(tmp_path: Path, jobs: int) -> None:
    """Verify Ctrl-C between bureaus: exit 130, no .part, and 汇总 says 成功 for exactly the files on disk."""
    base, data = make_case(tmp_path, good_rows(12))
    outdir = tmp_path / "out"
    result = run_bulk(BulkOptions(base=base, data=data, outdir=outdir, jobs=jobs), InterruptingReporter())
    assert result.interrupted and result.exit_code == 130
    written = {p.name for p in outdir.glob("*.docx")}
    assert {o.file_name for o in result.outcomes if o.status == Status.ok} == written
    assert Status.skipped in {o.status for o in result.outcomes}
    assert not list(outdir.glob(".*.part"))


def test_a_render_failure_stops_only_that_bureau(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify a bureau whose rendering fails is reported, the others are written, and --fail-fast stops."""
    from generator.bulk import worker
    from generator.errors import RenderError

    real = worker.render_bytes

    def flaky(report, *args):
        if report.agency.name.endswith("第2分局"):
            raise RenderError("模板出错，无法生成文档")
        return real(report, *args)

    monkeypatch.setattr(worker, "render_bytes", flaky)
    base, data = make_case(tmp_path, good_rows(4))
    result = run(base, data, tmp_path / "out")
    assert [o.status for o in result.outcomes] == [Status.ok, Status.failed, Status.ok, Status.ok]
    assert result.exit_code == 1 and "模板出错" in result.outcomes[1].error
    stopped = run(base, data, tmp_path / "fast", fail_fast=True)
    assert [o.status for o in stopped.outcomes] == [Status.ok, Status.failed, Status.skipped, Status.skipped]


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify the rich progress bar runs and prints a failure above it, escaped rather than read as markup."""
    from rich.console import Console

    from generator.bulk import worker
    from generator.cli.bulk import RichReporter
    from generator.errors import RenderError

    def broken(*args):
        raise RenderError("模板出错 [bold]x[/bold]")

    monkeypatch.setattr(worker, "render_bytes", broken)
    base, data = make_case(tmp_path, good_rows(2))
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    result = run_bulk(BulkOptions(base=base, data=data, outdir=tmp_path / "out"), RichReporter(console))
    assert result.exit_code == 1
    assert "生成报告" in screen.getvalue() and "[bold]x[/bold]" in screen.getvalue()


def test_hostile_gbk_csv_end_to_end(tmp_path: Path) -> None:
    """Verify a GBK CSV with hostile rows: each bad row fails alone at bureaus.csv:line, names stay safe."""
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    lines = [
        "机关全称,简称,辖区,行政处罚决定",
        "江州市公安局甲分局,甲分局,城区,1200",
        ",无名,城区,5",  # line 3: missing name
        "江州市公安局乙分局,乙分局,城区,约1200",  # line 4: text in a number column
        "江州市公安局甲分局,甲分局,城区,\"1,300\"",  # line 5: duplicate name
        "../../上级目录,上级,城区,1",
        "PRN,保留名,城区,1",
        "a/b:c*d?e,非法字符,城区,1",
        ",,,",  # trailing empty rows as Excel writes them
        ",,,",
    ]
    data = tmp_path / "bureaus.csv"
    data.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    outdir = tmp_path / "out"
    result = run(base, data, outdir)
    assert result.exit_code == 1
    assert [(place_text(o.place), o.status) for o in result.outcomes] == [
        ("bureaus.csv:2", Status.ok), ("bureaus.csv:3", Status.invalid), ("bureaus.csv:4", Status.invalid),
        ("bureaus.csv:5", Status.ok), ("bureaus.csv:6", Status.ok), ("bureaus.csv:7", Status.ok),
        ("bureaus.csv:8", Status.ok)]
    assert sorted(p.name for p in outdir.glob("*.docx")) == sorted([
        "江州市公安局甲分局.docx", "江州市公安局甲分局_2.docx", "_.._上级目录.docx", "_PRN.docx", "a_b_c_d_e.docx"])
    assert any(place_text(p.place) == "bureaus.csv:4" and field_text(p) == "行政处罚决定" for p in result.problems)
    assert "1,300" not in docx_text(outdir / "江州市公安局甲分局.docx")
    assert "1,300" in docx_text(outdir / "江州市公安局甲分局_2.docx")


def test_formula_without_cached_value_fails_that_bureau(tmp_path: Path) -> None:
    """Verify a formula cell with no saved result makes its bureau invalid with a clear message."""
    rows = good_rows(2)
    rows[1][4] = "=100*3"
    base, data = make_case(tmp_path, rows)
    result = run(base, data, tmp_path / "out")
    assert [o.status for o in result.outcomes] == [Status.ok, Status.invalid]
    problem = next(p for p in result.problems if p.severity == "error")
    assert place_text(problem.place) == "bureaus.xlsx!3" and field_text(problem) == "行政处罚决定"
    assert "E3" in problem.message and "保存" in problem.message


def test_html_format(tmp_path: Path) -> None:
    """Verify --format html writes one page per bureau, the public version by default."""
    base, data = make_case(tmp_path, good_rows(2))
    result = run(base, data, tmp_path / "out", format="html", jobs=2)
    assert result.exit_code == 0, result.problems
    page = (tmp_path / "out" / "江州市公安局第2分局.html").read_text(encoding="utf-8")
    assert "第2分局" in page and "江公报字" not in page  # public version: no 发文字号


@pytest.mark.layout
def test_pdf_format_with_libreoffice(tmp_path: Path, soffice: str) -> None:
    """Verify --format pdf converts each worker's batch with LibreOffice and leaves no work folders."""
    base, data = make_case(tmp_path, good_rows(3))
    result = run(base, data, tmp_path / "out", format="pdf", jobs=2)
    assert result.exit_code == 0, result.problems
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert not list((tmp_path / "out").glob(".*"))


@pytest.mark.parametrize("failure", ["no LibreOffice", "conversion failed"])
def test_an_unchecked_imprint_page_is_said_once_and_on_each_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: str
) -> None:
    """Verify a formal run whose 版记 parity cannot be measured still writes every report, says why once for
    the run (not once per bureau) and puts the warning in each bureau's 问题 cell of 汇总.xlsx."""
    from generator import office
    from generator.errors import RenderError
    from generator.render import imprint

    monkeypatch.setattr(imprint, "settle_imprints", REAL_SETTLE_IMPRINTS)  # conftest skips it in the fast lane
    if failure == "no LibreOffice":
        monkeypatch.setattr(office, "find_soffice", lambda: None)
        expected = "未找到 LibreOffice"
    else:
        def broken(*_args: object, **_kwargs: object) -> None:
            raise RenderError("LibreOffice 转换超时（600 秒）")

        monkeypatch.setattr(office, "find_soffice", lambda: "soffice")
        monkeypatch.setattr(office, "convert_batch", broken)
        expected = "无法用 LibreOffice 核对版记所在页（LibreOffice 转换超时（600 秒））"
    base = tmp_path / "base.yaml"
    base.write_text(BASE.replace("{date: 2026-01-12, signer: 周立新}",
                                 "{date: 2026-01-12, signer: 周立新, number: \"{{ 发文字号 }}\", copy_to: [江州市司法局]}"),
                    encoding="utf-8")
    _unused, data = make_case(tmp_path, good_rows(5))
    outdir = tmp_path / "out"
    code = main(["bulk", str(base), str(data), "-o", str(outdir)])
    assert code == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert said.count(expected) == 1, said
    assert "5 个单位（江州市公安局第1分局、江州市公安局第2分局、江州市公安局第3分局等）：" + expected in said, said
    table = list(load_workbook(outdir / SUMMARY_NAME).active.iter_rows(values_only=True))
    rows = table[1:6]
    assert [row[4] for row in rows] == ["成功"] * 5
    assert all(expected in (row[5] or "") for row in rows), rows
    assert len(list(outdir.glob("*.docx"))) == 5
    assert not (outdir / ERRORS_NAME).exists()  # a warning is not a failure
