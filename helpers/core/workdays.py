"""Public holidays per country, so that proposed check-in and follow-up days skip them.

Backed by the ``holidays`` package (the Open World Holidays Framework, one of the best kept
holiday libraries). A country is a code such as ``"GB"`` or ``"US"``, or ``"none"`` for no
holidays at all. The country a learner chose is kept in the workspace settings
(:mod:`helpers.core.settings`); the functions here take it as a plain argument.

>>> import datetime as dt
>>> is_holiday(dt.date(2026, 12, 25), "GB"), is_holiday(dt.date(2026, 12, 25), "none")
(True, False)
>>> holiday_name(dt.date(2026, 12, 28), "GB")
'Boxing Day (observed)'
>>> country_name("US"), country_name("none")
('United States', 'no country (no public holidays skipped)')
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterable

NONE = "none"          #: the setting that skips no holidays
#: The parts of the United Kingdom, whose bank holidays differ (Easter Monday is not one in
#: Scotland; 2 January and St Andrew's Day are): "GB-ENG" and so on. Plain "GB" is the UK-wide list.
_GB_PARTS = {"ENG": "England", "NIR": "Northern Ireland", "SCT": "Scotland", "WLS": "Wales"}


def _library():
    try:
        import holidays  # imported when needed: keeps the lessons quick to open
    except ImportError:  # pragma: no cover - it is in requirements.txt
        return None
    return holidays


def available() -> bool:
    """True when the holidays library is installed."""
    return _library() is not None


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    lib = _library()
    if lib is None:  # pragma: no cover
        return {}
    from holidays import registry

    names: dict[str, str] = {}
    for _module, (cls, code, *_rest) in registry.COUNTRIES.items():
        label = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls).replace(" And ", " and ").replace(" Of ", " of ")
        names[code] = label
    for sub, part in _GB_PARTS.items():  # the UK's nations keep different bank holidays
        names[f"GB-{sub}"] = f"United Kingdom: {part}"
    return names


def countries() -> list[tuple[str, str]]:
    """``(name, code)`` pairs for a dropdown, "none" first, then by name."""
    pairs = sorted(((name, code) for code, name in _names().items()), key=lambda p: p[0])
    return [("No country: do not skip public holidays", NONE)] + pairs


def known(code: str) -> bool:
    """True for "none" and for every country code the library knows."""
    return code == NONE or code in _names()


def country_name(code: str) -> str:
    """The country's name ("United Kingdom"), or a phrase for "none"."""
    if code == NONE:
        return "no country (no public holidays skipped)"
    return _names().get(code, code)


_THE = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles", "Comoros", "Vatican City"}


def country_phrase(code: str) -> str:
    """The country as it reads in a sentence: "the United Kingdom", "France".

    >>> country_phrase("GB"), country_phrase("FR")
    ('the United Kingdom', 'France')
    """
    name = country_name(code)
    if code == NONE:
        return name
    if name.startswith("United Kingdom:"):
        return name.split(": ", 1)[1]
    if name.startswith("United ") or name.endswith(("Islands", "Republic", "Emirates")) or name in _THE:
        return "the " + name
    return name


@lru_cache(maxsize=64)
def _holidays(code: str, year: int) -> dict[dt.date, str]:
    lib = _library()
    if lib is None or code == NONE or code not in _names():
        return {}
    country, _, sub = code.partition("-")
    return dict(lib.country_holidays(country, subdiv=sub or None, years=year).items())


def holiday_name(day: dt.date, country: str) -> str:
    """The holiday's name, or "" when ``day`` is not a public holiday in ``country``."""
    return _holidays(country, day.year).get(day, "")


def is_holiday(day: dt.date, country: str) -> bool:
    """True when ``day`` is a public holiday in ``country``."""
    return bool(holiday_name(day, country))


def between(start: dt.date, end: dt.date, country: str) -> dict[dt.date, str]:
    """Public holidays from ``start`` to ``end`` (both included), with their names."""
    found: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        found.update({d: n for d, n in _holidays(country, year).items() if start <= d <= end})
    return dict(sorted(found.items()))


def dates(country: str, years: Iterable[int]) -> set[dt.date]:
    """Every public holiday of ``country`` in ``years`` (for :func:`helpers.core.dates.working_days_after`)."""
    out: set[dt.date] = set()
    for year in years:
        out |= set(_holidays(country, year))
    return out
