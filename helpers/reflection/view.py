"""The forms of lesson 08: the chapter's three exercises, saved to ``reflection.json``.

    form = forms.exercise_people_form()
    form.controls["who"].value = "My aunt Rosa"
    form.controls["why"].value = "She has run a clinic office for twenty years"
    form.controls["add"].click()
    form.extras["table"].value      # the list, read back from reflection.json

Logic lives in :mod:`helpers.reflection`; this module only wires widgets to it.
"""
from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from helpers import content
from helpers import reflection as logic
from helpers.core.store import StoreError
from helpers.display import escape, message_html, table_html
from helpers.widgets import LABEL_STYLE, Form, build, button, choice, guarded, text

__all__ = ["exercise_people_form", "exercise_questions_form", "exercise_support_form"]


def _broken(title: str, message: str) -> Form:
    form = build([], [], title=title)
    form.say(message, "error")
    return form


def _title(cfg: logic.Settings, exercise_id: str) -> tuple[str, str]:
    ex = cfg.exercises[exercise_id]
    return f"Exercise {ex.number}. {ex.title}", ex.prompt


def _multi(label: str, options: list[tuple[str, str]], rows: int) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(options=options, value=(), rows=max(2, min(rows, 10)), description=label,
                                  style=LABEL_STYLE, layout=widgets.Layout(width="100%", max_width="720px"))


def _heading(label: str) -> widgets.HTML:
    return widgets.HTML(f"<h4 style='margin:0.6em 0 0.2em 0'>{escape(label)}</h4>")


def _short(value: str, limit: int = 70) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _report(form: Form, result) -> None:
    """Show a Result: problems beside their fields, or the message and advice (one way: show_result)."""
    form.show_result(result)


# ---------------------------------------------------------------------------------------
# Exercise 1
# ---------------------------------------------------------------------------------------
def exercise_people_form() -> Form:
    """Exercise 1: whom could you interview now? Add people to a list, practice runs first."""
    return guarded(logic.STORES, _people_form)


def _people_form() -> Form:
    try:
        cfg = logic.settings()
    except content.ContentError as exc:
        return _broken("Exercise 1", str(exc))
    title, prompt = _title(cfg, "people")
    lim = cfg.limits
    who = text("Name or description", f"e.g. my aunt Rosa, a school nurse (at most {lim['who_max']} characters)")
    relationship = choice("How I know them", [(p.label, p.id) for p in cfg.partners], cfg.partners[0].id)
    kind = choice("Practice run or real interview", [(v, k) for k, v in logic.KINDS.items()], "practice")
    why = text("Why them", f"What can they tell you? (at most {lim['why_max']} characters)", area=True, rows=2)
    add = button("Add to my list")
    remove_which = widgets.Dropdown(options=[("(nobody listed yet)", "")], value="", description="Remove from my list",
                                    style=LABEL_STYLE, layout=widgets.Layout(width="100%", max_width="560px"))
    remove = button("Remove", style="warning", tooltip="Remove the chosen person from your list")
    table = widgets.HTML("")
    form = build([("who", who), ("relationship", relationship), ("kind", kind), ("why", why)], [("add", add)],
                 title=title, intro=prompt,
                 after=[_heading("My list"), table, widgets.HBox([remove_which, remove])])
    remove.layout = widgets.Layout(width="auto", flex="0 0 auto")
    form.controls.update({"remove_which": remove_which, "remove": remove})
    form.extras["table"] = table

    def on_add(f: Form) -> None:
        c = f.controls
        outcome = logic.add_person(c["who"].value, c["relationship"].value, c["kind"].value, c["why"].value)
        _report(f, outcome)
        if outcome.saved:  # ready for the next person
            c["who"].value = ""
            c["why"].value = ""
        _refresh_people(f)

    def on_remove(f: Form) -> None:
        f.clear_messages()
        chosen = f.controls["remove_which"].value
        if not chosen:
            f.say("Nobody chosen: pick a person in the list first.", "error")
            return
        result = logic.remove_person(chosen)
        _refresh_people(f)
        if result.codes == ["not_found"]:
            f.say("That person was already gone; the list is up to date.", "info")
        else:
            f.show_result(result)

    form.on_click("add", on_add)
    form.on_click("remove", on_remove)
    _refresh_people(form)
    return form


def _refresh_people(form: Form) -> None:
    try:
        listed = logic.people()
    except StoreError as exc:
        form.extras["table"].value = message_html(str(exc), "error")
        return
    if listed:
        form.extras["table"].value = table_html(logic.people_frame(listed))
        options = [("(choose someone)", "")] + [(_short(str(p.get("who", ""))), str(p.get("id", ""))) for p in listed]
    else:
        form.extras["table"].value = (
            message_html("Nobody on your list yet. Kinds of people to start with (examples only, nothing is "
                         "saved until you add someone):", "info")
            + table_html(logic.suggested_people()))
        options = [("(nobody listed yet)", "")]
    form.controls["remove_which"].options = options
    form.controls["remove_which"].value = ""
    form.controls["remove"].disabled = not listed


# ---------------------------------------------------------------------------------------
# Exercise 2
# ---------------------------------------------------------------------------------------
def exercise_questions_form() -> Form:
    """Exercise 2: which questions will you use? Pick from your drafts (or starter questions).

    "Check my choice" re-checks every chosen question (the checks of lesson 02) and shows the
    advice without saving; "Save my questions" shows the same advice, and holds a job ask back
    until the learner rewords it or clicks "Save anyway".
    """
    return guarded(logic.STORES, _questions_form)  # a damaged questions.json: said in the form, starters offered


def _questions_form() -> Form:
    try:
        cfg = logic.settings()
        available, note = logic.available_questions()
    except content.ContentError as exc:
        return _broken("Exercise 2", str(exc))
    title, prompt = _title(cfg, "questions")
    options = [(_short(f"{q['text']}" + (f" ({q['category']})" if q.get("category") else ""), 110), q["id"])
               for q in available]
    choices = _multi("Questions to use", options, len(options))
    own = text("A question of your own (optional)",
               f"e.g. What do you wish you had known in your first month? (at most {cfg.limits['question_max']} characters)")
    save = button("Save my questions")
    check = button("Check my choice (nothing saved)", style="")
    anyway = button("Save anyway", style="danger", tooltip="Save the choice although the checks read a job ask in it")
    anyway.layout.display = "none"
    advice_box = widgets.HTML("")
    table = widgets.HTML("")
    source = widgets.HTML(message_html(note, "tip" if not available or available[0]["source"] == "starter" else "info"))
    form = build([("choices", choices), ("own", own)], [("check", check), ("save", save), ("save_anyway", anyway)],
                 title=title, intro=prompt + " Hold Ctrl (Cmd on a Mac) to pick several. Each question you choose "
                                             "is checked again, and the advice is shown before you save.",
                 after=[advice_box, _heading("The questions I will use"), table])
    # The note on where the questions come from goes just above the list.
    children = list(form.widget.children)
    children.insert(2 if prompt else 1, source)
    form.widget.children = tuple(children)
    form.extras.update({"table": table, "source": source, "available": available, "advice": advice_box})
    for child in form.widget.children:   # the row of buttons wraps instead of cutting their labels
        if isinstance(child, widgets.HBox) and any(isinstance(c, widgets.Button) for c in child.children):
            child.layout.flex_flow = "row wrap"
            for btn in child.children:
                btn.layout.flex = "0 0 auto"

    try:
        saved = logic.chosen_questions()
    except StoreError as exc:
        form.say(str(exc), "error")
        saved = []
    offered = {q["id"] for q in available}
    choices.value = tuple(q["id"] for q in saved if q.get("id") in offered)
    own_saved = [q for q in saved if q.get("source") == "my own"]
    if own_saved:
        own.value = str(own_saved[-1].get("text", ""))

    def show_advice(advice: list) -> None:
        if not advice:
            advice_box.value = message_html("The checks read every chosen question as a good informational-interview "
                                            "question.", "ok")
            return
        advice_box.value = (message_html("What the checks read in your choice (the checks can be wrong: decide "
                                         "for yourself):", "info")
                            + "".join(message_html(a.message, "tip") for a in advice))

    def on_check(f: Form) -> None:
        problems, advice = logic.check_choice(list(f.controls["choices"].value), f.controls["own"].value)
        if problems:
            f.show_problems(problems, intro="This choice could not be saved yet: please fix the field(s) marked above.")
            advice_box.value = ""
            return
        f.clear_messages()
        f.say("Checked; nothing was saved. Change your choice, or save it.", "info")
        show_advice(advice)

    def on_save(f: Form, allow: bool = False) -> None:
        result = logic.choose_questions(list(f.controls["choices"].value), f.controls["own"].value,
                                        allow_job_ask=allow)
        advice = list(result.advice)
        result.advice = []   # shown once, in the advice box
        _report(f, result)
        held = result.codes == ["job_ask"]
        anyway.layout.display = None if held else "none"
        if held or not result.problems:
            show_advice(advice)
        else:
            advice_box.value = ""
        _refresh_questions(f)

    form.on_click("check", on_check)
    form.on_click("save", on_save)
    form.on_click("save_anyway", lambda f: on_save(f, allow=True))
    _refresh_questions(form)
    return form


def _refresh_questions(form: Form) -> None:
    try:
        saved = logic.chosen_questions()
    except StoreError as exc:
        form.extras["table"].value = message_html(str(exc), "error")
        return
    form.extras["table"].value = table_html(logic.questions_frame(saved),
                                            empty="No questions chosen yet. Pick some above, then save.")


# ---------------------------------------------------------------------------------------
# Exercise 3
# ---------------------------------------------------------------------------------------
def exercise_support_form(today: dt.date | None = None) -> Form:
    """Exercise 3: a short plan for when this feels uncomfortable (support and a first step)."""
    return guarded(logic.STORES, lambda: _support_form(today))


def _support_form(today: dt.date | None) -> Form:
    try:
        cfg = logic.settings()
    except content.ContentError as exc:
        return _broken("Exercise 3", str(exc))
    title, prompt = _title(cfg, "support")
    lim = cfg.limits
    uncomfortable = text("What feels uncomfortable", f"e.g. asking a stranger for their time "
                         f"(at most {lim['uncomfortable_max']} characters)", area=True, rows=3)
    supports = _multi("Support I will use", [(s.label, s.id) for s in cfg.supports], len(cfg.supports))
    other = text("Other support (optional)", "e.g. my sister will role-play the call with me")
    first_step = text("My first small step", "e.g. a 15-minute practice call with my cousin")
    step_date = text("By (date)", "e.g. " + logic.EXAMPLE_DATE + " or 1 December 2026")
    save = button("Save my plan")
    table = widgets.HTML("")
    hints = widgets.HTML("")
    form = build([("uncomfortable", uncomfortable), ("supports", supports), ("other_support", other),
                  ("first_step", first_step), ("step_date", step_date)], [("save", save)],
                 title=title, intro=prompt + " Hold Ctrl (Cmd on a Mac) to pick several kinds of support.",
                 after=[_heading("My plan"), table, hints])
    form.extras.update({"table": table, "hints": hints, "today": today})

    try:
        saved = logic.plan()
    except StoreError as exc:
        form.say(str(exc), "error")
        saved = None
    if saved:  # show the saved plan in the fields, so saving it again changes nothing
        uncomfortable.value = str(saved.get("uncomfortable", ""))
        offered = {s.id for s in cfg.supports}
        supports.value = tuple(s for s in saved.get("supports", []) if s in offered)
        other.value = str(saved.get("other_support", ""))
        first_step.value = str(saved.get("first_step", ""))
        step_date.value = str(saved.get("step_date", ""))

    def on_save(f: Form) -> None:
        c = f.controls
        outcome = logic.save_plan(c["uncomfortable"].value, list(c["supports"].value), c["other_support"].value,
                                  c["first_step"].value, c["step_date"].value, today=f.extras["today"])
        _report(f, outcome)
        _refresh_plan(f)

    form.on_click("save", on_save)
    _refresh_plan(form)
    return form


def _refresh_plan(form: Form) -> None:
    try:
        saved = logic.plan()
    except StoreError as exc:
        form.extras["table"].value = message_html(str(exc), "error")
        form.extras["hints"].value = ""
        return
    form.extras["table"].value = table_html(logic.plan_frame(saved),
                                            empty="No plan saved yet. Fill in the fields above, then save.")
    hints = ""
    if saved:
        try:
            cfg = logic.settings()
            found = [cfg.support(s) for s in saved.get("supports", [])]
            items = "".join(f"<li><strong>{escape(s.label)}</strong>: {escape(s.how)}</li>" for s in found if s)
            hints = f"<p style='margin:0.5em 0 0.2em 0'>How to use your support:</p><ul>{items}</ul>" if items else ""
        except content.ContentError:
            hints = ""
    form.extras["hints"].value = hints
