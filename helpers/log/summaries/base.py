"""What every summary of a log shares: row masks worked out once, sorted selections, sections.

:mod:`helpers.log.summaries` (activity, follow-ups, thank-yous, the whole report) and
:mod:`helpers.log.summaries.people` (referrals, feedback, coverage) build on these.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.core.logfile import cells as logmod
from helpers.core.logfile import links as log_links
from helpers.core import dates as core_dates

#: "Today" for the sample log, which tells the story of one learner's autumn 2026.
SAMPLE_AS_OF = dt.date(2026, 11, 30)
#: The agreed check-in should fall this many days after the interview (inclusive).
FOLLOW_UP_WINDOW = core_dates.CHECKIN_DAYS
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
    """A date in plain words, the same in every locale, in the class's date style (class.toml).

    >>> plain_date("2026-10-19")
    '19 Oct 2026'
    """
    if value is None or pd.isna(value):
        return "no date"
    stamp = pd.Timestamp(value)
    from helpers.core import region

    if region.current().date_style == "month-day":
        return f"{stamp:%b} {stamp.day}, {stamp.year}"
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
        found = log_links.links(self.data)
        return found.contact, found.referrer, found.count

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
        keys = data[by].to_numpy(dtype="datetime64[s]")[rows].view(np.int64)
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
        from helpers.display import escape, table_html

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


