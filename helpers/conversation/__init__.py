"""The practice partner: a scripted interviewee to rehearse a whole informational interview with.

A *persona* (:mod:`helpers.conversation.personas`) is a content file with a branching script of *nodes*.
At each node the persona says something and the learner picks one of its options (or types a
reply, matched to the nearest option by :func:`match`). Each option leads to the next node
and may

- change the persona's *warmth* (a research-based question warms them up, a job ask cools
  them down; the next node then says its ``says_warm`` or ``says_cool`` line when it has one,
  and may branch with ``next_warm`` / ``next_cool``),
- *earn* or *lose* one of the scored points of the close (:data:`POINTS`),
- take some ``minutes`` of the conversation (2 by default).

When the script reaches an end node, :func:`debrief` scores the run against the close:
asked for names directly, got contact details, asked permission to use their name, kept to the
agreed time, thanked, and, only where the interviewee would rather contact the person first
(the path passed a node marked ``contacts_first``), agreed a specific check-in day 7-10 days
out. So a run is scored out of six in that case and out of five when the interviewee hands over
the contact details, and the debrief says which case it was and why (:attr:`Debrief.checkin`).
Each point comes with the moments (turns) that decided it, and :func:`replay` gives the whole
conversation back turn by turn.

Everything here is plain data in and out: a :class:`Run` is a small dataclass that
:meth:`Run.to_dict` turns into JSON-ready data. Widgets live in ``helpers/conversation/view.py``.

:func:`check_content` (from :mod:`helpers.conversation.personas`) checks every persona file; each message
names the file and the node.

>>> run = start("amina-pharmacist")
>>> step(run).speaker
'Amina Yusuf'
>>> len(step(run).options) >= 2
True
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping

from helpers import content
from helpers.core import Problem, Result
from helpers.core import dates as _dates
from helpers.core import followup as _followup
from helpers.core import export as _export
from helpers.core.store import Collection, Store, StoreError
from helpers.conversation.personas import (COOL_AT, FOLDER, POINTS, TEMPERAMENTS, WARM_AT, Node, Option, Persona, _next, best_path, check_content, folder, needs_checkin, outcomes, paths, persona, personas, scored)

FILE = "practice_runs.json"         #: workspace file: the latest finished run with each persona
LESSON = "05-the-conversation.ipynb"  #: the lesson that teaches it
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


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


def checkin_day(day: dt.date, country: str | None = None) -> str:
    """The first working day 7-10 days after ``day``, as people say it: weekends and the public
    holidays of ``country`` skipped (None: the learner's country, else the class's), as the
    check-in calculator of lesson 04 proposes.

    >>> checkin_day(dt.date(2026, 12, 4), country="none")
    'Friday 11 December'
    >>> checkin_day(dt.date(2026, 12, 18), country="GB")     # 25-28 December are days off in England
    'Tuesday 29 December'
    """
    return _dates.day_label(_followup.checkin_dates(day, country=country)[0])


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


def today() -> dt.date:
    """The practice day when none is given: the one place the practice partner reads the clock
    (the form and :func:`play` call it; tests pass a day instead)."""
    return dt.date.today()


def start(persona_id: str, day: dt.date | str | None = None, p: Persona | None = None) -> Run:
    """A new conversation with a persona; ``day`` (default :func:`today`) fixes the check-in day."""
    p = p if p is not None and p.id == persona_id else persona(persona_id)
    when = day if isinstance(day, str) else (day or today()).isoformat()
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
    >>> d = debrief(run, p)
    >>> is_done(run, p), d.score == len(d.points), d.checkin_needed
    (True, True, False)
    """
    run = start(p.id, day, p)
    for index in choices:
        run = choose(run, index, p=p)
    return run


# ---------------------------------------------------------------------------------------
# Typing a reply: the nearest option
# ---------------------------------------------------------------------------------------
_STOP = set("""a an the i me my we our you your it its is are was were be been am do does did to of in on
at for with and or but so that this these those if then than as by from about could would can will shall
should may might must just really very please um uh oh well yes no hi hello ok okay""".split())


def _fold(text: str) -> str:
    try:
        from helpers.core import text as core_text

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
    checkin: str = ""         # why a check-in day was, or was not, part of the score this time
    checkin_needed: bool = False

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
        if self.checkin:
            lines += [f"Check-in day: {self.checkin}", ""]
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
    visited = [t.node for t in run.turns] + [run.node]
    needed = needs_checkin(p, visited)
    points: list[Point] = []
    for pid in scored(needed):
        label = POINTS[pid]
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
    return Debrief(p.id, tuple(points), run.minutes, p.minutes, flags, p.nodes[run.node].end,
                   _checkin_why(run, p, needed, points), needed)


def _checkin_why(run: Run, p: Persona, needed: bool, points: list[Point]) -> str:
    """Why the check-in day was, or was not, a point this time (the chapter's rule)."""
    if needed:
        return (f"scored this time, because {p.name} would rather contact the person first. When someone "
                f"offers to do that, agree a specific day, 7-10 days out, to check in, and follow up then.")
    got_details = any(pt.id == "contact" and pt.earned for pt in points)
    if got_details:
        return (f"not needed this time: {p.name} shared how to reach the person and left the contact to you, "
                f"so you get in touch yourself and there is nothing to check back on. Only if they offer to "
                f"contact someone first do you agree a day to check in.")
    return (f"not scored this time: on this path {p.name} did not offer to contact anyone first, and only then "
            f"do you agree a day to check in.")


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
        blocks.append(_export.Paragraph(f"Check-in day: {d.checkin}"))
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


def play(persona_id: str, replies: str = "", day: dt.date | str | None = None) -> Played:
    """Play a conversation from reply numbers typed in one string, e.g. ``"1 1 2"``.

    It shows every turn so far, then either the replies on offer now (add the number of the
    one you choose to the string and run it again) or, at the end, the debrief. A number that
    is not on offer is explained, never an error. ``day`` (default :func:`today`) fixes the
    check-in day.

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
    run = start(p.id, day, p=p)
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
