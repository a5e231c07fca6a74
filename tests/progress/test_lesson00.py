"""Lesson 00 speaks to a job seeker: the technical text lives on the setup help page, whose link
works in the repository and in a student copy; progress and the one-hour route show in it."""
from __future__ import annotations

import json
import re
from pathlib import Path

from helpers.classroom import student

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "00-start-here.ipynb"
TECHNICAL = re.compile(r"ipywidgets|jupyterlab_widgets|\.venv|INTERVIEW_WORKSPACE|environment variable|kernel name|"
                       r"\.json\b|\.csv\b|\.html\b|backups/", re.I)


def _cells() -> list[dict]:
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    for c in cells:
        c["source"] = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
    return cells


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags") or [])


def test_the_lesson_text_a_learner_reads_has_no_technical_words():
    said = [(c["id"], m.group(0)) for c in _cells() if c["cell_type"] == "markdown"
            and not _tags(c) & {"appendix", "instructor"} for m in [TECHNICAL.search(c["source"])] if m]
    assert said == [], f"technical words in lesson 00 (move them to docs/setup-help.md): {said}"


def test_the_help_page_holds_the_technical_text_and_the_lesson_links_it():
    page = (ROOT / "docs" / "setup-help.md").read_text(encoding="utf-8")
    for needed in ("ipywidgets", "jupyterlab_widgets", ".venv", "INTERVIEW_WORKSPACE", "backups/"):
        assert needed in page
    links = {t for c in _cells() for t in re.findall(r"\]\(([^)\s]+setup-help\.md)\)", c["source"])}
    assert links == {"../docs/setup-help.md"}
    assert (LESSON.parent / "../docs/setup-help.md").resolve().is_file()
    assert (ROOT / "docs" / "setup-help.md").parent.joinpath("../notebooks/00-start-here.ipynb").resolve().is_file()


def test_the_link_works_in_a_student_copy(tmp_path: Path):
    out = tmp_path / "copy"
    student.build_student(out)
    assert (out / "notebooks" / "00-start-here.ipynb").is_file()
    assert (out / "notebooks" / "../docs/setup-help.md").resolve().is_file()


def test_lesson_00_shows_progress_and_the_essentials_route():
    code = [c["source"] for c in _cells() if c["cell_type"] == "code" and not _tags(c) & {"appendix"}]
    assert any("progress.view()" in s for s in code) and any("progress.essentials_view()" in s for s in code)
