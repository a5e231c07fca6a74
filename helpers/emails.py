"""The request e-mail and the thank-you e-mail: composed from a few fields, checked, saved.

Wording lives in ``data/content/email_templates.toml`` (``string.Template`` placeholders such as
``$their_name``), so an instructor can change it without touching Python. This module fills
the templates with what a learner typed, checks the fields (required, length, no request
for a job, permission before using a referrer's name), advises on the thank-you's timing,
and keeps the latest draft of each kind in ``emails.json`` in the learner's workspace.

>>> problems, email = compose_request(example_fields("request"))
>>> problems
[]
>>> email.subject
'A 20-minute conversation about your work at Riverside Community Hospital?'
>>> compose_request({})[1] is None
True
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from string import Template
from typing import Any, Iterable, Mapping

from . import content, workspace
from .display import escape, message_html
from .followup import day_label, parse_date
from .log import Problem

FILE = "emails.json"          #: workspace file holding the latest draft of each kind
CONTENT = "email_templates"   #: content file with the templates
KINDS = ("request", "thank_you")
KIND_NAMES = {"request": "Request for an informational interview", "thank_you": "Thank-you e-mail"}


@dataclass(frozen=True)
class Spec:
    """One form field: its label, whether it is required and its longest length."""

    label: str
    limit: int
    required: bool = True
    name_like: bool = False     # a name: refuse text a spreadsheet would run as a formula
    hint: str = ""


REQUEST_FIELDS: dict[str, Spec] = {
    "your_name": Spec("Your name", 80, name_like=True),
    "their_name": Spec("Their name (as you will greet them)", 80, name_like=True, hint="for example Ms Okafor"),
    "their_role": Spec("Their role", 120, hint="for example a nurse manager"),
    "organisation": Spec("Their organisation", 120, name_like=True),
    "how_found": Spec("How you found them", 200, required=False,
                      hint="for example the speakers' list of a careers fair"),
    "referred_by": Spec("Who referred you (if anyone)", 80, required=False, name_like=True),
    "research": Spec("What your research says (finish: I read that ...)", 300,
                     hint="for example your hospital opened a community clinic last spring"),
    "learn": Spec("What you'd like to learn (finish: I'd like to learn ...)", 300,
                  hint="for example how you moved from bedside nursing into management"),
}
THANK_YOU_FIELDS: dict[str, Spec] = {
    "your_name": Spec("Your name", 80, name_like=True),
    "their_name": Spec("Their name (as you will greet them)", 80, name_like=True),
    "interview_date": Spec("Interview date (YYYY-MM-DD)", 40),
    "learned": Spec("One specific thing you learned", 300,
                    hint="for example how much of a manager's week goes into coaching"),
    "next_step": Spec("A next step you will take (finish: I plan to ...)", 300,
                      hint="for example volunteer at the clinic's Saturday health checks"),
    "referral": Spec("Anyone they referred you to (optional)", 200, required=False),
}
FIELDS = {"request": REQUEST_FIELDS, "thank_you": THANK_YOU_FIELDS}

# Placeholders each template may use, and those the body must keep.
_ALLOWED = {
    ("request", "subject"): {"your_name", "their_name", "their_role", "organisation", "research", "learn", "minutes"},
    ("request", "body"): {"your_name", "their_name", "their_role", "organisation", "how_line", "research",
                          "learn", "minutes"},
    ("request", "found_line"): {"how_found"},
    ("request", "referred_line"): {"referred_by"},
    ("thank_you", "subject"): {"your_name", "their_name", "interview_day"},
    ("thank_you", "body"): {"your_name", "their_name", "interview_day", "learned", "next_step", "referral_line"},
    ("thank_you", "referral_line"): {"referral"},
}
_REQUIRED = {
    ("request", "body"): {"your_name", "their_name", "how_line", "research", "learn", "minutes"},
    ("request", "found_line"): {"how_found"},
    ("request", "referred_line"): {"referred_by"},
    ("thank_you", "body"): {"your_name", "their_name", "interview_day", "learned", "next_step", "referral_line"},
    ("thank_you", "referral_line"): {"referral"},
}
_FORMULA_START = ("=", "+", "@")


@dataclass(frozen=True)
class Email:
    """A composed e-mail: plain text, ready to copy."""

    subject: str
    body: str

    def text(self) -> str:
        """Subject line and body as plain text."""
        return f"Subject: {self.subject}\n\n{self.body}"

    def html(self) -> str:
        """The e-mail escaped inside a ``<pre>``, so it shows exactly as typed and can be copied."""
        return email_html(self)

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.text()


def email_html(email: Email, heading: str | None = None) -> str:
    """An e-mail shown safely: subject and message each escaped in a ``<pre>`` that keeps its
    lines; one click selects the whole subject or message, ready to copy.

    >>> "&lt;b&gt;" in email_html(Email("Hi", "<b>"))
    True
    """
    head = f"<p style='margin:0.3em 0'><strong>{escape(heading)}</strong></p>" if heading else ""
    box = ("white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;font-family:inherit;border:1px solid #999;padding:0.6em;"
           "max-width:720px;user-select:all;margin:0.2em 0 0.6em 0")
    return (f"{head}<p style='margin:0.2em 0'>Subject line (click it to select it, then copy):</p>"
            f"<pre class='iiw-email-subject' style='{box}'>{escape(email.subject)}</pre>"
            f"<p style='margin:0.2em 0'>Message (click it to select it, then copy):</p>"
            f"<pre class='iiw-email' style='{box}'>{escape(email.body)}</pre>")


# ---------------------------------------------------------------------------------------
# Content: the templates, checked
# ---------------------------------------------------------------------------------------
def template_problems(text: Any, allowed: set[str], required: set[str], where: str) -> list[str]:
    """Mistakes in one ``string.Template`` text: unknown, missing or malformed placeholders.

    ``where`` names the file and template in each message.

    >>> template_problems("Hi $nmae", {"name"}, {"name"}, "x.toml, [a] body")  # doctest: +NORMALIZE_WHITESPACE
    ['x.toml, [a] body: unknown placeholder $nmae. Use only: $name (write $$ for a dollar sign).',
     'x.toml, [a] body: the placeholder $name is missing. Put it back where the text belongs.']
    """
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: is missing or empty. Add it as text in quotes."]
    found: set[str] = set()
    problems: list[str] = []
    for m in Template.pattern.finditer(text):
        if m.group("invalid") is not None:
            line = text.count("\n", 0, m.start()) + 1
            snippet = text[m.start():m.start() + 12].split("\n")[0]
            problems.append(f"{where}, line {line} of the text: '{snippet}' is not a placeholder. Write $name "
                            f"or ${{name}}, or $$ for a dollar sign.")
            continue
        name = m.group("named") or m.group("braced")
        if name:
            found.add(name)
    ok = " ".join(f"${a}" for a in sorted(allowed)) or "(none)"
    for name in sorted(found - allowed):
        problems.append(f"{where}: unknown placeholder ${name}. Use only: {ok} (write $$ for a dollar sign).")
    for name in sorted(required - found):
        problems.append(f"{where}: the placeholder ${name} is missing. Put it back where the text belongs.")
    return problems


def _job_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    parts = [r"\s+".join(map(re.escape, p.lower().split())) for p in phrases if p.strip()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _content_problems(data: Mapping[str, Any]) -> list[str]:
    where = str(content.file_path(CONTENT))
    problems: list[str] = []
    for (kind, key), allowed in _ALLOWED.items():
        table = data.get(kind)
        if not isinstance(table, dict):
            problems.append(f"{where}: no [{kind}] table was found. Add a [{kind}] table with its templates.")
            continue
        problems += template_problems(table.get(key), allowed, _REQUIRED.get((kind, key), set()),
                                      f"{where}, [{kind}] {key}")
    rules = data.get("request_rules")
    if not isinstance(rules, dict):
        problems.append(f"{where}: no [request_rules] table was found. Add it with job_phrases and minutes.")
    else:
        phrases = rules.get("job_phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            problems.append(f"{where}, [request_rules] job_phrases: should be a list of phrases in quotes, "
                            f"for example [\"job opening\", \"hire me\"].")
        else:
            pattern = _job_pattern(phrases)
            request = data.get("request") if isinstance(data.get("request"), dict) else {}
            for key in ("subject", "body", "found_line", "referred_line"):
                text = request.get(key)
                m = pattern.search(text) if isinstance(text, str) and pattern else None
                if m:
                    problems.append(f"{where}, [request] {key}: contains \"{m.group(0)}\", which asks for a job. "
                                    f"A request asks to learn; reword it.")
        minutes = rules.get("minutes")
        if not (isinstance(minutes, list) and minutes and
                all(isinstance(n, int) and not isinstance(n, bool) and 10 <= n <= 60 for n in minutes)):
            problems.append(f"{where}, [request_rules] minutes: should be a list of whole numbers of minutes "
                            f"between 10 and 60, for example [20, 25, 30].")
    for key in ("request_title", "request_intro", "thank_you_title", "thank_you_intro"):
        prompts = data.get("prompts") if isinstance(data.get("prompts"), dict) else {}
        if not isinstance(prompts.get(key), str) or not prompts.get(key, "").strip():
            problems.append(f"{where}, [prompts] {key}: is missing or empty. Add {key} = \"...\".")
    examples = data.get("example") if isinstance(data.get("example"), dict) else {}
    for kind in KINDS:
        sample = examples.get(kind)
        if not isinstance(sample, dict):
            problems.append(f"{where}: no [example.{kind}] table was found. Add one with the fields of a "
                            f"fictional learner.")
            continue
        if not problems:
            composed = _compose(kind, sample, data)
            for p in composed[0]:
                problems.append(f"{where}, [example.{kind}] {p.column}: {problem_sentence(p)}")
    return problems


def problem_sentence(p: Problem) -> str:
    """A problem as one sentence for a content-file message (value, what is wrong, the fix)."""
    value = f"\"{p.value}\" " if p.value else ""
    return f"{value}{p.what}. {p.fix}".rstrip(".") + "."


def check_content() -> list[str]:
    """Every mistake in ``email_templates.toml``, each naming the file, the template and the fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT, _content_problems)


def _templates() -> dict[str, Any]:
    """The checked content, or ContentError with every mistake listed."""
    return content.checked(CONTENT, _content_problems)


def prompts() -> dict[str, str]:
    """Titles and introductions of the forms (from the content file)."""
    return dict(_templates()["prompts"])


def minutes_options() -> list[int]:
    """The lengths of conversation a learner may ask for."""
    return list(_templates()["request_rules"]["minutes"])


def example_fields(kind: str = "request") -> dict[str, Any]:
    """The fictional learner's fields from the content file (for showing an example)."""
    _kind(kind)
    return dict(_templates()["example"][kind])


# ---------------------------------------------------------------------------------------
# Checking and composing
# ---------------------------------------------------------------------------------------
def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return kind


def _clean(value: Any) -> str:
    """One line of learner text: trimmed, inner runs of spaces and line breaks made single spaces."""
    if value is None:
        return ""
    text = str(value).replace("\x00", "")
    return re.sub(r"\s+", " ", text).strip()


def _sentence_part(value: str) -> str:
    """Text placed inside a sentence: a trailing full stop removed (the template adds its own)."""
    return value.rstrip(" .")


def normalise(kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields as they are checked and saved: known keys only, text trimmed."""
    specs = FIELDS[_kind(kind)]
    out: dict[str, Any] = {name: _clean(fields.get(name)) for name in specs}
    if kind == "request":
        out["may_use_name"] = bool(fields.get("may_use_name", False))
        raw = fields.get("minutes")
        try:
            out["minutes"] = int(raw) if raw is not None and str(raw).strip() != "" else None
        except (TypeError, ValueError):
            out["minutes"] = str(raw)
    return out


def check_fields(kind: str, fields: Mapping[str, Any], rules: Mapping[str, Any] | None = None) -> list[Problem]:
    """Problems in a learner's fields (required, length, formula-like names, job asks, permission, dates).

    >>> [p.column for p in check_fields("request", {})][:3]
    ['your_name', 'their_name', 'their_role']
    """
    specs = FIELDS[_kind(kind)]
    values = normalise(kind, fields)
    rules = rules if rules is not None else _templates()["request_rules"]
    problems: list[Problem] = []
    for name, spec in specs.items():
        value = values[name]
        label = spec.label.split(" (")[0]
        if not value:
            if spec.required:
                problems.append(Problem(None, name, "", "is empty",
                                        f"Fill in {label.lower()}" + (f", {spec.hint}" if spec.hint else "")))
            continue
        if len(value) > spec.limit:
            problems.append(Problem(None, name, value[:40] + "…", f"is {len(value)} characters long",
                                    f"Shorten it to {spec.limit} characters or fewer"))
        if spec.name_like and value.startswith(_FORMULA_START):
            problems.append(Problem(None, name, value, f"starts with '{value[0]}', like a spreadsheet formula",
                                    "Type it as plain text, starting with a letter"))
    if kind == "request":
        pattern = _job_pattern(rules.get("job_phrases", []))
        for name in ("how_found", "research", "learn", "their_role"):
            m = pattern.search(values[name].replace("\u2019", "'")) if pattern else None
            if m:
                problems.append(Problem(None, name, values[name][:60],
                                        f"asks about a job (\"{m.group(0)}\")",
                                        "An informational interview is for learning, not for asking for a job. "
                                        "Reword it as something you would like to learn"))
        if not values["how_found"] and not values["referred_by"]:
            problems.append(Problem(None, "how_found", "", "is empty",
                                    "Say how you found them (for example a careers fair), or fill in who referred you"))
        if values["referred_by"] and not values["may_use_name"]:
            problems.append(Problem(None, "referred_by", values["referred_by"],
                                    "is named, but you have not ticked that they agreed you may use their name",
                                    "Ask them first and tick the box once they say yes; until then leave this "
                                    "empty and say how you found the person instead"))
        allowed = rules.get("minutes", [])
        if values["minutes"] not in allowed:
            problems.append(Problem(None, "minutes", str(values["minutes"] if values["minutes"] is not None else ""),
                                    "is not one of the lengths offered",
                                    f"Ask for {_or(allowed)} minutes: a short request is easier to say yes to"))
    else:
        if values["interview_date"]:
            _, date_problems = parse_date(values["interview_date"], field="interview_date")
            problems += date_problems
    return problems


def _or(items: Iterable[Any]) -> str:
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _fill(text: str, mapping: Mapping[str, str]) -> str:
    return Template(text).substitute(mapping)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _compose(kind: str, fields: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[list[Problem], Email | None]:
    problems = check_fields(kind, fields, data["request_rules"])
    if problems:
        return problems, None
    values = normalise(kind, fields)
    table = data[kind]
    text = {k: _sentence_part(v) if isinstance(v, str) else v for k, v in values.items()}
    if kind == "request":
        if values["referred_by"]:
            how_line = _fill(table["referred_line"].strip(), {"referred_by": text["referred_by"]})
        else:
            how_line = _fill(table["found_line"].strip(), {"how_found": text["how_found"]})
        mapping = {**{k: str(v) for k, v in text.items()}, "how_line": how_line}
    else:
        day, _ = parse_date(values["interview_date"], field="interview_date")
        referral_line = ""
        if values["referral"]:
            referral_line = "\n" + _fill(table["referral_line"].strip(), {"referral": text["referral"]}) + "\n"
        mapping = {**{k: str(v) for k, v in text.items()}, "interview_day": day_label(day),
                   "referral_line": referral_line}
    subject = _clean(_fill(table["subject"], mapping))
    body = _tidy(_fill(table["body"], mapping))
    return [], Email(subject, body)


def _content_problem(exc: content.ContentError) -> list[Problem]:
    return [Problem(None, "content", "", "The e-mail templates have a mistake, so no e-mail could be written",
                    f"Tell your instructor: {exc}")]


def compose(kind: str, fields: Mapping[str, Any]) -> tuple[list[Problem], Email | None]:
    """Compose either kind of e-mail. Returns ``(problems, Email)`` or ``(problems, None)``."""
    _kind(kind)
    try:
        data = _templates()
    except content.ContentError as exc:
        return _content_problem(exc), None
    return _compose(kind, fields, data)


def compose_request(fields: Mapping[str, Any]) -> tuple[list[Problem], Email | None]:
    """The request e-mail from a learner's fields: ``(problems, Email)``.

    Fields: your_name, their_name, their_role, organisation, how_found or referred_by (with
    may_use_name=True: you asked and they agreed), research, learn, minutes (20, 25 or 30).
    A field that is empty, too long, or asks for a job is a problem beside that field.

    >>> fields = {**example_fields("request"), "learn": "whether you have any openings"}
    >>> problems, email = compose_request(fields)
    >>> [(p.column, p.what) for p in problems]
    [('learn', 'asks about a job ("any openings")')]
    """
    return compose("request", fields)


def compose_thank_you(fields: Mapping[str, Any]) -> tuple[list[Problem], Email | None]:
    """The thank-you e-mail: ``(problems, Email)``.

    Fields: your_name, their_name, interview_date, learned, next_step, referral (optional).

    >>> print(compose_thank_you(example_fields("thank_you"))[1].subject)
    Thank you for our conversation on Tuesday 1 December
    """
    return compose("thank_you", fields)


# ---------------------------------------------------------------------------------------
# When to send the thank-you
# ---------------------------------------------------------------------------------------
def thank_you_advice(interview_date: Any, sent_date: Any = None, today: Any = None) -> tuple[list[Problem], str]:
    """When to send (or whether you sent) the thank-you: ``(problems, advice)``.

    The rule of thumb is within 24 hours: the same day or the next. Dates may be typed text
    (see :func:`helpers.followup.parse_date`) or ``datetime.date``; ``today`` defaults to today.

    >>> print(thank_you_advice("2026-12-01", today="2026-12-01")[1])
    Your interview is today (Tuesday 1 December). Send your thank-you today or tomorrow, within 24 hours, while the conversation is fresh.
    >>> print(thank_you_advice("2026-12-01", sent_date="2026-12-04")[1])
    You sent it on Friday 4 December, 3 days after the interview: later than the 24 hours that is best. Nothing is lost: a warm thank-you a little late is far better than none. Next time, send it the same day or the next.
    >>> thank_you_advice("1/12/26")[0][0].column
    'interview_date'
    """
    problems: list[Problem] = []
    interview, found = parse_date(interview_date, field="interview_date")
    problems += found
    sent = None
    if sent_date not in (None, ""):
        sent, found = parse_date(sent_date, field="sent_date")
        problems += found
    if today in (None, ""):
        now = dt.date.today()
    else:
        now, found = parse_date(today, field="today")
        problems += found
    if problems:
        return problems, ""
    assert interview is not None and now is not None
    label = day_label(interview)
    if sent is not None:
        days = (sent - interview).days
        if days < 0:
            return [Problem(None, "sent_date", str(sent_date), "is before the interview",
                            "Check both dates: a thank-you goes out after the conversation")], ""
        if days <= 1:
            when = "the same day" if days == 0 else "the next day"
            return [], (f"You sent it on {day_label(sent)}, {when}: right on time. That promptness is "
                        f"part of the thank-you.")
        return [], (f"You sent it on {day_label(sent)}, {days} days after the interview: later than the "
                    f"24 hours that is best. Nothing is lost: a warm thank-you a little late is far better "
                    f"than none. Next time, send it the same day or the next.")
    days = (now - interview).days
    if days < 0:
        return [], (f"Your interview is on {label}. Draft the thank-you now, add one thing you learned "
                    f"straight after the conversation, and send it the same day or the next.")
    if days == 0:
        return [], (f"Your interview is today ({label}). Send your thank-you today or tomorrow, within "
                    f"24 hours, while the conversation is fresh.")
    if days == 1:
        return [], (f"Your interview was yesterday ({label}). Send your thank-you today to stay within "
                    f"24 hours.")
    return [], (f"Your interview was {days} days ago ({label}), so the 24 hours have passed. Send it today "
                f"anyway, with a short line such as \"I'm sorry this is a little late\": a late thank-you is "
                f"far better than none.")


# ---------------------------------------------------------------------------------------
# Saving and showing
# ---------------------------------------------------------------------------------------
@dataclass
class DraftResult:
    """What happened when a draft was saved."""

    saved: bool                      # True when the file now holds this draft
    problems: list[Problem]          # why not, when not saved
    changed: bool = False            # True when the file was written (False: it already held it)
    email: Email | None = None       # the e-mail as saved (read back from the file)
    tips: list[str] = field(default_factory=list)

    def message(self) -> str:
        if not self.saved:
            return "Not saved. " + " ".join(problem_sentence(p) for p in self.problems)
        if self.changed:
            return f"Saved in your workspace ({FILE}). Your e-mail is below, ready to copy."
        return "Already saved: nothing changed, so nothing new was written. Your e-mail is below."


def _read_all() -> dict[str, Any]:
    data = workspace.read_json(FILE, {})
    return data if isinstance(data, dict) else {}


def saved_drafts() -> dict[str, dict[str, Any]]:
    """The learner's saved drafts by kind (``{}`` when none). Each has fields, subject, body.

    A hand-edited file's entries that are not drafts are skipped.
    """
    try:
        drafts = _read_all().get("drafts", {})
    except ValueError:
        return {}
    out: dict[str, dict[str, Any]] = {}
    if isinstance(drafts, dict):
        for kind in KINDS:
            item = drafts.get(kind)
            if (isinstance(item, dict) and isinstance(item.get("subject"), str)
                    and isinstance(item.get("body"), str) and isinstance(item.get("fields", {}), dict)):
                out[kind] = item
    return out


def saved_email(kind: str) -> Email | None:
    """The saved draft of one kind as an :class:`Email`, or None."""
    item = saved_drafts().get(_kind(kind))
    return Email(item["subject"], item["body"]) if item else None


def save_draft(kind: str, fields: Mapping[str, Any], today: dt.date | None = None) -> DraftResult:
    """Compose and save the latest draft of ``kind`` in ``emails.json`` (atomically).

    Nothing is written when a field has a problem, when the file cannot be read (it is
    never overwritten), or when the same draft is already saved (no duplicates).
    """
    problems, email = compose(kind, fields)
    if problems or email is None:
        return DraftResult(False, problems)
    try:
        data = _read_all()
    except ValueError as exc:
        return DraftResult(False, [Problem(None, "file", FILE, "could not be read, so nothing was saved",
                                           f"{exc} Your file was left as it was")])
    drafts = data.get("drafts") if isinstance(data.get("drafts"), dict) else {}
    record = {"fields": normalise(kind, fields), "subject": email.subject, "body": email.body}
    old = drafts.get(kind)
    if isinstance(old, dict) and {k: old.get(k) for k in record} == record:
        return DraftResult(True, [], changed=False, email=saved_email(kind))
    record["saved_on"] = (today or dt.date.today()).isoformat()
    drafts = {**drafts, kind: record}
    workspace.write_json(FILE, {**data, "version": 1, "drafts": drafts})
    return DraftResult(True, [], changed=True, email=saved_email(kind))


def export_text() -> str:
    """The learner's saved e-mail drafts as plain text, or "" when none are saved."""
    drafts = saved_drafts()
    if not drafts:
        return ""
    parts = ["E-mail drafts", "============="]
    for kind in KINDS:
        if kind in drafts:
            item = drafts[kind]
            parts += ["", KIND_NAMES[kind], "-" * len(KIND_NAMES[kind]),
                      f"Subject: {item['subject']}", "", item["body"].rstrip()]
    return "\n".join(parts) + "\n"


class Shown:
    """Something to show in a notebook: HTML for JupyterLab, plain text elsewhere."""

    def __init__(self, html: str, text: str) -> None:
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def preview(kind: str = "request", fields: Mapping[str, Any] | None = None) -> Shown:
    """Show an e-mail composed from ``fields`` (nothing is saved); without fields, the example.

    Problems (including a broken content file) are shown as messages instead of an e-mail.
    """
    _kind(kind)
    try:
        use = example_fields(kind) if fields is None else fields
    except content.ContentError as exc:
        return Shown(message_html(str(exc), "error"), str(exc))
    problems, email = compose(kind, use)
    if problems or email is None:
        text = "No e-mail yet:\n" + "\n".join(f"- {p.column}: {problem_sentence(p)}" for p in problems)
        return Shown(message_html(text, "error"), text)
    heading = (f"Example: a {KIND_NAMES[kind].lower()} from a fictional learner" if fields is None
               else KIND_NAMES[kind])
    return Shown(email_html(email, heading), f"{heading}\n\n{email.text()}")
