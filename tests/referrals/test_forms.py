"""The referral-ask and check-in forms driven from Python: set values, click, read back the file and the shown text."""
from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

import formdamage
from helpers import content, forms, referrals
from helpers.core import settings


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))


shown_html = formdamage.shown


@pytest.mark.parametrize("builder", ["referral_ask_form", "checkin_form", "settings_form"])
def test_every_field_is_labelled_with_a_message_beside_it(builder):
    form = getattr(forms, builder)()
    for name, control in form.controls.items():
        assert control.description.strip(), f"{name} has no label"
        if not isinstance(control, widgets.Button):
            assert name in form.messages


# ---------------------------------------------------------------------------------------
# The referral ask form
# ---------------------------------------------------------------------------------------
def test_ask_form_fresh_workspace(workspace: Path):
    form = forms.referral_ask_form()
    assert "Nothing saved yet" in form.extras["script"].value
    assert isinstance(form.controls["interview_date"], widgets.DatePicker)
    assert not (workspace / "referrals.json").exists()


def test_ask_form_empty(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["save"].click()
    assert "is empty" in form.messages["targets"].value
    assert "is empty" in form.messages["field"].value
    assert form.messages["interviewee"].value == ""
    assert not (workspace / "referrals.json").exists()


def test_ask_form_saves_and_shows_from_the_file(workspace: Path):
    settings.set_country("none")
    form = forms.referral_ask_form()
    form.controls["targets"].value = "Acme Logistics\n\nGlobex\nInitech\n"
    form.controls["field"].value = "supply chain planning"
    form.controls["interviewee"].value = "Ana"
    form.controls["interview_date"].value = dt.date(2026, 12, 4)
    form.controls["save"].click()
    assert "Saved in your workspace" in form.status.value
    ask = saved(workspace)["ask"]
    assert ask["targets"] == ["Acme Logistics", "Globex", "Initech"]
    assert html.escape(ask["script"]) in form.extras["script"].value
    assert "I plan to talk to Acme Logistics, Globex and Initech." in form.extras["script"].value
    assert "Friday 11 December" in form.extras["script"].value
    form.controls["save"].click()
    assert "Already saved" in form.status.value
    again = forms.referral_ask_form()
    assert again.controls["targets"].value == "Acme Logistics\nGlobex\nInitech"
    assert again.controls["interview_date"].value == dt.date(2026, 12, 4)
    assert again.extras["script"].value == form.extras["script"].value


def test_ask_form_too_many_too_long_and_hostile(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["targets"].value = "\n".join(["A", "B", "C", "D", "E", "F"])
    form.controls["field"].value = "logistics"
    form.controls["save"].click()
    assert "lists 6 names" in form.messages["targets"].value
    form.controls["targets"].value = "Acme\n" + "x" * 90 + "\n=HYPERLINK(\"http://x\")\n<script>alert(1)</script>"
    form.controls["save"].click()
    message = form.messages["targets"].value
    assert "(line 2) is 90 characters long" in message and "80 characters or fewer" in message
    assert "(line 3) starts with" in message and "(line 4) contains web-page code" in message
    assert "<script>" not in shown_html(form)
    assert not (workspace / "referrals.json").exists()


# ---------------------------------------------------------------------------------------
# The check-in form
# ---------------------------------------------------------------------------------------
def plan(form, contact="Ana", promised="Dr Nasser", interview=dt.date(2026, 12, 1)) -> None:
    form.controls["contact"].value = contact
    form.controls["promised"].value = promised
    form.controls["interview_date"].value = interview


def test_checkin_form_fresh_workspace_shows_example_and_is_idle(workspace: Path):
    form = forms.checkin_form()
    assert "Example plans from a fictional learner" in form.extras["table"].value
    assert form.controls["checkin"].options == () and form.controls["checkin"].value is None
    assert isinstance(form.controls["interview_date"], widgets.DatePicker)
    assert isinstance(form.controls["other_date"], widgets.DatePicker)
    assert not (workspace / "referrals.json").exists()


def test_picking_a_date_proposes_working_days_and_the_sentence(workspace: Path):
    form = forms.checkin_form()
    plan(form, "Mr Lindqvist", "the site manager", dt.date(2026, 12, 4))     # a Friday
    assert [v for _, v in form.controls["checkin"].options] == ["2026-12-11", "2026-12-14"]
    assert form.controls["checkin"].options[0][0] == "Friday 11 December 2026"
    assert form.controls["checkin"].value == "2026-12-11"
    sentence = form.extras["sentence"].value
    assert ("Thank you, Mr Lindqvist, for offering to speak to the site manager. Could I check in with you on "
            "Friday 11 December, to hear how it went?") in sentence
    form.controls["checkin"].value = "2026-12-14"
    assert "Monday 14 December" in form.extras["sentence"].value
    form.controls["interview_date"].value = None
    assert form.controls["checkin"].options == () and form.messages["interview_date"].value == ""
    assert form.extras["sentence"].value == ""


def test_december_16_never_proposes_christmas_day(workspace: Path):
    for country in ("GB-ENG", "US"):
        assert settings.set_country(country).ok
        form = forms.checkin_form()
        plan(form, interview=dt.date(2026, 12, 16))
        values = [v for _, v in form.controls["checkin"].options]
        assert values == ["2026-12-23", "2026-12-24"] and "2026-12-25" not in values
        assert "Friday 25 December (Christmas Day)" in form.extras["skipped"].value
    settings.set_country("none")
    form = forms.checkin_form()
    plan(form, interview=dt.date(2026, 12, 16))
    assert "2026-12-25" in [v for _, v in form.controls["checkin"].options]
    assert form.extras["skipped"].value == ""


def test_save_plan_and_table_from_the_file(workspace: Path):
    form = forms.checkin_form()
    plan(form)
    form.controls["checkin"].value = "2026-12-09"
    form.controls["save"].click()
    assert "Saved: check in with Ana on Wednesday 9 December 2026." in form.status.value
    assert saved(workspace)["plans"] == [{"id": 1, "contact": "Ana", "promised": "Dr Nasser",
                                          "interview_date": "2026-12-01", "checkin_date": "2026-12-09"}]
    table = form.extras["table"].value
    assert "Your check-in plans" in table and "Example" not in table
    assert "Wednesday 9 December 2026" in table and "Dr Nasser" in table
    before = (workspace / "referrals.json").read_bytes()
    form.controls["save"].click()
    assert "Already saved" in form.status.value
    assert (workspace / "referrals.json").read_bytes() == before
    form.controls["checkin"].value = "2026-12-10"
    form.controls["save"].click()
    assert "Updated: check in with Ana on Thursday 10 December 2026." in form.status.value
    assert len(saved(workspace)["plans"]) == 1
    assert forms.checkin_form().extras["table"].value.count("</tr>") == 2  # header + one plan


def test_other_date_outside_the_window_is_saved_with_advice(workspace: Path):
    settings.set_country("none")
    form = forms.checkin_form()
    plan(form)
    form.controls["other_date"].value = dt.date(2026, 12, 19)
    assert "Saturday 19 December" in form.extras["sentence"].value
    form.controls["save"].click()
    assert saved(workspace)["plans"][0]["checkin_date"] == "2026-12-19"
    assert "18 days after" in form.status.value and "falls on a weekend" in form.status.value


def test_other_date_before_the_interview_is_shown_beside_it(workspace: Path):
    form = forms.checkin_form()
    plan(form)
    form.controls["other_date"].value = dt.date(2026, 11, 30)
    form.controls["save"].click()
    assert "is not after the interview" in form.messages["other_date"].value
    assert form.messages["checkin"].value == ""
    assert not (workspace / "referrals.json").exists()


def test_empty_checkin_form(workspace: Path):
    form = forms.checkin_form()
    form.controls["save"].click()
    assert "is empty" in form.messages["contact"].value
    assert "is empty" in form.messages["promised"].value
    assert "is empty" in form.messages["interview_date"].value
    assert "is empty" in form.messages["checkin"].value
    assert not (workspace / "referrals.json").exists()


def test_hostile_and_too_long_names(workspace: Path):
    form = forms.checkin_form()
    plan(form, contact="=cmd|' /C calc'!A0")
    form.controls["save"].click()
    assert "formula" in form.messages["contact"].value
    form.controls["contact"].value = "x" * 81
    form.controls["save"].click()
    assert "81 characters" in form.messages["contact"].value
    form.controls["contact"].value = "<img src=x onerror=alert(1)>"
    form.controls["save"].click()
    assert "web-page code" in form.messages["contact"].value
    assert "<img" not in shown_html(form)
    assert not (workspace / "referrals.json").exists()
    form.controls["contact"].value = "Ana & Bo"
    form.controls["save"].click()
    assert "Ana &amp; Bo" in form.extras["table"].value


def test_plans_from_both_forms_share_the_file(workspace: Path):
    ask = forms.referral_ask_form()
    ask.controls["targets"].value = "Acme"
    ask.controls["field"].value = "logistics"
    ask.controls["save"].click()
    form = forms.checkin_form()
    plan(form)
    form.controls["save"].click()
    data = saved(workspace)
    assert data["ask"]["targets"] == ["Acme"] and len(data["plans"]) == 1
    assert "Check-in plans" in referrals.export_text()


def test_examples_save_nothing(workspace: Path):
    assert "Example: the script" in forms.referral_example().value
    shown = forms.checkin_example("2026-12-16", "Ana", "Dr Nasser", "2026-12-25").value
    assert "Wednesday 23 December" in shown and "Left out: Friday 25 December, Christmas Day" in shown
    assert "public holiday (Christmas Day)" in shown
    assert not (workspace / "referrals.json").exists()


# ---------------------------------------------------------------------------------------
# The country
# ---------------------------------------------------------------------------------------
def test_settings_form_saves_the_country_once_for_every_lesson(workspace: Path):
    form = forms.settings_form()
    assert form.controls["country"].value == settings.DEFAULT_COUNTRY
    assert ("No country: do not skip public holidays", "none") in form.controls["country"].options
    form.controls["country"].value = "US"
    form.controls["save"].click()
    assert "United States" in form.status.value
    assert json.loads((workspace / "settings.json").read_text(encoding="utf-8"))["settings"] == [
        {"name": "country", "value": "US"}]
    assert forms.settings_form().controls["country"].value == "US"


def test_settings_on_a_damaged_file(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "settings.json").write_bytes(b"{oops")
    form = forms.settings_form()
    assert "cannot start yet" in form.widget.children[0].value and "move_aside" in form.controls
    assert settings.country() == settings.DEFAULT_COUNTRY, "the lessons run on the default"
    assert (workspace / "settings.json").read_bytes() == b"{oops"


# ---------------------------------------------------------------------------------------
# A damaged workspace (issue 10): a plain message in place of each form, nothing overwritten
# ---------------------------------------------------------------------------------------
BUILDERS = ["referral_ask_form", "checkin_form"]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("damage, code", [(b"[1, 2", "damaged_file"), (b'["a list"]', "wrong_shape"),
                                          (b'{"ask": "oops"}', "wrong_shape")])
def test_damaged_file_gives_a_plain_message_and_a_way_out(workspace: Path, builder, damage, code):
    formdamage.damaged_file(workspace, getattr(forms, builder), "referrals.json", damage, code, "save")


def _fill(form) -> None:
    if "promised" in form.controls:
        plan(form)
    else:
        form.controls["targets"].value = "Globex"
        form.controls["field"].value = "logistics"


@pytest.mark.parametrize("builder", BUILDERS)
def test_read_only_workspace(workspace: Path, builder, monkeypatch):
    assert referrals.save_ask(["Acme"], "logistics").ok
    formdamage.read_only(workspace, monkeypatch, getattr(forms, builder), "referrals.json", "save", _fill)


@pytest.mark.parametrize("builder", BUILDERS + ["settings_form"])
def test_workspace_that_cannot_be_created(tmp_path: Path, monkeypatch, builder):
    formdamage.uncreatable(tmp_path, monkeypatch, getattr(forms, builder))


@pytest.fixture
def broken_content(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    path = folder / "referrals.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[steps]", "[stepz]", 1), encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return path


@pytest.mark.parametrize("builder, button", [("referral_ask_form", "save"), ("checkin_form", "save")])
def test_broken_content_shows_the_message_in_the_form(broken_content, builder, button):
    form = getattr(forms, builder)()
    assert "referrals.toml" in form.status.value and "[steps] should be a table" in form.status.value
    assert form.controls[button].disabled
