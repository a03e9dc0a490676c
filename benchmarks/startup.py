"""Start-up and single-report timings against their targets, with the reference measured in the same run.

Targets (issue 8): ``fzbg --help`` within 0.3 s of a bare interpreter; ``fzbg render`` of one report
within 1.0 s wall; ``fzbg check`` within 0.5 s. Issue 20: ``render`` (public version: no LibreOffice)
and ``check`` of one report within 0.25 s over the bare interpreter. Each command is run as a user runs it: the ``fzbg``
console script when it is installed beside this interpreter, else ``python -m generator``.

The commands run without ``PYTHONDONTWRITEBYTECODE``: an installed package has its bytecode compiled
(pip does it), so a user never pays for compiling ~100 modules from source, and neither should the
measurement (some sandboxes and CI images set the variable).

Run: ``python benchmarks/startup.py [--runs N]``. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "seed-meixian-2024.yaml"  # the longest seed: 5 pages, formal, with 版记


def fzbg_command() -> list[str]:
    """The installed console script next to this interpreter, or the module as a fallback."""
    script = Path(sys.executable).with_name("fzbg.exe" if sys.platform == "win32" else "fzbg")
    if script.exists():
        return [str(script)]
    found = shutil.which("fzbg")
    return [found] if found else [sys.executable, "-m", "generator"]


ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall(args: list[str], runs: int) -> float:
    """Median wall time of running *args*, in seconds (after one warm-up run: file cache, bytecode)."""
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": ENV}
    subprocess.run(args, **quiet)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, **quiet)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median)")
    runs = parser.parse_args().runs
    fzbg = fzbg_command()

    bare = wall([sys.executable, "-c", "pass"], runs)
    help_ = wall(fzbg + ["--help"], runs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        render = wall(fzbg + ["render", str(EXAMPLE), "-o", str(out), "--force"], runs)
    check = wall(fzbg + ["check", str(EXAMPLE)], runs)

    with tempfile.TemporaryDirectory() as tmp:  # issue 20: one report, no LibreOffice (the public version)
        out = Path(tmp) / "out.docx"
        public = wall(fzbg + ["render", str(EXAMPLE), "--variant", "public", "-o", str(out), "--force"], runs)

    # (label, measured cost, target, what the cost is)
    rows = [
        ("fzbg --help", help_ - bare, 0.300, f"{help_:.3f} s − bare {bare:.3f} s"),
        ("fzbg render", render, 1.000, f"{render / bare:.1f}× bare interpreter"),
        ("fzbg check", check, 0.500, f"{check / bare:.1f}× bare interpreter"),
        ("render public", public - bare, 0.250, f"{public:.3f} s − bare, {public / bare:.1f}× bare (issue 20)"),
        ("check", check - bare, 0.250, f"{check:.3f} s − bare, {check / bare:.1f}× bare (issue 20)"),
    ]
    print(f"command: {' '.join(fzbg)}    example: {EXAMPLE.name}    median of {runs} runs")
    print(f"bare interpreter  {bare:.3f} s")
    missed = 0
    for label, cost, target, detail in rows:
        ok = cost <= target
        missed += not ok
        print(f"{label:<16}  {cost:.3f} s  target ≤ {target:.3f} s  ratio {cost / target:.2f}  "
              f"{'OK' if ok else 'MISSED'}   ({detail})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
