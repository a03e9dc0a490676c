"""``fzbg review``: the city bureau's review of a folder of sub-bureau reports (generator.review)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command(
        "review",
        help="审查各单位报送的年度报告：逐个读取文件夹中的 .docx/.doc/.wps/.txt/.yaml，按规定五项、全部检查规则和"
        "GB/T 9704 版式审查，生成台账.xlsx（含全市汇总和未报送单位）、每个单位的退回修改意见单，以及带批注的 Word 副本。"
        "报送的原文件不会被修改。",
    )
    def review_command(
        folder: Path = typer.Argument(..., help="存放各单位报告的文件夹。"),
        outdir: Path = typer.Option(..., "-o", "--output", help="审查结果的输出文件夹（不能在报送文件夹之内）；再次运行时更新其中的台账，保留备注。"),
        deadline: Optional[str] = typer.Option(None, "--deadline", show_default=False, help="报送期限，如 2026-03-01，用于判断“按时”。"),
        expected: Optional[Path] = typer.Option(None, "--expected", show_default=False, help="应报送单位名单（.xlsx/.csv 的第一列或“单位”列，或 .txt 每行一个），用于列出未报送单位。"),
        last_year: Optional[Path] = typer.Option(None, "--last-year", show_default=False, help="上年各单位报告所在的文件夹，用于比较与本单位上年报告的相同句子。"),
        jobs: int = typer.Option(1, "--jobs", "-j", help="同时审查的进程数（文件较多时可设为 CPU 核数）。"),
        reviewer: str = typer.Option("市公安局法制支队", "--reviewer", help="意见单落款和批注作者。"),
        measure: bool = typer.Option(False, "--measure", help="用 LibreOffice 排版实测每页行数和每行字数（每份约 1 秒；需 LibreOffice 和 pdfplumber）。"),
    ) -> None:
        run(folder, outdir, deadline, expected, last_year, jobs, reviewer, measure)


def run(folder: Path, outdir: Path, deadline: Optional[str], expected: Optional[Path], last_year: Optional[Path],
        jobs: int, reviewer: str, measure: bool = False) -> None:
    """The command's work."""
    from ..errors import Place, Problem, UsageError
    from ..review import Options, review_folder
    from ..review.ledger import read_expected
    from ..review.outputs import write_outputs
    from .console import print_problems, say

    day = None
    if deadline is not None:
        try:
            day = dt.date.fromisoformat(deadline.strip())
        except ValueError:
            raise UsageError("--deadline 的日期无法识别", [Problem(f"“{deadline}”：请写成 2026-03-01 的形式",
                                                           Place("--deadline"))]) from None
    if jobs < 1:
        raise UsageError("--jobs 应为正整数", [Problem(f"收到 {jobs}", Place("--jobs"))])
    if last_year is not None and not last_year.is_dir():
        raise UsageError("找不到上年报告文件夹", [Problem("--last-year 应是一个文件夹", Place(str(last_year)))])
    units = read_expected(expected) if expected is not None else []
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fzbg-review-", ignore_cleanup_errors=True) as work:
        bar = _Bar()
        try:
            review = review_folder(folder, Options(day, expected, last_year, jobs, measure), bar.update, Path(work))
        finally:
            bar.stop()
        written = write_outputs(review.submissions, outdir, folder, units, reviewer, jobs=jobs)
    print_problems(written.problems)
    for note in review.notes:
        say(note)
    subs = review.submissions
    counts = {status: sum(1 for s in subs if s.status == status) for status in ("通过", "退回修改", "无法读取", "未审查")}
    say(f"审查完成：共 {len(subs)} 个文件，通过 {counts['通过']} 个，退回修改 {counts['退回修改']} 个，"
        f"无法读取 {counts['无法读取']} 个，未审查 {counts['未审查']} 个。")
    say(f"台账：{written.ledger}")
    say(f"意见单 {len(written.opinions)} 份、批注稿 {len(written.annotated)} 份：{written.ledger.parent}")


class _Bar:
    """A rich progress bar on a terminal when there are more than a handful of files; silent otherwise."""

    HANDFUL = 5

    def __init__(self) -> None:
        self.progress: Optional[object] = None
        self.task: Optional[object] = None

    def update(self, done: int, total: int, name: str) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        if total <= self.HANDFUL:
            return
        if not sys.stdout.isatty():
            if done == 1 or done == total or done % 20 == 0:
                print(f"[{done}/{total}] 已审查 {name}", flush=True)
            return
        if self.progress is None:
            self.progress = Progress(TextColumn("审查报告"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"),
                                     TimeRemainingColumn(), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("review", total=total)
        assert isinstance(self.progress, Progress)
        self.progress.update(self.task, completed=done)  # type: ignore[arg-type]

    def stop(self) -> None:
        from rich.progress import Progress

        if isinstance(self.progress, Progress):
            self.progress.stop()
            self.progress = None
