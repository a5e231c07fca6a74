"""Sharing what you have learned: turn an insight into a general sentence you can say.

Each interview teaches a learner something they can bring to the next one ("people in
accounting at large manufacturers are watching the new rules"). Said in general terms it
shows a new contact that the learner has done their homework; said with a name, a source or
a confidence in it, it breaks trust. This module

* turns an insight into a sentence from a pattern in ``data/content/insights.toml``
  (:func:`generalise`, :func:`check`),
* warns when the text names a person or an organisation from the learner's log (their own,
  or the sample while they have none), an e-mail address, a phone number, or words that
  signal something told in confidence (:func:`privacy_warnings`),
* saves the sentences to ``insights.json`` in the workspace (:func:`save_insight`), without
  duplicates, and only when there are no privacy warnings: the saved sentence is what the
  learner will say out loud, so it must be safe to say as it stands.

>>> from helpers import insights, log
>>> problems, warnings, sentence = insights.generalise(
...     "People in accounting at large manufacturers are watching the new rules.", log=log.empty())
>>> problems, warnings
([], [])
>>> print(sentence)  # doctest: +NORMALIZE_WHITESPACE
I've been speaking with people across the field, and one theme I keep hearing is that people
in accounting at large manufacturers are watching the new rules. Is that something you see here too?
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import pandas as pd

from . import content, workspace
from . import log as logmod
from .log import Problem

FILE = "insights.json"
CONTENT = "insights"

# ---------------------------------------------------------------------------------------
# Plain-text checks shared by the activity modules (insights, reflection)
# ---------------------------------------------------------------------------------------
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript:", re.IGNORECASE)
_FORMULA = re.compile(r"^(?:[=+@]|-(?=[A-Za-z(]))")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problems(column: str, value: str | None, *, label: str, limit: int, required: bool = True,
                  minimum: int = 0, example: str = "") -> list[Problem]:
    """Check one typed text field: required, length, and text that is not plain words.

    ``column`` is the form field the message goes beside; ``label`` says in words what
    belongs there; ``example`` (optional) is shown in the message for an empty field.

    >>> [p.what for p in text_problems("who", "", label="a name", limit=10)]
    ['is empty']
    >>> [p.what for p in text_problems("who", "x" * 11, label="a name", limit=10)]
    ['is 11 characters long']
    >>> text_problems("who", "", label="a name", limit=10, required=False)
    []
    """
    text = (value or "").strip()
    if not text:
        if not required:
            return []
        hint = f", for example: {example}" if example else ""
        return [Problem(None, column, "", "is empty", f"Fill in {label}{hint}")]
    problems: list[Problem] = []
    if len(text) > limit:
        problems.append(Problem(None, column, text, f"is {len(text)} characters long",
                                f"Shorten it to {limit} characters or fewer"))
    elif minimum and len(text) < minimum:
        problems.append(Problem(None, column, text, "is too short to be useful",
                                f"Say a little more ({minimum} characters or more)"))
    found = _MARKUP.search(text)
    if found:
        problems.append(Problem(None, column, text, f"contains web-page code ({found.group(0)[:30]})",
                                "Write plain words, without < > tags"))
    if _FORMULA.match(text):
        problems.append(Problem(None, column, text,
                                f"starts with '{text[0]}', which a spreadsheet would run as a formula",
                                "Start with a word instead"))
    if _CONTROL.search(text):
        problems.append(Problem(None, column, text, "contains invisible control characters",
                                "Retype it instead of pasting it"))
    return problems


def one_line(text: str | None) -> str:
    """Collapse all runs of whitespace (line breaks too) into single spaces.

    >>> one_line("  a\\n  b\\tc ")
    'a b c'
    """
    return " ".join((text or "").split())


def _lower_first(text: str) -> str:
    """Lower-case a capitalised first word (``People`` -> ``people``), keep ``IT`` or ``I``.

    A place name at the start ("London hospitals ...") is lower-cased too; the learner sees the
    sentence before saving it. (Lesson 02's hypotheses use a list of ordinary words instead.)
    """
    m = re.match(r"[^\W\d_]+", text)
    if not m:
        return text
    word = m.group(0)
    if len(word) > 1 and word[0].isupper() and word[1:].islower():
        return word[0].lower() + text[1:]
    return text


def clean_insight(text: str | None) -> str:
    """Tidy an insight so it fits inside a sentence.

    >>> clean_insight("  People in accounting are watching the new rules.  ")
    'people in accounting are watching the new rules'
    >>> clean_insight('"That IT teams hire in spring!"')
    'IT teams hire in spring'
    """
    t = one_line(text)
    for _ in range(2):
        t = t.strip(" \"'“”‘’«»").rstrip(".!?;:, ").strip()
    t = re.sub(r"^that\s+", "", t, flags=re.IGNORECASE)
    return _lower_first(t)


# ---------------------------------------------------------------------------------------
# Content: patterns, privacy signals, guidance
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    """A sentence pattern from the content file."""

    id: str
    label: str
    text: str

    @property
    def uses_sector(self) -> bool:
        return "{sector}" in self.text


@dataclass(frozen=True)
class Settings:
    """Everything :mod:`helpers.insights` reads from ``insights.toml``, validated."""

    limits: dict[str, int]
    patterns: tuple[Pattern, ...]
    confidential_words: tuple[str, ...]
    common_words: frozenset[str]
    generic_org_words: frozenset[str]
    not_organisations: frozenset[str]
    fixes: dict[str, str]
    guidance: dict[str, Any]

    def pattern(self, pattern_id: str) -> Pattern | None:
        return next((p for p in self.patterns if p.id == pattern_id), None)


_LIMITS = ("insight_min", "insight_max", "sector_max")
_FIXES = {  # key -> placeholders it may use
    "person_fix": {"found", "example"}, "person_example": {"sector"}, "person_example_no_sector": set(),
    "organisation_fix": {"found", "example"}, "organisation_example": {"sector"},
    "organisation_example_no_sector": set(), "email_fix": {"found"}, "phone_fix": {"found"},
    "confidential_fix": {"found"},
}
_WORD_LISTS = ("confidential_words", "common_words", "generic_org_words", "not_organisations")


def _placeholders(template: str) -> set[str]:
    """Names of the ``{placeholders}`` in a template; ValueError when braces do not pair up."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _template_error(where: str, template: Any, allowed: set[str], required: set[str] = frozenset()) -> str | None:
    if not isinstance(template, str) or not template.strip():
        return f"{where}: should be text in quotes. Add it back, e.g. copy it from the shipped file."
    try:
        names = _placeholders(template)
    except ValueError:
        return (f"{where}: has a {{ or }} that does not pair up. Placeholders are written "
                f"{{name}}; to show a brace itself write {{{{ or }}}}.")
    unknown = sorted(names - allowed)
    if unknown:
        allowed_text = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        return (f"{where}: uses the placeholder {{{unknown[0]}}}, which this text cannot fill. "
                f"Placeholders it may use: {allowed_text}.")
    missing = sorted(required - names)
    if missing:
        return f"{where}: must contain {{{missing[0]}}} (where the text goes). Put it back into the text."
    return None


def _validate(data: dict[str, Any]) -> tuple[list[str], Settings | None]:
    """Every mistake in the content file, and the settings when there are none."""
    file = str(content.file_path(CONTENT))
    errors: list[str] = []
    limits = data.get("limits")
    if not isinstance(limits, dict):
        errors.append(f"{file}: the [limits] table is missing. Add a [limits] line with "
                      f"{', '.join(k + ' = N' for k in _LIMITS)} under it.")
        limits = {}
    for key in _LIMITS:
        value = limits.get(key)
        if limits and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            errors.append(f"{file}, [limits] {key}: should be a whole number above 0 (it is {value!r}). "
                          f"Write e.g. {key} = 300.")
    if all(isinstance(limits.get(k), int) for k in ("insight_min", "insight_max")) \
            and limits["insight_min"] >= limits["insight_max"]:
        errors.append(f"{file}, [limits]: insight_min must be smaller than insight_max.")

    patterns: list[Pattern] = []
    try:
        items = content.entries(data, "patterns", file)
    except content.ContentError as exc:
        errors.append(str(exc))
        items = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = f"{file}, [[patterns]] entry {n}" + (f" (id \"{item.get('id')}\")" if item.get("id") else "")
        try:
            content.require(item, ["id", "label", "text"], where, {"id": str, "label": str, "text": str})
        except content.ContentError as exc:
            errors.append(str(exc))
            continue
        if item["id"] in seen:
            errors.append(f"{where}: the id \"{item['id']}\" is used twice. Give each pattern its own id.")
        seen.add(item["id"])
        problem = _template_error(f"{where}, text", item["text"], {"insight", "sector"}, {"insight"})
        if problem:
            errors.append(problem)
            continue
        patterns.append(Pattern(item["id"], item["label"], item["text"]))
    if items and patterns and not any(not p.uses_sector for p in patterns):
        errors.append(f"{file}, [[patterns]]: every pattern uses {{sector}}. Keep at least one without it "
                      f"for learners who leave 'their field' empty.")

    privacy = data.get("privacy")
    if not isinstance(privacy, dict):
        errors.append(f"{file}: the [privacy] table is missing. Restore it from the shipped file.")
        privacy = {}
    lists: dict[str, tuple[str, ...]] = {}
    for key in _WORD_LISTS:
        value = privacy.get(key)
        if privacy and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
            errors.append(f"{file}, [privacy] {key}: should be a list of words in quotes, e.g. "
                          f"{key} = [\"one\", \"two\"]; empty entries are not allowed.")
            value = []
        lists[key] = tuple(v.strip() for v in (value or []))
    if privacy and not lists["confidential_words"]:
        errors.append(f"{file}, [privacy] confidential_words: the list is empty. Keep at least "
                      f"\"confidential\" and \"off the record\".")
    fixes: dict[str, str] = {}
    for key, allowed in _FIXES.items():
        if not privacy:
            break
        problem = _template_error(f"{file}, [privacy] {key}", privacy.get(key), allowed)
        if problem:
            errors.append(problem)
        else:
            fixes[key] = privacy[key]

    guidance = data.get("guidance")
    if not isinstance(guidance, dict):
        errors.append(f"{file}: the [guidance] table is missing. Restore it from the shipped file.")
        guidance = {}
    else:
        try:
            content.require(guidance, ["intro", "rules", "tip_several_sentences", "tip_first_person"],
                            f"{file}, [guidance]", {"intro": str, "rules": list,
                                                    "tip_several_sentences": str, "tip_first_person": str})
            if not all(isinstance(r, str) for r in guidance["rules"]):
                errors.append(f"{file}, [guidance] rules: each rule should be text in quotes.")
        except content.ContentError as exc:
            errors.append(str(exc))
    if errors:
        return errors, None
    return [], Settings(
        limits={k: int(limits[k]) for k in _LIMITS}, patterns=tuple(patterns),
        confidential_words=lists["confidential_words"],
        common_words=frozenset(w.casefold() for w in lists["common_words"]),
        generic_org_words=frozenset(w.casefold() for w in lists["generic_org_words"]),
        not_organisations=frozenset(w.casefold() for w in lists["not_organisations"]),
        fixes=fixes, guidance=dict(guidance),
    )


def settings() -> Settings:
    """Read and validate ``insights.toml``. Raises :class:`helpers.content.ContentError`
    listing every mistake (file, entry, fix)."""
    return content.validated(CONTENT, _validate)


def check_content() -> list[str]:
    """Every mistake in ``insights.toml`` as a message naming the file, entry and fix ([] when fine).

    >>> check_content()
    []
    """
    return content.problems(CONTENT, lambda data: _validate(data)[0])


def patterns() -> list[Pattern]:
    """The sentence patterns, in the order the content file lists them."""
    return list(settings().patterns)


# ---------------------------------------------------------------------------------------
# Privacy: names, organisations, contact details, confidential words
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PrivacyWarning:
    """Something in a text that should not be shared, and how to reword it.

    Shaped like :class:`helpers.log.Problem` (``column``, ``value``, ``what``, ``fix``) so a form
    shows it beside its field. ``kind`` is person, organisation, email, phone or confidential.
    """

    kind: str
    column: str
    value: str   # the text as found in what the learner wrote
    what: str
    fix: str

    def __str__(self) -> str:
        return f"“{self.value}” {self.what}. {self.fix}"


_FOLD_EXTRA = {"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
               "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "’": "'", "‘": "'", "`": "'", "´": "'"}


def fold(text: str) -> str:
    """Text without accents, so ``José`` and ``Jose`` compare equal (case is kept).

    >>> fold("José Łukasz Søren")
    'Jose Lukasz Soren'
    """
    return _fold_mapped(text)[0]


def _fold_mapped(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index of the original character."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            where.append(i)
            continue
        for c in _FOLD_EXTRA.get(ch) or unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(c):
                out.append(c)
                where.append(i)
    return "".join(out), where


_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _key(text: str) -> str:
    return " ".join(fold(text).casefold().split())


def _term_pattern(term: str) -> str:
    return r"\s+".join(re.escape(part) for part in term.split())


@dataclass
class _Index:
    loose: re.Pattern | None           # whole words, any case
    strict: re.Pattern | None          # common-word names: only when capitalised
    lookup: dict[str, list[tuple[str, str, str, bool]]]  # key -> (kind, label, sector, whole name?)


@lru_cache(maxsize=16)
def _build_index(people: tuple[tuple[str, str], ...], orgs: tuple[tuple[str, str], ...],
                 common: frozenset[str], generic: frozenset[str]) -> _Index:
    """One regular expression for every name in a log (built once per log, then cached)."""
    loose: set[str] = set()
    strict: set[str] = set()
    lookup: dict[str, list[tuple[str, str, str, bool]]] = {}

    def add(term: str, kind: str, label: str, sector: str, whole: bool, only_capitalised: bool) -> None:
        key = _key(term)
        refs = lookup.setdefault(key, [])
        if all(r[1] != label or r[0] != kind for r in refs):
            refs.append((kind, label, sector, whole))
        (strict if only_capitalised and not whole else loose).add(" ".join(fold(term).split()))

    for name, sector in people:
        folded = " ".join(fold(name).split())
        if len(re.sub(r"\W", "", folded)) >= 3:
            add(folded, "person", name, sector, True, False)
        for token in _WORD.findall(folded):
            if len(token) >= 3 and _key(token) != _key(folded):
                add(token, "person", name, sector, False, token.casefold() in common)
    for name, sector in orgs:
        folded = " ".join(fold(name).split())
        if len(re.sub(r"\W", "", folded)) >= 3:
            add(folded, "organisation", name, sector, True, False)
        for token in _WORD.findall(folded):
            if len(token) >= 3 and token.casefold() not in generic and _key(token) != _key(folded):
                add(token, "organisation", name, sector, False, token.casefold() in common)

    def compile_(terms: set[str], flags: int, capitalised: bool) -> re.Pattern | None:
        if not terms:
            return None
        ordered = sorted(terms, key=lambda t: (-len(t), t))
        if capitalised:
            parts = [re.escape(t[0].upper()) + "(?i:" + re.escape(t[1:]) + ")" for t in ordered]
        else:
            parts = [_term_pattern(t) for t in ordered]
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)

    return _Index(compile_(loose, re.IGNORECASE, False), compile_(strict, 0, True), lookup)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().\-/]{5,}\d(?!\w)")
_NOT_PHONE = [re.compile(p) for p in (
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$",            # 2026-10-13
    r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$",          # 13/10/2026
    r"^\d{4}\s*[-/]\s*\d{2,4}$",                   # 2020-2024
    r"^\d{1,3}(?:[ ,.]\d{3})+$",                   # 1 000 000
)]


@dataclass
class LogNames:
    """The people and organisations in a log, and which log it was (for messages)."""

    people: tuple[tuple[str, str], ...]
    orgs: tuple[tuple[str, str], ...]
    where: str          # "your log" or "the sample log", for warnings
    note: str = ""      # which log was used, or why names could not be checked


def log_names(log: "logmod.Log | pd.DataFrame | None" = None, is_sample: bool | None = None) -> LogNames:
    """Collect the names to look for: contacts, people who referred, organisations.

    ``log`` is a :class:`helpers.log.Log`, its ``data`` frame, or ``None`` for the learner's
    log (the sample while they have none). A log that cannot be read gives no names and a
    ``note`` saying so.
    """
    cfg = settings()
    note = ""
    if log is None:
        try:
            log, is_sample = logmod.learner_log()
        except logmod.LogFileError as exc:
            return LogNames((), (), "your log", note=(
                f"Your log could not be read, so names in it were not checked ({exc}) "
                f"E-mail addresses, phone numbers and confidential words were still checked. "
                f"Until your log is fixed, read your sentence once more for names yourself."))
    frame = log.data if isinstance(log, logmod.Log) else log
    if is_sample:
        where = "the sample log"
        note = "Names were checked against the sample log, because you have no log of your own yet."
    else:
        where = "your log"
        source = f" ({log.source})" if isinstance(log, logmod.Log) and log.source else ""
        note = f"Names were checked against your log{source}."

    def col(name: str) -> pd.Series:
        if name in frame.columns:
            return frame[name].astype("string").fillna("").str.strip()
        return pd.Series("", index=frame.index, dtype="string")

    sector = col("sector")
    contacts = pd.DataFrame({"name": col("contact"), "sector": sector})
    referrers = pd.DataFrame({"name": col("referred_by"), "sector": ""})
    people = pd.concat([contacts, referrers], ignore_index=True)
    people = people[people["name"] != ""].drop_duplicates("name")
    kind = col("kind").str.lower()
    orgs = pd.DataFrame({"name": col("organisation"), "sector": sector})
    orgs = orgs[(kind != "practice") & (orgs["name"] != "")
                & ~orgs["name"].str.casefold().isin(cfg.not_organisations)].drop_duplicates("name")
    return LogNames(tuple(map(tuple, people.to_numpy().tolist())), tuple(map(tuple, orgs.to_numpy().tolist())),
                    where, note)


def privacy_warnings(text: str | None, log: "logmod.Log | pd.DataFrame | LogNames | None" = None,
                     column: str = "insight", is_sample: bool | None = None) -> list[PrivacyWarning]:
    """What in ``text`` should not be shared: names of people or organisations from the log,
    e-mail addresses, phone numbers and words that signal a confidence.

    Names match as whole words, ignoring case and accents; a person's first or last name
    counts on its own when it has 3 letters or more. Names that are also ordinary words
    (listed in the content file, e.g. Grant) count only when capitalised.

    >>> from helpers import log
    >>> for w in privacy_warnings("Fatima at Pinecrest said it off the record",
    ...                           log.load(log.sample_path()), is_sample=True):
    ...     print(w.kind, "|", w.value)
    person | Fatima
    organisation | Pinecrest
    confidential | off the record
    """
    text = text or ""
    if not text.strip():
        return []
    cfg = settings()
    names = log if isinstance(log, LogNames) else log_names(log, is_sample)
    fixes = cfg.fixes
    folded, where_in = _fold_mapped(text)

    def original(m: re.Match) -> str:
        return text[where_in[m.start()]: where_in[m.end() - 1] + 1]

    warnings: list[PrivacyWarning] = []
    seen: set[tuple[str, str]] = set()

    def warn(kind: str, value: str, what: str, fix: str, key: str | None = None) -> None:
        k = (kind, key or _key(value))
        if k not in seen:
            seen.add(k)
            warnings.append(PrivacyWarning(kind, column, value, what, fix))

    index = _build_index(names.people, names.orgs, cfg.common_words, cfg.generic_org_words)
    matches = []
    for rx in (index.loose, index.strict):
        if rx is not None:
            matches.extend(rx.finditer(folded))
    matches.sort(key=lambda m: m.start())
    for m in matches:
        found = original(m)
        refs = index.lookup.get(_key(m.group(0)), [])
        for kind in ("person", "organisation"):
            mine = [r for r in refs if r[0] == kind]
            if not mine:
                continue
            labels = ", ".join(dict.fromkeys(r[1] for r in mine))
            sector = next((r[2] for r in mine if r[2]), "").lower()
            whole = any(r[3] for r in mine)
            if kind == "person":
                what = (f"is a contact in {names.where}" if whole
                        else f"is the name of a contact in {names.where} ({labels})")
                example = (fixes["person_example"].format(sector=sector) if sector
                           else fixes["person_example_no_sector"])
                warn(kind, found, what, fixes["person_fix"].format(found=found, example=example), labels)
            else:
                what = (f"is an organisation in {names.where}" if whole
                        else f"is part of the name of an organisation in {names.where} ({labels})")
                example = (fixes["organisation_example"].format(sector=sector) if sector
                           else fixes["organisation_example_no_sector"])
                warn(kind, found, what, fixes["organisation_fix"].format(found=found, example=example), labels)
    emails = list(_EMAIL.finditer(text))
    for m in emails:
        warn("email", m.group(0), "is an e-mail address", fixes["email_fix"].format(found=m.group(0)))
    for m in _PHONE.finditer(text):
        value = m.group(0).strip()
        digits = sum(ch.isdigit() for ch in value)
        inside_email = any(e.start() <= m.start() < e.end() for e in emails)
        if digits >= 7 and not inside_email and not any(rx.match(value) for rx in _NOT_PHONE):
            warn("phone", value, "looks like a phone number", fixes["phone_fix"].format(found=value))
    rx = _confidential_regex(cfg.confidential_words)
    for m in rx.finditer(folded):
        found = original(m)
        warn("confidential", found, "is a sign that this was said in confidence",
             fixes["confidential_fix"].format(found=found))
    return warnings


@lru_cache(maxsize=4)
def _confidential_regex(words: tuple[str, ...]) -> re.Pattern:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        folded = " ".join(fold(w).split())
        parts.append(r"\s+".join(re.escape(p).replace("'", "['’]") for p in folded.split()))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


# ---------------------------------------------------------------------------------------
# Generalising an insight into a sentence
# ---------------------------------------------------------------------------------------
@dataclass
class InsightCheck:
    """Everything said about one insight: blocking problems, privacy warnings, tips, the sentence."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[PrivacyWarning] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    sentence: str = ""
    insight: str = ""          # the cleaned insight that went into the sentence
    sector: str = ""           # the cleaned "their field"
    pattern: str = ""          # id of the pattern used
    log_note: str = ""         # which log names were checked against (or why they were not)

    @property
    def shareable(self) -> bool:
        return bool(self.sentence) and not self.problems and not self.warnings


def check(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
          log: "logmod.Log | pd.DataFrame | None" = None, is_sample: bool | None = None) -> InsightCheck:
    """Check an insight and build its sentence; see :func:`generalise` for the short form.

    ``pattern`` is a pattern id from the content file; empty or ``None`` chooses one (with
    ``{sector}`` when ``audience_sector`` is given). A broken content file comes back as a
    problem (column ``content``) naming the file and the fix.
    """
    try:
        cfg = settings()
    except content.ContentError as exc:
        return InsightCheck(problems=[Problem(None, "content", "", "The lesson's content file has a mistake",
                                              f"{exc} (ask your instructor)")])
    lim = cfg.limits
    result = InsightCheck()
    result.problems += text_problems(
        "insight", insight, label="one thing you learned, in general terms", limit=lim["insight_max"],
        minimum=lim["insight_min"], example="people in accounting at large manufacturers are watching the new rules")
    result.problems += text_problems("audience_sector", audience_sector, label="their field",
                                     limit=lim["sector_max"], required=False)
    sector = _lower_first(one_line(audience_sector).rstrip(". "))
    chosen: Pattern | None
    if pattern:
        chosen = cfg.pattern(pattern)
        if chosen is None:
            result.problems.append(Problem(None, "pattern", pattern, "is not one of the sentence patterns",
                                           "Choose one from the list: " + ", ".join(p.id for p in cfg.patterns)))
    else:
        chosen = next((p for p in cfg.patterns if p.uses_sector == bool(sector)), cfg.patterns[0])
    if chosen is not None and chosen.uses_sector and not sector:
        result.problems.append(Problem(None, "audience_sector", "", "is empty",
                                       f"The pattern “{chosen.label}” mentions their field: fill in the field "
                                       f"of the person you will speak with, or choose another pattern"))
    elif chosen is not None and sector and not chosen.uses_sector:
        result.tips.append(f"The pattern “{chosen.label}” does not mention their field; choose one that does "
                           f"if you want it in the sentence.")
    cleaned = clean_insight(insight)
    result.insight, result.sector, result.pattern = cleaned, sector, chosen.id if chosen else ""
    names = log_names(log, is_sample)
    result.log_note = names.note
    result.warnings = (privacy_warnings(insight, names, column="insight")
                       + privacy_warnings(audience_sector, names, column="audience_sector"))
    if re.search(r"[.!?]\s+[A-Z]", one_line(insight)):
        result.tips.append(cfg.guidance["tip_several_sentences"])
    if re.match(r"(?i)(i|my|me|i'm|i've)\b", cleaned):
        result.tips.append(cfg.guidance["tip_first_person"])
    if not result.problems and chosen is not None:
        result.sentence = chosen.text.format(insight=cleaned, sector=sector)
    return result


def generalise(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
               log: "logmod.Log | pd.DataFrame | None" = None) -> tuple[list[Problem], list[PrivacyWarning], str]:
    """Turn an insight into a sentence to share: ``(problems, warnings, sentence)``.

    ``problems`` block the sentence (it is ``""`` then); ``warnings`` name what would give a
    person, an organisation or a confidence away, and how to reword it. ``log`` defaults to
    the learner's log (the sample while they have none).

    >>> from helpers import log
    >>> _, _, s = generalise("Clinics are moving scheduling online.", "healthcare", log=log.empty())
    >>> s.startswith("I've been speaking with people in healthcare and nearby fields")
    True
    >>> problems, _, s = generalise("", log=log.empty())
    >>> [(p.column, p.what) for p in problems], s
    ([('insight', 'is empty')], '')
    """
    result = check(insight, audience_sector, pattern, log)
    return result.problems, result.warnings, result.sentence


# ---------------------------------------------------------------------------------------
# Earlier interviews: the insights column of the log
# ---------------------------------------------------------------------------------------
def earlier_insights(log: "logmod.Log | None" = None, is_sample: bool | None = None) -> tuple[pd.DataFrame, str]:
    """What earlier interviews taught the learner (the log's ``insights`` column).

    Returns ``(table, caption)``: one row per insight with the field it came from, whether
    it was a practice run, and whether it is ready to share as written (or what to reword).
    Names of people and organisations are left out of the table. The caption says which log
    it comes from (the sample while the learner has none).
    """
    columns = ["field", "kind", "insight", "ready to share?"]
    if log is None:
        try:
            log, is_sample = logmod.learner_log()
        except logmod.LogFileError as exc:
            return pd.DataFrame(columns=columns), f"Your log could not be read: {exc}"
    data = log.data
    have = data[data["insights"].astype("string").fillna("").str.strip() != ""]
    try:
        names = log_names(log, is_sample)
    except content.ContentError as exc:
        return pd.DataFrame(columns=columns), str(exc)
    ready = []
    for text in have["insights"]:
        found = privacy_warnings(text, names)
        ready.append("yes" if not found else "reword first: " + "; ".join(
            f"{w.kind} ({w.value})" for w in found))
    table = pd.DataFrame({"field": have["sector"].astype("string").fillna("").to_numpy(),
                          "kind": have["kind"].to_numpy(), "insight": have["insights"].to_numpy(),
                          "ready to share?": ready}, columns=columns)
    source = "the sample log (you have no log of your own yet)" if is_sample else f"your log ({log.source})"
    caption = (f"What earlier interviews taught you: {len(table)} insight(s) from {source}"
               if len(table) else f"No insights written down yet in {source}: add them in the insights column.")
    return table, caption


# ---------------------------------------------------------------------------------------
# Saving, listing, deleting, exporting
# ---------------------------------------------------------------------------------------
@dataclass
class SaveResult:
    """What happened when a sentence was saved."""

    saved: bool
    check: InsightCheck
    entry: dict[str, str] | None = None
    already: bool = False           # the same sentence was saved before: nothing written
    problems: list[Problem] = field(default_factory=list)  # file problems (damaged insights.json)

    @property
    def message(self) -> str:
        if self.saved:
            return "Saved. It is in your list below, ready for your next interview."
        if self.already:
            return "This sentence is already in your list; nothing new was saved."
        if self.problems or self.check.problems:
            return "Not saved: " + " ".join(str(p) for p in self.problems + self.check.problems)
        if self.check.warnings:
            return ("Not saved: the sentence would give away something private. Reword the part(s) "
                    "marked and try again.")
        return "Not saved."


def _read() -> list[dict[str, str]]:
    data = workspace.read_json(FILE, {"insights": []})
    items = data.get("insights") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"{workspace.path(FILE)} is damaged (it does not hold a list of insights). "
                         f"Rename it to start this activity afresh; nothing else is affected.")
    return items


def _write(items: list[dict[str, str]]) -> None:
    workspace.write_json(FILE, {"insights": items})


def _sentence_key(sentence: str) -> str:
    return _key(sentence).rstrip(".?! ")


def saved_insights() -> list[dict[str, str]]:
    """The learner's saved sentences, oldest first (``[]`` when none).

    Each has ``id``, ``insight``, ``audience_sector``, ``pattern``, ``sentence`` and
    ``saved_on``. A damaged file raises ``ValueError`` with what to do.
    """
    return _read()


def save_insight(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
                 log: "logmod.Log | pd.DataFrame | None" = None, today: dt.date | None = None) -> SaveResult:
    """Check an insight and, when it is safe to share, save its sentence to ``insights.json``.

    Nothing is written when there are problems or privacy warnings, when the same sentence is
    already saved, or when the saved file is damaged (it is never overwritten).
    """
    result = check(insight, audience_sector, pattern, log)
    if not result.shareable:
        return SaveResult(False, result)
    try:
        items = _read()
    except ValueError as exc:
        return SaveResult(False, result, problems=[Problem(None, "file", "", "Your saved sentences could not be read",
                                                           str(exc))])
    key = _sentence_key(result.sentence)
    for item in items:
        if _sentence_key(str(item.get("sentence", ""))) == key:
            return SaveResult(False, result, entry=item, already=True)
    entry = {
        "id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:10],
        "insight": result.insight,
        "audience_sector": result.sector,
        "pattern": result.pattern,
        "sentence": result.sentence,
        "saved_on": (today or dt.date.today()).isoformat(),
    }
    _write(items + [entry])
    saved = next(i for i in _read() if i.get("id") == entry["id"])
    return SaveResult(True, result, entry=saved)


def delete_insight(insight_id: str) -> bool:
    """Delete one saved sentence by its id. Returns whether something was deleted."""
    items = _read()
    kept = [i for i in items if i.get("id") != insight_id]
    if len(kept) == len(items):
        return False
    _write(kept)
    return True


def insights_frame(items: Iterable[dict[str, str]] | None = None) -> pd.DataFrame:
    """The saved sentences as a table (read from the workspace unless ``items`` is given)."""
    rows = list(_read() if items is None else items)
    return pd.DataFrame({
        "sentence to share": [str(i.get("sentence", "")) for i in rows],
        "from the insight": [str(i.get("insight", "")) for i in rows],
        "their field": [str(i.get("audience_sector", "")) for i in rows],
        "saved on": [str(i.get("saved_on", "")) for i in rows],
    })


def export_text() -> str:
    """The saved sentences as plain text for the "export all my work" button ("" when none)."""
    try:
        items = _read()
    except ValueError as exc:
        return f"Sharing what you have learned\n\n(Could not be read: {exc})\n"
    if not items:
        return ""
    lines = ["Sharing what you have learned", "", "Sentences I can share in my next interviews:", ""]
    for n, item in enumerate(items, start=1):
        lines.append(f"{n}. {item.get('sentence', '')}")
        extra = f"   (from: {item.get('insight', '')}"
        if item.get("audience_sector"):
            extra += f"; for someone in {item['audience_sector']}"
        lines.append(extra + f"; saved {item.get('saved_on', '')})")
    return "\n".join(lines) + "\n"
