"""Write examples/bulk/bureaus.xlsx: 14 sub-bureaus of the (fictional) 江州市公安局 with realistic figures.

The sheet looks like one a 法制支队 would send round: a title row above the header, dates as date cells,
the 出庭应诉率 as a percentage cell (stored as 0.985), a merged cell for a value several bureaus share.
Run: python examples/bulk/make_bureaus.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEADERS = [
    "机关全称", "简称", "发文字号", "签发人", "成文日期", "辖区定位", "重点工作",
    "行政处罚决定", "行政处罚决定上年", "行政许可决定", "行政复议案件", "行政诉讼案件", "负责人出庭应诉率",
    "党委会、中心组学法", "执法培训", "普法宣传活动", "法律顾问", "公职律师",
]

# name, short name, 文号 prefix, signer, 辖区定位, 重点工作, penalties (this year, last year), licences,
# reconsideration, litigation, court appearance rate, study sessions, training, publicity, advisers, lawyers
BUREAUS = [
    ("江州市公安局东城区分局", "东城区分局", "东公", "陈建华", "中心城区", "涉企执法", 14236, 13580, 8310, 41, 23, 1.0, 6, 1860, 212, 3, 4),
    ("江州市公安局西城区分局", "西城区分局", "西公", "李卫东", "老城区", "电动自行车安全治理", 11873, 12402, 6904, 35, 19, 1.0, 5, 1520, 186, 3, 3),
    ("江州市公安局南湖区分局", "南湖区分局", "南公", "王志强", "旅游景区", "旅游市场秩序整治", 9645, 9120, 5233, 28, 14, 0.955, 5, 1310, 240, 2, 3),
    ("江州市公安局北岭区分局", "北岭区分局", "北公", "张国庆", "城乡接合部", "出租屋治安管理", 8790, 8015, 4127, 22, 11, 1.0, 4, 1105, 157, 2, 2),
    ("江州市公安局江北区分局", "江北区分局", "江北公", "刘振宇", "新城区", "新业态新领域执法", 10322, 9876, 7461, 31, 17, 1.0, 5, 1432, 198, 3, 3),
    ("江州市公安局江南区分局", "江南区分局", "江南公", "赵海涛", "商贸集聚区", "涉企执法", 12014, 11530, 6788, 37, 21, 0.952, 6, 1675, 205, 3, 4),
    ("江州市公安局高新区分局", "高新区分局", "高新公", "孙明辉", "高新技术产业园区", "优化法治化营商环境", 5632, 5210, 3950, 15, 9, 1.0, 4, 980, 134, 2, 2),
    ("江州市公安局港口区分局", "港口区分局", "港公", "周立新", "港口物流枢纽", "寄递物流安全监管", 6218, 6540, 3312, 18, 8, 1.0, 4, 870, 121, 2, 1),
    ("江州市公安局经济开发区分局", "经开区分局", "经开公", "吴德明", "经济开发区", "优化法治化营商环境", 4875, 4433, 2986, 12, 6, 1.0, 4, 760, 98, 1, 2),
    ("临江县公安局", "临江县局", "临公", "郑文斌", "沿江农业县", "农村道路交通安全", 3956, 4102, 2140, 9, 5, 1.0, 4, 645, 176, 2, 1),
    ("青山县公安局", "青山县局", "青公", "冯志远", "山区县", "森林防火和护林执法", 2817, 2690, 1565, 7, 3, 1.0, 4, 520, 143, 1, 1),
    ("白沙县公安局", "白沙县局", "白公", "何建军", "山区县", "矛盾纠纷多元化解", 2463, 2588, 1322, 6, 4, 1.0, 4, 498, 165, 1, 1),
    ("龙泉市公安局", "龙泉市局", "龙公", "韩雪松", "县级市", "涉企执法", 6934, 6421, 4018, 19, 10, 1.0, 5, 1012, 188, 2, 2),
    ("云溪县公安局", "云溪县局", "云公", "曹永明", "生态旅游县", "旅游市场秩序整治", 2105, 1987, 1108, 5, 2, 1.0, 4, 432, 127, 1, 1),
]


def build(path: Path, bureaus: list[tuple] = BUREAUS) -> None:
    """Write the example workbook of *bureaus* to *path*."""
    book = Workbook()
    sheet = book.active
    sheet.title = "各分局数据"
    sheet.append(["江州市公安局各分局（县市局）2025年法治政府建设主要数据"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for i, (name, short, prefix, signer, area, focus, pen, pen_prev, lic, rec, lit, rate, study, train, pub, adv,
            law) in enumerate(bureaus, start=1):
        number = f"{prefix}报字〔2026〕{i}号"
        sheet.append([name, short, number, signer, dt.datetime(2026, 1, 12 + i % 3), area, focus,
                      pen, pen_prev, lic, rec, lit, rate, study, train, pub, adv, law])
        row = i + 2  # not sheet.max_row: it scans every cell, quadratic for the benchmarks' 10,000 rows
        sheet.cell(row=row, column=5).number_format = "yyyy-mm-dd"
        sheet.cell(row=row, column=13).number_format = "0.0%"
    # two neighbouring mountain counties share their 辖区定位, typed once in a merged cell as people do
    for row in range(3, sheet.max_row):
        here, below = sheet.cell(row=row, column=6), sheet.cell(row=row + 1, column=6)
        if here.value == below.value == "山区县":
            below.value = None
            sheet.merge_cells(start_row=row, start_column=6, end_row=row + 1, end_column=6)
    widths = [26, 12, 22, 10, 12, 16, 20] + [12] * (len(HEADERS) - 7)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=column).column_letter].width = width
    sheet.freeze_panes = "C3"
    book.save(path)


if __name__ == "__main__":
    target = Path(__file__).with_name("bureaus.xlsx")
    build(target)
    print(f"已生成 {target}")
