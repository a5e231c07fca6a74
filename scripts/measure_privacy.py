"""Measure the detector and the share on planted-detail logs: detected or missed, per set.

    .venv/bin/python scripts/measure_privacy.py          # both sets
    .venv/bin/python scripts/measure_privacy.py -v       # every miss and false alarm

Each case in ``tests/cases/privacy_planted.csv`` (the set the rules were built on) and
``tests/cases/privacy_heldout.csv`` (written at the same time and never tuned on) is a log's
people and organisations, a free-text cell and the details planted in it. A planted detail
counts as detected when the detector's findings cover every letter and digit of it. A case
with nothing planted counts the findings in it as false alarms. Then every case of a set is
put into one log (its notes column) and shared twice: with free text left out, the copy must
hold no planted detail and no name or organisation of the log; with the notes chosen, every
planted detail still in the copy is a miss of the share.
"""
from __future__ import annotations

import csv
import io
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import sharing as share
from helpers.core import detect  # noqa: E402

SETS = {"planted (tuned on)": ROOT / "tests" / "cases" / "privacy_planted.csv",
        "held out (never tuned on)": ROOT / "tests" / "cases" / "privacy_heldout.csv",
        "blind (issue 20, written before the change)": ROOT / "tests" / "cases" / "privacy_blind.csv"}


@dataclass
class Case:
    case: str
    people: list[str]
    organisations: list[str]
    text: str
    planted: list[str]


@dataclass
class Measure:
    planted: int = 0
    detected: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    negatives: int = 0
    left_out_leaks: list[str] = field(default_factory=list)
    chosen_leaks: list[str] = field(default_factory=list)


def read_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Case(r["case"], [p for p in r["people"].split("|") if p], [o for o in r["organisations"].split("|") if o],
                     r["text"], [p for p in r["planted"].split("|") if p]) for r in csv.DictReader(fh)]


def covered(text: str, detail: str, findings: list[detect.Finding]) -> bool:
    """True when every letter and digit of ``detail`` (its first occurrence) is inside a finding."""
    start = text.find(detail)
    if start < 0:
        raise ValueError(f"planted detail {detail!r} is not in {text!r}")
    spans = [(f.start, f.end) for f in findings]
    return all(any(a <= i < b for a, b in spans) for i in range(start, start + len(detail)) if text[i].isalnum())


def _log_csv(cases: list[Case]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "contact", "organisation", "status", "referred_by", "notes"])
    for n, c in enumerate(cases):
        people, orgs = c.people or ["Ravi Shah"], c.organisations or ["Acme Works"]
        for k in range(max(len(people), len(orgs))):
            w.writerow([f"2026-03-{(n % 27) + 1:02d}", people[k % len(people)], orgs[k % len(orgs)], "held",
                        people[0] if k else "", c.text if k == 0 else ""])
    return out.getvalue().encode("utf-8")


def _leaks(copy: str, terms: list[str]) -> list[str]:
    folded = detect.fold(copy)
    return [t for t in terms if detect.fold(t) in folded]


def measure(cases: list[Case]) -> Measure:
    m = Measure()
    for c in cases:
        names = detect.known(c.people, c.organisations)
        found = detect.find(c.text, names)
        if not c.planted:
            m.negatives += 1
            m.false_alarms += [f"{c.case}: {f.kind} {f.text!r}" for f in found]
        for detail in c.planted:
            m.planted += 1
            if covered(c.text, detail, found):
                m.detected += 1
            else:
                m.misses.append(f"{c.case}: {detail!r}")
    data = _log_csv(cases)
    planted = [d for c in cases for d in c.planted]
    names = sorted({p for c in cases for p in c.people} | {o for c in cases for o in c.organisations})
    parts = sorted({w for n in names for w in share.person_key(n) if len(w) >= 4
                    and w not in detect.GENERIC_ORG_WORDS})
    with tempfile.TemporaryDirectory() as tmp:
        left = Path(tmp) / "left_out.csv"
        share.share_file(data, left, name="planted.csv")
        m.left_out_leaks = _leaks(left.read_text(encoding="utf-8-sig"), planted + names + parts)
        chosen = Path(tmp) / "chosen.csv"
        share.share_file(data, chosen, name="planted.csv", include=["notes"])
        text = chosen.read_text(encoding="utf-8-sig")
        m.chosen_leaks = [d for d in planted if re.search(r"(?<!\w)" + re.escape(d) + r"(?!\w)", text)]
    return m


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for label, path in SETS.items():
        m = measure(read_cases(path))
        print(f"{label}: {path.name}")
        print(f"  detector: {m.detected} of {m.planted} planted details detected, {len(m.misses)} missed; "
              f"{len(m.false_alarms)} false alarm(s) in {m.negatives} case(s) with nothing planted")
        print(f"  share, free text left out: {len(m.left_out_leaks)} planted detail(s), names or organisations "
              f"of the log in the copy")
        print(f"  share, notes chosen: {len(m.chosen_leaks)} planted detail(s) still in the copy")
        if verbose:
            for line in m.misses:
                print("    missed", line)
            for line in m.false_alarms:
                print("    false alarm", line)
            for line in m.left_out_leaks + m.chosen_leaks:
                print("    in the copy", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
