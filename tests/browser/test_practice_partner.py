"""The practice partner in JupyterLab: a learner rehearses a whole interview to the debrief.

Replies are chosen by their visible text (as a learner, or a screen
reader, finds them); one is typed and matched. The persona is Grace, who would rather tell her
colleague about the learner first, so the check-in day is part of the score (six points).

The kernel reads today once, when the conversation starts (the view's one clock). The test
never assumes it is the same day as its own clock: the reply that names the check-in day is
found by the rest of its words, and the day shown in the debrief is compared with the one
computed for the day saved with the run.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from browser.jlab import AXE_SCOPE, Lesson, expect

from helpers import conversation

LESSON = "05-the-conversation.ipynb"
PERSONA = "grace-data-analyst"


def problems(lesson: Lesson) -> list[str]:
    """What a learner should never see, except "did not run" for cells whose code is hidden:
    JupyterLab shows no execution number on a collapsed input (its prompt is an empty
    placeholder), so for those the form they display is the proof that they ran."""
    hidden = lesson.page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
        .map((c, i) => c.querySelector('.jp-InputPlaceholder') ? `cell ${i + 1}: did not run (prompt '')` : null)
        .filter(Boolean)""")
    return [p for p in lesson.problems() if p not in hidden]


def reply_name(p: conversation.Persona, node: str, choice: int) -> str | re.Pattern[str]:
    """How the reply is found on the page: its text, or, where it names the check-in day (which
    depends on the kernel's day), a pattern that matches any day there."""
    template = p.nodes[node].options[choice].text.replace("{minutes}", str(p.minutes))
    if "{checkin_day}" not in template:
        return template
    before, after = template.split("{checkin_day}", 1)
    return re.compile("^" + re.escape(before) + r"\w+day \d{1,2} \w+" + re.escape(after) + "$")


def test_a_whole_conversation_to_the_debrief_and_the_replay(lab):
    p = conversation.persona(PERSONA)
    best = conversation.best_path(p)
    # the conversation's nodes and what the persona says do not depend on the day
    expected = conversation.walk(p, best, day="2026-12-01")
    assert conversation.debrief(expected, p).checkin_needed, "this persona's model close needs a check-in"

    lesson = lab.open(LESSON)
    lesson.run_all()
    assert problems(lesson) == []
    form = lesson.form("Practise the conversation")
    form.get_by_label("Practise with").select_option(label=p.label)
    Lesson.button(form, "Start the conversation").click()
    expect(form).to_contain_text("I have twenty minutes. What is this about, exactly?")

    for n, (choice, turn) in enumerate(zip(best, expected.turns), start=1):
        name = reply_name(p, turn.node, choice)
        if n == 1:
            # the first reply typed in the learner's own words, then matched to the nearest on offer
            Lesson.field(form, "Or type it").fill("Thank you for agreeing to talk, I taught maths and I'm "
                                                  "exploring data analysis")
            Lesson.button(form, "Find the nearest reply").click()
            expect(form).to_contain_text("Nearest reply:")
            expect(form.get_by_role("radio", name=name, exact=True)).to_be_checked()
        else:
            form.get_by_role("radio", name=name, exact=True).check()
        Lesson.button(form, "Say it").click()
        nxt = expected.turns[n].said if n < len(expected.turns) else conversation.final_words(expected, p)
        expect(form).to_contain_text(nxt)

    expect(form).to_contain_text("6 of 6 points for the close")
    expect(form).to_contain_text("would rather contact the person first")
    expect(form).to_contain_text("Saved your practice with Grace Mensah")
    saved = json.loads((lab.workspace / conversation.FILE).read_text(encoding="utf-8"))
    (record,) = saved["runs"]
    assert record["persona"] == PERSONA and record["score"] == 6 and record["of"] == 6
    assert [t["choice"] for t in record["run"]["turns"]] == best
    assert record["run"]["turns"][0]["typed"].startswith("Thank you for agreeing to talk")
    day = dt.date.fromisoformat(record["run"]["day"])   # the kernel's day, saved with the run
    table = form.locator("table").filter(has_text="What decided it")
    expect(table).to_contain_text("Agreed a specific check-in day")
    expect(table).to_contain_text(conversation.checkin_day(day))
    turns = len(best)
    expect(form).to_contain_text(f"Turn 1 of {turns}")
    Lesson.button(form, "Next turn ▶").click()
    expect(form).to_contain_text(f"Turn 2 of {turns}")
    expect(form).to_contain_text("Why it matters:")

    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(lesson.page, context=AXE_SCOPE).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    assert lesson.unnamed_controls() == []
    assert problems(lesson) == []
