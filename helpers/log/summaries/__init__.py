"""Pandas summaries of a practice-interview log: what a learner and an instructor read off it.

A log is worth keeping when it says what to do next. Six sections answer six questions:

1. **Activity**: how many interviews, in which state, practice or real, week by week?
2. **Follow-ups**: whom must I check in with, and when (as of a date)?
3. **Thank-yous**: did I thank everyone, and how quickly?
4. **Referrals**: am I getting names out of my interviews, and where did they lead?
5. **Feedback**: who told me candidly how competitive I am?
6. **Coverage**: have I spoken to enough people in each field to draw conclusions?

Every table function takes the typed frame of a log (``log.Log.data``; a ``source`` column,
as :func:`helpers.log.load_many` adds, keeps pooled logs apart) and returns a DataFrame of
plain numbers and dates. The section functions (:func:`activity`, :func:`follow_ups`, ...)
return a :class:`Section`: a title, a one-line reading in plain words, and the tables, which
shows itself as escaped HTML in a notebook and as text on the command line.

Everything is vectorised (no loop over rows), so a course's pooled logs of a million rows
are summarised in about the time pandas takes to read them.

>>> from helpers import log

>>> from helpers.log import summaries
>>> sample = log.load(log.sample_path())
>>> summaries.activity(sample.data).reading.split(":")[0]
'27 interviews in the log'
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from helpers.log.summaries.base import *  # noqa: F401,F403  (the shared pieces, public names)
from helpers.log.summaries.base import (DUE_WITHIN_DAYS, FOLLOW_UP_WINDOW, HTML_ROWS, SAMPLE_AS_OF, TEXT_ROWS, THANK_YOU_WITHIN_DAYS, _DAY, Section, _as_of, _days, _has, _labels, _Masks, _plural, _select, _total, plain_date)
from helpers.log.summaries.people import *  # noqa: F401,F403
from helpers.log.summaries.people import (_chain_lengths, coverage, feedback, longest_chain, referral_links, referrals)
from helpers import log as logmod  # noqa: E402  (after the star imports, which bring their own)
from helpers.core.logfile import links as log_links  # noqa: E402

# ---------------------------------------------------------------------------------------
# 1. Activity
# ---------------------------------------------------------------------------------------
def counts_by_status(data: pd.DataFrame, *, masks: _Masks | None = None) -> pd.DataFrame:
    """Interviews by status (rows) and kind (columns), every status shown.

    Rows whose status has a problem (empty or unknown) are not counted.

    >>> from helpers import log
    >>> int(counts_by_status(log.empty().data).loc["held", "total"])
    0
    """
    m = _Masks.of(data, masks)
    status, kind = m.status, m.kind
    ok = (status >= 0) & (kind >= 0)
    counts = np.bincount(status[ok] * len(logmod.KINDS) + kind[ok],
                         minlength=len(logmod.STATUSES) * len(logmod.KINDS))
    table = pd.DataFrame(counts.reshape(len(logmod.STATUSES), len(logmod.KINDS)),
                         index=pd.Index(logmod.STATUSES, name="status"), columns=logmod.KINDS)
    table["total"] = table.sum(axis=1)
    return table.astype(int)


def _week_start(dates: np.ndarray) -> np.ndarray:
    """The Monday of each date's week, as datetime64[D]."""
    days = dates.astype("datetime64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    return days - weekday.astype("timedelta64[D]")


def weekly_counts(data: pd.DataFrame, masks: _Masks | None = None) -> pd.DataFrame:
    """Held interviews per week (weeks start on Monday), practice and real, empty weeks shown.

    The index is the Monday of each week, from the first week with a held interview to the last.

    >>> from helpers import log
    >>> weekly_counts(log.empty().data).columns.tolist()
    ['practice', 'real', 'total']
    """
    m = _Masks.of(data, masks)
    dates = data["date"].to_numpy(dtype="datetime64[D]")
    keep = m.held & ~np.isnat(dates)
    if not keep.any():
        return pd.DataFrame({c: pd.Series([], dtype=int) for c in ["practice", "real", "total"]},
                            index=pd.DatetimeIndex([], name="week of"))
    weeks = _week_start(dates[keep])
    first = weeks.min()
    slot = ((weeks - first) // np.timedelta64(7, "D")).astype(np.int64)
    span = int(slot.max()) + 1
    practice = m.practice[keep]
    table = pd.DataFrame({
        "practice": np.bincount(slot[practice], minlength=span),
        "real": np.bincount(slot[~practice], minlength=span),
    }, index=pd.DatetimeIndex(first + np.arange(span) * np.timedelta64(7, "D"), name="week of"))
    table["total"] = table["practice"] + table["real"]
    return table


def activity(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 1: interviews by status and kind, and held interviews week by week."""
    m = _Masks.of(data, masks)
    by_status = counts_by_status(data, masks=m)
    weekly = weekly_counts(data, m)
    n = len(data)
    held = by_status.loc["held"]
    planned = int(by_status.loc[["requested", "scheduled"], "total"].sum())
    if n == 0:
        reading = ("No interviews in the log yet: add your first one (a practice run with family "
                   "or friends is a good start).")
    else:
        reading = (f"{_plural(n, 'interview')} in the log: {int(held['total']):,} held "
                   f"({int(held['practice']):,} practice, {int(held['real']):,} real), "
                   f"{planned:,} still requested or scheduled, "
                   f"{int(by_status.loc['cancelled', 'total']):,} cancelled.")
        if len(weekly):
            busiest = weekly["total"].idxmax()
            reading += (f" Busiest week: the week of {plain_date(busiest)} "
                        f"({_plural(int(weekly['total'].max()), 'held interview')}).")
        dates = data["date"]
        first_real = dates[m.held & m.real].min()
        if pd.notna(first_real):
            before = int((m.practice & m.held & (dates < first_real).to_numpy()).sum())
            reading += (f" {_plural(before, 'practice run')} before your first real interview." if before else
                        " No practice run before your first real interview: next time, rehearse with family "
                        "or friends first.")
    weekly_shown = weekly.copy()
    weekly_shown.index = weekly_shown.index.strftime("%Y-%m-%d")
    weekly_shown.index.name = "week of (Monday)"
    total = len(weekly_shown)
    if limit is not None and total > limit:  # the latest weeks matter most
        weekly_shown = weekly_shown.tail(limit)
    weekly_shown.attrs.update(total=total, part="last")
    return Section("activity", "1. Activity", reading,
                   {"Interviews by status, practice and real": by_status,
                    "Held interviews per week": weekly_shown},
                   index={"Interviews by status, practice and real", "Held interviews per week"},
                   empty={"Held interviews per week": "No held interviews yet."})


# ---------------------------------------------------------------------------------------
# 2. Follow-ups
# ---------------------------------------------------------------------------------------
_FOLLOW_COLUMNS = {"contact": "contact", "organisation": "organisation", "date": "interview",
                   "follow_up_on": "check-in agreed"}


def overdue_follow_ups(data: pd.DataFrame, as_of: dt.date | str | None = None, *,
                       limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Held interviews whose agreed check-in date has passed with no check-in recorded.

    Oldest first, with how many days overdue as of ``as_of`` (default today).
    """
    today = _as_of(as_of)
    m = _Masks.of(data, masks)
    mask = m.held & ((data["follow_up_on"] < today) & data["followed_up"].isna()).to_numpy()
    table = _select(data, m, mask, _FOLLOW_COLUMNS, by="follow_up_on", limit=limit)
    table["days overdue"] = _days(today, table["check-in agreed"])
    return table


def due_follow_ups(data: pd.DataFrame, as_of: dt.date | str | None = None, within: int = DUE_WITHIN_DAYS, *,
                   limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Check-ins agreed for the next ``within`` days (as_of <= date <= as_of + within), not yet done.

    Cancelled interviews are left out. Soonest first.
    """
    today = _as_of(as_of)
    until = today + pd.Timedelta(days=within)
    m = _Masks.of(data, masks)
    agreed = data["follow_up_on"]
    mask = ~m.cancelled & ((agreed >= today) & (agreed <= until) & data["followed_up"].isna()).to_numpy()
    table = _select(data, m, mask, _FOLLOW_COLUMNS, by="follow_up_on", limit=limit)
    table["due in (days)"] = _days(table["check-in agreed"], today)
    return table


def follow_up_window_advice(data: pd.DataFrame, window: tuple[int, int] = FOLLOW_UP_WINDOW, *,
                            limit: int | None = None, masks: _Masks | None = None,
                            country: str | None = None) -> pd.DataFrame:
    """Agreed check-in dates outside the usual 7-10 days after the interview, or on a day off (a
    weekend, or a public holiday of ``country``: the learner's or the class's when None). Advice,
    not an error. Cancelled interviews are left out. In interview order.
    """
    from helpers.core import workdays as holidays_calendar
    from helpers.core.followup import resolve_country

    low, high = window
    m = _Masks.of(data, masks)
    agreed = data["follow_up_on"]
    gap = ((agreed - data["date"]) / _DAY).to_numpy(dtype=float, na_value=np.nan)
    try:
        code = resolve_country(country)
    except Exception:  # noqa: BLE001 - the settings are another lesson's: weekends only, then
        code = holidays_calendar.NONE
    present = agreed.dropna()
    years = sorted({d.year for d in present}) if len(present) else []
    days_off = {pd.Timestamp(d): n for y in years for d, n in holidays_calendar.between(
        dt.date(y, 1, 1), dt.date(y, 12, 31), code).items()}
    weekday = agreed.dt.weekday.to_numpy(dtype=float, na_value=np.nan)
    holiday = agreed.map(lambda d: days_off.get(d, "") if pd.notna(d) else "").to_numpy(dtype=object)
    with np.errstate(invalid="ignore"):
        outside = (gap < low) | (gap > high)
        off = (weekday >= 5) | (holiday != "")
        mask = ~m.cancelled & (outside | off)
    table = _select(data, m, mask, _FOLLOW_COLUMNS, by="date", limit=limit)
    days = _days(table["check-in agreed"], table["interview"])
    table["days after interview"] = days
    early = f"sooner than {low} days: they may have nothing new to tell you yet; aim for {low}-{high}"
    late = f"more than {high} days: they may have forgotten the details; aim for {low}-{high}"
    where = holidays_calendar.country_phrase(code)

    def advise(row: pd.Series) -> str:
        parts = []
        n = row["days after interview"]
        if pd.notna(n) and n < low:
            parts.append(early)
        elif pd.notna(n) and n > high:
            parts.append(late)
        day = row["check-in agreed"]
        if pd.notna(day):
            name = days_off.get(pd.Timestamp(day), "")
            if pd.Timestamp(day).weekday() >= 5:
                parts.append(f"a {pd.Timestamp(day):%A}: not a working day; agree a weekday")
            elif name:
                parts.append(f"{name}, a public holiday in {where}: agree a working day")
        return "; ".join(parts)

    table["advice"] = table.apply(advise, axis=1) if len(table) else pd.Series([], dtype=object)
    return table


def follow_ups(data: pd.DataFrame, as_of: dt.date | str | None = None, *,
               limit: int | None = None, masks: _Masks | None = None, country: str | None = None) -> Section:
    """Section 2: overdue check-ins, those due in the next 7 days, and dates outside 7-10 days or
    on a day off."""
    today = _as_of(as_of)
    m = _Masks.of(data, masks)
    overdue = overdue_follow_ups(data, today, limit=limit, masks=m)
    due = due_follow_ups(data, today, limit=limit, masks=m)
    advice = follow_up_window_advice(data, limit=limit, masks=m, country=country)
    low, high = FOLLOW_UP_WINDOW
    first = f"As of {plain_date(today)}: {_plural(_total(overdue), 'check-in')} overdue"
    if len(overdue):
        oldest = overdue.iloc[0]
        first += f" (start with {oldest['contact']}, agreed for {plain_date(oldest['check-in agreed'])})"
    reading = (f"{first}; {_total(due):,} due in the next {DUE_WITHIN_DAYS} days; "
               f"{_plural(_total(advice), 'agreed date')} outside the usual {low}-{high} days after the interview "
               f"or on a day off.")
    if not _total(overdue) and not _total(due):
        reading += " Nothing to chase today."
    captions = ["Overdue check-ins", f"Check-ins due in the next {DUE_WITHIN_DAYS} days",
                f"Check-in dates outside {low}-{high} days or on a day off (advice)"]
    return Section("follow_ups", "2. Follow-ups", reading, dict(zip(captions, [overdue, due, advice])),
                   empty=dict(zip(captions, ["No check-ins overdue.", "None due this week.",
                                             "Every agreed date is a working day in the usual window."])))


# ---------------------------------------------------------------------------------------
# 3. Thank-yous
# ---------------------------------------------------------------------------------------
def missing_thank_yous(data: pd.DataFrame, as_of: dt.date | str | None = None, *,
                       limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Held interviews with no thank-you recorded, most recent first, with days since the interview."""
    today = _as_of(as_of)
    m = _Masks.of(data, masks)
    mask = m.held & data["thank_you_sent"].isna().to_numpy()
    table = _select(data, m, mask, {"contact": "contact", "organisation": "organisation", "date": "interview"},
                    by="date", newest_first=True, limit=limit)
    table["days since"] = _days(today, table["interview"])
    return table


def _thank_you_days(data: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    sent = data["thank_you_sent"].to_numpy(dtype="datetime64[D]")
    held_on = data["date"].to_numpy(dtype="datetime64[D]")
    days = (sent - held_on).astype("timedelta64[D]").astype(np.float64)
    days[np.isnat(sent) | np.isnat(held_on)] = np.nan
    return days[mask]


def thank_you_delays(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """How many days each thank-you took after a held interview (0 = the same day), in interview order."""
    m = _Masks.of(data, masks)
    mask = m.held & data["thank_you_sent"].notna().to_numpy()
    table = _select(data, m, mask, {"contact": "contact", "date": "interview", "thank_you_sent": "thank-you sent"},
                    by="date", limit=limit)
    days = _days(table["thank-you sent"], table["interview"])
    table["days"] = days
    plain = days.to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        pick = np.where(plain < 0, 2, np.where(plain <= THANK_YOU_WITHIN_DAYS, 1, 0))
    pick[np.isnan(plain)] = 3
    table["within a day"] = _labels(["no", "yes", "check the dates (sent before the interview?)", ""], pick)
    return table


def thank_yous(data: pd.DataFrame, as_of: dt.date | str | None = None, *,
               limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 3: held interviews with no thank-you, and how long each thank-you took."""
    m = _Masks.of(data, masks)
    missing = missing_thank_yous(data, as_of, limit=limit, masks=m)
    delays = thank_you_delays(data, limit=limit, masks=m)
    held = int(m.held.sum())
    if not held:
        reading = "No held interviews yet, so no thank-yous to send. Send one within a day of each interview."
    else:
        days = _thank_you_days(data, m.held & data["thank_you_sent"].notna().to_numpy())
        with np.errstate(invalid="ignore"):
            quick = int(((days >= 0) & (days <= THANK_YOU_WITHIN_DAYS)).sum())
        reading = (f"{_total(missing):,} of {_plural(held, 'held interview')} {_has(_total(missing))} no "
                   f"thank-you recorded; ")
        reading += (f"{quick:,} of {_total(delays):,} thank-yous went out within a day "
                    f"(the lessons advise the same day or the next)." if _total(delays) else
                    "no thank-you dates yet (the lessons advise sending one the same day or the next).")
        if len(missing):
            reading += f" Start with {missing.iloc[0]['contact']}: that interview is the most recent."
    return Section("thank_yous", "3. Thank-yous", reading,
                   {"Held interviews with no thank-you (most recent first)": missing,
                    "Days each thank-you took": delays},
                   empty={"Held interviews with no thank-you (most recent first)": "Everyone has been thanked.",
                          "Days each thank-you took": "No thank-yous recorded yet."})


# ---------------------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------------------
def sections(data: pd.DataFrame, as_of: dt.date | str | None = None, *, limit: int | None = None,
             country: str | None = None) -> list[Section]:
    """All six sections, in order (``limit``: at most that many rows in each long table; ``country``:
    whose public holidays count as days off, the learner's or the class's when None)."""
    m = _Masks.of(data)
    return [activity(data, limit=limit, masks=m), follow_ups(data, as_of, limit=limit, masks=m, country=country),
            thank_yous(data, as_of, limit=limit, masks=m), referrals(data, limit=limit, masks=m),
            feedback(data, limit=limit, masks=m), coverage(data, limit=limit, masks=m)]


@dataclass
class Shown:
    """The log a lesson shows: the learner's own, or the sample until they have one."""

    log: "logmod.Log"
    is_sample: bool
    as_of: dt.date
    note: str

    @property
    def data(self) -> pd.DataFrame:
        return self.log.data

    def _repr_html_(self) -> str:
        from helpers.display import message_html

        return message_html(self.note, "info")

    def __repr__(self) -> str:
        return self.note


def learners_log(as_of: dt.date | str | None = None) -> Shown:
    """The learner's log if they have one (else the sample), with the date to read it as of.

    The sample is read as of :data:`SAMPLE_AS_OF` (its story ends then); the learner's own
    log as of today, unless ``as_of`` is given. A log that cannot be read is not an error
    here: the sample is shown and the note says what is wrong with the file.
    """
    from helpers import workspace

    trouble = ""
    try:
        lg, is_sample = logmod.learner_log()
    except logmod.LogFileError as exc:
        lg, is_sample = logmod.load(logmod.sample_path(), name="sample_log.csv"), True
        trouble = f"Your log could not be read: {exc} Until it is fixed, "
    except OSError as exc:  # the workspace folder itself cannot be used (WorkspaceError)
        lg, is_sample = logmod.load(logmod.sample_path(), name="sample_log.csv"), True
        problem = getattr(exc, "problem", None)
        trouble = (f"Your workspace cannot be used: {problem or exc}. Until it is fixed, " if problem is not None
                   else f"Your workspace cannot be used ({exc}). Until it is fixed, ")
    when = (pd.Timestamp(as_of).date() if as_of is not None
            else SAMPLE_AS_OF if is_sample else dt.date.today())
    if is_sample:
        start = trouble or "You have no log of your own yet, so "
        note = (f"{start}this shows the sample log: {_plural(len(lg.data), 'fictional interview')} from one "
                f"learner's autumn 2026, read as of {plain_date(when)}. Add an interview with the form below and "
                f"run the lesson again to see your own.")
    elif not len(lg.data):
        note = (f"Your log ({workspace.LOG_NAME}) has no interviews yet, so the tables and charts are empty. "
                f"Add your first interview with the form below; a practice run with family or friends is a "
                f"good start.")
    else:
        note = (f"This is your own log ({workspace.LOG_NAME}, {_plural(len(lg.data), 'interview')}), "
                f"read as of {plain_date(when)}.")
        if lg.problems:
            first = "; ".join(str(p) for p in lg.problems[:3])
            more = f" ... and {len(lg.problems) - 3:,} more" if len(lg.problems) > 3 else ""
            note += (f" {_plural(len(lg.problems), 'problem')} found; a cell with a problem is left out of the "
                     f"figures until you fix it in the file: {first}{more}")
    return Shown(lg, is_sample, when, note)


def report_text(lg: "logmod.Log", as_of: dt.date | None = None, country: str | None = None) -> str:
    """The summary printed by ``python -m helpers summary``: all six sections, as text."""
    data = lg.data
    today = _as_of(as_of)
    sources = pd.unique(data["source"]) if "source" in data.columns else [lg.source]
    pooled = f", {len(sources)} logs pooled" if len(sources) > 1 else ""
    name = lg.source if len(sources) <= 4 else ", ".join(map(str, sources[:3])) + f" and {len(sources) - 3} more"
    lines = [f"Practice-interview log: {name} ({_plural(len(data), 'interview')}{pooled}), "
             f"as of {today:%Y-%m-%d}"]
    if not len(data):
        lines.append("The log has no interviews yet: add your first one (a practice run with family or "
                     "friends is a good start). The tables below are empty until then.")
    for section in sections(data, today, limit=TEXT_ROWS, country=country):
        lines += ["", section.text()]
    return "\n".join(lines)


def entry_tips(entry: dict[str, object], data: pd.DataFrame | None = None) -> list[str]:
    """Advice on a new entry that does not stop it being saved (plain sentences).

    ``data`` is the log it joins (to check that ``referred_by`` names someone in it).

    >>> entry_tips({"date": "2026-03-02", "status": "held", "follow_up_on": "2026-03-20"})[0].split(":")[0]
    'Friday 20 March is 18 days after the interview'
    """
    from helpers.core import dates
    from helpers.core.logfile.advice import checkin_day_advice

    def date(key: str) -> pd.Timestamp | None:
        day, _problem = dates.parse(entry.get(key), required=False)
        return None if day is None else pd.Timestamp(day)

    tips: list[str] = []
    held = str(entry.get("status") or "").strip().lower() == "held"
    day, agreed, thanked = date("date"), date("follow_up_on"), date("thank_you_sent")
    if day is not None and agreed is not None:
        # the same words as the log check's advice (weekends and public holidays too)
        said = checkin_day_advice(day.date(), agreed.date())
        if said:
            tips.append(said)
    if held and thanked is None:
        tips.append("No thank-you date yet: send a short thank-you the same day or the next, then add its date here.")
    if held and thanked is not None and day is not None and (thanked - day).days > THANK_YOU_WITHIN_DAYS:
        tips.append("The thank-you went out more than a day after the interview; next time aim for the same day "
                    "or the next.")
    if held and agreed is None:
        low, high = FOLLOW_UP_WINDOW
        tips.append(f"No check-in day recorded: if they offered to contact someone for you first, agree a working "
                    f"day {low}-{high} days after the interview to check in, and add it here.")
    referrer = str(entry.get("referred_by") or "").strip()
    if referrer and data is not None:
        known = set(log_links.fold_names(data["contact"].to_numpy(dtype=object))) if len(data) else set()
        if log_links.fold_names(np.array([referrer], dtype=object))[0] not in known:
            tips.append(f"'{referrer}' is not a contact in your log yet; spell the name as in their own entry "
                        f"so your referral chain links up.")
    return tips

