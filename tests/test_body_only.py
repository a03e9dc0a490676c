"""``fzbg render --body-only``: 标题 to 成文日期 without 版头 and 版记, for an OA system's 一键套红."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pdfmeasure import convert_to_pdf, measure

from generator.api import load_report
from generator.render.context import build_context

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "minimal.yaml"


def styles_used(path: Path) -> set[str]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    return set(re.findall(r'<w:pStyle w:val="([^"]*)"', xml))


def expected() -> dict[str, object]:
    report, _ = load_report(EXAMPLE)
    return build_context(report, "formal").model_dump()


def test_body_only_docx_through_the_cli(tmp_path, cli, docx_text) -> None:
    """Verify the .docx starts at the 标题, keeps 主送 and 落款, and has no 标志, 发文字号 or 版记."""
    context = expected()
    out = tmp_path / "oa.docx"
    code, stdout, stderr = cli("render", EXAMPLE, "-o", out, "--body-only")
    assert code == 0, stdout + stderr
    assert "仅正文" in stdout
    text = docx_text(out)
    assert text[0] == context["title_lines"][0]
    assert context["recipient"] and context["recipient"] in text
    assert text[-2:] == [context["signature_name"], context["signature_date"]]
    assert context["agency_mark"] not in text[:-2]  # the name appears once, as the 署名
    assert not any(context["doc_number"] in line for line in text)
    assert context["imprint"] is not None and not any("印发" in line for line in text)
    used = styles_used(out)
    assert {"FzTitle", "Recipient", "Body", "SignatureName", "SignatureDate"} <= used
    assert not used & {"Mark", "MarkGap", "DocNumber", "Imprint", "ImprintEnd"}


def test_body_only_refused_for_other_formats(tmp_path, cli) -> None:
    """Verify --body-only with a .pdf or .html output is a usage error (exit 2) and writes nothing."""
    for name in ("oa.pdf", "oa.html"):
        code, stdout, stderr = cli("render", EXAMPLE, "-o", tmp_path / name, "--body-only")
        assert code == 2 and "--body-only" in stdout + stderr
        assert not (tmp_path / name).exists()


def test_body_only_in_the_pdf(tmp_path, cli, soffice) -> None:
    """Verify in LibreOffice's PDF: no red 标志 or red rule, the title on top of page 1, the 落款 last, no 版记."""
    context = expected()
    body_only, full = tmp_path / "oa.docx", tmp_path / "full.docx"
    assert cli("render", EXAMPLE, "-o", body_only, "--body-only").code == 0
    assert cli("render", EXAMPLE, "-o", full).code == 0
    oa, reference = (measure(pdf) for pdf in convert_to_pdf([body_only, full], tmp_path / "pdf"))
    assert reference.pages[0].red_glyphs and reference.pages[0].red_graphics  # the control: 版头 present there
    first = oa.pages[0]
    assert first.red_glyphs == [] and first.red_graphics == []
    assert "".join(first.lines[0].text.split()) == "".join(context["title_lines"][0].split())
    last_lines = ["".join(line.text.split()) for line in oa.pages[-1].lines]
    assert last_lines[-2:] == [context["signature_name"], context["signature_date"]]
    assert "印发" not in oa.body_text and "印发" in reference.body_text + "".join(
        "".join(line.text for line in page.footer_lines) for page in reference.pages)
    assert oa.body_text.startswith("".join(context["title_lines"][0].split()))
