"""PDF conversion: one soffice call per file vs one call for the whole batch (issue 7: at least 4× faster).

Renders N reports (default 16: the seed examples, formal and public, repeated) to .docx, then converts
them to PDF twice through ``generator.render.pdf.docx_to_pdf_batch``: once file by file (N LibreOffice runs),
once all together (one run). Prints both wall times and the ratio.

Run: python benchmarks/pdf_batch.py [N]      (needs LibreOffice)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.api import load_report  # noqa: E402
from generator.render.docx import render_docx_bytes  # noqa: E402
from generator.render.pdf import docx_to_pdf_batch, find_soffice  # noqa: E402

TARGET_RATIO = 4.0


def make_docx(folder: Path, n: int) -> list[Path]:
    """Render *n* documents from the examples into *folder*."""
    reports = [load_report(path)[0] for path in sorted((ROOT / "examples").glob("*.yaml"))]
    paths = []
    for i in range(n):
        report = reports[i % len(reports)]
        variant = "formal" if (i // len(reports)) % 2 == 0 else "public"
        path = folder / f"doc{i:02d}.docx"
        path.write_bytes(render_docx_bytes(report, variant))
        paths.append(path)
    return paths


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    if find_soffice() is None:
        print("LibreOffice (soffice) not found: cannot run this benchmark")
        return 1
    with tempfile.TemporaryDirectory(prefix="fzbg-bench-") as tmp:
        folder = Path(tmp)
        docs = make_docx(folder, n)
        docx_to_pdf_batch(docs[:1], folder / "warmup")  # disk cache, fontconfig cache

        start = time.perf_counter()
        for doc in docs:
            docx_to_pdf_batch([doc], folder / "single")
        single = time.perf_counter() - start

        start = time.perf_counter()
        pdfs = docx_to_pdf_batch(docs, folder / "batch")
        batch = time.perf_counter() - start
        assert len(pdfs) == n and all(p.stat().st_size > 0 for p in pdfs)

    ratio = single / batch
    print(f"{n} reports → PDF")
    print(f"one soffice call per file   {single:6.2f} s   ({single / n:.2f} s per file)")
    print(f"one soffice call for all    {batch:6.2f} s   ({batch / n:.2f} s per file)")
    print(f"ratio                       {ratio:6.1f}×   (target ≥ {TARGET_RATIO:.0f}×)")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
