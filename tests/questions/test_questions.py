"""The logic behind "Research to questions": checks, hypotheses, saved drafts, content file."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from helpers import content, questions
from helpers.core import text
from helpers.core.store import StoreError

CASES = Path(__file__).resolve().parents[1] / "cases"
ROOT = Path(__file__).resolve().parents[2]


def _cases() -> list:
    with open(CASES / "questions_checks.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [pytest.param(r, id=f"{n:02d}-{r['note']}") for n, r in enumerate(rows, 2)]


def _codes(cell: str) -> list[str]:
    return [c for c in cell.split(";") if c]


def _saved_file(workspace: Path, name: str) -> dict:
    return json.loads((workspace / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# check_question, table-driven
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", _cases())
def test_check_question_cases(case: dict):
    research = [r.strip() for r in case["research"].split("|") if r.strip()]
    problems, advice = questions.check_question(case["text"], case["category"], research=research, saved=[])
    assert sorted(p.code for p in problems) == sorted(_codes(case["problems"]))
    assert sorted(a.code for a in advice if a.scope == "item") == sorted(_codes(case["advice"]))
    for p in problems:  # each problem names its field and says how to fix it
        assert p.column in ("text", "category") and p.what and p.fix
    for a in advice:
        assert a.code in questions.ADVICE_LABELS and len(a.message) > 20


def test_check_question_reads_the_learners_research_by_default():
    questions.add_research("Acme Foods", "Acme merged with Brightwater in 2025")
    _, advice = questions.check_question("How do decisions get made in your team?", "organisation")
    nudges = [a for a in advice if a.code == "unused_research"]
    assert [a.scope for a in nudges] == ["set"] and "Acme Foods" in nudges[0].message  # the set, not the question
    _, advice = questions.check_question("How did the Brightwater merger change decisions?", "organisation")
    assert "unused_research" not in [a.code for a in advice]


def test_the_research_nudge_is_about_the_set_and_the_bank_never_trips_it():
    questions.add_research("Acme Foods", "Acme merged with Brightwater in 2025")
    for cat in questions.bank().categories:
        for text in cat.questions:
            _, advice = questions.check_question(text, cat.id, saved=[])
            assert [a.code for a in advice if a.scope == "item"] == [], text
    questions.add_question("How do decisions get made in your team?", "organisation")
    assert [a.code for a in questions.set_advice()].count("unused_research") == 1
    questions.add_question("How did the merger with Brightwater change your week?", "rapport")
    assert "unused_research" not in [a.code for a in questions.set_advice()]


def test_candid_feedback_advice_looks_at_the_whole_set():
    _, advice = questions.check_question("How did you start?", "rapport", research=[], saved=[])
    assert [a.code for a in advice if a.scope == "set"] == ["no_candid_feedback"]
    saved = [{"id": 1, "category": "career", "text": "How competitive would I be for a role like this?"}]
    _, advice = questions.check_question("How did you start?", "rapport", research=[], saved=saved)
    assert advice == []
    # ... and the question being checked counts too
    _, advice = questions.check_question("Be honest: how do I compare with other applicants?", "career",
                                         research=[], saved=[])
    assert advice == []


def test_problem_messages_say_what_and_how_to_fix():
    problems, _ = questions.check_question("x" * 301, "rapport", research=[], saved=[])
    [p] = problems
    assert (p.column, p.code) == ("text", "too_long")
    assert "301 characters" in str(p) and "300 characters or fewer" in str(p)
    problems, _ = questions.check_question("What is it like?", "nope", research=[], saved=[])
    assert "Building rapport" in str(problems[0]) and problems[0].column == "category"


def test_exactly_300_characters_is_allowed():
    text = "How " + "a" * 295 + "?"
    assert len(text) == 300
    problems, _ = questions.check_question(text, "rapport", research=[], saved=[])
    assert problems == []


def test_bank_questions_pass_their_own_checks():
    for cat in questions.bank().categories:
        for text in cat.questions:
            problems, advice = questions.check_question(text, cat.id, research=[], saved=[])
            codes = [p.code for p in problems] + [a.code for a in advice if a.scope == "item"]
            expected = ["placeholder"] if "[" in text else []
            assert codes == expected, text


def test_check_report_is_plain_text():
    report = questions.check_report("Are you hiring?", "industry", research=[], saved=[])
    assert report.startswith("Would be held back once")
    assert "asking for a job" in report and "About your whole set:" in report
    assert "<" not in report
    report = questions.check_report("", "industry", research=[], saved=[])
    assert report.startswith("Would not be saved yet:") and "empty" in report


# ---------------------------------------------------------------------------------------
# hypothesis
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("finding, expected_middle", [
    ("hospitals are short of nurses", "hospitals are short of nurses"),
    ("Hospitals are short of nurses.", "hospitals are short of nurses"),
    ("Most firms hire in spring!!", "most firms hire in spring"),
    ("The sector grew 5%...", "the sector grew 5%"),
    ("Acme merged with Brightwater", "Acme merged with Brightwater"),
    ("UX roles grew last year.", "UX roles grew last year"),
    ("I read that pay is rising.", "pay is rising"),
    ("According to my research, pay is rising.", "pay is rising"),
    ("My research shows that pay is rising", "pay is rising"),
    ("  pay\n  is   rising ?", "pay is rising"),
    ("Pay rose. Hours fell.", "pay rose. Hours fell"),
    ("London firms pay more", "London firms pay more"),
])
def test_hypothesis_tidies_the_finding(finding: str, expected_middle: str):
    result = questions.hypothesis(finding)
    assert result == f"According to my research, {expected_middle}. Is that what you see?"
    assert ".." not in result and "!." not in result


def test_hypothesis_of_nothing_is_empty():
    assert questions.hypothesis("") == "" and questions.hypothesis(" ... ") == ""


def test_a_hypothesis_is_a_good_question():
    text = questions.hypothesis("Acme merged with Brightwater in 2025")
    problems, advice = questions.check_question(text, "industry", research=["Acme merged with Brightwater"],
                                                saved=[])
    assert problems == [] and [a.code for a in advice if a.scope == "item"] == []


# ---------------------------------------------------------------------------------------
# Saving, updating, deleting questions
# ---------------------------------------------------------------------------------------
def test_add_question_saves_atomically_and_reads_back(workspace: Path):
    out = questions.add_question("  How did you   get started? ", "rapport")
    assert out.ok and out.changed and out.message == "Saved as question 1." and out.problems == []
    data = _saved_file(workspace, questions.QUESTIONS_FILE)
    assert data["questions"] == [{"id": 1, "category": "rapport", "text": "How did you get started?"}]
    assert out.item == data["questions"][0]  # read back from disk
    assert questions.saved_questions() == data["questions"]
    assert not [p.name for p in workspace.iterdir() if p.suffix == ".tmp"]  # no temp files left


def test_saving_the_same_question_twice_does_not_duplicate(workspace: Path):
    assert questions.add_question("How did you get started?", "rapport").ok
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    for again in ["How did you get started?", "how did you get started", "How did you get  started ?!",
                  "How did you get started\u2019"]:
        out = questions.add_question(again, "career")
        assert not out.ok
        assert [p.code for p in out.problems] == ["duplicate"]
        assert "already saved as question 1" in out.message
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before


def test_rejected_question_writes_nothing(workspace: Path):
    out = questions.add_question("", "rapport")
    assert not out.ok and out.problems[0].column == "text"
    assert not (workspace / questions.QUESTIONS_FILE).exists()


def test_hostile_text_is_refused_with_a_message_and_nothing_is_lost(workspace: Path):
    questions.add_question("How did you get started?", "rapport")
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    for hostile in ["<script>alert(1)</script>", '=HYPERLINK("http://x","y")', "<img src=x onerror=alert(1)>"]:
        out = questions.add_question(hostile, "rapport")
        assert not out.ok and out.problems and out.problems[0].fix
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before


def test_unusual_but_harmless_text_is_kept_exactly():
    text = "How do R&D teams of <10 people in São Paulo plan \u201cquarters\u201d? \U0001F914"
    out = questions.add_question(text, "organisation")
    assert out.ok
    assert questions.saved_questions()[0]["text"] == text


def test_control_characters_are_removed():
    out = questions.add_question("How did\x00 you\x07 start?", "rapport")
    assert out.ok and out.item["text"] == "How did you start?"


def test_ids_are_stable_and_never_reused(workspace: Path):
    for n, text in enumerate(["How did you start?", "What do you enjoy?", "How is the team organised?"], 1):
        assert questions.add_question(text, "rapport").item["id"] == n
    assert questions.delete_question(3).ok
    assert questions.add_question("What surprised you?", "rapport").item["id"] == 4
    assert [q["id"] for q in questions.saved_questions()] == [1, 2, 4]
    assert _saved_file(workspace, questions.QUESTIONS_FILE)["next_id"] == {"questions": 5}


def test_an_older_file_keeps_its_ids(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / questions.QUESTIONS_FILE).write_text(json.dumps(
        {"version": 1, "next_id": 9, "questions": [{"id": 4, "category": "rapport", "text": "How did you start?"}]}),
        "utf-8")
    assert questions.saved_questions()[0]["id"] == 4
    assert questions.add_question("What do you enjoy about the work?", "rapport").item["id"] == 9


def test_update_question_text_and_category(workspace: Path):
    questions.add_question("Do you like it?", "rapport")
    out = questions.update_question(1, "What do you like most about it?")
    assert out.ok and out.message == "Updated question 1."
    out = questions.update_question(1, category="career")
    assert out.ok
    assert _saved_file(workspace, questions.QUESTIONS_FILE)["questions"] == [
        {"id": 1, "category": "career", "text": "What do you like most about it?"}]


def test_update_with_same_text_is_not_a_duplicate_of_itself(workspace: Path):
    questions.add_question("How did you start?", "rapport")
    out = questions.update_question(1, "How did you start?")
    assert out.saved and not out.changed and out.problems == [] and "Nothing changed" in out.message


def test_update_refuses_a_duplicate_of_another_question(workspace: Path):
    questions.add_question("How did you start?", "rapport")
    questions.add_question("What do you enjoy?", "rapport")
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    out = questions.update_question(2, "how did you start")
    assert not out.ok and out.codes == ["duplicate"]
    out = questions.update_question(2, "")
    assert not out.ok and out.problems[0].code == "empty"
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before


def test_update_and_delete_unknown_ids():
    out = questions.update_question(7, "What next?")
    assert not out.ok and out.problems[0].column == "pick" and out.codes == ["not_found"]
    out = questions.delete_question(7)
    assert not out.ok and out.codes == ["not_found"]


def test_delete_says_what_was_deleted(workspace: Path):
    questions.add_question("How did you start?", "rapport")
    questions.add_question("What do you enjoy?", "rapport")
    out = questions.delete_question(1)
    assert out.ok and out.message == "Deleted question 1 (“How did you start?”)."
    assert out.item["text"] == "How did you start?"
    assert [q["text"] for q in _saved_file(workspace, questions.QUESTIONS_FILE)["questions"]] == ["What do you enjoy?"]


def test_damaged_file_is_reported_and_never_overwritten(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    target = workspace / questions.QUESTIONS_FILE
    for damaged, code in [("{not json", "damaged_file"), ('["a list"]', "wrong_shape"),
                          ('{"questions": [{"id": "one", "category": "x", "text": "y"}]}', "wrong_shape")]:
        target.write_text(damaged, encoding="utf-8")
        for out in (questions.add_question("How did you start?", "rapport"), questions.update_question(1, "How?"),
                    questions.delete_question(1)):
            assert not out.ok and out.codes == [code] and "questions.json" in out.message
        assert target.read_text(encoding="utf-8") == damaged
        with pytest.raises(StoreError, match="questions.json"):
            questions.saved_questions()


def test_next_id_is_repaired_when_missing(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / questions.QUESTIONS_FILE).write_text(
        json.dumps({"questions": [{"id": 4, "category": "rapport", "text": "How did you start?"}]}), "utf-8")
    assert questions.add_question("What do you enjoy?", "rapport").item["id"] == 5


# ---------------------------------------------------------------------------------------
# Research notes
# ---------------------------------------------------------------------------------------
def test_research_crud(workspace: Path):
    out = questions.add_research(" Acme Foods ", "Acme merged with Brightwater in 2025.")
    assert out.ok and out.message == "Saved as finding 1."
    assert questions.hypothesis(out.item["finding"]) == ("According to my research, Acme merged with Brightwater "
                                                         "in 2025. Is that what you see?")
    again = questions.add_research("Acme", "acme merged with Brightwater in 2025")
    assert not again.ok and again.problems[0].code == "duplicate"
    questions.add_research("Acme Foods", "Acme is opening a factory in Leeds.")
    data = _saved_file(workspace, questions.RESEARCH_FILE)
    assert [(r["id"], r["topic"]) for r in data["research"]] == [(1, "Acme Foods"), (2, "Acme Foods")]
    assert questions.delete_research(1).ok
    assert [r["id"] for r in questions.saved_research()] == [2]
    assert not questions.delete_research(1).ok


@pytest.mark.parametrize("topic, finding, field, code", [
    ("", "Acme merged.", "topic", "empty"),
    ("Acme", "", "finding", "empty"),
    ("A" * 81, "Acme merged.", "topic", "too_long"),
    ("Acme", "x" * 501, "finding", "too_long"),
    ("<script>alert(1)</script>", "Acme merged.", "topic", "markup"),
    ("Acme", "=HYPERLINK(\"http://x\")", "finding", "formula"),
])
def test_research_problems(workspace: Path, topic: str, finding: str, field: str, code: str):
    out = questions.add_research(topic, finding)
    assert not out.ok
    assert [(p.column, p.code) for p in out.problems] == [(field, code)]
    assert not (workspace / questions.RESEARCH_FILE).exists()


def test_deleting_research_keeps_questions():
    questions.add_research("Acme", "Acme merged with Brightwater.")
    questions.add_question("How did the Brightwater merger change your work?", "industry")
    questions.delete_research(1)
    assert len(questions.saved_questions()) == 1


def test_contract_keys_for_other_lessons():
    assert questions.saved_questions() == [] and questions.saved_research() == []
    questions.add_research("Acme", "Acme merged.")
    questions.add_question("How did you start?", "rapport")
    assert {"id", "category", "text"} <= set(questions.saved_questions()[0])
    assert {"id", "topic", "finding"} <= set(questions.saved_research()[0])


# ---------------------------------------------------------------------------------------
# Tables, set advice, export
# ---------------------------------------------------------------------------------------
def test_questions_table_groups_in_bank_order():
    questions.add_question("How is your team organised?", "organisation")
    assert questions.add_question("Are you hiring?", "industry").codes == ["job_ask"]  # held back once
    assert questions.add_question("Are you hiring?", "industry", allow_job_ask=True).ok  # kept on purpose
    questions.add_question("How did you start?", "rapport")
    table = questions.questions_table()
    assert list(table.columns) == ["#", "Group", "Question", "Checks", "Advice"]
    assert list(table["#"]) == [3, 2, 1]
    assert list(table["Group"]) == ["Building rapport", "The industry", "How the organisation is structured"]
    assert table.loc[1, "Checks"] == "asks for a job; yes/no question"
    assert table.loc[0, "Checks"] == "looks good"


def test_example_table_is_the_content_files_example():
    table = questions.example_table()
    example = content.load("question_bank")["example"]
    assert list(table["Question"]) == [q["text"] for q in example["questions"]]
    assert set(table["Checks"]) == {"looks good"}  # the example models good questions
    research = questions.example_research()
    assert research.loc[0, "Hypothesis to test"].startswith("According to my research, hospitals")


def test_set_advice_and_report():
    assert questions.set_report().startswith("You have not saved any questions yet, so here is the EXAMPLE")
    questions.add_question("Do you like your job?", "rapport")
    codes = [a.code for a in questions.set_advice()]
    assert codes.count("missing_group") == 3 and "no_candid_feedback" in codes
    report = questions.set_report()
    assert report.startswith("You have saved 1 question(s) in 1 of 4 groups.")
    assert "Question 1: This can be answered with a plain yes or no" in report
    assert "candid feedback" in report


def test_export_text(workspace: Path):
    assert questions.export_text() == ""
    questions.add_research("Acme Foods", "Acme merged with Brightwater.")
    questions.add_question("How did the <10-person Brightwater team fit in?", "industry")
    questions.add_question("How did you start?", "rapport")
    text = questions.export_text()
    assert text.startswith("Research to questions\n")
    assert "1 | Acme Foods | Acme merged with Brightwater. | According to my research, Acme merged with " \
           "Brightwater. Is that what you see?" in text
    assert text.index("Building rapport") < text.index("The industry")
    assert "- How did you start?" in text and "<10-person" in text  # plain data: the workbook escapes
    section = questions.export()
    assert section.title == "Research to questions" and section.lesson == questions.LESSON
    assert "<" not in "".join(str(b) for b in section.blocks if not hasattr(b, "items"))


def test_research_table_shows_hypotheses():
    questions.add_research("Acme", "Acme merged.")
    table = questions.research_table()
    assert table.loc[0, "Hypothesis to test"] == "According to my research, Acme merged. Is that what you see?"


# ---------------------------------------------------------------------------------------
# The content file
# ---------------------------------------------------------------------------------------
def test_shipped_bank_is_valid_and_complete():
    assert questions.check_content() == []
    b = questions.bank()
    assert b.ids() == ["rapport", "industry", "career", "organisation"]
    for cat in b.categories:
        assert 5 <= len(cat.questions) <= 8, cat.id
        assert cat.title and cat.why
    candid = [q for c in b.categories for q in c.questions if text.has_phrase(q, b.checks["candid_feedback"])]
    assert candid, "the bank should include a question asking for candid feedback on competitiveness"


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder / "question_bank.toml"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.parametrize("old, new, expected", [
    ('title = "The industry"', 'title = "The industry', "line"),
    ('id = "industry"', 'id = "rapport"', 'the id "rapport" is used twice'),
    ('id = "industry"', 'id = "The Industry"', "lower-case letters"),
    ('title = "The industry"\n', "", "the field 'title' is missing"),
    ("builds_on_research = false", 'builds_on_research = "no"', "true or false"),
    ("yes_no_openers = [", "yes_no_openers_typo = [", "the field 'yes_no_openers' is missing"),
    ('{ category = "rapport", text', '{ category = "chat", text', 'the category "chat" is not the id'),
    ("\n[example]\n", "\n[examples]\n", "[example] should be a table"),
])
def test_broken_bank_gives_a_clear_message(content_copy: Path, old: str, new: str, expected: str):
    _edit(content_copy, old, new)
    found = questions.check_content()
    assert found and any(expected in m for m in found), found
    assert all("question_bank.toml" in m for m in found)
    with pytest.raises(content.ContentError, match="question_bank.toml"):
        questions.bank()


def test_bank_without_a_candid_question_is_reported(content_copy: Path):
    _edit(content_copy, '"competitive", "competitiveness", "candid"', '"zzz-not-a-phrase"')
    _edit(content_copy, '"honest", "frank",', "")
    _edit(content_copy, '"stronger candidate", "strong candidate", "as a candidate",', "")
    found = questions.check_content()
    assert any("no starter question asks for candid feedback" in m for m in found), found


def test_missing_bank_file(content_copy: Path):
    content_copy.unlink()
    [message] = questions.check_content()
    assert "question_bank.toml" in message and "missing" in message


def test_edits_to_the_bank_show_up(content_copy: Path):
    _edit(content_copy, 'title = "The industry"', 'title = "Your field today"')
    _edit(content_copy, 'off_topic_words = [', 'off_topic_words = ["knitting", ')
    questions.add_question("How is this field changing?", "industry")
    assert list(questions.questions_table()["Group"]) == ["Your field today"]
    _, advice = questions.check_question("How did knitting shape your work?", "industry", research=[], saved=[])
    assert "cant_tell" in [a.code for a in advice]
    assert "Your field today" in questions.export_text()


# ---------------------------------------------------------------------------------------
# Job asks are held back once; the learner's own rating is kept with the question
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("ask", ["Would you hire someone like me?", "Could you refer me to the recruiter?",
                                 "Who should I send my CV to?", "Are there any jobs going in your team?",
                                 "Could you introduce me to the hiring manager?"])
def test_a_job_ask_is_held_back_with_a_fix_and_nothing_is_written(workspace: Path, ask: str):
    out = questions.add_question(ask, "career")
    assert not out.saved and out.codes == ["job_ask"]
    assert out.problems[0].field == "text" and "Save anyway" in out.problems[0].fix
    assert not (workspace / questions.QUESTIONS_FILE).exists()
    kept = questions.add_question(ask, "career", allow_job_ask=True)
    assert kept.ok and "asks_for_job" in kept.advice_codes


def test_update_to_a_job_ask_is_held_back(workspace: Path):
    questions.add_question("How did you start?", "rapport")
    before = (workspace / questions.QUESTIONS_FILE).read_bytes()
    assert questions.update_question(1, "Could you put in a word for me?").codes == ["job_ask"]
    assert (workspace / questions.QUESTIONS_FILE).read_bytes() == before


def test_the_learners_rating_is_saved_and_checked(workspace: Path):
    rating = {"open": True, "on_topic": True, "not_a_job_ask": True, "kind": "insights"}
    out = questions.add_question("What surprised you most when you started?", "rapport", rating=rating)
    assert out.ok and out.item["rating"] == rating
    out = questions.add_question("How is the field changing?", "industry", rating={"kind": "gossip"})
    assert out.codes == ["unknown_kind"]
    assert len(questions.saved_questions()) == 1


# ---------------------------------------------------------------------------------------
# Two kernels saving research notes and questions at once lose nothing (issue 10)
# ---------------------------------------------------------------------------------------
WRITER = """
import sys
from helpers import questions
who, n = sys.argv[1], int(sys.argv[2])
ok = sum(questions.add_research(f"Topic {who}", f"Finding {who} number {i} about hospitals").changed for i in range(n))
ok += sum(questions.add_question(f"How did project {who} number {i} change your work?", "industry").changed
          for i in range(n))
print(ok)
"""


def test_two_processes_saving_at_once_lose_nothing(workspace: Path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "INTERVIEW_WORKSPACE": str(workspace), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, who, "25"], env=env, stdout=subprocess.PIPE, text=True)
             for who in ("a", "b")]
    reported = [int(p.communicate(timeout=300)[0]) for p in procs]
    assert reported == [50, 50]
    assert len(questions.saved_research()) == 50 and len(questions.saved_questions()) == 50
    assert len({q["id"] for q in questions.saved_questions()}) == 50
