"""Next actions on hand-made logs at several 'today' dates, and on the command line."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from logtools import make

from helpers import log
from helpers.log import next_actions as nextactions

ROOT = Path(__file__).resolve().parents[2]


def kinds(lg: log.Log, as_of: str) -> list[tuple[str, str]]:
    return [(a.kind, a.person) for a in nextactions.next_actions(lg.data, as_of, country="none")]


# Tuesday 1 December 2026 held, real, nothing recorded yet.
HELD = {"date": "2026-12-01", "contact": "Ana", "organisation": "Acme", "status": "held"}


@pytest.mark.parametrize("as_of,expected", [
    ("2026-11-30", []),                                           # before the interview
    ("2026-12-01", [("thank_you", "Ana")]),                        # the day itself
    ("2026-12-07", [("thank_you", "Ana")]),
    ("2026-12-08", [("thank_you", "Ana")]),                        # 7 days after: no day was agreed
    ("2027-01-20", [("thank_you", "Ana")]),
])
def test_a_held_interview_asks_for_a_thank_you_and_no_check_in_unless_one_was_agreed(tmp_path, as_of, expected):
    # The lessons ask for a check-in day only when the interviewee would rather contact the
    # people first; where none was agreed, the list never invents one.
    assert kinds(make(tmp_path, HELD), as_of) == expected


def test_an_agreed_check_in_day_comes_up_on_that_day(tmp_path):
    lg = make(tmp_path, {**HELD, "follow_up_on": "2026-12-09"})
    assert kinds(lg, "2026-12-08") == [("thank_you", "Ana")]
    assert kinds(lg, "2026-12-09") == [("thank_you", "Ana"), ("check_in", "Ana")]


def test_recorded_steps_leave_the_list(tmp_path):
    lg = make(tmp_path, {**HELD, "thank_you_sent": "2026-12-01", "follow_up_on": "2026-12-10"})
    assert kinds(lg, "2026-12-09") == []
    assert kinds(lg, "2026-12-10") == [("check_in", "Ana")]
    done = make(tmp_path, {**HELD, "thank_you_sent": "2026-12-01", "follow_up_on": "2026-12-10",
                           "followed_up": "2026-12-10"})
    assert kinds(done, "2027-01-10") == []


def test_a_practice_run_needs_no_check_in_unless_one_was_agreed(tmp_path):
    lg = make(tmp_path, {**HELD, "kind": "practice", "thank_you_sent": "2026-12-01"})
    assert kinds(lg, "2026-12-20") == []
    agreed = make(tmp_path, {**HELD, "kind": "practice", "thank_you_sent": "2026-12-01", "follow_up_on": "2026-12-09"})
    assert kinds(agreed, "2026-12-20") == [("check_in", "Ana")]


@pytest.mark.parametrize("as_of,expected", [
    ("2026-11-25", []),
    ("2026-11-26", [("follow_up", "Bo")]),        # Monday 23rd + three working days
    ("2026-12-02", [("follow_up", "Bo")]),
    ("2026-12-03", [("last_follow_up", "Bo")]),   # about a week after the first: one line, the last
])
def test_a_request_with_no_reply(tmp_path, as_of, expected):
    lg = make(tmp_path, {"date": "2026-11-23", "contact": "Bo", "organisation": "B", "status": "requested"})
    assert kinds(lg, as_of) == expected


def test_cancelled_and_scheduled_ask_for_nothing(tmp_path):
    lg = make(tmp_path, {"date": "2026-11-23", "contact": "Bo", "organisation": "B", "status": "cancelled"},
              {"date": "2026-11-24", "contact": "Cy", "organisation": "C", "status": "scheduled"})
    assert kinds(lg, "2027-01-01") == []


def test_referred_people_not_yet_contacted(tmp_path):
    base = {**HELD, "thank_you_sent": "2026-12-01", "follow_up_on": "2026-12-09", "followed_up": "2026-12-09"}
    lg = make(tmp_path, {**base, "referrals": "2"},
              {"date": "2026-12-03", "contact": "Dee", "organisation": "D", "status": "requested", "referred_by": "ana"})
    acts = [a for a in nextactions.next_actions(lg.data, "2026-12-03", country="none") if a.kind == "contact_referral"]
    assert [(a.person, a.row) for a in acts] == [("Ana", 2)] and "1 of them is not in" in acts[0].what
    both = make(tmp_path, {**base, "referrals": "1"},
                {"date": "2026-12-03", "contact": "Dee", "organisation": "D", "status": "requested", "referred_by": "Ana"})
    assert [a for a in nextactions.next_actions(both.data, "2026-12-03", country="none")
            if a.kind == "contact_referral"] == []


def test_each_line_starts_with_the_kind_and_the_person_and_says_where(tmp_path):
    lg = make(tmp_path, HELD)
    acts = nextactions.next_actions(lg.data, "2026-12-02", country="none")
    line = acts[0].line(dt.date(2026, 12, 2))
    assert line.startswith("Thank-you: Ana (due since yesterday") and "Where: lesson 03" in line
    assert acts[0].link == "03-asking-and-thanking.ipynb"


def test_public_holidays_are_skipped_when_a_country_is_set(tmp_path):
    pytest.importorskip("holidays")
    # Sent on Tuesday 22 December: three working days later skips Christmas Day (Friday) and,
    # in England, the Boxing Day bank holiday on Monday 28 December.
    lg = make(tmp_path, {"date": "2026-12-22", "contact": "Ana", "organisation": "Acme", "status": "requested"})
    plain = [a.due for a in nextactions.open_actions(lg.data, country="none") if a.kind == "follow_up"]
    gb = [a.due for a in nextactions.open_actions(lg.data, country="GB") if a.kind == "follow_up"]
    assert plain == [dt.date(2026, 12, 25)]
    assert gb == [dt.date(2026, 12, 29)]


def test_cli_next_prints_one_action_a_line(tmp_path):
    make(tmp_path, HELD, {"date": "2026-11-23", "contact": "Bo", "organisation": "B", "status": "requested"})
    out = subprocess.run([sys.executable, "-m", "helpers", "next", str(tmp_path / "log.csv"), "--as-of", "2026-12-08"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert [line.split(" (")[0] for line in lines] == ["Thank-you: Ana", "Last follow-up: Bo"]
    assert all(line.split(":")[0] in nextactions.LABELS.values() for line in lines)


def test_cli_next_on_an_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    out = subprocess.run([sys.executable, "-m", "helpers", "next", str(bad)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.startswith("error:")
