"""Build templates/report.docx: a lean docxtpl template in the GB/T 9704-2012 layout.

The template is written part by part from raw WordprocessingML rather than from python-docx's
default document, which carries Letter paper, Japanese theme fonts and dozens of unused styles
(docs/layout.md). Every number comes from generator/render/gbt9704.py, with its clause.

Run: python tools/build_templates.py   (tests/test_template.py checks the committed file is current)
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model.vocabulary import FontProfile  # noqa: E402
from generator.render.font_table import font_table_xml, named_fonts  # noqa: E402
from generator.render.fonts import FONT_PROFILES  # noqa: E402
from generator.render.gbt9704 import (  # noqa: E402
    ATTACHMENT_MORE_INDENT,
    CHAR,
    CHAR_TIGHTEN,
    COPY_TO_HANG,
    DEFAULT_TAB_STOP,
    FOOTER_DISTANCE,
    HEADER_DISTANCE,
    IMPRINT_END_LINE,
    IMPRINT_END_SIZE,
    IMPRINT_INDENT,
    IMPRINT_LINE,
    IMPRINT_TAB,
    IMPRINT_THICK,
    IMPRINT_THIN,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MARK_GAP,
    MARK_LINES,
    MARK_SIZE,
    NUMBER_INDENT,
    PAGE_HEIGHT,
    PAGE_NUMBER_INDENT,
    PAGE_NUMBER_LINE,
    PAGE_WIDTH,
    PARAGRAPH_INDENT,
    RED,
    RED_RULE_SIZE,
    RED_RULE_SPACE,
    SEAL_GAP_LINES,
    SIGNATURE_RIGHT_CHARS,
    SIGNER_TAB,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TEXT_WIDTH,
    TITLE_LINE,
)

FONTS = FONT_PROFILES[FontProfile.gb2312]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


HEADING_NAME = re.compile(r"heading [1-4]")
HEADING_ALIASES = {f"heading {n}": f"{c}级标题" for n, c in zip("1234", "一二三四", strict=True)}


def rfonts(east_asian: str, latin: str | None = None) -> str:
    latin = latin or FONTS["latin"]
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" '
        f'w:cs="{latin}" w:hint="eastAsia"/>'
    )


def run_props(font: str, size: int = SIZE_3, *, color: str | None = None, tighten: bool = True,
              latin: str | None = None) -> str:
    parts = [rfonts(font, latin)]
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if tighten:
        parts.append(f'<w:spacing w:val="{CHAR_TIGHTEN}"/>')
    parts.append(f'<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    parts.append('<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    return "".join(parts)


def para_props(  # noqa: PLR0913 - one keyword per pPr element
    *, jc: str = "both", first_line: int | None = None, left: int | None = None,
               right: int | None = None, keep_next: bool = False, outline: int | None = None,
               line: int = LINE, extra_before_spacing: str = "", tabs: str = "") -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append('<w:widowControl w:val="0"/>')  # §3 pitfall 12: keep the fixed 22-line fill
    parts.append(extra_before_spacing)
    parts.append(tabs)
    # No punctuation hanging past the margin in LibreOffice, whose PDF and pagination.line_count agree on it.
    # Its importer reads this flag inverted (measured: val=1 → no hanging; val=0 or absent → ，。 hang 6 mm
    # into the margin); Word reads it as ISO 29500 says (1 = hang). No value makes both agree: docs/word-wps.md.
    parts.append('<w:overflowPunct w:val="1"/>')
    # No extra space between Han characters and digits/Latin (Word and LibreOffice add 1/4 em by
    # default), so a line holds a predictable number of characters (pagination.py relies on it).
    # Order matters: CT_PPr is a sequence (… overflowPunct, autoSpaceDE, autoSpaceDN, … snapToGrid).
    parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>')
    parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>')
    ind = []
    if left is not None:
        ind.append(f'w:left="{left}"')
    if right is not None:
        ind.append(f'w:right="{right}"')
    if first_line is not None:
        ind.append(f'w:firstLine="{first_line}"')
    parts.append(f"<w:ind {' '.join(ind)}/>" if ind else "")
    parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "".join(parts)


def paragraph_style(style_id: str, name: str, ppr: str, rpr: str, based_on: str = "Normal") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    heading = HEADING_NAME.fullmatch(name)
    # Word's built-in headings keep Word's id and name ("heading 1", shown as 标题 1) so the navigation
    # pane and a user's own 标题 1 find them; the Chinese name goes into the aliases. Every other style has
    # an fzbg id that no built-in uses (never a built-in id under another name).
    custom = "" if heading else ' w:customStyle="1"'
    aliases = f'<w:aliases w:val="{HEADING_ALIASES[name]}"/>' if heading else ""
    return (
        f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}"><w:name w:val="{name}"/>{aliases}'
        f'{based}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def character_style(style_id: str, name: str, rpr: str) -> str:
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"<w:rPr>{rpr}</w:rPr></w:style>"
    )


def styles_xml() -> str:
    fs, kt, ht, xbs, st = (FONTS[k] for k in ("fangsong", "kaiti", "heiti", "xiaobiaosong", "songti"))
    body = para_props(first_line=PARAGRAPH_INDENT)  # 每段左空二字 (7.3.3)
    heading_ppr = lambda level: para_props(first_line=PARAGRAPH_INDENT, keep_next=True, outline=level)  # noqa: E731
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{para_props()}</w:pPr><w:rPr>{run_props(fs)}</w:rPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        paragraph_style("Body", "正文", body, run_props(fs)),
        paragraph_style("FzClosing", "结束语", para_props(first_line=PARAGRAPH_INDENT, keep_next=True), run_props(fs)),
        paragraph_style("Heading1", "heading 1", heading_ppr(0), run_props(ht)),
        paragraph_style("Heading2", "heading 2", heading_ppr(1), run_props(kt)),
        paragraph_style("Heading3", "heading 3", heading_ppr(2), run_props(fs)),
        paragraph_style("Heading4", "heading 4", heading_ppr(3), run_props(fs)),
        character_style("FzHeading1Char", "一级标题字符", rfonts(ht)),
        character_style("FzHeading2Char", "二级标题字符", rfonts(kt)),
        character_style("FzHeading3Char", "三级标题字符", rfonts(fs)),
        character_style("FzHeading4Char", "四级标题字符", rfonts(fs)),
        paragraph_style("Mark", "发文机关标志", para_props(jc="center", line=MARK_LINES * LINE),
                        run_props(xbs, MARK_SIZE, color=RED, tighten=False)),
        paragraph_style("MarkGap", "版头空白", para_props(line=MARK_GAP), run_props(fs)),
        # 发文字号 居左空一字 as a first-line indent so the red border stays 156 mm wide (§3 pitfall 7);
        # 签发人 居右空一字 by a right tab; the red line 4 mm (≈11 pt) below (7.2.7).
        paragraph_style(
            "DocNumber", "发文字号",
            para_props(jc="left", first_line=NUMBER_INDENT,
                       extra_before_spacing=f'<w:pBdr><w:bottom w:val="single" w:sz="{RED_RULE_SIZE}" '
                                            f'w:space="{RED_RULE_SPACE}" w:color="{RED}"/></w:pBdr>',
                       tabs=f'<w:tabs><w:tab w:val="right" w:pos="{SIGNER_TAB}"/></w:tabs>'),
            run_props(fs)),
        character_style("SignerName", "签发人姓名", rfonts(kt)),
        paragraph_style("FzTitle", "公文标题", para_props(jc="center", line=TITLE_LINE),
                        run_props(xbs, SIZE_2, tighten=False)),
        paragraph_style("Recipient", "主送机关", para_props(jc="left"), run_props(fs)),
        paragraph_style("Attachment", "附件说明", para_props(first_line=PARAGRAPH_INDENT), run_props(fs)),
        paragraph_style("AttachmentMore", "附件说明续行", para_props(left=ATTACHMENT_MORE_INDENT), run_props(fs)),
        paragraph_style("SignatureGap", "落款前空行", para_props(keep_next=True), run_props(fs)),
        # 署名 右空二字, date below shifted two characters right (7.3.5.2); exact indents are
        # computed per document from the text widths when rendering.
        paragraph_style("SignatureName", "署名", para_props(jc="right", right=int(SIGNATURE_RIGHT_CHARS * CHAR), keep_next=True),
                        run_props(fs)),
        paragraph_style("SignatureDate", "成文日期", para_props(jc="right", right=int(SIGNATURE_RIGHT_CHARS * CHAR)), run_props(fs)),
        # 539 tw rows: a row plus its 1 pt rules fills exactly one 579 tw grid line, so the
        # 版记's bottom rule can land on the 版心 bottom (pagination.py).
        paragraph_style("Imprint", "版记", para_props(jc="left", left=IMPRINT_INDENT, right=IMPRINT_INDENT, line=IMPRINT_LINE),
                        run_props(fs, SIZE_4)),
        paragraph_style("ImprintEnd", "版记后", para_props(line=IMPRINT_END_LINE), run_props(fs, IMPRINT_END_SIZE)),
        paragraph_style("FzPageNumber", "页码", para_props(jc="right", right=PAGE_NUMBER_INDENT, line=PAGE_NUMBER_LINE),
                        run_props(st, SIZE_4, tighten=False, latin=st)),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{run_props(fs, tighten=False)}</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        + defaults + "".join(styles) + "</w:styles>"
    )


# ---------------------------------------------------------------- document body

def p(style: str, runs: str = "", extra_ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{runs}</w:p>'


def r(text: str, char_style: str | None = None, rpr: str = "") -> str:
    style = f'<w:rStyle w:val="{char_style}"/>' if char_style else ""
    props = f"<w:rPr>{style}{rpr}</w:rPr>" if (style or rpr) else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tag(text: str) -> str:
    """A docxtpl paragraph tag ({%p … %}) alone in its own paragraph, as docxtpl requires."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def blank(style: str = "Normal") -> str:
    return p(style)


def body_loop() -> str:
    branches = []
    first = True
    for level in (1, 2, 3, 4):
        keyword = "if" if first else "elif"
        first = False
        branches.append(tag(f'{{%p {keyword} p.kind == "heading" and p.level == {level} %}}'))
        branches.append(p(f"Heading{level}", r("{{ p.head }}")))
    for level in (1, 2, 3, 4):
        branches.append(tag(f'{{%p elif p.kind == "runin" and p.level == {level} %}}'))
        branches.append(p("Body", r("{{ p.head }}", f"FzHeading{level}Char") + r("{{ p.text }}")))
    branches.append(tag("{%p else %}"))
    branches.append(p("Body", r("{{ p.text }}")))
    branches.append(tag("{%p endif %}"))
    return tag("{%p for p in paragraphs %}") + "".join(branches) + tag("{%p endfor %}")


def imprint_table() -> str:
    """版记: a 156 mm floating table whose last rule sits on the 版心 bottom by construction (7.4.1).

    Anchored vertically to the bottom margin (tblpYSpec=bottom), so neither the body's length nor the
    renderer's line breaking moves it. Horizontally it is anchored to the page at the left margin rather
    than centred in the margin: LibreOffice 7.4 imports a floating table as wide as the text area as an
    inline table (it judges that no text could wrap around it), but compares a page-anchored one with
    the page width, and then floats it (measured; docs/layout.md).
    """
    thick, thin = IMPRINT_THICK, IMPRINT_THIN  # 0.35 mm ≈ 1 pt and 0.25 mm ≈ 0.75 pt (7.4.1)
    tbl_pr = (
        '<w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
        f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{MARGIN_LEFT}" w:tblpYSpec="bottom"/>'
        '<w:tblOverlap w:val="never"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:tblBorders><w:top w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
        f'<w:bottom w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
        f'<w:insideH w:val="single" w:sz="{thin}" w:space="0" w:color="000000"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>'
    )
    cell = f'<w:tcPr><w:tcW w:w="{TEXT_WIDTH}" w:type="dxa"/></w:tcPr>'
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{IMPRINT_TAB}"/></w:tabs>'
    # 7.4.2: continuation lines of the 抄送 start after "抄送：" (a hanging indent of its three characters)
    copy_ind = (f'<w:ind w:left="{IMPRINT_INDENT + COPY_TO_HANG}" w:right="{IMPRINT_INDENT}" '
                f'w:hanging="{COPY_TO_HANG}"/>')
    copy_row = (
        f"<w:tr>{tag_cell('{%tr if imprint.copy_to %}')}</w:tr>"
        f'<w:tr><w:tc>{cell}{p("Imprint", r("{{ imprint.copy_to }}"), copy_ind)}</w:tc></w:tr>'
        f"<w:tr>{tag_cell('{%tr endif %}')}</w:tr>"
    )
    printed = (r("{{ imprint.printed_by }}") + r("{% if imprint.printed_date %}") + "<w:r><w:tab/></w:r>"
               + r("{{ imprint.printed_date }}") + r("{% endif %}"))
    printed_row = f'<w:tr><w:tc>{cell}{p("Imprint", printed, tabs)}</w:tc></w:tr>'
    return f"<w:tbl>{tbl_pr}{copy_row}{printed_row}</w:tbl>"


def tag_cell(text: str) -> str:
    return f"<w:tc><w:tcPr><w:tcW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/></w:tcPr>{tag(text)}</w:tc>"


def document_xml() -> str:
    header = (
        tag("{%p if formal %}")
        + p("MarkGap")
        + p("Mark", r("{{ agency_mark }}"))
        + blank() + blank()  # 发文字号 空二行 below the 标志 (7.2.5)
        + p("DocNumber", r("{{ doc_number }}") + r("{% if signer %}") + "<w:r><w:tab/></w:r>"
            + r("签发人：") + r("{{ signer }}", "SignerName") + r("{% endif %}"))
        + blank() + blank()  # 标题 空二行 below the red line (7.3.1)
        + tag("{%p endif %}")
    )
    title = tag("{%p for line in title_lines %}") + p("FzTitle", r("{{ line }}")) + tag("{%p endfor %}")
    title += blank()  # 主送 空一行 below the title (7.3.2)
    recipient = tag("{%p if recipient %}") + p("Recipient", r("{{ recipient }}")) + tag("{%p endif %}")
    opening = tag("{%p for text in opening %}") + p("Body", r("{{ text }}")) + tag("{%p endfor %}")
    closing = tag("{%p if closing %}") + p("FzClosing", r("{{ closing }}")) + tag("{%p endif %}")
    attachments = (
        tag("{%p if attachments %}") + p("SignatureGap")
        + tag("{%p for line in attachments %}")
        + tag("{%p if loop.first %}") + p("Attachment", r("{{ line }}"))
        + tag("{%p else %}") + p("AttachmentMore", r("{{ line }}")) + tag("{%p endif %}")
        + tag("{%p endfor %}") + tag("{%p endif %}")
    )
    signature = (
        tag("{%p if signature_name %}") + p("SignatureGap")
        # 7.3.5.1: a sealed 落款 keeps SEAL_GAP_LINES blank lines for the seal (one without a seal)
        + tag("{%p if sealed %}") + p("SignatureGap") * (SEAL_GAP_LINES - 1) + tag("{%p endif %}")
        + p("SignatureName", r("{{ signature_name }}"))
        + tag("{%p if signature_date %}") + p("SignatureDate", r("{{ signature_date }}")) + tag("{%p endif %}")
        + tag("{%p endif %}")
    )
    imprint = (
        tag("{%p if imprint %}")
        + imprint_table()
        + p("ImprintEnd")  # the floating table's anchor; Word and LibreOffice need a paragraph after a table
        + tag("{%p endif %}")
    )
    sect = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>'
    )
    body = header + title + recipient + opening + body_loop() + closing + attachments + signature + imprint
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{sect}</w:body></w:document>'
    )


def footer_xml(odd: bool) -> str:
    """“— N —”, 4号宋体; odd pages 居右空一字, even pages 居左空一字 (7.5)."""
    indent = (f'<w:ind w:right="{PAGE_NUMBER_INDENT}"/><w:jc w:val="right"/>' if odd
              else f'<w:ind w:left="{PAGE_NUMBER_INDENT}"/><w:jc w:val="left"/>')
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    para = f'<w:p><w:pPr><w:pStyle w:val="FzPageNumber"/>{indent}</w:pPr>{r("— ")}{field}{r(" —")}</w:p>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{para}</w:ftr>'


SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="{DEFAULT_TAB_STOP}"/><w:evenAndOddHeaders/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
<Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
</Relationships>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>法治政府建设年度报告</dc:title><dc:creator>fzbg</dc:creator></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>fzbg</Application></Properties>"""


def build(path: Path) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/footer1.xml": footer_xml(odd=True),
        "word/footer2.xml": footer_xml(odd=False),
        # The fonts the template names, so a template opened in Word or WPS substitutes them sensibly
        # (rendering extends the table with the fonts of the chosen profile: render/font_table.py).
        "word/fontTable.xml": font_table_xml(named_fonts(styles_xml() + document_xml() + footer_xml(odd=True))),
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            # A fixed timestamp keeps the file byte-identical between builds.
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    target = ROOT / "templates" / "report.docx"
    build(target)
    print(f"wrote {target}")
