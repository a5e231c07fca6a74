"""The practice partner's personas: content files, one per scripted interviewee.

A persona is ``data/content/personas/<id>.toml``: who the interviewee is (field, role,
temperament, how many minutes they agreed to) and a branching script of *nodes*. At each node
the persona says something (``says``, or ``says_warm`` / ``says_cool`` for their mood) and the
learner picks one of its *options*. Each option leads to the next node (``next``, or
``next_warm`` / ``next_cool`` for their mood after it), may *earn* or *lose* a scored point of
the close (:data:`POINTS`), changes the persona's *warmth*, and takes some *minutes*.
Instructors add a persona by adding a file; the comments at the top of the shipped files
explain every field.

:func:`check_content` checks every file: the fields, every node a reply names exists (with a
"did you mean"), every node can be reached, nothing leads back to an earlier node (so every
path ends), no dead ends, every scored point can be earned on some path and all the points of
its case on one. Each message names the file and the node.

Each path is one of two cases. Either the interviewee hands over the contact details and leaves
the contact to the learner, or they would rather contact the person first (the node where they
say so is marked ``contacts_first = true``). Only on a path through such a node is the check-in
day a point to earn: the chapter asks for a check-in day only when the interviewee would rather
contact the person first (:func:`needs_checkin`).

The conversation itself (runs, the debrief, saving) is :mod:`helpers.conversation`.

>>> [p.temperament for p in personas()]
['warm', 'guarded', 'busy']
>>> check_content()
[]
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from helpers import content
from helpers.core import schema

FOLDER = "personas"                 #: sub-folder of the content folder holding one file per persona

#: The scored points of the close, in the order the debrief shows them.
POINTS: dict[str, str] = {
    "names": "Asked directly for names of people to talk to",
    "contact": "Got contact details, to reach those people yourself",
    "permission": "Asked permission to use the interviewee's name",
    "checkin": "Agreed a specific check-in day, 7-10 days out, because they would rather contact the person first",
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
_WARMTH = schema.Number(low=-WARMTH_LIMIT, high=WARMTH_LIMIT, required=False)
_MAY = schema.Text(required=False)
#: The shape of a persona file, declared once: the persona's fields, each ``[nodes.NAME]`` and each
#: ``[[nodes.NAME.options]]``. The nodes are named tables, so each is checked on its own (messages
#: name the node and option); ``earns``/``loses``, placeholders and the script's graph are checked
#: across fields (:func:`parse_persona`, :func:`check_persona`).
PERSONA = schema.Table({
    **{key: schema.Text() for key in ("name", "role", "field", "organisation")},
    "temperament": schema.Text(choices=TEMPERAMENTS),
    "minutes": schema.Number(low=5, high=90, help="20"),
    **{key: schema.Text() for key in ("summary", "brief", "promise", "start")},
    "warmth": _WARMTH, "title": _MAY})
NODE = schema.Table({"says": schema.Text(), "says_warm": _MAY, "says_cool": _MAY,
                     "end": schema.Bool(required=False), "stage": _MAY,
                     "contacts_first": schema.Bool(required=False)})
OPTION = schema.Table({"text": schema.Text(), "next": schema.Text(help='"NODE"'),
                       "next_warm": _MAY, "next_cool": _MAY, "warmth": _WARMTH,
                       "minutes": schema.Number(low=0, high=30, required=False), "note": _MAY, "flag": _MAY})
_PERSONA_KEYS = set(PERSONA.fields) | {"nodes"}
_NODE_KEYS = set(NODE.fields) | {"options"}
_OPTION_KEYS = set(OPTION.fields) | {"earns", "loses"}


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
    contacts_first: bool = False  # here the persona says they would rather contact the person first


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


def _number(table: Mapping[str, Any], key: str, default: int) -> int:
    """``table[key]`` when it is a whole number (the schema reports it otherwise), else ``default``."""
    value = table.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def parse_persona(data: Mapping[str, Any], file: str, pid: str) -> tuple[Persona | None, list[str]]:
    """Build a persona from a file's data: ``(persona, [])`` or ``(None or partial, problems)``.

    Checks the shape of every field; :func:`check_persona` then checks the script as a whole.
    """
    problems: list[str] = []
    if not _ID.match(pid):
        problems.append(f"{file}: the file name should be lower-case letters, digits and '-' "
                        f"(e.g. sam-nurse.toml); it becomes the persona's id.")
    problems += _unknown_keys(data, _PERSONA_KEYS, file) + schema.check_table(data, PERSONA, file)
    fields = {key: _text(data.get(key)) for key in ("name", "role", "field", "organisation", "temperament",
                                                   "summary", "brief", "promise", "start")}
    minutes, warmth = _number(data, "minutes", 0), _number(data, "warmth", 0)
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
        problems += _unknown_keys(raw, _NODE_KEYS, where) + schema.check_table(raw, NODE, where)
        says = _text(raw.get("says"))
        variants = {k: _text(raw.get(k)) for k in ("says_warm", "says_cool")}
        for key in ("says", "says_warm", "says_cool"):
            problems += _placeholder_problems(_text(raw.get(key)), where)
        end = raw.get("end") is True
        raw_options = raw.get("options", [])
        if not isinstance(raw_options, list) or not all(isinstance(o, dict) for o in raw_options):
            problems.append(f"{where}: options should be [[nodes.{nid}.options]] sections.")
            raw_options = []
        options: list[Option] = []
        for j, opt in enumerate(raw_options):
            owhere = _where(file, nid, j)
            problems += _unknown_keys(opt, _OPTION_KEYS, owhere) + schema.check_table(opt, OPTION, owhere)
            text = _text(opt.get("text"))
            nxt = _text(opt.get("next"))
            problems += _placeholder_problems(text, owhere)
            earns, errs = _points(opt.get("earns"), owhere, "earns")
            problems += errs
            loses, errs = _points(opt.get("loses"), owhere, "loses")
            problems += errs
            if "checkin" in earns and "{checkin_day}" not in text:
                problems.append(f"{owhere}: earns \"checkin\" but the reply names no day. A check-in counts "
                                f"only when it names a specific day: put {{checkin_day}} where the day goes.")
            w, m = _number(opt, "warmth", 0), _number(opt, "minutes", DEFAULT_MINUTES)
            options.append(Option(text, nxt, _text(opt.get("next_warm")), _text(opt.get("next_cool")),
                                  earns, loses, w, m, _text(opt.get("note")), _text(opt.get("flag"))))
        if end and options:
            problems.append(f"{where}: is marked end = true but has options. Remove end = true, or the options.")
        if not end and not options:
            problems.append(f"{where}: a dead end: it has no options and is not marked end = true. Add "
                            f"[[nodes.{nid}.options]] with text and next, or end = true if the conversation "
                            f"finishes here.")
        nodes[nid] = Node(nid, says, variants["says_warm"], variants["says_cool"], tuple(options), end,
                          _text(raw.get("stage")), raw.get("contacts_first") is True)
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


def needs_checkin(p: Persona, visited: Iterable[str]) -> bool:
    """Whether a path through the nodes ``visited`` is the case where the interviewee would rather
    contact the person first (a node marked ``contacts_first``): only then is a check-in day scored."""
    return any(p.nodes[n].contacts_first for n in visited if n in p.nodes)


def scored(first: bool) -> tuple[str, ...]:
    """The points scored on a path: all of :data:`POINTS` when the interviewee would rather contact
    the person first, every point but the check-in day when they hand over the contact details.

    >>> len(scored(True)), len(scored(False))
    (6, 5)
    """
    return tuple(k for k in POINTS if first or k != "checkin")


Outcome = tuple[frozenset[str], bool]   #: (points earned, whether the check-in day was scored)


def outcomes(p: Persona) -> dict[Outcome, tuple[int, int, list[int]]]:
    """Every ``(set of points, check-in scored?)`` some path can end with, and the best path to it:
    ``(warmth at the end, minutes, choices)`` of the warmest, then quickest, path.

    It explores the conversation's *states* (node, warmth, minutes, points so far, whether a
    ``contacts_first`` node was passed) instead of every path, so a script with thousands of
    paths is checked in milliseconds.
    """
    State = tuple[str, int, int, frozenset[str], frozenset[str], bool]
    first: State = (p.start, p.warmth, 0, frozenset(), frozenset(), p.nodes[p.start].contacts_first)
    seen: dict[State, list[int]] = {first: []}
    todo = [first]
    found: dict[Outcome, tuple[int, int, list[int]]] = {}
    while todo:
        state = todo.pop()
        nid, warmth, minutes, earned, lost, contacts_first = state
        chosen = seen[state]
        node = p.nodes[nid]
        if node.end or not node.options:
            got = (earned - lost) | ({"time"} if minutes <= p.minutes else set())
            key = (frozenset(got), contacts_first)
            old = found.get(key)
            if old is None or (-warmth, minutes, len(chosen)) < (-old[0], old[1], len(old[2])):
                found[key] = (warmth, minutes, chosen)
            continue
        for j, opt in enumerate(node.options):
            target, w = _next(opt, warmth)
            nxt: State = (target, w, minutes + opt.minutes, earned | set(opt.earns), lost | set(opt.loses),
                          contacts_first or p.nodes[target].contacts_first)
            if nxt not in seen:
                seen[nxt] = [*chosen, j]
                todo.append(nxt)
    return found


def _early_checkins(p: Persona) -> list[str]:
    """Replies that earn the check-in day on a path where the persona has not (yet) said they
    would rather contact the person first: there, the chapter asks for no check-in."""
    problems: list[str] = []
    seen: set[tuple[str, bool]] = set()
    todo = [(p.start, p.nodes[p.start].contacts_first)]
    while todo:
        nid, first = todo.pop()
        if (nid, first) in seen:
            continue
        seen.add((nid, first))
        for j, opt in enumerate(p.nodes[nid].options):
            if "checkin" in opt.earns and not first:
                problems.append(f"{_where(p.file, nid, j)}: earns \"checkin\", but on a path to here {p.name} has "
                                f"not said they would rather contact the person first, and only then is a "
                                f"check-in day needed. Mark the node where they say so with "
                                f"contacts_first = true, or remove \"checkin\" from earns.")
            for target in opt.targets():
                todo.append((target, first or p.nodes[target].contacts_first))
    return sorted(set(problems))


def check_persona(p: Persona) -> list[str]:
    """Problems with a persona's script as a whole (its fields already parsed).

    Every node a reply names exists, every node can be reached, nothing leads back to an
    earlier node (so every path ends), the check-in day is earned only after the persona says
    they would rather contact the person first, every scored point can be earned on some path,
    and one path earns every point of its case; each message names the file (and the node when
    there is one).
    """
    problems = _graph_problems(p)
    if problems:
        return problems
    problems = _early_checkins(p)
    if problems:
        return problems
    found = outcomes(p)
    earned_any = set().union(*(got for got, _ in found)) if found else set()
    marked = any(n.contacts_first for n in p.nodes.values())
    for point, label in POINTS.items():
        if point in earned_any or (point == "checkin" and not marked):
            continue
        how = (f"every path takes longer than minutes = {p.minutes}: give the replies fewer minutes, "
               f"or the persona more" if point == "time" else
               f"after the node marked contacts_first = true, add an option with earns = [\"checkin\"] "
               f"that names the day with {{checkin_day}}" if point == "checkin" else
               f"add an option with earns = [\"{point}\"] on a path that reaches the close")
        problems.append(f"{p.file}: no path earns the point '{point}' ({label}): {how}.")
    if not problems and not any(got >= set(scored(first)) for got, first in found):
        problems.append(f"{p.file}: no single path earns all the points of its case, so a learner can never "
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


_CHECKED: dict[tuple[str, int, int], tuple[Persona | None, list[str]]] = {}


def load_file(path: Path) -> tuple[Persona | None, list[str]]:
    """Read and check one persona file: ``(persona, [])`` when it is fine, else ``(None, problems)``.

    A file is checked once per version: the result is kept while its size and modification time
    stay the same, so an instructor's edit is read on the next call.
    """
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _CHECKED:
        found, problems = _CHECKED[key]
        return found, list(problems)
    result = _load_file(path)
    if key is not None:
        _CHECKED[key] = (result[0], list(result[1]))
    return result


def _load_file(path: Path) -> tuple[Persona | None, list[str]]:
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
    """A path that earns every point of its case in the fewest minutes (the model close); [] when
    there is none. When both cases have a full score, the warmer, then quicker, path wins."""
    full = [v for (got, first), v in outcomes(p).items() if got >= set(scored(first))]
    if not full:
        return []
    return list(min(full, key=lambda v: (-v[0], v[1], len(v[2])))[2])
