"""Content files checked against a schema written once, with the same messages everywhere.

Each content file (``data/content/*.toml``) declares its shape once, as a :class:`Table` of
fields; :func:`validate` reports every mistake as a sentence naming the file, the entry and
the fix. Checks that need several fields at once (a quiz answer must be one of its choices)
are a plain function the activity adds (``extra``), returning more sentences.

>>> schema = Table({"item": Entries(Table({"id": Text(pattern=r"[a-z0-9_]+", unique=True),
...                                       "minutes": Number(low=1)}))})
>>> validate({"item": [{"id": "a", "minutes": 0}, {"id": "a"}]}, schema, "demo.toml")  # doctest: +NORMALIZE_WHITESPACE
['demo.toml, [[item]] number 1 (id "a"): minutes should be 1 or more.',
 'demo.toml, [[item]] number 2 (id "a"): the field \\'minutes\\' is missing or empty. Add a line minutes = ... to that entry.',
 'demo.toml, [[item]] number 2 (id "a"): the id "a" is used twice. Give each entry its own id.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Field:
    required: bool = field(default=True, kw_only=True)
    help: str = field(default="", kw_only=True)   # the fix's example when missing: '"a sentence"'

    def example(self) -> str:
        return "..."

    def check(self, value: Any, where: str, name: str) -> list[str]:  # pragma: no cover - abstract
        return []


@dataclass(frozen=True)
class Text(Field):
    pattern: str = ""          # the whole text must match (e.g. an id)
    pattern_help: str = ""
    max_len: int = 0
    unique: bool = False       # no two entries of the same list share it
    choices: tuple[str, ...] = ()

    def example(self) -> str:
        return '"..."'

    def check(self, value: Any, where: str, name: str) -> list[str]:
        if not isinstance(value, str) or not value.strip():
            return [f"{where}: {name} should be text in quotes, not empty."]
        found: list[str] = []
        if self.pattern and not re.fullmatch(self.pattern, value):
            found.append(f"{where}: {name} \"{value}\" should be {self.pattern_help or 'lower-case letters, digits or _'}.")
        if self.max_len and len(value.strip()) > self.max_len:
            found.append(f"{where}: {name} is {len(value.strip())} characters long; shorten it to "
                         f"{self.max_len} or fewer.")
        if self.choices and value not in self.choices:
            found.append(f"{where}: {name} \"{value}\" should be one of: {', '.join(self.choices)}.")
        return found


@dataclass(frozen=True)
class Number(Field):
    low: float | None = None
    high: float | None = None
    whole: bool = True

    def check(self, value: Any, where: str, name: str) -> list[str]:
        kinds = (int,) if self.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            return [f"{where}: {name} should be {'a whole number' if self.whole else 'a number'} (no quotes)."]
        if self.low is not None and value < self.low:
            return [f"{where}: {name} should be {self.low:g} or more."]
        if self.high is not None and value > self.high:
            return [f"{where}: {name} should be {self.high:g} or less."]
        return []


@dataclass(frozen=True)
class Bool(Field):
    def example(self) -> str:
        return "true"

    def check(self, value: Any, where: str, name: str) -> list[str]:
        if not isinstance(value, bool):
            return [f"{where}: {name} should be true or false (no quotes)."]
        return []


@dataclass(frozen=True)
class TextList(Field):
    min_items: int = 1
    max_len: int = 0
    distinct: bool = False

    def example(self) -> str:
        return '["...", "..."]'

    def check(self, value: Any, where: str, name: str) -> list[str]:
        if not isinstance(value, list) or len(value) < self.min_items:
            return [f"{where}: {name} should be a list in [ ] with at least {self.min_items} text"
                    f"{'s' if self.min_items != 1 else ''} in quotes."]
        found: list[str] = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, str) or not item.strip():
                found.append(f"{where}, {name} item {i}: should be text in quotes, not empty.")
            elif self.max_len and len(item.strip()) > self.max_len:
                found.append(f"{where}, {name} item {i}: is {len(item.strip())} characters long; shorten "
                             f"it to {self.max_len} or fewer.")
        if self.distinct:
            texts = [" ".join(i.lower().split()) for i in value if isinstance(i, str)]
            if len(set(texts)) != len(texts):
                found.append(f"{where}: the same text appears twice in {name}. Remove one.")
        return found


@dataclass(frozen=True)
class Table(Field):
    """A TOML table ``[section]`` (or one entry of ``[[entries]]``) with named fields."""

    fields: Mapping[str, Field] = field(default_factory=dict)
    allow_other: bool = True   # keys not in ``fields`` are allowed (instructors' own notes)

    def check(self, value: Any, where: str, name: str) -> list[str]:
        if not isinstance(value, dict):
            return [f"{where}: [{name}] should be a table: a line [{name}] followed by its fields."]
        return check_table(value, self, where)


@dataclass(frozen=True)
class Entries(Field):
    """A list of tables written ``[[name]]`` in the file."""

    entry: Table = field(default_factory=Table)
    min_items: int = 1
    label_key: str = "id"      # the field that names an entry in messages

    def check(self, value: Any, where: str, name: str) -> list[str]:
        if not isinstance(value, list) or len(value) < self.min_items or not all(isinstance(e, dict) for e in value):
            return [f"{where}: no [[{name}]] entries were found. Each entry starts with a line [[{name}]] "
                    f"followed by its fields."]
        found: list[str] = []
        seen: dict[str, set] = {}
        for n, entry in enumerate(value, 1):
            label = entry.get(self.label_key)
            here = f"{where}, [[{name}]] number {n}" + (f" ({self.label_key} \"{label}\")"
                                                        if isinstance(label, str) and label else "")
            found += check_table(entry, self.entry, here)
            for key, spec in self.entry.fields.items():
                if isinstance(spec, Text) and spec.unique and isinstance(entry.get(key), str):
                    if entry[key] in seen.setdefault(key, set()):
                        found.append(f"{here}: the {key} \"{entry[key]}\" is used twice. Give each entry "
                                     f"its own {key}.")
                    seen[key].add(entry[key])
        return found


def check_table(value: Mapping[str, Any], table: Table, where: str) -> list[str]:
    found: list[str] = []
    for key, spec in table.fields.items():
        if key not in value or value[key] in ("", [], None):
            if spec.required:
                if isinstance(spec, (Entries, Table)):
                    found += spec.check(value.get(key), where, key)
                else:
                    fix = spec.help or spec.example()
                    found.append(f"{where}: the field '{key}' is missing or empty. Add a line {key} = {fix} "
                                 f"to that entry.")
            continue
        found += spec.check(value[key], where, key)
    if not table.allow_other:
        for key in value:
            if key not in table.fields:
                close = [k for k in table.fields if k[:3] == str(key)[:3]]
                hint = f" Did you mean '{close[0]}'?" if close else f" Use: {', '.join(table.fields)}."
                found.append(f"{where}: '{key}' is not a field this file uses.{hint}")
    return found


def validate(data: Mapping[str, Any], schema: Table, file: str,
             extra: Callable[[Mapping[str, Any]], list[str]] | None = None) -> list[str]:
    """Every mistake in a parsed content file; ``extra`` adds checks across fields (run only
    when the shape is right, so it may assume it)."""
    found = check_table(data, schema, file)
    if not found and extra is not None:
        found += extra(data)
    return found
