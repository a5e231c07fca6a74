"""Sharing what you have learned: sentences, privacy warnings, saving, content checks."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import content, insights, log, workspace

OWN_LOG = """date,contact,organisation,status,sector,kind,referred_by,insights
2026-09-07,José Martínez,Riverbend Hospital,held,Healthcare,real,,Hospitals post roles internally first.
2026-09-08,Anne-Marie O'Neil,Søren & Co,held,Accounting,real,José Martínez,
2026-09-09,Oliver Grant,Pinecrest Manufacturing,held,Accounting,real,,Audit season slows hiring.
2026-09-10,Rosa Delgado,Family,held,Healthcare,practice,,Practise the opening.
2026-09-11,Li,Acme,held,,real,,
"""


@pytest.fixture
def own_log() -> log.Log:
    return log.load(OWN_LOG.encode("utf-8"), name="interview_log.csv")


def kinds(found):
    return [(w.code, w.value) for w in found]


# --------------------------------------------------------------------------- sentences
def test_generalise_uses_the_default_pattern():
    problems, warnings, sentence = insights.generalise(
        "People in accounting at large manufacturers are watching the new rules.", log=log.empty())
    assert problems == [] and warnings == []
    assert sentence == ("From my research and the conversations I've had so far, I've heard that "
                        "people in accounting at large manufacturers are watching the new rules. "
                        "Is that something you see here too?")


def test_a_sector_chooses_a_pattern_that_mentions_it():
    _, _, sentence = insights.generalise("Clinics are moving scheduling online", "Healthcare", log=log.empty())
    assert "conversations in healthcare and nearby fields" in sentence
    assert sentence.endswith("clinics are moving scheduling online. Does that match what you see?")


def test_a_chosen_pattern_is_used_and_an_unknown_one_is_a_problem():
    check = insights.check("Clinics are moving scheduling online", pattern="offer", log=log.empty())
    assert check.sentence.startswith("In case it's useful") and check.pattern == "offer"
    check = insights.check("Clinics are moving scheduling online", pattern="nope", log=log.empty())
    assert [(p.column, p.what) for p in check.problems] == [("pattern", "is not one of the sentence patterns")]
    assert check.sentence == ""


def test_a_pattern_that_needs_their_field_asks_for_it():
    check = insights.check("Clinics are moving scheduling online", pattern="theme-sector", log=log.empty())
    assert [(p.column, p.what) for p in check.problems] == [("audience_sector", "is empty")]
    assert "mentions their field" in check.problems[0].fix


@pytest.mark.parametrize("raw, cleaned", [
    ("  People in accounting are busy.  ", "people in accounting are busy"),
    ('"That IT teams hire in spring!"', "IT teams hire in spring"),
    ("that\nclinics   hire\tin spring;", "clinics hire in spring"),
    ("iPhone apps are everywhere", "iPhone apps are everywhere"),
    ("“Care homes struggle to keep staff.”", "care homes struggle to keep staff"),
])
def test_clean_insight(raw, cleaned):
    assert insights.clean_insight(raw) == cleaned


@pytest.mark.parametrize("insight, sector, column, what", [
    ("", None, "insight", "is empty"),
    ("   \n ", None, "insight", "is empty"),
    ("too short", None, "insight", "is too short to be useful"),
    ("x" * 301, None, "insight", "is 301 characters long"),
    ("<script>alert(1)</script> people hire", None, "insight", "contains web-page code (<script>)"),
    ('=HYPERLINK("http://evil.example","click")', None, "insight",
     "starts with '=', which a spreadsheet would run as a formula"),
    ("clinics hire\x07 in spring and autumn", None, "insight", "contains invisible control characters"),
    ("clinics hire in spring and autumn", "y" * 81, "audience_sector", "is 81 characters long"),
    ("clinics hire in spring and autumn", "<img src=x onerror=alert(1)>", "audience_sector",
     "contains web-page code (<img src=x onerror=alert(1)>)"),
])
def test_bad_input_is_a_problem_beside_its_field(insight, sector, column, what):
    problems, _, sentence = insights.generalise(insight, sector, log=log.empty())
    assert (column, what) in [(p.column, p.what) for p in problems]
    assert sentence == ""


def test_tips_do_not_block():
    check = insights.check("Hiring is slow. Clinics wait until spring.", log=log.empty())
    assert check.problems == [] and check.sentence
    assert [a.code for a in check.advice] == ["several_sentences"]


@pytest.mark.parametrize("insight", ["I am nervous about interviews.", "I think hiring is slow.",
                                     "My CV needs work before I apply.", "Interviews make me nervous."])
def test_a_sentence_about_the_learner_is_not_built(insight):
    check = insights.check(insight, log=log.empty())
    assert [p.code for p in check.problems] == ["about_you"] and check.sentence == ""


@pytest.mark.parametrize("insight, kept", [
    ("I learned that recruiters read portfolios first.", "recruiters read portfolios first"),
    ("Two recruiters told me that portfolios matter.", "portfolios matter"),
    ("London hospitals are short of IT trainers.", "London hospitals are short of IT trainers"),
])
def test_lead_ins_are_dropped_and_a_place_keeps_its_capital(insight, kept):
    check = insights.check(insight, log=log.empty())
    assert check.problems == [] and f"heard that {kept}." in check.sentence


@pytest.mark.parametrize("insight, codes", [
    ("My contact at Google said they're laying off 200 people in January.", {"news", "figures"}),
    ("The head of finance at the biggest car maker in Sunderland thinks the rules will change.", {"one_person"}),
    ("The billing supervisor says accuracy matters more than speed.", {"one_person"}),
    ("Managers hint that a merger is coming.", {"news"}),
    ("Budgets are being cut and the team faces restructuring.", {"news"}),
])
def test_news_titles_and_figures_are_not_ready_to_share(insight, codes):
    check = insights.check(insight, log=log.empty())
    assert not check.shareable
    assert codes <= {w.code for w in check.warnings}


@pytest.mark.parametrize("insight", [
    "Heads of finance at large manufacturers are watching the new rules.",
    "Billing teams value accuracy over speed in the first year.",
    "Small clinics often hire coordinators from patient-facing roles.",
])
def test_general_insights_stay_ready(insight):
    assert insights.check(insight, log=log.empty()).shareable


# --------------------------------------------------------------------------- privacy
@pytest.mark.parametrize("text, expected", [
    ("I spoke to jose last week", [("person", "jose")]),
    ("JOSÉ said so", [("person", "JOSÉ")]),
    ("martinez agrees", [("person", "martinez")]),
    ("José Martínez agrees", [("person", "José Martínez")]),
    ("Jose Martinez's team agrees", [("person", "Jose Martinez")]),
    ("Josefina and Martinezes do not count", [("name_like", "Martinezes")]),  # not the log's names: a check
    ("anne-marie thinks so", [("person", "anne-marie")]),
    ("O'Neil thinks so", [("person", "O'Neil")]),
    ("Li said so", [("person", "Li")]),  # the whole name of a contact, however short
    ("grant reports matter", []),  # a name that is also a word: only when capitalised
    ("Grant said grant reports matter", [("person", "Grant")]),
    ("Oliver Grant said it", [("person", "Oliver Grant")]),
    ("people at riverbend hospital", [("organisation", "riverbend hospital")]),
    ("at Riverbend they", [("organisation", "Riverbend")]),
    ("a hospital in the region", []),
    ("soren and co are hiring", [("organisation", "soren")]),
    ("my family thinks so", []),  # practice rows: 'Family' is not an organisation
    ("Rosa said slow down", [("person", "Rosa")]),
    ("write to ana.lopez+jobs@example.org today", [("email", "ana.lopez+jobs@example.org")]),
    ("call +44 20 7946 0958 after six", [("phone", "+44 20 7946 0958")]),
    ("call (555) 123-4567", [("phone", "(555) 123-4567")]),
    ("on 2026-10-13, from 2020-2024, about 1,000,000 people", []),
    ("Off the record, budgets are frozen", [("confidential", "Off the record")]),
    ("don’t tell anyone", [("confidential", "don’t tell")]),
    ("the salary of a controller", [("confidential", "salary of")]),
    ("Dr. Okafor said so", [("person", "Okafor")]),
    ("see riverbend.org or @riverbend_hr", [("link", "riverbend.org"), ("handle", "@riverbend_hr")]),
    ("an internal memo", [("confidential", "internal")]),
    ("roles are posted internally first", []),
    ("the plans are CONFIDENTIAL", [("confidential", "CONFIDENTIAL")]),
])
def test_privacy_warnings(own_log, text, expected):
    assert kinds(insights.privacy_warnings(text, own_log)) == expected


def test_a_warning_names_what_was_found_and_how_to_reword_it(own_log):
    [person] = insights.privacy_warnings("Martinez agrees", own_log)
    assert person.column == "insight"
    assert "José Martínez" in person.what and "your log" in person.what
    assert "someone I spoke with in healthcare" in person.fix and "Martinez" in person.fix
    [org] = insights.privacy_warnings("Riverbend agrees", own_log)
    assert "Riverbend Hospital" in org.what and "an employer in healthcare" in org.fix
    assert org.sentence().startswith("“Riverbend” is part of the name of an organisation in your log")
    assert person.code == "person" and org.code == "organisation"


def test_the_same_person_is_warned_about_once(own_log):
    found = insights.privacy_warnings("José said, and then Martínez said, and josé again", own_log)
    assert [w.code for w in found] == ["person"]


def test_the_sample_log_is_used_until_the_learner_has_one_and_that_is_said(workspace):
    check = insights.check("Fatima at Pinecrest says budgets are tight", log=None)
    assert kinds(check.warnings) == [("person", "Fatima"), ("organisation", "Pinecrest")]
    assert "sample log" in check.warnings[0].what and "sample log" in check.log_note
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text(OWN_LOG, encoding="utf-8")
    check = insights.check("Fatima at Pinecrest says budgets are tight", log=None)
    assert kinds(check.warnings) == [("organisation", "Pinecrest")]  # Fatima is only in the sample
    assert "your log" in check.warnings[0].what and "interview_log.csv" in check.log_note


def test_an_unreadable_log_is_said_and_contact_details_are_still_checked(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(b"")
    check = insights.check("write to a@b.org, they say", log=None)
    assert "could not be read" in check.log_note and "empty" in check.log_note
    assert kinds(check.warnings) == [("email", "a@b.org")]


def test_a_log_of_hundreds_of_rows_builds_its_name_pattern_once():
    def word(n: int) -> str:  # a distinct made-up word per number: 0 -> "aa", 27 -> "bb" ...
        return "".join("abcdefghijklmnopqrstuvwxyz"[d] for d in (n // 26 % 26, n % 26))

    rows = ["date,contact,organisation,status,sector"]
    rows += [f"2026-09-{1 + n % 28:02d},Kay{word(n)} Lee{word(n)},Corp{word(n)} Ltd,held,Field"
             for n in range(500)]
    big = log.load("\n".join(rows).encode(), name="big.csv")
    names = insights.log_names(big)
    from helpers.core import detect

    before = detect._build.cache_info()
    for n in range(0, 500, 5):
        found = insights.privacy_warnings(f"kay{word(n)} at CORP{word(n)} said so", names)
        assert [(w.code, w.value) for w in found] == [("person", f"kay{word(n)}"), ("organisation", f"CORP{word(n)}")]
    after = detect._build.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 99


# --------------------------------------------------------------------------- earlier insights
def test_earlier_insights_come_from_the_sample_without_names():
    table, caption = insights.earlier_insights()
    assert "sample log" in caption and len(table) == 17
    assert list(table.columns) == ["field", "kind", "insight", "ready to share?"]
    text = table.to_csv()
    assert "Fatima" not in text and "Pinecrest" not in text
    assert "People in accounting at large manufacturers are watching the new reporting rules." in set(table["insight"])


def test_earlier_insights_from_the_learners_own_log(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text(OWN_LOG, encoding="utf-8")
    table, caption = insights.earlier_insights()
    assert "your log" in caption and len(table) == 3
    assert table["ready to share?"].tolist() == ["yes", "yes", "yes"]


# --------------------------------------------------------------------------- saving
def saved_file(workspace: Path) -> dict:
    return json.loads((workspace / "insights.json").read_text(encoding="utf-8"))


def test_save_writes_once_and_reads_back(workspace):
    result = insights.save_insight("People in accounting are watching the new rules.", "Healthcare")
    assert result.ok and result.changed and result.item["sentence"].startswith("From my research and conversations in healthcare")
    data = saved_file(workspace)
    assert len(data["insights"]) == 1
    entry = data["insights"][0]
    assert entry["insight"] == "people in accounting are watching the new rules"
    assert entry["audience_sector"] == "healthcare" and entry["pattern"] == "theme-sector"
    before = (workspace / "insights.json").read_bytes()
    again = insights.save_insight("  people in accounting are watching   the new rules ", "healthcare")
    assert again.saved and not again.changed and "already" in again.message
    assert (workspace / "insights.json").read_bytes() == before
    assert insights.saved_insights() == data["insights"]


def test_warnings_block_saving(workspace):
    result = insights.save_insight("Fatima says budgets are frozen")
    assert not result.saved and result.item.warnings and "private" in result.message
    assert result.codes == ["person"]
    assert not (workspace / "insights.json").exists()


@pytest.mark.parametrize("bad", ["", "x" * 400, "<script>alert(1)</script>", "=HYPERLINK(\"x\")"])
def test_problems_block_saving_and_keep_what_was_saved(workspace, bad):
    insights.save_insight("Clinics hire coordinators in spring")
    before = (workspace / "insights.json").read_bytes()
    result = insights.save_insight(bad)
    assert not result.saved and result.item.problems and result.message.startswith("Not saved")
    assert (workspace / "insights.json").read_bytes() == before


def test_a_damaged_file_is_never_overwritten(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "insights.json").write_text("{oops", encoding="utf-8")
    result = insights.save_insight("Clinics hire coordinators in spring")
    assert not result.saved and result.codes == ["damaged_file"]
    assert (workspace / "insights.json").read_text() == "{oops"
    assert "could not be read" in insights.export_text().lower()
    (workspace / "insights.json").write_text('{"insights": [{"no": "id"}]}', encoding="utf-8")
    assert insights.save_insight("Clinics hire coordinators in spring").codes == ["wrong_shape"]
    assert (workspace / "insights.json").read_text() == '{"insights": [{"no": "id"}]}'


def test_an_old_insights_file_still_loads(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    old = {"insights": [{"id": "abc1234567", "insight": "clinics hire in spring", "audience_sector": "",
                         "pattern": "theme", "sentence": "Clinics hire in spring.", "saved_on": "2026-10-01"}]}
    (workspace / "insights.json").write_text(json.dumps(old), encoding="utf-8")
    assert [i["id"] for i in insights.saved_insights()] == ["abc1234567"]
    assert insights.save_insight("Care homes struggle to keep staff").ok
    assert len(insights.saved_insights()) == 2


def test_delete_list_and_export(workspace):
    assert insights.export_text() == ""
    first = insights.save_insight("Clinics hire coordinators in spring").item
    insights.save_insight("R&D teams at <big> firms move first".replace("<big>", "'big'"))
    frame = insights.insights_frame()
    assert len(frame) == 2 and "R&D teams" in frame.iloc[1]["from the insight"]
    text = insights.export_text()
    assert text.startswith("Sharing what you have learned\n") and "1. From my research" in text
    assert "<" not in text
    assert insights.delete_insight(first["id"]).changed
    assert insights.delete_insight(first["id"]).codes == ["not_found"]
    assert insights.export().title == "Sharing what you have learned"
    assert [i["insight"] for i in insights.saved_insights()] == ["R&D teams at 'big' firms move first"]


def test_hostile_looking_text_that_passes_is_stored_as_text(workspace):
    result = insights.save_insight("Teams say \"R&D\" & 'ops' budgets grow 5% > inflation")
    assert result.saved
    assert saved_file(workspace)["insights"][0]["insight"] == "teams say \"R&D\" & 'ops' budgets grow 5% > inflation"


# --------------------------------------------------------------------------- content
@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(workspace.DATA_DIR / "content", folder)
    monkeypatch.setenv("INTERVIEW_CONTENT", str(folder))
    return folder / "insights.toml"


def test_shipped_content_is_fine():
    assert insights.check_content() == []
    assert [p.id for p in insights.patterns()][:2] == ["theme", "theme-sector"]


def test_an_edit_to_the_content_shows_up(content_copy):
    text = content_copy.read_text(encoding="utf-8")
    content_copy.write_text(text.replace("I've heard that {insight}", "a pattern I notice is that {insight}"),
                            encoding="utf-8")
    _, _, sentence = insights.generalise("Clinics hire in spring", log=log.empty())
    assert "a pattern I notice is that clinics hire in spring" in sentence


@pytest.mark.parametrize("old, new, expected", [
    ('that {insight}. Is that something', 'that. Is that something', "must contain {insight}"),
    ('that {insight}. Is that something', 'that {insight} {name}. Is', "uses the placeholder {name}"),
    ('that {insight}. Is that something', 'that {insight. Is that', "does not pair up"),
    ('id = "curious"', 'id = "theme"', 'the id "theme" is used twice'),
    ('insight_max = 300', 'insight_max = "lots"', "insight_max should be a whole number (no quotes)"),
    ('label = "Something I\'m curious about"\n', '', "'label' is missing"),
    ('"laying off", "lay off"', '"laying off", 5', "news_words item 2: should be text in quotes"),
    ('person_fix = "Leave the person out: say \\"{example}\\" instead of \\"{found}\\"."',
     'person_fix = "Say {who}"', "[privacy] person_fix: uses the placeholder {who}"),
    ('[guidance]', '[guidanse]', "[guidance] should be a table"),
    ('insight_min = 12', 'insight_min = 400', "insight_min must be smaller than insight_max"),
    ('news_fix = "Leave this out', 'news_fix = "Leave {this} out', "[privacy] news_fix: uses the placeholder {this}"),
    ('id = "theme"\n', 'id = "theme\n', "line"),
])
def test_a_broken_content_file_is_reported_with_file_entry_and_fix(content_copy, old, new, expected):
    text = content_copy.read_text(encoding="utf-8")
    assert old in text, old
    content_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    messages = insights.check_content()
    assert messages and any(expected in m for m in messages), messages
    assert all("insights.toml" in m for m in messages)
    # The lesson shows the same message instead of a traceback.
    problems, _, sentence = insights.generalise("Clinics hire in spring", log=log.empty())
    assert sentence == "" and problems[0].column == "content" and expected in problems[0].fix
    with pytest.raises(content.ContentError):
        insights.settings()
