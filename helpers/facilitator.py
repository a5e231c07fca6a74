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


def _validate(data: dict, text: str, path) -> tuple[list[Plan], list[str]]:
    problems: list[str] = []
    try:
        items = content.entries(data, "plans", str(path))
    except content.ContentError as exc:
        return [], [str(exc)]
    plan_lines = _header_lines(text, "plans")
    block_lines = _header_lines(text, "plans.blocks")
    available = [lesson.file for lesson in lessons.catalogue()]
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
            elif lesson and lesson not in available:
                hint = _closest(lesson, available)
                problems.append(f"{bwhere}: there is no lesson '{lesson}' in the notebooks folder. "
                                + (f"Did you mean \"{hint}\"? " if hint else "")
                                + "Write a file name exactly as in notebooks/ (e.g. "
                                f"\"{available[0] if available else '00-start-here.ipynb'}\"), or leave "
                                f"lesson out for a block without a notebook.")
                ok = False
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
    """Every mistake in ``workshop.toml``, each naming the file, line and entry, and the fix.

    >>> check_content()
    []
    """
    return _load()[1]


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
    titles = {lesson.file: f"{lesson.number} {lesson.title}" for lesson in lessons.catalogue()}
    rows, start = [], 0
    for b in p.blocks:
        rows.append({"start": f"{start // 60}:{start % 60:02d}", "minutes": b.minutes,
                     "lesson": titles.get(b.lesson, b.lesson), "mode": b.mode, "activity": b.activity})
        start += b.minutes
    return pd.DataFrame(rows, columns=["start", "minutes", "lesson", "mode", "activity"])


def show_plan(plan_id: str) -> None:
    """Show a plan as a table in a notebook; a broken content file shows its message instead."""
    from IPython.display import HTML, display as ipy_display

    from .display import message_html, table_html

    try:
        p = plan(plan_id)
    except content.ContentError as exc:
        ipy_display(HTML(message_html(f"The workshop plans could not be read. {exc}", "error")))
        return
    intro = f"{p.title} ({p.minutes} minutes)." + (f" For: {p.audience}" if p.audience else "")
    ipy_display(HTML(message_html(intro, "info") + table_html(plan_table(p))))
