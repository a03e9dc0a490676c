"""``fzbg review`` reads old Word files (.doc) through LibreOffice, in one batch, without touching them."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

import pytest
import reviewfolder

from generator.review import Options, review_folder
from generator.review.model import PASSED, REFUSED, RETURN

pytestmark = pytest.mark.slow


def _to_doc(soffice: str, source: Path, folder: Path) -> Path:
    """*source* saved as a Word 97–2003 .doc by LibreOffice, as a unit's old Word would send it."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                        "doc:MS Word 97", "--outdir", str(folder), str(source)], check=True, capture_output=True,
                       timeout=120)
    return folder / (source.stem + ".doc")


def test_doc_is_converted_and_reviewed(soffice: str, tmp_path: Path) -> None:
    """Verify a .doc is read through LibreOffice like a .docx (unit, missing item, format findings), a
    corrupt .doc gets a row that says why, and neither file is changed."""
    made = reviewfolder.hand_made(tmp_path / "中山市公安局.docx")
    folder = tmp_path / "报送"
    folder.mkdir()
    doc = _to_doc(soffice, made, folder)
    bad = folder / "坏文件.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    review = review_folder(folder)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before
    rows = {s.name: s for s in review.submissions}
    assert rows[doc.name].status in (PASSED, RETURN), rows[doc.name].reason
    assert rows[doc.name].unit == "中山市公安局"
    assert 2 in rows[doc.name].missing_items
    assert rows[bad.name].status == REFUSED and "另存为 .docx" in rows[bad.name].reason


def test_benchmark_script_prints_both_times(tmp_path: Path) -> None:
    """Verify tools/bench_review.py runs end to end on a small folder and prints check, review and their ratio."""
    import os
    import sys

    from shared import REPO

    result = subprocess.run([sys.executable, str(REPO / "tools" / "bench_review.py"), "--count", "8", "--jobs", "2"],
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(REPO)),
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "fzbg check（8 个 YAML" in result.stdout and "台账 8 行" in result.stdout
    assert "比值 review / check：" in result.stdout


def test_measure_lays_the_files_out_in_libreoffice(soffice: str, pdfplumber, tmp_path: Path) -> None:
    """Verify --measure counts lines and characters in LibreOffice's PDF: an fzbg rendering has 22 × 28, the
    report edited to Word's margins and 4号 has 23 lines of 31, and python-docx's 10 pt after each paragraph
    costs the hand-made report a line per page."""
    folder = tmp_path / "报送"
    files = reviewfolder.build(folder)
    review = review_folder(folder, Options(measure=True))
    rows = {s.path: s for s in review.submissions}
    assert rows[files["fzbg"]].measured == (22, 28)
    assert rows[files["edited"]].measured == (23, 31)
    assert any(f.topic == "行数" and "实测每页 23 行" in f.message for f in rows[files["edited"]].findings)
    hand = rows[files["hand"]]
    assert hand.measured is not None and hand.measured[0] == 21
    assert any(f.topic == "行数" and "实测" in f.message for f in hand.findings)
    assert rows[files["txt"]].measured is None  # only Word files are laid out
