"""Progress, read from the saved work: empty, half-done, finished and damaged workspaces; where to
pick up; minutes left; the essentials route; the lessons' measured minutes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import lessons, progress, quiz
from progresstools import _everything, _first_half, _questions, _quiz, _readiness
from helpers.classroom import facilitator

ROOT = Path(__file__).resolve().parents[2]


def _states(p: progress.Progress) -> dict[str, str]:
    return {item.lesson.number: item.state for item in p.lessons}


def test_an_empty_workspace_has_nothing_started_and_picks_up_at_the_first_lesson(workspace: Path):
    p = progress.progress()
    assert set(_states(p).values()) == {progress.NOT_STARTED}
    assert p.pick_up is not None and p.pick_up.lesson.number == "00"
    assert p.minutes_left == lessons.total_minutes() > 0
    assert not workspace.exists() or not any(workspace.iterdir()), "reading progress wrote something"


def test_a_half_done_workspace(workspace: Path):
    _first_half(workspace)
    p = progress.progress()
    states = _states(p)
    assert states["00"] == states["01"] == progress.DONE
    assert states["02"] == progress.STARTED  # no questions yet: lesson 02 asks for five or more
    assert states["03"] == progress.NOT_STARTED
    assert p.pick_up.lesson.number == "02"
    done = sum(item.lesson.minutes or 0 for item in p.lessons if item.done)
    assert p.minutes_left == lessons.total_minutes() - done
    page = progress.view(found=p)
    assert "Pick up here" in page.text and "02 Research to questions" in page.text
    assert f"about {p.minutes_left}" in page.html


def test_a_quiz_half_answered_is_started_not_done(workspace: Path):
    _quiz(workspace, [quiz.questions()[0].id])
    assert _states(progress.progress())["01"] == progress.STARTED


def test_a_finished_workspace(workspace: Path):
    _everything(workspace)
    p = progress.progress()
    assert set(_states(p).values()) == {progress.DONE}, _states(p)
    assert p.pick_up is None and p.minutes_left == 0
    assert "You have done every lesson" in progress.view(found=p).text


def test_lesson_08_needs_the_readiness_check_after_the_lessons(workspace: Path):
    _everything(workspace)
    _readiness(workspace, "before")  # no "after" taking
    states = _states(progress.progress())
    assert states["08"] == progress.STARTED and states["00"] == progress.DONE


@pytest.mark.parametrize("name, lesson", [("quiz.json", "01"), ("questions.json", "02"),
                                          ("readiness.json", "00"), ("interview_log.csv", "06")])
def test_a_damaged_file_says_so_and_how_to_fix_it_without_a_traceback(workspace: Path, name: str, lesson: str):
    _first_half(workspace)
    before = {p.name: p.read_bytes() for p in workspace.iterdir() if p.is_file()}
    bad = b'{"version": 1, "answers": [' if name.endswith(".json") else b"\xff\xfe\x00garbage\x00\n\x00"
    (workspace / name).write_bytes(bad)
    p = progress.progress()
    item = next(i for i in p.lessons if i.lesson.number == lesson)
    assert item.state == progress.UNREADABLE, (name, item)
    assert "move it aside" in item.fix.lower(), item.fix
    assert name in item.fix or "practice log" in item.fix, item.fix
    page = progress.view(found=p)
    assert progress.UNREADABLE in page.html and "Traceback" not in page.html
    after = {p.name: p.read_bytes() for p in workspace.iterdir() if p.is_file()}
    assert after == {**before, name: bad}, "reading progress changed a saved file"


def test_the_view_escapes_what_it_shows(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    strange = lessons.Lesson("00-start-here.ipynb", "Start <b>here</b> & now", "x", 5, "5 minutes")
    p = progress.progress([strange])
    page = progress.view(found=p)
    assert "Start &lt;b&gt;here&lt;/b&gt; &amp; now" in page.html and "<b>here</b>" not in page.html
    assert "<table" in page.html and "<caption>" in page.html and 'scope="col"' in page.html


def test_every_lesson_says_what_counts_as_done():
    files = [x.file for x in lessons.catalogue()]
    assert [r.lesson for r in progress.RULES] == files
    assert all(r.done_when.strip() for r in progress.RULES)
    text = progress.view().text
    for rule in progress.RULES:
        assert rule.done_when in text


def test_the_essentials_route_comes_from_the_60_minute_plan_and_adds_up():
    plan = next(p for p in facilitator.plans() if p.id == "60")
    title, minutes, steps = progress.essentials()
    assert title == plan.title and minutes == plan.minutes == 60
    assert sum(s.minutes for s in steps) == minutes
    assert [s.minutes for s in steps] == [b.minutes for b in plan.blocks]
    assert [s.lesson.file if s.lesson else "" for s in steps] == [b.lesson for b in plan.blocks]
    page = progress.essentials_view("../notebooks/")
    assert "60 minutes" in page.html and 'href="../notebooks/02-research-to-questions.ipynb"' in page.html


def test_the_route_speaks_to_a_learner_working_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # the shipped plan says, for every part, what to do on your own (the role-play becomes the
    # practice partner), so the route never tells a learner alone to form groups
    steps = progress.essentials()[2]
    assert steps and all(s.alone for s in steps)
    text = progress.essentials_view().text
    assert text.count("On your own:") == len(steps) and "In the workshop:" not in text
    assert "practice partner" in [s for s in steps if s.lesson is None][0].alone
    # a part with no `alone` text falls back to the workshop's wording, said as such
    folder = tmp_path / "content"
    import shutil
    shutil.copytree(facilitator.content.folder(), folder)
    toml = folder / "workshop.toml"
    body = toml.read_text(encoding="utf-8")
    first = body.index("\nalone = ")
    toml.write_text(body[:first] + body[body.index("\n", first + 1):], encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    text = progress.essentials_view().text
    assert text.count("In the workshop: Welcome.") == 1 and text.count("On your own:") == len(steps) - 1


def test_measured_minutes_match_the_lessons_and_the_shipped_list():
    wpm, found, problems = lessons.lesson_activities()
    assert problems == [], "\n".join(problems)
    assert wpm == 200
    measured = {m.file: m for m in lessons.measure()}
    for lesson in lessons.catalogue():
        m = measured[lesson.file]
        assert lesson.minutes == m.minutes, (
            f"{lesson.file} says {lesson.minutes} minutes but measures {m.minutes}: "
            "run `python -m helpers lessons --write-catalogue`")
        assert m.time_line() in json.loads((lessons.NOTEBOOKS_DIR / lesson.file).read_text())["cells"][0]["source"] \
            or m.time_line() in "".join(json.loads((lessons.NOTEBOOKS_DIR / lesson.file).read_text())["cells"][0]["source"])
    assert lessons.CATALOGUE_FILE.read_text(encoding="utf-8") == lessons.catalogue_json()


def _lesson_folder(tmp_path: Path, first: str) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    base = tmp_path / "notebooks"
    base.mkdir()
    nb = new_notebook(cells=[new_markdown_cell(first), new_markdown_cell("word " * 450),
                             new_code_cell("forms.thing_form()"),
                             new_markdown_cell("appendix " * 1000, metadata={"tags": ["appendix"]})])
    nb.cells[2].id = "c0de0001"
    nbformat.write(nb, base / "01-demo.ipynb")
    return base


def test_measuring_counts_words_and_activities_and_rewriting_only_changes_the_time_line(tmp_path: Path):
    base = _lesson_folder(tmp_path, "# Demo\nA subtitle.\n\n*Time: about 99 minutes*\n\n## Objectives\n- one")
    toml = tmp_path / "acts.toml"
    toml.write_text('words_per_minute = 200\n[[activity]]\nlesson = "demo"\ncell = "c0de0001"\nminutes = 6\n')
    [m] = lessons.measure(base, toml)
    assert m.reading == 3 and m.activities == 6 and m.minutes == 9  # 455 words at 200 a minute: 3 minutes
    before = (base / "01-demo.ipynb").read_text()
    assert lessons.write_measured(base, toml) == ["01-demo.ipynb"]
    after = (base / "01-demo.ipynb").read_text()
    assert lessons.catalogue(base)[0].minutes == 9 and lessons.catalogue(base)[0].subtitle == "A subtitle."
    assert "about 99 minutes" in before and "about 99 minutes" not in after
    assert json.loads(after)["cells"][1:] == json.loads(before)["cells"][1:]
    assert lessons.write_measured(base, toml) == []  # idempotent: the time line is not counted


@pytest.mark.parametrize("toml, expected", [
    ('words_per_minute = 200\n', "has an activity with no minutes: cell c0de0001"),
    ('words_per_minute = 200\n[[activity]]\nlesson = "demo"\ncell = "nope"\nminutes = 3\n', "has no cell with id 'nope'"),
    ('words_per_minute = 200\n[[activity]]\nlesson = "other"\ncell = "c0de0001"\nminutes = 3\n', "is not a lesson"),
    ('words_per_minute = 200\n[[activity]]\nlesson = "demo"\ncell = "c0de0001"\nminutes = 0\n', "minutes must be"),
    ('words_per_minute = "fast"\n[[activity]]\nlesson = "demo"\ncell = "c0de0001"\nminutes = 2\n', "words_per_minute"),
    ('speed = 200\n', "'speed' is not a field"),
])
def test_mistakes_in_the_activities_file_are_named_and_nothing_is_written(tmp_path: Path, toml: str, expected: str):
    base = _lesson_folder(tmp_path, "# Demo\nA subtitle.\n\n*Time: 5 minutes*")
    path = tmp_path / "acts.toml"
    path.write_text(toml)
    problems = lessons.lesson_activities(base, path)[2]
    assert any(expected in p for p in problems), problems
    before = (base / "01-demo.ipynb").read_text()
    with pytest.raises(ValueError):
        lessons.write_measured(base, path)
    assert (base / "01-demo.ipynb").read_text() == before


def test_a_mistake_in_a_lesson_content_file_is_said_not_raised(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    from helpers import content

    _quiz(workspace, ["refine-not-shortcut"])

    def broken() -> list:
        raise content.ContentError("quiz.toml, line 3: the field 'text' is missing. Add it.")

    monkeypatch.setattr(quiz, "questions", broken)
    item = next(i for i in progress.progress().lessons if i.lesson.number == "01")
    assert item.state == progress.UNREADABLE and "quiz.toml, line 3" in item.fix


@pytest.mark.parametrize("per_group, drop_group, findings, expected", [
    (2, None, 1, progress.DONE),        # eight questions, every group, a finding
    (2, None, 0, progress.STARTED),     # no finding
    (2, "career", 1, progress.STARTED),  # six questions but one group has none
    (1, None, 1, progress.STARTED),     # four questions: fewer than five
])
def test_lesson_02_is_done_with_five_questions_in_every_group_and_a_finding(workspace: Path, per_group: int,
                                                                          drop_group: str | None, findings: int,
                                                                          expected: str):
    _questions(workspace, per_group=per_group, findings=findings)
    if drop_group:
        data = json.loads((workspace / "questions.json").read_text())
        data["questions"] = [q for q in data["questions"] if q["category"] != drop_group]
        (workspace / "questions.json").write_text(json.dumps(data))
    assert _states(progress.progress())["02"] == expected
