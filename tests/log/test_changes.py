"""Changing the log through the core store: concurrent saves, symlinks, updates, undo.

Every write takes the cross-process lock, writes atomically, keeps the previous version in
backups/ and reads the row back.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import log
from helpers import workspace as ws

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"date": "2026-03-02", "contact": "Ana Silva", "organisation": "Acme Health", "status": "requested"}

ADDER = """
import sys
from helpers import log
who, n = sys.argv[1], int(sys.argv[2])
bad = 0
for i in range(n):
    r = log.add_entry({"date": "2026-03-02", "contact": f"{who} {i}", "organisation": "Acme", "status": "held"})
    bad += not r.ok
print(bad)
"""


def test_two_processes_adding_200_entries_each_find_400_rows(workspace):
    env = {**os.environ, "INTERVIEW_WORKSPACE": str(workspace), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, who, "200"], env=env, stdout=subprocess.PIPE,
                              text=True) for who in ("first", "second")]
    outs = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert outs == ["0", "0"], "every save reported done"
    lg = log.load(workspace / ws.LOG_NAME)
    assert len(lg.data) == 400 and lg.ok
    assert lg.data["contact"].nunique() == 400


def test_a_symlinked_log_stays_a_symlink(workspace, tmp_path):
    elsewhere = tmp_path / "cloud" / "my_log.csv"
    elsewhere.parent.mkdir()
    assert log.add_entry(GOOD, elsewhere).ok
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / ws.LOG_NAME).symlink_to(elsewhere)
    assert log.add_entry({**GOOD, "contact": "Bo"}).ok
    rows = log.find("Bo")[0]
    assert log.update_entry(rows[0], {"status": "scheduled"}).ok
    assert (workspace / ws.LOG_NAME).is_symlink()
    assert len(log.load(elsewhere).data) == 2 and "scheduled" in elsewhere.read_text(encoding="utf-8-sig")


def test_update_moves_an_interview_along_and_keeps_each_version(workspace):
    assert log.add_entry(GOOD).ok
    rows, problems = log.find("ana silva", "2 March 2026")
    assert rows == [2] and problems == []
    steps = [{"status": "scheduled"}, {"status": "held"}, {"thank_you_sent": "2026-03-02"},
             {"follow_up_on": "2026-03-10", "referrals": "2", "may_use_name": "yes", "contact_details": "yes"},
             {"followed_up": "2026-03-10", "feedback": "Ready for coordinator roles.", "insights": "Jobs go inside first."}]
    for change in steps:
        result = log.update_entry(2, change, expect={"contact": "Ana Silva"}, today=__import__("datetime").date(2026, 4, 1))
        assert result.ok and result.changed, result.message
        for k, v in change.items():
            assert result.item[k] == v, "read back from the file"
    lg = log.load(workspace / ws.LOG_NAME)
    assert len(lg.data) == 1 and lg.ok and lg.data.iloc[0]["status"] == "held"
    assert len(log.STORE.history()) == len(steps), "the previous version is kept each time"
    assert log.undo().ok
    assert log.load(workspace / ws.LOG_NAME).raw.iloc[0]["followed_up"] == ""


def test_an_update_is_checked_like_a_new_row(workspace):
    assert log.add_entry(GOOD).ok
    before = (workspace / ws.LOG_NAME).read_bytes()
    for change, code in [({"thank_you_sent": "2026-02-30"}, "bad_date"), ({"status": "done"}, "not_a_choice"),
                         ({"contact": ""}, "empty"), ({"notes": "x" * 2001}, "too_long")]:
        result = log.update_entry(2, change)
        assert not result.saved and result.codes == [code]
    assert log.update_entry(2, {"date": "2099-01-01", "status": "held"}).codes == ["held_in_future"]
    assert log.update_entry(9, {"status": "held"}).codes == ["not_found"]
    assert log.update_entry(2, {"status": "held"}, expect={"contact": "Someone else"}).codes == ["changed_meanwhile"]
    assert (workspace / ws.LOG_NAME).read_bytes() == before
    same = log.update_entry(2, {"status": "requested"})
    assert same.saved and not same.changed
    with pytest.raises(KeyError):
        log.update_entry(2, {"colour": "blue"})


def test_a_second_row_for_the_same_person_offers_the_first(workspace):
    assert log.add_entry(GOOD).ok
    again = log.add_entry({**GOOD, "contact": "ana silva", "status": "held", "date": "2026-03-05"})
    assert not again.saved and again.codes == ["same_person"] and again.item["row"] == 2
    assert log.add_entry({**GOOD, "status": "held", "date": "2026-03-05"}, allow_repeat=True).ok
    assert len(log.load(workspace / ws.LOG_NAME).data) == 2


def test_an_unreadable_log_is_never_updated(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    target = workspace / ws.LOG_NAME
    target.write_bytes(b"date,contact\n")
    result = log.update_entry(2, {"status": "held"})
    assert result.codes == ["damaged_file"] and target.read_bytes() == b"date,contact\n"
