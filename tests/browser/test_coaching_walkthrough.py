"""A learner drafts questions in lesson 02 in JupyterLab, and the coaching is honest with them.

A job ask worded politely ("Could you introduce me to the hiring manager?") is held back beside
the question box with a reason and a better question to ask, nothing is written, and "Save anyway"
is offered; reworded as a request for advice it is saved and called good on evidence. Nonsense gets
"I can't tell whether this helps you", never "good". The learner's own rating is set beside the
checks' reading. Fields are found by their visible labels, as a learner finds them.
"""
from __future__ import annotations

import json

from browser.jlab import AXE_SCOPE, Lesson, expect


def test_a_job_ask_is_held_back_and_a_reworded_question_is_saved(lab, need_lesson):
    lesson = lab.open(need_lesson("02-")).run_all_clean(hidden_code=True)
    form = lesson.form("Draft your questions")
    saved_file = lab.workspace / "questions.json"
    box = Lesson.field(form, "Your question")

    Lesson.field(form, "Group").select_option(label="The career path and your competitiveness")
    box.fill("Could you introduce me to the hiring manager?")
    Lesson.button(form, "Save as new question").click()
    beside = Lesson.message_beside(form, "Your question")
    expect(beside).to_contain_text("reads as asking for a job")
    expect(beside).to_contain_text("Who else would you suggest I talk to")
    expect(Lesson.button(form, "Save anyway")).to_be_visible()
    assert not saved_file.exists(), "a held-back job ask writes nothing"

    box.fill("Who else would you suggest I talk to, to learn how people get into this team?")
    expect(Lesson.button(form, "Save anyway")).to_be_hidden()
    Lesson.button(form, "Save as new question").click()
    expect(form).to_contain_text("Saved as question 1")
    expect(form).to_contain_text("looks like a good informational-interview question")
    saved = json.loads(saved_file.read_text(encoding="utf-8"))["questions"]
    assert [q["text"] for q in saved] == ["Who else would you suggest I talk to, to learn how people get into "
                                          "this team?"]
    expect(form.locator("table").first).to_contain_text("Who else would you suggest I talk to")

    # Nonsense is never called good; checking saves nothing.
    box.fill("asdf qwerty")
    Lesson.button(form, "Check it (nothing saved)").click()
    expect(form).to_contain_text("I can't tell whether this helps you")
    assert len(json.loads(saved_file.read_text(encoding="utf-8"))["questions"]) == 1

    # The learner's own rating beside the checks' reading.
    box.fill("Do you enjoy your job?")
    form.get_by_label("Open: they answer in their own words, not with yes or no").check()
    Lesson.button(form, "Check it (nothing saved)").click()
    expect(form).to_contain_text("Where your rating and the checks differ")
    expect(form).to_contain_text("yes/no question")

    assert lesson.unnamed_controls() == []
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
