"""Train, check and measure the learnt job-ask model (helpers/core/jobask/model.json).

One deterministic command: the same labelled rows and settings always give the same file.

    .venv/bin/python scripts/train_coach.py             # retrain and write the shipped file
    .venv/bin/python scripts/train_coach.py --check     # exit 1 if the shipped file differs
    .venv/bin/python scripts/train_coach.py --measure   # leave-one-set-out table (rule, model, both)

The rows: every ``tests/cases/coaching_*.csv`` (label ``job_ask`` against every other label),
``tests/cases/jobask_email_dev.csv``, ``jobask_fields_dev.csv`` and ``jobask_referrals_dev.csv`` (e-mail
sentences, field fragments and the referral ask lesson 04 teaches: ``job_ask`` against ``legit``) and the instructor's own
examples in ``data/content/jobask_examples.toml`` (``job_ask`` or ``not_job_ask``). Needs
scikit-learn (tests/requirements.txt); a learner's install never does.

``--measure``: for each of the twelve held-out sets, a model is trained on every other row (a row
whose folded text also appears in the held-out set is left out of training too), and the rule
alone, the model alone and the combination (helpers.core.jobask.job_ask with that model) are
measured on the set. Every model figure is on wordings that model never saw.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.core.jobask import model as jobask_model  # noqa: E402
from helpers.core.jobask import job_ask, rule_job_ask  # noqa: E402
from helpers.core.text import fold  # noqa: E402

CASES = ROOT / "tests" / "cases"
INSTRUCTOR = ROOT / "data" / "content" / "jobask_examples.toml"
HELDOUT = [f"coaching_heldout{n}.csv" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)]
#: The settings that make the model (recorded in the file).
SETTINGS = {"C": 4.0, "min_df": 2, "threshold": 0.5, "guard": "narrow", "class_weight": None,
            "char_ns": list(jobask_model.CHAR_NS), "word_ns": list(jobask_model.WORD_NS),
            "solver": "liblinear", "digits": 3}
POSITIVE = {"job_ask"}


def source_files() -> list[Path]:
    """The labelled files, in a fixed order."""
    files = sorted(CASES.glob("coaching_*.csv")) + [CASES / f"jobask_{name}_dev.csv" for name in ("email", "fields", "referrals")]
    if INSTRUCTOR.exists():
        files.append(INSTRUCTOR)
    return files


def load_rows(files: list[Path] | None = None) -> list[tuple[str, str, int]]:
    """(file name, text, 1 for a job ask else 0) for every labelled row."""
    out = []
    for path in files or source_files():
        if path.suffix == ".toml":
            import tomllib
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
            problems = jobask_model.check_examples(data, path.name)
            if problems:
                raise SystemExit("\n".join(problems + ["fix these (python -m helpers check-content) and train again"]))
            out += [(path.name, e["text"].strip(), int(e["label"] in POSITIVE)) for e in data.get("example", [])]
            continue
        with open(path, newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("text") or "").strip()
                if text:
                    out.append((path.name, text, int((row.get("label") or "").strip() in POSITIVE)))
    return out


def rows_hash(rows: list[tuple[str, str, int]]) -> str:
    digest = hashlib.sha256()
    for name, text, label in rows:
        digest.update(f"{name}\t{text}\t{label}\n".encode("utf-8"))
    return digest.hexdigest()


def train(rows: list[tuple[str, str, int]], settings: dict = SETTINGS) -> dict:
    """The model dict (as shipped) learnt from ``rows``."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [jobask_model.features(text) for _, text, _ in rows]
    df: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= settings["min_df"])
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices = [0], []
    for fs in feats:
        indices.extend(sorted(index[f] for f in fs if f in index))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    y = np.array([label for _, _, label in rows])
    clf = LogisticRegression(C=settings["C"], solver=settings["solver"], class_weight=settings["class_weight"],
                             random_state=0, max_iter=1000, tol=1e-6)
    clf.fit(x, y)
    digits = settings["digits"]
    weights = {}
    for f, w in zip(vocab, clf.coef_[0]):
        w = round(float(w), digits)
        if w != 0.0:
            weights[f] = w
    counts: dict[str, list[int]] = {}
    for name, _, label in rows:
        counts.setdefault(name, [0, 0])[label] += 1
    meta = {"what": "logistic regression: is this text a job ask? (scripts/train_coach.py)",
            "settings": dict(settings),
            "rows": {"files": {n: {"not_job_ask": c[0], "job_ask": c[1]} for n, c in counts.items()},
                     "total": len(rows), "sha256": rows_hash(rows)},
            "features": len(weights)}
    return {"meta": meta, "intercept": round(float(clf.intercept_[0]), digits), "weights": weights}


def dumps(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _figures(rows, decide) -> tuple[int, int, int, int]:
    asks = [t for _, t, y in rows if y]
    legit = [t for _, t, y in rows if not y]
    return (sum(1 for t in asks if decide(t)), len(asks), sum(1 for t in legit if decide(t)), len(legit))


def measure(settings: dict = SETTINGS, out=sys.stdout) -> list[dict]:
    """Leave-one-set-out: the rule, the model and the combination on each held-out set."""
    rows = load_rows()
    table = []
    for name in HELDOUT:
        test = [r for r in rows if r[0] == name]
        seen = {fold(t) for _, t, _ in test}
        model = train([r for r in rows if r[0] != name and fold(r[1]) not in seen], settings)
        thr = settings["threshold"]
        rule = _figures(test, lambda t: rule_job_ask(t) is not None)
        alone = _figures(test, lambda t: max(p for _, p in jobask_model.sentence_scores(t, model)) >= thr)
        both = _figures(test, lambda t: job_ask(t, model=model) is not None)
        table.append({"set": name, "rule": rule, "model": alone, "combined": both})
    print("| held-out set | rule: caught | rule: flagged | model: caught | model: flagged | "
          "combined: caught | combined: flagged |", file=out)
    print("|---|---|---|---|---|---|---|", file=out)
    totals = {k: [0, 0, 0, 0] for k in ("rule", "model", "combined")}
    for line in table:
        cells = []
        for k in ("rule", "model", "combined"):
            c, a, f, n = line[k]
            totals[k] = [x + y for x, y in zip(totals[k], line[k])]
            cells += [f"{c}/{a} ({c / a:.0%})", f"{f}/{n}"]
        print(f"| {line['set'].removeprefix('coaching_').removesuffix('.csv')} | " + " | ".join(cells) + " |", file=out)
    cells = []
    for k in ("rule", "model", "combined"):
        c, a, f, n = totals[k]
        cells += [f"**{c}/{a} ({c / a:.0%})**", f"**{f}/{n}**"]
    print("| **all twelve** | " + " | ".join(cells) + " |", file=out)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file is not what training gives")
    parser.add_argument("--measure", action="store_true", help="print the leave-one-set-out table")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a setting when measuring (e.g. C=2)")
    args = parser.parse_args(argv)
    if args.measure:
        settings = dict(SETTINGS)
        for item in args.set:
            key, value = item.split("=", 1)
            settings[key] = value if key in ("guard", "solver") else (None if value == "None" else float(value))
        measure(settings)
        return 0
    text = dumps(train(load_rows()))
    if args.check:
        same = jobask_model.MODEL_PATH.exists() and jobask_model.MODEL_PATH.read_text(encoding="utf-8") == text
        print("the shipped model is what training gives" if same else
              "the shipped model differs: run scripts/train_coach.py", file=sys.stdout if same else sys.stderr)
        return 0 if same else 1
    jobask_model.MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {jobask_model.MODEL_PATH.relative_to(ROOT)} ({len(text.encode('utf-8')) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
