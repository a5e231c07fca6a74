"""The e-mail forms driven from Python: set values, click, read back the saved file and the shown text."""
from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

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


def shown_html(form) -> str:
    """Every piece of HTML the form shows (status, messages, extras)."""
    parts = [form.status.value] + [m.value for m in form.messages.values()]
    parts += [w.value for w in form.extras.values() if isinstance(w, widgets.HTML)]
    return "\n".join(parts)


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "emails.json").read_text(encoding="utf-8"))


def test_forms_found_through_the_lazy_lookup():
    assert forms.email_form().controls["write"].description.startswith("Write and save my request")
    assert "interview_date" in forms.email_form("thank_you").controls
    with pytest.raises(ValueError):
        forms.email_form("memo")


@pytest.mark.parametrize("builder", ["request_email_form", "thank_you_email_form"])
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


def test_too_long_field_keeps_what_was_saved(workspace: Path):
    form = forms.request_email_form()
    fill(form, REQUEST)
    form.controls["write"].click()
    before = (workspace / "emails.json").read_bytes()
    shown = form.extras["email"].value
    form.controls["learn"].value = "y" * 301
    form.controls["write"].click()
    assert "is 301 characters long" in form.messages["learn"].value
    assert "300 characters or fewer" in form.messages["learn"].value
    assert (workspace / "emails.json").read_bytes() == before
    assert form.extras["email"].value == shown


def test_hostile_html_saved_verbatim_and_shown_escaped(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "research": "<script>alert(1)</script>", "learn": "<img src=x onerror=alert(2)>"})
    form.controls["write"].click()
    fields = saved(workspace)["drafts"]["request"]["fields"]
    assert fields["research"] == "<script>alert(1)</script>"
    everything = shown_html(form)
    assert "<script>" not in everything and "<img" not in everything
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in form.extras["email"].value


def test_formula_in_a_name_gets_a_message_beside_it(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "their_name": '=HYPERLINK("http://evil","<b>x</b>")'})
    form.controls["write"].click()
    message = form.messages["their_name"].value
    assert "spreadsheet formula" in message
    assert "<b>x</b>" not in message and "&lt;b&gt;x&lt;/b&gt;" in message
    assert not (workspace / "emails.json").exists()


def test_formula_in_prose_is_kept_as_text(workspace: Path):
    form = forms.request_email_form()
    fill(form, {**REQUEST, "learn": "=SUM(A1:A9) style budgeting"})
    form.controls["write"].click()
    assert saved(workspace)["drafts"]["request"]["fields"]["learn"] == "=SUM(A1:A9) style budgeting"


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


def test_thank_you_malformed_date_message_beside_the_field(workspace: Path):
    form = forms.thank_you_email_form(today=dt.date(2026, 12, 2))
    fill(form, {**THANKS, "interview_date": "03/04/2026"})
    form.controls["write"].click()
    assert "could be read two ways" in form.messages["interview_date"].value
    assert "2026-04-03" in form.messages["interview_date"].value
    assert not (workspace / "emails.json").exists()


def test_thank_you_saved_with_timing_advice(workspace: Path):
    form = forms.thank_you_email_form(today=dt.date(2026, 12, 5))
    fill(form, {**THANKS, "referral": "Dr <Haddad>"})
    form.controls["write"].click()
    draft = saved(workspace)["drafts"]["thank_you"]
    assert draft["fields"]["referral"] == "Dr <Haddad>"
    assert "Thank you also for suggesting that I speak with Dr &lt;Haddad&gt;" in form.extras["email"].value
    assert "4 days ago" in form.extras["advice"].value and "24 hours have passed" in form.extras["advice"].value
    # Re-opened on the day of the interview's next day, the advice follows "today".
    assert "yesterday" in forms.thank_you_email_form(today=dt.date(2026, 12, 2)).extras["advice"].value


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
    fill(thanks, THANKS)
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
        raise OSError("disk full")

    monkeypatch.setattr(emails.workspace, "write_json", broken)
    form.controls["learn"].value = "something new"
    form.controls["write"].click()
    assert "Something went wrong" in form.status.value and "disk full" in form.status.value
    assert (workspace / "emails.json").read_bytes() == before


@pytest.fixture
def broken_content(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    path = folder / "email_templates.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("$learn.", "$lern.", 1), encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return path


@pytest.mark.parametrize("builder", ["request_email_form", "thank_you_email_form"])
def test_broken_content_shows_the_message_in_the_form(broken_content, builder, workspace: Path):
    form = getattr(forms, builder)()
    assert "email_templates.toml" in form.status.value and "$lern" in form.status.value
    assert form.controls["write"].disabled
