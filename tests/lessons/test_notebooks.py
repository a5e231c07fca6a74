"""Every lesson runs top to bottom on a fresh workspace, twice, without errors or duplicates."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from nbtools import errors, execute

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [str(p.relative_to(ROOT / "notebooks")) for p in NOTEBOOKS]


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "backups" not in p.parts}


def test_there_are_lessons():
    assert len([p for p in NOTEBOOKS if p.parent.name == "notebooks"]) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_cleared_and_well_formed(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.get("outputs"), f"cell {i} has stored outputs: commit notebooks cleared"
            assert cell.get("execution_count") is None, f"cell {i} has an execution count"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# "), "first cell: one '# Title'"
    assert len(re.findall(r"^# ", first.source, flags=re.M)) == 1, "exactly one H1 title"
    assert re.search(r"\b\d+\s*(-\s*\d+\s*)?min", first.source), "first cell says how long it takes"
    text = "\n".join(c.source for c in nb.cells)
    assert "sys.path" not in text and "../data" not in text, "no sys.path edits or relative data paths"
    assert re.match(r"^\d\d-[a-z0-9-]+\.ipynb$", path.name), "names sort in teaching order: NN-title.ipynb"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_clean_twice_without_duplicates(path: Path, tmp_path: Path):
    work = tmp_path / "work"
    nb = execute(path, work)
    assert errors(nb) == [], f"{path.name} shows errors on a fresh workspace"
    first = _snapshot(work)
    nb = execute(path, work)
    assert errors(nb) == [], f"{path.name} shows errors on a second run"
    assert _snapshot(work) == first, "running the lesson again changed the saved work (duplicates?)"
