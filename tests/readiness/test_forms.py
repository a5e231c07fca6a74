"""The readiness check's form and change view, driven from Python as a learner would use them."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import formdamage

from helpers import forms, readiness
from helpers.display import Shown

DAY = dt.date(2026, 3, 2)
LATER = dt.date(2026, 3, 13)


def saved(workspace: Path) -> list[dict]:
    return json.loads((workspace / "readiness.json").read_text(encoding="utf-8"))["takings"]


def ids() -> list[str]:
    return [s.id for s in readiness.settings().statements]


def fill(form, *numbers: int) -> None:
    for key, n in zip(ids(), numbers, strict=True):
        form.controls[key].value = n


def test_one_named_control_per_statement_nothing_chosen_nothing_saved(workspace):
    form = forms.readiness_form("before", today=DAY)
    assert list(form.controls) == ["when", *ids(), "save", "move_aside"]
    assert all(form.controls[i].value is None for i in ids()) and form.controls["when"].value == "before"
    assert form.controls[ids()[0]].options == (("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5))
    assert not (workspace / "readiness.json").exists()   # showing the form (re-running it) saves nothing


def test_fill_and_click_saves_what_was_chosen(workspace):
    form = forms.readiness_form("before", today=DAY)
    fill(form, 2, 3, 1, 2, 4, 3)
    form.controls["save"].click()
    assert "Saved your ratings before the lessons" in form.status.value
    assert saved(workspace) == [{"key": "2026-03-02-before-1", "when": "before", "date": "2026-03-02",
                                 "ratings": dict(zip(ids(), [2, 3, 1, 2, 4, 3]))}]
    assert form.extras["saved"] == saved(workspace)[0]


def test_a_missing_rating_is_said_beside_its_statement_and_nothing_saved(workspace):
    form = forms.readiness_form("after", today=LATER)
    fill(form, 2, 3, 1, 2, 4, 3)
    form.controls[ids()[2]].value = None
    form.controls["save"].click()
    assert "Not rated yet" in form.messages[ids()[2]].value and form.messages[ids()[0]].value == ""
    assert "Not saved yet" in form.status.value
    assert not (workspace / "readiness.json").exists()


def test_a_second_click_adds_a_new_taking_and_never_overwrites(workspace):
    form = forms.readiness_form("before", today=DAY)
    fill(form, 2, 3, 1, 2, 4, 3)
    form.controls["save"].click()
    first = saved(workspace)
    form.controls[ids()[0]].value = 5
    form.controls["when"].value = "after-interview"
    form.controls["save"].click()
    now = saved(workspace)
    assert now[0] == first[0] and len(now) == 2
    assert now[1]["when"] == "after-interview" and now[1]["ratings"][ids()[0]] == 5
    assert "2 readiness checks so far" in form.status.value


def test_the_change_view_before_and_after(workspace):
    view = forms.readiness_change_view()
    assert isinstance(view, Shown) and "not saved a readiness check yet" in view.text
    for when, day, numbers in (("before", DAY, (2, 3, 1, 2, 4, 3)), ("after", LATER, (4, 3, 3, 1, 5, 4))):
        form = forms.readiness_form(when, today=day)
        fill(form, *numbers)
        form.controls["save"].click()
    view = forms.readiness_change_view()
    assert "You rated yourself higher on 4 of 6 statements, the same on 1 and lower on 1." in view.html
    assert "not a measure of your skill" in view.html
    assert "<figure" in view.html and "alt='Bar chart of your own ratings" in view.html and "<figcaption" in view.html
    assert "<table" in view.html and "2 higher" in view.html


def test_a_damaged_file_shows_its_message_and_a_way_to_move_it_aside(workspace):
    formdamage.damaged_file(workspace, lambda: forms.readiness_form("before", today=DAY), "readiness.json",
                            b'{"takings": [', "damaged_file", "save")


def test_the_change_view_on_a_damaged_file(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "readiness.json").write_text('{"takings": "oops"}', encoding="utf-8")
    view = forms.readiness_change_view()
    assert "cannot start yet" in view.widget.children[0].value and "move_aside" in view.controls
    view.controls["move_aside"].click()
    assert "not saved a readiness check yet" in forms.readiness_change_view().text


def test_a_file_damaged_after_the_form_is_shown_offers_move_aside_on_save(workspace):
    form = forms.readiness_form("before", today=DAY)
    fill(form, 2, 3, 1, 2, 4, 3)
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "readiness.json").write_text("{oops", encoding="utf-8")
    form.controls["save"].click()
    assert "damaged" in form.status.value and "Traceback" not in form.status.value
    assert form.controls["move_aside"].layout.display is None
    form.controls["move_aside"].click()
    assert "start fresh" in form.status.value
    form.controls["save"].click()
    assert len(saved(workspace)) == 1


def test_a_broken_statements_file_shows_its_message_in_place_of_the_form(content_copy):
    path = content_copy / "readiness.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("scale_max = 5", "scale_max = 0"), encoding="utf-8")
    form = forms.readiness_form()
    assert "scale_max (0) should be greater than scale_min (1)" in form.status.value and "save" not in form.controls
