"""Without Chromium the browser tests skip with a clear reason; under REQUIRE_BROWSER=1 they fail.

Runs pytest on one browser test in a subprocess with ``CHROMIUM_PATH`` pointing at nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = "tests/browser/test_lessons_in_browser.py::test_the_checks_catch_what_a_learner_would_see"


def run_without_chromium(tmp_path: Path, require: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "REQUIRE_BROWSER"}
    env["CHROMIUM_PATH"] = str(tmp_path / "no-chromium-here")
    if require:
        env["REQUIRE_BROWSER"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider",
                           "--basetemp", str(tmp_path / "inner"), TARGET],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_missing_chromium_skips_with_the_reason(tmp_path: Path):
    result = run_without_chromium(tmp_path, require=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "browser tests skipped: Chromium was not found at" in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_missing_chromium_fails_when_required(tmp_path: Path):
    result = run_without_chromium(tmp_path, require=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REQUIRE_BROWSER=1 but the browser tests cannot run" in result.stdout
    assert "skipped" not in result.stdout

