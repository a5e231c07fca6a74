"""Lessons 03 and 04 run headless on a damaged workspace: no error output, a plain message in place
of each form (with the way out), and every saved file left byte-for-byte as it was (issue 10).

The forms themselves are tested on each kind of damage in tests/test_email_forms.py and
tests/test_referral_forms.py; this runs the whole lessons, as Run All would.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nbtools import errors, execute

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {"03": ROOT / "notebooks" / "03-asking-and-thanking.ipynb",
           "04": ROOT / "notebooks" / "04-referrals-and-follow-up.ipynb"}
FILES = ("emails.json", "referrals.json", "settings.json")
DAMAGE = {"damaged": b"\x00{ not what was saved", "wrong_shape": b'["a list where a table belongs"]'}


def _widget_text(nb) -> str:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return json.dumps(state, ensure_ascii=False)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_on_damaged_files(lesson: str, kind: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for name in FILES:
        (work / name).write_bytes(DAMAGE[kind])
    nb = execute(LESSONS[lesson], work)
    assert errors(nb) == []
    shown = _widget_text(nb)
    assert "This activity cannot start yet" in shown and "Move it aside" in shown
    assert "Traceback" not in shown
    for name in FILES:
        assert (work / name).read_bytes() == DAMAGE[kind], f"{name} was changed"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_when_the_workspace_cannot_be_created(lesson: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    nb = execute(LESSONS[lesson], blocker / "work")
    assert errors(nb) == []
    assert "This activity cannot start yet" in _widget_text(nb)
    assert blocker.read_text() == "not a folder"
