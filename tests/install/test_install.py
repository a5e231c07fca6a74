"""A plain `pip install .` (not only the editable install) finds the lesson content and the sample
data, and puts learners' work in their home folder, never inside site-packages."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _declared_packages() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text()
    line = re.search(r'^packages = \[(.*?)\]', text, re.M | re.S).group(1)
    return set(re.findall(r'"([^"]+)"', line))


def test_every_subpackage_is_declared() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "helpers").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert found <= _declared_packages(), f"add to pyproject packages: {sorted(found - _declared_packages())}"


@pytest.fixture(scope="module")
def plain_install(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A plain ``pip install .`` of a copy of the tracked files into a folder of its own (built once
    for this module), and the environment of a new user who runs it from another folder."""
    tmp_path = tmp_path_factory.mktemp("plain")
    # Build from a copy of the tracked files, so nothing (build/, *.egg-info) is written into the repo.
    source = tmp_path / "source"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file() and name.startswith(("helpers/", "data/")) or name in ("pyproject.toml", "README.md"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    target = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps",
                            "--disable-pip-version-check", "-q", "--target", str(target), str(source)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert build.returncode == 0, build.stderr[-2000:]
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("INTERVIEW_WORKSPACE", "INTERVIEW_CONTENT")}
    env.update(PYTHONPATH=str(target), HOME=str(home), MPLBACKEND="Agg")
    return {"target": target, "home": home, "cwd": elsewhere, "env": env}


@pytest.mark.slow
def test_plain_install_finds_content_and_keeps_work_out_of_site_packages(plain_install: dict) -> None:
    target, home = plain_install["target"], plain_install["home"]
    code = (
        "import helpers, helpers.workspace as w, helpers.content as c, helpers.log as log\n"
        "from helpers import activities\n"
        "print(helpers.__file__)\n"
        "print(w.folder())\n"
        "print(c.folder())\n"
        "print(len(log.load(log.sample_path()).raw))\n"
        "print(sum(len(a.check_content()) for a in activities.ACTIVITIES))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=plain_install["env"],
                         cwd=plain_install["cwd"])
    assert run.returncode == 0, run.stderr[-3000:]
    package, work, content, sample_rows, content_problems = run.stdout.split("\n")[:5]
    assert package.startswith(str(target))
    assert Path(work) == home / "informational-interview-work"
    assert Path(content).is_dir() and str(content).startswith(str(target))
    assert int(sample_rows) > 0 and content_problems == "0"


def _cli(plain_install: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True,
                          env=plain_install["env"], cwd=plain_install["cwd"], timeout=300)


#: Every command of ``python -m helpers``, as a new user runs it after a plain install from another
#: folder: (arguments, the exit code it must give, a text its output must hold). ``{log}`` is a copy
#: of the sample log, ``{out}`` a new path. build-student needs the lessons' folder, which a plain
#: install does not have: it must say so plainly (exit 2), not fail with a traceback.
COMMANDS = [
    (("check", "{log}"), 0, "no problems"),
    (("check-content",), 0, "no problems"),
    (("summary", "{log}", "--as-of", "2026-11-30"), 0, "Interviews"),
    (("next", "{log}", "--as-of", "2026-11-30"), 0, ""),
    (("calendar", "{log}", "--out", "{out}.ics", "--as-of", "2026-11-30"), 0, ""),
    (("share", "{log}", "--out", "{out}.csv"), 0, ""),
    (("lessons",), 0, "Start here"),
    (("build-student", "{out}"), 2, "notebooks"),
]


@pytest.mark.slow
def test_every_command_works_after_a_plain_install(plain_install: dict, tmp_path: Path) -> None:
    log = tmp_path / "my log.csv"
    shutil.copy2(ROOT / "data" / "sample_log.csv", log)
    import argparse

    import helpers.cli as cli

    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    covered = {args[0] for args, _, _ in COMMANDS}
    assert covered == set(sub.choices), "add the new command to COMMANDS in this test"
    for n, (args, code, needle) in enumerate(COMMANDS):
        filled = [a.format(log=log, out=tmp_path / f"out{n}") for a in args]
        done = _cli(plain_install, *filled)
        said = done.stdout + done.stderr
        assert done.returncode == code, (args, said[-3000:])
        assert "Traceback" not in said, (args, said[-3000:])
        assert needle.lower() in said.lower(), (args, said[-3000:])
        if args[0] == "calendar":
            assert (tmp_path / f"out{n}.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        if args[0] == "share":
            assert (tmp_path / f"out{n}.csv").is_file()
