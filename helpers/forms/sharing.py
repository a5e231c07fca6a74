"""The Share button: an anonymised copy of the learner's log to send to the instructor.

Nothing is written on Run All: the copy is made only when the button is clicked, and
clicking again rewrites the same file (same pseudonyms), so nothing is duplicated.

    form = forms.share_log_button()
    form.controls["share"].click()       # writes shared_log.csv in the workspace
    form.extras["preview"].value         # its first rows, read back from the file, escaped
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import log as logmod
from .. import share
from ..display import table_html
from ._base import Form, build, button

__all__ = ["share_log_button"]

PREVIEW_ROWS = 5


def share_log_button() -> Form:
    """A button that writes ``shared_log.csv`` (no names, e-mails, phones or organisations)."""
    preview = widgets.HTML("")
    form = build(
        [], [("share", button("Make a copy to share with my instructor",
                              tooltip="Write shared_log.csv: an anonymised copy of my log"))],
        title="Share your log with your instructor",
        intro=(f"Your instructor can see how the class is doing without seeing anyone's details. One "
               f"click writes {share.SHARED_NAME} in your work folder: every person becomes Person 01, "
               f"Person 02 ..., every organisation Organisation A, B ..., and names, e-mail addresses "
               f"and phone numbers are taken out of your notes. Your own log is not changed. Send the "
               f"file the way your instructor asks."),
        after=[preview])
    form.extras["preview"] = preview

    def make(f: Form) -> None:
        path, message = share.share_learner_log()
        if path is None:
            f.say(message, "info")
            preview.value = ""
            return
        shared = logmod.load(path, name=path.name)   # show what is really in the file
        f.say(message, "ok")
        preview.value = table_html(shared.raw.head(PREVIEW_ROWS),
                                   caption=f"The first rows of {path.name}, as your instructor will see them")

    form.on_click("share", make)
    return form
