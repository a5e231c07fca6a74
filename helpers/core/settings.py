"""Workspace settings, set once and used by every lesson: for now, the learner's country.

The country decides which public holidays the proposed check-in and follow-up days skip
(lesson 04, and the log's next actions). It is kept in ``settings.json`` in the workspace,
one record per setting, through the core :class:`~helpers.core.store.Store` (locked, atomic,
read back, never written over when damaged).

The default is England (``"GB-ENG"``), because the lessons' examples are British; a learner
elsewhere picks their country (or their part of the UK), or ``"none"`` to skip no holidays.

>>> country()
'GB-ENG'
>>> set_country("us").item["value"], country()
('US', 'US')
>>> set_country("Narnia").codes
['unknown_country']
"""
from __future__ import annotations

from typing import Any

from helpers.core import workdays as holidays_calendar
from helpers.core import Problem, Result, region
from helpers.core.store import Collection, Store, StoreError

DEFAULT_COUNTRY = "GB-ENG"
STORE = Store("settings.json", {"settings": Collection(key="name", fields={"name": str, "value": str})},
              label="your workspace settings")
STORES = (STORE,)


def _get(name: str, default: str) -> str:
    try:
        record = STORE.get("settings", name)
    except (StoreError, OSError):  # OSError covers a workspace that cannot be created (WorkspaceError)
        return default  # the settings form shows what is wrong; the lessons run on the default
    return record["value"] if record else default


def country() -> str:
    """The country code whose public holidays are skipped ("GB", "US", ... or "none"): the
    learner's own choice (lesson 04) if they made one, else the class's (``class.toml``)."""
    default = region.current().country
    code = _get("country", default)
    return code if holidays_calendar.known(code) else default


def own_country() -> str | None:
    """The country the learner chose themselves, or None when they follow the class's."""
    code = _get("country", "")
    return code if code and holidays_calendar.known(code) else None


def check_country(value: Any) -> tuple[str, list[Problem]]:
    """A typed or chosen country, normalised: ``(code, problems)`` (:func:`helpers.core.region.check_country`).

    >>> check_country(" gb ")
    ('GB', [])
    >>> check_country("NONE")
    ('none', [])
    """
    return region.check_country(value)


def set_country(value: Any) -> Result:
    """Save the country (a code such as "GB", a name, or "none")."""
    code, problems = check_country(value)
    if problems:
        return Result.refused(problems)
    result = STORE.put("settings", {"name": "country", "value": code}, noun="setting")
    if result.saved:
        result.message = (f"Saved: proposed dates now skip the public holidays of "
                          f"{holidays_calendar.country_phrase(code)}."
                          if code != holidays_calendar.NONE else
                          "Saved: proposed dates skip weekends only, no public holidays.")
    return result
