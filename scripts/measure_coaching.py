"""How well the coaching checks do on the labelled questions in tests/cases/coaching_*.csv.

For each set it prints, for the job-ask rule (helpers.core.jobask.job_ask): precision and
recall on job asks, and the share of legitimate questions flagged; and for the verdict
(helpers.core.coaching.verdict): how many questions labelled good are called good, and how many
nonsense, off-topic, personal or too-short questions are called good (the goal is none).

    .venv/bin/python scripts/measure_coaching.py            # the figures
    .venv/bin/python scripts/measure_coaching.py --misses dev   # and the development set's misses

Only the development set's misses are printed: the held-out sets are for measuring, not tuning.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.core.jobask import job_ask  # noqa: E402

CASES = ROOT / "tests" / "cases"
SETS = {"dev": "coaching_dev.csv", "heldout": "coaching_heldout.csv", "heldout2": "coaching_heldout2.csv",
        "heldout3": "coaching_heldout3.csv", "heldout4": "coaching_heldout4.csv",
        "heldout5": "coaching_heldout5.csv", "heldout6": "coaching_heldout6.csv",
        "heldout7": "coaching_heldout7.csv", "heldout8": "coaching_heldout8.csv",
        "heldout9": "coaching_heldout9.csv", "heldout10": "coaching_heldout10.csv",
        "heldout11": "coaching_heldout11.csv", "heldout12": "coaching_heldout12.csv"}
UNPLACEABLE = {"off_topic", "nonsense", "personal", "too_short"}


def rows(name: str) -> list[dict]:
    with open(CASES / SETS[name], newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def measure(name: str) -> dict:
    """The figures for one set, plus the misses (texts) by kind."""
    try:
        from helpers.core import coaching
        verdict = coaching.verdict
    except ImportError:  # pragma: no cover - the verdict is optional for this script
        verdict = None
    data = rows(name)
    tp = fp = fn = 0
    misses: dict[str, list[str]] = {"missed job ask": [], "flagged legitimate": [], "wrongly good": [],
                                    "good not called good": []}
    good_total = good_called = bad_total = bad_called = 0
    for r in data:
        found = job_ask(r["text"]) is not None
        is_ask = r["label"] == "job_ask"
        if found and is_ask:
            tp += 1
        elif found:
            fp += 1
            misses["flagged legitimate"].append(r["text"])
        elif is_ask:
            fn += 1
            misses["missed job ask"].append(r["text"])
        if verdict is not None:
            called_good = verdict(r["text"]).good
            if r["label"] == "good":
                good_total += 1
                good_called += called_good
                if not called_good:
                    misses["good not called good"].append(r["text"])
            elif r["label"] in UNPLACEABLE or r["label"] == "job_ask":
                bad_total += 1
                bad_called += called_good
                if called_good:
                    misses["wrongly good"].append(r["text"])
    legit = len(data) - tp - fn
    return {"set": name, "questions": len(data), "job_asks": tp + fn, "caught": tp, "false_alarms": fp,
            "legitimate": legit,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "flagged_share": fp / legit if legit else 0.0,
            "good_total": good_total, "good_called": good_called, "bad_total": bad_total,
            "bad_called_good": bad_called, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=["dev"], help="also print the development set's misses")
    args = parser.parse_args(argv)
    for name in SETS:
        m = measure(name)
        print(f"{m['set']:9} {m['questions']:3} questions | job asks: caught {m['caught']}/{m['job_asks']} "
              f"(recall {m['recall']:.0%}), precision {m['precision']:.0%}, legitimate flagged "
              f"{m['false_alarms']}/{m['legitimate']} ({m['flagged_share']:.1%})")
        if m["good_total"] or m["bad_total"]:
            print(f"{'':9} verdict: good called good {m['good_called']}/{m['good_total']}; job asks, nonsense, "
                  f"off-topic, personal or too short called good {m['bad_called_good']}/{m['bad_total']}")
        if args.misses == name:
            for kind, texts in m["misses"].items():
                for text in texts:
                    print(f"    {kind}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
