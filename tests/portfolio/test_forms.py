"""The "Start here" forms: widget self-check, export and start over, driven from Python."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers import forms, portfolio, quiz
from helpers.classroom import printables
from nbtools import errors, execute, output_text

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>"


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _labelled(form) -> None:
    for name, control in form.controls.items():
        assert control.description.strip(), f"{name} has no label"


def test_widget_check_answers_the_click(workspace: Path):
    form = forms.widget_check_form()
    _labelled(form)
    assert form.status.value == ""
    form.controls["check"].click()
    assert "widgets work here" in form.status.value and form.extras["clicks"] == 1
    assert not workspace.exists() or _files(workspace) == {}


def test_building_the_forms_writes_nothing(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    before = _files(workspace)
    for build in (forms.workbook_export_form, forms.start_over_form, forms.widget_check_form):
        form = build()
        _labelled(form)
        assert isinstance(form.widget, widgets.VBox)
    assert _files(workspace) == before


def test_export_form(workspace: Path):
    form = forms.workbook_export_form()
    form.controls["export"].click()
    assert "Nothing to export yet" in form.status.value
    assert not (workspace / portfolio.EXPORT_NAME).exists()

    quiz.save_notes({"what-i-know": HOSTILE})
    form.controls["export"].click()
    written = workspace / portfolio.EXPORT_NAME
    assert written.exists() and "Saved your workbook" in form.status.value
    assert f"{written.stat().st_size:,} bytes" in form.status.value
    assert portfolio.EXPORT_NAME in form.extras["files"].value  # the table read back from disk
    assert "&lt;script&gt;" in written.read_text(encoding="utf-8")


@pytest.mark.parametrize("typed, shown", [
    ("", "The box is empty"),
    ("please", "does not say start over"),
    (HOSTILE, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("x" * 80, "characters long"),
])
def test_start_over_form_refuses_without_the_words(workspace: Path, typed: str, shown: str):
    quiz.answer("two-way-exchange", "B")
    before = _files(workspace)
    form = forms.start_over_form()
    form.controls["confirm"].value = typed
    form.controls["start_over"].click()
    assert shown in form.messages["confirm"].value, "the message sits next to the field"
    assert "<script>" not in form.messages["confirm"].value
    assert "Nothing was moved" in form.status.value
    assert _files(workspace) == before


def test_start_over_form_moves_everything_into_a_backup(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    portfolio.export_workbook()
    before = _files(workspace)
    form = forms.start_over_form()
    form.controls["confirm"].value = "start over"
    form.controls["start_over"].click()
    assert "Moved 2 item(s)" in form.status.value
    assert form.controls["confirm"].value == "", "the confirmation is not left armed"
    assert [p.name for p in workspace.iterdir() if not p.name.startswith(".")] == ["backups"]
    (backup,) = portfolio.backups()
    kept = {k: v for k, v in before.items() if not k.startswith(("backups/", ".")) and "/." not in k}
    assert kept and _files(backup) == kept, "every saved file moved, byte for byte"
    assert "1 backup(s)" in form.extras["files"].value

    form.controls["start_over"].click()  # clicking again with the box now empty does nothing
    assert "The box is empty" in form.messages["confirm"].value
    assert len(portfolio.backups()) == 1


@pytest.mark.slow
def test_run_all_on_start_here_changes_no_saved_work(tmp_path: Path):
    """Run All never exports, never starts over: a workspace with work in it stays exactly as it was."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "quiz.json").write_text('{"answers": {}, "reflections": {}}\n', encoding="utf-8")
    (work / "interview_log.csv").write_text("date,contact,organisation,status\n2026-03-02,Ana,Acme,held\n",
                                            encoding="utf-8")
    before = _files(work)
    nb = execute(ROOT / "notebooks" / "00-start-here.ipynb", work)
    assert errors(nb) == []
    assert _files(work) == before
    shown = output_text(nb)
    assert "quiz.json" in shown and "interview_log.csv" in shown, "the workspace table lists the files"
    assert str(work) in shown


def test_the_one_line_export_writes_only_when_asked(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    before = _files(workspace)
    said = portfolio.export_when("")
    assert said.codes == ["not_confirmed"] and "Nothing was written" in said.message
    assert _files(workspace) == before
    assert portfolio.export_when("yes").codes == ["not_confirmed"]
    done = portfolio.export_when("  Export ")
    assert done.ok and (workspace / portfolio.EXPORT_NAME).exists()


def test_the_pre_work_shows_inside_the_lesson():
    view = printables.prework_view()
    assert "<h3>Before the workshop</h3>" in view._repr_html_() and "<style>" not in view._repr_html_()
    assert "Time: about 30 minutes" in repr(view)
