"""Self-check quiz: the content file, grading with feedback on every choice, saving, the forms."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers import content, forms, quiz
from helpers import workspace as ws

HOSTILE = "<script>alert(1)</script> =HYPERLINK(\"http://x\")"
TOPICS = {"refine-not-shortcut", "two-way-exchange", "candid-feedback", "no-job-request",
          "email-request-and-thanks", "ask-for-referrals"}


def _saved(workspace: Path) -> dict:
    return json.loads((workspace / quiz.ANSWERS_FILE).read_text(encoding="utf-8"))


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/content the test may edit; the lessons read it instead of the real one."""
    target = tmp_path / "content"
    shutil.copytree(content.folder(), target)
    monkeypatch.setenv(content.ENV_VAR, str(target))
    return target / "quiz.toml"


# ---- the content file ----------------------------------------------------------------
def test_shipped_quiz_is_valid_and_covers_the_lesson():
    assert quiz.check_content() == []
    items = quiz.questions()
    assert 6 <= len(items) <= 8
    assert TOPICS <= {q.id for q in items}
    assert {q.section for q in items} == {"why", "habits"}
    for q in items:
        assert sum(c.correct for c in q.choices) == 1
        assert all(len(c.feedback) > 40 for c in q.choices), f"{q.id}: every choice needs real feedback"
    assert len(quiz.reflection_prompts("why")) == 3


@pytest.mark.parametrize("old, new, expected", [
    ('id = "two-way-exchange"', 'id = "refine-not-shortcut"', '"refine-not-shortcut" is used twice'),
    ('correct = false\nfeedback = """Not quite. You will never',
     'correct = true\nfeedback = """Not quite. You will never', "2 choices are marked correct"),
    ('feedback = """Exactly: a two-way', 'feedbak = """Exactly: a two-way', "'feedbak' is not a field this file uses"),
    ('section = "habits"\nprompt = """You have found a manager', 'prompt = """You have found a manager', "the field 'section' is missing"),
    ('correct = true\nfeedback = """Right. In a job', 'correct = "yes"\nfeedback = """Right. In a job',
     "correct should be true or false"),
    ('id = "candid-feedback"', 'id = "Candid Feedback"', "lower-case letters"),
])
def test_broken_copies_are_named_with_entry_line_and_fix(content_copy: Path, old: str, new: str, expected: str):
    text = content_copy.read_text(encoding="utf-8")
    assert old in text, "the test's edit no longer matches the shipped file"
    content_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    mistakes = quiz.check_content()
    assert mistakes, "the broken file was not noticed"
    found = "\n".join(mistakes)
    assert expected in found
    assert str(content_copy) in found and "question" in found and "line " in found


def test_a_syntax_error_names_the_line(content_copy: Path):
    lines = content_copy.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('prompt = "Which of these sounds'))
    lines[at] = 'prompt = "Which of these sounds most like a good informational interview?'  # no closing quote
    content_copy.write_text("\n".join(lines), encoding="utf-8")
    mistakes = quiz.check_content()
    assert len(mistakes) == 1 and f"line {at + 1}" in mistakes[0]
    with pytest.raises(content.ContentError):
        quiz.load_quiz()


def test_a_missing_file_and_a_file_without_questions(content_copy: Path):
    content_copy.write_text('title = "Empty"\n', encoding="utf-8")
    assert "no [[question]] entries" in quiz.check_content()[0]
    content_copy.unlink()
    assert "content file is missing" in quiz.check_content()[0]


def test_an_edit_shows_up_in_the_lesson(content_copy: Path):
    text = content_copy.read_text(encoding="utf-8")
    content_copy.write_text(text.replace("Which of these sounds most like a good informational interview?",
                                         "Which sounds best? <i>edited</i>"), encoding="utf-8")
    assert quiz.find("two-way-exchange").prompt == "Which sounds best? <i>edited</i>"
    form = forms.quiz_form("why")
    page = "".join(w.value for box in form.widget.children if hasattr(box, "children")
                   for w in box.children if isinstance(w, widgets.HTML))
    assert "Which sounds best? &lt;i&gt;edited&lt;/i&gt;" in page and "<i>edited" not in page


def test_a_broken_file_shows_its_message_in_the_form(content_copy: Path, workspace: Path):
    content_copy.write_text("[[question]\nid = 1\n", encoding="utf-8")
    form = forms.quiz_form("why")
    assert "quiz.toml, line 1" in form.status.value
    notes = forms.quiz_notes_form("why")
    assert "quiz.toml, line 1" in notes.status.value
    assert not workspace.exists() or not any(workspace.iterdir())


# ---- grading ---------------------------------------------------------------------------
def test_grade_right_and_wrong_with_feedback_on_every_choice():
    q = quiz.find("two-way-exchange")
    right = quiz.grade(q.id, q.answer.letter.lower())
    assert right.correct and right.problems == [] and right.feedback == q.answer.feedback
    wrong_letter = next(c.letter for c in q.choices if not c.correct)
    wrong = quiz.grade(q.id, wrong_letter)
    assert not wrong.correct and wrong.verdict == "Not quite."
    text = wrong.text()
    for c in q.choices:
        assert c.feedback in text, "feedback for EACH choice is part of the result"
    assert len(wrong.per_choice()) == len(q.choices)


@pytest.mark.parametrize("qid, letter, what", [
    ("two-way-exchange", None, "No answer chosen yet"),
    ("two-way-exchange", "  ", "No answer chosen yet"),
    ("two-way-exchange", "Z", "is not one of the choices"),
    ("no-such-question", "A", "is not a question in quiz.toml"),
])
def test_grade_mistakes_are_values(qid, letter, what, workspace: Path):
    result = quiz.grade(qid, letter)
    assert not result.correct and result.problems[0].what == what
    assert result.text().startswith("Not checked:")
    assert not (workspace / quiz.ANSWERS_FILE).exists()


# ---- saving ------------------------------------------------------------------------------
def test_answers_are_saved_once_per_question(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    result = quiz.answer("candid-feedback", "B")
    assert result.saved and result.changed and not result.item.correct
    assert "Not quite." in result.message and f"Saved in {quiz.ANSWERS_FILE}." in result.message
    first = (workspace / quiz.ANSWERS_FILE).read_bytes()
    writes = []
    real = ws.atomic_write_bytes
    monkeypatch.setattr(ws, "atomic_write_bytes", lambda *a: writes.append(a) or real(*a))
    again = quiz.save_answers({"candid-feedback": "b"})
    assert again.item == {"saved": [], "unchanged": ["candid-feedback"]} and not again.changed and writes == []
    assert (workspace / quiz.ANSWERS_FILE).read_bytes() == first
    quiz.answer("candid-feedback", "A")
    data = _saved(workspace)
    assert list(data["answers"]) == ["candid-feedback"]
    assert data["answers"]["candid-feedback"]["letter"] == "A" and data["answers"]["candid-feedback"]["correct"]


def test_save_answers_keeps_valid_ones_and_reports_the_rest(workspace: Path):
    result = quiz.save_answers({"two-way-exchange": "B", "candid-feedback": None, "nope": "A"})
    assert result.item["saved"] == ["two-way-exchange"]
    assert {p.column for p in result.problems} == {"candid-feedback", "nope"}
    assert sorted(result.codes) == ["no_answer", "unknown_question"]
    assert set(_saved(workspace)["answers"]) == {"two-way-exchange"}


def test_a_damaged_answers_file_is_never_overwritten(workspace: Path):
    workspace.mkdir(parents=True)
    (workspace / quiz.ANSWERS_FILE).write_text("{not json", encoding="utf-8")
    result = quiz.answer("two-way-exchange", "B")
    assert not result.saved and result.codes == ["damaged_file"] and "quiz.json" in result.problems[0].what
    assert (workspace / quiz.ANSWERS_FILE).read_text(encoding="utf-8") == "{not json"
    assert quiz.save_notes({"what-i-know": "x"}).codes == ["damaged_file"]
    for shape in ("[1, 2]", '{"answers": [1, 2]}', '{"answers": {"two-way-exchange": "B"}}'):
        (workspace / quiz.ANSWERS_FILE).write_text(shape, encoding="utf-8")
        assert quiz.save_answers({"two-way-exchange": "B"}).codes == ["wrong_shape"]
        assert (workspace / quiz.ANSWERS_FILE).read_text(encoding="utf-8") == shape


def test_notes_validation(workspace: Path):
    assert quiz.save_notes({"what-i-know": "   ", "what-i-can-share": ""}).problems[0].what == "All the boxes are empty"
    long = quiz.save_notes({"what-i-know": "fine", "what-i-can-share": "x" * (quiz.NOTE_LIMIT + 1)})
    assert long.problems[0].column == "what-i-can-share" and "characters long" in long.problems[0].what
    assert quiz.save_notes({"made-up": "x"}).problems[0].what == "is not a reflection prompt in quiz.toml"
    assert not (workspace / quiz.ANSWERS_FILE).exists(), "nothing is saved when a note has a problem"


def test_notes_are_saved_raw_and_an_empty_box_never_erases(workspace: Path):
    assert quiz.save_notes({"what-i-know": f"  {HOSTILE}\r\nsecond line  "}).item["saved"] == ["what-i-know"]
    assert quiz.saved_notes() == {"what-i-know": f"{HOSTILE}\nsecond line"}
    again = quiz.save_notes({"what-i-know": "", "what-i-can-share": "my findings"})
    assert again.item["saved"] == ["what-i-can-share"]
    assert quiz.saved_notes()["what-i-know"] == f"{HOSTILE}\nsecond line"
    assert quiz.save_notes({"what-i-can-share": "my findings"}).item["unchanged"] == ["what-i-can-share"]


def test_export_text(workspace: Path):
    assert quiz.export_text() == ""
    quiz.answer("no-job-request", "C")
    quiz.answer("refine-not-shortcut", "A")
    quiz.save_notes({"what-i-know": "I know a little."})
    text = quiz.export_text()
    assert "<" not in text.replace(HOSTILE, "")
    lines = text.splitlines()
    assert lines[0] == "Self-check answers"
    assert "2 answered, 1 right." in text
    # in the quiz's order, not the order answered
    assert text.index("Where does an informational") < text.index("Which question keeps")
    assert "Your answer: C." in text and "I know a little." in text and "My notes" in text


# ---- the forms ----------------------------------------------------------------------------
def test_quiz_form_is_idle_until_clicked(workspace: Path):
    form = forms.quiz_form("why")
    names = [q.id for q in quiz.questions("why")]
    assert list(form.controls) == names + ["check"]
    for name in names:
        assert form.controls[name].description, "every radio group has a label"
        assert form.controls[name].value is None
    assert not (workspace / quiz.ANSWERS_FILE).exists()


def test_quiz_form_checks_saves_and_shows_feedback_from_the_file(workspace: Path):
    form = forms.quiz_form("why")
    form.controls["check"].click()
    assert "Nothing checked yet" in form.status.value
    assert all("No answer chosen yet" in form.messages[q.id].value for q in quiz.questions("why"))
    assert not (workspace / quiz.ANSWERS_FILE).exists()

    q = quiz.find("candid-feedback")
    wrong = next(c for c in q.choices if not c.correct)
    two_way = quiz.find("two-way-exchange").answer.letter
    form.controls["two-way-exchange"].value = two_way
    form.controls[q.id].value = wrong.letter
    form.controls["check"].click()
    assert set(_saved(workspace)["answers"]) == {"two-way-exchange", "candid-feedback"}
    assert "2 of 4 answered, 1 right" in form.status.value
    shown = form.messages[q.id].value
    assert "Not quite." in shown and f"You chose {wrong.letter}." in shown
    for c in q.choices:  # feedback for every choice, escaped (quotes become entities)
        assert c.feedback.replace('"', "&quot;") in shown
    assert "No answer yet" in form.messages["refine-not-shortcut"].value

    form.controls["check"].click()  # clicking again duplicates nothing
    assert len(_saved(workspace)["answers"]) == 2

    form.controls[q.id].value = q.answer.letter  # changing the answer hides the old feedback
    assert form.messages[q.id].value == ""

    reopened = forms.quiz_form("why")  # shown back from what was saved
    assert reopened.controls["two-way-exchange"].value == two_way
    assert reopened.controls[q.id].value == wrong.letter
    assert "Right." in reopened.messages["two-way-exchange"].value
    assert "2 of 4 answered" in reopened.status.value


def test_quiz_form_for_an_unknown_section_says_so():
    form = forms.quiz_form("nope")
    assert "no questions in the section" in form.status.value


def test_a_saved_answer_whose_choice_was_edited_away_is_not_shown(content_copy: Path):
    right = quiz.find("two-way-exchange").answer
    assert right.text.startswith("You share what you have learned so far")
    quiz.answer("two-way-exchange", right.letter)
    text = content_copy.read_text(encoding="utf-8")
    content_copy.write_text(text.replace("You share what you have learned so far", "You share your findings"),
                            encoding="utf-8")
    form = forms.quiz_form("why")
    assert form.controls["two-way-exchange"].value is None
    assert quiz.saved_grade(quiz.find("two-way-exchange")) is None
    assert f"Your answer: {right.letter}." in quiz.export_text(), "the export still shows what was saved"


def test_notes_form_saves_escapes_and_shows_back(workspace: Path):
    form = forms.quiz_notes_form("why")
    ids = [p.id for p in quiz.reflection_prompts("why")]
    assert all(form.controls[i].description for i in ids)
    form.controls["save"].click()
    assert "All the boxes are empty" in form.messages[ids[0]].value
    assert not (workspace / quiz.ANSWERS_FILE).exists()

    form.controls[ids[1]].value = "y" * (quiz.NOTE_LIMIT + 5)
    form.controls["save"].click()
    assert "characters long" in form.messages[ids[1]].value and "Not saved yet" in form.status.value
    assert not (workspace / quiz.ANSWERS_FILE).exists()

    form.controls[ids[1]].value = ""
    form.controls[ids[0]].value = HOSTILE
    form.controls["save"].click()
    assert "Saved 1 note(s)" in form.status.value
    assert _saved(workspace)["reflections"][ids[0]]["text"] == HOSTILE
    panel = form.extras["saved"].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel and "<script>" not in panel
    assert "Not answered yet" in form.messages[ids[1]].value

    form.controls[ids[0]].value = ""  # an empty box keeps the earlier note
    form.controls[ids[2]].value = "something to share"
    form.controls["save"].click()
    assert "earlier note was kept" in form.messages[ids[0]].value
    assert form.controls[ids[0]].value == HOSTILE, "the box shows what is saved"
    assert set(_saved(workspace)["reflections"]) == {ids[0], ids[2]}

    assert forms.quiz_notes_form("why").controls[ids[2]].value == "something to share"


# ---- the quiz agrees with the chapter (issue 12) ----------------------------------------------
CONTACT_ASK = "Would you be willing to share how best to reach them, so that I can get in touch myself?"


def test_the_referral_answer_is_the_ask_lesson_04_teaches():
    q = quiz.find("ask-for-referrals")
    right = " ".join(q.answer.text.split())
    assert CONTACT_ASK in right, "the one contact-details wording (see tests/referrals/test_contact_wording.py)"
    assert right.lower().index("based on my research") < right.index("anyone else"), \
        "the names ask starts from what the research found"
    research = re.search(r"talk to (.+?)\. Is there", right).group(1)
    assert research in q.prompt, "the question says what the research found, so the answer can name it"
    assert "introduce" not in right.lower()
    assert any("introduce me to them" in c.text.lower() and not c.correct for c in q.choices)
    assert not any("e-mail address or phone number" in c.text + c.feedback for c in q.choices)


def test_each_question_states_the_situation_its_answer_assumes():
    """The check-in answer assumes an offer to contact someone first and an agreed day: the question says so."""
    q = quiz.find("after-the-interview")
    assert "check in" in q.answer.text.lower() or "as agreed" in q.answer.text.lower()
    prompt = q.prompt.lower()
    assert "rather speak to" in prompt and "agreed to check in on" in prompt
    thanks = quiz.find("email-request-and-thanks")
    assert "the same day or the next" in thanks.answer.text
    wrong = " ".join(c.text.lower() for c in thanks.choices if not c.correct)
    for mistake in ("phone", "several paragraphs", "text message"):
        assert mistake in wrong, f"a wrong option learners really choose: {mistake}"
    assert "wait until you have a job" not in wrong


def test_nothing_promises_an_opening():
    for q in quiz.questions():
        for c in q.choices:
            said = (c.text + " " + c.feedback).lower()
            assert "without your asking" not in said and "will come up" not in said, (q.id, c.letter)


def _plain(words: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", words.casefold()).split())


def test_structure_one_right_answer_feedback_for_each_no_duplicates():
    """Every item: one right answer, its own feedback on every option, no two options alike.

    The quiz does not shuffle: choices keep the file's order and get letters A, B, C... (see the
    comment at the top of quiz.toml), so the right answers must not all sit in one position."""
    items = quiz.questions()
    for q in items:
        assert [c.letter for c in q.choices] == list(quiz.LETTERS[:len(q.choices)])
        assert sum(c.correct for c in q.choices) == 1, q.id
        texts = [_plain(c.text) for c in q.choices]
        assert len(set(texts)) == len(texts), f"{q.id}: two options say the same"
        feedback = [_plain(c.feedback) for c in q.choices]
        assert all(len(f.split()) >= 8 for f in feedback), f"{q.id}: every option needs real feedback"
        assert len(set(feedback)) == len(feedback), f"{q.id}: each option has its own feedback"
        assert all(_plain(c.text) not in _plain(p.text) for c in q.choices for p in q.choices if p is not c), \
            f"{q.id}: an option contained whole in another is a giveaway"
    positions = [q.answer.letter for q in items]
    assert len(set(positions)) >= 3, f"the right answers sit in too few positions: {positions}"
    assert max(positions.count(p) for p in positions) <= len(items) // 2, positions


def test_the_structure_test_would_catch_a_broken_item(content_copy: Path):
    text = content_copy.read_text(encoding="utf-8")
    old = 'text = "You spend most of the time on your own story so that they remember you."'
    assert old in text
    content_copy.write_text(text.replace(old, 'text = "You work through twenty prepared questions, one after '
                                              'another, and note each answer!"'), encoding="utf-8")
    assert quiz.check_content() == [], "punctuation differs, so the file check lets it through"
    with pytest.raises(AssertionError, match="two options say the same"):
        test_structure_one_right_answer_feedback_for_each_no_duplicates()


def test_the_quiz_and_the_job_ask_rule_agree():
    from helpers.core.jobask import job_ask

    for qid, job_choices in [("no-job-request", ("openings", "pass my CV")),
                             ("ask-for-referrals", ("ask about a job",))]:
        q = quiz.find(qid)
        assert job_ask(q.answer.text) is None, q.answer.text
        for c in q.choices:
            if any(w.lower() in c.text.lower() for w in job_choices):
                assert not c.correct and job_ask(c.text) is not None, c.text


def test_quiz_forms_on_a_damaged_or_unusable_workspace(workspace: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    workspace.mkdir(parents=True, exist_ok=True)
    target = workspace / quiz.ANSWERS_FILE
    for damage in ("{oops", '{"answers": [1]}'):
        target.write_text(damage, encoding="utf-8")
        for build in (forms.quiz_form, forms.quiz_notes_form):
            form = build()
            assert form.extras["problem"].code in ("damaged_file", "wrong_shape")
            assert "move_aside" in form.controls and form.output.outputs == ()
            assert target.read_text(encoding="utf-8") == damage
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "ws"))
    assert "cannot start" in forms.quiz_form("why").widget.children[0].value


def test_quiz_form_on_a_read_only_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    import os
    quiz.answer("two-way-exchange", "B")
    before = (workspace / quiz.ANSWERS_FILE).read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if mode & os.W_OK else real(p, mode))
    assert "cannot start" in forms.quiz_form("why").widget.children[0].value
    monkeypatch.setattr(os, "access", real)
    form = forms.quiz_form("why")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    form.controls["two-way-exchange"].value = "A"
    form.controls["check"].click()
    assert "Something went wrong" not in form.status.value and form.output.outputs == ()
    assert (workspace / quiz.ANSWERS_FILE).read_bytes() == before


def test_an_older_answers_file_still_loads_and_keeps_its_shape(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    old = {"answers": {"two-way-exchange": {"prompt": "p", "letter": "B", "choice": "c", "correct": True}},
           "reflections": {"what-i-know": {"prompt": "p", "text": "A little."}}}
    (workspace / quiz.ANSWERS_FILE).write_text(json.dumps(old), encoding="utf-8")
    assert quiz.saved_notes() == {"what-i-know": "A little."}
    assert quiz.answer("candid-feedback", "A").ok
    data = _saved(workspace)
    assert set(data["answers"]) == {"two-way-exchange", "candid-feedback"}
    assert data["reflections"] == old["reflections"]  # still keyed by id, nothing lost
