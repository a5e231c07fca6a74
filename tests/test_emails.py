"""The request and thank-you e-mails: checks, composing, timing advice, saving, content checks."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import content, emails

REQUEST = {
    "your_name": "Jordan Reyes", "their_name": "Ms Okafor", "their_role": "a nurse manager",
    "organisation": "Riverside Community Hospital", "how_found": "the careers fair speakers' list",
    "referred_by": "", "may_use_name": False, "research": "your hospital opened a community clinic",
    "learn": "how you moved into management", "minutes": 25,
}
THANKS = {
    "your_name": "Jordan Reyes", "their_name": "Ms Okafor", "interview_date": "2026-12-01",
    "learned": "how much of the week goes into coaching", "next_step": "volunteer at the clinic",
    "referral": "",
}


def _columns(problems) -> list[str]:
    return [p.column for p in problems]


# ---------------------------------------------------------------------------------------
# Composing the request
# ---------------------------------------------------------------------------------------
def test_request_from_fields():
    problems, email = emails.compose_request(REQUEST)
    assert problems == []
    assert email.subject == "A 25-minute conversation about your work at Riverside Community Hospital?"
    for text in ("Dear Ms Okafor,", "My name is Jordan Reyes", "through the careers fair speakers' list.",
                 "I read that your hospital opened a community clinic.", "for 25 minutes",
                 "learn how you moved into management.", "a nurse manager at Riverside Community Hospital"):
        assert text in email.body
    assert email.body.rstrip().endswith("Jordan Reyes")
    assert "$" not in email.body and "\n\n\n" not in email.body


def test_request_never_asks_for_a_job():
    _, email = emails.compose_request(REQUEST)
    body = email.text().lower()
    for word in ("job", "vacanc", "hiring", "position", "resume", " cv"):
        assert word not in body


@pytest.mark.parametrize("name", ["your_name", "their_name", "their_role", "organisation", "research", "learn"])
def test_request_required_fields(name):
    problems, email = emails.compose_request({**REQUEST, name: "   "})
    assert email is None
    assert _columns(problems) == [name]
    assert problems[0].what == "is empty" and problems[0].fix.startswith("Fill in")


def test_request_empty_form_names_every_required_field():
    problems, email = emails.compose_request({})
    assert email is None
    assert set(_columns(problems)) >= {"your_name", "their_name", "their_role", "organisation", "research",
                                       "learn", "how_found", "minutes"}


@pytest.mark.parametrize("name", list(emails.REQUEST_FIELDS))
def test_request_length_limits(name):
    limit = emails.REQUEST_FIELDS[name].limit
    fields = {**REQUEST, "may_use_name": True}
    problems, _ = emails.compose_request({**fields, name: "a" * limit})
    assert name not in _columns(problems)
    problems, email = emails.compose_request({**fields, name: "a" * (limit + 1)})
    assert email is None
    assert [(p.column, p.what) for p in problems] == [(name, f"is {limit + 1} characters long")]
    assert str(limit) in problems[0].fix


@pytest.mark.parametrize("field, text", [
    ("learn", "whether you have any openings"),
    ("learn", "if you are hiring"),
    ("learn", "Are you HIRING?"),
    ("research", "you have   job openings in the east wing"),
    ("learn", "whether you could look at my CV"),
    ("how_found", "your vacancies page"),
    ("learn", "how I could work for you"),
])
def test_request_that_asks_for_a_job_is_refused(field, text):
    problems, email = emails.compose_request({**REQUEST, field: text})
    assert email is None
    assert _columns(problems) == [field]
    assert "asks about a job" in problems[0].what
    assert "learning, not for asking for a job" in problems[0].fix


@pytest.mark.parametrize("text", ["what a typical week in the job looks like",
                                  "how the team positions itself", "how you work for your patients",
                                  "how hiring decisions are made in your field"])
def test_job_words_in_a_learning_question_are_fine(text):
    problems, email = emails.compose_request({**REQUEST, "learn": text})
    assert problems == [] and text in email.body


def test_referrer_needs_permission():
    fields = {**REQUEST, "how_found": "", "referred_by": "Sam Lee"}
    problems, email = emails.compose_request(fields)
    assert email is None and _columns(problems) == ["referred_by"]
    assert "tick the box" in problems[0].fix
    problems, email = emails.compose_request({**fields, "may_use_name": True})
    assert problems == []
    assert "Sam Lee suggested I get in touch with you." in email.body
    assert "came across your name" not in email.body


def test_request_needs_how_found_or_referrer():
    problems, _ = emails.compose_request({**REQUEST, "how_found": ""})
    assert _columns(problems) == ["how_found"]
    assert "who referred you" in problems[0].fix


@pytest.mark.parametrize("minutes, ok", [(20, True), ("30", True), (25, True), (45, False), (5, False),
                                         ("half an hour", False), (None, False), (True, False)])
def test_request_minutes(minutes, ok):
    problems, _ = emails.compose_request({**REQUEST, "minutes": minutes})
    assert (problems == []) is ok
    if not ok:
        assert _columns(problems) == ["minutes"] and "20, 25 or 30" in problems[0].fix


def test_request_keeps_hostile_text_as_text_and_html_escapes_it():
    fields = {**REQUEST, "research": "<script>alert(1)</script>", "learn": '=HYPERLINK("http://x","y")'}
    problems, email = emails.compose_request(fields)
    assert problems == []
    assert "<script>alert(1)</script>" in email.body
    assert '=HYPERLINK("http://x","y")' in email.body
    html = email.html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.startswith("<pre") or "<pre" in html


@pytest.mark.parametrize("name", ["your_name", "their_name", "organisation"])
@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)"])
def test_names_that_look_like_formulas_are_refused(name, text):
    problems, email = emails.compose_request({**REQUEST, name: text})
    assert email is None and _columns(problems) == [name]
    assert "spreadsheet formula" in problems[0].what


def test_dollar_signs_and_braces_in_learner_text_are_not_placeholders():
    problems, email = emails.compose_request({**REQUEST, "learn": "how $their_name and ${x} budgets work"})
    assert problems == [] and "how $their_name and ${x} budgets work" in email.body


def test_spaces_and_line_breaks_tidied_and_no_double_full_stop():
    problems, email = emails.compose_request({**REQUEST, "research": "  your clinic\n opened   last spring.  "})
    assert "I read that your clinic opened last spring. I would" in email.body


# ---------------------------------------------------------------------------------------
# Composing the thank-you
# ---------------------------------------------------------------------------------------
def test_thank_you_from_fields():
    problems, email = emails.compose_thank_you(THANKS)
    assert problems == []
    assert email.subject == "Thank you for our conversation on Tuesday 1 December"
    assert "One thing that stood out for me was how much of the week goes into coaching." in email.body
    assert "I plan to volunteer at the clinic." in email.body
    assert "suggesting" not in email.body
    assert "\n\n\n" not in email.body and "$" not in email.body


def test_thank_you_with_referral():
    _, email = emails.compose_thank_you({**THANKS, "referral": "Dr Haddad"})
    assert "Thank you also for suggesting that I speak with Dr Haddad." in email.body
    paragraphs = email.body.split("\n\n")
    assert any(p.startswith("Thank you also") for p in paragraphs)


@pytest.mark.parametrize("name", ["your_name", "their_name", "interview_date", "learned", "next_step"])
def test_thank_you_required_fields(name):
    problems, email = emails.compose_thank_you({**THANKS, name: ""})
    assert email is None and _columns(problems) == [name]


@pytest.mark.parametrize("date, words", [("03/04/2026", "could be read two ways"), ("next Tuesday", "calendar"),
                                         ("2026-02-30", "no day 30"), ("8 December", "no year")])
def test_thank_you_malformed_date(date, words):
    problems, email = emails.compose_thank_you({**THANKS, "interview_date": date})
    assert email is None and _columns(problems) == ["interview_date"]
    assert words in problems[0].what


def test_thank_you_accepts_other_unambiguous_dates():
    _, email = emails.compose_thank_you({**THANKS, "interview_date": "1 Dec 2026"})
    assert "Tuesday 1 December" in email.subject


# ---------------------------------------------------------------------------------------
# Thank-you timing
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("today, words", [
    ("2026-11-28", "Your interview is on Tuesday 1 December. Draft the thank-you now"),
    ("2026-12-01", "Your interview is today"),
    ("2026-12-02", "Your interview was yesterday"),
    ("2026-12-03", "2 days ago"),
    ("2026-12-21", "20 days ago"),
])
def test_thank_you_advice_by_today(today, words):
    problems, advice = emails.thank_you_advice("2026-12-01", today=today)
    assert problems == [] and words in advice
    late = (dt.date.fromisoformat(today) - dt.date(2026, 12, 1)).days > 1
    assert ("24 hours have passed" in advice) is late


@pytest.mark.parametrize("sent, words", [
    ("2026-12-01", "the same day: right on time"),
    ("2026-12-02", "the next day: right on time"),
    ("2026-12-04", "3 days after the interview: later than the 24 hours"),
])
def test_thank_you_advice_when_sent(sent, words):
    problems, advice = emails.thank_you_advice("2026-12-01", sent_date=sent, today="2027-01-01")
    assert problems == [] and words in advice


def test_thank_you_advice_sent_before_interview():
    problems, advice = emails.thank_you_advice("2026-12-01", sent_date="2026-11-30")
    assert advice == "" and _columns(problems) == ["sent_date"] and "before the interview" in problems[0].what


@pytest.mark.parametrize("kwargs, column", [
    ({"interview_date": "12/01/2026"}, "interview_date"),
    ({"interview_date": ""}, "interview_date"),
    ({"interview_date": "2026-12-01", "sent_date": "yesterday"}, "sent_date"),
    ({"interview_date": "2026-12-01", "today": "2026-13-01"}, "today"),
])
def test_thank_you_advice_malformed_dates(kwargs, column):
    problems, advice = emails.thank_you_advice(**kwargs)
    assert advice == "" and _columns(problems) == [column] and problems[0].fix


def test_thank_you_advice_defaults_to_today():
    problems, advice = emails.thank_you_advice(dt.date.today())
    assert problems == [] and "Your interview is today" in advice


# ---------------------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------------------
def test_save_draft_writes_the_file_and_reads_back(workspace: Path):
    result = emails.save_draft("request", REQUEST, today=dt.date(2026, 11, 20))
    assert result.saved and result.changed
    data = json.loads((workspace / "emails.json").read_text(encoding="utf-8"))
    draft = data["drafts"]["request"]
    assert draft["fields"]["your_name"] == "Jordan Reyes" and draft["fields"]["minutes"] == 25
    assert draft["saved_on"] == "2026-11-20"
    assert result.email == emails.Email(draft["subject"], draft["body"])
    assert emails.saved_email("request") == result.email


def test_saving_the_same_draft_twice_writes_nothing(workspace: Path):
    emails.save_draft("request", REQUEST, today=dt.date(2026, 11, 20))
    before = (workspace / "emails.json").read_bytes()
    result = emails.save_draft("request", {**REQUEST, "learn": "  how you moved into management "},
                               today=dt.date(2026, 11, 25))
    assert result.saved and not result.changed and "Already saved" in result.message()
    assert (workspace / "emails.json").read_bytes() == before


def test_a_new_draft_replaces_the_old_one_of_its_kind(workspace: Path):
    emails.save_draft("request", REQUEST)
    emails.save_draft("thank_you", THANKS)
    emails.save_draft("request", {**REQUEST, "minutes": 20})
    data = json.loads((workspace / "emails.json").read_text(encoding="utf-8"))
    assert sorted(data["drafts"]) == ["request", "thank_you"]
    assert data["drafts"]["request"]["fields"]["minutes"] == 20


def test_a_draft_with_problems_saves_nothing_and_keeps_the_old(workspace: Path):
    emails.save_draft("request", REQUEST)
    before = (workspace / "emails.json").read_bytes()
    result = emails.save_draft("request", {**REQUEST, "their_name": "x" * 500})
    assert not result.saved and "Not saved" in result.message() and "Shorten it to 80" in result.message()
    assert (workspace / "emails.json").read_bytes() == before


def test_a_damaged_file_is_never_overwritten(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "emails.json").write_text("{not json", encoding="utf-8")
    result = emails.save_draft("request", REQUEST)
    assert not result.saved and result.problems[0].column == "file"
    assert "damaged" in result.problems[0].fix
    assert (workspace / "emails.json").read_text(encoding="utf-8") == "{not json"
    assert emails.saved_drafts() == {} and emails.export_text() == ""


def test_hand_edited_entries_that_are_not_drafts_are_skipped(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "emails.json").write_text(json.dumps({"drafts": {"request": "oops", "thank_you": {
        "subject": "S", "body": "B", "fields": {}}, "other": {}}}), encoding="utf-8")
    assert list(emails.saved_drafts()) == ["thank_you"]


def test_hostile_text_saved_verbatim(workspace: Path):
    emails.save_draft("request", {**REQUEST, "research": "<img src=x onerror=alert(1)>"})
    data = json.loads((workspace / "emails.json").read_text(encoding="utf-8"))
    assert data["drafts"]["request"]["fields"]["research"] == "<img src=x onerror=alert(1)>"


def test_export_text(workspace: Path):
    assert emails.export_text() == ""
    emails.save_draft("thank_you", {**THANKS, "learned": "<b>bold</b> ideas"})
    text = emails.export_text()
    assert text.startswith("E-mail drafts\n")
    assert "Thank-you e-mail" in text and "Request for an informational interview" not in text
    assert "<b>bold</b> ideas" in text, "plain text: the exporter escapes it"
    emails.save_draft("request", REQUEST)
    text = emails.export_text()
    assert text.index("Request for an informational interview") < text.index("Thank-you e-mail")
    assert "Subject: A 25-minute conversation" in text


def test_preview_saves_nothing(workspace: Path):
    shown = emails.preview("request")
    assert "Example" in shown.html and "Jordan Mbeki" in shown.text
    shown = emails.preview("thank_you", {**THANKS, "learned": "<i>x</i>"})
    assert "&lt;i&gt;x&lt;/i&gt;" in shown._repr_html_()
    assert not (workspace / "emails.json").exists()


def test_preview_of_bad_fields_shows_the_problems():
    shown = emails.preview("request", {**REQUEST, "their_name": "<b>=1</b>", "your_name": ""})
    assert "No e-mail yet" in shown.text and "your_name: is empty" in shown.text
    assert "<b>" not in shown.html


# ---------------------------------------------------------------------------------------
# The content file
# ---------------------------------------------------------------------------------------
@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder / "email_templates.toml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_is_fine():
    assert emails.check_content() == []


def test_an_edit_shows_up(content_copy):
    _edit(content_copy, 'subject = "A $minutes-minute conversation about your work at $organisation?"',
          'subject = "Could we talk for $minutes minutes, $their_name?"')
    assert emails.check_content() == []
    _, email = emails.compose_request(REQUEST)
    assert email.subject == "Could we talk for 25 minutes, Ms Okafor?"


@pytest.mark.parametrize("old, new, words", [
    ("I would especially like to learn $learn.", "I would especially like to learn $lern.",
     ["[request] body", "unknown placeholder $lern", "the placeholder $learn is missing"]),
    ("One thing that stood out for me was $learned.", "One thing that stood out for me was.",
     ["[thank_you] body", "the placeholder $learned is missing"]),
    ('found_line = "I came across your name through $how_found."', 'found_line = "I found you at $ the fair."',
     ["[request] found_line", "is not a placeholder", "$$ for a dollar sign"]),
    ("Thank you for considering it.", "Do you have any job openings?",
     ["[request] body", "job openings", "asks for a job"]),
    ("minutes = [20, 25, 30]", "minutes = [20, \"half an hour\"]", ["[request_rules] minutes"]),
    ("[thank_you]\n", "[thanks]\n", ["no [thank_you] table"]),
    ('your_name = "Jordan Mbeki"\ntheir_name = "Ms Okafor"\ntheir_role',
     'your_name = ""\ntheir_name = "Ms Okafor"\ntheir_role', ["[example.request] your_name", "is empty"]),
])
def test_broken_content_is_reported_with_file_and_fix(content_copy, old, new, words):
    _edit(content_copy, old, new)
    problems = emails.check_content()
    assert problems, "the mistake is found"
    text = "\n".join(problems)
    assert all("email_templates.toml" in p for p in problems)
    for w in words:
        assert w in text
    # The lesson shows the message instead of a traceback, and nothing is saved.
    problems, email = emails.compose_request(REQUEST)
    assert email is None and problems[0].column == "content" and "email_templates.toml" in problems[0].fix
    assert "email_templates.toml" in emails.preview("request").text
    assert not emails.save_draft("request", REQUEST).saved


def test_toml_syntax_error_names_the_line(content_copy):
    _edit(content_copy, 'referred_line = "$referred_by suggested I get in touch with you."',
          'referred_line = "$referred_by suggested I get in touch with you.')
    problems = emails.check_content()
    assert len(problems) == 1 and re.search(r"email_templates\.toml, line \d+", problems[0])


def test_missing_file(content_copy):
    content_copy.unlink()
    problems = emails.check_content()
    assert len(problems) == 1 and "is missing" in problems[0]
    assert "is missing" in emails.preview("thank_you").text


def test_job_phrases_are_editable(content_copy):
    _edit(content_copy, '"work for you",', '"work for you", "internship",')
    problems, _ = emails.compose_request({**REQUEST, "learn": "whether you offer an internship"})
    assert _columns(problems) == ["learn"]
