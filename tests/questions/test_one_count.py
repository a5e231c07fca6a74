"""How many questions to draft and to choose is said once, in lesson 02; the exercise prompt, the
content files' text and the helpers' messages refer to it (issue 22, item 5), and the most a learner
may choose in lesson 08 is the top of the lesson's range."""
from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest

from helpers import reflection

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "02-research-to-questions.ipynb"
NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
# a count of questions: "five to eight questions", "three or four good questions", "about ten questions";
# not "four groups of questions", nor how many starter questions a group of the bank holds (its size)
COUNT = re.compile(rf"\b{NUMBER}(?:\s*(?:to|or|-)\s*{NUMBER})?\s+(?:(?!of\b|starter\b)\w+\s+){{0,2}}questions\b",
                   re.I)
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "twelve": 12}


def lesson_text() -> str:
    nb = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
                     and not {"appendix", "notebook-only"} & set(c.get("metadata", {}).get("tags", [])))


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def python_strings(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                found.append((path.name, text))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((path.name, node.value))
    return found


def test_lesson_02_says_the_count_once():
    text = " ".join(lesson_text().split())
    assert len(COUNT.findall(text)) == 1, COUNT.findall(text)
    assert "Draft five to eight questions" in text
    assert "for a 20-minute conversation you will choose the three or four you most want answered and keep " \
           "the rest in reserve" in text


@pytest.mark.parametrize("name", ["exercises", "question_bank"])
def test_the_content_files_text_states_no_count(name: str):
    data = tomllib.loads((ROOT / "data" / "content" / f"{name}.toml").read_text(encoding="utf-8"))
    said = [s for s in strings(data) if COUNT.search(" ".join(s.split()))]
    assert said == []


@pytest.mark.parametrize("package", ["questions", "reflection"])
def test_the_helpers_messages_state_no_count(package: str):
    said = [(f, s) for f, s in python_strings(ROOT / "helpers" / package) if COUNT.search(" ".join(s.split()))]
    assert said == []


def test_the_most_a_learner_may_choose_is_the_top_of_lesson_02s_range():
    m = re.search(rf"Draft ({NUMBER}) to ({NUMBER}) questions", " ".join(lesson_text().split()))
    assert m
    top = WORDS.get(m.group(2), None) or int(m.group(2))
    assert reflection.settings().limits["questions_max"] == top


def test_the_too_many_message_sends_the_learner_to_lesson_02(workspace):
    limit = reflection.settings().limits["questions_max"]
    own = [{"id": n, "category": "c", "text": f"What is question number {n}?"} for n in range(limit + 1)]
    with pytest.MonkeyPatch.context() as mp:
        from helpers.core import drafts as saved_files
        mp.setattr(saved_files, "saved_questions", lambda: own)
        ids = [q["id"] for q in reflection.available_questions()[0]]
        out = reflection.choose_questions(ids, "")
    assert out.codes == ["too_many"]
    assert "lesson 02" in out.problems[0].fix and not COUNT.search(out.problems[0].fix)


def test_the_count_pattern_finds_counts_and_only_counts():
    for said in ["draft about ten questions", "five to eight good questions", "three or four questions",
                 "room for 5-8 questions"]:
        assert COUNT.search(said), said
    for plain in ["the questions you drafted", "lesson 02 says how many questions", "Four groups of questions",
                  "with 5 to 8 starter questions"]:
        assert not COUNT.search(plain), plain


def test_no_other_lesson_states_a_count_of_questions():
    """Lessons 00-08 other than 02 refer to lesson 02 for how many questions; ``COUNT`` finds "five to
    eight questions", not "the log answers six questions" (see the exceptions below: a count of
    the log's own questions is not a count of questions to ask)."""
    said = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        if path == LESSON:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            text = " ".join("".join(c["source"]).split()) if c["cell_type"] == "markdown" else ""
            said += [f"{path.name}: {m.group(0)}" for m in COUNT.finditer(text)
                     if "log answers" not in text[max(0, m.start() - 20):m.end()]]
    assert said == [], said
