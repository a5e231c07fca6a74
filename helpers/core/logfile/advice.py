"""Advice on a log (never an error, nothing refused): agreed check-in days that are not a
working day 7-10 days after the interview.

The chapter's rule: when the interviewee would rather contact the people they named first,
agree a specific check-in day about 7-10 days out, on a working day. A log may break it for a
good reason (they asked for a later day), so a day outside the rule is advice, shown beside the
problems and said the same way (the row number a spreadsheet shows first), but it never makes a
log "have problems" and it is never refused. The words come from the one date module
(:func:`helpers.core.followup.window_advice`); the country whose public holidays count is the
learner's own choice, else the class's (:func:`helpers.core.settings.country`).

>>> import pandas as pd
>>> from helpers.core import logfile
>>> lg = logfile.load(b"date,contact,organisation,status,follow_up_on\\n"
...                   b"2026-11-19,Ana,Acme,held,2026-11-28\\n2026-11-19,Bo,Acme,held,2026-11-27\\n")
>>> [str(a).split(":")[0] for a in checkin_advice(lg.data, country="GB-ENG")]
['row 2, follow_up_on']
>>> checkin_advice(lg.data, country="GB-ENG")[0].codes
('weekend',)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.core.dates import EARLIEST, LATEST

FIELD = "follow_up_on"
#: The closing words of every piece of advice: what to do when the day was their wish.
KEEP = "This is advice, not an error: if they asked for that day, keep it and check in then."


@dataclass(frozen=True)
class RowAdvice:
    """Advice on one row of a log: the spreadsheet row, the column, the value as written, the
    advice codes (``too_soon``, ``too_late``, ``before_interview``, ``weekend``, ``holiday``) and
    the sentences that say what is unusual and what to do."""

    row: int
    field: str
    value: str
    codes: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        value = f' "{self.value}"' if self.value else ""
        return f"row {self.row}, {self.field}:{value} {self.message} (advice)"


@lru_cache(maxsize=8192)
def _words(interview: dt.date, agreed: dt.date, country: str) -> tuple[tuple[str, ...], str]:
    from helpers.core.followup import checkin_dates, window_advice
    from helpers.core.dates import day_label

    found = window_advice(interview, agreed, country=country)
    if not found:
        return (), ""
    sentences = [a.message for a in found]
    if not any("works better" in s for s in sentences):
        first = checkin_dates(interview, country=country)[0]
        sentences.append(f"A working day {EARLIEST}-{LATEST} days after, such as {day_label(first)}, works better.")
    return tuple(a.code for a in found), " ".join(sentences + [KEEP])


def checkin_day_advice(interview: dt.date, agreed: dt.date, country: str | None = None) -> str:
    """The advice on one agreed check-in day ("" when it is a working day 7-10 days after).

    >>> checkin_day_advice(dt.date(2026, 12, 1), dt.date(2026, 12, 8), country="none")
    ''
    >>> checkin_day_advice(dt.date(2026, 12, 1), dt.date(2026, 12, 7), country="none").split(":")[0]
    'Monday 7 December is only 6 days after the interview'
    """
    return _words(interview, agreed, _country(country))[1]


def _country(country: str | None) -> str:
    if country is not None:
        return country
    try:
        from helpers.core import settings

        return settings.country()
    except Exception:  # noqa: BLE001 - the settings are another lesson's: the class's country then
        from helpers.core import region

        return region.current().country


def checkin_advice(data: pd.DataFrame, country: str | None = None) -> list[RowAdvice]:
    """Advice for every row whose agreed check-in day (``follow_up_on``) is not a working day
    7-10 days after the interview (``date``): too soon, too late, before the interview, on a
    weekend, or on a public holiday of ``country`` (None: the learner's or the class's).

    ``data`` is a log's typed frame (:attr:`helpers.core.logfile.Log.data`). Rows without an
    agreed day, with a date that has a problem (already reported as one) and cancelled
    interviews get none. In row order.
    """
    if not len(data) or FIELD not in data.columns or "date" not in data.columns:
        return []
    code = _country(country)
    agreed = data[FIELD].to_numpy(dtype="datetime64[D]")
    interview = data["date"].to_numpy(dtype="datetime64[D]")
    both = ~np.isnat(agreed) & ~np.isnat(interview)
    if "status" in data.columns:
        both &= data["status"].to_numpy(dtype=object) != "cancelled"
    if not both.any():
        return []
    gap = (agreed - interview).astype("timedelta64[D]").astype(np.int64)
    weekday = (agreed.astype(np.int64) + 3) % 7   # 1970-01-01 was a Thursday; Monday = 0
    unusual = both & ((gap < EARLIEST) | (gap > LATEST) | (weekday >= 5))
    from helpers.core import workdays

    years = {d.year for d in agreed[both].tolist()}
    off = np.array(sorted(workdays.dates(code, years)), dtype="datetime64[D]")
    if len(off):
        unusual |= both & np.isin(agreed, off)
    rows = data.index.to_numpy()
    out: list[RowAdvice] = []
    agreed_days, interview_days = agreed.tolist(), interview.tolist()
    for at in np.flatnonzero(unusual).tolist():
        codes, message = _words(interview_days[at], agreed_days[at], code)
        if codes:
            out.append(RowAdvice(int(rows[at]), FIELD, agreed_days[at].isoformat(), codes, message))
    return out
