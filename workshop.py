#!/usr/bin/env python3
"""Set up and open the Informational Interview Workshop, or run its tests.

    python workshop.py          set up (first time only) and open JupyterLab at the first lesson
    python workshop.py test     set up (first time only) and run the tests
    python workshop.py setup    only set up

Works the same on Windows, macOS and Linux with Python 3.10 or newer: it makes a virtual
environment in .venv beside this file, installs the pinned packages into it (again only when
requirements.txt changes) and runs everything from there. Nothing is installed system-wide.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
FIRST_LESSON = "notebooks/00-start-here.ipynb"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirements(test: bool) -> Path:
    return ROOT / ("tests/requirements.txt" if test else "requirements.txt")


def stamp_for(test: bool) -> tuple[Path, str]:
    files = [ROOT / "requirements.txt", ROOT / "pyproject.toml"] + ([ROOT / "tests/requirements.txt"] if test else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    return VENV / f".installed-{'test' if test else 'lab'}", digest


def setup(test: bool = False) -> Path:
    if sys.version_info < (3, 10):
        sys.exit(f"This workshop needs Python 3.10 or newer; this is {sys.version.split()[0]}. "
                 "Install a newer Python from python.org and run this command again.")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    stamp, digest = stamp_for(test)
    if stamp.exists() and stamp.read_text().strip() == digest:
        return python
    print(f"Installing packages from {requirements(test).relative_to(ROOT)} (a few minutes the first time) ...", flush=True)
    code = subprocess.call([str(python), "-m", "pip", "install", "--disable-pip-version-check",
                            "-q", "-r", str(requirements(test))], cwd=ROOT)
    if code != 0:
        sys.exit("Installing the packages failed (see the messages above). Check your internet "
                 "connection and run this command again.")
    stamp.write_text(digest + "\n")
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "lab"
    rest = argv[1:]
    if command in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if command == "setup":
        setup(test="--test" in rest)
        print("Ready.")
        return 0
    if command == "test":
        python = setup(test=True)
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if command == "lab":
        python = setup(test=False)
        return subprocess.call([str(python), "-m", "jupyterlab", FIRST_LESSON, *rest], cwd=ROOT)
    print(f"Unknown command {command!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
