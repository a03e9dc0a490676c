"""Line breaking that the XML decides (docs/word-wps.md): measured in LibreOffice's PDF.

The template writes ``w:overflowPunct w:val="1"`` and ``w:autoSpaceDE/DN w:val="0"`` in every style. These
tests pin what LibreOffice does with them, against text.measure.line_count (which the 版记 placement uses):
no closing mark hangs past the 版心's right edge — the character before it moves down with it. (autoSpaceDE/DN
is not pinned here: LibreOffice was measured to put the same ≈0.2 em between Han and digits whatever it says.)
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from pdfmeasure import convert_to_pdf, measure

from generator.api import load_report
from generator.render.docx import render_docx_bytes
from generator.render.gbt9704 import MARGIN_LEFT, TEXT_WIDTH
from generator.text.measure import line_count

REPO = Path(__file__).resolve().parent.parent
HAN = "法治政府建设年度报告依法行政执法监督规范公正文明" * 3
RIGHT_EDGE_MM = (MARGIN_LEFT + TEXT_WIDTH) / 1440 * 25.4  # twips → mm from the page's left edge
TEXTS = [HAN[:26] + "，" + HAN[:20] + "。", HAN[:26] + "。" + HAN[:10]]


def with_bodies(texts: list[str], styles_edit=None) -> bytes:
    """A public rendering whose first body paragraphs are *texts* (the template's styles, optionally edited)."""
    report, _ = load_report(REPO / "examples" / "minimal.yaml")
    document = docx.Document(io.BytesIO(render_docx_bytes(report, variant="public")))
    bodies = [p for p in document.paragraphs if p.style.style_id == "Body"]
    for paragraph, text in zip(bodies, texts, strict=False):
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    if styles_edit is None:
        return buffer.getvalue()
    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            target.writestr(info, styles_edit(blob.decode()).encode() if info.filename == "word/styles.xml" else blob)
    return out.getvalue()


def test_libreoffice_breaks_as_the_template_says(tmp_path, soffice) -> None:
    """Verify in the PDF: no mark hangs, the lines are what line_count predicts; a control shows hanging when
    the element is left out (LibreOffice reads val=1 as "no hanging", the opposite of Word)."""
    ours = tmp_path / "ours.docx"
    ours.write_bytes(with_bodies(TEXTS))
    omitted = tmp_path / "omitted.docx"
    omitted.write_bytes(with_bodies(TEXTS, lambda xml: xml.replace('<w:overflowPunct w:val="1"/>', "")))
    layouts = [measure(pdf) for pdf in convert_to_pdf([ours, omitted], tmp_path / "pdf")]
    lines = ["".join(line.text.split()) for line in layouts[0].pages[0].lines]
    for text in TEXTS:
        start = next(i for i, line in enumerate(lines) if line and text.startswith(line[:8]))
        taken, count = "", 0
        while len(taken) < len(text):
            taken += lines[start + count]
            count += 1
        assert count == line_count(text), text
    assert max(line.x1 for line in layouts[0].pages[0].lines) <= RIGHT_EDGE_MM + 0.4
    assert max(line.x1 for line in layouts[1].pages[0].lines) > RIGHT_EDGE_MM + 3  # the control: ， hangs
