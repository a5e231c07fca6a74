"""The readiness check's form and its before-and-after view (lessons 00 and 08).

    form = forms.readiness_form("before", today=dt.date(2026, 3, 2))
    form.controls["request-email"].value = 2          # one control per statement, named by its id
    ...
    form.controls["save"].click()
    form.status.value       # what the learner was told; form.extras["saved"] is the taking read back

    forms.readiness_change_view()   # the change: summary, table and chart (alt text and caption)

Logic lives in :mod:`helpers.readiness`; this module only wires widgets to it. A taking is saved
only when the button is clicked, and each click adds a new one: running the cell again saves nothing.
A damaged ``readiness.json`` shows the store's message and a "Move it aside" button, never a traceback.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from helpers import content
from helpers import readiness as logic
from helpers.core.ratings import WHENS
from helpers.display import Shown, escape, figure_html, message_html, table_html
from helpers.widgets import FULL, LABEL_STYLE, Form, button, guarded, unavailable

__all__ = ["readiness_form", "readiness_change_view"]


def _broken(title: str, message: str) -> Form:
    status = widgets.HTML(message_html(message, "error"))
    box = widgets.VBox([widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape(title)}</h3>"), status])
    return Form(widget=box, controls={}, messages={}, status=status, output=widgets.Output())


def readiness_form(when: str = "before", today: dt.date | None = None) -> Form:
    """One set of buttons per statement, a choice of when, and "Save my ratings".

    ``when`` is the choice shown first ("before", "after" or "after-interview"); ``today`` is
    the date saved with the taking (tests fix it; by default the day of the click).
    """
    return guarded(logic.STORES, lambda: _build(when, today))


def _scale_line(cfg: logic.Settings) -> str:
    named = [f"{n} = {cfg.labels[n]}" for n in cfg.scale if n in cfg.labels]
    return " · ".join(named)


def _build(when: str, today: dt.date | None) -> Form:
    try:
        cfg = logic.settings()
    except content.ContentError as exc:
        return _broken("Readiness check", f"The readiness check cannot be shown right now: {exc}")
    intro = (f"For each statement, choose how true it is for you today, from {cfg.scale_words()}. There are "
             f"no right answers and nobody grades them: this is for you, to see later what changed. "
             f"Nothing is saved until you click “Save my ratings”.")
    controls: dict[str, widgets.Widget] = {}
    messages: dict[str, widgets.HTML] = {}
    rows: list[widgets.Widget] = [widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape(cfg.title)}</h3>"),
                                  widgets.HTML(f"<p style='margin:0 0 0.5em 0'>{escape(intro)}</p>")]
    taking = widgets.Dropdown(options=[(label, key) for key, label in WHENS.items()],
                              value=when if when in WHENS else "before", description="I am taking it",
                              style=LABEL_STYLE, layout=FULL)
    controls["when"], messages["when"] = taking, widgets.HTML("")
    rows.append(widgets.VBox([taking, messages["when"]], layout=widgets.Layout(margin="0 0 0.6em 0")))
    scale_line = _scale_line(cfg)
    for n, s in enumerate(cfg.statements, 1):
        tips = [f"{v}{' (' + cfg.labels[v] + ')' if v in cfg.labels else ''} for: {s.text}" for v in cfg.scale]
        control = widgets.ToggleButtons(options=[(str(v), v) for v in cfg.scale], value=None, tooltips=tips,
                                        description=f"{n}.", style={"button_width": "3.2em",
                                                                   "description_width": "1.6em"})
        controls[s.id], messages[s.id] = control, widgets.HTML("")
        parts: list[widgets.Widget] = [widgets.HTML(f"<strong>{n}. {escape(s.text)}</strong>"), control]
        if scale_line:
            parts.append(widgets.HTML(f"<small style='color:#333'>{escape(scale_line)}</small>"))
        parts.append(messages[s.id])
        rows.append(widgets.VBox(parts, layout=widgets.Layout(margin="0 0 0.6em 0")))
    save = button("Save my ratings", tooltip="Save these ratings as a new readiness check (earlier ones are kept)")
    move = button("Move it aside", "warning", "Keep the damaged file in backups/ and start the readiness check fresh")
    move.layout.display = "none"
    controls["save"], controls["move_aside"] = save, move
    status, output = widgets.HTML(""), widgets.Output()
    rows += [widgets.HBox([save, move]), status, output]
    box = widgets.VBox(rows, layout=widgets.Layout(width="100%", max_width="760px"))
    form = Form(widget=box, controls=controls, messages=messages, status=status, output=output,
                extras={"today": today, "move_aside": move, "saved": None, "settings": cfg})
    form.on_click("save", _save)
    form.on_click("move_aside", _move_aside)
    return form


def _ratings(form: Form) -> dict[str, Any]:
    cfg: logic.Settings = form.extras["settings"]
    return {s.id: form.controls[s.id].value for s in cfg.statements}


def _save(form: Form) -> None:
    day = form.extras["today"] or dt.date.today()   # the view reads the clock; the logic is given the day
    result = logic.save_taking(form.controls["when"].value, _ratings(form), today=day, cfg=form.extras["settings"])
    form.show_result(result)
    if result.saved:
        form.extras["saved"] = result.item


def _move_aside(form: Form) -> None:
    result = logic.STORE.move_aside()
    form.say(result.message + (" Click “Save my ratings” again to save these ratings." if result.ok else ""),
             "ok" if result.ok else "error")
    if result.ok:
        form.controls["move_aside"].layout.display = "none"


def readiness_change_view() -> Any:
    """The change between the first taking before the lessons and the latest one after: a plain
    summary, a table and a chart with alt text and caption. With nothing to compare yet it says
    what to do; a damaged file shows its message and a "Move it aside" button."""
    problem = logic.ratings.health()
    if problem is not None:
        return unavailable(problem, logic.STORE)
    ch, message = logic.latest_change()
    if ch is None:
        return Shown(message_html(message, "info"), message)
    summary = ch.summary()
    fig, alt, caption = logic.change_chart(ch)
    html = (f"<h4 style='margin:0.6em 0 0.2em 0'>{escape(ch.heading())}</h4>"
            + "".join(f"<p style='margin:0.2em 0'>{escape(line)}</p>" for line in summary)
            + table_html(ch.frame(), caption="Statement by statement")
            + figure_html(fig, alt, caption))
    return Shown(html, logic.change_text())
