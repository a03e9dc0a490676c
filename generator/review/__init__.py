"""``fzbg review``: the city bureau's review of a folder of reports sent by its sub-bureaus.

One module per step (docs/review.md): :mod:`.collect` (the files, .doc/.wps through LibreOffice) →
:mod:`.read` (the importer and every check rule) → :mod:`.inspect` (the format of the submitted .docx) →
:mod:`.compare` (shared sentences between units and with last year) → :mod:`.ledger` (台账.xlsx),
:mod:`.opinion` (退回修改意见单) and :mod:`.annotate` (Word comments on copies). :mod:`.run` strings them
together. The submitted files are only ever read.

Library use::

    from generator.review import Options, review_folder
    review = review_folder(Path("报送材料"), Options(deadline=date(2026, 3, 1)))
"""

from __future__ import annotations

from .model import Finding, Submission
from .run import Options, Review, review_folder

__all__ = ["Finding", "Options", "Review", "Submission", "review_folder"]
