"""The log's open actions as a calendar file (.ics) that Google Calendar, Outlook and Apple
Calendar import: agreed check-ins, follow-ups of unanswered requests, thank-you reminders and
referrals to contact, each an all-day event.

Every event has a stable ``UID`` made from what it is about (the kind of action, the person,
the organisation, the interview's date and the log it came from), never from the row number
or the export time, so importing a new export again updates the same events instead of adding
copies. An action already overdue is put on the as-of day, and says since when it is due.

>>> import datetime as dt
>>> from helpers import log
>>> data = log.load(log.sample_path()).data
>>> cal = calendar(data, as_of=dt.date(2026, 11, 30), country="none")
>>> len(cal.walk("VEVENT")) > 10
True
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import icalendar
import pandas as pd

from helpers.core.logfile import links as log_links
from helpers.log import next_actions as nextactions
from helpers import workspace
from helpers.core import Result

PRODID = "-//Informational Interview Workshop//practice log//EN"
DOMAIN = "informational-interview-workshop.invalid"


def uid(action: nextactions.Action) -> str:
    """A UID that stays the same for the same action in every export."""
    person = log_links.fold_names([action.person])[0]
    org = log_links.fold_names([action.organisation])[0]
    interview = action.interview.isoformat() if action.interview else ""
    key = "|".join([action.kind, person, org, interview, action.source])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{DOMAIN}"


def calendar(data: pd.DataFrame, as_of: dt.date | str | None = None, *, country: str | None = None) -> icalendar.Calendar:
    """A calendar of every open action in the log (overdue ones on the as-of day)."""
    today = nextactions._as_date(as_of)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Informational interviews: next actions")
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    actions = nextactions.open_actions(data, country)
    lasts = {(a.source, a.row) for a in actions if a.kind == "last_follow_up" and a.due <= today}
    for action in actions:
        if action.kind == "follow_up" and (action.source, action.row) in lasts:
            continue  # its last follow-up is due already: one event per request
        day = max(action.due, today)
        event = icalendar.Event()
        event.add("uid", uid(action))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"{nextactions.LABELS[action.kind]}: {action.person}")
        late = f" Due since {action.due.isoformat()}." if action.due < today else ""
        event.add("description", f"{action.what}{late} Where: {action.where}.")
        event.add("categories", ["Informational interviews"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def write(data: pd.DataFrame, target: str | Path, as_of: dt.date | str | None = None, *,
          country: str | None = None) -> Result:
    """Write the calendar file atomically. Returns a Result (``item``: the path)."""
    cal = calendar(data, as_of, country=country)
    events = len(cal.walk("VEVENT"))
    try:
        path = workspace.atomic_write_bytes(Path(target), cal.to_ical())
    except OSError as exc:
        p = workspace.os_problem(exc, target)
        return Result.refused([p], message=f"Not written: {p.what}. {p.fix}")
    return Result.done(str(path), f"Wrote {events} event{'s' if events != 1 else ''} to {Path(target).name}. "
                                  f"Import it into your calendar; importing a newer export updates the same "
                                  f"events instead of adding copies.")


def read_back(path: str | Path) -> list[dict[str, object]]:
    """The events of a calendar file as plain dicts (uid, day, summary, description)."""
    cal = icalendar.Calendar.from_ical(Path(path).read_bytes())
    return [{"uid": str(e["uid"]), "day": e.decoded("dtstart"), "summary": str(e["summary"]),
             "description": str(e["description"])} for e in cal.walk("VEVENT")]


FILE_NAME = "next_actions.ics"


def export_learner(as_of: dt.date | str | None = None) -> Result:
    """Write the learner's open actions to ``next_actions.ics`` in the workspace (the sample's
    are not exported: they are not the learner's)."""
    from helpers.log import summaries

    shown = summaries.learners_log(as_of)
    if shown.is_sample:
        from helpers.core import Problem

        if "could not be read" in shown.note or "cannot be used" in shown.note:
            p = Problem("log", "", "could not be read, so nothing was put in a calendar file",
                        "Fix your log first (the forms above say what is wrong)", "damaged_file")
            return Result.refused([p], message=f"Nothing written: {shown.note.split(' Until it is fixed')[0]}")
        p = Problem("log", "", "has no interviews of yours yet, so there is nothing to put in your calendar",
                    "Add an interview first", "no_log")
        return Result.refused([p], message="Nothing written: your log has no interviews yet (the lesson shows the "
                                           "sample until you add one).")
    try:
        target = workspace.path(FILE_NAME)
    except OSError as exc:
        p = workspace.os_problem(exc, FILE_NAME)
        return Result.refused([p], message=f"Not written: {p.what}. {p.fix}")
    return write(shown.data, target, shown.as_of)
