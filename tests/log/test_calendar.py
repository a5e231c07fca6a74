"""The .ics export: parsed back, stable UIDs, on the command line."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import icalendar

from logtools import make

from helpers.log import calendar as calendar_ics, next_actions as nextactions
from helpers import log

ROOT = Path(__file__).resolve().parents[2]


HELD = {"date": "2026-12-01", "contact": "Ana", "organisation": "Acme", "status": "held", "follow_up_on": "2026-12-10"}
ASKED = {"date": "2026-11-30", "contact": "Bo", "organisation": "B", "status": "requested"}


def test_round_trip_every_open_action_is_an_all_day_event(tmp_path):
    lg = make(tmp_path, HELD, ASKED)
    result = calendar_ics.write(lg.data, tmp_path / "out.ics", dt.date(2026, 12, 2), country="none")
    assert result.ok and Path(result.item).exists()
    events = calendar_ics.read_back(tmp_path / "out.ics")
    got = sorted((e["summary"], e["day"]) for e in events)
    assert got == sorted([("Thank-you: Ana", dt.date(2026, 12, 2)),      # overdue: on the as-of day
                          ("Check in: Ana", dt.date(2026, 12, 10)),
                          ("Follow up: Bo", dt.date(2026, 12, 3)),
                          ("Last follow-up: Bo", dt.date(2026, 12, 10))])
    cal = icalendar.Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    for e in cal.walk("VEVENT"):
        assert isinstance(e.decoded("dtstart"), dt.date) and not isinstance(e.decoded("dtstart"), dt.datetime)
        assert e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1)
    assert "Due since 2026-12-01" in next(e["description"] for e in events if e["summary"] == "Thank-you: Ana")


def test_uids_are_stable_so_a_new_export_updates_the_same_events(tmp_path):
    first = make(tmp_path, HELD, ASKED)
    a = {e["summary"]: e["uid"] for e in _events(first, tmp_path, "a.ics", dt.date(2026, 12, 2))}
    # Later: rows added above, the log re-read at another date; the same actions keep their UIDs.
    later = make(tmp_path, {"date": "2026-11-01", "contact": "Cy", "organisation": "C", "status": "held",
                            "thank_you_sent": "2026-11-01", "followed_up": "2026-11-09"}, HELD, ASKED)
    b = {e["summary"]: e["uid"] for e in _events(later, tmp_path, "b.ics", dt.date(2026, 12, 5))}
    assert a["Check in: Ana"] == b["Check in: Ana"] and a["Last follow-up: Bo"] == b["Last follow-up: Bo"]
    assert len(set(b.values())) == len(b), "every event its own UID"


def _events(lg, tmp_path, name, as_of):
    calendar_ics.write(lg.data, tmp_path / name, as_of, country="none")
    return calendar_ics.read_back(tmp_path / name)


def test_done_actions_are_not_exported(tmp_path):
    lg = make(tmp_path, {**HELD, "thank_you_sent": "2026-12-01", "followed_up": "2026-12-10"})
    assert calendar_ics.read_back(_write(lg, tmp_path)) == []


def _write(lg, tmp_path):
    calendar_ics.write(lg.data, tmp_path / "x.ics", dt.date(2026, 12, 2), country="none")
    return tmp_path / "x.ics"


def test_hostile_names_stay_text(tmp_path):
    lg = make(tmp_path, {**HELD, "contact": "Ana; X-EVIL:1\\nBEGIN:VEVENT"})
    events = calendar_ics.read_back(_write(lg, tmp_path))
    assert len(events) == len(nextactions.open_actions(lg.data, "none"))


def test_cli_calendar_writes_the_file(tmp_path):
    make(tmp_path, HELD, ASKED)
    out = subprocess.run([sys.executable, "-m", "helpers", "calendar", str(tmp_path / "log.csv"), "--out",
                          str(tmp_path / "c.ics"), "--as-of", "2026-12-02"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Wrote 4 events" in out.stdout and len(calendar_ics.read_back(tmp_path / "c.ics")) == 4
