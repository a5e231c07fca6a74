"""Exercises and reflection: the people list, chosen questions, the support plan, content checks."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from helpers import content, questions, reflection, workspace
from helpers.core import drafts as saved_files

TODAY = dt.date(2026, 3, 10)


def saved(workspace: Path) -> dict:
    return json.loads((workspace / "reflection.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- exercise 1
def test_add_person_saves_and_a_repeat_changes_nothing(workspace):
    out = reflection.add_person("My aunt  Rosa", "family", "practice", "Twenty years in a clinic office")
    assert out.saved and "Added My aunt Rosa" in out.message
    assert saved(workspace)["people"] == [{"id": out_id("My aunt Rosa"), "who": "My aunt Rosa", "relationship": "family",
                                           "kind": "practice", "why": "Twenty years in a clinic office"}]
    before = (workspace / "reflection.json").read_bytes()
    again = reflection.add_person("My aunt Rosa ", "family", "practice", " Twenty years in a clinic office")
    assert again.saved and not again.changed and "already on your list" in again.message
    assert (workspace / "reflection.json").read_bytes() == before
    respelt = reflection.add_person("my aunt rosa", "family", "practice", "Twenty years in a clinic office")
    assert respelt.saved and respelt.message.startswith("Updated")
    assert [p["who"] for p in saved(workspace)["people"]] == ["my aunt rosa"]


def out_id(who: str) -> str:
    return reflection._id(who)


def test_the_same_name_with_new_details_updates_the_entry(workspace):
    reflection.add_person("Sam", "classmates", "practice", "Also job hunting")
    out = reflection.add_person("SAM", "friends", "real", "Works in a hospital now")
    assert out.saved and out.message.startswith("Updated")
    people = saved(workspace)["people"]
    assert len(people) == 1 and people[0]["kind"] == "real" and people[0]["who"] == "SAM"


def test_the_list_starts_with_practice_runs_family_first(workspace):
    reflection.add_person("Alumna Jo", "alumni", "real", "Runs a clinic")
    reflection.add_person("Dev", "friends", "practice", "Junior accountant")
    reflection.add_person("Aunt Rosa", "family", "practice", "School nurse")
    assert [p["who"] for p in reflection.people()] == ["Aunt Rosa", "Dev", "Alumna Jo"]
    frame = reflection.people_frame()
    assert frame["how I know them"].tolist() == ["Family", "Friends", "Alumni of my school"]
    assert frame["practice or real"].tolist() == ["Practice run", "Practice run", "Real interview"]


def test_a_real_interview_first_gets_a_gentle_tip(workspace):
    out = reflection.add_person("A team lead", "new-contact", "real", "Gave a talk I liked")
    assert out.saved and out.advice_codes == ["practice_first"] and "practice run" in out.advice[0].message


@pytest.mark.parametrize("who, relationship, kind, why, column, code", [
    ("", "family", "practice", "why", "who", "empty"),
    ("Rosa", "family", "practice", "  ", "why", "empty"),
    ("x" * 101, "family", "practice", "why", "who", "too_long"),
    ("Rosa", "family", "practice", "y" * 301, "why", "too_long"),
    ("Rosa", "cousins", "practice", "why", "relationship", "unknown_choice"),
    ("Rosa", "family", "mock", "why", "kind", "unknown_choice"),
    ("<script>alert(1)</script>", "family", "practice", "why", "who", "markup"),
    ("=HYPERLINK(\"http://x\")", "family", "practice", "why", "who", "formula"),
])
def test_bad_people_are_not_saved(workspace, who, relationship, kind, why, column, code):
    reflection.add_person("Aunt Rosa", "family", "practice", "School nurse")
    before = (workspace / "reflection.json").read_bytes()
    out = reflection.add_person(who, relationship, kind, why)
    assert not out.saved and (column, code) in [(p.column, p.code) for p in out.problems]
    assert (workspace / "reflection.json").read_bytes() == before


def test_the_list_has_a_limit(workspace, monkeypatch):
    real = reflection.settings()
    monkeypatch.setattr(reflection, "settings", lambda: type(real)(**{**real.__dict__,
                                                                      "limits": {**real.limits, "people_max": 2}}))
    assert reflection.add_person("A", "family", "practice", "a").saved
    assert reflection.add_person("B", "family", "practice", "b").saved
    out = reflection.add_person("C", "family", "practice", "c")
    assert not out.saved and out.codes == ["list_full"] and "already has 2 people" in out.problems[0].what
    assert reflection.add_person("B", "family", "practice", "b changed").saved  # updating still works


def test_remove_person(workspace):
    out = reflection.add_person("Rosa", "family", "practice", "nurse")
    person_id = reflection.people()[0]["id"]
    assert out.saved and reflection.remove_person(person_id).ok
    assert reflection.remove_person(person_id).codes == ["not_found"] and reflection.people() == []


def test_suggested_people_start_with_practice_partners():
    frame = reflection.suggested_people()
    assert frame["kind of person"].tolist()[:2] == ["Family", "Friends"]
    practice = frame["good for"].tolist()
    assert practice == sorted(practice, key=lambda g: g != "a practice run")


# --------------------------------------------------------------------------- exercise 2
@pytest.fixture
def drafts(saved_drafts):
    """Lesson 02's saved questions stand in with two drafts (and a repeat and a blank)."""
    saved_drafts(("The role", "What does a  typical week look like?"), ("Getting in", "How did you start?"),
                 ("Getting in", "how did you start?"), ("x", ""))


def test_available_questions_are_the_learners_drafts(drafts):
    questions, note = reflection.available_questions()
    assert [(q["id"], q["text"]) for q in questions] == [("draft-1", "What does a typical week look like?"),
                                                         ("draft-2", "How did you start?")]
    assert "2 question(s) you drafted in lesson 02" in note


def test_without_drafts_the_starter_questions_are_offered():
    offered, note = reflection.available_questions()
    assert offered[0]["id"] == "starter-week" and all(q["source"] == "starter" for q in offered)
    assert "not drafted any questions yet" in note and "lesson 02" in note


def test_damaged_drafts_are_said_and_the_starters_offered(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / questions.QUESTIONS_FILE).write_text("{oops", encoding="utf-8")
    offered, note = reflection.available_questions()
    assert offered[0]["source"] == "starter" and "could not be read" in note and "questions.json" in note
    assert (workspace / questions.QUESTIONS_FILE).read_text(encoding="utf-8") == "{oops"


def test_the_real_questions_module_on_a_fresh_workspace_gives_starters():
    questions, note = reflection.available_questions()
    assert questions and questions[0]["source"] == "starter"


def test_choose_questions_saves_once(workspace, drafts):
    out = reflection.choose_questions(["draft-2", "draft-1"], "What would you do differently?")
    assert out.saved and "3 question(s)" in out.message
    chosen = saved(workspace)["questions"]
    assert [q["text"] for q in chosen] == ["How did you start?", "What does a typical week look like?",
                                           "What would you do differently?"]
    assert chosen[2]["source"] == "my own"
    before = (workspace / "reflection.json").read_bytes()
    again = reflection.choose_questions(["draft-2", "draft-1", "draft-2"], " What would you do  differently? ")
    assert again.saved and not again.changed
    assert (workspace / "reflection.json").read_bytes() == before
    assert reflection.choose_questions(["draft-1"]).saved
    assert [q["id"] for q in reflection.chosen_questions()] == ["draft-1"]


def test_choose_questions_problems(workspace, drafts):
    out = reflection.choose_questions([], "")
    assert [(p.column, p.code) for p in out.problems] == [("choices", "empty")]
    out = reflection.choose_questions(["draft-9"], "")
    assert ("choices", "unknown_choice") in [(p.column, p.code) for p in out.problems]
    out = reflection.choose_questions([], "<b>Why?</b>")
    assert out.problems[0].column == "own" and out.codes == ["markup"]
    out = reflection.choose_questions([], "q" * 301)
    assert out.codes == ["too_long"]
    assert not (workspace / "reflection.json").exists()


def test_too_many_questions(workspace):
    offered, _ = reflection.available_questions()
    limit = reflection.settings().limits["questions_max"]
    ids = [q["id"] for q in offered]
    own = ["Question number %d?" % n for n in range(limit)]
    out = reflection.choose_questions(ids, own[0])
    assert out.saved  # 7 starters + 1 own: within the limit
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(saved_files, "saved_questions",
                   lambda: [{"id": n, "category": "c", "text": t} for n, t in enumerate(own + ["Extra?"])])
        many = [q["id"] for q in reflection.available_questions()[0]]
        out = reflection.choose_questions(many, "")
    assert not out.saved and out.codes == ["too_many"] and out.problems[0].what == f"{limit + 1} questions are chosen"


def test_a_yes_no_question_and_a_short_list_get_tips(workspace, drafts):
    out = reflection.choose_questions([], "Do you like your job?")
    assert out.saved and out.advice_codes == ["yes_no", "few_questions"]
    assert out.advice[0].message.startswith("“Do you like your job?”: ")


def test_chosen_questions_are_checked_again_before_saving(workspace, risky_drafts):
    problems, advice = reflection.check_choice(["draft-1", "draft-2", "draft-3"])
    assert problems == [] and not (workspace / "reflection.json").exists()
    codes = [a.code for a in advice]
    assert "asks_for_job" in codes and "cant_tell" in codes
    assert not any(a.message.startswith("“How is this field changing") for a in advice)  # a good one: no advice
    out = reflection.choose_questions(["draft-1", "draft-2", "draft-3"])
    assert not out.saved and out.codes == ["job_ask"] and "Save anyway" in out.problems[0].fix
    assert "asks_for_job" in out.advice_codes and not (workspace / "reflection.json").exists()
    kept = reflection.choose_questions(["draft-1", "draft-2", "draft-3"], allow_job_ask=True)
    assert kept.ok and len(saved(workspace)["questions"]) == 3
    assert reflection.choose_questions(["draft-2", "draft-3"]).ok  # nonsense gets advice, never a block


# --------------------------------------------------------------------------- exercise 3
def plan_args(**changes):
    args = {"uncomfortable": "Asking someone I don't know for their time", "supports": ["mentor", "start-small"],
            "other_support": "", "first_step": "A 15-minute practice call with my cousin", "step_date": "2026-03-14"}
    args.update(changes)
    return args


def test_save_plan_once_and_read_it_back(workspace):
    out = reflection.save_plan(**plan_args(), today=TODAY)
    assert out.saved and out.advice == []
    assert saved(workspace)["plan"] == {**plan_args(), "supports": ["mentor", "start-small"]}
    before = (workspace / "reflection.json").read_bytes()
    again = reflection.save_plan(**plan_args(), today=TODAY)
    assert again.saved and not again.changed and (workspace / "reflection.json").read_bytes() == before
    frame = reflection.plan_frame()
    assert frame["what I wrote"].tolist()[1] == "A mentor or a teacher I trust; Starting small"


@pytest.mark.parametrize("changes, column, code", [
    ({"uncomfortable": ""}, "uncomfortable", "empty"),
    ({"uncomfortable": "u" * 601}, "uncomfortable", "too_long"),
    ({"supports": []}, "supports", "empty"),
    ({"supports": ["hypnosis"]}, "supports", "unknown_choice"),
    ({"other_support": "o" * 201}, "other_support", "too_long"),
    ({"first_step": ""}, "first_step", "empty"),
    ({"first_step": "<img src=x onerror=alert(1)>"}, "first_step", "markup"),
    ({"step_date": ""}, "step_date", "empty"),
    ({"step_date": "next week"}, "step_date", "unreadable_date"),
    ({"step_date": "03/04/2026"}, "step_date", "ambiguous_date"),
    ({"step_date": "2026-02-30"}, "step_date", "bad_date"),
])
def test_plan_problems(workspace, changes, column, code):
    out = reflection.save_plan(**plan_args(**changes), today=TODAY)
    assert not out.saved and (column, code) in [(p.column, p.code) for p in out.problems]
    assert not (workspace / "reflection.json").exists()


def test_plan_dates_are_read_the_way_every_form_reads_them(workspace):
    for written in ("14 March 2026", "14/03/2026", "Saturday 14 March 2026", "2026-03-14"):
        out = reflection.save_plan(**plan_args(step_date=written), today=TODAY)
        assert out.saved and saved(workspace)["plan"]["step_date"] == "2026-03-14"


def test_other_support_alone_is_enough_and_dates_get_tips(workspace):
    out = reflection.save_plan(**plan_args(supports=[], other_support="My sister", step_date="2026-03-01"), today=TODAY)
    assert out.saved and out.advice_codes == ["date_passed"] and "already passed" in out.advice[0].message
    out = reflection.save_plan(**plan_args(step_date="2026-06-01"), today=TODAY)
    assert out.saved and out.advice_codes == ["date_far"]


# --------------------------------------------------------------------------- file, export, content
def test_a_damaged_file_is_never_overwritten(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    for text, code in [("{oops", "damaged_file"), ('{"people": "not a list"}', "wrong_shape"),
                       ('{"plan": [1, 2]}', "wrong_shape")]:
        (workspace / "reflection.json").write_text(text, encoding="utf-8")
        for out in [reflection.add_person("Rosa", "family", "practice", "nurse"),
                    reflection.save_plan(**plan_args(), today=TODAY), reflection.remove_person("x"),
                    reflection.choose_questions(["starter-week"])]:
            assert not out.saved and out.codes == [code] and "reflection.json" in out.message
        assert (workspace / "reflection.json").read_text() == text
        assert "Could not be read" in reflection.export_text()


def test_export_text(workspace, drafts):
    assert reflection.export_text() == ""
    reflection.add_person("Alumna Jo", "alumni", "real", "Runs a clinic")
    reflection.add_person("Aunt Rosa <3", "family", "practice", "School nurse")
    text = reflection.export_text()
    assert text.startswith("Exercises and reflection\n\n1. Whom could you interview now?\n- Aunt Rosa <3 (Family, practice run)")
    assert "2. Which questions will you use?\n(nothing saved yet)" in text
    reflection.choose_questions(["draft-1"])
    reflection.save_plan(**plan_args(), today=TODAY)
    text = reflection.export_text()
    assert "- What does a typical week look like? (The role)" in text
    assert "My first small step | A 15-minute practice call with my cousin" in text and "By | 2026-03-14" in text
    assert reflection.export().lesson == reflection.LESSON


@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(workspace.DATA_DIR / "content", folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder / "exercises.toml"


def test_shipped_content_is_fine():
    assert reflection.check_content() == []
    assert reflection.exercise("support").number == 3


def test_an_edit_to_the_content_shows_up(content_copy):
    text = content_copy.read_text(encoding="utf-8")
    content_copy.write_text(text.replace('label = "Family"', 'label = "Whānau"'), encoding="utf-8")
    assert reflection.suggested_people()["kind of person"].tolist()[0] == "Whānau"


@pytest.mark.parametrize("old, new, expected", [
    ('id = "support"', 'id = "supports"', 'no [[exercises]] entry has id = "support"'),
    ('id = "support"', 'id = "supports"', 'id "supports" should be one of: people, questions, support'),
    ('number = 2\n', 'number = "two"\n', "number should be a whole number"),
    ('practice = true\nexample = "an aunt', 'practice = "yes"\nexample = "an aunt', "practice should be true or false"),
    ('id = "mentor"', 'id = "career-centre"', 'the id "career-centre" is used twice'),
    ('who_max = 100', 'who_max = 0', "who_max should be 1 or more"),
    ('[[starter_questions]]', '[[starter_question]]', "no [[starter_questions]] entries were found"),
    ('title = "Whom could you interview now?"', 'title = "Whom could you interview now?', "line"),
])
def test_a_broken_content_file_is_reported(content_copy, workspace, old, new, expected):
    text = content_copy.read_text(encoding="utf-8")
    assert old in text, old
    content_copy.write_text(text.replace(old, new, 1 if old.strip("[]") != "starter_questions" else -1),
                            encoding="utf-8")
    messages = reflection.check_content()
    assert any(expected in m for m in messages), messages
    assert all("exercises.toml" in m for m in messages)
    out = reflection.add_person("Rosa", "family", "practice", "nurse")
    assert not out.saved and out.problems[0].column == "content" and expected in out.problems[0].fix
    assert not (workspace / "reflection.json").exists()
    with pytest.raises(content.ContentError):
        reflection.settings()


def test_an_older_file_still_loads(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    old = {"people": [{"id": "abc", "who": "Rosa", "relationship": "family", "kind": "practice", "why": "nurse"}],
           "questions": [{"id": "starter-week", "category": "The work itself",
                          "text": "What does a typical week look like for you?", "source": "starter"}],
           "plan": None}
    (workspace / "reflection.json").write_text(json.dumps(old), encoding="utf-8")
    assert [p["who"] for p in reflection.people()] == ["Rosa"] and reflection.plan() is None
    assert reflection.add_person("Dev", "friends", "practice", "Accountant").ok
    assert [p["who"] for p in saved(workspace)["people"]] == ["Rosa", "Dev"]
    assert saved(workspace)["questions"] == old["questions"]
