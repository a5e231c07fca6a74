"""The app view: every lesson as a page in Voila, opened in headless Chromium as a learner would.

A private Voila (the one ``python workshop.py app`` starts, with the same configuration from
``app/jupyter-config``) serves a temporary copy of the lessons on 127.0.0.1, a free port and a
random token, with its own workspace. For every lesson: no code is visible (no input areas, and no
line of the lesson's code in the page's text), no ``notebook-only`` text, widgets rendered, no error
output, and axe-core finds no serious or critical violation on the page. One form (lesson 02's
research form) is driven end to end: save, see the list refresh, reload and find it still there.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser import jlab
from browser.voila import VoilaServer

ROOT = jlab.ROOT
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
BLOCKING = ("serious", "critical")


def conventions() -> Any:
    """tests/lessons/test_conventions.py (one list of lessons not yet converted, one set of patterns)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("iiw_conventions", ROOT / "tests" / "lessons" / "test_conventions.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


CONVENTIONS = conventions()


@pytest.fixture(scope="module")
def voila_server(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    server = VoilaServer(tmp_path_factory.mktemp("voila")).start()
    try:
        yield server
    finally:
        server.stop()


class AppPage:
    """One lesson opened in the app view."""

    def __init__(self, page: Any, server: VoilaServer, path: str) -> None:
        self.page, self.server, self.path = page, server, path
        self.console_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    def open(self, timeout: float = 120) -> "AppPage":
        started = time.monotonic()
        self.page.goto(self.server.url(self.path), timeout=timeout * 1000)
        self.wait_rendered(timeout)
        self.seconds = time.monotonic() - started
        return self

    def wait_rendered(self, timeout: float = 120) -> None:
        """Every cell has run (Voila shows the page) and no widget is still loading."""
        self.page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout * 1000)
        self.page.wait_for_function(
            """() => {
                const outputs = [...document.querySelectorAll('#rendered_cells .jp-OutputArea-output')];
                return !outputs.some(o => /Loading widget/.test(o.innerText || '')) &&
                       !document.querySelector('#rendered_cells .jupyter-widgets.jp-OutputArea-output:empty');
            }""", timeout=timeout * 1000, polling=200)
        self.page.wait_for_timeout(300)

    def text(self) -> str:
        return self.page.evaluate("() => document.querySelector('#rendered_cells').innerText")

    def markdown_text(self) -> str:
        return self.page.evaluate(
            "() => [...document.querySelectorAll('#rendered_cells .jp-MarkdownCell')].map(c => c.innerText).join('\\n')")

    def code_showing(self) -> int:
        return self.page.locator(
            "#rendered_cells .jp-CodeCell .jp-InputArea:visible, #rendered_cells .jp-InputPrompt:visible, "
            "#rendered_cells .jp-CodeMirrorEditor:visible, #rendered_cells .cm-editor:visible, "
            "#rendered_cells .CodeMirror:visible").count()

    def widget_count(self, wait: float = 60) -> int:
        """How many widgets are drawn, after waiting up to ``wait`` seconds for the first one (on a
        loaded machine Voila can show the page before its widget manager has drawn anything)."""
        widgets = self.page.locator("#rendered_cells .jupyter-widgets")
        try:
            widgets.first.wait_for(state="attached", timeout=wait * 1000)
        except Exception:  # noqa: BLE001 - none came: the caller's assertion says so
            return 0
        return widgets.count()

    def error_outputs(self) -> list[str]:
        return self.page.evaluate(
            """() => {
                const found = [];
                for (const out of document.querySelectorAll('#rendered_cells .jp-OutputArea-output')) {
                    const mime = out.getAttribute('data-mime-type') || '';
                    const text = (out.innerText || '').trim();
                    if (mime === 'application/vnd.jupyter.error' || mime === 'application/vnd.jupyter.stderr' ||
                        /Traceback \\(most recent call last\\)|Error displaying widget|There was an error when executing/.test(text))
                        found.push(text.slice(0, 400));
                }
                return found;
            }""")

    def axe(self) -> list[dict]:
        from axe_playwright_python.sync_playwright import Axe

        return Axe().run(self.page).response["violations"]


@pytest.fixture(scope="module")
def lab_with_voila(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """JupyterLab with Voila's server extension, configured the same way (a hub learner's server)."""
    server = VoilaServer(tmp_path_factory.mktemp("lab-voila"), app="lab").start(timeout=120)
    try:
        yield server
    finally:
        server.stop()


def _app_opener(request: pytest.FixtureRequest, chromium: Any, voila_server: VoilaServer, tmp_path: Path):
    voila_server.reset()
    contexts: list[Any] = []
    opened: list[AppPage] = []

    def open_page(path: str) -> AppPage:
        context = chromium.new_context(viewport=jlab.VIEWPORT)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = AppPage(context.new_page(), voila_server, path).open()
        opened.append(page)
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        notes = []
        for i, page in enumerate(opened):
            shot = tmp_path / f"app-view-failure-{i}.png"
            try:
                page.page.screenshot(path=str(shot), full_page=True)
                notes.append(f"screenshot: {shot}")
            except Exception as exc:
                notes.append(f"no screenshot ({exc})")
        notes.append(f"voila log (last lines):\n{voila_server.log_tail()}")
        report.sections.append(("app view diagnostics", "\n".join(notes)))
    for context in contexts:
        try:
            context.close()
        except Exception:
            pass
    voila_server.reset()


@pytest.fixture
def app(request: pytest.FixtureRequest, chromium: Any, voila_server: VoilaServer, tmp_path: Path):
    """Open app-view pages in fresh browser contexts on an empty workspace: ``app(path)``."""
    yield from _app_opener(request, chromium, voila_server, tmp_path)


@pytest.fixture
def app_in_lab(request: pytest.FixtureRequest, chromium: Any, lab_with_voila: VoilaServer, tmp_path: Path):
    """The same, through the app view inside JupyterLab."""
    yield from _app_opener(request, chromium, lab_with_voila, tmp_path)


def cells_of(path: Path) -> list[dict]:
    return CONVENTIONS.cells(path)


def code_lines(path: Path) -> list[str]:
    """Lines of code that the app view must not show (the appendix is left out entirely)."""
    lines = []
    for cell in cells_of(path):
        if cell["cell_type"] == "code":
            for line in cell["source"].splitlines():
                line = line.strip()
                if len(line) >= 12 and not line.startswith("#"):
                    lines.append(line)
    return lines


def notebook_only_snippets(path: Path) -> list[str]:
    """A piece of plain text from each cell the app view must leave out."""
    snippets = []
    for cell in cells_of(path):
        if CONVENTIONS.tags(cell) & {"notebook-only", "appendix"} and cell["cell_type"] == "markdown":
            words = re.sub(r"[*_`#>\[\]()]", " ", cell["source"]).split()
            if len(words) >= 4:
                snippets.append(" ".join(words[:6]))
    return snippets


def lesson_params() -> list:
    params = []
    for name in LESSONS:
        marks = [pytest.mark.xfail(strict=False, reason="its owner is converting it to the issue-15 conventions")] \
            if name in CONVENTIONS.NOT_YET_CONVERTED else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n.get('html', '')[:200]}" for n in v["nodes"][:4]]
    return "\n".join(lines)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_works_in_the_app_view(app, name: str):
    """Runs, draws its widgets, shows no code and no error, and passes axe (serious, critical)."""
    path = ROOT / "notebooks" / name
    page = app(f"notebooks/{name}")
    print(f"{name}: rendered with widgets in {page.seconds:.1f} s")
    assert page.code_showing() == 0, f"{name}: code input areas are visible in the app view"
    text = page.text()
    shown = [line for line in code_lines(path) if line in text]
    assert shown == [], f"{name}: lines of code visible in the app view: {shown[:5]}"
    assert page.error_outputs() == [], f"{name}: error output in the app view:\n" + "\n".join(page.error_outputs())
    uses_forms = any(re.search(r"\bforms\.\w+\(", c["source"]) for c in cells_of(path) if c["cell_type"] == "code"
                     and "appendix" not in CONVENTIONS.tags(c))
    if uses_forms:
        assert page.widget_count() > 0, f"{name}: its forms did not render in the app view"
    as_text = [t for t in page.page.locator("#rendered_cells .jp-OutputArea-output[data-mime-type='text/plain']")
               .all_inner_texts() if jlab.WIDGET_REPR.match(t)]
    assert as_text == [], f"{name}: a widget shown as text: {as_text[:2]}"
    for snippet in notebook_only_snippets(path):
        assert snippet not in text, f"{name}: notebook-only text is visible in the app view: {snippet!r}"
    blocking = [v for v in page.axe() if v["impact"] in BLOCKING]
    assert blocking == [], f"{name}: axe in the app view:\n{describe(blocking)}"


@pytest.mark.parametrize("name", lesson_params())
def test_no_notebook_instruction_is_visible_in_the_app_view(app, name: str):
    """Text that only makes sense in a notebook (Shift+Enter, run this cell, ...) is not shown."""
    page = app(f"notebooks/{name}")
    markdown = page.markdown_text()
    said = [f"{m.group(0)!r} ({what})" for pattern, what in CONVENTIONS.NOTEBOOK_ONLY_TEXT
            for m in [pattern.search(markdown)] if m]
    assert said == [], f"{name}: the app view shows notebook instructions: {said}"


def test_cells_tagged_notebook_only_or_appendix_never_reach_the_app_view(app, voila_server: VoilaServer):
    """A throwaway page with one cell of each kind: only the plain cells show, the appendix never runs."""
    check_tagged_cells(app, voila_server)


def test_inside_jupyterlab_the_app_view_also_leaves_them_out_and_draws_the_forms(app_in_lab,
                                                                                lab_with_voila: VoilaServer):
    """Voila's server extension in a learner's own JupyterLab (as on a hub): the same rules."""
    check_tagged_cells(app_in_lab, lab_with_voila)
    page = app_in_lab("notebooks/02-research-to-questions.ipynb")
    assert page.code_showing() == 0 and page.widget_count() > 0
    assert page.error_outputs() == []
    for snippet in notebook_only_snippets(ROOT / "notebooks" / "02-research-to-questions.ipynb"):
        assert snippet not in page.text()


def check_tagged_cells(app, voila_server: VoilaServer) -> None:
    check = {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
             "cells": [
                 {"cell_type": "markdown", "metadata": {}, "source": "# Check\n\nIIW shown in the app"},
                 {"cell_type": "markdown", "metadata": {"tags": ["notebook-only"]},
                  "source": "IIW notebook only: press Shift+Enter to run this cell"},
                 {"cell_type": "code", "metadata": {"jupyter": {"source_hidden": True}}, "outputs": [],
                  "execution_count": None, "source": "import ipywidgets as w\nw.Button(description='IIW form button')"},
                 {"cell_type": "code", "metadata": {"tags": ["appendix"]}, "outputs": [], "execution_count": None,
                  "source": "print('IIW appendix ' + 'ran')"},
                 {"cell_type": "markdown", "metadata": {"tags": ["appendix"]}, "source": "IIW appendix text here"}]}
    (voila_server.root / "notebooks" / "zz-check.ipynb").write_text(json.dumps(check), encoding="utf-8")
    page = app("notebooks/zz-check.ipynb")
    text = page.text()
    assert "IIW shown in the app" in text
    jlab.expect(page.page.get_by_role("button", name="IIW form button")).to_be_visible()
    assert "IIW notebook only" not in text and "Shift+Enter" not in text
    assert "IIW appendix" not in text and "w.Button" not in text
    assert page.code_showing() == 0


def test_the_index_lists_every_lesson_and_where_work_is_saved(app, voila_server: VoilaServer):
    page = app("app/index.ipynb")
    assert page.page.title().startswith("Informational Interview Workshop")
    for name in LESSONS:
        link = page.page.locator(f"nav a[href$='notebooks/{name}']")
        assert link.count() == 1, f"the index's list of lessons has no link to {name}"
    assert str(voila_server.workspace) in page.text()
    assert "Shift+Enter" not in page.text() and "voila/render" not in page.text()
    blocking = [v for v in page.axe() if v["impact"] in BLOCKING]
    assert blocking == [], describe(blocking)
    # A link opens that lesson's app view in a new tab (the index stays open; the token's cookie
    # carries over).
    with page.page.context.expect_page() as opened:
        page.page.locator("nav a[href$='notebooks/02-research-to-questions.ipynb']").click()
    lesson = AppPage(opened.value, voila_server, "notebooks/02-research-to-questions.ipynb")
    lesson.page.wait_for_url(re.compile(r"/voila/render/notebooks/02-research-to-questions\.ipynb"))
    lesson.wait_rendered()
    assert lesson.code_showing() == 0 and lesson.widget_count() > 0


def test_a_form_saves_and_its_output_refreshes_in_the_app_view(app, voila_server: VoilaServer):
    """Lesson 02's research form: save a finding, see the list update, reload: it is still there."""
    page = app("notebooks/02-research-to-questions.ipynb")
    form = page.page.locator(".jp-OutputArea-output").filter(
        has=page.page.locator(".jupyter-widgets h3", has_text=re.compile("research", re.I))).first
    jlab.expect(form).to_be_visible()
    before = set(p.name for p in voila_server.workspace.iterdir())
    jlab.Lesson.field(form, "Topic").fill("Community nursing in Leeds")
    jlab.Lesson.field(form, "What my research says").fill("Hospitals in the region are short of night-shift nurses.")
    jlab.Lesson.button(form, "Save finding").click()
    jlab.expect(form).to_contain_text("Hypothesis to test", timeout=20_000)
    jlab.expect(form).to_contain_text("short of night-shift nurses", timeout=20_000)
    after = set(p.name for p in voila_server.workspace.iterdir())
    assert after - before, "saving wrote nothing into the workspace"
    # A new page (a new kernel) reads it back from disk.
    again = app("notebooks/02-research-to-questions.ipynb")
    jlab.expect(again.page.locator("#rendered_cells")).to_contain_text("short of night-shift nurses")


@pytest.mark.parametrize("name", ["instructor/01-class-summary.ipynb", "instructor/02-instructor-notes.ipynb"])
def test_instructor_pages_in_the_app_view(app, name: str):
    """The class view (readiness chart included) and the instructor notes as app-view pages: no
    error, no output that scrolls out of the keyboard's reach; the class view has no serious axe
    violation at all (the notes page's links in running text are not underlined in the app view's
    theme: axe link-in-text-block, left to that page's owner)."""
    from browser import scrolling

    page = app(f"notebooks/{name}")
    assert page.error_outputs() == [], f"{name}: error output in the app view:\n" + "\n".join(page.error_outputs())
    assert scrolling.unreachable(page.page, "#rendered_cells") == [], \
        f"{name}: an output scrolls and the keyboard cannot reach it"
    found = page.axe()
    assert [v for v in found if v["id"] == "scrollable-region-focusable"] == [], describe(found)
    if name.startswith("instructor/01-"):
        blocking = [v for v in found if v["impact"] in BLOCKING]
        assert blocking == [], f"{name}: axe in the app view:\n{describe(blocking)}"
        alt = page.page.locator("#rendered_cells figure img[alt*='self-ratings']").get_attribute("alt")
        assert alt and "not a measure of their skill" in alt
        assert "not a measure of their skill" in page.text()


# ---------------------------------------------------------------------------------------
# Progress on the index, read from the saved work (helpers/progress.py)
# ---------------------------------------------------------------------------------------
def _progress_rows(page: AppPage) -> dict[str, str]:
    """Lesson number -> the text of its row in the progress table."""
    table = page.page.locator("#rendered_cells table.iiw-progress")
    jlab.expect(table).to_be_visible()
    rows = table.locator("tbody tr").all_inner_texts()
    return {text.strip()[:2]: " ".join(text.split()) for text in rows}


def _state(row: str) -> str:
    from helpers import progress

    for state in (progress.UNREADABLE, progress.NOT_STARTED, progress.STARTED, progress.DONE):
        if state in row:
            return state
    return ""


def _check_page(page: AppPage) -> None:
    assert page.error_outputs() == [], page.error_outputs()
    assert "Traceback" not in page.text()
    blocking = [v for v in page.axe() if v["impact"] in BLOCKING]
    assert blocking == [], describe(blocking)


def test_the_index_shows_progress_on_an_empty_workspace(app, voila_server: VoilaServer):
    from helpers import lessons

    page = app("app/index.ipynb")
    rows = _progress_rows(page)
    assert sorted(rows) == [name[:2] for name in LESSONS]
    assert {_state(r) for r in rows.values()} == {"not started"}
    assert all("Done when" in r for r in rows.values())
    text = page.text()
    assert f"Minutes left: about {lessons.total_minutes()}" in text
    pick = page.page.locator("#rendered_cells p", has_text="Pick up here").locator("a")
    assert pick.get_attribute("href").endswith("notebooks/00-start-here.ipynb")
    route = page.page.locator("#rendered_cells section[aria-label='The essentials in about an hour'] li")
    assert route.count() >= 3 and "60 minutes" in text
    _check_page(page)


def _half_done(folder: Path) -> None:
    from helpers import quiz

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "readiness.json").write_text(json.dumps({"version": 1, "takings": [
        {"key": "2026-03-02-before-1", "when": "before", "date": "2026-03-02", "ratings": {"request-email": 2}}]}))
    (folder / "quiz.json").write_text(json.dumps({"version": 1, "reflections": {}, "answers": {
        q.id: {"prompt": q.id, "letter": "A", "choice": "x", "correct": False} for q in quiz.questions()}}))
    (folder / "research.json").write_text(json.dumps({"version": 1, "next_id": {"research": 2}, "research": [
        {"id": 1, "topic": "Nursing <care>", "finding": "Wards are short of night staff."}]}))


def test_the_index_shows_progress_on_a_half_done_workspace(app, voila_server: VoilaServer):
    _half_done(voila_server.workspace)
    page = app("app/index.ipynb")
    rows = _progress_rows(page)
    assert _state(rows["00"]) == _state(rows["01"]) == "done"
    assert _state(rows["02"]) == "started" and _state(rows["03"]) == "not started"
    pick = page.page.locator("#rendered_cells p", has_text="Pick up here").locator("a")
    assert pick.get_attribute("href").endswith("notebooks/02-research-to-questions.ipynb")
    _check_page(page)


def test_the_index_shows_progress_on_a_finished_workspace(app, voila_server: VoilaServer,
                                                         monkeypatch: pytest.MonkeyPatch):
    from progresstools import _everything

    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(voila_server.workspace))   # the stores write there
    _everything(voila_server.workspace)
    page = app("app/index.ipynb")
    rows = _progress_rows(page)
    assert {_state(r) for r in rows.values()} == {"done"}, rows
    text = page.text()
    assert "You have done every lesson" in text and "Pick up here" not in text
    _check_page(page)


def test_the_index_says_which_saved_work_it_could_not_read(app, voila_server: VoilaServer):
    _half_done(voila_server.workspace)
    damaged = b'{"version": 1, "answers": [<script>alert(1)</script>'
    (voila_server.workspace / "quiz.json").write_bytes(damaged)
    page = app("app/index.ipynb")
    rows = _progress_rows(page)
    assert _state(rows["01"]) == "could not read your saved work"
    assert "quiz.json" in rows["01"] and "move it aside" in rows["01"].lower()
    assert _state(rows["00"]) == "done", "one damaged file hides nothing else"
    assert page.page.locator("#rendered_cells table.iiw-progress script").count() == 0
    assert (voila_server.workspace / "quiz.json").read_bytes() == damaged, "showing progress changed the file"
    _check_page(page)
