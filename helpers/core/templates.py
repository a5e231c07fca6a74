"""Wording templates in content files: checking their placeholders and filling them in.

The e-mail lesson and the referral lesson both keep their wording in ``data/content/*.toml`` as
``string.Template`` texts (``$their_name``). This is the one check of such a text and the one
way of filling it, so an instructor's mistake reads the same in every lesson.

>>> template_problems("Hi $nmae", {"name"}, {"name"}, "x.toml, [a] body")  # doctest: +NORMALIZE_WHITESPACE
['x.toml, [a] body: unknown placeholder $nmae. Use only: $name (write $$ for a dollar sign).',
 'x.toml, [a] body: the placeholder $name is missing. Put it back where the text belongs.']
>>> fill("Dear $name,", name="Ms Okafor")
'Dear Ms Okafor,'
"""
from __future__ import annotations

from string import Template
from typing import Any, Iterable, Mapping

from .result import Problem


def template_problems(text: Any, allowed: set[str], required: set[str], where: str) -> list[str]:
    """Mistakes in one template text: unknown, missing or malformed placeholders.

    ``where`` names the file and template in each message.
    """
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: is missing or empty. Add it as text in quotes."]
    found: set[str] = set()
    problems: list[str] = []
    for m in Template.pattern.finditer(text):
        if m.group("invalid") is not None:
            line = text.count("\n", 0, m.start()) + 1
            snippet = text[m.start():m.start() + 12].split("\n")[0]
            problems.append(f"{where}, line {line} of the text: '{snippet}' is not a placeholder. Write $name "
                            f"or ${{name}}, or $$ for a dollar sign.")
            continue
        name = m.group("named") or m.group("braced")
        if name:
            found.add(name)
    ok = " ".join(f"${a}" for a in sorted(allowed)) or "(none)"
    for name in sorted(found - allowed):
        problems.append(f"{where}: unknown placeholder ${name}. Use only: {ok} (write $$ for a dollar sign).")
    for name in sorted(required - found):
        problems.append(f"{where}: the placeholder ${name} is missing. Put it back where the text belongs.")
    return problems


def check_all(data: Mapping[str, Any], specs: Mapping[tuple[str, str], tuple[set[str], set[str]]],
              where: str) -> list[str]:
    """Check every ``(table, key): (allowed, required)`` template of a content file."""
    problems: list[str] = []
    for (table, key), (allowed, required) in specs.items():
        section = data.get(table)
        if not isinstance(section, dict):
            message = f"{where}: no [{table}] table was found. Add a [{table}] table with its lines."
            if message not in problems:
                problems.append(message)
            continue
        problems += template_problems(section.get(key), allowed, required, f"{where}, [{table}] {key}")
    return problems


def fill(text: str, **values: Any) -> str:
    """A template with its placeholders filled (a learner's ``$`` is kept as typed)."""
    return Template(text.strip()).substitute({k: str(v) for k, v in values.items()})


def content_sentence(p: Problem) -> str:
    """A problem as one sentence for a content-file message (value, what is wrong, the fix)."""
    value = f"\"{p.value}\" " if p.value else ""
    return f"{value}{p.what}. {p.fix}".rstrip(".") + "."


def join_names(names: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    >>> join_names(["A", "B", "C"])
    'A, B and C'
    """
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_or(items: Iterable[Any]) -> str:
    """``20, 25 or 30``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
