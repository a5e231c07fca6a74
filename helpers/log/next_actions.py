"""What to do next, read off a log: one short list as of a date.

Four kinds of action, each said as what to do and where it is done:

- ``thank_you``: a held interview with no thank-you recorded (the same day or the next);
- ``check_in``: a held interview with an agreed check-in day (``follow_up_on``: agreed because
  they would rather contact someone first) and no check-in recorded, on that day;
- ``follow_up`` / ``last_follow_up``: a request still unanswered (status *requested*; its date
  is the day it was sent) about three working days after it, and again about a week later;
- ``contact_referral``: an interview that gave you names, fewer of whom are in the log
  (as someone ``referred_by`` them) than you were given; while an agreed check-in is still to
  come (they are contacting the people first), the check-in is the next step instead.

Plain data in, plain data out: :func:`open_actions` lists every open action with its due
day; :func:`next_actions` keeps those due by the as-of date, overdue first. The lesson's
form and the calendar export (:mod:`helpers.log.calendar`) are built on them.

>>> import datetime as dt
>>> from helpers import log
>>> acts = next_actions(log.load(log.sample_path()).data, dt.date(2026, 11, 30), country="none")
>>> acts[0].line().split(".")[0]
'Thank-you: Sam Whitfield'
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.logfile import links as log_links
from helpers.core import dates, followup

#: Where each kind of action is done: (what the learner reads, a link relative to the lessons).
WHERE: dict[str, tuple[str, str]] = {
    "thank_you": ("lesson 03, “Asking and thanking”: the thank-you e-mail; then record the date here "
                  "with “Update an interview”", "03-asking-and-thanking.ipynb"),
    "check_in": ("lesson 04, “Referrals and follow-up”: the check-in message; then record the date here "
                 "with “Update an interview”", "04-referrals-and-follow-up.ipynb"),
    "follow_up": ("lesson 03, “Asking and thanking”: the follow-up e-mail; when they answer, move the "
                  "interview along here with “Update an interview”", "03-asking-and-thanking.ipynb"),
    "last_follow_up": ("lesson 03, “Asking and thanking”: the follow-up e-mail (a last, short one); "
                       "then let it rest", "03-asking-and-thanking.ipynb"),
    "contact_referral": ("lesson 04, “Referrals and follow-up”: the referral request; then add it here "
                         "with “Add an interview”, naming who referred you", "04-referrals-and-follow-up.ipynb"),
}
LABELS = {"thank_you": "Thank-you", "check_in": "Check in", "follow_up": "Follow up",
          "last_follow_up": "Last follow-up", "contact_referral": "Contact referrals"}
ORDER = ["thank_you", "check_in", "follow_up", "last_follow_up", "contact_referral"]


@dataclass(frozen=True)
class Action:
    """One thing to do: its ``kind``, the person, the log row, the day it is due, what to do, where."""

    kind: str
    person: str
    organisation: str
    row: int
    due: dt.date
    what: str
    where: str
    link: str
    source: str = ""
    interview: dt.date | None = None

    def late(self, as_of: dt.date) -> int:
        """Days overdue as of a date (0 when due that day, negative when still to come)."""
        return (as_of - self.due).days

    def when(self, as_of: dt.date) -> str:
        days = self.late(as_of)
        if days > 1:
            return f"due since {dates.day_label(self.due)} ({days} days)"
        if days == 1:
            return f"due since yesterday, {dates.day_label(self.due)}"
        if days == 0:
            return "due today"
        return f"due {dates.day_label(self.due)}"

    def line(self, as_of: dt.date | None = None) -> str:
        """One line: the kind of action and the person first, then what, when and where."""
        when = f" ({self.when(as_of)})" if as_of is not None else ""
        return f"{LABELS[self.kind]}: {self.person}{when}. {self.what} Where: {self.where}."


def _country(country: str | None) -> str | None:
    if country is not None:
        return country
    try:
        from helpers.core import settings

        return settings.country()
    except Exception:  # the settings are another lesson's: a problem there must not hide the list
        return None


@functools.lru_cache(maxsize=4096)
def follow_up_days(sent: dt.date, country: str | None) -> tuple[dt.date, dt.date]:
    """When to follow up a request with no reply: about three working days after, and a week later."""
    try:
        return followup.follow_up_dates(sent, country=country)
    except (TypeError, ValueError):
        first = dates.working_days_after(sent, 3)
        return first, dates.working_days_after(first, 5)


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[D]")


def _dates(values: np.ndarray) -> list[dt.date | None]:
    """A column of days as Python dates (None where missing), converted once."""
    return values.astype("datetime64[D]").tolist()


def open_actions(data: pd.DataFrame, country: str | None = None) -> list[Action]:
    """Every open action in a log, each with the day it is due (any date)."""
    country = _country(country)
    if not len(data):
        return []
    status = data["status"].to_numpy(dtype=object)
    held = status == "held"
    when = _days(data["date"])
    has_date = ~np.isnat(when)
    day = _dates(when)
    contact = data["contact"].to_numpy(dtype=object)
    org = data["organisation"].to_numpy(dtype=object)
    rows = data.index.to_numpy()
    source = data["source"].to_numpy(dtype=object) if "source" in data.columns else np.full(len(data), "")
    out: list[Action] = []

    def add(kind: str, at: int, due: dt.date, what: str) -> None:
        where, link = WHERE[kind]
        out.append(Action(kind, str(contact[at]), str(org[at]), int(rows[at]), due, what, where, link,
                          str(source[at]), day[at]))

    thanked = ~np.isnat(_days(data["thank_you_sent"]))
    for at in np.flatnonzero(held & has_date & ~thanked & (contact != "")).tolist():
        add("thank_you", at, day[at],
            f"Send a short thank-you for the interview on {dates.day_label(day[at])}; the same day or the next is best.")

    agreed = _days(data["follow_up_on"])
    agreed_day = _dates(agreed)
    done = ~np.isnat(_days(data["followed_up"]))
    # A check-in only where one was agreed: the lessons ask for a check-in day only when the
    # interviewee would rather contact the people first. Where they handed over the contact
    # details, the learner writes to those people instead (``contact_referral``).
    for at in np.flatnonzero(held & has_date & ~done & (contact != "") & ~np.isnat(agreed)).tolist():
        due = agreed_day[at]
        what = f"Check in as you agreed ({dates.day_label(due)}): thank them again and ask how things went."
        add("check_in", at, due, what)

    requested = (status == "requested") & has_date & (contact != "")
    for at in np.flatnonzero(requested).tolist():
        sent = day[at]
        first, last = follow_up_days(sent, country)
        add("follow_up", at, first, f"No reply yet to your request of {dates.day_label(sent)}: send a short, "
                                    f"polite follow-up.")
        add("last_follow_up", at, last, f"Still no reply to your request of {dates.day_label(sent)}, a week after "
                                        f"the first follow-up: send one last short note, then let it rest.")

    # Names they will pass the word to first wait for the agreed check-in; once you have checked
    # in (or where no day was agreed), writing to them is the next step.
    waiting = ~np.isnat(agreed) & ~done
    _referral_actions(data, held & ~waiting, day, has_date, contact, add)
    return out


def _referral_actions(data: pd.DataFrame, held: np.ndarray, day: list, has_date: np.ndarray, contact: np.ndarray,
                      add) -> None:
    """Interviews that gave more names than the log has people referred by them."""
    given = data["referrals"].fillna(0).to_numpy(dtype=np.int64)
    asked = held & has_date & (given > 0)
    if not asked.any():
        return
    found = log_links.links(data)
    reached = np.bincount(found.parent[found.parent >= 0], minlength=len(data))
    # Count people referred by this name at any of its rows (the first row of a name is the referrer).
    for at in np.flatnonzero(asked & (reached < given)).tolist():
        missing = int(given[at] - reached[at])
        names = "name" if given[at] == 1 else "names"
        add("contact_referral", at, day[at] + dt.timedelta(days=1),
            f"They gave you {int(given[at])} {names}; {missing} of them {'is' if missing == 1 else 'are'} not in "
            f"your log yet: write to {'that person' if missing == 1 else 'them'}, mentioning "
            f"{contact[at]} if you may.")


def next_actions(data: pd.DataFrame, as_of: dt.date | str | None = None, *, country: str | None = None,
                 ahead: int = 0) -> list[Action]:
    """The actions due by ``as_of`` (default today; ``ahead`` days later too), overdue first.

    A follow-up is left out once its last follow-up is due (one line per request).
    """
    today = _as_date(as_of)
    until = today + dt.timedelta(days=ahead)
    due = [a for a in open_actions(data, country) if a.due <= until]
    lasts = {(a.source, a.row) for a in due if a.kind == "last_follow_up"}
    due = [a for a in due if not (a.kind == "follow_up" and (a.source, a.row) in lasts)]
    return sorted(due, key=lambda a: (a.due, ORDER.index(a.kind), a.row))


def _as_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    return pd.Timestamp(value).date()


def text(actions: list[Action], as_of: dt.date) -> str:
    """The list as plain text, one action a line (the command line prints this)."""
    if not actions:
        return f"Nothing due as of {dates.day_label(as_of, year=True)}: no thank-yous, check-ins, follow-ups or referrals waiting."
    return "\n".join(a.line(as_of) for a in actions)


def table(actions: list[Action], as_of: dt.date) -> pd.DataFrame:
    """The list as a table (what, who, when, where)."""
    return pd.DataFrame({"to do": [LABELS[a.kind] for a in actions], "who": [a.person for a in actions],
                         "when": [a.when(as_of) for a in actions], "what": [a.what for a in actions],
                         "where": [a.where for a in actions], "row": [a.row for a in actions]})


def learner_text(as_of: dt.date | str | None = None) -> str:
    """The next actions of the learner's log (the sample until there is one), as text."""
    from helpers.log import summaries

    shown = summaries.learners_log(as_of)
    where = "the sample log" if shown.is_sample else "your log"
    return f"Next actions in {where}:\n" + text(next_actions(shown.data, shown.as_of), shown.as_of)
