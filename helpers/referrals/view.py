"""Forms for the lesson "Referrals and follow-up": the referral ask, the check-in plan, the country.

The ask and the plans save to ``referrals.json`` through :mod:`helpers.referrals`, the country to
``settings.json`` through :mod:`helpers.core.settings`; each shows what was saved, read back from the
file and escaped::

    form = forms.checkin_form()
    form.controls["contact"].value = "Ana"
    form.controls["promised"].value = "Dr Nasser"
    form.controls["interview_date"].value = datetime.date(2026, 12, 1)   # proposes working days 7-10 days on
    form.controls["checkin"].value                                        # '2026-12-08', the first of them
    form.controls["save"].click()
    form.extras["table"].value                                            # the saved plans, escaped
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from helpers import content
from helpers.core import followup, workdays as holidays_calendar, settings
from helpers import referrals as logic
from helpers.core import Problem, Result
from helpers.core import dates
from helpers.display import escape, message_html, table_html
from helpers.widgets import LABEL_STYLE, Form, build, button, choice, guarded, text

__all__ = ["referral_ask_form", "checkin_form", "settings_form", "referral_example", "checkin_example",
           "script_html", "plans_html"]


def _prompts() -> tuple[dict[str, str], str | None]:
    try:
        return logic.prompts(), None
    except content.ContentError as exc:
        return {}, str(exc)


def _date_picker(label: str) -> widgets.DatePicker:
    return widgets.DatePicker(description=label, style=LABEL_STYLE, value=None)


def _date_value(value: Any) -> str:
    """A picker's date (or typed text) as the text the logic reads."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def script_html(script: str, heading: str | None = None) -> str:
    """A script shown safely: escaped, in a ``<pre>`` that keeps its lines."""
    head = f"<p style='margin:0.3em 0'><strong>{escape(heading)}</strong></p>" if heading else ""
    return (f"{head}<pre class='iiw-script' style='white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;"
            f"font-family:inherit;border:1px solid #999;padding:0.6em;max-width:720px'>{escape(script)}</pre>")


def plans_html() -> str:
    """The saved plans as an escaped table, or the example (marked as such) when none are saved."""
    try:
        plans = logic.saved_plans()
        if plans:
            return table_html(logic.plans_table(plans), "Your check-in plans")
        frame = logic.plans_table(logic.example_plans())
    except content.ContentError as exc:
        return message_html(str(exc), "error")
    return table_html(frame, "Example plans from a fictional learner (you have not saved a plan yet)")


def referral_example(**changes: Any) -> widgets.HTML:
    """The fictional learner's referral script (nothing is saved); ``changes`` replace fields."""
    try:
        use = {**logic.example_ask(), **changes}
    except content.ContentError as exc:
        return widgets.HTML(message_html(str(exc), "error"))
    script, problems = logic.referral_ask(use.get("targets", []), use.get("field", ""), use.get("interviewee"),
                                          use.get("interview_date"))
    if problems:
        return widgets.HTML(message_html("No script yet:\n" + "\n".join(f"- {p}" for p in problems), "error"))
    return widgets.HTML(script_html(script, "Example: the script of a fictional learner"))


def checkin_example(interview: str, interviewee: str = "", promised: str = "", agreed: str = "") -> widgets.HTML:
    """The proposed check-in days after ``interview`` (in the workspace's country), the sentence
    to say, and advice on an ``agreed`` day if given (:func:`helpers.referrals.checkin_text`). Nothing is saved."""
    return widgets.HTML(message_html(logic.checkin_text(interview, interviewee, promised, agreed), "info"))


# ---------------------------------------------------------------------------------------
# The referral ask
# ---------------------------------------------------------------------------------------
def _show_script(form: Form) -> None:
    ask = logic.saved_ask()
    if ask is None:
        form.extras["script"].value = message_html(
            "Nothing saved yet. Fill in the fields and press the button: your script will appear here.", "info")
        return
    form.extras["script"].value = script_html(ask["script"], "Your saved script (read it aloud a few times)")


def _save_ask(form: Form) -> None:
    v = form.values()
    result = logic.save_ask(v["targets"], v["field"], v["interviewee"], _date_value(v["interview_date"]))
    form.show_result(result)
    if result.saved:
        _show_script(form)


def referral_ask_form() -> Form:
    """Your targets, field and (optionally) the interviewee and interview date -> your saved script."""
    def make() -> Form:
        texts, error = _prompts()
        fields = [
            ("targets", text(f"People or organisations you plan to contact (one per line, up to {logic.MAX_TARGETS})",
                             placeholder="Riverside Community Hospital\nthe county public health department",
                             area=True, rows=5)),
            ("field", text("The field or role you are exploring", placeholder="nursing management")),
            ("interviewee", text("Name of the person you are interviewing (optional)", placeholder="Ms Okafor")),
            ("interview_date", _date_picker("Interview date (optional)")),
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
            form.controls["field"].value = ask.get("field", "")
            form.controls["interviewee"].value = ask.get("interviewee", "") or ""
            day, _ = dates.parse(ask.get("interview_date", ""), required=False)
            form.controls["interview_date"].value = day
        _show_script(form)
        return form
    return guarded(logic.STORES, make)


# ---------------------------------------------------------------------------------------
# The check-in plan
# ---------------------------------------------------------------------------------------
def _propose(form: Form, show_errors: bool) -> bool:
    """Fill the date choices from the interview date; True when there is one."""
    dropdown = form.controls["checkin"]
    day = form.controls["interview_date"].value
    if not isinstance(day, dt.date):
        dropdown.options = []
        dropdown.value = None
        form.extras["skipped"].value = ""
        if show_errors:
            form.show_problems([Problem("interview_date", "", "is empty", "Pick the interview date", "empty")],
                               intro="Pick the interview date above so the days can be worked out.")
        return False
    code = settings.country()
    options = [(dates.day_label(d, year=True), d.isoformat()) for d in followup.checkin_dates(day, country=code)]
    if list(dropdown.options) != options:
        dropdown.options = options
        dropdown.value = options[0][1]
    skipped = followup.skipped_holidays(day, country=code)
    form.extras["skipped"].value = message_html(
        "Left out because they are public holidays in " + holidays_calendar.country_phrase(code) + ": "
        + "; ".join(f"{dates.day_label(d)} ({n})" for d, n in skipped.items()) + ".", "info") if skipped else ""
    form.messages["interview_date"].value = ""
    if show_errors:
        form.say(f"Working days 7 to 10 days after {dates.day_label(day, year=True)}: choose the one that suits "
                 f"you both.", "info")
    return True


def _agreed(form: Form) -> tuple[str, str]:
    """(the agreed date as chosen, the field it came from)."""
    other = form.controls["other_date"].value
    if isinstance(other, dt.date):
        return other.isoformat(), "other_date"
    return form.controls["checkin"].value or "", "checkin"


def _update_sentence(form: Form) -> None:
    agreed, _ = _agreed(form)
    day, problem = dates.parse(agreed) if agreed else (None, None)
    box = form.extras["sentence"]
    if day is None or problem:
        box.value = ""
        return
    try:
        sentence = followup.checkin_sentence(form.controls["contact"].value, day, form.controls["promised"].value)
    except content.ContentError as exc:
        box.value = message_html(str(exc), "error")
        return
    box.value = message_html(f"What to say: {sentence}", "info")


def _save_plan(form: Form) -> None:
    agreed, source = _agreed(form)
    v = form.values()
    interview = _date_value(v["interview_date"])
    if not agreed:
        _, problems, _ = logic.check_plan(v["contact"], interview, "2000-01-01", v["promised"])
        problems = [p for p in problems if p.field != "checkin_date"]
        problems.append(Problem("checkin", "", "is empty", "Pick the interview date, then choose one of the "
                                                          "proposed days", "empty"))
        form.show_result(Result.refused(problems))
        return
    result = logic.save_plan(v["contact"], interview, agreed, v["promised"])
    if not result.saved:
        result.problems = [Problem(source, p.value, p.what, p.fix, p.code) if p.field == "checkin_date" else p
                           for p in result.problems]
    form.show_result(result)
    form.extras["table"].value = plans_html()


def checkin_form() -> Form:
    """Who, whom they offered to contact, when you met, the check-in day agreed -> a saved plan
    and the sentence that restates their promise."""
    def make() -> Form:
        texts, error = _prompts()
        fields = [
            ("contact", text("Who you will check in with", placeholder="Ms Okafor")),
            ("promised", text("Whom they offered to contact", placeholder="Dr Nasser in the outreach team")),
            ("interview_date", _date_picker("Interview date")),
            ("checkin", choice("Check-in day (working days 7-10 days later)", [])),
            ("other_date", _date_picker("Or the day you agreed, if different (optional)")),
        ]
        skipped, sentence, table = widgets.HTML(""), widgets.HTML(""), widgets.HTML("")
        form = build(fields, [("save", button("Save plan"))],
                     title=texts.get("checkin_title", "Plan a check-in"), intro=texts.get("checkin_intro"),
                     after=[skipped, sentence, table])
        form.extras.update(skipped=skipped, sentence=sentence, table=table)
        form.on_click("save", _save_plan)

        def refresh(_change: object = None) -> None:
            _propose(form, show_errors=False)
            _update_sentence(form)

        form.controls["interview_date"].observe(refresh, names="value")
        for name in ("contact", "promised", "checkin", "other_date"):
            form.controls[name].observe(lambda _c: _update_sentence(form), names="value")
        if error:
            form.say(error, "error")
            form.controls["save"].disabled = True
            return form
        table.value = plans_html()
        return form
    return guarded(logic.STORES, make)


# ---------------------------------------------------------------------------------------
# The country (workspace settings)
# ---------------------------------------------------------------------------------------
def settings_form() -> Form:
    """Choose the country whose public holidays proposed days skip (saved once for every lesson)."""
    def make() -> Form:
        current = settings.country()
        options = holidays_calendar.countries()
        fields = [("country", choice("Your country (for public holidays)", options, value=current))]
        form = build(fields, [("save", button("Save my country"))], title="Your country",
                     intro="Proposed check-in and follow-up days skip weekends and the public holidays of this "
                           "country. Choose “No country” to skip weekends only.")

        def save(f: Form) -> None:
            f.show_result(settings.set_country(f.controls["country"].value))
        form.on_click("save", save)
        form.say(f"Now: {holidays_calendar.country_name(current)}"
                 + (" (the default)" if current == settings.DEFAULT_COUNTRY else "") + ".", "info")
        return form
    return guarded(settings.STORES, make)
