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


# The development set is what the rules were tuned on. Held-out sets 1-4 were each measured once
# before the next round of tuning (see the report: 24/25, 15/20, 18/25 and 28/40 then); the rules
# were later tuned on development cases written after seeing those misses, so these sets are no
# longer blind. Held-out set 5 was written after the last tuning and measured once: it is the blind
# figure, and the goal (90% caught) is not met on it (25/30). Its test keeps that as a floor, so a
# change that loses recall, or flags legitimate questions, shows.
@pytest.mark.parametrize("name", ["coaching_dev.csv", "coaching_heldout.csv", "coaching_heldout2.csv",
                                  "coaching_heldout3.csv", "coaching_heldout4.csv"])
def test_job_asks_are_caught_and_look_alikes_spared(name: str):
    rows = _rows(name)
    assert len(rows) >= 50
    recall, false_alarms = _scores(rows)
    assert recall >= 0.90, f"{name}: only {recall:.0%} of job asks caught"
    assert false_alarms <= 1 / 30, f"{name}: {false_alarms:.1%} of legitimate questions flagged"


@pytest.mark.parametrize("name, caught", [("coaching_heldout5.csv", 25), ("coaching_heldout6.csv", 24),
                                          ("coaching_heldout7.csv", 26)])
def test_the_blind_sets_keep_their_measured_figures(name: str, caught: int):
    """Sets 6 and 7 were each written after a round of tuning and measured once (24/30 and 26/30
    caught, none legitimate flagged)."""
    recall, false_alarms = _scores(_rows(name))
    assert recall >= caught / 30, f"{name}: {recall:.0%} of job asks caught (measured blind: {caught}/30)"
    assert false_alarms <= 1 / 30, f"{name}: {false_alarms:.1%} of legitimate questions flagged"


def test_the_cases_are_enough_and_labelled():
    rows = [r for n in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
            for r in _rows(f"coaching_{n}.csv")]
    assert len(rows) >= 100 and len(_rows("coaching_dev.csv")) >= 100
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


def test_ordinary_email_sentences_are_not_job_asks_and_email_job_asks_are():
    """The e-mail lesson uses the same rule on its fields: request and thank-you sentences that talk
    about the person's own role, their time or advice are not job asks; job asks in e-mails are."""
    rows = _rows("jobask_email_dev.csv")
    flagged = [r["text"] for r in rows if r["label"] == "legit" and job_ask(r["text"]) is not None]
    missed = [r["text"] for r in rows if r["label"] == "job_ask" and job_ask(r["text"]) is None]
    assert flagged == [] and missed == []
