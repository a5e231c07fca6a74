#!/usr/bin/env python3
"""Take PNG screenshots of the key lessons in JupyterLab after Run All (for the README).

    python scripts/screenshots.py                 # writes docs/screenshots/*.png
    python scripts/screenshots.py OUT_DIR         # writes them somewhere else
    python scripts/screenshots.py --list          # the shots it knows

Uses the same private server and headless Chromium as the browser tests (tests/browser/jlab.py):
a temporary copy of the lessons, an empty temporary workspace, nothing written to the
repository except the PNG files. Each shot runs its lesson, does what a learner would do first
(types a question, asks for check-in dates), scrolls to the form or chart and takes the window.
A PNG larger than 200 KB is reduced to 256 colours.
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots"
MAX_BYTES = 200_000
WINDOW = {"width": 1200, "height": 860}


def _load_driver() -> Any:
    """tests/browser/jlab.py, loaded by its path (it is not part of the installed package)."""
    spec = importlib.util.spec_from_file_location("iiw_browser_driver", ROOT / "tests" / "browser" / "jlab.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


jlab = _load_driver()
sys.path.insert(0, str(Path(__file__).resolve().parent))
import shots_cli  # noqa: E402  (scripts/shots_cli.py, beside this file)


@dataclass
class Shot:
    file: str                         # PNG name
    lesson: str                       # notebook file name prefix, e.g. "02-"
    anchor: Callable[[Any], Any]      # lesson -> the element to scroll to the top of the window
    act: Callable[[Any], None] = lambda lesson: None   # what the learner does first
    with_prompt: bool = True          # show the exercise prompt (the markdown cell) above it


def _cell_of(locator: Any) -> Any:
    return locator.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-Cell ')][1]")


def _questions(lesson: Any) -> None:
    form = lesson.form("Draft your questions")
    jlab.Lesson.field(form, "Your question").fill("What surprised you most in your first year in this field?")
    jlab.Lesson.button(form, "Save as new question").click()
    jlab.expect(form).to_contain_text("Saved as question 1.")


def _checkin(lesson: Any) -> None:
    form = lesson.form("check-in")
    jlab.Lesson.field(form, "Who you will check in with").fill("Ms Rivera")
    jlab.Lesson.field(form, "Interview date").fill("2026-12-01")
    jlab.Lesson.button(form, "Propose dates").click()
    jlab.expect(form).to_contain_text("Weekdays 7 to 10 days after")


def _first_chart(lesson: Any) -> Any:
    return lesson.page.locator(".jp-OutputArea-output figure, .jp-OutputArea-output img").first


SHOTS = [
    Shot("questions-form.png", "02-", lambda l: _cell_of(l.form("Draft your questions")), _questions,
         with_prompt=False),
    Shot("check-in-dates.png", "04-", lambda l: _cell_of(l.form("check-in")), _checkin),
    Shot("practice-log-chart.png", "06-", lambda l: _cell_of(_first_chart(l))),
]


def _scroll_to_top(lesson: Any, element: Any, with_prompt: bool) -> None:
    """Put ``element`` (a cell) at the top of the notebook, or the prompt just before it.

    Off-screen cells are laid out only when scrolled near (content-visibility), so the first
    jump lands short; jump again until the target stays put."""
    last = None
    for _ in range(8):
        top = element.evaluate("""(el, withPrompt) => {
            const before = el.previousElementSibling;
            const prompt = withPrompt && before && before.classList.contains('jp-MarkdownCell');
            const target = prompt ? before : el;
            target.scrollIntoView({block: 'start'});
            return Math.round(target.getBoundingClientRect().top);
        }""", with_prompt)
        lesson.page.wait_for_timeout(300)
        if top == last:
            break
        last = top


def _hide_sidebar(lesson: Any) -> None:
    """Collapse JupyterLab's file browser so the lesson gets the width."""
    tab = lesson.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.first.click()
        lesson.page.wait_for_timeout(300)


def take(out: Path, wanted: list[Shot]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="iiw-screenshots-") as tmp, \
            jlab.JupyterServer(Path(tmp), app="lab") as server, sync_playwright() as playwright:
        browser = jlab.launch(playwright)
        try:
            for shot in wanted:
                name = next((n for n in jlab.lessons() if Path(n).name.startswith(shot.lesson)), None)
                if name is None:
                    print(f"skipped {shot.file}: no lesson notebooks/{shot.lesson}*.ipynb yet")
                    continue
                server.reset()
                context = browser.new_context(viewport=WINDOW)
                try:
                    lesson = jlab.Lesson(context.new_page(), server, name).open()
                    lesson.run_all()
                    problems = lesson.problems()
                    if problems:
                        print(f"warning: {name} shows problems after Run All:\n  " + "\n  ".join(problems))
                    _hide_sidebar(lesson)
                    shot.act(lesson)
                    lesson.page.mouse.move(0, 0)  # no hover highlight in the picture
                    _scroll_to_top(lesson, shot.anchor(lesson), shot.with_prompt)
                    target = out / shot.file
                    lesson.page.screenshot(path=str(target))
                    shots_cli.shrink(target, MAX_BYTES)
                    written.append(target)
                    print(f"wrote {target} ({target.stat().st_size // 1024} KB) from {name}")
                finally:
                    context.close()
        finally:
            browser.close()
            server.reset()
    return written


def main(argv: list[str] | None = None) -> int:
    return shots_cli.run(__doc__, SHOTS, take, DEFAULT_OUT, ROOT, lambda shot: f"lesson {shot.lesson}*", jlab.browser_unavailable, argv)


if __name__ == "__main__":
    sys.exit(main())
