"""``fzbg new``: a commented YAML skeleton that already renders, its gaps visibly marked."""

from __future__ import annotations

import datetime as dt

from ..text.clean import TODO_MARKER

_SKELETON = """\
# 法治政府建设年度报告 数据文件（由 fzbg new 生成）
#
# 填写方法：用记事本、WPS 或任意文本编辑器打开，把所有“{todo}”替换为实际内容，保存为 UTF-8。
# 规则：冒号后面要有一个空格；缩进用空格（不要用 Tab）；以“#”开头的行是注释，不影响内容。
# 生成文档：fzbg render 本文件.yaml -o 报告.docx    检查：fzbg check 本文件.yaml
# 序号（一、（一）1.（1））和“一是、二是”由程序自动生成，请不要自己输入。

year: {year}                       # 报告年度（报告的是哪一年的工作）
framework: outline-2021-2025       # 对照的纲要：《法治政府建设实施纲要（2021—2025年）》

agency:
  name: {todo}某某市公安局某某分局    # 发文机关全称（也是落款署名）
  short_name: {todo}某某分局         # 简称（可删除此行）
  superior: {todo}某某市公安局        # 主送机关（上级机关），正式上报版显示为“某某市公安局：”

document:
  number: {todo}某公报字〔{next_year}〕1号   # 发文字号：机关代字〔年份〕序号号，年份用六角括号〔〕
  signer: {todo}张三                 # 签发人（上行文必须标注）
  date:                              # 成文日期，如 {next_year}-01-15；不填则不显示日期
  copy_to: []                        # 抄送机关，如 [某某区委依法治区办, 某某市公安局法制支队]
  attachments: []                    # 附件名称（没有附件就保持 []）

title_form: situation   # 标题样式：situation＝“××关于{year}年度法治政府建设情况的报告”
                        #           work_situation＝“××关于{year}年法治政府建设工作情况的报告”
                        #           annual＝“××{year}年法治政府建设年度报告”
# title: 自定义标题     # 如需完全自定义标题，去掉本行开头的“# ”并填写

# 开头段：年度、领导、指导思想、依据，最后一般以“现将有关情况报告如下：”结束
opening: >-
  {year}年，{todo}某某分局在区委、区政府和上级公安机关的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面推进法治公安建设。现将有关情况报告如下：

# 正文各部分。kind 表示对应《法治政府建设与责任落实督察工作规定》的哪一项：
#   measures＝主要举措和成效  shortcomings＝存在的不足和原因  leader_duty＝第一责任人履职情况（顺序同《规定》）
#   plans＝下一年度主要安排  other＝其他需要报告的情况
# content 下每一项可以是：一段文字；chain（一是、二是…）；或带 heading 的小节（（一）、1.…）。
# 小节可加一行 refs: [五]，注明它对应纲要的哪一部分（一…十）或条目（1…35），只用于检查“未涉及纲要”的提醒。
parts:
  - kind: measures
    heading: {year}年度推进法治政府建设的主要举措和成效
    content:
      - heading: {todo}第一项工作的小标题
        content:
          - {todo}具体做法和成效，最好有数字，如：全年作出行政处罚决定××宗。
      - heading: {todo}第二项工作的小标题
        content:
          - chain:                   # 自动生成“一是…二是…”
              - {todo}第一条做法。
              - {todo}第二条做法。
  - kind: shortcomings
    heading: 存在的不足和原因
    content:
      - {todo}存在的不足及其原因。
  - kind: leader_duty
    heading: 党政主要负责人履行推进法治建设第一责任人职责情况
    content:
      - {todo}主要负责人带头学法、研究部署法治建设、述法等情况。
  - kind: plans
    heading: {next_year}年推进法治政府建设的主要安排
    content:
      - chain:
          - {todo}下一年度的第一项安排。
          - {todo}下一年度的第二项安排。

closing: 特此报告                    # 结束语：特此报告、专此报告，或 none（不写）

# 主要数据（只用于检查和汇总，不会改动正文）。value＝本年数，previous＝上年数（自动算同比）
metrics:
  penalty_decisions:                 # 行政处罚决定（宗），如 {{value: 1200, previous: 1100}}
  court_appearance_rate:             # 负责人出庭应诉率（%）
  others: []                         # 其他数据，如 [{{label: 执法培训, value: 600, unit: 人次}}]
"""


def skeleton_yaml(year: int | None = None) -> str:
    """The skeleton text for *year* (default: last year, as reports are written in Jan–Feb)."""
    year = year or dt.date.today().year - 1
    return _SKELETON.format(todo=TODO_MARKER, year=year, next_year=year + 1)
