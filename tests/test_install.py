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

ROOT = Path(__file__).resolve().parent.parent


def _declared_packages() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text()
    line = re.search(r'^packages = \[(.*)\]$', text, re.M).group(1)
    return set(re.findall(r'"([^"]+)"', line))


def test_every_subpackage_is_declared() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "helpers").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert found <= _declared_packages(), f"add to pyproject packages: {sorted(found - _declared_packages())}"


@pytest.mark.slow
def test_plain_install_finds_content_and_keeps_work_out_of_site_packages(tmp_path: Path) -> None:
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
    env = {k: v for k, v in os.environ.items() if k not in ("INTERVIEW_WORKSPACE", "INTERVIEW_CONTENT")}
    env.update(PYTHONPATH=str(target), HOME=str(home), MPLBACKEND="Agg")
    code = (
        "import helpers, helpers.workspace as w, helpers.content as c, helpers.log as log\n"
        "from helpers import activities\n"
        "print(helpers.__file__)\n"
        "print(w.folder())\n"
        "print(c.folder())\n"
        "print(len(log.load(log.sample_path()).raw))\n"
        "print(sum(len(a.check_content()) for a in activities.ACTIVITIES))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    package, work, content, sample_rows, content_problems = run.stdout.split("\n")[:5]
    assert package.startswith(str(target))
    assert Path(work) == home / "informational-interview-work"
    assert Path(content).is_dir() and str(content).startswith(str(target))
    assert int(sample_rows) > 0 and content_problems == "0"
