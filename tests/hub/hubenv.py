"""Build (or reuse) what a real JupyterHub needs on this machine, outside the repository.

Plain functions, no pytest, so CI can build ahead of the tests::

    python3 tests/hub/hubenv.py          # build or reuse; prints the paths and how long it took

- The single-user environment: a venv made with Debian's ``/usr/bin/python3`` (every learner's
  account must be able to read the interpreter, so nothing under ``/root``), holding the
  lessons' pinned packages (``requirements.txt`` without its ``-e .`` line: learners' kernels
  import ``helpers`` from their own copy of the lessons) and ``deploy/requirements-hub.txt``.
  It lives in ``/opt/interview-workshop-hub/env-<hash of those files>`` and is reused while
  the files are unchanged.
- The proxy: ``configurable-http-proxy`` from npm in ``/opt/interview-workshop-hub/proxy-<version>``.

``HUB_CACHE`` moves the folder. Both are built under a lock, so two runs never build at once.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
HUB_REQUIREMENTS = ROOT / "deploy" / "requirements-hub.txt"
SYSTEM_PYTHON = Path("/usr/bin/python3")
PROXY_PACKAGE = "configurable-http-proxy"
PROXY_VERSION = "5.3.0"
BUILD_FORMAT = "1"  # bump when the way the environment is built changes

#: JupyterLab settings every learner gets (no "news" pop-up over the lesson on first visit).
LAB_OVERRIDES = '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}\n'


def cache_dir() -> Path:
    return Path(os.environ.get("HUB_CACHE", "/opt/interview-workshop-hub"))


def requirement_lines() -> list[str]:
    """The packages of the hub's environment: the lessons' pins (no ``-e`` line) and the hub's."""
    lines: list[str] = []
    for file in (REQUIREMENTS, HUB_REQUIREMENTS):
        for line in file.read_text(encoding="utf-8").splitlines():
            text = line.split("#", 1)[0].strip()
            if not text or text.startswith(("-e", "--editable", "-r", "--requirement")):
                continue
            lines.append(text)
    return lines


def env_dir() -> Path:
    digest = hashlib.sha256("\n".join([BUILD_FORMAT, str(SYSTEM_PYTHON), LAB_OVERRIDES,
                                       *requirement_lines()]).encode()).hexdigest()[:12]
    return cache_dir() / f"env-{digest}"


def proxy_dir() -> Path:
    return cache_dir() / f"proxy-{PROXY_VERSION}"


def proxy_command() -> Path:
    return proxy_dir() / "node_modules" / ".bin" / PROXY_PACKAGE


def env_ready() -> bool:
    return (env_dir() / ".complete").exists()


def proxy_ready() -> bool:
    return (proxy_dir() / ".complete").exists() and proxy_command().exists()


def required(variable: str = "REQUIRE_HUB") -> bool:
    """True when the environment variable says the hub tests must run (CI sets REQUIRE_HUB=1)."""
    return os.environ.get(variable, "").strip().lower() not in ("", "0", "false", "no")


def unavailable() -> str | None:
    """Why a real hub cannot be built or run here (None when it can)."""
    if sys.platform != "linux":
        return "the hub test runs on Linux only"
    if os.geteuid() != 0:
        return ("the hub test must run as root: it creates throwaway Unix users (useradd) and "
                "starts each learner's server as that user")
    for tool in ("useradd", "userdel", "usermod", "groupadd", "groupdel", "gpasswd", "chpasswd", "git"):
        if shutil.which(tool) is None:
            return f"'{tool}' was not found on PATH"
    if not Path("/etc/pam.d/login").exists():
        return ("/etc/pam.d/login was not found: the hub checks passwords with the system's "
                "'login' PAM service (Debian/Ubuntu: `apt-get install -y login`)")
    if not env_ready():
        if not SYSTEM_PYTHON.exists():
            return f"{SYSTEM_PYTHON} was not found (the learners' environment is built from it)"
        probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import venv, ensurepip"], capture_output=True)
        if probe.returncode != 0:
            return (f"{SYSTEM_PYTHON} cannot make virtual environments "
                    "(Debian/Ubuntu: `apt-get install -y python3-venv`)")
    if not proxy_ready() and shutil.which("npm") is None:
        return ("npm was not found, so configurable-http-proxy cannot be installed "
                "(Debian/Ubuntu: `apt-get install -y nodejs npm`)")
    return None


@contextmanager
def _locked() -> Iterator[None]:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(cmd: list[str], **kwargs: object) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _prune_old_envs(keep: Path, days: float = 3) -> None:
    """Remove environments of earlier pins that no run has used for ``days`` days."""
    for old in cache_dir().glob("env-*"):
        stamp = old / ".last-used"
        if old == keep or not stamp.exists():
            continue
        if time.time() - stamp.stat().st_mtime > days * 86400:
            shutil.rmtree(old, ignore_errors=True)


def build_env() -> Path:
    """The hub's Python environment (built once per set of pins)."""
    target = env_dir()
    if env_ready():
        (target / ".last-used").touch()
        return target
    old_umask = os.umask(0o022)  # every learner's account must read it
    try:
        with _locked():
            if env_ready():
                return target
            if target.exists():
                shutil.rmtree(target)
            _run([str(SYSTEM_PYTHON), "-m", "venv", str(target)])
            pip = [str(target / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
            _run(pip + ["--upgrade", "pip"])
            _run(pip + requirement_lines())
            settings = target / "share" / "jupyter" / "lab" / "settings"
            settings.mkdir(parents=True, exist_ok=True)
            (settings / "overrides.json").write_text(LAB_OVERRIDES, encoding="utf-8")
            (target / ".complete").write_text("\n".join(requirement_lines()) + "\n", encoding="utf-8")
            (target / ".last-used").touch()
            _prune_old_envs(target)
    finally:
        os.umask(old_umask)
    return target


def build_proxy() -> Path:
    """configurable-http-proxy from npm (installed once per version)."""
    if proxy_ready():
        return proxy_command()
    old_umask = os.umask(0o022)
    try:
        with _locked():
            if proxy_ready():
                return proxy_command()
            folder = proxy_dir()
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            _run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder),
                  f"{PROXY_PACKAGE}@{PROXY_VERSION}"])
            (folder / ".complete").write_text(PROXY_VERSION + "\n", encoding="utf-8")
    finally:
        os.umask(old_umask)
    return proxy_command()


def main() -> int:
    reason = unavailable()
    if reason:
        print(f"cannot build the hub environment: {reason}", file=sys.stderr)
        return 1
    start = time.monotonic()
    env = build_env()
    middle = time.monotonic()
    proxy = build_proxy()
    end = time.monotonic()
    print(f"hub environment: {env} ({middle - start:.1f} s)")
    print(f"proxy: {proxy} ({end - middle:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
