"""The facilitator's content: workshop plans in a sensible order, lessons named so a renumbering
keeps them, and the instructor notes, pre-work and observer checklist checked like any content."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.classroom import facilitator


def _order(plan: facilitator.Plan) -> list[str]:
    return [facilitator._slug(b.lesson) if b.lesson else ("role-play" if b.mode == "pairs" else "") for b in plan.blocks]


@pytest.mark.parametrize("plan_id", ["60", "90"])
def test_the_role_play_comes_after_the_referral_ask_and_the_conversation(plan_id: str):
    plan = facilitator.plan(plan_id)
    order = _order(plan)
    assert "role-play" in order and "the-conversation" in order and "referrals-and-follow-up" in order
    play = order.index("role-play")
    assert order.index("referrals-and-follow-up") < play and order.index("the-conversation") < play
    assert order.index("research-to-questions") < play, "learners bring their own questions"
    role_play = plan.blocks[play].activity
    assert "referral ask" in role_play and "check-in day" in role_play
    assert "persona card" in role_play and "observer checklist" in role_play
    assert "A's own questions" in role_play
    assert "A's field" in role_play or "in that field" in role_play, "the interviewee plays the interviewer's field"
    assert order.index("practice-log") > play, "the role-play is logged afterwards"


def test_plans_name_lessons_so_a_renumbering_keeps_them():
    for plan in facilitator.plans():
        for b in plan.blocks:
            if b.lesson:
                assert b.lesson in facilitator.lesson_files(), b.lesson
    assert facilitator.resolve("practice-log").endswith("-practice-log.ipynb")
    assert facilitator.resolve("02-research-to-questions.ipynb") == "02-research-to-questions.ipynb"
    assert facilitator.resolve("09-research-to-questions.ipynb") is None, "a full name must match exactly"


def test_a_lesson_name_that_matches_nothing_gets_a_hint(content_copy: Path):
    text = (content_copy / "workshop.toml").read_text(encoding="utf-8")
    (content_copy / "workshop.toml").write_text(text.replace('lesson = "the-conversation"', 'lesson = "the-conversations"', 1),
                                        encoding="utf-8")
    problems = facilitator.check_content()
    assert any("there is no lesson 'the-conversations'" in p and 'Did you mean "the-conversation"?' in p
               for p in problems), problems


def test_every_lesson_has_an_instructor_note():
    noted = {n.lesson for n in facilitator.notes()}
    assert set(facilitator.lesson_files()) <= noted
    for n in facilitator.notes():
        assert n.timing and n.misconception and n.prompt and len(n.good_answers) >= 2
    assert "introduce you to Sam" in facilitator.note_for("the-conversation").prompt


@pytest.mark.parametrize("find, replace, expect", [
    ('lesson = "practice-log"\ntiming', 'lesson = "practise-log"\ntiming',
     "instructor_notes.toml, note 7 (lesson 'practise-log'): there is no lesson 'practise-log'"),
    ("[[prework.items]]\nminutes = 5\ntask = \"Choose", "[[prework.items]]\nminutes = 10\ntask = \"Choose",
     "instructor_notes.toml, [prework]: the tasks add up to 35 minutes, but the page says minutes = 30."),
    ("before_close = [", "before_close_ = [", "instructor_notes.toml, [observer]: the field 'before_close' is missing"),
    ('good_answers = [\n  "Everything', 'good_answer = [\n  "Everything',
     "instructor_notes.toml, note 1 (lesson 'start-here'): the field 'good_answers' is missing"),
    ('lesson = "start-here"', 'lesson = "why-informational-interviews"',
     "an earlier note is about the same lesson"),
])
def test_mistakes_in_the_notes_are_named_with_file_and_entry(content_copy: Path, find: str, replace: str, expect: str):
    path = content_copy / "instructor_notes.toml"
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    problems = facilitator.check_content()
    assert any(expect in p for p in problems), problems


def test_notes_and_plans_edits_show_up_without_code(content_copy: Path):
    path = content_copy / "instructor_notes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'prompt = "Whom will you talk to first, and why them?"', 'prompt = "Who is first on your list?"'),
        encoding="utf-8")
    assert facilitator.note_for("exercises-and-reflection").prompt == "Who is first on your list?"
    assert "Who is first on your list?" in facilitator.notes_table().to_string()
