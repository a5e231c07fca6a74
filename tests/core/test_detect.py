"""The one detector of names and contact details: planted-detail logs, every form, linear time."""
from __future__ import annotations

import base64
import importlib.util
import os
import sys
import time
from pathlib import Path

import pytest

from helpers.core import detect

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
_spec = importlib.util.spec_from_file_location("measure_privacy", ROOT / "scripts" / "measure_privacy.py")
measure = importlib.util.module_from_spec(_spec)
sys.modules["measure_privacy"] = measure
_spec.loader.exec_module(measure)

PLANTED = measure.read_cases(CASES / "privacy_planted.csv")


@pytest.mark.parametrize("case", PLANTED, ids=[c.case for c in PLANTED])
def test_every_planted_detail_is_found(case):
    found = detect.find(case.text, detect.known(case.people, case.organisations))
    missed = [d for d in case.planted if not measure.covered(case.text, d, found)]
    assert missed == [], f"missed {missed} in {case.text!r}: found {[(f.kind, f.text) for f in found]}"


def test_planted_set_zero_misses_and_no_leak_from_the_share():
    m = measure.measure(PLANTED)
    assert m.planted >= 50 and m.detected == m.planted, m.misses
    assert m.left_out_leaks == [], "free text left out: the copy must hold nothing of the log's people"
    assert m.chosen_leaks == []


def test_held_out_set_is_measured_not_asserted():
    """The held-out set was written with the planted one and never tuned on: it is measured
    (scripts/measure_privacy.py prints it); only the share with free text left out must hold."""
    m = measure.measure(measure.read_cases(CASES / "privacy_heldout.csv"))
    assert m.planted >= 20
    assert m.left_out_leaks == []


@pytest.mark.parametrize("text", [
    "I hope to apply for a grant next year.",
    "Held on 2026-03-02; 3 referrals; 2020-2024 plan; budget 1 000 000.",
    "People in accounting are watching the new rules.",
    "Person 03 suggested I write to her colleague at Organisation B.",
    "Small clinics hire coordinators from patient-facing roles; HR and IT teams too.",
])
def test_ordinary_text_holds_nothing(text):
    names = detect.known(["Hope Adeyemi", "Grant Ellis"], ["Next"])
    assert detect.find(text, names) == []


def test_findings_are_plain_data_with_positions_and_reasons():
    text = "Ask Dr Li: li@kf.org"
    found = detect.find(text)
    assert [(f.kind, text[f.start:f.end]) for f in found] == [("person", "Li"), ("email", "li@kf.org")]
    assert all(f.why and f.text == text[f.start:f.end] for f in found)


def test_name_like_words_are_warnings():
    found = detect.find("We spoke with Marguerite about it")
    assert [(f.kind, f.sure) for f in found] == [("name_like", False)]
    assert detect.find("Marguerite is new") == []          # start of a sentence, no second name
    assert [f.text for f in detect.find("Marguerite Oyelaran is new")] == ["Marguerite Oyelaran"]


def test_scrub_leaves_nothing_for_the_detector_to_find():
    names = detect.known(["Priyanka Raman"], ["Globex"])
    text = "Priya Raman (priya@globex.com, +44 20 7946 0958) at Globex said ask Dr. Okafor or see globex.com"
    out, found = detect.scrub(text, names, by_ref={"Priyanka Raman": "Person 01"})
    assert out.startswith("Person 01 ([e-mail], [phone]) at [organisation] said ask Dr. [name]")
    assert detect.find(out, names) == []
    assert len(found) == 6


def test_struck_words_are_replaced_too():
    out, found = detect.scrub("my aunt Bibi said so", also=["bibi"])
    assert out == "my aunt [name] said so" and found[0].why == "struck by you"


@pytest.mark.parametrize("name,text", [
    ("b64", base64.b64encode(os.urandom(7_500_000)).decode()[:10_000_000]),
    ("letters", "a" * 10_000_000),
    ("digits", "7" * 10_000_000),
    ("dots", "a." * 5_000_000),
    ("at signs", "@" * 10_000_000),
])
def test_a_10_mb_cell_without_a_space_is_checked_in_linear_time(name, text):
    names = detect.known(["Priyanka Raman", "Jia Li"], ["Globex"])
    start = time.perf_counter()
    detect.find(text, names)
    took = time.perf_counter() - start
    assert took < 6, f"{name}: {took:.1f} s for 10 MB (about a second on an idle machine)"
