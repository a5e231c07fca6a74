"""Where a learner's work lives, and how it is written safely.

One folder holds everything a learner writes. By default it is ``my_work/`` at the
repository root; the environment variable ``INTERVIEW_WORKSPACE`` moves it (a JupyterHub
sets it per learner). When the repository folder cannot be written (a read-only or shared
install), the default falls back to ``~/informational-interview-work``.

Every write goes to a temporary file in the same folder and is moved into place with
``os.replace``, so a crash mid-save leaves the previous version whole.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_VAR = "INTERVIEW_WORKSPACE"
REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
LOG_NAME = "interview_log.csv"


def _writable(folder: Path) -> bool:
    probe = folder
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def folder(create: bool = True) -> Path:
    """The learner's workspace folder (created on first use unless ``create=False``).

    >>> folder(create=False).name in ("my_work", "informational-interview-work") or "INTERVIEW_WORKSPACE" in os.environ
    True
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        path = Path(override).expanduser()
    else:
        path = REPO_ROOT / "my_work"
        if not _writable(path):
            path = Path.home() / "informational-interview-work"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def path(name: str) -> Path:
    """Path of a file in the workspace. ``name`` is ours (a constant), never a learner's text."""
    if Path(name).name != name:
        raise ValueError(f"workspace file names are plain names, not paths: {name!r}")
    return folder() / name


def log_path() -> Path:
    """The learner's practice-interview log (it may not exist yet)."""
    return path(LOG_NAME)


def atomic_write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file and ``os.replace``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = atomic_write_bytes(p, b"hello")
    >>> p.read_bytes()
    b'hello'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def atomic_write_text(target: Path | str, text: str) -> Path:
    """Write text as UTF-8 atomically (line ends kept as given)."""
    return atomic_write_bytes(target, text.encode("utf-8"))


def read_json(name: str, default: Any) -> Any:
    """Read a JSON file from the workspace, or ``default`` when it does not exist yet.

    A file that is not valid JSON raises ``ValueError`` with a message saying which file
    and how to recover (it is never silently replaced).
    """
    file = path(name)
    if not file.exists():
        return default
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{file} is damaged and could not be read ({exc}). Restore it from the backups "
            f"folder in your workspace, or rename it to start that activity afresh."
        ) from None


def write_json(name: str, data: Any) -> Path:
    """Write a JSON file into the workspace atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return atomic_write_text(path(name), text)
