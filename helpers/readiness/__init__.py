"""The readiness check: rate a few statements before the lessons and after them, and see the change.

A learner rates statements such as "I know how to ask for names at the end" on a scale (1-5)
in *Start here*, again in *Exercises and reflection*, and, if they like, after their first real
interview. The statements and the scale live in ``data/content/readiness.toml`` (instructors edit
it; :func:`check_content` checks it); each taking is saved, append-only, through
:mod:`helpers.core.ratings` (``readiness.json``). This module

* loads the statements (:func:`settings`) and checks a taking against them (:func:`check_taking`:
  every statement rated, with a whole number on the scale);
* saves a taking dated with the ``today`` it is given (:func:`save_taking`; it never reads the clock);
* compares two takings statement by statement (:func:`change`): only statements rated both
  times are compared, and statements added or removed since are said, not hidden;
* says the change plainly, without judging it, and that a self-rating is not measured skill
  (:meth:`Change.summary`), as a table (:meth:`Change.frame`) and a chart (:func:`change_chart`).

>>> import datetime as dt
>>> cfg = settings()
>>> before = {s.id: 2 for s in cfg.statements}
>>> save_taking("before", before, today=dt.date(2026, 3, 2)).saved
True
>>> save_taking("after", {**before, "request-email": 4, "names-at-the-end": 1}, today=dt.date(2026, 3, 9)).saved
True
>>> print(latest_change()[0].summary()[0])
You rated yourself higher on 1 of 6 statements, the same on 4 and lower on 1.
"""
from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import pandas as pd

from helpers import content
from helpers.core import Problem, Result
from helpers.core import dates
from helpers.core import export as ex
from helpers.core import ratings
from helpers.core.ratings import WHENS, Taking
from helpers.core.schema import Entries, Number, Table, Text

CONTENT = "readiness"
STORE = ratings.STORE
STORES = ratings.STORES
MAX_STEPS = 10          #: a scale has at most this many numbers
TEXT_MAX = 160

NOT_SKILL = ("These are your own ratings of how ready you feel, not a measure of your skill. A lower "
             "rating can simply mean you now see more of what a conversation involves.")

_ID_HELP = 'lower-case letters, digits and hyphens (e.g. "request-email")'

#: The shape of readiness.toml, declared once (checks across fields are in :func:`_extra`).
SCHEMA = Table({
    "title": Text(required=False),
    "scale_min": Number(help="1"),
    "scale_max": Number(help="5"),
    "scale_labels": Table(required=False),
    "statement": Entries(Table({
        "id": Text(pattern=ratings.ID_PATTERN, pattern_help=_ID_HELP, unique=True, max_len=ratings.ID_MAX),
        "text": Text(max_len=TEXT_MAX),
    }, allow_other=False), label_key="id"),
}, allow_other=False)


def _label_key(key: Any) -> int | None:
    try:
        return int(str(key).strip())
    except ValueError:
        return None


def _extra(data: Mapping[str, Any]) -> list[str]:
    """The scale runs upwards and is not too long; labels belong to numbers on it; no two
    statements say the same."""
    file = f"{CONTENT}.toml"
    low, high = data["scale_min"], data["scale_max"]
    found = []
    if high <= low:
        found.append(f"{file}: scale_max ({high}) should be greater than scale_min ({low}), e.g. scale_min = 1 "
                     f"and scale_max = 5.")
    elif high - low + 1 > MAX_STEPS:
        found.append(f"{file}: the scale from {low} to {high} has {high - low + 1} numbers; use at most "
                     f"{MAX_STEPS} (e.g. 1 to 5).")
    for key, value in (data.get("scale_labels") or {}).items():
        n = _label_key(key)
        if n is None or not low <= n <= high:
            found.append(f"{file}, scale_labels: \"{key}\" is not a number on the scale from {low} to {high}. "
                         f"Use numbers from the scale as keys, e.g. {{ {low} = \"not at all\" }}.")
        elif not isinstance(value, str) or not value.strip():
            found.append(f"{file}, scale_labels: the label of {n} should be text in quotes, not empty.")
    texts = [" ".join(s["text"].casefold().split()) for s in data["statement"]]
    for n, t in enumerate(texts, 1):
        if t in texts[: n - 1]:
            found.append(f"{file}, [[statement]] number {n} (id \"{data['statement'][n - 1]['id']}\"): says the "
                         f"same as an earlier statement. Change it or remove it.")
    return found


@dataclass(frozen=True)
class Statement:
    id: str
    text: str


@dataclass(frozen=True)
class Settings:
    """readiness.toml, checked."""

    title: str
    scale_min: int
    scale_max: int
    labels: dict[int, str]
    statements: tuple[Statement, ...]

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def scale_words(self) -> str:
        """The scale in words: "1 (not at all) to 5 (completely)"."""
        def end(n: int) -> str:
            return f"{n} ({self.labels[n]})" if n in self.labels else str(n)
        return f"{end(self.scale_min)} to {end(self.scale_max)}"


def check_content() -> list[str]:
    """Every mistake in readiness.toml (file, entry, fix); [] when it is fine."""
    return content.problems(CONTENT, SCHEMA, _extra)


def settings() -> Settings:
    """The statements and the scale. Raises :class:`helpers.content.ContentError` (file, entry, fix)."""
    data = content.checked_with(CONTENT, SCHEMA, _extra)
    labels = {_label_key(k): " ".join(str(v).split()) for k, v in (data.get("scale_labels") or {}).items()}
    return Settings(title=str(data.get("title") or "Readiness check"), scale_min=int(data["scale_min"]),
                    scale_max=int(data["scale_max"]), labels={k: v for k, v in labels.items() if k is not None},
                    statements=tuple(Statement(s["id"], " ".join(s["text"].split())) for s in data["statement"]))


def _content_refused(exc: content.ContentError) -> Result:
    return Result.refused([Problem("content", f"{CONTENT}.toml", "has a mistake, so nothing was saved",
                                   f"{exc} (ask your instructor)", "content_error")])


# ---------------------------------------------------------------------------------------
# Checking and saving a taking
# ---------------------------------------------------------------------------------------
def check_taking(when: Any, given: Mapping[str, Any] | None, cfg: Settings | None = None) -> list[Problem]:
    """What stops a taking being saved: each problem names the statement (its id) it belongs to.

    Every statement must be rated, with a whole number on the scale; a rating for a statement
    that is not in the check is refused too (the check may have changed since the form was shown).
    """
    cfg = cfg or settings()
    given = dict(given or {})
    problems: list[Problem] = []
    if when not in WHENS:
        problems.append(Problem("when", str(when or ""), "is not one of the choices",
                                "Use " + ", ".join(f"“{k}” ({w})" for k, w in WHENS.items()), "unknown_when"))
    low, high = cfg.scale_min, cfg.scale_max
    for s in cfg.statements:
        value = given.get(s.id)
        if value is None or value == "":
            problems.append(Problem(s.id, "", "Not rated yet",
                                    f"Choose a number from {low} to {high}", "not_rated"))
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(s.id, str(value), "is not a whole number",
                                    f"Choose a whole number from {low} to {high}", "not_a_number"))
        elif not low <= value <= high:
            problems.append(Problem(s.id, str(value), f"is not on the scale from {low} to {high}",
                                    f"Choose a number from {low} to {high}", "out_of_scale"))
    for key in given:
        if cfg.statement(str(key)) is None:
            problems.append(Problem(str(key), str(key), "is not a statement of this check (it may have "
                                                           "changed since the form was shown)",
                                    "Show the form again and rate the statements it lists", "unknown_statement"))
    return problems


_FIELD_WORDS = {"date": "The date", "when": "When you are taking it:", "ratings": "The list of numbers"}


def said(problems: Sequence[Problem], cfg: Settings) -> str:
    """Problems as plain lines, each naming its statement by number and text."""
    lines = ["Not saved yet:"]
    for p in problems:
        n = next((n for n, s in enumerate(cfg.statements, 1) if s.id == p.field), None)
        if n:
            lines.append(f"- {n}. {cfg.statements[n - 1].text} {p.sentence()}")
        else:
            name = _FIELD_WORDS.get(p.field, "")
            value = f"“{p.value}”" if p.value not in ("", None) else ""
            fix = p.fix if p.fix.endswith((".", "?", "!")) else p.fix + "."
            lines.append("- " + " ".join(w for w in (name, value, p.what + ".", fix) if w))
    return "\n".join(lines)


def save_taking(when: str, given: Mapping[str, Any], *, today: dt.date, cfg: Settings | None = None) -> Result:
    """Save one taking dated ``today``. Each call adds a new taking; nothing saved is ever
    overwritten. Refused (nothing written) unless every statement has a rating on the scale."""
    try:
        cfg = cfg or settings()
    except content.ContentError as exc:
        return _content_refused(exc)
    problems = check_taking(when, given, cfg)
    if problems:
        return Result.refused(problems, message=said(problems, cfg))
    result = ratings.add(when, {s.id: int(given[s.id]) for s in cfg.statements}, today=today)
    if result.changed:
        count = len(ratings.takings())
        result.message = (f"Saved your ratings {WHENS[when]} ({dates.day_label(today, year=True)}). "
                          f"You have saved {count} readiness check{'s' if count != 1 else ''} so far; "
                          f"saving again adds another and keeps this one.")
    return result


def statements_text(cfg: Settings | None = None) -> str:
    """The statements, numbered, and the scale (for the one-line call without the form)."""
    try:
        cfg = cfg or settings()
    except content.ContentError as exc:
        return str(exc)
    lines = [f"Rate each statement from {cfg.scale_words()}:"]
    lines += [f"{n}. {s.text}" for n, s in enumerate(cfg.statements, 1)]
    return "\n".join(lines)


def take(when: str, numbers: Sequence[Any], day: str, cfg: Settings | None = None) -> Result:
    """Save a taking without the form: ``numbers`` in the order of :func:`statements_text`
    (0 or an empty place: not rated yet), ``day`` the date as typed ("9 March 2026")."""
    try:
        cfg = cfg or settings()
    except content.ContentError as exc:
        return _content_refused(exc)
    problems: list[Problem] = []
    if isinstance(numbers, (str, bytes)) or not isinstance(numbers, Sequence):
        return Result.refused([Problem("ratings", str(numbers)[:40], "is not a list of numbers",
                                       "Put one number per statement between the brackets, e.g. [2, 3, 1, 2, 4, 3]",
                                       "not_a_list")],
                              message="Nothing was saved: put one number per statement between the brackets, "
                                      "e.g. [2, 3, 1, 2, 4, 3].")
    numbers = list(numbers)
    if len(numbers) > len(cfg.statements):
        problems.append(Problem("ratings", str(numbers), f"has {len(numbers)} numbers for "
                                f"{len(cfg.statements)} statements", "Give one number per statement, in order",
                                "too_many"))
    today, p = dates.parse(day, field="date")
    if p is not None:
        problems.append(p)
    given = {s.id: (None if n >= len(numbers) or numbers[n] in (0, "", None) else numbers[n])
             for n, s in enumerate(cfg.statements)}
    problems += check_taking(when, given, cfg)
    if problems or today is None:
        return Result.refused(problems, message=said(problems, cfg))
    return save_taking(when, given, today=today, cfg=cfg)


# ---------------------------------------------------------------------------------------
# The change between two takings
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    id: str
    text: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before

    @property
    def said(self) -> str:
        d = self.difference
        return "the same" if d == 0 else (f"{d} higher" if d > 0 else f"{-d} lower")


def _count(n: int) -> str:
    return "none" if n == 0 else str(n)


def _quoted(texts: Sequence[str]) -> str:
    return "; ".join(f"“{t}”" for t in texts)


@dataclass(frozen=True)
class Change:
    """Two takings compared, statement by statement (only statements rated both times)."""

    before: Taking
    after: Taking
    rows: tuple[Row, ...]
    added: tuple[str, ...] = ()     # texts rated only in the later taking (new since)
    removed: tuple[str, ...] = ()   # texts rated only in the earlier taking (no longer asked)
    scale: tuple[int, int] = (1, 5)

    @property
    def higher(self) -> int:
        return sum(1 for r in self.rows if r.difference > 0)

    @property
    def same(self) -> int:
        return sum(1 for r in self.rows if r.difference == 0)

    @property
    def lower(self) -> int:
        return sum(1 for r in self.rows if r.difference < 0)

    def heading(self) -> str:
        return (f"Your ratings {self.before.label} ({dates.day_label(self.before.date, year=True)}) and "
                f"{self.after.label} ({dates.day_label(self.after.date, year=True)})")

    def summary(self) -> list[str]:
        """The change in plain sentences, without judging it, and that a self-rating is not skill."""
        n = len(self.rows)
        if n == 0:
            lines = ["None of the statements were rated both times, so there is nothing to compare yet."]
        else:
            lines = [f"You rated yourself higher on {_count(self.higher)} of {n} statement{'s' if n != 1 else ''}, "
                     f"the same on {_count(self.same)} and lower on {_count(self.lower)}."]
        if self.added:
            lines.append(f"Not compared, because it was not in the check the first time: {_quoted(self.added)}.")
        if self.removed:
            lines.append(f"Not compared, because it is no longer in the check: {_quoted(self.removed)}.")
        lines.append(NOT_SKILL)
        return lines

    def frame(self) -> pd.DataFrame:
        """One row per statement compared: the statement, both ratings and the change in words."""
        return pd.DataFrame({"statement": [r.text for r in self.rows],
                             self.before.label: [r.before for r in self.rows],
                             self.after.label: [r.after for r in self.rows],
                             "change": [r.said for r in self.rows]},
                            columns=["statement", self.before.label, self.after.label, "change"])

    def alt(self) -> str:
        low, high = self.scale
        parts = [f"“{r.text}”: {r.before} {self.before.label}, {r.after} {self.after.label}" for r in self.rows]
        return (f"Bar chart of your own ratings on a scale from {low} to {high}, {self.before.label} and "
                f"{self.after.label}, for {len(self.rows)} statements: " + "; ".join(parts) + ".")


def _text_of(statement_id: str, cfg: Settings | None) -> str:
    s = cfg.statement(statement_id) if cfg else None
    return s.text if s else statement_id.replace("-", " ")


def change(before: Taking, after: Taking, cfg: Settings | None = None) -> Change:
    """Compare two takings statement by statement. Only statements rated in both are compared,
    in the order of the content file (then any no longer in it); the others are listed."""
    if cfg is None:
        try:
            cfg = settings()
        except content.ContentError:
            cfg = None   # the ratings still compare; statements are named by their ids
    order = [s.id for s in cfg.statements] if cfg else []
    both = set(before.ratings) & set(after.ratings)
    if cfg is not None:   # a rating off the scale (a hand-edited file) is not compared
        both = {i for i in both if cfg.scale_min <= before.ratings[i] <= cfg.scale_max
                and cfg.scale_min <= after.ratings[i] <= cfg.scale_max}
    ids = [i for i in order if i in both] + sorted(both - set(order))
    rows = tuple(Row(i, _text_of(i, cfg), before.ratings[i], after.ratings[i]) for i in ids)

    def ordered(keys: set[str]) -> tuple[str, ...]:
        return tuple(_text_of(i, cfg) for i in [*[o for o in order if o in keys], *sorted(keys - set(order))])

    scale = (cfg.scale_min, cfg.scale_max) if cfg else (
        min([1, *before.ratings.values(), *after.ratings.values()]),
        max([5, *before.ratings.values(), *after.ratings.values()]))
    return Change(before, after, rows, added=ordered(set(after.ratings) - set(before.ratings)),
                  removed=ordered(set(before.ratings) - set(after.ratings)), scale=scale)


def pick(items: Sequence[Taking]) -> tuple[Taking | None, Taking | None]:
    """The two takings to compare: the first one before the lessons and the latest one after
    (after the lessons or after an interview). Without a "before" taking, the first later
    taking stands in for it when there are two."""
    before = next((t for t in items if t.when == "before"), None)
    later = next((t for t in reversed(items) if t.when != "before"), None)
    if before is None and later is not None:
        before = next((t for t in items if t.when != "before" and t is not later), None)
    return before, later


def latest_change(cfg: Settings | None = None) -> tuple[Change | None, str]:
    """(the change between the takings :func:`pick` chooses, or None, and a sentence saying what
    to do when there is nothing to compare yet)."""
    problem = ratings.health()
    if problem is not None:
        return None, f"Your saved ratings cannot be read: {problem.what}. {problem.fix}."
    items = ratings.takings()
    before, after = pick(items)
    if not items:
        return None, ("You have not saved a readiness check yet. Rate each statement in the form above and "
                      "click “Save my ratings”; then come back here to see your change. (The first one "
                      "belongs in Start here, before the lessons; if you missed it, that is fine: save one now "
                      "and take it again later.)")
    if after is None:
        first = items[0]
        return None, (f"You saved your ratings {first.label} on {dates.day_label(first.date, year=True)}. Rate the "
                      f"statements again in the form above, choose when you are taking it, and click "
                      f"“Save my ratings” to see your change here.")
    if before is None:
        return None, (f"You saved your ratings {after.label} on {dates.day_label(after.date, year=True)}, but "
                      f"none from before, so there is nothing to compare with yet. Take it again later (for "
                      f"example after your first real interview) to see a change.")
    return change(before, after, cfg), ""


def change_chart(ch: Change):
    """A grouped bar chart of both ratings per statement: (figure, alt text, caption). Shown only
    through :func:`helpers.display.figure_html` (alt text and caption with it)."""
    from matplotlib.figure import Figure

    low, high = ch.scale
    rows = list(ch.rows)[::-1]
    fig = Figure(figsize=(8.0, 0.75 * max(len(rows), 2) + 1.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ys = range(len(rows))
    height = 0.38
    ax.barh([y + height / 2 for y in ys], [r.before for r in rows], height=height, color="#56B4E9",
            hatch="//", edgecolor="#000000", label=ch.before.label)
    ax.barh([y - height / 2 for y in ys], [r.after for r in rows], height=height, color="#0072B2",
            edgecolor="#000000", label=ch.after.label)
    for y, r in zip(ys, rows):
        ax.text(r.before + 0.05, y + height / 2, str(r.before), va="center", fontsize=10)
        ax.text(r.after + 0.05, y - height / 2, str(r.after), va="center", fontsize=10)
    ax.set_yticks(list(ys), ["\n".join(textwrap.wrap(r.text, 38)) for r in rows], fontsize=10)
    ax.set_xlim(0, high + 0.6)
    ax.set_xticks(list(range(low, high + 1)))
    ax.set_xlabel(f"your own rating ({low} to {high})", fontsize=11)
    ax.set_title("How ready you feel: your own ratings", fontsize=13)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if len(rows) > 3 else -0.2), ncol=2, frameon=False)
    caption = ch.summary()[0] + " " + NOT_SKILL.split(". ")[0] + "."
    return fig, ch.alt(), caption


def takings_frame(items: Sequence[Taking] | None = None, cfg: Settings | None = None) -> pd.DataFrame:
    """Every saved taking, oldest first, one column each ("after the lessons, 2026-03-09"), with
    one row per statement (a statement not rated that time is left empty)."""
    items = ratings.takings() if items is None else list(items)
    try:
        cfg = cfg or settings()
    except content.ContentError:
        cfg = None
    order = [s.id for s in cfg.statements] if cfg else []
    ids = order + sorted({k for t in items for k in t.ratings} - set(order))
    data: dict[str, list[Any]] = {"statement": [_text_of(i, cfg) for i in ids]}
    for t in items:
        name = f"{t.label}, {t.date.isoformat()}"
        n = 2
        while name in data:
            name, n = f"{t.label}, {t.date.isoformat()} ({n})", n + 1
        data[name] = ["" if i not in t.ratings else t.ratings[i] for i in ids]
    return pd.DataFrame(data)


def change_text() -> str:
    """The latest change as plain text (for the one-line call without the form)."""
    ch, message = latest_change()
    if ch is None:
        return message
    lines = [ch.heading() + ":"] + [f"- {r.text} {r.before} -> {r.after} ({r.said})" for r in ch.rows]
    return "\n".join([*lines, "", *ch.summary()])


def export() -> ex.Section | None:
    """The readiness check for the workbook: the change (when there is one) and every taking."""
    title = "Readiness check"
    problem = ratings.health()
    if problem is not None:
        return ex.Section(title, [ex.Paragraph(f"(Could not be read: {problem.what}. {problem.fix}.)")])
    items = ratings.takings()
    if not items:
        return None
    blocks: list[Any] = []
    ch, message = latest_change()
    if ch is not None:
        frame = ch.frame()
        fig, alt, caption = change_chart(ch)
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=100)   # a matplotlib Figure, not pyplot's: nothing to close
        blocks += [ex.Heading(ch.heading()), *[ex.Paragraph(line) for line in ch.summary()],
                   ex.Table(list(frame.columns), [[str(v) for v in row] for row in frame.itertuples(index=False)]),
                   ex.Chart(png.getvalue(), alt, caption)]
    else:
        n = len(items)
        blocks += [ex.Paragraph(f"{n} readiness check{'s' if n != 1 else ''} saved so far; the change shows once "
                                f"you have taken it before the lessons and again after them."),
                   ex.Paragraph(NOT_SKILL)]
    frame = takings_frame(items)
    blocks.append(ex.Table(list(frame.columns), [[str(v) for v in row] for row in frame.itertuples(index=False)],
                           caption="Every time you took the readiness check"))
    return ex.Section(title, blocks, lesson="08-exercises-and-reflection.ipynb")
