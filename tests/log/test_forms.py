"""The practice-log lesson's form and view, driven from Python, and the lesson run headless.

Each test sets values, clicks, then reads back the saved CSV and what the learner was shown.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from helpers import forms, log, workspace
from helpers.log import view as logbook

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"

LESSON = ROOT / "notebooks" / "06-practice-log.ipynb"
GOOD = {"date": "2026-11-01", "contact": "Ana Silva", "organisation": "Northgate Health"}


def fill(form, **values) -> None:
    """Set fields as a learner would: dates through the date pickers (a date, or None)."""
    import datetime as dt

    for name, value in values.items():
        control = form.controls[name]
        if hasattr(control, "value") and type(control).__name__ == "DatePicker" and isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        control.value = value


def saved_rows() -> list[dict[str, str]]:
    path = workspace.log_path()
    if not path.exists():
        return []
    raw, _ = log.read_raw(path)
    return raw.to_dict("records")


def all_html(form) -> str:
    return "".join([form.status.value, form.extras["tips"].value, form.extras["saved"].value,
                    *(m.value for m in form.messages.values())])


def test_every_field_has_a_label_and_a_message_line():
    form = forms.log_entry_form()
    fields = [n for n, c in form.controls.items() if n not in ("save", "clear", "add_anyway", "update_instead")]
    assert fields == logbook.ORDER and set(fields) == set(log.COLUMNS)
    assert all(type(form.controls[n]).__name__ == "DatePicker" for n in logbook.DATE_FIELDS)
    for name in fields:
        assert form.controls[name].description.strip(), name
        assert name in form.messages
    assert "No log yet" in form.extras["saved"].value


def test_save_writes_the_row_and_shows_it_back_from_the_file(workspace):
    form = forms.log_entry_form()
    fill(form, **GOOD, status="held", kind="practice", referrals="2", may_use_name="yes",
         thank_you_sent="2026-11-01", follow_up_on="2026-11-09", feedback="Slow down at the start.")
    form.controls["save"].click()
    rows = saved_rows()
    assert len(rows) == 1
    row = rows[0]
    assert (row["date"], row["contact"], row["organisation"], row["status"], row["kind"]) == (
        "2026-11-01", "Ana Silva", "Northgate Health", "held", "practice")
    assert (row["referrals"], row["may_use_name"], row["contact_details"]) == ("2", "yes", "")
    assert row["feedback"] == "Slow down at the start."
    assert "Saved as row 2 of interview_log.csv" in form.status.value
    shown = form.extras["saved"].value
    assert "Row 2 of interview_log.csv, as read back from the file" in shown
    assert "Slow down at the start." in shown and "Northgate Health" in shown
    assert "Your log (1 interview)" in shown


def test_saving_twice_does_not_duplicate(workspace):
    form = forms.log_entry_form()
    fill(form, **GOOD)
    form.controls["save"].click()
    before = workspace.joinpath("interview_log.csv").read_bytes()
    form.controls["save"].click()
    assert len(saved_rows()) == 1
    assert workspace.joinpath("interview_log.csv").read_bytes() == before
    assert "Already in your log (row 2)" in form.status.value
    fill(form, contact="Bo Chen")
    form.controls["save"].click()
    assert [r["contact"] for r in saved_rows()] == ["Ana Silva", "Bo Chen"]


@pytest.mark.parametrize("values, field, words", [
    ({"date": "", "contact": "", "organisation": ""}, "date", "is empty"),
    ({"date": "", "contact": "", "organisation": ""}, "contact", "is empty"),
    ({"date": "", "contact": "", "organisation": ""}, "organisation", "is empty"),
    ({**GOOD, "contact": "   "}, "contact", "is empty"),
    ({**GOOD, "contact": "A" * 101}, "contact", "is 101 characters long. Shorten it to 100"),
    ({**GOOD, "feedback": "x" * 2001}, "feedback", "is 2001 characters long"),
    ({**GOOD, "referrals": "two"}, "referrals", "is not a number"),
    ({**GOOD, "referrals": "-1"}, "referrals", "is negative"),
])
def test_bad_input_is_named_beside_its_field_and_nothing_is_written(workspace, values, field, words):
    form = forms.log_entry_form()
    fill(form, **values)
    form.controls["save"].click()
    assert saved_rows() == []
    assert not workspace.joinpath("interview_log.csv").exists()
    assert words in html.unescape(form.messages[field].value)
    assert "Not saved yet" in form.status.value


def test_bad_input_keeps_what_was_saved(workspace):
    form = forms.log_entry_form()
    fill(form, **GOOD)
    form.controls["save"].click()
    before = workspace.joinpath("interview_log.csv").read_bytes()
    fill(form, contact="Bo", referrals="two")
    form.controls["save"].click()
    assert workspace.joinpath("interview_log.csv").read_bytes() == before
    assert "Nothing in your log was changed" in form.status.value


def test_hostile_text_is_saved_as_text_and_shown_escaped(workspace):
    view = forms.log_view(charts=True)
    form = forms.log_entry_form()
    script = "<script>alert(1)</script>"
    formula = '=HYPERLINK("http://evil.example","click")'
    fill(form, **{**GOOD, "contact": script, "organisation": formula, "sector": "<img src=x onerror=alert(2)>",
                  "feedback": "<b>bold</b> & more", "follow_up_on": "2026-11-09"})
    form.controls["save"].click()
    row = saved_rows()[0]
    assert row["contact"] == script and row["organisation"] == formula  # read back exactly
    text = workspace.joinpath("interview_log.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text  # a spreadsheet shows it as text, it does not run it
    for shown in (all_html(form), view.tables.value, view.charts.value, view.note.value):
        assert "<script" not in shown and "<img src=x" not in shown and "<b>bold" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in form.extras["saved"].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.tables.value
    assert "=HYPERLINK" in form.extras["saved"].value


def _button(view, text):
    return next(c for c in view.widget.children if getattr(c, "description", "") == text)


def test_view_shows_the_sample_then_the_learners_log_after_a_save(workspace):
    view = forms.log_view()
    assert "sample log" in view.note.value and "30 Nov 2026" in view.note.value
    assert "27 interviews in the log" in view.tables.value
    assert view.charts.value == "", "the charts are drawn on request, so the lesson opens quickly"
    _button(view, "Draw the charts").click()
    assert view.charts.value.count("<figure") == 4 and view.charts.value.count("alt='") == 4
    assert _button(view, "Draw the charts").layout.display == "none"
    form = forms.log_entry_form()
    fill(form, **GOOD, status="held", referred_by="Nobody Known")
    form.controls["save"].click()
    assert "your own log" in view.note.value.lower()
    assert "1 interview in the log: 1 held" in view.tables.value
    assert "Ana Silva" in view.tables.value
    assert view.charts.value.count("<figure") == 4
    tips = html.unescape(form.extras["tips"].value)
    assert "'Nobody Known' is not a contact in your log yet" in tips
    assert "send a short thank-you the same day or the next" in tips


def test_view_of_an_empty_log_is_friendly(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    workspace.joinpath("interview_log.csv").write_text(",".join(log.COLUMNS) + "\n", encoding="utf-8")
    view = forms.log_view(charts=False)
    assert "has no interviews yet" in view.note.value
    assert "No check-ins overdue." in view.tables.value and "No held interviews yet" in view.tables.value
    assert view.charts.value == ""
    form = forms.log_entry_form()
    assert "Your log has no interviews yet." in form.extras["saved"].value


def test_an_unreadable_log_is_left_alone(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    path = workspace / "interview_log.csv"
    path.write_bytes(b"PK\x03\x04\x00binary")
    view = forms.log_view(charts=False)
    assert "could not be read" in view.note.value and "sample log" in view.note.value
    for make in (forms.log_entry_form, forms.log_update_form):
        form = make()
        assert form.extras["problem"].code == "damaged_file" and "move_aside" in form.controls
        assert "cannot start yet" in html.unescape(form.widget.children[0].value)
    assert path.read_bytes() == b"PK\x03\x04\x00binary"
    assert not log.add_entry({**GOOD, "status": "held"}).saved
    assert path.read_bytes() == b"PK\x03\x04\x00binary"
    form.controls["move_aside"].click()
    assert not path.exists() and list((workspace / "backups" / "moved-aside").iterdir())
    fresh = forms.log_entry_form()
    fill(fresh, **GOOD)
    fresh.controls["save"].click()
    assert len(saved_rows()) == 1


def test_clear_button_empties_the_form(workspace):
    form = forms.log_entry_form()
    fill(form, **GOOD, status="cancelled", notes="x")
    form.controls["clear"].click()
    assert all(form.controls[n].value == "" for n in ("contact", "organisation", "notes"))
    assert form.controls["date"].value is None
    assert form.controls["status"].value == "held" and form.controls["kind"].value == "real"
    assert saved_rows() == []


def test_view_refresh_button_reads_the_file_again(workspace):
    view = forms.log_view(charts=False)
    log.add_entry({**GOOD, "status": "requested"})  # saved outside the form (the plain call)
    assert "sample log" in view.note.value
    refresh = [c for c in view.widget.children if getattr(c, "description", "") == "Read my log again"][0]
    refresh.click()
    assert "your own log" in view.note.value.lower() and "1 interview in the log" in view.tables.value


# ---------------------------------------------------------------------------------------
# The lesson, run headless (as Run All would)
# ---------------------------------------------------------------------------------------
def _outputs(nb) -> list[str]:
    """Every output, and the text of every widget as the kernel left it (live widgets)."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            found.append(out.get("data", {}).get("text/html", "") or out.get("text", ""))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        value = model.get("state", {}).get("value")
        if isinstance(value, str):
            found.append(value)
    return found


def test_lesson_is_well_formed_and_follows_the_conventions():
    nb = nbformat.read(LESSON, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source == "from helpers import forms" and "setup" in code[0].metadata["tags"]
    main = [c for c in code if "appendix" not in c.metadata.get("tags", [])]
    assert all(c.metadata["jupyter"]["source_hidden"] for c in main)
    assert [c.source for c in main[1:]] == ["forms.next_actions_view()", "forms.log_entry_form()",
                                            "forms.log_update_form()", "forms.calendar_button()",
                                            "forms.log_view()", "forms.share_log_button()"], "next actions first"
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    appendix = headings.index("## Appendix: the same activities without the forms")
    assert appendix == len(headings) - 1, "one appendix, at the end"
    assert all("appendix" in c.metadata.get("tags", []) for c in nb.cells[-5:])
    plain = [c.source for c in code if "appendix" in c.metadata.get("tags", [])]
    assert any("log.add_entry(" in src for src in plain) and any("log.update_interview(" in src for src in plain)
    assert not any(src.lstrip().startswith("#") for src in plain), "no 'remove the #'"
    for c in nb.cells:
        assert not c.get("outputs") and not c.get("execution_count"), "committed cleared"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Key points" in text and "Learning objectives" in text and "*Time:" in text
    assert "Run this cell" not in "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                                            and "notebook-only" not in c.metadata.get("tags", []))


@pytest.mark.slow
def test_lesson_shows_every_table_and_chart_on_the_sample(tmp_path):
    from nbtools import errors, execute

    nb = execute(LESSON, tmp_path / "work")
    assert errors(nb) == []
    outputs = "\n".join(_outputs(nb))
    assert "sample log" in outputs and "27 fictional interviews" in outputs
    assert outputs.index("Next actions") < outputs.index("1. Activity") or "Thank-you: Sam Whitfield" in outputs
    assert "Nothing written: your log has no interviews yet" in outputs or "Not saved" in outputs
    for title in ["1. Activity", "2. Follow-ups", "3. Thank-yous", "4. Referrals", "5. Feedback", "6. Coverage"]:
        assert title in outputs
    assert "<figure" not in outputs, "charts are drawn on request (the view's 'Draw the charts')"
    assert not (tmp_path / "work" / "interview_log.csv").exists()  # Run All saved nothing


@pytest.mark.slow
def test_lesson_shows_the_learners_own_log(tmp_path):
    from nbtools import errors, execute

    work = tmp_path / "work"
    work.mkdir()
    (work / "interview_log.csv").write_bytes((CASES / "summaries_small.csv").read_bytes())
    nb = execute(LESSON, work)
    assert errors(nb) == []
    outputs = "\n".join(_outputs(nb))
    assert "This is your own log" in outputs and "sample log" not in outputs.split("1. Activity")[0]
    assert "11 names from 7 held interviews" in outputs
    assert "Pat Practice → Ana Alvarez → Ben Brown → Cara Cole → Dan Diaz → Finn Ford" in outputs
    assert (work / "interview_log.csv").read_bytes() == (CASES / "summaries_small.csv").read_bytes()


def test_the_saved_table_shows_the_last_five(workspace):
    for day in range(1, 8):
        assert log.add_entry({**GOOD, "date": f"2026-10-{day:02d}", "status": "held"}, allow_repeat=True).saved
    form = forms.log_entry_form()
    fill(form, **{**GOOD, "date": "2026-10-08", "contact": "Last One"})
    form.controls["save"].click()
    shown = form.extras["saved"].value
    assert "Your log: the last 5 of 8 interviews" in shown and "Last One" in shown
    assert "2026-10-03" not in shown.split("Your log:")[1]


def test_only_the_charts_whose_data_changed_are_drawn_again(workspace):
    assert log.add_entry({**GOOD, "status": "held"}).ok
    view = forms.log_view(charts=True)
    assert sorted(view.redrawn) == ["interview_path", "referral_tree", "sector_coverage", "weekly_activity"]
    update = forms.log_update_form()
    fill(update, pick=2, thank_you_sent="2026-11-02")
    update.controls["save"].click()
    assert "Updated row 2" in update.status.value
    assert view.redrawn == ["interview_path"], "a thank-you date changes one chart only"
    update.controls["save"].click()
    assert "Nothing changed" in update.status.value
    add = forms.log_entry_form()
    fill(add, **{**GOOD, "contact": "Bo Chen", "organisation": "Elsewhere", "status": "requested"})
    add.controls["save"].click()
    assert view.redrawn == ["interview_path"], "a new request changes the path chart only"


def plain(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", value))


def test_update_form_takes_an_interview_from_requested_to_thanked(workspace):
    import datetime as dt

    actions = forms.next_actions_view(as_of="2026-11-20")
    update = forms.log_update_form()
    assert "no interviews in your log yet" in update.controls["pick"].options[0][0]
    add = forms.log_entry_form()
    fill(add, **{**GOOD, "status": "requested", "date": "2026-11-02"})
    add.controls["save"].click()
    assert "Last follow-up: Ana Silva" in plain(actions.body.value)
    assert update.controls["pick"].value == 2 and update.controls["status"].value == "requested"
    fill(update, status="held", date="2026-11-12")
    update.controls["save"].click()
    assert "Updated row 2" in update.status.value
    assert "Thank-you: Ana Silva" in plain(actions.body.value)
    assert "follow-up: Ana Silva" not in plain(actions.body.value)
    fill(update, thank_you_sent="2026-11-12", follow_up_on="2026-11-20", referrals="2", may_use_name="yes")
    update.controls["save"].click()
    body = plain(actions.body.value)
    assert "Thank-you: Ana Silva" not in body and "Check in: Ana Silva (due today)" in body
    rows = saved_rows()
    assert len(rows) == 1 and rows[0]["status"] == "held" and rows[0]["thank_you_sent"] == "2026-11-12"
    # A date that cannot be right for a held interview is refused beside its field; nothing changes.
    before = workspace.joinpath("interview_log.csv").read_bytes()
    fill(update, date=dt.date.today().replace(year=dt.date.today().year + 1).isoformat())
    update.controls["save"].click()
    assert "held" in html.unescape(update.messages["status"].value) or "Not" in update.status.value
    assert workspace.joinpath("interview_log.csv").read_bytes() == before
    update.controls["undo"].click()
    assert "Went back" in update.status.value and saved_rows()[0]["thank_you_sent"] == ""
    assert "Thank-you: Ana Silva" in plain(actions.body.value)


def test_a_second_row_for_the_same_person_offers_to_update_the_first(workspace):
    update = forms.log_update_form()
    add = forms.log_entry_form()
    fill(add, **GOOD, status="requested")
    add.controls["save"].click()
    fill(add, status="held", date="2026-11-05")
    add.controls["save"].click()
    assert len(saved_rows()) == 1 and "already in your log" in html.unescape(add.status.value)
    assert add.extras["repeat"].layout.display is None
    add.controls["update_instead"].click()
    assert update.controls["pick"].value == 2 and "Update an interview" in add.status.value
    add.controls["add_anyway"].click()
    assert len(saved_rows()) == 2
