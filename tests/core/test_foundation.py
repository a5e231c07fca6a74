"""Workspace, content files, display and the form base: the pieces every lesson stands on."""
from __future__ import annotations

import os
import re
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import pandas as pd
import pytest

from helpers.core import Problem

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import content, display, log  # noqa: E402
from helpers import workspace as ws_module  # noqa: E402
from helpers import widgets as base


# --------------------------------------------------------------------------- workspace
def test_workspace_follows_the_environment_variable(workspace, monkeypatch, tmp_path):
    assert workspace_folder() == workspace and workspace.is_dir()
    other = tmp_path / "elsewhere" / "deep"
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(other))
    assert workspace_folder() == other and other.is_dir()


def workspace_folder() -> Path:
    return ws_module.folder()


def test_workspace_default_is_git_ignored_my_work(monkeypatch):
    monkeypatch.delenv("INTERVIEW_WORKSPACE")
    assert ws_module.folder(create=False) == ws_module.REPO_ROOT / "my_work"
    assert "my_work/" in (ws_module.REPO_ROOT / ".gitignore").read_text()


def test_workspace_names_are_never_paths():
    for bad in ["../x.json", "/etc/passwd", "a/b.json"]:
        with pytest.raises(ValueError):
            ws_module.path(bad)


def test_atomic_write_keeps_the_previous_version_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "work.json"
    ws_module.atomic_write_text(target, "version 1")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        ws_module.atomic_write_text(target, "version 2")
    assert target.read_text() == "version 1"
    assert [p.name for p in tmp_path.iterdir()] == ["work.json"], "temporary file cleaned up"


def test_damaged_json_is_reported_not_replaced(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "questions.json").write_text("{not json")
    with pytest.raises(ValueError, match="damaged"):
        ws().read_json("questions.json", [])
    assert (workspace / "questions.json").read_text() == "{not json"


def ws():
    return ws_module


def test_json_round_trip_with_hostile_text(workspace):
    data = [{"text": "<script>alert(1)</script> =SUM(A1) Zoë"}]
    ws().write_json("notes.json", data)
    assert ws().read_json("notes.json", []) == data


# --------------------------------------------------------------------------- content files
def test_content_syntax_error_names_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_CONTENT", str(tmp_path))
    (tmp_path / "broken.toml").write_text('# a comment\ntitle = "ok"\nquestion = "unclosed\n')
    with pytest.raises(content.ContentError) as info:
        content.load("broken")
    message = str(info.value)
    assert "broken.toml" in message and "line 3" in message and "quotes" in message


def test_content_missing_field_and_missing_file(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_CONTENT", str(tmp_path))
    with pytest.raises(content.ContentError, match="missing"):
        content.load("absent")
    with pytest.raises(content.ContentError, match="'prompt' is missing"):
        content.require({"title": "x"}, ["title", "prompt"], "x.toml, item 1")
    with pytest.raises(content.ContentError, match="should be a list"):
        content.require({"choices": "a"}, ["choices"], "x.toml, item 1", {"choices": list})


def test_every_shipped_content_file_parses():
    files = sorted((ws_module.DATA_DIR / "content").glob("*.toml"))
    for f in files:
        assert isinstance(content.load(f.stem), dict)


# --------------------------------------------------------------------------- display
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_tables_escape_learner_text():
    html = display.table_html(pd.DataFrame({"contact": [HOSTILE], "date": [pd.Timestamp("2026-01-02")]}))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "2026-01-02" in html and "00:00:00" not in html


def test_empty_table_is_a_friendly_line():
    assert "Nothing to show yet" in display.table_html(pd.DataFrame())


def test_figure_html_has_alt_and_caption_and_closes_the_figure():
    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    html = display.figure_html(fig, alt="Bar chart: " + HOSTILE, caption="One bar")
    assert re.search(r"<figure.*<img src='data:image/png;base64,[A-Za-z0-9+/=]+' alt='Bar chart: &lt;script", html)
    assert "<figcaption" in html and "One bar" in html and "<script>" not in html
    assert not plt.get_fignums(), "the figure was closed"


# --------------------------------------------------------------------------- form base
def make_form():
    name = base.text("Name")
    form = base.build([("name", name)], [("save", base.button("Save"))], title="T <b>")
    return form


def test_form_shows_problems_beside_fields_escaped():
    form = make_form()
    form.show_problems([Problem("name", HOSTILE, "is too long", "Shorten it", "too_long")])
    assert "&lt;script&gt;" in form.messages["name"].value and "<script>" not in form.messages["name"].value
    assert "Not saved" in form.status.value
    assert "&lt;b&gt;" in form.widget.children[0].value


def test_form_click_errors_are_shown_not_lost():
    form = make_form()

    def broken(f):
        raise RuntimeError("bug <here>")

    form.on_click("save", broken)
    form.controls["save"].click()
    assert "Something went wrong" in form.status.value and "bug &lt;here&gt;" in form.status.value


def test_every_field_has_a_label():
    form = make_form()
    for name, control in form.controls.items():
        label = getattr(control, "description", "")
        assert label.strip(), f"{name} has no label for screen readers"
    assert isinstance(form.controls["save"], widgets.Button)
