"""The launcher (workshop.py) tells the truth: run for real, in temporary copies of the repository.

What is checked by running it: ``--help`` and unknown commands; a Python that is too old is
refused before anything is made; a ``.venv`` made by another Python is rebuilt with a message; a
failed install says what failed and keeps the log; JupyterLab starts at the repository root on the
first lesson with one friendly block (address, where work is saved, how to stop), options pass
through (``--allow-root``, ``--port``, ``--no-browser``), the news pop-up is off, the app view
leaves ``notebook-only`` and ``appendix`` cells out, and Ctrl+C (SIGINT to the launcher's process
group, as a terminal sends it) stops the server with no traceback and no stale runtime files.
The same for ``workshop.py app`` (Voila).

The server tests reuse the environment that runs the tests (``.venv`` is a symlink in the copy),
so nothing is installed; they are skipped when that environment was not installed from the
current requirement files (``python workshop.py setup --test`` fixes that).
"""
from __future__ import annotations

import hashlib
import http.cookiejar
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_VENV = ROOT / ".venv"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_FLAG = ["--allow-root"] if IS_ROOT else []
POSIX = os.name == "posix"


pytestmark = pytest.mark.launcher


def load_launcher():
    spec = importlib.util.spec_from_file_location("workshop_launcher", ROOT / "workshop.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


workshop = load_launcher()


def pyenv_python(minor: str) -> Path | None:
    """A real interpreter of that version (pyenv's, or pythonX.Y on PATH), if this machine has one."""
    found = sorted((Path.home() / ".pyenv" / "versions").glob(f"{minor}.*/bin/python{minor}"))
    if found:
        return found[-1]
    which = shutil.which(f"python{minor}")
    return Path(which) if which else None


def copy_repo(dest: Path) -> Path:
    """The launcher, its requirement files, the app view and the lessons: enough to run it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("workshop.py", "requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    (dest / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "requirements.txt", dest / "tests" / "requirements.txt")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("app", "notebooks", ".binder"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    return dest


def shared_env_ready() -> str | None:
    """Why the environment running these tests cannot stand in for a learner's .venv, or None."""
    if not (SHARED_VENV / "pyvenv.cfg").exists():
        return f"no {SHARED_VENV} here"
    try:
        if Path(sys.prefix).resolve() != SHARED_VENV.resolve():
            return f"the tests are not running in {SHARED_VENV}"
    except OSError as exc:
        return str(exc)
    for test in (True, False):
        files = [ROOT / "requirements.txt", ROOT / "pyproject.toml"] + ([ROOT / "tests/requirements.txt"] if test else [])
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
        stamp = SHARED_VENV / f".installed-{'test' if test else 'lab'}"
        if stamp.exists() and stamp.read_text().strip() == digest:
            return None
    return ("the environment was not installed from the current requirement files "
            "(run `python workshop.py setup --test`)")


@pytest.fixture
def ready_copy(tmp_path: Path) -> Path:
    """A copy of the repository whose .venv is the environment running the tests."""
    reason = shared_env_ready()
    if reason:
        pytest.skip(reason)
    copy = copy_repo(tmp_path / "repo")
    (copy / ".venv").symlink_to(SHARED_VENV, target_is_directory=True)
    return copy


def run(copy: Path, *args: str, python: str | Path = sys.executable, timeout: float = 300,
        env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), str(copy / "workshop.py"), *args], cwd=copy, capture_output=True,
                          text=True, timeout=timeout, env=env or dict(os.environ), stdin=subprocess.DEVNULL)


def no_traceback(text: str) -> None:
    assert "Traceback (most recent call last)" not in text, text
    assert "KeyboardInterrupt" not in text, text


# ---- commands and options ----------------------------------------------------------------------
def test_help_names_the_commands_and_the_supported_pythons(tmp_path: Path):
    out = run(copy_repo(tmp_path / "repo"), "--help", timeout=30)
    assert out.returncode == 0
    for word in ("workshop.py app", "workshop.py test", "--allow-root", "3.11, 3.12 or 3.13", "Ctrl+C"):
        assert word in out.stdout
    assert not (tmp_path / "repo" / ".venv").exists(), "--help must not set anything up"


def test_an_unknown_command_is_refused_with_the_help(tmp_path: Path):
    out = run(copy_repo(tmp_path / "repo"), "frobnicate", timeout=30)
    assert out.returncode == 2
    assert "Unknown command 'frobnicate'" in out.stderr and "workshop.py app" in out.stderr
    assert not (tmp_path / "repo" / ".venv").exists()


@pytest.mark.parametrize("argv, expected", [
    ([], ("lab", [])),
    (["--allow-root"], ("lab", ["--allow-root"])),
    (["--port=8890", "--no-browser"], ("lab", ["--port=8890", "--no-browser"])),
    (["lab", "--ServerApp.port_retries=0"], ("lab", ["--ServerApp.port_retries=0"])),
    (["app", "--port=8870"], ("app", ["--port=8870"])),
    (["test", "-k", "log"], ("test", ["-k", "log"])),
    (["-h"], ("help", [])),
])
def test_options_go_to_the_program_behind_the_command(argv, expected):
    assert workshop.split(argv) == expected


# ---- which Python --------------------------------------------------------------------------------
def test_the_stated_python_versions_agree_everywhere():
    """README, workshop.py, pyproject and Binder's runtime say the same (proven by real installs)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert workshop.SUPPORTED_TEXT == "3.11, 3.12 or 3.13" and workshop.OLDEST == (3, 11)
    assert workshop.NEWEST_TESTED == (3, 13)
    assert "Python 3.11, 3.12 or 3.13" in readme and "3.10 or newer" not in readme
    assert 'requires-python = ">=3.11"' in pyproject
    assert "Python 3.11, 3.12 or 3.13" in workshop.__doc__
    runtime = (ROOT / ".binder" / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+)\.(\d+)", runtime)
    assert m and workshop.OLDEST <= (int(m.group(1)), int(m.group(2))) <= workshop.NEWEST_TESTED


def test_a_python_that_is_too_old_is_refused_before_anything_is_made(tmp_path: Path):
    old = pyenv_python("3.10")
    if old is None:
        pytest.skip("no Python 3.10 on this machine")
    copy = copy_repo(tmp_path / "repo")
    out = run(copy, "setup", python=old, timeout=60)
    assert out.returncode != 0
    assert "needs Python 3.11, 3.12 or 3.13; this is Python 3.10" in out.stderr
    assert "python.org" in out.stderr
    assert not (copy / ".venv").exists()
    no_traceback(out.stdout + out.stderr)


def make_other_venv(where: Path) -> str:
    """A .venv made by another Python: a real one from 3.12 (or 3.13) when there is one, else
    the same marker a venv has (pyvenv.cfg and bin/python). Returns that Python's version."""
    for minor in ("3.12", "3.13"):
        other = pyenv_python(minor)
        if other is not None and f"{sys.version_info[0]}.{sys.version_info[1]}" != minor:
            subprocess.run([str(other), "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
            return workshop.venv_version(where) or minor
    (where / "bin").mkdir(parents=True)
    (where / "bin" / "python").write_text("#!/bin/sh\nexit 1\n")
    (where / "pyvenv.cfg").write_text("home = /nowhere\nversion = 3.9.18\n")
    return "3.9.18"


def test_a_venv_made_by_another_python_is_rebuilt_with_a_message(tmp_path: Path):
    copy = copy_repo(tmp_path / "repo")
    made_by = make_other_venv(copy / ".venv")
    # The install itself is not what this test is about: a requirement that is already there.
    (copy / "requirements.txt").write_text("pip\n")
    (copy / "my_work").mkdir()
    (copy / "my_work" / "interview_log.csv").write_text("kept\n")
    this = f"{sys.version_info[0]}.{sys.version_info[1]}"
    out = run(copy, "setup")
    text = out.stdout + out.stderr
    assert out.returncode == 0, text
    assert f"it was made by Python {made_by}, and this is Python {this}" in text
    assert f"Rebuilding it with Python {this}" in text and "Your work (my_work/) is not touched" in text
    assert workshop.venv_version(copy / ".venv").startswith(this + ".")
    assert workshop.venv_python(copy / ".venv").exists()
    assert (copy / ".venv" / ".installed-lab").exists()
    assert (copy / "my_work" / "interview_log.csv").read_text() == "kept\n"
    assert "pip's progress follows" in text  # pip's own output is not silenced
    no_traceback(text)
    # Run again: the same Python keeps the environment (no rebuild, no install).
    again = run(copy, "setup")
    assert again.returncode == 0 and "Rebuilding" not in again.stdout and "Installing" not in again.stdout


def test_why_rebuild_reads_the_venv_marker(tmp_path: Path):
    venv_dir = tmp_path / "v"
    assert workshop.why_rebuild(venv_dir) is None  # nothing there yet: made fresh, not rebuilt
    venv_dir.mkdir()
    assert "incomplete" in workshop.why_rebuild(venv_dir)
    (venv_dir / "pyvenv.cfg").write_text("home = /x\nversion_info = 3.12.1.final.0\n")
    assert workshop.why_rebuild(venv_dir, this=(3, 11)) == "it was made by Python 3.12.1, and this is Python 3.11"
    assert "Python program is missing" in workshop.why_rebuild(venv_dir, this=(3, 12))


# ---- a failed install ------------------------------------------------------------------------------
def test_a_failed_install_says_what_failed_and_keeps_the_log(tmp_path: Path):
    copy = copy_repo(tmp_path / "repo")
    missing = tmp_path / "no-such-folder" / "iiw-missing-package"
    (copy / "requirements.txt").write_text(f"iiw-missing-package @ {missing.as_uri()}\n")
    out = run(copy, "setup")
    text = out.stdout + out.stderr
    assert out.returncode != 0
    assert "Installing the packages failed" in out.stderr
    assert "check your internet connection" not in text.lower()
    log = copy / ".venv" / "pip-install.log"
    assert log.exists() and str(log) in out.stderr
    assert not (copy / ".venv" / ".installed-lab").exists(), "a failed install must not be marked done"
    assert "Traceback (most recent call last)" not in out.stderr


# Lines as pip writes them (the first seen on this machine: Python 3.10 and ipykernel 7.4.0).
PIP_FAILURES = [
    ("ERROR: Package 'ipykernel' requires a different Python: 3.10.13 not in '>=3.11'",
     ["ipykernel needs Python >=3.11", "Python 3.10.13", "python.org", "py -3.12 workshop.py"]),
    ("WARNING: Retrying (Retry(total=4...)) after connection broken by 'NewConnectionError(\"Failed to "
     "establish a new connection: [Errno -3] Temporary failure in name resolution\")'",
     ["could not reach the package index", "internet connection", "HTTPS_PROXY"]),
    ("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device",
     ["the disk is full", "1 GB"]),
    ("SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'",
     ["secure connection", "another network"]),
    ("ERROR: Could not find a version that satisfies the requirement pandas==2.3.3 (from versions: none)\n"
     "ERROR: No matching distribution found for pandas==2.3.3",
     ["no version of pandas==2.3.3", "3.11, 3.12 or 3.13"]),
    ("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/x/.venv/lib'",
     ["could not be written", "Close any program"]),
    ("  error: subprocess-exited-with-error\n  ERROR: Failed building wheel for numpy",
     ["numpy had to be compiled", "3.11, 3.12 or 3.13"]),
    ("      error: package directory 'helpers' does not exist\n  error: subprocess-exited-with-error",
     ["folder is incomplete", "'helpers' is missing", "keep your my_work/"]),
    ("ERROR: something nobody has seen before",
     ["the lines just above say which package", "ask for help"]),
]


@pytest.mark.parametrize("log_text, expected", PIP_FAILURES, ids=[
    "python-version", "network", "disk-full", "ssl", "no-distribution", "permission", "build", "incomplete",
    "unknown"])
def test_each_install_failure_gets_its_own_cause_and_fix(log_text: str, expected: list[str]):
    message = workshop.install_failure(log_text, Path("/w/.venv/pip-install.log"), python="3.11.7")
    assert message.startswith("Installing the packages failed: ")
    for part in expected:
        assert part in message, message
    assert "/w/.venv/pip-install.log" in message


def test_only_a_network_failure_blames_the_network():
    for log_text, _ in PIP_FAILURES:
        message = workshop.install_failure(log_text, None, python="3.11.7")
        if "NewConnectionError" not in log_text:
            assert "could not reach the package index" not in message, log_text


# ---- running the servers ---------------------------------------------------------------------------
class Launched:
    """workshop.py running in its own process group (as in a terminal), its output collected."""

    def __init__(self, copy: Path, args: list[str], env: dict[str, str]) -> None:
        self.started = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, str(copy / "workshop.py"), *args], cwd=copy, env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=POSIX)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 120) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.text)
            if m:
                return m
            if self.proc.poll() is not None:
                time.sleep(0.3)
                m = re.search(pattern, self.text)
                if m:
                    return m
                raise AssertionError(f"the launcher exited ({self.proc.returncode}) before {pattern!r}:\n{self.text}")
            time.sleep(0.2)
        raise AssertionError(f"no {pattern!r} within {timeout:.0f} s:\n{self.text}")

    def descendants(self) -> list:
        """The server and its kernels (psutil comes with Jupyter), to clean up if a test fails."""
        try:
            import psutil

            return psutil.Process(self.proc.pid).children(recursive=True)
        except Exception:
            return []

    def ctrl_c(self, timeout: float = 45) -> int:
        """What a terminal does on Ctrl+C: SIGINT to the whole foreground process group."""
        self._children = self.descendants()
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.wait_stopped(timeout)

    def wait_stopped(self, timeout: float = 45) -> int:
        """Wait for the launcher to exit; note which of its processes outlived it; clean up."""
        try:
            code = self.proc.wait(timeout=timeout)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and self.still_running():
                time.sleep(0.2)
            self.survivors = [f"{c.pid} {' '.join(c.cmdline()[:3])}" for c in self.still_running()]
        finally:
            self.kill()
        self._reader.join(timeout=5)
        return code

    def still_running(self) -> list:
        alive = []
        for child in getattr(self, "_children", []):
            try:
                if child.is_running() and child.status() != "zombie":
                    alive.append(child)
            except Exception:
                pass
        return alive

    def kill(self) -> None:
        """Leave nothing running, whatever happened (the server has its own session)."""
        children = getattr(self, "_children", None) or self.descendants()
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait(timeout=10)
        for child in children:
            try:
                if child.is_running():
                    child.kill()
            except Exception:
                pass


def server_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    for name in ("config", "data", "runtime"):
        (tmp_path / f"jupyter-{name}").mkdir()
    env.update({"JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
                "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
                "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
                "BROWSER": "true"})  # never open a real browser from a test
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def get(browser: urllib.request.OpenerDirector, url: str, timeout: float = 120) -> str:
    with browser.open(url, timeout=timeout) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8", errors="replace")


MARKERS = {"kept": "IIW-SHOWN-IN-APP", "notebook_only": "IIW-NOTEBOOK-ONLY-TEXT",
           "appendix_ran": "IIW-APPENDIX-RAN", "output": "IIW-CODE-OUTPUT"}


def write_tagged_notebook(path: Path) -> None:
    """A throwaway notebook with one cell of each kind the app view treats differently."""
    def cell(kind: str, source: str, tags: list[str] | None = None) -> dict:
        c = {"cell_type": kind, "metadata": {"tags": tags} if tags else {}, "source": source}
        if kind == "code":
            c.update(outputs=[], execution_count=None)
        return c
    nb = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "cells": [cell("markdown", f"# Check\n\n{MARKERS['kept']}"),
                    cell("markdown", f"{MARKERS['notebook_only']}: press Shift+Enter", ["notebook-only"]),
                    cell("code", "print('IIW-CODE-' + 'OUTPUT')"),
                    cell("code", "print('IIW-APPENDIX-' + 'RAN')", ["appendix"])]}
    path.write_text(json.dumps(nb), encoding="utf-8")


def assert_app_view_leaves_out_tagged_cells(html_page: str) -> None:
    assert MARKERS["kept"] in html_page and MARKERS["output"] in html_page
    assert MARKERS["notebook_only"] not in html_page, "a notebook-only cell reached the app view"
    assert MARKERS["appendix_ran"] not in html_page and "IIW-APPENDIX-" not in html_page, \
        "an appendix cell reached (or ran in) the app view"


def assert_stopped_cleanly(launched: Launched, code: int, runtime: Path, port: int) -> None:
    assert code == 0, launched.text
    assert launched.survivors == [], f"processes outlived the launcher: {launched.survivors}"
    no_traceback(launched.text)
    assert "Stopped. Your work is saved." in launched.text
    stale = sorted(p.name for p in runtime.iterdir() if re.match(r"(jpserver|kernel)-", p.name))
    assert stale == [], f"stale runtime files after the stop: {stale}"
    assert not port_open(port), "the server still listens after the stop"


@pytest.mark.skipif(not POSIX, reason="sends SIGINT to a process group (POSIX)")
def test_lab_opens_at_the_root_says_where_and_stops_cleanly_on_ctrl_c(ready_copy: Path, tmp_path: Path,
                                                                     workspace: Path):
    env = server_env(tmp_path)
    write_tagged_notebook(ready_copy / "zz-app-view-check.ipynb")
    port = free_port()
    launched = Launched(ready_copy, [*ROOT_FLAG, "--no-browser", f"--port={port}"], env)
    try:
        m = launched.wait_for(r"(http://\S+/lab/tree/notebooks/00-start-here\.ipynb\?token=(\w+))")
        url, token = m.group(1), m.group(2)
        launched.wait_for(r"server's own messages go to .*\n-{72}", timeout=10)
        block = launched.text
        assert f":{port}/" in url, "--port did not pass through"
        assert f"Your work is saved in:  {workspace}" in block
        assert "To stop: press Ctrl+C in this window" in block
        assert "my_work/" in block and "data/content/" in block
        assert f"/voila/render/app/index.ipynb?token={token}" in block
        assert "[I " not in block and "ServerApp]" not in block, "raw server log reached the terminal"
        log = ready_copy / ".venv" / "jupyterlab.log"
        assert "ServerApp" in log.read_text(encoding="utf-8", errors="replace")

        browser = opener()
        base = f"http://127.0.0.1:{port}"
        assert "<title>" in get(browser, url.replace("localhost", "127.0.0.1"))
        listing = json.loads(get(browser, f"{base}/api/contents?token={token}"))
        names = {item["name"] for item in listing["content"]}
        assert {"notebooks", "app", "workshop.py"} <= names, f"JupyterLab is not at the repository root: {names}"
        opens = [f.read_text(encoding="utf-8") for f in Path(env["JUPYTER_RUNTIME_DIR"]).glob("jpserver-*-open.html")]
        assert opens and all("/lab/tree/notebooks/00-start-here.ipynb" in text for text in opens), \
            "the browser would not open at the first lesson"
        settings = json.loads(get(browser, f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification"
                                           f"?token={token}"))
        assert settings["schema"]["properties"]["fetchNews"]["default"] == "false", "the news pop-up is on"
        # The app view inside this JupyterLab (Voila's server extension), as a hub learner gets it.
        page = get(browser, f"{base}/voila/render/zz-app-view-check.ipynb?token={token}")
        assert_app_view_leaves_out_tagged_cells(page)
        index = get(browser, f"{base}/voila/render/app/index.ipynb?token={token}")
        assert "../notebooks/00-start-here.ipynb" in index
    finally:
        code = launched.ctrl_c()
    assert_stopped_cleanly(launched, code, Path(env["JUPYTER_RUNTIME_DIR"]), port)


@pytest.mark.skipif(not POSIX, reason="sends SIGINT to a process group (POSIX)")
def test_app_view_starts_lists_the_lessons_and_stops_cleanly(ready_copy: Path, tmp_path: Path, workspace: Path):
    env = server_env(tmp_path)
    write_tagged_notebook(ready_copy / "notebooks" / "zz-app-view-check.ipynb")
    launched = Launched(ready_copy, ["app", *ROOT_FLAG, "--no-browser"], env)
    try:
        m = launched.wait_for(r"(http://127\.0\.0\.1:(\d+)/voila/render/app/index\.ipynb\?token=([\w-]+))")
        url, port = m.group(1), int(m.group(2))
        launched.wait_for(r"To stop: press Ctrl\+C", timeout=10)
        assert f"Your work is saved in:  {workspace}" in launched.text
        assert "[Voila]" not in launched.text, "raw server log reached the terminal"
        browser = opener()
        index = get(browser, url)
        rendered_after = time.monotonic() - launched.started
        for lesson in sorted((ready_copy / "notebooks").glob("[0-9][0-9]-*.ipynb")):
            assert f"../notebooks/{lesson.name}" in index, f"the index does not link {lesson.name}"
        assert str(workspace) in index, "the index does not say where work is saved"
        # The token is needed once; the cookie it sets opens the lessons linked from the index.
        page = get(browser, f"http://127.0.0.1:{port}/voila/render/notebooks/zz-app-view-check.ipynb")
        assert_app_view_leaves_out_tagged_cells(page)
        # And without the token nothing is served: a stranger is sent to the login page.
        with opener().open(f"http://127.0.0.1:{port}/voila/render/app/index.ipynb", timeout=30) as response:
            assert "/login" in response.geturl()
            assert "../notebooks/00-start-here.ipynb" not in response.read().decode("utf-8", "replace")
        print(f"workshop.py app: index rendered {rendered_after:.1f} s after the launcher started")
    finally:
        code = launched.ctrl_c()
    assert_stopped_cleanly(launched, code, Path(env["JUPYTER_RUNTIME_DIR"]), port)


@pytest.mark.skipif(not IS_ROOT, reason="only as root does JupyterLab refuse to start")
def test_as_root_without_allow_root_the_launcher_says_how(ready_copy: Path, tmp_path: Path):
    out = run(ready_copy, "--no-browser", f"--port={free_port()}", env=server_env(tmp_path), timeout=120)
    assert out.returncode != 0
    assert "python workshop.py --allow-root" in out.stdout
    assert "Running as root is not recommended" not in out.stdout, "the raw log line, instead of the fix"
    no_traceback(out.stdout + out.stderr)


def test_lab_options_that_only_print_pass_straight_through(ready_copy: Path, tmp_path: Path):
    out = run(ready_copy, "lab", "--version", env=server_env(tmp_path), timeout=120)
    assert out.returncode == 0 and re.search(r"^\d+\.\d+\.\d+", out.stdout.strip()), out.stdout


# ---- the configuration the launcher, Binder and a hub share -------------------------------------
def test_the_app_view_configuration_leaves_out_notebook_only_and_appendix_cells():
    for name in ("jupyter_server_config.json", "voila.json"):
        config = json.loads((ROOT / "app" / "jupyter-config" / name).read_text(encoding="utf-8"))
        assert {"notebook-only", "appendix"} <= set(config["TagRemovePreprocessor"]["remove_cell_tags"]), name
    overrides = json.loads((ROOT / "app" / "lab-overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                       "checkForUpdates": False}


@pytest.mark.skipif(not POSIX or shutil.which("bash") is None, reason="Binder's scripts are bash")
def test_binder_start_and_postbuild_do_what_the_launcher_does(tmp_path: Path):
    env = dict(os.environ, REPO_DIR=str(ROOT), JUPYTER_CONFIG_PATH="/elsewhere")
    out = subprocess.run(["bash", str(ROOT / ".binder" / "start"), "env"], capture_output=True, text=True,
                         env=env, check=True, timeout=30)
    assert f"JUPYTER_CONFIG_PATH={ROOT}/app/jupyter-config:/elsewhere" in out.stdout.splitlines()
    # postBuild asks `python` for its prefix: a stand-in answers with a temporary folder.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    prefix = tmp_path / "prefix"
    (fake_bin / "python").write_text(f"#!/bin/sh\necho {prefix}\n")
    (fake_bin / "python").chmod(0o755)
    subprocess.run(["bash", str(ROOT / ".binder" / "postBuild")], cwd=ROOT, check=True, timeout=30,
                   env=dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}"))
    written = prefix / "share/jupyter/lab/settings/overrides.d" / workshop.OVERRIDES_NAME
    assert written.read_text(encoding="utf-8") == (ROOT / "app" / "lab-overrides.json").read_text(encoding="utf-8")
    assert "-r ../requirements.txt" in (ROOT / ".binder" / "requirements.txt").read_text(encoding="utf-8")


def test_the_readme_binder_links_open_the_first_lesson_and_warn_that_work_is_lost():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/OWNER/REPO/HEAD?labpath=notebooks%2F00-start-here.ipynb" in readme
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()
    assert "urlpath=voila%2Frender%2Fapp%2Findex.ipynb" in readme and (ROOT / "app" / "index.ipynb").exists()
    assert "lost when the session ends" in readme and "export your work" in readme
    assert "replace `OWNER/REPO`" in readme


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_closing_the_terminal_or_kill_stops_the_server_too(ready_copy: Path, tmp_path: Path, signame: str):
    """The server runs in its own session (so Ctrl+C reaches only the launcher): when the launcher
    itself is told to stop (kill, or the terminal window closed), it must not leave it running."""
    env = server_env(tmp_path)
    launched = Launched(ready_copy, ["app", "--no-browser"], env)
    try:
        m = launched.wait_for(r"http://127\.0\.0\.1:(\d+)/voila/render/app/index\.ipynb")
        port = int(m.group(1))
        launched.wait_for(r"To stop: press Ctrl\+C", timeout=10)
        deadline = time.monotonic() + 30
        while not port_open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        launched._children = launched.descendants()
        assert launched._children, "the launcher started no server"
        os.kill(launched.proc.pid, getattr(signal, signame))  # the launcher only, not its group
        code = launched.wait_stopped()
    finally:
        launched.kill()
    assert code == 0, launched.text
    assert launched.survivors == [], f"the server outlived the launcher after {signame}: {launched.survivors}"
    no_traceback(launched.text)
    deadline = time.monotonic() + 10
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not port_open(port), f"the server outlived the launcher after {signame}"


def test_the_test_command_runs_on_every_core_unless_told_otherwise():
    assert workshop.pytest_args([]) == ["-n", "auto", "--dist", "loadgroup"]
    assert workshop.pytest_args(["-k", "log", "-q"]) == ["-n", "auto", "--dist", "loadgroup", "-k", "log", "-q"]
    assert workshop.pytest_args(["-n", "0"]) == ["-n", "0"]
    assert workshop.pytest_args(["-n4"]) == ["-n4"]
    assert workshop.pytest_args(["-p", "no:xdist"]) == ["-p", "no:xdist"]
    assert workshop.pytest_args(["--quick"]) == [*workshop.QUICK, "-n", "auto", "--dist", "loadgroup"]
