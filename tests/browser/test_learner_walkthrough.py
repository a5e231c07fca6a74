"""A learner's walk through the lessons in JupyterLab: typing, clicking, reading what comes back.

Fields are found by their visible labels and buttons by their text, as a learner (or a screen
reader) finds them. Each test starts with an empty workspace; saved work is checked both on
screen and in the workspace file.
"""
from __future__ import annotations

import json
from datetime import date

from browser.jlab import AXE_SCOPE, Lesson, expect

QUESTION = "What surprised you most in your first year in this field?"


def test_questions_lesson_save_mistakes_and_restart(lab, need_lesson):
    lesson = lab.open(need_lesson("02-")).run_all_clean()
    dialogs: list[str] = []
    lesson.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    form = lesson.form("Draft your questions")
    box = Lesson.field(form, "Your question")
    beside = Lesson.message_beside(form, "Your question")
    save = Lesson.button(form, "Save as new question")
    saved_file = lab.workspace / "questions.json"

    # Before anything is saved the table is the labelled example.
    expect(form).to_contain_text("EXAMPLE, not your work")

    # Type a question and save it: it is confirmed, listed in the table and in the file.
    box.fill(QUESTION)
    save.click()
    expect(form).to_contain_text("Saved as question 1.")
    expect(form.locator("table")).to_contain_text(QUESTION)
    expect(form).to_contain_text("Your saved questions (1)")
    saved = json.loads(saved_file.read_text(encoding="utf-8"))
    assert [q["text"] for q in saved["questions"]] == [QUESTION]
    before = saved_file.read_bytes()

    # An empty question: the message appears beside the field; nothing saved changes.
    box.fill("")
    save.click()
    expect(beside).to_contain_text("empty")
    expect(form).to_contain_text("Not saved yet")
    assert saved_file.read_bytes() == before

    # A too-long question: the message says how long it is and the limit.
    box.fill("Why " * 80)
    save.click()
    expect(beside).to_contain_text("characters long")
    expect(beside).to_contain_text("300")
    assert saved_file.read_bytes() == before

    # The messages a learner is shown pass the same accessibility scan as the lesson.
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []

    # Web-page code is refused and shown as text, never run.
    box.fill("<img src=x onerror=alert(1)>")
    save.click()
    expect(beside).to_contain_text("<img src=x onerror=alert(1)>")
    assert beside.locator("img").count() == 0
    assert dialogs == []
    assert saved_file.read_bytes() == before

    # Restart the kernel and run everything again: the saved question is still listed.
    lesson.restart_and_run_all()
    assert lesson.problems() == []
    form = lesson.form("Draft your questions")
    expect(form).to_contain_text("Your saved questions (1)")
    expect(form.locator("table")).to_contain_text(QUESTION)
    assert saved_file.read_bytes() == before


# The check-in planner (lesson 04, date picker and public holidays) is walked through in
# tests/browser/test_email_walkthrough.py.


def test_log_lesson_add_an_interview_and_the_summaries_change(lab, need_lesson):
    lesson = lab.open(need_lesson("06-")).run_all_clean()
    view = lesson.form("What your log says")
    form = lesson.form("Add an interview to your log")
    log_file = lab.workspace / "interview_log.csv"

    # Before: the summaries are the sample's, and say so.
    expect(view).to_contain_text("shows the sample log")
    expect(view).to_contain_text("27 interviews in the log")
    assert lesson.chart_count() == 0, "the charts are drawn on request, so the lesson opens quickly"
    Lesson.button(view, "Draw the charts").click()
    expect(view.locator("figure img").first).to_be_visible(timeout=60_000)  # four charts, a busy machine
    assert lesson.chart_count() > 0

    # A missing name: the message is beside the name field and nothing is written. (Dates are
    # picked with a date picker, so a date that cannot be read cannot be entered here.)
    date_label = "Date of the interview"
    assert Lesson.field(form, date_label).get_attribute("type") == "date"
    Lesson.field(form, "Organisation").fill("Northgate Health")
    Lesson.button(form, "Add to my log").click()
    expect(Lesson.message_beside(form, "Their name")).not_to_be_empty()
    expect(form).to_contain_text("Not saved yet")
    assert not log_file.exists()
    Lesson.field(form, "Their name").fill("Ana Silva")

    # A real entry: saved, read back from the file, and the summaries below are drawn again.
    held_on = date.fromordinal(date.today().toordinal() - 3).isoformat()
    Lesson.field(form, date_label).fill(held_on)
    Lesson.button(form, "Add to my log").click()
    expect(form).to_contain_text("Ana Silva is in your log now")
    expect(Lesson.message_beside(form, "Their name")).to_be_empty()
    assert "Ana Silva" in log_file.read_text(encoding="utf-8-sig")
    expect(view).to_contain_text("This is your own log")
    expect(view).to_contain_text("1 interview in the log")
    expect(view.locator("table").filter(has_text="Ana Silva").first).to_contain_text("Northgate Health")
    assert lesson.chart_count() >= 1
    assert lesson.problems() == []
