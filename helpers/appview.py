"""The app view's index page: every lesson as a link, and where the learner's work is.

The app view shows the lessons as pages with no code (Voilà: ``python workshop.py app``, or
``/voila/render/app/index.ipynb`` inside a learner's own JupyterLab). Its first page is
``app/index.ipynb``, whose one hidden cell calls :func:`index`.

Links are relative to ``app/index.ipynb`` (``../notebooks/NN-....ipynb``), so they work
wherever the repository sits under the server's root: in Voilà they open the lesson's app
view, in JupyterLab the notebook itself.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from . import lessons, workspace

#: Environment variables that mybinder.org sets in every session (a Binder session is
#: thrown away when it ends, so the page says so).
BINDER_MARKERS = ("BINDER_LAUNCH_HOST", "BINDER_REQUEST", "BINDER_REPO_URL")


def on_binder() -> bool:
    """True inside a mybinder.org session (where work is lost when the session ends)."""
    return any(os.environ.get(name) for name in BINDER_MARKERS)


def saved_files(folder: Path) -> list[str]:
    """The names of the files in the workspace (not in subfolders such as ``backups/``)."""
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


class Page:
    """HTML shown by Jupyter and Voilà; ``.text`` is the same page as plain text."""

    def __init__(self, html_text: str, text: str) -> None:
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def index(link_prefix: str = "../notebooks/") -> Page:
    """The index of lessons and where the learner's work is saved.

    >>> page = index()
    >>> "00-start-here.ipynb" in page.html and "Start here" in page.text
    True
    """
    found = lessons.catalogue()
    items, lines = [], []
    for lesson in found:
        minutes = f" ({lesson.minutes} min)" if lesson.minutes else ""
        href = html.escape(link_prefix + lesson.file, quote=True)
        subtitle = f"<br><span>{html.escape(lesson.subtitle)}</span>" if lesson.subtitle else ""
        items.append(f'<li style="margin-bottom: 0.7em"><a href="{href}">{html.escape(lesson.number)}. {html.escape(lesson.title)}</a>'
                     f"{html.escape(minutes)}{subtitle}</li>")
        lines.append(f"{lesson.number}. {lesson.title}{minutes}: {link_prefix}{lesson.file}")
    try:
        where = workspace.folder()
        files = saved_files(where)
        if files:
            saved = ("<p>Saved there so far: " + ", ".join(f"<code>{html.escape(n)}</code>" for n in files)
                     + ".</p>")
            saved_text = "Saved there so far: " + ", ".join(files) + "."
        else:
            saved = "<p>Nothing is saved there yet: what you save in a lesson's forms goes there.</p>"
            saved_text = "Nothing is saved there yet."
        place = (f"<p>Everything you save in the forms is written straight to this folder on disk, "
                 f"and is still there when you come back:</p><p><code>{html.escape(str(where))}</code></p>"
                 + saved)
        place_text = f"Your work is saved in {where}. {saved_text}"
    except workspace.WorkspaceError as exc:
        place = f"<p><strong>Your work cannot be saved yet:</strong> {html.escape(str(exc))}</p>"
        place_text = f"Your work cannot be saved yet: {exc}"
    binder = ""
    if on_binder():
        binder = ("<p><strong>This is a temporary Binder session:</strong> everything in it, your work too, "
                  "is deleted when the session ends (after a few minutes without use). Before you leave, "
                  "export your work in <em>Start here</em> and download the file.</p>")
        place_text += " This is a temporary Binder session: export your work before you leave."
    page = ("<nav aria-label=\"Lessons\"><h2>The lessons</h2><ol class=\"iiw-lessons\" style=\"list-style: none; "
            "padding-left: 0\">" + "".join(items) + "</ol></nav>"
            "<h2>Where your work is saved</h2>" + place + binder)
    return Page(page, "\n".join(lines + ["", place_text]))
