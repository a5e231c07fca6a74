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
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
LOG_NAME = "interview_log.csv"
HOME_FALLBACK = "informational-interview-work"


def _data_dir() -> Path:
    """The shipped data: ``data/`` beside the package in a checkout, or the copy installed with it.

    A plain ``pip install .`` puts the package in site-packages and the data inside it
    (``helpers/_data``, see pyproject.toml); an editable install or a checkout uses ``data/``.
    """
    repo_data = REPO_ROOT / "data"
    if (repo_data / "content").is_dir() and (PACKAGE_DIR.parent / "pyproject.toml").exists():
        return repo_data
    installed = PACKAGE_DIR / "_data"
    return installed if installed.is_dir() else repo_data


DATA_DIR = _data_dir()
IN_CHECKOUT = DATA_DIR == REPO_ROOT / "data"


class WorkspaceError(OSError):
    """The workspace folder cannot be used (cannot be created, or cannot be written).

    ``problem`` is the :class:`helpers.core.result.Problem` a form shows in place of itself.
    """

    def __init__(self, message: str, problem):
        super().__init__(message)
        self.problem = problem


def os_problem(exc: OSError, where: Path | str):
    """An operating-system error said as a Problem (read-only folder, full disk, ...)."""
    from .core.result import Problem

    where = str(where)
    if isinstance(exc, WorkspaceError):
        return exc.problem
    if isinstance(exc, PermissionError):
        return Problem("file", where, "could not be written: this folder is read-only for you",
                       f"Point the environment variable {ENV_VAR} at a folder you can write (see the README, "
                       "'Where your work is saved'), then restart the kernel", "workspace_readonly")
    if getattr(exc, "errno", None) == 28:
        return Problem("file", where, "could not be written: the disk is full",
                       "Free some space, then try again; nothing saved earlier was changed", "disk_full")
    return Problem("file", where, f"could not be written ({exc.strerror or exc})",
                   "Check the workspace folder, then try again; nothing saved earlier was changed", "os_error")


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
    elif IN_CHECKOUT and _writable(REPO_ROOT / "my_work"):
        path = REPO_ROOT / "my_work"
    else:  # an installed package, or a read-only checkout: never inside site-packages
        path = Path.home() / HOME_FALLBACK
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from .core.result import Problem

            reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
            problem = Problem("workspace", str(path), f"is the folder for your work, and it could not be "
                                                      f"created ({reason})",
                              f"Set the environment variable {ENV_VAR} to a folder you can write (the README, "
                              "'Where your work is saved', shows how), then restart the kernel",
                              "workspace_uncreatable")
            raise WorkspaceError(f"{path} could not be created ({reason}). {problem.fix}.", problem) from None
        if not path.is_dir():
            from .core.result import Problem

            problem = Problem("workspace", str(path), "is meant to be the folder for your work, but it is a file",
                              f"Rename that file, or set {ENV_VAR} to another folder, then restart the kernel",
                              "workspace_not_folder")
            raise WorkspaceError(f"{path} is a file, not a folder. {problem.fix}.", problem)
    return path


def describe() -> str:
    """Where work is saved, in a sentence a learner can read (or why it cannot be saved there).

    >>> describe().startswith(("Your work is saved in", "Your work cannot be saved"))
    True
    """
    trouble = problem()
    where = folder(create=False)
    if trouble is None:
        return f"Your work is saved in {where}"
    return f"Your work cannot be saved yet: {trouble.sentence()}"


def problem() -> "object | None":
    """None when the workspace can be used; else the Problem to show in place of a form."""
    from .core.result import Problem

    try:
        where = folder()
    except WorkspaceError as exc:
        return exc.problem
    if not os.access(where, os.W_OK):
        return Problem("workspace", str(where), "is the folder for your work, and it is read-only for you",
                       f"Set the environment variable {ENV_VAR} to a folder you can write, then restart "
                       "the kernel; what is already there is safe", "workspace_readonly")
    return None


def path(name: str) -> Path:
    """Path of a file in the workspace. ``name`` is ours (a constant), never a learner's text."""
    if Path(name).name != name:
        raise ValueError(f"workspace file names are plain names, not paths: {name!r}")
    # Reading needs no folder: a workspace that does not exist (or cannot be created) holds nothing
    # yet. Writing creates it (``atomic_write_bytes``, the Store's lock) and says so when it cannot.
    return folder(create=False) / name


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
    # A symlinked file stays a symlink: write where it points.
    target = Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(target)
    if not target.parent.is_dir():
        if target.parent == folder(create=False):
            folder()  # the workspace itself: a clear WorkspaceError when it cannot be created
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
