"""Views for the facilitator guide and the instructor notes: the workshop plans and the notes
as tables (escaped), from :mod:`helpers.classroom.facilitator`. A mistake in a content file shows its
message in place of the table, never a traceback."""
from __future__ import annotations

from helpers import content
from helpers.classroom import facilitator
from helpers.display import Shown, escape, message_html, table_html

__all__ = ["plan_view", "notes_view"]


def plan_view(plan_id: str) -> Shown:
    """One workshop plan as a timetable."""
    try:
        p = facilitator.plan(plan_id)
    except content.ContentError as exc:
        said = f"The workshop plans could not be read. {exc}"
        return Shown(message_html(said, "error"), said)
    intro = f"{p.title} ({p.minutes} minutes)." + (f" For: {p.audience}" if p.audience else "")
    table = facilitator.plan_table(p)
    return Shown(message_html(intro, "info") + table_html(table), intro + "\n" + table.to_string(index=False))


def notes_view(each: bool = False) -> Shown:
    """The instructor notes: one table, or (``each=True``) a heading and the note for every lesson.

    With ``each=True`` every note is a closed ``<details>`` under its lesson's heading: all of them
    open would make an output so tall that Notebook 7 boxes it in a scroll area the keyboard
    cannot reach (axe: scrollable-region-focusable); a heading opens with Enter or a click.
    """
    problems = facilitator.notes_problems()
    head = message_html("Some instructor notes could not be read: " + " ".join(problems), "error") if problems else ""
    table = facilitator.notes_table()
    if not each:
        return Shown(head + table_html(table, empty="No instructor notes could be read."), table.to_string(index=False))
    parts, text = [], []
    for n in facilitator.notes():
        answers = "".join(f"<li>{escape(a)}</li>" for a in n.good_answers)
        parts.append(f"<details class='iiw-note'><summary><h3 style='display:inline'>{escape(n.title)}</h3>"
                     f"</summary><p><strong>Timing:</strong> {escape(n.timing)}</p>"
                     f"<p><strong>Watch for:</strong> {escape(n.misconception)}</p>"
                     f"<p><strong>Discussion prompt:</strong> {escape(n.prompt)}</p>"
                     f"<p><strong>Good answers contain:</strong></p><ul>{answers}</ul></details>")
        text.append(f"{n.title}\nTiming: {n.timing}\nWatch for: {n.misconception}\nPrompt: {n.prompt}\n"
                    + "\n".join(f"- {a}" for a in n.good_answers))
    return Shown(head + ("".join(parts) or "<p>No instructor notes could be read.</p>"), "\n\n".join(text))
