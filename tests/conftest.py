"""Shared fixtures. Keep this file small: fixtures used by one test module belong in that module."""

from __future__ import annotations

import os

import pytest


def running_in_ci() -> bool:
    """True when the CI environment variable is set (GitHub, GitLab… set CI=true); "", 0 and false do not count."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice. Skips the test when it is absent, except under CI, where it fails."""
    from pdfmeasure import soffice_path

    path = soffice_path()
    if path is None:
        message = "LibreOffice (soffice) not found on PATH or in C:\\Program Files\\LibreOffice\\program"
        if running_in_ci():
            pytest.fail(f"{message}; CI is set, so the layout tests must run: install LibreOffice", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def pdfplumber():  # noqa: ANN201 - the module
    """The pdfplumber module. Skips the test when it is not installed, except under CI, where it fails."""
    try:
        import pdfplumber
    except ImportError:
        message = "pdfplumber is not installed (pip install -e '.[test]')"
        if running_in_ci():
            pytest.fail(f"{message}; CI is set, so the layout tests must run", pytrace=False)
        pytest.skip(message)
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
