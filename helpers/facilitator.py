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

from . import content, lessons

CONTENT = "workshop"
MODES = ["whole group", "pairs", "small groups", "solo"]


@dataclass(frozen=True)
class Block:
    """One timed part of a workshop."""

    minutes: int
    activity: str
    lesson: str = ""     # a notebook file name in notebooks/, or "" (a break, a role-play ...)
    mode: str = ""       # whole group, pairs, small groups or solo ("" = not said)


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


def _validate(data: dict, text: str, path) -> tuple[list[Plan], list[str]]:
    problems: list[str] = []
    try:
        items = content.entries(data, "plans", str(path))
    except content.ContentError as exc:
        return [], [str(exc)]
    plan_lines = _header_lines(text, "plans")
    block_lines = _header_lines(text, "plans.blocks")
    files = lesson_files()
    available = list(files)
    built: list[Plan] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        pid = str(item.get("id", "")) if isinstance(item.get("id", ""), str) else ""
        where = _where(path, plan_lines, block_lines, i, None, pid)
        try:
            content.require(item, ["id", "title", "minutes"], where, {"id": str, "title": str, "minutes": int})
        except content.ContentError as exc:
            problems.append(str(exc))
            continue
        if pid in seen:
            problems.append(f"{where}: the id '{pid}' is used by an earlier plan. Give each plan its own id.")
        seen.add(pid)
        raw_blocks = item.get("blocks")
        if not isinstance(raw_blocks, list) or not raw_blocks or not all(isinstance(b, dict) for b in raw_blocks):
            problems.append(f"{where}: the plan has no blocks. After the plan's fields add one "
                            f"[[plans.blocks]] section per part of the workshop, with minutes and activity.")
            continue
        blocks: list[Block] = []
        ok = True
        for j, b in enumerate(raw_blocks):
            bwhere = _where(path, plan_lines, block_lines, i, j, pid)
            try:
                content.require(b, ["minutes", "activity"], bwhere, {"minutes": int, "activity": str})
            except content.ContentError as exc:
                problems.append(str(exc))
                ok = False
                continue
            if isinstance(b["minutes"], bool) or b["minutes"] <= 0:
                problems.append(f"{bwhere}: minutes = {b['minutes']} is not a length of time. Write a whole "
                                f"number of minutes greater than 0, e.g. minutes = 10.")
                ok = False
            lesson = b.get("lesson", "")
            if not isinstance(lesson, str):
                problems.append(f"{bwhere}: lesson should be a notebook's file name in quotes, e.g. "
                                f"lesson = \"{available[0] if available else '00-start-here.ipynb'}\".")
                ok = False
                lesson = ""
            elif lesson and resolve(lesson, files) is None:
                hint = _closest(lesson, available)
                problems.append(f"{bwhere}: there is no lesson '{lesson}' in the notebooks folder. "
                                + (f"Did you mean \"{hint if _NUMBERED.match(lesson) else _slug(hint)}\"? "
                                   if hint else "")
                                + "Write the lesson's name without its number, e.g. \"research-to-questions\" "
                                "(or its file name exactly as in notebooks/), or leave lesson out for a "
                                "block without a notebook.")
                ok = False
            elif lesson:
                lesson = resolve(lesson, files) or lesson
            mode = b.get("mode", "")
            if mode and mode not in MODES:
                problems.append(f"{bwhere}: mode = \"{mode}\" is not one of: {', '.join(MODES)}. Use one "
                                f"of them or leave mode out.")
                ok = False
            blocks.append(Block(int(b["minutes"]) if not isinstance(b["minutes"], bool) else 0,
                                b["activity"].strip(), lesson if isinstance(lesson, str) else "",
                                mode if isinstance(mode, str) else ""))
        if ok and blocks:
            total = sum(b.minutes for b in blocks)
            if total != item["minutes"]:
                problems.append(f"{where}: the blocks add up to {total} minutes, but the plan says "
                                f"minutes = {item['minutes']}. Change a block's minutes, or the plan's "
                                f"minutes, so they agree.")
                ok = False
        if ok:
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


def _strings(value: object) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return [" ".join(v.split()) for v in value]
    return None


def _validate_notes(data: dict, file: str) -> tuple[Classroom, list[str]]:
    problems: list[str] = []
    files = lesson_files()
    notes: list[Note] = []
    raw = data.get("lessons")
    if not isinstance(raw, list) or not raw or not all(isinstance(n, dict) for n in raw):
        problems.append(f"{file}: no [[lessons]] notes were found. Each note starts with a line [[lessons]] "
                        f"followed by lesson, timing, misconception, prompt and good_answers.")
        raw = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        name = item.get("lesson")
        where = f"{file}, note {i}" + (f" (lesson '{name}')" if isinstance(name, str) else "")
        try:
            content.require(item, ["lesson", "timing", "misconception", "prompt"], where,
                            {"lesson": str, "timing": str, "misconception": str, "prompt": str})
        except content.ContentError as exc:
            problems.append(str(exc))
            continue
        found = resolve(item["lesson"], files)
        if found is None:
            hint = _closest(item["lesson"], list(files))
            problems.append(f"{where}: there is no lesson '{item['lesson']}' in the notebooks folder. "
                            + (f"Did you mean \"{_slug(hint)}\"? " if hint else "")
                            + "Write the lesson's name without its number, e.g. \"research-to-questions\".")
            continue
        if found in seen:
            problems.append(f"{where}: an earlier note is about the same lesson. Keep one note per lesson.")
            continue
        seen.add(found)
        answers = _strings(item.get("good_answers"))
        if answers is None:
            problems.append(f"{where}: good_answers should be a list of what good answers contain, e.g. "
                            f"good_answers = [\"...\", \"...\"].")
            continue
        lesson = files[found]
        notes.append(Note(found, f"{lesson.number} {lesson.title}", " ".join(item["timing"].split()),
                          " ".join(item["misconception"].split()), " ".join(item["prompt"].split()),
                          tuple(answers)))
    prework = None
    raw_pre = data.get("prework")
    if not isinstance(raw_pre, dict):
        problems.append(f"{file}: the [prework] section is missing. Add [prework] with title, minutes, intro, "
                        f"bring, and one [[prework.items]] per task.")
    else:
        try:
            content.require(raw_pre, ["title", "minutes", "intro"], f"{file}, [prework]",
                            {"title": str, "minutes": int, "intro": str})
            bring = _strings(raw_pre.get("bring"))
            if bring is None:
                raise content.ContentError(f"{file}, [prework]: bring should be a list of what to bring, e.g. "
                                           f"bring = [\"a pen\"].")
            items = raw_pre.get("items")
            if not isinstance(items, list) or not items:
                raise content.ContentError(f"{file}, [prework]: no tasks. Add [[prework.items]] sections with "
                                           f"minutes and task.")
            tasks = []
            for j, it in enumerate(items, start=1):
                content.require(it, ["minutes", "task"], f"{file}, [prework] task {j}", {"minutes": int, "task": str})
                if isinstance(it["minutes"], bool) or it["minutes"] <= 0:
                    raise content.ContentError(f"{file}, [prework] task {j}: minutes should be a whole number "
                                               f"greater than 0.")
                tasks.append((it["minutes"], " ".join(it["task"].split())))
            total = sum(m for m, _ in tasks)
            if total != raw_pre["minutes"]:
                raise content.ContentError(f"{file}, [prework]: the tasks add up to {total} minutes, but the page "
                                           f"says minutes = {raw_pre['minutes']}. Make them agree.")
            prework = Prework(raw_pre["title"].strip(), raw_pre["minutes"], " ".join(raw_pre["intro"].split()),
                              tuple(tasks), tuple(bring))
        except content.ContentError as exc:
            problems.append(str(exc))
    observer = None
    raw_obs = data.get("observer")
    if not isinstance(raw_obs, dict):
        problems.append(f"{file}: the [observer] section is missing. Add [observer] with title, intro and "
                        f"before_close = [\"...\"].")
    else:
        try:
            content.require(raw_obs, ["title", "intro"], f"{file}, [observer]", {"title": str, "intro": str})
            items = _strings(raw_obs.get("before_close"))
            if items is None:
                raise content.ContentError(f"{file}, [observer]: before_close should be a list of what to watch "
                                           f"for before the close, e.g. before_close = [\"Named the agreed time\"].")
            observer = Observer(raw_obs["title"].strip(), " ".join(raw_obs["intro"].split()), tuple(items))
        except content.ContentError as exc:
            problems.append(str(exc))
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
                     "lesson": titles.get(b.lesson, b.lesson), "mode": b.mode, "activity": b.activity})
        start += b.minutes
    return pd.DataFrame(rows, columns=["start", "minutes", "lesson", "mode", "activity"])
