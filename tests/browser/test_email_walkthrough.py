"""A learner drafts e-mails (lesson 03) and plans a check-in (lesson 04) in JupyterLab.

Typed the way people type ("Dear Mr Osei," in the name box, "I read that ..." in the research
box, a role without an article), the saved request reads cleanly; a job ask worded politely is
refused beside its field, the draft that failed is shown, and the saved e-mail is marked older.
In lesson 04 the interview date is picked with a date picker, and an interview on 16 December
2026 is never offered Christmas Day. Fields are found by their visible labels, as a learner finds them.
"""
from __future__ import annotations

import json

from browser.jlab import AXE_SCOPE, Lesson, expect


def _open_and_run(lab, name: str) -> Lesson:
    """Open a lesson and Run All; fail on any problem :meth:`Lesson.problems_shown` finds, or when a
    hidden cell after Setup shows no widget (each shows one: an example or a form)."""
    lesson = lab.open(name).run_all()
    found = lesson.problems_shown()
    hidden = lesson.hidden_code_cells()
    shown = lesson.page.locator(".jp-OutputArea-output .jupyter-widgets").count()
    if shown < len(hidden) - 1:
        found.append(f"only {shown} widgets shown for {len(hidden) - 1} hidden cells after Setup")
    assert found == [], found
    return lesson


def test_request_email_reads_well_and_a_job_ask_is_refused(lab, need_lesson):
    lesson = _open_and_run(lab, need_lesson("03-"))
    form = lesson.form("Draft your request e-mail")
    saved_file = lab.workspace / "emails.json"

    typed = {
        "Your name": "Priya Shah",
        "Their name": "Dear Mr Osei,",
        "Their role": "analyst",
        "Their organisation": "at NHS Digital",
        "How you found them": "I found you on the alumni network",
        "What your research says": "I read that Your team moved its reporting to open data.",
        "What you'd like to learn": "I'd like to learn how analysts choose which questions to answer",
    }
    for label, text in typed.items():
        Lesson.field(form, label).fill(text)
    Lesson.button(form, "Write and save my request e-mail").click()
    expect(form).to_contain_text("Saved in your workspace")
    expect(form).to_contain_text("words")            # the word count and its guidance

    body = form.locator("pre.iiw-email").inner_text()
    assert body.startswith("Dear Mr Osei,\n"), body[:80]
    for wrong in ("Dear Dear", ",,", "I read that I read that", "that Your", "learn I'd", "who is analyst",
                  "at at"):
        assert wrong not in body, wrong
    assert "I read that your team moved its reporting to open data," in body
    assert "to an analyst at NHS Digital." in body
    assert "like to learn how analysts choose which questions to answer." in body
    draft = json.loads(saved_file.read_text(encoding="utf-8"))["drafts"]["request"]
    assert draft["body"].replace("\r\n", "\n").strip() == body.strip()
    assert draft["fields"]["their_name"] == "Dear Mr Osei,", "what was typed is kept as typed"
    before = saved_file.read_bytes()

    # A polite job ask: refused beside its field, the failed draft shown, the saved one marked older.
    Lesson.field(form, "What you'd like to learn").fill("whether you'd put in a word for me")
    Lesson.button(form, "Write and save my request e-mail").click()
    expect(Lesson.message_beside(form, "What you'd like to learn")).to_contain_text("asks about a job")
    expect(form).to_contain_text("This draft was NOT saved")
    expect(form).to_contain_text("is OLDER")
    expect(form.locator("pre.iiw-email-failed")).to_contain_text("whether you'd put in a word for me")
    expect(form.locator("pre.iiw-email")).to_contain_text("how analysts choose which questions to answer")
    assert saved_file.read_bytes() == before

    # Nonsense gets a message too.
    Lesson.field(form, "What your research says").fill("lol")
    Lesson.button(form, "Write and save my request e-mail").click()
    expect(Lesson.message_beside(form, "What your research says")).to_contain_text("does not read as words")
    assert saved_file.read_bytes() == before

    assert lesson.unnamed_controls() == []
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_check_in_picked_with_a_date_picker_skips_christmas(lab, need_lesson):
    lesson = _open_and_run(lab, need_lesson("04-"))
    form = lesson.form("Plan a check-in")
    expect(form).to_contain_text("you have not saved a plan yet")

    Lesson.field(form, "Who you will check in with").fill("Ms Rivera")
    Lesson.field(form, "Whom they offered to contact").fill("Dr Nasser")
    picker = Lesson.field(form, "Interview date")
    assert picker.get_attribute("type") == "date"
    picker.fill("2026-12-16")
    days = Lesson.field(form, "Check-in day")
    expect(days.locator("option")).to_have_text(["Wednesday 23 December 2026", "Thursday 24 December 2026"])
    expect(form).to_contain_text("Friday 25 December (Christmas Day)")
    expect(form).to_contain_text("Thank you, Ms Rivera, for offering to speak to Dr Nasser. Could I check in "
                                 "with you on Wednesday 23 December")

    days.select_option(label="Thursday 24 December 2026")
    Lesson.button(form, "Save plan").click()
    expect(form).to_contain_text("Saved: check in with Ms Rivera on Thursday 24 December 2026")
    expect(form.locator("table")).to_contain_text("Dr Nasser")
    saved = json.loads((lab.workspace / "referrals.json").read_text(encoding="utf-8"))
    assert saved["plans"][0]["promised"] == "Dr Nasser" and saved["plans"][0]["checkin_date"] == "2026-12-24"

    # The date pickers, the country control and the rest have names a screen reader reads.
    assert lesson.unnamed_controls() == []
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
