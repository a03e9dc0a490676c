"""The contract between the steps: :class:`~generator.model.report.Report` and what it is made of.

- report      the report (agency, 公文 fields, parts, sections, chains)
- metrics     structured figures with 同比 computed, never typed
- framework   the framework a report is read against (the Outline's parts and items)
- vocabulary  Variant, FontProfile, OutputFormat
- paths       data paths (where a value sits in report data)
"""
