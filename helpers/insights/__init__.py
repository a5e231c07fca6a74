"""Sharing what you have learned: turn an insight into a general sentence you can say.

Each interview teaches a learner something they can bring to the next one ("people in
accounting at large manufacturers are watching the new rules"). Said in general terms it
shows a new contact that the learner has done their homework; said with a name, a source or
a confidence in it, it breaks trust. This module

* turns an insight into a sentence from a pattern in ``data/content/insights.toml``
  (:func:`generalise`, :func:`check`);
* says what would give someone away (:func:`privacy_warnings`, from
  :mod:`helpers.insights.privacy`: the log's names and every contact detail through the one
  detector, confidences, news that is not public yet, titles that point to one person,
  figures about a named organisation) and refuses a sentence about the learner rather than
  the field;
* saves sentences to ``insights.json`` through a :class:`helpers.core.store.Store`
  (:func:`save_insight` returns a :class:`helpers.core.Result`), once each, and only when
  nothing blocks: the saved sentence is what the learner will say out loud.

>>> from helpers import insights, log
>>> problems, warnings, sentence = insights.generalise(
...     "People in accounting at large manufacturers are watching the new rules.", log=log.empty())
>>> problems, warnings
([], [])
>>> print(sentence)  # doctest: +NORMALIZE_WHITESPACE
From my research and the conversations I've had so far, I've heard that people in accounting at
large manufacturers are watching the new rules. Is that something you see here too?
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers import content
from helpers.core import logfile as logmod
from helpers.core import Advice, Problem, Result
from helpers.core import export as ex
from helpers.core import text
from helpers.core.store import Collection, Store, StoreError
from helpers.core.words import is_common
from helpers.insights.settings import CONTENT, SCHEMA, Pattern, Settings, check_content, patterns, settings  # noqa: F401
from helpers.insights.privacy import BLOCKING, LogNames, about_you, log_names, strip_lead_in
from helpers.insights.privacy import privacy_warnings as _privacy_warnings

FILE = "insights.json"
STORE = Store(FILE, {"insights": Collection(key="id", fields={"sentence": str},
                                            optional={"insight": str, "audience_sector": str, "pattern": str,
                                                      "saved_on": str})},
              label="your saved sentences")
STORES = (STORE,)

__all__ = ["check", "generalise", "privacy_warnings", "save_insight", "delete_insight", "saved_insights",
           "insights_frame", "earlier_insights", "export", "check_content", "settings", "patterns",
           "clean_insight", "log_names", "LogNames", "STORE", "STORES", "preview_text", "export_text"]


# ---------------------------------------------------------------------------------------
# Plain-text checks (reflection still reads these two; they move to core.text with it)
# ---------------------------------------------------------------------------------------
def one_line(value: str | None) -> str:
    """Collapse all runs of whitespace (line breaks too) into single spaces.

    >>> one_line("  a\\n  b\\tc ")
    'a b c'
    """
    return " ".join((value or "").split())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problems(column: str, value: str | None, *, label: str, limit: int, required: bool = True,
                  minimum: int = 0, example: str = "") -> list[Problem]:
    """One typed text field's problems: empty, too long or short, web-page code, formula start,
    control characters (each with a ``code``).

    >>> [p.code for p in text_problems("who", "", label="a name", limit=10)]
    ['empty']
    >>> [p.what for p in text_problems("who", "x" * 11, label="a name", limit=10)]
    ['is 11 characters long']
    """
    raw = (value or "").strip()
    if not raw:
        if not required:
            return []
        hint = f", for example: {example}" if example else ""
        return [Problem(column, "", "is empty", f"Fill in {label}{hint}", "empty")]
    problems: list[Problem] = []
    if len(raw) > limit:
        problems.append(Problem(column, raw, f"is {len(raw)} characters long",
                                f"Shorten it to {limit} characters or fewer", "too_long"))
    elif minimum and len(raw) < minimum:
        problems.append(Problem(column, raw, "is too short to be useful",
                                f"Say a little more ({minimum} characters or more)", "too_short"))
    for p in text.check(column, raw, label=label, limit=10 ** 9, allow_placeholder=True):
        if p.code == "markup":
            tag = re.search(r"<[^<>]{0,2000}>", raw)
            problems.append(Problem(column, raw, f"contains web-page code ({(tag.group(0) if tag else '<')[:30]})",
                                    p.fix, "markup"))
        elif p.code == "formula" and not re.match(r"-\s*\d", raw):
            problems.append(Problem(column, raw, f"starts with '{raw[0]}', which a spreadsheet would run as a formula",
                                    "Start with a word instead", "formula"))
    if _CONTROL.search(raw):
        problems.append(Problem(column, raw, "contains invisible control characters",
                                "Retype it instead of pasting it", "control"))
    return problems


def _lower_first(value: str) -> str:
    """Lower-case the first word only when it is an everyday word ("People" -> "people");
    a name, a place or an acronym keeps its capitals ("London hospitals", "IT teams")."""
    m = re.match(r"[^\W\d_]+", value)
    if not m:
        return value
    word = m.group(0)
    if len(word) > 1 and word[0].isupper() and word[1:].islower() and is_common(word.casefold()):
        return word[0].lower() + value[1:]
    return value


def clean_insight(value: str | None) -> str:
    """Tidy an insight so it fits inside a sentence.

    >>> clean_insight("  People in accounting are watching the new rules.  ")
    'people in accounting are watching the new rules'
    >>> clean_insight("I learned that London hospitals hire in spring.")
    'London hospitals hire in spring'
    """
    t = one_line(value)
    for _ in range(2):
        t = t.strip(" \"'“”‘’«»").rstrip(".!?;:, ").strip()
    t = strip_lead_in(t)
    t = re.sub(r"^that\s+", "", t, flags=re.IGNORECASE)
    return _lower_first(t)


def privacy_warnings(value: str | None, log: "logmod.Log | pd.DataFrame | LogNames | None" = None,
                     column: str = "insight", is_sample: bool | None = None) -> list[Problem]:
    """What in ``value`` should not be shared (see :mod:`helpers.insights.privacy`).

    >>> from helpers import log
    >>> [(p.code, p.value) for p in privacy_warnings("Fatima at Pinecrest said it off the record",
    ...                                              log.load(log.sample_path()), is_sample=True)]
    [('person', 'Fatima'), ('organisation', 'Pinecrest'), ('confidential', 'off the record')]
    """
    return _privacy_warnings(value, log, column, is_sample, settings())


# ---------------------------------------------------------------------------------------
# Generalising an insight into a sentence
# ---------------------------------------------------------------------------------------
@dataclass
class InsightCheck:
    """Everything said about one insight: problems, privacy warnings, advice, the sentence."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)     # block saving (codes in BLOCKING)
    advice: list[Advice] = field(default_factory=list)        # does not block (e.g. name_like)
    sentence: str = ""
    insight: str = ""
    sector: str = ""
    pattern: str = ""
    log_note: str = ""

    @property
    def tips(self) -> list[str]:
        return [a.message for a in self.advice]

    @property
    def shareable(self) -> bool:
        return bool(self.sentence) and not self.problems and not self.warnings


def check(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
          log: "logmod.Log | pd.DataFrame | None" = None, is_sample: bool | None = None) -> InsightCheck:
    """Check an insight and build its sentence; see :func:`generalise` for the short form.

    A sentence about the learner rather than the field (code ``about_you``) is not built.
    A broken content file comes back as a problem (field ``content``) naming file and fix.
    """
    try:
        cfg = settings()
    except content.ContentError as exc:
        return InsightCheck(problems=[Problem("content", "", "The lesson's content file has a mistake",
                                              f"{exc} (ask your instructor)", "content")])
    lim = cfg.limits
    result = InsightCheck()
    result.problems += text_problems(
        "insight", insight, label="one thing you learned, in general terms", limit=lim["insight_max"],
        minimum=lim["insight_min"], example="people in accounting at large manufacturers are watching the new rules")
    result.problems += text_problems("audience_sector", audience_sector, label="their field",
                                     limit=lim["sector_max"], required=False)
    sector = _lower_first(one_line(audience_sector).rstrip(". "))
    chosen: Pattern | None
    if pattern:
        chosen = cfg.pattern(pattern)
        if chosen is None:
            result.problems.append(Problem("pattern", pattern, "is not one of the sentence patterns",
                                           "Choose one from the list: " + ", ".join(p.id for p in cfg.patterns),
                                           "unknown_pattern"))
    else:
        chosen = next((p for p in cfg.patterns if p.uses_sector == bool(sector)), cfg.patterns[0])
    if chosen is not None and chosen.uses_sector and not sector:
        result.problems.append(Problem("audience_sector", "", "is empty",
                                       f"The pattern “{chosen.label}” mentions their field: fill in the field "
                                       f"of the person you will speak with, or choose another pattern", "empty"))
    elif chosen is not None and sector and not chosen.uses_sector:
        result.advice.append(Advice("pattern_without_sector", f"The pattern “{chosen.label}” does not mention "
                                    f"their field; choose one that does if you want it in the sentence."))
    cleaned = clean_insight(insight)
    result.insight, result.sector, result.pattern = cleaned, sector, chosen.id if chosen else ""
    names = log_names(log, is_sample, cfg.not_organisations)
    result.log_note = names.note
    found = (_privacy_warnings(insight, names, "insight", None, cfg)
             + _privacy_warnings(audience_sector, names, "audience_sector", None, cfg))
    result.problems += about_you(insight, cfg)
    result.warnings = [w for w in found if w.code in BLOCKING]
    result.advice += [Advice("name_like", f"“{w.value}” {w.what}. {w.fix}") for w in found if w.code == "name_like"]
    if re.search(r"[.!?]\s+[A-Z]", one_line(insight)):
        result.advice.append(Advice("several_sentences", cfg.guidance["tip_several_sentences"]))
    if not result.problems and chosen is not None:
        result.sentence = chosen.text.format(insight=cleaned, sector=sector)
    return result


def generalise(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
               log: "logmod.Log | pd.DataFrame | None" = None) -> tuple[list[Problem], list[Problem], str]:
    """Turn an insight into a sentence to share: ``(problems, warnings, sentence)``.

    ``problems`` block the sentence (it is ``""`` then); ``warnings`` name what would give a
    person, an organisation or a confidence away, and how to reword it. ``log`` defaults to
    the learner's log (the sample while they have none).

    >>> from helpers import log
    >>> _, _, s = generalise("Clinics are moving scheduling online.", "healthcare", log=log.empty())
    >>> s.startswith("From my research and conversations in healthcare and nearby fields")
    True
    >>> problems, _, s = generalise("I am nervous about interviews.", log=log.empty())
    >>> [p.code for p in problems], s
    (['about_you'], '')
    """
    result = check(insight, audience_sector, pattern, log)
    return result.problems, result.warnings, result.sentence


# ---------------------------------------------------------------------------------------
# Earlier interviews: the insights column of the log
# ---------------------------------------------------------------------------------------
def earlier_insights(log: "logmod.Log | None" = None, is_sample: bool | None = None) -> tuple[pd.DataFrame, str]:
    """What earlier interviews taught the learner (the log's ``insights`` column):
    ``(table, caption)``, one row per insight with its field, kind and whether it is ready to
    share as written (or what to reword). The caption names the log (the sample while none)."""
    columns = ["field", "kind", "insight", "ready to share?"]
    if log is None:
        try:
            log, is_sample = logmod.learner_log()
        except logmod.LogFileError as exc:
            return pd.DataFrame(columns=columns), f"Your log could not be read: {exc}"
    try:
        cfg = settings()
    except content.ContentError as exc:
        return pd.DataFrame(columns=columns), str(exc)
    data = log.data
    have = data[data["insights"].astype("string").fillna("").str.strip() != ""]
    names = log_names(log, is_sample, cfg.not_organisations)
    ready = []
    for value in have["insights"]:
        found = _privacy_warnings(value, names, "insight", None, cfg) + about_you(value, cfg)
        blocking = [w for w in found if w.code in BLOCKING]
        if blocking:
            ready.append("reword first: " + "; ".join(f"{w.code.replace('_', ' ')} ({w.value})" for w in blocking))
        elif found:
            ready.append("check first: " + "; ".join(f"looks like a name ({w.value})" for w in found))
        else:
            ready.append("yes")
    table = pd.DataFrame({"field": have["sector"].astype("string").fillna("").to_numpy(),
                          "kind": have["kind"].to_numpy(), "insight": have["insights"].to_numpy(),
                          "ready to share?": ready}, columns=columns)
    source = "the sample log (you have no log of your own yet)" if is_sample else f"your log ({log.source})"
    caption = (f"What earlier interviews taught you: {len(table)} insight(s) from {source}"
               if len(table) else f"No insights written down yet in {source}: add them in the insights column.")
    return table, caption


# ---------------------------------------------------------------------------------------
# Saving, listing, deleting, exporting
# ---------------------------------------------------------------------------------------
def _sentence_key(sentence: str) -> str:
    return " ".join(text.words(sentence))


def saved_insights() -> list[dict[str, Any]]:
    """The saved sentences, oldest first. A damaged file raises :class:`StoreError`."""
    return STORE.records("insights")


def save_insight(insight: str | None, audience_sector: str | None = None, pattern: str | None = None,
                 log: "logmod.Log | pd.DataFrame | None" = None, today: dt.date | None = None) -> Result:
    """Check an insight and, when nothing blocks, save its sentence to ``insights.json``.

    Refused (nothing written) on problems or privacy warnings (their codes), when the file is
    damaged (``damaged_file``/``wrong_shape``, never overwritten); the same sentence twice is
    ``unchanged``. ``result.item`` is the entry as read back, or the :class:`InsightCheck`
    when refused (what the form shows beside the fields).
    """
    result = check(insight, audience_sector, pattern, log)
    if not result.shareable:
        blockers = result.problems + result.warnings
        message = ("Not saved: the sentence would give away something private. Reword the part(s) marked "
                   "and try again." if not result.problems and result.warnings else None)
        return Result.refused(blockers, advice=result.advice, message=message, item=result)
    key = _sentence_key(result.sentence)
    entry = {"id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], "insight": result.insight,
             "audience_sector": result.sector, "pattern": result.pattern, "sentence": result.sentence,
             "saved_on": (today or dt.date.today()).isoformat()}
    saved = STORE.add("insights", entry, noun="sentence",
                      same=lambda old, new: _sentence_key(str(old.get("sentence", ""))) == key)
    saved.advice = list(result.advice) + list(saved.advice)
    if saved.saved and saved.changed:
        saved.message = "Saved. It is in your list below, ready for your next interview."
    elif saved.saved:
        saved.message = "This sentence is already in your list; nothing new was saved."
    return saved


def delete_insight(insight_id: str) -> Result:
    """Delete one saved sentence by its id (the earlier file is kept in backups/)."""
    return STORE.remove("insights", insight_id, noun="sentence")


def insights_frame(items: list[dict[str, Any]] | None = None) -> pd.DataFrame:
    """The saved sentences as a table (read from the workspace unless ``items`` is given)."""
    rows = list(saved_insights() if items is None else items)
    return pd.DataFrame({
        "sentence to share": [str(i.get("sentence", "")) for i in rows],
        "from the insight": [str(i.get("insight", "")) for i in rows],
        "their field": [str(i.get("audience_sector", "")) for i in rows],
        "saved on": [str(i.get("saved_on", "")) for i in rows],
    })


def export() -> ex.Section | None:
    """The saved sentences for the workbook (None when none are saved)."""
    try:
        items = saved_insights()
    except StoreError as exc:
        return ex.Section("Sharing what you have learned", [ex.Paragraph(f"(Could not be read: {exc})")])
    if not items:
        return None
    rows = [[str(i.get("sentence", "")), str(i.get("insight", "")), str(i.get("audience_sector", "")),
             str(i.get("saved_on", ""))] for i in items]
    return ex.Section("Sharing what you have learned", [
        ex.Heading("Sentences I can share in my next interviews"),
        ex.Items([r[0] for r in rows], numbered=True),
        ex.Table(["sentence", "from the insight", "their field", "saved on"], rows)])


def preview_text(insight: str, audience_sector: str = "") -> str:
    """The sentence for an insight, or what to fix first, as plain text (for the one-line calls).

    >>> print(preview_text("I am nervous about interviews."))  # doctest: +ELLIPSIS
    Not ready to share: insight: "I" makes this about you rather than the field...
    """
    result = check(insight, audience_sector)
    if result.shareable:
        return result.sentence
    return "Not ready to share: " + " ".join(str(p) for p in result.problems + result.warnings)


def export_text() -> str:
    """The saved sentences as plain text ("" when none)."""
    section = export()
    return ex.as_text([section]) if section else ""
