"""Forms for the lesson "Asking and thanking": draft the request, the follow-up and the thank-you.

Each form checks the fields with :mod:`helpers.emails`, saves the latest draft of its kind in
``emails.json`` and shows the e-mail read back from that file, escaped, ready to copy. When a
save is refused, the draft that failed is shown with its problems, and the saved one (older)
is labelled as such::

    form = forms.request_email_form()
    form.controls["your_name"].value = "Jordan Reyes"
    ...
    form.controls["write"].click()
    form.extras["email"].value    # the saved e-mail, escaped, in a <pre>
    form.extras["failed"].value   # after a refused save: the draft that was not saved
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

import ipywidgets as widgets

from helpers import content
from helpers import emails as logic
from helpers.display import escape, message_html
from helpers.widgets import LABEL_STYLE, Form, build, button, choice, guarded, text

__all__ = ["email_form", "request_email_form", "follow_up_email_form", "thank_you_email_form",
           "email_example", "email_html"]

_NOTHING_YET = ("Nothing saved yet. Fill in the fields and press the button: your e-mail will appear "
                "here, ready to copy.")
_BOX = ("white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;font-family:inherit;border:1px solid #999;"
        "padding:0.6em;max-width:720px;user-select:all;margin:0.2em 0 0.6em 0")


def email_html(email: logic.Email, heading: str | None = None, note: str = "") -> str:
    """An e-mail shown safely: subject and message each escaped in a ``<pre>`` that keeps its
    lines; one click selects the whole subject or message, ready to copy.

    >>> "&lt;b&gt;" in email_html(logic.Email("Hi", "<b>"))
    True
    """
    head = f"<p style='margin:0.3em 0'><strong>{escape(heading)}</strong></p>" if heading else ""
    extra = f"<p style='margin:0.2em 0'>{escape(note)}</p>" if note else ""
    return (f"{head}{extra}<p style='margin:0.2em 0'>Subject line (click it to select it, then copy):</p>"
            f"<pre class='iiw-email-subject' style='{_BOX}'>{escape(email.subject)}</pre>"
            f"<p style='margin:0.2em 0'>Message ({email.words} words; click it to select it, then copy):</p>"
            f"<pre class='iiw-email' style='{_BOX}'>{escape(email.body)}</pre>")


def _failed_html(email: logic.Email) -> str:
    box = _BOX.replace("border:1px solid #999", "border:2px dashed #b00020").replace("user-select:all;", "")
    return (f"<p style='margin:0.3em 0'><strong>This draft was NOT saved</strong>: it is what your fields would "
            f"give, with the problems marked above. Fix them and press the button again.</p>"
            f"<pre class='iiw-email-failed' style='{box}'>{escape(email.text())}</pre>")


def email_example(kind: str = "request", **changes: Any) -> widgets.HTML:
    """The fictional learner's e-mail of ``kind`` (nothing is saved). ``changes`` replace some of
    the example's fields, to show what the checks say, e.g. ``learn="whether you have any openings"``."""
    try:
        fields = {**logic.example_fields(kind), **changes}
    except content.ContentError as exc:
        return widgets.HTML(message_html(str(exc), "error"))
    email, problems = logic.compose(kind, fields)
    if problems or email is None:
        lines = "\n".join(f"- {logic.FIELDS[kind].get(p.field, logic.Spec(p.field, 0)).label}: {p.sentence()}"
                          for p in problems)
        return widgets.HTML(message_html("No e-mail: the helper refuses to write it.\n" + lines, "error"))
    heading = f"Example: a {logic.KIND_NAMES[kind].lower()} from a fictional learner"
    return widgets.HTML(email_html(email, heading))


def _prompts() -> tuple[dict[str, str], str | None]:
    try:
        return logic.prompts(), None
    except content.ContentError as exc:
        return {}, str(exc)


def _field(name: str, spec: logic.Spec) -> widgets.Widget:
    """A labelled text field (or a date picker for a date); the hint's example is its placeholder."""
    if name.endswith("_date"):
        return widgets.DatePicker(description=spec.label, style=LABEL_STYLE, value=None)
    return text(spec.label, placeholder=spec.hint.removeprefix("for example "))


def _show_saved(form: Form, kind: str, older: bool = False) -> None:
    """Re-render the e-mail from what is saved on disk."""
    item = logic.saved_drafts().get(kind)
    if item is None:
        form.extras["email"].value = message_html(
            "Nothing is saved yet." if older else _NOTHING_YET, "info")
        return
    email = logic.Email(item["subject"], item["body"])
    when = item.get("saved_on", "")
    if older:
        heading = (f"Your saved {logic.KIND_NAMES[kind].lower()} is OLDER"
                   + (f" (saved on {when})" if when else "") + ": it does not have the changes above")
    else:
        heading = f"Your saved {logic.KIND_NAMES[kind].lower()}: select the text and copy it into your e-mail"
    form.extras["email"].value = email_html(email, heading)


def _prefill(form: Form, kind: str) -> None:
    drafts = logic.saved_drafts()
    saved = dict(drafts.get(kind, {}).get("fields", {}))
    if not saved and kind != "request":   # start from the request's names, if there is one
        request = drafts.get("request", {}).get("fields", {})
        saved = {k: request.get(k) for k in ("your_name", "their_name", "minutes") if request.get(k)}
    for name, control in form.controls.items():
        if isinstance(control, widgets.Button) or name not in saved:
            continue
        value = saved[name]
        if isinstance(control, widgets.Checkbox):
            control.value = bool(value)
        elif isinstance(control, widgets.Dropdown):
            if value in [v for _, v in control.options]:
                control.value = value
        elif isinstance(control, widgets.DatePicker):
            try:
                control.value = dt.date.fromisoformat(str(value))
            except ValueError:
                control.value = None
        elif isinstance(value, str):
            control.value = value


def _write(form: Form, kind: str, today: dt.date | None) -> None:
    fields = form.values()
    result = logic.save_draft(kind, fields, today=today)
    form.show_result(result, saved_text=(result.message + " Your e-mail is below, ready to copy.")
                     if result.saved else None)
    if not result.saved:
        email, _ = logic.draft(kind, fields)
        form.extras["failed"].value = _failed_html(email) if email is not None and result.problems and all(
            p.field in form.messages for p in result.problems) else ""
        _show_saved(form, kind, older=True)
        return
    form.extras["failed"].value = ""
    _show_saved(form, kind)


def _show_advice(form: Form, kind: str, today: dt.date | None) -> None:
    saved = logic.saved_drafts().get(kind)
    if saved is None:
        return
    email = logic.Email(saved["subject"], saved["body"])
    tips = logic.advice_for(kind, saved.get("fields", {}), email, today)
    form.status.value = "".join(message_html(str(a), "tip") for a in tips)


def _make(kind: str, names: list[str], extra_fields: Mapping[str, widgets.Widget], title: str,
          button_label: str, today: dt.date | None) -> Form:
    texts, error = _prompts()
    specs = logic.FIELDS[kind]
    fields: list[tuple[str, widgets.Widget]] = []
    for name in names:
        fields.append((name, extra_fields[name] if name in extra_fields else _field(name, specs[name])))
    failed, preview = widgets.HTML(""), widgets.HTML("")
    form = build(fields, [("write", button(button_label))], title=texts.get(f"{kind}_title", title),
                 intro=texts.get(f"{kind}_intro"), after=[failed, preview])
    form.extras.update(email=preview, failed=failed)
    form.on_click("write", lambda f: _write(f, kind, today))
    if error:
        form.say(error, "error")
        form.controls["write"].disabled = True
        return form
    _prefill(form, kind)
    _show_saved(form, kind)
    _show_advice(form, kind, today)
    return form


def _minutes() -> widgets.Dropdown:
    try:
        minutes = logic.minutes_options()
    except content.ContentError:
        minutes = [20]
    return choice("Length of the conversation you ask for", [(f"{m} minutes", m) for m in minutes], value=minutes[0])


def _checkbox(label: str) -> widgets.Checkbox:
    return widgets.Checkbox(value=False, indent=False, style=LABEL_STYLE, layout=widgets.Layout(width="auto"),
                            description=label)


def request_email_form() -> Form:
    """The request e-mail: who they are, how you found them, what you read, what you'd like to learn."""
    def make() -> Form:
        extra = {"may_use_name": _checkbox("The person who referred me said I may mention their name"),
                 "spoke_to_similar": _checkbox("I have spoken with people at similar organisations and am glad "
                                               "to share what I learned, in general terms (adds one line)"),
                 "minutes": _minutes()}
        names = ["your_name", "their_name", "their_role", "organisation", "how_found", "referred_by",
                 "may_use_name", "research", "learn", "spoke_to_similar", "minutes"]
        return _make("request", names, extra, "Draft your request e-mail", "Write and save my request e-mail", None)
    return guarded(logic.STORES, make)


def follow_up_email_form(today: dt.date | None = None) -> Form:
    """A follow-up for a request with no reply, with the days each is due (``today`` for tests)."""
    def make() -> Form:
        extra = {"stage": choice("Which follow-up", [("The first (about three working days after)", "first"),
                                                     ("The last (about a week after the first)", "last")]),
                 "minutes": _minutes()}
        names = ["your_name", "their_name", "request_date", "stage", "minutes"]
        return _make("follow_up", names, extra, "Follow up a request that had no reply",
                     "Write and save my follow-up e-mail", today)
    return guarded(logic.STORES, make)


def thank_you_email_form(today: dt.date | None = None) -> Form:
    """The thank-you e-mail, with advice on when to send it (``today`` fixes the date, for tests)."""
    def make() -> Form:
        return _make("thank_you", list(logic.THANK_YOU_FIELDS), {}, "Draft your thank-you e-mail",
                     "Write and save my thank-you e-mail", today)
    return guarded(logic.STORES, make)


def email_form(kind: str = "request", today: dt.date | None = None) -> Form:
    """Any of the forms by kind: ``"request"``, ``"follow_up"`` or ``"thank_you"``."""
    if kind == "request":
        return request_email_form()
    if kind == "follow_up":
        return follow_up_email_form(today=today)
    if kind == "thank_you":
        return thank_you_email_form(today=today)
    raise ValueError(f"kind must be 'request', 'follow_up' or 'thank_you', not {kind!r}")
