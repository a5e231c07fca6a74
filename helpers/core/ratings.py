"""The readiness check's saved takings: the data contract every activity may read (issue 19).

A learner rates statements such as "I know how to ask for names at the end" on a scale (1-5
by default) before the lessons, after them and again after a first real interview. Each
rating session is one *taking*, kept in ``readiness.json`` in the workspace through the core
:class:`~helpers.core.store.Store` (locked, atomic, read back, never written over when damaged)::

    {"version": 1, "takings": [{"key": "2026-03-02-before-1", "when": "before",
      "date": "2026-03-02", "ratings": {"request-email": 2, "names": 1}}]}

Takings are only ever added: taking the check again adds a new one, nothing is overwritten or
removed. Which statements exist and the scale live in the content file (``helpers.readiness``
checks ratings against it); this module checks only the shape: a known ``when``, a real date,
whole-number ratings.

>>> add("before", {"request-email": 2, "names": 1}, today=dt.date(2026, 3, 2)).item["key"]
'2026-03-02-before-1'
>>> add("after", {"request-email": 4, "names": 3}, today=dt.date(2026, 3, 9)).saved
True
>>> [(t.when, t.date.isoformat()) for t in takings()]
[('before', '2026-03-02'), ('after', '2026-03-09')]
>>> latest("after").ratings
{'request-email': 4, 'names': 3}
>>> numbers_only(takings())[0]
{'when': 'before', 'date': '2026-03-02', 'ratings': {'request-email': 2, 'names': 1}}
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .result import Problem, Result
from .store import Collection, Store, StoreError

FILE = "readiness.json"

#: When a taking was made, and how the lessons say it.
WHENS: dict[str, str] = {
    "before": "before the lessons",
    "after": "after the lessons",
    "after-interview": "after my first real interview",
}


#: A statement's id, as readiness.toml, the share and the hub hand-in all accept it.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_MAX = 40
#: No scale goes beyond this: a saved rating above it (or below 0) marks the file as damaged.
RATING_MAX = 100


def _is_rating(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= RATING_MAX


def iso_date(value: Any) -> dt.date | None:
    """A date written as ``YYYY-MM-DD`` (the only form a saved or shared taking holds), else None.

    >>> iso_date("2026-03-02"), iso_date("2026-02-30"), iso_date("2026-W10-1")
    (datetime.date(2026, 3, 2), None, None)
    """
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


class _RatingsStore(Store):
    """Each taking must have a known ``when``, an ISO date and whole-number ratings."""

    def validate(self, data: Any) -> dict[str, Any]:
        out = super().validate(data)
        for n, item in enumerate(out["takings"], 1):
            ratings = item["ratings"]
            bad = (item["when"] not in WHENS or iso_date(item["date"]) is None or not ratings
                   or not all(isinstance(k, str) and _is_rating(v) for k, v in ratings.items()))
            if bad:
                raise StoreError(self._problem(
                    "wrong_shape", f"{self.path}: taking {n} is damaged (each taking needs when = "
                                   f"{' / '.join(WHENS)}, a date such as 2026-03-02, and whole-number ratings)"))
        return out


STORE = _RatingsStore(FILE, {"takings": Collection(key="key", fields={"when": str, "date": str, "ratings": dict})},
                      label="your readiness check")
STORES = (STORE,)


@dataclass(frozen=True)
class Taking:
    """One taking: ``when`` (a key of :data:`WHENS`), its ``date``, and ``ratings`` (statement id
    -> whole number). ``key`` is the store's key ("2026-03-02-before-1")."""

    when: str
    date: dt.date
    ratings: dict[str, int] = field(default_factory=dict)
    key: str = ""

    @property
    def label(self) -> str:
        """How the lessons say ``when``: "before the lessons"."""
        return WHENS.get(self.when, self.when)


def _taking(record: Mapping[str, Any]) -> Taking:
    return Taking(record["when"], iso_date(record["date"]) or dt.date.min, dict(record["ratings"]), str(record["key"]))


def health() -> Problem | None:
    """None when the saved takings can be read (or none are saved yet); else the problem to show."""
    return STORE.health()


def takings() -> list[Taking]:
    """The saved takings in date order (the order saved within a day); an empty list when none
    are saved, or when the file cannot be read (then :func:`health` says what is wrong)."""
    try:
        records = STORE.records("takings")
    except (StoreError, OSError):  # OSError covers a workspace that cannot be created
        return []
    return sorted((_taking(r) for r in records), key=lambda t: t.date)


def _whens(when: str | Iterable[str] | None) -> set[str] | None:
    if when is None:
        return None
    return {when} if isinstance(when, str) else set(when)


def first(when: str | Iterable[str] | None = None) -> Taking | None:
    """The earliest taking of this kind (``"before"``, or several: ``("after", "after-interview")``;
    None: any), or None."""
    kinds = _whens(when)
    return next((t for t in takings() if kinds is None or t.when in kinds), None)


def latest(when: str | Iterable[str] | None = None) -> Taking | None:
    """The most recent taking of this kind (as :func:`first`), or None."""
    kinds = _whens(when)
    return next((t for t in reversed(takings()) if kinds is None or t.when in kinds), None)


def numbers_only(items: Iterable[Taking], ids: Iterable[str] | None = None,
                 scale: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """What may leave the workspace (a class summary, an export): when, date and the ratings as
    whole numbers, and nothing else. With ``ids`` (the statements' ids) and ``scale`` (low, high),
    only ratings of those statements and on that scale leave; a taking left with none is dropped.

    >>> t = Taking("before", dt.date(2026, 3, 2), {"request-email": 2, "omar-at-acme": 3, "awkward": 9})
    >>> numbers_only([t], ids=["request-email", "awkward"], scale=(1, 5))
    [{'when': 'before', 'date': '2026-03-02', 'ratings': {'request-email': 2}}]
    """
    keep = None if ids is None else set(ids)
    low, high = scale if scale is not None else (0, RATING_MAX)
    out = []
    for t in items:
        marks = {str(k): int(v) for k, v in t.ratings.items()
                 if _is_rating(v) and low <= v <= high and (keep is None or k in keep)}
        if marks:
            out.append({"when": t.when, "date": t.date.isoformat(), "ratings": marks})
    return out


def check_shape(when: Any, ratings: Any) -> list[Problem]:
    """The shape a taking needs before it can be saved (the statements and the scale are
    checked by the readiness activity)."""
    problems = []
    if when not in WHENS:
        problems.append(Problem("when", str(when or ""), "is not one of the choices",
                                "Choose " + ", ".join(f"“{w}”" for w in WHENS.values()), "unknown_when"))
    if not isinstance(ratings, Mapping) or not ratings:
        problems.append(Problem("ratings", "", "are empty", "Rate each statement before saving", "no_ratings"))
    else:
        for key, value in ratings.items():
            if not isinstance(key, str) or not _is_rating(value):
                problems.append(Problem(str(key), str(value), "is not a whole number",
                                        "Choose one of the numbers on the scale", "not_a_number"))
    return problems


def add(when: str, ratings: Mapping[str, int], *, today: dt.date) -> Result:
    """Add one taking dated ``today`` (never overwrites: each call adds a new taking)."""
    problems = check_shape(when, ratings)
    if problems:
        return Result.refused(problems)
    new_ratings = {k: int(v) for k, v in ratings.items()}

    def change(data: dict) -> Result:
        keys = {r["key"] for r in data["takings"]}
        stem = f"{today.isoformat()}-{when}"
        n = 1
        while f"{stem}-{n}" in keys:
            n += 1
        record = {"key": f"{stem}-{n}", "when": when, "date": today.isoformat(), "ratings": new_ratings}
        data["takings"].append(record)
        return Result.done(copy.deepcopy(record), f"Saved your ratings ({WHENS[when]}, {today.isoformat()}).")

    result = STORE.transact(change)
    if result.changed and isinstance(result.item, dict):
        try:
            disk = STORE.get("takings", result.item["key"])
        except StoreError as exc:  # pragma: no cover - written a moment ago under the lock
            return Result.refused([exc.problem])
        if disk is None:  # pragma: no cover - written a moment ago under the lock
            return Result.refused([Problem("file", str(STORE.path), "did not hold the taking after saving",
                                           "Try again; tell your instructor if it happens twice", "not_read_back")])
        result.item = disk
    return result
