"""Exercises and reflection: the chapter's three exercises, saved to ``reflection.json``.

1. **Whom could you interview now?** A list of people (a name or a description, how you know
   them, a practice run or a real interview, why them). The list starts with family and
   friends for practice runs: :func:`people` puts practice runs first.
2. **Which questions will you use?** A choice from the learner's drafted questions (lesson
   02, :func:`helpers.questions.saved_questions`), or from starter questions in
   ``data/content/exercises.toml`` while they have none, plus one of their own.
3. **What support will you use if this feels uncomfortable?** A short plan: what feels hard,
   which support and resources, and one small first step with a date.

The prompts, the kinds of people, the support ideas and the starter questions live in
``data/content/exercises.toml``. Re-saving the same thing never duplicates or rewrites it.

>>> from helpers import reflection
>>> [p.what for p in reflection.check_person("", "family", "practice", "")]
['is empty', 'is empty']
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

from . import content, workspace
from .insights import one_line, text_problems
from .log import Problem

FILE = "reflection.json"
CONTENT = "exercises"
KINDS = {"practice": "Practice run", "real": "Real interview"}
QUESTIONS_LESSON = "lesson 02 (Research to questions)"
EXAMPLE_DATE = "2026-03-14"


# ---------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Exercise:
    id: str
    number: int
    title: str
    prompt: str


@dataclass(frozen=True)
class Partner:
    """A kind of person to list in exercise 1 (family, friends, ...)."""

    id: str
    label: str
    practice: bool
    example: str


@dataclass(frozen=True)
class Support:
    id: str
    label: str
    how: str


@dataclass(frozen=True)
class Settings:
    """Everything this module reads from ``exercises.toml``, validated."""

    limits: dict[str, int]
    exercises: dict[str, Exercise]
    partners: tuple[Partner, ...]
    supports: tuple[Support, ...]
    starter_questions: tuple[dict[str, str], ...]

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def support(self, support_id: str) -> Support | None:
        return next((s for s in self.supports if s.id == support_id), None)


_LIMITS = ("who_max", "why_max", "people_max", "question_max", "questions_max",
           "uncomfortable_max", "other_support_max", "first_step_max")
_EXERCISE_IDS = ("people", "questions", "support")


def _validate(data: dict[str, Any]) -> tuple[list[str], Settings | None]:
    file = str(content.file_path(CONTENT))
    errors: list[str] = []

    limits = data.get("limits")
    if not isinstance(limits, dict):
        errors.append(f"{file}: the [limits] table is missing. Add a [limits] line with "
                      f"{', '.join(k + ' = N' for k in _LIMITS)} under it.")
        limits = {}
    else:
        for key in _LIMITS:
            value = limits.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                errors.append(f"{file}, [limits] {key}: should be a whole number above 0 (it is {value!r}). "
                              f"Write e.g. {key} = 100.")

    def items(key: str) -> list[dict[str, Any]]:
        try:
            return content.entries(data, key, file)
        except content.ContentError as exc:
            errors.append(str(exc))
            return []

    def unique(kind: str, found: list[str]) -> None:
        seen: set[str] = set()
        for value in found:
            if value in seen:
                errors.append(f"{file}, [[{kind}]]: the id \"{value}\" is used twice. Give each entry its own id.")
            seen.add(value)

    def entry_where(kind: str, n: int, item: dict[str, Any]) -> str:
        return f"{file}, [[{kind}]] entry {n}" + (f" (id \"{item.get('id')}\")" if item.get("id") else "")

    exercises: dict[str, Exercise] = {}
    for n, item in enumerate(items("exercises"), start=1):
        where = entry_where("exercises", n, item)
        try:
            content.require(item, ["id", "number", "title", "prompt"], where,
                            {"id": str, "number": int, "title": str, "prompt": str})
        except content.ContentError as exc:
            errors.append(str(exc))
            continue
        if item["id"] not in _EXERCISE_IDS:
            errors.append(f"{where}: the id should be one of {', '.join(_EXERCISE_IDS)}; the lesson finds "
                          f"each exercise by it. Change the title or prompt, keep the id.")
            continue
        exercises[item["id"]] = Exercise(item["id"], item["number"], one_line(item["title"]), one_line(item["prompt"]))
    if isinstance(data.get("exercises"), list):
        listed = {item.get("id") for item in data["exercises"] if isinstance(item, dict)}
        for missing in [i for i in _EXERCISE_IDS if i not in listed]:
            errors.append(f"{file}: no [[exercises]] entry has id = \"{missing}\". Add one (with number, "
                          f"title and prompt).")

    partners: list[Partner] = []
    raw = items("partners")
    for n, item in enumerate(raw, start=1):
        where = entry_where("partners", n, item)
        try:
            content.require(item, ["id", "label", "example"], where, {"id": str, "label": str, "example": str})
            if not isinstance(item.get("practice"), bool):
                raise content.ContentError(f"{where}: the field 'practice' should be true or false (without quotes).")
        except content.ContentError as exc:
            errors.append(str(exc))
            continue
        partners.append(Partner(item["id"], item["label"], item["practice"], item["example"]))
    unique("partners", [str(i.get("id")) for i in raw if i.get("id")])

    supports: list[Support] = []
    raw = items("supports")
    for n, item in enumerate(raw, start=1):
        where = entry_where("supports", n, item)
        try:
            content.require(item, ["id", "label", "how"], where, {"id": str, "label": str, "how": str})
        except content.ContentError as exc:
            errors.append(str(exc))
            continue
        supports.append(Support(item["id"], item["label"], item["how"]))
    unique("supports", [str(i.get("id")) for i in raw if i.get("id")])

    starters: list[dict[str, str]] = []
    raw = items("starter_questions")
    for n, item in enumerate(raw, start=1):
        where = entry_where("starter_questions", n, item)
        try:
            content.require(item, ["id", "category", "text"], where, {"id": str, "category": str, "text": str})
        except content.ContentError as exc:
            errors.append(str(exc))
            continue
        starters.append({"id": item["id"], "category": item["category"], "text": one_line(item["text"])})
    unique("starter_questions", [str(i.get("id")) for i in raw if i.get("id")])

    if errors:
        return errors, None
    return [], Settings(limits={k: int(limits[k]) for k in _LIMITS}, exercises=exercises, partners=tuple(partners),
                        supports=tuple(supports), starter_questions=tuple(starters))


def settings() -> Settings:
    """Read and validate ``exercises.toml``; raises :class:`helpers.content.ContentError` listing
    every mistake (file, entry, fix)."""
    return content.validated(CONTENT, _validate)


def check_content() -> list[str]:
    """Every mistake in ``exercises.toml`` as a message naming the file, entry and fix ([] when fine).

    >>> check_content()
    []
    """
    return content.problems(CONTENT, lambda data: _validate(data)[0])


def exercise(exercise_id: str) -> Exercise:
    """One exercise's number, title and prompt (``people``, ``questions`` or ``support``)."""
    return settings().exercises[exercise_id]


# ---------------------------------------------------------------------------------------
# The saved file
# ---------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What happened when something was saved: saved or not, why, and advice that did not block it."""

    saved: bool
    problems: list[Problem] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    message: str = ""
    unchanged: bool = False   # the same thing was already saved: nothing written


def _read() -> dict[str, Any]:
    data = workspace.read_json(FILE, {})
    if not isinstance(data, dict) or not isinstance(data.get("people", []), list) \
            or not isinstance(data.get("questions", []), list) \
            or not isinstance(data.get("plan") or {}, dict):
        raise ValueError(f"{workspace.path(FILE)} is damaged (its parts are not where they should be). "
                         f"Rename it to start these exercises afresh; nothing else is affected.")
    return data


def _write(data: dict[str, Any]) -> None:
    workspace.write_json(FILE, {"people": data.get("people", []), "questions": data.get("questions", []),
                                "plan": data.get("plan")})


def _damaged(exc: ValueError) -> Outcome:
    return Outcome(False, [Problem(None, "file", "", "Your saved exercises could not be read", str(exc))],
                   message=f"Not saved: {exc}")


def _content_problem(exc: content.ContentError) -> Outcome:
    return Outcome(False, [Problem(None, "content", "", "The lesson's content file has a mistake",
                                   f"{exc} (ask your instructor)")], message=f"Not saved: {exc}")


def _id(*parts: str) -> str:
    key = "\n".join(" ".join(p.casefold().split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------------------------------
# Exercise 1: whom could you interview now?
# ---------------------------------------------------------------------------------------
def check_person(who: str | None, relationship: str | None, kind: str | None, why: str | None,
                 cfg: Settings | None = None) -> list[Problem]:
    """Check one person for the list; problems name the field (who, relationship, kind, why)."""
    cfg = cfg or settings()
    lim = cfg.limits
    problems = text_problems("who", who, label="a name or a short description", limit=lim["who_max"],
                             example="my aunt Rosa, a school nurse")
    if not cfg.partner(relationship or ""):
        problems.append(Problem(None, "relationship", relationship or "", "is not one of the choices",
                                "Choose how you know them from the list"))
    if kind not in KINDS:
        problems.append(Problem(None, "kind", kind or "", "is not practice or real",
                                "Choose a practice run or a real interview"))
    problems += text_problems("why", why, label="why you picked them", limit=lim["why_max"],
                              example="she has worked in a hospital office for years")
    return problems


def add_person(who: str | None, relationship: str | None, kind: str | None = "practice",
               why: str | None = "") -> Outcome:
    """Add a person to the exercise-1 list (or update them when the same name is listed).

    The same name (ignoring case and spaces) is one person: saving them again with other
    details updates the entry; saving them again unchanged writes nothing.
    """
    try:
        cfg = settings()
    except content.ContentError as exc:
        return _content_problem(exc)
    problems = check_person(who, relationship, kind, why, cfg)
    if problems:
        return Outcome(False, problems, message="Not saved: please fix the field(s) marked.")
    try:
        data = _read()
    except ValueError as exc:
        return _damaged(exc)
    entry = {"id": _id(one_line(who)), "who": one_line(who), "relationship": relationship, "kind": kind,
             "why": (why or "").strip()}
    listed = [p for p in data.get("people", []) if isinstance(p, dict)]
    tips: list[str] = []
    if kind == "real" and not any(p.get("kind") == "practice" for p in listed):
        tips.append("Tip: add a practice run or two with family or friends before your first real interview. "
                    "It makes the real one much easier.")
    for n, person in enumerate(listed):
        if person.get("id") == entry["id"]:
            if person == entry:
                return Outcome(False, [], tips, f"{entry['who']} is already on your list; nothing changed.",
                               unchanged=True)
            listed[n] = entry
            data["people"] = listed
            _write(data)
            return Outcome(True, [], tips, f"Updated {entry['who']} on your list.")
    if len(listed) >= cfg.limits["people_max"]:
        return Outcome(False, [Problem(None, "who", entry["who"], f"cannot be added: your list already has "
                                       f"{len(listed)} people", "Remove someone you will not contact first")],
                       message="Not saved: the list is full.")
    data["people"] = listed + [entry]
    _write(data)
    return Outcome(True, [], tips, f"Added {entry['who']} to your list.")


def people() -> list[dict[str, str]]:
    """The saved list, practice runs first, then in the order of the kinds of people
    (family, friends, ...), then in the order they were added."""
    data = _read()
    try:
        order = {p.id: n for n, p in enumerate(settings().partners)}
    except content.ContentError:
        order = {}
    listed = [p for p in data.get("people", []) if isinstance(p, dict)]
    ranked = sorted(enumerate(listed), key=lambda t: (t[1].get("kind") != "practice",
                                                      order.get(t[1].get("relationship"), 99), t[0]))
    return [p for _, p in ranked]


def remove_person(person_id: str) -> bool:
    """Remove one person by id. Returns whether someone was removed."""
    data = _read()
    listed = data.get("people", [])
    kept = [p for p in listed if not (isinstance(p, dict) and p.get("id") == person_id)]
    if len(kept) == len(listed):
        return False
    data["people"] = kept
    _write(data)
    return True


def _partner_label(partner_id: str) -> str:
    try:
        found = settings().partner(partner_id)
    except content.ContentError:
        found = None
    return found.label if found else partner_id


def people_frame(items: Iterable[dict[str, str]] | None = None) -> pd.DataFrame:
    """The exercise-1 list as a table (read from the workspace unless ``items`` is given)."""
    rows = list(people() if items is None else items)
    return pd.DataFrame({
        "who": [str(p.get("who", "")) for p in rows],
        "how I know them": [_partner_label(str(p.get("relationship", ""))) for p in rows],
        "practice or real": [KINDS.get(str(p.get("kind")), str(p.get("kind", ""))) for p in rows],
        "why them": [str(p.get("why", "")) for p in rows],
    })


def suggested_people() -> pd.DataFrame:
    """The kinds of people to list, practice partners first, each with an example (from content)."""
    cfg = settings()
    ordered = sorted(cfg.partners, key=lambda p: not p.practice)
    return pd.DataFrame({
        "kind of person": [p.label for p in ordered],
        "good for": ["a practice run" if p.practice else "a real interview" for p in ordered],
        "for example": [p.example for p in ordered],
    })


# ---------------------------------------------------------------------------------------
# Exercise 2: which questions will you use?
# ---------------------------------------------------------------------------------------
def _draft_questions() -> tuple[list[dict[str, str]] | None, str]:
    """The learner's drafts from the questions lesson, or ``None`` and why not."""
    try:
        module = importlib.import_module("helpers.questions")
    except ModuleNotFoundError as exc:
        if exc.name in ("helpers.questions", "helpers"):
            return None, "The questions lesson is not installed here"
        raise
    saved = getattr(module, "saved_questions", None)
    if saved is None:
        return None, "The questions lesson is not installed here"
    try:
        found = saved()
    except ValueError as exc:  # a damaged questions.json: say so, offer the starters
        return None, f"Your drafted questions could not be read ({exc})"
    drafts: list[dict[str, str]] = []
    seen: set[str] = set()
    for n, item in enumerate(found or [], start=1):
        if not isinstance(item, dict):
            continue
        text = one_line(str(item.get("text", "")))
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        drafts.append({"id": f"draft-{item.get('id', n)}", "category": one_line(str(item.get("category", ""))),
                       "text": text, "source": "my draft"})
    return drafts, ""


def available_questions() -> tuple[list[dict[str, str]], str]:
    """The questions to choose from, and a note saying where they come from.

    The learner's drafts from the questions lesson when they have some; otherwise the
    starter questions from the content file, with a note to draft their own in lesson 02.
    Each question has ``id``, ``category``, ``text`` and ``source``.
    """
    drafts, why_not = _draft_questions()
    if drafts:
        return drafts, f"These are the {len(drafts)} question(s) you drafted in {QUESTIONS_LESSON}."
    starters = [{**q, "source": "starter"} for q in settings().starter_questions]
    reason = why_not + ". " if why_not else "You have not drafted any questions yet. "
    return starters, (f"{reason}Draft your own in {QUESTIONS_LESSON}: questions in your own words, about "
                      f"the field you care about, work best. Meanwhile, here are a few starter questions.")


_YES_NO_START = re.compile(r"(?i)^(do|does|did|is|are|was|were|can|could|will|would|have|has|should)\b")


def choose_questions(ids: Iterable[str] | None, own: str | None = "") -> Outcome:
    """Save the questions the learner will use (exercise 2): chosen ids plus one of their own.

    The choice replaces the previous one; saving the same choice again writes nothing.
    """
    try:
        cfg = settings()
        available, _ = available_questions()
    except content.ContentError as exc:
        return _content_problem(exc)
    lim = cfg.limits
    chosen_ids = list(dict.fromkeys(ids or []))
    by_id = {q["id"]: q for q in available}
    problems = text_problems("own", own, label="a question of your own", limit=lim["question_max"], required=False)
    unknown = [i for i in chosen_ids if i not in by_id]
    for i in unknown:
        problems.append(Problem(None, "choices", i, "is not one of the questions offered",
                                "Choose again from the list (it may have changed since you opened it)"))
    own_text = one_line(own)
    count = len(chosen_ids) + (1 if own_text else 0)
    if count == 0:
        problems.append(Problem(None, "choices", "", "Nothing is chosen",
                                "Choose at least one question (hold Ctrl, or Cmd on a Mac, to pick several), "
                                "or write one of your own"))
    elif count > lim["questions_max"]:
        problems.append(Problem(None, "choices", "", f"{count} questions are chosen",
                                f"Choose {lim['questions_max']} or fewer: a 20-30 minute conversation has room "
                                f"for about five to eight"))
    if problems:
        return Outcome(False, problems, message="Not saved: please fix the field(s) marked.")
    selection = [dict(by_id[i]) for i in chosen_ids]
    if own_text and own_text.casefold() not in {q["text"].casefold() for q in selection}:
        selection.append({"id": f"own-{_id(own_text)}", "category": "my own", "text": own_text, "source": "my own"})
    tips: list[str] = []
    if own_text and _YES_NO_START.match(own_text):
        tips.append("Tip: your own question can be answered with yes or no. Starting with 'how' or 'what' "
                    "usually gets a fuller answer.")
    if len(selection) < 3:
        tips.append("Tip: most interviews need three or four questions at least, in case the first answers are short.")
    try:
        data = _read()
    except ValueError as exc:
        return _damaged(exc)
    if data.get("questions") == selection:
        return Outcome(False, [], tips, "This is the choice you saved already; nothing changed.", unchanged=True)
    data["questions"] = selection
    _write(data)
    return Outcome(True, [], tips, f"Saved your {len(selection)} question(s).")


def chosen_questions() -> list[dict[str, str]]:
    """The questions saved in exercise 2 (``[]`` when none)."""
    return [q for q in _read().get("questions", []) if isinstance(q, dict)]


def questions_frame(items: Iterable[dict[str, str]] | None = None) -> pd.DataFrame:
    rows = list(chosen_questions() if items is None else items)
    return pd.DataFrame({
        "question": [str(q.get("text", "")) for q in rows],
        "topic": [str(q.get("category", "")) for q in rows],
        "from": [str(q.get("source", "")) for q in rows],
    })


# ---------------------------------------------------------------------------------------
# Exercise 3: what support will you use?
# ---------------------------------------------------------------------------------------
def _parse_date(value: str) -> dt.date | None:
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_plan(uncomfortable: str | None, supports: Iterable[str] | None, other_support: str | None,
               first_step: str | None, step_date: str | None, today: dt.date | None = None,
               cfg: Settings | None = None) -> tuple[list[Problem], list[str]]:
    """Check a support plan. Returns ``(problems, tips)``; problems name the field.

    >>> problems, _ = check_plan("Cold e-mails", ["mentor"], "", "Call my aunt", "2026-02-30")
    >>> [(p.column, p.what) for p in problems]
    [('step_date', 'is not a date that exists')]
    """
    cfg = cfg or settings()
    lim = cfg.limits
    today = today or dt.date.today()
    problems = text_problems("uncomfortable", uncomfortable, label="what feels uncomfortable",
                             limit=lim["uncomfortable_max"], example="asking a stranger for their time")
    chosen = list(dict.fromkeys(supports or []))
    for s in chosen:
        if not cfg.support(s):
            problems.append(Problem(None, "supports", s, "is not one of the choices", "Choose from the list again"))
    problems += text_problems("other_support", other_support, label="other support", required=False,
                              limit=lim["other_support_max"])
    if not chosen and not one_line(other_support):
        problems.append(Problem(None, "supports", "", "Nothing is chosen",
                                "Choose at least one kind of support (hold Ctrl, or Cmd on a Mac, to pick "
                                "several), or write your own in 'Other support'"))
    problems += text_problems("first_step", first_step, label="one small first step", limit=lim["first_step_max"],
                              example="a 15-minute practice call with my cousin")
    tips: list[str] = []
    raw = (step_date or "").strip()
    if not raw:
        problems.append(Problem(None, "step_date", "", "is empty",
                                f"Fill in the date you will take the first step, as YYYY-MM-DD, e.g. {EXAMPLE_DATE}"))
    else:
        date = _parse_date(raw)
        if date is None:
            exists = re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw)
            problems.append(Problem(None, "step_date", raw,
                                    "is not a date that exists" if exists else "is not a date in the form YYYY-MM-DD",
                                    f"Write it as YYYY-MM-DD, for example {EXAMPLE_DATE}"))
        elif date < today:
            tips.append(f"Tip: {date.isoformat()} has already passed. If you have not taken the step yet, "
                        f"pick a date in the next week or two.")
        elif (date - today).days > 30:
            tips.append("Tip: a first step works best soon, within the next two weeks, while you are motivated.")
    return problems, tips


def save_plan(uncomfortable: str | None, supports: Iterable[str] | None, other_support: str | None,
              first_step: str | None, step_date: str | None, today: dt.date | None = None) -> Outcome:
    """Save the exercise-3 plan (it replaces the previous one; the same plan writes nothing)."""
    try:
        cfg = settings()
    except content.ContentError as exc:
        return _content_problem(exc)
    problems, tips = check_plan(uncomfortable, supports, other_support, first_step, step_date, today, cfg)
    if problems:
        return Outcome(False, problems, tips, "Not saved: please fix the field(s) marked.")
    try:
        data = _read()
    except ValueError as exc:
        return _damaged(exc)
    new = {"uncomfortable": (uncomfortable or "").strip(), "supports": list(dict.fromkeys(supports or [])),
           "other_support": one_line(other_support), "first_step": one_line(first_step),
           "step_date": (step_date or "").strip()}
    if data.get("plan") == new:
        return Outcome(False, [], tips, "This is the plan you saved already; nothing changed.", unchanged=True)
    data["plan"] = new
    _write(data)
    return Outcome(True, [], tips, "Saved your plan. Put the date in your calendar too.")


def plan() -> dict[str, Any] | None:
    """The saved exercise-3 plan, or ``None``."""
    return _read().get("plan") or None


def _support_labels(ids: Iterable[str]) -> list[str]:
    try:
        cfg = settings()
    except content.ContentError:
        return list(ids)
    return [cfg.support(i).label if cfg.support(i) else i for i in ids]


def plan_frame(saved: dict[str, Any] | None = None) -> pd.DataFrame:
    """The saved plan as a two-column table (read from the workspace unless given)."""
    saved = plan() if saved is None else saved
    if not saved:
        return pd.DataFrame(columns=["part of the plan", "what I wrote"])
    supports = _support_labels(saved.get("supports", []))
    if saved.get("other_support"):
        supports.append(saved["other_support"])
    return pd.DataFrame({
        "part of the plan": ["What feels uncomfortable", "Support I will use", "My first small step", "By"],
        "what I wrote": [saved.get("uncomfortable", ""), "; ".join(supports), saved.get("first_step", ""),
                         saved.get("step_date", "")],
    })


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
def export_text() -> str:
    """The three exercises as plain text for the "export all my work" button ("" when none)."""
    try:
        data = _read()
    except ValueError as exc:
        return f"Exercises and reflection\n\n(Could not be read: {exc})\n"
    listed = people()
    questions = chosen_questions()
    saved_plan = data.get("plan")
    if not (listed or questions or saved_plan):
        return ""
    try:
        titles = {k: f"{e.number}. {e.title}" for k, e in settings().exercises.items()}
    except content.ContentError:
        titles = {}
    lines = ["Exercises and reflection", ""]
    lines.append(titles.get("people", "1. Whom could you interview now?"))
    for p in listed or []:
        lines.append(f"- {p.get('who', '')} ({_partner_label(str(p.get('relationship', '')))}, "
                     f"{KINDS.get(str(p.get('kind')), p.get('kind', '')).lower()}): {p.get('why', '')}")
    if not listed:
        lines.append("(nothing saved yet)")
    lines += ["", titles.get("questions", "2. Which questions will you use?")]
    for q in questions:
        topic = f" ({q.get('category')})" if q.get("category") else ""
        lines.append(f"- {q.get('text', '')}{topic}")
    if not questions:
        lines.append("(nothing saved yet)")
    lines += ["", titles.get("support", "3. What support will you use if this feels uncomfortable?")]
    if saved_plan:
        for part, value in plan_frame(saved_plan).itertuples(index=False):
            lines.append(f"{part}: {value}")
    else:
        lines.append("(nothing saved yet)")
    return "\n".join(lines) + "\n"
