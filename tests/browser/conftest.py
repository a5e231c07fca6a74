"""Fixtures for the browser tests: one private Jupyter server and one headless Chromium per run.

Every test under ``tests/browser`` is marked ``browser``. When Chromium (``/usr/bin/chromium``)
or Playwright is missing they are skipped with the reason; with ``REQUIRE_BROWSER=1`` (CI)
they fail instead, so a missing browser can never pass silently.

Between tests the server's kernels are shut down, its workspace emptied and fresh copies of
the lessons put in place, so each test starts from a learner's first visit.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from browser import jlab

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium(shared_chromium: tuple[Any, str | None]) -> Any:
    """Headless Debian Chromium through Playwright (skip, or fail under REQUIRE_BROWSER=1)."""
    browser, reason = shared_chromium
    if reason:
        if _required():
            pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    return browser


def _server(tmp_path_factory: pytest.TempPathFactory, app: str) -> Iterator[jlab.JupyterServer]:
    server = jlab.JupyterServer(tmp_path_factory.mktemp(f"jupyter-{app}"), app=app)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def lab_server(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[jlab.JupyterServer]:
    """``jupyter lab`` on 127.0.0.1, a free port and a random token, serving a copy of notebooks/."""
    yield from _server(tmp_path_factory, "lab")


@pytest.fixture(scope="session")
def notebook_server(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[jlab.JupyterServer]:
    """``jupyter notebook`` (Notebook 7), set up the same way."""
    yield from _server(tmp_path_factory, "notebook")


class Learner:
    """Opens lessons in fresh browser pages on one server; cleans up after the test."""

    def __init__(self, browser: Any, server: jlab.JupyterServer) -> None:
        self.browser = browser
        self.server = server
        self.workspace = server.workspace
        self.opened: list[jlab.Lesson] = []
        self._contexts: list[Any] = []

    def open(self, name: str) -> jlab.Lesson:
        context = self.browser.new_context(viewport=jlab.VIEWPORT)
        context.set_default_timeout(30_000)
        self._contexts.append(context)
        lesson = jlab.Lesson(context.new_page(), self.server, name).open()
        self.opened.append(lesson)
        return lesson

    def close(self) -> None:
        for context in self._contexts:
            try:
                context.close()
            except Exception:  # the browser may already be gone
                pass
        self._contexts.clear()


def _learner(request: pytest.FixtureRequest, browser: Any, server: jlab.JupyterServer,
             tmp_path: Path) -> Iterator[Learner]:
    server.reset()
    learner = Learner(browser, server)
    yield learner
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        notes = []
        for i, lesson in enumerate(learner.opened):
            shot = tmp_path / f"failure-{i}-{Path(lesson.name).stem}.png"
            try:
                lesson.page.screenshot(path=str(shot))
                notes.append(f"screenshot: {shot}")
            except Exception as exc:
                notes.append(f"no screenshot ({exc})")
            if lesson.console_errors:
                notes.append("browser console errors:\n  " + "\n  ".join(lesson.console_errors[:20]))
        notes.append(f"server log (last lines):\n{server.log_tail(25)}")
        report.sections.append(("browser test diagnostics", "\n".join(notes)))
    learner.close()
    server.reset()


@pytest.fixture
def lab(request: pytest.FixtureRequest, chromium: Any, lab_server: jlab.JupyterServer,
        tmp_path: Path) -> Iterator[Learner]:
    """A learner in JupyterLab with an empty workspace: ``lab.open("02-....ipynb")``."""
    yield from _learner(request, chromium, lab_server, tmp_path)


@pytest.fixture
def classic(request: pytest.FixtureRequest, chromium: Any, notebook_server: jlab.JupyterServer,
            tmp_path: Path) -> Iterator[Learner]:
    """A learner in Notebook 7 with an empty workspace."""
    yield from _learner(request, chromium, notebook_server, tmp_path)


class AfterRunAll:
    """What one lesson showed after Run All on a fresh workspace (taken once per test run)."""

    def __init__(self, lesson: jlab.Lesson, screenshot: Path) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.name = lesson.name
        self.problems = lesson.problems()
        self.widgets = lesson.widget_count()
        self.charts = lesson.chart_count()
        self.console_errors = list(lesson.console_errors)
        self.axe_violations = Axe().run(lesson.page, context=jlab.AXE_SCOPE).response["violations"]
        self.unnamed_controls = lesson.unnamed_controls()
        lesson.page.screenshot(path=str(screenshot))
        self.screenshot = screenshot

    def where(self) -> str:
        return f"(screenshot after Run All: {self.screenshot})"


@pytest.fixture(scope="session")
def after_run_all(chromium: Any, lab_server: jlab.JupyterServer,
                  tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], AfterRunAll]:
    """``after_run_all(name)``: open a lesson in JupyterLab on an empty workspace, Run All, and
    record what it shows. Done once per lesson per run: the per-lesson checks and the
    accessibility scan read the same record instead of running every lesson twice."""
    taken: dict[str, AfterRunAll] = {}
    shots = tmp_path_factory.mktemp("after-run-all")

    def take(name: str) -> AfterRunAll:
        if name not in taken:
            lab_server.reset()
            learner = Learner(chromium, lab_server)
            try:
                lesson = learner.open(name)
                lesson.run_all()
                taken[name] = AfterRunAll(lesson, shots / (Path(name).stem + ".png"))
            finally:
                learner.close()
                lab_server.reset()
        return taken[name]

    return take


def lesson_named(prefix: str) -> str | None:
    """The lesson whose file name starts with ``prefix`` (e.g. "02-"), if it exists yet."""
    for name in jlab.lessons():
        if Path(name).name.startswith(prefix):
            return name
    return None


@pytest.fixture
def need_lesson() -> Callable[[str], str]:
    """Return a lesson's name by number prefix, or skip (fail under REQUIRE_BROWSER=1) if absent."""
    def find(prefix: str) -> str:
        name = lesson_named(prefix)
        if name is None:
            message = f"no lesson notebooks/{prefix}*.ipynb yet"
            if _required():
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        return name
    return find
