"""The Share form: see exactly what leaves, choose free text, then write ``shared_log.csv``.

Nothing is written on Run All. *Show what will be sent* previews the copy with the learner's
choices (free-text columns, which rows, words to strike), with everything the detector found
highlighted; *Make the copy* is enabled only after a preview of the current choices, and
writes exactly that (clicking again rewrites the same file, same pseudonyms).

    form = forms.share_log_button()
    form.controls["insights"].value = True        # choose a free-text column
    form.controls["preview"].click()              # form.extras["preview"].value: escaped HTML
    form.controls["share"].click()                # writes shared_log.csv in the workspace
"""
from __future__ import annotations

import re

import ipywidgets as widgets

from helpers.core import logfile as logmod
from helpers import sharing as share, workspace
from helpers.display import message_html, escape, table_html
from helpers.widgets import Form, build, button, guarded, text

__all__ = ["share_log_button", "share_form", "highlight_html", "parse_rows"]

PREVIEW_ROWS = 5
OTHER = "other columns"
_CHOICES = [(c, c) for c in share.FREE_TEXT] + [("other", OTHER)]


def parse_rows(value: str) -> tuple[set[int], str]:
    """Row numbers typed as "3, 5-7" -> ({3, 5, 6, 7}, ""); ``(set(), why)`` when they cannot be read.

    >>> parse_rows("3, 5-7")
    ({3, 5, 6, 7}, '')
    >>> parse_rows("")[0]
    set()
    """
    rows: set[int] = set()
    for part in [p.strip() for p in re.split(r"[,;]", value or "") if p.strip()]:
        m = re.fullmatch(r"(\d{1,6})(?:\s*-\s*(\d{1,6}))?", part)
        if not m:
            return set(), f"“{part}” is not a row number. Write row numbers as your spreadsheet shows them, e.g. 3, 5-7."
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if b < a or b - a > 10000:
            return set(), f"“{part}” is not a range from a smaller to a larger row number."
        rows.update(range(a, b + 1))
    return rows, ""


def highlight_html(text_value: str, findings) -> str:
    """The text, escaped, with every finding in a <mark> that says why (also as words)."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:
            continue
        out.append(escape(text_value[last:f.start]))
        label = "check: " if not f.sure else ""
        out.append(f"<mark title='{escape(f.why)}'>{escape(text_value[f.start:f.end])}</mark>"
                   f"<small> ({escape(label + f.why)})</small>")
        last = f.end
    out.append(escape(text_value[last:]))
    return "".join(out)


def _include(f: Form, raw_columns: list[str]) -> tuple[list[object], str]:
    chosen = [c for key, c in _CHOICES if f.controls[key].value]
    if OTHER in chosen:
        chosen = [c for c in chosen if c != OTHER] + [c for c in raw_columns if c not in share.FREE_TEXT]
    rows, why = parse_rows(f.controls["rows"].value)
    if why:
        return [], why
    if not rows:
        return chosen, ""
    return [(r, c) for r in sorted(rows) for c in chosen], ""


def _strike(f: Form) -> list[str]:
    return [w.strip() for w in re.split(r"[,;\n]", f.controls["strike"].value or "") if w.strip()]


def _preview_html(view: "share.Preview") -> str:
    parts = []
    if view.cells:
        rows = "".join(
            f"<tr><td>{c.row}</td><td>{escape(c.column)}</td><td>{highlight_html(c.text, c.findings)}</td>"
            f"<td>{escape(c.sent)}</td></tr>" for c in view.cells)
        parts.append("<table style='border-collapse:collapse'><caption>Free text you chose: what you wrote "
                     "(found details marked) and what will be sent</caption><thead><tr><th scope='col'>row</th>"
                     "<th scope='col'>column</th><th scope='col'>you wrote</th><th scope='col'>will be sent"
                     f"</th></tr></thead><tbody>{rows}</tbody></table>")
        if view.warnings:
            parts.append("<p>Words marked “check” only look like names; they are replaced too. If one is a "
                         "name the check missed elsewhere, add it to the words to strike.</p>")
    else:
        parts.append("<p>No free text is chosen: only the structured columns below leave your computer.</p>")
    if view.left_out:
        parts.append("<p>Stays with you: " + escape(", ".join(f"{c} ({n} filled)" for c, n in view.left_out.items()))
                     + ".</p>")
    parts.append(table_html(view.frame.head(PREVIEW_ROWS), caption=f"The first rows of the copy ({len(view.frame)} in all)"))
    return "".join(parts)


def readiness_html() -> str:
    """The readiness check exactly as it will be sent (numbers and dates only), as escaped HTML."""
    import pandas as pd

    items, why = share.readiness_takings()
    if why:
        return f"<p>{escape(why)}</p>"
    if not items:
        return "<p>You have not taken the readiness check, so nothing of it will be sent.</p>"
    frame = pd.DataFrame([{"when": t["when"], "date": t["date"], **{k: str(v) for k, v in t["ratings"].items()}}
                          for t in items]).fillna("")
    return table_html(frame, caption=f"Your readiness check as it will be sent ({share.SHARED_READINESS}): "
                                     f"numbers and dates only")


def _build() -> Form:
    boxes = [(key, widgets.Checkbox(value=False, description=f"include {label}", indent=False))
             for key, label in _CHOICES]
    rows = text("Only these rows (optional)", "e.g. 3, 5-7: rows as your spreadsheet shows them; empty: every row")
    strike = text("Also strike these words (optional)", "e.g. a nickname, a place: separated by commas")
    preview = widgets.HTML("")
    form = build(
        boxes + [("rows", rows), ("strike", strike)],
        [("preview", button("Show what will be sent", style="info")),
         ("share", button("Make the copy to share with my instructor",
                          tooltip="Write shared_log.csv exactly as previewed"))],
        title="Share your log with your instructor",
        intro=(f"The copy ({share.SHARED_NAME} in your work folder) holds dates, status, kind, channel, sector, "
               f"counts and yes/no columns; every person becomes Person 01, Person 02 ..., every organisation "
               f"Organisation A, B .... Your role, feedback, insights and notes stay with you unless you tick "
               f"them. Ticked text is checked for names from your log, other capitalised names, e-mail "
               f"addresses, links, handles and phone numbers, and what is found is replaced. The check cannot "
               f"know every name: read the preview before you make the copy. Your own log is not changed. "
               f"{share.READINESS_PROMISE}"),
        after=[preview])
    form.extras["preview"] = preview
    form.extras["previewed"] = None
    form.controls["share"].disabled = True

    def changed(_change) -> None:
        form.controls["share"].disabled = True
        form.extras["previewed"] = None
    for name, control in form.controls.items():
        if not isinstance(control, widgets.Button):
            control.observe(changed, names="value")

    def show(f: Form) -> None:
        f.clear_messages()
        view, why = share.learner_preview()
        if view is None:
            f.say(why, "info")
            preview.value = ""
            return
        include, bad = _include(f, [c for c in view.choices])
        if bad:
            f.messages["rows"].value = ""
            f.say(bad, "error")
            return
        view, why = share.learner_preview(include, _strike(f))
        preview.value = _preview_html(view) + readiness_html()
        f.extras["previewed"] = (include, _strike(f))
        f.controls["share"].disabled = False
        f.say("This is exactly what the copy will hold. Change a choice and preview again, or make the copy.", "info")

    def make(f: Form) -> None:
        chosen = f.extras["previewed"]
        if chosen is None:
            f.say("Show what will be sent first: the copy is made only from a preview you have seen.", "error")
            return
        result = share.share_learner_log(*chosen)
        f.show_result(result)
        handed = share.hand_in() if result.saved else None   # on a class hub only
        if handed is not None:
            f.status.value += message_html(handed.message, "ok" if handed.ok else "error")
        if result.saved:
            path = workspace.path(share.SHARED_NAME)
            shared = logmod.load(path, name=path.name)   # show what is really in the file
            preview.value = table_html(shared.raw.head(PREVIEW_ROWS),
                                       caption=f"The first rows of {path.name}, as your instructor will see them")

    form.on_click("preview", show)
    form.on_click("share", make)
    return form


def share_form() -> Form:
    """The Share form (a plain message in its place when the work folder cannot be used)."""
    return guarded([], _build)


share_log_button = share_form
