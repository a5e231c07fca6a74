"""Forms for the lesson "Asking and thanking": draft the request and the thank-you e-mail.

Each form checks the fields with :mod:`helpers.emails`, saves the latest draft of its kind in
``emails.json`` and shows the e-mail read back from that file, escaped, ready to copy::

    form = forms.request_email_form()
    form.controls["your_name"].value = "Jordan Reyes"
    ...
    form.controls["write"].click()
    form.extras["email"].value    # the saved e-mail, escaped, in a <pre>
"""
from __future__ import annotations

import datetime as dt
import ipywidgets as widgets

from .. import content
from .. import emails as logic
from ..display import message_html
from ._base import LABEL_STYLE, Form, build, button, choice, text

FIX_ABOVE = "Not saved yet: please fix the field(s) marked above."

__all__ = ["email_form", "request_email_form", "thank_you_email_form"]

_NOTHING_YET = ("Nothing saved yet. Fill in the fields and press the button: your e-mail will appear "
                "here, ready to copy.")


def _prompts() -> tuple[dict[str, str], str | None]:
    try:
        return logic.prompts(), None
    except content.ContentError as exc:
        return {}, str(exc)


def _field(spec: logic.Spec) -> widgets.Widget:
    """A labelled text field; the hint's example shows as its placeholder."""
    return text(spec.label, placeholder=spec.hint.removeprefix("for example "))


def _show_saved(form: Form, kind: str) -> None:
    """Re-render the e-mail from what is saved on disk."""
    email = logic.saved_email(kind)
    if email is None:
        form.extras["email"].value = message_html(_NOTHING_YET, "info")
        return
    heading = f"Your saved {logic.KIND_NAMES[kind].lower()}: select the text and copy it into your e-mail"
    form.extras["email"].value = logic.email_html(email, heading)


def _prefill(form: Form, kind: str) -> None:
    drafts = logic.saved_drafts()
    saved = drafts.get(kind, {}).get("fields", {})
    if not saved and kind == "thank_you":   # start from the request's names, if there is one
        request = drafts.get("request", {}).get("fields", {})
        saved = {k: request.get(k) for k in ("your_name", "their_name")}
    for name, control in form.controls.items():
        if isinstance(control, widgets.Button) or name not in saved:
            continue
        value = saved[name]
        if isinstance(control, widgets.Checkbox):
            control.value = bool(value)
        elif isinstance(control, widgets.Dropdown):
            if value in [v for _, v in control.options]:
                control.value = value
        elif isinstance(value, str):
            control.value = value


def _write(form: Form, kind: str, today: dt.date | None) -> None:
    result = logic.save_draft(kind, form.values(), today=today)
    if not result.saved:
        form.show_problems(result.problems, intro=FIX_ABOVE)
        return
    form.clear_messages()
    form.say(result.message(), "ok")
    _show_saved(form, kind)
    if kind == "thank_you":
        _show_advice(form, today)


def _show_advice(form: Form, today: dt.date | None) -> None:
    saved = logic.saved_drafts().get("thank_you", {}).get("fields", {})
    if not saved.get("interview_date"):
        form.extras["advice"].value = ""
        return
    problems, advice = logic.thank_you_advice(saved["interview_date"], today=today)
    form.extras["advice"].value = message_html(advice, "tip") if advice else ""


def _finish(form: Form, kind: str, error: str | None) -> Form:
    if error:
        form.say(error, "error")
        form.controls["write"].disabled = True
        form.extras["email"].value = ""
        return form
    _prefill(form, kind)
    _show_saved(form, kind)
    return form


def request_email_form() -> Form:
    """The request e-mail: who they are, how you found them, what you read, what you'd like to learn."""
    texts, error = _prompts()
    specs = logic.REQUEST_FIELDS
    fields: list[tuple[str, widgets.Widget]] = [(n, _field(specs[n])) for n in
                                                ("your_name", "their_name", "their_role", "organisation",
                                                 "how_found", "referred_by")]
    fields.append(("may_use_name", widgets.Checkbox(
        value=False, indent=False, style=LABEL_STYLE, layout=widgets.Layout(width="auto"),
        description="The person who referred me said I may mention their name")))
    fields += [(n, _field(specs[n])) for n in ("research", "learn")]
    try:
        minutes = logic.minutes_options()
    except content.ContentError:
        minutes = [20]
    fields.append(("minutes", choice("Length of the conversation you ask for",
                                     [(f"{m} minutes", m) for m in minutes], value=minutes[0])))
    preview = widgets.HTML("")
    form = build(fields, [("write", button("Write and save my request e-mail"))],
                 title=texts.get("request_title", "Draft your request e-mail"),
                 intro=texts.get("request_intro"), after=[preview])
    form.extras["email"] = preview
    form.on_click("write", lambda f: _write(f, "request", None))
    return _finish(form, "request", error)


def thank_you_email_form(today: dt.date | None = None) -> Form:
    """The thank-you e-mail, with advice on when to send it (``today`` fixes the date, for tests)."""
    texts, error = _prompts()
    specs = logic.THANK_YOU_FIELDS
    fields = [(n, _field(specs[n])) for n in specs]
    advice, preview = widgets.HTML(""), widgets.HTML("")
    form = build(fields, [("write", button("Write and save my thank-you e-mail"))],
                 title=texts.get("thank_you_title", "Draft your thank-you e-mail"),
                 intro=texts.get("thank_you_intro"), after=[advice, preview])
    form.extras["email"] = preview
    form.extras["advice"] = advice
    form.on_click("write", lambda f: _write(f, "thank_you", today))
    _finish(form, "thank_you", error)
    if not error:
        _show_advice(form, today)
    return form


def email_form(kind: str = "request", today: dt.date | None = None) -> Form:
    """Either form by kind: ``"request"`` or ``"thank_you"``."""
    if kind == "request":
        return request_email_form()
    if kind == "thank_you":
        return thank_you_email_form(today=today)
    raise ValueError(f"kind must be 'request' or 'thank_you', not {kind!r}")
