"""The practice-interview log file: its columns, reading and typing, as every part of the
workshop reads it (the log itself, sharing, insights, the class summary, the workbook).

A log is a CSV file, one row an interview (planned or held). Reading (:mod:`.read`) is forgiving
about the file's shape and honest about its content: every row is kept and every problem
(:mod:`.cells`) is a :class:`helpers.core.Problem` with the row number a spreadsheet shows
(header = 1), the column (``field``, also ``.column``), the value, what is wrong, how to fix it
and a stable ``code``. Who referred whom is worked out once per log (:mod:`.links`).

Changes to a learner's log are the log activity's (:mod:`helpers.log`), not this module's.

>>> lg = load(sample_path())
>>> lg.ok, len(lg.data) > 10
(True, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

import pandas as pd

from helpers import workspace
from helpers.core import Problem
from helpers.core.logfile.cells import (CHANNELS, DATE_COLUMNS, EXAMPLE_DATE, KINDS, MAX_REFERRALS,  # noqa: F401
                                        STATUSES, YES_NO_COLUMNS, analyse, likely_repeats)
from helpers.core.logfile.advice import RowAdvice, checkin_advice  # noqa: F401
from helpers.core.logfile.read import (COLUMNS, DESCRIPTIONS, REQUIRED, LogFileError, encode,  # noqa: F401
                                       normalise_header, read)

__all__ = ["CHANNELS", "COLUMNS", "DATE_COLUMNS", "DESCRIPTIONS", "EXAMPLE_DATE", "KINDS", "MAX_REFERRALS",
           "REQUIRED", "RowAdvice", "STATUSES", "TEXT_COLUMNS", "YES_NO_COLUMNS", "Log", "LogFileError", "analyse",
           "checkin_advice", "empty",
           "encode", "learner_log", "likely_repeats", "load", "load_many", "normalise_header", "read",
           "read_raw", "sample_path", "write"]

TEXT_COLUMNS: list[str] = ["contact", "organisation", "role", "sector", "referred_by",
                           "feedback", "insights", "notes"]
# ---------------------------------------------------------------------------------------
# A log as read
# ---------------------------------------------------------------------------------------
@dataclass
class Log:
    """A log as read: the file's own cells, the typed data and the problems found."""

    raw: pd.DataFrame        # strings as in the file; schema columns renamed; index = spreadsheet row
    data: pd.DataFrame       # every schema column, typed (dates, numbers, yes/no); same index
    problems: list[Problem] = field(default_factory=list)
    source: str = ""         # where it came from (file name), for messages
    sep: str = ","           # the separator the file used; writing keeps it

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def warnings(self) -> list[Problem]:
        """Likely repeats of one interview under two statuses (worked out when asked for)."""
        return likely_repeats(self.data)

    @cached_property
    def advice(self) -> list[RowAdvice]:
        """Agreed check-in days that are not a working day 7-10 days after the interview, in the
        learner's (or the class's) country: advice, never a problem (worked out when asked for)."""
        return checkin_advice(self.data)


def read_raw(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, str]:
    """The file's text cells and its separator (see :func:`helpers.core.logfile.read.read`)."""
    frame, sep, _header = read(source, name)
    return frame, sep


def load(source: str | Path | bytes, name: str | None = None) -> Log:
    """Read and validate a log. Raises :class:`LogFileError` only when it cannot be read at all."""
    raw, sep, header = read(source, name)
    label = name or (Path(source).name if not isinstance(source, bytes) else "the log")
    data, problems = analyse(raw)
    return Log(raw=raw, data=data, problems=header + problems, source=label, sep=sep)


def load_many(sources: Iterable[str | Path]) -> Log:
    """Read several logs as one (a ``source`` column says which file each row came from)."""
    sources = list(sources)
    names = [Path(s).name for s in sources]
    # Label each file by its name, or by its path as given when two files share a name.
    labels = [str(s) if names.count(n) > 1 else n for s, n in zip(sources, names)]
    logs = [load(s, name=label) for s, label in zip(sources, labels)]
    if not logs:
        raise LogFileError("No log files were given.")
    for lg, label in zip(logs, labels):
        lg.source = label
    if len(logs) == 1:
        one = logs[0]
        one.data["source"] = one.source  # its own new frame: no need to copy it
        return one
    data = pd.concat([lg.data.assign(source=lg.source) for lg in logs])
    raw = pd.concat([lg.raw.assign(source=lg.source) for lg in logs])
    problems = [Problem(p.field if p.row is not None else f"{lg.source}: {p.field}", p.value, p.what,
                        f"{p.fix} (in {lg.source})", p.code, row=p.row) for lg in logs for p in lg.problems]
    return Log(raw=raw, data=data, problems=problems, source=", ".join(lg.source for lg in logs))


def _empty_raw() -> pd.DataFrame:
    raw = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})
    raw.index = pd.RangeIndex(2, 2, name="row")
    return raw


def empty() -> Log:
    """A log with no rows (the header only)."""
    raw = _empty_raw()
    data, problems = analyse(raw)
    return Log(raw=raw, data=data, problems=problems, source="empty log")


def learner_log() -> tuple[Log, bool]:
    """The learner's own log if they have one, else the sample. Returns (log, is_sample)."""
    own = workspace.log_path()
    if own.exists():
        return load(own, name=own.name), False
    return load(sample_path(), name="sample_log.csv"), True


def sample_path() -> Path:
    return workspace.DATA_DIR / "sample_log.csv"


def write(raw: pd.DataFrame, target: str | Path, sep: str = ",") -> Path:
    """Write a log to a new file atomically: every row and column kept, formulas escaped (header
    cells too), UTF-8 with BOM. Changes to a learner's log go through :data:`STORE` instead."""
    return workspace.atomic_write_bytes(Path(target), encode(raw, sep))
