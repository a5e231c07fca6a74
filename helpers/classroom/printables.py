"""Printable pages for the classroom, built from the same content files as the lessons.

- :func:`persona_cards_html`: one card per practice persona (``data/content/personas/``), to play
  the interviewee in the paired role-play;
- :func:`observer_checklist_html`: what the observer ticks, ending with the points of the
  close that the practice partner scores (the check-in day only where it applies);
- :func:`prework_html`: what learners research and bring, with the time it takes;
- :func:`instructor_notes_html`: the per-lesson notes (timing, misconception, prompt, good answers);
- :func:`helpers.classroom.worksheets.worksheets_html`: every lesson's activities on paper (the fallback when
  laptops fail), including each persona's script as a turn-to-the-number conversation;

Each page is one self-contained HTML file made by :mod:`helpers.pages`.

>>> "<h1>Persona cards</h1>" in persona_cards_html()
True
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from helpers import content, conversation, workspace
from helpers.classroom import facilitator
from helpers.core import Result
from helpers.core import export as ex
from helpers.display import Shown, escape
from helpers.pages import Card, Checklist, Lines, _broken, contents, page, render_sections  # noqa: F401

FOLDER = "printables"   #: the folder in the workspace that :func:`write_all` writes into


# ---------------------------------------------------------------------------------------
# Persona cards, observer checklist, pre-work, instructor notes
# ---------------------------------------------------------------------------------------
def _awkward(p: conversation.Persona) -> list[str]:
    """The awkward moments this persona creates, as 'stage: what they say'."""
    out = []
    for node in p.nodes.values():
        if node.stage.lower().startswith("an awkward moment"):
            what = node.stage.split(":", 1)[-1].strip()
            out.append(f"{what[:1].upper() + what[1:]}: \u201c{node.says}\u201d")
    return out


FIELD_NOTE = ("Play this person in the interviewer's field, not only in the one printed here: before you start, "
              "the interviewer tells you the field and the job they are exploring, and you answer as a "
              "thoughtful person in that job would. When you do not know, say \u201cI'd guess...\u201d. Your facts "
              "matter less than your manner: the practice is in the interviewer's questions and close.")


def _case(p: conversation.Persona) -> str:
    """Which of the two cases this persona plays at the close, for the card."""
    if any(n.contacts_first for n in p.nodes.values()):
        return ("Say you would rather contact the person first. The interviewer should then agree a day to "
                "check in (a working day 7-10 days later), as the rule says: if they offer to contact someone first, agree a day.")
    return ("Share how to reach the person and leave the contact to the interviewer; no check-in day is "
            "needed here (the rule: if they offer to contact someone first, agree a day).")


def persona_card(p: conversation.Persona) -> Card:
    rows = [("Who you are", p.summary),
            ("How to play them", p.brief),
            ("Time you agreed", f"{p.minutes} minutes. Say so at the start, and mention it when five are left."),
            ("Awkward moments to create", " ".join(_awkward(p)) or "None in the script; improvise one."),
            ("If asked well, you promise", p.promise),
            ("When asked how to reach the person", _case(p)),
            ("In another field", FIELD_NOTE)]
    return Card(f"{p.name}: {p.temperament}", f"{p.role}, {p.organisation}. Field: {p.field}.", rows)


def persona_cards_html(personas: Sequence[conversation.Persona] | None = None) -> str:
    """One card per persona, to cut out and hand to the interviewee in the role-play."""
    found = conversation.personas() if personas is None else list(personas)
    intro = ("For the paired role-play: the interviewee takes a card and plays that person. The interviewer "
             "does not read it. One card to a page when printed.")
    sections = [ex.Section(f"Persona card: {p.name}", [persona_card(p)]) for p in found]
    if not found:
        sections = [ex.Section("No personas", [ex.Paragraph(" ".join(conversation.check_content()))])]
    return page("Persona cards", render_sections(sections, headings=bool(not found)), intro)


def _classroom_part(part: str, title: str) -> tuple[Any, list[ex.Section]]:
    """``(the part, [])`` of the instructor notes (``"observer"`` or ``"prework"``), or
    ``(None, [a section saying what is wrong])`` when the notes have a mistake or lack it."""
    try:
        found = getattr(facilitator.classroom(), part)
    except content.ContentError as exc:
        return None, [_broken(title, exc)]
    if found is None:
        return None, [_broken(title, content.ContentError(f"the [{part}] section is missing."))]
    return found, []


def observer_sections() -> list[ex.Section]:
    obs, broken = _classroom_part("observer", "Observer checklist")
    if broken:
        return broken
    blocks: list[Any] = [
        ex.Paragraph(obs.intro),
        ex.Paragraph("Interviewer: ______________________   Interviewee (persona): ______________________   "
                     "Agreed minutes: ______"),
        Checklist(obs.before_close, caption="Before the close"),
        Checklist([label for key, label in conversation.POINTS.items() if key != "checkin"]
                  + ["A check-in day: if they offer to contact someone first, agree a day (a specific "
                     "working day 7-10 days out); leave it blank when they shared how to reach the person"],
                  caption="The close (the points the practice partner scores; the last only when it applies)"),
        Lines("One thing that worked", 2),
        Lines("One thing to sharpen", 2),
    ]
    return [ex.Section(obs.title, blocks)]


def observer_checklist_html() -> str:
    """The checklist the observer fills in during the role-play (one page)."""
    sections = observer_sections()
    return page(sections[0].title, render_sections(sections, breaks=False),
                "One copy per observer per round.")


def prework_sections() -> list[ex.Section]:
    pre, broken = _classroom_part("prework", "Before the workshop")
    if broken:
        return broken
    blocks: list[Any] = [ex.Paragraph(f"{pre.intro} Time: about {pre.minutes} minutes."),
                         ex.Table(["Minutes", "What to do", "Done"], [[str(m), t, ""] for m, t in pre.items],
                                  caption=f"Your preparation ({pre.minutes} minutes)"),
                         ex.Heading("Bring with you"), ex.Items(list(pre.bring)),
                         Lines("My field or role", 1), Lines("My two findings", 2),
                         Lines("The people or organisations my research points to", 2)]
    return [ex.Section(pre.title, blocks)]


def prework_view() -> Shown:
    """The pre-work, to show inside a lesson."""
    sections = [ex.Section(s.title, [b for b in s.blocks if not isinstance(b, Lines)]) for s in prework_sections()]
    return Shown(render_sections(sections, breaks=False).replace("<h2>", "<h3>").replace("</h2>", "</h3>"),
                 ex.as_text(sections))


def prework_html() -> str:
    """The pre-work page for learners: what to research and bring, with the time it takes."""
    sections = prework_sections()
    return page(sections[0].title, render_sections(sections, breaks=False),
                "Informational Interview Workshop: please do this before the session.")


def notes_sections() -> list[ex.Section]:
    out = []
    for n in facilitator.notes():
        out.append(ex.Section(n.title, [
            ex.Table(["Timing", "Watch for"], [[n.timing, n.misconception]]),
            ex.Paragraph(f"Discussion prompt: {n.prompt}"),
            ex.Heading("Good answers contain"), ex.Items(list(n.good_answers))]))
    return out


def instructor_notes_html() -> str:
    """The per-lesson instructor notes as one printable page."""
    sections = notes_sections()
    problems = facilitator.notes_problems()
    intro = "For whoever teaches: one note per lesson." + (" Some notes could not be read: "
                                                            + " ".join(problems) if problems else "")
    return page("Instructor notes", contents(sections) + render_sections(sections, breaks=False), intro)


# ---------------------------------------------------------------------------------------
# Writing them out
# ---------------------------------------------------------------------------------------
PAGES: dict[str, Callable[[], str]] = {
    "persona-cards.html": persona_cards_html,
    "observer-checklist.html": observer_checklist_html,
    "pre-work.html": prework_html,
    "instructor-notes.html": instructor_notes_html,
    "worksheets.html": lambda: _worksheets().worksheets_html(),
}


def _worksheets():
    from helpers.classroom import worksheets  # pandas and the personas' scripts: only when asked for

    return worksheets


def write_all(folder: Path | str | None = None, names: Iterable[str] | None = None) -> Result:
    """Write the printable pages (default: into ``printables/`` in the workspace), each atomically.

    Returns the core's :class:`Result`; ``item`` holds ``folder`` and ``files`` (paths as text).
    Writing again replaces them; nothing else is touched. A folder that cannot be written is a
    refused Result with the problem, never an exception.
    """
    try:
        target = Path(folder) if folder is not None else workspace.folder() / FOLDER
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (names or PAGES):
            path = target / name
            workspace.atomic_write_text(path, PAGES[name]())
            written.append(str(path))
    except OSError as exc:
        problem = workspace.os_problem(exc, folder or FOLDER)
        return Result.refused([problem], message=f"Nothing was written: {problem.what}. {problem.fix}")
    names_text = ", ".join(Path(p).name for p in written)
    return Result.done({"folder": str(target), "files": written},
                       f"Wrote {len(written)} printable pages into {target}: {names_text}. Open each in a web "
                       f"browser and print it (File, Print).")


def stamp(when: dt.datetime | None = None) -> str:
    return (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
