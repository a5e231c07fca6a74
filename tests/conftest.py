"""Fixtures shared by the browser tests (tests/browser) and the hub tests (tests/hub)."""
from __future__ import annotations

from typing import Any, Iterator

import pytest


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
