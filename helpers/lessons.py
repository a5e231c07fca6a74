"""The series of lessons, read from the notebooks themselves, and a check of the set-up.

Every lesson's first cell is one ``# Title``, a one-line subtitle and a line saying how
long it takes (e.g. ``*Time: 20 minutes*``). :func:`catalogue` reads those from the
notebooks folder, so the lesson map in "Start here" and the README's table of lessons are
built from the lessons and never drift from them.

:func:`environment_report` says, from the Python side, what a learner (or a helper at
their shoulder) needs to know when widgets do not show: versions, which Python runs the
notebook, and where work is saved. Whether the *page* draws widgets, Python cannot know;
the "Start here" lesson asks the learner to click a button for that.
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import workspace

NOTEBOOKS_DIR = workspace.REPO_ROOT / "notebooks"
LESSON_NAME = re.compile(r"^\d\d-[a-z0-9-]+\.ipynb$")
_MINUTES = re.compile(r"(\d+)\s*(?:(?:-|–|to)\s*(\d+)\s*)?min(?:ute)?s?\b", re.IGNORECASE)
_TIME_WORD = re.compile(r"\btime\b|⏱|\bduration\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|>|\||<)")


@dataclass(frozen=True)
class Lesson:
    """One lesson as its first cell describes it."""

    file: str                 # file name, e.g. "01-why-informational-interviews.ipynb"
    title: str                # the text of the one "# Title" line
    subtitle: str = ""        # the one-line subtitle under it ("" when there is none)
    minutes: int | None = None  # how long it takes (the upper end of a range); None when not said
    time: str = ""            # the time as written, e.g. "20-25 minutes"
    problem: str = ""         # why the first cell could not be read ("" when all is well)

    @property
    def number(self) -> str:
        """The two-digit lesson number from the file name (``"01"``)."""
        return self.file[:2]


def _plain(line: str) -> str:
    """A markdown line without the emphasis markers around it.

    >>> _plain("*Time: 20 minutes*")
    'Time: 20 minutes'
    >>> _plain("_How to ask, **well**_")
    'How to ask, **well**'
    """
    text = line.strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "*_":
        text = text[1:-1].strip()
    return text


def parse_first_cell(source: str) -> tuple[str, str, int | None, str]:
    """Title, subtitle, minutes and the time as written, from a lesson's first cell.

    The subtitle is the first plain line after the title (emphasis markers removed) that is
    not the time line, a list item or a heading; reading stops at the first heading.

    >>> parse_first_cell("# Start here\\n\\nHow the lessons work.\\n\\n*Time: 10 minutes*\\n\\n## Objectives")
    ('Start here', 'How the lessons work.', 10, '10 minutes')
    >>> parse_first_cell("# Asking\\n*Time: 20-25 min*\\n- one objective")
    ('Asking', '', 25, '20-25 min')
    """
    title, subtitle, minutes, time_text = "", "", None, ""
    body: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if not title:
            if stripped.startswith("# "):
                title = _plain(stripped[2:])
            continue
        if stripped.startswith("#"):
            break  # the objectives (or another section) begin
        if stripped:
            body.append(stripped)
    timed = [line for line in body if _MINUTES.search(line)]
    time_line = next((line for line in timed if _TIME_WORD.search(line)), None)
    if time_line is None:
        time_line = next((line for line in timed if len(_plain(line)) <= 30), None)
    if time_line is not None:
        found = _MINUTES.search(time_line)
        assert found is not None
        minutes = int(found.group(2) or found.group(1))
        time_text = found.group(0).strip()
    subtitle = next((_plain(line) for line in body if line is not time_line and not _LIST_ITEM.match(line)), "")
    return title, subtitle, minutes, time_text


def read_lesson(path: Path) -> Lesson:
    """Read one notebook's first cell. A notebook that cannot be read gives a ``problem``, not an error."""
    name = path.name
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb.get("cells") or []
        first = cells[0] if cells else {}
        source = first.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        if first.get("cell_type") != "markdown":
            return Lesson(name, name, problem="its first cell is not a markdown cell with a '# Title'")
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        return Lesson(name, name, problem=f"could not be read ({type(exc).__name__})")
    title, subtitle, minutes, time_text = parse_first_cell(source)
    if not title:
        return Lesson(name, name, subtitle, minutes, time_text,
                      problem="its first cell has no '# Title' line")
    return Lesson(name, title, subtitle, minutes, time_text)


#: The lessons as a plain ``pip install .`` knows them (it installs no notebooks): written from
#: the notebooks by ``python -m helpers lessons --write-catalogue``; a test keeps it in step.
CATALOGUE_FILE = workspace.DATA_DIR / "lessons.json"


def catalogue(folder: Path | str | None = None) -> list[Lesson]:
    """Every lesson in the notebooks folder, in teaching order (by file name).

    Only files named ``NN-title.ipynb`` directly in the folder count: instructor notebooks
    in a subfolder, checkpoints and ``Untitled.ipynb`` are left out. Where the lessons' own
    folder is not there (a plain install), the shipped list of lessons (:data:`CATALOGUE_FILE`)
    stands in for it.

    >>> [lesson.file for lesson in catalogue()][:1]
    ['00-start-here.ipynb']
    """
    base = Path(folder) if folder is not None else NOTEBOOKS_DIR
    if not base.is_dir():
        return shipped_catalogue() if folder is None else []
    files = sorted(p for p in base.iterdir() if p.is_file() and LESSON_NAME.match(p.name))
    return [read_lesson(p) for p in files]


def shipped_catalogue() -> list[Lesson]:
    """The lessons as listed in :data:`CATALOGUE_FILE` ([] when it is missing or unreadable)."""
    try:
        rows = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["lessons"]
        return [Lesson(**{k: row[k] for k in ("file", "title", "subtitle", "minutes", "time")}) for row in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def catalogue_json(lessons: list[Lesson] | None = None) -> str:
    """The text of :data:`CATALOGUE_FILE` for these lessons (default: the notebooks')."""
    lessons = catalogue(NOTEBOOKS_DIR) if lessons is None else lessons
    rows = [{"file": x.file, "title": x.title, "subtitle": x.subtitle, "minutes": x.minutes, "time": x.time}
            for x in lessons]
    return json.dumps({"about": "The lessons, read from notebooks/ by `python -m helpers lessons "
                                "--write-catalogue`, for installs that have no notebooks folder.",
                       "lessons": rows}, indent=1, ensure_ascii=False) + "\n"


def total_minutes(lessons: list[Lesson] | None = None) -> int:
    """The time all lessons take together (lessons that do not say are not counted)."""
    lessons = catalogue() if lessons is None else lessons
    return sum(lesson.minutes or 0 for lesson in lessons)


def _md(text: str) -> str:
    """Text made safe inside a markdown table cell or link text.

    >>> _md("a | b [c] <d>")
    'a \\\\| b \\\\[c\\\\] &lt;d&gt;'
    """
    text = html.escape(" ".join(text.split()), quote=False)
    for ch in "\\|[]`*_":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_table(lessons: list[Lesson] | None = None, link_prefix: str = "notebooks/") -> str:
    """A markdown table of the lessons: number, linked title, what it covers, time.

    ``link_prefix`` is the path from the page holding the table to the notebooks folder:
    ``"notebooks/"`` for the README, ``""`` for a lesson inside that folder.

    >>> print(markdown_table([Lesson("01-why.ipynb", "Why", "What it is for.", 20, "20 minutes")]))
    | # | Lesson | What it covers | Time |
    | --- | --- | --- | --- |
    | 01 | [Why](notebooks/01-why.ipynb) | What it is for. | 20\xa0min |
    """
    lessons = catalogue() if lessons is None else lessons
    rows = ["| # | Lesson | What it covers | Time |", "| --- | --- | --- | --- |"]
    for lesson in lessons:
        time_text = f"{lesson.minutes}\u00a0min" if lesson.minutes is not None else "?"  # no line break
        covers = lesson.subtitle if not lesson.problem else f"(this notebook {lesson.problem})"
        rows.append(f"| {lesson.number} | [{_md(lesson.title)}]({link_prefix}{lesson.file}) | "
                    f"{_md(covers)} | {time_text} |")
    return "\n".join(rows)


@dataclass(frozen=True)
class Markdown:
    """Markdown text that a notebook shows rendered (and any editor as plain text)."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def lesson_map(link_prefix: str = "") -> Markdown:
    """The lesson map shown in "Start here": the table plus the total time.

    >>> "| # | Lesson |" in lesson_map().text
    True
    """
    lessons = catalogue()
    total = total_minutes(lessons)
    hours, mins = divmod(total, 60)
    said = f"{hours} h" + (f" {mins} min" if mins else "") if hours else f"{mins} min"
    return Markdown(markdown_table(lessons, link_prefix) +
                    f"\n\n{len(lessons)} lessons, about {said} in all. "
                    f"Take them in order, one or two at a sitting.")


# ---------------------------------------------------------------------------------------
# Measured minutes: each lesson's time, computed from the lesson itself
# ---------------------------------------------------------------------------------------
#: How long each activity of a lesson takes (data/lesson_activities.toml) and the reading speed.
ACTIVITIES_FILE = workspace.DATA_DIR / "lesson_activities.toml"
#: Tags of cells a learner does not read in a lesson (instructor notes, the forms' plain-text twins).
NOT_READ = {"instructor", "appendix"}
#: A code cell that shows a form or a button: each one needs an entry in the activities file.
ACTIVITY_CELL = re.compile(r"\b\w+_(?:form|button)\(")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True)
class ActivityTime:
    """One activity of a lesson: the cell (by its id) and the minutes the learner spends on it."""

    lesson: str     # the lesson's file name
    cell: str       # the cell's id in the notebook
    minutes: int
    what: str = ""  # what the learner does there (for people reading the file)


@dataclass(frozen=True)
class Measure:
    """A lesson's time: reading its text at the stated speed, plus its activities' minutes."""

    file: str
    words: int
    words_per_minute: int
    activities: int    # minutes, from the activities file

    @property
    def reading(self) -> int:
        """Minutes of reading, rounded up to a whole minute (at least one for any text)."""
        return -(-self.words // self.words_per_minute) if self.words else 0

    @property
    def minutes(self) -> int:
        return self.reading + self.activities

    def time_line(self) -> str:
        """The lesson's time line, as its first cell shows it.

        >>> Measure("x.ipynb", 401, 200, 12).time_line()
        '*Time: 15 minutes (3 minutes reading, 12 minutes activities)*'
        """
        return (f"*Time: {self.minutes} minutes ({self.reading} minutes reading, "
                f"{self.activities} minutes activities)*")


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _cell_tags(cell: dict) -> set[str]:
    return set((cell.get("metadata") or {}).get("tags") or [])


def _is_time_line(line: str) -> bool:
    return bool(_MINUTES.search(line) and _TIME_WORD.search(line))


def count_words(markdown: str) -> int:
    """Words a reader reads in a markdown text: tags, link targets and markup left out.

    >>> count_words("## A title\\n\\nSee [lesson 02](02-x.ipynb), <b>now</b>. It's *well-known*.")
    8
    """
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    return len(_WORD.findall(text))


def lesson_words(nb: dict) -> int:
    """Words of the lesson's markdown a learner reads: not instructor or appendix cells, and not
    the time line of the first cell (so that rewriting it never changes the count)."""
    total = 0
    for n, cell in enumerate(nb.get("cells") or []):
        if cell.get("cell_type") != "markdown" or _cell_tags(cell) & NOT_READ:
            continue
        source = _cell_source(cell)
        if n == 0:
            source = "\n".join(line for line in source.splitlines() if not _is_time_line(line))
        total += count_words(source)
    return total


def _lesson_for(name: str, files: list[str]) -> str | None:
    """The lesson file a name in the activities file means: "02-research-to-questions",
    "research-to-questions" (survives a renumbering) or the file name itself."""
    for f in files:
        stem = f[:-len(".ipynb")]
        if name in (f, stem, stem[3:]):
            return f
    return None


def _read_notebooks(folder: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    if not folder.is_dir():
        return found
    for p in sorted(folder.iterdir()):
        if p.is_file() and LESSON_NAME.match(p.name):
            try:
                found[p.name] = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                found[p.name] = {}
    return found


def lesson_activities(folder: Path | str | None = None,
                      file: Path | str | None = None) -> tuple[int, list[ActivityTime], list[str]]:
    """The reading speed, every activity's minutes and every mistake in the activities file.

    Checked: the file reads as TOML with ``words_per_minute`` (a whole number from 50 to 500)
    and ``[[activity]]`` entries of ``lesson``, ``cell``, ``minutes`` (a whole number from 1 to
    120) and optional ``what``; each names a lesson and a cell of it that a learner reads (not an
    appendix or instructor cell), once; and every form or button cell of a lesson has an entry.
    """
    from . import content

    base = Path(folder) if folder is not None else NOTEBOOKS_DIR
    path = Path(file) if file is not None else ACTIVITIES_FILE
    name = path.name
    notebooks = _read_notebooks(base)
    problems: list[str] = []
    try:
        data = content.tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        return 200, [], [f"{name}: could not be read ({exc.strerror}). Put the file back (it is in git)."]
    except content.tomllib.TOMLDecodeError as exc:
        return 200, [], [f"{name}: is not valid TOML ({exc}). Fix that line."]
    wpm = data.get("words_per_minute")
    if not isinstance(wpm, int) or isinstance(wpm, bool) or not 50 <= wpm <= 500:
        problems.append(f"{name}: words_per_minute must be a whole number from 50 to 500 (e.g. 200), "
                        f"not {wpm!r}.")
        wpm = 200
    for key in sorted(set(data) - {"words_per_minute", "activity"}):
        problems.append(f"{name}: '{key}' is not a field this file uses (it has words_per_minute and "
                        f"[[activity]] entries).")
    found: list[ActivityTime] = []
    seen: set[tuple[str, str]] = set()
    entries = data.get("activity", [])
    if not isinstance(entries, list):
        entries = []
        problems.append(f"{name}: 'activity' must be a list of [[activity]] entries.")
    for n, entry in enumerate(entries, 1):
        where = f"{name}, activity {n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: is not an entry with lesson, cell and minutes.")
            continue
        for key in sorted(set(entry) - {"lesson", "cell", "minutes", "what"}):
            problems.append(f"{where}: '{key}' is not a field this file uses (lesson, cell, minutes, what).")
        lesson = _lesson_for(str(entry.get("lesson", "")), list(notebooks))
        if lesson is None:
            problems.append(f"{where}: lesson {entry.get('lesson')!r} is not a lesson in notebooks/ "
                            f"(use its file name without .ipynb, e.g. \"02-research-to-questions\").")
            continue
        cell_id = str(entry.get("cell", ""))
        cells = {c.get("id"): c for c in notebooks[lesson].get("cells") or []}
        cell = cells.get(cell_id)
        if cell is None:
            problems.append(f"{where}: {lesson} has no cell with id {cell_id!r} (the cell was removed or "
                            f"its id changed: put the id of the activity's cell).")
            continue
        if _cell_tags(cell) & NOT_READ:
            problems.append(f"{where}: cell {cell_id} of {lesson} is an appendix or instructor cell, "
                            f"which the lesson's time does not count.")
            continue
        minutes = entry.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
            problems.append(f"{where}: minutes must be a whole number from 1 to 120, not {minutes!r}.")
            continue
        if (lesson, cell_id) in seen:
            problems.append(f"{where}: cell {cell_id} of {lesson} is listed twice: keep one entry.")
            continue
        seen.add((lesson, cell_id))
        found.append(ActivityTime(lesson, cell_id, minutes, str(entry.get("what", ""))))
    for lesson, nb in notebooks.items():
        for cell in nb.get("cells") or []:
            source = _cell_source(cell)
            if (cell.get("cell_type") == "code" and not _cell_tags(cell) & (NOT_READ | {"setup"})
                    and ACTIVITY_CELL.search(source) and (lesson, cell.get("id")) not in seen):
                first = source.strip().splitlines()[0] if source.strip() else ""
                problems.append(f"{name}: {lesson} has an activity with no minutes: cell {cell.get('id')} "
                                f"({first[:60]}). Add an [[activity]] entry for it.")
    return wpm, found, problems


def measure(folder: Path | str | None = None, file: Path | str | None = None) -> list[Measure]:
    """Every lesson's measured time (words of markdown at the stated speed + its activities)."""
    base = Path(folder) if folder is not None else NOTEBOOKS_DIR
    wpm, found, _ = lesson_activities(base, file)
    out = []
    for lesson, nb in _read_notebooks(base).items():
        out.append(Measure(lesson, lesson_words(nb), wpm, sum(a.minutes for a in found if a.lesson == lesson)))
    return out


def with_time_line(source: str, line: str) -> str:
    """A first cell with its time line replaced by ``line`` (or put after the subtitle).

    >>> with_time_line("# T\\nSub.\\n\\n*Time: about 40 minutes*\\n\\n## Goals", "*Time: 12 minutes*")
    '# T\\nSub.\\n\\n*Time: 12 minutes*\\n\\n## Goals'
    >>> with_time_line("# T\\n\\nSub.\\n\\n## Goals", "*Time: 3 minutes*")
    '# T\\n\\nSub.\\n\\n*Time: 3 minutes*\\n\\n## Goals'
    """
    lines = source.split("\n")
    for n, text in enumerate(lines):
        if n and text.lstrip().startswith("#"):
            break
        if _is_time_line(text):
            lines[n] = line
            return "\n".join(lines)
    # no time line: after the title and subtitle, before the first heading or list
    title = next((n for n, t in enumerate(lines) if t.strip().startswith("# ")), -1)
    at = title + 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at < len(lines) and not lines[at].lstrip().startswith("#") and not _LIST_ITEM.match(lines[at].strip()):
        at += 1
    return "\n".join(lines[:at] + ["", line] + ([""] if at < len(lines) and lines[at].strip() else []) + lines[at:])


def write_measured(folder: Path | str | None = None, file: Path | str | None = None) -> list[str]:
    """Rewrite the time line of every lesson whose first cell does not say its measured time.

    Only that line of the first cell changes; the rest of the notebook file is left byte for
    byte as it was. Returns the names of the files changed. Raises ValueError (listing the
    mistakes) when the activities file has problems: nothing is written then.
    """
    base = Path(folder) if folder is not None else NOTEBOOKS_DIR
    problems = lesson_activities(base, file)[2]
    if problems:
        raise ValueError("data/lesson_activities.toml needs fixing first:\n- " + "\n- ".join(problems))
    changed = []
    for m in measure(base, file):
        path = base / m.file
        raw = path.read_text(encoding="utf-8")
        nb = json.loads(raw)
        first = nb["cells"][0]
        old = _cell_source(first)
        new = with_time_line(old, m.time_line())
        if new == old:
            continue
        if isinstance(first.get("source"), list):
            old_json = ",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in first["source"])
            new_lines = new.splitlines(keepends=True)
            new_json = ",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in new_lines)
        else:
            old_json, new_json = json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)
            new_lines = new
        if raw.count(old_json) >= 1:
            text = raw.replace(old_json, new_json, 1)
        else:  # formatted some other way: write the whole notebook as nbformat does
            first["source"] = new_lines
            text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        check = json.loads(text)
        assert _cell_source(check["cells"][0]) == new and check["cells"][1:] == nb["cells"][1:]
        workspace.atomic_write_bytes(path, text.encode("utf-8"))
        changed.append(m.file)
    return changed


# ---------------------------------------------------------------------------------------
# The environment, as far as Python can see it
# ---------------------------------------------------------------------------------------
#: ipywidgets major version -> the jupyterlab_widgets major version that draws its widgets.
FRONT_END_FOR = {8: 3, 7: 1}


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _major(version: str | None) -> int | None:
    if not version:
        return None
    m = re.match(r"(\d+)", version)
    return int(m.group(1)) if m else None


def _pins(requirements: Path) -> dict[str, str]:
    """Exact pins (``name==version``) in a requirements file; {} when it cannot be read."""
    pins: dict[str, str] = {}
    try:
        text = requirements.read_text(encoding="utf-8")
    except OSError:
        return pins
    for line in text.splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
        if m:
            pins[m.group(1).lower().replace("-", "_")] = m.group(2)
    return pins


@dataclass
class EnvironmentReport:
    """What Python can tell about the set-up; ``advice`` says what to do about anything odd."""

    python: str
    executable: str
    ipywidgets: str | None
    jupyterlab_widgets: str | None
    project_kernel: bool        # the kernel runs in this project's own .venv
    pinned: dict[str, str]      # the versions requirements.txt asks for
    workspace: str
    workspace_exists: bool
    workspace_from_env: bool    # INTERVIEW_WORKSPACE chose the folder
    editor_guess: str = ""
    advice: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        def shown(version: str | None, name: str) -> str:
            if version is None:
                return "not installed in this kernel"
            want = self.pinned.get(name)
            return version if not want or want == version else f"{version} (the project pins {want})"

        rows = [
            ("Python", self.python),
            ("Python running this notebook", self.executable),
            ("Is it the project's own .venv?", "yes" if self.project_kernel else "no"),
            ("ipywidgets", shown(self.ipywidgets, "ipywidgets")),
            ("jupyterlab_widgets", shown(self.jupyterlab_widgets, "jupyterlab_widgets")),
            ("Your work is saved in", self.workspace + ("" if self.workspace_exists else " (created on your first save)")),
            ("Chosen by INTERVIEW_WORKSPACE?", "yes" if self.workspace_from_env else "no (the default)"),
        ]
        if self.editor_guess:
            rows.append(("Editor (a guess)", self.editor_guess))
        return rows

    def text(self) -> str:
        """The report as plain text (for any editor, or to paste into a message for help)."""
        width = max(len(k) for k, _ in self.rows())
        lines = [f"{k.ljust(width)}  {v}" for k, v in self.rows()]
        lines += ["", "What to do:" if self.advice else "Nothing looks wrong from the Python side."]
        lines += [f"- {a}" for a in self.advice]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        body = "".join(f"<tr><th scope='row' style='text-align:left'>{html.escape(k)}</th>"
                       f"<td style='text-align:left'>{html.escape(v)}</td></tr>" for k, v in self.rows())
        if self.advice:
            advice = "<p><strong>What to do:</strong></p><ul>" + "".join(
                f"<li>{html.escape(a)}</li>" for a in self.advice) + "</ul>"
        else:
            advice = "<p>Nothing looks wrong from the Python side.</p>"
        return f"<table class='iiw-env'><caption>Your set-up, as Python sees it</caption>{body}</table>{advice}"


def environment_report() -> EnvironmentReport:
    """Versions, the Python running the notebook, and where work is saved; nothing is written.

    >>> report = environment_report()
    >>> report.python.count(".") >= 2
    True
    """
    ipyw = _version("ipywidgets")
    jlw = _version("jupyterlab_widgets")
    pins = {k: v for k, v in _pins(workspace.REPO_ROOT / "requirements.txt").items()
            if k in ("ipywidgets", "jupyterlab_widgets")}
    venv = workspace.REPO_ROOT / ".venv"
    try:
        project_kernel = Path(sys.prefix).resolve() == venv.resolve()
    except OSError:
        project_kernel = False
    folder = workspace.folder(create=False)
    editor = ""
    if any(k.startswith("VSCODE_") for k in os.environ):
        editor = "VS Code"
    elif "PYCHARM_HOSTED" in os.environ:
        editor = "PyCharm"
    advice: list[str] = []
    if ipyw is None:
        advice.append("ipywidgets is not installed in the Python running this notebook, so no form can "
                      "show. Open the lessons with 'python workshop.py' (it installs everything), or pick "
                      "the project's .venv as the kernel.")
    want = FRONT_END_FOR.get(_major(ipyw) or -1)
    if ipyw and jlw is None:
        advice.append("jupyterlab_widgets is not installed beside this kernel. That is fine only if the "
                      "Jupyter you opened comes from another environment that has it; otherwise forms show "
                      "'Error displaying widget'. 'python workshop.py' sets up a matching pair.")
    elif ipyw and want is not None and _major(jlw) != want:
        advice.append(f"ipywidgets {ipyw} needs jupyterlab_widgets {want}.x to draw its widgets, but "
                      f"{jlw} is installed. Install the pair pinned in requirements.txt "
                      f"('python workshop.py setup' does it), then restart the kernel and reload the page.")
    for name, have in (("ipywidgets", ipyw), ("jupyterlab_widgets", jlw)):
        if have and pins.get(name) and pins[name] != have and _major(pins[name]) != _major(have):
            advice.append(f"{name} {have} differs from the tested version {pins[name]}; if forms misbehave, "
                          f"run the lessons from the project's .venv ('python workshop.py').")
    if not project_kernel and editor == "VS Code":
        advice.append("In VS Code, choose the kernel at the top right of the notebook: pick the Python in "
                      "this project's .venv folder (run 'python workshop.py setup' once to create it).")
    return EnvironmentReport(
        python=sys.version.split()[0], executable=sys.executable, ipywidgets=ipyw,
        jupyterlab_widgets=jlw, project_kernel=project_kernel, pinned=pins, workspace=str(folder),
        workspace_exists=folder.exists(), workspace_from_env=bool(os.environ.get(workspace.ENV_VAR, "").strip()),
        editor_guess=editor, advice=advice,
    )
