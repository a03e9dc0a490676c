"""Every layout number of GB/T 9704-2012 《党政机关公文格式》 as fzbg writes it, in one place.

The template builder (tools/build_templates.py), the pagination model, the post-processing of rendered
documents and title splitting all read these names; none of them writes a layout number of its own, so
changing the grid here changes every step that depends on it. Units are those of WordprocessingML:
twips (tw, 1/20 pt) for lengths, half-points for font sizes, eighths of a point for rules. Clause numbers
are those of the standard; docs/layout.md explains the choices and how they were measured.

This module holds data only and imports nothing, so any step may read it.
"""

from __future__ import annotations

TW_PER_PT = 20
TW_PER_MM = 56.692913  # 1440 tw per inch / 25.4 mm
EMU_PER_TW = 635  # python-docx lengths are EMU

# --- Paper and 版心 (4.1, 5.2.1): A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (bottom 35 mm, right 26 mm).
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = 2098
MARGIN_BOTTOM = 1984
MARGIN_LEFT = 1587
MARGIN_RIGHT = 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 tw = 156 mm
TEXT_HEIGHT = 12756  # 225 mm: the 版心 height the pagination model fills
HEADER_DISTANCE = 851  # no header is used; Word's default distance
# 7.5: the page number's dash sits 7 mm below the 版心; a 25 mm footer distance puts it there (measured in LO).
FOOTER_DISTANCE = 1417

# --- Font sizes (5.2.2, 7.3.1, 7.4, 7.5), in half-points.
SIZE_2 = 44  # 2号 22 pt: the title
SIZE_3 = 32  # 3号 16 pt: every element unless stated otherwise
SIZE_4 = 28  # 4号 14 pt: 版记, page numbers
MARK_SIZE = 72  # 发文机关标志 36 pt (小初) before it is shrunk to fit the 版心 width
MARK_MAX_PT = 36  # 7.2.4 gives no size ("醒目、美观、庄重"); the 版心 width limits it
MARK_MIN_PT = 22
# A smaller 标志 sits lower in its exact-height line: LibreOffice 7.4 drops its ink top by ≈17 tw per point
# of shrinking (measured: 36 pt → 35.04 mm, 22 pt → 39.22 mm below the 版心 top). post.fit_mark takes that
# height from the gap above and gives it back below, so the top stays at 35 mm and the lines under it stay put.
MARK_DROP_PER_PT = 17

# --- The 22 × 28 grid (5.2.3). 225 mm / 22 = 579.8 tw; 579 gives 22 lines (580 gives 21, measured).
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE = 579  # one body line, exact line spacing
# 28 × 16 pt = 448 pt > 442.25 pt, so 3号 runs are tightened by 0.25 pt to a 15.75 pt pitch (-4 still gives 27).
CHAR_TIGHTEN = -5  # w:spacing of body runs, in tw
CHAR = SIZE_3 * TW_PER_PT // 2  # 320 tw: one 3号 character, the unit of 空一字 / 空二字 indents
CHAR_4 = SIZE_4 * TW_PER_PT // 2  # 280 tw: one 4号 character (版记, page numbers)
CHAR_PITCH = SIZE_3 * TW_PER_PT // 2 + CHAR_TIGHTEN  # 315 tw: where a tightened 3号 character actually ends
CJK_PT = CHAR_PITCH / TW_PER_PT  # 15.75 pt
ASCII_PT = 7.75  # half-width digits and Latin in a tightened 3号 run
ASCII_PITCH = int(ASCII_PT * TW_PER_PT)  # 155 tw
TEXT_WIDTH_PT = TEXT_WIDTH / TW_PER_PT  # 442.25 pt
PARAGRAPH_INDENT = 2 * CHAR  # 7.3.3: each paragraph 左空二字
DEFAULT_TAB_STOP = 420

# --- 版头 (7.2).
# 7.2.4: the 标志's top edge 35 mm below the 版心 top; an exact-height empty paragraph places it (35.04 mm
# measured in LibreOffice), then the 标志 takes two grid lines.
MARK_GAP = 1660
MARK_LINES = 2
NUMBER_GAP_LINES = 2  # 7.2.5: 发文字号 空二行 below the 标志
# 7.2.7: the red rule 4 mm below the 发文字号, as wide as the 版心; its thickness is not specified (1 pt used).
RED = "FF0000"
RED_RULE_SIZE = 8  # eighths of a point: 1 pt
RED_RULE_SPACE = 7  # pt between the 发文字号 text and its bottom border
RED_RULE_TW = (RED_RULE_SPACE + RED_RULE_SIZE // 8) * TW_PER_PT  # 160 tw that the rule adds below the line
NUMBER_INDENT = CHAR  # 7.2.5: 上行文 发文字号 居左空一字 (a first-line indent keeps the rule 156 mm wide)
SIGNER_TAB = TEXT_WIDTH - CHAR  # 7.2.6: 签发人 居右空一字, by a right tab
TITLE_GAP_LINES = 2  # 7.3.1: 标题 空二行 below the red rule

# --- 主体 (7.3).
TITLE_LINE = LINE + LINE // 2  # 868 tw: the 2号 title lines
TITLE_LINE_WIDTH = 20  # 2号 characters across the 156 mm 版心 (442.25 / 22 pt = 20.1)
RECIPIENT_GAP_LINES = 1  # 7.3.2: 主送 空一行 below the title
ATTACHMENT_MORE_INDENT = 5 * CHAR  # 7.3.4: a second 附件说明 line under the first name (附件：1.)
# 7.3.4: a wrapped 附件 name continues under the name's first character, so each 附件说明 paragraph hangs
# by the width of what precedes the name ("附件：", "附件：1.", "2."); post.py measures it per document.
ATTACHMENT_LABEL = "附件："
SIGNATURE_RIGHT_CHARS = 2.0  # 7.3.5.2: 署名 右空二字 (unsealed)
DATE_SHIFT_CHARS = 2.0  # 7.3.5.2: the date starts two characters right of the 署名's first character
# 7.3.5.1 (sealed): 成文日期右空四字, the 署名 centred over the date, the seal pressing on both with its top
# within one line of the body. A 42 mm seal is about four grid lines; centred a little above the 署名/date
# pair it reaches 2 lines up, so two blank lines keep it off the body (one line: it covers 特此报告。) and
# its top within one line of the body (three lines: too far).
SEALED_DATE_RIGHT_CHARS = 4.0
# 7.3.5.5 / §2.5: a last body paragraph of at most this many lines travels with the 署名 after a 结束语;
# a longer one stays and the 结束语 alone carries body text onto the 署名 page (render/post.py).
SIGNATURE_KEEP_LINES = 3
SEAL_GAP_LINES = 2

# --- 版记 (7.4): as wide as the 版心; first and last rules 0.35 mm, the rules between 0.25 mm.
IMPRINT_THICK = 8  # eighths of a point: ≈0.35 mm
IMPRINT_THIN = 6  # ≈0.25 mm
IMPRINT_INDENT = CHAR_4  # 7.4.2, 7.4.3: 抄送 and 印发机关 左右各空一字 (a 4号 character)
CHAR_4_PITCH = CHAR_4 + CHAR_TIGHTEN  # 275 tw: a tightened 4号 character
# 7.4.3: 印发日期 右空一字. Tab stops count from the cell edge, not from the paragraph's indent (Word and
# LibreOffice alike; measured: TEXT_WIDTH - 2 characters ended the date 9.8 mm from the right).
IMPRINT_TAB = TEXT_WIDTH - CHAR_4
# 7.4.2: the 抄送 line's continuation lines start after "抄送：": the paragraph hangs by those 3 characters.
COPY_TO_HANG = 3 * CHAR_4_PITCH
# A row of 519 tw plus its 1 pt rules and the 1 pt paragraph after the table fill exactly one 579 tw line,
# so the table's last rule can land on the 版心 bottom (pagination.py pads blank lines before it).
IMPRINT_LINE = LINE - 60
IMPRINT_BORDERS_TW = 60  # the two 1 pt rules and the 1 pt paragraph after the table
IMPRINT_END_LINE = 20  # the 1 pt paragraph LibreOffice needs after a table that ends the body
IMPRINT_END_SIZE = 2

# --- 页码 (7.5): 4号 half-width 宋体 digits between 一字线; odd pages 居右空一字, even pages 居左空一字.
PAGE_NUMBER_INDENT = CHAR_4
PAGE_NUMBER_LINE = 360
PAGE_NUMBER_DASH = "\u2014"  # 一字线

# --- The pagination model's page header (formal version): gap, 标志, 空二行, 发文字号 with its rule, 空二行.
FORMAL_HEADER_TW = (MARK_GAP + MARK_LINES * LINE + NUMBER_GAP_LINES * LINE + LINE + RED_RULE_TW
                    + TITLE_GAP_LINES * LINE)
