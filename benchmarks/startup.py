"""Start-up and single-report timings, each compared with a reference measured in the same run.

Targets (issue 2 / issue 8): `fzbg --help` within 0.3 s of a bare interpreter; `fzbg render` of one
report within 1.0 s wall; `fzbg check` within 0.5 s.  Run: python benchmarks/startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "seed-meixian-2024.yaml"


def wall(args: list[str], runs: int = 7) -> float:
    """Median wall time of running *args*, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    py = sys.executable
    bare = wall([py, "-c", "pass"])
    help_ = wall([py, "-m", "generator", "--help"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        render = wall([py, "-m", "generator", "render", str(EXAMPLE), "-o", str(out), "--force"], runs=5)
    check = wall([py, "-m", "generator", "check", str(EXAMPLE)], runs=5)
    print(f"bare interpreter        {bare:.3f} s")
    print(f"fzbg --help             {help_:.3f} s   (+{help_ - bare:.3f} s over bare; target ≤ 0.300)")
    print(f"fzbg render (梅县 seed)  {render:.3f} s   (target ≤ 1.000; {render / bare:.1f}× bare)")
    print(f"fzbg check  (梅县 seed)  {check:.3f} s   (target ≤ 0.500; {check / bare:.1f}× bare)")


if __name__ == "__main__":
    main()
