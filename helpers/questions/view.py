"""Forms for the lesson "Research to questions": research notes, then drafted questions.

Both forms call the plain functions in :mod:`helpers.questions`, show each
:class:`helpers.core.Result` through ``form.show_result`` and re-render from what was saved
on disk. Driven from Python in the tests::

    form = forms.question_form()
    form.controls["category"].value = "industry"
    form.controls["text"].value = "How is this field changing?"
    form.controls["save"].click()
    form.extras["table"].value     # the saved questions, escaped HTML

A damaged or wrong-shaped ``questions.json``/``research.json``, or a workspace that cannot be
used, gives a plain message and a "Move it aside" button in place of the form (``guarded``).
"""
from __future__ import annotations

import weakref
from typing import Any, Callable

import ipywidgets as widgets

from helpers.core import coaching
from helpers import questions as q
from helpers.content import ContentError
from helpers.core.store import StoreError
from helpers.display import escape, message_html, table_html
from helpers.widgets import FULL, LABEL_STYLE, Form, build, button, choice, guarded, text

__all__ = ["research_form", "question_form", "bank_view", "questions_view", "rubric_view"]

NONE_CHOSEN = 0          # dropdown value meaning "no saved entry chosen" (ids start at 1)
OWN_WORDS = ""           # dropdown value meaning "write my own" (no starter chosen)
NOT_SURE = ""            # rubric kind not chosen

# Question forms on screen, so that saving a research note updates their "Start from my
# research" list and their advice about the whole set (weak references: old forms are let go).
_research_listeners: list[weakref.ref] = []


def _label(value: str, limit: int = 90) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _error_form(title: str, message: str) -> Form:
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
# Views (HTML lives here, not in helpers.questions)
# ---------------------------------------------------------------------------------------
def bank_html() -> str:
    """The question bank as escaped HTML: each group, why it matters, its starter questions."""
    try:
        b = q.bank()
    except ContentError as exc:
        return message_html(f"The starter questions could not be read. {exc}", "error")
    parts = ["<div class='iiw-bank'>"]
    for cat in b.categories:
        parts.append(f"<h4 style='margin:0.6em 0 0.2em 0'>{escape(cat.title)}</h4>")
        parts.append(f"<p style='margin:0 0 0.3em 0'><em>Why it matters:</em> {escape(cat.why)}</p>")
        parts.append("<ul style='margin-top:0'>" + "".join(f"<li>{escape(x)}</li>" for x in cat.questions) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def bank_view() -> widgets.HTML:
    """The question bank, shown as a widget (its ``.value`` is the escaped HTML)."""
    return widgets.HTML(bank_html())


def rubric_view() -> widgets.HTML:
    """The rubric learners rate their questions against, as a table widget."""
    try:
        return widgets.HTML(table_html(q.rubric_table(), caption="Five kinds of question (TIARA)"))
    except ContentError as exc:
        return widgets.HTML(message_html(f"The five kinds of question could not be read. {exc}", "error"))


def _questions_html() -> str:
    """The learner's saved questions as an escaped table, or the labelled example when none."""
    columns = ["#", "Group", "Question", "Checks"]
    try:
        saved = q.saved_questions()
        if saved:
            return table_html(q.questions_table(saved)[columns],
                              caption=f"Your saved questions ({len(saved)}), read back from {q.QUESTIONS_FILE}")
        return table_html(q.example_table()[columns], caption="EXAMPLE, not your work: you have no saved questions "
                                                              "yet. Yours will appear here like this.")
    except (StoreError, ContentError) as exc:
        return message_html(str(exc), "error")


def questions_view() -> widgets.HTML:
    """The saved questions (or the example before there are any) as a widget."""
    return widgets.HTML(_questions_html())


def _set_html() -> str:
    """Advice about the whole saved set (research used, candid feedback, groups)."""
    try:
        saved = q.saved_questions()
        if not saved:
            return ""
        advice = q.set_advice(saved)
    except (StoreError, ContentError) as exc:
        return message_html(str(exc), "error")
    if not advice:
        return message_html("About your whole set: your findings are used, one question asks for candid feedback, "
                            "and every group has a question.", "ok")
    return message_html("About your whole set:", "info") + "".join(message_html(a.message, "tip") for a in advice)


def _research_html() -> str:
    try:
        saved = q.saved_research()
        if saved:
            return table_html(q.research_table(saved), caption=f"Your saved findings ({len(saved)}) and the "
                                                                f"hypothesis each one gives, read back from "
                                                                f"{q.RESEARCH_FILE}")
        return table_html(q.example_research(), caption="EXAMPLE, not your work: you have no saved findings yet. "
                                                        "Yours will appear here like this.")
    except ContentError as exc:
        return message_html(f"You have no saved findings yet. (The example could not be shown: {exc})", "info")
    except StoreError as exc:
        return message_html(str(exc), "error")


def verdict_html(v: coaching.Verdict, differences: list[coaching.Difference] | None = None,
                 skip: tuple[str, ...] = ()) -> str:
    """What the checks read in one question, and where the learner's own rating differs
    (``skip``: advice codes already said beside the field)."""
    if v.good:
        parts = [message_html(v.message, "ok")]
    else:
        shown = [a for a in v.advice if a.code not in skip]
        parts = [message_html("What the checks read:", "info")] + [message_html(a.message, "tip") for a in shown]
    if differences:
        rows = "".join(f"<tr><td>{escape(coaching.CRITERIA.get(d.criterion, 'Kind of question'))}</td>"
                       f"<td>{escape(d.mine)}</td><td>{escape(d.checks)}</td><td>{escape(d.why)}</td></tr>"
                       for d in differences)
        parts.append("<table class='iiw-table' style='border-collapse:collapse'><caption style='text-align:left'>"
                     "Where your rating and the checks differ (the checks can be wrong: decide for yourself)"
                     "</caption><thead><tr><th scope='col'>What you rated</th><th scope='col'>You said</th>"
                     "<th scope='col'>The checks read</th><th scope='col'>Why</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    elif differences is not None:
        parts.append(message_html("Your rating and the checks agree.", "info"))
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Research notes
# ---------------------------------------------------------------------------------------
def research_form() -> Form:
    """A form to save what your research says (topic + finding) and see each as a hypothesis.

    Controls: ``topic``, ``finding``, ``save``, ``pick`` (a saved finding), ``delete``.
    Extras: ``list`` (HTML of the saved findings and hypotheses, or the example).
    """
    return guarded(q.STORES, _research_form)


def _research_form() -> Form:
    topic = text(f"Topic (a field or an organisation, up to {q.LIMITS['topic']} characters)",
                 placeholder="e.g. Community nursing in my region")
    finding = text(f"What my research says (up to {q.LIMITS['finding']} characters)",
                   placeholder="e.g. Hospitals in the region are short of night-shift nurses.", area=True)
    form = build([("topic", topic), ("finding", finding)], [("save", button("Save finding"))],
                 title="What does your research say?",
                 intro="Note one thing you found per entry. Each finding becomes a hypothesis to test in the interview.")
    listing = widgets.HTML("")
    pick = widgets.Dropdown(options=[("(no finding chosen)", NONE_CHOSEN)], value=NONE_CHOSEN,
                            description="Saved finding to delete", style=LABEL_STYLE, layout=FULL)
    pick_message = widgets.HTML("")
    delete = button("Delete chosen finding", style="warning")
    form.controls.update({"pick": pick, "delete": delete})
    form.messages["pick"] = pick_message
    form.extras["list"] = listing
    box = form.widget
    box.children = tuple(box.children[:-1]) + (listing, widgets.VBox([pick, pick_message]), delete, box.children[-1])

    def refresh() -> None:
        listing.value = _research_html()
        try:
            saved = q.saved_research()
        except StoreError:
            saved = []
        pick.options = [("(no finding chosen)", NONE_CHOSEN)] + [
            (f"{r['id']}. {_label(r['topic'] + ': ' + r['finding'])}", r["id"]) for r in saved]
        pick.value = NONE_CHOSEN

    def on_save(f: Form) -> None:
        result = q.add_research(topic.value, finding.value)
        if not result.ok:
            f.show_result(result)
            return
        refresh()
        _notify_research_changed()
        topic.value, finding.value = result.item["topic"], ""
        f.show_result(result, saved_text=f"{result.message} Hypothesis to test: {q.hypothesis(result.item['finding'])}")

    def on_delete(f: Form) -> None:
        if not pick.value:
            f.clear_messages()
            pick_message.value = message_html("Choose the finding to delete in this list first.", "error")
            f.say("Nothing deleted: no finding was chosen.", "error")
            return
        result = q.delete_research(pick.value)
        if result.ok:
            refresh()
            _notify_research_changed()
        f.show_result(result, saved_text=result.message + " Your questions were kept." if result.ok else None)

    form.on_click("save", on_save)
    form.on_click("delete", on_delete)
    refresh()
    return form


# ---------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------
def question_form() -> Form:
    """The form to draft, check, rate, save, update and delete questions.

    Controls: ``category``, ``bank`` (a starter question), ``research`` (a saved finding's
    hypothesis), ``text``, the learner's own rating (``open``, ``on_topic``,
    ``not_a_job_ask`` check boxes and ``kind``), ``pick`` (a saved question), buttons
    ``check`` (check without saving), ``save``, ``update``, ``delete``. Extras: ``advice``
    (what the checks read, and where the rating differs), ``set`` (advice about the whole set)
    and ``table`` (the saved questions, or the example before there are any).
    """
    return guarded(q.STORES, _question_form)


def _question_form() -> Form:
    try:
        b = q.bank()
    except ContentError as exc:
        return _error_form("Draft your questions", f"The starter questions could not be read, so this form cannot "
                                                   f"start. {exc}")
    category = choice("Group", [(c.title, c.id) for c in b.categories], value=b.categories[0].id)
    starter = widgets.Dropdown(description="Start from a starter question (optional)", style=LABEL_STYLE, layout=FULL)
    research = widgets.Dropdown(description="Start from my research (optional)", style=LABEL_STYLE, layout=FULL)
    words = text(f"Your question (up to {q.LIMITS['text']} characters)",
                 placeholder="e.g. How did you get started in this line of work?", area=True)
    boxes = {key: widgets.Checkbox(value=False, description=label, indent=False, layout=FULL)
             for key, label in coaching.CRITERIA.items()}
    kind = choice("Which kind is it?", [("(not sure)", NOT_SURE)] + [(f"{k.title}: {k.means}", k.id)
                                                                     for k in b.checks.rubric], value=NOT_SURE)
    pick = widgets.Dropdown(description="Saved question (to update or delete)", style=LABEL_STYLE, layout=FULL)
    fields: list[tuple[str, widgets.Widget]] = [("category", category), ("bank", starter), ("research", research),
                                                ("text", words)]
    fields += list(boxes.items()) + [("kind", kind), ("pick", pick)]
    form = build(fields,
                 [("check", button("Check it (nothing saved)", style="")),
                  ("save", button("Save as new question")),
                  ("save_anyway", button("Save anyway", style="danger",
                                         tooltip="Save it although the checks read a job ask in it")),
                  ("update", button("Update chosen question", style="info")),
                  ("delete", button("Delete chosen question", style="warning"))],
                 title="Draft your questions",
                 intro="Choose a group, start from a starter question or your research (or a blank box) and make the question "
                       "your own. Then rate it yourself with the tick boxes, and see what the checks read in it.")
    rate_intro = widgets.HTML(message_html("Rate your own question (tick what is true):", "info"))
    advice_box, set_box, table = widgets.HTML(""), widgets.HTML(""), widgets.HTML("")
    form.extras.update({"advice": advice_box, "set": set_box, "table": table})
    box = form.widget
    children = list(box.children)
    first_box = children.index(next(c for c in children if isinstance(c, widgets.VBox)
                                    and boxes["open"] in c.children))
    children.insert(first_box, rate_intro)
    box.children = tuple(children[:-1]) + (advice_box, set_box, table, children[-1])
    for child in box.children:   # the row of buttons wraps instead of cutting their labels
        if isinstance(child, widgets.HBox) and any(isinstance(c, widgets.Button) for c in child.children):
            child.layout.flex_flow = "row wrap"
            for btn in child.children:
                btn.layout.flex = "0 0 auto"
    anyway = form.controls["save_anyway"]
    anyway.layout.display = "none"   # offered only after a job ask was held back
    state = {"busy": False, "held": None}

    def quietly(change: Callable[[], None]) -> None:
        state["busy"] = True
        try:
            change()
        finally:
            state["busy"] = False

    def rating() -> dict[str, Any]:
        """The learner's own rating; {} when they have not rated (no box ticked, no kind chosen)."""
        if not any(w.value for w in boxes.values()) and not kind.value:
            return {}
        out: dict[str, Any] = {key: bool(w.value) for key, w in boxes.items()}
        out["kind"] = kind.value
        return out

    def fill_starters() -> None:
        cat = b.get(category.value)
        options = [("(write my own)", OWN_WORDS)] + [(_label(x), x) for x in (cat.questions if cat else ())]
        quietly(lambda: (setattr(starter, "options", options), setattr(starter, "value", OWN_WORDS)))

    def fill_research() -> None:
        try:
            saved = q.saved_research()
        except StoreError:
            saved = []
        options = [("(none)", NONE_CHOSEN)] + [(f"{r['id']}. {_label(q.hypothesis(r['finding']))}", r["id"]) for r in saved]
        quietly(lambda: (setattr(research, "options", options), setattr(research, "value", NONE_CHOSEN)))
        set_box.value = _set_html()

    def refresh(select: int = NONE_CHOSEN) -> None:
        table.value = _questions_html()
        set_box.value = _set_html()
        try:
            saved = q.saved_questions()
        except StoreError:
            saved = []
        options = [("(no question chosen)", NONE_CHOSEN)] + [(f"{x['id']}. {_label(x['text'])}", x["id"]) for x in saved]
        quietly(lambda: setattr(pick, "options", options))
        pick.value = select if any(x["id"] == select for x in saved) else NONE_CHOSEN

    def on_starter(change: dict) -> None:
        if not state["busy"] and change["new"]:
            words.value = change["new"]

    def on_research(change: dict) -> None:
        if state["busy"] or not change["new"]:
            return
        try:
            found = next((r for r in q.saved_research() if r["id"] == change["new"]), None)
        except StoreError:
            found = None
        if found is not None:
            words.value = q.hypothesis(found["finding"])

    def on_pick(change: dict) -> None:
        if state["busy"] or not change["new"]:
            return
        try:
            found = next((x for x in q.saved_questions() if x["id"] == change["new"]), None)
        except StoreError:
            found = None
        if found is not None:
            if found["category"] in b.ids():
                category.value = found["category"]
            words.value = found["text"]
            saved_rating = found.get("rating") or {}
            for key, w in boxes.items():
                w.value = bool(saved_rating.get(key, False))
            kind.value = saved_rating.get("kind", NOT_SURE) if b.checks.kind(saved_rating.get("kind", "")) else NOT_SURE

    category.observe(lambda change: fill_starters(), names="value")
    starter.observe(on_starter, names="value")
    research.observe(on_research, names="value")
    pick.observe(on_pick, names="value")

    def show_reading(value: str, skip: tuple[str, ...] = ()) -> None:
        try:
            findings = [f"{r['topic']} {r['finding']}" for r in q.saved_research()]
        except StoreError:
            findings = []
        v = coaching.verdict(value, b.checks, findings)
        mine = rating()
        advice_box.value = verdict_html(v, coaching.compare(v, mine, b.checks) if mine else None, skip=skip)

    def needs_pick(f: Form, action: str) -> bool:
        if pick.value:
            return False
        f.clear_messages()
        advice_box.value = ""
        f.messages["pick"].value = message_html(f"Choose the saved question to {action} in this list first.", "error")
        f.say(f"Nothing changed: no saved question was chosen to {action}.", "error")
        return True

    def on_check(f: Form) -> None:
        problems, _ = q.check_question(words.value, category.value)
        f.clear_messages()
        if problems:
            f.show_problems(problems, intro="This could not be saved yet: please fix the field(s) marked above.")
            advice_box.value = ""
            return
        f.say("Checked; nothing was saved. What the checks read is below.", "info")
        show_reading(words.value)

    def after(f: Form, result: Any, select: int = NONE_CHOSEN, action: str = "save") -> None:
        item_advice = [a for a in result.advice if a.scope == "item"]
        result.advice = []  # shown once, below: the checks' reading (advice_box) and the whole set (set_box)
        held = result.codes == ["job_ask"]
        state["held"] = action if held else None
        anyway.layout.display = None if held else "none"
        if result.problems:
            f.show_result(result)
            if held:
                show_reading(words.value, skip=("asks_for_job",))  # said beside the question already
            else:
                advice_box.value = ""
            return
        refresh(select=select)
        tail = (" See the advice below." if item_advice else
                " The checks read it as a good informational-interview question (details below).")
        f.show_result(result, saved_text=result.message + tail)
        show_reading(words.value)

    def on_save(f: Form, allow: bool = False) -> None:
        result = q.add_question(words.value, category.value, rating=rating(), allow_job_ask=allow)
        after(f, result, select=result.item["id"] if result.ok and result.item else NONE_CHOSEN)

    def on_update(f: Form, allow: bool = False) -> None:
        if needs_pick(f, "update"):
            return
        chosen = pick.value
        after(f, q.update_question(chosen, words.value, category.value, rating=rating(), allow_job_ask=allow),
              select=chosen, action="update")

    def on_anyway(f: Form) -> None:
        (on_update if state["held"] == "update" else on_save)(f, allow=True)

    words.observe(lambda change: setattr(anyway.layout, "display", "none"), names="value")

    def on_delete(f: Form) -> None:
        if needs_pick(f, "delete"):
            return
        result = q.delete_question(pick.value)
        if result.ok:
            refresh()
            advice_box.value = ""
            f.show_result(result, saved_text=f"{result.message} Its words are still in the box: click “Save as new "
                                             f"question” if you want it back.")
        else:
            f.show_result(result)

    form.on_click("check", on_check)
    form.on_click("save", on_save)
    form.on_click("save_anyway", on_anyway)
    form.on_click("update", on_update)
    form.on_click("delete", on_delete)
    fill_starters()
    fill_research()
    refresh()
    form.extras["refresh_research"] = fill_research
    _research_listeners.append(weakref.ref(fill_research))
    return form
