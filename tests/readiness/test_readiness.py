"""The readiness check's logic: statements, checking and saving takings, the change, the content file."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from helpers import activities, readiness
from helpers.core import export as ex
from helpers.core import ratings

BEFORE_DAY = dt.date(2026, 3, 2)
AFTER_DAY = dt.date(2026, 3, 13)


def ids() -> list[str]:
    return [s.id for s in readiness.settings().statements]


def rated(*numbers: int) -> dict[str, int]:
    return dict(zip(ids(), numbers, strict=True))


def saved(workspace: Path) -> list[dict]:
    return json.loads((workspace / "readiness.json").read_text(encoding="utf-8"))["takings"]


def test_the_shipped_statements_and_scale():
    cfg = readiness.settings()
    assert len(cfg.statements) == 6 and list(cfg.scale) == [1, 2, 3, 4, 5]
    assert cfg.scale_words() == "1 (not at all) to 5 (completely)"
    assert readiness.check_content() == []
    assert activities.get("readiness").content == ("readiness",)


def test_a_before_and_an_after_taking_and_the_change(workspace):
    assert readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY).saved
    assert readiness.save_taking("after", rated(4, 3, 3, 1, 5, 4), today=AFTER_DAY).saved
    ch, message = readiness.latest_change()
    assert message == "" and (ch.before.date, ch.after.date) == (BEFORE_DAY, AFTER_DAY)
    assert [r.difference for r in ch.rows] == [2, 0, 2, -1, 1, 1]
    assert (ch.higher, ch.same, ch.lower) == (4, 1, 1)
    assert ch.summary()[0] == "You rated yourself higher on 4 of 6 statements, the same on 1 and lower on 1."
    assert ch.summary()[-1] == readiness.NOT_SKILL and "not a measure of your skill" in readiness.NOT_SKILL
    frame = ch.frame()
    assert list(frame.columns) == ["statement", "before the lessons", "after the lessons", "change"]
    assert frame["change"].tolist() == ["2 higher", "the same", "2 higher", "1 lower", "1 higher", "1 higher"]
    assert frame["statement"][0] == readiness.settings().statements[0].text


def test_the_summary_does_not_judge():
    """No praise or blame words in what the learner reads about their change."""
    cfg = readiness.settings()
    before = ratings.Taking("before", BEFORE_DAY, {s.id: 4 for s in cfg.statements})
    after = ratings.Taking("after", AFTER_DAY, {s.id: 2 for s in cfg.statements})
    text = " ".join(readiness.change(before, after, cfg).summary()).lower()
    assert "lower on 6" in text
    assert not re.search(r"\b(great|well done|good|bad|worse|better|improv\w*|fail\w*|congrat\w*)\b", text)


def test_nothing_to_compare_says_what_to_do(workspace):
    ch, message = readiness.latest_change()
    assert ch is None and "not saved a readiness check yet" in message and "Save my ratings" in message
    readiness.save_taking("before", rated(2, 2, 2, 2, 2, 2), today=BEFORE_DAY)
    ch, message = readiness.latest_change()
    assert ch is None and "Rate the statements again" in message
    assert readiness.export() is not None  # the one taking goes into the workbook


def test_an_after_interview_taking_is_compared_with_the_first_before(workspace):
    readiness.save_taking("before", rated(1, 1, 1, 1, 1, 1), today=BEFORE_DAY)
    readiness.save_taking("before", rated(2, 2, 2, 2, 2, 2), today=BEFORE_DAY)
    readiness.save_taking("after", rated(3, 3, 3, 3, 3, 3), today=AFTER_DAY)
    readiness.save_taking("after-interview", rated(4, 4, 4, 4, 4, 4), today=dt.date(2026, 4, 1))
    ch, _ = readiness.latest_change()
    assert ch.before.ratings[ids()[0]] == 1 and ch.after.when == "after-interview"
    assert "after my first real interview" in ch.heading()


def test_every_statement_must_be_rated_with_a_whole_number_on_the_scale(workspace):
    given = {**rated(2, 3, 1, 2, 4, 3), ids()[0]: None, ids()[1]: 7, ids()[2]: 2.5, ids()[3]: True}
    out = readiness.save_taking("before", given, today=BEFORE_DAY)
    assert not out.saved and out.codes == ["not_rated", "out_of_scale", "not_a_number", "not_a_number"]
    assert [p.field for p in out.problems] == ids()[:4]
    assert "1. I can write a request e-mail" in out.message and "Not rated yet" in out.message
    assert readiness.save_taking("someday", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY).codes == ["unknown_when"]
    extra = readiness.save_taking("before", {**rated(2, 3, 1, 2, 4, 3), "old-one": 3}, today=BEFORE_DAY)
    assert extra.codes == ["unknown_statement"]
    assert not (workspace / "readiness.json").exists()


def test_saving_again_adds_a_taking_and_never_overwrites(workspace):
    first = readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    second = readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    assert first.changed and second.changed and first.item["key"] != second.item["key"]
    assert [t["ratings"] for t in saved(workspace)] == [rated(2, 3, 1, 2, 4, 3)] * 2
    assert "2 readiness checks so far" in second.message


def test_the_one_line_call_without_the_form(workspace):
    assert readiness.statements_text().splitlines()[1] == "1. I can write a request e-mail that makes it easy for a busy person to say yes."
    out = readiness.take("before", [], "")
    assert not out.saved and out.codes == ["empty"] + ["not_rated"] * 6
    out = readiness.take("before", [2, 3, 0, 2, 4, 3, 5], "2 March 2026")
    assert out.codes == ["too_many", "not_rated"]
    assert readiness.take("before", [2, 3, 1, 2, 4, 3], "2 March 2026").saved
    assert saved(workspace)[0]["date"] == "2026-03-02"
    assert "Rate the statements again" in readiness.change_text()


def test_export_is_plain_blocks_with_the_summary_and_the_table(workspace):
    assert readiness.export() is None
    readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    readiness.save_taking("after", rated(4, 3, 3, 1, 5, 4), today=AFTER_DAY)
    section = readiness.export()
    assert section.title == "Readiness check"
    text = ex.as_text([section])
    assert "You rated yourself higher on 4 of 6 statements" in text and readiness.NOT_SKILL in text
    tables = [b for b in section.blocks if isinstance(b, ex.Table)]
    assert tables[0].columns[1:] == ["before the lessons", "after the lessons", "change"]
    assert tables[1].columns[1:] == ["before the lessons, 2026-03-02", "after the lessons, 2026-03-13"]
    charts = [b for b in section.blocks if isinstance(b, ex.Chart)]
    assert len(charts) == 1 and charts[0].png.startswith(b"\x89PNG")
    assert "2 before the lessons, 4 after the lessons" in charts[0].alt and charts[0].caption


def test_the_workbook_shows_the_chart_with_its_text_alternative(workspace):
    from helpers import portfolio

    readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    readiness.save_taking("after", rated(4, 3, 3, 1, 5, 4), today=AFTER_DAY)
    page = portfolio.workbook_html([readiness.export()])
    assert "<figure class='chart'><img src='data:image/png;base64," in page
    assert "alt='Bar chart of your own ratings on a scale from 1 to 5" in page and "<figcaption>You rated" in page


def test_the_chart_has_alt_text_with_every_number_and_a_caption(workspace):
    readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    readiness.save_taking("after", rated(4, 3, 3, 1, 5, 4), today=AFTER_DAY)
    ch, _ = readiness.latest_change()
    fig, alt, caption = readiness.change_chart(ch)
    assert alt.startswith("Bar chart of your own ratings on a scale from 1 to 5")
    assert "“I can write a request e-mail that makes it easy for a busy person to say yes.”: 2 before the lessons, 4 after the lessons" in alt
    assert caption.startswith("You rated yourself higher on 4 of 6") and "not a measure of your skill" in caption
    assert len(fig.axes[0].patches) == 12


# --------------------------------------------------------------------------- the statements file edited
def edit(folder: Path, old: str, new: str, count: int = 1) -> None:
    path = folder / "readiness.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_statement_added_and_one_removed_since_the_first_taking(workspace, content_copy):
    readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    edit(content_copy, '[[statement]]\nid = "if-it-feels-awkward"',
         '[[statement]]\nid = "practice-first"\ntext = "I have someone to practise with first."\n\n'
         '[[statement]]\nid = "if-it-feels-awkward"')
    path = content_copy / "readiness.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[statement]]\nid = "names-at-the-end"')
    end = text.index("[[statement]]", start + 5)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert readiness.check_content() == []
    new = [s.id for s in readiness.settings().statements]
    assert "practice-first" in new and "names-at-the-end" not in new
    assert readiness.save_taking("after", {i: 4 for i in new}, today=AFTER_DAY).saved
    ch, _ = readiness.latest_change()
    assert len(ch.rows) == 5 and "names-at-the-end" not in [r.id for r in ch.rows]
    lines = ch.summary()
    assert lines[0] == "You rated yourself higher on 4 of 5 statements, the same on 1 and lower on none."
    assert "not in the check the first time: “I have someone to practise with first.”" in lines[1]
    assert "no longer in the check: “names at the end”" in lines[2]


@pytest.mark.parametrize("old, new, expected", [
    ('\ntext = "I can write', '\ntxet = "I can write',
     ["readiness.toml, [[statement]] number 1 (id \"request-email\"): the field 'text' is missing or empty. "
      "Add a line text = \"...\" to that entry.",
      "readiness.toml, [[statement]] number 1 (id \"request-email\"): 'txet' is not a field this file uses. "
      "Use: id, text."]),
    ('\ntext = "I can write', '\ntexts = "I can write',
     ["readiness.toml, [[statement]] number 1 (id \"request-email\"): the field 'text' is missing or empty. "
      "Add a line text = \"...\" to that entry.",
      "readiness.toml, [[statement]] number 1 (id \"request-email\"): 'texts' is not a field this file uses. "
      "Did you mean 'text'?"]),
    ('id = "questions-from-research"', 'id = "request-email"',
     ['readiness.toml, [[statement]] number 2 (id "request-email"): the id "request-email" is used twice. '
      'Give each entry its own id.']),
    ('id = "questions-from-research"\n', '',
     ["readiness.toml, [[statement]] number 2: the field 'id' is missing or empty. Add a line id = \"...\" "
      "to that entry."]),
    ("scale_max = 5", "scale_max = 1",
     ["readiness.toml: scale_max (1) should be greater than scale_min (1), e.g. scale_min = 1 and scale_max = 5.",
      'readiness.toml, scale_labels: "3" is not a number on the scale from 1 to 1. Use numbers from the scale '
      'as keys, e.g. { 1 = "not at all" }.',
      'readiness.toml, scale_labels: "5" is not a number on the scale from 1 to 1. Use numbers from the scale '
      'as keys, e.g. { 1 = "not at all" }.']),
    ("scale_max = 5", "scale_max = 20",
     ["readiness.toml: the scale from 1 to 20 has 20 numbers; use at most 10 (e.g. 1 to 5)."]),
    ("scale_max = 5", 'scale_max = "5"', ["readiness.toml: scale_max should be a whole number (no quotes)."]),
    ('id = "request-email"', 'id = "Request e-mail"',
     ['readiness.toml, [[statement]] number 1 (id "Request e-mail"): id "Request e-mail" should be lower-case '
      'letters, digits and hyphens (e.g. "request-email").']),
    ("scale_min = 1", "scale_mn = 1",
     ["readiness.toml: the field 'scale_min' is missing or empty. Add a line scale_min = 1 to that entry.",
      "readiness.toml: 'scale_mn' is not a field this file uses. Did you mean 'scale_min'?"]),
])
def test_a_mistake_in_the_statements_file_is_said_clearly(content_copy, old, new, expected):
    edit(content_copy, old, new)
    assert readiness.check_content() == expected
    out = readiness.save_taking("before", {}, today=BEFORE_DAY)
    assert out.codes == ["content_error"] and expected[0] in out.message


def test_check_content_runs_it_for_the_whole_course(content_copy):
    edit(content_copy, '\ntext = "I can write', '\ntexts = "I can write')
    found = dict(activities.content_checks())["readiness"]()
    assert any("Did you mean 'text'?" in line for line in found)


# --------------------------------------------------------------------------- a damaged file
def test_a_damaged_file_is_said_and_kept(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "readiness.json").write_text("{not json", encoding="utf-8")
    out = readiness.save_taking("after", rated(2, 3, 1, 2, 4, 3), today=AFTER_DAY)
    assert not out.saved and out.codes == ["damaged_file"] and "Move it aside" in out.message
    ch, message = readiness.latest_change()
    assert ch is None and message.startswith("Your saved ratings cannot be read")
    assert "Could not be read" in ex.as_text([readiness.export()])
    assert (workspace / "readiness.json").read_text(encoding="utf-8") == "{not json"


def test_a_rating_no_scale_holds_marks_the_file_damaged_not_a_traceback(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "readiness.json").write_text(json.dumps({"version": 1, "takings": [
        {"key": "k1", "when": "before", "date": "2026-03-02", "ratings": {"request-email": 2}},
        {"key": "k2", "when": "after", "date": "2026-03-09", "ratings": {"request-email": 10 ** 400}}]}),
        encoding="utf-8")
    assert ratings.health() is not None and ratings.takings() == []
    ch, message = readiness.latest_change()
    assert ch is None and "cannot be read" in message


def test_an_off_scale_rating_is_not_compared(workspace):
    readiness.save_taking("before", rated(2, 3, 1, 2, 4, 3), today=BEFORE_DAY)
    readiness.save_taking("after", rated(4, 3, 3, 1, 5, 4), today=AFTER_DAY)
    data = json.loads((workspace / "readiness.json").read_text(encoding="utf-8"))
    data["takings"][1]["ratings"]["request-email"] = 9      # a hand edit, 1-5 scale
    (workspace / "readiness.json").write_text(json.dumps(data), encoding="utf-8")
    ch, _ = readiness.latest_change()
    assert "request-email" not in [r.id for r in ch.rows] and len(ch.rows) == 5


def test_the_one_line_call_with_no_list_says_so(workspace):
    out = readiness.take("before", 5, "9 March 2026")
    assert not out.saved and out.codes == ["not_a_list"] and "between the brackets" in out.message
