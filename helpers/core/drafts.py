"""The learner's drafted questions and research notes (lesson 02), which lesson 08 reads again.

The two files' shapes are declared here, once, so both lessons read them alike; the questions
activity (:mod:`helpers.questions`) is the only one that writes them.
"""
from __future__ import annotations

from typing import Any

from helpers.core.store import Collection, Store

QUESTIONS_FILE = "questions.json"
RESEARCH_FILE = "research.json"


class _Store(Store):
    """A Store that also reads the older files (one whole-number ``next_id`` for the file)."""

    def validate(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict) and isinstance(data.get("next_id"), int) and not isinstance(data["next_id"], bool):
            data = {**data, "next_id": {name: data["next_id"] for name in self.collections}}
        return super().validate(data)


QUESTIONS = _Store(QUESTIONS_FILE, {"questions": Collection(fields={"category": str, "text": str},
                                                             optional={"rating": dict}, auto_id=True)},
                   label="your saved questions")
RESEARCH = _Store(RESEARCH_FILE, {"research": Collection(fields={"topic": str, "finding": str}, auto_id=True)},
                  label="your research notes")
STORES = (RESEARCH, QUESTIONS)


def saved_questions() -> list[dict[str, Any]]:
    """The learner's saved questions (``id``, ``category``, ``text``), oldest first.

    Raises :class:`helpers.core.store.StoreError` (naming the file and how to recover) when damaged.
    """
    return QUESTIONS.records("questions")


def saved_research() -> list[dict[str, Any]]:
    """The learner's saved research notes (``id``, ``topic``, ``finding``), oldest first."""
    return RESEARCH.records("research")
