"""Exporting all work into one printable HTML file, and starting over without losing anything."""
from __future__ import annotations

import datetime as dt
import re
import sys
import types
from pathlib import Path

import pytest

from helpers import log, portfolio, quiz

HOSTILE = "<script>alert(1)</script>"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def fake_activities(monkeypatch: pytest.MonkeyPatch):
    """Three pretend activity modules: one with hostile text, one that fails, one missing."""
    good = types.ModuleType("helpers.fake_good")
    good.export_text = lambda: f"My questions\n\n1. What surprised you? {HOSTILE}\n"
    bad = types.ModuleType("helpers.fake_bad")

    def broken() -> str:
        raise ValueError("fake.json is damaged")
    bad.export_text = broken
    empty = types.ModuleType("helpers.fake_empty")
    empty.export_text = lambda: ""
    for module in (good, bad, empty):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(portfolio, "ACTIVITIES", [
        ("quiz", "Self-check answers and notes"), ("fake_good", "My research and questions"),
        ("fake_bad", "Broken part"), ("fake_empty", "Empty part"), ("fake_missing", "Not written yet"),
    ])


# ---- export ------------------------------------------------------------------------------
def test_nothing_saved_means_nothing_written(workspace: Path):
    result = portfolio.export_workbook()
    assert not result.written and "Nothing to export yet" in result.message()
    assert not (workspace / portfolio.EXPORT_NAME).exists()


def test_the_workbook_is_self_contained_printable_and_escaped(workspace: Path, fake_activities):
    quiz.answer("two-way-exchange", "B")
    quiz.save_notes({"what-i-know": HOSTILE})
    result = portfolio.export_workbook()
    assert result.written and result.path == workspace / portfolio.EXPORT_NAME
    assert result.sections == ["Self-check answers and notes", "My research and questions", "Broken part"]
    assert "Broken part: This part could not be read: fake.json is damaged" in result.notes
    page = result.path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<html lang='en'>" in page and "<meta charset='utf-8'>" in page
    assert "@media print" in page
    assert "<script" not in page.lower(), "no scripts, and learners' text escaped"
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page), "nothing fetched from elsewhere"
    assert "Not written yet" not in page and "Empty part" not in page
    assert page.index("Self-check answers and notes</h2>") < page.index("My research and questions</h2>")


def test_exporting_again_replaces_the_file_and_touches_nothing_else(workspace: Path):
    quiz.answer("two-way-exchange", "B")
    portfolio.export_workbook()
    before = {k: v for k, v in _files(workspace).items() if k != portfolio.EXPORT_NAME}
    portfolio.export_workbook()
    after = _files(workspace)
    assert {k: v for k, v in after.items() if k != portfolio.EXPORT_NAME} == before
    assert [p.name for p in workspace.iterdir() if p.name.startswith(".")] == [], "no temporary files left"


def test_the_real_activity_modules_export_without_error(workspace: Path):
    """Whatever activity modules exist now export cleanly on an empty workspace (no crash, no section)."""
    sections, skipped = portfolio._activity_sections()
    assert sections == [], [s.note for s in sections]
    assert set(skipped) <= {name for name, _ in portfolio.ACTIVITIES}


def test_the_learners_own_log_is_a_table(workspace: Path):
    assert portfolio._log_section() is None, "the sample log is not the learner's work"
    saved = log.add_entry({"date": "2026-03-02", "contact": HOSTILE, "organisation": "=HYPERLINK(\"x\")",
                           "status": "held", "feedback": "Learn SQL"})
    assert saved.saved
    result = portfolio.export_workbook()
    page = result.path.read_text(encoding="utf-8")
    assert "My interview log" in result.sections
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    assert '=HYPERLINK("x")' in page and "Learn SQL" in page
    assert "<td>referrals</td>" not in page and "<th>notes</th>" not in page, "empty columns left out"


def test_an_unreadable_log_is_noted_not_fatal(workspace: Path):
    workspace.mkdir(parents=True)
    (workspace / "interview_log.csv").write_bytes(b"\x00\x01binary")
    result = portfolio.export_workbook()
    assert result.written and "could not be read" in result.path.read_text(encoding="utf-8")


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
    assert not result.done
    assert what in result.problems[0].what
    assert result.problems[0].column == "confirm"
    assert "Nothing was moved" in result.message()
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
    assert result.done and result.problems == [] and result.not_moved == []
    assert result.backup == workspace / "backups" / "2026-03-04_093000"
    assert sorted(result.moved) == sorted(["extra folder", "interview_log.csv", "my_interview_workbook.html", "quiz.json"])
    assert [p.name for p in workspace.iterdir()] == ["backups"]
    assert _files(result.backup) == before, "every byte kept"
    assert quiz.saved_answers() == {} and quiz.export_text() == ""
    assert "Moved 4 item(s)" in result.message() and "To undo" in result.message()

    quiz.answer("candid-feedback", "A")  # second round, same second: a new folder, the first kept
    second = portfolio.start_over("start over", now=when)
    assert second.backup == workspace / "backups" / "2026-03-04_093000-2"
    assert _files(result.backup) == before
    assert [p.name for p in portfolio.backups()] == ["2026-03-04_093000", "2026-03-04_093000-2"]


def test_start_over_on_an_empty_workspace(workspace: Path):
    result = portfolio.start_over("start over")
    assert result.done and result.moved == [] and result.backup is None
    assert "already empty" in result.message()


def test_workspace_view(workspace: Path):
    assert "empty" in repr(portfolio.workspace_view())
    assert not workspace.exists(), "looking does not create the folder"
    quiz.answer("two-way-exchange", "B")
    portfolio.start_over("start over")
    quiz.answer("two-way-exchange", "B")
    view = portfolio.workspace_view()
    assert "quiz.json" in view._repr_html_() and "1 backup(s)" in view._repr_html_()
    assert "quiz.json" in repr(view)
