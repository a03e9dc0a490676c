"""Benchmark of ``fzbg review``: N submissions of typical length, reviewed, against a plain ``fzbg check``.

Makes N .docx reports in a temporary folder by rendering the seed examples under N unit names (and keeps each
unit's YAML beside it), then times

- ``fzbg check`` of the N YAML files (validation and every check rule: the baseline), and
- ``fzbg review`` of the N .docx (import, every check rule, format inspection, similarity, 台账, 意见单 and
  annotated copies), with ``--jobs``.

Nothing goes through LibreOffice. Prints both times and their ratio; the target (issue 16) is 200 reports in
under a minute on 2 cores.

Run: python tools/bench_review.py [--count 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ("seed-haizhu-2024.yaml", "seed-meixian-2024.yaml", "seed-zhongshan-2025.yaml")
PLACES = "东南西北中上下前后左右新老大小金银红绿青白黄江河湖海山川林田"


def unit_name(i: int) -> str:
    """A distinct, plausible unit name for submission *i*."""
    first, second = PLACES[i % len(PLACES)], PLACES[(i // len(PLACES)) % len(PLACES)]
    return f"测试市公安局{first}{second}区分局"


def make_folder(folder: Path, yaml_folder: Path, count: int) -> None:
    """*count* rendered reports in *folder* and their YAML files in *yaml_folder*."""
    from generator.api import load_report
    from generator.model.vocabulary import Variant
    from generator.render.docx import render_docx_bytes

    for i in range(count):
        source = (ROOT / "examples" / EXAMPLES[i % len(EXAMPLES)]).read_text("utf-8")
        name = unit_name(i)
        text = re.sub(r"(?m)^(  name: ).*$", rf"\g<1>{name}", source, count=1)
        path = yaml_folder / f"{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        report, _ = load_report(path)
        (folder / f"{i:03d}-{name}.docx").write_bytes(render_docx_bytes(report, Variant.formal))


def timed(command: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fzbg-bench-") as work:
        folder, yamls, out = Path(work) / "报送", Path(work) / "yaml", Path(work) / "结果"
        folder.mkdir()
        yamls.mkdir()
        print(f"生成 {args.count} 份测试报告……", flush=True)
        make_folder(folder, yamls, args.count)
        # the baseline: one fzbg check per file, as a reviewer without `review` would run it, in one shell loop
        check = [sys.executable, "-c",
                 "import sys; from generator.cli import main; [main(['check', p]) for p in sys.argv[1:]]",
                 *map(str, sorted(yamls.glob("*.yaml")))]
        check_seconds = timed(check)
        review = [sys.executable, "-m", "generator", "review", str(folder), "-o", str(out), "--jobs", str(args.jobs)]
        review_seconds = timed(review)
        rows = 0
        if (out / "台账.xlsx").is_file():
            import openpyxl

            rows = openpyxl.load_workbook(out / "台账.xlsx", read_only=True)["台账"].max_row - 1
    print(f"fzbg check（{args.count} 个 YAML，单进程）：{check_seconds:.1f} 秒")
    print(f"fzbg review（{args.count} 个 .docx，--jobs {args.jobs}，含台账、意见单和批注稿）：{review_seconds:.1f} 秒，"
          f"台账 {rows} 行")
    print(f"比值 review / check：{review_seconds / check_seconds:.2f}；目标：{args.count} 份 60 秒以内 → "
          + ("达到" if review_seconds < 60 * args.count / 200 else "未达到"))
    return 0 if rows == args.count else 1


if __name__ == "__main__":
    raise SystemExit(main())
