"""The job-ask rule (helpers/core/jobask.py) on labelled questions: caught wordings, spared look-alikes."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.core.jobask import KINDS, job_ask

CASES = Path(__file__).resolve().parents[1] / "cases"


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


# The development set is what the rules were tuned on. Each held-out set was measured once, blind,
# when it was written (docs/coaching.md lists those first figures: 289/370 job asks caught, 1/414
# legitimate questions flagged, over sets 1-12); later rounds of tuning used only new development
# rows, but sets 1-5 were looked at in earlier rounds and sets 10-12 were known to the author of
# the next round, so only the first figures are blind. Where a set meets the goal (90% caught) now, its test asserts
# the goal; where it does not, its test keeps today's figure as a floor, so a change that loses recall
# shows. Every set keeps the false-alarm bound of one legitimate question in thirty.
GOAL_MET = ["coaching_dev.csv", "coaching_heldout.csv", "coaching_heldout2.csv", "coaching_heldout3.csv",
            "coaching_heldout4.csv", "coaching_heldout6.csv", "coaching_heldout7.csv", "coaching_heldout8.csv",
            "coaching_heldout9.csv", "coaching_heldout10.csv"]
ALL_SETS = ["coaching_dev.csv"] + [f"coaching_heldout{n}.csv" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)]


@pytest.mark.parametrize("name", GOAL_MET)
def test_job_asks_are_caught_and_look_alikes_spared(name: str):
    rows = _rows(name)
    assert len(rows) >= 50
    recall, false_alarms = _scores(rows)
    assert recall >= 0.90, f"{name}: only {recall:.0%} of job asks caught"
    assert false_alarms <= 1 / 30, f"{name}: {false_alarms:.1%} of legitimate questions flagged"


@pytest.mark.parametrize("name, caught", [("coaching_heldout5.csv", 26), ("coaching_heldout11.csv", 22),
                                          ("coaching_heldout12.csv", 26)])
def test_the_sets_short_of_the_goal_keep_their_figures(name: str, caught: int):
    """Set 5 (blind: 25/30, now 26/30), set 11 (blind: 22/30, the same now) and set 12 (blind: 19/30;
    now 26/30, not blind: round 11 was written by its author after it) do not meet the goal; today's
    figures are a floor."""
    recall, false_alarms = _scores(_rows(name))
    assert recall >= caught / 30, f"{name}: {recall:.0%} of job asks caught (measured: {caught}/30)"
    assert false_alarms <= 1 / 30, f"{name}: {false_alarms:.1%} of legitimate questions flagged"


def test_the_cases_are_enough_and_labelled():
    rows = [r for name in ALL_SETS for r in _rows(name)]
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


def test_long_text_is_checked_in_bounded_pieces():
    """The rule reads sentences cut to a bounded length, so its work grows with the text, no faster
    (times: scripts/benchmark_long_text.py)."""
    from helpers.core.jobask import _SENTENCE_LIMIT, _sentences

    text = "any " * 50_000 + "x" * 100_000
    assert job_ask(text) is None
    assert max(len(s) for s in _sentences(text)) <= _SENTENCE_LIMIT


def test_ordinary_email_sentences_are_not_job_asks_and_email_job_asks_are():
    """The e-mail lesson uses the same rule on its fields: request and thank-you sentences that talk
    about the person's own role, their time or advice are not job asks; job asks in e-mails are."""
    rows = _rows("jobask_email_dev.csv")
    flagged = [r["text"] for r in rows if r["label"] == "legit" and job_ask(r["text"]) is not None]
    missed = [r["text"] for r in rows if r["label"] == "job_ask" and job_ask(r["text"]) is None]
    assert flagged == [] and missed == []


@pytest.mark.parametrize("text", [
    "Is there any way I might be considered for the graduate intake?",
    "I would love to be interviewed if a role comes up on your team.",
    "Do you have any say over which candidates get interviewed?",
    "Would your firm ever consider a school leaver like me?",
    "Could you send any openings my way?",
    "Is there a position on your team that I could slot into?",
    "I saw the advert for the data post last week. Would you be able to recommend me?",
    "Is your lab taking PhD students next year, and could I be one?",
    "Would you ever bring me on board at your agency?",
])
def test_requests_for_the_learner_are_job_asks_by_their_structure(text: str):
    found = job_ask(text)
    assert found is not None and found.kind in KINDS and found.words
    assert job_ask(found.instead) is None


@pytest.mark.parametrize("text", [
    "What would I need to do to be considered for roles like this one?",
    "Do you think I would be considered experienced enough for junior roles?",
    "How much say do team leads have in hiring in this industry?",
    "What do employers look for in someone like me?",
    "Would you recommend I take a course before applying?",
    "Is it OK if I apply for jobs before I finish my course?",
    "If I sent a speculative application to a firm, what should it say?",
    "I have applied for a few roles already. What could I do better next time?",
    "Could you let me in on what the panel looks for in interviews?",
    "Could you recommend a book about working in finance?",
])
def test_look_alikes_of_the_structural_rules_are_not_job_asks(text: str):
    assert job_ask(text) is None


def test_a_long_text_of_many_sentences_is_checked_in_bounded_pieces():
    from helpers.core.jobask import _SENTENCE_LIMIT, _sentences

    text = ("could you i me my your the a like someone be considered for any role " * 14 + ". ") * 104
    assert len(text) >= 100_000
    assert job_ask(text) is not None   # "be considered for any role", asked of them
    assert max(len(s) for s in _sentences(text)) <= _SENTENCE_LIMIT


def test_the_referral_permission_the_lessons_teach_is_not_a_job_ask():
    assert job_ask("Who else would you suggest I talk to, and may I mention that you sent me?") is None
    assert job_ask("May I say that you suggested I get in touch?") is None
    assert job_ask("Could you tell the recruiter that you referred me?") is not None
