"""When to send the e-mails of the lesson "Asking and thanking": the thank-you the same day or the next,
a follow-up after three working days without a reply, and a last one about a week later.

Plain functions on dates; :mod:`helpers.emails` shows their advice with each draft, and the log's
next-actions list uses :func:`follow_up_dates`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from helpers.core import followup
from helpers.core.followup import follow_up_dates  # noqa: F401  (the e-mails' own name for it)
from helpers.core import Problem
from helpers.core import dates

__all__ = ["follow_up_dates", "follow_up_advice", "thank_you_advice"]


def follow_up_advice(request_date: Any, stage: str = "first", today: Any = None,
                     country: str | None = None) -> tuple[str, list[Problem]]:
    """When this follow-up is due: ``(advice, problems)``.

    >>> print(follow_up_advice("2026-11-23", today="2026-11-24", country="none")[0])
    You sent your request on Monday 23 November. Give them until Thursday 26 November (three working days) before a first follow-up; a last one would be due on Thursday 3 December. Draft it now and send it then.
    """
    request, p = dates.parse(request_date, field="request_date")
    now, q = (dt.date.today(), None) if today in (None, "") else dates.parse(today, field="today")
    problems = [x for x in (p, q) if x]
    if problems:
        return "", problems
    assert request is not None and now is not None
    first, last = follow_up_dates(request, country=country)
    sent = f"You sent your request on {dates.day_label(request)}."
    if stage == "last":
        if now < last:
            return (f"{sent} A last follow-up is due on {dates.day_label(last)}, about a week after the first "
                    f"({dates.day_label(first)}). Draft it now and send it then."), []
        return (f"{sent} A last follow-up has been due since {dates.day_label(last)}. Send it, then let this "
                f"request go and put your energy into the next person: no reply is not a judgement on you."), []
    if now < first:
        return (f"{sent} Give them until {dates.day_label(first)} (three working days) before a first follow-up; "
                f"a last one would be due on {dates.day_label(last)}. Draft it now and send it then."), []
    return (f"{sent} A first follow-up has been due since {dates.day_label(first)}: send it now. If there is "
            f"still no reply, a last one is due on {dates.day_label(last)}."), []


def thank_you_advice(interview_date: Any, sent_date: Any = None, today: Any = None) -> tuple[str, list[Problem]]:
    """When to send (or whether you sent) the thank-you: ``(advice, problems)``.

    The rule of thumb is the same day or the next. Dates may be typed text
    or ``datetime.date``; ``today`` defaults to today.

    >>> print(thank_you_advice("2026-12-01", today="2026-12-01")[0])
    Your interview is today (Tuesday 1 December). Send your thank-you the same day or the next, while the conversation is fresh.
    >>> thank_you_advice("1/12/26")[1][0].code
    'two_digit_year'
    """
    interview, p = dates.parse(interview_date, field="interview_date")
    sent, q = dates.parse(sent_date, field="sent_date", required=False)
    now, r = (dt.date.today(), None) if today in (None, "") else dates.parse(today, field="today")
    problems = [x for x in (p, q, r) if x]
    if problems:
        return "", problems
    assert interview is not None and now is not None
    label = dates.day_label(interview)
    if sent is not None:
        days = (sent - interview).days
        if days < 0:
            return "", [Problem("sent_date", str(sent_date), "is before the interview",
                                "Check both dates: a thank-you goes out after the conversation", "before_interview")]
        if days <= 1:
            when = "the same day" if days == 0 else "the next day"
            return (f"You sent it on {dates.day_label(sent)}, {when}: right on time. That promptness is part "
                    f"of the thank-you."), []
        return (f"You sent it on {dates.day_label(sent)}, {days} days after the interview: later than "
                f"the same day or the next, which is best. Nothing is lost: a warm thank-you a little late is far better than none. "
                f"Next time, send it the same day or the next."), []
    days = (now - interview).days
    if days < 0:
        return (f"Your interview is on {label}. Draft the thank-you now, add one thing you learned straight "
                f"after the conversation, and send it the same day or the next."), []
    if days == 0:
        return (f"Your interview is today ({label}). Send your thank-you the same day or the next, "
                f"while the conversation is fresh."), []
    if days == 1:
        return f"Your interview was yesterday ({label}). Send your thank-you today: the next day is still in good time.", []
    return (f"Your interview was {days} days ago ({label}), so the same day or the next has passed. Send it today anyway, "
            f"with a short line such as \"I'm sorry this is a little late\": a late thank-you is far better "
            f"than none."), []
