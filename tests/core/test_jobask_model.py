"""The learnt job-ask model (helpers/core/jobask/model.py) and its combination with the rule."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core.jobask import model as jobask_model
from helpers.core.jobask import KINDS, job_ask, rule_job_ask

ROOT = Path(__file__).resolve().parents[2]


def _train_script():
    spec = importlib.util.spec_from_file_location("train_coach", ROOT / "scripts" / "train_coach.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_is_what_the_retrain_command_gives_from_the_shipped_rows():
    pytest.importorskip("sklearn")
    train = _train_script()
    rows = train.load_rows()
    assert train.dumps(train.train(rows)) == jobask_model.MODEL_PATH.read_text(encoding="utf-8"), (
        "helpers/core/jobask/model.json is stale: run scripts/train_coach.py")
    info = jobask_model.model_info()
    assert info["rows"]["sha256"] == train.rows_hash(rows) and info["rows"]["total"] == len(rows)
    assert set(info["rows"]["files"]) == {p.name for p in train.source_files()}


def test_the_retrain_check_command_passes():
    pytest.importorskip("sklearn")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_coach.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_the_model_file_is_small_and_records_what_made_it():
    assert jobask_model.MODEL_PATH.stat().st_size < 400_000
    model = json.loads(jobask_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert {"settings", "rows", "what"} <= set(model["meta"])
    assert 0 < model["meta"]["settings"]["threshold"] < 1


def test_reading_the_model_needs_no_training_library():
    code = ("import sys; from helpers.core.jobask import job_ask; job_ask('Could I join your team one day?'); "
            "bad = [m for m in ('sklearn', 'scipy') if m in sys.modules]; print(bad); raise SystemExit(bool(bad))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_importing_the_check_does_not_read_the_model_file():
    code = ("from helpers.core.jobask import model as jobask_model; from helpers.core import jobask; "
            "raise SystemExit(jobask_model._model.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_rule_speaks_first_and_keeps_its_reasons():
    text = "Could you introduce me to the hiring manager?"
    assert job_ask(text) == rule_job_ask(text)
    assert job_ask(text).kind == "introduction"


def test_a_catch_of_the_model_alone_says_what_it_read_and_what_to_ask_instead():
    model = json.loads(jobask_model.MODEL_PATH.read_text(encoding="utf-8"))
    text = "Might your studio have a desk free for me come spring?"
    assert rule_job_ask(text) is None  # if the rule learns this wording, pick another the rule misses
    found = job_ask(text, model=model)
    assert found is not None and found.kind == "learnt" and found.kind in KINDS
    assert found.words and found.reason and found.instead and job_ask(found.instead) is None


@pytest.mark.parametrize("text", [
    "Could you tell me how you got your first job?",
    "What advice would you give someone applying for jobs in this field?",
    "Could you give me feedback on my CV?",
    "How did you get into your current role?",
    "What do you enjoy most about your job?",
    "Would you recommend any courses for someone starting out?",
    "I would love to hear how you moved into your current position.",
])
def test_requests_for_information_advice_or_feedback_and_their_own_job_never_count(text: str):
    assert job_ask(text) is None


def test_the_score_is_a_probability_and_long_text_is_read_in_bounded_pieces():
    """The model reads at most its limit of characters (times: scripts/benchmark_long_text.py)."""
    assert 0.0 <= jobask_model.score("") <= 1.0
    scored = jobask_model.sentence_scores("Could I work with you? " * 5000)
    assert all(0.0 <= p <= 1.0 for _, p in scored)
    assert sum(len(passage) for passage, _ in scored) <= 3 * jobask_model._LIMIT


def test_e_mail_field_fragments_are_read_as_labelled():
    """Field fragments (research, what to learn, next step) that mention openings or hiring as news
    are not job asks; the fragments that ask for one are (tests/cases/jobask_fields_dev.csv)."""
    import csv
    with open(ROOT / "tests" / "cases" / "jobask_fields_dev.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    wrong = [r["text"] for r in rows if (job_ask(r["text"]) is not None) != (r["label"] == "job_ask")]
    assert wrong == []


def test_check_content_checks_the_instructors_examples(tmp_path):
    import shutil
    from helpers import cli
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", folder)
    assert cli.check_content(folder)[0] == []
    with open(folder / "jobask_examples.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[example]]\ntext = "Are you hiring?"\nlabel = "maybe"\n'
                     '\n[[example]]\ntext = "Are  you hiring?"\nlabel = "not_job_ask"\n')
    problems, _ = cli.check_content(folder)
    assert any("example 3" in p and "maybe" in p for p in problems)
    assert not any("example 4" in p for p in problems)  # example 3 is not counted: its label is wrong
    with open(folder / "jobask_examples.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[example]]\ntext = "are you hiring?"\nlabel = "job_ask"\n')
    problems, _ = cli.check_content(folder)
    assert any("example 5" in p and "other label" in p for p in problems)


def _labelled(name: str) -> list[tuple[str, bool]]:
    import csv

    with (ROOT / "tests" / "cases" / name).open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["label"] == "job_ask") for row in csv.DictReader(handle)]


# The referral ask lesson 04 teaches (names of people to talk to, their contact details, leave to use
# the interviewee's name, a check-in date) against job-ask look-alikes. Development rows (trained on),
# then two sets written by helpers who saw neither the rows nor the rules. First measurements, before
# any change made for them (docs/coaching.md): set 1, 10 of 45 referral asks flagged and 22 of 25 job
# asks caught; set 2 (after set 1's fixes), 3 of 40 flagged, 20 of 20 caught. Both sets have since
# been used to fix the rule and the veto, so the figures below are no longer blind.
@pytest.mark.parametrize("name, caught, asks, flagged, referrals", [
    ("jobask_referrals_dev.csv", 8, 8, 0, 20),
    ("jobask_referrals_blind.csv", 25, 25, 0, 45),
    ("jobask_referrals_blind2.csv", 20, 20, 0, 40),
])
def test_the_referral_ask_is_not_a_job_ask_and_its_look_alikes_are(name, caught, asks, flagged, referrals):
    rows = _labelled(name)
    assert (sum(1 for _, y in rows if y), sum(1 for _, y in rows if not y)) == (asks, referrals)
    missed = [t for t, y in rows if y and job_ask(t) is None]
    wrong = [t for t, y in rows if not y and job_ask(t) is not None]
    assert (asks - len(missed), len(wrong)) == (caught, flagged), (missed, wrong)


def test_the_model_never_reads_a_referral_ask_that_says_nothing_of_hiring():
    from helpers.core.jobask import _referral_only

    assert _referral_only("Have you got an e-mail address for her? I'll say you sent me, if that's all right.")
    assert _referral_only("Is there anyone else you'd suggest I talk to?")
    assert not _referral_only("Could I have her e-mail address so I can send her my CV?")
    assert not _referral_only("May I mention your name when I apply for the opening?")
    assert not _referral_only("What did you study?")
