"""The contact-details ask is one wording in every shipped place that teaches it (issue 22).

The lessons 01 and 04, the self-check (its referral answer) and the referral script
(``referrals.toml``) are read as shipped, not through the content override, so an instructor's
copy never changes what this test checks. The practice partner's personas are left out here:
they belong to the conversation activity and its own tests.
"""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import helpers

ROOT = Path(helpers.__file__).resolve().parent.parent
CONTACT_ASK = "Would you be willing to share how best to reach them, so that I can get in touch myself?"
#: Earlier wordings the personas found blunt; none of them may come back.
OLD_WORDINGS = ("e-mail address or phone number", "contact them myself")


def _flat(text: str) -> str:
    """Whitespace folded, so a sentence wrapped over lines in a notebook still matches."""
    return " ".join(text.split())


def _lesson_text(name: str) -> str:
    cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    return _flat("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))


def _shipped(name: str) -> dict:
    return tomllib.loads((ROOT / "data" / "content" / name).read_text(encoding="utf-8"))


def _quiz_referral_answer() -> str:
    item = next(q for q in _shipped("quiz.toml")["question"] if q["id"] == "ask-for-referrals")
    return _flat(next(c["text"] for c in item["choice"] if c["correct"] is True))


PLACES = {
    "lesson 01": lambda: _lesson_text("01-why-informational-interviews.ipynb"),
    "lesson 04": lambda: _lesson_text("04-referrals-and-follow-up.ipynb"),
    "the quiz's referral answer": _quiz_referral_answer,
    "referrals.toml": lambda: _flat(_shipped("referrals.toml")["ask"]["contact_details"]),
}


@pytest.mark.parametrize("place", PLACES)
def test_every_place_uses_the_one_wording(place: str):
    said = PLACES[place]()
    assert CONTACT_ASK in said, f"{place} should ask: {CONTACT_ASK!r}"
    for old in OLD_WORDINGS:
        assert old not in said.lower(), f"{place} still uses the older wording {old!r}"


def test_the_script_line_is_exactly_the_wording():
    assert _flat(_shipped("referrals.toml")["ask"]["contact_details"]) == CONTACT_ASK


def test_the_places_agree_with_each_other():
    """Every contact-details question in these places is the same sentence (no near-variants)."""
    pattern = re.compile(r"(?:Would|Could) you (?:be willing to )?share [^?]*\?")
    found = {place: set(pattern.findall(get())) for place, get in PLACES.items()}
    assert all(found.values()), found
    assert set().union(*found.values()) == {CONTACT_ASK}, found


def test_the_shown_script_and_the_quiz_feedback_say_it_too():
    from helpers import quiz, referrals

    script, problems = referrals.referral_ask(["Acme"], "logistics")
    assert problems == [] and CONTACT_ASK in script
    wrong = next(c for c in quiz.find("ask-for-referrals").choices if "introduce me to them" in c.text)
    assert CONTACT_ASK in _flat(wrong.feedback)
