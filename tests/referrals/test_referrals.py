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
    script, problems = referrals.referral_ask(targets, "supply chain planning")
    assert problems == []
    assert ("Based on my research into supply chain planning, " + ASK_LINE.format(joined)) in script


def test_ask_has_the_follow_on_asks_in_order():
    script, _ = referrals.referral_ask(["Acme"], "logistics")
    steps = ["1. Ask for names", "2. Ask for contact details", "3. Ask permission to use their name",
             "4. If they would rather contact the people first"]
    positions = [script.index(s) for s in steps]
    assert positions == sorted(positions)
    assert "Would you be willing to share how best to reach them, so that I can get in touch myself?" in script
    assert "may I mention that you suggested I contact them?" in script
    assert "[a working day 7-10 days from today: use the check-in calculator]" in script


def test_ask_with_name_and_interview_date():
    script, problems = referrals.referral_ask(["Acme"], "logistics", "  Ana  ", "2026-12-04", country="none")
    assert problems == []
    assert script.startswith("Your referral ask (for Ana)\n")
    assert "\"Ana, based on my research into logistics, " in script
    assert ("Of course. Thank you for offering to speak to the people you mentioned. Could I check in with you "
            "on Friday 11 December, to hear how it went?") in script


def test_ask_check_in_day_skips_holidays():
    script, _ = referrals.referral_ask(["Acme"], "logistics", "Ana", "2026-12-18", country="GB-ENG")
    assert "Tuesday 29 December" in script


@pytest.mark.parametrize("targets, code, words", [
    ([], "empty", "is empty"),
    (["", "   "], "empty", "is empty"),
    (["A", "B", "C", "D", "E", "F"], "too_many", "lists 6 names"),
    (["Acme", "x" * 81], "too_long", "(line 2) is 81 characters long"),
    (["Acme", "ACME "], "repeated", "(line 2) repeats line 1"),
    (["Acme", "Acmé"], "repeated", "(line 2) repeats line 1"),
    (['=HYPERLINK("http://x","y")'], "formula", "(line 1)"),
    (["+44 20 7946 0000"], "formula", "(line 1)"),
    (["<script>alert(1)</script>"], "markup", "(line 1)"),
])
def test_ask_target_problems(targets, code, words):
    script, problems = referrals.referral_ask(targets, "logistics")
    assert script == ""
    assert _columns(problems) == ["targets"] and problems[0].code == code
    assert words in problems[0].what
    assert problems[0].fix


def test_eighty_characters_is_fine():
    _, problems = referrals.referral_ask(["x" * 80], "logistics")
    assert problems == []


@pytest.mark.parametrize("kwargs, column, code", [
    ({"field_or_role": ""}, "field", "empty"),
    ({"field_or_role": "f" * 81}, "field", "too_long"),
    ({"interviewee_name": "n" * 81}, "interviewee", "too_long"),
    ({"interview_date": "03/04/2026"}, "interview_date", "ambiguous_date"),
    ({"interview_date": "soon"}, "interview_date", "unreadable_date"),
])
def test_ask_other_problems(kwargs, column, code):
    args = {"targets": ["Acme"], "field_or_role": "logistics", **kwargs}
    script, problems = referrals.referral_ask(**args)
    assert script == "" and _columns(problems) == [column] and problems[0].code == code


def test_hostile_text_that_is_not_markup_is_kept_as_text():
    script, problems = referrals.referral_ask(["O'Brien & Sons", "Globex"], "$field")
    assert problems == [] and "O'Brien & Sons and Globex" in script and "research into $field" in script


def test_save_ask_and_read_it_back(workspace: Path):
    result = referrals.save_ask("Acme\nGlobex", "logistics", "Ana", "4 Dec 2026")
    assert result.ok and result.changed
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["ask"]["targets"] == ["Acme", "Globex"]
    assert data["ask"]["interview_date"] == "2026-12-04"
    assert "Acme and Globex" in data["ask"]["script"]
    assert result.item["script"] == data["ask"]["script"]
    assert referrals.saved_ask()["targets"] == ["Acme", "Globex"]


def test_an_old_file_without_plan_numbers_still_loads(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "referrals.json").write_text(json.dumps({"version": 1, "ask": {
        "targets": ["Acme"], "field": "logistics", "interviewee": "", "interview_date": "", "script": "S"},
        "plans": [{"contact": "Ana", "interview_date": "2026-12-01", "checkin_date": "2026-12-08"}]}),
        encoding="utf-8")
    assert [p["contact"] for p in referrals.saved_plans()] == ["Ana"]
    assert referrals.saved_ask()["script"] == "S"
    assert referrals.save_plan("Bo", "2026-12-01", "2026-12-09", "Sam").ok
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert [p["contact"] for p in data["plans"]] == ["Ana", "Bo"] and data["ask"]["script"] == "S"


def test_save_ask_twice_writes_nothing_then_replaces(workspace: Path):
    referrals.save_ask(["Acme"], "logistics")
    before = (workspace / "referrals.json").read_bytes()
    again = referrals.save_ask(["  Acme "], "logistics ")
    assert again.saved and not again.changed and "Already saved" in again.message
    assert (workspace / "referrals.json").read_bytes() == before
    referrals.save_ask(["Initech"], "logistics")
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["ask"]["targets"] == ["Initech"]


def test_save_ask_with_problems_keeps_the_old(workspace: Path):
    referrals.save_ask(["Acme"], "logistics")
    before = (workspace / "referrals.json").read_bytes()
    result = referrals.save_ask([], "logistics")
    assert not result.saved and result.codes == ["empty"] and "Not saved" in result.message
    assert (workspace / "referrals.json").read_bytes() == before


# ---------------------------------------------------------------------------------------
# Check-in plans
# ---------------------------------------------------------------------------------------
def test_save_plan_records_who_was_promised_and_by_when(workspace: Path):
    result = referrals.save_plan("Ana", "2026-12-01", "2026-12-08", "Dr Nasser")
    assert result.ok and result.changed and result.advice == []
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert data["plans"] == [{"id": 1, "contact": "Ana", "promised": "Dr Nasser", "interview_date": "2026-12-01",
                              "checkin_date": "2026-12-08"}]
    assert result.item == data["plans"][0]
    table = referrals.plans_table()
    assert table.to_dict("records") == [{
        "Contact": "Ana", "Offered to contact": "Dr Nasser", "Interview": "Tuesday 1 December 2026",
        "Check in on": "Tuesday 8 December 2026",
        "What to say": "Thank you, Ana, for offering to speak to Dr Nasser. Could I check in with you on "
                       "Tuesday 8 December, to hear how it went?"}]


def test_same_person_and_interview_updates_instead_of_adding(workspace: Path):
    referrals.save_plan("Ana", "2026-12-01", "2026-12-08", "Sam")
    before = (workspace / "referrals.json").read_bytes()
    same = referrals.save_plan("  Ana ", "1 December 2026", "2026-12-08", "Sam ")
    assert same.saved and not same.changed and "Already saved" in same.message
    assert (workspace / "referrals.json").read_bytes() == before
    moved = referrals.save_plan("ana", "2026-12-01", "2026-12-10", "Sam")
    assert moved.changed and moved.message.startswith("Updated")
    assert [(p["contact"], p["checkin_date"]) for p in referrals.saved_plans()] == [("ana", "2026-12-10")]
    referrals.save_plan("Ana", "2026-12-20", "2026-12-30", "Sam")
    assert len(referrals.saved_plans()) == 2


def test_plans_sorted_by_checkin(workspace: Path):
    referrals.save_plan("Zed", "2026-12-01", "2026-12-09", "X")
    referrals.save_plan("Amy", "2026-12-04", "2026-12-14", "X")
    referrals.save_plan("Bob", "2026-11-30", "2026-12-07", "X")
    assert [p["contact"] for p in referrals.saved_plans()] == ["Bob", "Zed", "Amy"]


def test_outside_the_window_is_advice_not_a_refusal(workspace: Path):
    from helpers.core import settings

    settings.set_country("none")
    result = referrals.save_plan("Ana", "2026-12-01", "2026-12-19", "Sam")
    assert result.ok
    assert result.advice_codes == ["too_late", "weekend"]


def test_a_holiday_is_advice(workspace: Path):
    result = referrals.save_plan("Ana", "2026-12-16", "2026-12-25", "Sam")   # default country: England
    assert result.ok and result.advice_codes == ["holiday"]


@pytest.mark.parametrize("contact, interview, checkin, promised, column, code", [
    ("", "2026-12-01", "2026-12-08", "Sam", "contact", "empty"),
    ("a" * 81, "2026-12-01", "2026-12-08", "Sam", "contact", "too_long"),
    ("=1+1", "2026-12-01", "2026-12-08", "Sam", "contact", "formula"),
    ("Ana", "2026-12-01", "2026-12-08", "", "promised", "empty"),
    ("Ana", "2026-12-01", "2026-12-08", "<b>Sam</b>", "promised", "markup"),
    ("Ana", "", "2026-12-08", "Sam", "interview_date", "empty"),
    ("Ana", "12/01/2026", "2026-12-08", "Sam", "interview_date", "ambiguous_date"),
    ("Ana", "2026-12-01", "next week", "Sam", "checkin_date", "unreadable_date"),
    ("Ana", "2026-12-01", "2026-02-30", "Sam", "checkin_date", "bad_date"),
    ("Ana", "2026-12-01", "2026-12-01", "Sam", "checkin_date", "not_after_interview"),
    ("Ana", "2026-12-01", "2026-11-20", "Sam", "checkin_date", "not_after_interview"),
])
def test_plan_problems_save_nothing(workspace: Path, contact, interview, checkin, promised, column, code):
    result = referrals.save_plan(contact, interview, checkin, promised)
    assert not result.saved
    assert _columns(result.problems) == [column] and result.codes == [code]
    assert not (workspace / "referrals.json").exists()


def test_plans_and_ask_live_side_by_side(workspace: Path):
    referrals.save_plan("Ana", "2026-12-01", "2026-12-08", "Sam")
    referrals.save_ask(["Acme"], "logistics")
    referrals.save_plan("Bo", "2026-12-01", "2026-12-09", "Sam")
    data = json.loads((workspace / "referrals.json").read_text(encoding="utf-8"))
    assert len(data["plans"]) == 2 and data["ask"]["targets"] == ["Acme"]


@pytest.mark.parametrize("damage, code", [
    ("[1, 2", "damaged_file"),
    ('["a list"]', "wrong_shape"),
    ('{"plans": {"not": "a list"}}', "wrong_shape"),
    ('{"ask": "oops"}', "wrong_shape"),
    ('{"plans": [{"contact": 3}, "x"]}', "wrong_shape"),
])
def test_damaged_or_wrong_shaped_file_is_left_alone(workspace: Path, damage, code):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "referrals.json").write_text(damage, encoding="utf-8")
    for result in (referrals.save_plan("Ana", "2026-12-01", "2026-12-08", "Sam"), referrals.save_ask(["A"], "b")):
        assert not result.saved and result.codes == [code]
    assert (workspace / "referrals.json").read_text(encoding="utf-8") == damage
    assert referrals.saved_plans() == [] and referrals.saved_ask() is None and referrals.export() is None
    assert referrals.STORE.move_aside().ok and referrals.save_ask(["A"], "b").ok


def test_export(workspace: Path):
    from helpers.core import export as ex

    assert referrals.export() is None and referrals.export_text() == ""
    referrals.save_plan("Ana & Co", "2026-12-01", "2026-12-08", "Sam")
    section = referrals.export()
    assert section.title == "Referrals and follow-up"
    table = next(b for b in section.blocks if isinstance(b, ex.Table))
    assert table.rows[0][:4] == ["Ana & Co", "Sam", "Tuesday 1 December 2026", "Tuesday 8 December 2026"]
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
    script, _ = referrals.referral_ask(["Acme"], "logistics")
    assert "Would you mind if I say you sent me?" in script


@pytest.mark.parametrize("old, new, words", [
    ("I plan to talk to $targets. Is there anyone else you think I should speak with?\"\n# The same",
     "I plan to talk to people. Is there anyone else?\"\n# The same",
     ["[ask] names:", "the placeholder $targets is missing"]),
    ('permission = "When I get in touch,', 'permission = "When I get in touch, $name,',
     ["[ask] permission", "unknown placeholder $name", "Use only: (none)"]),
    ('Could I check in with you on $day, to hear how it went?"\n# The same',
     'Could I check in with you soon?"\n# The same',
     ["[checkin] sentence", "$day is missing"]),
    ("offering to speak to $person. Could", "offering to help. Could", ["[checkin] sentence", "$person is missing"]),
    ("[steps]\n", "[step]\n", ["[steps] should be a table"]),
    ('checkin_title = "Plan a check-in"\n', "", ["'checkin_title' is missing"]),
    ('checkin_date = "2026-12-14"', 'checkin_date = "2026-14-12"',
     ["[[example.plan]] number 2, checkin_date", "no month 14"]),
    ('targets = ["Riverside', 'targets = ["=Riverside', ["[example.ask] targets", "run as a formula"]),
])
def test_broken_content_is_reported_with_file_and_fix(content_copy, old, new, words):
    _edit(content_copy, old, new)
    problems = referrals.check_content()
    assert problems
    assert all("referrals.toml" in p for p in problems)
    text = "\n".join(problems)
    for w in words:
        assert w in text
    script, problems = referrals.referral_ask(["Acme"], "logistics")
    assert script == "" and problems[0].code == "content" and "referrals.toml" in problems[0].fix
    assert not referrals.save_ask(["Acme"], "logistics").saved


def test_toml_syntax_error_names_the_line(content_copy):
    _edit(content_copy, "[checkin]", "[checkin")
    problems = referrals.check_content()
    assert len(problems) == 1 and "referrals.toml, line" in problems[0]


def test_missing_file(content_copy):
    content_copy.unlink()
    assert "is missing" in referrals.check_content()[0]
