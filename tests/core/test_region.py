"""The class's settings (data/content/class.toml): country, date style, the word for a CV."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core import dates, followup, region, settings
from helpers.core.jobask import job_ask

ROOT = Path(__file__).resolve().parents[2]


def _class(folder: Path, country: str = "US", style: str = "month-day", cv: str = "résumé") -> None:
    (folder / "class.toml").write_text(
        f'country = "{country}"\ndate_style = "{style}"\ncv_word = "{cv}"\n', encoding="utf-8")


@pytest.fixture
def us_class(content_copy: Path, workspace: Path) -> Path:
    _class(content_copy)
    return content_copy


def test_the_shipped_class_is_england_day_month_and_cv(workspace):
    assert region.current() == region.Region("GB-ENG", "day-month", "CV")
    assert region.check_content() == []
    assert dates.day_label(dt.date(2026, 9, 8), year=True) == "Tuesday 8 September 2026"


def test_a_us_class_skips_us_holidays_and_not_england_s(us_class):
    assert settings.country() == "US"
    # Thanksgiving (Thursday 26 November 2026) is skipped; in England it is a working day
    assert followup.checkin_dates(dt.date(2026, 11, 19)) == [dt.date(2026, 11, 27)]
    assert followup.checkin_dates(dt.date(2026, 11, 19), country="GB-ENG") == [dt.date(2026, 11, 26),
                                                                                dt.date(2026, 11, 27)]
    # England's summer bank holiday (Monday 31 August 2026) is a US working day; Labor Day (7 September) is not
    assert dt.date(2026, 8, 31) in followup.checkin_dates(dt.date(2026, 8, 22))
    assert dt.date(2026, 9, 7) not in followup.checkin_dates(dt.date(2026, 8, 31))
    assert dt.date(2026, 9, 7) in followup.checkin_dates(dt.date(2026, 8, 31), country="GB-ENG")
    # Martin Luther King Day, Monday 18 January 2027
    assert dt.date(2027, 1, 18) not in followup.checkin_dates(dt.date(2027, 1, 9))
    assert dt.date(2027, 1, 18) in followup.checkin_dates(dt.date(2027, 1, 9), country="GB-ENG")


def test_the_learner_s_own_country_wins_over_the_class_s(us_class):
    assert settings.own_country() is None
    assert settings.set_country("GB-SCT").saved
    assert settings.country() == "GB-SCT" and region.current().country == "US"


def test_dates_and_words_follow_the_class(us_class):
    assert dates.day_label(dt.date(2026, 9, 8)) == "Tuesday, September 8"
    assert dates.day_label(dt.date(2026, 9, 8), year=True) == "Tuesday, September 8, 2026"
    found = job_ask("Could you pass my CV to your manager?")
    assert found is not None and "résumé" in found.reason and "CV" not in found.reason + found.instead
    assert "November 27" in followup.checkin_sentence("Ana", dt.date(2026, 11, 27))


@pytest.mark.parametrize("text, want", [
    ("Send your CV.", "Send your résumé."),
    ("CVs differ. cv tips", "Résumés differ. Résumé tips"),
    ("my CV, and your CV's layout", "my résumé, and your résumé's layout"),
    ("see CV/docs and file_CV.pdf", "see CV/docs and file_CV.pdf"),
])
def test_the_word_for_a_cv_is_swapped_as_a_word_only(text, want):
    assert region.Region(cv_word="résumé").words(text) == want


def test_mistakes_in_the_class_file_are_named_and_the_lessons_keep_the_defaults(content_copy, workspace):
    _class(content_copy, country="Narnia", style="dd-mm", cv="resume")
    problems = region.check_content()
    assert any('country "Narnia"' in p and "two-letter code" in p for p in problems)
    assert any("date_style" in p and "day-month, month-day" in p for p in problems)
    assert any("cv_word" in p and "CV, résumé" in p for p in problems)
    assert region.current() == region.Region()
    _class(content_copy, country="US", style="dd-mm")
    assert region.current() == region.Region("US", "day-month", "résumé")   # the right fields are kept


def test_a_missing_class_file_means_the_defaults_and_check_content_says_so(content_copy, workspace):
    (content_copy / "class.toml").unlink()
    assert region.current() == region.Region()
    assert any("class.toml: the content file is missing" in p for p in region.check_content())


def _cli(*args: str, env_content: Path | None = None, tmp: Path) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, INTERVIEW_WORKSPACE=str(tmp / "ws"))
    if env_content is not None:
        env["INTERVIEW_CONTENT"] = str(env_content)
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _log(tmp: Path) -> Path:
    path = tmp / "log.csv"
    # A request sent on Monday 23 November with no reply: the first follow-up is three working days
    # later, Thursday 26 November in England and Friday 27 November in the US (Thanksgiving).
    path.write_text("date,contact,organisation,status\n2026-11-23,Ana Silva,Bluebird Cafe,requested\n", encoding="utf-8")
    return path


def test_next_calendar_and_summary_take_a_country(tmp_path):
    log = _log(tmp_path)
    us = _cli("next", str(log), "--as-of", "2026-11-30", "--country", "US", tmp=tmp_path)
    gb = _cli("next", str(log), "--as-of", "2026-11-30", "--country", "GB-ENG", tmp=tmp_path)
    assert us.returncode == gb.returncode == 0
    assert "Follow up: Ana Silva (due since Friday 27 November" in us.stdout, us.stdout
    assert "Follow up: Ana Silva (due since Thursday 26 November" in gb.stdout, gb.stdout
    bad = _cli("next", str(log), "--country", "Narnia", tmp=tmp_path)
    assert bad.returncode == 2 and "not a country code" in bad.stderr and "Traceback" not in bad.stderr
    for code, want in (("US", "20261127"), ("GB-ENG", "20261126")):
        out = tmp_path / f"{code}.ics"
        done = _cli("calendar", str(log), "--out", str(out), "--as-of", "2026-11-20", "--country", code, tmp=tmp_path)
        assert done.returncode == 0, done.stderr
        assert f"DTSTART;VALUE=DATE:{want}" in out.read_text(encoding="utf-8")
    agreed = tmp_path / "agreed.csv"
    agreed.write_text("date,contact,organisation,status,follow_up_on\n2026-11-17,Ana Silva,Bluebird Cafe,held,"
                      "2026-11-26\n", encoding="utf-8")
    us = _cli("summary", str(agreed), "--as-of", "2026-11-20", "--country", "US", tmp=tmp_path)
    gb = _cli("summary", str(agreed), "--as-of", "2026-11-20", "--country", "GB-ENG", tmp=tmp_path)
    assert "Thanksgiving" in us.stdout and "public holiday in the United States" in us.stdout
    assert "Thanksgiving" not in gb.stdout and "Every agreed date is a working day" in gb.stdout


def test_a_us_class_file_reaches_the_commands(tmp_path, content_copy):
    _class(content_copy)
    log = _log(tmp_path)
    done = _cli("next", str(log), "--as-of", "2026-11-30", env_content=content_copy, tmp=tmp_path)
    assert "due since Friday, November 27" in done.stdout, done.stdout
    summary = _cli("summary", str(log), "--as-of", "2026-11-30", env_content=content_copy, tmp=tmp_path)
    assert "As of Nov 30, 2026" in summary.stdout


def test_a_student_copy_for_a_us_class_says_resume_in_the_lessons(us_class, tmp_path):
    import json

    from helpers.classroom import student

    result = student.build_student(tmp_path / "copy")
    assert sum(nb.localised for nb in result.notebooks) > 0
    texts = []
    for path in sorted((tmp_path / "copy" / "notebooks").glob("0*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    text = "\n".join(texts)
    assert "résumé" in text
    assert not __import__("re").search(r"(?<![\w./-])CVs?(?![\w/-])", text)
    shipped = "\n".join("".join(c["source"]) for p in sorted((ROOT / "notebooks").glob("0*.ipynb"))
                        for c in json.loads(p.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown")
    assert "CV" in shipped   # the shipped lessons keep British English
