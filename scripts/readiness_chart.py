#!/usr/bin/env python3
"""Make the README's before-and-after chart (docs/screenshots/readiness-change.png) from two sample
takings of the readiness check, with the chart lesson 08 shows (``helpers.readiness.change_chart``).

    python scripts/readiness_chart.py            # writes docs/screenshots/readiness-change.png
    python scripts/readiness_chart.py OUT.png    # writes it somewhere else

The takings are saved in a temporary workspace (nothing is written to yours) on the shipped
statements: before 2 3 1 2 4 3, after 4 3 3 1 5 4 (higher on four, the same on one, lower on one).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = (2, 3, 1, 2, 4, 3)
AFTER = (4, 3, 3, 1, 5, 4)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots" / "readiness-change.png"
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INTERVIEW_WORKSPACE"] = folder
        from helpers import readiness

        ids = [s.id for s in readiness.settings().statements]
        if len(ids) != len(BEFORE):
            print(f"error: the sample takings rate {len(BEFORE)} statements; readiness.toml has {len(ids)}",
                  file=sys.stderr)
            return 2
        for when, marks, day in (("before", BEFORE, dt.date(2026, 3, 2)), ("after", AFTER, dt.date(2026, 3, 13))):
            saved = readiness.save_taking(when, dict(zip(ids, marks)), today=day)
            if not saved.saved:
                print(f"error: {saved.message}", file=sys.stderr)
                return 2
        change, _ = readiness.latest_change()
        fig, alt, _caption = readiness.change_chart(change)
        fig.savefig(out, format="png", dpi=100)
    print(f"wrote {out}\nalt text: {alt}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
