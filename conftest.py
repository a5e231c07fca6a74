"""Shared fixtures for tests and doctests: every test gets its own empty workspace; nothing is
written to the repository."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "tests" / "cases"

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point INTERVIEW_WORKSPACE at a fresh temporary folder for every test."""
    folder = tmp_path / "workspace"
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(folder))
    monkeypatch.delenv("INTERVIEW_CONTENT", raising=False)
    return folder


@pytest.fixture(autouse=True, scope="session")
def _repo_untouched():
    """Fail the run if any test wrote a learner's workspace into the repository."""
    before = (ROOT / "my_work").exists()
    yield
    if not before:
        assert not (ROOT / "my_work").exists(), "a test wrote into the repository's my_work/"
