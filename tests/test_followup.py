"""Dates: reading what a learner typed, the 7-10 day check-in window, the check-in sentence."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpers import content, followup

CASES = Path(__file__).resolve().parent / "cases"


def _rows(name: str) -> list[dict[str, str]]:
    with open(CASES / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


CHECKIN = _rows("followup_checkin.csv")
DATES = _rows("followup_dates.csv")


@pytest.mark.parametrize("case", CHECKIN, ids=[f"{c['interview']}-{c['earliest']}-{c['latest']}" for c in CHECKIN])
def test_checkin_dates_table(case):
    interview = dt.date.fromisoformat(case["interview"])
    got = followup.checkin_dates(interview, int(case["earliest"]), int(case["latest"]))
    assert [d.isoformat() for d in got] == case["expected"].split(), case["note"]


@pytest.mark.parametrize("case", CHECKIN, ids=[c["interview"] for c in CHECKIN])
def test_checkin_dates_are_weekdays_in_order(case):
    got = followup.checkin_dates(dt.date.fromisoformat(case["interview"]), int(case["earliest"]),
                                 int(case["latest"]))
    assert got, "always at least one date"
    assert all(d.weekday() < 5 for d in got)
    assert got == sorted(set(got))


def test_every_day_of_two_years_has_two_or_more_dates_in_the_window():
    day = dt.date(2026, 1, 1)
    while day < dt.date(2028, 12, 31):
        got = followup.checkin_dates(day)
        assert 2 <= len(got) <= 4
        assert all(7 <= (d - day).days <= 10 for d in got)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("earliest, latest", [(0, 3), (8, 7), (-1, 2), (1.5, 3)])
def test_checkin_dates_refuses_a_nonsense_window(earliest, latest):
    with pytest.raises(ValueError):
        followup.checkin_dates(dt.date(2026, 12, 1), earliest, latest)


def test_checkin_dates_wants_a_date_not_text():
    with pytest.raises(TypeError):
        followup.checkin_dates("2026-12-01")  # type: ignore[arg-type]


@pytest.mark.parametrize("case", DATES, ids=[repr(c["text"]) for c in DATES])
def test_parse_date_table(case):
    got, problems = followup.parse_date(case["text"], field="when")
    if case["expected"]:
        assert problems == []
        assert got == dt.date.fromisoformat(case["expected"])
    else:
        assert got is None
        assert len(problems) == 1
        problem = problems[0]
        assert problem.column == "when"
        assert case["problem"] in f"{problem.what}. {problem.fix}"
        assert problem.fix, "every refusal says how to fix it"


def test_parse_date_ambiguous_gives_both_readings_as_fixes():
    _, problems = followup.parse_date("03/04/2026")
    assert "2026-04-03" in problems[0].fix and "2026-03-04" in problems[0].fix


def test_parse_date_one_reading_suggests_it():
    _, problems = followup.parse_date("31/12/2026")
    assert "2026-12-31" in problems[0].fix


def test_parse_date_accepts_date_objects_and_refuses_none():
    assert followup.parse_date(dt.date(2026, 12, 8)) == (dt.date(2026, 12, 8), [])
    assert followup.parse_date(dt.datetime(2026, 12, 8, 9, 30)) == (dt.date(2026, 12, 8), [])
    got, problems = followup.parse_date(None)
    assert got is None and problems[0].what == "is empty"


def test_parse_date_very_long_text_is_refused_and_shortened():
    got, problems = followup.parse_date("2026-12-08" * 50)
    assert got is None and "too long" in problems[0].what
    assert len(problems[0].value) <= 41


def test_day_label_is_not_affected_by_locale():
    assert followup.day_label(dt.date(2026, 12, 8)) == "Tuesday 8 December"
    assert followup.day_label(dt.date(2027, 1, 1), year=True) == "Friday 1 January 2027"


def test_checkin_sentence_with_and_without_name():
    day = dt.date(2026, 12, 8)
    assert followup.checkin_sentence("", day) == \
        "Would it be all right if I checked in with you on Tuesday 8 December?"
    assert followup.checkin_sentence("  Ana   Lopez ", day) == \
        "Thank you, Ana Lopez. Would it be all right if I checked in with you on Tuesday 8 December?"


def test_checkin_sentence_keeps_hostile_text_as_text():
    # The sentence is plain text; forms escape it when they show it.
    sentence = followup.checkin_sentence("<b>$day</b>", dt.date(2026, 12, 8))
    assert sentence.startswith("Thank you, <b>$day</b>.")


@pytest.mark.parametrize("agreed, expect", [
    ("2026-12-08", []),
    ("2026-12-11", []),
    ("2026-12-04", ["only 3 days after"]),
    ("2026-12-01", ["the same day as"]),
    ("2026-11-30", ["1 day before"]),
    ("2026-12-15", ["14 days after", "gone cold"]),
    ("2026-12-12", ["is a Saturday"]),
    ("2026-12-20", ["19 days after", "is a Sunday"]),
])
def test_window_advice(agreed, expect):
    advice = followup.window_advice(dt.date(2026, 12, 1), dt.date.fromisoformat(agreed))
    if not expect:
        assert advice == []
        return
    text = " ".join(advice)
    for words in expect:
        assert words in text
    assert "Tuesday 8 December" in text, "advice names a better date"


@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder


def test_checkin_sentence_follows_an_edited_content_file(content_copy):
    path = content_copy / "referrals.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('sentence = "Would it be all right', 'sentence = "Shall I call you on $day? Would it be all right'),
                    encoding="utf-8")
    assert followup.checkin_sentence("", dt.date(2026, 12, 8)).startswith("Shall I call you on Tuesday 8 December?")


def test_checkin_sentence_with_a_broken_template_says_where(content_copy):
    path = content_copy / "referrals.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("checked in with you on $day?\"\n", "checked in with you on $dya?\"\n", 1),
                    encoding="utf-8")
    with pytest.raises(content.ContentError) as info:
        followup.checkin_sentence("", dt.date(2026, 12, 8))
    assert "referrals.toml" in str(info.value) and "[checkin] sentence" in str(info.value)
