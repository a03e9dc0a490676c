"""``fzbg import``: last year's report (.docx, or text copied from a web page) → the YAML model.

Pipeline, one module per step: :mod:`.sources` (file → lines, refusals) → :mod:`.residue` (web-page
furniture) → :mod:`.normalise` (punctuation, spaces) → :mod:`.frame` (版头, 结尾) → :mod:`.structure`
(parts, levels, :mod:`.chains`, :mod:`.classify`) → :mod:`.verify` (render and compare) →
:mod:`.emit` (YAML with comments). :mod:`.metrics` suggests figures; :mod:`.draft` makes next year's draft.

Library use::

    from generator.importer import import_report, result_yaml
    result = import_report("2024年报告.docx")
    text = result_yaml(result)
"""

from __future__ import annotations

from .build import ImportResult, clean_lines, import_report
from .draft import next_year_draft
from .emit import report_data, result_yaml
from .notes import Note, summarise

__all__ = [
    "ImportResult",
    "Note",
    "clean_lines",
    "import_report",
    "next_year_draft",
    "report_data",
    "result_yaml",
    "summarise",
]
