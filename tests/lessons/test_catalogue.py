"""The lesson catalogue (read from the notebooks' first cells) and the set-up report."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import lessons
from helpers import workspace as ws


def _notebook(path: Path, first: str | None, kind: str = "markdown") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = []
    if first is not None:
        cells.append(new_markdown_cell(first) if kind == "markdown" else new_code_cell(first))
    cells.append(new_code_cell("1 + 1"))
    nbformat.write(new_notebook(cells=cells), path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    base = tmp_path / "notebooks"
    _notebook(base / "02-second.ipynb", "# Second\n\nThe second one.\n\n*Time: 20-25 minutes*\n\n## Objectives\n- x")
    _notebook(base / "00-first.ipynb", "# First\n\n*Start* here, gently.\n\n*Time: 10 minutes*")
    _notebook(base / "01-middle.ipynb", "# Middle | part [1]\n\nA <b>bold</b> claim.\n\n**Time:** 15 min")
    _notebook(base / "instructor" / "00-notes.ipynb", "# Instructor notes\n\n*Time: 5 minutes*")
    _notebook(base / "Untitled.ipynb", "# Scratch\n\n*Time: 1 minute*")
    _notebook(base / ".ipynb_checkpoints" / "00-first-checkpoint.ipynb", "# Old\n\n*Time: 1 minute*")
    (base / "03-notes.txt").write_text("not a notebook", encoding="utf-8")
    return base


def test_catalogue_lists_lessons_in_order_and_leaves_out_the_rest(folder: Path):
    found = lessons.catalogue(folder)
    assert [lesson.file for lesson in found] == ["00-first.ipynb", "01-middle.ipynb", "02-second.ipynb"]
    assert [lesson.title for lesson in found] == ["First", "Middle | part [1]", "Second"]
    assert [lesson.minutes for lesson in found] == [10, 15, 25]
    assert found[0].subtitle == "*Start* here, gently."
    assert found[2].subtitle == "The second one." and found[2].time == "20-25 minutes"
    assert all(lesson.problem == "" for lesson in found)


@pytest.mark.parametrize("source, expected", [
    ("# Title\n\nSubtitle.\n\n*Time: 10 minutes*", ("Title", "Subtitle.", 10)),
    ("# Title\n*Time: 10 minutes*\n\n_Subtitle after the time_", ("Title", "Subtitle after the time", 10)),
    ("# Title\n\n*Ask for 20 minutes, then stop*\n\n**Time:** 30 minutes", ("Title", "Ask for 20 minutes, then stop", 30)),
    ("# Title\n\nSub\n\nTime: 15 to 20 mins", ("Title", "Sub", 20)),
    ("# Title\n\n⏱ 45 min\n\n- objective one", ("Title", "", 45)),
    ("Intro line\n# Title\nSub\n*Time: 5 minutes*", ("Title", "Sub", 5)),
    ("# Title\n\n## Objectives\n\nTakes 10 minutes", ("Title", "", None)),
    ("no title at all", ("", "", None)),
])
def test_first_cell_parsing(source: str, expected: tuple):
    title, subtitle, minutes, _ = lessons.parse_first_cell(source)
    assert (title, subtitle, minutes) == expected


def test_a_notebook_that_cannot_be_read_is_named_not_fatal(tmp_path: Path):
    base = tmp_path / "notebooks"
    base.mkdir()
    (base / "00-broken.ipynb").write_text("{ this is not json", encoding="utf-8")
    _notebook(base / "01-code-first.ipynb", "print('hi')", kind="code")
    _notebook(base / "02-no-title.ipynb", "Just text\n\n*Time: 5 minutes*")
    _notebook(base / "03-empty.ipynb", None)
    found = {lesson.file: lesson for lesson in lessons.catalogue(base)}
    assert "could not be read" in found["00-broken.ipynb"].problem
    assert "not a markdown cell" in found["01-code-first.ipynb"].problem
    assert "no '# Title'" in found["02-no-title.ipynb"].problem
    assert found["03-empty.ipynb"].problem
    table = lessons.markdown_table(list(found.values()))
    assert "(this notebook could not be read" in table


def test_markdown_table_escapes_and_links(folder: Path):
    table = lessons.markdown_table(lessons.catalogue(folder))
    lines = table.splitlines()
    assert lines[0] == "| # | Lesson | What it covers | Time |"
    assert len(lines) == 2 + 3
    assert "[Middle \\| part \\[1\\]](notebooks/01-middle.ipynb)" in table
    assert "&lt;b&gt;bold&lt;/b&gt;" in table and "<b>" not in table
    assert all(line.count(" | ") == 3 for line in lines[2:]), "a pipe in a title must not add a column"
    inside = lessons.markdown_table(lessons.catalogue(folder), link_prefix="")
    assert "](00-first.ipynb)" in inside


def test_missing_folder_gives_an_empty_catalogue(tmp_path: Path):
    assert lessons.catalogue(tmp_path / "nowhere") == []
    assert lessons.total_minutes([]) == 0


def test_the_real_lessons():
    found = lessons.catalogue()
    files = [lesson.file for lesson in found]
    assert files[:2] == ["00-start-here.ipynb", "01-why-informational-interviews.ipynb"]
    measured = {m.file: m.minutes for m in lessons.measure()}  # the times are measured (tests/progress)
    assert found[0].title == "Start here" and found[0].minutes == measured["00-start-here.ipynb"]
    assert found[1].title == "Why informational interviews"
    assert found[1].minutes == measured["01-why-informational-interviews.ipynb"]
    for lesson in found:
        assert lesson.problem == "", f"{lesson.file}: {lesson.problem}"
        assert lesson.title and lesson.subtitle and lesson.minutes, f"{lesson.file} first cell incomplete"
    shown = lessons.lesson_map()
    assert shown._repr_markdown_().count("](") == len(found)
    assert f"{len(found)} lessons" in str(shown)


def test_environment_report_names_versions_and_workspace(workspace: Path):
    report = lessons.environment_report()
    assert report.ipywidgets and report.ipywidgets.startswith("8.")
    assert report.workspace == str(workspace)
    assert report.workspace_from_env is True
    assert not workspace.exists(), "the report must not create the workspace"
    text = report.text()
    assert "ipywidgets" in text and str(workspace) in text
    assert "<table" in report._repr_html_()


def test_environment_report_advises_on_a_mismatch(monkeypatch: pytest.MonkeyPatch):
    versions = {"ipywidgets": "8.1.0", "jupyterlab_widgets": "1.1.0"}
    monkeypatch.setattr(lessons, "_version", lambda name: versions.get(name))
    report = lessons.environment_report()
    assert any("needs jupyterlab_widgets 3.x" in a for a in report.advice)
    versions["jupyterlab_widgets"] = None
    assert any("not installed beside this kernel" in a for a in lessons.environment_report().advice)
    versions["ipywidgets"] = None
    assert any("ipywidgets is not installed" in a for a in lessons.environment_report().advice)


def test_environment_report_escapes_what_it_shows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    odd = tmp_path / "<script>alert(1)</script>"
    monkeypatch.setenv(ws.ENV_VAR, str(odd))
    page = lessons.environment_report()._repr_html_()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_vs_code_gets_kernel_advice(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VSCODE_PID", "1")
    report = lessons.environment_report()
    assert report.editor_guess == "VS Code"
    if not report.project_kernel:
        assert any(".venv" in a for a in report.advice)


def test_the_shipped_list_of_lessons_is_in_step_with_the_notebooks() -> None:
    """A plain install has no notebooks folder; data/lessons.json stands in for it (check-content
    checks lesson names against it). Regenerate with `python -m helpers lessons --write-catalogue`."""
    from helpers import lessons

    assert lessons.CATALOGUE_FILE.read_text(encoding="utf-8") == lessons.catalogue_json(), (
        "run `python -m helpers lessons --write-catalogue`")
    assert [x.file for x in lessons.shipped_catalogue()] == [x.file for x in lessons.catalogue()]


def test_without_the_notebooks_folder_the_shipped_list_stands_in(monkeypatch, tmp_path) -> None:
    from helpers import lessons

    monkeypatch.setattr(lessons, "NOTEBOOKS_DIR", tmp_path / "nowhere")
    assert [x.file for x in lessons.catalogue()] == [x.file for x in lessons.shipped_catalogue()]
    assert lessons.catalogue()[0].title == "Start here"
    monkeypatch.setattr(lessons, "CATALOGUE_FILE", tmp_path / "missing.json")
    assert lessons.catalogue() == []
