"""Dates for following up: reading a date a learner typed, and agreeing a check-in 7-10 days out.

When an interviewee would rather contact the people they named before you do, agree a
concrete day to check back with them. A week gives them time to reach out; much more than
ten days and the conversation has gone cold. So the calculator proposes every weekday
(Monday to Friday) from 7 to 10 calendar days after the interview.

>>> import datetime as dt
>>> [d.isoformat() for d in checkin_dates(dt.date(2026, 12, 1))]   # a Tuesday
['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']
>>> checkin_sentence("", dt.date(2026, 12, 8))
'Would it be all right if I checked in with you on Tuesday 8 December?'

Dates are written and read without the computer's language settings (``strftime("%A")``
would say "Dienstag" on a German laptop), so the lesson reads the same everywhere.
"""
from __future__ import annotations

import datetime as dt
import re
from string import Template

from . import content
from .log import Problem

EARLIEST = 7   #: first calendar day after the interview to check in
LATEST = 10    #: last calendar day after the interview to check in
EXAMPLE_DATE = "2026-12-01"
MIN_YEAR, MAX_YEAR = 2000, 2099

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

_FIX = f"Write it as YYYY-MM-DD (year, month, day), for example {EXAMPLE_DATE}"


# ---------------------------------------------------------------------------------------
# Showing dates
# ---------------------------------------------------------------------------------------
def day_label(day: dt.date, year: bool = False) -> str:
    """A date as people say it: ``Tuesday 8 December`` (with the year when asked).

    >>> day_label(dt.date(2028, 2, 29), year=True)
    'Tuesday 29 February 2028'
    """
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


# ---------------------------------------------------------------------------------------
# Reading a date
# ---------------------------------------------------------------------------------------
def _make(year: int, month: int, day: int, text: str, field: str) -> tuple[dt.date | None, list[Problem]]:
    if not 1 <= month <= 12:
        return None, [Problem(None, field, text, f"is not a date that exists (there is no month {month})", _FIX)]
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None, [Problem(None, field, text,
                              f"is not a date that exists ({MONTH_NAMES[month - 1]} {year} has no day {day})",
                              "Check the day of the month")]
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, [Problem(None, field, text, f"has the year {year}, which looks like a typo",
                              f"Check the year. {_FIX}")]
    return found, []


def parse_date(text: object, field: str = "date") -> tuple[dt.date | None, list[Problem]]:
    """Read a date a learner typed. Returns ``(date, [])`` or ``(None, problems)``.

    Accepted: ``2026-12-08`` (also with ``/`` or ``.``), ``8 December 2026``, ``8 Dec 2026``,
    ``December 8, 2026``, any of these after a day name (``Tuesday 8 December 2026``, checked),
    and a ``datetime.date``. Refused, with advice: dates like ``03/04/2026`` that read two ways
    (3 April or March 4), words such as ``next Tuesday``, dates without a year, and dates that
    do not exist. ``field`` is the form field the problem is shown beside.

    >>> parse_date("2026-12-08")
    (datetime.date(2026, 12, 8), [])
    >>> parse_date("Tue 8 Dec 2026")[0]
    datetime.date(2026, 12, 8)
    >>> print(parse_date("03/04/2026")[1][0])
    date: "03/04/2026" could be read two ways (3 April 2026 or 4 March 2026). Write it as 2026-04-03 for 3 April, or 2026-03-04 for 4 March.
    >>> print(parse_date("next Tuesday")[1][0])
    date: "next Tuesday" is not a date the calendar can read. Write it as YYYY-MM-DD (year, month, day), for example 2026-12-01.
    """
    if isinstance(text, dt.datetime):
        return text.date(), []
    if isinstance(text, dt.date):
        return text, []
    raw = "" if text is None else str(text)
    value = re.sub(r"\s+", " ", raw.strip())
    if not value:
        return None, [Problem(None, field, "", "is empty", f"Fill in the date. {_FIX}")]
    if len(value) > 40:
        return None, [Problem(None, field, value[:40] + "…", "is too long to be a date", _FIX)]

    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
    if m:
        year, month, day = map(int, m.groups())
        return _make(year, month, day, value, field)

    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", value)
    if m:
        return None, [_two_way_problem(*map(int, m.groups()), value, field)]

    words = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", value.lower())
    words = words.replace(",", " ").replace(".", " ")
    parts = words.split()
    weekday = None
    if parts and parts[0] in _DAYS:
        weekday = _DAYS[parts.pop(0)]
    day = month = year = None
    if len(parts) == 3 and parts[0].isdigit() and parts[1] in _MONTHS and parts[2].isdigit():
        day, month, year = int(parts[0]), _MONTHS[parts[1]], parts[2]
    elif len(parts) == 3 and parts[0] in _MONTHS and parts[1].isdigit() and parts[2].isdigit():
        month, day, year = _MONTHS[parts[0]], int(parts[1]), parts[2]
    elif len(parts) == 2 and ((parts[0].isdigit() and parts[1] in _MONTHS) or
                              (parts[0] in _MONTHS and parts[1].isdigit())):
        return None, [Problem(None, field, value, "has no year", f"Add the year. {_FIX}")]
    if day is None or month is None or year is None:
        return None, [Problem(None, field, value, "is not a date the calendar can read", _FIX)]
    if len(year) != 4:
        return None, [Problem(None, field, value, "has a two-digit year, which can be misread",
                              f"Write the year in full. {_FIX}")]
    found, problems = _make(int(year), month, day, value, field)
    if found is not None and weekday is not None and found.weekday() != weekday:
        return None, [Problem(None, field, value,
                              f"does not match: {found.day} {MONTH_NAMES[found.month - 1]} {found.year} is a "
                              f"{DAY_NAMES[found.weekday()]}",
                              "Check the day name or the date")]
    return found, problems


def _two_way_problem(first: int, second: int, year: int, value: str, field: str) -> Problem:
    if year < 100:
        return Problem(None, field, value, "has a two-digit year and could be read more than one way", _FIX)
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            pass
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        a, b = readings
        return Problem(None, field, value,
                       f"could be read two ways ({a.day} {MONTH_NAMES[a.month - 1]} {year} or "
                       f"{b.day} {MONTH_NAMES[b.month - 1]} {year})",
                       f"Write it as {a.isoformat()} for {a.day} {MONTH_NAMES[a.month - 1]}, or "
                       f"{b.isoformat()} for {b.day} {MONTH_NAMES[b.month - 1]}")
    if len(readings) == 1:
        a = readings[0]
        return Problem(None, field, value, "uses slashes or dots, which different countries read differently",
                       f"Write it as {a.isoformat()} (year, month, day)")
    return Problem(None, field, value, "is not a date that exists", _FIX)


# ---------------------------------------------------------------------------------------
# The check-in window
# ---------------------------------------------------------------------------------------
def checkin_dates(interview_date: dt.date, earliest: int = EARLIEST, latest: int = LATEST) -> list[dt.date]:
    """Weekdays on which to check in: every Monday-Friday from ``earliest`` to ``latest``
    calendar days after the interview (both included).

    The rule: count 7 days after the interview, then 8, 9 and 10, and keep the weekdays.
    Four days in a row hold at most two weekend days, so the usual window always offers
    at least two dates. A narrower window that holds only a weekend moves on to the next
    Monday, so there is always at least one date.

    >>> interview = dt.date(2026, 12, 4)   # a Friday: day 7 is a Friday, 8-9 the weekend, 10 a Monday
    >>> [day_label(d) for d in checkin_dates(interview)]
    ['Friday 11 December', 'Monday 14 December']
    >>> [d.isoformat() for d in checkin_dates(dt.date(2028, 2, 22))]   # across leap day
    ['2028-02-29', '2028-03-01', '2028-03-02', '2028-03-03']
    >>> checkin_dates(dt.date(2026, 12, 5), earliest=7, latest=8)   # Sat + 7 and 8 = a weekend
    [datetime.date(2026, 12, 14)]

    ``earliest`` and ``latest`` are whole days (1 <= earliest <= latest); anything else is a
    mistake in the calling code and raises ``ValueError``.
    """
    if not isinstance(interview_date, dt.date) or isinstance(interview_date, dt.datetime):
        raise TypeError("interview_date must be a datetime.date; use parse_date() on typed text first")
    if not (isinstance(earliest, int) and isinstance(latest, int) and 1 <= earliest <= latest):
        raise ValueError(f"need 1 <= earliest <= latest, got earliest={earliest!r}, latest={latest!r}")
    days = [interview_date + dt.timedelta(days=n) for n in range(earliest, latest + 1)]
    found = [d for d in days if d.weekday() < 5]
    if not found:
        nxt = days[-1] + dt.timedelta(days=1)
        while nxt.weekday() >= 5:
            nxt += dt.timedelta(days=1)
        found = [nxt]
    return found


def _checkin_templates() -> dict[str, str]:
    data = content.load("referrals")
    section = data.get("checkin")
    if not isinstance(section, dict):
        raise content.ContentError(f"{content.file_path('referrals')}: no [checkin] table was found. "
                                   "Add a [checkin] table with 'sentence' and 'sentence_named'.")
    content.require(section, ["sentence", "sentence_named"], f"{content.file_path('referrals')}, [checkin]",
                    {"sentence": str, "sentence_named": str})
    return section


def checkin_sentence(name: str, date: dt.date) -> str:
    """The sentence that agrees a check-in date, worded from ``data/content/referrals.toml``.

    >>> checkin_sentence("Ana", dt.date(2026, 12, 8))
    'Thank you, Ana. Would it be all right if I checked in with you on Tuesday 8 December?'

    A name is used as typed (shown escaped by the forms). A broken content file raises
    ``helpers.content.ContentError`` naming the file and the fix.
    """
    section = _checkin_templates()
    name = re.sub(r"\s+", " ", (name or "").strip())
    key = "sentence_named" if name else "sentence"
    try:
        return Template(section[key]).substitute(name=name, day=day_label(date))
    except (KeyError, ValueError) as exc:
        raise content.ContentError(
            f"{content.file_path('referrals')}, [checkin] {key}: the placeholder {exc} cannot be filled. "
            "Use only $name and $day (write $$ for a dollar sign).") from None


def window_advice(interview: dt.date, agreed: dt.date) -> list[str]:
    """Advice (not errors) when an agreed check-in date is outside the 7-10 day window.

    Returns an empty list when the date is a weekday 7-10 days after the interview.

    >>> window_advice(dt.date(2026, 12, 1), dt.date(2026, 12, 8))
    []
    >>> window_advice(dt.date(2026, 12, 1), dt.date(2026, 12, 4))[0]
    'Friday 4 December is only 3 days after the interview: that leaves little time for them to reach out. A weekday 7-10 days after, such as Tuesday 8 December, works better.'
    """
    days = (agreed - interview).days
    first = checkin_dates(interview)[0]
    better = f"A weekday {EARLIEST}-{LATEST} days after, such as {day_label(first)}, works better."
    advice: list[str] = []
    if days <= 0:
        when = "the same day as" if days == 0 else f"{-days} day{'s' if days != -1 else ''} before"
        advice.append(f"{day_label(agreed)} is {when} the interview: a check-in comes after it. {better}")
    elif days < EARLIEST:
        advice.append(f"{day_label(agreed)} is only {days} day{'s' if days != 1 else ''} after the interview: "
                      f"that leaves little time for them to reach out. {better}")
    elif days > LATEST:
        advice.append(f"{day_label(agreed)} is {days} days after the interview: by then the conversation "
                      f"may have gone cold. {better}")
    if agreed.weekday() >= 5:
        advice.append(f"{day_label(agreed)} is a {DAY_NAMES[agreed.weekday()]}: a weekday is easier for "
                      "someone you know through work.")
    return advice
