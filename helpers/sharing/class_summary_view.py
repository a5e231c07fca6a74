"""The class summary's views: what was read and refused, tables and charts, shown in the notebook.

The figures come from :mod:`helpers.sharing.class_summary` (plain data); this module only displays them,
with every learner's text escaped and every chart as a captioned figure with alt text.
"""
from __future__ import annotations

import pandas as pd

from helpers import display
from helpers.sharing.class_summary import (ClassLogs, habits, habits_chart, headline, nudges, overview, practice_before_real)
from helpers.sharing.class_summary import practice_chart, referral_chart, referral_yield

__all__ = ["status_html", "show_status", "show_overview", "show_practice", "show_referrals", "show_habits",
           "show_nudges"]


# ---------------------------------------------------------------------------------------
def _say(kind: str, text: str) -> None:
    from IPython.display import HTML, display as ipy_display

    ipy_display(HTML(display.message_html(text, kind)))


def status_html(cv: ClassLogs) -> str:
    """What was read, refused and skipped, then the headline sentences, as escaped HTML."""
    parts = [display.message_html(text, kind) for kind, text in cv.status_lines()]
    lines = headline(cv)
    if lines:
        parts.append("<ul>" + "".join(f"<li>{display.escape(line)}</li>" for line in lines) + "</ul>")
    return "".join(parts)


def show_status(cv: ClassLogs) -> None:
    """Show what was read, refused, skipped, and the headline sentences."""
    from IPython.display import HTML, display as ipy_display

    ipy_display(HTML(status_html(cv)))


def _show(cv: ClassLogs, table: pd.DataFrame, caption: str, chart=None) -> None:
    if not cv.logs:
        _say("info", "Nothing to show: no shared log could be read (see the first table's messages).")
        return
    display.show_table(table, caption)
    if chart is not None:
        fig, alt = chart(cv)
        display.show_figure(fig, alt)


def show_overview(cv: ClassLogs) -> None:
    _show(cv, overview(cv), "Interviews logged, by student file", practice_chart)


def show_practice(cv: ClassLogs) -> None:
    _show(cv, practice_before_real(cv), "Practice before real, by student file")


def show_referrals(cv: ClassLogs) -> None:
    _show(cv, referral_yield(cv), "Referral yield, by student file", referral_chart)


def show_habits(cv: ClassLogs) -> None:
    _show(cv, habits(cv), f"Thank-you and follow-up habits as of {cv.as_of.isoformat()}", habits_chart)


def show_nudges(cv: ClassLogs) -> None:
    if not cv.logs:
        _show(cv, nudges(cv), "")
        return
    table = nudges(cv)
    if table.empty:
        _say("ok", "No one needs a nudge right now.")
        return
    display.show_table(table, "Who may need a nudge (by student file)")
