"""Forms for the lesson "Referrals and follow-up": the referral ask and the check-in plan.

Both save to ``referrals.json`` through :mod:`helpers.referrals` and show what was saved,
read back from the file and escaped::

    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["interview_date"].value = "2026-12-01"   # proposes the weekdays 7-10 days later
    form.controls["checkin"].value                          # '2026-12-08', the first of them
    form.controls["save"].click()
    form.extras["table"].value                              # the saved plans, escaped
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import content, followup
from .. import referrals as logic
from ..display import message_html
from ..log import Problem
from ._base import Form, build, button, choice, text

FIX_ABOVE = "Not saved yet: please fix the field(s) marked above."

__all__ = ["referral_ask_form", "checkin_form"]


def _prompts() -> tuple[dict[str, str], str | None]:
    try:
        return logic.prompts(), None
    except content.ContentError as exc:
        return {}, str(exc)


# ---------------------------------------------------------------------------------------
# The referral ask
# ---------------------------------------------------------------------------------------
def _show_script(form: Form) -> None:
    ask = logic.saved_ask()
    if ask is None:
        form.extras["script"].value = message_html(
            "Nothing saved yet. Fill in the fields and press the button: your script will appear here.", "info")
        return
    form.extras["script"].value = logic.script_html(ask["script"], "Your saved script (read it aloud a few times)")


def _save_ask(form: Form) -> None:
    v = form.values()
    result = logic.save_ask(v["targets"], v["field"], v["interviewee"], v["interview_date"])
    if not result.saved:
        form.show_problems(result.problems, intro=FIX_ABOVE)
        return
    form.clear_messages()
    form.say(result.message(), "ok")
    _show_script(form)


def referral_ask_form() -> Form:
    """Your targets, field and (optionally) the interviewee and interview date -> your saved script."""
    texts, error = _prompts()
    fields = [
        ("targets", text(f"People or organisations you plan to contact (one per line, up to {logic.MAX_TARGETS})",
                         placeholder="Riverside Community Hospital\nthe county public health department",
                         area=True, rows=5)),
        ("field", text("The field or role you are exploring", placeholder="nursing management")),
        ("interviewee", text("Name of the person you are interviewing (optional)", placeholder="Ms Okafor")),
        ("interview_date", text("Interview date, YYYY-MM-DD (optional)", placeholder="2026-12-01")),
    ]
    script = widgets.HTML("")
    form = build(fields, [("save", button("Write and save my script"))],
                 title=texts.get("ask_title", "Your referral ask"), intro=texts.get("ask_intro"), after=[script])
    form.extras["script"] = script
    form.on_click("save", _save_ask)
    if error:
        form.say(error, "error")
        form.controls["save"].disabled = True
        return form
    ask = logic.saved_ask()
    if ask:
        form.controls["targets"].value = "\n".join(str(t) for t in ask["targets"])
        for key, name in (("field", "field"), ("interviewee", "interviewee"), ("interview_date", "interview_date")):
            if isinstance(ask.get(key), str):
                form.controls[name].value = ask[key]
    _show_script(form)
    return form


# ---------------------------------------------------------------------------------------
# The check-in plan
# ---------------------------------------------------------------------------------------
def _propose(form: Form, show_errors: bool) -> bool:
    """Fill the date choices from the interview date; True when it could be read."""
    dropdown = form.controls["checkin"]
    day, problems = followup.parse_date(form.controls["interview_date"].value, field="interview_date")
    if problems or day is None:
        dropdown.options = []
        dropdown.value = None
        if show_errors:
            form.show_problems(problems, intro="Type the interview date above so the dates can be worked out.")
        return False
    options = [(followup.day_label(d, year=True), d.isoformat()) for d in followup.checkin_dates(day)]
    if list(dropdown.options) != options:
        dropdown.options = options
        dropdown.value = options[0][1]
    form.messages["interview_date"].value = ""
    if show_errors:
        form.say(f"Weekdays 7 to 10 days after {followup.day_label(day, year=True)}: choose the one that suits "
                 f"you both.", "info")
    return True


def _agreed_text(form: Form) -> tuple[str, str]:
    """(the agreed date as typed or chosen, the field it came from)."""
    other = form.controls["other_date"].value.strip()
    if other:
        return other, "other_date"
    return form.controls["checkin"].value or "", "checkin"


def _update_sentence(form: Form) -> None:
    agreed, _ = _agreed_text(form)
    day, problems = followup.parse_date(agreed) if agreed else (None, [])
    box = form.extras["sentence"]
    if day is None or problems:
        box.value = ""
        return
    try:
        sentence = followup.checkin_sentence(form.controls["contact"].value, day)
    except content.ContentError as exc:
        box.value = message_html(str(exc), "error")
        return
    box.value = message_html(f"What to say: {sentence}", "info")


def _show_plans(form: Form) -> None:
    form.extras["table"].value = logic.plans_view().html


def _save_plan(form: Form) -> None:
    agreed, source = _agreed_text(form)
    v = form.values()
    if not agreed:
        problems = logic.check_contact(v["contact"])
        problems += followup.parse_date(v["interview_date"], field="interview_date")[1]
        if not problems:
            problems = [Problem(None, "checkin", "", "is empty", "Choose one of the proposed dates")]
        form.show_problems(problems, intro=FIX_ABOVE)
        return
    result = logic.save_plan(v["contact"], v["interview_date"], agreed)
    if not result.saved:
        form.show_problems([Problem(p.row, source, p.value, p.what, p.fix) if p.column == "checkin_date" else p
                            for p in result.problems], intro=FIX_ABOVE)
        return
    form.clear_messages()
    saved = _saved_plan(v["contact"], v["interview_date"])
    if saved is None:  # pragma: no cover - the file changed under us
        form.say(result.message(), "ok")
    else:
        verb = "Already saved" if not result.changed else ("Updated" if result.updated else "Saved")
        form.say(f"{verb}: check in with {saved['contact']} on "
                 f"{followup.day_label(followup.parse_date(saved['checkin_date'])[0], year=True)}.", "ok")
    form.extras["advice"].value = "".join(message_html(a, "tip") for a in result.advice)
    _show_plans(form)


def _saved_plan(contact: str, interview_date: str) -> dict[str, str] | None:
    """The plan for this person and interview, as read back from the file."""
    day, _ = followup.parse_date(interview_date)
    name = " ".join(str(contact).split()).casefold()
    for plan in logic.saved_plans():
        if plan["contact"].casefold() == name and day and plan["interview_date"] == day.isoformat():
            return plan
    return None


def checkin_form() -> Form:
    """Who, when you met, and the check-in day you agreed -> a saved plan and the sentence to say."""
    texts, error = _prompts()
    fields = [
        ("contact", text("Who you will check in with", placeholder="Ms Okafor")),
        ("interview_date", text("Interview date, YYYY-MM-DD", placeholder="2026-12-01")),
        ("checkin", choice("Check-in date (weekdays 7-10 days later)", [])),
        ("other_date", text("Or the date you agreed, if different (optional)", placeholder="2026-12-09")),
    ]
    sentence, advice, table = widgets.HTML(""), widgets.HTML(""), widgets.HTML("")
    form = build(fields, [("propose", button("Propose dates", style="")), ("save", button("Save plan"))],
                 title=texts.get("checkin_title", "Plan a check-in"), intro=texts.get("checkin_intro"),
                 after=[sentence, advice, table])
    form.extras.update(sentence=sentence, advice=advice, table=table)
    form.on_click("propose", lambda f: _propose(f, show_errors=True))
    form.on_click("save", _save_plan)

    def refresh(_change: object = None) -> None:
        _propose(form, show_errors=False)
        _update_sentence(form)

    form.controls["interview_date"].observe(refresh, names="value")
    for name in ("contact", "checkin", "other_date"):
        form.controls[name].observe(lambda _c: _update_sentence(form), names="value")
    if error:
        form.say(error, "error")
        form.controls["save"].disabled = True
        form.controls["propose"].disabled = True
        return form
    _show_plans(form)
    return form
