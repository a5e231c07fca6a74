"""The job-ask rule (helpers/core/jobask.py) on labelled questions: caught wordings, spared look-alikes."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.core.jobask import KINDS, job_ask

CASES = Path(__file__).resolve().parent / "cases"


def _rows(name: str) -> list[dict]:
    with open(CASES / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _scores(rows: list[dict]) -> tuple[float, float]:
    """(recall on job asks, share of other questions flagged)."""
    asks = [r for r in rows if r["label"] == "job_ask"]
    others = [r for r in rows if r["label"] != "job_ask"]
    caught = sum(1 for r in asks if job_ask(r["text"]) is not None)
    flagged = sum(1 for r in others if job_ask(r["text"]) is not None)
    return caught / len(asks), flagged / len(others)


@pytest.mark.parametrize("name", ["coaching_dev.csv", "coaching_heldout.csv", "coaching_heldout2.csv",
                                  "coaching_heldout3.csv"])
def test_job_asks_are_caught_and_look_alikes_spared(name: str):
    rows = _rows(name)
    assert len(rows) >= 50
    recall, false_alarms = _scores(rows)
    assert recall >= 0.90, f"{name}: only {recall:.0%} of job asks caught"
    assert false_alarms <= 1 / 30, f"{name}: {false_alarms:.1%} of legitimate questions flagged"


def test_the_cases_are_enough_and_labelled():
    rows = _rows("coaching_dev.csv") + _rows("coaching_heldout.csv")
    assert len(rows) >= 100
    assert {r["label"] for r in rows} <= {"job_ask", "good", "yes_no", "off_topic", "nonsense", "personal",
                                           "too_short"}


@pytest.mark.parametrize("text", [
    "Would you hire someone like me?", "Could you refer me to the recruiter?", "Who should I send my CV to?",
    "...are there any jobs going in your team?", "Could you introduce me to the hiring manager?",
    "about any roles coming up in your team", "if there's a job for me", "whether you'd put in a word for me",
    "Could you keep me in mind?", "Would you be a reference for me?", "Could you pass my résumé to HR?",
])
def test_issue_wordings_are_job_asks(text: str):
    found = job_ask(text)
    assert found is not None and found.kind in KINDS
    assert found.words and found.reason and found.instead
    assert job_ask(found.instead) is None  # the suggested rewording is not itself a job ask


@pytest.mark.parametrize("text", [
    "How did you get your first job?", "What do hiring managers look for in a portfolio?",
    "How competitive would I be, and what would strengthen my application?", "Who else would you suggest I talk to?",
    "", "   ", None,
])
def test_legitimate_questions_are_not_job_asks(text):
    assert job_ask(text) is None


def test_long_text_is_checked_quickly():
    import time
    start = time.perf_counter()
    assert job_ask("any " * 50_000 + "x" * 100_000) is None
    assert time.perf_counter() - start < 5
