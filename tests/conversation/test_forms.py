"""The practice partner's form, driven from Python as a learner drives it: start, reply, type and
match, reach the debrief, replay; what a learner typed is shown escaped."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import conversation as c
from helpers.conversation.view import practice_form

HOSTILE = "<img src=x onerror=alert(1)>"


def _say(form, start: str) -> None:
    options = [label for label, _ in form.controls["reply"].options]
    index = next(i for i, text in enumerate(options) if text.startswith(start))
    form.controls["reply"].value = index
    form.controls["say"].click()


def test_every_control_is_labelled_and_building_writes_nothing(workspace: Path):
    form = practice_form(persona="tomasz-site-manager")
    for name, control in form.controls.items():
        assert control.description.strip(), f"{name} has no label"
    assert form.controls["persona"].value == "tomasz-site-manager"
    assert not (workspace / c.FILE).exists()
    assert "No practice saved yet" in form.extras["saved"].value


def test_a_whole_conversation_to_the_debrief_and_replay(workspace: Path):
    p = c.persona("tomasz-site-manager")
    form = practice_form(persona=p.id)
    form.controls["start"].click()
    talk = form.extras["talk"]
    assert "I&#x27;ve got fifteen minutes" in talk.value
    for i in c.best_path(p):
        assert form.extras["debrief"] is None
        form.controls["reply"].value = i
        form.controls["say"].click()
    d = form.extras["debrief"]
    assert d is not None and d.score == 5 and not d.checkin_needed
    assert "5 of 5 points for the close" in form.extras["debrief_view"].value
    assert "Check-in day:</strong> not needed this time" in form.extras["debrief_view"].value
    assert "What decided it" in form.extras["debrief_view"].value
    assert form.extras["result"].ok and form.extras["result"].changed
    saved = json.loads((workspace / c.FILE).read_text(encoding="utf-8"))
    assert [r["persona"] for r in saved["runs"]] == [p.id]
    assert "Tomasz Nowak (busy)" in form.extras["saved"].value and "5 of 5" in form.extras["saved"].value
    # replay: turn 1, then forward to the last turn and back
    view = form.extras["replay_view"]
    assert "Turn 1 of 8" in view.value and form.controls["previous"].disabled
    for _ in range(20):
        form.controls["next"].click()
    assert "Turn 8 of 8" in view.value and form.controls["next"].disabled
    form.controls["previous"].click()
    assert "Turn 7 of 8" in view.value
    form.controls["replay"].click()
    assert "Turn 1 of 8" in view.value
    # the same conversation again: nothing new saved
    before = (workspace / c.FILE).read_bytes()
    form.controls["start"].click()
    assert form.extras["debrief"] is None and "Start again" == form.controls["start"].description
    for i in c.best_path(p):
        form.controls["reply"].value = i
        form.controls["say"].click()
    assert form.extras["result"].ok and not form.extras["result"].changed
    assert (workspace / c.FILE).read_bytes() == before


def test_a_missing_check_in_shows_in_the_debrief(workspace: Path):
    form = practice_form(persona="grace-data-analyst")
    form.controls["start"].click()
    for s in ["Thank you for agreeing", "Your report said", "You said it takes", "Two analysts I spoke with",
              "May I ask for your candid view", "Thank you, that's really", "Thank you for saying so",
              "Based on my research", "Thank you. Would you be willing", "Of course, thank you. May I mention",
              "Thanks, I'll be in touch at some point", "Thank you for your time"]:
        _say(form, s)
    d = form.extras["debrief"]
    assert d.score == 5 and len(d.points) == 6 and d.checkin_needed
    assert "5 of 6 points for the close" in form.extras["debrief_view"].value
    assert "would rather contact the person first" in form.extras["debrief_view"].value
    assert "✖ not yet" in form.extras["debrief_view"].value
    assert "A reply that would have done it" in form.extras["debrief_view"].value


def test_typing_a_reply_selects_the_nearest_and_says_so(workspace: Path):
    form = practice_form(persona="amina-pharmacist")
    form.controls["start"].click()
    form.controls["typed"].value = "Hi, I'm looking for a job, is your branch hiring? " + HOSTILE
    form.controls["match"].click()
    assert form.controls["reply"].value == 1
    assert "Nearest reply" in form.messages["typed"].value
    form.controls["say"].click()
    talk = form.extras["talk"].value
    assert "<img" not in talk and "&lt;img src=x onerror=alert(1)&gt;" in talk, "typed words shown escaped"
    assert "We&#x27;re not hiring" in talk and "(cools, and answers more briefly)" in talk


def test_unmatched_typing_and_no_choice_are_explained(workspace: Path):
    form = practice_form(persona="grace-data-analyst")
    form.controls["say"].click()
    assert "Start the conversation first" in form.status.value
    form.controls["start"].click()
    form.controls["typed"].value = "zebra xylophone"
    form.controls["match"].click()
    assert form.controls["reply"].value is None and "No reply on offer" in form.messages["typed"].value
    form.controls["say"].click()
    assert "Choose a reply first" in form.messages["reply"].value
    assert len(c.saved_runs()) == 0


def test_a_damaged_practice_file_is_reported_not_overwritten(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / c.FILE).write_text("[1, 2", encoding="utf-8")
    form = practice_form()
    assert "cannot start yet" in form.widget.children[0].value
    assert "move_aside" in form.controls
    assert (workspace / c.FILE).read_text(encoding="utf-8") == "[1, 2"


def test_the_transcript_says_when_the_persona_warms_up(workspace: Path):
    form = practice_form(persona="amina-pharmacist")
    form.controls["start"].click()
    assert "(warms up)" not in form.extras["talk"].value
    _say(form, "Thank you for making the time")
    assert form.extras["talk"].value.count("(warms up)") == 1
    _say(form, "I read that pharmacies")
    assert form.extras["talk"].value.count("(warms up)") == 1, "said once, when it changes"
    assert "Minute 4 of the 20 agreed." in form.extras["talk"].value


def test_a_saved_run_can_be_looked_at_again_after_a_restart(workspace: Path):
    p = c.persona("grace-data-analyst")
    form = practice_form(persona=p.id)
    form.controls["saved_run"].click()
    assert "no saved run with Grace Mensah yet" in form.status.value
    run = c.walk(p, c.best_path(p), day="2026-11-30")
    assert c.save_run(run).changed
    before = (workspace / c.FILE).read_bytes()
    again = practice_form(persona=p.id)           # a new form, as after a kernel restart
    again.controls["saved_run"].click()
    assert "Your saved run with Grace Mensah, from 2026-11-30" in again.status.value
    assert again.extras["debrief"].score == 6 and "Turn 1 of" in again.extras["replay_view"].value
    assert "Monday 7 December" in again.extras["talk"].value, "the check-in day of the day it was practised"
    assert (workspace / c.FILE).read_bytes() == before, "looking writes nothing"
