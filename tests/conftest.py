"""Fixtures shared by the tests under tests/: a copy of the content to break, lesson 02's saved
questions stood in, and one Chromium for the browser tests (tests/browser) and the hub tests (tests/hub)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def shared_chromium() -> Iterator[tuple[Any, str | None]]:
    """One Playwright and one headless Chromium for the whole run, as ``(browser, None)``,
    or ``(None, reason)`` when they cannot run here.

    Playwright's sync API allows one instance per thread at a time, so the browser tests and the
    hub's browser test must share it rather than each start their own.
    """
    from browser import jlab

    reason = jlab.browser_unavailable()
    if reason:
        yield None, reason
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = jlab.launch(playwright)
        try:
            yield browser, None
        finally:
            browser.close()


CONTENT = Path(__file__).resolve().parent.parent / "data" / "content"


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``data/content`` that the lessons read instead (a test may break it)."""
    from helpers import content

    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    monkeypatch.setenv(content.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def saved_drafts(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``saved_drafts(("category", "text"), ...)``: lesson 02's saved questions stand in with these
    drafts, numbered from 1."""
    from helpers.core import drafts as saved_files

    def stand_in(*drafts: tuple[str, str]) -> None:
        saved = [{"id": n, "category": category, "text": text} for n, (category, text) in enumerate(drafts, 1)]
        monkeypatch.setattr(saved_files, "saved_questions", lambda: saved)
    return stand_in


@pytest.fixture
def risky_drafts(saved_drafts: Callable[..., None]) -> None:
    """Three drafts: one asks for a job, one cannot be told apart from noise, one is good."""
    saved_drafts(("career", "Could you introduce me to the hiring manager?"), ("rapport", "asdf qwerty"),
                 ("industry", "How is this field changing, and what is driving the change?"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Groups for ``--dist loadgroup`` (pytest-xdist; ``python workshop.py test`` runs one worker
    per core): tests that share one expensive thing run on the same worker, everything else is
    spread by load.

    - the hub tests share one real JupyterHub and its throwaway Unix users;
    - the browser tests share one JupyterLab and one Chromium, and they all go to one worker: two
      JupyterLabs and two Chromiums on a two-core machine made every browser test twice as slow and
      let widget messages race (two browser tests failed that way in CI), while the unit, form and
      notebook tests fill the other cores.
    """
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if HERE / "hub" in path.parents:
            item.add_marker(pytest.mark.xdist_group("hub"))
        elif HERE / "browser" in path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
