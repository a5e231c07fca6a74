"""The e-mail forms driven from Python: set values, click, read back the saved file and the shown text."""
from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

import formdamage
from helpers import content, emails, forms

REQUEST = {
    "your_name": "Jordan Reyes", "their_name": "Ms Okafor", "their_role": "a nurse manager",
    "organisation": "Riverside Community Hospital", "how_found": "the careers fair speakers' list",
    "referred_by": "", "research": "your hospital opened a community clinic",
    "learn": "how you moved into management",
}
THANKS = {
    "your_name": "Jordan Reyes", "their_name": "Ms Okafor", "interview_date": "2026-12-01",
    "learned": "how much of the week goes into coaching", "next_step": "volunteer at the clinic",
    "referral": "",
}


def fill(form, values) -> None:
    for name, value in values.items():
        form.controls[name].value = value


shown_html = formdamage.shown


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "emails.json").read_text(encoding="utf-8"))


def test_forms_found_through_the_lazy_lookup():
    assert forms.email_form().controls["write"].description.startswith("Write and save my request")
    assert "interview_date" in forms.email_form("thank_you").controls
    with pytest.raises(ValueError):
        forms.email_form("memo")


@pytest.mark.parametrize("builder", ["request_email_form", "follow_up_email_form", "thank_you_email_form"])
def test_every_field_is_labelled_with_a_message_beside_it(builder):
    form = getattr(forms, builder)()
    for name, control in form.controls.items():
        assert control.description.strip(), f"{name} has no label"
        if not isinstance(control, widgets.Button):
            assert name in form.messages


def test_fresh_workspace_shows_nothing_saved_and_writes_nothing(workspace: Path):
    form = forms.request_email_form()
    assert "Nothing saved yet" in form.extras["email"].value
    assert form.controls["your_name"].value == ""
    assert not (workspace / "emails.json").exists()


def test_empty_request_puts_a_message_beside_each_required_field(workspace: Path):
    form = forms.request_email_form()
    form.controls["write"].click()
    for name in ("your_name", "their_name", "their_role", "organisation", "how_found", "research", "learn"):
        assert "is empty" in form.messages[name].value, name
    assert form.messages["referred_by"].value == ""
    assert "Not saved yet" in form.status.value
    assert not (workspace / "emails.json").exists()


def test_request_saved_and_shown_from_the_file(workspace: Path):
    form = forms.request_email_form()
    fill(form, REQUEST)
    form.controls["minutes"].value = 30
    form.controls["write"].click()
    assert "Saved in your workspace" in form.status.value
    draft = saved(workspace)["drafts"]["request"]
    assert draft["fields"]["minutes"] == 30 and draft["fields"]["their_name"] == "Ms Okafor"
    shown = form.extras["email"].value
    assert "<pre" in shown
    assert f">{html.escape(draft['subject'])}</pre>" in shown
    assert f">{html.escape(draft['body'])}</pre>" in shown
    assert "for 30 minutes" in shown
    # A new form (a restarted kernel) shows the same draft, read from the file, and its fields.
    again = forms.request_email_form()
    assert again.extras["email"].value == shown
    assert again.controls["organisation"].value == "Riverside Community Hospital"
    assert again.controls["minutes"].value == 30


def test_clicking_twice_saves_one_draft_and_changes_nothing(workspace: Path):
    form = forms.request_email_form()
    fill(form, REQUEST)
    form.controls["write"].click()
    before = (workspace / "emails.json").read_bytes()
    form.controls["write"].click()
    assert "Already saved" in form.status.value
    assert (workspace / "emails.json").read_bytes() == before
    assert list(saved(workspace)["drafts"]) == ["request"]


def test_too_long_field_keeps_what_was_saved_and_shows_the_failed_draft(workspace: Path):
    form = forms.request_email_form()
    fill(form, REQUEST)
    form.controls["write"].click()
    before = (workspace / "emails.json").read_bytes()
    body = saved(workspace)["drafts"]["request"]["body"]
    form.controls["learn"].value = "y" * 301
    form.controls["write"].click()
    assert "is 301 characters long" in form.messages["learn"].value
    assert "300 characters or fewer" in form.messages["learn"].value
    assert (workspace / "emails.json").read_bytes() == before
    assert "NOT saved" in form.extras["failed"].value and "y" * 301 in form.extras["failed"].value
    assert "is OLDER" in form.extras["email"].value and html.escape(body) in form.extras["email"].value
    # Fixed and saved: the failed draft goes away and the saved one is current again.
    form.controls["learn"].value = "how you plan a week"
    form.controls["write"].click()
    assert form.extras["failed"].value == "" and "OLDER" not in form.extras["email"].value


def test_a_first_failed_save_says_nothing_is_saved_yet(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "learn": "if there's a job for me"})
    form.controls["write"].click()
    assert "asks about a job" in form.messages["learn"].value
    assert "NOT saved" in form.extras["failed"].value
    assert "Nothing is saved yet" in form.extras["email"].value
    assert not (workspace / "emails.json").exists()


def test_ordinary_input_gives_a_clean_email_in_the_form(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "their_name": "Dear Mr Osei,", "research": "I read that Your trust opened a clinic.",
                "learn": "I'd like to learn how audits work", "their_role": "analyst"})
    form.controls["spoke_to_similar"].value = True
    form.controls["write"].click()
    body = saved(workspace)["drafts"]["request"]["body"]
    assert body.startswith("Dear Mr Osei,\n") and "Dear Dear" not in body and ",," not in body
    assert "I read that your trust opened a clinic," in body and "I read that I read" not in body
    assert "learn how audits work." in body and "an analyst at" in body
    assert "similar organisations" in body
    assert "words" in form.status.value, "the word count is shown"


@pytest.mark.parametrize("typed", ["lol", "x/y/z"])
def test_nonsense_gets_a_message_beside_the_field(workspace: Path, typed):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "research": typed})
    form.controls["write"].click()
    assert "does not read as words" in form.messages["research"].value
    assert not (workspace / "emails.json").exists()


def test_hostile_html_is_refused_and_shown_escaped(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "research": "<script>alert(1)</script>", "learn": "<img src=x onerror=alert(2)>"})
    form.controls["write"].click()
    everything = shown_html(form)
    assert "<script>" not in everything and "<img" not in everything
    assert "web-page code" in form.messages["research"].value
    assert "&lt;script&gt;" in form.extras["failed"].value
    assert not (workspace / "emails.json").exists()


def test_formula_in_a_name_gets_a_message_beside_it(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "their_name": '=HYPERLINK("http://evil","x")'})
    form.controls["write"].click()
    assert "formula" in form.messages["their_name"].value
    assert not (workspace / "emails.json").exists()


def test_job_ask_and_referrer_permission(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "learn": "whether you have any openings", "how_found": "", "referred_by": "Sam Lee"})
    form.controls["write"].click()
    assert "asks about a job" in form.messages["learn"].value
    assert "tick the box" in form.messages["referred_by"].value
    assert not (workspace / "emails.json").exists()
    form.controls["learn"].value = "how you plan a week"
    form.controls["may_use_name"].value = True
    form.controls["write"].click()
    assert form.messages["learn"].value == "" and form.messages["referred_by"].value == ""
    assert "Sam Lee suggested I get in touch with you." in form.extras["email"].value
    assert saved(workspace)["drafts"]["request"]["fields"]["may_use_name"] is True


def test_dates_are_picked(workspace: Path):
    form = forms.thank_you_email_form(today=dt.date(2026, 12, 2))
    assert isinstance(form.controls["interview_date"], widgets.DatePicker)
    assert isinstance(forms.follow_up_email_form().controls["request_date"], widgets.DatePicker)
    fill(form, {**THANKS, "interview_date": None})
    form.controls["write"].click()
    assert "is empty" in form.messages["interview_date"].value
    assert not (workspace / "emails.json").exists()


def test_thank_you_saved_with_timing_advice(workspace: Path):
    form = forms.thank_you_email_form(today=dt.date(2026, 12, 5))
    fill(form, {**THANKS, "interview_date": dt.date(2026, 12, 1), "referral": "Dr Nasser & team"})
    form.controls["write"].click()
    draft = saved(workspace)["drafts"]["thank_you"]
    assert draft["fields"]["referral"] == "Dr Nasser & team" and draft["fields"]["interview_date"] == "2026-12-01"
    assert "Thank you also for suggesting that I speak with Dr Nasser &amp; team" in form.extras["email"].value
    assert "4 days ago" in form.status.value and "the same day or the next has passed" in form.status.value
    # Re-opened on the day after the interview, the advice follows "today", and the date is picked again.
    again = forms.thank_you_email_form(today=dt.date(2026, 12, 2))
    assert "yesterday" in again.status.value and again.controls["interview_date"].value == dt.date(2026, 12, 1)


def test_follow_up_form_says_when_each_is_due(workspace: Path):
    request = forms.request_email_form()
    fill(request, REQUEST)
    request.controls["write"].click()
    form = forms.follow_up_email_form(today=dt.date(2026, 11, 24))
    assert form.controls["your_name"].value == "Jordan Reyes" and form.controls["their_name"].value == "Ms Okafor"
    form.controls["request_date"].value = dt.date(2026, 11, 23)
    form.controls["write"].click()
    assert "Saved" in form.status.value and "three working days" in form.status.value
    assert "I wrote to you on Monday 23 November" in form.extras["email"].value
    form.controls["stage"].value = "last"
    form.controls["write"].click()
    assert "this is my last note" in form.extras["email"].value
    assert sorted(saved(workspace)["drafts"]) == ["follow_up", "request"]


def test_thank_you_starts_from_the_names_in_the_request(workspace: Path):
    request = forms.request_email_form()
    fill(request, REQUEST)
    request.controls["write"].click()
    form = forms.thank_you_email_form()
    assert form.controls["your_name"].value == "Jordan Reyes"
    assert form.controls["their_name"].value == "Ms Okafor"
    assert form.controls["learned"].value == ""


def test_both_kinds_kept_side_by_side(workspace: Path):
    request = forms.request_email_form()
    fill(request, REQUEST)
    request.controls["write"].click()
    thanks = forms.thank_you_email_form(today=dt.date(2026, 12, 1))
    fill(thanks, {**THANKS, "interview_date": dt.date(2026, 12, 1)})
    thanks.controls["write"].click()
    thanks.controls["write"].click()
    assert sorted(saved(workspace)["drafts"]) == ["request", "thank_you"]
    assert "Request for an informational interview" in emails.export_text()


def test_an_unexpected_error_is_shown_and_nothing_is_lost(workspace: Path, monkeypatch):
    form = forms.request_email_form()
    fill(form, REQUEST)
    form.controls["write"].click()
    before = (workspace / "emails.json").read_bytes()

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(emails.STORE, "transact", broken)
    form.controls["learn"].value = "something new to learn"
    form.controls["write"].click()
    assert "Something went wrong" in form.status.value and "a bug" in form.status.value
    assert (workspace / "emails.json").read_bytes() == before


def test_examples_save_nothing_and_show_the_checks(workspace: Path):
    shown = forms.email_example("request").value
    assert "Example" in shown and "Jordan Mbeki" in shown and "similar organisations" in shown
    refused = forms.email_example("request", learn="whether you have any openings").value
    assert "refuses" in refused and "asks about a job" in refused
    assert "Monday 23 November" in forms.email_example("follow_up").value
    assert not (workspace / "emails.json").exists()


# ---------------------------------------------------------------------------------------
# A damaged workspace (issue 10): a plain message in place of each form, nothing overwritten
# ---------------------------------------------------------------------------------------
BUILDERS = ["request_email_form", "follow_up_email_form", "thank_you_email_form"]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("damage, code", [(b"{not json", "damaged_file"), (b'["a list"]', "wrong_shape"),
                                          (b'{"drafts": {"request": "oops"}}', "wrong_shape")])
def test_damaged_file_gives_a_plain_message_and_a_way_out(workspace: Path, builder, damage, code):
    formdamage.damaged_file(workspace, getattr(forms, builder), "emails.json", damage, code, "write")


@pytest.mark.parametrize("builder", BUILDERS)
def test_read_only_workspace(workspace: Path, builder, monkeypatch):
    assert emails.save_draft("request", {**REQUEST, "minutes": 20}).ok
    values = {**REQUEST, **THANKS, "interview_date": dt.date(2026, 12, 1), "request_date": dt.date(2026, 11, 23),
              "learn": "how budgets are set"}
    formdamage.read_only(workspace, monkeypatch, getattr(forms, builder), "emails.json", "write",
                         lambda form: fill(form, {k: v for k, v in values.items() if k in form.controls}))


@pytest.mark.parametrize("builder", BUILDERS)
def test_workspace_that_cannot_be_created(tmp_path: Path, monkeypatch, builder):
    formdamage.uncreatable(tmp_path, monkeypatch, getattr(forms, builder))


@pytest.fixture
def broken_content(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    path = folder / "email_templates.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("$learn.", "$lern.", 1), encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return path


@pytest.mark.parametrize("builder", BUILDERS)
def test_broken_content_shows_the_message_in_the_form(broken_content, builder, workspace: Path):
    form = getattr(forms, builder)()
    assert "email_templates.toml" in form.status.value and "$lern" in form.status.value
    assert form.controls["write"].disabled
