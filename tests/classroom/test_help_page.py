"""The learners' help page (docs/help.md): the lessons' links to it work in the workshop and in a
student copy, which holds that page and no other page of docs/ (those are for staff)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from helpers.classroom import student

ROOT = Path(__file__).resolve().parents[2]
HELP = ROOT / "docs" / "help.md"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)\s]*)?\)")


def relative_links(text: str) -> list[str]:
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def markdown_of(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"] if c["cell_type"] == "markdown")


def test_every_relative_link_in_the_lessons_and_the_help_page_exists():
    pages = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert pages
    broken = []
    for page in pages + [HELP]:
        text = page.read_text(encoding="utf-8") if page.suffix == ".md" else markdown_of(page)
        broken += [f"{page.name} -> {t}" for t in relative_links(text) if not (page.parent / t).exists()]
    assert broken == []


def test_lesson_02_links_the_help_page_and_the_page_links_back():
    lesson = ROOT / "notebooks" / "02-research-to-questions.ipynb"
    assert any((lesson.parent / t).resolve() == HELP.resolve() for t in relative_links(markdown_of(lesson)))
    assert any((HELP.parent / t).resolve() == lesson.resolve() for t in relative_links(HELP.read_text("utf-8")))


def test_a_student_copy_holds_the_help_page_and_no_other_docs(tmp_path: Path):
    src = tmp_path / "workshop"
    (src / "notebooks").mkdir(parents=True)
    (src / "docs").mkdir()
    (src / "docs" / "help.md").write_text("# Help\n\nBack to [lesson 1](../notebooks/01-one.ipynb).\n", "utf-8")
    (src / "docs" / "architecture.md").write_text("# For engineers\n", encoding="utf-8")
    nb = new_notebook(cells=[new_markdown_cell("# Lesson one\n\nSee [the help page](../docs/help.md).")])
    nbformat.write(nb, src / "notebooks" / "01-one.ipynb")
    out = tmp_path / "copy"
    student.build_student(out, source=src)
    assert (out / "docs" / "help.md").read_text(encoding="utf-8").startswith("# Help")
    assert not (out / "docs" / "architecture.md").exists()
    copied = out / "notebooks" / "01-one.ipynb"
    assert all((copied.parent / t).exists() for t in relative_links(markdown_of(copied)))


def test_a_workshop_without_a_help_page_still_builds(tmp_path: Path):
    src = tmp_path / "workshop"
    (src / "notebooks").mkdir(parents=True)
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Lesson one")]), src / "notebooks" / "01-one.ipynb")
    student.build_student(tmp_path / "copy", source=src)
    assert not (tmp_path / "copy" / "docs").exists()
