"""A button that writes the classroom's printable pages (persona cards, observer checklist,
pre-work, instructor notes, worksheets) into the workspace, only when clicked.

    form = printables_form()
    form.controls["write"].click()
    form.extras["written"].item["files"]   # the pages written (a core Result)
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from helpers.classroom import printables
from helpers.display import escape
from helpers.widgets import Form, build, button

__all__ = ["printables_form"]

_WHAT = {
    "persona-cards.html": "one card per practice persona, for the interviewee in the role-play",
    "observer-checklist.html": "what the observer ticks, ending with the points of the close",
    "pre-work.html": "for learners before the workshop: what to research and bring, with the time",
    "instructor-notes.html": "a note per lesson: timing, what to watch for, a discussion prompt",
    "worksheets.html": "every lesson's activities on paper, for when a laptop fails",
}


def printables_form() -> Form:
    """Write the printable pages into ``printables/`` in the workspace (fresh copies on every click)."""
    listing = widgets.HTML("")
    items = "".join(f"<li><code>{escape(name)}</code>: {escape(_WHAT.get(name, ''))}</li>" for name in printables.PAGES)
    form = build([], [("write", button("Make the printable pages"))], title="Printable pages",
                 intro="One click writes these pages, built from the content files, into a folder called "
                       f"{printables.FOLDER} in the work folder. Open each in a web browser and print it; "
                       "every section starts on a new page.",
                 after=[widgets.HTML(f"<ul>{items}</ul>"), listing])
    form.extras["written"] = None

    def write(f: Form) -> None:
        result = printables.write_all()
        f.extras["written"] = result
        if not result.ok:
            f.show_result(result)
            return
        f.say(result.message, "ok")
        listing.value = "<ul>" + "".join(f"<li>{escape(p)} ({Path(p).stat().st_size:,} bytes)</li>"
                                         for p in result.item["files"]) + "</ul>"

    form.on_click("write", write)
    return form
