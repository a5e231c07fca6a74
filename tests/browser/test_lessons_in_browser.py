"""Every lesson, opened in JupyterLab in headless Chromium, survives Run All on a fresh workspace.

What a learner would see is checked, not what the kernel returned: no error or stderr output
anywhere, every widget rendered (no "Error displaying widget", no "Loading widget" left, no
widget shown as plain text), every image loaded, and forms and charts present where the
lesson's code builds them.
"""
from __future__ import annotations

import re

import pytest

from browser import jlab

LESSONS = jlab.lessons()


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_clean_in_jupyterlab(after_run_all, name: str):
    seen = after_run_all(name)
    assert seen.problems == [], f"{name} after Run All in JupyterLab {seen.where()}"
    source = jlab.notebook_source(name)
    if re.search(r"\bforms\.\w+\(", source):
        assert seen.widgets > 0, f"{name} builds forms but no widget is shown {seen.where()}"
    if re.search(r"show_figure|\bcharts?\.", source):
        assert seen.charts > 0, f"{name} draws charts but no chart image is shown {seen.where()}"
    widget_errors = [e for e in seen.console_errors if re.search(r"widget|model", e, re.I)]
    assert widget_errors == [], f"{name}: the browser logged widget errors"


def test_the_checks_catch_what_a_learner_would_see(lab):
    """The same checks fail on a lesson with a widget that cannot render, a warning and an error."""
    (lab.server.root / "zz-broken-on-purpose.ipynb").write_text(jlab.throwaway_notebook([
        "from IPython.display import display\n"
        "display({'application/vnd.jupyter.widget-view+json':"
        " {'model_id': 'no-such-model', 'version_major': 2, 'version_minor': 0}}, raw=True)",
        "import warnings\nwarnings.warn('a warning a learner would see')",
        "1 / 0",
        "print('never reached')",
    ]), encoding="utf-8")
    lesson = lab.open("zz-broken-on-purpose.ipynb")
    lesson.run_all()
    found = "\n".join(lesson.problems())
    assert "Error displaying widget" in found
    assert "a warning a learner would see" in found
    assert "error output" in found and "ZeroDivisionError" in found
    assert "stderr output" in found
    assert "did not run" in found
