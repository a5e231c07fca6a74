"""Forms for the lesson "The practice log": next actions, add an interview, update it as it
happens, and see what the log says.

Every change goes through :mod:`helpers.log` (checked like a row of the file, kept
atomically, the previous version in ``backups/``) and is shown with ``form.show_result``.
The confirmation (or the problems) is shown first; the next-actions list, the summaries and
the charts follow, and each chart is drawn again only when the data it shows changed::

    form = forms.log_entry_form()
    form.controls["date"].value = datetime.date(2026, 12, 1)   # a date picker
    form.controls["contact"].value = "Ana Silva"
    form.controls["organisation"].value = "Northgate Health"
    form.controls["save"].click()
    form.status.value             # 'Saved as row 2 of interview_log.csv ...'

    update = forms.log_update_form()
    update.controls["pick"].value = 2          # the row, picked by person and date
    update.controls["status"].value = "held"
    update.controls["save"].click()

    actions = forms.next_actions_view()        # what to do next, as of today
    view = forms.log_view()                    # the summary tables and charts
"""
from __future__ import annotations

import collections
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import pandas as pd

from helpers.log import charts as chartmod
from helpers import log as logmod
from helpers.log import next_actions as nextactions, summaries
from helpers import workspace
from helpers.core import dates
from helpers.display import escape, message_html, table_html
from helpers.widgets import FULL, LABEL_STYLE, Form, build, button, choice, guarded, text

__all__ = ["log_entry_form", "log_update_form", "log_view", "next_actions_view", "calendar_button"]

FIX_ABOVE = "Not saved yet: please fix the field(s) marked above. Nothing in your log was changed."
NOT_SET = "(not set)"
DATE_FIELDS = ["date", "thank_you_sent", "follow_up_on", "followed_up"]
DATE_LABELS = {"date": "Date of the interview, the planned date, or the day you sent the request",
               "thank_you_sent": "Thank-you sent on (optional)",
               "follow_up_on": "Check-in day you agreed, 7-10 days after (optional)",
               "followed_up": "Day you checked in (optional)"}
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "contact": ("Their name", "Jordan Reyes"),
    "organisation": ("Organisation", "Northgate Health"),
    "role": ("Their job (optional)", "Practice manager"),
    "sector": ("Field or sector (optional)", "Healthcare"),
    "referred_by": ("Referred by: the name as it is in your log (optional)", "Rosa Delgado"),
    "referrals": ("New names they gave you: 0, 1, 2 ... (optional)", "2"),
}
AREA_FIELDS: dict[str, tuple[str, str]] = {
    "feedback": ("Candid feedback on how competitive you are (optional)",
                 "Competitive for coordinator roles now; a billing certificate would help."),
    "insights": ("What you learned that you can reuse, in general terms (optional)",
                 "Clinics post coordinator roles internally first."),
    "notes": ("Notes (optional)", ""),
}
ORDER = ["date", "contact", "organisation", "status", "kind", "role", "sector", "channel", "referred_by",
         "referrals", "may_use_name", "contact_details", "thank_you_sent", "follow_up_on", "followed_up",
         "feedback", "insights", "notes"]
UPDATE_ORDER = ["status", "date", "thank_you_sent", "follow_up_on", "followed_up", "referrals", "may_use_name",
                "contact_details", "feedback", "insights", "notes"]
SAVED_COLUMNS = ["date", "contact", "organisation", "status", "kind", "referred_by", "referrals",
                 "thank_you_sent", "follow_up_on", "followed_up"]

#: The most recent views, drawn again after a save (a few: re-running a lesson makes new ones).
_VIEWS: "collections.deque[Any]" = collections.deque(maxlen=6)


def _date_picker(name: str) -> widgets.DatePicker:
    return widgets.DatePicker(description=DATE_LABELS[name], value=None, style=LABEL_STYLE, layout=FULL)


def _choices(with_status_default: str = "held") -> dict[str, widgets.Dropdown]:
    yes_no = [(NOT_SET, ""), ("yes", "yes"), ("no", "no")]
    return {
        "status": choice("Status", [(s, s) for s in logmod.STATUSES], value=with_status_default),
        "kind": choice("Practice or real", [("real", "real"), ("practice (family, friends, classmates)", "practice")],
                       value="real"),
        "channel": choice("How you talked (optional)", [(NOT_SET, "")] + [(c, c) for c in logmod.CHANNELS],
                          value=""),
        "may_use_name": choice("May you mention their name to the people they named?", yes_no, value=""),
        "contact_details": choice("Did you get contact details for the people they named?", yes_no, value=""),
    }


def _control(name: str, dropdowns: dict[str, widgets.Dropdown]) -> widgets.Widget:
    if name in dropdowns:
        return dropdowns[name]
    if name in DATE_FIELDS:
        return _date_picker(name)
    if name in AREA_FIELDS:
        label, hint = AREA_FIELDS[name]
        return text(label, placeholder=hint, area=True, rows=3)
    label, hint = TEXT_FIELDS[name]
    return text(label, placeholder=hint)


def _value(control: widgets.Widget) -> str:
    value = control.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "").strip()


def _entry(form: Form, names: list[str]) -> dict[str, str]:
    return {name: _value(form.controls[name]) for name in names}


def _after_change() -> None:
    """Draw every open view again (after the confirmation is already shown)."""
    for view in list(_VIEWS):
        view.refresh()


# ---------------------------------------------------------------------------------------
# What was saved
# ---------------------------------------------------------------------------------------
def _saved_html(raw: pd.DataFrame, item: dict[str, Any] | None) -> str:
    """The saved row read back from the file (field by field), and the last few rows of the log."""
    parts = []
    if item:
        cells = [(c, item[c]) for c in logmod.COLUMNS if str(item.get(c, "")).strip()]
        shown = pd.DataFrame({"field": [c for c, _ in cells], "saved value": [v for _, v in cells]})
        parts.append(table_html(shown, f"Row {item['row']} of {workspace.LOG_NAME}, as read back from the file"))
    last = raw[[c for c in SAVED_COLUMNS if c in raw.columns]].tail(5).reset_index(drop=True)
    last.index = range(len(raw) - len(last) + 2, len(raw) + 2)
    last = last.rename_axis("row").reset_index()
    caption = (f"Your log: the last {len(last)} of {len(raw)} interviews" if len(raw) > len(last)
               else f"Your log ({len(raw)} interview{'s' if len(raw) != 1 else ''})")
    parts.append(table_html(last, caption, empty="Your log has no interviews yet."))
    return "".join(parts)


def _show_log(box: widgets.HTML, item: dict[str, Any] | None = None) -> None:
    path = workspace.log_path()
    if not path.exists():
        box.value = message_html(f"No log yet: your first saved interview starts {workspace.LOG_NAME} in "
                                 f"your workspace. Until then the lesson shows the sample log.", "info")
        return
    frame = logmod.STORE.last.get("frame") if item and logmod.STORE.last else None
    if frame is None:
        try:
            frame = logmod.read_raw(path, name=path.name)[0]
        except logmod.LogFileError as exc:
            box.value = message_html(f"Your log could not be read: {exc}", "error")
            return
    box.value = _saved_html(frame, item)


# ---------------------------------------------------------------------------------------
# Adding an interview
# ---------------------------------------------------------------------------------------
def _save(form: Form, allow_repeat: bool = False) -> None:
    entry = _entry(form, ORDER)
    result = logmod.add_entry(entry, allow_repeat=allow_repeat)
    form.extras["tips"].value = ""
    form.extras["repeat"].layout.display = "none"
    if not result.saved:
        if result.codes == ["same_person"]:  # an offer, not a mistake: said on the status line
            form.clear_messages()
            p = result.problems[0]
            form.say(f"Not added yet: {p.value} {p.what}. {p.fix}: use the buttons below.", "info")
            form.extras["first_row"] = result.item["row"]
            form.extras["repeat"].layout.display = None
            return
        form.show_result(result, saved_text=None)
        if any(p.field in form.messages for p in result.problems):
            form.say(FIX_ABOVE, "error")
        return
    if not result.changed:
        form.show_result(result)
        return
    contact = result.item.get("contact", entry["contact"])
    form.show_result(result, saved_text=f"{result.message} {contact} is in your log now; the next actions and "
                                         f"the summaries are drawn again from the saved file.")
    # The confirmation is out; the rest follows.
    try:
        before = logmod.load(workspace.log_path()).data
    except logmod.LogFileError:
        before = None
    tips = summaries.entry_tips(entry, before)
    form.extras["tips"].value = "".join(message_html(t, "tip") for t in tips)
    _show_log(form.extras["saved"], result.item)
    _after_change()


def _clear(form: Form) -> None:
    for name, control in form.controls.items():
        if isinstance(control, (widgets.Text, widgets.Textarea)):
            control.value = ""
        elif isinstance(control, widgets.DatePicker):
            control.value = None
    defaults = {"status": "held", "kind": "real", "channel": "", "may_use_name": "", "contact_details": ""}
    for name, value in defaults.items():
        form.controls[name].value = value
    form.clear_messages()
    form.extras["tips"].value = ""
    form.say("The form is empty again. Nothing in your log was changed.", "info")


def _build_entry_form() -> Form:
    dropdowns = _choices()
    fields = [(name, _control(name, dropdowns)) for name in ORDER]
    tips, saved = widgets.HTML(""), widgets.HTML("")
    again = button("Add it as another interview anyway", style="", tooltip="You really met this person twice")
    go_update = button("Update that row instead", style="info", tooltip="Open the row in the update form below")
    repeat = widgets.HBox([go_update, again], layout=widgets.Layout(display="none"))
    form = build(fields, [("save", button("Add to my log")), ("clear", button("Clear the form", style=""))],
                 title="Add an interview to your log",
                 intro="Date, name, organisation and status are required; the rest can wait: update the "
                       "interview below as it happens. Saving the same interview twice does not add it twice.",
                 after=[repeat, tips, saved])
    form.controls.update(add_anyway=again, update_instead=go_update)
    form.extras.update(tips=tips, saved=saved, repeat=repeat)
    form.on_click("save", _save)
    form.on_click("add_anyway", lambda f: _save(f, allow_repeat=True))
    form.on_click("update_instead", _update_instead)
    form.on_click("clear", _clear)
    _show_log(saved)
    return form


def _update_instead(form: Form) -> None:
    row = form.extras.get("first_row")
    for view in list(_VIEWS):
        if isinstance(view, UpdateHandle):
            view.refresh()
            view.pick(row)
    form.say(f"Row {row} is open in “Update an interview” below: change what has happened there.", "info")


def log_entry_form() -> Form:
    """A form that adds one interview to your log, checked first, and shows it back from the file."""
    return guarded(logmod.STORES, _build_entry_form)


# ---------------------------------------------------------------------------------------
# Updating an interview
# ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class UpdateHandle:
    """Keeps the update form's list of interviews in step with the file."""

    form: Form

    def refresh(self) -> None:
        _fill_picks(self.form)

    def pick(self, row: int | None) -> None:
        options = [v for _, v in self.form.controls["pick"].options]
        if row in options:
            self.form.controls["pick"].value = row


def _options(raw: pd.DataFrame) -> list[tuple[str, int]]:
    return [(f"{r.get('contact', '')} · {r.get('date', '')} · {r.get('status', '')} (row {row})", int(row))
            for row, r in zip(raw.index, raw.to_dict("records"))]


def _fill_picks(form: Form) -> None:
    path = workspace.log_path()
    raw = pd.DataFrame()
    if path.exists():
        try:
            raw = logmod.read_raw(path, name=path.name)[0]
        except logmod.LogFileError:
            raw = pd.DataFrame()
    form.extras["raw"] = raw
    options = _options(raw) if len(raw) else []
    pick = form.controls["pick"]
    keep = pick.value
    form.extras["loading"] = True
    pick.options = [("(no interviews in your log yet)", 0)] if not options else options
    pick.value = keep if keep in [v for _, v in pick.options] else pick.options[-1][1]
    form.extras["loading"] = False
    _load_row(form)


def _load_row(form: Form) -> None:
    raw: pd.DataFrame = form.extras.get("raw", pd.DataFrame())
    row = form.controls["pick"].value
    if not len(raw) or row not in raw.index:
        form.extras["picked"] = None
        return
    cells = raw.loc[row]
    form.extras["picked"] = {"contact": str(cells.get("contact", "")), "date": str(cells.get("date", ""))}
    for name in UPDATE_ORDER:
        control, value = form.controls[name], str(cells.get(name, "")).strip()
        if isinstance(control, widgets.DatePicker):
            day = dates.parse(value, required=False)[0] if value else None
            control.value = day
        elif isinstance(control, widgets.Dropdown):
            allowed = [v for _, v in control.options]
            control.value = value.lower() if value.lower() in allowed else control.value
        else:
            control.value = value
    status = form.controls["status"].value
    form.extras["moves"].value = message_html(
        f"Now {status}; it can move to: {', '.join(logmod.move_along(status)) or 'nothing further (held is the last step)'}.",
        "info")


def _save_update(form: Form) -> None:
    row = form.controls["pick"].value
    picked = form.extras.get("picked")
    if not picked:
        form.say("Pick an interview first: your log has none yet. Add one with the form above.", "error")
        return
    changes = _entry(form, UPDATE_ORDER)
    result = logmod.update_entry(row, changes, expect=picked)
    if result.saved and result.changed:
        form.show_result(result)
        _after_change()  # the next actions, summaries and charts follow the confirmation
        return
    form.show_result(result)
    if result.codes == ["changed_meanwhile"]:
        _fill_picks(form)


def _undo(form: Form) -> None:
    result = logmod.undo()
    form.show_result(result)
    if result.changed:
        _after_change()


def _build_update_form() -> Form:
    dropdowns = _choices("requested")
    pick = widgets.Dropdown(options=[("(no interviews in your log yet)", 0)], value=0,
                            description="Interview (person · date · status)", style=LABEL_STYLE, layout=FULL)
    fields = [("pick", pick)] + [(name, _control(name, dropdowns)) for name in UPDATE_ORDER]
    moves = widgets.HTML("")
    form = build(fields, [("save", button("Save the changes")),
                          ("undo", button("Undo the last change", style="warning",
                                          tooltip="Put back the log as it was before the last change"))],
                 title="Update an interview",
                 intro="Pick the interview by person and date, then record what happened: the status as it "
                       "moves along (requested, scheduled, held, or cancelled), the thank-you, the check-in "
                       "day you agreed and the day you checked in, the names you were given, feedback and "
                       "insights. Each change is checked like a new row; the previous version is kept.",
                 after=[moves])
    form.extras.update(moves=moves, loading=False)
    pick.observe(lambda change: None if form.extras.get("loading") else _load_row(form), names="value")
    form.on_click("save", _save_update)
    form.on_click("undo", _undo)
    _fill_picks(form)
    _VIEWS.append(UpdateHandle(form))
    return form


def log_update_form() -> Form:
    """A form that moves one interview along and records what happened, undoable."""
    return guarded(logmod.STORES, _build_update_form)


# ---------------------------------------------------------------------------------------
# Next actions
# ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class NextActionsView:
    """The next-actions list of the learner's log (or the sample), drawn from the saved file."""

    widget: widgets.VBox
    body: widgets.HTML
    as_of: dt.date | None = None
    actions: list[nextactions.Action] = field(default_factory=list)

    def refresh(self) -> None:
        shown = summaries.learners_log(self.as_of)
        today = shown.as_of
        self.actions = nextactions.next_actions(shown.data, today)
        intro = (f"As of {summaries.plain_date(today)}, in the sample log (yours starts when you add an interview):"
                 if shown.is_sample else f"As of {summaries.plain_date(today)}, in your log:")
        if not self.actions:
            self.body.value = message_html(f"{intro} nothing is due. Well done.", "ok")
            return
        items = "".join(
            f"<li><strong>{escape(nextactions.LABELS[a.kind])}: {escape(a.person)}</strong> "
            f"({escape(a.when(today))}). {escape(a.what)} "
            f"<a href='{escape(a.link)}' target='_blank'>Where: {escape(a.where)}</a>.</li>" for a in self.actions)
        self.body.value = f"<p style='margin:0.2em 0'>{escape(intro)}</p><ol class='iiw-next'>{items}</ol>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def next_actions_view(as_of: dt.date | str | None = None) -> NextActionsView:
    """What to do next as of today (the sample's own date for the sample), drawn again after
    every change in the forms."""
    when = pd.Timestamp(as_of).date() if as_of is not None else None
    body = widgets.HTML("")
    box = widgets.VBox([widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape('Next actions')}</h3>"), body],
                       layout=widgets.Layout(width="100%", max_width="900px"))
    view = NextActionsView(box, body, as_of=when)
    view.refresh()
    _VIEWS.append(view)
    return view


# ---------------------------------------------------------------------------------------
# The view: tables and charts of the learner's log (or the sample), drawn from the file
# ---------------------------------------------------------------------------------------
def _held(data: pd.DataFrame) -> pd.DataFrame:
    return data[(data["status"] == "held").to_numpy()]


def _in_chains(data: pd.DataFrame) -> pd.DataFrame:
    from helpers.core.logfile import links as log_links

    parent = log_links.links(data).parent
    keep = parent >= 0
    keep[parent[keep]] = True
    return data.assign(_parent=parent)[keep]


#: What each chart shows: (the rows it draws from, the columns it reads). A chart is drawn
#: again only when these change (a new request redraws the path chart, not the others).
_CHART_INPUTS = {
    "weekly_activity": (_held, ["date", "kind"]),
    "interview_path": (lambda d: d, ["status", "kind", "thank_you_sent", "referrals"]),
    "referral_tree": (_in_chains, ["contact", "referred_by", "status", "date", "organisation", "_parent"]),
    "sector_coverage": (_held, ["contact", "sector", "kind"]),
}


def _fingerprint(data: pd.DataFrame, name: str) -> str:
    rows, columns = _CHART_INPUTS[name]
    part = rows(data)
    if "source" in data.columns:
        columns = [*columns, "source"]
    hashed = pd.util.hash_pandas_object(part[columns].astype(str), index=False).to_numpy()
    return hashlib.sha1(hashed.tobytes()).hexdigest() + str(len(part))


def advice_html(lg: logmod.Log) -> str:
    """The log check's advice on agreed check-in days, one line a row, as a tip that blocks
    nothing ("" when every agreed day is a working day 7-10 days after the interview)."""
    found = lg.advice
    if not found:
        return ""
    items = "".join(f"<li>{escape(str(a))}</li>" for a in found)
    intro = (f"Advice on {len(found)} check-in day{'s' if len(found) != 1 else ''} (nothing needs fixing; "
             f"your log is saved as it is):")
    return (f"<div class='iiw-tip'>{message_html(intro, 'tip')}<ul style='margin:0.2em 0'>{items}</ul></div>")


@dataclass(eq=False)
class LogView:
    """The six summary tables and the charts of the learner's log, drawn from the saved file.

    Each chart is drawn again only when the columns it shows changed.
    """

    widget: widgets.VBox
    note: widgets.HTML
    tables: widgets.HTML
    charts: widgets.HTML
    as_of: dt.date | None = None
    with_charts: bool = True
    shown: summaries.Shown | None = field(default=None, repr=False)
    advice: widgets.HTML = field(default_factory=lambda: widgets.HTML(""), repr=False)
    drawn: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    redrawn: list[str] = field(default_factory=list, repr=False)

    def refresh(self) -> None:
        """Read the log again and draw what changed."""
        shown = summaries.learners_log(self.as_of)
        self.shown = shown
        self.note.value = message_html(shown.note, "info")
        self.advice.value = advice_html(shown.log)
        self.tables.value = "".join(s.html() for s in summaries.sections(shown.data, shown.as_of,
                                                                         limit=summaries.HTML_ROWS))
        self.redrawn = []
        if not self.with_charts:
            self.charts.value = ""
            return
        parts = []
        for name in _CHART_INPUTS:
            key = _fingerprint(shown.data, name)
            if self.drawn.get(name, ("", ""))[0] != key:
                self.drawn[name] = (key, getattr(chartmod, name)(shown.data).html())
                self.redrawn.append(name)
            parts.append(self.drawn[name][1])
        html = "".join(parts)
        if html != self.charts.value:
            self.charts.value = html

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def log_view(as_of: dt.date | str | None = None, charts: bool | str = "on request") -> LogView:
    """The summary tables (and charts) of your log, or the sample until you have one.

    ``as_of`` fixes "today" for due and overdue check-ins (default: today for your log, the
    sample's own date for the sample). ``charts``: True draws the four charts at once, False
    never, "on request" (the lesson's choice, so it opens quickly) when the learner presses
    "Draw the charts". It is drawn again after every change in the forms.
    """
    when = pd.Timestamp(as_of).date() if as_of is not None else None
    note, tables, pictures = widgets.HTML(""), widgets.HTML(""), widgets.HTML("")
    refresh = button("Read my log again", style="")
    draw = button("Draw the charts", style="info", tooltip="Four charts: weekly activity, how far each interview "
                                                           "got, referral chains, people per sector")
    draw.layout.display = None if charts == "on request" else "none"
    box = widgets.VBox([widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape('What your log says')}</h3>"),
                        note, refresh, tables, draw, pictures],
                       layout=widgets.Layout(width="100%", max_width="900px"))
    advice = widgets.HTML("")
    box.children = (*box.children[:2], advice, *box.children[2:])
    view = LogView(box, note, tables, pictures, as_of=when, with_charts=charts is True, advice=advice)

    def draw_charts(_b: widgets.Button) -> None:
        draw.layout.display = "none"
        view.with_charts = True
        view.refresh()
    draw.on_click(draw_charts)
    refresh.on_click(lambda _b: view.refresh())
    view.refresh()
    _VIEWS.append(view)
    return view


# ---------------------------------------------------------------------------------------
# Into the calendar
# ---------------------------------------------------------------------------------------
def calendar_button() -> Form:
    """A button that writes your open actions as a calendar file (next_actions.ics)."""
    from helpers.log import calendar as calendar_ics

    def build_it() -> Form:
        form = build([], [("export", button("Put my next actions in a calendar file"))],
                     intro="Writes next_actions.ics in your workspace folder: import it into Google Calendar, "
                           "Outlook or Apple Calendar. Exporting again later updates the same events.")

        def export(f: Form) -> None:
            f.show_result(calendar_ics.export_learner())
        form.on_click("export", export)
        return form
    return guarded(logmod.STORES, build_it)
