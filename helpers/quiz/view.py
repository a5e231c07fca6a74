"""Self-check forms: radio buttons per question with feedback on every choice, and reflection notes.

    form = forms.quiz_form("why")
    form.controls["two-way-exchange"].value = "B"
    form.controls["check"].click()
    form.messages["two-way-exchange"].value   # the feedback, read back from quiz.json

Questions, choices and feedback come from ``data/content/quiz.toml`` (see :mod:`helpers.quiz`).
A broken content file shows its message in the form instead of a traceback.
"""
from __future__ import annotations

from typing import Iterable

import ipywidgets as widgets

from helpers import content, quiz
from helpers.display import escape, message_html
from helpers.core.store import StoreError
from helpers.widgets import FULL, LABEL_STYLE, Form, button, guarded

__all__ = ["quiz_form", "quiz_notes_form"]

# ipywidgets draws each radio label one fixed line high, so long choices would overlap, and puts
# the button after the text. This lets them wrap, with the button first (only in our quiz forms).
_STYLE = (
    "<style>"
    ".iiw-quiz-radio .widget-radio-box label, .iiw-quiz-radio .jupyter-widget-radio-box label"
    "{height:auto;line-height:1.35;padding:0.2em 0;display:flex;flex-direction:row-reverse;"
    "justify-content:flex-end;align-items:flex-start;white-space:normal}"
    ".iiw-quiz-radio .widget-radio-box input, .iiw-quiz-radio .jupyter-widget-radio-box input"
    "{float:none;flex:none;height:auto;margin:0.2em 0.6em 0 1px}"
    "</style>"
)


def _layout(blocks: Iterable[tuple[str, str, widgets.Widget]], buttons: list[tuple[str, widgets.Button]],
            title: str, intro: str) -> Form:
    """Like ``_base.build`` but with a heading (HTML, escaped by the caller) above each field."""
    controls: dict[str, widgets.Widget] = {}
    messages: dict[str, widgets.HTML] = {}
    rows: list[widgets.Widget] = [widgets.HTML(_STYLE),
                                  widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape(title)}</h3>"),
                                  widgets.HTML(f"<p style='margin:0 0 0.5em 0'>{escape(intro)}</p>")]
    for name, heading, control in blocks:
        controls[name] = control
        messages[name] = widgets.HTML("")
        rows.append(widgets.VBox([widgets.HTML(heading), control, messages[name]],
                                 layout=widgets.Layout(margin="0 0 0.8em 0")))
    for name, btn in buttons:
        controls[name] = btn
    rows.append(widgets.HBox([b for _, b in buttons]))
    status, output = widgets.HTML(""), widgets.Output()
    rows += [status, output]
    box = widgets.VBox(rows, layout=widgets.Layout(width="100%", max_width="760px"))
    return Form(widget=box, controls=controls, messages=messages, status=status, output=output)


def _broken(title: str, message: str) -> Form:
    """A form that only says what is wrong (a content file with a mistake)."""
    form = _layout([], [], title, "This self-check cannot be shown right now.")
    form.say(message, "error")
    return form


def feedback_html(grade: quiz.Grade) -> str:
    """The feedback on one answer, then what to make of every choice (collapsed; it shows the answer)."""
    if grade.chosen is None or grade.question is None:
        return ""
    kind = "ok" if grade.correct else "tip"
    head = message_html(f"{grade.verdict} You chose {grade.chosen.letter}. {grade.feedback}", kind)
    items = "".join(f"<li><strong>{escape(c.letter)}. {escape(c.text)}</strong> ({escape(label)}): "
                    f"{escape(c.feedback)}</li>" for c, label in grade.per_choice())
    return (f"{head}<details style='margin:0.3em 0 0 1.2em'><summary>Why each choice is right or not "
            f"(this shows the answer)</summary><ul>{items}</ul></details>")


def quiz_form(section: str | None = None, title: str = "Self-check") -> Form:
    """Radio buttons for each question of a section of quiz.toml, a Check button, feedback per answer.

    Answers are saved in ``quiz.json`` (one per question; answering again replaces it) and the
    feedback is shown from what was saved. The form opens with any earlier answers selected.
    A damaged ``quiz.json`` or an unusable workspace gives a plain message instead (``guarded``).
    """
    return guarded(quiz.STORES, lambda: _quiz_form(section, title))


def _quiz_form(section: str | None, title: str) -> Form:
    try:
        items = quiz.questions(section)
    except content.ContentError as exc:
        return _broken(title, str(exc))
    if not items:
        return _broken(title, f"quiz.toml has no questions in the section \"{section}\". Add some with "
                              f"section = \"{section}\", or check the spelling of the section.")
    try:
        saved = quiz.saved_answers()
        damaged = ""
    except StoreError as exc:
        saved, damaged = {}, str(exc)
    blocks = []
    for n, q in enumerate(items, start=1):
        radio = widgets.RadioButtons(options=[(f"{c.letter}. {c.text}", c.letter) for c in q.choices],
                                     value=None, description=f"Answer {n}", style=LABEL_STYLE, layout=FULL)
        radio.add_class("iiw-quiz-radio")
        blocks.append((q.id, f"<p style='margin:0.6em 0 0.2em 0'><strong>{n}. {escape(q.prompt)}</strong></p>", radio))
    form = _layout(blocks, [("check", button("Check my answers"))], title,
                   "Pick one answer for each question, then click Check my answers. You get feedback on "
                   "your choice and can read why each choice is right or not. Change your mind any time.")
    form.extras["questions"] = items

    def show_saved(f: Form, missing_note: bool = False) -> tuple[int, int]:
        """Select the saved answers and show their feedback, read from quiz.json."""
        stored = quiz.saved_answers()
        answered = right = 0
        for q in items:
            g = quiz.saved_grade(q, stored)
            if g is None:
                f.messages[q.id].value = (message_html("No answer yet: choose one when you are ready.", "info")
                                          if missing_note else "")
                continue
            answered += 1
            right += int(g.correct)
            f.controls[q.id].value = g.chosen.letter if g.chosen else None
            f.messages[q.id].value = feedback_html(g)
        return answered, right

    def forget_feedback(qid: str):
        def changed(change: dict) -> None:
            form.messages[qid].value = ""
        return changed

    if damaged:
        form.say(damaged, "error")
    elif saved:
        answered, right = show_saved(form)
        if answered:
            form.say(f"Your saved answers: {answered} of {len(items)} answered, {right} right.", "info")
    for q in items:
        form.controls[q.id].observe(forget_feedback(q.id), names="value")

    def check(f: Form) -> None:
        chosen = {q.id: f.controls[q.id].value for q in items}
        picked = {k: v for k, v in chosen.items() if v}
        if not picked:
            f.show_problems([quiz.grade(q.id, None).problems[0] for q in items],
                            intro="Nothing checked yet: choose an answer for at least one question.")
            return
        result = quiz.save_answers(picked)
        if result.problems:
            f.show_result(result)
            return
        answered, right = show_saved(f, missing_note=True)
        left = len(items) - answered
        f.say(f"Saved. {answered} of {len(items)} answered, {right} right"
              + (f"; {left} still to answer." if left else ".")
              + (" Read the feedback under each question." if answered else ""), "ok")

    form.on_click("check", check)
    return form


def quiz_notes_form(section: str | None = "why", title: str = "My notes") -> Form:
    """A text box per reflection prompt of quiz.toml; notes saved in ``quiz.json`` and shown back.

    Empty boxes are fine (come back later); an empty box never erases a saved note. Each note
    may be up to ``quiz.NOTE_LIMIT`` characters.
    """
    return guarded(quiz.STORES, lambda: _notes_form(section, title))


def _notes_form(section: str | None, title: str) -> Form:
    try:
        prompts = quiz.reflection_prompts(section)
    except content.ContentError as exc:
        return _broken(title, str(exc))
    if not prompts:
        return _broken(title, f"quiz.toml has no reflection prompts in the section \"{section}\".")
    try:
        saved, damaged = quiz.saved_notes(), ""
    except StoreError as exc:
        saved, damaged = {}, str(exc)
    blocks = []
    for n, p in enumerate(prompts, start=1):
        area = widgets.Textarea(value=saved.get(p.id, ""), description=f"Note {n}",
                                placeholder="A sentence or two is plenty.", style=LABEL_STYLE,
                                layout=widgets.Layout(width="100%", max_width="720px", height="5.6em"))
        blocks.append((p.id, f"<p style='margin:0.6em 0 0.2em 0'><strong>{n}. {escape(p.prompt)}</strong></p>", area))
    form = _layout(blocks, [("save", button("Save my notes"))], title,
                   f"Write as much or as little as you like (up to {quiz.NOTE_LIMIT} characters each), then "
                   f"click Save my notes. You can come back and change them; they go into your workbook.")
    form.extras["saved"] = widgets.HTML("")
    form.widget.children = form.widget.children[:-1] + (form.extras["saved"], form.widget.children[-1])

    def show_saved(f: Form, after_save: bool = False) -> int:
        stored = quiz.saved_notes()
        for p in prompts:
            if p.id in stored:
                f.controls[p.id].value = stored[p.id]
            elif after_save:
                f.messages[p.id].value = message_html("Not answered yet: come back to it whenever you like.", "info")
        shown = [(p, stored[p.id]) for p in prompts if p.id in stored]
        f.extras["saved"].value = "" if not shown else (
            "<details open><summary>What is saved</summary>" + "".join(
                f"<p style='margin:0.3em 0'><em>{escape(p.prompt)}</em><br>"
                f"<span style='white-space:pre-wrap'>{escape(text)}</span></p>" for p, text in shown) + "</details>")
        return len(shown)

    if damaged:
        form.say(damaged, "error")
    else:
        show_saved(form)

    def save(f: Form) -> None:
        notes = {p.id: f.controls[p.id].value for p in prompts}
        result = quiz.save_notes(notes)
        if result.problems:
            f.show_result(result)
            return
        f.clear_messages()
        kept = [p.id for p in prompts if not (notes[p.id] or "").strip() and p.id in quiz.saved_notes()]
        count = show_saved(f, after_save=True)
        for pid in kept:
            f.messages[pid].value = message_html("This box was empty, so your earlier note was kept.", "info")
        news = f"Saved {len(result.item['saved'])} note(s)" if result.item["saved"] else "Nothing changed"
        f.say(f"{news}; {count} of {len(prompts)} saved in {quiz.ANSWERS_FILE}.", "ok")

    form.on_click("save", save)
    return form
