"""Text rules that both rendering and import need, so that neither imports the other.

- clean      cleaning, display widths, dates, the 【待填写】 marker
- numbering  sequence marks (一、（一）1.（1）) and chain ordinals (一是…, ①…)
- titles     where a long title or 发文机关标志 may wrap (at most three / two lines)
- words      word boundaries for that (jieba and a list of agency words)
"""
