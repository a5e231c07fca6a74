"""All of a learner's work in one printable file, and a safe way to start over.

:func:`export_workbook` gathers each activity's saved work (every activity module's
``export_text()``, for the modules that exist) and the learner's own interview log into
one self-contained HTML file in the workspace, ``my_interview_workbook.html``: no scripts,
no outside links or fonts, everything the learner typed escaped, laid out for printing.

:func:`start_over` never deletes anything: after the learner types the confirmation words
it moves every file in the workspace into ``backups/<date-time>/`` and says what it moved.

>>> start_over("yes please").done
False
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import workspace
from .display import escape, table_html
from .log import Problem

EXPORT_NAME = "my_interview_workbook.html"
BACKUPS = "backups"
CONFIRM_WORDS = "start over"
CONFIRM_LIMIT = 50

#: Activity modules in teaching order, with the heading their work gets in the workbook.
ACTIVITIES: list[tuple[str, str]] = [
    ("quiz", "Self-check answers and notes"),
    ("questions", "My research and questions"),
    ("emails", "My e-mails: asking and thanking"),
    ("referrals", "Referrals and follow-up"),
    ("insights", "What I learned"),
    ("reflection", "Exercises and reflection"),
]
LOG_HEADING = "My interview log"


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


@dataclass(frozen=True)
class View:
    """Something a notebook shows as HTML (escaped) and any editor as plain text."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def workspace_view() -> View:
    """The workspace's files as a table to show in a lesson (nothing is created or written)."""
    frame = workspace_files()
    empty = "Your workspace is empty: nothing has been saved yet."
    html_table = table_html(frame, caption="In your workspace now", empty=empty)
    return View(html_table, frame.to_string(index=False) if len(frame) else empty)


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB"


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
@dataclass
class Section:
    key: str          # module name, or "log"
    heading: str
    text: str = ""    # plain text (escaped when written)
    table: str = ""   # ready, escaped HTML (the log)
    note: str = ""    # e.g. why it could not be read


def _activity_sections() -> tuple[list[Section], list[str]]:
    """Each activity's export_text(), for the modules that exist. Returns (sections, skipped)."""
    sections: list[Section] = []
    skipped: list[str] = []
    for module_name, heading in ACTIVITIES:
        full = f"{__package__}.{module_name}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                skipped.append(module_name)  # that lesson's helpers are not there (yet)
                continue
            sections.append(Section(module_name, heading, note=f"This part could not be loaded ({exc})."))
            continue
        except Exception as exc:  # a bug in another module must not stop the export
            sections.append(Section(module_name, heading,
                                    note=f"This part could not be loaded ({type(exc).__name__}: {exc})."))
            continue
        export = getattr(module, "export_text", None)
        if not callable(export):
            skipped.append(module_name)
            continue
        try:
            text = export()
        except Exception as exc:  # e.g. a damaged file: say so, export the rest
            sections.append(Section(module_name, heading,
                                    note=f"This part could not be read: {exc}"))
            continue
        if text and str(text).strip():
            sections.append(Section(module_name, heading, text=str(text).strip("\n")))
    return sections, skipped


def _log_section() -> Section | None:
    """The learner's own log as a table (None when they have no log of their own)."""
    if not workspace.log_path().exists():
        return None
    from . import log  # pandas-heavy; only when there is a log

    try:
        lg, is_sample = log.learner_log()
    except log.LogFileError as exc:
        return Section("log", LOG_HEADING, note=f"Your log could not be read: {exc}")
    if is_sample or len(lg.raw) == 0:
        return None
    frame = lg.raw.copy()
    frame = frame[[c for c in frame.columns if (frame[c].astype(str).str.strip() != "").any()]]
    frame.insert(0, "row", frame.index)
    note = (f"{len(frame)} interview(s). Row numbers are as your spreadsheet shows them."
            + (f" {len(lg.problems)} problem(s) were found in the log; the log lesson shows them."
               if lg.problems else ""))
    return Section("log", LOG_HEADING, table=table_html(frame, max_rows=None), note=note)


def gather() -> list[Section]:
    """Every section of the workbook, in lesson order (nothing is written)."""
    sections, _ = _activity_sections()
    log_section = _log_section()
    if log_section is not None:
        # the log belongs after the referrals lesson and before "what I learned"
        at = next((i for i, s in enumerate(sections) if s.key in ("insights", "reflection")), len(sections))
        sections.insert(at, log_section)
    return sections


_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 48em; margin: 2em auto; padding: 0 1em;
       color: #111; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #999; padding-bottom: 0.15em; margin-top: 1.6em; }
.meta, .note { color: #444; font-size: 0.95em; }
.privacy { border: 1px solid #b58900; background: #fdf6e3; padding: 0.5em 0.8em; }
.text { white-space: pre-wrap; font-family: inherit; }
table { border-collapse: collapse; font-size: 0.8em; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
@media print {
  body { margin: 0; max-width: none; }
  nav, .privacy { break-after: avoid; }
  section { break-inside: auto; }
  h2 { break-after: avoid; }
  @page { margin: 1.5cm; }
}
"""


def workbook_html(sections: list[Section] | None = None, when: dt.datetime | None = None) -> str:
    """The whole workbook as one self-contained HTML page (every learner text escaped).

    >>> page = workbook_html([Section("quiz", "Self-check", text="<script>x</script>")])
    >>> "<script>x" in page, "&lt;script&gt;x" in page
    (False, True)
    """
    sections = gather() if sections is None else sections
    when = when or dt.datetime.now()
    toc = "".join(f"<li><a href='#{escape(s.key)}'>{escape(s.heading)}</a></li>" for s in sections)
    parts = []
    for s in sections:
        body = ""
        if s.note:
            body += f"<p class='note'>{escape(s.note)}</p>"
        if s.text:
            body += f"<div class='text'>{escape(s.text)}</div>"
        if s.table:
            body += s.table  # built by display.table_html, which escapes every cell
        parts.append(f"<section id='{escape(s.key)}'><h2>{escape(s.heading)}</h2>{body}</section>")
    empty = "" if sections else "<p>Nothing has been saved yet.</p>"
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        "<title>My informational interview workbook</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        "<h1>My informational interview workbook</h1>\n"
        f"<p class='meta'>Exported {escape(when.strftime('%Y-%m-%d %H:%M'))} from the Informational "
        "Interview Workshop. Print it from your browser (File, Print), or save it as PDF there.</p>\n"
        "<p class='privacy'>This workbook may hold the names of real people you contacted. Keep it to "
        "yourself; remove names before you share any part of it.</p>\n"
        + (f"<nav><h2>Contents</h2><ol>{toc}</ol></nav>\n" if sections else "")
        + "\n".join(parts) + empty + "\n</body>\n</html>\n"
    )


@dataclass
class ExportResult:
    """What an export did."""

    path: Path | None                                   # the file written (None when nothing was)
    sections: list[str] = field(default_factory=list)   # headings included
    notes: list[str] = field(default_factory=list)      # parts that could not be read
    size: int = 0                                       # bytes on disk, read back after writing

    @property
    def written(self) -> bool:
        return self.path is not None

    def message(self) -> str:
        if not self.written:
            return ("Nothing to export yet: you have not saved any work. Come back after a lesson or two; "
                    "each form saves as you go.")
        text = (f"Saved your workbook ({self.size:,} bytes) as {self.path}. It holds: "
                f"{', '.join(self.sections)}. Open it in a web browser to read or print it.")
        if self.notes:
            text += " Note: " + " ".join(self.notes)
        return text

    def __repr__(self) -> str:
        return self.message()


def export_workbook() -> ExportResult:
    """Write every saved piece of work into ``my_interview_workbook.html`` (atomically).

    Nothing is written when no work has been saved yet. Running it again replaces the
    file with a fresh copy; nothing else in the workspace changes.
    """
    sections = gather()
    if not sections:
        return ExportResult(None)
    target = workspace.path(EXPORT_NAME)
    workspace.atomic_write_text(target, workbook_html(sections))
    return ExportResult(target, [s.heading for s in sections],
                        [f"{s.heading}: {s.note}" for s in sections if s.note and not (s.text or s.table)],
                        size=target.stat().st_size)


# ---------------------------------------------------------------------------------------
# Start over
# ---------------------------------------------------------------------------------------
@dataclass
class StartOverResult:
    """What start_over did: whether it ran, where the backup is, what moved."""

    done: bool
    problems: list[Problem] = field(default_factory=list)
    backup: Path | None = None
    moved: list[str] = field(default_factory=list)
    not_moved: list[str] = field(default_factory=list)

    def message(self) -> str:
        if self.problems:
            return "Nothing was moved. " + " ".join(str(p) for p in self.problems)
        if not self.moved and not self.not_moved:
            return "Your workspace was already empty: there was nothing to move."
        text = (f"Moved {len(self.moved)} item(s) into {self.backup}: {', '.join(self.moved)}. "
                f"Your workspace is fresh. To undo, move them back from that folder.")
        if self.not_moved:
            text += (f" These could not be moved and are still in place: {', '.join(self.not_moved)} "
                     f"(close any program that has them open, then try again).")
        return text

    def __repr__(self) -> str:
        return self.message()


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
        return [Problem(None, "confirm", "", "The box is empty",
                        f"To start over, type the words {CONFIRM_WORDS} in this box, then click the button")]
    if len(typed) > CONFIRM_LIMIT:
        return [Problem(None, "confirm", typed[:40], f"is {len(typed)} characters long",
                        f"Type only the words {CONFIRM_WORDS}")]
    if words != CONFIRM_WORDS:
        return [Problem(None, "confirm", typed, f"does not say {CONFIRM_WORDS}",
                        f"Type exactly {CONFIRM_WORDS} to confirm, or leave it if you want to keep going")]
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


def start_over(confirm_text: str | None, now: dt.datetime | None = None) -> StartOverResult:
    """Move every file in the workspace into ``backups/<date-time>/`` (never deletes).

    ``confirm_text`` must say ``start over`` (any case); otherwise nothing happens and the
    problem says why. Earlier backups stay where they are.
    """
    problems = check_confirmation(confirm_text)
    if problems:
        return StartOverResult(False, problems)
    folder = workspace.folder()
    items = sorted(p for p in folder.iterdir() if p.name != BACKUPS)
    if not items:
        return StartOverResult(True)
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
    return StartOverResult(True, [], target, moved, not_moved)


def backups() -> list[Path]:
    """The backup folders made by start_over, oldest first."""
    base = workspace.folder(create=False) / BACKUPS
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
