"""All of a learner's work in one printable file, and a safe way to start over.

:func:`export_workbook` gathers what each activity saved (the ``export()`` of every activity in
the one registry, :mod:`helpers.activities`) and the learner's own interview log into one
self-contained HTML file in the workspace, ``my_interview_workbook.html``, printed in the same
style as the classroom pages (:mod:`helpers.pages`): real headings and tables, the e-mails
laid out as they would be sent, a page break between sections and no table cut off; no scripts,
no outside links or fonts, everything the learner typed escaped.

:func:`start_over` never deletes anything: after the learner types the confirmation words
it moves every file in the workspace into ``backups/<date-time>/`` and says what it moved.

>>> start_over("yes please").codes
['not_confirmed']
"""
from __future__ import annotations

import datetime as dt
import os
import shutil

from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from helpers import workspace
from helpers.core import Problem, Result
from helpers.core import export as ex

EXPORT_NAME = "my_interview_workbook.html"
BACKUPS = "backups"
CONFIRM_WORDS = "start over"
CONFIRM_LIMIT = 50
LOG_HEADING = "My interview log"
LOG_LESSON = "practice-log"
#: the log's section goes before the activities of these lessons (after the conversation)
LOG_BEFORE = ("insights", "reflection")


# ---------------------------------------------------------------------------------------
# What is in the workspace
# ---------------------------------------------------------------------------------------
def workspace_files() -> pd.DataFrame:
    """The files in the workspace now (name, size, last changed); backups counted in one row.

    Nothing is created or written.
    """
    folder = workspace.folder(create=False)
    rows = []
    if folder.is_dir():
        for item in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
            if item.name.startswith("."):
                continue  # temporary files of a save in progress
            if item.is_dir():
                count = sum(1 for p in item.iterdir() if p.is_dir()) if item.name == BACKUPS else None
                size = f"{count} backup(s)" if count is not None else "folder"
                rows.append({"file": item.name + "/", "size": size, "last changed": _when(item)})
            else:
                rows.append({"file": item.name, "size": _size(item.stat().st_size), "last changed": _when(item)})
    return pd.DataFrame(rows, columns=["file", "size", "last changed"])


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB"


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
def _activity_sections() -> tuple[list[tuple[str, ex.Section]], list[str]]:
    """Each registered activity's export, in lesson order: ``([(key, section)], notes)``.

    An activity that cannot be read (a damaged file, a bug) gives a section saying so and a
    note; the rest are exported all the same.
    """
    from helpers import activities

    sections: list[tuple[str, ex.Section]] = []
    notes: list[str] = []
    for activity in activities.ACTIVITIES:
        try:
            section = activity.export()
        except Exception as exc:  # one part that cannot be read must not stop the export
            note = f"This part could not be read: {exc}"
            notes.append(f"{activity.title}: {note}")
            sections.append((activity.key, ex.Section(activity.title, [ex.Paragraph(note)], lesson=activity.lesson)))
            continue
        if section is not None and list(section.blocks):
            sections.append((activity.key, section))
    return sections, notes


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _log_section() -> tuple[ex.Section | None, str]:
    """The learner's own log as a table (None when they have no log of their own), and a note."""
    if not workspace.log_path().exists():
        return None, ""
    from helpers.core import logfile as log  # pandas-heavy; only when there is a log

    try:
        lg, is_sample = log.learner_log()
    except Exception as exc:  # an unreadable log: say so, export the rest
        note = f"Your log could not be read: {exc}"
        return ex.Section(LOG_HEADING, [ex.Paragraph(note)], lesson=LOG_LESSON), f"{LOG_HEADING}: {note}"
    if is_sample or len(lg.raw) == 0:
        return None, ""
    frame = lg.raw.copy()
    frame = frame[[c for c in frame.columns if (frame[c].astype(str).str.strip() != "").any()]]
    rows = [[str(i), *[_cell(v) for v in row]] for i, row in zip(frame.index, frame.itertuples(index=False))]
    text = (f"{len(frame)} interview(s). Row numbers are as your spreadsheet shows them."
            + (f" {len(lg.problems)} problem(s) were found in the log; the log lesson shows them."
               if lg.problems else ""))
    table = ex.Table(["row", *[str(c).replace("_", " ") for c in frame.columns]], rows)
    return ex.Section(LOG_HEADING, [ex.Paragraph(text), table], lesson=LOG_LESSON), ""


def gather() -> list[ex.Section]:
    """Every section of the workbook, in lesson order (nothing is written)."""
    return _gather()[0]


def _gather() -> tuple[list[ex.Section], list[str]]:
    keyed, notes = _activity_sections()
    log_section, log_note = _log_section()
    if log_note:
        notes.append(log_note)
    sections = [s for _, s in keyed]
    if log_section is not None:
        at = next((i for i, (key, _) in enumerate(keyed) if key in LOG_BEFORE), len(keyed))
        sections.insert(at, log_section)
    return sections, notes


def workbook_html(sections: Sequence[ex.Section] | None = None, when: dt.datetime | None = None) -> str:
    """The whole workbook as one self-contained, printable HTML page (every learner text escaped).

    >>> page = workbook_html([ex.Section("Self-check", [ex.Paragraph("<script>x</script>")])])
    >>> "<script>x" in page, "&lt;script&gt;x" in page, "<h2>Self-check</h2>" in page
    (False, True, True)
    """
    from helpers import pages

    sections = gather() if sections is None else list(sections)
    when = when or dt.datetime.now()
    intro = (f"Exported {when.strftime('%Y-%m-%d %H:%M')} from the Informational Interview Workshop. Print it "
             f"from your browser (File, Print), or save it as PDF there; each part starts on a new page.")
    privacy = ("<p class='privacy'>This workbook may hold the names of real people you contacted. Keep it to "
               "yourself; remove names before you share any part of it.</p>")
    body = (privacy + pages.contents(sections) + pages.render_sections(sections)
            if sections else "<p>Nothing has been saved yet.</p>")
    return pages.page("My informational interview workbook", body, intro)


def export_workbook() -> Result:
    """Write every saved piece of work into ``my_interview_workbook.html`` (atomically).

    Returns the core's :class:`Result`; its ``item`` says what was written: ``path``, ``sections``
    (the headings included), ``notes`` (parts that could not be read) and ``size`` (bytes on
    disk, read back). Nothing is written when no work has been saved yet (``saved`` False, code
    ``nothing_saved``). Running it again replaces the file with a fresh copy; nothing else in the
    workspace changes.
    """
    sections, notes = _gather()
    if not sections:
        return Result.refused([Problem("workbook", "", "has nothing in it yet: no work has been saved",
                                       "Come back after a lesson or two; each form saves as you go",
                                       "nothing_saved")],
                              message="Nothing to export yet: you have not saved any work. Come back after a "
                                      "lesson or two; each form saves as you go.")
    target = workspace.path(EXPORT_NAME)
    try:
        workspace.atomic_write_text(target, workbook_html(sections))
        size = target.stat().st_size
    except OSError as exc:
        problem = workspace.os_problem(exc, target)
        return Result.refused([problem], message=f"Nothing was saved: {problem.what}. {problem.fix}")
    titles = [s.title for s in sections]
    message = (f"Saved your workbook ({size:,} bytes) as {target}. It holds: {', '.join(titles)}. Open it in "
               f"a web browser to read or print it.") + (" Note: " + " ".join(notes) if notes else "")
    return Result.done({"path": str(target), "sections": titles, "notes": notes, "size": size}, message)


EXPORT_WORD = "export"


def export_when(confirm: str | None) -> Result:
    """The one-line export for editors without widgets: writes only when ``confirm`` says ``export``,
    so running every cell of a lesson never writes the workbook.

    >>> print(export_when(""))
    Nothing was written. To export your work, type the word export between the quotes and run the line again.
    """
    if " ".join(str(confirm or "").split()).lower() != EXPORT_WORD:
        return Result.refused([Problem("confirm", str(confirm or "")[:40], f"does not say {EXPORT_WORD}",
                                       f"Type {EXPORT_WORD} between the quotes", "not_confirmed")],
                              message=f"Nothing was written. To export your work, type the word {EXPORT_WORD} "
                                      f"between the quotes and run the line again.")
    return export_workbook()


# ---------------------------------------------------------------------------------------
# Start over
# ---------------------------------------------------------------------------------------
def check_confirmation(confirm_text: str | None) -> list[Problem]:
    """Problems with the typed confirmation (empty list when it says ``start over``).

    >>> check_confirmation("  Start Over ")
    []
    >>> check_confirmation("")[0].what
    'The box is empty'
    """
    typed = "" if confirm_text is None else str(confirm_text)
    words = " ".join(typed.split()).lower()
    if not words:
        return [Problem("confirm", "", "The box is empty",
                        f"To start over, type the words {CONFIRM_WORDS} in this box, then click the button", "empty")]
    if len(typed) > CONFIRM_LIMIT:
        return [Problem("confirm", typed[:40], f"is {len(typed)} characters long",
                        f"Type only the words {CONFIRM_WORDS}", "too_long")]
    if words != CONFIRM_WORDS:
        return [Problem("confirm", typed, f"does not say {CONFIRM_WORDS}",
                        f"Type exactly {CONFIRM_WORDS} to confirm, or leave it if you want to keep going",
                        "not_confirmed")]
    return []


def _backup_folder(now: dt.datetime) -> Path:
    base = workspace.folder() / BACKUPS
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    candidate = base / stamp
    n = 2
    while candidate.exists():
        candidate = base / f"{stamp}-{n}"
        n += 1
    return candidate


def start_over(confirm_text: str | None, now: dt.datetime | None = None) -> Result:
    """Move every file in the workspace into ``backups/<date-time>/`` (never deletes).

    ``confirm_text`` must say ``start over`` (any case); otherwise nothing happens and the
    problem says why (codes ``empty``, ``too_long``, ``not_confirmed``). Earlier backups stay
    where they are. The Result's ``item`` holds ``backup`` (the folder, or None), ``moved`` and
    ``not_moved`` (names).
    """
    problems = check_confirmation(confirm_text)
    if problems:
        return Result.refused(problems, message="Nothing was moved. " + " ".join(p.sentence() for p in problems),
                              verb="moved")
    folder = workspace.folder()
    # lock files and half-written temporary files (".name") stay: moving a lock could break a save in progress
    items = sorted(p for p in folder.iterdir() if p.name != BACKUPS and not p.name.startswith("."))
    if not items:
        return Result.unchanged({"backup": None, "moved": [], "not_moved": []},
                                "Your workspace was already empty: there was nothing to move.")
    target = _backup_folder(now or dt.datetime.now())
    target.mkdir(parents=True)
    moved, not_moved = [], []
    for item in items:
        try:
            os.replace(item, target / item.name)  # same folder tree: a rename, whole or not at all
        except OSError:
            try:
                shutil.move(str(item), str(target / item.name))
            except OSError:
                not_moved.append(item.name)
                continue
        moved.append(item.name)
    message = (f"Moved {len(moved)} item(s) into {target}: {', '.join(moved)}. Your workspace is fresh. "
               f"To undo, move them back from that folder.")
    if not_moved:
        message += (f" These could not be moved and are still in place: {', '.join(not_moved)} (close any "
                    f"program that has them open, then try again).")
    return Result.done({"backup": str(target), "moved": moved, "not_moved": not_moved}, message,
                       changed=bool(moved))


def backups() -> list[Path]:
    """The backup folders made by start_over, oldest first."""
    base = workspace.folder(create=False) / BACKUPS
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
