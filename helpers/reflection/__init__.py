"""Exercises and reflection: the chapter's three exercises, saved to ``reflection.json``.

1. **Whom could you interview now?** A list of people (a name or a description, how you know
   them, a practice run or a real interview, why them). :func:`people` puts practice runs first.
2. **Which questions will you use?** A choice from the learner's drafted questions (lesson
   02, :func:`helpers.questions.saved_questions`), or from starter questions in
   ``data/content/exercises.toml`` while they have none, plus one of their own. Every chosen
   question is checked again (:func:`check_choice`, the same checks as lesson 02:
   :func:`helpers.core.coaching.verdict`) and the advice is shown before saving; a job ask is held
   back once (code ``job_ask``) until the learner rewords it or keeps it on purpose.
3. **What support will you use if this feels uncomfortable?** A short plan: what feels hard,
   which support and resources, and one small first step with a date (any date
   :func:`helpers.core.dates.parse` reads; saved as YYYY-MM-DD).

Every save returns a :class:`helpers.core.Result`; the file goes through one
:class:`helpers.core.store.Store` (locked, atomic, read back, never written over when damaged).
Re-saving the same thing never duplicates or rewrites it.

>>> [p.code for p in check_person("", "family", "practice", "")]
['empty', 'empty']
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Iterable

import pandas as pd

from helpers.core import coaching
from helpers import content
from helpers.core import drafts as drafts_lesson
from helpers.core import Advice, Problem, Result, dates, text
from helpers.core import export as _export
from helpers.core import schema as _schema
from helpers.core.schema import Bool, Entries, Number, Table, Text
from helpers.core.store import Collection, Store, StoreError

FILE = "reflection.json"
CONTENT = "exercises"
LESSON = "08-exercises-and-reflection.ipynb"
KINDS = {"practice": "Practice run", "real": "Real interview"}
QUESTIONS_LESSON = "lesson 02 (Research to questions)"
EXAMPLE_DATE = dates.EXAMPLE_DATE

# ---------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------
_LIMITS = ("who_max", "why_max", "people_max", "question_max", "questions_max",
           "uncomfortable_max", "other_support_max", "first_step_max")
_EXERCISE_IDS = ("people", "questions", "support")

SCHEMA = Table({
    "limits": Table({k: Number(low=1, help="100") for k in _LIMITS}),
    "exercises": Entries(Table({"id": Text(unique=True, choices=_EXERCISE_IDS), "number": Number(low=1),
                                "title": Text(), "prompt": Text()})),
    "partners": Entries(Table({"id": Text(unique=True), "label": Text(), "practice": Bool(), "example": Text()})),
    "supports": Entries(Table({"id": Text(unique=True), "label": Text(), "how": Text()})),
    "starter_questions": Entries(Table({"id": Text(unique=True), "category": Text(), "text": Text()})),
})


def _missing_exercises(data: dict[str, Any]) -> list[str]:
    entries = data.get("exercises")
    if not isinstance(entries, list):
        return []
    listed = {item.get("id") for item in entries if isinstance(item, dict)}
    return [f"{CONTENT}.toml: no [[exercises]] entry has id = \"{missing}\". Add one (with number, title and prompt)."
            for missing in _EXERCISE_IDS if missing not in listed]


def _problems(data: dict[str, Any]) -> list[str]:
    found = _schema.validate(data, SCHEMA, f"{CONTENT}.toml") + _missing_exercises(data)
    return [m.replace("]] number ", "]] entry ") for m in found]


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


def settings() -> Settings:
    """``exercises.toml``, validated; :class:`helpers.content.ContentError` lists every mistake."""
    data = content.checked(CONTENT, _problems)
    return Settings(
        limits={k: int(data["limits"][k]) for k in _LIMITS},
        exercises={e["id"]: Exercise(e["id"], e["number"], text.clean(e["title"]), text.clean(e["prompt"]))
                   for e in data["exercises"]},
        partners=tuple(Partner(p["id"], p["label"], p["practice"], p["example"]) for p in data["partners"]),
        supports=tuple(Support(s["id"], s["label"], s["how"]) for s in data["supports"]),
        starter_questions=tuple({"id": q["id"], "category": q["category"], "text": text.clean(q["text"])}
                                for q in data["starter_questions"]))


def check_content() -> list[str]:
    """Every mistake in ``exercises.toml`` as a message naming the file, entry and fix ([] when fine).

    >>> check_content()
    []
    """
    return content.problems(CONTENT, _problems)


def exercise(exercise_id: str) -> Exercise:
    """One exercise's number, title and prompt (``people``, ``questions`` or ``support``)."""
    return settings().exercises[exercise_id]


# ---------------------------------------------------------------------------------------
# The saved file
# ---------------------------------------------------------------------------------------
class _ReflectionStore(Store):
    """people and questions are keyed lists; plan is one table (or null)."""

    def validate(self, data: Any) -> dict[str, Any]:
        out = super().validate(data)
        plan_ = out.get("plan")
        if plan_ is not None and not isinstance(plan_, dict):
            raise StoreError(self._problem("wrong_shape", f"{self.path} does not hold {self.label} (its 'plan' is "
                                                          "not a table)"))
        return out


STORE = _ReflectionStore(FILE, {
    "people": Collection(fields={"who": str, "relationship": str, "kind": str, "why": str}),
    "questions": Collection(fields={"text": str}, optional={"category": str, "source": str}),
}, label="your saved exercises")
STORES = (STORE,)


def _content_refused(exc: content.ContentError) -> Result:
    return Result.refused([Problem("content", f"{CONTENT}.toml", "has a mistake, so nothing was saved",
                                   f"{exc} (ask your instructor)", "content_error")])


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
    problems = text.check("who", who, label="A name or a short description", limit=lim["who_max"],
                          example="my aunt Rosa, a school nurse")
    if not cfg.partner(relationship or ""):
        problems.append(Problem("relationship", relationship or "", "is not one of the choices",
                                "Choose how you know them from the list", "unknown_choice"))
    if kind not in KINDS:
        problems.append(Problem("kind", kind or "", "is not practice or real",
                                "Choose a practice run or a real interview", "unknown_choice"))
    problems += text.check("why", why, label="Why you picked them", limit=lim["why_max"],
                           example="she has worked in a hospital office for years")
    return problems


def add_person(who: str | None, relationship: str | None, kind: str | None = "practice",
               why: str | None = "") -> Result:
    """Add a person to the exercise-1 list (or update them when the same name is listed).

    The same name (ignoring case and spaces) is one person: saving them again with other
    details updates the entry; saving them again unchanged writes nothing.
    """
    try:
        cfg = settings()
    except content.ContentError as exc:
        return _content_refused(exc)
    problems = check_person(who, relationship, kind, why, cfg)
    if problems:
        return Result.refused(problems)
    entry = {"id": _id(text.clean(who)), "who": text.clean(who), "relationship": str(relationship),
             "kind": str(kind), "why": (why or "").strip()}

    def change(data: dict) -> Result:
        listed = data["people"]
        advice = []
        if kind == "real" and not any(p.get("kind") == "practice" for p in listed):
            advice.append(Advice("practice_first", "Tip: add a practice run or two with family or friends before "
                                                   "your first real interview. It makes the real one much easier."))
        found = next((p for p in listed if p["id"] == entry["id"]), None)
        if found == entry:
            return Result.unchanged(dict(entry), f"{entry['who']} is already on your list; nothing changed.",
                                    advice=advice)
        if found is not None:
            found.update(entry)
            return Result.done(dict(entry), f"Updated {entry['who']} on your list.", advice=advice)
        if len(listed) >= cfg.limits["people_max"]:
            return Result.refused([Problem("who", entry["who"], f"cannot be added: your list already has "
                                                                f"{len(listed)} people",
                                           "Remove someone you will not contact first", "list_full")])
        listed.append(entry)
        return Result.done(dict(entry), f"Added {entry['who']} to your list.", advice=advice)

    return STORE.transact(change)


def people() -> list[dict[str, str]]:
    """The saved list, practice runs first, then in the order of the kinds of people
    (family, friends, ...), then in the order they were added."""
    listed = STORE.records("people")
    try:
        order = {p.id: n for n, p in enumerate(settings().partners)}
    except content.ContentError:
        order = {}
    ranked = sorted(enumerate(listed), key=lambda t: (t[1].get("kind") != "practice",
                                                      order.get(t[1].get("relationship"), 99), t[0]))
    return [p for _, p in ranked]


def remove_person(person_id: str) -> Result:
    """Remove one person by id (the previous file is kept in backups/)."""
    result = STORE.remove("people", person_id, noun="person")
    if result.ok:
        result.message = f"Removed {result.item['who']} from your list."
    return result


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
    ordered = sorted(settings().partners, key=lambda p: not p.practice)
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
        found = drafts_lesson.saved_questions()
    except StoreError as exc:  # a damaged questions.json: say so, offer the starters
        return None, f"Your drafted questions could not be read ({exc.problem.what})"
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in found:
        value = text.clean(item.get("text", ""))
        if value and text.fold(value) not in seen:
            seen.add(text.fold(value))
            out.append({"id": f"draft-{item['id']}", "category": text.clean(item.get("category", "")),
                        "text": value, "source": "my draft"})
    return out, ""


def available_questions() -> tuple[list[dict[str, str]], str]:
    """The questions to choose from, and a note saying where they come from (value first).

    The learner's drafts from the questions lesson when they have some; otherwise the
    starter questions from the content file, with a note to draft their own in lesson 02.
    Each question has ``id``, ``category``, ``text`` and ``source``.
    """
    found, why_not = _draft_questions()
    if found:
        return found, f"These are the {len(found)} question(s) you drafted in {QUESTIONS_LESSON}."
    starters = [{**q, "source": "starter"} for q in settings().starter_questions]
    reason = why_not + ". " if why_not else "You have not drafted any questions yet. "
    return starters, (f"{reason}Draft your own in {QUESTIONS_LESSON}: questions in your own words, about "
                      f"the field you care about, work best. Meanwhile, here are a few starter questions.")


def questions_text() -> str:
    """The questions to choose from, one per line with its id, after where they come from
    (for choosing without the form: ``reflection.choose_questions(["draft-1", "draft-3"], "")``)."""
    offered, note = available_questions()
    return "\n".join([note, ""] + [f"{q['id']}: {q['text']}" for q in offered])


def _selection(ids: Iterable[str] | None, own: str | None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The chosen questions (in order, own last) and the problems with the choice."""
    cfg = settings()
    lim = cfg.limits
    available, _ = available_questions()
    chosen_ids = list(dict.fromkeys(ids or []))
    by_id = {q["id"]: q for q in available}
    problems = text.check("own", own, label="A question of your own", limit=lim["question_max"], required=False)
    for i in chosen_ids:
        if i not in by_id:
            problems.append(Problem("choices", i, "is not one of the questions offered",
                                    "Choose again from the list (it may have changed since you opened it)",
                                    "unknown_choice"))
    own_text = text.clean(own)
    count = len(chosen_ids) + (1 if own_text else 0)
    if count == 0:
        problems.append(Problem("choices", "", "Nothing is chosen", "Choose at least one question (hold Ctrl, or Cmd "
                                "on a Mac, to pick several), or write one of your own", "empty"))
    elif count > lim["questions_max"]:
        problems.append(Problem("choices", "", f"{count} questions are chosen",
                                f"Choose {lim['questions_max']} or fewer: the ones you most want answered ("
                                f"{QUESTIONS_LESSON} says how many), keeping the rest in reserve", "too_many"))
    selection = [dict(by_id[i]) for i in chosen_ids if i in by_id]
    if own_text and not problems and text.fold(own_text) not in {text.fold(q["text"]) for q in selection}:
        selection.append({"id": f"own-{_id(own_text)}", "category": "my own", "text": own_text, "source": "my own"})
    return selection, problems


def check_choice(ids: Iterable[str] | None, own: str | None = "") -> tuple[list[Problem], list[Advice]]:
    """Check a choice of questions without saving: ``(problems, advice)``.

    Each chosen question is checked as in lesson 02; its advice starts with the question, so
    the learner sees which one it is about. Job asks come back as advice here (code
    ``asks_for_job``); :func:`choose_questions` holds them back.
    """
    selection, problems = _selection(ids, own)
    if problems:
        return problems, []
    c = coaching.checks()
    advice: list[Advice] = []
    for q in selection:
        for a in coaching.verdict(q["text"], c).advice:
            advice.append(Advice(a.code, f"“{text.shorten(q['text'], 80)}”: {a.message}"))
    if len(selection) < 3:
        advice.append(Advice("few_questions", "Tip: with so few questions you have little to fall back on "
                                              f"if the first answers are short ({QUESTIONS_LESSON} says how many "
                                              "to choose).", scope="set"))
    return [], advice


def check_report(ids: Iterable[str] | None, own: str | None = "") -> str:
    """:func:`check_choice` said in plain sentences (nothing is saved).

    >>> print(check_report([], ""))
    Would not be saved yet:
    - choices: Nothing is chosen. ...
    """
    problems, advice = check_choice(ids, own)
    if problems:
        return "\n".join(["Would not be saved yet:"] + [f"- {p}" for p in problems])
    if not advice:
        return "The checks read every chosen question as a good informational-interview question."
    return "\n".join(["What the checks read in your choice:"] + [f"- {a.message}" for a in advice])


def choose_questions(ids: Iterable[str] | None, own: str | None = "", *, allow_job_ask: bool = False) -> Result:
    """Save the questions the learner will use (exercise 2): chosen ids plus one of their own.

    The choice replaces the previous one; saving the same choice again writes nothing. The
    advice of :func:`check_choice` comes with the Result. A job ask among them is held back
    (code ``job_ask``, nothing saved) unless ``allow_job_ask`` is True.
    """
    try:
        selection, problems = _selection(ids, own)
        if not problems:
            problems, advice = check_choice(ids, own)
    except content.ContentError as exc:
        return _content_refused(exc)
    if problems:
        return Result.refused(problems)
    asks = [a for a in advice if a.code == "asks_for_job"]
    if asks and not allow_job_ask:
        held = [q["text"] for q in selection if coaching.job_ask(q["text"])]
        field = "own" if held and held[-1] == text.clean(own) and len(held) == 1 else "choices"
        p = Problem(field, "; ".join(text.shorten(h, 60) for h in held),
                    f"{'reads' if len(held) == 1 else 'read'} as asking for a job",
                    "Reword it in lesson 02 or choose another question; if you are sure it is not a job ask, choose "
                    "“Save anyway”", "job_ask")
        return Result.refused([p], advice=advice)

    def change(data: dict) -> Result:
        current = data["questions"]
        if current == selection:
            return Result.unchanged(list(selection), "This is the choice you saved already; nothing changed.",
                                    advice=advice)
        data["questions"] = [dict(q) for q in selection]
        return Result.done(list(selection), f"Saved your {len(selection)} question(s).", advice=advice)

    return STORE.transact(change)


def chosen_questions() -> list[dict[str, str]]:
    """The questions saved in exercise 2 (``[]`` when none)."""
    return STORE.records("questions")


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
def check_plan(uncomfortable: str | None, supports: Iterable[str] | None, other_support: str | None,
               first_step: str | None, step_date: str | None, today: dt.date | None = None,
               cfg: Settings | None = None) -> tuple[list[Problem], list[Advice]]:
    """Check a support plan. Returns ``(problems, advice)``; problems name the field.

    >>> problems, _ = check_plan("Cold e-mails", ["mentor"], "", "Call my aunt", "2026-02-30")
    >>> [(p.field, p.code) for p in problems]
    [('step_date', 'bad_date')]
    """
    cfg = cfg or settings()
    lim = cfg.limits
    today = today or dt.date.today()
    problems = text.check("uncomfortable", uncomfortable, label="What feels uncomfortable",
                          limit=lim["uncomfortable_max"], example="asking a stranger for their time")
    chosen = list(dict.fromkeys(supports or []))
    for s in chosen:
        if not cfg.support(s):
            problems.append(Problem("supports", s, "is not one of the choices", "Choose from the list again",
                                    "unknown_choice"))
    problems += text.check("other_support", other_support, label="Other support", required=False,
                           limit=lim["other_support_max"])
    if not chosen and not text.clean(other_support):
        problems.append(Problem("supports", "", "Nothing is chosen", "Choose at least one kind of support (hold Ctrl, "
                                "or Cmd on a Mac, to pick several), or write your own in 'Other support'", "empty"))
    problems += text.check("first_step", first_step, label="One small first step", limit=lim["first_step_max"],
                           example="a 15-minute practice call with my cousin")
    advice: list[Advice] = []
    date, problem = dates.parse(step_date, field="step_date")
    if problem is not None:
        problems.append(problem)
    elif date < today:
        advice.append(Advice("date_passed", f"Tip: {date.isoformat()} has already passed. If you have not taken the "
                                            f"step yet, pick a date in the next week or two."))
    elif (date - today).days > 30:
        advice.append(Advice("date_far", "Tip: a first step works best soon, within the next two weeks, while you "
                                         "are motivated."))
    return problems, advice


def save_plan(uncomfortable: str | None, supports: Iterable[str] | None, other_support: str | None,
              first_step: str | None, step_date: str | None, today: dt.date | None = None) -> Result:
    """Save the exercise-3 plan (it replaces the previous one; the same plan writes nothing)."""
    try:
        cfg = settings()
    except content.ContentError as exc:
        return _content_refused(exc)
    problems, advice = check_plan(uncomfortable, supports, other_support, first_step, step_date, today, cfg)
    if problems:
        return Result.refused(problems, advice=advice)
    date, _ = dates.parse(step_date, field="step_date")
    new = {"uncomfortable": (uncomfortable or "").strip(), "supports": list(dict.fromkeys(supports or [])),
           "other_support": text.clean(other_support), "first_step": text.clean(first_step),
           "step_date": date.isoformat()}

    def change(data: dict) -> Result:
        if data.get("plan") == new:
            return Result.unchanged(dict(new), "This is the plan you saved already; nothing changed.", advice=advice)
        data["plan"] = new
        return Result.done(dict(new), "Saved your plan. Put the date in your calendar too.", advice=advice)

    return STORE.transact(change)


def plan() -> dict[str, Any] | None:
    """The saved exercise-3 plan, or ``None``."""
    return STORE.read().get("plan") or None


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
def export() -> "_export.Section | None":
    """The three exercises for the workbook (None when nothing is saved)."""
    title = "Exercises and reflection"
    try:
        listed, chosen, saved_plan = people(), chosen_questions(), plan()
    except StoreError as exc:
        return _export.Section(title, [_export.Paragraph(f"(Could not be read: {exc})")], lesson=LESSON)
    if not (listed or chosen or saved_plan):
        return None
    try:
        titles = {k: f"{e.number}. {e.title}" for k, e in settings().exercises.items()}
    except content.ContentError:
        titles = {}
    blocks: list[_export.Block] = [_export.Heading(titles.get("people", "1. Whom could you interview now?"))]
    blocks.append(_export.Items([f"{p['who']} ({_partner_label(p['relationship'])}, "
                                 f"{KINDS.get(p['kind'], p['kind']).lower()}): {p['why']}" for p in listed])
                  if listed else _export.Paragraph("(nothing saved yet)"))
    blocks.append(_export.Heading(titles.get("questions", "2. Which questions will you use?")))
    blocks.append(_export.Items([q["text"] + (f" ({q['category']})" if q.get("category") else "") for q in chosen])
                  if chosen else _export.Paragraph("(nothing saved yet)"))
    blocks.append(_export.Heading(titles.get("support", "3. What support will you use if this feels uncomfortable?")))
    blocks.append(_export.Table(["Part of the plan", "What I wrote"], [list(r) for r in
                                                                        plan_frame(saved_plan).itertuples(index=False)])
                  if saved_plan else _export.Paragraph("(nothing saved yet)"))
    return _export.Section(title, blocks, lesson=LESSON)


def export_text() -> str:
    """The three exercises as plain text for the "export all my work" button ("" when none)."""
    section = export()
    return _export.as_text([section]) if section else ""
