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

>>> from helpers import log, summaries
>>> sample = log.load(log.sample_path())
>>> summaries.activity(sample.data).reading.split(":")[0]
'27 interviews in the log'
"""
from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import log as logmod

#: "Today" for the sample log, which tells the story of one learner's autumn 2026.
SAMPLE_AS_OF = dt.date(2026, 11, 30)
#: The agreed check-in should fall this many days after the interview (inclusive).
FOLLOW_UP_WINDOW = (7, 10)
#: "Due soon" means within this many days from the as-of date (inclusive).
DUE_WITHIN_DAYS = 7
#: Career centres advise a thank-you within a day.
THANK_YOU_WITHIN_DAYS = 1
#: A rule of thumb: speak to at least this many people in a field before drawing conclusions.
PEOPLE_PER_SECTOR = 3
NO_SECTOR = "(no sector given)"
TEXT_ROWS = 15  # rows of each table printed on the command line
HTML_ROWS = 200  # rows of each table shown in a notebook

_DAY = np.timedelta64(1, "D")
_STRIP = np.frompyfunc(str.strip, 1, 1)  # str.strip over an array of text, without a Python loop


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------
def plain_date(value: object) -> str:
    """A date in plain words, the same in every locale.

    >>> plain_date("2026-10-19")
    '19 Oct 2026'
    """
    if value is None or pd.isna(value):
        return "no date"
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def _as_of(as_of: dt.date | str | None) -> pd.Timestamp:
    if as_of is None:
        as_of = dt.date.today()
    return pd.Timestamp(as_of).normalize()


def _plural(n: int | float, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _labels(choices: list[str], pick: np.ndarray) -> np.ndarray:
    """``choices[pick]`` as Python strings (cheaper than numpy's fixed-width text)."""
    return np.array(choices, dtype=object)[np.asarray(pick).astype(np.int64)]


def _part(table: pd.DataFrame) -> str:
    """Which rows a cut table kept: "first" (most tables) or "last" (the latest weeks)."""
    return str(table.attrs.get("part", "first"))


def _cut(table: pd.DataFrame, rows: int | None) -> pd.DataFrame:
    """At most ``rows`` rows of a table: its first ones, or its last ones for the weekly counts."""
    if rows is None or len(table) <= rows:
        return table
    return table.tail(rows) if _part(table) == "last" else table.head(rows)


def _total(table: pd.DataFrame) -> int:
    """Rows the table would have without a ``limit`` (see :func:`_select`)."""
    return int(table.attrs.get("total", len(table)))


@dataclass(frozen=True)
class _Masks:
    """Which rows are held, real, practice, cancelled, and who is who: worked out once per summary."""

    status: np.ndarray  # position in log.STATUSES (-1: a status with a problem)
    kind: np.ndarray    # position in log.KINDS
    held: np.ndarray
    real: np.ndarray
    practice: np.ndarray
    cancelled: np.ndarray
    data: pd.DataFrame = field(repr=False, compare=False)

    @classmethod
    def of(cls, data: pd.DataFrame, masks: "_Masks | None" = None) -> "_Masks":
        if masks is not None:
            return masks
        status = pd.Categorical(data["status"], categories=logmod.STATUSES).codes.astype(np.int64)
        kind = pd.Categorical(data["kind"], categories=logmod.KINDS).codes.astype(np.int64)
        return cls(status=status, kind=kind, held=status == logmod.STATUSES.index("held"),
                   real=kind == logmod.KINDS.index("real"), practice=kind == logmod.KINDS.index("practice"),
                   cancelled=status == logmod.STATUSES.index("cancelled"), data=data)

    @functools.cached_property
    def sources(self) -> np.ndarray:
        """Which log each row came from, as a number (all 0 for a single log)."""
        if "source" in self.data.columns:
            return pd.factorize(self.data["source"])[0].astype(np.int64)
        return np.zeros(len(self.data), dtype=np.int64)

    @functools.cached_property
    def pooled(self) -> bool:
        """Several logs summarised together (tables then say which log each row is from)."""
        return bool(len(self.sources)) and bool(self.sources.max() > 0)

    @functools.cached_property
    def names(self) -> tuple[np.ndarray, np.ndarray, int]:
        """Contact and referred_by names as numbers in one code space: (contact, referred_by, count).

        A row with no referrer gets -1.
        """
        n = len(self.data)
        ref = self.data["referred_by"].to_numpy(dtype=object)
        wanted = np.flatnonzero((ref != "") & pd.notna(ref))
        codes, uniques = pd.factorize(np.concatenate([self.data["contact"].to_numpy(dtype=object), ref[wanted]]))
        codes = codes.astype(np.int64)
        ref_codes = np.full(n, -1, dtype=np.int64)
        ref_codes[wanted] = codes[n:]
        return codes[:n], ref_codes, len(uniques)

    @functools.cached_property
    def people(self) -> np.ndarray:
        """A number for each person: the same contact name in the same log."""
        contact, _, count = self.names
        if not self.pooled:
            return contact
        return pd.factorize(self.sources * np.int64(count + 1) + contact)[0].astype(np.int64)


def _order(keys: np.ndarray, limit: int | None) -> np.ndarray:
    """Positions that sort ``keys`` (stable: ties keep their order), only the first ``limit`` of them."""
    if limit is None or len(keys) <= limit:
        return np.argsort(keys, kind="stable")
    if limit <= 0:
        return np.zeros(0, dtype=np.int64)
    kth = np.partition(keys, limit - 1)[limit - 1]
    candidates = np.flatnonzero(keys <= kth)
    return candidates[np.argsort(keys[candidates], kind="stable")][:limit]


def _select(data: pd.DataFrame, m: _Masks, mask: np.ndarray, columns: dict[str, str],
            by: str | None = None, newest_first: bool = False, limit: int | None = None) -> pd.DataFrame:
    """The rows in ``mask``, sorted by the date column ``by`` (missing dates last), at most ``limit``.

    Columns are renamed as ``columns`` says; ``source`` comes first when logs are pooled.
    ``table.attrs["total"]`` keeps how many rows there are without the limit.
    """
    rows = np.flatnonzero(mask)
    total = len(rows)
    if by is not None:
        keys = data[by].to_numpy(dtype="datetime64[ns]")[rows].view(np.int64)
        missing = keys == np.iinfo(np.int64).min  # NaT
        if newest_first:
            keys = -np.where(missing, 0, keys)
        keys = np.where(missing, np.iinfo(np.int64).max, keys)
        rows = rows[_order(keys, limit)]
    elif limit is not None:
        rows = rows[:limit]
    cols = {"source": "source", **columns} if m.pooled else dict(columns)
    table = pd.DataFrame({new: data[old].to_numpy()[rows] for old, new in cols.items()})
    table.attrs["total"] = total
    return table


def _days(later: pd.Series | pd.Timestamp, earlier: pd.Series | pd.Timestamp) -> pd.Series:
    """Whole days from ``earlier`` to ``later`` (missing when either date is)."""
    return ((later - earlier) / _DAY).astype("Int64")


def _filled(s: pd.Series, among: np.ndarray | None = None) -> np.ndarray:
    """Cells holding text other than spaces (only non-empty cells, ``among`` those given, are stripped)."""
    values = s.to_numpy(dtype=object)
    out = (values != "") & pd.notna(values)
    if among is not None:
        out &= among
    if out.any():
        out[out] = _STRIP(values[out]) != ""
    return out


# ---------------------------------------------------------------------------------------
# A section: title, one-line reading, tables
# ---------------------------------------------------------------------------------------
@dataclass
class Section:
    """One part of the summary: a title, a reading in plain words, and its tables.

    In a notebook it shows itself as HTML with every cell escaped; ``print(section)`` or
    :meth:`text` gives plain text.
    """

    key: str
    title: str
    reading: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # caption -> table
    index: set[str] = field(default_factory=set)  # captions of tables whose index is a label column
    empty: dict[str, str] = field(default_factory=dict)  # caption -> what to say when it has no rows

    def html(self, max_rows: int | None = HTML_ROWS) -> str:
        """The section as HTML: every cell escaped (learners' text shows as text)."""
        from .display import escape, table_html

        parts = [f"<h4 style='margin:0.6em 0 0.2em 0'>{escape(self.title)}</h4>",
                 f"<p style='margin:0 0 0.5em 0'>{escape(self.reading)}</p>"]
        for caption, table in self.tables.items():
            shown = self._plain(caption, _cut(table, max_rows))
            parts.append(table_html(shown, caption, empty=self.empty.get(caption, "None."), max_rows=None))
            if _total(table) > len(shown):
                parts.append(f"<p>Showing the {_part(table)} {len(shown):,} of {_total(table):,} rows.</p>")
        return f"<section class='iiw-summary iiw-{escape(self.key)}'>" + "".join(parts) + "</section>"

    def _repr_html_(self) -> str:
        return self.html()

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        """The section as plain text (for the command line)."""
        lines = [self.title, "=" * len(self.title), self.reading]
        for caption, table in self.tables.items():
            lines += ["", caption + ":"]
            if not len(table):
                lines.append("  " + self.empty.get(caption, "None."))
                continue
            shown = _cut(table, max_rows)
            lines.append(self._plain(caption, shown).map(_text_cell).to_string(index=False))
            if _total(table) > len(shown):
                lines.append(f"  ... and {_total(table) - len(shown):,} more rows "
                             f"(showing the {_part(table)} {len(shown):,})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _plain(self, caption: str, table: pd.DataFrame) -> pd.DataFrame:
        """The table with its label index as an ordinary first column (one header row)."""
        return table.reset_index() if caption in self.index else table

    def __repr__(self) -> str:  # what an editor without HTML shows
        return self.text()


def _text_cell(value: object) -> object:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        one_line = " ".join(value.split())
        return one_line if len(one_line) <= 60 else one_line[:59] + "…"
    return value


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
    dates = data["date"].to_numpy(dtype="datetime64[ns]")
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
                            limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Agreed check-in dates outside the usual 7-10 days after the interview (advice, not an error).

    Cancelled interviews are left out. In interview order.
    """
    low, high = window
    m = _Masks.of(data, masks)
    gap = ((data["follow_up_on"] - data["date"]) / _DAY).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        mask = ~m.cancelled & ((gap < low) | (gap > high))
    table = _select(data, m, mask, _FOLLOW_COLUMNS, by="date", limit=limit)
    days = _days(table["check-in agreed"], table["interview"])
    table["days after interview"] = days
    early = f"sooner than {low} days: they may have nothing new to tell you yet; aim for {low}-{high}"
    late = f"more than {high} days: they may have forgotten the details; aim for {low}-{high}"
    table["advice"] = _labels([late, early], days.to_numpy(dtype=float, na_value=np.nan) < low)
    return table


def follow_ups(data: pd.DataFrame, as_of: dt.date | str | None = None, *,
               limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 2: overdue check-ins, those due in the next 7 days, and dates outside 7-10 days."""
    today = _as_of(as_of)
    m = _Masks.of(data, masks)
    overdue = overdue_follow_ups(data, today, limit=limit, masks=m)
    due = due_follow_ups(data, today, limit=limit, masks=m)
    advice = follow_up_window_advice(data, limit=limit, masks=m)
    low, high = FOLLOW_UP_WINDOW
    first = f"As of {plain_date(today)}: {_plural(_total(overdue), 'check-in')} overdue"
    if len(overdue):
        oldest = overdue.iloc[0]
        first += f" (start with {oldest['contact']}, agreed for {plain_date(oldest['check-in agreed'])})"
    reading = (f"{first}; {_total(due):,} due in the next {DUE_WITHIN_DAYS} days; "
               f"{_plural(_total(advice), 'agreed date')} outside the usual {low}-{high} days after the interview.")
    if not _total(overdue) and not _total(due):
        reading += " Nothing to chase today."
    captions = ["Overdue check-ins", f"Check-ins due in the next {DUE_WITHIN_DAYS} days",
                f"Check-in dates outside {low}-{high} days (advice)"]
    return Section("follow_ups", "2. Follow-ups", reading, dict(zip(captions, [overdue, due, advice])),
                   empty=dict(zip(captions, ["No check-ins overdue.", "None due this week.",
                                             "Every agreed date is in the usual window."])))


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
                    f"(career centres advise within 24 hours)." if _total(delays) else
                    "no thank-you dates yet (career centres advise sending one within 24 hours).")
        if len(missing):
            reading += f" Start with {missing.iloc[0]['contact']}: that interview is the most recent."
    return Section("thank_yous", "3. Thank-yous", reading,
                   {"Held interviews with no thank-you (most recent first)": missing,
                    "Days each thank-you took": delays},
                   empty={"Held interviews with no thank-you (most recent first)": "Everyone has been thanked.",
                          "Days each thank-you took": "No thank-yous recorded yet."})


# ---------------------------------------------------------------------------------------
# 4. Referrals
# ---------------------------------------------------------------------------------------
def _normalise_names(values: np.ndarray) -> np.ndarray:
    """Case and spacing left out, for matching names (``' rosa  DELGADO'`` = ``'Rosa Delgado'``)."""
    return pd.Series(values, dtype=object).str.casefold().str.split().str.join(" ").to_numpy(dtype=object)


def _first_rows(keys: np.ndarray, valid: np.ndarray, size: int) -> np.ndarray:
    """For each key value 0..size-1, the position of the first valid row holding it (-1: none)."""
    first = np.full(size, -1, dtype=np.int64)
    rows = np.flatnonzero(valid)
    if len(rows):
        seen = pd.Series(keys[rows]).duplicated(keep="first").to_numpy()
        first[keys[rows[~seen]]] = rows[~seen]
    return first


def _referral_parents(data: pd.DataFrame, masks: _Masks | None = None) -> np.ndarray:
    """For each row (by position), the row of the contact named in ``referred_by`` (-1: none).

    Names are matched exactly first, then ignoring case and spacing; only within the same
    ``source`` when logs are pooled. When a name is in the log more than once, its first row
    is the referrer.
    """
    n = len(data)
    m = _Masks.of(data, masks)
    contact_codes, ref_codes, count = m.names
    wanted = ref_codes >= 0
    if not n or not wanted.any():
        return np.full(n, -1, dtype=np.int64)
    contact = data["contact"].to_numpy(dtype=object)
    has_name = (contact != "") & pd.notna(contact)
    source = m.sources
    if m.pooled:  # a name means someone in the same log
        width = np.int64(count + 1)
        keys, _ = pd.factorize(np.concatenate([source * width + contact_codes, source[wanted] * width
                                               + ref_codes[wanted]]))
        keys = keys.astype(np.int64)
        contact_codes = keys[:n]
        ref_codes = np.full(n, -1, dtype=np.int64)
        ref_codes[wanted] = keys[n:]
        count = int(keys.max()) + 1
    first = _first_rows(contact_codes, has_name, count)
    parent = np.where(wanted, first[np.maximum(ref_codes, 0)], -1)
    # Second try, ignoring case and spacing, for names not found as written.
    left = wanted & (parent < 0)
    if left.any():
        ref = data["referred_by"].to_numpy(dtype=object)
        folded = np.concatenate([_normalise_names(contact[has_name]), _normalise_names(ref[left])])
        codes = pd.factorize(folded)[0].astype(np.int64)
        if m.pooled:
            width = np.int64(codes.max() + 1)
            codes = pd.factorize(np.concatenate([source[has_name], source[left]]) * width + codes)[0].astype(np.int64)
        k = int(has_name.sum())
        key = np.full(n, -1, dtype=np.int64)
        key[has_name] = codes[:k]
        first = _first_rows(key, has_name, int(codes.max()) + 1)
        parent[left] = first[codes[k:]]
    return parent


def _chain_lengths(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """People in the chain that ends at each row (1 = not referred), by pointer jumping.

    A loop (A referred by B, B by A) is cut at its earliest row, which becomes the start of
    the chain. Returns ``(lengths, parent)`` with loops cut.
    """
    parent = parent.copy()
    n = len(parent)
    if not n:
        return np.zeros(0, dtype=np.int64), parent
    rounds = max(1, math.ceil(math.log2(n)) + 1)
    for _attempt in range(2):
        links = (parent >= 0).astype(np.int64)
        ahead = parent.copy()
        for _ in range(rounds):
            busy = np.flatnonzero(ahead >= 0)
            if not len(busy):
                break
            step = ahead[busy]
            links[busy] += links[step]
            ahead[busy] = ahead[step]
        stuck = ahead >= 0
        if not stuck.any():
            return links + 1, parent
        # Rows still moving after 2n steps are in (or lead into) a loop; find each loop's first row.
        on_loop = np.unique(ahead[stuck])
        smallest = np.arange(n, dtype=np.int64)
        jump = parent.copy()
        for _ in range(rounds):
            smallest[on_loop] = np.minimum(smallest[on_loop], smallest[jump[on_loop]])
            jump[on_loop] = jump[jump[on_loop]]
        parent[on_loop[smallest[on_loop] == on_loop]] = -1
    raise AssertionError("referral loops were not all cut")  # pragma: no cover


def _chains(data: pd.DataFrame, masks: _Masks | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(parent, chain length) for every row, by position; loops cut."""
    lengths, parent = _chain_lengths(_referral_parents(data, masks))
    return parent, lengths


def referral_links(data: pd.DataFrame, *, masks: _Masks | None = None) -> pd.DataFrame:
    """Who led to whom: one row per interview (by position), with its referrer and chain length.

    Columns: ``contact``, ``referred_by``, ``parent`` (position of the referrer's row, -1 when
    not referred or the name is not in the log), ``chain`` (people in the chain ending here,
    1 = not referred), ``row`` (the spreadsheet row) and ``source`` when logs are pooled.
    """
    parent, lengths = _chains(data, masks)
    table = pd.DataFrame({"contact": data["contact"].to_numpy(), "referred_by": data["referred_by"].to_numpy(),
                          "parent": parent, "chain": lengths, "row": data.index.to_numpy()})
    if "source" in data.columns:
        table.insert(0, "source", data["source"].to_numpy())
    return table


def longest_chain(data: pd.DataFrame, links: pd.DataFrame | tuple[np.ndarray, np.ndarray] | None = None) -> list[int]:
    """Positions of the rows in the longest referral chain, first contact first ([] if none).

    Ties go to the chain that ends earliest in the log.

    >>> from helpers import log
    >>> sample = log.load(log.sample_path()).data
    >>> [sample["contact"].iloc[i] for i in longest_chain(sample)][:3]
    ['Rosa Delgado', 'Jordan Reyes', 'Aisha Karim']
    """
    if links is None:
        links = _chains(data)
    if isinstance(links, pd.DataFrame):
        links = (links["parent"].to_numpy(), links["chain"].to_numpy())
    parent, lengths = links
    if not len(lengths) or int(lengths.max()) < 2:
        return []
    at = int(lengths.argmax())
    path = [at]
    while parent[at] >= 0 and len(path) <= len(parent):
        at = int(parent[at])
        path.append(at)
    return path[::-1]


def referral_figures(data: pd.DataFrame, *, masks: _Masks | None = None) -> pd.DataFrame:
    """The referral numbers, for all interviews and for real ones only.

    Rows: held interviews, names received, names per held interview, share (%) of held
    interviews where you may use their name, where you got contact details, where both,
    and interviews (any status) that came through a referral.

    >>> from helpers import log
    >>> figures = referral_figures(log.load(log.sample_path()).data)
    >>> int(figures.loc["names received", "all"]), int(figures.loc["held interviews", "all"])
    (19, 20)
    """
    m = _Masks.of(data, masks)
    held = m.held
    referrals_ = data["referrals"].fillna(0).to_numpy(dtype=np.int64)
    may = data["may_use_name"].fillna(False).to_numpy(dtype=bool)
    details = data["contact_details"].fillna(False).to_numpy(dtype=bool)
    came = m.names[1] >= 0  # referred by someone (log.load strips the names, so "" means nobody)

    def column(keep: np.ndarray) -> list[float]:
        h = held & keep
        n = int(h.sum())
        names = int(referrals_[h].sum())

        def share(x: np.ndarray) -> float:
            return round(100 * float(x[h].sum()) / n, 1) if n else float("nan")
        return [n, names, round(names / n, 2) if n else float("nan"), share(may), share(details),
                share(may & details), int((came & keep).sum())]

    rows = ["held interviews", "names received", "names per held interview",
            "may use their name (% of held)", "got contact details (% of held)",
            "both (% of held)", "interviews that came through a referral"]
    return pd.DataFrame({"all": column(np.ones(len(data), dtype=bool)), "real only": column(m.real)},
                        index=pd.Index(rows, name="measure"), dtype=float)


def _short_number(x: float) -> str:
    """At most two decimals, no trailing zeros: ``1.5714 -> '1.57'``, ``1.0 -> '1'``."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def referrals(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 4: names received, permission and contact details, and the longest chain."""
    m = _Masks.of(data, masks)
    figures = referral_figures(data, masks=m)
    chain = longest_chain(data, _chains(data, m))
    held = int(figures.loc["held interviews", "all"])
    if not held:
        reading = "No held interviews yet. End each one by asking who else you should talk to."
    else:
        names = int(figures.loc["names received", "all"])
        real_held = int(figures.loc["held interviews", "real only"])
        came = (f"{int(figures.loc['interviews that came through a referral', 'all']):,} of "
                f"{_plural(len(data), 'interview')} came through a referral.")
        if not names:
            reading = (f"No names yet from {_plural(held, 'held interview')}: end each one by asking who else "
                       f"you should talk to. {came}")
        else:
            reading = (f"{_plural(names, 'name')} from {_plural(held, 'held interview')} "
                       f"({_short_number(figures.loc['names per held interview', 'all'])} each")
            if real_held:
                reading += (f"; {_short_number(figures.loc['names per held interview', 'real only'])} each "
                            f"from real ones")
            reading += (f"); after {figures.loc['both (% of held)', 'all']:.0f}% of them you may use the "
                        f"interviewee's name and have the contact details; {came}")
    if chain:
        names_in = [str(data["contact"].iloc[i]) for i in chain]
        shown = names_in if len(names_in) <= 8 else names_in[:3] + ["…"] + names_in[-3:]
        reading += f" Longest chain: {' → '.join(shown)} ({_plural(len(chain), 'person', 'people')})."
    figures_shown = figures.astype(object)
    for row in figures.index:
        style = "{:.2f}" if row.startswith("names per") else "{:.0f}%" if "%" in row else "{:,.0f}"
        figures_shown.loc[row] = [("" if pd.isna(v) else style.format(v)) for v in figures.loc[row]]
    steps = np.array(chain, dtype=np.int64)
    chain_table = pd.DataFrame({"step": np.arange(1, len(steps) + 1)})
    columns = {"source": "source"} if m.pooled else {}
    columns.update({"contact": "contact", "organisation": "organisation", "referred_by": "referred by",
                    "status": "status", "date": "date"})
    for old, new in columns.items():
        chain_table[new] = data[old].to_numpy()[steps]
    if limit is not None and len(chain_table) > limit:
        total = len(chain_table)
        chain_table = chain_table.head(limit)
        chain_table.attrs["total"] = total
    return Section("referrals", "4. Referrals", reading,
                   {"Referral figures": figures_shown, "Longest referral chain": chain_table},
                   index={"Referral figures"},
                   empty={"Longest referral chain":
                          "No chain yet: nobody in the log was referred by someone else in it."})


# ---------------------------------------------------------------------------------------
# 5. Feedback
# ---------------------------------------------------------------------------------------
def feedback_given(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Held interviews with candid feedback recorded, and the feedback itself, in interview order."""
    m = _Masks.of(data, masks)
    mask = _filled(data["feedback"], among=m.held)
    return _select(data, m, mask, {"contact": "contact", "organisation": "organisation", "date": "interview",
                                   "kind": "kind", "feedback": "feedback"}, by="date", limit=limit)


def feedback(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 5: who told you how competitive you are, and what they said."""
    m = _Masks.of(data, masks)
    given = feedback_given(data, limit=limit, masks=m)
    held = int(m.held.sum())
    if not held:
        reading = ("No held interviews yet. Near the end of each, ask how competitive you would be "
                   "for a role like theirs.")
    else:
        reading = (f"{_total(given):,} of {_plural(held, 'held interview')} {_has(_total(given))} candid "
                   f"feedback recorded." if _total(given) else
                   ("Your held interview has no candid feedback recorded yet." if held == 1 else
                    f"None of your {_plural(held, 'held interview')} has candid feedback recorded yet."))
        if _total(given) < held / 2:
            reading += " Ask more often: 'How competitive would I be for a role like yours?'"
    return Section("feedback", "5. Feedback", reading, {"Candid feedback": given},
                   empty={"Candid feedback": "No feedback recorded yet."})


# ---------------------------------------------------------------------------------------
# 6. Coverage
# ---------------------------------------------------------------------------------------
def sector_coverage(data: pd.DataFrame, enough: int = PEOPLE_PER_SECTOR, *,
                    masks: _Masks | None = None) -> pd.DataFrame:
    """People spoken to (held interviews, each person once) per sector, practice and real apart.

    Sectors are matched ignoring case (shown as first written); a sector with fewer than
    ``enough`` real conversations is flagged in the ``note`` column. Most real conversations first.
    """
    m = _Masks.of(data, masks)
    held = m.held
    if not held.any():
        return pd.DataFrame({c: pd.Series([], dtype=object if c == "note" else int)
                             for c in ["practice", "real", "total", "note"]}, index=pd.Index([], name="sector"))
    sector = data["sector"].to_numpy(dtype=object)[held]
    sector = np.where(sector == "", NO_SECTOR, sector)
    codes, labels = pd.factorize(sector)
    folded, _ = pd.factorize(pd.Series(labels, dtype=object).str.casefold().to_numpy())
    group = folded[codes].astype(np.int64)
    first_label = pd.Series(labels, dtype=object).groupby(folded).first()
    # Each person once per sector and kind: one number for (sector, kind, person), counted once.
    person = m.people[held]
    width = np.int64(person.max() + 1)
    seen = np.unique((group * 2 + m.practice[held]) * width + person)
    counted = np.bincount(seen // width, minlength=(int(group.max()) + 1) * 2).reshape(-1, 2)
    present = np.flatnonzero(counted.sum(axis=1) > 0)
    table = pd.DataFrame({"practice": counted[present, 1], "real": counted[present, 0]},
                         index=pd.Index(first_label.loc[present].to_numpy(), name="sector"))
    table["total"] = table["practice"] + table["real"]
    table["note"] = _labels(["", f"fewer than {enough} real conversations: talk to more people before "
                                 f"drawing conclusions"], (table["real"] < enough).to_numpy())
    return table.sort_values(["real", "total"], ascending=False, kind="stable")


def coverage(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 6: people spoken to per sector, flagging sectors with fewer than three."""
    table = sector_coverage(data, masks=masks)
    if not len(table):
        reading = "No held interviews yet, so no sectors covered."
    else:
        short = table.index[table["real"] < PEOPLE_PER_SECTOR].tolist()
        reading = f"You have spoken to people in {_plural(len(table), 'sector')}"
        if short:
            named = ", ".join(str(s).strip("()") for s in short[:4]) + (f" and {len(short) - 4:,} more" if len(short) > 4 else "")
            reading += (f"; {len(short):,} of them ({named}) {'has' if len(short) == 1 else 'have'} fewer than "
                        f"{PEOPLE_PER_SECTOR} real conversations, so hold off on conclusions there.")
        else:
            reading += f", each with at least {PEOPLE_PER_SECTOR} real conversations."
    if limit is not None and len(table) > limit:
        total = len(table)
        table = table.head(limit)
        table.attrs["total"] = total
    return Section("coverage", "6. Coverage", reading, {"People spoken to per sector": table},
                   index={"People spoken to per sector"},
                   empty={"People spoken to per sector": "No held interviews yet."})


# ---------------------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------------------
def sections(data: pd.DataFrame, as_of: dt.date | str | None = None, *, limit: int | None = None) -> list[Section]:
    """All six sections, in order (``limit``: at most that many rows in each long table)."""
    m = _Masks.of(data)
    return [activity(data, limit=limit, masks=m), follow_ups(data, as_of, limit=limit, masks=m),
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
        from .display import message_html

        return message_html(self.note, "info")

    def __repr__(self) -> str:
        return self.note


def learners_log(as_of: dt.date | str | None = None) -> Shown:
    """The learner's log if they have one (else the sample), with the date to read it as of.

    The sample is read as of :data:`SAMPLE_AS_OF` (its story ends then); the learner's own
    log as of today, unless ``as_of`` is given. A log that cannot be read is not an error
    here: the sample is shown and the note says what is wrong with the file.
    """
    from . import workspace

    trouble = ""
    try:
        lg, is_sample = logmod.learner_log()
    except logmod.LogFileError as exc:
        lg, is_sample = logmod.load(logmod.sample_path(), name="sample_log.csv"), True
        trouble = f"Your log could not be read: {exc} Until it is fixed, "
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


def report_text(lg: "logmod.Log", as_of: dt.date | None = None) -> str:
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
    for section in sections(data, today, limit=TEXT_ROWS):
        lines += ["", section.text()]
    return "\n".join(lines)


def entry_tips(entry: dict[str, object], data: pd.DataFrame | None = None) -> list[str]:
    """Advice on a new entry that does not stop it being saved (plain sentences).

    ``data`` is the log it joins (to check that ``referred_by`` names someone in it).

    >>> entry_tips({"date": "2026-03-02", "status": "held", "follow_up_on": "2026-03-20"})[0]
    'The check-in is agreed 18 days after the interview; 7-10 days is usual, while they still remember you.'
    """
    def date(key: str) -> pd.Timestamp | None:
        value = str(entry.get(key) or "").strip()
        stamp = pd.to_datetime(value, format="%Y-%m-%d", errors="coerce") if value else pd.NaT
        return None if pd.isna(stamp) else stamp

    tips: list[str] = []
    held = str(entry.get("status") or "").strip().lower() == "held"
    day, agreed, thanked = date("date"), date("follow_up_on"), date("thank_you_sent")
    if day is not None and agreed is not None:
        gap = (agreed - day).days
        low, high = FOLLOW_UP_WINDOW
        if not low <= gap <= high:
            tips.append(f"The check-in is agreed {gap} days after the interview; {low}-{high} days is usual, "
                        f"while they still remember you.")
    if held and thanked is None:
        tips.append("No thank-you date yet: send a short thank-you within a day, then add its date here.")
    if held and thanked is not None and day is not None and (thanked - day).days > THANK_YOU_WITHIN_DAYS:
        tips.append("The thank-you went out more than a day after the interview; next time aim for the same day.")
    if held and agreed is None:
        tips.append("No check-in date agreed: next time, ask if you may check in with them in a week or so.")
    referrer = str(entry.get("referred_by") or "").strip()
    if referrer and data is not None:
        known = set(_normalise_names(data["contact"].to_numpy(dtype=object))) if len(data) else set()
        if _normalise_names(np.array([referrer], dtype=object))[0] not in known:
            tips.append(f"'{referrer}' is not a contact in your log yet; spell the name as in their own entry "
                        f"so your referral chain links up.")
    return tips
