"""How far the learner is, read from their saved work (there is no separate record of progress).

For each lesson, :func:`progress` reads the files its activity saves (through the registry,
:mod:`helpers.activities`, and each activity's ``STORES``) and says one of

- ``"not started"``: nothing of this lesson is saved;
- ``"started"``: something is saved, but not yet what the lesson asks for (see :data:`RULES`);
- ``"done"``: what the lesson asks for is saved;
- ``"could not read your saved work"``: a saved file is damaged; ``fix`` says how to recover
  (the store's own message: move the file aside, which keeps it in ``backups/``).

Two lessons save work that the registry does not list as an activity: lesson 00's readiness
check before the lessons (``helpers.core.ratings``, which lesson 08 also asks for again after
the lessons) and lesson 06's practice log (``helpers.log``); they are read from those stores
the same way. A lesson with no rule here counts as not done, and says so.

It also gives the minutes left (the measured minutes of every lesson not done) and where to
pick up (the first lesson not done). It reads files only: it never writes, and never reads the
clock. :func:`essentials` is the shorter route of about an hour, taken from the facilitator's
60-minute plan (``data/content/workshop.toml``).

>>> [rule.lesson[:2] for rule in RULES]
['00', '01', '02', '03', '04', '05', '06', '07', '08']
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable

from . import activities, content, lessons
from .core import ratings
from .core.result import Problem
from .core.store import Store, StoreError
from .workspace import WorkspaceError

NOT_STARTED = "not started"
STARTED = "started"
DONE = "done"
UNREADABLE = "could not read your saved work"

#: Lesson 02 asks for "five to eight questions, at least one in each group" (and a few findings).
QUESTIONS_AT_LEAST = 5
QUESTIONS_PER_GROUP = 1


class _Unreadable(Exception):
    def __init__(self, problem: Problem, label: str) -> None:
        super().__init__(problem.what)
        self.problem, self.label = problem, label


def _data(store: Store) -> dict[str, Any]:
    """The store's file, validated; an empty one when nothing is saved. A damaged file raises."""
    try:
        if not store.path.exists():
            return store.empty()
        return store.read()
    except StoreError as exc:
        raise _Unreadable(exc.problem, store.label) from None
    except (WorkspaceError, OSError) as exc:
        raise _Unreadable(Problem("file", "", f"{store.label} could not be read ({exc})",
                                  "Check that the workspace folder is yours and readable", "unreadable_file"),
                          store.label) from None


def _stores(key: str) -> list[Store]:
    return activities.get(key).stores()


def _one(key: str) -> dict[str, Any]:
    return _data(_stores(key)[0])


# -- what counts as done, per lesson (each returns DONE, STARTED or NOT_STARTED) ----------------
def _readiness(when: str) -> bool:
    problem = ratings.health()
    if problem is not None:
        raise _Unreadable(problem, ratings.STORE.label)
    return ratings.first(when) is not None


def _start_here() -> str:
    return DONE if _readiness("before") else NOT_STARTED


def _quiz() -> str:
    from helpers import quiz

    data = _one("quiz")
    answered = {r["id"] for r in data.get("answers", [])}
    if not answered and not data.get("reflections"):
        return NOT_STARTED
    wanted = {q.id for q in quiz.questions()}
    return DONE if wanted and wanted <= answered else STARTED


def _questions() -> str:
    from helpers import questions

    saved: list[dict] = []
    for store in _stores("questions"):
        data = _data(store)
        saved += [dict(r, _collection=name) for name in store.collections for r in data.get(name, [])]
    if not saved:
        return NOT_STARTED
    per_group: dict[str, int] = {}
    for r in saved:
        if r["_collection"] == "questions":
            per_group[r["category"]] = per_group.get(r["category"], 0) + 1
    findings = sum(1 for r in saved if r["_collection"] == "research")
    groups = questions.bank().ids()
    enough = (sum(per_group.values()) >= QUESTIONS_AT_LEAST
              and all(per_group.get(g, 0) >= QUESTIONS_PER_GROUP for g in groups))
    return DONE if findings and enough else STARTED


def _emails() -> str:
    kinds = {r["kind"] for r in _one("emails").get("drafts", [])}
    if not kinds:
        return NOT_STARTED
    return DONE if {"request", "thank_you"} <= kinds else STARTED


def _referrals() -> str:
    data = _one("referrals")
    if not data.get("ask") and not data.get("plans"):
        return NOT_STARTED
    return DONE if data.get("ask") else STARTED


def _conversation() -> str:
    return DONE if _one("conversation").get("runs") else NOT_STARTED


def _log() -> str:
    from helpers import log

    store = log.STORE
    try:
        if not store.path.exists():
            return NOT_STARTED
    except (WorkspaceError, OSError):
        return NOT_STARTED
    frame = _data(store).get("frame")
    return DONE if frame is not None and len(frame) > 0 else NOT_STARTED


def _insights() -> str:
    return DONE if _one("insights").get("insights") else NOT_STARTED


def _reflection() -> str:
    data = _one("reflection")
    parts = [bool(data.get("people")), bool(data.get("questions")), bool(data.get("plan"))]
    after = _readiness("after")
    if not any(parts) and not after:
        return NOT_STARTED
    return DONE if all(parts) and after else STARTED


@dataclass(frozen=True)
class Rule:
    """What counts as done for one lesson, said for the learner, and how it is checked."""

    lesson: str                  # the lesson's file name
    done_when: str               # shown to the learner
    check: Callable[[], str]     # DONE, STARTED or NOT_STARTED (raises _Unreadable)


RULES: tuple[Rule, ...] = (
    Rule("00-start-here.ipynb", "you have taken the readiness check before the lessons", _start_here),
    Rule("01-why-informational-interviews.ipynb",
         "you have answered every question of both self-checks (right or wrong)", _quiz),
    Rule("02-research-to-questions.ipynb",
         f"you have saved at least one research finding and at least {QUESTIONS_AT_LEAST} questions, with at "
         "least one in each group of questions", _questions),
    Rule("03-asking-and-thanking.ipynb", "you have saved a request and a thank-you (a follow-up only if you "
                                        "need one)", _emails),
    Rule("04-referrals-and-follow-up.ipynb", "you have saved your referral ask (a check-in plan only if someone "
                                            "offers to make contact first)", _referrals),
    Rule("05-the-conversation.ipynb", "you have finished one practice conversation with the practice partner "
                                     "(nothing is saved before the end)", _conversation),
    Rule("06-practice-log.ipynb", "your own log holds at least one interview", _log),
    Rule("07-sharing-what-you-learned.ipynb", "you have saved at least one sentence you can share", _insights),
    Rule("08-exercises-and-reflection.ipynb", "you have saved all three exercises (people, questions, support "
                                             "plan) and taken the readiness check again after the lessons",
         _reflection),
)


@dataclass(frozen=True)
class LessonProgress:
    """One lesson's state, from the saved work."""

    lesson: lessons.Lesson
    state: str          # NOT_STARTED, STARTED, DONE or UNREADABLE
    done_when: str      # what counts as done, for the learner
    fix: str = ""       # when UNREADABLE: which saved work and how to recover it

    @property
    def done(self) -> bool:
        return self.state == DONE


@dataclass(frozen=True)
class Progress:
    lessons: tuple[LessonProgress, ...]

    @property
    def minutes_left(self) -> int:
        """The measured minutes of every lesson not done."""
        return sum(p.lesson.minutes or 0 for p in self.lessons if not p.done)

    @property
    def pick_up(self) -> LessonProgress | None:
        """The first lesson not done (None when all are)."""
        return next((p for p in self.lessons if not p.done), None)


def _rule_for(file: str) -> Rule | None:
    return next((r for r in RULES if r.lesson[3:] == file[3:] or r.lesson == file), None)


def progress(found: list[lessons.Lesson] | None = None) -> Progress:
    """Every lesson's state, read from the workspace now (nothing is written)."""
    found = lessons.catalogue() if found is None else found
    out = []
    for lesson in found:
        rule = _rule_for(lesson.file)
        if rule is None:
            out.append(LessonProgress(lesson, NOT_STARTED, "this lesson saves nothing: it counts as not done"))
            continue
        try:
            state, fix = rule.check(), ""
        except _Unreadable as exc:
            state = UNREADABLE
            fix = (f"{exc.label[:1].upper()}{exc.label[1:]}: {exc.problem.what}. {exc.problem.fix} "
                   f"(lesson {lesson.number} shows it).")
        except content.ContentError as exc:  # the lesson's own content file has a mistake
            state = UNREADABLE
            fix = f"The lesson's content could not be read to compare with your work: {exc}"
        out.append(LessonProgress(lesson, state, rule.done_when, fix.replace("..", ".")))
    return Progress(tuple(out))


# -- the essentials route ----------------------------------------------------------------------
ESSENTIALS_PLAN = "60"


@dataclass(frozen=True)
class Step:
    minutes: int
    what: str
    lesson: lessons.Lesson | None   # None: a part with a partner or the group, in no lesson
    alone: str = ""                  # what to do instead when working alone ("" = as in the workshop)


def essentials(plan_id: str = ESSENTIALS_PLAN) -> tuple[str, int, list[Step]]:
    """(title, minutes, steps): the lessons and parts of lessons the facilitator's plan chooses, in
    its order and with its minutes (so they add up to the plan's length). ("", 0, []) when the
    plan is not there or the plans file has a mistake (check-content names it)."""
    from helpers.classroom import facilitator

    plan = next((p for p in facilitator.plans() if p.id == plan_id), None)
    if plan is None:
        return "", 0, []
    by_file = {x.file: x for x in lessons.catalogue()}
    steps = [Step(b.minutes, b.activity, by_file.get(b.lesson), b.alone) for b in plan.blocks]
    return plan.title, plan.minutes, steps


# -- views (HTML for the notebook and the app view; .text for any editor) ----------------------
class Page:
    def __init__(self, html_text: str, text: str) -> None:
        self.html, self.text = html_text, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(lesson: lessons.Lesson, prefix: str) -> str:
    return f'<a href="{_e(prefix + lesson.file)}">{_e(lesson.number)} {_e(lesson.title)}</a>'


def view(link_prefix: str = "", found: Progress | None = None) -> Page:
    """The progress table: per lesson where you are and what counts as done; minutes left; where
    to pick up. ``link_prefix``: the path from the page to the notebooks folder."""
    p = progress() if found is None else found
    rows, lines = [], []
    for item in p.lessons:
        state = item.state
        shown = f"<strong>{_e(state)}</strong>" if state in (DONE, UNREADABLE) else _e(state)
        if item.fix:
            shown += f"<br>{_e(item.fix)}"
        minutes = f"{item.lesson.minutes}\u00a0min" if item.lesson.minutes else ""  # never broken
        rows.append(f"<tr><th scope=\"row\" style=\"text-align:left\">{_link(item.lesson, link_prefix)}</th>"
                    f"<td style=\"text-align:left\">{_e(minutes)}</td><td style=\"text-align:left\">{shown}</td>"
                    f"<td style=\"text-align:left\">Done when {_e(item.done_when)}.</td></tr>")
        lines.append(f"{item.lesson.number} {item.lesson.title}: {state}" + (f" ({item.fix})" if item.fix else "")
                     + f". Done when {item.done_when}.")
    table = ("<table class=\"iiw-progress\"><caption>Your progress, read from your saved work</caption>"
             "<thead><tr>" + "".join(f"<th scope=\"col\" style=\"text-align:left\">{h}</th>" for h in
                                     ("Lesson", "Time", "Where you are", "What counts as done")) +
             "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    nxt = p.pick_up
    if nxt is None:
        summary = "<p><strong>You have done every lesson.</strong> Minutes left: 0.</p>"
        text = "You have done every lesson. Minutes left: 0."
    else:
        summary = (f"<p><strong>Pick up here:</strong> {_link(nxt.lesson, link_prefix)}.</p>"
                   f"<p><strong>Minutes left:</strong> about {p.minutes_left} (the lessons not done yet).</p>")
        text = (f"Pick up here: {nxt.lesson.number} {nxt.lesson.title}. "
                f"Minutes left: about {p.minutes_left} (the lessons not done yet).")
    return Page(f"<section aria-label=\"Your progress\">{table}{summary}</section>", "\n".join(lines + ["", text]))


def essentials_view(link_prefix: str = "") -> Page:
    """The essentials route: about an hour, from the facilitator's 60-minute plan."""
    title, minutes, steps = essentials()
    if not steps:
        return Page("<p>The short route is not available: the workshop plans have a mistake.</p>",
                    "The short route is not available: the workshop plans have a mistake.")
    items, lines = [], []
    for s in steps:
        where = _link(s.lesson, link_prefix) if s.lesson else "With a partner or your group (in no lesson)"
        said = f"On your own: {s.alone}" if s.alone else f"In the workshop: {s.what}"
        items.append(f"<li>{where}, {s.minutes} min. {_e(said)}</li>")
        lines.append(f"- {(s.lesson.number + ' ' + s.lesson.title) if s.lesson else 'With a partner'}, "
                     f"{s.minutes} min. {said}")
    head = (f"<p>If you have about an hour, take this route: the parts the {minutes}-minute workshop uses, "
            f"{minutes} minutes in all. The full series takes longer and goes further.</p>")
    return Page(f"<section aria-label=\"The essentials in about an hour\">{head}<ol>{''.join(items)}</ol></section>",
                f"The essentials ({minutes} minutes):\n" + "\n".join(lines))
