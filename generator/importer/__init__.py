"""``fzbg import``: last year's report (.docx, or text copied from a web page) → the YAML model.

Pipeline, one module per step: :mod:`.sources` (file → lines, refusals) → :mod:`.residue` (web-page
furniture) → :mod:`.normalise` (punctuation, spaces) → :mod:`.frame` (版头, 结尾) → :mod:`.structure`
(parts, levels, :mod:`.chains`, :mod:`.classify`) → :mod:`.verify` (compare with the rendered text) →
:mod:`.emit` (YAML with comments). :mod:`.metrics` suggests figures; :mod:`.draft` makes next year's draft.

Library use (the api renders for the proof-reading; the importer never imports the renderer)::

    from generator.api import import_report
    from generator.importer import result_yaml
    result = import_report("2024年报告.docx")
    text = result_yaml(result)
"""

from __future__ import annotations

from .build import ImportResult, clean_lines, read_report
from .draft import next_year_draft
from .emit import report_data, result_yaml
from .notes import Note, summarise

__all__ = [
    "ImportResult",
    "Note",
    "clean_lines",
    "next_year_draft",
    "read_report",
    "report_data",
    "result_yaml",
    "summarise",
]
