"""Asking for referrals, and planning the check-in when the interviewee wants to go first.

Near the end of an informational interview, ask directly for more names, naming the people
your research already points to, so the other person can add to a concrete list. Then ask
for contact details (so you can reach out yourself instead of waiting for an introduction)
and for permission to mention their name. If they would rather contact the people first,
agree a concrete day 7-10 days later to check back (see :mod:`helpers.followup`).

Wording lives in ``data/content/referrals.toml``. The learner's script and check-in plans are
saved in ``referrals.json`` in their workspace.

>>> problems, script = referral_ask(["Acme", "Globex", "Initech"], "logistics")
>>> print(script.splitlines()[3])
   "Based on my research into logistics, I plan to talk to Acme, Globex and Initech. Is there anyone else you think I should speak with?"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import Template
from typing import Any, Iterable, Mapping

import pandas as pd

from . import content, followup, workspace
from .display import escape, message_html, table_html
from .emails import Shown, problem_sentence, template_problems
from .log import Problem

FILE = "referrals.json"    #: workspace file: the latest ask script and the check-in plans
CONTENT = "referrals"      #: content file with the scripts and prompts
MAX_TARGETS = 5
TARGET_LIMIT = 80
FIELD_LIMIT = 80
NAME_LIMIT = 80
_FORMULA_START = ("=", "+", "@")

_TEMPLATES: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    # (table, key): (allowed placeholders, required placeholders)
    ("ask", "names"): ({"targets", "field"}, {"targets"}),
    ("ask", "names_named"): ({"name", "targets", "field"}, {"name", "targets"}),
    ("ask", "contact_details"): (set(), set()),
    ("ask", "permission"): (set(), set()),
    ("ask", "if_they_prefer"): ({"checkin"}, {"checkin"}),
    ("ask", "day_unknown"): (set(), set()),
    ("steps", "names"): (set(), set()),
    ("steps", "contact_details"): (set(), set()),
    ("steps", "permission"): (set(), set()),
    ("steps", "if_they_prefer"): (set(), set()),
    ("checkin", "sentence"): ({"day"}, {"day"}),
    ("checkin", "sentence_named"): ({"name", "day"}, {"day"}),
}
_PROMPTS = ("ask_title", "ask_intro", "checkin_title", "checkin_intro")
STEP_ORDER = ("names", "contact_details", "permission", "if_they_prefer")


# ---------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------
def _content_problems(data: Mapping[str, Any]) -> list[str]:
    where = str(content.file_path(CONTENT))
    problems: list[str] = []
    for (table, key), (allowed, required) in _TEMPLATES.items():
        section = data.get(table)
        if not isinstance(section, dict):
            message = f"{where}: no [{table}] table was found. Add a [{table}] table with its lines."
            if message not in problems:
                problems.append(message)
            continue
        problems += template_problems(section.get(key), allowed, required, f"{where}, [{table}] {key}")
    prompts = data.get("prompts") if isinstance(data.get("prompts"), dict) else {}
    for key in _PROMPTS:
        if not isinstance(prompts.get(key), str) or not prompts[key].strip():
            problems.append(f"{where}, [prompts] {key}: is missing or empty. Add {key} = \"...\".")
    example = data.get("example") if isinstance(data.get("example"), dict) else {}
    ask = example.get("ask")
    if not isinstance(ask, dict):
        problems.append(f"{where}: no [example.ask] table was found. Add one with targets, field, "
                        f"interviewee and interview_date.")
    elif not problems:
        found, _ = _ask(ask.get("targets", []), ask.get("field", ""), ask.get("interviewee"),
                        ask.get("interview_date"), data)
        problems += [f"{where}, [example.ask] {p.column}: {problem_sentence(p)}" for p in found]
    plans = example.get("plan")
    if not isinstance(plans, list) or not plans or not all(isinstance(p, dict) for p in plans):
        problems.append(f"{where}: no [[example.plan]] entries were found. Add at least one with contact, "
                        f"interview_date and checkin_date.")
    else:
        for i, plan in enumerate(plans, start=1):
            found, _, _ = check_plan(plan.get("contact"), plan.get("interview_date"), plan.get("checkin_date"))
            problems += [f"{where}, [[example.plan]] number {i}, {p.column}: {problem_sentence(p)}" for p in found]
    return problems


def check_content() -> list[str]:
    """Every mistake in ``referrals.toml``, each naming the file, the entry and the fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT, _content_problems)


def _content() -> dict[str, Any]:
    return content.checked(CONTENT, _content_problems)


def prompts() -> dict[str, str]:
    """Titles and introductions of the forms (from the content file)."""
    return dict(_content()["prompts"])


def _content_problem(exc: content.ContentError) -> list[Problem]:
    return [Problem(None, "content", "", "The referral scripts have a mistake, so nothing could be written",
                    f"Tell your instructor: {exc}")]


# ---------------------------------------------------------------------------------------
# The referral ask
# ---------------------------------------------------------------------------------------
def _clean(value: Any) -> str:
    return re.sub(r"\s+", " ", "" if value is None else str(value).replace("\x00", "")).strip()


def parse_targets(targets: str | Iterable[str] | None) -> list[str]:
    """The names a learner listed: one per line (or a list), blank lines dropped.

    >>> parse_targets("Acme\\n\\n  Globex  \\n")
    ['Acme', 'Globex']
    """
    if targets is None:
        return []
    items = targets.splitlines() if isinstance(targets, str) else list(targets)
    return [t for t in (_clean(i) for i in items) if t]


def join_names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    >>> join_names(["A", "B", "C"])
    'A, B and C'
    """
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _name_problems(column: str, value: str, limit: int, what_it_is: str) -> list[Problem]:
    problems = []
    if len(value) > limit:
        problems.append(Problem(None, column, value[:40] + "…", f"is {len(value)} characters long",
                                f"Shorten {what_it_is} to {limit} characters or fewer"))
    if value.startswith(_FORMULA_START):
        problems.append(Problem(None, column, value, f"starts with '{value[0]}', like a spreadsheet formula",
                                "Type it as plain text, starting with a letter"))
    return problems


def check_ask(targets: str | Iterable[str] | None, field_or_role: Any, interviewee_name: Any = None,
              interview_date: Any = None) -> list[Problem]:
    """Problems in the ask's fields: 1-5 targets of at most 80 characters each, a field or role,
    an optional name and an optional interview date.

    >>> [p.what for p in check_ask([], "nursing")]
    ['is empty']
    """
    problems: list[Problem] = []
    names = parse_targets(targets)
    if not names:
        problems.append(Problem(None, "targets", "", "is empty",
                                "List 1 to 5 people or organisations your research points to, one per line"))
    if len(names) > MAX_TARGETS:
        problems.append(Problem(None, "targets", "", f"lists {len(names)} names",
                                f"Keep the {MAX_TARGETS} most useful: a short list is easier to say and "
                                f"leaves room for them to add names"))
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        for p in _name_problems("targets", name, TARGET_LIMIT, f"line {number}"):
            problems.append(Problem(None, p.column, p.value, f"(line {number}) {p.what}", p.fix))
        key = name.casefold()
        if key in seen:
            problems.append(Problem(None, "targets", name, f"(line {number}) repeats line {seen[key]}",
                                    "Delete one of them"))
        else:
            seen[key] = number
    field_text = _clean(field_or_role)
    if not field_text:
        problems.append(Problem(None, "field", "", "is empty",
                                "Fill in the field or role you are exploring, for example nursing management"))
    problems += _name_problems("field", field_text, FIELD_LIMIT, "the field or role")
    problems += _name_problems("interviewee", _clean(interviewee_name), NAME_LIMIT, "the name")
    if _clean(interview_date):
        problems += followup.parse_date(_clean(interview_date), field="interview_date")[1]
    return problems


def _fill(text: str, **values: str) -> str:
    return Template(text.strip()).substitute(values)


def _ask(targets: Any, field_or_role: Any, interviewee_name: Any, interview_date: Any,
         data: Mapping[str, Any]) -> tuple[list[Problem], str]:
    problems = check_ask(targets, field_or_role, interviewee_name, interview_date)
    if problems:
        return problems, ""
    ask, steps = data["ask"], data["steps"]
    names = join_names([n.rstrip(".") for n in parse_targets(targets)])
    field_text = _clean(field_or_role).rstrip(" .")
    name = _clean(interviewee_name)
    if name:
        first = _fill(ask["names_named"], name=name, targets=names, field=field_text)
    else:
        first = _fill(ask["names"], targets=names, field=field_text)
    day, _ = followup.parse_date(interview_date) if interview_date not in (None, "") else (None, [])
    if day is not None:
        check_in = Template(data["checkin"]["sentence"].strip()).substitute(
            day=followup.day_label(followup.checkin_dates(day)[0]))
    else:
        check_in = Template(data["checkin"]["sentence"].strip()).substitute(day=ask["day_unknown"].strip())
    lines = {
        "names": first,
        "contact_details": ask["contact_details"].strip(),
        "permission": ask["permission"].strip(),
        "if_they_prefer": _fill(ask["if_they_prefer"], checkin=check_in),
    }
    heading = f"Your referral ask (for {name})" if name else "Your referral ask"
    parts = [heading, ""]
    for number, key in enumerate(STEP_ORDER, start=1):
        parts += [f"{number}. {steps[key].strip()}", f"   \"{lines[key]}\"", ""]
    return [], "\n".join(parts).rstrip() + "\n"


def referral_ask(targets: str | Iterable[str], field_or_role: str, interviewee_name: str | None = None,
                 interview_date: Any = None) -> tuple[list[Problem], str]:
    """The referral script: ``(problems, script)`` (``script`` is "" when there are problems).

    ``targets``: 1-5 people or organisations your research points to (a list, or text with one
    per line). ``field_or_role``: what you are exploring. ``interviewee_name``: optional, to
    address them. ``interview_date``: optional; with it, the check-in line names a real day.

    >>> problems, script = referral_ask(["Acme"], "logistics", "Ana", "2026-12-01")
    >>> print(script)  # doctest: +NORMALIZE_WHITESPACE
    Your referral ask (for Ana)
    <BLANKLINE>
    1. Ask for names
       "Ana, based on my research into logistics, I plan to talk to Acme. Is there anyone else you think I should speak with?"
    <BLANKLINE>
    2. Ask for contact details, so you can reach out yourself
       "That is really helpful, thank you. Could you share their e-mail address or phone number, so that I can contact them myself?"
    <BLANKLINE>
    3. Ask permission to use their name
       "When I get in touch, may I mention that you suggested I contact them?"
    <BLANKLINE>
    4. If they would rather contact the people first
       "Of course, thank you. Would it be all right if I checked in with you on Tuesday 8 December?"
    """
    try:
        data = _content()
    except content.ContentError as exc:
        return _content_problem(exc), ""
    return _ask(targets, field_or_role, interviewee_name, interview_date, data)


# ---------------------------------------------------------------------------------------
# Check-in plans
# ---------------------------------------------------------------------------------------
def check_contact(contact: Any) -> list[Problem]:
    """Problems in the name of the person to check in with (required, at most 80 characters).

    >>> [p.what for p in check_contact("=1+1")]
    ["starts with '=', like a spreadsheet formula"]
    """
    name = _clean(contact)
    if not name:
        return [Problem(None, "contact", "", "is empty", "Fill in the name of the person you will check in with")]
    return _name_problems("contact", name, NAME_LIMIT, "the name")


def check_plan(contact: Any, interview_date: Any, checkin_date: Any) -> tuple[list[Problem], list[str], dict[str, str] | None]:
    """Check a check-in plan: ``(problems, advice, plan)``.

    Problems block saving (empty or too-long name, unreadable date, a check-in not after the
    interview). Advice does not: a date outside the 7-10 day window or on a weekend.

    >>> problems, advice, plan = check_plan("Ana", "2026-12-01", "2026-12-15")
    >>> problems, plan["checkin_date"]
    ([], '2026-12-15')
    >>> advice[0].startswith("Tuesday 15 December is 14 days after the interview")
    True
    """
    name = _clean(contact)
    problems = check_contact(name)
    interview, found = followup.parse_date(interview_date, field="interview_date")
    problems += found
    agreed, found = followup.parse_date(checkin_date, field="checkin_date")
    problems += found
    advice: list[str] = []
    if interview is not None and agreed is not None:
        if agreed <= interview:
            problems.append(Problem(None, "checkin_date", agreed.isoformat(),
                                    "is not after the interview",
                                    f"Choose a day after {followup.day_label(interview, year=True)}, ideally 7-10 days after"))
        else:
            advice = followup.window_advice(interview, agreed)
    if problems:
        return problems, [], None
    assert interview is not None and agreed is not None
    return [], advice, {"contact": name, "interview_date": interview.isoformat(), "checkin_date": agreed.isoformat()}


@dataclass
class SaveResult:
    """What happened when something was saved to ``referrals.json``."""

    saved: bool                          # True when the file holds it now
    problems: list[Problem]              # why not, when not saved
    changed: bool = False                # True when the file was written
    advice: list[str] = field(default_factory=list)
    updated: bool = False                # True when an existing plan was replaced

    def message(self) -> str:
        if not self.saved:
            return "Not saved. " + " ".join(problem_sentence(p) for p in self.problems)
        if not self.changed:
            return "Already saved: nothing changed, so nothing new was written."
        return "Updated in your workspace." if self.updated else f"Saved in your workspace ({FILE})."


def _read() -> dict[str, Any]:
    data = workspace.read_json(FILE, {})
    return data if isinstance(data, dict) else {}


def _damaged(exc: Exception) -> SaveResult:
    return SaveResult(False, [Problem(None, "file", FILE, "could not be read, so nothing was saved",
                                      f"{exc} Your file was left as it was")])


def save_ask(targets: str | Iterable[str], field_or_role: str, interviewee_name: str | None = None,
             interview_date: Any = None) -> SaveResult:
    """Build the referral script and keep it (the latest one) in ``referrals.json``."""
    problems, script = referral_ask(targets, field_or_role, interviewee_name, interview_date)
    if problems:
        return SaveResult(False, problems)
    try:
        data = _read()
    except ValueError as exc:
        return _damaged(exc)
    day = followup.parse_date(interview_date)[0] if interview_date not in (None, "") else None
    record = {"targets": parse_targets(targets), "field": _clean(field_or_role),
              "interviewee": _clean(interviewee_name), "interview_date": day.isoformat() if day else "",
              "script": script}
    if data.get("ask") == record:
        return SaveResult(True, [], changed=False)
    workspace.write_json(FILE, {**data, "version": 1, "ask": record, "plans": _plans_of(data)})
    return SaveResult(True, [], changed=True, updated="ask" in data)


def saved_ask() -> dict[str, Any] | None:
    """The learner's saved referral ask (targets, field, interviewee, interview_date, script) or None."""
    try:
        ask = _read().get("ask")
    except ValueError:
        return None
    if isinstance(ask, dict) and isinstance(ask.get("script"), str) and isinstance(ask.get("targets"), list):
        return ask
    return None


def _plans_of(data: Mapping[str, Any]) -> list[dict[str, str]]:
    plans = data.get("plans")
    if not isinstance(plans, list):
        return []
    keys = ("contact", "interview_date", "checkin_date")
    return [p for p in plans if isinstance(p, dict) and all(isinstance(p.get(k), str) for k in keys)]


def _same_plan(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    return a["contact"].casefold() == b["contact"].casefold() and a["interview_date"] == b["interview_date"]


def save_plan(contact: Any, interview_date: Any, checkin_date: Any) -> SaveResult:
    """Save a check-in plan. One plan per person and interview: saving again replaces it.

    Advice about the date (outside 7-10 days, a weekend) comes back in ``advice``; the plan
    is saved anyway, because the date is what the two of you agreed.
    """
    problems, advice, plan = check_plan(contact, interview_date, checkin_date)
    if problems or plan is None:
        return SaveResult(False, problems)
    try:
        data = _read()
    except ValueError as exc:
        return _damaged(exc)
    plans = _plans_of(data)
    updated = False
    for i, old in enumerate(plans):
        if _same_plan(old, plan):
            if {k: old.get(k) for k in plan} == plan:
                return SaveResult(True, [], changed=False, advice=advice)
            plans = plans[:i] + [plan] + plans[i + 1:]
            updated = True
            break
    else:
        plans = plans + [plan]
    workspace.write_json(FILE, {**data, "version": 1, "plans": plans})
    return SaveResult(True, [], changed=True, advice=advice, updated=updated)


def saved_plans() -> list[dict[str, str]]:
    """The learner's saved check-in plans, soonest check-in first ([] when none)."""
    try:
        plans = _plans_of(_read())
    except ValueError:
        return []
    return sorted(plans, key=lambda p: (p["checkin_date"], p["contact"].casefold()))


def example_plans() -> list[dict[str, str]]:
    """The fictional plans from the content file, shown until the learner saves one."""
    return [{k: str(p[k]) for k in ("contact", "interview_date", "checkin_date")}
            for p in _content()["example"]["plan"]]


def example_ask() -> dict[str, Any]:
    """The fictional learner's ask fields from the content file."""
    return dict(_content()["example"]["ask"])


def _label(iso: str) -> str:
    day, problems = followup.parse_date(iso)
    return followup.day_label(day, year=True) if day and not problems else iso


def plans_table(plans: list[dict[str, str]] | None = None) -> pd.DataFrame:
    """Check-in plans as a table (the saved ones by default), with the sentence to say."""
    rows = saved_plans() if plans is None else plans
    records = []
    for p in rows:
        day, _ = followup.parse_date(p["checkin_date"])
        sentence = followup.checkin_sentence(p["contact"], day) if day else ""
        records.append({"Contact": p["contact"], "Interview": _label(p["interview_date"]),
                        "Check in on": _label(p["checkin_date"]), "What to say": sentence})
    return pd.DataFrame(records, columns=["Contact", "Interview", "Check in on", "What to say"])


def plans_view() -> Shown:
    """The saved plans as an escaped table, or the example (marked as such) when none are saved."""
    try:
        plans = saved_plans()
        if plans:
            return Shown(table_html(plans_table(plans), "Your check-in plans"),
                         plans_table(plans).to_string(index=False))
        frame = plans_table(example_plans())
    except content.ContentError as exc:
        return Shown(message_html(str(exc), "error"), str(exc))
    caption = "Example plans from a fictional learner (you have not saved a plan yet)"
    return Shown(table_html(frame, caption), caption + "\n" + frame.to_string(index=False))


def script_html(script: str, heading: str | None = None) -> str:
    """A script shown safely: escaped, in a ``<pre>`` that keeps its lines."""
    head = f"<p style='margin:0.3em 0'><strong>{escape(heading)}</strong></p>" if heading else ""
    return (f"{head}<pre class='iiw-script' style='white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;font-family:inherit;"
            f"border:1px solid #999;padding:0.6em;max-width:720px'>{escape(script)}</pre>")


def ask_view(fields: Mapping[str, Any] | None = None) -> Shown:
    """Show a referral script built from ``fields`` (nothing is saved); without fields, the example."""
    try:
        use = example_ask() if fields is None else fields
    except content.ContentError as exc:
        return Shown(message_html(str(exc), "error"), str(exc))
    problems, script = referral_ask(use.get("targets", []), use.get("field", ""), use.get("interviewee"),
                                    use.get("interview_date"))
    if problems:
        text = "No script yet:\n" + "\n".join(f"- {p.column}: {problem_sentence(p)}" for p in problems)
        return Shown(message_html(text, "error"), text)
    heading = "Example: the script of a fictional learner" if fields is None else None
    return Shown(script_html(script, heading), (heading + "\n\n" if heading else "") + script)


def export_text() -> str:
    """The learner's saved referral script and check-in plans as plain text ("" when none)."""
    ask = saved_ask()
    plans = saved_plans()
    if not ask and not plans:
        return ""
    parts = ["Referrals and follow-up", "======================="]
    if ask:
        parts += ["", ask["script"].rstrip()]
    if plans:
        parts += ["", "Check-in plans", "--------------"]
        for p in plans:
            parts.append(f"- {p['contact']}: interview {_label(p['interview_date'])}, "
                         f"check in on {_label(p['checkin_date'])}")
    return "\n".join(parts) + "\n"
