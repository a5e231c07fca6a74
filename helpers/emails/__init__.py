"""The request, the follow-up and the thank-you e-mail: composed from a few fields, checked, saved.

Wording lives in ``data/content/email_templates.toml`` (``string.Template`` placeholders such as
``$their_name``), so an instructor can change it without touching Python. This module tidies
what a learner typed so it reads well in the template (:mod:`helpers.emails.wording`), checks
the fields (required, length, words rather than filler, no request for a job, permission
before using a referrer's name), counts the words, advises on timing (the thank-you the
same day or the next, follow-ups after three working days and a week), and keeps the latest draft of each
kind in ``emails.json`` in the learner's workspace (a core :class:`~helpers.core.store.Store`).

>>> email, problems = compose_request(example_fields("request"))
>>> problems
[]
>>> email.subject
'A 20-minute conversation about your work at Riverside Community Hospital?'
>>> compose_request({})[0] is None
True
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from helpers import content
from helpers.emails import wording as email_wording
from helpers.emails.timing import follow_up_advice, follow_up_dates, thank_you_advice
from helpers.core import Advice, Problem, Result
from helpers.core import dates, export as ex, text
from helpers.core.schema import Table, Text, TextList
from helpers.core.store import Collection, JsonCodec, Store, StoreError
from helpers.core.templates import check_all, content_sentence, fill, join_or

try:  # the one job-ask rule shared with the questions lesson
    from helpers.core.jobask import job_ask as _job_ask
except Exception:  # pragma: no cover - missing or broken: the content file's phrases still apply
    _job_ask = None

CONTENT = "email_templates"   #: content file with the templates
KINDS = ("request", "follow_up", "thank_you")
KIND_NAMES = {"request": "Request for an informational interview", "follow_up": "Follow-up e-mail",
              "thank_you": "Thank-you e-mail"}
STAGES = ("first", "last")


@dataclass(frozen=True)
class Spec:
    """One form field: its label, whether it is required, its longest length and its example."""

    label: str
    limit: int
    required: bool = True
    hint: str = ""
    sentence: bool = False      # goes inside a sentence: must read as words (not "lol")


REQUEST_FIELDS: dict[str, Spec] = {
    "your_name": Spec("Your name", 80, hint="for example Jordan Mbeki"),
    "their_name": Spec("Their name (as you will greet them)", 80, hint="for example Ms Okafor"),
    "their_role": Spec("Their role", 120, hint="for example a nurse manager"),
    "organisation": Spec("Their organisation", 120, hint="for example Riverside Community Hospital"),
    "how_found": Spec("How you found them", 200, required=False, sentence=True,
                      hint="for example the speakers' list of a careers fair"),
    "referred_by": Spec("Who referred you (if anyone)", 80, required=False),
    "research": Spec("What your research says (finish: I read that ...)", 300, sentence=True,
                     hint="for example your hospital opened a community clinic last spring"),
    "learn": Spec("What you'd like to learn (finish: I'd like to learn ...)", 300, sentence=True,
                  hint="for example how you moved from bedside nursing into management"),
}
FOLLOW_UP_FIELDS: dict[str, Spec] = {
    "your_name": Spec("Your name", 80, hint="for example Jordan Mbeki"),
    "their_name": Spec("Their name (as you will greet them)", 80, hint="for example Ms Okafor"),
    "request_date": Spec("The day you sent your request", 40, hint="for example 2026-11-23"),
}
THANK_YOU_FIELDS: dict[str, Spec] = {
    "your_name": Spec("Your name", 80, hint="for example Jordan Mbeki"),
    "their_name": Spec("Their name (as you will greet them)", 80, hint="for example Ms Okafor"),
    "interview_date": Spec("Interview date", 40, hint="for example 2026-12-01"),
    "learned": Spec("One specific thing you learned", 300, sentence=True,
                    hint="for example how much of a manager's week goes into coaching"),
    "next_step": Spec("A next step you will take (finish: I plan to ...)", 300, sentence=True,
                      hint="for example volunteer at the clinic's Saturday health checks"),
    "referral": Spec("Anyone they referred you to (optional)", 200, required=False),
}
FIELDS = {"request": REQUEST_FIELDS, "follow_up": FOLLOW_UP_FIELDS, "thank_you": THANK_YOU_FIELDS}
JOB_FIELDS = ("how_found", "research", "learn", "their_role")

_R = {"your_name", "their_name", "their_role", "organisation", "how_line", "shared_line", "research",
      "learn", "minutes"}
_TEMPLATES: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("request", "subject"): (_R - {"how_line", "shared_line"}, set()),
    ("request", "body"): (_R, _R - {"their_role", "organisation"}),
    ("request", "found_line"): ({"how_found"}, {"how_found"}),
    ("request", "referred_line"): ({"referred_by"}, {"referred_by"}),
    ("request", "shared_line"): (set(), set()),
    ("follow_up", "subject"): ({"your_name", "their_name", "request_day", "minutes"}, set()),
    ("follow_up", "body"): ({"your_name", "their_name", "stage_line", "request_day", "minutes"},
                            {"your_name", "their_name", "stage_line"}),
    ("follow_up", "first_line"): ({"request_day", "minutes"}, {"request_day"}),
    ("follow_up", "last_line"): ({"request_day", "minutes"}, {"request_day"}),
    ("thank_you", "subject"): ({"your_name", "their_name", "interview_day"}, set()),
    ("thank_you", "body"): ({"your_name", "their_name", "interview_day", "learned", "next_step", "referral_line"},
                            {"your_name", "their_name", "interview_day", "learned", "next_step", "referral_line"}),
    ("thank_you", "referral_line"): ({"referral"}, {"referral"}),
}
_PROMPTS = ("request_title", "request_intro", "follow_up_title", "follow_up_intro", "thank_you_title",
            "thank_you_intro")
SCHEMA = Table({
    "request": Table(), "follow_up": Table(), "thank_you": Table(),
    "request_rules": Table({"job_phrases": TextList(help='["job opening", "hire me"]')}),
    "prompts": Table({k: Text() for k in _PROMPTS}),
    "example": Table({k: Table() for k in KINDS}),
})


@dataclass(frozen=True)
class Email:
    """A composed e-mail: plain text, ready to copy."""

    subject: str
    body: str

    def text(self) -> str:
        """Subject line and body as plain text."""
        return f"Subject: {self.subject}\n\n{self.body}"

    @property
    def words(self) -> int:
        """Words in the body."""
        return email_wording.word_count(self.body)

    def __str__(self) -> str:
        return self.text()


class _Codec(JsonCodec):
    """``emails.json`` as learners' files already have it: ``{"drafts": {kind: draft}}``; in
    memory the drafts are a collection keyed by ``kind``."""

    def decode(self, data: bytes) -> Any:
        raw = super().decode(data)
        if isinstance(raw, dict) and isinstance(raw.get("drafts"), dict):
            raw = {**raw, "drafts": [{**v, "kind": k} if isinstance(v, dict) else v
                                     for k, v in raw["drafts"].items()]}
        return raw

    def encode(self, data: Any) -> bytes:
        drafts = {d["kind"]: {k: v for k, v in d.items() if k != "kind"} for d in data.get("drafts", [])}
        return super().encode({**data, "drafts": drafts})


STORE = Store("emails.json", {"drafts": Collection(key="kind", fields={"subject": str, "body": str},
                                                    optional={"fields": dict, "saved_on": str})},
              label="your e-mail drafts", codec=_Codec())
STORES = (STORE,)


# ---------------------------------------------------------------------------------------
# Content: the templates, checked
# ---------------------------------------------------------------------------------------
def _job_phrase(text_: str, phrases: list[str]) -> str:
    return text.has_phrase(text_, phrases)


def _extra(data: Mapping[str, Any]) -> list[str]:
    where = str(content.file_path(CONTENT))
    problems = check_all(data, _TEMPLATES, where)
    rules = data["request_rules"]
    request = data["request"]
    for key in ("subject", "body", "found_line", "referred_line", "shared_line"):
        value = request.get(key)
        found = _job_phrase(value, rules["job_phrases"]) if isinstance(value, str) else ""
        if found:
            problems.append(f"{where}, [request] {key}: contains \"{found}\", which asks for a job. "
                            f"A request asks to learn; reword it.")
    minutes = rules.get("minutes")
    if not (isinstance(minutes, list) and minutes and
            all(isinstance(n, int) and not isinstance(n, bool) and 10 <= n <= 60 for n in minutes)):
        problems.append(f"{where}, [request_rules] minutes: should be a list of whole numbers of minutes "
                        f"between 10 and 60, for example [20, 25, 30].")
    for key, default in (("usual_words", 100), ("most_words", 120)):
        value = rules.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 30 <= value <= 400:
            problems.append(f"{where}, [request_rules] {key}: should be a whole number of words between "
                            f"30 and 400, for example {default}.")
    if problems:
        return problems
    for kind in KINDS:
        email, found = _compose(kind, data["example"][kind], data)
        problems += [f"{where}, [example.{kind}] {p.field}: {content_sentence(p)}" for p in found]
        if kind == "request" and email is not None and email.words > rules.get("most_words", 120):
            problems.append(f"{where}, [example.request]: the example request is {email.words} words, more than "
                            f"most_words ({rules.get('most_words', 120)}). Shorten the template or the example.")
    return problems


def check_content() -> list[str]:
    """Every mistake in ``email_templates.toml``, each naming the file, the template and the fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT, SCHEMA, _extra)


def _templates() -> dict[str, Any]:
    """The checked content, or ContentError with every mistake listed."""
    return content.checked_with(CONTENT, SCHEMA, _extra)


def prompts() -> dict[str, str]:
    """Titles and introductions of the forms (from the content file)."""
    return dict(_templates()["prompts"])


def minutes_options() -> list[int]:
    """The lengths of conversation a learner may ask for."""
    return list(_templates()["request_rules"]["minutes"])


def word_limits() -> tuple[int, int]:
    """``(usual, most)`` words for a request (from the content file)."""
    rules = _templates()["request_rules"]
    return int(rules.get("usual_words", 100)), int(rules.get("most_words", 120))


def example_fields(kind: str = "request") -> dict[str, Any]:
    """The fictional learner's fields from the content file (for showing an example)."""
    return dict(_templates()["example"][_kind(kind)])


# ---------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------
def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return kind


def _date_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return text.clean(value)


def normalise(kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields as they are checked and saved: known keys only, text trimmed (as typed)."""
    specs = FIELDS[_kind(kind)]
    out: dict[str, Any] = {name: (_date_text(fields.get(name)) if name.endswith("_date")
                                  else text.clean(fields.get(name))) for name in specs}
    if kind == "request":
        out["may_use_name"] = bool(fields.get("may_use_name", False))
        out["spoke_to_similar"] = bool(fields.get("spoke_to_similar", False))
    if kind == "follow_up":
        out["stage"] = text.clean(fields.get("stage")) or "first"
    if kind in ("request", "follow_up"):
        raw = fields.get("minutes")
        try:
            out["minutes"] = int(raw) if raw is not None and str(raw).strip() != "" else None
        except (TypeError, ValueError):
            out["minutes"] = str(raw)
        if isinstance(raw, bool):
            out["minutes"] = str(raw)
    return out


def job_problem(field: str, value: str, phrases: list[str]) -> Problem | None:
    """A problem when ``value`` asks for a job (the shared rule, plus the content file's phrases)."""
    found = _job_ask(value) if _job_ask is not None else None
    if found is not None:
        return Problem(field, value, f"asks about a job (\"{found.words}\": {found.reason})",
                       "An informational interview is for learning, not for asking for a job. Reword it as "
                       f"something you would like to learn, for example: {found.instead}", "job_ask")
    phrase = _job_phrase(value, phrases)
    if phrase:
        return Problem(field, value, f"asks about a job (\"{phrase}\")",
                       "An informational interview is for learning, not for asking for a job. Reword it as "
                       "something you would like to learn", "job_ask")
    return None


def check_fields(kind: str, fields: Mapping[str, Any], rules: Mapping[str, Any] | None = None) -> list[Problem]:
    """Problems in a learner's fields (required, length, text rules, words, job asks, permission, dates).

    >>> [p.field for p in check_fields("request", {})][:3]
    ['your_name', 'their_name', 'their_role']
    """
    specs = FIELDS[_kind(kind)]
    values = normalise(kind, fields)
    rules = rules if rules is not None else _templates()["request_rules"]
    problems: list[Problem] = []
    for name, spec in specs.items():
        label = spec.label.split(" (")[0]
        found = text.check(name, values[name], label=label, limit=spec.limit, required=spec.required,
                           example=spec.hint.removeprefix("for example "))
        for p in found:  # "is empty" beside the field says enough; the fix names the field
            what = label.lower() if label.lower().startswith(("your", "their", "the ", "one ", "a ", "what", "who",
                                                              "any", "how")) else "the " + label.lower()
            problems.append(Problem(p.field, p.value, "is empty", f"Fill in {what}, "
                                    f"{spec.hint}" if spec.hint else f"Fill in {what}", "empty")
                            if p.code == "empty" else p)
        if found or not values[name]:
            continue
        if spec.sentence or name in ("their_role", "organisation"):
            problems += email_wording.sentence_problems(name, values[name])
        elif name.endswith("_date"):
            _, p = dates.parse(values[name], field=name)
            problems += [p] if p else []
    if kind == "request":
        for name in JOB_FIELDS:
            if values[name] and name not in {p.field for p in problems}:
                p = job_problem(name, values[name], list(rules.get("job_phrases", [])))
                problems += [p] if p else []
        if not values["how_found"] and not values["referred_by"]:
            problems.append(Problem("how_found", "", "is empty", "Say how you found them (for example a "
                                    "careers fair), or fill in who referred you", "empty"))
        if values["referred_by"] and not values["may_use_name"]:
            problems.append(Problem("referred_by", values["referred_by"],
                                    "is named, but you have not ticked that they agreed you may use their name",
                                    "Ask them first and tick the box once they say yes; until then leave this "
                                    "empty and say how you found the person instead", "no_permission"))
    if kind == "follow_up" and values["stage"] not in STAGES:
        problems.append(Problem("stage", values["stage"], "is not a follow-up this lesson writes",
                                "Choose first or last", "bad_choice"))
    if kind in ("request", "follow_up"):
        allowed = rules.get("minutes", [])
        if values["minutes"] not in allowed:
            problems.append(Problem("minutes", str(values["minutes"] if values["minutes"] is not None else ""),
                                    "is not one of the lengths offered",
                                    f"Ask for {join_or(allowed)} minutes: a short request is easier to say yes to",
                                    "bad_minutes"))
    return problems


# ---------------------------------------------------------------------------------------
# Composing
# ---------------------------------------------------------------------------------------
def _tidy_body(body: str) -> str:
    return text.clean_block(body) + "\n"


def _mapping(kind: str, values: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, str]:
    """Placeholder values: tidied fields; an empty or unreadable one shows as ``[its label]``."""
    table = data[kind]
    specs = FIELDS[kind]
    out: dict[str, str] = {}
    for name, spec in specs.items():
        tidy = email_wording.tidy(name, values.get(name, ""))
        out[name] = tidy or (f"[{spec.label.split(' (')[0].lower()}]" if spec.required else "")
    out["minutes"] = str(values.get("minutes") or "[minutes]")
    if kind == "request":
        if out["referred_by"]:
            out["how_line"] = fill(table["referred_line"], referred_by=out["referred_by"])
        else:
            out["how_line"] = fill(table["found_line"], how_found=out["how_found"] or "[how you found them]")
        out["shared_line"] = (" " + fill(table["shared_line"])) if values.get("spoke_to_similar") else ""
    elif kind == "follow_up":
        day, _ = dates.parse(values.get("request_date"))
        out["request_day"] = dates.day_label(day) if day else "[the day you wrote]"
        stage = values.get("stage") if values.get("stage") in STAGES else "first"
        out["stage_line"] = fill(table[f"{stage}_line"], request_day=out["request_day"], minutes=out["minutes"])
    else:
        day, _ = dates.parse(values.get("interview_date"))
        out["interview_day"] = dates.day_label(day) if day else "[the interview day]"
        out["referral_line"] = ("\n" + fill(table["referral_line"], referral=out["referral"]) + "\n"
                                if out["referral"] else "")
    return out


def _compose(kind: str, fields: Mapping[str, Any], data: Mapping[str, Any],
             always: bool = False) -> tuple[Email | None, list[Problem]]:
    problems = check_fields(kind, fields, data["request_rules"])
    if problems and not always:
        return None, problems
    mapping = _mapping(kind, normalise(kind, fields), data)
    table = data[kind]
    subject = text.clean(fill(table["subject"], **mapping))
    return Email(subject, _tidy_body(fill(table["body"], **mapping))), problems


def _content_problem(exc: content.ContentError) -> list[Problem]:
    return [Problem("content", "", "The e-mail templates have a mistake, so no e-mail could be written",
                    f"Tell your instructor: {exc}", "content")]


def compose(kind: str, fields: Mapping[str, Any]) -> tuple[Email | None, list[Problem]]:
    """Compose an e-mail of ``kind``: ``(Email, [])``, or ``(None, problems)``."""
    _kind(kind)
    try:
        data = _templates()
    except content.ContentError as exc:
        return None, _content_problem(exc)
    return _compose(kind, fields, data)


def draft(kind: str, fields: Mapping[str, Any]) -> tuple[Email | None, list[Problem]]:
    """The e-mail as it would read, even with problems (empty fields show as ``[their name]``),
    so a form can show the draft that was not saved beside its problems."""
    _kind(kind)
    try:
        data = _templates()
    except content.ContentError as exc:
        return None, _content_problem(exc)
    return _compose(kind, fields, data, always=True)


def compose_request(fields: Mapping[str, Any]) -> tuple[Email | None, list[Problem]]:
    """The request e-mail from a learner's fields: ``(Email, problems)``.

    Fields: your_name, their_name, their_role, organisation, how_found or referred_by (with
    may_use_name=True: you asked and they agreed), research, learn, minutes (20, 25 or 30), and
    spoke_to_similar=True to add that you have spoken with people at similar organisations.

    >>> email, problems = compose_request({**example_fields("request"), "learn": "if there's a job for me"})
    >>> [(p.field, p.code) for p in problems]
    [('learn', 'job_ask')]
    """
    return compose("request", fields)


def compose_follow_up(fields: Mapping[str, Any]) -> tuple[Email | None, list[Problem]]:
    """A follow-up for a request with no reply: ``(Email, problems)``.

    Fields: your_name, their_name, request_date, stage ("first" or "last"), minutes.

    >>> print(compose_follow_up(example_fields("follow_up"))[0].body.splitlines()[2][:44])
    I wrote to you on Monday 23 November to ask
    """
    return compose("follow_up", fields)


def compose_thank_you(fields: Mapping[str, Any]) -> tuple[Email | None, list[Problem]]:
    """The thank-you e-mail: ``(Email, problems)``.

    Fields: your_name, their_name, interview_date, learned, next_step, referral (optional).

    >>> print(compose_thank_you(example_fields("thank_you"))[0].subject)
    Thank you for our conversation on Tuesday 1 December
    """
    return compose("thank_you", fields)


# ---------------------------------------------------------------------------------------
# Advice: length and timing
# ---------------------------------------------------------------------------------------
def length_advice(email: Email) -> Advice:
    """How the request's length compares with what people usually answer (advice, not a rule).

    >>> length_advice(compose_request(example_fields("request"))[0]).code
    'length_ok'
    """
    usual, most = word_limits()
    n = email.words
    if n <= usual:
        return Advice("length_ok", f"{n} words: short enough to read at a glance (requests people answer "
                                   f"are usually under about {usual}-{most} words).")
    if n <= most:
        return Advice("length_ok", f"{n} words: about as long as a request should be (usually under about "
                                   f"{usual}-{most} words).")
    return Advice("long_request", f"{n} words: longer than the usual {usual}-{most}. Shorten a field or two "
                                  f"(the research or what you'd like to learn) so it reads at a glance.")


def advice_for(kind: str, fields: Mapping[str, Any], email: Email | None, today: Any = None) -> list[Advice]:
    """Advice shown with a draft: the request's length, the follow-up's or thank-you's timing."""
    values = normalise(kind, fields)
    out: list[Advice] = []
    if kind == "request" and email is not None:
        out.append(length_advice(email))
    elif kind == "follow_up" and values.get("request_date"):
        said, problems = follow_up_advice(values["request_date"], values.get("stage", "first"), today)
        out += [Advice("follow_up_timing", said)] if said and not problems else []
    elif kind == "thank_you" and values.get("interview_date"):
        said, problems = thank_you_advice(values["interview_date"], today=today)
        out += [Advice("thank_you_timing", said)] if said and not problems else []
    return out


# ---------------------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------------------
def save_draft(kind: str, fields: Mapping[str, Any], today: dt.date | None = None) -> Result:
    """Compose and save the latest draft of ``kind`` in ``emails.json``.

    Nothing is written when a field has a problem, when the file cannot be used (it is never
    overwritten), or when the same draft is already saved. ``result.item`` is the draft as read
    back (fields, subject, body, saved_on); ``result.advice`` the length or timing advice.
    """
    email, problems = compose(kind, fields)
    if problems or email is None:
        return Result.refused(problems)
    advice = advice_for(kind, fields, email, today)
    record = {"kind": kind, "fields": normalise(kind, fields), "subject": email.subject, "body": email.body}

    def change(data: dict) -> Result:
        old = next((d for d in data["drafts"] if d["kind"] == kind), None)
        if old is not None and {k: old.get(k) for k in record} == record:
            return Result.unchanged(dict(old), "Already saved: nothing changed, so nothing new was written.",
                                    advice=advice)
        new = {**record, "saved_on": (today or dt.date.today()).isoformat()}
        data["drafts"] = [d for d in data["drafts"] if d["kind"] != kind] + [new]
        return Result.done(dict(new), f"Saved in your workspace ({STORE.filename}).", advice=advice)

    result = STORE.transact(change)
    if result.saved:
        result.item = STORE.get("drafts", kind) or result.item
    return result


def saved_drafts() -> dict[str, dict[str, Any]]:
    """The learner's saved drafts by kind (``{}`` when none, or when the file cannot be used:
    the form says so and offers to move it aside). Each has fields, subject, body, saved_on."""
    try:
        return {d["kind"]: d for d in STORE.records("drafts") if d["kind"] in KINDS}
    except (StoreError, OSError):  # OSError: a workspace that cannot be created
        return {}


def saved_email(kind: str) -> Email | None:
    """The saved draft of one kind as an :class:`Email`, or None."""
    item = saved_drafts().get(_kind(kind))
    return Email(item["subject"], item["body"]) if item else None


def export() -> ex.Section | None:
    """The saved drafts as e-mail blocks for the workbook (None when none are saved)."""
    drafts = saved_drafts()
    if not drafts:
        return None
    blocks = [ex.Email(drafts[k]["subject"], drafts[k]["body"], label=KIND_NAMES[k]) for k in KINDS if k in drafts]
    return ex.Section("E-mail drafts", blocks, lesson="03-asking-and-thanking.ipynb")


def export_text() -> str:
    """The saved drafts as plain text, or "" when none are saved."""
    section = export()
    return ex.as_text([section]) if section else ""


def saved_text() -> str:
    """The saved drafts as plain text, or a sentence saying there are none yet (for printing)."""
    return export_text() or "You have not saved an e-mail draft yet."
