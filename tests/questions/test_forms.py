"""The "Research to questions" forms, driven from Python: set values, click, read back the saved files."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from helpers import forms, questions

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["<script>alert(1)</script>", '=HYPERLINK("http://evil.example","click me")',
           "<img src=x onerror=alert(1)>"]


def _saved(workspace: Path, name: str) -> dict:
    return json.loads((workspace / name).read_text(encoding="utf-8"))


def _all_html(form) -> str:
    """Every HTML the learner can see in the form (status, messages, extras)."""
    parts = [form.status.value] + [m.value for m in form.messages.values()]
    parts += [w.value for w in form.extras.values() if hasattr(w, "value") and isinstance(w.value, str)]
    return "\n".join(parts)


def _no_traceback(form) -> None:
    assert form.output.outputs == (), form.output.outputs
    assert "Something went wrong" not in form.status.value


# ---------------------------------------------------------------------------------------
# Research form
# ---------------------------------------------------------------------------------------
def test_research_form_shows_the_example_before_anything_is_saved(workspace: Path):
    form = forms.research_form()
    assert "EXAMPLE, not your work" in form.extras["list"].value
    assert "According to my research, hospitals in the region" in form.extras["list"].value
    assert not (workspace / questions.RESEARCH_FILE).exists()
    for name in ("topic", "finding", "pick"):
        assert form.controls[name].description, f"{name} needs a label"


def test_research_form_saves_and_shows_back_from_the_file(workspace: Path):
    form = forms.research_form()
    form.controls["topic"].value = "Acme Foods"
    form.controls["finding"].value = "  Acme merged with Brightwater in 2025!  "
    form.controls["save"].click()
    _no_traceback(form)
    assert _saved(workspace, questions.RESEARCH_FILE)["research"] == [
        {"id": 1, "topic": "Acme Foods", "finding": "Acme merged with Brightwater in 2025!"}]
    assert "Saved as finding 1." in form.status.value
    listing = form.extras["list"].value
    assert "EXAMPLE" not in listing and "read back from research.json" in listing
    assert "According to my research, Acme merged with Brightwater in 2025. Is that what you see?" in listing
    assert form.controls["finding"].value == ""  # ready for the next finding
    assert [v for _, v in form.controls["pick"].options] == [0, 1]


def test_research_form_twice_does_not_duplicate(workspace: Path):
    form = forms.research_form()
    for _ in range(2):
        form.controls["topic"].value = "Acme Foods"
        form.controls["finding"].value = "Acme merged with Brightwater."
        form.controls["save"].click()
    assert len(_saved(workspace, questions.RESEARCH_FILE)["research"]) == 1
    assert "already saved as finding 1" in form.messages["finding"].value


@pytest.mark.parametrize("topic, finding, field, words", [
    ("", "", "topic", "The topic is empty"),
    ("Acme", "", "finding", "The finding is empty"),
    ("A" * 81, "Acme merged.", "topic", "is 81 characters long"),
    ("Acme", "x" * 501, "finding", "is 501 characters long"),
])
def test_research_form_empty_and_too_long(workspace: Path, topic: str, finding: str, field: str, words: str):
    form = forms.research_form()
    form.controls["topic"].value = topic
    form.controls["finding"].value = finding
    form.controls["save"].click()
    _no_traceback(form)
    assert words in form.messages[field].value
    assert "Not saved yet" in form.status.value
    assert not (workspace / questions.RESEARCH_FILE).exists()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_research_form_hostile_input_is_refused_and_escaped(workspace: Path, hostile: str):
    form = forms.research_form()
    form.controls["topic"].value = "Acme"
    form.controls["finding"].value = "Acme merged."
    form.controls["save"].click()
    before = (workspace / questions.RESEARCH_FILE).read_bytes()
    form.controls["topic"].value = hostile
    form.controls["finding"].value = hostile
    form.controls["save"].click()
    _no_traceback(form)
    assert (workspace / questions.RESEARCH_FILE).read_bytes() == before
    assert form.messages["topic"].value and form.messages["finding"].value
    html = _all_html(form)
    assert "<script" not in html and "<img" not in html


def test_research_form_delete(workspace: Path):
    form = forms.research_form()
    form.controls["delete"].click()
    assert "Choose the finding to delete" in form.messages["pick"].value
    for finding in ["Acme merged with Brightwater.", "Acme opens a plant in Leeds."]:
        form.controls["topic"].value = "Acme"
        form.controls["finding"].value = finding
        form.controls["save"].click()
    form.controls["pick"].value = 1
    form.controls["delete"].click()
    _no_traceback(form)
    assert "Deleted finding 1 (“Acme merged with Brightwater.”)" in form.status.value
    assert [r["id"] for r in _saved(workspace, questions.RESEARCH_FILE)["research"]] == [2]
    assert "Brightwater" not in form.extras["list"].value


# ---------------------------------------------------------------------------------------
# Question form
# ---------------------------------------------------------------------------------------
def _ask(form, text: str, category: str = "rapport", button: str = "save") -> None:
    form.controls["category"].value = category
    form.controls["text"].value = text
    form.controls[button].click()


def test_question_form_shows_example_and_labels_before_anything_is_saved(workspace: Path):
    form = forms.question_form()
    table = form.extras["table"].value
    assert "EXAMPLE, not your work" in table and "community nursing" in table
    for name in ("category", "bank", "research", "text", "pick"):
        assert form.controls[name].description, f"{name} needs a label"
    assert not (workspace / questions.QUESTIONS_FILE).exists()


def test_question_form_save_shows_advice_and_the_table_from_the_file(workspace: Path):
    form = forms.question_form()
    _ask(form, "Are you hiring?", "industry")
    _no_traceback(form)
    assert not (workspace / questions.QUESTIONS_FILE).exists()  # a job ask is held back once
    assert "reads as asking for a job" in form.messages["text"].value
    assert form.controls["save_anyway"].layout.display is None   # ... and can be kept on purpose
    assert "asking for a job" not in form.extras["advice"].value    # said once, beside the question
    assert "plain yes or no" in form.extras["advice"].value
    form.controls["save_anyway"].click()
    _no_traceback(form)
    assert _saved(workspace, questions.QUESTIONS_FILE)["questions"] == [
        {"id": 1, "category": "industry", "text": "Are you hiring?"}]
    assert "Saved as question 1." in form.status.value
    advice = form.extras["advice"].value
    assert "plain yes or no" in advice and "asking for a job" in advice
    assert "candid feedback" in form.extras["set"].value
    table = form.extras["table"].value
    assert "read back from questions.json" in table and "EXAMPLE" not in table
    assert "Are you hiring?" in table and "asks for a job; yes/no question" in table
    assert form.controls["pick"].value == 1  # ready to be improved with "Update"
    assert form.controls["save_anyway"].layout.display == "none"


def test_question_form_good_question_says_so(workspace: Path):
    form = forms.question_form()
    _ask(form, "From what you know of my background, how competitive would I be?", "career")
    assert "good informational-interview question" in form.status.value
    assert "looks like a good informational-interview question" in form.extras["advice"].value
    assert "tip" not in form.extras["advice"].value


@pytest.mark.parametrize("text", ["Why?", "asdf qwerty", "What is your favourite colour?",
                                  "What are my chances of winning the lottery?"])
def test_question_form_never_calls_what_it_cannot_place_good(workspace: Path, text: str):
    form = forms.question_form()
    _ask(form, text)
    _no_traceback(form)
    assert "I can't tell whether this helps you" in html.unescape(form.extras["advice"].value)
    assert "good informational-interview question" not in form.status.value + form.extras["advice"].value


def test_question_form_rating_is_compared_with_the_checks(workspace: Path):
    form = forms.question_form()
    for key in ("open", "on_topic", "not_a_job_ask"):
        form.controls[key].value = True
    form.controls["kind"].value = "trends"
    form.controls["text"].value = "Do you enjoy your job?"
    form.controls["check"].click()
    _no_traceback(form)
    assert not (workspace / questions.QUESTIONS_FILE).exists()  # checking saves nothing
    advice = form.extras["advice"].value
    assert "Where your rating and the checks differ" in advice and "yes/no question" in advice
    form.controls["save"].click()
    assert _saved(workspace, questions.QUESTIONS_FILE)["questions"][0]["rating"] == {
        "open": True, "on_topic": True, "not_a_job_ask": True, "kind": "trends"}


def test_question_form_twice_does_not_duplicate(workspace: Path):
    form = forms.question_form()
    _ask(form, "How did you get started?")
    _ask(form, "How did you get started?")
    _ask(form, "how did you get started")
    assert len(_saved(workspace, questions.QUESTIONS_FILE)["questions"]) == 1
    assert "already saved as question 1" in form.messages["text"].value
    assert "Not saved yet" in form.status.value


@pytest.mark.parametrize("text, words", [
    ("", "The question is empty"),
    ("   ", "The question is empty"),
    ("How " + "x" * 400 + "?", "is 405 characters long. Shorten it to 300 characters or fewer"),
    ("According to my research, [what you found]. Is that what you see?", "still has the placeholder"),
])
def test_question_form_empty_and_too_long(workspace: Path, text: str, words: str):
    form = forms.question_form()
    _ask(form, text)
    _no_traceback(form)
    assert words in form.messages["text"].value
    assert not (workspace / questions.QUESTIONS_FILE).exists()
    assert form.extras["advice"].value == ""


@pytest.mark.parametrize("hostile", HOSTILE)
def test_question_form_hostile_input_is_refused_and_escaped(workspace: Path, hostile: str):
    form = forms.question_form()
    _ask(form, "How did you get started?")
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    _ask(form, hostile)
    _no_traceback(form)
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before
    assert form.messages["text"].value
    html = _all_html(form)
    assert "<script" not in html and "<img" not in html


def test_question_form_table_escapes_saved_text(workspace: Path):
    form = forms.question_form()
    _ask(form, "How do R&D teams of <10 people & \"quiet\" leads work?", "organisation")
    table = form.extras["table"].value
    assert "R&amp;D teams of &lt;10 people &amp; " in table
    assert "<10" not in table


def test_question_form_bank_fills_the_text(workspace: Path):
    form = forms.question_form()
    form.controls["category"].value = "career"
    starters = [v for _, v in form.controls["bank"].options if v]
    assert starters == list(questions.bank().get("career").questions)
    form.controls["bank"].value = starters[2]
    assert form.controls["text"].value == starters[2]
    form.controls["save"].click()
    assert _saved(workspace, questions.QUESTIONS_FILE)["questions"][0]["text"] == starters[2]


def test_question_form_uses_research_saved_in_the_research_form(workspace: Path):
    qform = forms.question_form()
    assert [v for _, v in qform.controls["research"].options] == [0]
    rform = forms.research_form()
    rform.controls["topic"].value = "Acme"
    rform.controls["finding"].value = "Acme merged with Brightwater."
    rform.controls["save"].click()
    assert [v for _, v in qform.controls["research"].options] == [0, 1]  # refreshed without re-running
    qform.controls["research"].value = 1
    assert qform.controls["text"].value == ("According to my research, Acme merged with Brightwater. "
                                            "Is that what you see?")
    qform.controls["category"].value = "industry"
    qform.controls["save"].click()
    assert "good informational-interview question" in qform.status.value


def test_question_form_pick_update_and_delete(workspace: Path):
    form = forms.question_form()
    _ask(form, "Do you like it?", "rapport")
    _ask(form, "How is the team organised?", "organisation")
    form.controls["pick"].value = 1
    assert form.controls["text"].value == "Do you like it?"
    assert form.controls["category"].value == "rapport"
    form.controls["text"].value = "What do you like most about it?"
    form.controls["category"].value = "career"
    form.controls["update"].click()
    _no_traceback(form)
    assert "Updated question 1." in form.status.value
    saved = _saved(workspace, questions.QUESTIONS_FILE)["questions"]
    assert saved[0] == {"id": 1, "category": "career", "text": "What do you like most about it?"}
    assert "What do you like most about it?" in form.extras["table"].value
    assert "Do you like it?" not in form.extras["table"].value
    # update to a duplicate of another question: refused, nothing changes
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    form.controls["text"].value = "How is the team organised?"
    form.controls["update"].click()
    assert "already saved as question 2" in form.messages["text"].value
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before
    # delete: explicit choice, and it says what was deleted
    form.controls["pick"].value = 2
    form.controls["delete"].click()
    assert "Deleted question 2 (“How is the team organised?”)" in form.status.value
    assert [q["id"] for q in _saved(workspace, questions.QUESTIONS_FILE)["questions"]] == [1]
    assert "How is the team organised?" not in form.extras["table"].value
    assert form.controls["pick"].value == 0
    assert form.controls["text"].value == "How is the team organised?"  # can be saved back


def test_question_form_update_and_delete_need_a_choice(workspace: Path):
    form = forms.question_form()
    _ask(form, "How did you start?")
    form.controls["pick"].value = 0
    form.controls["text"].value = "What surprised you?"
    for button in ("update", "delete"):
        form.controls[button].click()
        assert "Choose the saved question" in form.messages["pick"].value
        assert "Nothing changed" in form.status.value
    assert _saved(workspace, questions.QUESTIONS_FILE)["questions"] == [
        {"id": 1, "category": "rapport", "text": "How did you start?"}]


@pytest.mark.parametrize("name", [questions.QUESTIONS_FILE, questions.RESEARCH_FILE])
@pytest.mark.parametrize("damage, code", [("{oops", "damaged_file"), ('{"questions": "not a list", "research": 3}',
                                                                       "wrong_shape"), ("[1, 2]", "wrong_shape")])
def test_question_forms_on_a_damaged_file_show_a_message_and_keep_it(workspace: Path, name: str, damage: str,
                                                                     code: str):
    workspace.mkdir(parents=True, exist_ok=True)
    target = workspace / name
    target.write_text(damage, encoding="utf-8")
    for build in (forms.question_form, forms.research_form):
        form = build()
        assert form.extras["problem"].code == code
        assert name in form.widget.children[0].value and "Traceback" not in form.widget.children[0].value
        assert "move_aside" in form.controls
        assert target.read_text(encoding="utf-8") == damage
    form.controls["move_aside"].click()
    assert not target.exists() and "Moved" in form.status.value or "moved" in form.status.value.lower()
    assert "Draft your questions" in str(forms.question_form().widget.children[0].value)


def test_question_forms_on_an_unusable_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "workspace"))
    for build in (forms.question_form, forms.research_form):
        form = build()
        assert "problem" in form.extras and "cannot start" in form.widget.children[0].value
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_question_forms_on_a_read_only_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    import os
    workspace.mkdir(parents=True, exist_ok=True)
    questions.add_question("How did you start?", "rapport")
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if mode & os.W_OK else real_access(p, mode))
    form = forms.question_form()
    assert "problem" in form.extras and "cannot start" in form.widget.children[0].value
    monkeypatch.setattr(os, "access", real_access)
    form = forms.question_form()   # the folder looked writable, but every write fails
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    _ask(form, "What surprised you most when you started?")
    _no_traceback(form)
    assert "Not saved" in form.status.value or "Nothing was saved" in form.status.value
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before


def test_views(workspace: Path):
    bank = forms.bank_view().value
    for cat in questions.bank().categories:
        assert cat.title in bank
    assert "EXAMPLE" in forms.questions_view().value
    questions.add_question("How did you start?", "rapport")
    assert "How did you start?" in forms.questions_view().value


@pytest.fixture
def broken_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", folder)
    path = folder / "question_bank.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "industry"', 'id = "rapport"'), "utf-8")
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return path


def test_broken_content_shows_its_message_in_the_forms(broken_content: Path):
    form = forms.question_form()
    assert "question_bank.toml" in form.status.value and "used twice" in form.status.value
    assert "question_bank.toml" in forms.bank_view().value
    research = forms.research_form()  # still usable: research notes don't need the bank
    assert "question_bank.toml" in research.extras["list"].value
    research.controls["topic"].value = "Acme"
    research.controls["finding"].value = "Acme merged."
    research.controls["save"].click()
    assert "Saved as finding 1." in research.status.value
