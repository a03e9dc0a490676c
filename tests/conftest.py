"""Shared fixtures: the in-process CLI, the text of a .docx, the seeds and the shared schemas, LibreOffice.

Keep this file small: fixtures used by one test module belong in that module.

Markers: ``layout`` (renders through LibreOffice and measures the PDF) and ``slow`` (kills processes, drives
a terminal, fuzzes, installs a wheel, runs LibreOffice). ``python -m pytest -m "not slow"`` is the fast
lane; every module in SLOW_MODULES and every test that needs LibreOffice is marked slow here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared import SCHEMAS, SEEDS, skip_or_fail

# Modules whose every test is slow: real subprocesses killed at random moments, a pseudo-terminal, hypothesis,
# a wheel built and installed, LibreOffice conversions.
SLOW_MODULES = {
    "test_atomicity", "test_atomicity_wizard", "test_bulk_kill", "test_fuzz", "test_layout", "test_packaging",
    "test_pdf", "test_wizard_terminal", "test_hostile_inputs", "test_offline_bundle", "test_interrupt",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if item.module is not None else ""
        needs_libreoffice = "soffice" in getattr(item, "fixturenames", ())
        if module in SLOW_MODULES or needs_libreoffice or item.get_closest_marker("layout"):
            item.add_marker(pytest.mark.slow)


# ---------------------------------------------------------------- the CLI in this process


@dataclass(frozen=True)
class CliResult:
    """What ``fzbg ARGS`` returned and printed."""

    code: int
    out: str
    err: str

    def __iter__(self):  # lets a test write: code, out, err = cli(...)
        return iter((self.code, self.out, self.err))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``fzbg ARGS`` through ``generator.cli.main`` in this process; never a traceback for users."""
    from generator.cli import main

    def run(*args: object) -> CliResult:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, out + err
        return CliResult(code, out, err)

    return run


# ---------------------------------------------------------------- documents


@pytest.fixture(scope="session")
def docx_text() -> Callable[..., list[str]]:
    """The non-empty paragraph texts of a .docx (bytes or path), body and table cells in order."""
    from docxtext import docx_paragraphs

    return docx_paragraphs


# ---------------------------------------------------------------- material in ../shared


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """``../shared/seeds``: the real reports. Skips without them on a developer's machine; fails under CI."""
    folder = SEEDS
    if not folder.is_dir() or not any(folder.glob("*.txt")):
        skip_or_fail(f"the seed reports are not available: {folder}")
    return folder


@pytest.fixture(scope="session")
def ooxml_schemas() -> Path:
    """``../shared/ooxml-schemas``: the Transitional schemas and their validator. Fails under CI when missing."""
    folder = SCHEMAS
    if not (folder / "validate.py").is_file():
        skip_or_fail(f"the OOXML schemas are not available: {folder}")
    return folder


# ---------------------------------------------------------------- LibreOffice and pdfplumber


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice. Skips the test when it is absent, except under CI, where it fails."""
    from pdfmeasure import soffice_path

    path = soffice_path()
    if path is None:
        skip_or_fail("LibreOffice (soffice) not found on PATH or in C:\\Program Files\\LibreOffice\\program")
    return str(path)


@pytest.fixture(scope="session")
def pdfplumber():
    """The pdfplumber module. Skips the test when it is not installed, except under CI, where it fails."""
    try:
        import pdfplumber
    except ImportError:
        skip_or_fail("pdfplumber is not installed (pip install -e '.[test]')")
    return pdfplumber


def _register_hypothesis_profiles() -> None:
    """``ci`` (default): a few hundred examples, reproducible. ``full``: the 4,000-report run of tests/test_fuzz.py.

    Choose with ``python -m pytest --hypothesis-profile=full``.
    """
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                           HealthCheck.function_scoped_fixture]}
    settings.register_profile("ci", max_examples=200, derandomize=True, database=None, **common)
    settings.register_profile("full", max_examples=4000, **common)
    settings.load_profile("ci")


_register_hypothesis_profiles()


@pytest.fixture(autouse=True)
def _even_page_measured_in_the_slow_lane_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the slow lane, in-process renders skip the even-page measurement (one LibreOffice call, ~1.5 s,
    per formal document); tests/test_layout_imprint.py and the other slow tests measure it for real."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("layout"):
        return
    from generator.render import imprint

    monkeypatch.setattr(imprint, "settle_imprint", lambda docx, **_options: (docx, []))
    monkeypatch.setattr(imprint, "settle_imprints", lambda documents, **_options: [(docx, []) for docx in documents])
