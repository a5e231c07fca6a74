"""The detector's four misses of issue 20, and the blind set written before they were fixed
(tests/cases/privacy_blind.csv; measured once after the change: 19/19 planted details detected,
1 false alarm in 9 cases with nothing planted, the same false alarm as before the change)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.core import detect

CASES = Path(__file__).resolve().parents[1] / "cases"


def _covered(text: str, detail: str, found) -> bool:
    start = text.index(detail)
    return all(any(f.start <= i < f.end for f in found) for i in range(start, start + len(detail)) if text[i].isalnum())


@pytest.mark.parametrize("people, orgs, text, detail, kind", [
    (["Grace Lee"], ["Apple"], "his colleague at apple is nice", "apple", "organisation"),
    ([], [], "555 0198 ext 4", "555 0198 ext 4", "phone"),
    (["Grace O'Malley"], [], "Grace O Malley", "Grace O Malley", "person"),
    ([], [], "élodie-fontaine.fr", "élodie-fontaine.fr", "link"),
])
def test_the_four_misses_of_the_issue_are_caught(people, orgs, text, detail, kind):
    found = detect.find(text, detect.known(people, orgs))
    assert _covered(text, detail, found) and kind in {f.kind for f in found}


@pytest.mark.parametrize("text", [
    "I had an apple and a coffee before the interview",
    "she came out of her shell in the second half",
    "between 2019 and 2023 she worked in 2 teams of 12",
    "I sent 3 e-mails and got 2 replies in 10 days",
    "O well, I will try again next week",
])
def test_everyday_words_and_numbers_stay_unflagged(text):
    assert detect.find(text, detect.known(["Grace O'Malley"], ["Apple", "Shell"])) == []


def test_the_blind_set_keeps_its_first_figures():
    with open(CASES / "privacy_blind.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    planted = detected = alarms = 0
    for r in rows:
        found = detect.find(r["text"], detect.known(r["people"].split("|"), r["organisations"].split("|")))
        details = [d for d in r["planted"].split("|") if d]
        if not details:
            alarms += len(found)
        planted += len(details)
        detected += sum(_covered(r["text"], d, found) for d in details)
    assert (detected, planted) == (19, 19) and alarms <= 1
