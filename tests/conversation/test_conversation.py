"""The practice partner: every persona walked along every path, debriefs on scripted runs,
typed replies matched to options, content mistakes named with the file and the node."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import activities, content, conversation as c

CASES = Path(__file__).resolve().parents[1] / "cases"
PERSONAS = [p.id for p in c.personas()]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def pick(run: c.Run, p: c.Persona, start: str) -> c.Run:
    """Choose the reply that begins with ``start`` (tests read like the conversation)."""
    options = c.step(run, p).options
    found = [i for i, text in enumerate(options) if text.startswith(start)]
    assert len(found) == 1, f"no single reply starting {start!r} at node {run.node!r}: {options}"
    return c.choose(run, found[0], p=p)


def script(pid: str, *starts: str) -> tuple[c.Run, c.Persona]:
    p = c.persona(pid)
    run = c.start(pid, "2026-12-01", p)
    for s in starts:
        run = pick(run, p, s)
    return run, p


def scores(run: c.Run, p: c.Persona) -> dict[str, bool]:
    return {pt.id: pt.earned for pt in c.debrief(run, p).points}


# ---- the shipped personas --------------------------------------------------------------------
def test_three_personas_of_different_fields_and_temperaments():
    found = c.personas()
    assert c.check_content() == []
    assert len(found) >= 3
    assert {p.temperament for p in found} >= {"warm", "busy", "guarded"}
    assert len({p.field for p in found}) == len(found), "each persona from a different field"


def test_the_registry_checks_the_personas():
    assert activities.get("conversation").check_content() == []


@pytest.mark.parametrize("pid", PERSONAS)
def test_every_path_ends_and_is_debriefed_truthfully(pid: str):
    p = c.persona(pid)
    count = 0
    earned_on_some: set[str] = set()
    perfect = 0
    cases: set[bool] = set()
    for choices in c.paths(p):
        count += 1
        run = c.walk(p, choices)
        assert c.is_done(run, p), f"path {choices} stops at {run.node} without an end"
        assert len(run.turns) == len(choices)
        assert run.minutes == sum(p.nodes[t.node].options[t.choice].minutes for t in run.turns)
        d = c.debrief(run, p)
        got = {pt.id for pt in d.points if pt.earned}
        # the case of this path: did the persona say they would rather contact the person first?
        first = any(p.nodes[n].contacts_first for n in [t.node for t in run.turns] + [run.node])
        cases.add(first)
        assert d.checkin_needed is first
        expected_points = list(c.POINTS) if first else [k for k in c.POINTS if k != "checkin"]
        assert [pt.id for pt in d.points] == expected_points, "out of six only when a check-in is needed"
        assert d.summary().startswith(f"{d.score} of {len(expected_points)} points")
        assert d.checkin.startswith("scored this time, because" if first else "not "), d.checkin
        assert f"Check-in day: {d.checkin}" in d.text()
        # each point, recomputed independently from the replies chosen
        opts = [p.nodes[t.node].options[t.choice] for t in run.turns]
        for point in expected_points:
            if point == "time":
                expected = run.minutes <= p.minutes
            else:
                expected = any(point in o.earns for o in opts) and not any(point in o.loses for o in opts)
            assert (point in got) == expected, (choices, point)
        for pt in d.points:
            assert pt.why, (choices, pt.id)
            assert all(1 <= m.turn <= len(run.turns) for m in pt.moments)
        earned_on_some |= got
        perfect += got == set(expected_points)
        text = " ".join([t.said + " " + t.reply for t in run.turns] + [c.final_words(run, p)])
        assert "{" not in text and "}" not in text, "every placeholder filled"
        # the persona offers names only after being asked, and contact details only after being asked
        asked = {"names": None, "contact": None}
        for n, (t, o) in enumerate(zip(run.turns, opts)):
            if EMAIL.search(t.said):
                assert asked["contact"] is not None, f"{choices}: an address given unasked at turn {n + 1}"
            for point in asked:
                if point in o.earns and asked[point] is None:
                    asked[point] = n
        if EMAIL.search(c.final_words(run, p)):
            assert asked["contact"] is not None
    assert count > 50, "a script worth practising has many paths"
    marked = any(n.contacts_first for n in p.nodes.values())
    assert earned_on_some == (set(c.POINTS) if marked else set(c.POINTS) - {"checkin"}) and perfect > 0
    assert (True in cases) is marked
    print(f"{pid}: {count} paths walked, {perfect} with a perfect close")


# Which case each shipped persona's model close is: Grace would rather tell Oskar about the learner
# first (a check-in day is scored, out of six); Amina and Tomasz share the details and leave the
# contact to the learner (no check-in needed, out of five).
CASE = {"grace-data-analyst": True, "amina-pharmacist": False, "tomasz-site-manager": False}


def test_the_shipped_personas_show_both_cases():
    assert set(CASE) == set(PERSONAS)
    assert set(CASE.values()) == {True, False}, "at least one persona path of each case"


@pytest.mark.parametrize("pid", PERSONAS)
def test_the_model_close_scores_full_marks_for_its_case_within_time(pid: str):
    p = c.persona(pid)
    run = c.walk(p, c.best_path(p))
    d = c.debrief(run, p)
    n = 6 if CASE[pid] else 5
    assert d.score == n and len(d.points) == n and d.finished and run.minutes <= p.minutes
    assert f"{n} of {n} points for the close" in d.summary()
    assert d.checkin_needed is CASE[pid]
    assert d.flags == (), "the model path has nothing to regret"
    assert "{checkin_day}" not in c.dumps(run)
    assert ("Tuesday 8 December" in c.dumps(run)) is CASE[pid], "a day is named only where one is needed"
    if CASE[pid]:
        assert "would rather contact the person first" in d.checkin
    else:
        assert d.checkin.startswith(f"not needed this time: {p.name} shared how to reach the person")


ASK = "Would you be willing to share how best to reach them, so that I can get in touch myself?"


@pytest.mark.parametrize("pid", PERSONAS)
def test_the_contact_details_ask_is_the_lessons_wording_and_is_rewarded(pid: str):
    p = c.persona(pid)
    earning = [o for n in p.nodes.values() for o in n.options if "contact" in o.earns]
    assert earning and all(ASK in o.text for o in earning), [o.text for o in earning]
    for o in earning:
        assert o.warmth >= 0 and "blunt" not in o.note.lower()
    best = c.walk(p, c.best_path(p))
    assert any(ASK in t.reply for t in best.turns)


PUSH = re.compile(r"straight away|immediately|available (now|at once)|hire me|any (job|openings?)|"
                  r"put in a (good )?word|recommend me|i can start", re.I)


@pytest.mark.parametrize("pid", PERSONAS)
def test_no_well_scored_reply_adds_a_push(pid: str):
    p = c.persona(pid)
    for node in p.nodes.values():
        for o in node.options:
            if o.warmth > 0 or o.earns:
                assert not PUSH.search(o.text), (node.id, o.text)
            if PUSH.search(o.text):
                assert o.warmth < 0 or o.loses, (node.id, o.text)


def test_accepting_the_cv_offer_gracefully_scores_well():
    p = c.persona("amina-pharmacist")
    node = p.nodes["cv_offer"]
    accept = next(o for o in node.options if o.text.startswith("Thank you, that's kind of you. I'll send it"))
    assert accept.warmth == max(o.warmth for o in node.options) > 0
    assert not PUSH.search(accept.text)
    push = next(o for o in node.options if "straight away" in o.text)
    assert push.warmth < 0 and push.flag
    best = c.walk(p, c.best_path(p))
    assert accept.text in [t.reply for t in best.turns], "the model close accepts the offer"


def test_the_answer_to_what_job_is_honest_for_a_learner_who_is_applying():
    p = c.persona("tomasz-site-manager")
    good = max(p.nodes["what_job"].options, key=lambda o: o.warmth)
    assert "not applying" not in good.text and "apply" in good.text


# ---- scripted runs -----------------------------------------------------------------------
PERFECT_AMINA = ["Thank you for making the time", "I read that pharmacies", "You said the consultations",
                 "Thank you, that's kind of you. I'll send", "A couple of pharmacists",
                 "Could I ask for your honest view", "That's really useful", "I see we're close",
                 "Based on my research", "Thank you, that's really helpful", "Thank you. May I mention",
                 "Thank you so much"]
PERFECT_GRACE = ["Thank you for agreeing", "Your report said", "You said it takes", "Two analysts I spoke with",
                 "May I ask for your candid view", "Thank you, that's really", "Thank you for saying so",
                 "Based on my research", "Thank you. Would you be willing", "Of course, thank you. May I mention",
                 "Thank you. May I check back", "Thank you for your time"]


def test_a_perfect_close_with_the_warm_persona_who_hands_the_details_over():
    run, p = script("amina-pharmacist", *PERFECT_AMINA)
    d = c.debrief(run, p)
    assert d.score == 5 and len(d.points) == 5 and d.finished and not d.checkin_needed
    assert d.summary().startswith("5 of 5 points for the close")
    by = {pt.id: pt for pt in d.points}
    assert "checkin" not in by
    assert [m.turn for m in by["names"].moments] == [9]
    assert [m.turn for m in by["contact"].moments] == [10]
    assert [m.turn for m in by["permission"].moments] == [11]
    assert [m.turn for m in by["thanks"].moments] == [12]
    assert by["time"].why == "you finished at minute 18 of the 20 agreed."
    assert "left the contact to you" in d.checkin and "Check-in day: not needed this time" in d.text()
    assert c.final_words(run, p).startswith("It was a pleasure")
    # the persona warmed up after the research-based question
    assert run.turns[2].mood == "warm" and run.turns[2].said.startswith("Oh, you've done your homework")


def test_a_perfect_close_with_the_guarded_persona_who_would_rather_contact_him_first():
    run, p = script("grace-data-analyst", *PERFECT_GRACE)
    d = c.debrief(run, p)
    assert d.score == 6 and len(d.points) == 6 and d.finished and d.checkin_needed
    by = {pt.id: pt for pt in d.points}
    assert [m.turn for m in by["contact"].moments] == [9]
    assert [m.turn for m in by["checkin"].moments] == [11]
    assert "Tuesday 8 December" in by["checkin"].moments[0].reply   # 7 days after Tuesday 1 December
    assert "Grace Mensah would rather contact the person first" in d.checkin


def test_the_case_follows_the_path_not_the_persona():
    """Grace leaves without giving a name: nobody offered to contact anyone, so no check-in is scored."""
    run, p = script("grace-data-analyst", *PERFECT_GRACE[:7], "That's everything. Thank you")
    d = c.debrief(run, p)
    assert d.finished and not d.checkin_needed and len(d.points) == 5
    assert d.checkin.startswith("not scored this time: on this path Grace Mensah did not offer")


def test_a_job_ask_cools_the_persona_and_is_named_in_the_debrief():
    asked, p = script("amina-pharmacist", "Hi, thanks. So basically I'm looking for a job")
    assert c.step(asked, p).mood == "cool"
    assert c.step(asked, p).says == "We're not hiring at the moment, I'm afraid. What did you want to ask?"
    polite, _ = script("amina-pharmacist", "Thank you for making the time")
    assert c.step(polite, p).mood == "warm"
    # shorter answers after a second job ask
    run = pick(asked, p, "What would I need to do to get hired")
    assert len(c.step(run, p).says) < len(p.nodes["first_answer"].says)
    run, p = script("amina-pharmacist", "Hi, thanks. So basically", *PERFECT_AMINA[1:])
    d = c.debrief(run, p)
    assert (1, "job ask") in [(t, f) for t, f, _ in d.flags]
    assert "interview she did not agree to" in d.text()


def test_a_job_ask_with_the_guarded_persona_costs_the_names():
    run, p = script("grace-data-analyst", "I'm moving out of teaching", *PERFECT_GRACE[1:8])
    assert run.node == "declines", "too cool to give a name at the first ask"
    after_polite, _ = script("grace-data-analyst", *PERFECT_GRACE[:8])
    assert after_polite.node == "names_given"
    # after a respectful second ask she trusts enough to offer a name herself; pressing gets none
    assert pick(run, p, "I understand completely").node == "names_given"
    pressed = pick(run, p, "Please, just one name")
    assert pressed.node == "organisation_only"
    done = pick(pressed, p, "Thank you, that's helpful")
    d = c.debrief(done, p)
    got = {pt.id: pt.earned for pt in d.points}
    assert got == {"names": True, "contact": False, "permission": False, "time": True, "thanks": True}
    contact = next(pt for pt in d.points if pt.id == "contact")
    assert contact.why.startswith("the chance never came: Grace Mensah cooled after the replies below")
    assert [m.turn for m in contact.moments] == [1, 9], "the job ask and the pressing decided it"


def test_a_blunt_ask_makes_her_hesitate_and_the_lessons_wording_recovers():
    run, p = script("grace-data-analyst", *PERFECT_GRACE[:8], "Could you give me his phone number")
    assert run.node == "hesitant"
    run = pick(run, p, "I understand. Would you be willing")
    assert run.node == "permission" and scores(run, p)["contact"]


def test_a_missing_check_in_shows_the_reply_that_would_have_earned_it():
    steps = [s if s != "Thank you. May I check back" else "Thanks, I'll be in touch at some point"
             for s in PERFECT_GRACE]
    run, p = script("grace-data-analyst", *steps)
    d = c.debrief(run, p)
    assert d.score == 5 and len(d.points) == 6
    checkin = next(pt for pt in d.points if pt.id == "checkin")
    assert not checkin.earned and checkin.why.startswith("not this time: at turn 11")
    (moment,) = checkin.moments
    assert moment.how == "missed" and moment.reply == "Thanks, I'll be in touch at some point."
    assert "Tuesday 8 December" in moment.better
    assert "[ ] Agreed a specific check-in day" in d.text()


def test_running_over_time_loses_the_time_point_at_the_turn_it_happened():
    steps = [s if s != "I see we're close" else "Could I ask you a few more questions" for s in PERFECT_AMINA]
    run, p = script("amina-pharmacist", *steps)
    d = c.debrief(run, p)
    time = next(pt for pt in d.points if pt.id == "time")
    assert not time.earned and d.minutes == 25
    assert [m.turn for m in time.moments] == [8] and "minute 22" in time.why
    assert d.score == 4


def test_using_their_name_unasked_loses_permission():
    steps = [s if s != "Thank you. May I mention" else "Thanks, I'll tell him you sent me" for s in PERFECT_AMINA]
    run, p = script("amina-pharmacist", *steps)
    d = c.debrief(run, p)
    permission = next(pt for pt in d.points if pt.id == "permission")
    assert not permission.earned and permission.why.startswith("lost at turn 11")
    assert permission.moments[0].how == "lost"


def test_the_busy_persona_runs_out_of_time_and_a_quick_ask_still_gets_names():
    run, p = script("tomasz-site-manager", "Thanks for fitting me in", "Your firm moved", "I'm looking at graduate",
                    "Could I ask you straight")
    assert c.step(run, p).says.endswith("I've got a call in two minutes.")
    late = pick(run, p, "Could we keep going")
    assert c.step(late, p).says == "I really have to go. Anything else, quickly?"
    late = pick(late, p, "Just one")
    for s in ["Thanks. Would you be willing", "May I say that", "Thank you for your time"]:
        late = pick(late, p, s)
    got = scores(late, p)
    assert got["names"] and got["contact"] and not got["time"] and "checkin" not in got


def test_an_unfinished_run_gets_a_partial_debrief():
    run, p = script("amina-pharmacist", "Thank you for making the time")
    d = c.debrief(run, p)
    assert not d.finished and "so far" in d.summary()


def test_choose_refuses_a_reply_that_is_not_on_offer():
    run, p = script("amina-pharmacist")
    with pytest.raises(ValueError):
        c.choose(run, 7, p=p)
    done = c.walk(p, c.best_path(p))
    with pytest.raises(ValueError):
        c.choose(done, 0, p=p)


def test_a_run_survives_a_round_trip_through_json():
    run, p = script("grace-data-analyst", "Thank you for agreeing", "Your report said")
    again = c.Run.from_dict(json.loads(c.dumps(run)))
    assert again == run and c.step(again, p) == c.step(run, p)


def test_replay_gives_every_turn_with_its_note_and_points():
    run, p = script("amina-pharmacist", *PERFECT_AMINA)
    steps = c.replay(run, p)
    assert [s.turn for s in steps] == list(range(1, 13))
    assert steps[0].stage == "Opening" and steps[0].note.startswith("A two-sentence introduction")
    assert steps[8].earned == (c.POINTS["names"],)
    assert all(s.note for s in steps)


# ---- typing a reply ----------------------------------------------------------------------------
@pytest.mark.parametrize("pid", PERSONAS)
def test_typing_an_option_matches_that_option(pid: str):
    p = c.persona(pid)
    for node in p.nodes.values():
        if node.end:
            continue
        run = c.Run(p.id, node.id, "2026-12-01", 0, 0, [])
        for i, text in enumerate(c.step(run, p).options):
            m = c.match(run, text, p)
            assert m.index == i and m.sure, (node.id, text, m)


@pytest.mark.parametrize("typed, expected", [
    ("who else do you think I should talk to? my research says Northside and the pharmacy committee",
     "Based on my research"),
    ("do you know anybody useful", "Do you know anyone"),
    ("that's everything, many thanks for your time", "That's all, thank you"),
])
def test_a_paraphrase_matches_the_nearest_reply(typed: str, expected: str):
    run, p = script("amina-pharmacist", *PERFECT_AMINA[:8])
    m = c.match(run, typed, p)
    assert m.sure and m.option.startswith(expected), m


def test_nothing_meaningful_typed_matches_nothing():
    run, p = script("amina-pharmacist")
    assert c.match(run, "", p).index == -1
    assert c.match(run, "the a of", p).index == -1
    assert not c.match(run, "zebra xylophone", p).sure


# ---- saving ------------------------------------------------------------------------------------
def test_a_finished_run_is_saved_once_and_replaced_by_the_next(workspace: Path):
    run, p = script("amina-pharmacist", *PERFECT_AMINA)
    first = c.save_run(run)
    assert first.ok and first.changed and "5 of 5" in first.message
    assert first.item["persona"] == "amina-pharmacist"
    again = c.save_run(run)
    assert again.ok and not again.changed
    worse = c.walk(p, [1] + c.best_path(p)[1:])
    assert c.save_run(worse).changed
    saved = c.saved_runs()
    assert list(saved) == ["amina-pharmacist"] and saved["amina-pharmacist"] == worse
    section = c.export()
    assert section is not None and section.lesson == "05-the-conversation.ipynb"
    assert "Practising the conversation" in c.export_text()


def test_an_unfinished_run_is_not_saved(workspace: Path):
    run, _ = script("amina-pharmacist", "Thank you for making the time")
    result = c.save_run(run)
    assert not result.saved and result.codes == ["not_finished"]
    assert not (workspace / c.FILE).exists()


def test_a_damaged_file_is_never_written_over(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / c.FILE).write_text("{not json", encoding="utf-8")
    run, p = script("amina-pharmacist", *PERFECT_AMINA)
    result = c.save_run(run)
    assert not result.saved and result.codes == ["damaged_file"]
    assert (workspace / c.FILE).read_text(encoding="utf-8") == "{not json"
    assert c.saved_runs() == {} and c.export() is None


def test_nothing_saved_exports_nothing(workspace: Path):
    assert c.export() is None and c.export_text() == ""


# ---- content mistakes ----------------------------------------------------------------------------
def _cases() -> list[dict[str, str]]:
    with open(CASES / "conversation_broken.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["case"])
def test_content_mistakes_name_the_file_and_the_node(case: dict[str, str], content_copy: Path):
    path = content_copy / "personas" / f"{case['persona']}.toml"
    text = path.read_text(encoding="utf-8")
    assert case["find"] in text, f"the case's text is not in {path.name} any more"
    path.write_text(text.replace(case["find"], case["replace"], 1), encoding="utf-8")
    problems = c.check_content()
    assert any(case["expect"] in p for p in problems), problems
    # the broken persona is left out; the others still load and can be practised
    assert case["persona"] not in [p.id for p in c.personas()]
    assert len(c.personas()) == len(PERSONAS) - 1
    with pytest.raises(content.ContentError):
        c.persona(case["persona"])


def test_no_persona_files_is_one_clear_message(content_copy: Path):
    shutil.rmtree(content_copy / "personas")
    (problem,) = c.check_content()
    assert problem.startswith("personas/: no persona files were found")


def test_an_instructor_adds_a_persona_by_adding_a_file(content_copy: Path):
    source = (content_copy / "personas" / "tomasz-site-manager.toml").read_text(encoding="utf-8")
    (content_copy / "personas" / "lena-electrician.toml").write_text(
        source.replace('name = "Tomasz Nowak"', 'name = "Lena Berg"'), encoding="utf-8")
    assert c.check_content() == []
    assert c.persona("lena-electrician").name == "Lena Berg"


def test_an_unknown_persona_names_the_ones_there_are():
    with pytest.raises(content.ContentError, match="The personas are: amina-pharmacist"):
        c.persona("nobody")


def test_check_content_on_the_command_line_names_the_persona_file_and_node(content_copy: Path):
    from helpers import cli

    path = content_copy / "personas" / "grace-data-analyst.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('next = "hesitant"', 'next = "hesitent"', 1),
                    encoding="utf-8")
    problems, _ = cli.check_content(content_copy)
    assert ("personas/grace-data-analyst.toml, node 'names_given', option 2: next = \"hesitent\" is not a node "
            "in this file; did you mean \"hesitant\"?") in problems


def test_typed_replies_on_labelled_cases():
    """Typed replies (paraphrases a learner might type, and unrelated phrases) against the nearest-reply
    rule. Measured when written: 34 of 34 paraphrases matched to the right reply and none to a wrong one;
    3 of 4 unrelated phrases left unmatched (one matched on the single shared word "what"). The form
    says it compares words, not meaning, and asks the learner to check the reply it selects."""
    with open(CASES / "conversation_typed.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    right = wrong = missed = false_match = unrelated = 0
    for row in rows:
        p = c.persona(row["persona"])
        m = c.match(c.Run(p.id, row["node"], "2026-12-01", 0, 0, []), row["typed"], p)
        got, expected = (m.index + 1 if m.sure else 0), int(row["expected"])
        if expected == 0:
            unrelated += 1
            false_match += got != 0
        elif got == expected:
            right += 1
        elif got == 0:
            missed += 1
        else:
            wrong += 1
    matchable = len(rows) - unrelated
    assert wrong == 0, "a paraphrase matched to a different reply"
    assert right / matchable >= 0.9 and false_match <= unrelated / 2, (right, matchable, false_match, unrelated)


# The names of the personas, the lessons and the sample log are kept apart by tests/lessons/test_names.py.
