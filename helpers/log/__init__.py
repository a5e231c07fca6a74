"""The practice-interview log: every change a learner makes to it, and (re-exported from
:mod:`helpers.core.logfile`, which every activity reads) its columns and reading.

The summaries, charts, next actions and calendar of a log are in this package too
(:mod:`.summaries`, :mod:`.charts`, :mod:`.next_actions`, :mod:`.calendar`), and its forms in
:mod:`.view`.

Every change goes through :data:`STORE`, the core's store machinery with a CSV codec: a
cross-process lock around read-modify-write, an atomic write (a symlinked log stays a
symlink), the previous version kept in ``backups/`` (so :func:`undo` puts it back), and the
row read back from disk. :func:`add_entry` and :func:`update_entry` return a
:class:`helpers.core.Result`.

>>> from helpers import log
>>> entry = {"date": "2026-03-02", "contact": "Ana", "organisation": "Acme", "status": "held"}
>>> log.check_entry(entry)
[]
>>> [p.code for p in log.check_entry({**entry, "status": "done"})]
['not_a_choice']
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from helpers import workspace
from helpers.core import Problem, Result
from helpers.core.logfile import *  # noqa: F401,F403  (the log's columns and reading, used with it)
from helpers.core.logfile import COLUMNS, STATUSES, LogFileError, _empty_raw, analyse, encode, load, read
from helpers.core.logfile import links as log_links
from helpers.core.store import Store, StoreError

#: Longest text a form may save into each column (the file itself may hold longer text).
ENTRY_LIMITS: dict[str, int] = {
    "contact": 100, "organisation": 120, "role": 120, "sector": 80, "referred_by": 100,
    "feedback": 2000, "insights": 2000, "notes": 2000,
}
#: The steps an interview moves along (cancelled can follow any of the first two).
STEPS: dict[str, tuple[str, ...]] = {"requested": ("scheduled", "held", "cancelled"),
                                     "scheduled": ("held", "cancelled", "requested"),
                                     "held": (), "cancelled": ("requested", "scheduled")}


# ---------------------------------------------------------------------------------------
# The store: a CSV file under the core's lock, atomic write, backups and read-back
# ---------------------------------------------------------------------------------------
class CsvLogCodec:
    """Decode a log file into ``{"frame", "sep", "header"}`` and encode it back (the core Store's codec)."""

    suffix = ".csv"

    def __init__(self, name: str):
        self.name = name

    def decode(self, data: bytes) -> dict[str, Any]:
        try:
            frame, sep, header = read(data, self.name)
        except LogFileError as exc:
            raise StoreError(Problem("file", "", "cannot be read, so nothing was changed",
                                     f"{exc} Your file was left as it was; fix it in a spreadsheet, or move it "
                                     f"aside to start a new log", "damaged_file")) from None
        return {"frame": frame, "sep": sep, "header": header}

    def encode(self, data: Mapping[str, Any]) -> bytes:
        return encode(data["frame"], data.get("sep", ","))


class LogStore(Store):
    """The core :class:`~helpers.core.store.Store` for a CSV log: the learner's own
    (``interview_log.csv`` in the workspace) or any ``target`` file."""

    def __init__(self, target: str | Path | None = None):
        name = Path(target).name if target is not None else workspace.LOG_NAME
        super().__init__(name, {}, label="your practice log", codec=CsvLogCodec(name))
        self.target = Path(target) if target is not None else None
        self.last: dict[str, Any] | None = None   # the file as last read (after a write: as read back)

    @property
    def path(self) -> Path:
        return self.target if self.target is not None else workspace.log_path()

    def _folder(self, create: bool = True) -> Path:
        return self.path.parent if self.target is not None else workspace.folder(create=create)

    def _read_file(self) -> dict[str, Any]:
        self.last = super()._read_file()
        return self.last


STORE = LogStore()
STORES = (STORE,)


def _store(target: str | Path | None) -> LogStore:
    return STORE if target is None else LogStore(target)


# ---------------------------------------------------------------------------------------
# Checking an entry
# ---------------------------------------------------------------------------------------
def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10] if not pd.isna(value) else ""
    if isinstance(value, float):
        return "" if np.isnan(value) else str(int(value)) if value.is_integer() else str(value)
    return str(value)


def entry_values(entry: Mapping[str, object]) -> dict[str, str]:
    """An entry as the text cells it is saved as (every column; unknown keys are a bug)."""
    unknown = [k for k in entry if k not in COLUMNS]
    if unknown:
        raise KeyError(f"not log columns: {unknown}")  # a bug in the caller, not the learner
    return {c: _as_text(entry.get(c)).strip() for c in COLUMNS}


def check_entry(entry: Mapping[str, object], today: dt.date | None = None) -> list[Problem]:
    """Check one interview (new or changed) with the same rules as a file, plus length limits,
    and that a *held* interview is not dated in the future (``today`` defaults to today).

    Returns problems with ``row=None``; ``field`` (``.column``) is the field to show it beside.
    """
    values = entry_values(entry)
    problems: list[Problem] = []
    for col, limit in ENTRY_LIMITS.items():
        if len(values[col]) > limit:
            problems.append(Problem(col, values[col], f"is {len(values[col])} characters long",
                                    f"Shorten it to {limit} characters or fewer", "too_long"))
    raw = pd.DataFrame({c: [values[c]] for c in COLUMNS}, index=pd.RangeIndex(2, 3, name="row"))
    data, found = analyse(raw)
    problems.extend(Problem(p.field, p.value, p.what, p.fix, p.code) for p in found)
    when = data["date"].iloc[0]
    today = pd.Timestamp(dt.date.today() if today is None else today)
    if data["status"].iloc[0] == "held" and pd.notna(when) and when > today:
        problems.append(Problem("status", values["status"], "cannot be right for a date still to come",
                                f"An interview on {values['date']} has not happened yet: choose scheduled or "
                                f"requested, or correct the date", "held_in_future"))
    return problems


# ---------------------------------------------------------------------------------------
# Changing the log: add, update, undo
# ---------------------------------------------------------------------------------------
def _row_item(frame: pd.DataFrame, position: int) -> dict[str, Any]:
    cells = frame.iloc[position]
    return {"row": position + 2, **{c: str(cells[c]) for c in frame.columns}}


def _frame_of(data: dict[str, Any]) -> pd.DataFrame:
    frame = data.get("frame")
    return _empty_raw() if frame is None else frame


def _header_refusal(data: dict[str, Any], verb: str) -> Result | None:
    header = data.get("header") or []
    if not header:
        return None
    first = header[0]
    return Result.refused(header, verb=verb, message=(
        f"Nothing was {verb}: the first line of your log needs fixing first ({first}). Saving now would "
        f"lose that column. Fix it in a spreadsheet, then try again."))


def _changed(store: LogStore, result: Result) -> Result:
    """The Result with its item as read back from the file."""
    if result.changed and result.saved and store.last is not None and isinstance(result.item, dict):
        frame = _frame_of(store.last)
        position = int(result.item["row"]) - 2
        if 0 <= position < len(frame):
            result.item = _row_item(frame, position)
    return result


def _same_person(frame: pd.DataFrame, values: Mapping[str, str]) -> int | None:
    """The position of the first row with the same person at the same organisation, or None."""
    if not len(frame) or "contact" not in frame.columns:
        return None
    names = log_links.fold_names(np.concatenate([frame["contact"].to_numpy(dtype=object), [values["contact"]]]))
    orgs = log_links.fold_names(np.concatenate([frame["organisation"].to_numpy(dtype=object),
                                                [values["organisation"]]]))
    hit = np.flatnonzero((names[:-1] == names[-1]) & (orgs[:-1] == orgs[-1]))
    return int(hit[0]) if len(hit) else None


def add_entry(entry: Mapping[str, object], target: str | Path | None = None, *,
              today: dt.date | None = None, allow_repeat: bool = False) -> Result:
    """Add one interview to a log (the learner's own by default), validated first.

    Nothing is written when the entry has a problem or the log cannot be read (it is never
    overwritten). The same entry twice is saved once (``changed`` False). A second row for
    the same person at the same organisation is refused with code ``same_person`` and the
    first row as ``item``, so the learner can update it instead; ``allow_repeat=True`` adds it
    anyway (people do meet twice).
    """
    store = _store(target)
    problems = check_entry(entry, today)
    if problems:
        return Result.refused(problems)
    values = entry_values(entry)

    def change(data: dict[str, Any]) -> Result:
        refusal = _header_refusal(data, "saved")
        if refusal is not None:
            return refusal
        frame = _frame_of(data)
        if len(frame):
            same = np.ones(len(frame), dtype=bool)
            for c in COLUMNS:  # the most telling columns first; only rows still alike are compared
                at = np.flatnonzero(same)
                if not len(at):
                    break
                cells = frame[c].to_numpy(dtype=object)[at] if c in frame.columns else np.full(len(at), "")
                same[at] = _strip_cells(cells) == values[c]
            if same.any():
                item = _row_item(frame, int(same.argmax()))
                return Result.unchanged(item, f"Already in your log (row {item['row']}): nothing new to save.")
        twin = None if allow_repeat else _same_person(frame, values)
        if twin is not None:
            item = _row_item(frame, twin)
            p = Problem("contact", values["contact"],
                        f"is already in your log at {item.get('organisation', '')} (row {item['row']}, "
                        f"{item.get('status', '')} on {item.get('date', '')})",
                        f"Update row {item['row']} instead as the interview moves along, or add this as "
                        f"another interview if you really met twice", "same_person")
            return Result.refused([p], item=item)
        new = {c: values.get(c, "") for c in frame.columns}
        for c in COLUMNS:
            if c not in frame.columns:
                frame[c] = ""
                new[c] = values[c]
        frame = pd.concat([frame, pd.DataFrame([new], index=[int(frame.index.max()) + 1 if len(frame) else 2])])
        data["frame"] = frame
        item = {"row": len(frame) + 1, **new}
        return Result.done(item, f"Saved as row {len(frame) + 1} of {store.path.name}.")

    return _changed(store, store.transact(change))


_STRIP_ALL = np.frompyfunc(lambda v: str(v).strip(), 1, 1)


def _strip_cells(cells: np.ndarray) -> np.ndarray:
    """Cells stripped of surrounding spaces, as text."""
    return _STRIP_ALL(cells) if len(cells) else cells


def find(contact: str, date: object = None, target: str | Path | None = None) -> tuple[list[int], list[Problem]]:
    """Rows (spreadsheet numbers) of the interviews with this person (and date, when given).

    Returns ``(rows, problems)``; names are matched ignoring case and spacing.
    """
    path = _store(target).path
    if not path.exists():
        return [], []
    lg = load(path, name=path.name)
    names = log_links.fold_names(np.concatenate([lg.data["contact"].to_numpy(dtype=object), [str(contact)]]))
    mask = names[:-1] == names[-1]
    problems: list[Problem] = []
    if date not in (None, ""):
        from helpers.core import dates

        day, problem = dates.parse(date)
        if problem:
            return [], [problem]
        mask &= (lg.data["date"].to_numpy(dtype="datetime64[D]") == np.datetime64(day, "D"))
    return [int(r) for r in lg.data.index[mask]], problems


def update_entry(row: int, changes: Mapping[str, object], target: str | Path | None = None, *,
                 expect: Mapping[str, object] | None = None, today: dt.date | None = None) -> Result:
    """Change the interview in spreadsheet row ``row``: ``changes`` maps columns to new values.

    The changed row is checked like a new one; the previous version of the file is kept in
    ``backups/`` (:func:`undo` puts it back). ``expect`` (e.g. the contact and date the learner
    picked) must still be what the row holds, so a row that moved meanwhile is never changed.
    """
    store = _store(target)
    entry_values(changes)  # unknown columns are a bug in the caller

    def change(data: dict[str, Any]) -> Result:
        refusal = _header_refusal(data, "changed")
        if refusal is not None:
            return refusal
        frame = _frame_of(data)
        if row not in frame.index:
            p = Problem("pick", str(row), f"row {row} is not in your log", "Pick one of the interviews listed",
                        "not_found")
            return Result.refused([p], verb="changed")
        position = int(frame.index.get_loc(row))
        current = {c: (str(frame.iloc[position][c]) if c in frame.columns else "") for c in COLUMNS}
        if expect:
            moved = [c for c, v in entry_values(expect).items() if c in expect and current[c].strip() != v]
            if moved:
                p = Problem("pick", str(row), f"row {row} no longer holds the interview you picked "
                                              "(the file changed meanwhile)",
                            "Pick the interview again from the list", "changed_meanwhile")
                return Result.refused([p], verb="changed")
        updated = {**{c: v.strip() for c, v in current.items()}, **entry_values(changes)}
        updated = {c: updated[c] if c in changes else current[c] for c in COLUMNS}
        problems = check_entry({c: v for c, v in updated.items()}, today)
        if problems:
            return Result.refused(problems, verb="changed")
        if all(updated[c].strip() == current[c].strip() for c in COLUMNS):
            return Result.unchanged(_row_item(frame, position), f"Nothing changed: row {row} already says that.")
        frame = frame.copy()
        for c in COLUMNS:
            if c not in frame.columns:
                frame[c] = ""
            if c in changes:
                frame.iat[position, frame.columns.get_loc(c)] = updated[c]
        data["frame"] = frame
        item = _row_item(frame, position)
        return Result.done(item, f"Updated row {item['row']} of {store.path.name}. The previous version is kept: "
                                 f"“Undo” puts it back.")

    return _changed(store, store.transact(change, verb="changed"))


def undo(target: str | Path | None = None) -> Result:
    """Put back the log as it was before the last change (the undone version is kept too)."""
    return _store(target).undo()


def move_along(status: str) -> tuple[str, ...]:
    """The statuses an interview can move to from ``status``."""
    return STEPS.get(status, tuple(STATUSES))



def update_interview(contact: str, date: object, changes: Mapping[str, object],
                     target: str | Path | None = None) -> Result:
    """Update the interview with this person on this date (the one-line way, no row number).

    >>> update_interview("Their name", "YYYY-MM-DD", {"status": "held"}).codes
    ['unreadable_date']
    """
    from helpers.core import dates

    day, problem = dates.parse(date)
    if problem is not None:
        return Result.refused([problem], verb="changed")
    rows, problems = find(contact, day, target)
    if problems:
        return Result.refused(problems, verb="changed")
    if len(rows) != 1:
        what = "is not in your log on that date" if not rows else f"is in your log {len(rows)} times on that date"
        p = Problem("contact", str(contact), what, "Check the name and the date as your log has them (the "
                                                   "update form lists them)", "not_found" if not rows else "ambiguous_pick")
        return Result.refused([p], verb="changed")
    return update_entry(rows[0], changes, target)
