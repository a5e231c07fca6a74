"""The question bank of lesson 02: groups, starter questions, the checks' word lists, the rubric.

``data/content/question_bank.toml`` declares its shape once (:data:`SCHEMA`); :func:`bank`
reads and validates it (``ContentError`` names the file, entry and fix) and
:func:`check_content` lists every mistake. :mod:`helpers.questions` saves the learner's
questions; :mod:`helpers.core.coaching` checks them with the word lists read here.

>>> [c.id for c in bank().categories]
['rapport', 'industry', 'career', 'organisation']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from helpers.core import coaching
from helpers import content
from helpers.core import text
from helpers.core.schema import Bool, Entries, Table, Text, TextList

CONTENT_NAME = "question_bank"
CONTENT_FILE = f"{CONTENT_NAME}.toml"
TEXT_LIMIT = 300   #: longest starter question (the same as a learner's question)

# ---------------------------------------------------------------------------------------
# The question bank (content file)
# ---------------------------------------------------------------------------------------
SCHEMA = Table({
    "category": Entries(Table({
        "id": Text(pattern=r"[a-z0-9_]+", pattern_help="lower-case letters, digits or _ (for example \"career_path\")",
                   unique=True),
        "title": Text(), "why": Text(),
        "builds_on_research": Bool(required=False),
        "questions": TextList(max_len=TEXT_LIMIT, distinct=True, help='["...", "..."] with 5 to 8 starter questions'),
    })),
    "checks": coaching.SCHEMA_CHECKS,
    "rubric": coaching.SCHEMA_RUBRIC,
    "example": Table({
        "topic": Text(), "finding": Text(),
        "questions": Entries(Table({"category": Text(), "text": Text()}), label_key="category"),
    }),
})


def _extra_problems(data: Mapping[str, Any]) -> list[str]:
    """Checks across fields: a starter asks for candid feedback; the example's groups exist."""
    found: list[str] = []
    ids = [c["id"] for c in data["category"]]
    candid = data["checks"]["candid_feedback"]
    if not any(text.has_phrase(q, candid) for c in data["category"] for q in c["questions"]):
        found.append(f"{CONTENT_FILE}: no starter question asks for candid feedback on competitiveness (none "
                     f"contains a phrase from [checks] candid_feedback). Add one, e.g. \"How competitive would I "
                     f"be, and what would make me stronger?\"")
    for i, q in enumerate(data["example"]["questions"], 1):
        if q["category"] not in ids:
            found.append(f"{CONTENT_FILE}, [example], question {i}: the category \"{q['category']}\" is not the id "
                         f"of any [[category]]. Use one of: {', '.join(sorted(ids))}.")
    return found


@dataclass(frozen=True)
class Category:
    """One group of questions from the question bank."""

    id: str
    title: str
    why: str
    questions: tuple[str, ...]
    builds_on_research: bool = True


@dataclass(frozen=True)
class Bank:
    """The validated question bank: groups, the checks' word lists and rubric, the example."""

    categories: tuple[Category, ...]
    checks: coaching.Checks
    example: dict[str, Any]

    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def get(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def title(self, category_id: str) -> str:
        found = self.get(category_id)
        return found.title if found else category_id

    def candid_starter(self) -> str:
        """A starter question that asks for candid feedback (for advice messages)."""
        for cat in self.categories:
            for q in cat.questions:
                if text.has_phrase(q, self.checks["candid_feedback"]) and "[" not in q:
                    return q
        return "How competitive do you think I would be, and what would make me stronger?"

    def example_items(self) -> list[dict[str, Any]]:
        return [{"id": n, "category": q["category"], "text": text.clean(q["text"])}
                for n, q in enumerate(self.example["questions"], 1)]

    def example_findings(self) -> list[dict[str, Any]]:
        return [{"id": 1, "topic": text.clean(self.example["topic"]), "finding": text.clean(self.example["finding"])}]


def check_content() -> list[str]:
    """Every mistake in the question bank file, as messages naming the file, entry and fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT_NAME, SCHEMA, _extra_problems)


def bank() -> Bank:
    """The question bank from ``data/content/question_bank.toml``, validated.

    Raises :class:`helpers.content.ContentError` naming the file, entry and fix.
    """
    data = content.checked_with(CONTENT_NAME, SCHEMA, _extra_problems)
    cats = tuple(Category(id=c["id"], title=text.clean(c["title"]), why=text.clean(c["why"]),
                          questions=tuple(text.clean(q) for q in c["questions"]),
                          builds_on_research=c.get("builds_on_research", True))
                 for c in data["category"])
    return Bank(categories=cats, checks=coaching.checks_from(data), example=dict(data["example"]))


def bank_table() -> pd.DataFrame:
    """The groups of the question bank with why each matters and their starter questions."""
    b = bank()
    return pd.DataFrame({
        "Group": [c.title for c in b.categories],
        "Why it matters": [c.why for c in b.categories],
        "Starter questions": ["\n".join(f"• {q}" for q in c.questions) for c in b.categories],
    })


def rubric_table() -> pd.DataFrame:
    """The rubric (TIARA kinds) learners rate their questions against."""
    b = bank()
    return pd.DataFrame({"Kind": [k.title for k in b.checks.rubric], "What it asks about": [k.means for k in b.checks.rubric]})
