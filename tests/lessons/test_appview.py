"""The app view's index page (helpers.appview): every lesson linked, where work is saved, Binder."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import appview, lessons, workspace


def test_the_index_links_every_lesson_relative_to_the_app_folder(workspace: Path):
    page = appview.index()
    found = lessons.catalogue()
    assert found
    for lesson in found:
        assert f'href="../notebooks/{lesson.file}"' in page.html
        assert lesson.title in page.text
    assert str(workspace) in page.html and str(workspace) in page.text
    assert "Nothing is saved there yet" in page.html


def test_the_index_names_what_is_saved_and_escapes_it(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text("date\n")
    (workspace / "a<b>&c.txt").write_text("x")
    (workspace / ".hidden").write_text("x")
    (workspace / "backups").mkdir()
    page = appview.index()
    assert "<code>interview_log.csv</code>" in page.html
    assert "a&lt;b&gt;&amp;c.txt" in page.html and "a<b>" not in page.html
    assert ".hidden" not in page.html and "backups" not in page.text


def test_on_binder_the_index_says_work_is_lost_when_the_session_ends(monkeypatch: pytest.MonkeyPatch):
    for name in appview.BINDER_MARKERS:
        monkeypatch.delenv(name, raising=False)
    assert "Binder" not in appview.index().html
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    page = appview.index()
    assert "temporary Binder session" in page.html and "export your work" in page.html


def test_a_workspace_that_cannot_be_used_is_said_not_raised(monkeypatch: pytest.MonkeyPatch):
    def broken(create: bool = True) -> Path:
        raise workspace.WorkspaceError("/nowhere could not be created (permission denied).", None)

    monkeypatch.setattr(workspace, "folder", broken)
    page = appview.index()
    assert "cannot be saved yet" in page.html and "permission denied" in page.html
    assert "00-start-here.ipynb" in page.html
