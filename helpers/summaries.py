"""Pandas summaries of a practice-interview log: what a learner and an instructor read off it.

Every function takes the typed frame of :class:`helpers.log.Log` (``log.data``) and returns a
DataFrame; :func:`report_text` puts them together for ``python -m helpers summary``.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from . import log as logmod


def counts_by_status(data: pd.DataFrame) -> pd.DataFrame:
    """Interviews by status (rows) and kind (columns), every status shown.

    >>> from helpers import log
    >>> int(counts_by_status(log.empty().data).loc["held", "total"])
    0
    """
    table = pd.crosstab(data["status"], data["kind"]) if len(data) else pd.DataFrame()
    table = table.reindex(index=logmod.STATUSES, columns=logmod.KINDS, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "status"
    table.columns.name = None
    return table.astype(int)


def report_text(lg: "logmod.Log", as_of: dt.date | None = None) -> str:
    """The summary printed by ``python -m helpers summary``."""
    data = lg.data
    lines = [f"Practice-interview log: {lg.source} ({len(data)} interviews)"]
    if not len(data):
        lines.append("The log has no interviews yet: add your first one (a practice run with family or friends is a good start).")
    lines += ["", "Interviews by status and kind", counts_by_status(data).to_string()]
    return "\n".join(lines)
