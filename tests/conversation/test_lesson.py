"""Lesson 05, The conversation: the lesson's conventions, its links, and a clean Run All twice."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest

from nbtools import errors, execute, output_text

ROOT = Path(__file__).resolve().parents[2]
FINAL = ROOT / "notebooks" / "05-the-conversation.ipynb"
LESSON = FINAL
#: The lesson names once the conversation is lesson 05 (its links must use these).
FINAL_NAMES = {"00-start-here.ipynb", "01-why-informational-interviews.ipynb", "02-research-to-questions.ipynb",
               "03-asking-and-thanking.ipynb", "04-referrals-and-follow-up.ipynb", "05-the-conversation.ipynb",
               "06-practice-log.ipynb", "07-sharing-what-you-learned.ipynb", "08-exercises-and-reflection.ipynb"}


def _nb() -> nbformat.NotebookNode:
    return nbformat.read(LESSON, as_version=4)


def test_the_lesson_follows_the_conventions():
    nb = _nb()
    nbformat.validate(nb)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# The conversation\n")
    assert re.search(r"\*Time: \d+ minutes", first.source)  # measured: tests/progress
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, f"cell {i} not cleared"
            tags = cell.metadata.get("tags", [])
            if "appendix" not in tags:
                assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"cell {i} shows its code"
                assert len(cell.source.splitlines()) <= 2
    setup = [c for c in nb.cells if "setup" in c.metadata.get("tags", [])]
    assert len(setup) == 1 and setup[0].cell_type == "code"
    appendix = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                and "## Appendix: the same activities without the forms" in c.source]
    assert len(appendix) == 1
    assert all("appendix" in c.metadata.get("tags", []) for c in nb.cells[appendix[0]:])
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                     and "notebook-only" not in c.metadata.get("tags", []))
    assert "Shift+Enter" not in text and "run this cell" not in text.lower(), "notebook-only words are tagged"
    for moment in ("CV", "run out of time", "what job you want", "decline to give names",
                   "would rather contact the person first"):
        assert moment in text
    assert text.count("<table>") == 2 and "<caption>" in text


def test_links_use_the_final_lesson_names():
    links = re.findall(r"\]\(([^)#]+\.ipynb)\)", "\n".join(c.source for c in _nb().cells))
    assert links, "the lesson links on to the next one"
    for link in links:
        assert link in FINAL_NAMES, link
        if LESSON == FINAL:
            assert (FINAL.parent / link).exists(), link


def _text() -> str:
    return "\n".join(c.source for c in _nb().cells if c.cell_type == "markdown")


def test_the_lesson_teaches_what_the_practice_rewards():
    """The exercise's "out of N" follows each persona's case, as the debrief scores it."""
    from helpers import conversation as c

    text = _text()
    exercise = next(line for line in text.splitlines() if line.startswith("**Exercise 1."))
    for p in c.personas():
        d = c.debrief(c.walk(p, c.best_path(p)), p)
        first = p.name.split()[0]
        n = {5: "five out of five", 6: "six out of six"}[len(d.points)]
        # the persona's first name comes after the "out of" that applies to them, before the next one
        part = exercise[exercise.index(n):]
        nxt = [part.index(k) for k in ("five out of five", "six out of six") if k != n and k in part]
        assert first in (part[:min(nxt)] if nxt else part), (p.name, n)
    ask = "Would you be willing to share how best to reach them, so that I can get in touch myself?"
    assert ask in text
    assert "the same day or the next" in text and "same day (" not in text
    assert "not applying for anything" not in text
    assert "lesson 2 says how many" in text and "five to eight" not in text and "three or four" not in text
    assert "Only if they would rather contact the person first" in text
    for name in ("Sam Okoye", "Okoye"):
        assert name not in text


def test_no_long_stretch_of_reading_before_something_to_do():
    """About five minutes' reading (some 1,000 words at 200 a minute) at most between activities:
    a Try it box, an exercise, or a form."""
    nb = _nb()
    words = 0
    for cell in nb.cells:
        if "appendix" in cell.metadata.get("tags", []):
            break
        if cell.cell_type == "code":
            if "setup" not in cell.metadata.get("tags", []):
                words = 0          # a form to use
            continue
        parts = re.split(r"\*\*Try it|\*\*Exercise \d", cell.source)
        for k, chunk in enumerate(parts):
            words += len(chunk.split())
            assert words <= 1000, f"cell {cell.get('id')}: {words} words without something to do"
            if k < len(parts) - 1:
                words = 0          # an activity follows this chunk


@pytest.mark.slow
def test_runs_clean_twice_without_duplicates(tmp_path: Path):
    work = tmp_path / "work"
    nb = execute(LESSON, work)
    assert errors(nb) == []
    shown = output_text(nb)
    assert "Practising with Amina Yusuf" in shown, "the appendix shows the start of a conversation"

    def snap() -> dict[str, str]:
        return {str(p.relative_to(work)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(work.rglob("*")) if p.is_file()} if work.exists() else {}

    first = snap()
    nb = execute(LESSON, work)
    assert errors(nb) == [] and snap() == first
