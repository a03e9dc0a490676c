"""PDF in bulk: fzbg bulk --format pdf of N reports against ONE LibreOffice call over the same .docx files.

Target (issue 20, 2-core machine): the whole bulk run (validation, .docx rendering, conversion, moving the
PDFs into place, 汇总.xlsx) of 64 reports with --jobs 2 within 1.2× of one soffice call converting the
64 .docx files it produces. Batches are balanced, one LibreOffice start per worker, each worker keeping
one private profile (generator/bulk/execute.py, generator/office.py).

Run: python benchmarks/pdf_batch.py [N] [--jobs J]      (default N=64, J=2; needs LibreOffice)
Works from a plain ``pip install .`` (the package as installed; the example files from this checkout).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _common import BASE, example_rows, make_sheet

TARGET_RATIO = 1.2


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=64)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    from generator.bulk import BulkOptions, run_bulk
    from generator.render.pdf import docx_to_pdf_batch, find_soffice

    if find_soffice() is None:
        print("LibreOffice (soffice) not found: cannot run this benchmark")
        return 1
    with tempfile.TemporaryDirectory(prefix="fzbg-bench-") as tmp:
        folder = Path(tmp)
        sheet = folder / "bureaus.xlsx"
        make_sheet(sheet, example_rows(args.count))
        docx = run_bulk(BulkOptions(base=BASE, data=sheet, outdir=folder / "docx", jobs=args.jobs))
        sources = [folder / "docx" / o.file_name for o in docx.outcomes]
        docx_to_pdf_batch(sources[:1], folder / "warmup")  # disk cache, fontconfig cache

        start = time.perf_counter()
        pdfs = docx_to_pdf_batch(sources, folder / "one-call")
        one_call = time.perf_counter() - start
        assert len(pdfs) == args.count

        start = time.perf_counter()
        result = run_bulk(BulkOptions(base=BASE, data=sheet, outdir=folder / "pdf", jobs=args.jobs, format="pdf"))
        bulk = time.perf_counter() - start
        if result.failed:
            print(f"{result.failed} reports failed: {result.problems[:2]}")
            return 1

    ratio = bulk / one_call
    print(f"{args.count} reports → PDF, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(f"one soffice call over the .docx files     {one_call:6.2f} s   ({one_call / args.count:.3f} s per file)")
    print(f"fzbg bulk --format pdf --jobs {args.jobs}           {bulk:6.2f} s   ({bulk / args.count:.3f} s per file,"
          " everything included)")
    print(f"ratio bulk / one call                     {ratio:6.2f}×  (target ≤ {TARGET_RATIO}×) "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
