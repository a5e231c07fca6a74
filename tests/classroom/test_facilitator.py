"""The facilitator's content: workshop plans in a sensible order, lessons named so a renumbering
keeps them, and the instructor notes, pre-work and observer checklist checked like any content."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.classroom import facilitator


def _order(plan: facilitator.Plan) -> list[str]:
    return [facilitator._slug(b.lesson) if b.lesson else ("role-play" if b.rounds else "") for b in plan.blocks]


@pytest.mark.parametrize("plan_id", ["60", "90"])
def test_the_role_play_comes_after_the_referral_ask_and_the_conversation(plan_id: str):
    plan = facilitator.plan(plan_id)
    order = _order(plan)
    assert "role-play" in order and "the-conversation" in order and "referrals-and-follow-up" in order
    play = order.index("role-play")
    assert order.index("referrals-and-follow-up") < play and order.index("the-conversation") < play
    assert order.index("research-to-questions") < play, "learners bring their own questions"
    role_play = plan.blocks[play].activity
    assert "referral ask" in role_play and "if they offer to contact someone first, agree a day" in role_play
    assert "must end with" not in role_play, "a check-in day only when they offer to contact someone first"
    assert "persona card" in role_play and "observer checklist" in role_play
    assert "A's own questions" in role_play
    assert "A's field" in role_play or "in that field" in role_play, "the interviewee plays the interviewer's field"
    assert order.index("practice-log") > play, "the role-play is logged afterwards"


def test_each_plan_states_the_check_in_rule_in_the_one_wording():
    for plan in facilitator.plans():
        text = " ".join(b.activity for b in plan.blocks)
        assert text.count("if they offer to contact someone first, agree a day") >= 2, plan.id
        assert "must end with" not in text and "a check-in day that restates" not in text


def test_each_plans_blocks_add_up_to_its_minutes():
    for plan in facilitator.plans():
        assert sum(b.minutes for b in plan.blocks) == plan.minutes, plan.id


def test_each_role_play_fits_the_rounds_it_names():
    """The rounds come from the block's own fields (rounds, talk_minutes, feedback_minutes), not its prose."""
    seen = 0
    for plan in facilitator.plans():
        for b in plan.blocks:
            if "persona card" in b.activity.lower():
                seen += 1
                assert b.rounds and b.talk_minutes, f"plan {plan.id}: a role-play block names its rounds"
                assert b.round_minutes == b.rounds * (b.talk_minutes + b.feedback_minutes)
                assert b.round_minutes <= b.minutes, (plan.id, b.timing)
                assert b.minutes - b.round_minutes <= 5, "no long unexplained gap in a role-play"
                groups = 3 if b.mode == "small groups" else 2
                assert b.rounds == groups, f"plan {plan.id}: everyone in a group of {groups} interviews once"
    assert seen == 2


@pytest.mark.parametrize("edit, expect", [
    ("rounds = 3\ntalk_minutes = 5\nfeedback_minutes = 1", None),
    ("rounds = 3\ntalk_minutes = 7\nfeedback_minutes = 2", "3 rounds of 7 + 2 minutes take 27 minutes, but the block has minutes = 20"),
    ("rounds = 3\ntalk_minutes = 5", "feedback_minutes is missing"),
])
def test_check_content_names_rounds_that_do_not_fit(edit: str, expect: str | None, content_copy: Path):
    path = content_copy / "workshop.toml"
    text = path.read_text(encoding="utf-8")
    old = "rounds = 3\ntalk_minutes = 5\nfeedback_minutes = 1"
    assert old in text
    path.write_text(text.replace(old, edit, 1), encoding="utf-8")
    problems = facilitator.check_content()
    if expect is None:
        assert problems == []
    else:
        assert any(expect in p and "plan '60'" in p for p in problems), problems


def test_the_guide_shows_the_rounds():
    table = facilitator.plan_table(facilitator.plan("60"))
    assert table["activity"].str.contains("3 rounds of 5 minutes' interview and 1 of feedback").any()


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
    note = facilitator.note_for("the-conversation")
    assert "rather tell Oskar about you myself first" in note.prompt
    assert any("agree a day" in a for a in note.good_answers) and any("no check-in" in a for a in note.good_answers)


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
