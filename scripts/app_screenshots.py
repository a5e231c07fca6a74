#!/usr/bin/env python3
"""Take PNG screenshots of the app view (the lessons as pages in Voila) for the README.

    python scripts/app_screenshots.py              # writes docs/screenshots/app-*.png
    python scripts/app_screenshots.py OUT_DIR      # writes them somewhere else
    python scripts/app_screenshots.py --list       # the shots it knows

Uses the same private Voila and headless Chromium as the app-view browser tests
(tests/browser/voila.py): a temporary copy of the lessons, an empty temporary workspace, the app
view's own configuration; nothing is written to the repository except the PNG files. Each shot
opens its page, does what a learner would do first (saves a question, asks for check-in dates),
scrolls to the form or chart and takes the window. A PNG larger than 200 KB is reduced to 256 colours.
"""
from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import shots_cli  # noqa: E402  (scripts/shots_cli.py, beside this file)
from browser import jlab  # noqa: E402  (the shared browser driver, found through tests/)
from browser.voila import VoilaServer  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "screenshots"
MAX_BYTES = 200_000
WINDOW = {"width": 1200, "height": 860}


@dataclass
class Shot:
    file: str                                     # PNG name
    page: str                                     # path under the served root
    anchor: Callable[[Any], Any] | None = None    # page -> element to put at the top (None: the top)
    act: Callable[[Any], None] = lambda page: None  # what the learner does first
    with_prompt: bool = True                      # show the markdown cell just above the anchor
    whole_cell: bool = True                       # scroll to the anchor's cell (False: to the anchor)


def form(page: Any, title: str) -> Any:
    return page.locator("#rendered_cells .jp-OutputArea-output").filter(
        has=page.locator(".jupyter-widgets h3", has_text=re.compile(title, re.I))).first


def _questions(page: Any) -> None:
    f = form(page, "Draft your questions")
    jlab.Lesson.field(f, "Your question").fill("What surprised you most in your first year in this field?")
    jlab.Lesson.button(f, "Save as new question").click()
    jlab.expect(f).to_contain_text("Saved as question 1.", timeout=20_000)


def _checkin(page: Any) -> None:
    f = form(page, "check-in")
    jlab.Lesson.field(f, "Who you will check in with").fill("Ms Rivera")
    jlab.Lesson.field(f, "Whom they offered to contact").fill("Dr Nasser in the outreach team")
    jlab.Lesson.field(f, "Interview date").fill("2026-12-01")
    jlab.Lesson.field(f, "Interview date").press("Tab")
    # The form proposes the working days 7-10 days later as soon as the date is in.
    f.locator("select").first.locator("option").nth(1).wait_for(state="attached", timeout=20_000)
    page.wait_for_timeout(500)


def _draw_charts(page: Any) -> None:
    """The log lesson draws its charts on request."""
    button = page.get_by_role("button", name="Draw the charts")
    if button.count():
        button.first.click()
    page.locator("#rendered_cells .jp-OutputArea-output figure img").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)


def _first_chart(page: Any) -> Any:
    return page.locator("#rendered_cells .jp-OutputArea-output figure").first


SHOTS = [
    Shot("app-index.png", "app/index.ipynb"),
    Shot("class-readiness.png", "notebooks/instructor/01-class-summary.ipynb",
         lambda p: p.locator("#rendered_cells table", has_text="median change").first, whole_cell=True),
    Shot("app-progress.png", "app/index.ipynb",
         lambda p: p.locator("#rendered_cells table.iiw-progress").first, whole_cell=False),
    Shot("app-questions-form.png", "notebooks/02-research-to-questions.ipynb",
         lambda p: form(p, "Draft your questions"), _questions, with_prompt=False),
    Shot("app-check-in-dates.png", "notebooks/04-referrals-and-follow-up.ipynb",
         lambda p: form(p, "check-in"), _checkin),
    Shot("app-practice-log-chart.png", "notebooks/06-practice-log.ipynb", _first_chart, _draw_charts,
         whole_cell=False),
]


def _scroll(page: Any, element: Any, with_prompt: bool, whole_cell: bool) -> None:
    """Put ``element``'s cell (or the markdown cell just above it, or the element itself) at the
    top of the window."""
    element.evaluate("""(el, [withPrompt, wholeCell]) => {
        let target = wholeCell ? (el.closest('[cell-index]') || el) : el;
        const before = target.previousElementSibling;
        if (wholeCell && withPrompt && before && before.querySelector('.jp-MarkdownCell')) target = before;
        target.scrollIntoView({block: 'start'});
        window.scrollBy(0, wholeCell ? -12 : -48);
    }""", [with_prompt, whole_cell])
    page.wait_for_timeout(400)


def _wait_rendered(page: Any) -> None:
    page.locator("#rendered_cells").wait_for(state="visible", timeout=180_000)
    page.wait_for_function(
        """() => ![...document.querySelectorAll('#rendered_cells .jp-OutputArea-output')]
                  .some(o => /Loading widget/.test(o.innerText || ''))""", timeout=60_000, polling=200)
    page.wait_for_timeout(500)


def take(out: Path, wanted: list[Shot]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="iiw-app-screenshots-") as tmp, \
            VoilaServer(Path(tmp)) as server, sync_playwright() as playwright:
        browser = jlab.launch(playwright)
        try:
            for shot in wanted:
                if not (server.root / shot.page).exists():
                    print(f"skipped {shot.file}: no {shot.page} yet")
                    continue
                server.reset()
                context = browser.new_context(viewport=WINDOW)
                context.set_default_timeout(30_000)
                try:
                    page = context.new_page()
                    started = time.monotonic()
                    page.goto(server.url(shot.page), timeout=180_000)
                    _wait_rendered(page)
                    print(f"{shot.page}: rendered in {time.monotonic() - started:.1f} s")
                    shot.act(page)
                    page.mouse.move(0, 0)
                    if shot.anchor is not None:
                        _scroll(page, shot.anchor(page), shot.with_prompt, shot.whole_cell)
                    target = out / shot.file
                    page.screenshot(path=str(target))
                    shots_cli.shrink(target, MAX_BYTES)
                    written.append(target)
                    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")
                finally:
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    return shots_cli.run(__doc__, SHOTS, take, DEFAULT_OUT, ROOT, lambda shot: shot.page, jlab.browser_unavailable, argv)


if __name__ == "__main__":
    sys.exit(main())
