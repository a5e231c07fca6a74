"""Accessibility of what the lessons show, scanned with axe-core in Chromium after Run All.

Only the lessons' outputs are scanned (``.jp-OutputArea-output``): JupyterLab's own chrome is
not ours to fix. Serious and critical violations fail; every form control must also have an
accessible name as Chromium computes it for a screen reader (axe accepts a blank placeholder as
a name; a learner using a screen reader would hear nothing useful).
"""
from __future__ import annotations

import re

import pytest

from browser import jlab

LESSONS = jlab.lessons()
BLOCKING = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=jlab.AXE_SCOPE).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {node.get('html', '')[:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_outputs_have_no_serious_accessibility_violations(after_run_all, name: str):
    seen = after_run_all(name)
    blocking = [v for v in seen.axe_violations if v["impact"] in BLOCKING]
    assert blocking == [], f"axe in {name}'s outputs {seen.where()}:\n{describe(blocking)}"


@pytest.mark.parametrize("name", LESSONS)
def test_every_form_control_has_an_accessible_name(after_run_all, name: str):
    seen = after_run_all(name)
    assert seen.unnamed_controls == [], f"{name}: controls a screen reader cannot name {seen.where()}"


def test_the_scan_is_scoped_to_outputs_and_can_fail(lab):
    """A throwaway lesson with an unlabelled field, an icon-only button and a plain PNG output
    (JupyterLab gives it no alt text): axe and the name check both complain, and nothing
    outside the outputs is reported."""
    cells = [
        "import ipywidgets as w\nfrom IPython.display import HTML, display\n"
        "display(w.Text(), w.Button(icon='check'))",
        "import base64\nfrom IPython.display import Image\n"
        "Image(data=base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='))",
    ]
    page = lab.server.root / "zz-inaccessible-on-purpose.ipynb"
    page.write_text(jlab.throwaway_notebook(cells), encoding="utf-8")
    lesson = lab.open("zz-inaccessible-on-purpose.ipynb")
    lesson.run_all()
    violations = axe_violations(lesson.page)
    ids = {v["id"] for v in violations if v["impact"] in BLOCKING}
    assert {"image-alt", "button-name"} <= ids, describe(violations)
    for v in violations:
        for node in v["nodes"]:
            assert not re.search(r"jp-(Toolbar|StatusBar|MenuBar|DirListing)", node.get("html", "")), \
                "the scan reached JupyterLab's own chrome"
    unnamed = "\n".join(lesson.unnamed_controls())
    assert "textbox" in unnamed and "button" in unnamed, unnamed


@pytest.mark.parametrize("name", ["instructor/01-class-summary.ipynb", "instructor/02-instructor-notes.ipynb"])
def test_instructor_pages_scroll_nothing_the_keyboard_cannot_reach(lab, name: str):
    """The class view (with the readiness chart) and the instructor notes in JupyterLab: no output
    scrolls out of the keyboard's reach, and the readiness chart has its text alternative."""
    from browser import scrolling

    lesson = lab.open(name)
    lesson.run_all()
    assert lesson.problems() == [], f"{name} after Run All"
    assert scrolling.unreachable(lesson.page, ".jp-Cell-outputWrapper") == [], \
        f"{name}: an output scrolls and the keyboard cannot reach it"
    blocking = [v for v in axe_violations(lesson.page) if v["impact"] in BLOCKING]
    assert blocking == [], f"axe in {name}'s outputs:\n{describe(blocking)}"
    if name.startswith("instructor/01-"):
        chart = lesson.page.locator(".jp-OutputArea-output figure img[alt*='self-ratings']")
        jlab.expect(chart).to_be_visible()
        assert "not a measure of their skill" in chart.get_attribute("alt")
