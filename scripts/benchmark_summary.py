"""Benchmark: ``python -m helpers summary`` on a large pooled log against a plain ``pandas.read_csv``.

An instructor may pool a whole course's logs over several years. This script writes a valid
log of ROWS rows (default 1,000,000) into a temporary folder, then, in one run:

1. times ``pandas.read_csv(path)`` in a fresh Python process (the yardstick);
2. times ``python -m helpers summary path --as-of ...`` in a fresh Python process;
3. reports both, and the ratio (goal: at most 2.0).

Both are run as separate processes so each pays the same start-up (Python, pandas import);
the in-process read_csv time is reported too. Not a test: timings vary by machine.

    .venv/bin/python scripts/benchmark_summary.py            # 1,000,000 rows, 300,000 names, best of 3
    .venv/bin/python scripts/benchmark_summary.py --rows 100000 --repeat 1
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SECTORS = ["Healthcare", "Accounting", "Software", "Nonprofit", "Education", "Retail", "Logistics",
           "Public sector", "Hospitality", "Manufacturing", "Finance", "Media"]
CHANNELS = ["email", "phone", "video", "in person"]
FEEDBACK = ["Strong communication; build budgeting skills.", "Competitive for coordinator roles now.",
            "Tailor the CV to lead with scheduling work.", "A short certificate would make me competitive."]
INSIGHTS = ["Roles are often posted internally first.", "Teams value accuracy over speed in year one.",
            "Busy season runs January to April.", "Small firms hire from patient-facing roles."]


def make_log(rows: int, seed: int = 2026, learners: int | None = None, names: int | None = 300_000,
             referred_share: float = 0.3) -> pd.DataFrame:
    """A pooled log of ``rows`` interviews, built without row loops.

    With ``names`` (the default), contacts are drawn from that many names and ``referred_share``
    of the interviews were referred by a name drawn from anywhere in the file (a pooled log,
    not one with a few hundred names per learner; its few loops and self-referrals are
    reported by ``check``). With ``names=None``, each row is its own contact, referred by an
    earlier contact of the same learner about half the time.
    """
    rng = np.random.default_rng(seed)
    idx = np.arange(rows)
    if names:
        pool = pd.Series(np.arange(names)).map("{:06d}".format).radd("Person ").to_numpy()
        who = rng.integers(0, names, rows)
        contact = pool[who]
        referred = rng.random(rows) < referred_share
        referred_by = np.where(referred, pool[rng.integers(0, names, rows)], "")
        organisation = pd.Series(who % 5000).map("Org {}".format).to_numpy()  # a person works in one place
    else:
        learners = learners or max(1, rows // 40)
        learner = rng.integers(0, learners, rows)
        contact = pd.Series(idx).map("{:07d}".format).radd("Contact ").to_numpy()
        # Referred by an earlier contact of the same learner about half the time (chains form).
        order = np.lexsort((idx, learner))                     # rows grouped by learner, in order
        prev = np.full(rows, -1)
        same = learner[order][1:] == learner[order][:-1]      # this row and the one before: same learner
        prev[order[1:][same]] = order[:-1][same]
        referred = (prev >= 0) & (rng.random(rows) < 0.5)
        referred_by = np.where(referred, contact[np.maximum(prev, 0)], "")
        organisation = pd.Series(rng.integers(0, 5000, rows)).map("Org {}".format).to_numpy()
    start = np.datetime64("2020-01-06")
    date = start + rng.integers(0, 7 * 365, rows).astype("timedelta64[D]")
    status = rng.choice(["requested", "scheduled", "held", "cancelled"], rows, p=[0.1, 0.1, 0.72, 0.08])
    held = status == "held"
    kind = rng.choice(["practice", "real", ""], rows, p=[0.2, 0.6, 0.2])
    refs = np.where(held, rng.integers(0, 4, rows).astype(str), "")
    yn = np.array(["yes", "no", ""])
    thank = date + rng.integers(0, 4, rows).astype("timedelta64[D]")
    follow = date + rng.integers(6, 12, rows).astype("timedelta64[D]")
    done = follow + rng.integers(0, 3, rows).astype("timedelta64[D]")
    has_thank = held & (rng.random(rows) < 0.85)
    has_follow = held & (rng.random(rows) < 0.7)
    has_done = has_follow & (rng.random(rows) < 0.6)

    def dates(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
        return np.where(keep, np.datetime_as_string(values, unit="D"), "")

    return pd.DataFrame({
        "date": np.datetime_as_string(date, unit="D"),
        "contact": contact,
        "organisation": organisation,
        "status": status,
        "role": "Coordinator",
        "sector": rng.choice(SECTORS, rows),
        "kind": kind,
        "channel": rng.choice(CHANNELS, rows),
        "referred_by": referred_by,
        "referrals": refs,
        "may_use_name": np.where(held, rng.choice(yn, rows), ""),
        "contact_details": np.where(held, rng.choice(yn, rows), ""),
        "thank_you_sent": dates(thank, has_thank),
        "follow_up_on": dates(follow, has_follow),
        "followed_up": dates(done, has_done),
        "feedback": np.where(held & (rng.random(rows) < 0.4), rng.choice(FEEDBACK, rows), ""),
        "insights": np.where(held & (rng.random(rows) < 0.6), rng.choice(INSIGHTS, rows), ""),
        "notes": "",
    })


def timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return its wall-clock seconds, its CPU seconds (user + system) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--names", type=int, default=300_000,
                        help="contacts drawn from this many names, 3 in 10 referred by any of them "
                             "(default 300,000; 0: one name a row, chains within each learner)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    parser.add_argument("--keep", metavar="PATH", help="also save the generated log here")
    parser.add_argument("--log", metavar="PATH", help="time this existing log instead of generating one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.log:
            path = Path(args.log)
        else:
            path = Path(args.keep) if args.keep else Path(tmp) / "course_log.csv"
            t0 = time.perf_counter()
            make_log(args.rows, names=args.names or None).to_csv(path, index=False)
            print(f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")

        check = subprocess.run([sys.executable, "-m", "helpers", "check", str(path)], capture_output=True, text=True)
        print(f"check: exit {check.returncode} ({check.stderr.strip().splitlines()[-1] if check.stderr else ''})")

        read_cmd = [sys.executable, "-c", f"import pandas; pandas.read_csv({str(path)!r})"]
        summary_cmd = [sys.executable, "-m", "helpers", "summary", str(path), "--as-of", "2026-11-30"]
        read, summary = [], []
        for _ in range(args.repeat):  # interleaved, so a busy moment hurts both alike
            wall, cpu, done = timed(read_cmd)
            assert done.returncode == 0, done.stderr
            read.append((wall, cpu))
            wall, cpu, done = timed(summary_cmd)
            assert done.returncode == 0, done.stderr
            summary.append((wall, cpu))
        start = time.perf_counter()
        pd.read_csv(path)
        in_process = time.perf_counter() - start

    def runs(times: list[tuple[float, float]], i: int) -> str:
        return ", ".join(f"{t[i]:.2f}" for t in times)

    best_read = min(w for w, _ in read), min(c for _, c in read)
    best_summary = min(w for w, _ in summary), min(c for _, c in summary)
    print(f"command: {' '.join(summary_cmd)}")
    print(f"pandas.read_csv in its own process: wall {best_read[0]:.2f} s (runs {runs(read, 0)}), "
          f"CPU {best_read[1]:.2f} s (runs {runs(read, 1)})")
    print(f"python -m helpers summary:          wall {best_summary[0]:.2f} s (runs {runs(summary, 0)}), "
          f"CPU {best_summary[1]:.2f} s (runs {runs(summary, 1)})")
    print(f"pandas.read_csv in this process (no start-up, no import): {in_process:.2f} s; "
          f"summary / that: {best_summary[0] / in_process:.2f}x")
    print(f"ratio summary / read_csv (best of {args.repeat}): wall {best_summary[0] / best_read[0]:.2f}x, "
          f"CPU {best_summary[1] / best_read[1]:.2f}x (goal: at most 2.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
