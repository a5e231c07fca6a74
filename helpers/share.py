"""Sharing a log with an instructor: an anonymised copy that holds no one's contact details.

A learner's log names real people. Before it leaves the learner's laptop, :func:`anonymise`
makes a copy in which

- every person in ``contact`` and ``referred_by`` becomes a stable pseudonym
  (``Person 01``, ``Person 02`` ... in order of first appearance), the same name always
  getting the same pseudonym, so referral chains survive;
- every organisation becomes ``Organisation A``, ``Organisation B`` ... (words such as
  "Family" or "Friends", which name no organisation, are kept);
- free text (role, feedback, insights, notes and any column the schema does not know) is
  scrubbed of e-mail addresses, phone numbers, web links and every name and organisation
  found in the log's own columns: whole names and each first or last name of three letters
  or more, ignoring case and accents;
- dates, statuses, kinds, channels, sectors and counts are kept, and every row is kept.

:func:`check_shared` is the other side: it reads a file an instructor received and lists
whatever still looks like a name, e-mail address or phone number, so the class summary can
refuse it.

>>> import pandas as pd
>>> from helpers import log
>>> raw = pd.DataFrame({"date": ["2026-03-02", "2026-03-09"], "contact": ["Ana Silva", "Tom Berg"],
...                     "organisation": ["Acme Ltd", "Acme Ltd"], "status": ["held", "held"],
...                     "referred_by": ["", "Ana Silva"],
...                     "notes": ["", "Ana said to mail tom.berg@acme.com"]})
>>> shared = anonymise(log.Log(raw=raw, data=log.analyse(raw)[0]))
>>> shared["contact"].tolist(), shared["referred_by"].tolist()
(['Person 01', 'Person 02'], ['', 'Person 01'])
>>> shared.loc[1, "notes"]
'Person 01 said to mail [e-mail]'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import log as logmod
from . import workspace

#: The file the learner's shareable copy is written to, in their workspace.
SHARED_NAME = "shared_log.csv"

PERSON_COLUMNS = ["contact", "referred_by"]
ORG_COLUMN = "organisation"
#: Columns whose valid values are kept as they are (a value the log cannot read is scrubbed).
KEPT_COLUMNS = ["date", "status", "kind", "channel", "referrals", "may_use_name",
                "contact_details", "thank_you_sent", "follow_up_on", "followed_up"]

PSEUDONYM = re.compile(r"^Person \d{2,}$")
ORG_PLACEHOLDER = re.compile(r"^Organisation [A-Z]{1,3}$")
NAME_MARK = "[name]"
ORG_MARK = "[organisation]"
EMAIL_MARK = "[e-mail]"
PHONE_MARK = "[phone]"
LINK_MARK = "[link]"

#: "Organisations" that name no one: kept as they are, and not removed from free text.
GENERIC_ORGANISATIONS = {
    "family", "friends", "friend", "classmates", "classmate", "colleague", "colleagues",
    "neighbour", "neighbours", "neighbor", "neighbors", "relative", "relatives", "relatives",
    "self-employed", "self employed", "freelance", "none", "unknown", "n/a", "na", "-",
}
#: Words in organisation names that identify no one on their own ("Lakeside Clinic": only
#: "Lakeside" is removed from free text when it appears alone).
GENERIC_ORG_WORDS = {
    "the", "and", "for", "of", "inc", "ltd", "llc", "plc", "gmbh", "corp", "corporation", "company",
    "group", "services", "service", "solutions", "systems", "health", "healthcare", "hospital",
    "hospitals", "clinic", "clinics", "care", "homes", "home", "medical", "medicine", "centre",
    "center", "accounting", "accountants", "manufacturing", "software", "community", "trust",
    "foundation", "university", "college", "school", "schools", "bank", "partners", "associates",
    "consulting", "international", "global", "national", "city", "county", "council",
    "department", "agency", "studio", "studios", "labs", "lab", "technologies", "technology",
    "tech", "media", "network", "office", "house", "society", "association", "institute",
    "church", "charity", "nonprofit", "public", "private", "local", "general", "family",
    "friends", "classmates", "state", "government", "ministry", "authority", "board", "team",
    "practice", "pharmacy", "nursing", "dental", "law", "legal", "finance", "financial",
    "insurance", "retail", "store", "stores", "shop", "restaurant", "hotel", "library",
    "museum", "trading", "holdings", "industries", "enterprises", "new", "housing", "games",
    "build", "building", "builders", "construction", "engineering", "engineers", "transit",
    "transport", "freight", "logistics", "couriers", "courier", "digital", "archives", "archive",
    "libraries", "agency", "authority", "energy", "food", "foods", "farm", "farms", "design",
    "marketing", "media", "press", "news", "studio", "works", "hall", "centre", "trust",
    "nhs", "police", "fire", "water", "power", "airport", "airlines", "rail", "railway",
    "security", "staffing", "recruitment", "research", "sciences", "science", "labs", "data",
}
MIN_TOKEN = 3  # first or last names shorter than this are only removed as part of the whole name
#: Names that are also everyday words: on their own in free text they are removed only when
#: written with a capital letter ("Grant said" goes, "a grant report" stays).
WORD_NAMES = {
    "will", "may", "mark", "bill", "grant", "rose", "hope", "faith", "joy", "dawn", "summer", "frank",
    "guy", "drew", "sue", "rich", "june", "april", "august", "pat", "art", "jack", "rob", "ray", "max",
    "don", "iris", "lily", "ruby", "amber", "hazel", "jade", "pearl", "page", "young", "king", "brown",
    "white", "green", "black", "long", "hill", "wood", "field", "little", "small", "well", "best", "good",
    "hall", "park", "lane", "bell", "cook", "baker", "smith", "miller", "turner", "carter", "fisher",
    "hunter", "mason", "price", "rice", "stone", "ward", "west", "north", "wolf", "fox", "bond",
    "banks", "booth", "bush", "case", "chase", "close", "cross", "day", "dean", "fair", "ford", "gray",
    "grey", "hart", "house", "judge", "law", "love", "low", "major", "marsh", "moss", "noble", "pool",
    "porter", "power", "reed", "sharp", "street", "swift", "wall", "waters", "wells", "wise", "sterling",
    "sparks", "can", "sky", "gene", "bishop", "brook", "brooks", "hunt", "lamb", "little",
    "sage", "storm", "rain", "snow", "winter", "spring", "autumn", "star", "chance", "honey", "sunny",
}
_PLACEHOLDER_KEY = re.compile(r"^(?:person \d+|organisation [a-z]{1,3})$")

_EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().\-/]{5,}\d(?!\w)")
_DATE_LIKE = re.compile(r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\s*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


# ---------------------------------------------------------------------------------------
# Folding text: case- and accent-insensitive matching that maps back to the original
# ---------------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Text without case or accents, for comparing names.

    >>> fold("José  Núñez")
    'jose nunez'
    """
    return re.sub(r"\s+", " ", _fold_map(text)[0]).strip()


def _fold_map(text: str) -> tuple[str, list[int]]:
    """(folded text, index in ``text`` of each folded character)."""
    text = text.translate(_QUOTES)
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        for c in plain.casefold():
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^\w']+", fold(name)) if t and not t.isdigit()]


# ---------------------------------------------------------------------------------------
# Detecting contact details
# ---------------------------------------------------------------------------------------
def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PHONE.finditer(text):
        found = m.group(0)
        digits = sum(c.isdigit() for c in found)
        if 7 <= digits <= 15 and not _DATE_LIKE.match(found):
            spans.append(m.span())
    return spans


def contact_details_in(text: str) -> list[str]:
    """What kinds of contact detail a text holds: 'an e-mail address', 'a phone number', 'a web link'.

    >>> contact_details_in("Call 555-010-7788 or mail ana@example.org")
    ['an e-mail address', 'a phone number']
    >>> contact_details_in("Held on 2026-09-07, 2 referrals")
    []
    """
    found = []
    if _EMAIL.search(text):
        found.append("an e-mail address")
    rest = _EMAIL.sub(" ", text)
    if _phone_spans(rest):
        found.append("a phone number")
    if _LINK.search(rest):
        found.append("a web link")
    return found


def scrub_contact_details(text: str) -> str:
    """Replace e-mail addresses, web links and phone numbers in a text.

    >>> scrub_contact_details("Mail jo@x.org, call +44 20 7946 0958, see linkedin.com/in/jo")
    'Mail [e-mail], call [phone], see [link]'
    """
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _LINK.sub(LINK_MARK, text)
    spans = _phone_spans(text)
    for start, end in reversed(spans):
        text = text[:start] + PHONE_MARK + text[end:]
    return text


# ---------------------------------------------------------------------------------------
# Pseudonyms and the names to remove from free text
# ---------------------------------------------------------------------------------------
def _letters(n: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _is_generic_org(value: str) -> bool:
    return fold(value) in GENERIC_ORGANISATIONS


@dataclass
class Pseudonyms:
    """The mapping used for one log: folded name -> pseudonym, folded organisation -> placeholder."""

    people: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    # folded term -> replacement, for free text (whole names, then name tokens)
    terms: dict[str, str] = field(default_factory=dict)

    def person(self, value: str) -> str:
        key = fold(value)
        return self.people.get(key, "") if key else ""

    def organisation(self, value: str) -> str:
        key = fold(value)
        if not key:
            return ""
        if key in GENERIC_ORGANISATIONS:
            return value.strip()
        return self.organisations.get(key, ORG_MARK)


def pseudonyms(raw: pd.DataFrame) -> Pseudonyms:
    """Build the deterministic mapping for a log: people in order of first appearance (row by
    row, contact before referred_by), organisations likewise.

    A ``referred_by`` that is only a first or last name (``Rosa``) gets the pseudonym of the
    one contact with that name, when exactly one has it.
    """
    result = Pseudonyms()
    contacts = [str(v) for v in (raw["contact"] if "contact" in raw.columns else [])]
    referrers = [str(v) for v in (raw["referred_by"] if "referred_by" in raw.columns else [])]
    # Tokens of contacts' names, to resolve a referrer written by first or last name only.
    token_owner: dict[str, set[str]] = {}
    for name in contacts:
        key = fold(name)
        for tok in _tokens(name):
            token_owner.setdefault(tok, set()).add(key)
    order: list[str] = []
    for contact, referrer in zip(contacts, referrers or [""] * len(contacts)):
        for value in (contact, referrer):
            key = fold(value)
            if key and key not in order:
                order.append(key)
    # Referrers known only by one token that belongs to exactly one contact share that contact's pseudonym.
    alias: dict[str, str] = {}
    contact_keys = {fold(c) for c in contacts if fold(c)}
    for key in order:
        if key not in contact_keys and " " not in key:
            owners = token_owner.get(key, set())
            if len(owners) == 1:
                alias[key] = next(iter(owners))
    people_order = [k for k in order if k not in alias]
    width = max(2, len(str(len(people_order))))
    for i, key in enumerate(people_order, start=1):
        result.people[key] = f"Person {i:0{width}d}"
    for key, owner in alias.items():
        result.people[key] = result.people[owner]

    orgs = [str(v) for v in (raw[ORG_COLUMN] if ORG_COLUMN in raw.columns else [])]
    for value in orgs:
        key = fold(value)
        if key and key not in GENERIC_ORGANISATIONS and key not in result.organisations:
            result.organisations[key] = f"Organisation {_letters(len(result.organisations))}"

    # Words the log itself uses as a field (sector) or a choice are not taken for a name on
    # their own (a contact typed as "Healthcare recruiter" must not wipe the sector "Healthcare").
    field_words: set[str] = set(logmod.STATUSES + logmod.KINDS + ["email", "phone", "video", "person"])
    if "sector" in raw.columns:
        for v in raw["sector"]:
            field_words.update(_tokens(str(v)))
    keep_words = GENERIC_ORG_WORDS | field_words

    terms: dict[str, str] = {}
    token_targets: dict[str, set[str]] = {}
    for key, pseudo in result.people.items():
        terms[key] = pseudo
        if _PLACEHOLDER_KEY.match(key):
            continue  # an already shared log: "Person 03" is not a name to take apart
        for tok in key.split(" "):
            for part in re.split(r"[^\w']+", tok):
                if len(part) >= MIN_TOKEN and not part.isdigit() and part not in field_words:
                    token_targets.setdefault(part, set()).add(pseudo)
    org_tokens: dict[str, set[str]] = {}
    for key, placeholder in result.organisations.items():
        terms.setdefault(key, placeholder)
        if _PLACEHOLDER_KEY.match(key):
            continue
        for part in re.split(r"[^\w']+", key):
            if len(part) >= MIN_TOKEN and not part.isdigit() and part not in keep_words:
                org_tokens.setdefault(part, set()).add(placeholder)
    for tok, targets in token_targets.items():
        if tok not in terms:
            terms[tok] = next(iter(targets)) if len(targets) == 1 else NAME_MARK
    for tok, targets in org_tokens.items():
        if tok not in terms:
            terms[tok] = next(iter(targets)) if len(targets) == 1 else ORG_MARK
    result.terms = terms
    return result


def _term_pattern(terms: dict[str, str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        words = [re.escape(w) for w in term.split(" ")]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def scrub_text(text: str, names: Pseudonyms, pattern: re.Pattern[str] | None = None) -> str:
    """Free text with contact details removed and every name or organisation of the log replaced.

    >>> p = pseudonyms(pd.DataFrame({"contact": ["Zoë Núñez"], "referred_by": [""], "organisation": ["Acme"]}))
    >>> scrub_text("Met ZOE nunez and zoë at ACME; mail zoe@acme.com", p)
    'Met Person 01 and Person 01 at Organisation A; mail [e-mail]'
    """
    if not text:
        return text
    text = scrub_contact_details(text)
    pattern = pattern if pattern is not None else _term_pattern(names.terms)
    if pattern is None:
        return text
    folded, where = _fold_map(text)
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(folded):
        start = where[m.start()]
        end = where[m.end() - 1] + 1
        if start < last:
            continue
        key = re.sub(r"\s+", " ", m.group(0))
        if key in WORD_NAMES and not text[start].isupper():
            continue  # "a grant report", not Grant
        pieces.append(text[last:start])
        pieces.append(names.terms.get(key, NAME_MARK))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------
# Anonymising a log
# ---------------------------------------------------------------------------------------
def anonymise(lg: "logmod.Log") -> pd.DataFrame:
    """The shareable copy of a log, as a raw frame of strings (same rows, columns and order).

    Write it with :func:`helpers.log.write`, which escapes cells a spreadsheet would run as
    formulas.
    """
    raw = lg.raw.copy()
    names = pseudonyms(raw)
    pattern = _term_pattern(names.terms)
    out = pd.DataFrame(index=raw.index)
    bad: dict[str, set[int]] = {}
    for problem in lg.problems:
        if problem.row is not None:
            bad.setdefault(problem.column, set()).add(problem.row)
    for col in raw.columns:
        values = raw[col].astype(str)
        if col in PERSON_COLUMNS:
            new = values.map(names.person)
        elif col == ORG_COLUMN:
            new = values.map(names.organisation)
        elif col in KEPT_COLUMNS:
            # A value the log reads (a date, a status, a count) is kept; one it cannot read is text.
            unreadable = values.index.isin(bad.get(col, set()))
            new = values.where(~unreadable, values.map(lambda v: scrub_text(v, names, pattern)))
        else:
            new = values.map(lambda v: scrub_text(v, names, pattern))
        header = col if col in logmod.COLUMNS else scrub_text(str(col), names, pattern)
        while header in out.columns:
            header += "_"
        out[header] = new
    return out


@dataclass
class ShareResult:
    """What sharing did: the file written and what was replaced."""

    path: Path
    rows: int
    people: int
    organisations: int
    cells_changed: int
    leftovers: list[str]   # anything check_shared still finds (should be empty)

    def message(self) -> str:
        text = (f"Wrote {self.path.name}: {self.rows} interview(s); {self.people} people replaced by "
                f"pseudonyms (Person 01 ...), {self.organisations} organisation(s) by placeholders "
                f"(Organisation A ...); {self.cells_changed} cell(s) changed in all.")
        if self.leftovers:
            text += " Warning: it may still hold personal details: " + "; ".join(self.leftovers[:3])
        return text


def share_file(source: str | Path | bytes, target: str | Path, name: str | None = None) -> ShareResult:
    """Read a log, write its anonymised copy to ``target`` atomically and check the copy.

    Raises :class:`helpers.log.LogFileError` when the log cannot be read at all.
    """
    lg = logmod.load(source, name=name)
    shared = anonymise(lg)
    target = Path(target)
    logmod.write(shared, target, sep=lg.sep)
    names = pseudonyms(lg.raw)
    common = [c for c in lg.raw.columns if c in shared.columns]
    changed = int((lg.raw[common].astype(str) != shared[common].astype(str)).to_numpy().sum())
    return ShareResult(
        path=target, rows=len(shared), people=len(set(names.people.values())),
        organisations=len(names.organisations), cells_changed=changed,
        leftovers=check_shared(target),
    )


def share_learner_log() -> tuple[Path | None, str]:
    """Write ``shared_log.csv`` in the workspace from the learner's own log.

    Returns ``(path, message)``; ``path`` is None when there is nothing to share (no log yet,
    or a log that cannot be read), and the message says why and what to do.
    """
    source = workspace.log_path()
    if not source.exists():
        return None, ("You have no log of your own yet, so there is nothing to share. Add your "
                      "interviews in the log lesson first (the sample log is never shared).")
    try:
        result = share_file(source, workspace.path(SHARED_NAME), name=source.name)
    except logmod.LogFileError as exc:
        return None, f"Your log could not be read, so nothing was shared. {exc}"
    message = (result.message() + f" It is saved in your work folder as {result.path}. Before you send "
               "it, read the feedback, insights and notes columns once: a name that is not in your "
               "log's contact column cannot be spotted automatically.")
    return result.path, message


# ---------------------------------------------------------------------------------------
# Checking a file that claims to be shared
# ---------------------------------------------------------------------------------------
MAX_FINDINGS = 20


def check_shared_log(lg: "logmod.Log", name: str | None = None) -> list[str]:
    """Everything in a read log that still looks like a name, e-mail address, phone number or link.

    The values themselves are not repeated (they may be someone's details); each message
    names the file, the row and the column.
    """
    label = name or lg.source or "the log"
    fix = "Ask the learner to share the log again with the Share button or 'python -m helpers share'."
    found: list[tuple[int, int, str]] = []   # (row, column position, message), sorted by row below
    raw = lg.raw
    order = {c: i for i, c in enumerate(raw.columns)}
    for col in raw.columns:
        for what in contact_details_in(str(col)):
            found.append((0, order[col], f"{label}: a column name holds {what}."))
    for col in PERSON_COLUMNS:
        if col in raw.columns:
            for row, value in raw[col].items():
                v = str(value).strip()
                if v and not PSEUDONYM.match(v):
                    found.append((int(row), order[col], f"{label}: row {row}, {col}: holds what looks like a "
                                                        f"real name, not a pseudonym such as 'Person 01'."))
    if ORG_COLUMN in raw.columns:
        for row, value in raw[ORG_COLUMN].items():
            v = str(value).strip()
            if v and not ORG_PLACEHOLDER.match(v) and not _is_generic_org(v) and v != ORG_MARK:
                found.append((int(row), order[ORG_COLUMN],
                              f"{label}: row {row}, organisation: holds what looks like an organisation's "
                              f"name, not a placeholder such as 'Organisation A'."))
    for col in raw.columns:
        values = raw[col].astype(str)
        suspicious = values.str.contains(r"@|\d{3}|www\.|://|\.[a-z]{2,}/", regex=True, case=False)
        for row, value in values[suspicious].items():
            for what in contact_details_in(value):
                found.append((int(row), order[col], f"{label}: row {row}, {col}: holds {what}."))
    found.sort(key=lambda t: (t[0], t[1]))
    findings = [message for _, _, message in found]
    if len(findings) > MAX_FINDINGS:
        more = len(findings) - MAX_FINDINGS
        findings = findings[:MAX_FINDINGS] + [f"{label}: ... and {more} more."]
    if findings:
        findings.append(f"{label}: {fix}")
    return findings


def check_shared(path: str | Path) -> list[str]:
    """Read a shared log and list what still looks personal ([] when it looks safely shared).

    A file that cannot be read gives one message saying why.
    """
    path = Path(path)
    try:
        lg = logmod.load(path, name=path.name)
    except logmod.LogFileError as exc:
        return [str(exc)]
    return check_shared_log(lg, path.name)
