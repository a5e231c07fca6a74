"""The lesson 08 forms driven from Python: set values, click, read the saved file and the shown table."""
from __future__ import annotations

import datetime as dt
import json
import html
import os
import shutil
from pathlib import Path

import pytest

from helpers import forms, workspace
from helpers.reflection import view as reflection_forms

HOSTILE = "<script>alert('x')</script>"
TODAY = dt.date(2026, 3, 10)


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "reflection.json").read_text(encoding="utf-8"))


def test_the_forms_are_found_through_forms_and_every_field_has_a_label():
    for name in reflection_forms.__all__:
        assert getattr(forms, name) is getattr(reflection_forms, name)
        built = getattr(reflection_forms, name)()
        for control_name, control in built.controls.items():
            assert getattr(control, "description", "").strip(), f"{name}.{control_name} has no label"


def test_exercise_titles_and_prompts_come_from_the_content_file():
    form = reflection_forms.exercise_people_form()
    head = form.widget.children[0].value + form.widget.children[1].value
    assert "Exercise 1. Whom could you interview now?" in head and "practice runs with family or friends" in head


# --------------------------------------------------------------------------- exercise 1
@pytest.fixture
def people_form():
    return reflection_forms.exercise_people_form()


def add(form, who, why, relationship="family", kind="practice"):
    c = form.controls
    c["who"].value, c["why"].value, c["relationship"].value, c["kind"].value = who, why, relationship, kind
    c["add"].click()


def test_a_fresh_list_shows_suggestions_and_nothing_is_saved(people_form, workspace):
    table = people_form.extras["table"].value
    assert "Nobody on your list yet" in table and "Family" in table and "a practice run" in table
    assert people_form.controls["relationship"].value == "family" and people_form.controls["kind"].value == "practice"
    assert not (workspace / "reflection.json").exists()


def test_adding_people_saves_and_shows_them_practice_first(people_form, workspace):
    add(people_form, "Alumna Jo", "Runs a clinic", "alumni", "real")
    assert "Added Alumna Jo" in people_form.status.value and "practice run" in people_form.status.value
    add(people_form, "Aunt Rosa & co", "School nurse <3")
    add(people_form, "Aunt Rosa & co", "School nurse <3")
    assert "already on your list" in people_form.status.value
    people = saved(workspace)["people"]
    assert [p["who"] for p in people] == ["Alumna Jo", "Aunt Rosa & co"]
    table = people_form.extras["table"].value
    assert table.index("Aunt Rosa &amp; co") < table.index("Alumna Jo")
    assert "School nurse &lt;3" in table and "Real interview" in table
    assert people_form.controls["who"].value == ""  # ready for the next person


@pytest.mark.parametrize("who, why, field, expected", [
    ("", "why", "who", "A name or a short description is empty. Write it in the box"),
    ("Rosa", "", "why", "Why you picked them is empty. Write it in the box"),
    ("x" * 101, "why", "who", "is 101 characters long. Shorten it to 100 characters or fewer."),
    ("Rosa", "y" * 301, "why", "is 301 characters long"),
    (HOSTILE, "why", "who", "contains web-page code (&lt;script&gt;)"),
    ("Rosa", '=HYPERLINK("http://x")', "why", "which a spreadsheet would run as a formula"),
])
def test_bad_people_are_marked_beside_the_field(people_form, workspace, who, why, field, expected):
    add(people_form, "Aunt Rosa", "School nurse")
    before = (workspace / "reflection.json").read_bytes()
    add(people_form, who, why)
    message = people_form.messages[field].value
    assert expected in message, message
    assert "<script>" not in message and "Not saved" in people_form.status.value
    assert (workspace / "reflection.json").read_bytes() == before


def test_removing_someone(people_form, workspace):
    add(people_form, "Aunt Rosa", "School nurse")
    add(people_form, "Dev", "Accountant", "friends")
    people_form.controls["remove"].click()
    assert "Nobody chosen" in people_form.status.value and len(saved(workspace)["people"]) == 2
    dev = next(p for p in saved(workspace)["people"] if p["who"] == "Dev")
    people_form.controls["remove_which"].value = dev["id"]
    people_form.controls["remove"].click()
    assert "Removed" in people_form.status.value
    assert [p["who"] for p in saved(workspace)["people"]] == ["Aunt Rosa"]
    assert ">Dev<" not in people_form.extras["table"].value


# --------------------------------------------------------------------------- exercise 2
@pytest.fixture
def drafts(saved_drafts):
    """Lesson 02's saved questions stand in with two drafts."""
    saved_drafts(("The role", "What does a typical week look like?"), ("Getting <in>", "How did you start & why?"))


def test_without_drafts_the_form_offers_starters_and_says_so(workspace):
    form = reflection_forms.exercise_questions_form()
    assert "Draft your own in lesson 02" in form.extras["source"].value
    assert form.controls["choices"].options[0][1] == "starter-week"
    assert "No questions chosen yet" in form.extras["table"].value


def test_choosing_drafts_saves_and_shows_them(workspace, drafts):
    form = reflection_forms.exercise_questions_form()
    assert "you drafted in lesson 02" in form.extras["source"].value
    form.controls["save"].click()
    assert "Nothing is chosen" in form.messages["choices"].value and not (workspace / "reflection.json").exists()
    form.controls["choices"].value = ("draft-2",)
    form.controls["own"].value = "What would you do differently?"
    form.controls["save"].click()
    assert "Saved your 2 question(s)" in form.status.value
    assert [q["text"] for q in saved(workspace)["questions"]] == ["How did you start & why?",
                                                                  "What would you do differently?"]
    table = form.extras["table"].value
    assert "How did you start &amp; why?" in table and "Getting &lt;in&gt;" in table
    before = (workspace / "reflection.json").read_bytes()
    again = reflection_forms.exercise_questions_form()  # re-running the cell shows the saved choice
    assert again.controls["choices"].value == ("draft-2",)
    assert again.controls["own"].value == "What would you do differently?"
    again.controls["save"].click()
    assert "nothing changed" in again.status.value
    assert (workspace / "reflection.json").read_bytes() == before


@pytest.mark.parametrize("own, expected", [
    (HOSTILE, "contains web-page code (&lt;script&gt;)"),
    ("q" * 301, "is 301 characters long"),
    ("@SUM(1+1)", "which a spreadsheet would run as a formula"),
])
def test_a_bad_own_question_is_marked_beside_it(workspace, drafts, own, expected):
    form = reflection_forms.exercise_questions_form()
    form.controls["choices"].value = ("draft-1",)
    form.controls["own"].value = own
    form.controls["save"].click()
    assert expected in form.messages["own"].value and "<script>" not in form.messages["own"].value
    assert not (workspace / "reflection.json").exists()


# --------------------------------------------------------------------------- exercise 3
def fill(form, **values):
    defaults = {"uncomfortable": "Asking a stranger for their time", "supports": ("mentor", "start-small"),
                "other_support": "", "first_step": "A 15-minute practice call with my cousin",
                "step_date": "2026-03-14"}
    defaults.update(values)
    for name, value in defaults.items():
        form.controls[name].value = value
    form.controls["save"].click()


def test_saving_a_plan_shows_it_back_and_a_rerun_changes_nothing(workspace):
    form = reflection_forms.exercise_support_form(today=TODAY)
    assert "No plan saved yet" in form.extras["table"].value
    fill(form, uncomfortable="I freeze & go \"quiet\" <3")
    assert "Saved your plan" in form.status.value
    plan = saved(workspace)["plan"]
    assert plan["supports"] == ["mentor", "start-small"] and plan["step_date"] == "2026-03-14"
    table = form.extras["table"].value
    assert 'I freeze &amp; go "quiet" &lt;3' in table and "A mentor or a teacher I trust; Starting small" in table
    assert "How to use your support" in form.extras["hints"].value
    before = (workspace / "reflection.json").read_bytes()
    again = reflection_forms.exercise_support_form(today=TODAY)
    assert again.controls["uncomfortable"].value == "I freeze & go \"quiet\" <3"
    assert again.controls["supports"].value == ("mentor", "start-small")
    again.controls["save"].click()
    assert "nothing changed" in again.status.value
    assert (workspace / "reflection.json").read_bytes() == before


@pytest.mark.parametrize("values, field, expected", [
    ({"uncomfortable": ""}, "uncomfortable", "What feels uncomfortable is empty"),
    ({"uncomfortable": "u" * 601}, "uncomfortable", "is 601 characters long"),
    ({"supports": ()}, "supports", "Nothing is chosen"),
    ({"other_support": HOSTILE}, "other_support", "contains web-page code (&lt;script&gt;)"),
    ({"first_step": ""}, "first_step", "is empty"),
    ({"first_step": "+cmd|' /C calc'!A0"}, "first_step", "which a spreadsheet would run as a formula"),
    ({"step_date": ""}, "step_date", "is empty"),
    ({"step_date": "tomorrow"}, "step_date", "is not a date the calendar can read. Write it as YYYY-MM-DD"),
    ({"step_date": "2026-02-30"}, "step_date", "is not a date that exists"),
])
def test_bad_plans_are_marked_beside_the_field(workspace, values, field, expected):
    form = reflection_forms.exercise_support_form(today=TODAY)
    fill(form)
    before = (workspace / "reflection.json").read_bytes()
    fill(form, **values)
    message = form.messages[field].value
    assert expected in message, message
    assert "<script>" not in message and "Not saved" in form.status.value
    assert (workspace / "reflection.json").read_bytes() == before
    assert "A 15-minute practice call with my cousin" in form.extras["table"].value  # earlier plan still shown


def test_a_past_date_is_a_tip_not_a_block(workspace):
    form = reflection_forms.exercise_support_form(today=TODAY)
    fill(form, step_date="2026-03-01")
    assert "Saved your plan" in form.status.value and "already passed" in form.status.value


# --------------------------------------------------------------------------- damaged file, broken content
@pytest.mark.parametrize("damage, code", [("{oops", "damaged_file"), ('{"people": {"a": 1}}', "wrong_shape"),
                                          ('{"plan": "soon"}', "wrong_shape")])
def test_a_damaged_file_shows_a_message_in_place_of_each_form_and_is_kept(workspace, damage, code):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "reflection.json").write_text(damage, encoding="utf-8")
    for name in reflection_forms.__all__:
        form = getattr(reflection_forms, name)()
        assert form.extras["problem"].code == code and "move_aside" in form.controls
        assert "reflection.json" in form.widget.children[0].value and form.output.outputs == ()
    assert (workspace / "reflection.json").read_text() == damage


def test_an_unusable_or_read_only_workspace_shows_a_message(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "ws"))
    for name in reflection_forms.__all__:
        assert "cannot start" in getattr(reflection_forms, name)().widget.children[0].value
    folder = tmp_path / "ws"
    folder.mkdir()
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(folder))
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if mode & os.W_OK else real(p, mode))
    for name in reflection_forms.__all__:
        assert "cannot start" in getattr(reflection_forms, name)().widget.children[0].value


def test_a_failing_write_loses_nothing(workspace, monkeypatch):
    form = reflection_forms.exercise_people_form()
    add(form, "Aunt Rosa", "School nurse")
    before = (workspace / "reflection.json").read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    add(form, "Dev", "Accountant", "friends")
    assert "Not saved" in form.status.value or "Nothing was saved" in form.status.value
    assert form.output.outputs == () and (workspace / "reflection.json").read_bytes() == before


def test_exercise_2_checks_the_choice_and_shows_the_advice_before_saving(workspace, risky_drafts):
    form = reflection_forms.exercise_questions_form()
    form.controls["choices"].value = ("draft-1", "draft-2", "draft-3")
    form.controls["check"].click()
    advice = html.unescape(form.extras["advice"].value)
    assert "asking for a job" in advice and "I can't tell whether this helps you" in advice
    assert not (workspace / "reflection.json").exists()
    form.controls["save"].click()
    assert not (workspace / "reflection.json").exists() and "reads as asking for a job" in form.messages["choices"].value
    assert form.controls["save_anyway"].layout.display is None
    form.controls["save_anyway"].click()
    assert "Saved your 3 question(s)" in form.status.value and len(saved(workspace)["questions"]) == 3
    assert form.controls["save_anyway"].layout.display == "none"


def test_a_broken_content_file_shows_its_message_instead_of_the_forms(tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(workspace.DATA_DIR / "content", folder)
    path = folder / "exercises.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("who_max = 100", "who_max = -1"), encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    for name in reflection_forms.__all__:
        form = getattr(reflection_forms, name)()
        assert "exercises.toml" in form.status.value and "who_max" in form.status.value
        assert not form.controls
