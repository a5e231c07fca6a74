"""Checks shared by the lesson 03 and 04 form tests: a form on a damaged, wrong-shaped,
read-only or uncreatable workspace shows a plain message, offers a way out, and changes nothing."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import pytest


def shown(form: Any) -> str:
    """Every piece of HTML the form shows (status, messages, extras)."""
    parts = [form.status.value] + [m.value for m in form.messages.values()]
    parts += [w.value for w in form.extras.values() if isinstance(w, widgets.HTML)]
    return "\n".join(parts)


def damaged_file(workspace: Path, build: Callable[[], Any], filename: str, damage: bytes, code: str,
                 button: str) -> None:
    """The form stands aside with the file's problem; "Move it aside" keeps the file and lets it start."""
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / filename).write_bytes(damage)
    form = build()
    assert form.extras["problem"].code == code
    text = form.widget.children[0].value
    assert "cannot start yet" in text and filename in text and "Traceback" not in text
    assert (workspace / filename).read_bytes() == damage
    form.controls["move_aside"].click()
    assert not (workspace / filename).exists()
    assert any(p.read_bytes() == damage for p in (workspace / "backups" / "moved-aside").iterdir())
    assert button in build().controls


def read_only(workspace: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[], Any], filename: str,
              button: str, fill: Callable[[Any], None]) -> None:
    """A read-only workspace: the form says so; a write that fails anyway is refused plainly."""
    before = (workspace / filename).read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if mode & os.W_OK else real(p, mode, *a, **k))
    form = build()
    assert "cannot start yet" in form.widget.children[0].value and button not in form.controls
    monkeypatch.setattr(os, "access", real)
    form = build()

    def refuse(*_a: Any, **_k: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    fill(form)
    form.controls[button].click()
    assert "Traceback" not in shown(form) and "Something went wrong" not in form.status.value
    assert "Nothing was saved" in form.status.value
    assert (workspace / filename).read_bytes() == before


def uncreatable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[], Any]) -> None:
    """The workspace folder cannot be made (a file is in the way): a plain message, nothing touched."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "work"))
    form = build()
    assert "cannot start yet" in form.widget.children[0].value
    assert blocker.read_text() == "not a folder"
