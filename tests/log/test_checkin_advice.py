"""The log check's advice on agreed check-in days (never an error, nothing refused, exit 0).

The chapter's rule: when the interviewee would rather contact someone first, agree a specific
check-in day about 7-10 days out, a working day. Labelled cases: each is an interview date, the
agreed day, the country whose public holidays count, and the advice codes expected.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import forms, log
from helpers.core import dates, followup, settings, workdays
from helpers.core.logfile import checkin_advice
from helpers.log import view as logbook

ROOT = Path(__file__).resolve().parents[2]
HEADER = "date,contact,organisation,status,follow_up_on\n"

# (label, interview, agreed, country, expected codes)
CASES = [
    ("weekend: a Saturday 9 days after", "2026-11-19", "2026-11-28", "GB-ENG", ("weekend",)),
    ("weekend: a Sunday 10 days after", "2026-11-19", "2026-11-29", "US", ("weekend",)),
    ("holiday in GB, not in the US: Early May bank holiday", "2026-04-27", "2026-05-04", "GB-ENG", ("holiday",)),
    ("same day in the US: a working Monday", "2026-04-27", "2026-05-04", "US", ()),
    ("holiday in the US, not in GB: Thanksgiving", "2026-11-17", "2026-11-26", "US", ("holiday",)),
    ("same day in GB: a working Thursday", "2026-11-17", "2026-11-26", "GB-ENG", ()),
    ("no country: holidays do not count", "2026-04-27", "2026-05-04", "none", ()),
    ("6 days: too soon", "2026-12-01", "2026-12-07", "GB-ENG", ("too_soon",)),
    ("11 days: too late", "2026-12-03", "2026-12-14", "GB-ENG", ("too_late",)),
    ("7 days: fine", "2026-12-01", "2026-12-08", "GB-ENG", ()),
    ("10 days: fine", "2026-12-01", "2026-12-11", "GB-ENG", ()),
    ("before the interview", "2026-12-08", "2026-12-07", "GB-ENG", ("before_interview",)),
    ("23 days and a Saturday: both said", "2026-11-05", "2026-11-28", "GB-ENG", ("too_late", "weekend")),
]


def one_row(tmp_path: Path, interview: str, agreed: str, status: str = "held") -> Path:
    path = tmp_path / "log.csv"
    path.write_text(HEADER + f"{interview},Ana Silva,Acme,{status},{agreed}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("label, interview, agreed, country, codes", CASES, ids=[c[0] for c in CASES])
def test_labelled_cases(tmp_path, label, interview, agreed, country, codes):
    lg = log.load(one_row(tmp_path, interview, agreed))
    assert lg.ok, "advice is never a problem"
    found = checkin_advice(lg.data, country=country)
    assert [a.codes for a in found] == ([codes] if codes else []), label
    # the rule itself, from the one date module: advice exactly when the day breaks it
    i, a = dt.date.fromisoformat(interview), dt.date.fromisoformat(agreed)
    keeps = dates.in_window(i, a) and a.weekday() < 5 and not workdays.is_holiday(a, country)
    assert keeps == (not found)
    if found:
        line = str(found[0])
        assert line.startswith(f'row 2, follow_up_on: "{agreed}" {dates.day_label(a)}'), line
        assert "works better" in line and "This is advice, not an error" in line and line.endswith("(advice)")


def test_holiday_advice_names_the_holiday_and_the_country(tmp_path):
    lg = log.load(one_row(tmp_path, "2026-11-17", "2026-11-26"))
    line = str(checkin_advice(lg.data, country="US")[0])
    assert "Thanksgiving" in line and "the United States" in line


@pytest.mark.parametrize("label, text", [
    ("no check-in agreed", "2026-12-01,Ana Silva,Acme,held,\n"),
    ("empty interview date", ",Ana Silva,Acme,held,2026-12-07\n"),
    ("a cancelled interview", "2026-12-01,Ana Silva,Acme,cancelled,2026-12-05\n"),
    ("an agreed day that is not a date", "2026-12-01,Ana Silva,Acme,held,next week\n"),
])
def test_no_advice_without_two_dates(tmp_path, label, text):
    path = tmp_path / "log.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    lg = log.load(path)
    assert checkin_advice(lg.data, country="GB-ENG") == [], label
    if label in ("empty interview date", "an agreed day that is not a date"):
        assert lg.problems, "the date itself is a problem, reported as one (not advice)"


def test_the_country_comes_from_the_learners_setting(tmp_path):
    lg = log.load(one_row(tmp_path, "2026-11-17", "2026-11-26"))   # Thanksgiving
    assert settings.country() == "GB-ENG"
    assert lg.advice == []
    assert settings.set_country("US").saved
    assert [a.codes for a in log.load(one_row(tmp_path, "2026-11-17", "2026-11-26")).advice] == [("holiday",)]


def test_the_words_are_the_date_modules(tmp_path):
    """One date module: the advice says what followup.window_advice says, and more."""
    lg = log.load(one_row(tmp_path, "2026-11-19", "2026-11-28"))
    line = str(lg.advice[0])
    for piece in followup.window_advice(dt.date(2026, 11, 19), dt.date(2026, 11, 28), country="GB-ENG"):
        assert piece.message in line


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_check_advises_and_exits_0(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "2026-11-19,Ana Silva,Acme,held,2026-11-28\n"
                             "2026-11-17,Bo Chen,Acme,held,2026-11-26\n"
                             "2026-12-01,Cy Diaz,Acme,held,2026-12-08\n", encoding="utf-8")
    done = run("check", str(path), "--country", "US")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["row 2, follow_up_on", "row 3, follow_up_on"]
    assert "Saturday" in lines[0] and "Thanksgiving" in lines[1]
    assert "2 piece(s) of advice" in done.stderr and "no problems found" in done.stderr
    done = run("check", str(path), "--country", "GB-ENG")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1


def test_cli_check_with_a_problem_and_advice_exits_1(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "2026-11-19,Ana Silva,Acme,held,2026-11-28\n2026-11-19,Bo Chen,Acme,done,\n",
                    encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith('row 3, status: "done"') and lines[1].endswith("(advice)")
    assert "1 problem(s)" in done.stderr


def test_sample_log_keeps_the_rule_but_for_one_row_on_purpose():
    """Every agreed check-in day in the sample is a working day 7-10 days after the interview in
    the default country, but Oliver Grant's: he asked for a later day, and the log says so."""
    sample = log.load(log.sample_path())
    assert sample.ok
    found = checkin_advice(sample.data)   # the default country (the class's)
    assert [(sample.data.loc[a.row, "contact"], a.codes) for a in found] == [("Oliver Grant", ("too_late",))]
    assert "asked me to check in after" in sample.raw.loc[found[0].row, "notes"]


def test_the_log_view_shows_the_advice_without_blocking(workspace):
    view = forms.log_view(charts=False)
    assert "Oliver Grant" not in view.advice.value  # the advice speaks of rows, not names
    assert "row 22, follow_up_on" in view.advice.value and "nothing needs fixing" in view.advice.value
    assert view.advice in view.widget.children
    form = forms.log_entry_form()
    form.controls["date"].value = dt.date(2026, 11, 19)
    for name, value in {"contact": "Ana Silva", "organisation": "Acme", "status": "held"}.items():
        form.controls[name].value = value
    form.controls["follow_up_on"].value = dt.date(2026, 11, 28)
    form.controls["save"].click()
    assert log.load(workspace / "interview_log.csv").raw["contact"].tolist() == ["Ana Silva"], "saved"
    assert "falls on a weekend" in form.extras["tips"].value
    assert "row 2, follow_up_on" in view.advice.value
    assert logbook.advice_html(log.empty()) == ""
