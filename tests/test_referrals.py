"""The referral ask script and the check-in plans: checks, saving, listing, content checks."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import content, referrals

ASK_LINE = "I plan to talk to {}. Is there anyone else you think I should speak with?"


def _columns(problems) -> list[str]:
    return [p.column for p in problems]


# ---------------------------------------------------------------------------------------
# The ask
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("targets, joined", [
    (["Acme"], "Acme"),
    (["Acme", "Globex"], "Acme and Globex"),
    (["Acme", "Globex", "Initech"], "Acme, Globex and Initech"),
    (["A", "B", "C", "D", "E"], "A, B, C, D and E"),
    ("Acme\n\n   Globex   \n", "Acme and Globex"),
    (["Dr. Lee at City Clinic."], "Dr. Lee at City Clinic"),
])
def test_ask_names_the_targets(targets, joined):
    problems, script = referrals.referral_ask(targets, "supply chain planning")
    assert problems == []
    assert ("Based on my research into supply chain planning, " + ASK_LINE.format(joined)) in script


def test_ask_has_the_follow_on_asks_in_order():
    _, script = referrals.referral_ask(["Acme"], "logistics")
    steps = ["1. Ask for names", "2. Ask for contact details", "3. Ask permission to use their name",
             "4. If they would rather contact the people first"]
    positions = [script.index(s) for s in steps]
    assert positions == sorted(positions)
    assert "so that I can contact them myself" in script
    assert "may I mention that you suggested I contact them?" in script
    assert "[a weekday 7-10 days from today: use the check-in calculator]" in script


def test_ask_with_name_and_interview_date():
    problems, script = referrals.referral_ask(["Acme"], "logistics", "  Ana  ", "2026-12-04")
    assert problems == []
    assert script.startswith("Your referral ask (for Ana)\n")
    assert "\"Ana, based on my research into logistics, " in script
    assert "Would it be all right if I checked in with you on Friday 11 December?" in script


@pytest.mark.parametrize("targets, words", [
    ([], "is empty"),
    (["", "   "], "is empty"),
    (["A", "B", "C", "D", "E", "F"], "lists 6 names"),
    (["Acme", "x" * 81], "(line 2) is 81 characters long"),
    (["Acme", "ACME "], "(line 2) repeats line 1"),
    (['=HYPERLINK("http://x","y")'], "like a spreadsheet formula"),
    (["+44 20 7946 0000"], "like a spreadsheet formula"),
])
def test_ask_target_problems(targets, words):
    problems, script = referrals.referral_ask(targets, "logistics")
    assert script == ""
    assert _columns(problems) == ["targets"]
    assert words in problems[0].what
    assert problems[0].fix


def test_eighty_characters_is_fine():
    problems, _ = referrals.referral_ask(["x" * 80], "logistics")
    assert problems == []


@pytest.mark.parametrize("kwargs, column, words", [
    ({"field_or_role": ""}, "field", "is empty"),
    ({"field_or_role": "f" * 81}, "field", "81 characters"),
    ({"interviewee_name": "n" * 81}, "interviewee", "81 characters"),
    ({"interview_date": "03/04/2026"}, "interview_date", "two ways"),
    ({"interview_date": "soon"}, "interview_date", "calendar"),
])
def test_ask_other_problems(kwargs, column, words):
    args = {"targets": ["Acme"], "field_or_role": "logistics", **kwargs}
    problems, script = referrals.referral_ask(**args)
    assert script == "" and _columns(problems) == [column] and words in problems[0].what


def test_hostile_targets_kept_as_text_and_escaped_when_shown():
    problems, script = referrals.referral_ask(["<script>alert(1)</script>", "Globex"], "<b>x</b>")
    assert problems == []
    assert "<script>alert(1)</script> and Globex" in script
    html = referrals.script_html(script)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    shown = referrals.ask_view({"targets": ["<i>A</i>"], "field": "x"})
    assert "&lt;i&gt;A&lt;/i&gt;" in shown.html and "<i>" not in shown.html


def test_ask_view_example_and_problems():
    example = referrals.ask_view()
    assert "Example" in example.text and "Ms Okafor" in example.text
    bad = referrals.ask_view({"targets": [], "field": ""})
    assert "No script yet" in bad.text and "targets: is empty" in bad.text


def test_save_ask_and_read_it_back(workspace: Path):
    result = referrals.save_ask("Acme\nGlobex", "logistics", "Ana", "4 Dec 2026")
    assert result.saved and result.changed
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["ask"]["targets"] == ["Acme", "Globex"]
    assert data["ask"]["interview_date"] == "2026-12-04"
    assert "Acme and Globex" in data["ask"]["script"]
    assert referrals.saved_ask() == data["ask"]


def test_save_ask_twice_writes_nothing_then_replaces(workspace: Path):
    referrals.save_ask(["Acme"], "logistics")
    before = (workspace / "referrals.json").read_bytes()
    again = referrals.save_ask(["  Acme "], "logistics ")
    assert again.saved and not again.changed and "Already saved" in again.message()
    assert (workspace / "referrals.json").read_bytes() == before
    referrals.save_ask(["Initech"], "logistics")
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["ask"]["targets"] == ["Initech"]


def test_save_ask_with_problems_keeps_the_old(workspace: Path):
    referrals.save_ask(["Acme"], "logistics")
    before = (workspace / "referrals.json").read_bytes()
    result = referrals.save_ask([], "logistics")
    assert not result.saved and "Not saved" in result.message()
    assert (workspace / "referrals.json").read_bytes() == before


# ---------------------------------------------------------------------------------------
# Check-in plans
# ---------------------------------------------------------------------------------------
def test_save_plan_and_list_it(workspace: Path):
    result = referrals.save_plan("Ana", "2026-12-01", "2026-12-08")
    assert result.saved and result.changed and result.advice == []
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["plans"] == [{"contact": "Ana", "interview_date": "2026-12-01", "checkin_date": "2026-12-08"}]
    table = referrals.plans_table()
    assert table.to_dict("records") == [{
        "Contact": "Ana", "Interview": "Tuesday 1 December 2026", "Check in on": "Tuesday 8 December 2026",
        "What to say": "Thank you, Ana. Would it be all right if I checked in with you on Tuesday 8 December?"}]


def test_same_person_and_interview_updates_instead_of_adding(workspace: Path):
    referrals.save_plan("Ana", "2026-12-01", "2026-12-08")
    before = (workspace / "referrals.json").read_bytes()
    same = referrals.save_plan("  Ana ", "1 December 2026", "2026-12-08")
    assert same.saved and not same.changed
    assert (workspace / "referrals.json").read_bytes() == before
    moved = referrals.save_plan("ana", "2026-12-01", "2026-12-10")
    assert moved.changed and moved.updated
    assert [(p["contact"], p["checkin_date"]) for p in referrals.saved_plans()] == [("ana", "2026-12-10")]
    referrals.save_plan("Ana", "2026-12-20", "2026-12-30")
    assert len(referrals.saved_plans()) == 2


def test_plans_sorted_by_checkin(workspace: Path):
    referrals.save_plan("Zed", "2026-12-01", "2026-12-09")
    referrals.save_plan("Amy", "2026-12-04", "2026-12-14")
    referrals.save_plan("Bob", "2026-11-30", "2026-12-07")
    assert [p["contact"] for p in referrals.saved_plans()] == ["Bob", "Zed", "Amy"]


def test_outside_the_window_is_advice_not_a_refusal(workspace: Path):
    result = referrals.save_plan("Ana", "2026-12-01", "2026-12-19")
    assert result.saved
    assert any("18 days after" in a for a in result.advice)
    assert any("is a Saturday" in a for a in result.advice)


@pytest.mark.parametrize("contact, interview, checkin, column, words", [
    ("", "2026-12-01", "2026-12-08", "contact", "is empty"),
    ("a" * 81, "2026-12-01", "2026-12-08", "contact", "81 characters"),
    ("=1+1", "2026-12-01", "2026-12-08", "contact", "spreadsheet formula"),
    ("Ana", "", "2026-12-08", "interview_date", "is empty"),
    ("Ana", "12/01/2026", "2026-12-08", "interview_date", "two ways"),
    ("Ana", "2026-12-01", "next week", "checkin_date", "calendar"),
    ("Ana", "2026-12-01", "2026-02-30", "checkin_date", "no day 30"),
    ("Ana", "2026-12-01", "2026-12-01", "checkin_date", "is not after the interview"),
    ("Ana", "2026-12-01", "2026-11-20", "checkin_date", "is not after the interview"),
])
def test_plan_problems_save_nothing(workspace: Path, contact, interview, checkin, column, words):
    result = referrals.save_plan(contact, interview, checkin)
    assert not result.saved
    assert _columns(result.problems) == [column] and words in result.problems[0].what
    assert not (workspace / "referrals.json").exists()


def test_plans_and_ask_live_side_by_side(workspace: Path):
    referrals.save_plan("Ana", "2026-12-01", "2026-12-08")
    referrals.save_ask(["Acme"], "logistics")
    referrals.save_plan("Bo", "2026-12-01", "2026-12-09")
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert len(data["plans"]) == 2 and data["ask"]["targets"] == ["Acme"]


def test_damaged_file_is_left_alone(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "referrals.json").write_text("[1, 2", encoding="utf-8")
    for result in (referrals.save_plan("Ana", "2026-12-01", "2026-12-08"), referrals.save_ask(["A"], "b")):
        assert not result.saved and result.problems[0].column == "file"
    assert (workspace / "referrals.json").read_text(encoding="utf-8") == "[1, 2"
    assert referrals.saved_plans() == [] and referrals.saved_ask() is None and referrals.export_text() == ""


def test_hand_edited_plans_that_are_not_plans_are_skipped(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "referrals.json").write_text(json.dumps({"plans": [
        {"contact": "Ana", "interview_date": "2026-12-01", "checkin_date": "2026-12-08"},
        {"contact": 3}, "x"]}), encoding="utf-8")
    assert [p["contact"] for p in referrals.saved_plans()] == ["Ana"]


def test_plans_view_shows_example_until_something_is_saved(workspace: Path):
    shown = referrals.plans_view()
    assert "Example plans from a fictional learner" in shown.html and "Mr Lindqvist" in shown.html
    referrals.save_plan("<b>Ana</b>", "2026-12-01", "2026-12-08")
    shown = referrals.plans_view()
    assert "Your check-in plans" in shown.html and "Lindqvist" not in shown.html
    assert "&lt;b&gt;Ana&lt;/b&gt;" in shown.html and "<b>Ana</b>" not in shown.html


def test_export_text(workspace: Path):
    assert referrals.export_text() == ""
    referrals.save_plan("Ana <x>", "2026-12-01", "2026-12-08")
    text = referrals.export_text()
    assert text.startswith("Referrals and follow-up\n")
    assert "- Ana <x>: interview Tuesday 1 December 2026, check in on Tuesday 8 December 2026" in text
    referrals.save_ask(["Acme"], "logistics")
    text = referrals.export_text()
    assert text.index("1. Ask for names") < text.index("Check-in plans")


# ---------------------------------------------------------------------------------------
# The content file
# ---------------------------------------------------------------------------------------
@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content.folder(), folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder / "referrals.toml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_is_fine():
    assert referrals.check_content() == []


def test_an_edit_shows_up(content_copy):
    _edit(content_copy, 'permission = "When I get in touch, may I mention that you suggested I contact them?"',
          'permission = "Would you mind if I say you sent me?"')
    assert referrals.check_content() == []
    _, script = referrals.referral_ask(["Acme"], "logistics")
    assert "Would you mind if I say you sent me?" in script


@pytest.mark.parametrize("old, new, words", [
    ("I plan to talk to $targets. Is there anyone else you think I should speak with?\"\n# The same",
     "I plan to talk to people. Is there anyone else?\"\n# The same",
     ["[ask] names:", "the placeholder $targets is missing"]),
    ('permission = "When I get in touch,', 'permission = "When I get in touch, $name,',
     ["[ask] permission", "unknown placeholder $name", "Use only: (none)"]),
    ('sentence = "Would it be all right if I checked in with you on $day?"',
     'sentence = "Would it be all right if I checked in with you soon?"',
     ["[checkin] sentence", "$day is missing"]),
    ("[steps]\n", "[step]\n", ["no [steps] table"]),
    ('checkin_title = "Plan a check-in"\n', "", ["[prompts] checkin_title"]),
    ('checkin_date = "2026-12-14"', 'checkin_date = "14/12/2026"',
     ["[[example.plan]] number 2, checkin_date", "2026-12-14"]),
    ('targets = ["Riverside', 'targets = ["=Riverside', ["[example.ask] targets", "spreadsheet formula"]),
])
def test_broken_content_is_reported_with_file_and_fix(content_copy, old, new, words):
    _edit(content_copy, old, new)
    problems = referrals.check_content()
    assert problems
    assert all("referrals.toml" in p for p in problems)
    text = "\n".join(problems)
    for w in words:
        assert w in text
    problems, script = referrals.referral_ask(["Acme"], "logistics")
    assert script == "" and problems[0].column == "content" and "referrals.toml" in problems[0].fix
    assert "referrals.toml" in referrals.ask_view().text
    assert "referrals.toml" in referrals.plans_view().text


def test_toml_syntax_error_names_the_line(content_copy):
    _edit(content_copy, "[checkin]", "[checkin")
    problems = referrals.check_content()
    assert len(problems) == 1 and "referrals.toml, line" in problems[0]


def test_missing_file(content_copy):
    content_copy.unlink()
    assert "is missing" in referrals.check_content()[0]
