"""A small learnt check of "is this a job ask?", read from a shipped data file.

The model is a logistic regression over word and character n-grams of the folded text, trained
by ``scripts/train_coach.py`` (scikit-learn, a development tool only) from the labelled rows in
``tests/cases/`` and the instructor's ``data/content/jobask_examples.csv``. It ships as
``model.json`` beside this file: the settings, which rows made it (files, counts and a
hash), an intercept and one weight per n-gram. Reading it needs only the standard library; it is
read once, on first use, so importing this module costs nothing.

:func:`score` gives the model's probability that a text asks for a job. The rule
(:mod:`helpers.core.jobask`) decides first and keeps its reasons; the model may only add a catch
the rule missed (see :func:`helpers.core.jobask.job_ask`).

>>> features("Hiring?")[:3]
['w:hiring', 'c: hi', 'c:hir']
>>> 0.0 <= score("How did you get your first job?") <= 1.0
True
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from helpers.core.text import fold

__all__ = ["features", "score", "sentence_scores", "model_info", "MODEL_PATH"]

#: The shipped model file.
MODEL_PATH = Path(__file__).resolve().with_name("model.json")
#: Only the first this many characters of a text are looked at by the model.
_LIMIT = 5000
#: Character n-gram lengths (inside words, with a space at each end), word n-gram lengths.
CHAR_NS = (3, 4, 5)
WORD_NS = (1, 2, 3)

_CONTRACTIONS = [
    (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\bi'm\b", "i am"), (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'d\b", r"\1 would"), (r"\b(\w+)'s\b", r"\1"),
    (r"\bc\.?\s?v\.?(?=\s|$|[,;:?!])", "cv"), (r"\bcurriculum vitae\b", "cv"),
]


def _words(text: object) -> list[str]:
    value = fold("" if text is None else text)[:_LIMIT]
    for pattern, repl in _CONTRACTIONS:
        value = re.sub(pattern, repl, value)
    return re.findall(r"[^\W_]+", value)


def features(text: object) -> list[str]:
    """The n-grams the model weighs, each once, in order of first appearance.

    ``w:`` word n-grams (1-3 words), ``c:`` character n-grams (3-5 letters, inside one word).
    """
    words = _words(text)
    seen: dict[str, None] = {}
    for n in WORD_NS:
        for i in range(len(words) - n + 1):
            seen.setdefault("w:" + " ".join(words[i:i + n]), None)
    for word in words:
        padded = f" {word} "
        for n in CHAR_NS:
            for i in range(len(padded) - n + 1):
                seen.setdefault("c:" + padded[i:i + n], None)
    return list(seen)


@lru_cache(maxsize=1)
def _model() -> dict:
    with open(MODEL_PATH, encoding="utf-8") as handle:
        return json.load(handle)


def model_info() -> dict:
    """What made the shipped model: its settings and the labelled rows (files, counts, hash)."""
    return dict(_model()["meta"])


def _probability(feats: list[str], weights: dict, intercept: float) -> float:
    z = intercept + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def score(text: object, model: dict | None = None) -> float:
    """The model's probability (0-1) that ``text`` asks the person for a job (the whole text)."""
    m = model or _model()
    return _probability(features(text), m["weights"], m["intercept"])


_SPLIT = re.compile(r"(?<=[.?!;\n])\s+")


def sentence_scores(text: object, model: dict | None = None) -> list[tuple[str, float]]:
    """(passage, probability) for the whole text and, for a text of several sentences, each pair of
    neighbouring sentences: a job ask in one sentence of a long e-mail is not diluted by the rest."""
    m = model or _model()
    value = "" if text is None else str(text)[:_LIMIT]
    out = [(value.strip(), score(value, m))]
    parts = [p.strip() for p in _SPLIT.split(value) if p.strip()]
    if len(parts) > 2:
        for first, second in zip(parts, parts[1:]):
            passage = f"{first} {second}"
            out.append((passage, score(passage, m)))
    return out


#: The labels an instructor's example may carry (data/content/jobask_examples.toml).
EXAMPLE_LABELS = ("job_ask", "not_job_ask")


def check_examples(data: dict, where: str = "jobask_examples.toml") -> list[str]:
    """The mistakes in an instructor's labelled examples (the parsed content file), each with the
    entry and the fix; [] when the file is fine.

    >>> check_examples({"example": [{"text": "Are you hiring?", "label": "job_ask"}]})
    []
    >>> check_examples({"example": [{"text": "Are you hiring?", "label": "yes"}]})[0][:45]
    'jobask_examples.toml, example 1: the label "y'
    """
    problems = []
    examples = data.get("example", [])
    if not isinstance(examples, list):
        return [f"{where}: 'example' must be a list of [[example]] entries, each with text and label."]
    seen: dict[str, tuple[int, str]] = {}
    for n, entry in enumerate(examples, 1):
        if not isinstance(entry, dict):
            problems.append(f"{where}, example {n}: write it as an [[example]] entry with text = \"...\" and "
                            f"label = \"job_ask\" or \"not_job_ask\".")
            continue
        text, label = entry.get("text"), entry.get("label")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}, example {n}: the text is missing or empty. Add text = \"...\" with the "
                            f"wording a learner might type.")
            continue
        if label not in EXAMPLE_LABELS:
            problems.append(f"{where}, example {n}: the label \"{label}\" is not one of "
                            f"{', '.join(EXAMPLE_LABELS)}. Use label = \"job_ask\" or label = \"not_job_ask\".")
            continue
        key = fold(" ".join(text.split()))
        if key in seen:
            first, old = seen[key]
            problems.append(f"{where}, example {n}: the same text as example {first}"
                            + (f" with the other label ({old}). Decide which it is and keep one." if old != label
                               else ". Remove one of them."))
            continue
        seen[key] = (n, label)
        unknown = set(entry) - {"text", "label", "note"}
        if unknown:
            problems.append(f"{where}, example {n}: unknown field(s) {', '.join(sorted(unknown))}; an example "
                            f"has text, label and note only.")
    return problems
