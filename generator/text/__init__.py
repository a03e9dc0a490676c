"""Text rules that both rendering and import need, so that neither imports the other.

- clean      cleaning, display widths, dates, the 【待填写】 marker
- numbering  sequence marks (一、（一）1.（1）) and chain ordinals (一是…, ①…)
- titles     where a long title may wrap
"""
