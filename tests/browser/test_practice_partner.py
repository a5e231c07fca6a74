"""The practice partner in JupyterLab: a learner rehearses a whole interview to the debrief.

Replies are chosen by their visible text (as a learner, or a screen
reader, finds them); one is typed and matched.
"""
from __future__ import annotations

import datetime as dt
import json

from browser.jlab import AXE_SCOPE, Lesson, expect

from helpers import conversation

LESSON = "05-the-conversation.ipynb"
PERSONA = "tomasz-site-manager"


def problems(lesson: Lesson) -> list[str]:
    """What a learner should never see, except "did not run" for cells whose code is hidden:
    JupyterLab shows no execution number on a collapsed input (its prompt is an empty
    placeholder), so for those the form they display is the proof that they ran."""
    hidden = lesson.page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
        .map((c, i) => c.querySelector('.jp-InputPlaceholder') ? `cell ${i + 1}: did not run (prompt '')` : null)
        .filter(Boolean)""")
    return [p for p in lesson.problems() if p not in hidden]


def test_a_whole_conversation_to_the_debrief_and_the_replay(lab):
    p = conversation.persona(PERSONA)
    best = conversation.best_path(p)
    # the lesson's kernel walks the conversation on the machine's today: compare with replies
    # walked on that same day (the check-in day in them depends on it)
    today = dt.date.today()
    expected = conversation.walk(p, best, day=today.isoformat())

    lesson = lab.open(LESSON)
    lesson.run_all()
    assert problems(lesson) == []
    form = lesson.form("Practise the conversation")
    form.get_by_label("Practise with").select_option(label=p.label)
    Lesson.button(form, "Start the conversation").click()
    expect(form).to_contain_text("I've got fifteen minutes, then I'm back on site.")

    for n, (choice, turn) in enumerate(zip(best, expected.turns), start=1):
        if n == 1:
            # the first reply typed in the learner's own words, then matched to the nearest on offer
            Lesson.field(form, "Or type it").fill("Thanks for fitting me in, I'm a surveying graduate and "
                                                  "I'll keep to the fifteen minutes")
            Lesson.button(form, "Find the nearest reply").click()
            expect(form).to_contain_text("Nearest reply:")
            expect(form.get_by_role("radio", name=turn.reply, exact=True)).to_be_checked()
        else:
            form.get_by_role("radio", name=turn.reply, exact=True).check()
        Lesson.button(form, "Say it").click()
        nxt = expected.turns[n].said if n < len(expected.turns) else conversation.final_words(expected, p)
        expect(form).to_contain_text(nxt)

    expect(form).to_contain_text("6 of 6 points for the close")
    table = form.locator("table").filter(has_text="What decided it")
    expect(table).to_contain_text("Agreed a specific check-in day")
    expect(table).to_contain_text(conversation.checkin_day(today))
    expect(form).to_contain_text("Saved your practice with Tomasz Nowak")
    expect(form).to_contain_text("Turn 1 of 9")
    Lesson.button(form, "Next turn ▶").click()
    expect(form).to_contain_text("Turn 2 of 9")
    expect(form).to_contain_text("Why it matters:")

    saved = json.loads((lab.workspace / conversation.FILE).read_text(encoding="utf-8"))
    (record,) = saved["runs"]
    assert record["persona"] == PERSONA and record["score"] == 6
    assert [t["choice"] for t in record["run"]["turns"]] == best
    assert record["run"]["turns"][0]["typed"].startswith("Thanks for fitting me in")

    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    assert lesson.unnamed_controls() == []
    assert problems(lesson) == []
