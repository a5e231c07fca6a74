"""One date module: one parser for every form and the log, one check-in window.

Dates are read and written without the computer's language settings (``strftime("%A")``
would say "Dienstag" on a German laptop), so every lesson reads the same everywhere.

>>> parse("2026-12-08")
(datetime.date(2026, 12, 8), None)
>>> parse("1 Dec 2026")[0], parse("Tue 8 Dec 2026")[0], parse("13/04/2026")[0]
(datetime.date(2026, 12, 1), datetime.date(2026, 12, 8), datetime.date(2026, 4, 13))
>>> parse("2999-12-31")[0]
datetime.date(2999, 12, 31)
>>> print(parse("03/04/2026")[1])
date: "03/04/2026" could be read two ways (3 April 2026 or 4 March 2026). Write it as 2026-04-03 for 3 April, or 2026-03-04 for 4 March.
>>> parse("next Tuesday")[1].code
'unreadable_date'
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from .result import Problem

#: The check-in window: agree a day this many calendar days after the interview (both included).
CHECKIN_DAYS: tuple[int, int] = (7, 10)
EARLIEST, LATEST = CHECKIN_DAYS
EXAMPLE_DATE = "2026-12-01"

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _i
    _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9
_DAYS: dict[str, int] = {}
for _i, _name in enumerate(DAY_NAMES):
    _DAYS[_name.lower()] = _i
    _DAYS[_name[:3].lower()] = _i
for _short, _i in {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}.items():
    _DAYS[_short] = _i

FIX = f"Write it as YYYY-MM-DD (year, month, day), for example {EXAMPLE_DATE}"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")


def day_label(day: dt.date, year: bool = False) -> str:
    """A date as people say it, in the class's date style (``class.toml``): ``Tuesday 8 December``,
    or ``Tuesday, December 8`` (with the year when asked).

    >>> day_label(dt.date(2028, 2, 29), year=True)
    'Tuesday 29 February 2028'
    """
    from helpers.core import region

    return region.current().day(day, year=year)


def _make(year: int, month: int, day: int, text: str, field: str) -> tuple[dt.date | None, Problem | None]:
    if not 1 <= month <= 12:
        return None, Problem(field, text, f"is not a date that exists (there is no month {month})", FIX,
                             "bad_date")
    if year < 1:
        return None, Problem(field, text, "has no real year", FIX, "bad_date")
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, Problem(field, text, f"is not a date that exists ({MONTH_NAMES[month - 1]} {year} "
                                          f"has no day {day})", "Check the day of the month", "bad_date")


def _numeric(first: int, second: int, year_text: str, value: str, field: str) -> tuple[dt.date | None, Problem | None]:
    """A date written 13/04/2026 or 04/13/2026: read when only one reading exists."""
    if len(year_text) != 4:
        return None, Problem(field, value, "has a two-digit year and could be read more than one way",
                             FIX, "two_digit_year")
    year = int(year_text)
    readings: list[dt.date] = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            pass
    readings = list(dict.fromkeys(readings))
    if len(readings) == 1:
        return readings[0], None
    if len(readings) == 2:
        a, b = readings
        return None, Problem(field, value,
                             f"could be read two ways ({a.day} {MONTH_NAMES[a.month - 1]} {year} or "
                             f"{b.day} {MONTH_NAMES[b.month - 1]} {year})",
                             f"Write it as {a.isoformat()} for {a.day} {MONTH_NAMES[a.month - 1]}, or "
                             f"{b.isoformat()} for {b.day} {MONTH_NAMES[b.month - 1]}", "ambiguous_date")
    return None, Problem(field, value, "is not a date that exists", FIX, "bad_date")


def parse(value: object, field: str = "date", required: bool = True) -> tuple[dt.date | None, Problem | None]:
    """Read a date. Returns ``(date, None)`` or ``(None, problem)``; empty gives ``(None, None)``
    when ``required`` is False.

    Accepted: ``2026-12-08`` (also ``/`` or ``.``, and ``20261208``), ``8 December 2026``,
    ``8 Dec 2026``, ``December 8, 2026``, ``8-Dec-2026``, any of these after a day name (checked),
    ``13/04/2026`` and ``04/13/2026`` (only one reading exists), and a ``datetime.date``.
    Refused, with advice: dates that read two ways (``03/04/2026``), two-digit years, words
    such as ``next Tuesday``, dates without a year, and dates that do not exist.
    """
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    raw = "" if value is None else str(value)
    text = re.sub(r"\s+", " ", raw.strip())
    if not text:
        if not required:
            return None, None
        return None, Problem(field, "", "is empty", f"Fill in the date. {FIX}", "empty")
    if len(text) > 40:
        return None, Problem(field, text[:40] + "…", "is too long to be a date", FIX, "unreadable_date")
    m = _ISO.fullmatch(text) or _COMPACT.fullmatch(text)
    if m:
        year, month, day = map(int, m.groups())
        return _make(year, month, day, text, field)
    m = _NUMERIC.fullmatch(text)
    if m:
        return _numeric(int(m.group(1)), int(m.group(2)), m.group(3), text, field)
    lowered = _ORDINAL.sub("", text.lower()).replace(",", " ").replace(".", " ").replace("-", " ")
    parts = lowered.split()
    weekday = None
    if parts and parts[0] in _DAYS:
        weekday = _DAYS[parts.pop(0)]
    day = month = None
    year_text = ""
    if len(parts) == 3 and parts[0].isdigit() and parts[1] in _MONTHS and parts[2].isdigit():
        day, month, year_text = int(parts[0]), _MONTHS[parts[1]], parts[2]
    elif len(parts) == 3 and parts[0] in _MONTHS and parts[1].isdigit() and parts[2].isdigit():
        month, day, year_text = _MONTHS[parts[0]], int(parts[1]), parts[2]
    elif len(parts) == 2 and ((parts[0].isdigit() and parts[1] in _MONTHS) or
                              (parts[0] in _MONTHS and parts[1].isdigit())):
        return None, Problem(field, text, "has no year", f"Add the year. {FIX}", "no_year")
    if day is None or month is None:
        return None, Problem(field, text, "is not a date the calendar can read", FIX, "unreadable_date")
    if len(year_text) != 4:
        return None, Problem(field, text, "has a two-digit year, which can be misread",
                             f"Write the year in full. {FIX}", "two_digit_year")
    found, problem = _make(int(year_text), month, day, text, field)
    if found is not None and weekday is not None and found.weekday() != weekday:
        return None, Problem(field, text, f"does not match: {found.day} {MONTH_NAMES[found.month - 1]} "
                                          f"{found.year} is a {DAY_NAMES[found.weekday()]}",
                             "Check the day name or the date", "weekday_mismatch")
    return found, problem


def parse_unique(values: Iterable[str]) -> dict[str, tuple[dt.date | None, Problem | None]]:
    """:func:`parse` each distinct text once (a log column has few distinct dates)."""
    return {v: parse(v, required=False) for v in dict.fromkeys(values)}


def checkin_window(interview: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last calendar day of the check-in window after ``interview``.

    >>> checkin_window(dt.date(2026, 12, 1))
    (datetime.date(2026, 12, 8), datetime.date(2026, 12, 11))
    """
    return interview + dt.timedelta(days=EARLIEST), interview + dt.timedelta(days=LATEST)


def in_window(interview: dt.date, agreed: dt.date) -> bool:
    """True when ``agreed`` is 7-10 calendar days after ``interview``."""
    return EARLIEST <= (agreed - interview).days <= LATEST


def working_days_after(start: dt.date, n: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date ``n`` working days (Monday-Friday, not a holiday) after ``start``.

    >>> working_days_after(dt.date(2026, 12, 4), 3)   # a Friday: Mon, Tue, Wed
    datetime.date(2026, 12, 9)
    """
    off = set(holidays)
    day = start
    left = n
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            left -= 1
    return day
