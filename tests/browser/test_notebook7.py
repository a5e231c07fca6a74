"""The lessons in Notebook 7 (``jupyter notebook``), the classic-looking interface many classrooms use.

A separate ``jupyter notebook`` server, set up like the JupyterLab one; the same Run All and the
same checks, then a learner's first clicks.
"""
from __future__ import annotations

import json

import pytest

from browser import scrolling
from browser.jlab import Lesson, expect

QUESTION = "How did you first get into this line of work?"


def open_and_run(classic, name: str) -> Lesson:
    lesson = classic.open(name)
    is_notebook7 = "/notebooks/" in lesson.page.url and lesson.page.locator(".jp-LabShell").count() == 0
    assert is_notebook7, "this must be the Notebook 7 interface, not JupyterLab"
    lesson.run_all()
    assert lesson.problems() == [], f"{name} after Run All in Notebook 7"
    return lesson


def test_start_here_in_notebook7(classic, need_lesson):
    lesson = open_and_run(classic, need_lesson("00-"))
    form = lesson.form("Do widgets work here?")
    Lesson.button(form, "Click me to test widgets").click()
    expect(form).to_contain_text("Yes: widgets work here")


def test_questions_lesson_in_notebook7(classic, need_lesson):
    lesson = open_and_run(classic, need_lesson("02-"))
    form = lesson.form("Draft your questions")
    Lesson.field(form, "Your question").fill(QUESTION)
    Lesson.button(form, "Save as new question").click()
    expect(form).to_contain_text("Saved as question 1.")
    expect(form.locator("table")).to_contain_text(QUESTION)
    saved = json.loads((classic.workspace / "questions.json").read_text(encoding="utf-8"))
    assert [q["text"] for q in saved["questions"]] == [QUESTION]


def test_log_lesson_in_notebook7(classic, need_lesson):
    lesson = open_and_run(classic, need_lesson("06-"))
    assert lesson.widget_count() > 0, "the log lesson's form is not shown"
    view = lesson.form("What your log says")
    Lesson.button(view, "Draw the charts").click()   # drawn on request, so the lesson opens quickly
    expect(view.locator("figure img").first).to_be_visible(timeout=60_000)
    assert lesson.chart_count() > 0, "the log lesson's charts are not shown"


# ---------------------------------------------------------------------------------------
# Instructor pages: Notebook 7 boxes a tall output in a scroll area (``jp-mod-outputsScrolled``)
# that the keyboard cannot reach (axe: scrollable-region-focusable, serious)
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["instructor/01-class-summary.ipynb", "instructor/02-instructor-notes.ipynb"])
def test_instructor_pages_in_notebook7_scroll_nothing_the_keyboard_cannot_reach(classic, name: str):
    from axe_playwright_python.sync_playwright import Axe

    lesson = open_and_run(classic, name)
    lesson.page.wait_for_timeout(500)
    assert scrolling.unreachable(lesson.page, ".jp-Cell-outputWrapper") == [], \
        f"{name}: an output scrolls and the keyboard cannot reach it"
    found = Axe().run(lesson.page, context={"include": [[".jp-Cell-outputWrapper"]]}).response["violations"]
    blocking = [f"{v['id']} ({v['impact']}): {v['nodes'][0].get('html', '')[:160]}" for v in found
                if v["impact"] in ("serious", "critical")]
    assert blocking == [], f"{name} in Notebook 7: " + "\n".join(blocking)
    if name.startswith("instructor/01-"):
        expect(lesson.page.locator(".jp-OutputArea-output figure img[alt*='self-ratings']")).to_be_visible()
