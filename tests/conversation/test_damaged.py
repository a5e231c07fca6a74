"""The practice partner on a damaged, wrong-shaped, read-only or uncreatable workspace: a plain
message in place of the form, a way out, and nothing changed; the lesson runs headless on a
damaged file with no error output (issue 10)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import formdamage
from helpers import conversation as c
from helpers.conversation.view import practice_form
from nbtools import errors, execute

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "05-the-conversation.ipynb"
DAMAGE = {"damaged_file": b"\x00{ not what was saved", "wrong_shape": b'["a list where a table belongs"]'}


def _to_the_last_reply(form) -> None:
    p = c.persona("tomasz-site-manager")
    form.controls["persona"].value = p.id
    form.controls["start"].click()
    for i in c.best_path(p)[:-1]:
        form.controls["reply"].value = i
        form.controls["say"].click()
    form.controls["reply"].value = c.best_path(p)[-1]


@pytest.mark.parametrize("code", sorted(DAMAGE))
def test_a_damaged_or_wrong_shaped_file(workspace: Path, code: str):
    formdamage.damaged_file(workspace, practice_form, c.FILE, DAMAGE[code], code, "say")


def test_a_read_only_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    p = c.persona("amina-pharmacist")
    assert c.save_run(c.walk(p, c.best_path(p))).changed
    formdamage.read_only(workspace, monkeypatch, practice_form, c.FILE, "say", _to_the_last_reply)


def test_an_uncreatable_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    formdamage.uncreatable(tmp_path, monkeypatch, practice_form)


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(DAMAGE))
def test_the_lesson_runs_on_a_damaged_file(tmp_path: Path, code: str):
    work = tmp_path / "work"
    work.mkdir()
    (work / c.FILE).write_bytes(DAMAGE[code])
    nb = execute(LESSON, work)
    assert errors(nb) == []
    state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert "This activity cannot start yet" in state and "Move it aside" in state and "Traceback" not in state
    assert (work / c.FILE).read_bytes() == DAMAGE[code]


@pytest.mark.slow
def test_the_lesson_runs_when_the_workspace_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    nb = execute(LESSON, blocker / "work")
    assert errors(nb) == []
    assert "This activity cannot start yet" in json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert blocker.read_text() == "not a folder"
