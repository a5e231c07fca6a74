"""Workshop plans for the facilitator guide, read from ``data/content/workshop.toml``.

Each plan (a 60-minute and a 90-minute workshop ship) is a list of timed blocks: how many
minutes, what happens, and which lesson notebook it uses (if any). Instructors change the
file, not Python; :func:`check_content` names every mistake with the file, line and fix.

>>> [p.minutes for p in plans()]
[60, 90]
>>> plan_table(plans()[0]).columns.tolist()
['start', 'minutes', 'lesson', 'mode', 'activity']
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from helpers import content, lessons
from helpers.core import schema

CONTENT = "workshop"
MODES = ["whole group", "pairs", "small groups", "solo"]


@dataclass(frozen=True)
class Block:
    """One timed part of a workshop."""

    minutes: int
    activity: str
    lesson: str = ""     # a notebook file name in notebooks/, or "" (a break, a role-play ...)
    mode: str = ""       # whole group, pairs, small groups or solo ("" = not said)
    rounds: int = 0      # a role-play: how many rounds (0 = not a role-play)
    talk_minutes: int = 0      # a role-play: minutes of interview in each round
    feedback_minutes: int = 0  # a role-play: minutes of feedback after each round
    alone: str = ""      # what a learner working on their own does instead ("" = the activity as it is)

    @property
    def round_minutes(self) -> int:
        """The minutes the rounds take together (0 for a block that is not a role-play)."""
        return self.rounds * (self.talk_minutes + self.feedback_minutes)

    @property
    def timing(self) -> str:
        """The rounds as people say them, e.g. '3 rounds of 5 minutes' interview and 1 of feedback'."""
        if not self.rounds:
            return ""
        spare = self.minutes - self.round_minutes
        return (f"{self.rounds} round{'s' if self.rounds != 1 else ''} of {self.talk_minutes} minutes' interview "
                f"and {self.feedback_minutes} of feedback ({self.round_minutes} minutes"
                + (f"; {spare} to form groups and hand out the cards)" if spare else ")"))


@dataclass(frozen=True)
class Plan:
    """A workshop plan: its blocks add up to its minutes."""

    id: str
    title: str
    minutes: int
    audience: str
    blocks: tuple[Block, ...]


def _header_lines(text: str, header: str) -> list[int]:
    """Line numbers (1-based) of every ``[[header]]`` line in a TOML text."""
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(header) + r"\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def _where(path, plan_lines: list[int], block_lines: list[int], i: int, j: int | None, pid: str) -> str:
    """'workshop.toml, line N (plan '60', block 3)' for messages."""
    line = None
    if j is None:
        line = plan_lines[i] if i < len(plan_lines) else None
    else:
        start = plan_lines[i] if i < len(plan_lines) else 0
        end = plan_lines[i + 1] if i + 1 < len(plan_lines) else 10 ** 9
        inside = [n for n in block_lines if start < n < end]
        line = inside[j] if j < len(inside) else None
    at = f", line {line}" if line else ""
    what = f"plan '{pid}'" if pid else f"plan {i + 1}"
    if j is not None:
        what += f", block {j + 1}"
    return f"{path}{at} ({what})"


def _closest(name: str, available: list[str]) -> str | None:
    """The lesson an instructor probably meant: same number, else the most similar title part.

    >>> _closest("02-research.ipynb", ["01-why.ipynb", "02-research-to-questions.ipynb"])
    '02-research-to-questions.ipynb'
    >>> _closest("research-to-questions", ["01-why.ipynb", "02-research-to-questions.ipynb"])
    '02-research-to-questions.ipynb'
    """
    same_number = [f for f in available if re.match(r"\d\d-", name) and f[:3] == name[:3]]
    if same_number:
        return same_number[0]
    def words(f: str) -> str:
        return re.sub(r"^\d\d-|\.ipynb$", "", f)
    by_words = {words(f): f for f in available}
    guess = difflib.get_close_matches(words(name), list(by_words), n=1, cutoff=0.6)
    return by_words[guess[0]] if guess else None


_NUMBERED = re.compile(r"^\d\d-")
DRAFTS = "drafts"   #: a lesson being written lives in notebooks/drafts/ until it is numbered into place


def _slug(file: str | None) -> str:
    """A lesson's name without its number: ``"02-research-to-questions.ipynb"`` -> ``"research-to-questions"``.

    >>> _slug("05-the-conversation.ipynb"), _slug("the-conversation")
    ('the-conversation', 'the-conversation')
    """
    return re.sub(r"^\d\d-|\.ipynb$", "", file or "")


def lesson_files() -> dict[str, "lessons.Lesson"]:
    """Every lesson file name -> its first cell: the numbered lessons, then drafts not yet numbered."""
    found = {lesson.file: lesson for lesson in lessons.catalogue()}
    numbered = {_slug(f) for f in found}
    for lesson in lessons.catalogue(lessons.NOTEBOOKS_DIR / DRAFTS):
        if _slug(lesson.file) not in numbered:
            found.setdefault(lesson.file, lesson)
    return found


def resolve(name: str, files: dict[str, "lessons.Lesson"] | None = None) -> str | None:
    """The lesson file a plan or note means, or None.

    A name without its number (``"practice-log"``) finds the lesson whatever its number, so the
    plans survive lessons being added and renumbered; a full file name must match exactly.

    >>> resolve("research-to-questions")
    '02-research-to-questions.ipynb'
    >>> resolve("02-research-to-question.ipynb") is None
    True
    """
    files = lesson_files() if files is None else files
    name = name.strip()
    if name in files:
        return name
    if re.match(r"^\d\d-", name):
        return None
    matches = [f for f in files if _slug(f) == _slug(name)]
    return matches[0] if len(matches) == 1 else None


#: The shape of a plan and of one of its blocks in ``workshop.toml``, declared once. Messages name
#: the line (``_where``), so each entry is checked with :func:`schema.check_table`.
PLAN = schema.Table({"id": schema.Text(), "title": schema.Text(), "minutes": schema.Number(low=1),
                     "audience": schema.Text(required=False)})
BLOCK = schema.Table({"minutes": schema.Number(low=1, help="10"), "activity": schema.Text(),
                      "lesson": schema.Text(required=False, help='"research-to-questions"'),
                      "mode": schema.Text(required=False, choices=tuple(MODES)),
                      "rounds": schema.Number(low=1, high=6, required=False, help="3"),
                      "talk_minutes": schema.Number(low=1, high=30, required=False, help="5"),
                      "feedback_minutes": schema.Number(low=0, high=15, required=False, help="1"),
                      "alone": schema.Text(required=False)})
ROUND_FIELDS = ("rounds", "talk_minutes", "feedback_minutes")


def _round_problems(where: str, b: dict) -> list[str]:
    """A role-play block names its rounds with all three fields, and they fit in its minutes."""
    given = [k for k in ROUND_FIELDS if k in b]
    if not given:
        return []
    if len(given) < len(ROUND_FIELDS):
        missing = ", ".join(k for k in ROUND_FIELDS if k not in b)
        return [f"{where}: a role-play block needs all of rounds, talk_minutes and feedback_minutes; "
                f"{missing} is missing. Add it (e.g. rounds = 3, talk_minutes = 5, feedback_minutes = 1), "
                f"or remove the others if this block is not a role-play."]
    need = b["rounds"] * (b["talk_minutes"] + b["feedback_minutes"])
    if need > b["minutes"]:
        return [f"{where}: {b['rounds']} rounds of {b['talk_minutes']} + {b['feedback_minutes']} minutes take "
                f"{need} minutes, but the block has minutes = {b['minutes']}. Give the block more minutes, or "
                f"use fewer or shorter rounds (in threes, 3 rounds of 5 + 1 fit 20 minutes; in pairs, "
                f"2 rounds of 7 + 2)."]
    return []


def _lesson_problem(where: str, lesson: str, files: dict[str, "lessons.Lesson"], full_name_ok: bool) -> str | None:
    """The message for a lesson name that matches no notebook (with the likely one), or None."""
    if resolve(lesson, files) is not None:
        return None
    hint = _closest(lesson, list(files))
    if hint and not (full_name_ok and _NUMBERED.match(lesson)):
        hint = _slug(hint)
    return (f"{where}: there is no lesson '{lesson}' in the notebooks folder. "
            + (f"Did you mean \"{hint}\"? " if hint else "")
            + "Write the lesson's name without its number, e.g. \"research-to-questions\""
            + (" (or its file name exactly as in notebooks/), or leave lesson out for a block without a "
               "notebook." if full_name_ok else "."))


def _validate(data: dict, text: str, path) -> tuple[list[Plan], list[str]]:
    problems = schema.Entries().check(data.get("plans"), str(path), "plans")
    if problems:
        return [], problems
    plan_lines = _header_lines(text, "plans")
    block_lines = _header_lines(text, "plans.blocks")
    files = lesson_files()
    built: list[Plan] = []
    seen: set[str] = set()
    for i, item in enumerate(data["plans"]):
        pid = item.get("id") if isinstance(item.get("id"), str) else ""
        where = _where(path, plan_lines, block_lines, i, None, pid)
        mistakes = schema.check_table(item, PLAN, where) + schema.Entries().check(item.get("blocks"), where,
                                                                                  "plans.blocks")
        if mistakes:
            problems += mistakes
            continue
        if pid in seen:
            mistakes.append(f"{where}: the id '{pid}' is used by an earlier plan. Give each plan its own id.")
        seen.add(pid)
        blocks: list[Block] = []
        for j, b in enumerate(item["blocks"]):
            bwhere = _where(path, plan_lines, block_lines, i, j, pid)
            wrong = schema.check_table(b, BLOCK, bwhere)
            wrong += _round_problems(bwhere, b) if not wrong else []
            lesson = b.get("lesson", "")
            if isinstance(lesson, str) and lesson:
                found = _lesson_problem(bwhere, lesson, files, full_name_ok=True)
                wrong += [found] if found else []
                lesson = resolve(lesson, files) or lesson
            mistakes += wrong
            if not wrong:
                blocks.append(Block(b["minutes"], b["activity"].strip(), lesson, b.get("mode", ""),
                                    *(int(b.get(k, 0)) for k in ROUND_FIELDS), alone=b.get("alone", "").strip()))
        total = sum(b.minutes for b in blocks)
        if len(blocks) == len(item["blocks"]) and total != item["minutes"]:
            mistakes.append(f"{where}: the blocks add up to {total} minutes, but the plan says "
                            f"minutes = {item['minutes']}. Change a block's minutes, or the plan's "
                            f"minutes, so they agree.")
        problems += mistakes
        if not mistakes:
            built.append(Plan(pid, item["title"].strip(), item["minutes"],
                              str(item.get("audience", "")).strip(), tuple(blocks)))
    return built, problems


def _load() -> tuple[list[Plan], list[str]]:
    path = content.file_path(CONTENT)
    try:
        data = content.load(CONTENT)
    except content.ContentError as exc:
        return [], [str(exc)]
    text = path.read_text(encoding="utf-8-sig")
    return _validate(data, text, path.name)


def check_content() -> list[str]:
    """Every mistake in ``workshop.toml`` and ``instructor_notes.toml``, each naming the file,
    line or entry, and the fix.

    >>> check_content()
    []
    """
    return _load()[1] + _load_notes()[1]


# ---------------------------------------------------------------------------------------
# Instructor notes, the pre-work page and the observer checklist (instructor_notes.toml)
# ---------------------------------------------------------------------------------------
NOTES = "instructor_notes"


@dataclass(frozen=True)
class Note:
    """A short note for whoever teaches one lesson."""

    lesson: str                   # the lesson's file name (resolved)
    title: str                    # "05 The conversation"
    timing: str
    misconception: str
    prompt: str
    good_answers: tuple[str, ...]


@dataclass(frozen=True)
class Prework:
    title: str
    minutes: int
    intro: str
    items: tuple[tuple[int, str], ...]   # (minutes, task)
    bring: tuple[str, ...]


@dataclass(frozen=True)
class Observer:
    title: str
    intro: str
    before_close: tuple[str, ...]


@dataclass(frozen=True)
class Classroom:
    notes: tuple[Note, ...]
    prework: Prework | None
    observer: Observer | None


#: The shape of ``instructor_notes.toml``, declared once. Each note and section is checked on
#: its own, so a mistake in one note leaves the others showing.
NOTES_SCHEMA = schema.Table({
    "lessons": schema.Entries(schema.Table({
        "lesson": schema.Text(help='"research-to-questions"'), "timing": schema.Text(),
        "misconception": schema.Text(), "prompt": schema.Text(),
        "good_answers": schema.TextList(help='["what a good answer contains", "..."]')}), label_key="lesson"),
    "prework": schema.Table({
        "title": schema.Text(), "minutes": schema.Number(low=1), "intro": schema.Text(),
        "bring": schema.TextList(help='["a pen"]'),
        "items": schema.Entries(schema.Table({"minutes": schema.Number(low=1), "task": schema.Text()}))}),
    "observer": schema.Table({"title": schema.Text(), "intro": schema.Text(),
                              "before_close": schema.TextList(help='["Named the agreed time"]')}),
})


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _section(data: dict, key: str, file: str) -> tuple[dict | None, list[str]]:
    """A ``[key]`` table of the notes checked against its schema: (the table or None, mistakes)."""
    spec = NOTES_SCHEMA.fields[key]
    raw = data.get(key)
    if not isinstance(raw, dict):
        return None, spec.check(raw, file, key)
    where = f"{file}, [{key}]"
    mistakes = schema.check_table(raw, spec, where)
    if key == "prework" and not mistakes:
        total = sum(it["minutes"] for it in raw["items"])
        if total != raw["minutes"]:
            mistakes.append(f"{where}: the tasks add up to {total} minutes, but the page says "
                            f"minutes = {raw['minutes']}. Make them agree.")
    return (None if mistakes else raw), mistakes


def _validate_notes(data: dict, file: str) -> tuple[Classroom, list[str]]:
    files = lesson_files()
    notes: list[Note] = []
    entries = NOTES_SCHEMA.fields["lessons"]
    problems = schema.Entries().check(data.get("lessons"), file, "lessons")
    seen: set[str] = set()
    for i, item in enumerate([] if problems else data["lessons"], start=1):
        name = item.get("lesson")
        where = f"{file}, note {i}" + (f" (lesson '{name}')" if isinstance(name, str) else "")
        mistakes = schema.check_table(item, entries.entry, where)
        found = None if mistakes else resolve(item["lesson"], files)
        if not mistakes and found is None:
            mistakes.append(_lesson_problem(where, item["lesson"], files, full_name_ok=False))
        elif found in seen:
            mistakes.append(f"{where}: an earlier note is about the same lesson. Keep one note per lesson.")
        problems += mistakes
        if mistakes:
            continue
        seen.add(found)
        lesson = files[found]
        notes.append(Note(found, f"{lesson.number} {lesson.title}", _one_line(item["timing"]),
                          _one_line(item["misconception"]), _one_line(item["prompt"]),
                          tuple(_one_line(a) for a in item["good_answers"])))
    raw_pre, mistakes = _section(data, "prework", file)
    problems += mistakes
    prework = raw_pre and Prework(
        raw_pre["title"].strip(), raw_pre["minutes"], _one_line(raw_pre["intro"]),
        tuple((it["minutes"], _one_line(it["task"])) for it in raw_pre["items"]),
        tuple(_one_line(b) for b in raw_pre["bring"]))
    raw_obs, mistakes = _section(data, "observer", file)
    problems += mistakes
    observer = raw_obs and Observer(raw_obs["title"].strip(), _one_line(raw_obs["intro"]),
                                    tuple(_one_line(b) for b in raw_obs["before_close"]))
    return Classroom(tuple(notes), prework, observer), problems


def _load_notes() -> tuple[Classroom, list[str]]:
    try:
        data = content.load(NOTES)
    except content.ContentError as exc:
        return Classroom((), None, None), [str(exc)]
    return _validate_notes(data, f"{NOTES}.toml")


def notes_problems() -> list[str]:
    """Every mistake in ``instructor_notes.toml`` only (``check_content`` adds the plans')."""
    return _load_notes()[1]


def classroom() -> Classroom:
    """The instructor notes, pre-work and observer checklist, checked. Raises
    :class:`helpers.content.ContentError` listing every mistake."""
    found, problems = _load_notes()
    if problems:
        raise content.ContentError("\n".join(problems))
    return found


def notes() -> list[Note]:
    """The instructor notes in lesson order; a note with a mistake is left out (check-content names it).

    >>> notes()[0].title
    '00 Start here'
    """
    found = _load_notes()[0].notes
    return sorted(found, key=lambda n: n.lesson)


def note_for(lesson: str) -> Note | None:
    """The note for one lesson (its name with or without the number), or None."""
    target = resolve(lesson)
    return next((n for n in notes() if n.lesson == target), None)


def notes_table() -> pd.DataFrame:
    """The notes as a table: lesson, timing, what to watch for, prompt, good answers."""
    rows = [{"lesson": n.title, "timing": n.timing, "watch for": n.misconception, "discussion prompt": n.prompt,
             "good answers contain": "; ".join(n.good_answers)} for n in notes()]
    return pd.DataFrame(rows, columns=["lesson", "timing", "watch for", "discussion prompt", "good answers contain"])


def plans() -> list[Plan]:
    """The workshop plans, checked. Raises :class:`helpers.content.ContentError` listing every mistake."""
    found, problems = _load()
    if problems:
        raise content.ContentError("\n".join(problems))
    return found


def plan(plan_id: str) -> Plan:
    """One plan by its id (``"60"`` or ``"90"`` in the shipped file).

    A mistake in another plan does not stop this one from showing. Raises
    :class:`helpers.content.ContentError` when this plan is missing or has a mistake.
    """
    found, problems = _load()
    for p in found:
        if p.id == plan_id:
            return p
    mine = [m for m in problems if f"plan '{plan_id}'" in m]
    if mine or problems:
        raise content.ContentError("\n".join(mine or problems))
    raise content.ContentError(f"workshop.toml has no plan with id '{plan_id}'. Its plans are: "
                               f"{', '.join(p.id for p in found)}.")


def plan_table(p: Plan) -> pd.DataFrame:
    """A plan as a timetable: start (minutes from the beginning, h:mm), minutes, lesson title, mode, activity."""
    titles = {f: f"{lesson.number} {lesson.title}" for f, lesson in lesson_files().items()}
    rows, start = [], 0
    for b in p.blocks:
        rows.append({"start": f"{start // 60}:{start % 60:02d}", "minutes": b.minutes,
                     "lesson": titles.get(b.lesson, b.lesson), "mode": b.mode,
                     "activity": b.activity + (f" Timing: {b.timing}." if b.timing else "")})
        start += b.minutes
    return pd.DataFrame(rows, columns=["start", "minutes", "lesson", "mode", "activity"])


def plans_markdown(found: list[Plan] | None = None) -> str:
    """How each plan picks from the lessons, as a markdown table for the README: per lesson, the
    minutes it states (the whole lesson, alone) and the minutes each plan gives it; then the
    minutes each plan spends on blocks of no lesson (opening, role-play, close) and the totals.

    >>> print(plans_markdown([Plan("60", "One hour", 60, "", (Block(40, "x", "00-start-here.ipynb"),
    ...                                                          Block(20, "Role-play")))]))  # doctest: +ELLIPSIS
    | Lesson | Alone | 60-minute plan |
    | --- | --- | --- |
    | 00 Start here | ... min | 40 min |
    ...
    | Not in a lesson (opening, role-play, close) | | 20 min |
    | **In all** | **... min** | **60 min** |
    """
    found = plans() if found is None else found
    files = lesson_files()
    numbered = [f for f in files if _NUMBERED.match(f) and files[f].number.isdigit()]
    head = "| Lesson | Alone | " + " | ".join(f"{p.minutes}-minute plan" for p in found) + " |"
    rows = [head, "|" + " --- |" * (2 + len(found))]
    for f in sorted(numbered):
        lesson = files[f]
        given = [sum(b.minutes for b in p.blocks if b.lesson == f) for p in found]
        cells = [f"{g} min" if g else "" for g in given]
        alone = f"{lesson.minutes} min" if lesson.minutes else ""
        rows.append(f"| {lesson.number} {lesson.title} | {alone} | " + " | ".join(cells) + " |")
    other = [sum(b.minutes for b in p.blocks if not b.lesson) for p in found]
    rows.append("| Not in a lesson (opening, role-play, close) | | " + " | ".join(f"{m} min" if m else "" for m in other)
                + " |")
    total = sum(files[f].minutes or 0 for f in numbered)
    rows.append(f"| **In all** | **{total} min** | " + " | ".join(f"**{p.minutes} min**" for p in found) + " |")
    return "\n".join(rows)
