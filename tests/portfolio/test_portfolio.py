"""Exporting all work into one printable HTML file, and starting over without losing anything."""
from __future__ import annotations

import datetime as dt
import re
import sys
import types
from pathlib import Path

import pytest

from helpers import activities, conversation, forms, log, portfolio, quiz
from helpers.core import export as ex

HOSTILE = "<script>alert(1)</script>"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _activity(key: str, title: str, export) -> activities.Activity:
    module = types.ModuleType(f"helpers.fake_{key}")
    module.export = export
    module.check_content = lambda: []
    return activities.Activity(key, title, f"0{len(key) % 9}-fake.ipynb", module)


@pytest.fixture
def fake_activities(monkeypatch: pytest.MonkeyPatch):
    """Pretend activities: hostile text, an e-mail, a table, one that fails, one with nothing saved."""
    def broken():
        raise ValueError("fake.json is damaged")

    monkeypatch.setattr(activities, "ACTIVITIES", (
        activities.get("quiz"),
        _activity("questions", "My research and questions", lambda: ex.Section("My research and questions", [
            ex.Heading("Career path"), ex.Items([f"What surprised you? {HOSTILE}"], numbered=True)])),
        _activity("emails", "E-mail drafts", lambda: ex.Section("E-mail drafts", [
            ex.Email("A 20-minute conversation?", f"Dear Ms Okafor,\n\nI am Jordan.{HOSTILE}\n\nKind regards,\nJordan",
                     label="Request")])),
        _activity("conversation", "Practising the conversation", lambda: ex.Section("Practising the conversation", [
            ex.Table(["Point", "Done?"], [["Asked for names", "yes"]], caption="The close")])),
        _activity("broken", "Broken part", broken),
        _activity("empty", "Empty part", lambda: None),
    ))


# ---- export ------------------------------------------------------------------------------
def test_nothing_saved_means_nothing_written(workspace: Path):
    result = portfolio.export_workbook()
    assert not result.saved and result.codes == ["nothing_saved"] and "Nothing to export yet" in result.message
    assert not (workspace / portfolio.EXPORT_NAME).exists()


def test_the_workbook_is_a_printable_document_not_plain_text(workspace: Path, fake_activities):
    quiz.answer("two-way-exchange", "B")
    quiz.save_notes({"what-i-know": HOSTILE})
    result = portfolio.export_workbook()
    assert result.ok and Path(result.item["path"]) == workspace / portfolio.EXPORT_NAME
    assert result.item["sections"] == ["Self-check", "My research and questions", "E-mail drafts",
                               "Practising the conversation", "Broken part"]
    assert "Broken part: This part could not be read: fake.json is damaged" in result.item["notes"]
    page = Path(result.item["path"]).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<html lang='en'>" in page and "<meta charset='utf-8'>" in page
    assert "<script" not in page.lower(), "no scripts, and learners' text escaped"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page), "nothing fetched from elsewhere"
    assert "=====" not in page and "-----" not in page, "real headings, not lines of = and -"
    assert "<h2>Self-check</h2>" in page and "<h3>Career path</h3>" in page and "<ol><li>" in page
    # the e-mail as it would be sent: subject line, then the body with its line breaks kept
    assert "<div class='email'>" in page and "<strong>Subject:</strong> A 20-minute conversation?" in page
    assert "<div class='body'>Dear Ms Okafor,\n\nI am Jordan." in page
    assert "<caption>The close</caption>" in page and "<th scope='col'>Point</th>" in page
    # print styles: a page break between sections, headers repeated, rows and e-mails never split
    assert "@media print" in page and "section.page { break-before: page; }" in page
    assert "thead { display: table-header-group; }" in page and "break-inside: avoid" in page
    assert "Not written yet" not in page and "Empty part" not in page
    assert page.index("Self-check</h2>") < page.index("My research and questions</h2>")


def test_exporting_again_replaces_the_file_and_touches_nothing_else(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    portfolio.export_workbook()
    before = {k: v for k, v in _files(workspace).items() if k != portfolio.EXPORT_NAME}
    portfolio.export_workbook()
    after = _files(workspace)
    assert {k: v for k, v in after.items() if k != portfolio.EXPORT_NAME} == before
    assert [p.name for p in workspace.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] == []


def test_the_real_activities_export_without_error(workspace: Path):
    """Every registered activity exports cleanly on an empty workspace (no crash, no section)."""
    sections, notes = portfolio._activity_sections()
    assert sections == [] and notes == []


def test_a_practice_run_is_in_the_workbook(workspace: Path):
    p = conversation.persona("grace-data-analyst")
    assert conversation.save_run(conversation.walk(p, conversation.best_path(p))).ok
    result = portfolio.export_workbook()
    page = Path(result.item["path"]).read_text(encoding="utf-8")
    assert "Practising the conversation" in result.item["sections"]
    assert "Grace Mensah, Senior data analyst" in page and "6 of 6 points for the close" in page


# ---- start over ----------------------------------------------------------------------------
@pytest.mark.parametrize("typed, what", [
    ("", "The box is empty"), (None, "The box is empty"), ("   ", "The box is empty"),
    ("start", "does not say start over"), ("yes", "does not say start over"),
    ("start over" * 10, "characters long"), (HOSTILE, "does not say start over"),
])
def test_start_over_needs_the_words(workspace: Path, typed, what):
    quiz.answer("two-way-exchange", "B")
    before = _files(workspace)
    result = portfolio.start_over(typed)
    assert not result.saved and result.codes
    assert what in result.problems[0].what
    assert result.problems[0].column == "confirm"
    assert "Nothing was moved" in result.message
    assert _files(workspace) == before


def test_start_over_moves_everything_into_a_dated_backup(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    log.add_entry({"date": "2026-03-02", "contact": "Ana", "organisation": "Acme", "status": "held"})
    portfolio.export_workbook()
    (workspace / "extra folder").mkdir()
    (workspace / "extra folder" / "note.txt").write_text("mine", encoding="utf-8")
    before = _files(workspace)
    when = dt.datetime(2026, 3, 4, 9, 30, 0)
    result = portfolio.start_over("  Start   Over ", now=when)
    assert result.ok and result.item["not_moved"] == []
    backup = Path(result.item["backup"])
    assert backup == workspace / "backups" / "2026-03-04_093000"
    assert sorted(result.item["moved"]) == sorted(["extra folder", "interview_log.csv", "my_interview_workbook.html", "quiz.json"])
    assert [p.name for p in workspace.iterdir() if not p.name.startswith(".")] == ["backups"]
    kept = {k: v for k, v in before.items() if not k.startswith(("backups/", ".")) and "/." not in k}
    assert _files(backup) == kept, "every byte kept"
    assert quiz.saved_answers() == {} and quiz.export_text() == ""
    assert "Moved 4 item(s)" in result.message and "To undo" in result.message

    quiz.answer("candid-feedback", "A")  # second round, same second: a new folder, the first kept
    second = portfolio.start_over("start over", now=when)
    assert Path(second.item["backup"]) == workspace / "backups" / "2026-03-04_093000-2"
    assert _files(backup) == kept
    assert [p.name for p in portfolio.backups()] == ["2026-03-04_093000", "2026-03-04_093000-2"]


def test_start_over_on_an_empty_workspace(workspace: Path):
    result = portfolio.start_over("start over")
    assert result.ok and not result.changed and result.item == {"backup": None, "moved": [], "not_moved": []}
    assert "already empty" in result.message


def test_workspace_view(workspace: Path):
    assert "empty" in repr(forms.workspace_view())
    assert not workspace.exists(), "looking does not create the folder"
    quiz.answer("two-way-exchange", "B")
    portfolio.start_over("start over")
    quiz.answer("two-way-exchange", "B")
    view = forms.workspace_view()
    assert "quiz.json" in view._repr_html_() and "1 backup(s)" in view._repr_html_()
    assert "quiz.json" in repr(view)
