"""A learner in a real browser on the class hub: follow the instructor's link, log in on the
hub's login page, let the hub start their JupyterLab and nbgitpuller fetch the lessons, run
the lesson, fill in a form and save.

Headless Debian Chromium through Playwright, driven with the same helpers as the browser tests
(``tests/browser/jlab.py``). Skipped when Chromium or Playwright is missing, unless
``REQUIRE_HUB=1`` or ``REQUIRE_BROWSER=1``.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from browser import jlab
from hub import hubenv, hubrun

LESSON = "notebooks/02-research-to-questions.ipynb"
TOPIC = "Community pharmacy in my town"
FINDING = "Two pharmacies on the high street are hiring trainee technicians this spring."


class HubServer:
    """What ``jlab.Lesson`` needs to know about the server a page talks to, for a hub user."""

    app = "lab"

    def __init__(self, hub: hubrun.Hub, name: str) -> None:
        self.hub, self.name = hub, name
        self.token = hub.token_for(name, note="hub browser test")

    def api(self, method: str, path: str) -> Any:
        response = requests.request(method, f"{self.hub.url}/user/{self.name}{path}", timeout=30,
                                    headers={"Authorization": f"token {self.token}"})
        response.raise_for_status()
        return response.json() if response.content else None

    def kernel_states(self) -> list[str]:
        return [k.get("execution_state", "") for k in self.api("GET", "/api/kernels")]

    def log_tail(self, lines: int = 40) -> str:
        return self.hub.log_tail(lines)


@pytest.fixture(scope="module")
def chromium(shared_chromium: tuple[Any, str | None]) -> Any:
    browser, reason = shared_chromium
    if reason:
        if hubenv.required("REQUIRE_HUB") or hubenv.required("REQUIRE_BROWSER"):
            pytest.fail(f"the hub browser test cannot run: {reason}", pytrace=False)
        pytest.skip(f"hub browser test skipped: {reason}")
    return browser


def test_a_learner_logs_in_through_the_hub_runs_a_lesson_and_saves_a_form(
        chromium: Any, hub: hubrun.Hub, site: hubrun.Site, tmp_path: Path) -> None:
    name = site.learners[-1]
    context = chromium.new_context(viewport=jlab.VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    timings: dict[str, float] = {}
    started = time.monotonic()
    try:
        # The instructor's link: the hub asks the learner to log in first.
        page.goto(hub.link(LESSON))
        page.wait_for_url(re.compile(r"/hub/login"))
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", site.passwords[name])
        page.click("input[type=submit], button[type=submit]")
        # The hub starts their server, then nbgitpuller fetches the lessons and opens the lesson.
        page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/lab/tree/{hubrun.LESSONS_FOLDER}/"), timeout=120_000)
        timings["logged in, server started, lessons pulled"] = time.monotonic() - started
        server = HubServer(hub, name)
        lesson = jlab.Lesson(page, server, LESSON)  # type: ignore[arg-type]
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        lesson.wait_kernel_idle(90)
        timings["lesson open, kernel idle"] = time.monotonic() - started
        lesson.run_all()
        assert lesson.problems() == [], "the lesson shows errors after Run All on the hub"
        timings["Run All done"] = time.monotonic() - started

        form = lesson.form("What does your research say?")
        form.scroll_into_view_if_needed()
        form.locator(".widget-text", has_text="Topic").locator("input").fill(TOPIC)
        form.locator(".widget-textarea", has_text="What my research says").locator("textarea").fill(FINDING)
        form.locator("button.jupyter-button", has_text="Save finding").click()
        saved_message = form.locator(".widget-html", has_text="Saved as finding")
        saved_message.first.wait_for(timeout=30_000)
        timings["form saved"] = time.monotonic() - started

        # Saved on the learner's own server, in their own work folder.
        stored = hubrun.contents(hub, name, f"{hubrun.WORK_FOLDER}/research.json", token=server.token)
        assert stored.status_code == 200
        research = json.loads(stored.json()["content"])
        findings = research["research"] if isinstance(research, dict) else research
        assert [(r["topic"], r["finding"]) for r in findings] == [(TOPIC, FINDING)]
        owner = (site.workspace(name) / "research.json").stat().st_uid
        assert owner == hubrun.pwd.getpwnam(name).pw_uid
        print("\n[hub browser] " + ", ".join(f"{k}: {v:.1f} s" for k, v in timings.items()))
    except Exception:
        shot = tmp_path / "hub-browser-failure.png"
        try:
            page.screenshot(path=str(shot))
            print(f"\n[hub browser] screenshot: {shot}; page: {page.url}")
        except Exception:
            pass
        print(hub.log_tail(40))
        raise
    finally:
        context.close()
