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
    for moment in ("CV", "run out of time", "what job you want", "decline to give names", "introduction themselves"):
        assert moment in text
    assert text.count("<table>") == 2 and "<caption>" in text


def test_links_use_the_final_lesson_names():
    links = re.findall(r"\]\(([^)#]+\.ipynb)\)", "\n".join(c.source for c in _nb().cells))
    assert links, "the lesson links on to the next one"
    for link in links:
        assert link in FINAL_NAMES, link
        if LESSON == FINAL:
            assert (FINAL.parent / link).exists(), link


@pytest.mark.slow
def test_runs_clean_twice_without_duplicates(tmp_path: Path):
    work = tmp_path / "work"
    nb = execute(LESSON, work)
    assert errors(nb) == []
    shown = output_text(nb)
    assert "Practising with Amina Haddad" in shown, "the appendix shows the start of a conversation"

    def snap() -> dict[str, str]:
        return {str(p.relative_to(work)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(work.rglob("*")) if p.is_file()} if work.exists() else {}

    first = snap()
    nb = execute(LESSON, work)
    assert errors(nb) == [] and snap() == first
