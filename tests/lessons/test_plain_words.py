"""Lesson text speaks to a job seeker (issue 22): no file, column or package names in what a learner
reads. Such names may appear only in cells for another reader: the appendix (tagged ``appendix``),
cells tagged ``notebook-only``, and sections headed "For instructors".

The patterns are general (any file name with an extension a learner never needs to know, the log's
column names taken from the log's own schema, the packages and environment variables the set-up
uses), not a list of sentences from the lessons. The one file name a learner does use, the
workshop's launcher ``workshop.py``, is allowed: it is a command they type.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import importlib

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
ALLOWED_FILES = {"workshop.py"}
COLUMNS = sorted(c for c in importlib.import_module("helpers.core.logfile.read").COLUMNS if "_" in c)   # one-word columns ("date", "status") are plain words
FILE = re.compile(r"\b[\w.-]+\.(?:json|csv|toml|py|html|ipynb|md|txt|ics)\b", re.I)
TECH = re.compile(r"\b(?:" + "|".join(map(re.escape, COLUMNS)) + r"|ipywidgets|pandas|matplotlib|nbformat|"
                  r"INTERVIEW_[A-Z_]+|CLASS_LOGS_DIR)\b|(?<![\w/])\.venv\b")


def learner_text(path: Path) -> list[tuple[int, str]]:
    """(cell number, markdown without links' targets) for every cell a learner reads as a lesson."""
    out, for_instructors = [], False
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        heading = re.match(r"\s*#{1,3}\s+(.*)", text)
        if heading:
            for_instructors = heading.group(1).strip().lower().startswith("for instructors")
        tags = set(cell.get("metadata", {}).get("tags", []) or [])
        if for_instructors or tags & {"appendix", "notebook-only"}:
            continue
        text = re.sub(r"\]\([^)]*\)", "]", text)          # a link's target is not read
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        out.append((i, text))
    return out


def technical_words(text: str) -> list[str]:
    """>>> technical_words("Saved in `research.json`; see followed_up. Type python workshop.py")
    ['research.json', 'followed_up']
    """
    found = [m.group(0) for m in FILE.finditer(text) if m.group(0) not in ALLOWED_FILES]
    return sorted(set(found + [m.group(0) for m in TECH.finditer(text)]), key=text.find)


def test_the_patterns_catch_what_they_are_for():
    assert technical_words("Your answers are saved in `reflection.json`.") == ["reflection.json"]
    assert technical_words("the referred_by column") == ["referred_by"]
    assert technical_words("set INTERVIEW_WORKSPACE, or look in .venv") == ["INTERVIEW_WORKSPACE", ".venv"]
    assert technical_words("Open the workshop with `python workshop.py`. Say thank you, e.g. by e-mail.") == []


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_no_file_column_or_package_names_in_lesson_text(path: Path):
    found = [f"cell {i}: {', '.join(words)}" for i, text in learner_text(path) if (words := technical_words(text))]
    assert found == [], (f"{path.name} names files, columns or packages a job seeker need not know; say "
                         f"\"your saved questions\", \"your log\" ... instead, or move the text to the appendix, "
                         f"a 'notebook-only' cell or a 'For instructors' section:\n" + "\n".join(found))
