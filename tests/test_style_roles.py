"""A custom template keeps every adjustment after a re-save: style roles are found by name (render/style_roles.py).

The templates here are not made by fzbg alone: one is really round-tripped through LibreOffice (which writes
Style19 … as ids), one carries the ids Word's Chinese locale writes ("a", "1", "a3", "10" …). Both are rendered
with ``--fonts windows`` and measured in the PDF against the default template's rendering.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pdfmeasure import Layout, Line, convert_to_pdf, measure
from shared import edited_template

from generator.api import load_report
from generator.render.custom_template import load_custom_template
from generator.render.docx import default_template_bytes, render_docx_bytes
from generator.render.style_roles import STYLE_NAMES, canonical_styles, missing_roles

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "minimal.yaml"
LONG_NAME = "江州市公安局青山区经济技术开发区分局"
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
STYLED = re.compile(r"word/(document|styles|footer\d*|header\d*)\.xml")

# The ids Word (Chinese UI) gives on saving: built-in Normal is "a", headings "1".."4", custom styles "a0", "10"…
WORD_IDS = {"Normal": "a", "DefaultParagraphFont": "a0", "Heading1": "1", "Heading2": "2", "Heading3": "3",
            "Heading4": "4", "Mark": "10", "Body": "a3", "FzTitle": "a4", "SignatureName": "a5", "SignatureDate": "a6"}


def with_ids(data: bytes, mapping: dict[str, str]) -> bytes:
    """*data* with style ids (definitions and references) renamed as another program would save them."""
    ids = "|".join(re.escape(k) for k in mapping)
    pattern = re.compile(r'(w:styleId="|<w:(?:pStyle|rStyle|basedOn|next|link) w:val=")(' + ids + r')"')
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if STYLED.fullmatch(info.filename):
                blob = pattern.sub(lambda m: f'{m.group(1)}{mapping[m.group(2)]}"', blob.decode()).encode()
            target.writestr(info, blob)
    return out.getvalue()


def word_locale_template() -> bytes:
    others = [sid for sid in STYLE_NAMES if sid not in WORD_IDS]
    return with_ids(default_template_bytes(), WORD_IDS | {sid: f"a{7 + n}" for n, sid in enumerate(others)})


def style_font(docx: bytes, name: str) -> str:
    """The East-Asian font of the style named *name* in a rendered .docx."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode()
    for body in re.findall(r"<w:style\b[^>]*>(.*?)</w:style>", xml, re.DOTALL):
        if f'<w:name w:val="{name}"/>' in body:
            return re.search(r'w:eastAsia="([^"]*)"', body).group(1)
    raise AssertionError(f"no style {name}")


def test_word_locale_ids_are_put_back() -> None:
    """Verify Word's ids are rewritten to fzbg's everywhere (no reference left to an id that no longer exists)."""
    data = canonical_styles(word_locale_template())
    package = zipfile.ZipFile(io.BytesIO(data))
    styles = package.read("word/styles.xml").decode()
    defined = set(re.findall(r'w:styleId="([^"]*)"', styles))
    assert set(STYLE_NAMES) <= defined and "Normal" in defined
    for part in ("word/document.xml", "word/footer1.xml", "word/styles.xml"):
        used = set(re.findall(r'<w:(?:pStyle|rStyle|basedOn) w:val="([^"]*)"', package.read(part).decode()))
        assert used and used <= defined, part


def test_template_check_names_every_role_it_cannot_find(tmp_path, cli) -> None:
    """Verify ``template check`` fails (exit 1) on a file whose role names were changed, naming them in Chinese."""
    def renamed(text: str) -> str:
        for old in ("发文机关标志", "署名", "成文日期"):
            text = text.replace(f'<w:name w:val="{old}"/>', f'<w:name w:val="样式{len(old)}{old[0]}x"/>')
        return text

    path = tmp_path / "renamed.docx"
    path.write_bytes(edited_template("word/styles.xml", renamed))
    code, stdout, stderr = cli("template", "check", path)
    assert code == 1, stdout + stderr
    message = stdout + stderr
    for name in ("“发文机关标志”", "“署名”", "“成文日期”"):
        assert name in message
    assert "检查通过" not in message
    assert missing_roles(path.read_bytes()) == ["Mark", "SignatureName", "SignatureDate"]


def date_and_name(layout: Layout) -> tuple[Line, Line]:
    """The 成文日期 line and the 署名 line above it (the last date line of the document)."""
    for page in reversed(layout.pages):
        lines = page.lines
        for index in range(len(lines) - 1, 0, -1):
            if DATE.fullmatch("".join(lines[index].text.split())):
                return lines[index], lines[index - 1]
    raise AssertionError("no 成文日期 line")


def test_resaved_templates_keep_every_adjustment(tmp_path, cli, soffice) -> None:
    """Verify a LibreOffice-resaved and a Word-id template give 仿宋 bodies, the 标志 size and the 落款 placement.

    Measured in the PDF against the default template; a template whose role names were lost is the control
    that shows the measurement sees the difference.
    """
    from generator.office import convert_batch

    exported = tmp_path / "exported.docx"
    assert cli("template", "export", "-o", exported).code == 0
    converted, log = convert_batch([exported], tmp_path / "lo", "docx")
    resaved = converted[exported]
    styles = zipfile.ZipFile(resaved).read("word/styles.xml").decode()
    assert 'w:styleId="Mark"' not in styles and "发文机关标志" in styles  # LibreOffice did rename the ids
    word = tmp_path / "word.docx"
    word.write_bytes(word_locale_template())
    for template in (resaved, word):
        result = cli("template", "check", template)
        assert result.code == 0 and "检查通过" in result.out, result.out + result.err
    lost = tmp_path / "lost.docx"  # fzbg's ids kept, the 标志's name changed: a role is never found by id alone
    lost.write_bytes(_mark_name_lost(default_template_bytes()))

    report, _ = load_report(EXAMPLE)
    # a name too wide for one line at 36 pt: fit_mark shrinks it, to a size no template carries
    report = report.model_copy(update={"agency": report.agency.model_copy(update={"name": LONG_NAME})})
    docs = {}
    for label, template in (("default", None), ("lo", resaved), ("word", word), ("lost", lost)):
        data = None if template is None else load_custom_template(template)[0]
        docx = render_docx_bytes(report, variant="formal", fonts="windows", template=data)
        docs[label] = tmp_path / f"{label}.docx"
        docs[label].write_bytes(docx)
        if label != "lost":
            assert style_font(docx, "正文") == "仿宋", label
    pdfs = dict(zip(docs, convert_to_pdf(list(docs.values()), tmp_path / "pdf"), strict=True))
    layouts = {label: measure(pdf) for label, pdf in pdfs.items()}
    reference = layouts["default"]
    mark_size = reference.pages[0].red_glyphs[0].size
    assert mark_size < 36  # the long agency name was shrunk by fit_mark: a size the template does not carry
    date, name = date_and_name(reference)
    for label in ("lo", "word"):
        layout = layouts[label]
        assert layout.pages[0].red_glyphs[0].size == pytest.approx(mark_size, abs=0.1), label
        other_date, other_name = date_and_name(layout)
        assert other_date.x0 == pytest.approx(date.x0, abs=0.3), label
        assert other_name.x0 == pytest.approx(name.x0, abs=0.3), label
        print(f"{label}: 标志 {layout.pages[0].red_glyphs[0].size:g} pt, 署名 x0 {other_name.x0:.2f} mm, "
              f"日期 x0 {other_date.x0:.2f} mm (default {name.x0:.2f} / {date.x0:.2f})")
    assert layouts["lost"].pages[0].red_glyphs[0].size != pytest.approx(mark_size, abs=0.1)
    assert date_and_name(layouts["lost"])[0].x0 != pytest.approx(date.x0, abs=0.3)


def _mark_name_lost(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "word/styles.xml":
                blob = blob.replace("发文机关标志".encode(), "红头".encode()).replace(
                    '"成文日期"'.encode(), '"日期"'.encode())
            target.writestr(info, blob)
    return out.getvalue()
