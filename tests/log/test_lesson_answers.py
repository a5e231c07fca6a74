"""Lesson 06's worked answers and its words on the sample log are checked against the helpers on
the shipped sample (as of the day the lesson reads it), so text and data cannot drift."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers import log
from helpers.core.logfile import checkin_advice
from helpers.log import next_actions as nextactions
from helpers.log import summaries

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "06-practice-log.ipynb"
AS_OF = summaries.SAMPLE_AS_OF
NUMBERS = {"no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(LESSON, as_version=4).cells


def answers() -> str:
    found = [c.source for c in cells() if "solution" in c.metadata.get("tags", [])
             and "Suggested answers" in c.source]
    assert len(found) == 1, "one cell of suggested answers"
    return found[0]


def part(letter: str) -> str:
    """The text of answer (a), (b) or (c)."""
    text = answers()
    m = re.search(rf"^\({letter}\)(.*?)(?=^\([a-z]\)|</details>|\Z)", text, flags=re.S | re.M)
    assert m, f"no answer ({letter})"
    return m.group(1)


@pytest.fixture(scope="module")
def sample() -> log.Log:
    return log.load(log.sample_path())


def test_the_sample_is_read_as_of_the_day_the_lesson_says():
    assert AS_OF.isoformat() == "2026-11-30"
    text = "\n".join(c.source for c in cells() if c.cell_type == "markdown")
    assert text.count("30 November 2026") >= 2, "the list and the exercise name the same day"


def test_answer_a_is_the_helpers_next_actions_in_their_order(sample):
    actions = nextactions.next_actions(sample.data, AS_OF)
    expected = [(nextactions.LABELS[a.kind], a.person, a.late(AS_OF)) for a in actions]
    written = [(kind, person, int(days)) for kind, person, days in
               re.findall(r"^\d+\. ([A-Z][\w -]+): ([^()\n]+?) \((\d+) days?\)$", part("a"), flags=re.M)]
    assert written == expected
    people = {p for _k, p, _d in expected}
    assert {"Sam Whitfield", "Marcus Bell", "Sofia Marin", "Ahmed Saleh"} <= people
    # the coach's reading names an overdue agreed check-in, with how long ago it was agreed
    overdue = summaries.overdue_follow_ups(sample.data, AS_OF)
    first = overdue.iloc[0]
    assert f"starting with {first['contact']}" in part("a")
    assert int(first["days overdue"]) // 7 == NUMBERS[re.search(r"(\w+) weeks past", part("a")).group(1)]


def test_answer_b_starts_where_the_thank_you_summary_starts(sample):
    missing = summaries.missing_thank_yous(sample.data, AS_OF)
    names = missing["contact"].tolist()
    text = part("b")
    mentioned = [n for n in sorted(set(sample.data["contact"]), key=text.find) if n in text]
    assert mentioned == names, "every unthanked person, most recent first, and no one else"
    assert f"({int(missing['days since'].iloc[0])} days ago)" in text
    reading = summaries.thank_yous(sample.data, AS_OF).reading
    assert f"Start with {names[0]}" in reading


def test_answer_c_counts_real_conversations_per_field(sample):
    real = summaries.sector_coverage(sample.data)["real"].to_dict()
    text = part("c")
    fields = "|".join(map(re.escape, real))
    said = {field: NUMBERS.get(word, word) for field, word in
            re.findall(rf"\b({fields})\b\W+(?:with |has just reached )?(\w+)", text)}
    assert said == real
    first = text.split(".")[0]
    assert [f for f in real if f in first] == [f for f, n in real.items() if n < 3], \
        "hold back where fewer than three real conversations"


def test_the_lesson_names_the_row_that_breaks_the_check_in_rule_on_purpose(sample):
    found = checkin_advice(sample.data)
    assert len(found) == 1
    row = found[0]
    name = sample.data.loc[row.row, "contact"]
    days = (sample.data.loc[row.row, "follow_up_on"] - sample.data.loc[row.row, "date"]).days
    text = next(c.source for c in cells() if c.source.startswith("## What your log will show"))
    assert f"{name} asked" in text and f"{days} days after the interview" in text
    # and what the advice says about it
    assert "may have gone cold" in str(row) and "may have gone cold" in text
    assert "if they asked for that day, keep it" in str(row) and "a day they asked for is one to keep" in text


def test_learner_text_names_no_columns_or_files():
    for c in cells():
        if c.cell_type != "markdown" or {"notebook-only", "instructor", "appendix"} & set(c.metadata.get("tags", [])):
            continue
        for word in [*log.COLUMNS[4:], "interview_log.csv", "sample_log.csv", ".csv"]:
            if "_" in word or "." in word:
                assert word not in c.source, (word, c.source[:60])
