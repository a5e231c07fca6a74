"""Lesson 06 in JupyterLab: one interview taken from requested to held to thanked through the
forms, with the next-actions list at the top of the lesson changing at each step."""
from __future__ import annotations

from datetime import date, timedelta

from browser.jlab import Lesson, expect

WAIT = 30_000  # ms: a save, then the views redrawn, on a machine several people share


def test_log_lesson_update_an_interview_and_the_next_actions_change(lab, need_lesson):
    lesson = lab.open(need_lesson("06-")).run_all_clean()
    actions = lesson.form("Next actions")
    add = lesson.form("Add an interview to your log")
    update = lesson.form("Update an interview")
    log_file = lab.workspace / "interview_log.csv"

    # Before: the sample's next actions, said to be the sample's.
    expect(actions).to_contain_text("in the sample log", timeout=WAIT)
    expect(actions).to_contain_text("Thank-you: Sam Whitfield", timeout=WAIT)
    expect(update).to_contain_text("no interviews in your log yet", timeout=WAIT)

    # A request sent two weeks ago, with no reply: a last follow-up is due.
    asked = (date.today() - timedelta(days=14)).isoformat()
    date_label = "Date of the interview"
    picker = Lesson.field(add, date_label)
    assert picker.get_attribute("type") == "date", "dates are picked, not typed"
    picker.fill(asked)
    Lesson.field(add, "Their name").fill("Ana Silva")
    Lesson.field(add, "Organisation").fill("Northgate Health")
    Lesson.field(add, "Status").select_option("requested")
    Lesson.button(add, "Add to my log").click()
    expect(add).to_contain_text("Ana Silva is in your log now", timeout=WAIT)
    expect(actions).to_contain_text("in your log", timeout=WAIT)
    expect(actions).to_contain_text("Last follow-up: Ana Silva", timeout=WAIT)
    assert "requested" in log_file.read_text(encoding="utf-8-sig")

    # They replied and you talked yesterday: move it along to held, in the same row.
    held = (date.today() - timedelta(days=1)).isoformat()
    expect(Lesson.field(update, "Interview")).to_contain_text("Ana Silva")
    Lesson.field(update, "Status").select_option("held")
    Lesson.field(update, date_label).fill(held)
    Lesson.button(update, "Save the changes").click()
    expect(update).to_contain_text("Updated row 2", timeout=WAIT)
    expect(actions).to_contain_text("Thank-you: Ana Silva", timeout=WAIT)
    expect(actions).not_to_contain_text("follow-up: Ana Silva", timeout=WAIT)
    text = log_file.read_text(encoding="utf-8-sig")
    assert text.count("Ana Silva") == 1 and f"{held},Ana Silva,Northgate Health,held" in text

    # The thank-you went out: it leaves the list.
    Lesson.field(update, "Thank-you sent on").fill(held)
    Lesson.button(update, "Save the changes").click()
    expect(update).to_contain_text("Updated row 2", timeout=WAIT)
    expect(actions).not_to_contain_text("Thank-you: Ana Silva", timeout=WAIT)

    # Undo puts the previous version back, and the list follows.
    Lesson.button(update, "Undo the last change").click()
    expect(update).to_contain_text("Went back", timeout=WAIT)
    expect(actions).to_contain_text("Thank-you: Ana Silva", timeout=WAIT)
    assert lesson.problems() == []
