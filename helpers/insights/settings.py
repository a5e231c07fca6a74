"""The lesson "Sharing what you have learned": its content file, ``data/content/insights.toml``
(sentence patterns, the privacy checks' word lists and messages, guidance), declared once and read
by the sentence checks (:mod:`helpers.insights`) and the privacy checks (:mod:`.privacy`) alike.

>>> check_content()
[]
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from helpers import content
from helpers.core import schema

CONTENT = "insights"


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
    """Everything read from ``insights.toml``, validated."""

    limits: dict[str, int]
    patterns: tuple[Pattern, ...]
    confidential_words: tuple[str, ...]
    news_words: tuple[str, ...]
    one_person_titles: tuple[str, ...]
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
    "link_fix": {"found"}, "handle_fix": {"found"}, "name_like_fix": {"found"}, "news_fix": {"found"},
    "one_person_fix": {"found"}, "figures_fix": {"found"}, "about_you_fix": {"found"},
    "confidential_fix": {"found"},
}
_WORD_LISTS = ("confidential_words", "news_words", "one_person_titles", "not_organisations")


def _template_error(where: str, template: Any, allowed: set[str], required: set[str] = frozenset()) -> str | None:
    if not isinstance(template, str) or not template.strip():
        return f"{where}: should be text in quotes. Add it back, e.g. copy it from the shipped file."
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
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


#: The shape of ``insights.toml``, declared once (checked by :func:`check_content` and :func:`settings`).
SCHEMA = schema.Table({
    "limits": schema.Table({k: schema.Number(low=1) for k in _LIMITS}),
    "patterns": schema.Entries(schema.Table({"id": schema.Text(unique=True), "label": schema.Text(),
                                             "text": schema.Text()})),
    "privacy": schema.Table({**{k: schema.TextList() for k in _WORD_LISTS}, **{k: schema.Text() for k in _FIXES}}),
    "guidance": schema.Table({"intro": schema.Text(), "rules": schema.TextList(),
                              "tip_several_sentences": schema.Text(), "tip_first_person": schema.Text()}),
})


def _extra(data: dict[str, Any]) -> list[str]:
    """Checks across fields: the limits in order, the placeholders each message and pattern may use,
    and one pattern at least without {sector}."""
    file = f"{CONTENT}.toml"
    errors: list[str] = []
    limits = data["limits"]
    if limits["insight_min"] >= limits["insight_max"]:
        errors.append(f"{file}, [limits]: insight_min must be smaller than insight_max.")
    for key, allowed in _FIXES.items():
        problem = _template_error(f"{file}, [privacy] {key}", data["privacy"][key], allowed)
        if problem:
            errors.append(problem)
    for n, item in enumerate(data["patterns"], start=1):
        problem = _template_error(f"{file}, [[patterns]] number {n} (id \"{item['id']}\"), text", item["text"],
                                  {"insight", "sector"}, {"insight"})
        if problem:
            errors.append(problem)
    if all("{sector}" in i["text"] for i in data["patterns"]):
        errors.append(f"{file}, [[patterns]]: every pattern uses {{sector}}. Keep at least one without it "
                      f"for learners who leave 'their field' empty.")
    return errors


def _settings(data: dict[str, Any]) -> Settings:
    privacy = data["privacy"]
    lists = {k: tuple(v.strip() for v in privacy[k]) for k in _WORD_LISTS}
    return Settings(
        limits={k: int(data["limits"][k]) for k in _LIMITS},
        patterns=tuple(Pattern(i["id"], i["label"], i["text"]) for i in data["patterns"]),
        confidential_words=lists["confidential_words"], news_words=lists["news_words"],
        one_person_titles=lists["one_person_titles"],
        not_organisations=frozenset(w.casefold() for w in lists["not_organisations"]),
        fixes={k: privacy[k] for k in _FIXES}, guidance=dict(data["guidance"]))


def settings() -> Settings:
    """Read and validate ``insights.toml``; :class:`helpers.content.ContentError` lists every mistake."""
    return _settings(content.checked_with(CONTENT, SCHEMA, _extra))


def check_content() -> list[str]:
    """Every mistake in ``insights.toml`` (file, entry, fix); [] when fine.

    >>> check_content()
    []
    """
    return content.problems(CONTENT, SCHEMA, _extra)


def patterns() -> list[Pattern]:
    """The sentence patterns, in the order the content file lists them."""
    return list(settings().patterns)
