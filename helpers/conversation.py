"""The practice partner: a scripted interviewee to rehearse a whole informational interview with.

A *persona* is a content file, ``data/content/personas/<id>.toml``: who the interviewee is
(field, role, temperament, how many minutes they agreed to) and a branching script of
*nodes*. At each node the persona says something and the learner picks one of its options
(or types a reply, matched to the nearest option by :func:`match`). Each option leads to
the next node and may

- change the persona's *warmth* (a research-based question warms them up, a job ask cools
  them down; the next node then says its ``says_warm`` or ``says_cool`` line when it has one,
  and may branch with ``next_warm`` / ``next_cool``),
- *earn* or *lose* one of the scored points of the close (:data:`POINTS`),
- take some ``minutes`` of the conversation (2 by default).

When the script reaches an end node, :func:`debrief` scores the run against the close:
asked for names directly, got contact details, asked permission to use their name, agreed a
specific check-in 7-10 days out restating the promise, kept to the agreed time, thanked.
Each point comes with the moments (turns) that decided it, and :func:`replay` gives the whole
conversation back turn by turn.

Everything here is plain data in and out: a :class:`Run` is a small dataclass that
:meth:`Run.to_dict` turns into JSON-ready data. Widgets live in ``helpers/forms/conversation.py``.

:func:`check_content` checks every persona file: each path ends, no dead ends, every node
reachable, no loops, every scored point earnable (and all six on one path), and every node a
reference names exists; each message names the file and the node.

>>> run = start("amina-pharmacist")
>>> step(run).speaker
'Amina Haddad'
>>> len(step(run).options) >= 2
True
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from . import content
from .core import Problem, Result
from .core import dates as _dates
from .core import export as _export
from .core.store import Collection, Store, StoreError

FOLDER = "personas"                 #: sub-folder of the content folder holding one file per persona
FILE = "practice_runs.json"         #: workspace file: the latest finished run with each persona
LESSON = "05-the-conversation.ipynb"  #: the lesson that teaches it

#: The scored points of the close, in the order the debrief shows them.
POINTS: dict[str, str] = {
    "names": "Asked directly for names of people to talk to",
    "contact": "Got contact details, to reach those people yourself",
    "permission": "Asked permission to use the interviewee's name",
    "checkin": "Agreed a specific check-in day, 7-10 days out, that restates what they promised",
    "time": "Kept to the agreed time",
    "thanks": "Thanked them",
}
TEMPERAMENTS = ("warm", "busy", "guarded")
WARM_AT = 2          #: warmth at or above which the persona is warm (``says_warm``, ``next_warm``)
COOL_AT = -1         #: warmth at or below which the persona is cool (``says_cool``, ``next_cool``)
WARMTH_LIMIT = 3     #: an option changes warmth by at most this much either way
DEFAULT_MINUTES = 2  #: minutes an option takes when it does not say
PLACEHOLDERS = {"checkin_day", "minutes"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_PERSONA_KEYS = {"name", "role", "field", "organisation", "temperament", "minutes", "summary", "brief",
                 "promise", "start", "warmth", "nodes", "title"}
_NODE_KEYS = {"says", "says_warm", "says_cool", "options", "end", "stage"}
_OPTION_KEYS = {"text", "next", "next_warm", "next_cool", "earns", "loses", "warmth", "minutes", "note", "flag"}


# ---------------------------------------------------------------------------------------
# The content: personas and their scripts
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One thing the learner can say at a node."""

    text: str
    next: str
    next_warm: str = ""          # taken instead of ``next`` when warmth after this reply >= WARM_AT
    next_cool: str = ""          # taken instead of ``next`` when warmth after this reply <= COOL_AT
    earns: tuple[str, ...] = ()  # scored points this reply earns
    loses: tuple[str, ...] = ()  # scored points this reply loses (e.g. using their name unasked)
    warmth: int = 0              # how the persona's warmth changes (-3 .. 3)
    minutes: int = DEFAULT_MINUTES
    note: str = ""               # why this reply works or not (shown in the replay)
    flag: str = ""               # a short label for the debrief, e.g. "job ask", "research"

    def targets(self) -> list[str]:
        return [t for t in (self.next, self.next_warm, self.next_cool) if t]


@dataclass(frozen=True)
class Node:
    """One moment of the conversation: what the persona says and what the learner may answer."""

    id: str
    says: str
    says_warm: str = ""
    says_cool: str = ""
    options: tuple[Option, ...] = ()
    end: bool = False
    stage: str = ""              # e.g. "Opening", "The close" (shown in the replay)


@dataclass(frozen=True)
class Persona:
    """A scripted interviewee, read from one content file."""

    id: str
    name: str
    role: str
    field: str
    organisation: str
    temperament: str
    minutes: int                 # the time they agreed to, in minutes
    summary: str                 # one or two sentences about them (persona card, chooser)
    brief: str                   # how to play them in a paired role-play (persona card)
    promise: str                 # what they will promise to do if asked well (persona card)
    start: str
    nodes: dict[str, Node]
    file: str                    # where it came from, for messages
    warmth: int = 0              # warmth at the start

    @property
    def label(self) -> str:
        return f"{self.name}, {self.role} ({self.field}; {self.temperament})"


def folder() -> Path:
    """The folder of persona files in the content folder in use."""
    return content.folder() / FOLDER


def _where(file: str, node: str | None = None, option: int | None = None) -> str:
    where = file
    if node is not None:
        where += f", node '{node}'"
    if option is not None:
        where += f", option {option + 1}"
    return where


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _placeholder_problems(text: str, where: str) -> list[str]:
    problems = []
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            problems.append(f"{where}: {{{name}}} is not a placeholder this script can fill. Use "
                            f"{{checkin_day}} (the check-in day) or {{minutes}} (the agreed minutes), "
                            f"or remove the braces.")
    return problems


def _unknown_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> list[str]:
    extra = sorted(k for k in table if k not in allowed)
    out = []
    for key in extra:
        guess = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.5)
        out.append(f"{where}: '{key}' is not a field this script reads"
                   + (f"; did you mean '{guess[0]}'?" if guess else f". The fields are: {', '.join(sorted(allowed))}."))
    return out


def _points(value: Any, where: str, key: str) -> tuple[tuple[str, ...], list[str]]:
    if value in (None, ""):
        return (), []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return (), [f"{where}: {key} should be a list of point names in quotes, e.g. {key} = [\"names\"]."]
    bad = [v for v in value if v not in POINTS]
    if bad:
        return (), [f"{where}: {key} = {bad[0]!r} is not a scored point. Use one of: {', '.join(POINTS)}."]
    if key == "earns" and "time" in value:
        return (), [f"{where}: earns = [\"time\"]: keeping to time is scored from the minutes each reply "
                    f"takes, not earned by one reply. Remove it and set minutes on the replies instead."]
    return tuple(value), []


def _int(value: Any, default: int, where: str, key: str, low: int, high: int) -> tuple[int, list[str]]:
    if value is None:
        return default, []
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return default, [f"{where}: {key} = {value!r} should be a whole number from {low} to {high}."]
    return value, []


def parse_persona(data: Mapping[str, Any], file: str, pid: str) -> tuple[Persona | None, list[str]]:
    """Build a persona from a file's data: ``(persona, [])`` or ``(None or partial, problems)``.

    Checks the shape of every field; :func:`check_persona` then checks the script as a whole.
    """
    problems: list[str] = []
    if not _ID.match(pid):
        problems.append(f"{file}: the file name should be lower-case letters, digits and '-' "
                        f"(e.g. sam-nurse.toml); it becomes the persona's id.")
    problems += _unknown_keys(data, _PERSONA_KEYS, file)
    fields: dict[str, str] = {}
    for key in ("name", "role", "field", "organisation", "temperament", "summary", "brief", "promise", "start"):
        value = _text(data.get(key))
        if not value:
            problems.append(f"{file}: the field '{key}' is missing or empty. Add a line {key} = \"...\" "
                            f"near the top of the file.")
        fields[key] = value
    if fields["temperament"] and fields["temperament"] not in TEMPERAMENTS:
        problems.append(f"{file}: temperament = \"{fields['temperament']}\" is not one of: "
                        f"{', '.join(TEMPERAMENTS)}.")
    minutes, errs = _int(data.get("minutes"), 0, file, "minutes", 5, 90)
    if data.get("minutes") is None:
        errs = [f"{file}: the field 'minutes' (the time the interviewee agreed to) is missing. Add e.g. minutes = 20."]
    problems += errs
    warmth, errs = _int(data.get("warmth"), 0, file, "warmth", -WARMTH_LIMIT, WARMTH_LIMIT)
    problems += errs
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, dict) or not raw_nodes:
        problems.append(f"{file}: no nodes were found. Each moment of the conversation is a section "
                        f"[nodes.NAME] with says = \"...\", followed by its [[nodes.NAME.options]].")
        return None, problems
    nodes: dict[str, Node] = {}
    for nid, raw in raw_nodes.items():
        where = _where(file, nid)
        if not isinstance(raw, dict):
            problems.append(f"{where}: should be a section [nodes.{nid}] with says = \"...\".")
            continue
        problems += _unknown_keys(raw, _NODE_KEYS, where)
        says = _text(raw.get("says"))
        if not says:
            problems.append(f"{where}: the field 'says' (what the persona says here) is missing or empty.")
        variants = {k: _text(raw.get(k)) for k in ("says_warm", "says_cool")}
        for key in ("says", "says_warm", "says_cool"):
            problems += _placeholder_problems(_text(raw.get(key)), where)
        end = raw.get("end", False)
        if not isinstance(end, bool):
            problems.append(f"{where}: end should be true or false (no quotes).")
            end = False
        raw_options = raw.get("options", [])
        if not isinstance(raw_options, list) or not all(isinstance(o, dict) for o in raw_options):
            problems.append(f"{where}: options should be [[nodes.{nid}.options]] sections.")
            raw_options = []
        options: list[Option] = []
        for j, opt in enumerate(raw_options):
            owhere = _where(file, nid, j)
            problems += _unknown_keys(opt, _OPTION_KEYS, owhere)
            text = _text(opt.get("text"))
            nxt = _text(opt.get("next"))
            if not text:
                problems.append(f"{owhere}: the field 'text' (what the learner says) is missing or empty.")
            if not nxt:
                problems.append(f"{owhere}: the field 'next' (the node this reply leads to) is missing. "
                                f"Add next = \"NODE\" naming one of the [nodes.NODE] sections.")
            problems += _placeholder_problems(text, owhere)
            earns, errs = _points(opt.get("earns"), owhere, "earns")
            problems += errs
            loses, errs = _points(opt.get("loses"), owhere, "loses")
            problems += errs
            if "checkin" in earns and "{checkin_day}" not in text:
                problems.append(f"{owhere}: earns \"checkin\" but the reply names no day. A check-in counts "
                                f"only when it names a specific day: put {{checkin_day}} where the day goes.")
            w, errs = _int(opt.get("warmth"), 0, owhere, "warmth", -WARMTH_LIMIT, WARMTH_LIMIT)
            problems += errs
            m, errs = _int(opt.get("minutes"), DEFAULT_MINUTES, owhere, "minutes", 0, 30)
            problems += errs
            options.append(Option(text, nxt, _text(opt.get("next_warm")), _text(opt.get("next_cool")),
                                  earns, loses, w, m, _text(opt.get("note")), _text(opt.get("flag"))))
        if end and options:
            problems.append(f"{where}: is marked end = true but has options. Remove end = true, or the options.")
        if not end and not options:
            problems.append(f"{where}: a dead end: it has no options and is not marked end = true. Add "
                            f"[[nodes.{nid}.options]] with text and next, or end = true if the conversation "
                            f"finishes here.")
        nodes[nid] = Node(nid, says, variants["says_warm"], variants["says_cool"], tuple(options), end,
                          _text(raw.get("stage")))
    persona = Persona(pid, fields["name"], fields["role"], fields["field"], fields["organisation"],
                      fields["temperament"], minutes, fields["summary"], fields["brief"], fields["promise"],
                      fields["start"], nodes, file, warmth)
    return persona, problems


def _graph_problems(p: Persona) -> list[str]:
    """Unknown references, the start, reachability and loops."""
    problems: list[str] = []
    names = sorted(p.nodes)
    if p.start and p.start not in p.nodes:
        guess = difflib.get_close_matches(p.start, names, n=1, cutoff=0.5)
        problems.append(f"{p.file}: start = \"{p.start}\" is not a node in this file"
                        + (f"; did you mean \"{guess[0]}\"?" if guess else f". The nodes are: {', '.join(names)}."))
    for node in p.nodes.values():
        for j, opt in enumerate(node.options):
            for key, target in (("next", opt.next), ("next_warm", opt.next_warm), ("next_cool", opt.next_cool)):
                if target and target not in p.nodes:
                    guess = difflib.get_close_matches(target, names, n=1, cutoff=0.5)
                    problems.append(f"{_where(p.file, node.id, j)}: {key} = \"{target}\" is not a node in this "
                                    f"file" + (f"; did you mean \"{guess[0]}\"?" if guess else
                                               f". The nodes are: {', '.join(names)}."))
    if problems or p.start not in p.nodes:
        return problems
    # Loops: a conversation only moves forward (depth-first search with colours).
    colour: dict[str, int] = {}
    order: list[str] = []

    def visit(nid: str) -> None:
        colour[nid] = 1
        for j, opt in enumerate(p.nodes[nid].options):
            for target in opt.targets():
                if colour.get(target) == 1:
                    problems.append(f"{_where(p.file, nid, j)}: leads back to node '{target}', which comes "
                                    f"earlier in the conversation. A conversation only moves forward: point "
                                    f"it at a later node.")
                elif target not in colour:
                    visit(target)
        colour[nid] = 2
        order.append(nid)

    visit(p.start)
    for nid in names:
        if nid not in colour:
            problems.append(f"{_where(p.file, nid)}: cannot be reached from start = \"{p.start}\": no reply "
                            f"leads to it. Point an option's next at it, or remove it.")
    return problems


def _next(opt: Option, warmth: int) -> tuple[str, int]:
    """Where a reply leads and the warmth after it (the one rule :func:`choose` follows)."""
    w = warmth + opt.warmth
    if opt.next_warm and w >= WARM_AT:
        return opt.next_warm, w
    if opt.next_cool and w <= COOL_AT:
        return opt.next_cool, w
    return opt.next, w


def outcomes(p: Persona) -> dict[frozenset[str], tuple[int, int, list[int]]]:
    """Every set of points some path can end with, and the best path to it: ``(warmth at the
    end, minutes, choices)`` of the warmest, then quickest, path.

    It explores the conversation's *states* (node, warmth, minutes, points so far) instead of
    every path, so a script with thousands of paths is checked in milliseconds.
    """
    State = tuple[str, int, int, frozenset[str], frozenset[str]]
    first: State = (p.start, p.warmth, 0, frozenset(), frozenset())
    seen: dict[State, list[int]] = {first: []}
    todo = [first]
    found: dict[frozenset[str], tuple[int, int, list[int]]] = {}
    while todo:
        state = todo.pop()
        nid, warmth, minutes, earned, lost = state
        chosen = seen[state]
        node = p.nodes[nid]
        if node.end or not node.options:
            got = (earned - lost) | ({"time"} if minutes <= p.minutes else set())
            key = frozenset(got)
            old = found.get(key)
            if old is None or (-warmth, minutes, len(chosen)) < (-old[0], old[1], len(old[2])):
                found[key] = (warmth, minutes, chosen)
            continue
        for j, opt in enumerate(node.options):
            target, w = _next(opt, warmth)
            nxt: State = (target, w, minutes + opt.minutes, earned | set(opt.earns), lost | set(opt.loses))
            if nxt not in seen:
                seen[nxt] = [*chosen, j]
                todo.append(nxt)
    return found


def check_persona(p: Persona) -> list[str]:
    """Problems with a persona's script as a whole (its fields already parsed).

    Every node a reply names exists, every node can be reached, nothing leads back to an
    earlier node (so every path ends), every scored point can be earned on some path, and one
    path earns all six; each message names the file (and the node when there is one).
    """
    problems = _graph_problems(p)
    if problems:
        return problems
    found = outcomes(p)
    earned_any = set().union(*found) if found else set()
    for point, label in POINTS.items():
        if point not in earned_any:
            how = (f"every path takes longer than minutes = {p.minutes}: give the replies fewer minutes, "
                   f"or the persona more" if point == "time" else
                   f"add an option with earns = [\"{point}\"] on a path that reaches the close")
            problems.append(f"{p.file}: no path earns the point '{point}' ({label}): {how}.")
    if not problems and frozenset(POINTS) not in found:
        problems.append(f"{p.file}: no single path earns all {len(POINTS)} points, so a learner can never "
                        f"get a full score. Make sure the best replies lead on to one another.")
    return problems


def _read_file(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    shown = f"{FOLDER}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, f"{shown}: is not UTF-8 text. Save it from your editor as UTF-8."
    except OSError as exc:
        return None, f"{shown}: could not be read ({exc.strerror or exc})."
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"line {m.group(1)}" if m else "somewhere in the file"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        return None, (f"{shown}, {where}: {reason}. Check quotes (text goes in \"double quotes\"), the '=' "
                      f"between name and value, and the [section] brackets.")


def load_file(path: Path) -> tuple[Persona | None, list[str]]:
    """Read and check one persona file: ``(persona, [])`` when it is fine, else ``(None, problems)``."""
    data, error = _read_file(path)
    if error:
        return None, [error]
    assert data is not None
    shown = f"{FOLDER}/{path.name}"
    persona, problems = parse_persona(data, shown, path.stem)
    if persona is not None and not problems:
        problems = check_persona(persona)
    return (persona if not problems else None), problems


def _files(base: Path | None = None) -> list[Path]:
    base = folder() if base is None else base
    return sorted(p for p in base.glob("*.toml") if p.is_file()) if base.is_dir() else []


def load_all(base: Path | None = None) -> tuple[list[Persona], list[str]]:
    """Every persona that is fine, and every problem of the ones that are not."""
    found: list[Persona] = []
    problems: list[str] = []
    files = _files(base)
    if not files:
        where = base if base is not None else folder()
        return [], [f"{FOLDER}/: no persona files were found in {where}. Restore data/content/personas/ "
                    f"from the workshop, or add a file such as sam-nurse.toml (copy one of the shipped ones)."]
    for path in files:
        persona, errs = load_file(path)
        problems += errs
        if persona is not None:
            found.append(persona)
    return found, problems


def check_content() -> list[str]:
    """Every mistake in the persona files, each naming the file (and the node); [] when all are fine.

    >>> check_content()
    []
    """
    return load_all()[1]


def personas() -> list[Persona]:
    """The personas whose files are fine, in file-name order (a broken file does not hide the others)."""
    return load_all()[0]


def persona(pid: str) -> Persona:
    """One persona by id (its file name without ``.toml``). Raises :class:`content.ContentError`."""
    if not isinstance(pid, str) or not _ID.match(pid):
        raise content.ContentError(f"{pid!r} is not a persona id: use a file name from {FOLDER}/ without .toml.")
    path = folder() / f"{pid}.toml"
    if not path.exists():
        have = ", ".join(p.stem for p in _files()) or "none"
        raise content.ContentError(f"There is no persona '{pid}' ({FOLDER}/{pid}.toml). The personas are: {have}.")
    found, problems = load_file(path)
    if found is None:
        raise content.ContentError("\n".join(problems))
    return found


# ---------------------------------------------------------------------------------------
# A run through a script
# ---------------------------------------------------------------------------------------
@dataclass
class Turn:
    """One exchange: what the persona said and what the learner answered."""

    node: str
    said: str                 # what the persona said (the variant for their mood, filled in)
    mood: str                 # "warm", "neutral" or "cool"
    choice: int               # the option chosen (0-based)
    reply: str                # the learner's reply as the option says it (filled in)
    typed: str = ""           # what the learner typed, when they typed and matched
    minute: int = 0           # minutes into the conversation after this exchange


@dataclass
class Run:
    """A conversation in progress or finished; plain data (see :meth:`to_dict`)."""

    persona: str
    node: str
    day: str                  # the practice interview's date, ISO (fixes the check-in day)
    warmth: int = 0
    minutes: int = 0
    turns: list[Turn] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Run":
        turns = [Turn(**t) for t in data.get("turns", [])]
        return cls(str(data["persona"]), str(data["node"]), str(data["day"]), int(data.get("warmth", 0)),
                   int(data.get("minutes", 0)), turns)


@dataclass(frozen=True)
class Step:
    """What the learner sees now: who speaks, what they say, and the replies on offer."""

    speaker: str
    says: str
    mood: str
    options: tuple[str, ...]
    stage: str
    minute: int
    agreed: int
    done: bool


def _mood(warmth: int) -> str:
    return "warm" if warmth >= WARM_AT else "cool" if warmth <= COOL_AT else "neutral"


def checkin_day(day: dt.date) -> str:
    """The first weekday 7-10 days after ``day``, as people say it.

    >>> checkin_day(dt.date(2026, 12, 4))
    'Friday 11 December'
    """
    first, last = _dates.checkin_window(day)
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    return _dates.day_label(first)


def _fill(text: str, p: Persona, day: str) -> str:
    values = {"checkin_day": checkin_day(dt.date.fromisoformat(day)), "minutes": str(p.minutes)}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _said(node: Node, warmth: int) -> tuple[str, str]:
    mood = _mood(warmth)
    if mood == "warm" and node.says_warm:
        return node.says_warm, mood
    if mood == "cool" and node.says_cool:
        return node.says_cool, mood
    return node.says, mood


def _persona_of(run: Run, p: Persona | None) -> Persona:
    return p if p is not None and p.id == run.persona else persona(run.persona)


def start(persona_id: str, day: dt.date | str | None = None, p: Persona | None = None) -> Run:
    """A new conversation with a persona; ``day`` (default today) fixes the check-in day."""
    p = p if p is not None and p.id == persona_id else persona(persona_id)
    when = day if isinstance(day, str) else (day or dt.date.today()).isoformat()
    dt.date.fromisoformat(when)  # a bad date is a bug in the caller
    return Run(p.id, p.start, when, p.warmth, 0, [])


def is_done(run: Run, p: Persona | None = None) -> bool:
    return _persona_of(run, p).nodes[run.node].end


def step(run: Run, p: Persona | None = None) -> Step:
    """What the persona says now and the replies the learner can choose from."""
    p = _persona_of(run, p)
    node = p.nodes[run.node]
    said, mood = _said(node, run.warmth)
    return Step(p.name, _fill(said, p, run.day), mood, tuple(_fill(o.text, p, run.day) for o in node.options),
                node.stage, run.minutes, p.minutes, node.end)


def choose(run: Run, index: int, typed: str = "", p: Persona | None = None) -> Run:
    """The run after the learner gives reply ``index`` (0-based) at the current node.

    Returns a new :class:`Run`; the one passed in is not changed. An index that is not one of
    the options (or a finished run) is a bug in the caller and raises ``ValueError``.
    """
    p = _persona_of(run, p)
    node = p.nodes[run.node]
    if node.end:
        raise ValueError("the conversation has ended; start a new run to practise again")
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(node.options):
        raise ValueError(f"choose one of the {len(node.options)} replies (0 to {len(node.options) - 1}), not {index!r}")
    opt = node.options[index]
    said, mood = _said(node, run.warmth)
    target, warmth = _next(opt, run.warmth)
    minutes = run.minutes + opt.minutes
    turn = Turn(node.id, _fill(said, p, run.day), mood, index, _fill(opt.text, p, run.day),
                " ".join(str(typed).split())[:500], minutes)
    return Run(run.persona, target, run.day, warmth, minutes, [*run.turns, turn])


def walk(p: Persona, choices: Iterable[int], day: str = "2026-12-01") -> Run:
    """Run a persona's script with a fixed list of choices (for tests and checks).

    >>> p = persona("amina-pharmacist")
    >>> run = walk(p, best_path(p))
    >>> is_done(run, p), debrief(run, p).score == len(POINTS)
    (True, True)
    """
    run = start(p.id, day, p)
    for index in choices:
        run = choose(run, index, p=p)
    return run


def paths(p: Persona, limit: int | None = None) -> Iterable[list[int]]:
    """Every complete list of choices from the start to an end, following warmth as a learner
    would (stops after ``limit`` paths when one is given)."""
    count = 0
    stack: list[tuple[str, int, list[int]]] = [(p.start, p.warmth, [])]
    while stack:
        nid, warmth, chosen = stack.pop()
        node = p.nodes[nid]
        if node.end or not node.options:
            count += 1
            yield chosen
            if limit is not None and count >= limit:
                return
            continue
        for j in range(len(node.options) - 1, -1, -1):
            target, w = _next(node.options[j], warmth)
            stack.append((target, w, [*chosen, j]))


def best_path(p: Persona) -> list[int]:
    """A path that earns every point in the fewest minutes (the model close); [] when there is none."""
    best = outcomes(p).get(frozenset(POINTS))
    return list(best[2]) if best else []


# ---------------------------------------------------------------------------------------
# Typing a reply: the nearest option
# ---------------------------------------------------------------------------------------
_STOP = set("""a an the i me my we our you your it its is are was were be been am do does did to of in on
at for with and or but so that this these those if then than as by from about could would can will shall
should may might must just really very please um uh oh well yes no hi hello ok okay""".split())


def _fold(text: str) -> str:
    try:
        from .core import text as core_text

        return core_text.fold(text)
    except Exception:  # the core is not there yet
        import unicodedata

        return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _bag(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9']+", _fold(text)) if w not in _STOP and len(w) > 1}


@dataclass(frozen=True)
class Match:
    """The option nearest to what a learner typed."""

    index: int                # -1 when nothing is near enough
    option: str
    score: float              # 0..1: how many meaningful words they share
    shared: tuple[str, ...]   # the shared words, to show why
    sure: bool                # near enough to use without asking again


MATCH_AT = 0.2


def match(run: Run, typed: str, p: Persona | None = None) -> Match:
    """The reply on offer that shares the most meaningful words with ``typed``.

    It compares words (ignoring case, accents, endings such as -s and -ing, and small words
    like "the"), not meaning: the learner always sees the option and confirms it.

    >>> run = start("amina-pharmacist")
    >>> m = match(run, "Thanks for your time; I'm a chemistry graduate exploring community pharmacy")
    >>> m.sure, m.index >= 0
    (True, True)
    >>> match(run, "").index
    -1
    """
    options = step(run, p).options
    words = _bag(str(typed or ""))
    best = Match(-1, "", 0.0, (), False)
    if not words:
        return best
    for i, text in enumerate(options):
        other = _bag(text)
        if not other:
            continue
        shared = words & other
        score = len(shared) / math.sqrt(len(words) * len(other))
        if score > best.score:
            best = Match(i, text, round(score, 3), tuple(sorted(shared)), score >= MATCH_AT)
    return best


# ---------------------------------------------------------------------------------------
# The debrief
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Moment:
    """A turn that decided a point, and how."""

    turn: int                 # 1-based turn number
    how: str                  # "earned", "lost", "missed" or "time"
    said: str                 # what the persona said then
    reply: str                # what the learner said
    better: str = ""          # for a missed chance: the reply that would have earned it


@dataclass(frozen=True)
class Point:
    id: str
    label: str
    earned: bool
    why: str
    moments: tuple[Moment, ...]


@dataclass(frozen=True)
class Debrief:
    persona: str
    points: tuple[Point, ...]
    minutes: int
    agreed: int
    flags: tuple[tuple[int, str, str], ...]   # (turn, flag, note) worth talking about
    finished: bool

    @property
    def score(self) -> int:
        return sum(1 for pt in self.points if pt.earned)

    def summary(self) -> str:
        head = f"{self.score} of {len(self.points)} points for the close"
        if not self.finished:
            head += " so far (the conversation has not ended yet)"
        return head + f"; {self.minutes} of the {self.agreed} minutes agreed."

    def text(self) -> str:
        """The debrief as plain text."""
        lines = [self.summary(), ""]
        for pt in self.points:
            lines.append(f"[{'x' if pt.earned else ' '}] {pt.label}: {pt.why}")
            for m in pt.moments:
                lines.append(f"    turn {m.turn} ({m.how}): you said \u201c{m.reply}\u201d"
                             + (f"; better: \u201c{m.better}\u201d" if m.better else ""))
        if self.flags:
            lines += ["", "Worth a second look:"]
            lines += [f"- turn {t} ({flag}): {note}" for t, flag, note in self.flags]
        return "\n".join(lines)


def debrief(run: Run, p: Persona | None = None) -> Debrief:
    """Score a run against the close, with the moments that decided each point.

    A point is earned when a reply earned it and no reply lost it; keeping to time is scored
    from the minutes the replies took against the minutes the persona agreed to.
    """
    p = _persona_of(run, p)
    points: list[Point] = []
    for pid, label in POINTS.items():
        if pid == "time":
            points.append(_time_point(run, p, label))
            continue
        earned_at, lost_at, missed = [], [], []
        for n, turn in enumerate(run.turns, start=1):
            node = p.nodes[turn.node]
            opt = node.options[turn.choice]
            if pid in opt.loses:
                lost_at.append(Moment(n, "lost", turn.said, turn.reply))
            elif pid in opt.earns:
                earned_at.append(Moment(n, "earned", turn.said, turn.reply))
            else:
                better = next((o for o in node.options if pid in o.earns), None)
                if better is not None:
                    missed.append(Moment(n, "missed", turn.said, turn.reply, _fill(better.text, p, run.day)))
        earned = bool(earned_at) and not lost_at
        if lost_at:
            why = (f"lost at turn {lost_at[0].turn}: "
                   + (p.nodes[run.turns[lost_at[0].turn - 1].node].options[run.turns[lost_at[0].turn - 1].choice].note
                      or "that reply undid it."))
            moments = tuple(lost_at + earned_at)
        elif earned:
            why = f"yes, at turn {earned_at[0].turn}."
            moments = tuple(earned_at)
        elif missed:
            why = (f"not this time: at turn {missed[0].turn} a reply on offer would have done it"
                   + (f" (and {len(missed) - 1} more chance(s) later)." if len(missed) > 1 else "."))
            moments = tuple(missed)
        else:
            cool = [Moment(n, "missed", t.said, t.reply) for n, t in enumerate(run.turns, start=1)
                    if p.nodes[t.node].options[t.choice].warmth < 0]
            moments = tuple(cool[:2])
            if cool:
                why = (f"the chance never came: {p.name} cooled after the replies below, and the conversation "
                       f"never reached the moment for it.")
            else:
                why = (f"the conversation ended (at turn {len(run.turns)}) before the moment for it."
                       if run.turns else "the conversation has not reached the moment for it yet.")
        points.append(Point(pid, label, earned, why, moments))
    flags = tuple((n, p.nodes[t.node].options[t.choice].flag, p.nodes[t.node].options[t.choice].note)
                  for n, t in enumerate(run.turns, start=1)
                  if p.nodes[t.node].options[t.choice].flag and p.nodes[t.node].options[t.choice].warmth < 0)
    return Debrief(p.id, tuple(points), run.minutes, p.minutes, flags, p.nodes[run.node].end)


def _time_point(run: Run, p: Persona, label: str) -> Point:
    over = next((n for n, t in enumerate(run.turns, start=1) if t.minute > p.minutes), None)
    if over is None:
        why = f"you finished at minute {run.minutes} of the {p.minutes} agreed."
        longest = sorted(enumerate(run.turns, start=1), key=lambda nt: -p.nodes[nt[1].node].options[nt[1].choice].minutes)
        chosen = [Moment(n, "time", t.said, t.reply) for n, t in enumerate(run.turns, start=1)
                  if p.nodes[t.node].options[t.choice].flag == "time"] or \
                 [Moment(n, "time", t.said, t.reply) for n, t in longest[:1]]
        return Point("time", label, True, why, tuple(chosen))
    t = run.turns[over - 1]
    opt = p.nodes[t.node].options[t.choice]
    why = (f"at turn {over} the conversation passed the {p.minutes} minutes agreed "
           f"(minute {t.minute}; it ended at minute {run.minutes}). " + (opt.note or ""))
    return Point("time", label, False, why.strip(), (Moment(over, "lost", t.said, t.reply),))


@dataclass(frozen=True)
class ReplayStep:
    turn: int
    stage: str
    speaker: str
    said: str
    mood: str
    reply: str
    typed: str
    note: str
    earned: tuple[str, ...]
    lost: tuple[str, ...]
    minute: int


def replay(run: Run, p: Persona | None = None) -> list[ReplayStep]:
    """The conversation turn by turn, with the note on each reply and the points it moved."""
    p = _persona_of(run, p)
    out = []
    for n, t in enumerate(run.turns, start=1):
        node = p.nodes[t.node]
        opt = node.options[t.choice]
        out.append(ReplayStep(n, node.stage, p.name, t.said, t.mood, t.reply, t.typed, opt.note,
                              tuple(POINTS[x] for x in opt.earns if x not in opt.loses),
                              tuple(POINTS[x] for x in opt.loses), t.minute))
    return out


def final_words(run: Run, p: Persona | None = None) -> str:
    """What the persona says at the end node (or now, if the run is not finished)."""
    return step(run, p).says


# ---------------------------------------------------------------------------------------
# Saving finished runs
# ---------------------------------------------------------------------------------------
STORE = Store(FILE, {"runs": Collection(key="persona", fields={"persona": str, "run": dict, "score": int,
                                                                 "of": int})},
              label="your practice conversations")
STORES = (STORE,)


def save_run(run: Run) -> Result:
    """Keep a finished run as the latest with its persona (replacing the one before).

    Returns the core's :class:`Result`: saved, changed (False when this very run was saved
    already), the message, and the record as read back from disk. An unfinished run is
    refused (code ``not_finished``).
    """
    try:
        p = persona(run.persona)
    except content.ContentError as exc:
        return Result.refused([Problem("persona", run.persona, "cannot be read", str(exc), "content")])
    if run.node not in p.nodes or not p.nodes[run.node].end:
        return Result.refused([Problem("run", "", "the conversation has not ended yet",
                                       "Choose replies until the persona says goodbye; the debrief comes then",
                                       "not_finished")])
    d = debrief(run, p)
    record = {"persona": p.id, "run": run.to_dict(), "score": d.score, "of": len(d.points)}
    result = STORE.put("runs", record, noun="practice run")
    if result.ok and result.changed:
        result.message = (f"Saved your practice with {p.name}: {d.score} of {len(d.points)} points for the "
                          f"close. It replaces any earlier run with {p.name}.")
    elif result.ok:
        result.message = f"This run with {p.name} is saved already ({d.score} of {len(d.points)})."
    return result


def saved_runs() -> dict[str, Run]:
    """The latest saved run with each persona ({} when none, or when the file cannot be read)."""
    try:
        records = STORE.records("runs")
    except StoreError:
        return {}
    out = {}
    for record in records:
        try:
            out[record["persona"]] = Run.from_dict(record["run"])
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _saved_debriefs() -> list[tuple[Persona, Run, Debrief]]:
    out = []
    for pid, run in saved_runs().items():
        try:
            p = persona(pid)
            out.append((p, run, debrief(run, p)))
        except (content.ContentError, KeyError, IndexError, ValueError):
            continue  # a persona file changed since: its old run cannot be replayed
    return out


def export() -> "_export.Section | None":
    """The saved practice runs for the workbook: one table of the close per persona (None: none saved)."""
    found = _saved_debriefs()
    if not found:
        return None
    blocks: list[Any] = [_export.Paragraph("The latest practice conversation with each persona, scored "
                                           "against the close.")]
    for p, run, d in found:
        blocks.append(_export.Heading(f"{p.name}, {p.role} ({p.field}), practised on {run.day}"))
        blocks.append(_export.Paragraph(d.summary()))
        blocks.append(_export.Table(["Point", "Done?", "What decided it"],
                                    [[pt.label, "yes" if pt.earned else "not yet", pt.why] for pt in d.points]))
    return _export.Section("Practising the conversation", blocks, lesson=LESSON)


def export_text() -> str:
    """The saved practice runs as plain text ("" when there are none)."""
    section = export()
    return _export.as_text([section]) if section else ""


def dumps(run: Run) -> str:
    """A run as JSON text (for tests and for pasting into a bug report)."""
    return json.dumps(run.to_dict(), ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------------------
# Practising without widgets: a whole conversation from a line of reply numbers
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Played:
    """A conversation played from typed reply numbers, as plain text (for editors without widgets)."""

    text: str
    run: Run | None
    problem: str = ""

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def play(persona_id: str, replies: str = "") -> Played:
    """Play a conversation from reply numbers typed in one string, e.g. ``"1 1 2"``.

    It shows every turn so far, then either the replies on offer now (add the number of the
    one you choose to the string and run it again) or, at the end, the debrief. A number that
    is not on offer is explained, never an error.

    >>> print(play("tomasz-site-manager", "1").text.splitlines()[0])
    Practising with Tomasz Nowak, Site manager (Construction; busy). 15 minutes agreed.
    >>> "there is no reply 9" in play("tomasz-site-manager", "9").text
    True
    """
    try:
        p = persona(str(persona_id).strip())
    except content.ContentError as exc:
        have = ", ".join(f'"{q.id}"' for q in personas())
        return Played(f"{exc} Write one of these between the quotes: {have}.", None, "persona")
    words = str(replies or "").replace(",", " ").split()
    lines = [f"Practising with {p.label}. {p.minutes} minutes agreed.", ""]
    run = start(p.id, p=p)
    for n, word in enumerate(words, start=1):
        now = step(run, p)
        if now.done:
            lines.append(f"(The conversation had already ended; the numbers after reply {n - 1} are not used.)")
            break
        if not word.isdigit() or not 1 <= int(word) <= len(now.options):
            lines += [f"{p.name}: {now.says}", "",
                      f"Reply {n}: there is no reply {word} here. Choose a number from 1 to {len(now.options)}:"]
            lines += [f"  {i}. {text}" for i, text in enumerate(now.options, start=1)]
            return Played("\n".join(lines), run, "number")
        lines += [f"{p.name}: {now.says}", f"You: {now.options[int(word) - 1]}", ""]
        run = choose(run, int(word) - 1, p=p)
    now = step(run, p)
    lines.append(f"{p.name}: {now.says}")
    if now.done:
        lines += ["", debrief(run, p).text()]
    else:
        lines += ["", "Your replies now (add the number of the one you choose to the string, then run it again):"]
        lines += [f"  {i}. {text}" for i, text in enumerate(now.options, start=1)]
    return Played("\n".join(lines), run)
