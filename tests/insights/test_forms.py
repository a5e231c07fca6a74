"""The lesson 07 form driven from Python: set values, click, read the saved file and the shown table."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers import forms, workspace
from helpers.insights import view as insight_forms

ROOT = Path(__file__).resolve().parents[2]

GOOD = "People in accounting at large manufacturers are watching the new rules."
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture
def form():
    return insight_forms.insight_form()


def saved(workspace: Path) -> list[dict]:
    return json.loads((workspace / "insights.json").read_text(encoding="utf-8"))["insights"]


def test_the_form_is_found_through_forms_and_every_field_has_a_label():
    assert forms.insight_form is insight_forms.insight_form
    built = insight_forms.insight_form()
    for name, control in built.controls.items():
        assert getattr(control, "description", "").strip(), f"{name} has no label"
    assert {"insight", "audience_sector", "pattern", "start_from", "preview", "save", "delete"} <= set(built.controls)


def test_a_fresh_form_shows_an_empty_list_and_earlier_insights_from_the_sample(form, workspace):
    assert "No sentences saved yet" in form.extras["table"].value
    labels = [label for label, _ in form.controls["start_from"].options]
    assert any("People in accounting at large manufacturers" in label for label in labels)
    assert form.controls["delete"].disabled
    assert not (workspace / "insights.json").exists()


def test_preview_shows_the_sentence_and_saves_nothing(form, workspace):
    form.controls["insight"].value = GOOD
    form.controls["preview"].click()
    assert "Preview (not saved yet)" in form.extras["preview"].value
    assert "From my research and the conversations I&#x27;ve had so far" in form.extras["preview"].value
    assert "Ready to share" in form.status.value and "sample log" in form.status.value
    assert not (workspace / "insights.json").exists()


def test_save_writes_the_file_and_shows_it_back_twice_is_once(form, workspace):
    form.controls["insight"].value = GOOD
    form.controls["audience_sector"].value = "Healthcare"
    form.controls["save"].click()
    assert "Saved" in form.status.value
    [entry] = saved(workspace)
    assert entry["audience_sector"] == "healthcare"
    assert entry["sentence"].startswith("From my research and conversations in healthcare")
    table = form.extras["table"].value
    assert "conversations in healthcare and nearby fields" in table and entry["saved_on"] in table
    assert "Saved sentence" in form.extras["preview"].value
    before = (workspace / "insights.json").read_bytes()
    form.controls["save"].click()
    assert "already in your list" in form.status.value
    assert (workspace / "insights.json").read_bytes() == before
    assert [label for label, _ in form.controls["delete_which"].options][0] == "(choose one)"
    assert not form.controls["delete"].disabled


def test_the_list_is_rendered_from_the_saved_file(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "insights.json").write_text(json.dumps({"insights": [
        {"id": "abc", "insight": "x", "audience_sector": "", "pattern": "theme",
         "sentence": "Written <b>elsewhere</b> & kept", "saved_on": "2026-01-02"}]}), encoding="utf-8")
    form = insight_forms.insight_form()
    table = form.extras["table"].value
    assert "Written &lt;b&gt;elsewhere&lt;/b&gt; &amp; kept" in table and "<b>elsewhere" not in table


@pytest.mark.parametrize("insight, sector, field, expected", [
    ("", "", "insight", "is empty. Fill in one thing you learned"),
    ("x" * 301, "", "insight", "is 301 characters long. Shorten it to 300 characters or fewer."),
    (HOSTILE + " clinics hire", "", "insight", "contains web-page code (&lt;script&gt;)"),
    ('=HYPERLINK("http://evil.example","x")', "", "insight", "which a spreadsheet would run as a formula"),
    (GOOD, "<img src=x onerror=alert(1)>", "audience_sector", "contains web-page code (&lt;img"),
    (GOOD, "s" * 81, "audience_sector", "is 81 characters long"),
])
def test_bad_input_is_marked_beside_its_field_and_nothing_is_saved(form, workspace, insight, sector, field, expected):
    form.controls["insight"].value = GOOD.replace("rules", "laws")
    form.controls["save"].click()
    before = (workspace / "insights.json").read_bytes()
    form.controls["insight"].value = insight
    form.controls["audience_sector"].value = sector
    form.controls["save"].click()
    message = form.messages[field].value
    assert expected in message, message
    assert "<script>" not in message and "<img" not in message
    assert "Not saved yet" in form.status.value
    assert (workspace / "insights.json").read_bytes() == before
    assert len(saved(workspace)) == 1


def test_a_privacy_warning_is_beside_the_field_and_blocks_saving(form, workspace):
    form.controls["insight"].value = "Fatima at Pinecrest told me off the record that budgets are frozen"
    form.controls["save"].click()
    message = form.messages["insight"].value
    assert "“Fatima” is part of the name of a contact in the sample log (Fatima Noor)" in message
    assert "Pinecrest" in message and "off the record" in message
    assert "someone I spoke with in accounting" in message
    assert "would give away something private" in form.status.value and "sample log" in form.status.value
    assert form.extras["preview"].value == ""
    assert not (workspace / "insights.json").exists()
    form.controls["preview"].click()
    assert "Not ready to share yet" in form.status.value and "Fatima" in form.messages["insight"].value


def test_fixing_the_text_clears_the_messages(form, workspace):
    form.controls["insight"].value = "Fatima says budgets are frozen this year"
    form.controls["preview"].click()
    assert form.messages["insight"].value
    form.controls["insight"].value = "Finance teams say budgets are frozen this year"
    form.controls["preview"].click()
    assert form.messages["insight"].value == "" and "Ready to share" in form.status.value


def test_a_chosen_pattern_is_used(form, workspace):
    form.controls["insight"].value = GOOD
    form.controls["pattern"].value = "curious"
    form.controls["save"].click()
    assert saved(workspace)[0]["sentence"].startswith("Something I heard in a recent conversation")


def test_copying_an_earlier_insight(form):
    form.controls["use"].click()
    assert "Nothing chosen" in form.messages["start_from"].value
    value = form.controls["start_from"].options[1][1]
    form.controls["start_from"].value = value
    form.controls["use"].click()
    assert form.controls["insight"].value == value and "Copied" in form.status.value


def test_delete_from_the_form(form, workspace):
    for text in [GOOD, "Clinics hire coordinators from patient-facing roles"]:
        form.controls["insight"].value = text
        form.controls["save"].click()
    form.controls["delete"].click()
    assert "choose a saved sentence" in form.status.value and len(saved(workspace)) == 2
    first = saved(workspace)[0]
    form.controls["delete_which"].value = first["id"]
    form.controls["delete"].click()
    assert "Deleted" in form.status.value
    assert [i["id"] for i in saved(workspace)] != [first["id"]] and len(saved(workspace)) == 1
    assert "reporting" not in form.extras["table"].value and "watching the new rules" not in form.extras["table"].value


@pytest.mark.parametrize("body, code", [("{oops", "damaged_file"), ('{"insights": {"a": 1}}', "wrong_shape"),
                                        ('{"insights": [{"sentence": "no id"}]}', "wrong_shape")])
def test_a_damaged_or_wrong_shaped_file_is_said_kept_and_can_be_moved_aside(workspace, body, code):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "insights.json").write_text(body, encoding="utf-8")
    form = insight_forms.insight_form()
    assert form.extras["problem"].code == code
    assert "cannot start yet" in form.widget.children[0].value and "Traceback" not in form.widget.children[0].value
    assert (workspace / "insights.json").read_text() == body
    form.controls["move_aside"].click()
    assert not (workspace / "insights.json").exists()
    assert list((workspace / "backups" / "moved-aside").glob("*insights.json"))
    assert "insight" in insight_forms.insight_form().controls


def test_a_read_only_workspace_is_said_and_nothing_is_written(workspace, monkeypatch):
    import os

    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "insights.json").write_text('{"insights": []}', encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if mode & os.W_OK else real_access(path, mode))
    form = insight_forms.insight_form()
    assert "cannot start yet" in form.widget.children[0].value
    assert (workspace / "insights.json").read_text() == '{"insights": []}'


def test_a_failing_write_loses_nothing(form, workspace, monkeypatch):
    import os

    form.controls["insight"].value = GOOD
    form.controls["save"].click()
    before = (workspace / "insights.json").read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    form.controls["insight"].value = "Clinics hire coordinators from patient-facing roles"
    form.controls["save"].click()
    assert "Not saved" in form.status.value or "Nothing was saved" in form.status.value
    assert "Something went wrong" not in form.status.value
    assert (workspace / "insights.json").read_bytes() == before


def test_an_uncreatable_workspace_is_said(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "work"))
    form = insight_forms.insight_form()
    assert "cannot start yet" in form.widget.children[0].value and "insight" not in form.controls


def test_a_broken_content_file_shows_its_message_instead_of_the_form(tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(workspace.DATA_DIR / "content", folder)
    path = folder / "insights.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("{insight}. Is that", "{insight. Is that"), encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    form = insight_forms.insight_form()
    assert "insights.toml" in form.status.value and "does not pair up" in form.status.value
    assert isinstance(form.widget, widgets.VBox) and not form.controls


def test_an_unreadable_log_is_said_and_the_form_still_works(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(b"")
    form = insight_forms.insight_form()
    assert "could not be read" in form.status.value and form.controls["start_from"].disabled
    form.controls["insight"].value = "Clinics hire coordinators from patient-facing roles"
    form.controls["preview"].click()
    assert "names in it were not checked" in form.status.value and "Ready to share" in form.status.value


@pytest.mark.slow
@pytest.mark.parametrize("body", ["{oops", '{"insights": "not a list"}'])
def test_the_lesson_runs_on_a_damaged_file_without_error_output(tmp_path, body):
    from nbtools import errors, execute, output_text

    work = tmp_path / "work"
    work.mkdir()
    (work / "insights.json").write_text(body, encoding="utf-8")
    nb = execute(ROOT / "notebooks" / "07-sharing-what-you-learned.ipynb", work)
    assert errors(nb) == []
    assert "Traceback" not in output_text(nb)
    assert (work / "insights.json").read_text(encoding="utf-8") == body


def test_checked_examples_say_what_was_found_escaped():
    html = insight_forms.checked_examples(["<b>Fatima</b> at Pinecrest is laying off staff",
                                           "Small clinics often hire coordinators from patient-facing roles."]).value
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "news that is probably not public" in html and "Ready to share:" in html


def test_the_earlier_insights_view_is_a_table_from_the_sample():
    html = insight_forms.earlier_insights_view().value
    assert "<table" in html and "sample log" in html and "Fatima" not in html
