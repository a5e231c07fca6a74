"""No two people across the lessons, the sample log and the personas share a surname, or nearly
so: a learner who meets "Ms Okafor" in one lesson and "Sam Okafor" in the log takes them for one
person, or wonders whether they should.

Who counts as a person:
- every contact of the sample log and the ``name`` of every persona (people for certain);
- in the lessons (every cell) and the personas' text: a surname after a title (Dr, Ms, ...) and
  a pair of capitalised words that the project's one name detector takes for a name, unless its
  last word is also written in lower case somewhere in that text (then it is a word: "Google
  Calendar", "Restart Kernel"; e-mail addresses and links do not count) or it is an organisation
  of the log or the personas.

The same full name in two places is one person (the log's people appear in lesson 06; a persona's
name in lesson 05), and within one file a titled surname is the full name with that surname
("Dr Amal Haddad" ... "Dr Haddad"). Two people are too close when their surnames are the same,
or both have 5 letters or more and are at most 2 edits apart (Raman/Rahman), or both have 3 letters
or more and are one edit apart (Lin/Lind), or both have 5 letters or more, begin with the same two
letters and have more than half their letters in common (Okafor/Okoye; not Adams/Adeyemi), or they share a first name and their
surnames begin with the same two letters.
"""
from __future__ import annotations

import csv
import difflib
import itertools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import nbformat
import pytest

from helpers.core import detect

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PERSONAS = sorted((ROOT / "data" / "content" / "personas").glob("*.toml"))
SAMPLE = ROOT / "data" / "sample_log.csv"
_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*$")



@dataclass(frozen=True)
class Person:
    first: str     # "" when only a title and a surname are known ("Ms Okafor")
    surname: str
    where: str     # the file it was found in

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}".strip()


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def edits(a: str, b: str) -> int:
    """Levenshtein distance (small words: the plain table)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def too_close(a: Person, b: Person) -> bool:
    x, y = fold(a.surname), fold(b.surname)
    if x == y:
        return True
    if min(len(x), len(y)) >= 5 and edits(x, y) <= 2:
        return True
    if min(len(x), len(y)) >= 3 and edits(x, y) <= 1:           # Lin/Lind, Wei/Wen
        return True
    if min(len(x), len(y)) >= 5 and x[:2] == y[:2] and difflib.SequenceMatcher(None, x, y).ratio() > 0.5:
        return True                                              # Okafor/Okoye
    return bool(a.first and b.first and fold(a.first) == fold(b.first) and x[:2] == y[:2])


def split(full: str, where: str) -> Person:
    parts = full.split()
    return Person(" ".join(parts[:-1]), parts[-1], where)


def from_text(text: str, where: str, organisations: set[str]) -> Iterator[Person]:
    # words in lower case, leaving out e-mail addresses and links (priya.raman@example.org)
    lowered = set(re.findall(r"\b[a-z][a-z'-]+\b", re.sub(r"\S*[@/]\S*", " ", text)))
    for found in detect.find(text):
        words = found.text.split()
        if found.kind == "person" and found.sure and all(_WORD.match(w) for w in words) and len(words) <= 2:
            yield split(found.text, where) if len(words) == 2 else Person("", words[0], where)
        elif (found.kind == "name_like" and len(words) == 2 and all(_WORD.match(w) for w in words)
              and fold(words[1]) not in lowered and words[1].lower() not in lowered
              and not any(w in organisations for w in words) and found.text not in organisations):
            yield split(found.text, where)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def people() -> list[Person]:
    """Everyone, one entry per person and file."""
    found: list[Person] = []
    organisations: set[str] = set()
    with SAMPLE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    organisations |= {w for r in rows for w in [r["organisation"], *r["organisation"].split()]}
    personas = {p: tomllib.loads(p.read_text(encoding="utf-8")) for p in PERSONAS}
    for data in personas.values():
        org = str(data.get("organisation", ""))
        organisations |= {org, *org.split()}
    organisations -= {""}
    for name in {r["contact"].strip() for r in rows if r["contact"].strip()}:
        found.append(split(name, SAMPLE.name))
    for path, data in personas.items():
        found.append(split(str(data["name"]), path.name))
        found += from_text("\n".join(_strings(data)), path.name, organisations)
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        found += from_text("\n".join(c.source for c in nb.cells), path.name, organisations)
    return merge(found)


def merge(found: list[Person]) -> list[Person]:
    """One entry per person and file: a titled surname is the file's full name with that surname."""
    out: dict[tuple[str, str], Person] = {}
    for p in found:
        if p.first:
            out[(p.where, p.name)] = p
    for p in found:
        if not p.first and not any(q.where == p.where and fold(q.surname) == fold(p.surname) for q in out.values()):
            out[(p.where, p.name)] = p
    return list(out.values())


def clashes(everyone: list[Person]) -> dict[frozenset[str], set[str]]:
    """Pairs of different people whose names are too close: {surnames: descriptions}."""
    found: dict[frozenset[str], set[str]] = {}
    for a, b in itertools.combinations(everyone, 2):
        same_person = (a.first and a.name == b.name) or (not a.first and not b.first and a.surname == b.surname)
        if same_person or not too_close(a, b):
            continue
        key = frozenset({a.surname, b.surname})
        found.setdefault(key, set()).add(f"{a.name} ({a.where}) / {b.name} ({b.where})")
    return found


@pytest.mark.parametrize("a, b, close", [
    (("Sam", "Okafor"), ("", "Okafor"), True),        # Sam Okafor (log) and Ms Okafor (lessons 03-04)
    (("Omar", "Haddad"), ("Amal", "Haddad"), True),
    (("Priya", "Raman"), ("", "Rahman"), True),       # one edit, both 5+ letters
    (("Sam", "Okafor"), ("Sam", "Okoye"), True),      # same first name, surnames start alike
    (("", "Okafor"), ("Kofi", "Okoye"), True),        # same start, half the letters in common
    (("Li", "Wei"), ("Jo", "Wen"), True),             # one letter apart
    (("Grace", "Lin"), ("Oskar", "Lind"), True),      # one letter added
    (("Kofi", "Asante"), ("Oskar", "Nyberg"), False),
    (("Grace", "Mensah"), ("Priya", "Raman"), False),
    (("Li", "Wei"), ("Jo", "Ng"), False),             # a two-letter surname: only the same one counts
    (("Rachel", "Adams"), ("Victor", "Adeyemi"), False),  # same start, half the letters only
    (("Sam", "Whitfield"), ("", "Okafor"), False),
    (("Elena", "Rossi"), ("Rosa", "Delgado"), False),
])
def test_the_rule_on_labelled_pairs(a, b, close):
    assert too_close(Person(*a, "x"), Person(*b, "y")) is close


def test_the_finder_sees_people_and_not_words():
    text = "Ask Dr Amal Haddad; Dr Haddad knows. Ms Okafor agreed. Open Google Calendar (a calendar app)."
    found = {p.name for p in merge(list(from_text(text, "x", set())))}
    assert found == {"Amal Haddad", "Okafor"}


def test_every_source_is_read():
    everyone = people()
    where = {p.where for p in everyone}
    assert SAMPLE.name in where and {p.name for p in PERSONAS} <= where
    assert len([p for p in everyone if p.where == SAMPLE.name]) >= 20
    names = {p.name for p in everyone}
    assert {"Okafor", "Sam Whitfield"} <= names, "the titled surname of lessons 03-04 and the log's people"


def test_no_two_people_share_a_surname_or_nearly_so():
    found = clashes(people())
    assert not found, "\n".join(sorted(d for v in found.values() for d in v))
