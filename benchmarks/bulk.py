"""Bulk throughput, in one run: fzbg's worker vs stock docxtpl vs the zip floor, --jobs 1 vs --jobs 2.

Targets (issue 20, 2-core machine): the worker's cost per report (render, post-process, write the file)
≤ 0.15× stock docxtpl (new template object, render, save) and ≤ 3× the zip floor (deflating the parts of
the same rendered package, nothing else); ≥ 1.7× speed-up from --jobs 1 to --jobs 2 on an idle machine.
``--memory N`` also runs N bureaus with --jobs 2 in a child process and prints its largest process
(VmHWM of the parent, ru_maxrss of the workers): target ≤ 250 MB at 10,050 rows (refused: over the
10,000-row limit, see docs/bulk.md) and at 10,000.

Run: python benchmarks/bulk.py [N] [--memory M] [--worker-only]   (default N=200; writes only to a temporary
folder; --worker-only skips the whole runs, which take most of the time, while iterating on the worker)
Works from a plain ``pip install .`` (the package is imported as installed; examples/ comes from here).
Each figure is the best of REPEATS runs: other work on the machine only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from _common import BASE, ROOT, best_of, example_rows, make_sheet

REPEATS = 3


def stock_docxtpl(contexts: list[dict], template: bytes) -> float:
    """Seconds per document for stock docxtpl: new template object, sandboxed strict env, render, save."""
    from docxtpl import DocxTemplate

    from generator.render.docx import jinja_environment

    def run() -> None:
        for context in contexts:
            document = DocxTemplate(io.BytesIO(template))
            document.render(context, jinja_env=jinja_environment(), autoescape=True)
            document.save(io.BytesIO())

    return best_of(REPEATS, run) / len(contexts)


def zip_floor(packages: list[bytes]) -> float:
    """Seconds per document to deflate the parts of an already rendered package: no rendering at all."""
    contents = []
    for package in packages:
        with zipfile.ZipFile(io.BytesIO(package)) as source:
            contents.append([(name, source.read(name)) for name in source.namelist()])

    def run() -> None:
        for parts in contents:
            with zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as target:
                for name, data in parts:
                    target.writestr(name, data)

    return best_of(REPEATS, run) / len(packages)


def worker_per_report(jobs: list, outdir: Path, options) -> float:
    """Seconds per report in a bulk worker: (build the report from its row,) render, post-process, write.

    Each repeat writes into a new empty folder, as a run into a new OUTDIR does: replacing files of an earlier
    run costs the file system more (ext4 here: 0.11 ms per file against 0.04 ms for a new one) than any of
    fzbg's own steps, and is not part of what the comparisons (rendered to memory) do either."""
    from generator.bulk import worker
    from generator.bulk.assess import light_options
    from generator.model.vocabulary import FontProfile, OutputFormat

    worker.init_worker(None, FontProfile.gb2312, OutputFormat.docx, str(outdir), True, 600.0,
                       light_options(options), pool=False)
    settings = worker._settings
    assert settings is not None
    folders = iter(range(REPEATS + 1))

    def run() -> None:
        settings.outdir = outdir / str(next(folders))
        settings.outdir.mkdir(parents=True)
        for job in jobs:
            outcome = worker.render_job(job)
            if outcome.failed:
                raise SystemExit(f"{outcome.name}: {outcome.error}")

    return best_of(REPEATS, run) / len(jobs)


def whole_run(sheet: Path, outdir: Path, jobs: int, variant: str | None = None) -> float:
    """Best wall time of complete runs (read, validate, render, write, 汇总.xlsx), rewriting with --force.

    The example's reports are formal with their 版记 settled through LibreOffice (one call per batch), which
    dominates; ``variant="public"`` measures fzbg's own work (no LibreOffice)."""
    from generator.bulk import BulkOptions, run_bulk

    def run() -> None:
        result = run_bulk(BulkOptions(base=BASE, data=sheet, outdir=outdir, jobs=jobs, force=True, variant=variant))
        if result.failed:
            raise SystemExit(f"{result.failed} reports failed: {result.problems[:3]}")

    return best_of(REPEATS, run)


MEMORY_CHILD = """
import resource, sys
from pathlib import Path
from generator.bulk import BulkOptions, run_bulk
from generator.errors import DataError
try:
    result = run_bulk(BulkOptions(base=Path(sys.argv[1]), data=Path(sys.argv[2]), outdir=Path(sys.argv[3]), jobs=2))
    outcome = f"{result.succeeded} reports, {result.failed} failed"
except DataError as exc:
    outcome = "refused: " + exc.problems[0].message[:60]
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(outcome, int(status) // 1024, children // 1024)
"""


def memory(count: int) -> None:
    """Run *count* bureaus with --jobs 2 in a child process; print its outcome and largest processes."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "bureaus.xlsx"
        make_sheet(sheet, example_rows(count))
        start = time.perf_counter()
        found = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(BASE), str(sheet), str(Path(tmp) / "out")],
                               capture_output=True, text=True, check=True, cwd=tmp,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout.split()
        elapsed = time.perf_counter() - start
    parent, child = int(found[-2]), int(found[-1])
    largest = max(parent, child)
    print(f"memory, {count} rows, --jobs 2: {' '.join(found[:-2])} in {elapsed:.1f} s; largest process "
          f"{largest} MB (parent {parent} MB, largest worker {child} MB; target ≤ 250 MB) "
          f"{'OK' if largest <= 250 else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=200)
    parser.add_argument("--memory", type=int, action="append", default=[], help="rows for the memory run")
    parser.add_argument("--worker-only", action="store_true", help="skip the whole runs (--jobs 1 and 2)")
    args = parser.parse_args()
    count = args.count
    import generator
    from generator.bulk import BulkOptions
    from generator.bulk.assess import Assessor, light_options
    from generator.bulk.prepare import prepare
    from generator.render.context import build_context
    from generator.render.docx import default_template_bytes

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = folder / "bureaus.xlsx"
        make_sheet(sheet, example_rows(count))
        options = BulkOptions(base=BASE, data=sheet, outdir=folder / "unused")
        plan = prepare(options)
        assessor = Assessor(light_options(options), check=False)
        with_reports = [job.model_copy(update={"report": assessor.report(job.record)}) for job in plan.jobs]
        contexts = [build_context(job.report, job.variant).model_dump() for job in with_reports]
        template = default_template_bytes()
        stock_docxtpl(contexts[:3], template)  # imports warmed up
        stock = stock_docxtpl(contexts, template)
        worker = worker_per_report(with_reports, folder / "worker", options)
        rebuilding = worker_per_report(plan.jobs, folder / "rebuilding", options)  # as in a run: built from the row
        packages = [(folder / "worker" / "0" / job.file_name).read_bytes() for job in plan.jobs]
        floor = zip_floor(packages)
        if not args.worker_only:
            one = whole_run(sheet, folder / "out1", 1)
            two = whole_run(sheet, folder / "out2", 2)
            public_one = whole_run(sheet, folder / "public1", 1, "public")
            public_two = whole_run(sheet, folder / "public2", 2, "public")

    where = Path(generator.__file__).parent
    print(f"N = {count} reports, {os.cpu_count()} CPUs, fzbg from {where}"
          f"{' (checkout)' if where.parent == ROOT else ' (installed)'}, load {os.getloadavg()[0]:.1f}")
    print(f"stock docxtpl render+save      {stock * 1000:6.2f} ms/report")
    print(f"zip floor (deflate the parts)  {floor * 1000:6.2f} ms/report")
    print(f"fzbg bulk worker               {worker * 1000:6.2f} ms/report   "
          f"= {worker / stock:.2f}× stock docxtpl (target ≤ 0.15)   = {worker / floor:.2f}× zip floor (target ≤ 3)")
    print(f"  with the report built again from its row (as a run does)  {rebuilding * 1000:6.2f} ms/report")
    if not args.worker_only:
        print(f"bulk --jobs 1 whole run        {one:6.2f} s   {one / count * 1000:6.2f} ms/report   {count / one:7.1f} reports/s")
        print(f"bulk --jobs 2 whole run        {two:6.2f} s   {two / count * 1000:6.2f} ms/report   {count / two:7.1f} reports/s"
              f"   speed-up {one / two:.2f}× (target ≥ 1.7 on an idle machine)")
        print(f"public (no LibreOffice) --jobs 1 {public_one:6.2f} s   {public_one / count * 1000:6.2f} ms/report")
        print(f"public (no LibreOffice) --jobs 2 {public_two:6.2f} s   {public_two / count * 1000:6.2f} ms/report"
              f"   speed-up {public_one / public_two:.2f}× (target ≥ 1.7 on an idle machine)")
    for rows in args.memory:
        memory(rows)


if __name__ == "__main__":
    main()
