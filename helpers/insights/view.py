"""The form of lesson 07: turn an insight into a sentence you can share, and keep a list.

    form = forms.insight_form()
    form.controls["insight"].value = "people in accounting are watching the new rules"
    form.controls["save"].click()
    form.extras["table"].value      # the saved list, read back from insights.json

Logic lives in :mod:`helpers.insights`; this module only wires widgets to it.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from helpers import content
from helpers import insights as logic
from helpers.core.store import StoreError
from helpers.display import escape, message_html, table_html
from helpers.widgets import Form, build, button, choice, guarded, text

__all__ = ["insight_form", "earlier_insights_view", "checked_examples"]

AUTO = ""  # the pattern choice that lets the helper choose


def _broken(title: str, message: str) -> Form:
    form = build([], [], title=title)
    form.say(message, "error")
    return form


def insight_form(log: Any = None) -> Form:
    """Build the "share what you learned" form (it shows itself as a cell's last expression).

    ``log`` is for tests and instructors: a :class:`helpers.log.Log` to check names against;
    by default the learner's log is read at every click (the sample while they have none).
    A damaged or wrong-shaped ``insights.json`` or an unusable work folder shows a plain
    message (and a "Move it aside" button) in place of the form; nothing is overwritten.
    """
    return guarded(logic.STORES, lambda: _build(log))


def _build(log: Any) -> Form:
    title = "Turn an insight into a sentence you can share"
    try:
        cfg = logic.settings()
    except content.ContentError as exc:
        return _broken(title, str(exc))
    lim = cfg.limits
    earlier, caption = logic.earlier_insights(log)
    start_options = [("(type your own below)", "")] + [
        (_short(t), t) for t in dict.fromkeys(str(x) for x in earlier["insight"])]
    start_from = choice("Start from an earlier insight (optional)", start_options, "")
    insight = text("One thing you learned, in general terms",
                   "e.g. people in accounting at large manufacturers are watching the new rules",
                   area=True, rows=3)
    sector = text("Their field (optional)", "e.g. healthcare: the field of the person you will speak with")
    pattern = choice("Sentence pattern", [("Choose for me", AUTO)] + [(p.label, p.id) for p in cfg.patterns], AUTO)
    use = button("Copy into the box", style="", tooltip="Copy the chosen earlier insight into the box below")
    preview = button("Preview my sentence", style="info")
    save = button("Save this sentence")
    delete_which = choice("Saved sentence to delete", [("(none saved yet)", "")], "")
    delete = button("Delete", style="warning", tooltip="Delete the chosen saved sentence")
    shown = widgets.HTML("")
    table = widgets.HTML("")
    intro = (f"Write one thing you learned about the field (at most {lim['insight_max']} characters). Names "
             f"of people and organisations from your log, contact details, anything said in confidence, news "
             f"that is not public yet, titles that point to one person and sentences about yourself are "
             f"flagged: only a sentence without them can be saved. Capitalised words that look like names "
             f"are pointed out for you to check.")
    form = build(
        [("start_from", start_from), ("insight", insight), ("audience_sector", sector), ("pattern", pattern)],
        [("preview", preview), ("save", save)],
        title=title, intro=intro,
        after=[shown, widgets.HTML("<h4 style='margin:0.6em 0 0.2em 0'>My sentences to share</h4>"), table,
               widgets.HBox([delete_which, delete])],
    )
    rules = "".join(f"<li>{escape(r)}</li>" for r in cfg.guidance["rules"])
    children = list(form.widget.children)
    children.insert(2, widgets.HTML(f"<ul style='margin:0 0 0.5em 0'>{rules}</ul>"))
    form.widget.children = tuple(children)
    # Put the copy button beside the "start from" list.
    for child in form.widget.children:
        if isinstance(child, widgets.VBox) and start_from in child.children:
            child.children = (widgets.HBox([start_from, use]), form.messages["start_from"])
    form.controls.update({"use": use, "delete_which": delete_which, "delete": delete})
    form.extras.update({"preview": shown, "table": table, "log": log, "earlier_caption": caption})
    for dropdown, btn in ((start_from, use), (delete_which, delete)):  # keep the button whole beside its list
        dropdown.layout = widgets.Layout(width="100%", max_width="560px", flex="1 1 auto")
        btn.layout = widgets.Layout(width="auto", flex="0 0 auto")
    if len(earlier) == 0:  # nothing to start from: say why (no insights yet, or an unreadable log)
        start_from.disabled = use.disabled = True
        form.say(caption, "info")

    form.on_click("use", _use)
    form.on_click("preview", _preview)
    form.on_click("save", _save)
    form.on_click("delete", _delete)
    _refresh(form)
    return form


def _short(value: str, limit: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _values(form: Form) -> tuple[str, str, str]:
    c = form.controls
    return c["insight"].value, c["audience_sector"].value, c["pattern"].value or AUTO


def _use(form: Form) -> None:
    form.clear_messages()
    chosen = form.controls["start_from"].value
    if not chosen:
        form.messages["start_from"].value = message_html(
            "Nothing chosen. Pick an earlier insight from the list first, or type your own below.", "error")
        return
    form.controls["insight"].value = chosen
    form.say("Copied. Now reword it into general terms if needed, then preview it.", "info")


def _problems_intro(check: logic.InsightCheck, saving: bool) -> str:
    head = "Not saved yet" if saving else "Not ready to share yet"
    if check.problems:
        return f"{head}: please fix the field(s) marked below."
    return (f"{head}: the sentence would give away something private. Reword the part(s) marked below "
            f"and try again.\n{check.log_note}")


def _show_check(form: Form, check: logic.InsightCheck, saving: bool) -> bool:
    """Show problems and warnings beside their fields; True when the sentence is shareable."""
    if check.problems or check.warnings:
        form.extras["preview"].value = ""
        form.show_problems(list(check.problems) + list(check.warnings), intro=_problems_intro(check, saving))
        return False
    return True


def _preview(form: Form) -> None:
    insight, sector, pattern = _values(form)
    check = logic.check(insight, sector, pattern or None, form.extras["log"])
    if not _show_check(form, check, saving=False):
        return
    form.clear_messages()
    form.extras["preview"].value = _sentence_html(check.sentence, "Preview (not saved yet)")
    form.say("\n".join(["Ready to share. Save it to keep it for your next interview.", check.log_note, *check.tips]),
             "tip" if check.tips else "ok")


def _save(form: Form) -> None:
    insight, sector, pattern = _values(form)
    result = logic.save_insight(insight, sector, pattern or None, form.extras["log"])
    if not result.saved:
        if isinstance(result.item, logic.InsightCheck):
            _show_check(form, result.item, saving=True)
        else:   # the saved file could not be used: said plainly, nothing overwritten
            form.extras["preview"].value = ""
            form.show_result(result)
        return
    form.clear_messages()
    _refresh(form)
    entry = result.item or {}
    # What was saved, read back from disk (result.item comes from the file).
    form.extras["preview"].value = _sentence_html(entry.get("sentence", ""), "Saved sentence")
    form.say("\n".join([result.message, *[a.message for a in result.advice]]), "ok" if result.changed else "info")


def _delete(form: Form) -> None:
    chosen = form.controls["delete_which"].value
    form.clear_messages()
    if not chosen:
        form.say("Nothing to delete: choose a saved sentence in the list first.", "error")
        return
    result = logic.delete_insight(chosen)
    _refresh(form)
    if result.saved:
        form.say("Deleted. (An earlier version is kept in backups/ if you need it back.)", "info")
    elif result.codes == ["not_found"]:
        form.say("That sentence was already gone; the list is up to date.", "info")
    else:
        form.show_result(result)


def _sentence_html(sentence: str, label: str) -> str:
    if not sentence:
        return ""
    return (f"<div style='margin:0.4em 0'><strong>{escape(label)}:</strong>"
            f"<blockquote style='margin:0.3em 0 0.3em 1em;padding-left:0.6em;border-left:3px solid #999'>"
            f"{escape(sentence)}</blockquote></div>")


def _refresh(form: Form) -> None:
    """Re-render the saved list and the delete choices from insights.json."""
    try:
        items = logic.saved_insights()
    except StoreError as exc:
        form.extras["table"].value = message_html(str(exc.problem), "error")
        form.controls["delete_which"].options = [("(none saved yet)", "")]
        return
    form.extras["table"].value = table_html(
        logic.insights_frame(items), empty="No sentences saved yet. Preview one above, then save it.")
    options = [("(choose one)", "")] + [(_short(str(i.get("sentence", "")), 70), str(i.get("id", ""))) for i in items]
    form.controls["delete_which"].options = options if items else [("(none saved yet)", "")]
    form.controls["delete_which"].value = ""
    form.controls["delete"].disabled = not items


_WORDS = {"person": "a person from your log", "organisation": "an organisation from your log",
          "email": "an e-mail address", "phone": "a phone number", "link": "a web address",
          "handle": "a social media handle", "confidential": "a sign of a confidence",
          "news": "news that is probably not public", "one_person": "a title that points to one person",
          "figures": "a figure about a named organisation", "about_you": "about you, not the field",
          "name_like": "a word that looks like a name (check it)"}


def earlier_insights_view(log: Any = None) -> widgets.HTML:
    """The log's insights column as an escaped table, with whether each is ready to share."""
    table, caption = logic.earlier_insights(log)
    return widgets.HTML(table_html(table, caption=caption, empty=caption))


def checked_examples(texts: list[str], log: Any = None) -> widgets.HTML:
    """What the check finds in each example text, in words (for demonstrations and challenges)."""
    items = []
    for value in texts:
        check = logic.check(value, log=log)
        found = [p for p in check.problems if p.code == "about_you"] + list(check.warnings)
        found += [p for p in logic.privacy_warnings(value, log) if p.code == "name_like"]
        if found:
            said = "; ".join(f"{_WORDS.get(p.code, p.code)}: “{p.value}”" for p in found)
            items.append(f"<li><q>{escape(value)}</q><br><strong>Not ready to share.</strong> {escape(said)}</li>")
        elif check.sentence:
            items.append(f"<li><q>{escape(value)}</q><br><strong>Ready to share:</strong> {escape(check.sentence)}</li>")
        else:
            items.append(f"<li><q>{escape(value)}</q><br>{escape(' '.join(p.sentence() for p in check.problems))}</li>")
    return widgets.HTML("<ul style='margin:0.3em 0'>" + "".join(items) + "</ul>")
