"""What must not travel in an insight (lesson "Sharing what you have learned").

:func:`privacy_warnings` returns :class:`helpers.core.Problem`\\ s whose ``code`` says what was
found: the log's people and organisations and every contact detail (from the one detector,
:mod:`helpers.core.detect`: ``person``, ``organisation``, ``email``, ``phone``, ``link``,
``handle``; ``name_like`` for a capitalised word that only looks like a name), and four rules
of its own:

- ``confidential``: words that signal a confidence ("off the record", "internal");
- ``news``: news that is probably not public yet (layoffs, cuts, mergers, restructuring);
- ``one_person``: a job title or description that points to one person ("the head of
  finance", "the biggest car maker in Sunderland");
- ``figures``: a number next to a named organisation ("Google ... 200 people");
and :func:`about_you`: a sentence about the learner rather than the field ("I am nervous").

The word lists live in ``data/content/insights.toml`` ([privacy]) so instructors can adapt them.

>>> from helpers import log
>>> [p.code for p in privacy_warnings("My contact at Google said they're laying off 200 people in January.",
...                                   log.empty())]
['name_like', 'news', 'one_person', 'figures']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from helpers.core import logfile as logmod
from helpers.core import Problem, detect, text

#: Codes that block a sentence from being saved (``name_like`` is advice: check it).
BLOCKING = ("person", "organisation", "email", "phone", "link", "handle", "confidential", "news",
            "one_person", "figures", "about_you")

_LEAD_IN = re.compile(
    r"^\s*(?:(?:i|we)\s+(?:have\s+|'ve\s+)?(?:learn(?:ed|t)|heard|found\s+out|noticed|realised|realized|"
    r"discovered|saw|was\s+told|were\s+told)|[\w' -]{0,60}?\b(?:told|taught|showed|reminded)\s+me)"
    r"\s*(?:,\s*)?(?:that\s+)?",
    re.IGNORECASE)
#: "My contact said ...", "A manager at X thinks ...": who said it, in front of what they said.
_SOURCE = re.compile(r"^\s*(?!(?:i|we)\s)[\w'’ ,-]{0,60}?\b(?:say|said|says|mentioned|explained|thinks?|"
                     r"believes?|feels?)\s+(?:that\s+)?", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?<![\w'])(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)(?![\w'])", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,.]*\d%?|\d%?|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|per\s?cent|percent)\b",
                     re.IGNORECASE)


def strip_lead_in(insight: str) -> str:
    """The insight without "I learned that" / "Recruiters told me that" in front.

    >>> strip_lead_in("I learned that clinics hire in spring")
    'clinics hire in spring'
    >>> strip_lead_in("Two recruiters told me that portfolios matter")
    'portfolios matter'
    >>> strip_lead_in("I think hiring is slow")   # the learner's own view stays theirs
    'I think hiring is slow'
    """
    return _LEAD_IN.sub("", insight, count=1)


@dataclass
class LogNames:
    """The people and organisations to look for, and which log they came from (for messages)."""

    people: tuple[str, ...]
    orgs: tuple[str, ...]
    sectors: tuple[str, ...]
    where: str          # "your log" or "the sample log"
    note: str = ""      # which log was used, or why names could not be checked
    sector_of: dict = None   # a person or an organisation as written -> its sector (for examples)

    @property
    def index(self) -> detect.Known:
        return detect.known(self.people, self.orgs, keep=self.sectors)


def log_names(log: "logmod.Log | pd.DataFrame | None" = None, is_sample: bool | None = None,
              not_organisations: frozenset[str] = frozenset()) -> LogNames:
    """The names to look for: contacts, people who referred, organisations of real interviews.

    ``log`` is a :class:`helpers.log.Log`, its ``data`` frame, or None for the learner's log
    (the sample while they have none). A log that cannot be read gives no names and a note.
    """
    if log is None:
        try:
            log, is_sample = logmod.learner_log()
        except logmod.LogFileError as exc:
            return LogNames((), (), (), "your log", note=(
                f"Your log could not be read, so names in it were not checked ({exc}) E-mail addresses, "
                f"phone numbers, links and confidential words were still checked. Until your log is fixed, "
                f"read your sentence once more for names yourself."))
    frame = log.data if isinstance(log, logmod.Log) else log
    if is_sample:
        where, note = "the sample log", "Names were checked against the sample log, because you have no log of your own yet."
    else:
        source = f" ({log.source})" if isinstance(log, logmod.Log) and log.source else ""
        where, note = "your log", f"Names were checked against your log{source}."

    def col(name: str) -> pd.Series:
        if name in frame.columns:
            return frame[name].astype("string").fillna("").str.strip()
        return pd.Series("", index=frame.index, dtype="string")

    people = [p for p in list(col("contact")) + list(col("referred_by")) if p]
    real = col("kind").str.lower() != "practice"
    orgs = [o for o in col("organisation")[real] if o and o.casefold() not in not_organisations]
    sectors = [s for s in col("sector") if s]
    sector_of: dict[str, str] = {}
    for who, org, sector in zip(col("contact"), col("organisation"), col("sector")):
        if sector:
            sector_of.setdefault(who, sector)
            sector_of.setdefault(org, sector)
    return LogNames(tuple(dict.fromkeys(people)), tuple(dict.fromkeys(orgs)), tuple(dict.fromkeys(sectors)),
                    where, note, sector_of)


@lru_cache(maxsize=16)
def _phrases(words: tuple[str, ...]) -> re.Pattern:
    parts = [r"\s+".join(re.escape(p) for p in text.words(w)) for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"(?<![\w'])(?:" + "|".join(p for p in parts if p) + r")(?![\w'])")


_FOLD_SAFE = re.compile(r"[’‘`´]")


def _find_phrases(value: str, words: tuple[str, ...]) -> list[str]:
    """Phrases from ``words`` in ``value`` (whole words, any case, ' and ’ alike), as written."""
    if not words:
        return []
    plain = _FOLD_SAFE.sub("'", value)
    folded = plain.casefold()
    if len(folded) != len(plain):           # a character that folds to two: search the folded text alone
        return [m.group(0) for m in _phrases(words).finditer(folded)]
    return [value[m.start():m.end()] for m in _phrases(words).finditer(folded)]


def _one_person(value: str, titles: tuple[str, ...]) -> list[str]:
    if not titles:
        return []
    alt = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True))
    between = r"(?:(?!(?:a|an|the|of|for|to|in|at|with|and|or|from)\s)[\w-]+\s+){0,3}?"
    pattern = re.compile(r"(?<![\w'])(?:the|their|its|his|her|our|my)\s+" + between + r"(?:" + alt + r")(?![\w'])",
                         re.IGNORECASE)
    found = [m.group(0) for m in pattern.finditer(value)]
    superlative = re.compile(r"(?<![\w'])the\s+(?:biggest|largest|only|main|oldest|newest|smallest|leading|top|first)"
                             r"\s+(?:[\w-]+\s+){0,3}?(?:in|at|of|near)\s+[A-Z][\w'-]*")
    found += [m.group(0) for m in superlative.finditer(value)]
    return found


def privacy_warnings(value: str | None, log: "logmod.Log | pd.DataFrame | LogNames | None" = None,
                     column: str = "insight", is_sample: bool | None = None,
                     cfg: Any = None) -> list[Problem]:
    """What in ``value`` should not be shared, each a Problem (``code`` = what kind), once each.

    >>> from helpers import log
    >>> lg = log.load(log.sample_path())
    >>> [(p.code, p.value) for p in privacy_warnings("Fatima at Pinecrest said it off the record", lg, is_sample=True)]
    [('person', 'Fatima'), ('organisation', 'Pinecrest'), ('confidential', 'off the record')]
    """
    value = value or ""
    if not value.strip():
        return []
    if cfg is None:
        from helpers.insights.settings import settings
        cfg = settings()
    names = log if isinstance(log, LogNames) else log_names(log, is_sample, cfg.not_organisations)
    fixes = cfg.fixes
    found: list[Problem] = []
    seen: set[tuple[str, str]] = set()

    def warn(code: str, what_found: str, what: str, fix: str, ref: str = "") -> None:
        key = (code, ref or " ".join(detect.fold(what_found).split()))
        if key not in seen:
            seen.add(key)
            found.append(Problem(column, what_found, what, fix, code))

    findings = detect.find(value, names.index)
    for f in findings:
        sector = ((names.sector_of or {}).get(f.ref) or "").lower()
        whole = bool(f.ref) and detect.fold(" ".join(f.text.split())) == detect.fold(" ".join(f.ref.split()))
        if f.kind == "person":
            example = fixes["person_example"].format(sector=sector) if sector else fixes["person_example_no_sector"]
            if f.ref and "log" in f.why:
                what = (f"is a contact in {names.where}" if whole
                        else f"is part of the name of a contact in {names.where} ({f.ref})")
            else:
                what = f.why
            warn("person", f.text, what, fixes["person_fix"].format(found=f.text, example=example), f.ref)
        elif f.kind == "organisation":
            example = (fixes["organisation_example"].format(sector=sector) if sector
                       else fixes["organisation_example_no_sector"])
            what = (f"is an organisation in {names.where}" if whole or not f.ref
                    else f"is part of the name of an organisation in {names.where} ({f.ref})")
            warn("organisation", f.text, what, fixes["organisation_fix"].format(found=f.text, example=example), f.ref)
        elif f.kind == "name_like":
            warn("name_like", f.text, "looks like the name of a person or an organisation",
                 fixes["name_like_fix"].format(found=f.text))
        else:
            warn(f.kind, f.text, f.why, fixes[f"{'email' if f.kind == 'email' else f.kind}_fix"].format(found=f.text))
    for phrase in _find_phrases(value, cfg.confidential_words):
        warn("confidential", phrase, "is a sign that this was said in confidence",
             fixes["confidential_fix"].format(found=phrase))
    for phrase in _find_phrases(value, cfg.news_words):
        warn("news", phrase, "sounds like news about an organisation that is probably not public yet",
             fixes["news_fix"].format(found=phrase))
    for phrase in _one_person(value, cfg.one_person_titles):
        warn("one_person", phrase, "points to one person or one organisation",
             fixes["one_person_fix"].format(found=phrase))
    named = [f for f in findings if f.kind in ("organisation", "name_like")]
    number = _NUMBER.search(value)
    if named and number:
        warn("figures", number.group(0), f"is a figure next to a named organisation ({named[0].text})",
             fixes["figures_fix"].format(found=number.group(0)))
    return found


def about_you(value: str | None, cfg: Any, column: str = "insight") -> list[Problem]:
    """A sentence about the learner rather than the field ("I am nervous about interviews").

    "I learned that ...", "Recruiters told me that ..." and "My contact said ..." in front do not count.
    """
    found = _FIRST_PERSON.search(_SOURCE.sub("", strip_lead_in(text.one_line(value)), count=1))
    if not found:
        return []
    return [Problem(column, found.group(0), "makes this about you rather than the field",
                    cfg.fixes["about_you_fix"].format(found=found.group(0)), "about_you")]
