"""The class summary's views: what was read and refused, tables and charts, shown in the notebook.

The figures come from :mod:`helpers.sharing.class_summary` (plain data); this module only displays them,
with every learner's text escaped and every chart as a captioned figure with alt text.
"""
from __future__ import annotations

import pandas as pd

from helpers import display
from helpers.sharing.class_summary import (ClassLogs, habits, habits_chart, headline, nudges, overview, practice_before_real)
from helpers.sharing.class_summary import practice_chart, referral_chart, referral_yield
from helpers.sharing import class_summary as summary

__all__ = ["status_html", "show_status", "show_overview", "show_practice", "show_referrals", "show_habits",
           "show_nudges", "readiness_html", "show_readiness", "show_readiness_chart"]


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


# ---------------------------------------------------------------------------------------
# The readiness check: the class's change, never anyone's answers
# ---------------------------------------------------------------------------------------
#: Said beside every figure of change (and in the CSV's notes and the chart's text).
CANNOT_CLAIM = ("Read it with care: there is no comparison group, and only learners who chose to take the "
                "check and share it are counted.")


def _spread(counts: dict[int, int]) -> str:
    return ", ".join(f"{rating}: {n}" for rating, n in counts.items())


def readiness_frame(changes: list["summary.StatementChange"]) -> pd.DataFrame:
    """The readiness table as the notebook shows it: narrow enough to need no scrolling."""
    rows = []
    for c in changes:
        rows.append({"statement": c.text, "rated before": c.rated_before, "rated after": c.rated_after,
                     "both times": c.both,
                     "before (rating: learners)": _spread(c.before) if c.shown else "",
                     "after (rating: learners)": _spread(c.after) if c.shown else "",
                     "median change": summary._signed(c.median_change) if c.shown else f"not shown: {c.why}"})
    return pd.DataFrame(rows)


def readiness_html(cv: ClassLogs, min_learners: int | None = None, statements=None, scale=None) -> tuple[str, object]:
    """``(escaped HTML, chart or None)``: the readiness summary of the class folder, and its chart
    as ``(fig, alt)`` when at least one statement can be shown."""
    n = summary.min_learners(min_learners)
    if not cv.readiness:
        why = ("No learner has shared a readiness check yet. It comes with the shared log when a learner "
               "has taken it (numbers and dates only).")
        return display.message_html(why, "info"), None
    changes = summary.class_readiness(cv, n, statements, scale)
    parts = [display.message_html(summary.NOT_SKILL + " " + CANNOT_CLAIM, "tip")]
    paired = sum(1 for b, a in (summary._pair(t) for t in cv.readiness.values()) if b and a)
    parts.append(display.message_html(
        f"{len(cv.readiness)} learner(s) shared a readiness check; {paired} took it both before and after the "
        f"lessons. A statement is shown only when at least {n} learners rated it both times: with fewer, a "
        f"summary could identify someone. Counts per rating and the median change are of those learners.",
        "info"))
    hidden = [c for c in changes if not c.shown]
    if hidden and len(hidden) == len(changes):
        parts.append(display.message_html(f"Nothing is shown yet: {hidden[0].why}.", "info"))
    parts.append(display.table_html(readiness_frame(changes), "Readiness check: before and after the lessons, "
                                                              "by statement (self-ratings)"))
    chart = summary.readiness_chart(changes)
    return "".join(parts), (chart if chart[0] is not None else None)


def show_readiness(cv: ClassLogs, min_learners: int | None = None, statements=None, scale=None) -> None:
    """Show the class's readiness change: the caveats and the table (the chart: :func:`show_readiness_chart`,
    in a cell of its own so that neither output grows tall enough for Notebook 7 to box it in a
    scroll area the keyboard cannot reach)."""
    from IPython.display import HTML, display as ipy_display

    html_text, chart = readiness_html(cv, min_learners, statements, scale)
    if chart is not None:
        import matplotlib.pyplot as plt

        plt.close(chart[0])
    ipy_display(HTML(html_text))


def show_readiness_chart(cv: ClassLogs, min_learners: int | None = None, statements=None, scale=None) -> None:
    """Show the readiness chart (with its text, which says it is self-rating), or why there is none."""
    from IPython.display import HTML, display as ipy_display

    if not cv.readiness:
        return
    fig, alt = summary.readiness_chart(summary.class_readiness(cv, min_learners, statements, scale))
    if fig is None:
        ipy_display(HTML(display.message_html(f"No chart: {alt}", "info")))
        return
    display.show_figure(fig, alt)
