"""Benchmark: how long a lesson takes to execute headless, against a floor notebook.

The floor notebook imports the same libraries as the lesson (the helpers' forms, pandas,
matplotlib, ipywidgets), draws one chart and shows one widget: what any lesson of this kind
must pay. Each notebook is executed with nbclient in a fresh kernel and an empty temporary
workspace, alternating floor and lesson, RUNS times; the medians and their ratio are
reported (goal for lesson 06, the practice log: at most 1.5x). Not a test: timings vary by machine.

    .venv/bin/python scripts/benchmark_lessons.py                      # lesson 06, median of 3
    .venv/bin/python scripts/benchmark_lessons.py notebooks/02-research-to-questions.ipynb --runs 5
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [
    "from helpers import forms\nimport pandas as pd\nimport matplotlib\nimport ipywidgets as widgets",
    "from helpers import charts, log\ncharts.weekly_activity(log.load(log.sample_path()).data)",
    "widgets.Text(description='One widget')",
]


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FLOOR]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def run(nb: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to execute a copy of ``nb`` in ``folder`` (kernel start included), in an empty workspace."""
    with tempfile.TemporaryDirectory() as work:
        os.environ["INTERVIEW_WORKSPACE"] = work
        copy = nbformat.from_dict(nb)
        start = time.perf_counter()
        NotebookClient(copy, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        took = time.perf_counter() - start
    errors = [o for c in copy.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise SystemExit(f"the notebook raised: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", default=str(ROOT / "notebooks" / "06-practice-log.ipynb"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    lesson_path = Path(args.lesson).resolve()
    lesson = nbformat.read(lesson_path, as_version=4)
    floor = floor_notebook()
    run(floor, lesson_path.parent)  # warm the disk cache once, not counted
    floors, lessons = [], []
    for _ in range(args.runs):  # alternating, so a busy moment hurts both alike
        floors.append(run(floor, lesson_path.parent))
        lessons.append(run(lesson, lesson_path.parent))
    f, les = statistics.median(floors), statistics.median(lessons)
    print(f"floor notebook (imports, one chart, one widget): {', '.join(f'{t:.2f}' for t in floors)} s; median {f:.2f} s")
    print(f"{lesson_path.name}: {', '.join(f'{t:.2f}' for t in lessons)} s; median {les:.2f} s")
    print(f"ratio lesson / floor (median of {args.runs}): {les / f:.2f}x (goal: at most 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
