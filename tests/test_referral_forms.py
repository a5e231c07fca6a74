"""The referral-ask and check-in forms driven from Python: set values, click, read back the file and the shown text."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers import content, forms, referrals


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))


def shown_html(form) -> str:
    parts = [form.status.value] + [m.value for m in form.messages.values()]
    parts += [w.value for w in form.extras.values() if isinstance(w, widgets.HTML)]
    return "\n".join(parts)


@pytest.mark.parametrize("builder", ["referral_ask_form", "checkin_form"])
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
    assert not (workspace / "referrals.json").exists()


def test_ask_form_empty(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["save"].click()
    assert "is empty" in form.messages["targets"].value
    assert "is empty" in form.messages["field"].value
    assert form.messages["interviewee"].value == ""
    assert not (workspace / "referrals.json").exists()


def test_ask_form_saves_and_shows_from_the_file(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["targets"].value = "Acme Logistics\n\nGlobex\nInitech\n"
    form.controls["field"].value = "supply chain planning"
    form.controls["interviewee"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-04"
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
    assert again.controls["interview_date"].value == "2026-12-04"
    assert again.extras["script"].value == form.extras["script"].value


def test_ask_form_too_many_too_long_and_hostile(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["targets"].value = "\n".join(["A", "B", "C", "D", "E", "F"])
    form.controls["field"].value = "logistics"
    form.controls["save"].click()
    assert "lists 6 names" in form.messages["targets"].value
    form.controls["targets"].value = "Acme\n" + "<b>" + "x" * 90 + "</b>\n=HYPERLINK(\"http://x\")"
    form.controls["save"].click()
    message = form.messages["targets"].value
    assert "(line 2) is 97 characters long" in message and "80 characters or fewer" in message
    assert "(line 3) starts with" in message
    assert "<b>" not in shown_html(form)
    assert not (workspace / "referrals.json").exists()
    form.controls["targets"].value = "<script>alert(1)</script>\nGlobex"
    form.controls["save"].click()
    assert saved(workspace)["ask"]["targets"][0] == "<script>alert(1)</script>"
    assert "<script>" not in shown_html(form)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and Globex" in form.extras["script"].value


def test_ask_form_malformed_date(workspace: Path):
    form = forms.referral_ask_form()
    form.controls["targets"].value = "Acme"
    form.controls["field"].value = "logistics"
    form.controls["interview_date"].value = "4/12/2026"
    form.controls["save"].click()
    assert "could be read two ways" in form.messages["interview_date"].value
    assert not (workspace / "referrals.json").exists()


# ---------------------------------------------------------------------------------------
# The check-in form
# ---------------------------------------------------------------------------------------
def test_checkin_form_fresh_workspace_shows_example_and_is_idle(workspace: Path):
    form = forms.checkin_form()
    assert "Example plans from a fictional learner" in form.extras["table"].value
    assert form.controls["checkin"].options == () and form.controls["checkin"].value is None
    assert not (workspace / "referrals.json").exists()


def test_typing_a_date_proposes_weekdays_and_the_sentence(workspace: Path):
    form = forms.checkin_form()
    form.controls["contact"].value = "Mr Lindqvist"
    form.controls["interview_date"].value = "2026-12-04"          # a Friday
    assert [v for _, v in form.controls["checkin"].options] == ["2026-12-11", "2026-12-14"]
    assert form.controls["checkin"].options[0][0] == "Friday 11 December 2026"
    assert form.controls["checkin"].value == "2026-12-11"
    assert "Would it be all right if I checked in with you on Friday 11 December?" in form.extras["sentence"].value
    form.controls["checkin"].value = "2026-12-14"
    assert "Monday 14 December" in form.extras["sentence"].value
    form.controls["interview_date"].value = "2026-12-0"            # half typed: no error shown while typing
    assert form.controls["checkin"].options == () and form.messages["interview_date"].value == ""
    assert form.extras["sentence"].value == ""


def test_propose_button_explains_a_malformed_date(workspace: Path):
    form = forms.checkin_form()
    form.controls["interview_date"].value = "03/04/2026"
    form.controls["propose"].click()
    assert "could be read two ways" in form.messages["interview_date"].value
    form.controls["interview_date"].value = "2026-04-03"
    form.controls["propose"].click()
    assert form.messages["interview_date"].value == ""
    assert "Weekdays 7 to 10 days after Friday 3 April 2026" in form.status.value
    assert not (workspace / "referrals.json").exists()


def test_save_plan_and_table_from_the_file(workspace: Path):
    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["checkin"].value = "2026-12-09"
    form.controls["save"].click()
    assert "Saved: check in with Ana on Wednesday 9 December 2026." in form.status.value
    assert saved(workspace)["plans"] == [{"contact": "Ana", "interview_date": "2026-12-01",
                                          "checkin_date": "2026-12-09"}]
    table = form.extras["table"].value
    assert "Your check-in plans" in table and "Example" not in table
    assert "Wednesday 9 December 2026" in table
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
    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["other_date"].value = "19 December 2026"
    assert "Saturday 19 December" in form.extras["sentence"].value
    form.controls["save"].click()
    assert saved(workspace)["plans"][0]["checkin_date"] == "2026-12-19"
    assert "18 days after" in form.extras["advice"].value and "is a Saturday" in form.extras["advice"].value


@pytest.mark.parametrize("other, words", [("next Friday", "calendar"), ("2026-11-30", "is not after the interview"),
                                          ("31/12/2026", "2026-12-31")])
def test_other_date_problems_shown_beside_it(workspace: Path, other, words):
    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["other_date"].value = other
    form.controls["save"].click()
    assert words in form.messages["other_date"].value
    assert form.messages["checkin"].value == ""
    assert not (workspace / "referrals.json").exists()


def test_empty_checkin_form(workspace: Path):
    form = forms.checkin_form()
    form.controls["save"].click()
    assert "is empty" in form.messages["contact"].value
    assert "is empty" in form.messages["interview_date"].value
    assert not (workspace / "referrals.json").exists()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["checkin"].value = None
    form.controls["save"].click()
    assert "Choose one of the proposed dates" in form.messages["checkin"].value


def test_hostile_and_too_long_names(workspace: Path):
    form = forms.checkin_form()
    form.controls["contact"].value = "=cmd|' /C calc'!A0"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["save"].click()
    assert "spreadsheet formula" in form.messages["contact"].value
    form.controls["contact"].value = "x" * 81
    form.controls["save"].click()
    assert "81 characters" in form.messages["contact"].value
    assert not (workspace / "referrals.json").exists()
    form.controls["contact"].value = "<img src=x onerror=alert(1)>"
    form.controls["save"].click()
    assert saved(workspace)["plans"][0]["contact"] == "<img src=x onerror=alert(1)>"
    assert "<img" not in shown_html(form)
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.extras["table"].value


def test_plans_from_both_forms_share_the_file(workspace: Path):
    ask = forms.referral_ask_form()
    ask.controls["targets"].value = "Acme"
    ask.controls["field"].value = "logistics"
    ask.controls["save"].click()
    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"
    form.controls["save"].click()
    data = saved(workspace)
    assert data["ask"]["targets"] == ["Acme"] and len(data["plans"]) == 1
    assert "Check-in plans" in referrals.export_text()


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
    assert "referrals.toml" in form.status.value and "[steps]" in form.status.value
    assert form.controls[button].disabled
