"""The class's region, set once by the instructor in ``data/content/class.toml``: the country
whose public holidays are skipped, how dates are written, and the word for a CV.

A learner's own country (lesson 04, :mod:`helpers.core.settings`) still wins for that learner;
the class file gives the default. A missing or damaged file means the shipped defaults (England,
"Tuesday 8 September", "CV") for whatever it cannot give, and ``python -m helpers check-content``
says what is wrong (:func:`check_content`).

>>> Region("US", "month-day", "résumé").day(dt.date(2026, 9, 8), year=True)
'Tuesday, September 8, 2026'
>>> Region().day(dt.date(2026, 9, 8))
'Tuesday 8 September'
>>> Region(cv_word="résumé").words("Send your CV? CVs are short.")
'Send your résumé? Résumés are short.'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from helpers import content
from helpers.core import schema
from helpers.core.result import Problem
from helpers.core import workdays as holidays_calendar

FILE = "class"
DEFAULT_COUNTRY = "GB-ENG"
DATE_STYLES = ("day-month", "month-day")
CV_WORDS = ("CV", "résumé")
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]

SCHEMA = schema.Table({
    "country": schema.Text(required=False, help='"GB-ENG"'),
    "date_style": schema.Text(required=False, choices=DATE_STYLES, help='"day-month"'),
    "cv_word": schema.Text(required=False, choices=CV_WORDS, help='"CV"'),
    "summary_min_learners": schema.Number(required=False, help="5"),
})
#: A class figure (the readiness summary) needs at least this many learners: it can be raised, never lowered.
MIN_LEARNERS_FLOOR = 5


@dataclass(frozen=True)
class Region:
    country: str = DEFAULT_COUNTRY
    date_style: str = "day-month"
    cv_word: str = "CV"

    def day(self, day: dt.date, year: bool = False) -> str:
        """A date as the class writes it: "Tuesday 8 September" or "Tuesday, September 8"."""
        name, month = _DAYS[day.weekday()], _MONTHS[day.month - 1]
        if self.date_style == "month-day":
            text = f"{name}, {month} {day.day}"
            return f"{text}, {day.year}" if year else text
        text = f"{name} {day.day} {month}"
        return f"{text} {day.year}" if year else text

    def words(self, text: str) -> str:
        """``text`` with the class's word for a CV ("CV", "CVs", "cv" at a sentence start...)."""
        if self.cv_word == "CV" or not text:
            return text
        word = self.cv_word

        def swap(m: re.Match) -> str:
            plural = m.group(0).lower().endswith("s")
            out = word + ("s" if plural else "")
            start = m.start()
            at_start = start == 0 or re.search(r"(?:^|[.!?:]\s+|\n\s*|[\"“(]\s*)$", text[:start]) is not None
            return out[0].upper() + out[1:] if at_start else out

        # "CV", "CVs", "CV's" and "cv" as a word; not inside other words or identifiers
        return re.sub(r"(?<![\w./-])(?:CVs|CV|cvs|cv)(?![\w/-])", swap, text)


def check_country(value: Any) -> tuple[str, list[Problem]]:
    """A typed or chosen country, normalised: ``(code, problems)``.

    >>> check_country(" us ")
    ('US', [])
    >>> check_country("United States")
    ('US', [])
    """
    text = " ".join(str(value or "").split())
    if not text:
        return "", [Problem("country", "", "is empty",
                            f"Choose your country, or “{holidays_calendar.NONE}” to skip no holidays",
                            "empty")]
    code = holidays_calendar.NONE if text.lower() == holidays_calendar.NONE else text.upper()
    if not holidays_calendar.known(code):
        by_name = {name.casefold(): c for name, c in holidays_calendar.countries()}
        code = by_name.get(text.casefold(), code)
    if not holidays_calendar.known(code):
        return "", [Problem("country", text, "is not a country code the holiday calendar knows",
                            "Use a two-letter code such as GB, US, IE, DE or IN, or “none”",
                            "unknown_country")]
    return code, []


def min_learners_problems(value: Any) -> list[str]:
    """What is wrong with a class-figure threshold ([] when it is a whole number of at least five).

    >>> min_learners_problems(7), len(min_learners_problems(3))
    ([], 1)
    """
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"{value!r} is not a whole number of learners. Use 5 or more."]
    if value < MIN_LEARNERS_FLOOR:
        return [f"{value} is fewer than {MIN_LEARNERS_FLOOR} learners: a class figure from fewer than five "
                f"learners could identify someone. Use {MIN_LEARNERS_FLOOR} or more."]
    return []


def summary_min_learners() -> int:
    """The class's threshold for a class figure (class.toml ``summary_min_learners``): five when
    it is unset or wrong (check-content says what is wrong)."""
    try:
        value = content.load(FILE).get("summary_min_learners", MIN_LEARNERS_FLOOR)
    except content.ContentError:
        return MIN_LEARNERS_FLOOR
    return MIN_LEARNERS_FLOOR if min_learners_problems(value) else int(value)


def _problems(data: dict) -> list[str]:
    found = []
    if "summary_min_learners" in data and isinstance(data["summary_min_learners"], int):
        for why in min_learners_problems(data["summary_min_learners"]):
            found.append(f"{FILE}.toml: summary_min_learners = {why}")
    code = data.get("country")
    if isinstance(code, str) and code.strip():
        _, problems = check_country(code)
        for p in problems:
            found.append(f"{FILE}.toml: country \"{code}\" {p.what}. {p.fix}.")
    return found


def check_content() -> list[str]:
    """Every mistake in class.toml ([] when fine). A missing file is one too, as for every content
    file (the lessons still run, on the defaults)."""
    try:
        data = content.load(FILE)
    except content.ContentError as exc:
        return [str(exc)]
    found = schema.validate(data, SCHEMA, f"{FILE}.toml")
    return found + [p for p in _problems(data) if p not in found]


@lru_cache(maxsize=8)
def _read(path: str, stamp: float) -> Region:
    try:
        data = content.load(FILE)
    except content.ContentError:
        return Region()
    if schema.validate(data, SCHEMA, f"{FILE}.toml") or _problems(data):
        # a mistake anywhere: keep what is right, the defaults for the rest
        good = {}
        code = data.get("country")
        if isinstance(code, str) and code.strip() and not _problems({"country": code}):
            good["country"] = check_country(code)[0]
        if data.get("date_style") in DATE_STYLES:
            good["date_style"] = data["date_style"]
        if data.get("cv_word") in CV_WORDS:
            good["cv_word"] = data["cv_word"]
        return Region(**good)
    default = Region()
    return Region(check_country(data["country"])[0] if "country" in data else default.country,
                  data.get("date_style", default.date_style), data.get("cv_word", default.cv_word))


def current() -> Region:
    """The class's region, read from class.toml (again whenever the file changes)."""
    path = content.file_path(FILE)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Region()
    return _read(str(path), stamp)
