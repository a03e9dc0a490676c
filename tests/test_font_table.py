"""word/fontTable.xml (render/font_table.py): every font an output names is declared, with its charset."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.api import load_report
from generator.render.docx import default_template_bytes, render_docx_bytes

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMED_IN = re.compile(r"word/(document|styles|footer\d*|header\d*)\.xml")


def named(docx: bytes) -> set[str]:
    """Every font name the parts of *docx* use in a run's fonts (read with lxml, not fzbg's own regex)."""
    names: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for part in package.namelist():
            if NAMED_IN.fullmatch(part):
                for rfonts in etree.fromstring(package.read(part)).iter(f"{W}rFonts"):
                    names |= {rfonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
    return names


def declared(docx: bytes) -> dict[str, dict[str, str]]:
    """Font name → {child element: its w:val} of the package's font table, reached through the document's rels."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        target = re.search(r'Type="[^"]*/fontTable" Target="([^"]+)"', rels) or re.search(
            r'Target="([^"]+)"[^>]*Type="[^"]*/fontTable"', rels)
        assert target, "no font table relationship"
        types = package.read("[Content_Types].xml").decode()
        assert f'PartName="/word/{target.group(1)}" ContentType="application/vnd.openxmlformats-officedocument.' \
               'wordprocessingml.fontTable+xml"' in types
        root = etree.fromstring(package.read(f"word/{target.group(1)}"))
    table: dict[str, dict[str, str]] = {}
    for font in root.iter(f"{W}font"):
        name = font.get(f"{W}name")
        assert name not in table, f"{name} declared twice"
        table[name] = {child.tag.removeprefix(W): child.get(f"{W}val") for child in font}
    return table


def assert_declares_every_font(docx: bytes) -> dict[str, dict[str, str]]:
    table = declared(docx)
    fonts = named(docx)
    assert fonts and fonts <= set(table), fonts - set(table)
    for name in fonts:
        entry = table[name]
        chinese = any(ord(ch) > 0x2E80 for ch in name)
        assert entry["charset"] == ("86" if chinese else "00"), (name, entry)  # 86 = GB2312_CHARSET
        assert entry["family"] and entry["pitch"], (name, entry)
    return table


@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
@pytest.mark.parametrize("variant", ["formal", "public"])
def test_every_output_declares_its_fonts(variant: str, fonts: str) -> None:
    """Verify formal and public, in both profiles, declare each named font with altName and PANOSE."""
    report, _ = load_report(EXAMPLES / "seed-haizhu-2024.yaml")
    table = assert_declares_every_font(render_docx_bytes(report, variant=variant, fonts=fonts))
    body = "仿宋_GB2312" if fonts == "gb2312" else "仿宋"
    assert table[body]["altName"] in ("FangSong_GB2312", "FangSong")
    assert len(table[body]["panose1"]) == 20
    assert table["Times New Roman"]["family"] == "roman"


def test_bulk_output_declares_its_fonts() -> None:
    """Verify the bulk worker's rendering carries the same font table."""
    from generator.bulk.worker import CompilingOnceEnvironment, render_bytes

    report, _ = load_report(EXAMPLES / "minimal.yaml")
    data = render_bytes(report, "formal", "windows", default_template_bytes(), CompilingOnceEnvironment())
    assert "仿宋" in assert_declares_every_font(data)


def _edited(edit_styles, drop_table: bool, own_table: str | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "word/styles.xml":
                blob = edit_styles(blob.decode()).encode()
            if info.filename == "word/fontTable.xml":
                if drop_table:
                    continue
                if own_table is not None:
                    blob = own_table.encode()
            if drop_table and info.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                blob = re.sub(rb"<(Override|Relationship)\b[^>]*fontTable[^>]*/>", b"", blob)
            target.writestr(info, blob)
    return out.getvalue()


def test_custom_template_without_a_table_gets_one_with_its_own_font(tmp_path) -> None:
    """Verify a template naming a font fzbg does not know (and no font table) gets it declared as GB2312."""
    from generator.render.custom_template import load_custom_template

    def own_font(xml: str) -> str:
        # a style of the agency's own, which no font profile rewrites
        return xml.replace("</w:styles>", '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Own">'
                           '<w:name w:val="本局批注"/><w:rPr><w:rFonts w:ascii="Arial" w:eastAsia="方正黑体_GBK"/>'
                           "</w:rPr></w:style></w:styles>")

    path = tmp_path / "mine.docx"
    path.write_bytes(_edited(own_font, drop_table=True))
    report, _ = load_report(EXAMPLES / "minimal.yaml")
    table = assert_declares_every_font(render_docx_bytes(report, template=load_custom_template(path)[0]))
    assert table["方正黑体_GBK"]["charset"] == "86" and table["Arial"]["charset"] == "00"


def test_a_templates_own_table_is_extended_not_duplicated(tmp_path) -> None:
    """Verify a template's font table (as Word writes one) keeps its entries and gains the missing fonts."""
    from generator.render.custom_template import load_custom_template

    own = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.'
           'org/wordprocessingml/2006/main"><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/>'
           '<w:family w:val="modern"/><w:pitch w:val="fixed"/><w:sig w:usb0="800002BF" w:usb1="38CF7CFA" '
           'w:usb2="00000016" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/></w:font></w:fonts>')
    path = tmp_path / "mine.docx"
    path.write_bytes(_edited(lambda xml: xml, drop_table=False, own_table=own))
    report, _ = load_report(EXAMPLES / "minimal.yaml")
    table = assert_declares_every_font(render_docx_bytes(report, fonts="windows",
                                                         template=load_custom_template(path)[0]))
    assert "sig" in table["黑体"]  # Word's own entry kept as it was
    assert "仿宋" in table and "楷体" in table
