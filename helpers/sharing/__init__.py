"""Sharing a log with an instructor: structured by default, free text only when chosen.

A learner's log names real people. The shared copy (:func:`share`) holds

- the structured columns the class summary needs, as the log reads them: dates, status,
  kind, channel, sector, the referral count and the yes/no columns (a value the log cannot
  read is left empty, since it may be anything);
- every person in ``contact`` and ``referred_by`` as a stable pseudonym (``Person 01`` ...,
  in order of first appearance), so referral chains survive, also when the referrer is
  written by first name only, by surname only, or with a hyphen instead of a space;
- every organisation as ``Organisation A``, ``Organisation B`` ... ("Family", "Friends" and
  the like, which name no one, are kept).

Free text (role, feedback, insights, notes and every column the log does not know, such as a
second ``contact`` column) is **left out** unless the learner chooses it, by column or by
cell, after seeing it with :func:`preview`. A chosen cell goes through the detector
(:mod:`helpers.core.detect`): the log's own names become their pseudonyms, everything else it
finds (other names, e-mail addresses, links, handles, phone numbers, capitalised words that
look like names) is replaced by a mark such as ``[name]``, and so is anything the learner
strikes. The detector cannot know every name: that is why free text stays home by default.

:func:`check_shared` is the other side: the class summary refuses a file that still holds a
real-looking name, an organisation or anything the detector finds.

>>> import pandas as pd
>>> from helpers.core import logfile as log
>>> raw = pd.DataFrame({"date": ["2026-03-02", "2026-03-09"], "contact": ["Ana Silva", "Tom Berg"],
...                     "organisation": ["Acme Ltd", "Acme Ltd"], "status": ["held", "held"],
...                     "referred_by": ["", "Ana"], "notes": ["", "Ana said to mail tom.berg@acme.com"]})
>>> lg = log.Log(raw=raw, data=log.analyse(raw)[0])
>>> shared = shared_frame(lg)
>>> shared["contact"].tolist(), shared["referred_by"].tolist(), "notes" in shared.columns
(['Person 01', 'Person 02'], ['', 'Person 01'], False)
>>> shared_frame(lg, include=["notes"]).loc[1, "notes"]
'Person 01 said to mail [e-mail]'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from helpers.core import logfile as logmod
from helpers import workspace
from helpers.core import Problem, Result, detect

#: The file the learner's shareable copy is written to, in their workspace.
SHARED_NAME = "shared_log.csv"
#: The readiness check's takings, written beside it (numbers and dates only).
SHARED_READINESS = "shared_readiness.json"
#: What the share says about the readiness check before anything is sent (and the README says).
READINESS_PROMISE = ("Your readiness check goes with it as numbers and dates only: for each time you took "
                     "it, whether it was before the lessons, after them or after a real interview, the day, "
                     "and the number you gave each statement. Nothing you typed goes with it.")

PERSON_COLUMNS = ["contact", "referred_by"]
ORG_COLUMN = "organisation"
#: Columns shared as the log reads them (a value it cannot read is left empty).
STRUCTURED = ["date", "status", "kind", "channel", "sector", "referrals", "may_use_name",
              "contact_details", "thank_you_sent", "follow_up_on", "followed_up"]
#: Free-text columns of the log: shared only when chosen, and then scrubbed.
FREE_TEXT = ["role", "feedback", "insights", "notes"]

PSEUDONYM = re.compile(r"^Person \d{2,}$")
ORG_PLACEHOLDER = re.compile(r"^Organisation [A-Z]{1,3}$")
ORG_MARK = detect.MARKS["organisation"]
_DUPLICATE = re.compile(r"^(.*)\.\d+$")   # "contact.1": a second column with the same name


# ---------------------------------------------------------------------------------------
# Pseudonyms
# ---------------------------------------------------------------------------------------
def person_key(name: object) -> tuple[str, ...]:
    """The words of a name for comparing: case, accents and hyphens ignored.

    >>> person_key("Anne-Marie  DUBOIS") == person_key("anne marie Dubois")
    True
    """
    return tuple(re.findall(r"[^\W_]+(?:'[^\W_]+)*", detect.fold(str(name).replace("-", " "))))


def _letters(n: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    out, n = "", n + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def is_generic_org(value: object) -> bool:
    """True for organisation values that name no one ("Family", "Friends", "n/a")."""
    return " ".join(detect.fold(str(value)).split()) in detect.NOT_ORGANISATIONS


@dataclass
class Names:
    """The mapping for one log: person key -> pseudonym, organisation -> placeholder, and the
    detector's index of the log's names."""

    people: dict[tuple[str, ...], str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    by_ref: dict[str, str] = field(default_factory=dict)     # a name as written -> its pseudonym
    index: detect.Known = detect.NOBODY

    def person(self, value: object) -> str:
        text = str(value).strip()
        if not text or PSEUDONYM.match(text):
            return text
        return self.people.get(person_key(text), detect.MARKS["person"])

    def organisation(self, value: object) -> str:
        text = str(value).strip()
        if not text or is_generic_org(text) or ORG_PLACEHOLDER.match(text):
            return text
        return self.organisations.get(" ".join(detect.fold(text).split()), ORG_MARK)


def _column_values(raw: pd.DataFrame, base: str) -> list[str]:
    """Values of a column and of its duplicates ("contact.1"), row by row."""
    cols = [c for c in raw.columns if c == base or (_DUPLICATE.match(str(c)) and
                                                    logmod.normalise_header(_DUPLICATE.match(str(c)).group(1)) == base)]
    return [str(v) for c in cols for v in raw[c]]


def _alias(key: tuple[str, ...], contacts: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The one contact a referrer written short means: first name only, surname only, or a
    first name's first letters ("Priya" for Priyanka). None when no contact or several fit."""
    def unique(found: list[tuple[str, ...]]) -> tuple[str, ...] | None:
        found = list(dict.fromkeys(found))
        return found[0] if len(found) == 1 else None

    fits = unique([c for c in contacts if len(key) < len(c) and c[:len(key)] == key])
    if fits is None and len(key) == 1:
        fits = unique([c for c in contacts if key[0] in c])
        if fits is None and len(key[0]) >= 4:
            fits = unique([c for c in contacts if c[0].startswith(key[0])])
    return fits


def names_of(raw: pd.DataFrame) -> Names:
    """The pseudonyms for a log: people in order of first appearance (row by row, contact
    before referred_by), organisations likewise. Pseudonyms already in the log are kept."""
    names = Names()
    contacts = [str(v).strip() for v in (raw["contact"] if "contact" in raw.columns else [])]
    referrers = [str(v).strip() for v in (raw["referred_by"] if "referred_by" in raw.columns else [])]
    referrers += [""] * (len(contacts) - len(referrers))
    taken = {int(v.split()[1]) for v in contacts + referrers if PSEUDONYM.match(v)}
    contact_keys = [person_key(c) for c in contacts if c and not PSEUDONYM.match(c)]
    order: list[tuple[str, ...]] = []
    aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for contact, referrer in zip(contacts, referrers):
        for value, is_referrer in ((contact, False), (referrer, True)):
            if not value or PSEUDONYM.match(value):
                continue
            key = person_key(value)
            if not key or key in order or key in aliases:
                continue
            if is_referrer and key not in contact_keys:
                owner = _alias(key, contact_keys)
                if owner is not None:
                    aliases[key] = owner
                    if owner not in order:
                        order.append(owner)
                    continue
            order.append(key)
    number = 0
    width = max(2, len(str(len(order) + len(taken))))
    for key in order:
        number += 1
        while number in taken:
            number += 1
        names.people[key] = f"Person {number:0{width}d}"
    for key, owner in aliases.items():
        names.people[key] = names.people[owner]
    orgs = _column_values(raw, ORG_COLUMN)
    for value in orgs:
        text = value.strip()
        key = " ".join(detect.fold(text).split())
        if key and not is_generic_org(text) and not ORG_PLACEHOLDER.match(text) and key not in names.organisations:
            names.organisations[key] = f"Organisation {_letters(len(names.organisations))}"
    people = [v for col in PERSON_COLUMNS for v in _column_values(raw, col) if v.strip()]
    for value in people:
        names.by_ref[value.strip()] = names.person(value)
    for value in orgs:
        if value.strip():
            names.by_ref[value.strip()] = names.organisation(value)
    keep = set(logmod.STATUSES + logmod.KINDS + logmod.CHANNELS)
    if "sector" in raw.columns:
        keep.update(str(v) for v in raw["sector"])
    names.index = detect.known(people, [o for o in orgs if not is_generic_org(o)], keep=keep)
    return names


# ---------------------------------------------------------------------------------------
# Choosing free text, previewing and building the copy
# ---------------------------------------------------------------------------------------
def free_text_columns(raw: pd.DataFrame) -> list[str]:
    """Columns that leave only when chosen: role, feedback, insights, notes, and any column the
    log does not know (a second ``contact`` column too)."""
    known = set(STRUCTURED) | set(PERSON_COLUMNS) | {ORG_COLUMN}
    return [str(c) for c in raw.columns if c not in known]


def _chosen(include: Iterable[object], raw: pd.DataFrame) -> tuple[set[str], set[tuple[int, str]]]:
    columns: set[str] = set()
    cells: set[tuple[int, str]] = set()
    for item in include or ():
        if isinstance(item, str):
            columns.add(item)
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            cells.add((int(item[0]), str(item[1])))
    return columns, cells


@dataclass(frozen=True)
class Cell:
    """One free-text cell as it will be sent: its text, what the detector found, the result."""

    row: int
    column: str
    text: str
    findings: tuple[detect.Finding, ...]
    sent: str


@dataclass
class Preview:
    """Exactly what :func:`share` would write, and what was found on the way.

    ``frame``: the shared copy; ``cells``: every chosen free-text cell with its findings;
    ``left_out``: free-text column -> how many filled cells stay home; ``blanked``: structured
    cells the log could not read (left empty); ``choices``: the free-text columns to choose from.
    """

    frame: pd.DataFrame
    cells: list[Cell]
    left_out: dict[str, int]
    blanked: int
    choices: list[str]
    people: int
    organisations: int

    @property
    def findings(self) -> list[tuple[Cell, detect.Finding]]:
        return [(c, f) for c in self.cells for f in c.findings]

    @property
    def warnings(self) -> list[tuple[Cell, detect.Finding]]:
        """Name-like words (not sure): replaced, and shown so the learner can check them."""
        return [(c, f) for c, f in self.findings if not f.sure]


def preview(lg: "logmod.Log", include: Iterable[object] = (), strike: Iterable[str] = ()) -> Preview:
    """What the shared copy of ``lg`` holds with these choices (nothing is written).

    ``include``: free-text column names (the whole column) and ``(row, column)`` pairs (one
    cell; ``row`` as a spreadsheet shows it). ``strike``: more words to replace wherever
    they appear in the chosen text.
    """
    raw = lg.raw
    names = names_of(raw)
    columns, cells = _chosen(include, raw)
    bad: dict[str, set[int]] = {}
    for problem in lg.problems:
        column = getattr(problem, "column", None) or getattr(problem, "field", None)
        if getattr(problem, "row", None) is not None:
            bad.setdefault(str(column), set()).add(int(problem.row))
    strike = [s for s in (str(x).strip() for x in strike or ()) if s]
    out = pd.DataFrame(index=raw.index)
    shown: list[Cell] = []
    left_out: dict[str, int] = {}
    blanked = 0
    free = free_text_columns(raw)
    for col in raw.columns:
        values = raw[col].astype(str)
        if col in PERSON_COLUMNS:
            out[col] = values.map(names.person)
        elif col == ORG_COLUMN:
            out[col] = values.map(names.organisation)
        elif col in STRUCTURED:
            unreadable = values.index.isin(sorted(bad.get(col, set())))
            blanked += int((unreadable & (values.str.strip() != "")).sum())
            new = values.where(~unreadable, "")
            if col == "sector":
                new = new.map(lambda v: detect.scrub(v, names.index, names.by_ref)[0] if v else v)
            out[col] = new
        else:
            rows = [r for r in raw.index if col in columns or (int(r), str(col)) in cells]
            filled = values[values.str.strip() != ""]
            left_out[str(col)] = int((~filled.index.isin(rows)).sum())
            if not rows:
                continue
            header, _ = detect.scrub(str(col), names.index, names.by_ref)
            while header in out.columns:
                header += "_"
            sent = pd.Series("", index=raw.index, dtype=object)
            for r in rows:
                text = values.at[r]
                if not text.strip():
                    continue
                clean, found = detect.scrub(text, names.index, names.by_ref, also=strike)
                sent.at[r] = clean
                shown.append(Cell(int(r), str(col), text, tuple(found), clean))
            out[header] = sent
    return Preview(out, shown, {k: v for k, v in left_out.items() if v}, blanked, free,
                   len(set(names.people.values())), len(names.organisations))


def shared_frame(lg: "logmod.Log", include: Iterable[object] = (), strike: Iterable[str] = ()) -> pd.DataFrame:
    """The shared copy of ``lg`` as a frame of strings (see :func:`preview`)."""
    return preview(lg, include, strike).frame


def _summary(view: Preview, path: Path) -> str:
    text = (f"Wrote {path.name}: {len(view.frame)} interview(s), {view.people} people as pseudonyms "
            f"(Person 01 ...), {view.organisations} organisation(s) as placeholders (Organisation A ...).")
    if view.left_out:
        text += " Left out (stays with you): " + ", ".join(f"{c} ({n} filled)" for c, n in view.left_out.items()) + "."
    if view.cells:
        cols = sorted({c.column for c in view.cells})
        text += (f" Free text you chose: {len(view.cells)} cell(s) of {', '.join(cols)}, with "
                 f"{len(view.findings)} detail(s) replaced.")
    if view.blanked:
        text += f" {view.blanked} cell(s) the log could not read were left empty."
    return text


def share(lg: "logmod.Log", target: str | Path, include: Iterable[object] = (),
          strike: Iterable[str] = ()) -> Result:
    """Write the shared copy of ``lg`` to ``target`` (atomically) and read it back.

    The copy is checked with :func:`check_shared_log` before it is written; anything left
    (never expected) refuses the share and nothing is written. ``result.item`` is the
    :class:`Preview`.
    """
    view = preview(lg, include, strike)
    target = Path(target)
    left = check_raw(view.frame, target.name)
    if left:
        problems = [Problem("share", "", f"the copy would still hold personal details ({len(left) - 1} finding(s))",
                            "Leave that free text out, or strike the words shown", "still_personal")]
        return Result.refused(problems, item=view, verb="shared")
    try:
        logmod.write(view.frame, target, sep=lg.sep)
    except workspace.WorkspaceError as exc:
        return Result.refused([exc.problem], item=view, verb="shared")
    except OSError as exc:
        return Result.refused([workspace.os_problem(exc, target)], item=view, verb="shared")
    back = check_shared(target)
    if back:
        target.unlink(missing_ok=True)
        return Result.refused([Problem("share", "", "the written copy did not read back clean",
                                       "Try again; tell your instructor if it happens twice", "not_read_back")],
                              item=view, verb="shared")
    return Result.done(view, _summary(view, target))


def share_file(source: str | Path | bytes, target: str | Path, name: str | None = None,
               include: Iterable[object] = (), strike: Iterable[str] = ()) -> Result:
    """Read a log and write its shared copy to ``target`` (structured columns only unless
    ``include`` names free text); the :class:`~helpers.core.result.Result` of :func:`share`.
    Raises :class:`helpers.log.LogFileError` when the log cannot be read at all."""
    return share(logmod.load(source, name=name), target, include, strike)


def share_learner_log(include: Iterable[object] = (), strike: Iterable[str] = ()) -> Result:
    """Write ``shared_log.csv`` in the workspace from the learner's own log.

    Refused (with what to do) when there is no log yet (the sample is never shared) or it
    cannot be read.
    """
    problem = workspace.problem()
    if problem is not None:
        return Result.refused([problem], verb="shared")
    source = workspace.log_path()
    if not source.exists():
        return Result.refused([Problem("log", "", "You have no log of your own yet, so there is nothing to share",
                                       "Add your interviews in the log lesson first (the sample log is never "
                                       "shared)", "no_log")], verb="shared")
    try:
        lg = logmod.load(source, name=source.name)
    except logmod.LogFileError as exc:
        return Result.refused([Problem("log", "", f"Your log could not be read ({exc})",
                                       "Fix it as the message says, then share again", "unreadable_log")],
                              verb="shared")
    result = share(lg, workspace.path(SHARED_NAME), include, strike)
    if result.saved:
        result.message += f" It is in your work folder as {workspace.path(SHARED_NAME)}."
        result.message += " " + share_readiness()
    return result


# ---------------------------------------------------------------------------------------
# The readiness check: numbers and dates only
# ---------------------------------------------------------------------------------------
def _rating_id(key: object) -> bool:
    from helpers.core import ratings

    return isinstance(key, str) and len(key) <= ratings.ID_MAX and re.fullmatch(ratings.ID_PATTERN, key) is not None
READINESS_KEYS = ("when", "date", "ratings")


def readiness_takings() -> tuple[list[dict], str]:
    """``(the learner's takings as they would leave, "")``, or ``([], why not)`` when the saved
    file cannot be read. Only :func:`helpers.core.ratings.numbers_only` decides what leaves."""
    from helpers.core import ratings

    problem = ratings.health()
    if problem is not None:
        return [], f"Your readiness check could not be read, so it is not shared ({problem.what}). {problem.fix}."
    found = readiness_statements()   # only the statements the class uses, rated on its scale, leave
    if found is None:
        return [], ("Your readiness check is not shared: the statements file has a mistake (your instructor "
                    "can see it with python -m helpers check-content).")
    statements, scale = found
    return ratings.numbers_only(ratings.takings(), ids=[i for i, _ in statements], scale=scale), ""


def readiness_statements() -> tuple[list[tuple[str, str]], tuple[int, int]] | None:
    """The class's statements (id, text) and scale (low, high) from readiness.toml, read without the
    readiness activity (activities meet only through core and content); None when the file is
    missing or has a mistake (``check-content`` names it)."""
    from helpers import content

    try:
        data = content.load("readiness")
    except content.ContentError:
        return None
    items = [(str(s.get("id", "")), str(s.get("text", ""))) for s in data.get("statement", [])
             if isinstance(s, dict) and s.get("id")]
    low, high = data.get("scale_min"), data.get("scale_max")
    if not (items and isinstance(low, int) and isinstance(high, int) and low < high):
        return None
    return items, (low, high)


def check_readiness(data: object, label: str) -> list[str]:
    """What is wrong with a shared readiness file's content ([] when it holds numbers and dates
    only): ``{"version": 1, "takings": [{"when", "date", "ratings": {id: whole number}}]}``.
    A file with anything more (a note, a name, a text rating) is refused whole.

    >>> check_readiness({"version": 1, "takings": [{"when": "before", "date": "2026-03-02",
    ...                  "ratings": {"request-email": 2}}]}, "x")
    []
    >>> check_readiness({"version": 1, "takings": [{"when": "before", "date": "2026-03-02",
    ...                  "ratings": {"request-email": "Ana said yes"}}]}, "x")[0]
    'x: taking 1: the rating of request-email is not a whole number.'
    """
    from helpers.core import ratings

    if not isinstance(data, dict) or set(data) != {"version", "takings"} or data.get("version") != 1:
        return [f"{label}: is not a shared readiness check (it should hold only version 1 and its takings)."]
    if not isinstance(data["takings"], list):
        return [f"{label}: its takings are not a list."]
    found: list[str] = []
    for n, item in enumerate(data["takings"], 1):
        where = f"{label}: taking {n}"
        if not isinstance(item, dict) or set(item) != set(READINESS_KEYS):
            found.append(f"{where}: holds more (or less) than when, date and ratings.")
            continue
        if item["when"] not in ratings.WHENS:
            found.append(f"{where}: when should be one of {', '.join(ratings.WHENS)}.")
        if ratings.iso_date(item["date"]) is None:
            found.append(f"{where}: the date is not a date such as 2026-03-02.")
        marks = item["ratings"]
        if not isinstance(marks, dict) or not marks:
            found.append(f"{where}: has no ratings.")
            continue
        for key, value in marks.items():
            if not _rating_id(key):
                found.append(f"{where}: a statement id is not a short id such as request-email.")
            elif isinstance(value, bool) or not isinstance(value, int):
                found.append(f"{where}: the rating of {key} is not a whole number.")
            elif not 0 <= value <= ratings.RATING_MAX:
                found.append(f"{where}: the rating of {key} is not on any scale (0 to {ratings.RATING_MAX}).")
    return found



def share_readiness() -> str:
    """Write ``shared_readiness.json`` beside the shared log (or remove an old one when there is
    nothing to share); one sentence saying what happened."""
    import json

    target = workspace.path(SHARED_READINESS)
    items, why = readiness_takings()
    if why:
        target.unlink(missing_ok=True)   # an earlier copy must not go out in its place
        return why
    if not items:
        target.unlink(missing_ok=True)
        return "You have not taken the readiness check, so nothing of it is shared."
    data = {"version": 1, "takings": items}
    if check_readiness(data, SHARED_READINESS):   # never expected: numbers_only decides the shape
        target.unlink(missing_ok=True)
        return "Your readiness check was not shared: it did not hold numbers and dates only."
    try:
        workspace.atomic_write_text(target, json.dumps(data, indent=1) + "\n")
    except OSError as exc:
        return f"Your readiness check could not be written ({exc.strerror or exc}), so it is not shared."
    return (f"Your readiness check ({len(items)} taking(s), numbers and dates only) is beside it as "
            f"{SHARED_READINESS}.")


def learner_preview(include: Iterable[object] = (), strike: Iterable[str] = ()) -> tuple[Preview | None, str]:
    """``(preview of the learner's own log, "")`` or ``(None, why not)``."""
    source = workspace.log_path()
    if not source.exists():
        return None, ("You have no log of your own yet, so there is nothing to share. Add your interviews "
                      "in the log lesson first (the sample log is never shared).")
    try:
        return preview(logmod.load(source, name=source.name), include, strike), ""
    except logmod.LogFileError as exc:
        return None, f"Your log could not be read, so nothing can be shared yet. {exc}"


# ---------------------------------------------------------------------------------------
# Checking a file that claims to be shared
# ---------------------------------------------------------------------------------------
MAX_FINDINGS = 20
_WHAT = {"person": "a name", "organisation": "an organisation's name", "name_like": "what looks like a name",
         "email": "an e-mail address", "link": "a web address", "handle": "a social media handle",
         "phone": "a phone number"}


def check_raw(raw: pd.DataFrame, label: str) -> list[str]:
    """Everything in a shared frame that still looks personal, one message per cell (the
    values are not repeated: they may be someone's details); [] when it looks safely shared."""
    found: list[tuple[int, int, str]] = []
    order = {c: i for i, c in enumerate(raw.columns)}
    for col in raw.columns:
        for f in dict.fromkeys(x.kind for x in detect.find(str(col))):
            found.append((0, order[col], f"{label}: a column name holds {_WHAT[f]}."))
    for col in raw.columns:
        values = raw[col].astype(str)
        for row, value in values.items():
            v = value.strip()
            if not v:
                continue
            if col in PERSON_COLUMNS:
                if not PSEUDONYM.match(v) and v != detect.MARKS["person"]:
                    found.append((int(row), order[col], f"{label}: row {row}, {col}: holds what looks like a real "
                                                        f"name, not a pseudonym such as 'Person 01'."))
                continue
            if col == ORG_COLUMN:
                if not (ORG_PLACEHOLDER.match(v) or is_generic_org(v) or v == ORG_MARK):
                    found.append((int(row), order[col], f"{label}: row {row}, organisation: holds what looks like "
                                                        f"an organisation's name, not a placeholder such as "
                                                        f"'Organisation A'."))
                continue
            for kind in dict.fromkeys(x.kind for x in detect.find(v)):
                found.append((int(row), order[col], f"{label}: row {row}, {col}: holds {_WHAT[kind]}."))
    found.sort(key=lambda t: (t[0], t[1]))
    messages = [m for _, _, m in found]
    if len(messages) > MAX_FINDINGS:
        messages = messages[:MAX_FINDINGS] + [f"{label}: ... and {len(messages) - MAX_FINDINGS} more."]
    if messages:
        messages.append(f"{label}: ask the learner to share the log again with the Share button or "
                        f"'python -m helpers share', leaving out or striking what is listed.")
    return messages


def check_shared_log(lg: "logmod.Log", name: str | None = None) -> list[str]:
    """:func:`check_raw` on a read log."""
    return check_raw(lg.raw, name or lg.source or "the log")


def check_shared(path: str | Path) -> list[str]:
    """Read a shared log and list what still looks personal ([] when it looks safely shared).
    A file that cannot be read gives one message saying why."""
    path = Path(path)
    try:
        lg = logmod.load(path, name=path.name)
    except logmod.LogFileError as exc:
        return [str(exc)]
    return check_shared_log(lg, path.name)


def hand_in(path: str | Path | None = None) -> Result | None:
    """On a class hub with a drop folder (``WORKSHOP_DROP_DIR`` set), hand the shared copy in.

    Uses ``deploy/hand_in.py`` beside the lessons (the hub's own script, so the lessons and the
    hub agree on the folder and its rules). Returns None off the hub, where the learner sends
    the file themselves.
    """
    import importlib.util
    import os

    if not os.environ.get("WORKSHOP_DROP_DIR", "").strip():
        return None
    script = workspace.REPO_ROOT / "deploy" / "hand_in.py"
    if not script.is_file():
        return Result.refused([Problem("hand_in", str(script), "is missing, so the copy could not be handed in",
                                       "Send shared_log.csv to your instructor another way, or ask them to "
                                       "update the lessons", "no_hand_in")], verb="handed in")
    import sys

    module = sys.modules.get("workshop_hand_in")
    if module is None:
        spec = importlib.util.spec_from_file_location("workshop_hand_in", script)
        module = importlib.util.module_from_spec(spec)
        sys.modules["workshop_hand_in"] = module   # dataclasses look their module up there
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    done = module.hand_in(path or workspace.path(SHARED_NAME))
    if done.ok:
        return Result.done(str(done.path), done.message)
    return Result.refused([Problem("hand_in", "", done.message, "Fix what it says, then click again",
                                   "not_handed_in")], message=done.message, verb="handed in")

