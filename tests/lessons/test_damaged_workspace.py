"""Every lesson, on a damaged, wrong-shaped, read-only or uncreatable workspace, shows a plain
message in place of its forms and runs on: no traceback, no stderr, nothing overwritten.

To keep this affordable every condition runs all the lessons' cells in one kernel (in lesson
order, each lesson's cells as Run All would run them); an error is reported with its lesson.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import activities

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _store_files() -> list[str]:
    names = {s.filename for s in activities.all_stores()}
    return sorted(names)


def _run_all(workspace: str) -> list[str]:
    """Run every lesson's cells in one kernel; return the errors, each naming its lesson."""
    merged = nbformat.v4.new_notebook()
    owner: list[str] = []
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                merged.cells.append(nbformat.v4.new_code_cell(cell.source))
                owner.append(path.name)
    env_before = {k: os.environ.get(k) for k in ("INTERVIEW_WORKSPACE", "MPLBACKEND")}
    os.environ["INTERVIEW_WORKSPACE"] = workspace
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        NotebookClient(merged, timeout=240, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    finally:
        for k, v in env_before.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    found = []
    for lesson, cell in zip(owner, merged.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{lesson}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"{lesson} stderr: {out.get('text', '')[:300]}")
            else:
                text = json.dumps(out.get("data", {}))
                if "Traceback (most recent call last)" in text:
                    found.append(f"{lesson}: a traceback is shown to the learner")
    return found


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "backups" not in p.parts and not p.name.endswith(".lock")}


DAMAGE = {
    "damaged": lambda name: b"\x00\x01{ this is not what was saved",
    "wrong_shape": lambda name: b'["a list", "where a table of saved work belongs"]',
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_every_lesson_on_damaged_files(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    files = _store_files()
    assert files, "the activities registry lists no stores"
    for name in files:
        (folder / name).write_bytes(DAMAGE[kind](name))
    (folder / "interview_log.csv").write_bytes(b"\xff\xfe\x00garbage,\x00")
    before = _snapshot(folder)
    errors = _run_all(str(folder))
    assert errors == []
    after = _snapshot(folder)
    assert {k: v for k, v in after.items() if k in before} == before, "a damaged file was overwritten"


@pytest.mark.slow
def test_every_lesson_when_the_workspace_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the workspace folder should be")
    assert _run_all(str(blocker / "work")) == []
    assert blocker.read_text() == "a file where the workspace folder should be"


@pytest.mark.slow
def test_every_lesson_on_a_read_only_workspace(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "interview_log.csv").write_text("date,contact,organisation,status\n2026-11-02,Ana,Acme,held\n")
    target = tmp_path / "readonly"
    target.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True).returncode == 0 \
            and subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], capture_output=True).returncode == 0
        if not mounted:
            subprocess.run(["umount", str(target)], capture_output=True)
            pytest.skip("a read-only bind mount is not allowed here")
    else:
        for p in source.iterdir():
            (target / p.name).write_bytes(p.read_bytes())
        os.chmod(target, 0o500)
    try:
        before = _snapshot(target)
        assert _run_all(str(target)) == []
        assert _snapshot(target) == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(target)], capture_output=True)
        else:
            os.chmod(target, 0o700)
