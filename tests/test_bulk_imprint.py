"""Bulk formal reports get their 版记 on the foot of an even last page, as ``fzbg render`` gives them.

A real .xlsx of bureaus whose bodies end at different places on the page goes through ``run_bulk``; the
written .docx files are converted in ONE LibreOffice call and measured (tests/pdfmeasure.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from pdfmeasure import TEXT_BOTTOM_MM, TEXT_WIDTH_MM, convert_to_pdf, measure

from generator.bulk import BulkOptions, run_bulk
from generator.bulk.models import Status

pytestmark = [pytest.mark.layout, pytest.mark.slow]

BASE = """\
year: 2025
agency:
  name: 占位分局
  superior: 江州市公安局
document:
  date: 2026-01-12
  signer: 周立新
  copy_to: [江州市人民检察院, 江州市中级人民法院, 江州市司法局, 江州市人民政府办公室, 青山区人民政府, 青山区人民检察院]
opening: 2025年，{{ 简称 }}坚持以习近平法治思想为指导，全面推进法治公安建设。现将有关情况报告如下：
parts:
  - kind: measures
    heading: 主要举措和成效
    content:
      - "{{ 正文 }}"
  - kind: shortcomings
    heading: 存在的不足和原因
    content:
      - 执法监督信息化水平仍需提高，原因主要是投入不足。
  - kind: leader_duty
    heading: 党政主要负责人履行推进法治建设第一责任人职责情况
    content:
      - 主要负责人带头学法，专题研究法治建设4次。
  - kind: plans
    heading: 2026年推进法治政府建设的主要安排
    content:
      - 持续推进执法监督信息化建设。
closing: 特此报告
"""
ALPHABET = "春夏秋冬山川河流星辰风雨雷电云雾江湖海洋花草树木鸟兽虫鱼"
# Body lengths in characters (28 a line): the text ends on page 1, near the foot of page 2, and on page 3.
BODY_CHARS = [280, 28 * 14, 28 * 15 + 10, 28 * 16 + 10, 28 * 17 + 20, 28 * 33, 28 * 36]


def body(chars: int) -> str:
    text = "".join(ALPHABET[i % len(ALPHABET)] for i in range(chars - 1))
    return "".join(text[i : i + 26] + "，" for i in range(0, len(text), 27))[: chars - 1] + "。"


def bureaus_case(tmp_path: Path) -> tuple[Path, Path]:
    """BASE and a real .xlsx of one bureau per length of BODY_CHARS."""
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["机关全称", "简称", "发文字号", "正文"])
    for i, chars in enumerate(BODY_CHARS, start=1):
        sheet.append([f"江州市公安局第{i}分局", f"第{i}分局", f"江公报字〔2026〕{i}号", body(chars)])
    data = tmp_path / "bureaus.xlsx"
    book.save(data)
    return base, data


def test_bulk_formal_reports_have_the_imprint_at_the_foot_of_an_even_last_page(
    tmp_path: Path, soffice: str, pdfplumber
) -> None:
    base, data = bureaus_case(tmp_path)
    outdir = tmp_path / "out"
    result = run_bulk(BulkOptions(base=base, data=data, outdir=outdir, jobs=1))
    assert [o.status for o in result.outcomes] == [Status.ok] * len(BODY_CHARS), [o.error for o in result.outcomes]
    assert not any("双页" in note for note in result.notes), result.notes
    files = [outdir / o.file_name for o in result.outcomes]
    layouts = [measure(pdf, ink=False) for pdf in convert_to_pdf(files, tmp_path / "pdf", timeout=600)]
    moved_on = 0
    for path, layout in zip(files, layouts, strict=True):
        pages = layout.pages
        rules = [g for g in pages[-1].rules if g.width > TEXT_WIDTH_MM - 2]
        assert len(rules) == 3, f"{path.name}: {len(rules)} 版记 rules on the last page"
        assert abs(rules[-1].y - TEXT_BOTTOM_MM) <= 1.0, f"{path.name}: last rule at {rules[-1].y:.2f} mm"
        assert len(pages) % 2 == 0, f"{path.name}: the 版记 is on odd page {len(pages)}"
        for page in pages[1:-1]:  # page 1 has the red rule under the 版头
            assert not [g for g in page.rules if g.width > TEXT_WIDTH_MM - 2], f"{path.name}: 版记 split"
        if not any(line.baseline < rules[0].y for line in pages[-1].lines):
            moved_on += 1  # the 版记 alone on its page, or after a blank page: the even-page step acted
            if not pages[-2].lines:
                assert pages[-2].page_number is None and pages[-1].page_number is None, "7.5: no number"
    assert moved_on, "no bureau needed the 版记 moved: the body lengths no longer reach the case"
