"""Dates for following up: the check-in 7-10 days after an interview, and the follow-up
e-mails when a request gets no reply. Public holidays of the learner's country are skipped.

When an interviewee would rather contact the people they named before you do, agree a
concrete day to check back with them. A week gives them time to reach out; much more than
ten days and the conversation has gone cold. So the calculator proposes every working day
(Monday to Friday, not a public holiday) from 7 to 10 calendar days after the interview.

>>> import datetime as dt
>>> [d.isoformat() for d in checkin_dates(dt.date(2026, 12, 1), country="none")]   # a Tuesday
['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']
>>> [day_label(d) for d in checkin_dates(dt.date(2026, 12, 16), country="GB")]   # not Christmas Day
['Wednesday 23 December', 'Thursday 24 December']
>>> checkin_sentence("", dt.date(2026, 12, 8), "Dr Nasser")
'Thank you for offering to speak to Dr Nasser. Could I check in with you on Tuesday 8 December, to hear how it went?'
>>> [day_label(d) for d in follow_up_dates(dt.date(2026, 12, 1), country="none")]
['Friday 4 December', 'Friday 11 December']

``country`` is a code ("GB", "US", ...), "none", or None for the country in the workspace
settings (:mod:`helpers.core.settings`). Dates are read with :func:`helpers.core.dates.parse`, the
one parser, and written without the computer's language settings.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from helpers import content
from helpers.core import workdays as holidays_calendar
from helpers.core import Advice, schema
from helpers.core.dates import CHECKIN_DAYS, DAY_NAMES, MONTH_NAMES, day_label, working_days_after
from helpers.core.templates import fill

EARLIEST, LATEST = CHECKIN_DAYS
FIRST_FOLLOW_UP = 3   #: working days after a request with no reply: the first follow-up
LAST_FOLLOW_UP = 5    #: working days after the first follow-up (about a week): the last one

__all__ = ["EARLIEST", "LATEST", "DAY_NAMES", "MONTH_NAMES", "day_label", "checkin_dates",
           "skipped_holidays", "checkin_sentence", "window_advice", "follow_up_dates", "resolve_country"]


def resolve_country(code: str | None = None) -> str:
    """``code`` as given, or the workspace setting when it is None."""
    if code is not None:
        return code
    from helpers.core import settings

    return settings.country()


def _off(day: dt.date, code: str) -> bool:
    return day.weekday() >= 5 or holidays_calendar.is_holiday(day, code)


def checkin_dates(interview_date: dt.date, earliest: int = EARLIEST, latest: int = LATEST, *,
                  country: str | None = None) -> list[dt.date]:
    """Working days on which to check in: every Monday-Friday that is not a public holiday,
    from ``earliest`` to ``latest`` calendar days after the interview (both included).

    Four days in a row hold at most two weekend days, so without holidays the usual window
    offers at least two dates. A window that holds only days off (a weekend, Christmas) moves
    on to the next working day, so there is always at least one date.

    >>> [day_label(d) for d in checkin_dates(dt.date(2026, 12, 4), country="none")]   # a Friday
    ['Friday 11 December', 'Monday 14 December']
    >>> checkin_dates(dt.date(2026, 12, 18), country="GB")   # 25-28 December are all days off
    [datetime.date(2026, 12, 29)]

    ``earliest`` and ``latest`` are whole days (1 <= earliest <= latest); anything else is a
    mistake in the calling code and raises ``ValueError``.
    """
    if not isinstance(interview_date, dt.date) or isinstance(interview_date, dt.datetime):
        raise TypeError("interview_date must be a datetime.date; read typed text with "
                        "helpers.core.dates.parse() first")
    if not (isinstance(earliest, int) and isinstance(latest, int) and not isinstance(earliest, bool)
            and 1 <= earliest <= latest):
        raise ValueError(f"need 1 <= earliest <= latest, got earliest={earliest!r}, latest={latest!r}")
    code = resolve_country(country)
    days = [interview_date + dt.timedelta(days=n) for n in range(earliest, latest + 1)]
    found = [d for d in days if not _off(d, code)]
    if not found:
        nxt = days[-1] + dt.timedelta(days=1)
        while _off(nxt, code):
            nxt += dt.timedelta(days=1)
        found = [nxt]
    return found


def skipped_holidays(interview_date: dt.date, earliest: int = EARLIEST, latest: int = LATEST, *,
                     country: str | None = None) -> dict[dt.date, str]:
    """Public holidays inside the window that :func:`checkin_dates` left out, with their names.

    >>> skipped_holidays(dt.date(2026, 12, 16), country="US")
    {datetime.date(2026, 12, 25): 'Christmas Day'}
    """
    code = resolve_country(country)
    found = holidays_calendar.between(interview_date + dt.timedelta(days=earliest),
                                      interview_date + dt.timedelta(days=latest), code)
    return {d: n for d, n in found.items() if d.weekday() < 5}  # a Saturday is off anyway


def follow_up_dates(request_date: dt.date, *, country: str | None = None,
                    holidays: Iterable[dt.date] | None = None) -> tuple[dt.date, dt.date]:
    """When to follow up a request that has had no reply: ``(first, last)``.

    The first follow-up goes three working days after the request; the last one five working
    days (about a week) after the first. Weekends and the public holidays of ``country`` are
    skipped; ``holidays`` (dates), when given, is used instead of the country's.

    >>> follow_up_dates(dt.date(2026, 12, 22), country="GB")   # Tue; 25 and 28 Dec, 1 Jan are off
    (datetime.date(2026, 12, 29), datetime.date(2027, 1, 6))
    >>> follow_up_dates(dt.date(2026, 12, 22), holidays=[])
    (datetime.date(2026, 12, 25), datetime.date(2027, 1, 1))
    """
    if not isinstance(request_date, dt.date) or isinstance(request_date, dt.datetime):
        raise TypeError("request_date must be a datetime.date")
    if holidays is None:
        code = resolve_country(country)
        off = holidays_calendar.dates(code, range(request_date.year, request_date.year + 2))
    else:
        off = set(holidays)
    first = working_days_after(request_date, FIRST_FOLLOW_UP, off)
    return first, working_days_after(first, LAST_FOLLOW_UP, off)


# ---------------------------------------------------------------------------------------
# The check-in sentence
# ---------------------------------------------------------------------------------------
#: The ``[checkin]`` table of ``referrals.toml`` that the sentence is built from.
CHECKIN = schema.Table({k: schema.Text() for k in ("sentence", "sentence_named", "person_unknown")})


def _checkin_templates() -> dict[str, str]:
    section = content.load("referrals").get("checkin")
    file = str(content.file_path("referrals"))
    mistakes = (schema.check_table(section, CHECKIN, f"{file}, [checkin]") if isinstance(section, dict)
                else CHECKIN.check(section, file, "checkin"))
    if mistakes:
        raise content.ContentError("\n".join(mistakes))
    return section


def checkin_sentence(name: str, date: dt.date, person: str = "") -> str:
    """The sentence that restates the promise and agrees the day, from ``data/content/referrals.toml``.

    ``name`` is the interviewee (may be ""), ``person`` whom they offered to contact (may be "":
    "the people you mentioned"). It confirms the promise, gives them a deadline and gives you a
    reason to call back.

    >>> checkin_sentence("Ana", dt.date(2026, 12, 8), "Dr Nasser")
    'Thank you, Ana, for offering to speak to Dr Nasser. Could I check in with you on Tuesday 8 December, to hear how it went?'

    Names are used as typed (the forms show them escaped). A broken content file raises
    ``helpers.content.ContentError`` naming the file and the fix.
    """
    section = _checkin_templates()
    name = " ".join((name or "").split())
    person = " ".join((person or "").split()) or section["person_unknown"].strip()
    key = "sentence_named" if name else "sentence"
    try:
        return fill(section[key], name=name, day=day_label(date), person=person)
    except (KeyError, ValueError) as exc:
        raise content.ContentError(
            f"{content.file_path('referrals')}, [checkin] {key}: the placeholder {exc} cannot be filled. "
            "Use only $name, $person and $day (write $$ for a dollar sign).") from None


def window_advice(interview: dt.date, agreed: dt.date, *, country: str | None = None) -> list[Advice]:
    """Advice (not errors) when an agreed check-in day is outside the 7-10 day window, on a
    weekend or on a public holiday. Empty when it is a working day 7-10 days after.

    >>> window_advice(dt.date(2026, 12, 1), dt.date(2026, 12, 8), country="none")
    []
    >>> [a.code for a in window_advice(dt.date(2026, 12, 16), dt.date(2026, 12, 25), country="GB")]
    ['holiday']
    >>> window_advice(dt.date(2026, 12, 18), dt.date(2026, 12, 29), country="GB")   # 25-28 December off
    []
    """
    code = resolve_country(country)
    days = (agreed - interview).days
    first = checkin_dates(interview, country=code)[0]
    better = f"A working day {EARLIEST}-{LATEST} days after, such as {day_label(first)}, works better."
    advice: list[Advice] = []
    if days <= 0:
        when = "the same day as" if days == 0 else f"{-days} day{'s' if days != -1 else ''} before"
        advice.append(Advice("before_interview", f"{day_label(agreed)} is {when} the interview: a check-in "
                                                 f"comes after it. {better}"))
    elif days < EARLIEST:
        advice.append(Advice("too_soon", f"{day_label(agreed)} is only {days} day{'s' if days != 1 else ''} "
                                         f"after the interview: that leaves little time for them to reach "
                                         f"out. {better}"))
    elif days > LATEST and agreed != first:   # first: no working day in the window (Christmas), the next one
        advice.append(Advice("too_late", f"{day_label(agreed)} is {days} days after the interview: by then "
                                         f"the conversation may have gone cold. {better}"))
    if agreed.weekday() >= 5:
        advice.append(Advice("weekend", f"{day_label(agreed)} falls on a weekend: a weekday "
                                        "is easier for someone you know through work."))
    else:
        name = holidays_calendar.holiday_name(agreed, code)
        if name:
            advice.append(Advice("holiday", f"{day_label(agreed)} is a public holiday ({name}) in "
                                            f"{holidays_calendar.country_phrase(code)}: they may be away. "
                                            f"{better}"))
    return advice
