"""The README stays true: its lesson table matches the notebooks, its links point at real files."""
from __future__ import annotations

import re
from pathlib import Path

from helpers import lessons

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_lesson_table_matches_the_notebooks():
    m = re.search(r"<!-- lessons-table:.*?-->\n(.*?)<!-- /lessons-table -->", README, flags=re.S)
    assert m, "README lost its lessons-table markers"
    assert m.group(1).strip() == lessons.markdown_table().strip(), (
        "README's lesson table is out of date: paste the output of `python -m helpers lessons` between the markers")


def test_relative_links_and_images_exist():
    targets = re.findall(r"\]\(([^)#\s]+)\)", README)
    assert targets
    for target in targets:
        if re.match(r"[a-z]+://", target):
            continue
        assert (ROOT / target).exists(), f"README links to {target}, which does not exist"


def test_readme_names_the_two_commands_and_the_workspace_variable():
    assert "python workshop.py\n" in README and "python workshop.py test" in README
    assert "INTERVIEW_WORKSPACE" in README and "Saylor Academy" in README and "CC BY-NC-SA 3.0" in README


def test_plans_table_matches_the_plans_and_the_lessons():
    from helpers.classroom import facilitator

    m = re.search(r"<!-- plans-table:.*?-->\n(.*?)<!-- /plans-table -->", README, flags=re.S)
    assert m, "README lost its plans-table markers"
    assert m.group(1).strip() == facilitator.plans_markdown().strip(), (
        "README's plans table is out of date: paste the output of `python -m helpers lessons --plans`")
    assert "15-20 minute" not in README
