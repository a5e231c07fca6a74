"""Forms for "Start here": a widget self-check, exporting all work, and starting over.

Nothing here writes on Run All: the export and the start-over happen only on a click, and
starting over also needs the words ``start over`` typed into its box.

    form = forms.start_over_form()
    form.controls["confirm"].value = "start over"
    form.controls["start_over"].click()      # moves everything into backups/<date-time>/
"""
from __future__ import annotations

import ipywidgets as widgets

from helpers import portfolio
from helpers.display import Shown, table_html
from helpers.widgets import Form, build, button, text

__all__ = ["widget_check_form", "workbook_export_form", "start_over_form", "workspace_view"]

WORKS = ("Yes: widgets work here. Every form in the lessons will show and save your work. "
         "You are ready to go on.")


def widget_check_form() -> Form:
    """One button: if the learner can see and click it, widgets work in their editor."""
    form = build([], [("check", button("Click me to test widgets", style="success"))],
                 title="Do widgets work here?",
                 intro="If you can see this box and its green button, click the button.")
    form.extras["clicks"] = 0

    def answer(f: Form) -> None:
        f.extras["clicks"] += 1
        f.say(WORKS, "ok")

    form.on_click("check", answer)
    return form


def workspace_view() -> Shown:
    """The workspace's files as a table to show in a lesson (nothing is created or written)."""
    frame = portfolio.workspace_files()
    empty = "Your workspace is empty: nothing has been saved yet."
    html_table = table_html(frame, caption="In your workspace now", empty=empty)
    return Shown(html_table, frame.to_string(index=False) if len(frame) else empty)


def _files_html() -> str:
    return workspace_view().html


def workbook_export_form() -> Form:
    """A button that writes all saved work into one printable HTML file (only when clicked)."""
    files = widgets.HTML("")
    form = build([], [("export", button("Export all my work"))], title="Export all my work",
                 intro=f"One click gathers everything you have saved in these lessons into a single file, "
                       f"{portfolio.EXPORT_NAME}, in your workspace. Open it in a web browser to read or "
                       f"print it. Clicking again makes a fresh copy.",
                 after=[files])
    form.extras["files"] = files

    def export(f: Form) -> None:
        result = portfolio.export_workbook()
        f.extras["result"] = result
        if not result.ok:
            f.say(result.message, "error" if "nothing_saved" not in result.codes else "info")
            return
        f.say(result.message, "ok")  # the size in it is read back from disk
        files.value = _files_html()

    form.on_click("export", export)
    return form


def start_over_form() -> Form:
    """Type ``start over`` and click: every workspace file moves into a dated backup folder."""
    files = widgets.HTML("")
    form = build(
        [("confirm", text(f"Type {portfolio.CONFIRM_WORDS} to confirm", placeholder=portfolio.CONFIRM_WORDS))],
        [("start_over", button("Start over", style="danger",
                               tooltip="Move all my saved work into a backup folder"))],
        title="Start over",
        intro=f"This moves all your saved work into a new folder inside {portfolio.BACKUPS}/ in your workspace "
              f"(nothing is deleted), so every lesson starts fresh. To go ahead, type the words "
              f"{portfolio.CONFIRM_WORDS} in the box and click Start over.",
        after=[files])
    form.extras["files"] = files

    def go(f: Form) -> None:
        typed = f.controls["confirm"].value
        problems = portfolio.check_confirmation(typed)
        if problems:
            f.show_problems(problems, intro="Nothing was moved: see the message under the box.")
            return
        result = portfolio.start_over(typed)
        f.extras["result"] = result
        f.clear_messages()
        f.controls["confirm"].value = ""
        if result.problems:
            f.show_problems(result.problems, intro="Nothing was moved.")
            return
        kind = "ok" if not result.item["not_moved"] else "error"
        f.say(result.message, kind)
        files.value = _files_html()  # read back: what the workspace holds now

    form.on_click("start_over", go)
    return form
