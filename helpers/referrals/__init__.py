"""Asking for referrals, and planning the check-in when the interviewee wants to go first.

Near the end of an informational interview, ask directly for more names, naming the people
your research already points to, so the other person can add to a concrete list. Then ask
for contact details (so you can reach out yourself instead of waiting for an introduction)
and for permission to mention their name. If they would rather contact someone first, agree
a concrete day 7-10 days later to check back, and restate their promise when you do (see
:mod:`helpers.core.followup`).

Wording lives in ``data/content/referrals.toml``. The learner's script and check-in plans are
saved in ``referrals.json`` in their workspace, through the core :class:`~helpers.core.store.Store`.

>>> script, problems = referral_ask(["Acme", "Globex", "Initech"], "logistics")
>>> print(script.splitlines()[3])
   "Based on my research into logistics, I plan to talk to Acme, Globex and Initech. Is there anyone else you think I should speak with?"
"""
from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping

import pandas as pd

from helpers import content
from helpers.core import followup, workdays as holidays_calendar
from helpers.core import Advice, Problem, Result
from helpers.core import dates, export as ex, text
from helpers.core.schema import Entries, Table, Text, TextList
from helpers.core.store import Collection, JsonCodec, Store, StoreError
from helpers.core.templates import check_all, content_sentence, fill, join_names

CONTENT = "referrals"      #: content file with the scripts and prompts
MAX_TARGETS = 5
TARGET_LIMIT = 80
FIELD_LIMIT = 80
NAME_LIMIT = 80
PERSON_LIMIT = 120
ASK_KEY = "ask"

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
    ("checkin", "sentence"): ({"person", "day"}, {"person", "day"}),
    ("checkin", "sentence_named"): ({"name", "person", "day"}, {"person", "day"}),
    ("checkin", "person_unknown"): (set(), set()),
}
STEP_ORDER = ("names", "contact_details", "permission", "if_they_prefer")
_PLAN = Table({"contact": Text(), "interview_date": Text(), "checkin_date": Text(), "promised": Text(required=False)})
SCHEMA = Table({
    "ask": Table(), "steps": Table(), "checkin": Table(),
    "prompts": Table({k: Text() for k in ("ask_title", "ask_intro", "checkin_title", "checkin_intro")}),
    "example": Table({"ask": Table({"targets": TextList(), "field": Text()}),
                      "plan": Entries(_PLAN, label_key="contact")}),
})


class _Codec(JsonCodec):
    """``referrals.json`` as learners' files already have it: one ``ask`` table and a list of
    ``plans``; in memory the ask is a collection of one record (key ``"ask"``) and each plan
    gets a number."""

    def decode(self, data: bytes) -> Any:
        raw = super().decode(data)
        if not isinstance(raw, dict):
            return raw
        out = dict(raw)
        ask = out.get("ask")
        if isinstance(ask, dict):
            out["ask"] = [{**ask, "id": ASK_KEY}]
        elif ask is None:
            out["ask"] = []
        plans = out.get("plans")
        if isinstance(plans, list):
            top = max((p["id"] for p in plans if isinstance(p, dict) and isinstance(p.get("id"), int)
                       and not isinstance(p.get("id"), bool)), default=0)
            fixed = []
            for plan in plans:
                if isinstance(plan, dict) and "id" not in plan:
                    top += 1
                    plan = {"id": top, **plan}
                fixed.append(plan)
            out["plans"] = fixed
        return out

    def encode(self, data: Any) -> bytes:
        out = dict(data)
        asks = out.pop("ask", [])
        if asks:
            out["ask"] = {k: v for k, v in asks[0].items() if k != "id"}
        return super().encode(out)


STORE = Store("referrals.json", {
    "ask": Collection(key="id", fields={"targets": list, "field": str, "script": str},
                      optional={"interviewee": str, "interview_date": str}),
    "plans": Collection(key="id", fields={"contact": str, "interview_date": str, "checkin_date": str},
                        optional={"promised": str}, auto_id=True),
}, label="your referral script and check-in plans", codec=_Codec())
STORES = (STORE,)


# ---------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------
def _extra(data: Mapping[str, Any]) -> list[str]:
    where = str(content.file_path(CONTENT))
    problems = check_all(data, _TEMPLATES, where)
    if problems:
        return problems
    ask = data["example"]["ask"]
    _, found = _ask(ask.get("targets", []), ask.get("field", ""), ask.get("interviewee"),
                    ask.get("interview_date"), data, country="none")
    problems += [f"{where}, [example.ask] {p.field}: {content_sentence(p)}" for p in found]
    for i, plan in enumerate(data["example"]["plan"], start=1):
        _, found, _ = check_plan(plan.get("contact"), plan.get("interview_date"), plan.get("checkin_date"),
                                 plan.get("promised", ""), country="none", need_person=False)
        problems += [f"{where}, [[example.plan]] number {i}, {p.field}: {content_sentence(p)}" for p in found]
    return problems


def check_content() -> list[str]:
    """Every mistake in ``referrals.toml``, each naming the file, the entry and the fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT, SCHEMA, _extra)


def _content() -> dict[str, Any]:
    return content.checked_with(CONTENT, SCHEMA, _extra)


def prompts() -> dict[str, str]:
    """Titles and introductions of the forms (from the content file)."""
    return dict(_content()["prompts"])


def _content_problem(exc: content.ContentError) -> list[Problem]:
    return [Problem("content", "", "The referral scripts have a mistake, so nothing could be written",
                    f"Tell your instructor: {exc}", "content")]


# ---------------------------------------------------------------------------------------
# The referral ask
# ---------------------------------------------------------------------------------------
def parse_targets(targets: str | Iterable[str] | None) -> list[str]:
    """The names a learner listed: one per line (or a list), blank lines dropped.

    >>> parse_targets("Acme\\n\\n  Globex  \\n")
    ['Acme', 'Globex']
    """
    if targets is None:
        return []
    items = targets.splitlines() if isinstance(targets, str) else list(targets)
    return [t for t in (text.clean(i) for i in items) if t]


def _field_problems(field: str, value: Any, label: str, limit: int, required: bool = True,
                    example: str = "") -> list[Problem]:
    return text.check(field, value, label=label, limit=limit, required=required, example=example)


def check_ask(targets: str | Iterable[str] | None, field_or_role: Any, interviewee_name: Any = None,
              interview_date: Any = None) -> list[Problem]:
    """Problems in the ask's fields: 1-5 targets of at most 80 characters each, a field or role,
    an optional name and an optional interview date.

    >>> [p.code for p in check_ask([], "nursing")]
    ['empty']
    """
    problems: list[Problem] = []
    names = parse_targets(targets)
    if not names:
        problems.append(Problem("targets", "", "is empty",
                                "List 1 to 5 people or organisations your research points to, one per line",
                                "empty"))
    if len(names) > MAX_TARGETS:
        problems.append(Problem("targets", "", f"lists {len(names)} names",
                                f"Keep the {MAX_TARGETS} most useful: a short list is easier to say and "
                                f"leaves room for them to add names", "too_many"))
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        for p in _field_problems("targets", name, f"Line {number}", TARGET_LIMIT):
            problems.append(Problem(p.field, p.value, f"(line {number}) {p.what}", p.fix, p.code))
        key = text.fold(name)
        if key in seen:
            problems.append(Problem("targets", name, f"(line {number}) repeats line {seen[key]}",
                                    "Delete one of them", "repeated"))
        else:
            seen[key] = number
    problems += _field_problems("field", field_or_role, "The field or role", FIELD_LIMIT,
                                example="nursing management")
    problems += _field_problems("interviewee", interviewee_name, "The name", NAME_LIMIT, required=False)
    if text.clean(interview_date):
        _, p = dates.parse(text.clean(interview_date), field="interview_date")
        problems += [p] if p else []
    return problems


def _ask(targets: Any, field_or_role: Any, interviewee_name: Any, interview_date: Any,
         data: Mapping[str, Any], country: str | None = None) -> tuple[str, list[Problem]]:
    problems = check_ask(targets, field_or_role, interviewee_name, interview_date)
    if problems:
        return "", problems
    ask, steps = data["ask"], data["steps"]
    names = join_names([n.rstrip(".") for n in parse_targets(targets)])
    field_text = text.clean(field_or_role).rstrip(" .")
    name = text.clean(interviewee_name)
    if name:
        first = fill(ask["names_named"], name=name, targets=names, field=field_text)
    else:
        first = fill(ask["names"], targets=names, field=field_text)
    day = dates.parse(interview_date)[0] if text.clean(interview_date) else None
    person = data["checkin"]["person_unknown"].strip()
    when = (dates.day_label(followup.checkin_dates(day, country=country)[0]) if day is not None
            else ask["day_unknown"].strip())
    check_in = fill(data["checkin"]["sentence"], day=when, person=person)
    lines = {
        "names": first,
        "contact_details": ask["contact_details"].strip(),
        "permission": ask["permission"].strip(),
        "if_they_prefer": fill(ask["if_they_prefer"], checkin=check_in),
    }
    heading = f"Your referral ask (for {name})" if name else "Your referral ask"
    parts = [heading, ""]
    for number, key in enumerate(STEP_ORDER, start=1):
        parts += [f"{number}. {steps[key].strip()}", f"   \"{lines[key]}\"", ""]
    return "\n".join(parts).rstrip() + "\n", []


def referral_ask(targets: str | Iterable[str], field_or_role: str, interviewee_name: str | None = None,
                 interview_date: Any = None, *, country: str | None = None) -> tuple[str, list[Problem]]:
    """The referral script: ``(script, problems)`` (``script`` is "" when there are problems).

    ``targets``: 1-5 people or organisations your research points to (a list, or text with one
    per line). ``field_or_role``: what you are exploring. ``interviewee_name``: optional, to
    address them. ``interview_date``: optional; with it, the check-in line names a real day
    (skipping the public holidays of ``country``, by default the workspace setting).

    >>> script, problems = referral_ask(["Acme"], "logistics", "Ana", "2026-12-01", country="none")
    >>> print(script.splitlines()[-1])
       "Of course. Thank you for offering to speak to the people you mentioned. Could I check in with you on Tuesday 8 December, to hear how it went?"
    """
    try:
        data = _content()
    except content.ContentError as exc:
        return "", _content_problem(exc)
    return _ask(targets, field_or_role, interviewee_name, interview_date, data, country)


def save_ask(targets: str | Iterable[str], field_or_role: str, interviewee_name: str | None = None,
             interview_date: Any = None) -> Result:
    """Build the referral script and keep it (the latest one) in ``referrals.json``."""
    script, problems = referral_ask(targets, field_or_role, interviewee_name, interview_date)
    if problems:
        return Result.refused(problems)
    day = dates.parse(interview_date)[0] if text.clean(interview_date) else None
    record = {"id": ASK_KEY, "targets": parse_targets(targets), "field": text.clean(field_or_role),
              "interviewee": text.clean(interviewee_name), "interview_date": day.isoformat() if day else "",
              "script": script}
    result = STORE.put("ask", record, noun="referral script")
    if result.ok:
        result.message = ("Already saved: nothing changed, so nothing new was written." if not result.changed
                          else f"Saved in your workspace ({STORE.filename}).")
    return result


def saved_ask() -> dict[str, Any] | None:
    """The learner's saved referral ask (targets, field, interviewee, interview_date, script) or
    None (also when the file is damaged: the form says so and offers to move it aside)."""
    try:
        return STORE.get("ask", ASK_KEY)
    except (StoreError, OSError):  # OSError: a workspace that cannot be created
        return None


def example_ask() -> dict[str, Any]:
    """The fictional learner's ask fields from the content file."""
    return dict(_content()["example"]["ask"])


# ---------------------------------------------------------------------------------------
# Check-in plans
# ---------------------------------------------------------------------------------------
def check_contact(contact: Any) -> list[Problem]:
    """Problems in the name of the person to check in with (required, at most 80 characters).

    >>> [p.code for p in check_contact("=1+1")]
    ['formula']
    """
    return _field_problems("contact", contact, "The name", NAME_LIMIT, example="Ms Okafor")


def check_plan(contact: Any, interview_date: Any, checkin_date: Any, promised: Any = "", *,
               country: str | None = None, need_person: bool = True
               ) -> tuple[dict[str, str] | None, list[Problem], list[Advice]]:
    """Check a check-in plan: ``(plan, problems, advice)``.

    ``promised`` is whom the interviewee offered to contact (the check-in sentence restates it).
    Problems block saving (empty or too-long names, unreadable dates, a check-in not after the
    interview). Advice does not: a day outside the 7-10 day window, on a weekend or a holiday.

    >>> plan, problems, advice = check_plan("Ana", "2026-12-01", "2026-12-15", "Dr Nasser", country="none")
    >>> problems, plan["checkin_date"], [a.code for a in advice]
    ([], '2026-12-15', ['too_late'])
    """
    problems = check_contact(contact)
    problems += _field_problems("promised", promised, "Whom they offered to contact", PERSON_LIMIT,
                                required=need_person, example="Dr Nasser in the outreach team")
    interview, p1 = dates.parse(interview_date, field="interview_date")
    agreed, p2 = dates.parse(checkin_date, field="checkin_date")
    problems += [p for p in (p1, p2) if p]
    advice: list[Advice] = []
    if interview is not None and agreed is not None:
        if agreed <= interview:
            problems.append(Problem("checkin_date", agreed.isoformat(), "is not after the interview",
                                    f"Choose a day after {dates.day_label(interview, year=True)}, ideally "
                                    f"7-10 days after", "not_after_interview"))
        else:
            advice = followup.window_advice(interview, agreed, country=country)
    if problems:
        return None, problems, []
    assert interview is not None and agreed is not None
    plan = {"contact": text.clean(contact), "promised": text.clean(promised),
            "interview_date": interview.isoformat(), "checkin_date": agreed.isoformat()}
    return plan, [], advice


def _same_plan(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return text.fold(a["contact"]) == text.fold(b["contact"]) and a["interview_date"] == b["interview_date"]


def save_plan(contact: Any, interview_date: Any, checkin_date: Any, promised: Any = "") -> Result:
    """Save a check-in plan. One plan per person and interview: saving again replaces it.

    Advice about the day (outside 7-10 days, a weekend, a holiday) comes back in ``advice``;
    the plan is saved anyway, because the day is what the two of you agreed.
    """
    plan, problems, advice = check_plan(contact, interview_date, checkin_date, promised)
    if problems or plan is None:
        return Result.refused(problems)

    def change(data: dict) -> Result:
        plans = data["plans"]
        old = next((p for p in plans if _same_plan(p, plan)), None)
        when = dates.day_label(dates.parse(plan["checkin_date"])[0], year=True)
        if old is not None:
            if {k: old.get(k, "") for k in plan} == plan:
                return Result.unchanged(copy.deepcopy(old), f"Already saved: check in with {old['contact']} on "
                                                            f"{when}.", advice=advice)
            old.update(plan)
            return Result.done(copy.deepcopy(old), f"Updated: check in with {plan['contact']} on {when}.",
                               advice=advice)
        new = {"id": data["next_id"]["plans"], **plan}
        data["next_id"]["plans"] += 1
        plans.append(new)
        return Result.done(copy.deepcopy(new), f"Saved: check in with {plan['contact']} on {when}.",
                           advice=advice)

    result = STORE.transact(change)
    if result.saved and isinstance(result.item, dict):
        result.item = STORE.get("plans", result.item["id"]) or result.item
    return result


def saved_plans() -> list[dict[str, Any]]:
    """The learner's saved check-in plans, soonest check-in first ([] when none, or when the
    file is damaged: the form says so and offers to move it aside)."""
    try:
        plans = STORE.records("plans")
    except (StoreError, OSError):  # OSError: a workspace that cannot be created
        return []
    return sorted(plans, key=lambda p: (p["checkin_date"], text.fold(p["contact"])))


def example_plans() -> list[dict[str, str]]:
    """The fictional plans from the content file, shown until the learner saves one."""
    return [{k: str(p.get(k, "")) for k in ("contact", "promised", "interview_date", "checkin_date")}
            for p in _content()["example"]["plan"]]


def _label(iso: str) -> str:
    day, problem = dates.parse(iso)
    return dates.day_label(day, year=True) if day and not problem else iso


def plans_table(plans: list[dict[str, Any]] | None = None) -> pd.DataFrame:
    """Check-in plans as a table (the saved ones by default), with the sentence to say."""
    rows = saved_plans() if plans is None else plans
    records = []
    for p in rows:
        day, _ = dates.parse(p["checkin_date"])
        sentence = followup.checkin_sentence(p["contact"], day, p.get("promised", "")) if day else ""
        records.append({"Contact": p["contact"], "Offered to contact": p.get("promised", ""),
                        "Interview": _label(p["interview_date"]), "Check in on": _label(p["checkin_date"]),
                        "What to say": sentence})
    return pd.DataFrame(records, columns=["Contact", "Offered to contact", "Interview", "Check in on",
                                          "What to say"])


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
def export() -> ex.Section | None:
    """The saved referral script and check-in plans for the workbook (None when nothing is saved)."""
    ask = saved_ask()
    plans = saved_plans()
    if not ask and not plans:
        return None
    blocks: list[Any] = []
    if ask:
        blocks += [ex.Heading("Your referral ask"), ex.Paragraph(ask["script"].rstrip())]
    if plans:
        frame = plans_table(plans)
        blocks += [ex.Heading("Check-in plans"),
                   ex.Table(list(frame.columns), [list(map(str, r)) for r in frame.itertuples(index=False)])]
    return ex.Section("Referrals and follow-up", blocks, lesson="04-referrals-and-follow-up.ipynb")


def export_text() -> str:
    """The saved script and plans as plain text ("" when none)."""
    section = export()
    return ex.as_text([section]) if section else ""


def saved_text() -> str:
    """The saved script and plans as plain text, or a sentence saying there are none yet."""
    return export_text() or "You have not saved a referral script or a check-in plan yet."


def checkin_text(interview: Any, interviewee: Any = "", promised: Any = "", agreed: Any = "", *,
                 country: str | None = None) -> str:
    """The proposed check-in days after ``interview`` (typed or a date), the days left out as
    public holidays, the sentence to say, and advice on an ``agreed`` day if given (nothing is saved).

    >>> print(checkin_text("2026-12-16", "", "Dr Nasser", country="US").splitlines()[3])
    (Left out: Friday 25 December, Christmas Day.)
    """
    day, problem = dates.parse(interview, field="interview_date")
    if problem or day is None:
        return str(problem)
    code = followup.resolve_country(country)
    proposed = followup.checkin_dates(day, country=code)
    lines = [f"Interview on {dates.day_label(day, year=True)}. Working days 7-10 days later "
             f"({holidays_calendar.country_name(code)}):"]
    lines += [f"- {dates.day_label(d)}" for d in proposed]
    lines += [f"(Left out: {dates.day_label(d)}, {name}.)" for d, name in
              followup.skipped_holidays(day, country=code).items()]
    try:
        lines += ["", "What to say: " + followup.checkin_sentence(text.clean(interviewee), proposed[0],
                                                                 text.clean(promised))]
    except content.ContentError as exc:
        lines += ["", str(exc)]
    if text.clean(agreed):
        other, p = dates.parse(agreed, field="agreed")
        if other is None:
            lines += ["", str(p)]
        else:
            tips = followup.window_advice(day, other, country=code)
            lines += ["", f"If you agreed {dates.day_label(other)} instead:"]
            lines += [f"- {t}" for t in tips] or ["- that works: a working day 7-10 days after."]
    return "\n".join(lines)
