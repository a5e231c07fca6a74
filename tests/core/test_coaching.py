"""Honest coaching (helpers/coaching.py): a verdict only on evidence, set-level advice, the rubric."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core import coaching
from helpers import questions
from helpers.core.jobask import job_ask

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
SETS = ["coaching_dev.csv", "coaching_heldout.csv", "coaching_heldout2.csv", "coaching_heldout3.csv",
        "coaching_heldout4.csv", "coaching_heldout5.csv", "coaching_heldout6.csv", "coaching_heldout7.csv"]
UNPLACEABLE = {"off_topic", "nonsense", "personal", "too_short"}


def _rows(name: str) -> list[dict]:
    with open(CASES / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", SETS)
def test_nothing_unplaceable_or_a_caught_job_ask_is_called_good(name: str):
    """No nonsense, off-topic, personal or too-short question is ever called good; a job ask the
    rule catches never is either (one it misses can be: see the job-ask figures)."""
    c = coaching.checks()
    wrongly = [r["text"] for r in _rows(name) if coaching.verdict(r["text"], c).good and (
        r["label"] in UNPLACEABLE or (r["label"] == "job_ask" and job_ask(r["text"]) is not None))]
    assert wrongly == []


@pytest.mark.parametrize("name", SETS)
def test_most_good_questions_are_called_good(name: str):
    c = coaching.checks()
    good = [r for r in _rows(name) if r["label"] == "good"]
    called = sum(coaching.verdict(r["text"], c).good for r in good)
    assert called / len(good) >= 0.85


@pytest.mark.parametrize("text, reason", [
    ("Why?", "too_short"), ("asdf qwerty", "too_short"), ("qwrtp xkcdv zzzzz plmnb", "unreadable"),
    ("What is your favourite colour?", "off_topic"), ("What are my chances of winning the lottery?", "off_topic"),
    ("How old are you?", "personal"), ("What is the capital of France?", "off_topic"),
    ("What is the meaning of everything?", "no_topic"),
])
def test_what_the_checks_cannot_place_gets_a_gentle_cant_tell(text: str, reason: str):
    v = coaching.verdict(text)
    assert (v.code, v.reason, v.good) == ("cant_tell", reason, False)
    assert v.message.startswith("I can't tell whether this helps you: ") and "e.g." not in v.message[:40]
    assert [a.code for a in v.advice] == ["cant_tell"]


def test_a_good_verdict_names_its_evidence():
    v = coaching.verdict("How did you move from hospital wards into community nursing?")
    assert v.good and v.open and v.on_topic and v.job is None
    assert any("open" in e for e in v.evidence) and any("work" in e for e in v.evidence)


def test_the_lottery_is_not_candid_feedback():
    advice = coaching.set_advice(["What are my chances of winning the lottery?"], [])
    assert "no_candid_feedback" in [a.code for a in advice]


def test_set_level_research_nudge_names_the_finding():
    findings = [{"topic": "Acme Foods", "finding": "Acme merged with Brightwater"},
                {"topic": "Night shifts", "finding": "Hospitals are short of night-shift nurses"}]
    advice = coaching.set_advice(["How did the Brightwater merger change your work?"], findings)
    nudges = [a for a in advice if a.code == "unused_research"]
    assert len(nudges) == 1 and "Night shifts" in nudges[0].message and nudges[0].scope == "set"
    assert coaching.set_advice([], findings) == []  # nothing to nudge before there is a question


def test_rating_and_checks_differences():
    v = coaching.verdict("Could you refer me to the recruiter?")
    diffs = coaching.compare(v, {"open": True, "on_topic": True, "not_a_job_ask": True, "kind": "resources"})
    assert {d.criterion for d in diffs} >= {"open", "not_a_job_ask"}
    assert all(d.why for d in diffs)
    v = coaching.verdict("How is this field changing, and what is driving the change?")
    assert coaching.compare(v, {"open": True, "on_topic": True, "not_a_job_ask": True, "kind": "trends"}) == []
    assert [d.criterion for d in coaching.compare(v, {"kind": "assignments"})] == ["kind"]


def test_every_bank_question_and_the_example_are_good():
    b = questions.bank()
    for cat in b.categories:
        for text in cat.questions:
            assert coaching.verdict(text, b.checks).good, text
    for q in b.example_items():
        assert coaching.verdict(q["text"], b.checks).good, q["text"]


def test_measure_script_prints_the_figures():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "measure_coaching.py")], capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    for name in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"):
        assert name in out.stdout
    assert "recall" in out.stdout and "precision" in out.stdout and "called good 0/" in out.stdout
