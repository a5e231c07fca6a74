#!/usr/bin/env python3
"""Set up and open the Informational Interview Workshop, or run its tests.

    python workshop.py            set up (first time only) and open the lessons in JupyterLab
    python workshop.py app        the same, as an app: each lesson a page with no code showing
    python workshop.py test       set up (first time only, with the test tools) and run the tests
    python workshop.py setup      only set up (add --test for the test tools too)

Needs Python 3.11, 3.12 or 3.13 (each proven by a real install of the pinned packages). It makes
a private environment in .venv beside this file, installs the pinned packages into it (again
only when requirements.txt changes) and runs everything from there; nothing is installed
system-wide. A .venv made by another Python is rebuilt. Stop the workshop with Ctrl+C.

Options after the command go to the program behind it, e.g.
    python workshop.py --allow-root            JupyterLab as root (containers, WSL)
    python workshop.py lab --port=8890 --no-browser
    python workshop.py app --port=8870 --no-browser
    python workshop.py test -k log -q          (options for pytest; the tests run on every core)
    python workshop.py test --quick            the inner loop: all but the browser, hub and launcher tests
"""
from __future__ import annotations

import hashlib
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
import venv
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
FIRST_LESSON = "notebooks/00-start-here.ipynb"
APP_INDEX = "app/index.ipynb"
# Read by JupyterLab (jupyter_server_config.json) and by Voila (voila.json): leave the cells
# tagged notebook-only and appendix out of the app view.
APP_CONFIG = ROOT / "app" / "jupyter-config"
# JupyterLab settings overrides: no "news" pop-up, no update check.
LAB_OVERRIDES = ROOT / "app" / "lab-overrides.json"
OVERRIDES_NAME = "informational-interview-workshop.json"

# The Python versions whose install of requirements.txt has been proven (see the README).
OLDEST = (3, 11)
NEWEST_TESTED = (3, 13)
SUPPORTED_TEXT = "3.11, 3.12 or 3.13"
# Arguments that make JupyterLab or Voila print something and exit: shown as they are.
INFO_ARGS = {"-h", "--help", "--help-all", "--version"}


def say(text: str = "") -> None:
    try:
        print(text, flush=True)
    except OSError:  # the terminal was closed (SIGHUP): nothing left to print to
        pass


class Stop(Exception):
    """The launcher was asked to stop (SIGTERM, or SIGHUP when its terminal window closed)."""


def _stop_signal(signum: int, frame: object) -> None:
    raise Stop(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """Closing the terminal or ``kill`` stops the server too: it runs in its own session, so
    without this it would go on running, orphaned, after the launcher is gone."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_signal)


def rule() -> None:
    say("-" * 72)


# ---- the environment --------------------------------------------------------------------------
def venv_python(venv_dir: Path = VENV) -> Path:
    if os.name == "nt":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def requirements(test: bool) -> Path:
    return ROOT / ("tests/requirements.txt" if test else "requirements.txt")


def stamp_for(test: bool) -> tuple[Path, str]:
    files = [ROOT / "requirements.txt", ROOT / "pyproject.toml"] + ([ROOT / "tests/requirements.txt"] if test else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    return VENV / f".installed-{'test' if test else 'lab'}", digest


def installed(test: bool) -> bool:
    """True when the environment was installed from the requirement files as they are now."""
    stamp, digest = stamp_for(test)
    try:
        return stamp.read_text().strip() == digest
    except OSError:
        return False


def venv_version(venv_dir: Path = VENV) -> str | None:
    """The Python version (``"3.12.1"``) that made the environment, from its ``pyvenv.cfg``."""
    try:
        text = (venv_dir / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"^\s*version(?:_info)?\s*=\s*(\d+\.\d+(?:\.\d+)?)", text, re.MULTILINE)
    return found.group(1) if found else None


def why_rebuild(venv_dir: Path = VENV, this: tuple[int, int] | None = None) -> str | None:
    """Why an existing environment cannot be used by this Python, or None when it can."""
    this = this or sys.version_info[:2]
    if not venv_dir.exists():
        return None
    made_by = venv_version(venv_dir)
    if made_by is None:
        return "it is incomplete (it has no readable pyvenv.cfg)"
    if tuple(int(p) for p in made_by.split(".")[:2]) != tuple(this):
        return f"it was made by Python {made_by}, and this is Python {this[0]}.{this[1]}"
    if not venv_python(venv_dir).exists():
        return "its Python program is missing (was the Python that made it removed or moved?)"
    return None


def check_python() -> None:
    version = sys.version_info[:2]
    here = ".".join(map(str, sys.version_info[:3]))
    if version < OLDEST:
        sys.exit(f"This workshop needs Python {SUPPORTED_TEXT}; this is Python {here} ({sys.executable}).\n"
                 "Install Python 3.12 from https://www.python.org/downloads/ and run this command with it, "
                 "e.g. `python3.12 workshop.py` (Windows: `py -3.12 workshop.py`).")
    if version > NEWEST_TESTED:
        say(f"Note: Python {here} is newer than the versions this workshop was tested with ({SUPPORTED_TEXT}); "
            "trying anyway. If the install fails, use Python 3.13.")


def running_inside_venv() -> bool:
    try:
        return Path(sys.prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def install_app_settings(prefix: Path = VENV) -> None:
    """Put the JupyterLab settings override (no news pop-up) into the environment (a venv's
    ``sys.prefix`` is its folder)."""
    try:
        target = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / OVERRIDES_NAME
        wanted = LAB_OVERRIDES.read_text(encoding="utf-8")
        if not target.exists() or target.read_text(encoding="utf-8") != wanted:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted, encoding="utf-8")
    except OSError as exc:  # not fatal: only the pop-up comes back
        say(f"Note: could not switch off JupyterLab's news pop-up ({exc}); it is harmless, answer 'No'.")


def setup(test: bool = False) -> Path:
    check_python()
    python = venv_python()
    reason = why_rebuild()
    if reason and not running_inside_venv():
        this = ".".join(map(str, sys.version_info[:2]))
        say(f"The environment in {VENV} cannot be used: {reason}.")
        say(f"Rebuilding it with Python {this} ({sys.executable}). Your work (my_work/) is not touched.")
        try:
            shutil.rmtree(VENV)
        except OSError as exc:
            sys.exit(f"Could not remove the old {VENV} ({exc}). Close any program still using it "
                     "(a JupyterLab started from it, an editor), or delete the folder yourself, and run "
                     "this command again.")
    if not python.exists():
        say(f"Creating a private environment in {VENV} ...")
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            hint = ""
            if sys.platform.startswith("linux"):
                hint = (" On Debian or Ubuntu, install the venv module first: "
                        f"`sudo apt install python{sys.version_info[0]}.{sys.version_info[1]}-venv`.")
            sys.exit(f"Could not create the environment in {VENV} ({exc}).{hint}")
    if not installed(test) and not (not test and installed(True)):  # the test tools include the lessons'
        install(python, requirements(test))
        stamp, digest = stamp_for(test)
        stamp.write_text(digest + "\n")
    install_app_settings()
    return python


def install(python: Path, req: Path) -> None:
    log = VENV / "pip-install.log"
    first = not any(VENV.glob(".installed-*"))
    rel = req.relative_to(ROOT)
    if first:
        say(f"Installing the packages from {rel} into {VENV.name}/ (about 100 packages, some 100 MB to "
            "download: a few minutes). pip's progress follows.")
    else:
        say(f"{rel} changed since the last run: bringing the packages up to date. pip's progress follows.")
    rule()
    try:
        log.unlink()
    except OSError:
        pass
    started = time.monotonic()
    try:
        code = subprocess.call([str(python), "-m", "pip", "install", "--disable-pip-version-check",
                                "--log", str(log), "-r", str(req)], cwd=ROOT)
    except KeyboardInterrupt:
        rule()
        sys.exit("Installing was interrupted. Nothing is broken: run this command again to finish it.")
    rule()
    if code != 0:
        try:
            text = log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        sys.exit(install_failure(text, log))
    say(f"Installed in {time.monotonic() - started:.0f} s.")


def install_failure(log_text: str, log: Path | None = None, python: str | None = None) -> str:
    """What failed and what to do, read from pip's log (the most specific cause first)."""
    python = python or ".".join(map(str, sys.version_info[:3]))
    where = f" pip's full log is {log}; show it to whoever helps you." if log else ""
    head = "Installing the packages failed: "
    m = re.search(r"Package '([^']+)' requires a different Python: (\S+) not in '([^']+)'", log_text)
    if m:
        return (head + f"the package {m.group(1)} needs Python {m.group(3)}, and this environment has Python "
                f"{m.group(2)}. Install Python 3.12 from https://www.python.org/downloads/ and run this "
                "command with it (e.g. `python3.12 workshop.py`, Windows: `py -3.12 workshop.py`); the "
                f"environment is rebuilt for it.{where}")
    if re.search(r"No space left on device|Errno 28\b|There is not enough space", log_text):
        return (head + "the disk is full. The workshop needs about 1 GB free: free some space and run this "
                f"command again.{where}")
    if re.search(r"CERTIFICATE_VERIFY_FAILED|SSLError|SSLCertVerificationError", log_text):
        return (head + "the secure connection to the package index (PyPI) was refused. This often happens on "
                "a company or school network that inspects traffic: try another network, or ask IT how to "
                f"use pip there.{where}")
    if re.search(r"NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|"
                 r"Name or service not known|getaddrinfo failed|Network is unreachable|ProxyError|"
                 r"ConnectTimeoutError|ReadTimeoutError|Read timed out|Connection (?:refused|reset)",
                 log_text):
        return (head + "pip could not reach the package index (PyPI). Check the internet connection (behind a "
                "proxy, set HTTPS_PROXY) and run this command again: what was downloaded is kept."
                + where)
    if re.search(r"Permission denied|Access is denied|\bEACCES\b|WinError 5\b", log_text):
        return (head + f"a file could not be written in {VENV}. Close any program that uses it (another "
                "workshop window, an editor), make sure this folder is not read-only, and run this command "
                f"again.{where}")
    m = re.search(r"package directory '([^']+)' does not exist|Could not open requirements file[^\n]*|"
                  r"does not appear to be a Python project", log_text)
    if m:
        missing = f" ('{m.group(1)}' is missing)" if m.group(1) else ""
        return (head + f"this workshop's folder is incomplete{missing}, so its own package could not be "
                "installed. Download or copy the whole folder again (keep your my_work/ folder) and run this "
                f"command in it.{where}")
    m = re.search(r"(?:No matching distribution found for|Could not find a version that satisfies the "
                  r"requirement) ([^\s;]+)", log_text)
    if m:
        return (head + f"pip found no version of {m.group(1)} that installs here (Python {python} on "
                f"{sys.platform}). Either the package index could not be reached (check the internet "
                f"connection), or there is no build of it for this Python: use Python {SUPPORTED_TEXT} "
                f"(64-bit) from python.org.{where}")
    m = re.search(r"Failed building wheel for (\S+)|Failed to build (\S+)", log_text)
    if m:
        return (head + f"{m.group(1) or m.group(2)} had to be compiled on this computer, and that failed. This "
                f"usually means there is no ready-made build for this Python: use Python {SUPPORTED_TEXT} "
                f"(64-bit) from python.org.{where}")
    return (head + "pip stopped with an error; the lines just above say which package and why. Run this "
            f"command again; if it fails the same way, ask for help.{where}")


# ---- running a server ---------------------------------------------------------------------------
def workspace_folder(python: Path, env: dict[str, str]) -> str:
    """Where the learner's work is saved, as the lessons will see it."""
    try:
        out = subprocess.run([str(python), "-c", "from helpers import workspace; print(workspace.folder(create=False))"],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip().splitlines()[-1]
    except (OSError, subprocess.SubprocessError):
        pass
    return os.environ.get("INTERVIEW_WORKSPACE") or str(ROOT / "my_work")


def workspace_while_starting(proc: subprocess.Popen, python: Path, env: dict[str, str]) -> str:
    """The workspace folder, asked while the server starts; a Ctrl+C meanwhile stops the server too."""
    try:
        return workspace_folder(python, env)
    except (KeyboardInterrupt, Stop):
        stop_server(proc, interrupted=True)
        raise


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(APP_CONFIG)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("JUPYTER_RUNTIME_DIR", str(VENV / "runtime"))
    env.pop("MPLBACKEND", None)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def start_server(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a server with its messages going to ``log``.

    On macOS and Linux it runs in its own session, out of reach of the terminal's Ctrl+C: the
    launcher stops it with SIGTERM, which JupyterLab and Voila handle by stopping their kernels
    and removing their runtime files. On Windows, where there is no SIGTERM to send, it shares the
    console: Ctrl+C reaches it too and it shuts down the same way (its messages go to the log)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict = {}
    if os.name != "nt":
        kwargs["start_new_session"] = True
    with open(log, "wb") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, **kwargs)


def stop_server(proc: subprocess.Popen, interrupted: bool = False) -> None:
    """Ask the server to shut down (it stops its kernels and removes its runtime files)."""
    if proc.poll() is not None:
        return
    try:
        if os.name == "nt":
            if interrupted:  # it had the Ctrl+C too: give it time to shut down by itself
                try:
                    proc.wait(timeout=20)
                    return
                except subprocess.TimeoutExpired:
                    pass
            proc.terminate()
        else:
            proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=25)
    except (KeyboardInterrupt, Stop):
        proc.kill()
        proc.wait()
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    except OSError:
        pass


def log_tail(log: Path, lines: int = 15) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + line for line in text[-lines:])


def why_stopped(log: Path) -> str | None:
    """The cause and the fix, when the log shows a cause we know; else None."""
    text = log_tail(log, 200)
    if "Running as root is not recommended" in text:
        return ("It will not run as the root user unless you say so. Here (a container, WSL, a server) that is "
                "usual: run `python workshop.py --allow-root`.")
    if re.search(r"address already in use|Errno 98|Errno 48|WinError 10048|no available port", text, re.I):
        return "The port is in use by another program: add --port=8899 (or another number) to the command."
    return None


def friendly_block(title: str, url: str, work: str, log: Path, extra: str = "", browser: bool = True) -> None:
    rule()
    say(title)
    say("Open this address in your web browser" + (" (it may have opened already):" if browser else ":"))
    say(f"    {url}")
    say(f"Your work is saved in:  {work}")
    if extra:
        say(extra)
    say("To stop: press Ctrl+C in this window (closing the browser tab does not stop it).")
    say(f"(The server's own messages go to {log})")
    rule()


def run_server(proc: subprocess.Popen, log: Path, name: str, ready, timeout: float = 180) -> int:
    """Wait for ``ready()`` (the address, or None while not ready), show it, then wait for
    Ctrl+C or for the server to stop by itself. Returns the exit code."""
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                cause = why_stopped(log)
                say(f"{cap(name)} stopped before it was ready (exit code {proc.returncode}).")
                say(cause or "Its last messages say why:\n" + log_tail(log))
                say(f"All its messages are in {log}")
                return proc.returncode or 1
            if ready():
                break
            if time.monotonic() > deadline:
                say(f"{cap(name)} did not get ready within {timeout:.0f} s; stopping it. Its last messages:")
                say(log_tail(log))
                stop_server(proc)
                return 1
            time.sleep(0.2)
        code = proc.wait()
        say(f"{cap(name)} has stopped (exit code {code}). Your work is saved. Run the same command to start again.")
        return code
    except (KeyboardInterrupt, Stop) as stop:
        say("")
        say(f"Stopping {name} ...")
        stop_server(proc, interrupted=isinstance(stop, KeyboardInterrupt))
        say("Stopped. Your work is saved. Run the same command to start again.")
        return 0


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def run_lab(python: Path, args: list[str]) -> int:
    env = server_env()
    if INFO_ARGS & set(args):
        return subprocess.call([str(python), "-m", "jupyterlab", *args], cwd=ROOT, env=env)
    runtime = Path(env["JUPYTER_RUNTIME_DIR"])
    log = VENV / "jupyterlab.log"
    cmd = [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
           f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}", *args]
    started = time.time()
    say("Starting JupyterLab ...")
    stop_on_signals()
    proc = start_server(cmd, env, log)
    work = workspace_while_starting(proc, python, env)
    found: dict = {}

    def ready() -> bool:
        for info_file in sorted(runtime.glob("jpserver-*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
            try:
                if info_file.stat().st_mtime < started - 1:
                    continue
                info = json.loads(info_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if Path(info.get("root_dir", "")).resolve() == ROOT.resolve():
                found.update(info)
                token = info.get("token", "")
                query = f"?token={token}" if token else ""
                url = info["url"].rstrip("/") + f"/lab/tree/{FIRST_LESSON}{query}"
                friendly_block("The workshop is running in JupyterLab, at the first lesson.", url, work, log,
                               "The file browser on the left shows this folder: lessons in notebooks/, "
                               "your work in my_work/, the content you can adapt in data/content/.\n"
                               f"The same lessons as pages without code: {info['url'].rstrip('/')}"
                               f"/voila/render/{APP_INDEX}{query}", browser="--no-browser" not in args)
                return True
        return False

    return run_server(proc, log, "JupyterLab", ready)


def run_app(python: Path, args: list[str]) -> int:
    env = server_env()
    args = [a for a in args if a != "--allow-root"]  # Voila does not refuse root; accept it anyway
    if INFO_ARGS & set(args):
        return subprocess.call([str(python), "-m", "voila", *args], cwd=ROOT, env=env)
    open_browser = "--no-browser" not in args
    args = [a for a in args if a != "--no-browser"]
    extra = []
    port = None
    for a in args:
        m = re.match(r"--(?:Voila\.)?port=(\d+)$", a)
        if m:
            port = int(m.group(1))
    if port is None:
        port = free_port()
        extra.append(f"--port={port}")
    token = secrets.token_urlsafe(24)
    log = VENV / "voila.log"
    cmd = [str(python), "-m", "voila", str(ROOT), "--no-browser", "--Voila.ip=127.0.0.1",
           "--Voila.port_retries=0", f"--token={token}", *extra, *args]
    say("Starting the app view (Voila) ...")
    stop_on_signals()
    proc = start_server(cmd, env, log)
    work = workspace_while_starting(proc, python, env)
    url = f"http://127.0.0.1:{port}/voila/render/{APP_INDEX}?token={token}"

    def ready() -> bool:
        if not port_open(port):
            return False
        friendly_block("The workshop is running as an app: each lesson is a page, with no code showing.",
                       url, work, log, "The first page lists the lessons.", browser=open_browser)
        if open_browser:
            try:
                webbrowser.open(url, new=2)
            except webbrowser.Error:
                pass
        return True

    return run_server(proc, log, "the app view", ready)


def split(argv: list[str]) -> tuple[str, list[str]]:
    """The command and the options for the program behind it. Options alone mean JupyterLab."""
    if not argv:
        return "lab", []
    if argv[0] in ("-h", "--help", "help"):
        return "help", []
    if argv[0].startswith("-"):
        return "lab", list(argv)
    return argv[0], list(argv[1:])


#: ``python workshop.py test --quick``: the inner loop, everything but the browser, hub and
#: launcher tests (those start servers, browsers and environments).
QUICK = ["-m", "not browser and not hub and not launcher"]


def pytest_args(rest: list[str]) -> list[str]:
    """pytest's arguments for ``python workshop.py test``: one worker per core (pytest-xdist,
    ``--dist loadgroup`` so tests that share a server or a Run All stay together), unless the
    options choose the workers themselves (``-n 0`` runs in one process); ``--quick`` for the
    inner loop.

    >>> pytest_args(["-k", "log"])
    ['-n', 'auto', '--dist', 'loadgroup', '-k', 'log']
    >>> pytest_args(["--quick", "-n", "0"])
    ['-m', 'not browser and not hub and not launcher', '-n', '0']
    """
    quick = "--quick" in rest
    rest = [a for a in rest if a != "--quick"]
    chosen = any(a == "-n" or a.startswith(("-n=", "--numprocesses")) or a == "no:xdist"
                 or (a.startswith("-n") and a[2:].isdigit()) for a in rest)
    workers = [] if chosen else ["-n", "auto", "--dist", "loadgroup"]
    return (QUICK if quick else []) + workers + rest


def main(argv: list[str]) -> int:
    command, rest = split(argv)
    if command == "help":
        say(__doc__)
        return 0
    if command == "setup":
        setup(test="--test" in rest)
        say("Ready.")
        return 0
    if command == "test":
        python = setup(test=True)
        return subprocess.call([str(python), "-m", "pytest", *pytest_args(rest)], cwd=ROOT)
    if command == "lab":
        return run_lab(setup(test=False), rest)
    if command == "app":
        return run_app(setup(test=False), rest)
    print(f"Unknown command {command!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (KeyboardInterrupt, Stop):  # Ctrl+C (or the window closed) while setting up
        print("\nStopped.", file=sys.stderr)
        sys.exit(130)
