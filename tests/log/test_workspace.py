"""Lesson 06 on a damaged, wrong-shaped, read-only or uncreatable workspace: a plain message in
place of each form, no traceback, the file byte-identical; the lesson runs headless on it."""
from __future__ import annotations

import html
import os
from pathlib import Path

import pytest

from helpers import forms, log, workspace as ws

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "06-practice-log.ipynb"
GOOD = {"date": "2026-11-01", "contact": "Ana Silva", "organisation": "Northgate Health", "status": "held"}
DAMAGED = {"damaged": b"PK\x03\x04\x00\x00binary\x00", "wrong_shape": b"name,when\nAna,today\n",
           "utf16": "date,contact,organisation,status\n".encode("utf-16")}
BUILDERS = ["log_entry_form", "log_update_form"]


def _text(form) -> str:
    return html.unescape(" ".join(getattr(c, "value", "") or "" for c in form.widget.children
                                  if isinstance(getattr(c, "value", None), str)))


@pytest.mark.parametrize("kind", list(DAMAGED))
@pytest.mark.parametrize("builder", BUILDERS)
def test_a_damaged_log_gets_a_plain_message_and_is_left_alone(workspace, kind, builder):
    workspace.mkdir(parents=True, exist_ok=True)
    path = workspace / ws.LOG_NAME
    path.write_bytes(DAMAGED[kind])
    form = getattr(forms, builder)()
    assert form.extras["problem"].code == "damaged_file"
    assert "cannot start yet" in _text(form) and "Traceback" not in _text(form)
    assert "move_aside" in form.controls
    forms.next_actions_view()
    forms.log_view(charts=False)
    assert log.update_entry(2, {"status": "held"}).codes == ["damaged_file"]
    assert path.read_bytes() == DAMAGED[kind]


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_read_only_workspace(workspace, monkeypatch, builder):
    assert log.add_entry(GOOD).ok
    path = workspace / ws.LOG_NAME
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, "access", lambda *a, **k: False)
        form = getattr(forms, builder)()
        assert form.extras["problem"].code == "workspace_readonly" and "Traceback" not in _text(form)

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    result = log.add_entry({**GOOD, "contact": "Bo"})
    assert not result.saved and result.codes == ["workspace_readonly"]
    assert log.update_entry(2, {"thank_you_sent": "2026-11-01"}).codes == ["workspace_readonly"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("builder", BUILDERS + ["next_actions_view", "log_view"])
def test_an_uncreatable_workspace(tmp_path, monkeypatch, builder):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "work"))
    shown = getattr(forms, builder)()
    if builder in BUILDERS:
        assert shown.extras["problem"].code and "Traceback" not in _text(shown)
    assert not log.add_entry(GOOD).saved
    assert blocker.read_text() == "not a folder"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["damaged", "wrong_shape"])
def test_the_lesson_runs_headless_on_a_damaged_log(tmp_path, kind):
    from nbtools import errors, execute

    work = tmp_path / "work"
    work.mkdir()
    (work / ws.LOG_NAME).write_bytes(DAMAGED[kind])
    nb = execute(LESSON, work)
    assert errors(nb) == []
    outputs = "\n".join(str(o) for c in nb.cells for o in c.get("outputs", []))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    widgets_text = "\n".join(str(m.get("state", {}).get("value", "")) for m in state.values())
    assert "Traceback" not in outputs + widgets_text and "cannot start yet" in widgets_text
    assert (work / ws.LOG_NAME).read_bytes() == DAMAGED[kind]
