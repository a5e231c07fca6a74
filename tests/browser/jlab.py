"""Drive the lessons in a real front end: a private Jupyter server and headless Chromium.

Plain functions and classes (no pytest), so the fixtures in ``conftest.py`` and
``scripts/screenshots.py`` share them. Playwright is imported only inside functions, so this
module imports fine on a machine without it (the tests then skip, or fail under
``REQUIRE_BROWSER=1``).

A server serves a temporary *copy* of ``notebooks/`` (outputs are never written back), has its
own config, data, runtime and IPython directories, the news pop-up switched off, and points
``INTERVIEW_WORKSPACE`` at its own temporary folder. It listens on 127.0.0.1 only, on a free
port, with a random token, and is stopped by its own process id.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# The Debian Chromium; CHROMIUM_PATH may point at another Chromium or Chrome (never a downloaded one).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 1400}
# axe-core scans only what the lessons show, not JupyterLab's own interface.
AXE_SCOPE = {"include": [[".jp-OutputArea-output"]]}

# Settings for the private server (written as user settings into its own config folder):
# no news pop-up, no update check, no autosave (the served copy stays as it was copied).
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

# How a widget looks when the front end cannot render widgets at all: its Python repr as text.
WIDGET_REPR = re.compile(r"^\s*(VBox|HBox|Box|GridBox|Button|Text|Textarea|HTML|Output|Dropdown|"
                         r"Select|Checkbox|Tab|Accordion|Label|IntSlider|RadioButtons)\(")
# Every kind of form control that can appear in a lesson's outputs.
CONTROLS = ", ".join(f".jp-OutputArea-output {tag}" for tag in (
    "input:not([type=hidden])", "textarea", "select", "button", "[role=button]", "[role=slider]",
    "[role=checkbox]", "[role=combobox]", "[role=textbox]", "[contenteditable=true]"))
# A name a screen reader can say: not only spaces, zero-width characters or icon-font glyphs.
VISIBLE_NAME = re.compile(r"[^\s\u200b-\u200f\u2060\ufeff\ue000-\uf8ff]")


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (f"Chromium was not found at {CHROMIUM}. To run them, install it (Debian/Ubuntu: "
                "`sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome program.")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("the Python package 'playwright' is not installed (it is in tests/requirements.txt; "
                "`python workshop.py test` installs it).")
    return None


def lessons(folder: Path = NOTEBOOKS) -> list[str]:
    """Every lesson present now, as paths relative to ``notebooks/`` (instructor notebooks too)."""
    found = sorted(folder.glob("*.ipynb")) + sorted((folder / "instructor").glob("*.ipynb"))
    return [str(p.relative_to(folder)) for p in found if not p.name.startswith("Untitled")]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """A private ``jupyter lab`` (or ``jupyter notebook``) serving a copy of the lessons."""

    def __init__(self, base: Path, app: str = "lab", source: Path = NOTEBOOKS) -> None:
        self.base = Path(base)
        self.app = app
        self.source = source
        self.root = self.base / "served"          # the copy of notebooks/ the server shows
        self.workspace = self.base / "workspace"  # INTERVIEW_WORKSPACE for every kernel
        self.log_file = self.base / f"jupyter-{app}.log"
        self.token = secrets.token_hex(24)
        self.port = 0
        self.process: subprocess.Popen | None = None

    # ---- life cycle -------------------------------------------------------------------
    def start(self, timeout: float = 90) -> "JupyterServer":
        for name in ("config", "data", "runtime", "ipython"):
            (self.base / name).mkdir(parents=True, exist_ok=True)
        for rel, values in USER_SETTINGS.items():
            target = self.base / "config" / "lab" / "user-settings" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        self.copy_lessons()
        self.workspace.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "JPY_")) and k not in ("MPLBACKEND", "INTERVIEW_CONTENT")}
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.base / "config"),
            "JUPYTER_DATA_DIR": str(self.base / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.base / "runtime"),
            "IPYTHONDIR": str(self.base / "ipython"),
            "INTERVIEW_WORKSPACE": str(self.workspace),
            # kernels run with this same Python (the one that has the helpers installed)
            "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        })
        last_error = ""
        for _attempt in range(3):  # a free port can be taken between choosing and binding it
            self.port = free_port()
            cmd = [sys.executable, "-m", "jupyter", self.app, "--no-browser", "--allow-root",
                   "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}"]
            log = open(self.log_file, "ab")
            self.process = subprocess.Popen(cmd, env=env, cwd=self.base, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
            log.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    last_error = f"jupyter {self.app} exited with code {self.process.returncode}"
                    break
                try:
                    self.api("GET", "/api/status")
                    return self
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(0.2)
            else:
                self.stop()
                raise RuntimeError(f"jupyter {self.app} did not answer within {timeout:.0f} s.\n{self.log_tail()}")
        raise RuntimeError(f"{last_error}\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the server by its own process id (its kernels stop with it)."""
        proc, self.process = self.process, None
        stop_process(proc)

    def __enter__(self) -> "JupyterServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- state between tests -------------------------------------------------------------
    def copy_lessons(self) -> None:
        """(Re)copy the committed lessons, cleared, over whatever the last test left."""
        if self.root.exists():
            shutil.rmtree(self.root)
        shutil.copytree(self.source, self.root,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))

    def reset(self) -> None:
        """Shut every kernel down, empty the workspace and put fresh lesson copies in place."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except (urllib.error.URLError, OSError):
            pass
        if self.workspace.exists():
            shutil.rmtree(self.workspace)
        self.workspace.mkdir(parents=True)
        self.copy_lessons()

    # ---- talking to it -------------------------------------------------------------------
    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}{path}{sep}token={self.token}"

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        if self.app == "notebook":
            return self.url(f"/notebooks/{name}")
        return self.url(f"/lab/tree/{name}?reset")

    def kernel_states(self) -> list[str]:
        """Each running kernel's state as the server sees it (["unknown"] while it cannot say:
        jupyter_server answers 500 if asked in the instant a kernel is being set up)."""
        try:
            return [k.get("execution_state", "") for k in self.api("GET", "/api/kernels")]
        except (urllib.error.URLError, OSError, ValueError):
            return ["unknown"]

    def log_tail(self, lines: int = 40) -> str:
        return tail(self.log_file, lines)


def stop_process(proc: "subprocess.Popen | None") -> None:
    """SIGTERM to a server's own process, then a kill if it has not stopped within 20 s."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def tail(path: Path, lines: int) -> str:
    """The last lines of a server's log file ("" when there is none)."""
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# ---- the browser --------------------------------------------------------------------------
def launch(playwright: Any) -> Any:
    """Headless Debian Chromium (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)


class Lesson:
    """One open notebook page, driven as a learner would (menus, labels, button texts)."""

    def __init__(self, page: Any, server: JupyterServer, name: str) -> None:
        self.page = page
        self.server = server
        self.name = name
        self.console_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    # ---- opening and running -------------------------------------------------------------
    def open(self, timeout: float = 60) -> "Lesson":
        self.page.goto(self.server.notebook_url(self.name))
        self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=timeout * 1000)
        self.wait_kernel_idle(timeout)
        return self

    def wait_kernel_idle(self, timeout: float = 60) -> None:
        """Wait until the server has a kernel and every kernel reports idle, and the page agrees."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = self.server.kernel_states()
            if states and all(s == "idle" for s in states) and self._page_says_idle():
                return
            time.sleep(0.25)
        raise AssertionError(f"{self.name}: the kernel did not become idle within {timeout:.0f} s "
                             f"(server says {self.server.kernel_states()})")

    def _page_says_idle(self) -> bool:
        if self.server.app == "lab":
            return self.page.locator(".jp-StatusBar-Item", has_text="| Idle").count() > 0
        # Notebook 7 has no status bar: its kernel indicator carries the status in a title/aria.
        return self.page.evaluate(
            """() => {
                const el = document.querySelector('.jp-NotebookKernelStatus, .jp-Notebook-ExecutionIndicator');
                return !el || !/busy|starting|connecting|restarting/i.test(
                    (el.getAttribute('title') || '') + ' ' + (el.getAttribute('aria-label') || '') + ' ' + (el.textContent || ''));
            }""")

    def menu(self, top: str, item: str) -> None:
        """Click a menu-bar entry, then an item in the menu it opens (by visible text)."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(top)}$")).click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}")).first.click()

    def run_all(self, timeout: float = 180) -> "Lesson":
        """Run > Run All Cells, then wait until every cell ran (or one failed) and the kernel is idle."""
        self.menu("Run", "Run All Cells")
        self.wait_until_ran(timeout)
        return self

    def restart_and_run_all(self, timeout: float = 180) -> "Lesson":
        """Kernel > Restart Kernel and Run All Cells..., confirm, and wait as for Run All."""
        self.menu("Kernel", "Restart Kernel and Run All Cells")
        self.page.locator(".jp-Dialog button", has_text=re.compile(r"^(Restart|Confirm Kernel Restart)")).first.click()
        # The old numbers vanish when the restart clears the outputs; then the new run starts.
        self.page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .every(p => !/\\[\\d+\\]/.test(p.textContent))""", timeout=60_000, polling=100)
        self.wait_until_ran(timeout)
        return self

    def prompts(self) -> list[str]:
        return self.page.locator(".jp-CodeCell .jp-InputArea .jp-InputPrompt").all_inner_texts()

    def wait_until_ran(self, timeout: float = 180) -> None:
        """Every code cell has an execution number (or an error stopped the run), nothing is
        queued, the kernel is idle, and widgets have finished loading; the same for three polls in a row."""
        deadline = time.monotonic() + timeout
        stable = 0
        while time.monotonic() < deadline:
            state = self.page.evaluate(
                """() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea .jp-InputPrompt')]
                                    .map(p => p.textContent.trim());
                    const text = [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.textContent).join('\\n');
                    return {prompts,
                            errors: document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
                            loading: /Loading widget/.test(text)};
                }""")
            prompts = state["prompts"]
            queued = any("*" in p for p in prompts)
            all_ran = all(re.search(r"\[\d+\]", p) for p in prompts)
            done = not queued and (all_ran or state["errors"] > 0) and not state["loading"]
            states = self.server.kernel_states()
            if done and states and all(s == "idle" for s in states):
                stable += 1
                if stable >= 3:
                    return
            else:
                stable = 0
            time.sleep(0.3)
        raise AssertionError(f"{self.name}: Run All did not finish within {timeout:.0f} s; prompts: "
                             f"{self.prompts()}; kernels: {self.server.kernel_states()}")

    # ---- what the learner sees ----------------------------------------------------------------
    def problems(self) -> list[str]:
        """Everything on the page a learner should never see after Run All, as readable lines."""
        found: list[str] = self.page.evaluate(
            """(widgetRepr) => {
                const found = [];
                const re = new RegExp(widgetRepr);
                const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
                cells.forEach((cell, i) => {
                    const where = `cell ${i + 1}`;
                    // A cell whose code is hidden (source_hidden) shows a placeholder and no execution
                    // number: its outputs below are what tell whether it ran.
                    if (cell.classList.contains('jp-CodeCell') && !cell.querySelector('.jp-InputPlaceholder')) {
                        const prompt = (cell.querySelector('.jp-InputArea .jp-InputPrompt') || {}).textContent || '';
                        if (!/\\[\\d+\\]/.test(prompt)) found.push(`${where}: did not run (prompt '${prompt.trim()}')`);
                    }
                    for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
                        const mime = out.getAttribute('data-mime-type') || '';
                        const text = (out.innerText || out.textContent || '').trim();
                        // JupyterLab shows a traceback with the stderr mime type too: tell them apart by text.
                        if (mime === 'application/vnd.jupyter.error' ||
                            (mime === 'application/vnd.jupyter.stderr' && /Traceback \\(most recent call last\\)|^-{20,}/m.test(text)))
                            found.push(`${where}: error output: ${text.slice(0, 600)}`);
                        else if (mime === 'application/vnd.jupyter.stderr')
                            found.push(`${where}: stderr output: ${text.slice(0, 600)}`);
                        if (/Error displaying widget/.test(text)) found.push(`${where}: ${text.slice(0, 300)}`);
                        if (/Loading widget/.test(text)) found.push(`${where}: widget never finished loading`);
                        if (mime === 'text/plain' && re.test(text))
                            found.push(`${where}: a widget shown as text (is the widget extension missing?): ${text.slice(0, 120)}`);
                        for (const img of out.querySelectorAll('img')) {
                            if (!img.complete || img.naturalWidth === 0)
                                found.push(`${where}: an image did not load (alt '${img.getAttribute('alt') || ''}')`);
                        }
                        for (const fig of out.querySelectorAll('figure')) {
                            if (!fig.querySelector('img, svg, canvas'))
                                found.push(`${where}: a figure with no chart in it`);
                        }
                    }
                });
                return found;
            }""", WIDGET_REPR.pattern)
        return found

    def hidden_code_cells(self) -> set[str]:
        """``"cell N"`` for each code cell that shows no execution number (its input collapsed)."""
        return set(self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].flatMap((cell, i) =>
                   cell.classList.contains('jp-CodeCell') &&
                   !((cell.querySelector('.jp-InputArea .jp-InputPrompt') || {}).textContent || '').trim()
                   ? [`cell ${i + 1}`] : [])"""))

    def problems_shown(self) -> list[str]:
        """:meth:`problems` without "did not run" for cells whose code is hidden: JupyterLab shows no
        execution number on a collapsed input, so those are checked by the widget each one shows."""
        hidden = self.hidden_code_cells()
        return [p for p in self.problems() if not (p.split(":")[0] in hidden and "did not run" in p)]

    def run_all_clean(self, hidden_code: bool = False) -> "Lesson":
        """Run All, then fail unless the page shows no problem (:meth:`problems`, or
        :meth:`problems_shown` with ``hidden_code`` for lessons whose code cells are collapsed)."""
        self.run_all()
        found = self.problems_shown() if hidden_code else self.problems()
        assert found == [], f"{self.name} after Run All: {found}"
        return self

    def unnamed_controls(self) -> list[str]:
        """Form controls in the outputs whose accessible name (as Chromium computes it for a
        screen reader) is empty: every field and button must say what it is."""
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            ids = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": CONTROLS})["nodeIds"]
            unnamed = []
            for node_id in ids:
                nodes = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False})["nodes"]
                if not nodes or nodes[0].get("ignored"):
                    continue  # not exposed to assistive technology (hidden)
                node = nodes[0]
                name = str(node.get("name", {}).get("value", ""))
                if not VISIBLE_NAME.search(name):
                    html = cdp.send("DOM.getOuterHTML", {"nodeId": node_id})["outerHTML"]
                    unnamed.append(f"{node.get('role', {}).get('value', '?')} with no accessible name: {html[:160]}")
            return unnamed
        finally:
            cdp.detach()

    def widget_count(self) -> int:
        return self.page.locator(".jp-OutputArea-output .jupyter-widgets").count()

    def chart_count(self) -> int:
        """Loaded chart images in the outputs (figures and plain image outputs)."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
                     .filter(i => i.complete && i.naturalWidth > 0).length""")

    # ---- finding a form and its parts by what the learner reads -------------------------------
    def form(self, title: str) -> Any:
        """The output holding the form whose heading says ``title`` (the last one if repeated)."""
        return self.page.locator(".jp-OutputArea-output").filter(
            has=self.page.locator(".jupyter-widgets h3", has_text=title)).last

    @staticmethod
    def field(form: Any, label: str) -> Any:
        """A form field found by the start of its visible label (its ipywidgets description)."""
        return form.get_by_label(re.compile(r"^\s*" + re.escape(label)))

    @staticmethod
    def message_beside(form: Any, label: str) -> Any:
        """The message line shown directly under a field (the form puts them in one box)."""
        return Lesson.field(form, label).locator(
            "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' widget-vbox ')][1]"
            "/div[contains(concat(' ', normalize-space(@class), ' '), ' widget-html ')]")

    @staticmethod
    def button(form: Any, text: str) -> Any:
        return form.get_by_role("button", name=text, exact=True)


def expect(target: Any) -> Any:
    """Playwright's waiting assertions (imported late: this module must import without it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def notebook_source(name: str, folder: Path = NOTEBOOKS) -> str:
    """All code of a lesson, joined (to know what the lesson should show)."""
    nb = json.loads((folder / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code")


def throwaway_notebook(cells: list[str]) -> str:
    """A small notebook (JSON text) of code cells, to prove that the checks can fail."""
    return json.dumps({
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [{"cell_type": "markdown", "id": "m0", "metadata": {}, "source": "# Throwaway"}] + [
            {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [],
             "source": src} for i, src in enumerate(cells)],
    })
