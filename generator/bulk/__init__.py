"""Bulk generation for sub-bureaus (``fzbg bulk``): one BASE report, one row or file per bureau.

Pipeline: ``sources`` (DATA → records) → ``columns`` (headers → YAML paths, cells → values) →
``merge`` (BASE + values, placeholders filled) → ``prepare`` (validate every bureau) →
``runner``/``worker`` (process pool, atomic writes) → ``summary`` (汇总.xlsx, errors.csv).
"""

from __future__ import annotations

from .models import BulkOptions, BulkResult, Outcome, Status
from .runner import Reporter, run_bulk

__all__ = ["BulkOptions", "BulkResult", "Outcome", "Reporter", "Status", "run_bulk"]
