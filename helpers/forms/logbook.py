"""Forms for the lesson "The practice log": add an interview, and see what the log says.

The entry form adds one interview to the learner's ``interview_log.csv`` through
:func:`helpers.log.add_entry` (the same checks as a file: required fields, dates, choices,
length limits), then shows the entry as read back from the saved file, escaped::

    form = forms.log_entry_form()
    form.controls["date"].value = "2026-12-01"
    form.controls["contact"].value = "Ana Silva"
    form.controls["organisation"].value = "Northgate Health"
    form.controls["save"].click()
    form.status.value             # 'Saved as row 2 of interview_log.csv ...'
    form.extras["saved"].value    # the saved row, read back from the file

The log view shows the six summary tables and the charts of the learner's log (or the sample
until there is one) and is drawn again, from the file, after every save::

    view = forms.log_view()
    view.tables.value, view.charts.value
"""
from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd

from .. import charts as chartmod
from .. import log as logmod
from .. import summaries, workspace
from ..display import escape, message_html, table_html
from ._base import Form, build, button, choice, text

__all__ = ["log_entry_form", "log_view"]

FIX_ABOVE = "Not saved yet: please fix the field(s) marked above. Nothing in your log was changed."
NOT_SET = "(not set)"

#: Every field of the form: log column -> (label a screen reader reads, placeholder).
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "date": ("Date of the interview or the planned date (YYYY-MM-DD)", "2026-12-01"),
    "contact": ("Their name", "Jordan Reyes"),
    "organisation": ("Organisation", "Northgate Health"),
    "role": ("Their job (optional)", "Practice manager"),
    "sector": ("Field or sector (optional)", "Healthcare"),
    "referred_by": ("Referred by: the name as it is in your log (optional)", "Rosa Delgado"),
    "referrals": ("New names they gave you: 0, 1, 2 ... (optional)", "2"),
    "thank_you_sent": ("Thank-you sent on (YYYY-MM-DD, optional)", "2026-12-01"),
    "follow_up_on": ("Check-in date you agreed (YYYY-MM-DD, 7-10 days after; optional)", "2026-12-09"),
    "followed_up": ("Date you checked in (YYYY-MM-DD, optional)", "2026-12-09"),
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
SAVED_COLUMNS = ["date", "contact", "organisation", "status", "kind", "referred_by", "referrals",
                 "thank_you_sent", "follow_up_on", "followed_up"]

#: The most recent views, drawn again after a save (a few: re-running a lesson makes new ones).
_VIEWS: "collections.deque[LogView]" = collections.deque(maxlen=3)


def _choices() -> dict[str, widgets.Dropdown]:
    yes_no = [(NOT_SET, ""), ("yes", "yes"), ("no", "no")]
    return {
        "status": choice("Status", [(s, s) for s in logmod.STATUSES], value="held"),
        "kind": choice("Practice or real", [("real", "real"), ("practice (family, friends, classmates)", "practice")],
                       value="real"),
        "channel": choice("How you talked (optional)", [(NOT_SET, "")] + [(c, c) for c in logmod.CHANNELS],
                          value=""),
        "may_use_name": choice("May you mention their name to the people they named?", yes_no, value=""),
        "contact_details": choice("Did you get contact details for the people they named?", yes_no, value=""),
    }


def _entry(form: Form) -> dict[str, str]:
    """The form's values as a log entry (text stripped)."""
    return {name: str(form.controls[name].value or "").strip() for name in ORDER}


def _saved_html(lg: logmod.Log, row: int | None) -> str:
    """The saved row read back from the file (field by field), and the last few rows of the log."""
    raw = lg.raw
    parts = []
    if row is not None and row in raw.index:
        cells = raw.loc[row]
        shown = pd.DataFrame({"field": [c for c in logmod.COLUMNS if c in raw.columns and str(cells[c]).strip()],
                              "saved value": [cells[c] for c in logmod.COLUMNS
                                              if c in raw.columns and str(cells[c]).strip()]})
        parts.append(table_html(shown, f"Row {row} of {workspace.LOG_NAME}, as read back from the file"))
    last = raw[[c for c in SAVED_COLUMNS if c in raw.columns]].tail(5).reset_index()
    caption = (f"Your log: the last {len(last)} of {len(raw)} interviews" if len(raw) > len(last)
               else f"Your log ({len(raw)} interview{'s' if len(raw) != 1 else ''})")
    parts.append(table_html(last, caption, empty="Your log has no interviews yet."))
    return "".join(parts)


def _show_log(form: Form) -> None:
    path = workspace.log_path()
    box = form.extras["saved"]
    if not path.exists():
        box.value = message_html(f"No log yet: your first saved interview starts {workspace.LOG_NAME} in "
                                 f"your workspace. Until then the lesson shows the sample log.", "info")
        return
    try:
        lg = logmod.load(path, name=path.name)
    except logmod.LogFileError as exc:
        box.value = message_html(f"Your log could not be read: {exc}", "error")
        return
    box.value = _saved_html(lg, None)


def _beside(problem: logmod.Problem) -> logmod.Problem:
    """A problem as shown beside its field: a value too long to repeat is left out of the message."""
    if len(problem.value) > 60:
        return logmod.Problem(problem.row, problem.column, "", problem.what, problem.fix)
    return problem


def _save(form: Form) -> None:
    entry = _entry(form)
    before = logmod.empty().data
    path = workspace.log_path()
    if path.exists():
        try:
            before = logmod.load(path, name=path.name).data
        except logmod.LogFileError:
            before = None  # add_entry says what is wrong and leaves the file alone
    result = logmod.add_entry(entry)
    form.extras["tips"].value = ""
    if not result.saved:
        if all(p.column == "entry" for p in result.problems):  # the same interview again
            form.clear_messages()
            form.say("Not saved again: " + " ".join(f"this interview {p.what}. {p.fix}." for p in result.problems),
                     "info")
            return
        form.show_problems([_beside(p) for p in result.problems], intro=FIX_ABOVE)
        return
    form.clear_messages()
    saved = logmod.load(result.path, name=result.path.name)  # read back what is on disk
    contact = saved.raw.loc[result.row, "contact"] if result.row in saved.raw.index else entry["contact"]
    form.say(f"{result.message()} {contact} is in your log now; the log view is drawn again from the "
             f"saved file.", "ok")
    tips = summaries.entry_tips(entry, before)
    form.extras["tips"].value = "".join(message_html(t, "tip") for t in tips)
    form.extras["saved"].value = _saved_html(saved, result.row)
    for view in list(_VIEWS):
        view.refresh()


def _clear(form: Form) -> None:
    for name, control in form.controls.items():
        if isinstance(control, (widgets.Text, widgets.Textarea)):
            control.value = ""
    defaults = {"status": "held", "kind": "real", "channel": "", "may_use_name": "", "contact_details": ""}
    for name, value in defaults.items():
        form.controls[name].value = value
    form.clear_messages()
    form.extras["tips"].value = ""
    form.say("The form is empty again. Nothing in your log was changed.", "info")


def log_entry_form() -> Form:
    """A form that adds one interview to your log, checked first, and shows it back from the file."""
    dropdowns = _choices()
    fields = []
    for name in ORDER:
        if name in dropdowns:
            fields.append((name, dropdowns[name]))
        elif name in AREA_FIELDS:
            label, hint = AREA_FIELDS[name]
            fields.append((name, text(label, placeholder=hint, area=True, rows=3)))
        else:
            label, hint = TEXT_FIELDS[name]
            fields.append((name, text(label, placeholder=hint)))
    tips, saved = widgets.HTML(""), widgets.HTML("")
    form = build(fields, [("save", button("Add to my log")), ("clear", button("Clear the form", style=""))],
                 title="Add an interview to your log",
                 intro="Date, name, organisation and status are required; the rest can wait until after the "
                       "interview. Saving the same interview twice does not add it twice.",
                 after=[tips, saved])
    form.extras.update(tips=tips, saved=saved)
    form.on_click("save", _save)
    form.on_click("clear", _clear)
    _show_log(form)
    return form


# ---------------------------------------------------------------------------------------
# The view: tables and charts of the learner's log (or the sample), drawn from the file
# ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class LogView:
    """The six summary tables and the charts of the learner's log, drawn from the saved file."""

    widget: widgets.VBox
    note: widgets.HTML
    tables: widgets.HTML
    charts: widgets.HTML
    as_of: dt.date | None = None
    with_charts: bool = True
    shown: summaries.Shown | None = field(default=None, repr=False)

    def refresh(self) -> None:
        """Read the log again and draw everything from it."""
        shown = summaries.learners_log(self.as_of)
        self.shown = shown
        self.note.value = message_html(shown.note, "info")
        self.tables.value = "".join(s.html() for s in summaries.sections(shown.data, shown.as_of,
                                                                         limit=summaries.HTML_ROWS))
        if self.with_charts:
            self.charts.value = "".join(c.html() for c in chartmod.all_charts(shown.data))
        else:
            self.charts.value = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def log_view(as_of: dt.date | str | None = None, charts: bool = True) -> LogView:
    """The summary tables (and charts) of your log, or the sample until you have one.

    ``as_of`` fixes "today" for due and overdue check-ins (default: today for your log, the
    sample's own date for the sample). It is drawn again after every save in the entry form.
    """
    when = pd.Timestamp(as_of).date() if as_of is not None else None
    note, tables, pictures = widgets.HTML(""), widgets.HTML(""), widgets.HTML("")
    refresh = button("Read my log again", style="")
    box = widgets.VBox([widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape('What your log says')}</h3>"),
                        note, refresh, tables, pictures],
                       layout=widgets.Layout(width="100%", max_width="900px"))
    view = LogView(box, note, tables, pictures, as_of=when, with_charts=charts)
    refresh.on_click(lambda _b: view.refresh())
    view.refresh()
    _VIEWS.append(view)
    return view
