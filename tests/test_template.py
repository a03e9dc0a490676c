"""The shipped template (templates/report.docx) and its builder (tools/build_templates.py).

The committed file must be exactly what the builder makes today, and it must carry only our own styles,
none of python-docx's default document (Letter paper, theme fonts, dozens of unused styles).
"""

from __future__ import annotations

import importlib.util
import os
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.render.fonts import STYLE_ROLES

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "report.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}

# Every style the template defines, by id: paragraph styles, then character styles.
OUR_STYLES = {
    "Normal", "Body", "FzClosing", "Heading1", "Heading2", "Heading3", "Heading4", "Mark", "MarkGap", "DocNumber",
    "FzTitle", "Recipient", "Attachment", "AttachmentMore", "SignatureGap", "SignatureName", "SignatureDate",
    "Imprint", "ImprintEnd", "FzPageNumber",
    "DefaultParagraphFont", "FzHeading1Char", "FzHeading2Char", "FzHeading3Char", "FzHeading4Char", "SignerName",
}  # fmt: skip
CHARACTER_STYLES = {"DefaultParagraphFont", "FzHeading1Char", "FzHeading2Char", "FzHeading3Char", "FzHeading4Char", "SignerName"}


def load_builder():
    spec = importlib.util.spec_from_file_location("build_templates", REPO / "tools" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def committed() -> dict[str, bytes]:
    return read_parts(TEMPLATE)


@pytest.fixture(scope="module")
def styles(committed: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(committed["word/styles.xml"])


def python_docx_default_styles() -> dict[str, str]:
    """Style id → name of python-docx's bundled default template."""
    path = Path(os.path.dirname(docx.__file__)) / "templates" / "default.docx"
    root = etree.fromstring(read_parts(path)["word/styles.xml"])
    return {
        s.get(f"{{{W_NS}}}styleId"): s.find(f"{{{W_NS}}}name").get(f"{{{W_NS}}}val")
        for s in root.findall(f"{{{W_NS}}}style")
    }


# ---------------------------------------------------------------------------------------------- freshness


def test_committed_template_is_what_the_builder_makes(tmp_path: Path, committed: dict[str, bytes]) -> None:
    rebuilt = tmp_path / "report.docx"
    load_builder().build(rebuilt)
    fresh = read_parts(rebuilt)
    assert sorted(fresh) == sorted(committed)
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"templates/report.docx is stale in {stale}: run python tools/build_templates.py"


def test_builder_output_is_reproducible(tmp_path: Path) -> None:
    builder = load_builder()
    builder.build(tmp_path / "a.docx")
    builder.build(tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# ---------------------------------------------------------------------------------------------- styles


def style_ids(styles: etree._Element, kind: str | None = None) -> list[str]:
    query = "w:style" if kind is None else f'w:style[@w:type="{kind}"]'
    return [s.get(f"{{{W_NS}}}styleId") for s in styles.xpath(query, namespaces=NS)]


def test_styles_xml_defines_only_our_styles(styles: etree._Element) -> None:
    ids = style_ids(styles)
    assert len(ids) == len(set(ids)), "a style is defined twice"
    assert set(ids) == OUR_STYLES
    assert set(style_ids(styles, "character")) == CHARACTER_STYLES
    assert set(style_ids(styles, "paragraph")) == OUR_STYLES - CHARACTER_STYLES
    assert styles.xpath("w:latentStyles", namespaces=NS) == []


def test_style_names_are_not_python_docx_defaults(styles: etree._Element) -> None:
    defaults = set(python_docx_default_styles().values())
    names = {s.get(f"{{{W_NS}}}val") for s in styles.xpath("w:style/w:name", namespaces=NS)}
    # Shared: the two names Word itself requires and Word's built-in headings (so the navigation pane and a
    # user's own 标题 1 find them; their Chinese names are aliases). Every other style has a Chinese name.
    assert names & defaults == {"Normal", "Default Paragraph Font"} | {f"heading {n}" for n in range(1, 5)}


def test_headings_are_words_built_ins_and_no_built_in_id_has_another_name(styles: etree._Element) -> None:
    """Verify Heading1–4 are Word's built-ins (name "heading N", not custom, Chinese alias, outline level), and
    no other style uses an id Word gives a built-in style (Title, Closing, PageNumber …)."""
    by_id = {s.get(f"{{{W_NS}}}styleId"): s for s in styles.xpath("w:style", namespaces=NS)}
    for n, chinese in zip("1234", "一二三四", strict=True):
        style = by_id[f"Heading{n}"]
        assert style.xpath("w:name/@w:val", namespaces=NS) == [f"heading {n}"]
        assert style.get(f"{{{W_NS}}}customStyle") is None
        assert style.xpath("w:aliases/@w:val", namespaces=NS) == [f"{chinese}级标题"]
        assert style.xpath("w:pPr/w:outlineLvl/@w:val", namespaces=NS) == [str(int(n) - 1)]
    built_in_ids = {name.replace(" ", "").title().replace(" ", "") for name in python_docx_default_styles().values()}
    built_in_ids |= {"Title", "Closing", "PageNumber", "Subtitle", "Signature", "Date", "Salutation"}
    for sid, style in by_id.items():
        if sid in built_in_ids and sid not in ("Normal", "DefaultParagraphFont"):
            assert style.xpath("w:name/@w:val", namespaces=NS)[0].replace(" ", "").lower() == sid.lower(), sid


def test_document_uses_only_our_styles(committed: dict[str, bytes]) -> None:
    python_docx_only = set(python_docx_default_styles()) - OUR_STYLES
    for name in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        root = etree.fromstring(committed[name])
        used = set(root.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val", namespaces=NS))
        assert used <= OUR_STYLES, f"{name}: {used - OUR_STYLES}"
        text = committed[name].decode("utf-8")
        leaked = sorted(s for s in python_docx_only if f'"{s}"' in text)
        assert leaked == [], f"{name} names python-docx default styles {leaked}"


def test_every_style_with_fonts_has_a_font_role_or_is_a_spacer(styles: etree._Element) -> None:
    # apply_font_profile rewrites only the styles listed in fonts.STYLE_ROLES
    missing = set(OUR_STYLES) - set(STYLE_ROLES) - {"DefaultParagraphFont"}
    # Only the empty spacer paragraphs may lack a role (even they should have one: see the xfail in
    # test_render.py::test_windows_profile_leaves_no_gb2312_font_anywhere).
    assert missing <= {"MarkGap", "SignatureGap", "ImprintEnd"}
    assert set(STYLE_ROLES) <= OUR_STYLES, "STYLE_ROLES names a style the template does not define"


def test_no_theme_fonts_and_no_theme_part(committed: dict[str, bytes]) -> None:
    assert not any(name.startswith("word/theme") for name in committed)
    for name, content in committed.items():
        if name.endswith(".xml"):
            attributes = {a for e in etree.fromstring(content).iter() for a in e.attrib}
            assert not [a for a in attributes if a.lower().endswith("theme")], name


def test_template_page_is_a4_not_letter(committed: dict[str, bytes]) -> None:
    document = etree.fromstring(committed["word/document.xml"])
    [size] = document.xpath("//w:sectPr/w:pgSz", namespaces=NS)
    assert (size.get(f"{{{W_NS}}}w"), size.get(f"{{{W_NS}}}h")) == ("11906", "16838")


def test_template_opens_with_python_docx() -> None:
    document = docx.Document(str(TEMPLATE))
    assert document.settings.odd_and_even_pages_header_footer is True
    assert document.sections[0].even_page_footer.paragraphs[0].style.style_id == "FzPageNumber"
