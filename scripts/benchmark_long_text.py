"""Benchmark: the checks on long or hostile text grow with the text, no faster.

Each check is timed on a text of about 10 KB (the baseline) and on one ten times longer, in this one
process; the ratio long/short is about 10 when the work is linear (about 100 if it were quadratic,
far less than 10 when a check reads only a bounded part). Not a test: timings vary by machine; the
tests check the bounds themselves (pieces cut to a limit), never a time.

    .venv/bin/python scripts/benchmark_long_text.py
"""
from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.core.jobask import job_ask  # noqa: E402
from helpers.core.jobask import model as jobask_model  # noqa: E402
from helpers import sharing  # noqa: E402


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def share_cell(folder: Path, size: int) -> None:
    blob = base64.b64encode(os.urandom(size)).decode()
    source = folder / f"blob{size}.csv"
    source.write_text(f"date,contact,organisation,status,notes\n2026-01-05,Ana Silva,Bluebird Cafe,held,{blob}\n",
                      encoding="utf-8")
    sharing.share_file(source, folder / "chosen.csv", include=["notes"])
    sharing.check_shared(folder / "chosen.csv")


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    sentence = "could you i me my your the a like someone be considered for any role " * 14 + ". "
    cases = [
        ("job_ask, one run-on word list", lambda n: job_ask("any " * (n // 4) + "x" * (n // 2))),
        ("job_ask, many sentences", lambda n: job_ask(sentence * max(1, n // len(sentence)))),
        ("model sentence_scores", lambda n: jobask_model.sentence_scores("Could I work with you? " * (n // 23))),
        ("share a base64 cell", lambda n: share_cell(folder, n * 3 // 4)),
    ]
    print("| check | 10 KB (s) | 100 KB (s) | ratio 100 KB / 10 KB |\n|---|---|---|---|")
    for name, fn in cases:
        short, long = best(lambda: fn(10_000)), best(lambda: fn(100_000))
        print(f"| {name} | {short:.3f} | {long:.3f} | {long / short:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
