"""Forms for the lesson "Research to questions": research notes, then drafted questions.

Both forms call the plain functions in :mod:`helpers.questions` and re-render from what was
saved on disk. Driven from Python in the tests::

    form = forms.question_form()
    form.controls["category"].value = "industry"
    form.controls["text"].value = "How is this field changing?"
    form.controls["save"].click()
    form.extras["table"].value     # the saved questions, escaped HTML
"""
from __future__ import annotations

import weakref
from typing import Any, Callable

import ipywidgets as widgets

from .. import questions as q
from ..content import ContentError
from ..display import escape, message_html, table_html
from ._base import Form, build, button, choice, text

__all__ = ["research_form", "question_form", "bank_view", "questions_view"]

NONE_CHOSEN = 0          # dropdown value meaning "no saved entry chosen" (ids start at 1)
OWN_WORDS = ""           # dropdown value meaning "write my own" (no starter chosen)

# Question forms on screen, so that saving a research note updates their
# "Start from my research" list (weak references: a re-run cell's old form is let go).
_research_listeners: list[weakref.ref] = []


def _label(text_value: str, limit: int = 90) -> str:
    return text_value if len(text_value) <= limit else text_value[: limit - 1] + "…"


def _advice_tail(advice: list[q.Advice]) -> str:
    """What the status line says about the advice shown below it."""
    about_question = [a for a in advice if a.scope == "question"]
    about_set = [a for a in advice if a.scope == "set"]
    tail = " See the advice below." if about_question else " This question looks good."
    if about_set and not about_question:
        tail += " One tip about your whole set is below."
    return tail


def _error_form(title: str, message: str) -> Form:
    """A form that only says what is wrong (a broken content file or a damaged saved file)."""
    form = build([], [], title=title)
    form.say(message, "error")
    return form


def _notify_research_changed() -> None:
    alive = []
    for ref in _research_listeners:
        refresh = ref()
        if refresh is not None:
            refresh()
            alive.append(ref)
    _research_listeners[:] = alive


# ---------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------
def bank_html() -> str:
    """The question bank as escaped HTML: each group, why it matters, its starter questions."""
    try:
        b = q.bank()
    except ContentError as exc:
        return message_html(f"The question bank could not be read. {exc}", "error")
    parts = ["<div class='iiw-bank'>"]
    for cat in b.categories:
        parts.append(f"<h4 style='margin:0.6em 0 0.2em 0'>{escape(cat.title)}</h4>")
        parts.append(f"<p style='margin:0 0 0.3em 0'><em>Why it matters:</em> {escape(cat.why)}</p>")
        parts.append("<ul style='margin-top:0'>" + "".join(f"<li>{escape(x)}</li>" for x in cat.questions)
                     + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def bank_view() -> widgets.HTML:
    """The question bank, shown as a widget (its ``.value`` is the escaped HTML)."""
    return widgets.HTML(bank_html())


def _questions_html() -> str:
    """The learner's saved questions as an escaped table, or the labelled example when none."""
    try:
        saved = q.saved_questions()
        if saved:
            return table_html(q.questions_table(saved),
                              caption=f"Your saved questions ({len(saved)}), read back from "
                                      f"{q.QUESTIONS_FILE}")
        return table_html(q.example_table(),
                          caption="EXAMPLE, not your work: you have no saved questions yet. "
                                  "Yours will appear here like this.")
    except (ValueError, ContentError) as exc:
        return message_html(str(exc), "error")


def questions_view() -> widgets.HTML:
    """The saved questions (or the example before there are any) as a widget."""
    return widgets.HTML(_questions_html())


def _research_html() -> str:
    try:
        saved = q.saved_research()
        if saved:
            return table_html(q.research_table(saved),
                              caption=f"Your saved findings ({len(saved)}) and the hypothesis each "
                                      f"one gives, read back from {q.RESEARCH_FILE}")
        try:
            example = q.example_research()
        except ContentError as exc:
            return message_html(f"You have no saved findings yet. (The example could not be "
                                f"shown: {exc})", "info")
        return table_html(example, caption="EXAMPLE, not your work: you have no saved findings yet. "
                                           "Yours will appear here like this.")
    except ValueError as exc:
        return message_html(str(exc), "error")


# ---------------------------------------------------------------------------------------
# Research notes
# ---------------------------------------------------------------------------------------
def research_form() -> Form:
    """A form to save what your research says (topic + finding) and see each as a hypothesis.

    Controls: ``topic``, ``finding``, ``save``, ``pick`` (a saved finding), ``delete``.
    Extras: ``list`` (HTML of the saved findings and hypotheses, or the example).
    """
    topic = text(f"Topic (a field or an organisation, up to {q.LIMITS['topic']} characters)",
                 placeholder="e.g. Community nursing in my region")
    finding = text(f"What my research says (up to {q.LIMITS['finding']} characters)",
                   placeholder="e.g. Hospitals in the region are short of night-shift nurses.", area=True)
    save = button("Save finding")
    form = build([("topic", topic), ("finding", finding)], [("save", save)],
                 title="What does your research say?",
                 intro="Note one thing you found per entry. Each finding becomes a hypothesis to "
                       "test in the interview.")
    listing = widgets.HTML("")
    pick = widgets.Dropdown(options=[("(no finding chosen)", NONE_CHOSEN)], value=NONE_CHOSEN,
                            description="Saved finding to delete", style={"description_width": "initial"},
                            layout=widgets.Layout(width="100%", max_width="720px"))
    pick_message = widgets.HTML("")
    delete = button("Delete chosen finding", style="warning")
    form.controls.update({"pick": pick, "delete": delete})
    form.messages["pick"] = pick_message
    form.extras["list"] = listing
    box = form.widget
    box.children = tuple(box.children[:-1]) + (listing, widgets.VBox([pick, pick_message]), delete,
                                               box.children[-1])

    def refresh() -> None:
        listing.value = _research_html()
        try:
            saved = q.saved_research()
        except ValueError:
            saved = []
        pick.options = [("(no finding chosen)", NONE_CHOSEN)] + [
            (f"{r['id']}. {_label(r['topic'] + ': ' + r['finding'])}", r["id"]) for r in saved]
        pick.value = NONE_CHOSEN

    def on_save(f: Form) -> None:
        out = q.add_research(topic.value, finding.value)
        if not out.ok:
            f.show_problems(out.problems)
            return
        refresh()
        _notify_research_changed()
        f.clear_messages()
        topic.value, finding.value = out.item["topic"], ""
        f.say(f"{out.message} Hypothesis to test: {out.item['hypothesis']}", "ok")

    def on_delete(f: Form) -> None:
        chosen = pick.value
        if not chosen:
            f.clear_messages()
            pick_message.value = message_html("Choose the finding to delete in this list first.", "error")
            f.say("Nothing deleted: no finding was chosen.", "error")
            return
        out = q.delete_research(chosen)
        if not out.ok:
            f.show_problems(out.problems)
            return
        refresh()
        _notify_research_changed()
        f.clear_messages()
        f.say(out.message + " Your questions were kept.", "ok")

    form.on_click("save", on_save)
    form.on_click("delete", on_delete)
    refresh()
    return form


# ---------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------
def question_form() -> Form:
    """The form to draft, check, save, update and delete questions.

    Controls: ``category``, ``bank`` (a starter question), ``research`` (a saved finding's
    hypothesis), ``text``, ``pick`` (a saved question), buttons ``save``, ``update``,
    ``delete``. Extras: ``advice`` (HTML advice after a save) and ``table`` (HTML of the
    saved questions, or the example before there are any).
    """
    try:
        b = q.bank()
    except ContentError as exc:
        return _error_form("Draft your questions", f"The question bank could not be read, so this "
                                                   f"form cannot start. {exc}")
    category = choice("Group", [(c.title, c.id) for c in b.categories], value=b.categories[0].id)
    starter = widgets.Dropdown(description="Start from the bank (optional)", style={"description_width": "initial"},
                               layout=widgets.Layout(width="100%", max_width="720px"))
    research = widgets.Dropdown(description="Start from my research (optional)",
                                style={"description_width": "initial"},
                                layout=widgets.Layout(width="100%", max_width="720px"))
    words = text(f"Your question (up to {q.LIMITS['text']} characters)",
                 placeholder="e.g. How did you get started in this line of work?", area=True)
    pick = widgets.Dropdown(description="Saved question (to update or delete)",
                            style={"description_width": "initial"},
                            layout=widgets.Layout(width="100%", max_width="720px"))
    form = build([("category", category), ("bank", starter), ("research", research), ("text", words),
                  ("pick", pick)],
                 [("save", button("Save as new question")),
                  ("update", button("Update chosen question", style="info")),
                  ("delete", button("Delete chosen question", style="warning"))],
                 title="Draft your questions",
                 intro="Choose a group, start from the bank or your research (or a blank box), make "
                       "the question your own, then save it. Each question is checked as you save it.")
    advice_box = widgets.HTML("")
    table = widgets.HTML("")
    form.extras.update({"advice": advice_box, "table": table})
    box = form.widget
    box.children = tuple(box.children[:-1]) + (advice_box, table, box.children[-1])
    state = {"busy": False}

    def quietly(change: Callable[[], None]) -> None:
        state["busy"] = True
        try:
            change()
        finally:
            state["busy"] = False

    def fill_starters() -> None:
        cat = b.get(category.value)
        options = [("(write my own)", OWN_WORDS)] + [(_label(x), x) for x in (cat.questions if cat else ())]
        quietly(lambda: (setattr(starter, "options", options), setattr(starter, "value", OWN_WORDS)))

    def fill_research() -> None:
        try:
            saved = q.saved_research()
        except ValueError:
            saved = []
        options = [("(none)", NONE_CHOSEN)] + [
            (f"{r['id']}. {_label(q.hypothesis(r['finding']))}", r["id"]) for r in saved]
        quietly(lambda: (setattr(research, "options", options), setattr(research, "value", NONE_CHOSEN)))

    def refresh(select: int = NONE_CHOSEN) -> list[dict[str, Any]]:
        """Re-read the saved questions: the table and the 'Saved question' list."""
        table.value = _questions_html()
        try:
            saved = q.saved_questions()
        except ValueError:
            saved = []
        options = [("(no question chosen)", NONE_CHOSEN)] + [
            (f"{x['id']}. {_label(x['text'])}", x["id"]) for x in saved]
        quietly(lambda: setattr(pick, "options", options))
        pick.value = select if any(x["id"] == select for x in saved) else NONE_CHOSEN
        return saved

    def on_category(change: dict) -> None:
        fill_starters()

    def on_starter(change: dict) -> None:
        if not state["busy"] and change["new"]:
            words.value = change["new"]

    def on_research(change: dict) -> None:
        if state["busy"] or not change["new"]:
            return
        try:
            found = next((r for r in q.saved_research() if r["id"] == change["new"]), None)
        except ValueError:
            found = None
        if found is not None:
            words.value = q.hypothesis(found["finding"])

    def on_pick(change: dict) -> None:
        if state["busy"] or not change["new"]:
            return
        try:
            found = next((x for x in q.saved_questions() if x["id"] == change["new"]), None)
        except ValueError:
            found = None
        if found is not None:
            if found["category"] in b.ids():
                category.value = found["category"]
            words.value = found["text"]

    category.observe(on_category, names="value")
    starter.observe(on_starter, names="value")
    research.observe(on_research, names="value")
    pick.observe(on_pick, names="value")

    def show_advice(advice: list[q.Advice]) -> None:
        advice_box.value = "".join(message_html(a.message, "tip") for a in advice)

    def needs_pick(f: Form, action: str) -> bool:
        if pick.value:
            return False
        f.clear_messages()
        advice_box.value = ""
        f.messages["pick"].value = message_html(f"Choose the saved question to {action} in this list first.",
                                                "error")
        f.say(f"Nothing changed: no saved question was chosen to {action}.", "error")
        return True

    def on_save(f: Form) -> None:
        out = q.add_question(words.value, category.value)
        if not out.ok:
            f.show_problems(out.problems)
            show_advice([])
            return
        refresh(select=out.item["id"])
        f.clear_messages()
        tail = _advice_tail(out.advice)
        f.say(f"{out.message}{tail} To improve it, edit the text and click “Update chosen question”.", "ok")
        show_advice(out.advice)

    def on_update(f: Form) -> None:
        if needs_pick(f, "update"):
            return
        chosen = pick.value
        out = q.update_question(chosen, text=words.value, category=category.value)
        if out.problems:
            f.show_problems(out.problems, intro="Not changed yet: please fix the field(s) marked below.")
            show_advice([])
            return
        refresh(select=chosen)
        f.clear_messages()
        f.say(out.message + (_advice_tail(out.advice) if out.ok else ""), "ok" if out.ok else "info")
        show_advice(out.advice)

    def on_delete(f: Form) -> None:
        if needs_pick(f, "delete"):
            return
        out = q.delete_question(pick.value)
        if not out.ok:
            f.show_problems(out.problems, intro="Nothing deleted.")
            return
        refresh()
        f.clear_messages()
        show_advice([])
        f.say(f"{out.message} Its words are still in the box: click “Save as new question” if you "
              f"want it back.", "ok")

    form.on_click("save", on_save)
    form.on_click("update", on_update)
    form.on_click("delete", on_delete)
    fill_starters()
    fill_research()
    refresh()
    form.extras["refresh_research"] = fill_research
    _research_listeners.append(weakref.ref(fill_research))
    return form
