"""Dates: reading what a learner typed, the 7-10 day check-in window, the check-in sentence."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpers import content
from helpers.core import followup, workdays as holidays_calendar
from helpers.core import dates

CASES = Path(__file__).resolve().parents[1] / "cases"


def _rows(name: str) -> list[dict[str, str]]:
    with open(CASES / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


CHECKIN = _rows("followup_checkin.csv")
DATES = _rows("followup_dates.csv")
HOLIDAYS = _rows("followup_holidays.csv")


@pytest.mark.parametrize("case", CHECKIN, ids=[f"{c['interview']}-{c['earliest']}-{c['latest']}" for c in CHECKIN])
def test_checkin_dates_table(case):
    interview = dt.date.fromisoformat(case["interview"])
    got = followup.checkin_dates(interview, int(case["earliest"]), int(case["latest"]), country="none")
    assert [d.isoformat() for d in got] == case["expected"].split(), case["note"]


@pytest.mark.parametrize("case", CHECKIN, ids=[c["interview"] for c in CHECKIN])
def test_checkin_dates_are_weekdays_in_order(case):
    got = followup.checkin_dates(dt.date.fromisoformat(case["interview"]), int(case["earliest"]),
                                 int(case["latest"]), country="none")
    assert got, "always at least one date"
    assert all(d.weekday() < 5 for d in got)
    assert got == sorted(set(got))


@pytest.mark.parametrize("case", HOLIDAYS, ids=[f"{c['interview']}-{c['country']}" for c in HOLIDAYS])
def test_checkin_dates_skip_public_holidays(case):
    got = followup.checkin_dates(dt.date.fromisoformat(case["interview"]), country=case["country"])
    assert [d.isoformat() for d in got] == case["expected"].split(), case["note"]


def test_december_16_never_proposes_christmas_day():
    for country in ("GB", "GB-ENG", "US"):
        got = followup.checkin_dates(dt.date(2026, 12, 16), country=country)
        assert dt.date(2026, 12, 25) not in got
        assert followup.skipped_holidays(dt.date(2026, 12, 16), country=country) == {
            dt.date(2026, 12, 25): "Christmas Day"}


def test_the_workspace_country_is_the_default(workspace):
    from helpers.core import settings

    assert settings.country() == settings.DEFAULT_COUNTRY
    assert dt.date(2026, 12, 25) not in followup.checkin_dates(dt.date(2026, 12, 16))
    assert settings.set_country("none").ok
    assert dt.date(2026, 12, 25) in followup.checkin_dates(dt.date(2026, 12, 16))


@pytest.mark.parametrize("country", ["none", "GB-ENG", "US"])
def test_every_day_of_two_years_has_a_working_day_soon_after(country):
    day = dt.date(2026, 1, 1)
    while day < dt.date(2028, 12, 31):
        got = followup.checkin_dates(day, country=country)
        if country == "none":
            assert 2 <= len(got) <= 4 and all(7 <= (d - day).days <= 10 for d in got)
        else:
            assert 1 <= len(got) <= 4 and all(7 <= (d - day).days <= 14 for d in got)
        assert all(d.weekday() < 5 and not holidays_calendar.is_holiday(d, country) for d in got)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("earliest, latest", [(0, 3), (8, 7), (-1, 2), (1.5, 3), (True, 3)])
def test_checkin_dates_refuses_a_nonsense_window(earliest, latest):
    with pytest.raises(ValueError):
        followup.checkin_dates(dt.date(2026, 12, 1), earliest, latest, country="none")


def test_checkin_dates_wants_a_date_not_text():
    with pytest.raises(TypeError):
        followup.checkin_dates("2026-12-01")  # type: ignore[arg-type]


@pytest.mark.parametrize("case", DATES, ids=[repr(c["text"]) for c in DATES])
def test_the_one_parser_on_typed_dates(case):
    got, problem = dates.parse(case["text"], field="when")
    if case["expected"]:
        assert problem is None and got == dt.date.fromisoformat(case["expected"])
    else:
        assert got is None and problem.field == "when" and problem.code == case["code"]
        assert problem.fix, "every refusal says how to fix it"


def test_followup_has_no_date_parser_of_its_own():
    import inspect

    source = inspect.getsource(followup)
    assert "def parse_date" not in source and "re.fullmatch" not in source


@pytest.mark.parametrize("request_date, country, first, last", [
    ("2026-11-23", "none", "2026-11-26", "2026-12-03"),      # Monday: Thursday, then a week later
    ("2026-11-27", "none", "2026-12-02", "2026-12-09"),      # Friday: the weekend does not count
    ("2026-11-23", "US", "2026-11-27", "2026-12-04"),        # Thanksgiving skipped
    ("2026-12-22", "GB-ENG", "2026-12-29", "2027-01-06"),    # 25, 28 December and 1 January skipped
])
def test_follow_up_dates(request_date, country, first, last):
    got = followup.follow_up_dates(dt.date.fromisoformat(request_date), country=country)
    assert got == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_follow_up_dates_with_explicit_holidays():
    got = followup.follow_up_dates(dt.date(2026, 11, 23), holidays=[dt.date(2026, 11, 24)])
    assert got == (dt.date(2026, 11, 27), dt.date(2026, 12, 4))


def test_day_label_is_not_affected_by_locale():
    assert followup.day_label(dt.date(2026, 12, 8)) == "Tuesday 8 December"
    assert followup.day_label(dt.date(2027, 1, 1), year=True) == "Friday 1 January 2027"


def test_checkin_sentence_restates_the_promise():
    day = dt.date(2026, 12, 8)
    assert followup.checkin_sentence("", day, "Dr Nasser") == (
        "Thank you for offering to speak to Dr Nasser. Could I check in with you on Tuesday 8 December, "
        "to hear how it went?")
    assert followup.checkin_sentence("  Ana   Lopez ", day, "Sam") == (
        "Thank you, Ana Lopez, for offering to speak to Sam. Could I check in with you on Tuesday 8 December, "
        "to hear how it went?")
    assert "the people you mentioned" in followup.checkin_sentence("", day)


def test_checkin_sentence_keeps_hostile_text_as_text():
    # The sentence is plain text; forms escape it when they show it.
    sentence = followup.checkin_sentence("<b>$day</b>", dt.date(2026, 12, 8), "$person")
    assert sentence.startswith("Thank you, <b>$day</b>, for offering to speak to $person.")


@pytest.mark.parametrize("agreed, codes", [
    ("2026-12-08", []),
    ("2026-12-11", []),
    ("2026-12-04", ["too_soon"]),
    ("2026-12-01", ["before_interview"]),
    ("2026-11-30", ["before_interview"]),
    ("2026-12-15", ["too_late"]),
    ("2026-12-12", ["too_late", "weekend"]),
    ("2026-12-20", ["too_late", "weekend"]),
])
def test_window_advice(agreed, codes):
    advice = followup.window_advice(dt.date(2026, 12, 1), dt.date.fromisoformat(agreed), country="none")
    assert [a.code for a in advice] == codes
    if codes:
        assert "Tuesday 8 December" in " ".join(a.message for a in advice), "advice names a better date"


def test_window_advice_on_a_holiday():
    advice = followup.window_advice(dt.date(2026, 12, 16), dt.date(2026, 12, 25), country="US")
    assert [a.code for a in advice] == ["holiday"] and "Christmas Day" in advice[0].message
    assert "the United States" in advice[0].message


@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder


def test_checkin_sentence_follows_an_edited_content_file(content_copy):
    path = content_copy / "referrals.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('sentence = "Thank you for offering', 'sentence = "Shall I call you on $day? Thank you for offering'),
                    encoding="utf-8")
    assert followup.checkin_sentence("", dt.date(2026, 12, 8), "Sam").startswith("Shall I call you on Tuesday 8 December?")


def test_checkin_sentence_with_a_broken_template_says_where(content_copy):
    path = content_copy / "referrals.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("check in with you on $day, to hear", "check in with you on $dya, to hear", 1),
                    encoding="utf-8")
    with pytest.raises(content.ContentError) as info:
        followup.checkin_sentence("", dt.date(2026, 12, 8))
    assert "referrals.toml" in str(info.value) and "[checkin] sentence" in str(info.value)
