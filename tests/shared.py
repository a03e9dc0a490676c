"""Material the tests read from ``../shared`` (the seeds, the OOXML schemas), and how a missing one is treated;
and an edited copy of the default template, as a user makes one.

On a developer's machine a test whose material is missing is skipped; under CI (``CI=true``) it fails, so a
CI run can never pass by skipping the seed or schema tests. Not a test module.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMAS = SHARED / "ooxml-schemas"


def running_in_ci() -> bool:
    """True when the CI environment variable is set (GitHub, GitLab… set CI=true); "", 0 and false do not count."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(message: str) -> None:
    """Skip a test whose material is missing on a developer's machine; under CI, fail it instead."""
    if running_in_ci():
        pytest.fail(f"{message}; CI is set, so this test must run", pytrace=False)
    pytest.skip(message)


def seed_path(name: str) -> Path:
    """The seed report *name* in ../shared/seeds (skipped without it; a failure under CI)."""
    path = SEEDS / name
    if not path.is_file():
        skip_or_fail(f"seed text not available: {path}")
    return path


def edited_template(part: str, edit: Callable[[str], str]) -> bytes:
    """fzbg's default template with the XML of one *part* (``word/document.xml`` …) changed by *edit*: the custom
    template a user makes by editing the exported one."""
    import io
    import zipfile

    from generator.render.docx import default_template_bytes

    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()
