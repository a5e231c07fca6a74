"""Checking a log's cells and typing them, vectorised (pandas operations over whole columns).

:func:`analyse` turns the text cells of a log into typed columns and a list of
:class:`~helpers.core.Problem` (``field`` the column, ``row`` the spreadsheet row, a stable
``code``). A pooled course log of a million rows is checked in about the time it takes to
read it: dates go through pandas' ISO reader first and only the distinct texts left over
through :func:`helpers.core.dates.parse_unique`; names are matched once per distinct name.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

import numpy as np
import pandas as pd

from helpers.core.logfile import links as log_links
from helpers.core import Problem, dates
from helpers.core.logfile.read import COLUMNS, DESCRIPTIONS

DATE_COLUMNS: list[str] = ["date", "thank_you_sent", "follow_up_on", "followed_up"]
YES_NO_COLUMNS: list[str] = ["may_use_name", "contact_details"]
STATUSES: list[str] = ["requested", "scheduled", "held", "cancelled"]
KINDS: list[str] = ["practice", "real"]
CHANNELS: list[str] = ["email", "phone", "video", "in person"]
EXAMPLE_DATE = "2026-03-14"
MAX_REFERRALS = 1000  # beyond this a number is a typing slip (and would not fit a whole-number column)

_CHOICE_SYNONYMS = {
    "channel": {"e-mail": "email", "in-person": "in person", "inperson": "in person",
                "in_person": "in person", "zoom": "video", "video call": "video",
                "call": "phone", "telephone": "phone", "face to face": "in person"},
    "status": {"canceled": "cancelled", "planned": "scheduled", "done": None},
    "yes_no": {"y": "yes", "n": "no", "true": "yes", "false": "no", "1": "yes", "0": "no"},
    "kind": {"family": "practice", "friend": "practice", "mock": "practice"},
}
#: The dates pandas' nanosecond timestamps hold; dates outside are kept at second resolution.
_NS_FIRST, _NS_LAST = dt.date(1677, 9, 22), dt.date(2262, 4, 11)


def column(raw: pd.DataFrame, col: str, copy: bool = True) -> pd.Series:
    """A column as text (all "" when absent). ``copy=False`` for a column that is only read."""
    if col in raw.columns:
        s = raw[col]
        return s.astype(object) if copy or s.dtype != object else s
    return pd.Series("", index=raw.index, dtype=object)


_STRIP = np.frompyfunc(str.strip, 1, 1)


def strip(s: pd.Series) -> pd.Series:
    """``s.str.strip()``, always a new Series (numpy calls ``str.strip`` directly: about twice as fast)."""
    if not len(s):
        return s.copy()
    values = s.to_numpy()
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return pd.Series(_STRIP(values), index=s.index, name=s.name, dtype=object)
    return s.str.strip()


def _is(s: pd.Series, value: str) -> pd.Series:
    return pd.Series(s.to_numpy() == value, index=s.index, dtype=bool)


def _blank(s: pd.Series, candidates: pd.Series | np.ndarray) -> pd.Series:
    """Which cells are empty or only spaces, looking only at ``candidates``."""
    out = pd.Series(False, index=s.index)
    candidates = np.asarray(candidates, dtype=bool)
    if candidates.any():
        out[candidates] = (s[candidates].str.strip() == "").to_numpy()
    return out


def parse_dates(s: pd.Series, col: str) -> tuple[pd.Series, dict[int, Problem]]:
    """A date column typed. Returns ``(dates, {row: problem})`` for cells that are not dates.

    ISO dates go through pandas in one call; every other distinct text is read once by
    :func:`helpers.core.dates.parse`. Dates after 2262 (pandas' nanosecond limit) are kept:
    the column then holds seconds instead of nanoseconds.
    """
    values = s.to_numpy()
    filled = values != ""
    stamps = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[ns]")
    if filled.any():
        part = values if filled.all() else values[filled]
        iso = pd.to_datetime(pd.Series(part, dtype=object), format="%Y-%m-%d", errors="coerce").to_numpy()
        if filled.all():
            stamps = iso
        else:
            stamps[filled] = iso
    left = filled & np.isnat(stamps)
    problems: dict[int, Problem] = {}
    if not left.any():
        return pd.Series(stamps, index=s.index, name=s.name), problems
    texts = values[left]
    read = dates.parse_unique(texts.tolist())
    found = {t: d for t, (d, _p) in read.items() if d is not None}
    far = any(not _NS_FIRST <= d <= _NS_LAST for d in found.values())
    out = stamps.astype("datetime64[s]") if far else stamps
    rows = np.flatnonzero(left)
    picked = pd.Series(texts).map(lambda t: np.datetime64(found[t], "s") if t in found else np.datetime64("NaT"))
    out[rows] = picked.to_numpy(dtype="datetime64[s]").astype(out.dtype)
    bad = {t: p for t, (d, p) in read.items() if p is not None}
    if bad:
        index = s.index.to_numpy()
        for at, t in zip(rows.tolist(), texts.tolist()):
            p = bad.get(t)
            if p is not None:
                problems[int(index[at])] = Problem(col, t, p.what, p.fix, p.code, row=int(index[at]))
    return pd.Series(out, index=s.index, name=s.name), problems


def _choice(s: pd.Series, allowed: list[str], synonyms: Mapping[str, str | None]) -> tuple[pd.Series, pd.Series]:
    """Normalise a choice column. Returns (values or '' , bad mask)."""
    ok = s.isin([*allowed, ""])
    out = s.copy()
    bad = pd.Series(False, index=s.index)
    if not ok.all():
        sub = s[~ok].str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
        mapped = sub.where(sub.isin(allowed) | (sub == ""), sub.map(lambda v: synonyms.get(v)))
        good = mapped.notna()
        out[~ok] = mapped.where(good, "")
        bad[mapped.index[~good.to_numpy()]] = True
    return out, bad


def analyse(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a raw log and build its typed form, in one pass over each column.

    Returns ``(data, problems)``. ``data`` has every schema column: dates as datetimes,
    ``referrals`` as a nullable integer, yes/no columns as nullable booleans, choices
    lower-cased, ``kind`` defaulting to ``real``; a cell with a problem becomes missing.
    """

    problems: list[tuple[int, int, Problem]] = []  # (row, column order, problem) for sorting
    order = {c: i for i, c in enumerate(COLUMNS)}
    data: dict[str, pd.Series] = {}

    def report(mask: pd.Series, col: str, what: str, fix: str, code: str) -> None:
        if not mask.any():
            return
        values = column(raw, col, copy=False)
        for row in mask[mask].index:
            problems.append((int(row), order.get(col, 99),
                             Problem(col, str(values.at[row]), what, fix, code, row=int(row))))

    for col in ["contact", "organisation"]:
        stripped = strip(column(raw, col, copy=False))
        report(_is(stripped, ""), col, "is empty", f"Fill in {DESCRIPTIONS[col]}; it is required", "empty")
        data[col] = stripped

    for col in DATE_COLUMNS:
        s = column(raw, col, copy=False)
        typed, bad = parse_dates(s, col)
        if col == "date":
            report(_blank(s, typed.isna()), col, "is empty",
                   f"Fill in the date of the interview (or the planned date) as YYYY-MM-DD, "
                   f"for example {EXAMPLE_DATE}; it is required", "empty")
        problems.extend((row, order[col], p) for row, p in bad.items())
        data[col] = typed

    s = column(raw, "status", copy=False)
    status, bad = _choice(s, STATUSES, _CHOICE_SYNONYMS["status"])
    report(_blank(s, ~s.isin(STATUSES)), "status", "is empty",
           "Fill in one of: " + ", ".join(STATUSES) + "; it is required", "empty")
    report(bad, "status", "is not a status", "Use one of: " + ", ".join(STATUSES), "not_a_choice")
    data["status"] = status

    s = column(raw, "kind", copy=False)
    kind, bad = _choice(s, KINDS, _CHOICE_SYNONYMS["kind"])
    report(bad, "kind", "is not a kind of interview",
           "Use practice (family, friends, classmates) or real; leave it empty for real", "not_a_choice")
    values = kind.to_numpy()
    data["kind"] = pd.Series(np.where(values != "", values, "real"), index=kind.index, dtype=object)

    s = column(raw, "channel", copy=False)
    channel, bad = _choice(s, CHANNELS, _CHOICE_SYNONYMS["channel"])
    report(bad, "channel", "is not a channel", "Use one of: " + ", ".join(CHANNELS) + ", or leave it empty",
           "not_a_choice")
    data["channel"] = channel

    for col in YES_NO_COLUMNS:
        s = column(raw, col, copy=False)
        yn, bad = _choice(s, ["yes", "no"], _CHOICE_SYNONYMS["yes_no"])
        report(bad, col, "is not yes or no", "Write yes or no, or leave it empty if you do not know", "not_yes_no")
        values = yn.to_numpy()
        is_yes = values == "yes"
        data[col] = pd.Series(pd.arrays.BooleanArray(is_yes, ~(is_yes | (values == "no"))),
                              index=yn.index, name=yn.name)

    data["referrals"] = _referrals(column(raw, "referrals", copy=False), report)
    for col in ["role", "sector", "referred_by"]:
        data[col] = strip(column(raw, col, copy=False))
    for col in ["feedback", "insights", "notes"]:
        data[col] = column(raw, col)  # a copy: the typed frame never shares cells with raw

    frame = pd.DataFrame({c: data[c] for c in COLUMNS}, index=raw.index, copy=False)
    if len(raw) > 1:
        for row, first in _duplicates(raw, frame):
            problems.append((row, -1, Problem("(whole row)", "", f"repeats row {first}",
                                              f"Delete row {row} if it is the same interview entered twice",
                                              "repeated_row", row=row)))
    problems.extend((row, order["referred_by"], p) for row, p in _referral_problems(frame))
    problems.sort(key=lambda t: (t[0], t[1]))
    return frame, [p for _, _, p in problems]


def _referrals(s: pd.Series, report) -> pd.Series:
    # Read each distinct text once (a long log repeats the same few numbers).
    codes, distinct = pd.factorize(s, use_na_sentinel=False)
    distinct = pd.Series(distinct, dtype=object)
    numbers = pd.to_numeric(distinct.where(distinct != "", None), errors="coerce").to_numpy()
    nums = pd.Series(numbers[codes] if len(s) else numbers[:0], index=s.index, name=s.name)
    filled = ~_is(s, "")
    not_number = filled & nums.isna()
    negative = filled & (nums < 0)
    fraction = filled & nums.notna() & (nums >= 0) & (nums != np.floor(nums.fillna(0)))
    how = "Write how many new names you were given"
    report(not_number, "referrals", "is not a number", f"{how} as a whole number (0, 1, 2 ...), or leave it empty",
           "not_a_number")
    report(negative, "referrals", "is negative", f"{how}: 0 or more", "negative")
    report(fraction, "referrals", "is not a whole number", f"{how} as a whole number (0, 1, 2 ...)", "not_whole")
    too_big = filled & nums.notna() & (nums > MAX_REFERRALS) & ~fraction
    report(too_big, "referrals", "is far more names than one interview gives",
           f"Write how many new names this interview gave you (at most {MAX_REFERRALS})", "too_many")
    good = ~(not_number | negative | fraction | too_big)
    return nums.where(good & filled).astype("Int64")


def _referral_problems(frame: pd.DataFrame) -> list[tuple[int, Problem]]:
    """A person referred by themselves, and referral loops (A referred by B, B by A)."""
    if not len(frame) or not (frame["referred_by"].to_numpy() != "").any():
        return []
    found = log_links.links(frame)
    rows = frame.index.to_numpy()
    contact = frame["contact"].to_numpy(dtype=object)
    ref = frame["referred_by"].to_numpy(dtype=object)
    out: list[tuple[int, Problem]] = []
    for at in np.flatnonzero(found.self_referred).tolist():
        row = int(rows[at])
        out.append((row, Problem("referred_by", str(ref[at]), "is this row's own contact: nobody refers themselves",
                                 "Write the name of the person who gave you this contact, or leave it empty",
                                 "self_referral", row=row)))
    for loop in found.loops:
        row = int(rows[loop[0]])
        path = " → ".join(f"{contact[i]} (row {int(rows[i])})" for i in loop)
        out.append((row, Problem(
            "referred_by", str(ref[loop[0]]), f"makes a referral loop: {path} → back to {contact[loop[0]]}",
            "Check who referred whom: the first person in a chain was not referred by anyone in the log",
            "referral_loop", row=row)))
    return out


def _duplicates(raw: pd.DataFrame, frame: pd.DataFrame) -> list[tuple[int, int]]:
    """(row, first row it repeats) for every exact repeat, found by hashing.

    A cheap first cut on the typed required columns (names as the numbers the referral links
    already gave them, dates as numbers): rows that differ there cannot repeat each other;
    only the few left are hashed and compared cell by cell.
    """
    if len(frame) and (frame["referred_by"].to_numpy() != "").any():
        contact = log_links.links(frame).contact.astype(np.uint64)
    else:
        contact = pd.factorize(frame["contact"].to_numpy(dtype=object))[0].astype(np.uint64)
    key = contact
    for col in ["organisation", "status"]:
        codes = pd.factorize(frame[col].to_numpy(dtype=object))[0].astype(np.uint64)
        key = key * np.uint64(1_000_003) + codes
    when = frame["date"].to_numpy(dtype="datetime64[s]").view(np.int64).astype(np.uint64)
    key = key * np.uint64(1_000_003) + when
    maybe = pd.Series(key).duplicated(keep=False).to_numpy()
    if not maybe.any():
        return []
    sub = raw[maybe]
    full = pd.util.hash_pandas_object(sub, index=False)
    dup = full.duplicated(keep="first")
    if not dup.any():
        return []
    first_of = full[~full.duplicated(keep="first")]
    first_row = pd.Series(first_of.index, index=first_of.to_numpy())
    out = []
    for row, h in full[dup].items():
        first = int(first_row[h])
        if sub.loc[row].tolist() == sub.loc[first].tolist():  # guard against hash collisions
            out.append((int(row), first))
    return out


def likely_repeats(data: pd.DataFrame) -> list[Problem]:
    """Rows that may be one interview logged twice under two statuses: the same person at the
    same organisation, one row still requested or scheduled and a later-or-same-dated row held
    (or cancelled). Warnings, not errors: people do meet twice.

    Each earlier row gets one warning naming the later row.
    """
    n = len(data)
    if n < 2:
        return []
    person = log_links.fold_names(data["contact"].to_numpy(dtype=object))
    org = log_links.fold_names(data["organisation"].to_numpy(dtype=object))
    parts = [pd.factorize(person)[0].astype(np.int64), pd.factorize(org)[0].astype(np.int64)]
    if "source" in data.columns:
        parts.append(pd.factorize(data["source"])[0].astype(np.int64))
    key = pd.MultiIndex.from_arrays(parts).factorize()[0] if len(parts) > 1 else parts[0]
    repeated = pd.Series(key).duplicated(keep=False).to_numpy() & (person != "")
    if not repeated.any():
        return []
    status = data["status"].to_numpy(dtype=object)
    open_ = np.isin(status, ["requested", "scheduled"]) & repeated
    closed = np.isin(status, ["held", "cancelled"]) & repeated
    if not open_.any() or not closed.any():
        return []
    when = data["date"].to_numpy(dtype="datetime64[D]")
    rows = data.index.to_numpy()
    frame = pd.DataFrame({"key": key, "at": np.arange(n), "when": when})
    later = frame[closed].sort_values(["key", "when"], kind="stable").groupby("key").last()
    earlier = frame[open_]
    joined = earlier.join(later, on="key", rsuffix="_closed", how="inner")
    joined = joined[~(joined["when"] > joined["when_closed"])]
    out = []
    for at, other in zip(joined["at"].tolist(), joined["at_closed"].tolist()):
        out.append(Problem(
            "status", str(status[at]), f"may be the same interview as row {int(rows[other])} "
                                       f"({data['contact'].iloc[other]}, {status[other]})",
            f"If it is, update row {int(rows[other])} with anything row {int(rows[at])} adds and delete row "
            f"{int(rows[at])}; if you really asked twice, leave both", "likely_repeat", row=int(rows[at])))
    return out
