"""Worksheets: every lesson's activities on paper, built from the same content files as the lessons.

The paper fallback for when laptops fail (or for homework): the self-check, the question bank
and a page for questions, the e-mails with blanks laid out as they are sent, the referral ask,
each practice persona's script as a turn-to-the-number conversation with a score sheet for the
close, a paper log, the sentence patterns for sharing, and the exercises. The pages are drawn
by :mod:`helpers.classroom.printables`.

>>> sections, notes = worksheet_sections()
>>> notes, len(sections) >= 8
([], True)
"""
from __future__ import annotations

import re
from typing import Any, Callable

from helpers import content, conversation
from helpers.core import export as ex
from helpers.display import escape
from helpers.pages import Checklist, Lines, _broken, contents, page, render_sections

# ---------------------------------------------------------------------------------------
# Worksheets: every lesson's activities on paper
# ---------------------------------------------------------------------------------------
_DOLLAR = re.compile(r"\$([a-z_]+)")
_BRACE = re.compile(r"\{([a-z_]+)\}")


def _blank(name: str) -> str:
    return f"__________ ({name.replace('_', ' ')})"


def _fill_template(text: str, template: dict[str, Any]) -> str:
    """A template with each $field as a labelled blank; $x_line placeholders become their line."""
    lines = {k: v for k, v in template.items() if k.endswith("_line") and isinstance(v, str)}
    used = set(_DOLLAR.findall(text))

    def line(name: str) -> str:
        if name in lines:
            return lines[name].strip()
        spare = [v.strip() for k, v in lines.items() if k not in used]
        return "Either: " + " Or: ".join(spare) if spare else ""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.endswith("_line"):
            return _DOLLAR.sub(lambda mm: _blank(mm.group(1)), " " + line(name) if name == "shared_line" else line(name))
        return _blank(name)

    return _DOLLAR.sub(sub, text)


def _quiz() -> ex.Section:
    data = content.load("quiz")
    blocks: list[Any] = [ex.Paragraph("Tick one answer for each question, then compare with a partner.")]
    for n, q in enumerate(data["question"], start=1):
        blocks.append(ex.Heading(f"{n}. {q['prompt']}"))
        blocks.append(ex.Items([f"☐ {chr(65 + i)}. {c['text']}" for i, c in enumerate(q["choice"])]))
    for r in data.get("reflection", []):
        blocks.append(Lines(r["prompt"], 3))
    return ex.Section("Why informational interviews: self-check", blocks, lesson="why-informational-interviews")


def _questions() -> ex.Section:
    data = content.load("question_bank")
    blocks: list[Any] = [Lines("The field or role I am exploring", 1),
                         Lines("Two findings from my research", 2),
                         ex.Table(["Kind of question", "Why ask it", "Examples"],
                                  [[c["title"], c["why"], " / ".join(c["questions"][:3])] for c in data["category"]],
                                  caption="The question bank"),
                         ex.Paragraph("Write five to eight open questions (how, what, why) that build on your "
                                      "findings: questions a web search cannot answer."),
                         ex.Table(["#", "My question", "Kind"], [[str(i), "", ""] for i in range(1, 9)],
                                  caption="My questions")]
    return ex.Section("Research to questions", blocks, lesson="research-to-questions")


def _emails() -> ex.Section:
    data = content.load("email_templates")
    blocks: list[Any] = [ex.Paragraph("Fill in each blank in a few words. Keep the request short and ask to "
                                      "learn, never for a job. Send the thank-you the same day or the next.")]
    labels = {"request": "Request for an informational interview", "thank_you": "Thank-you e-mail",
              "follow_up": "Follow-up when there was no reply"}
    for kind in ("request", "thank_you", "follow_up"):
        tmpl = data.get(kind)
        if not isinstance(tmpl, dict) or "body" not in tmpl:
            continue
        blocks.append(ex.Email(_fill_template(tmpl.get("subject", ""), tmpl), _fill_template(tmpl["body"], tmpl),
                               to=_blank("their e-mail address"), label=labels.get(kind, kind)))
    return ex.Section("Asking and thanking", blocks, lesson="asking-and-thanking")


def _referrals() -> ex.Section:
    data = content.load("referrals")
    ask, steps, checkin = data["ask"], data["steps"], data["checkin"]
    rows = []
    for key in ("names", "contact_details", "permission", "if_they_prefer"):
        said = ask.get(key, "")
        if key == "if_they_prefer":
            said = said.replace("$checkin", checkin.get("sentence", ""))
        rows.append([steps.get(key, key), _DOLLAR.sub(lambda m: _blank(m.group(1)), said)])
    blocks: list[Any] = [Lines("People or organisations my research points to", 3),
                         ex.Table(["Step", "What to say (fill the blanks)"], rows, caption="Your referral ask"),
                         ex.Paragraph("A check-in day: count 7, 8, 9 and 10 days after the interview and keep "
                                      "the weekdays; agree one of them, by name."),
                         ex.Table(["Interview date", "Who offered to contact whom", "Check-in day agreed"],
                                  [["", "", ""] for _ in range(3)], caption="Check-in plans")]
    return ex.Section("Referrals and follow-up", blocks, lesson="referrals-and-follow-up")


def _conversation() -> list[ex.Section]:
    blocks: list[Any] = [
        ex.Paragraph("Rehearse with a partner, or alone with the scripts on the next pages: read what the "
                     "persona says, choose a reply, and go to the number it shows. At the end, score your close: "
                     "the check-in day counts only if the persona offered to contact someone first (then "
                     "score out of six); if they shared how to reach the person and left the contact to "
                     "you, no check-in is needed (score out of five)."),
        Checklist(list(conversation.POINTS.values()), note="The moment (turn) that decided it",
                  caption="Score your close")]
    out = [ex.Section("The conversation: score your close", blocks, lesson="the-conversation")]
    for p in conversation.personas():
        out.append(ex.Section(f"The conversation on paper: {p.name}", _gamebook(p), lesson="the-conversation"))
    return out


def _gamebook(p: conversation.Persona) -> list[Any]:
    """A persona's script as numbered moments: each reply says which number to go to next."""
    order: list[str] = []
    todo = [p.start]
    while todo:  # breadth-first from the start: the numbers follow the conversation
        nid = todo.pop(0)
        if nid in order:
            continue
        order.append(nid)
        for opt in p.nodes[nid].options:
            todo += [t for t in opt.targets() if t not in order]
    number = {nid: i for i, nid in enumerate(order, start=1)}
    day = "[a weekday 7-10 days after today]"
    items = []
    for nid in order:
        node = p.nodes[nid]
        says = escape(node.says.replace("{minutes}", str(p.minutes)))
        stage = f"<strong>{escape(node.stage)}.</strong> " if node.stage else ""
        variants = ""
        if node.says_warm:
            variants += f"<br><em>If they are warm by now:</em> \u201c{escape(node.says_warm)}\u201d"
        if node.says_cool:
            variants += f"<br><em>If they have cooled:</em> \u201c{escape(node.says_cool)}\u201d"
        if node.contacts_first:
            variants += ("<br><em>They would rather contact the person first: if they offer to contact "
                         "someone first, agree a day. Score the check-in day this time.</em>")
        if node.end:
            replies = "<p><em>The end: score your close on the first page.</em></p>"
        else:
            opts = []
            for opt in node.options:
                text = opt.text.replace("{checkin_day}", day).replace("{minutes}", str(p.minutes))
                go = f"{opt.minutes} min, go to {number[opt.next]}"
                if opt.next_warm:
                    go += f" (if they are warm by now, {number[opt.next_warm]})"
                if opt.next_cool:
                    go += f" (if they have cooled, {number[opt.next_cool]})"
                opts.append(f"<li>\u201c{escape(text)}\u201d: {escape(go)}</li>")
            replies = "<ol>" + "".join(opts) + "</ol>"
        items.append(f"<li value='{number[nid]}'>{stage}{escape(p.name)}: \u201c{says}\u201d{variants}{replies}</li>")
    intro = ex.Paragraph(f"{p.role}, {p.organisation} ({p.temperament}). {p.summary} You agreed "
                         f"{p.minutes} minutes. A reply built on research or listening warms them; a job ask "
                         f"cools them. Start at 1.")
    return [intro, "<ol class='turns'>" + "".join(items) + "</ol>"]


def _log() -> ex.Section:
    columns = ["Date", "Person", "Organisation", "Practice or real", "Names given", "May use their name?",
               "Contact details?", "Thank-you sent", "Check-in day"]
    return ex.Section("The practice log", [
        ex.Paragraph("One line per interview, practice or real. Copy it into the log lesson when you are back "
                     "at a computer."),
        ex.Table(columns, [[""] * len(columns) for _ in range(8)], caption="My interviews")],
        lesson="practice-log")


def _insights() -> ex.Section:
    data = content.load("insights")
    guidance = data.get("guidance", {})
    blocks: list[Any] = [ex.Paragraph(guidance.get("intro", "")), ex.Items(list(guidance.get("rules", [])))]
    rows = [[pt.get("label", ""), _BRACE.sub(lambda m: _blank(m.group(1)), pt["text"])] for pt in data["patterns"]]
    blocks += [ex.Table(["Pattern", "Sentence (fill the blanks)"], rows, caption="Ways to share what you learned"),
               Lines("What I have learned, in general terms (no names, no organisations)", 3)]
    return ex.Section("Sharing what you have learned", blocks, lesson="sharing-what-you-learned")


def _exercises() -> ex.Section:
    data = content.load("exercises")
    blocks: list[Any] = []
    for e in data["exercises"]:
        blocks += [ex.Heading(f"{e.get('number', '')}. {e['title']}".lstrip(". ")), ex.Paragraph(e["prompt"])]
        if e.get("id") == "people" and data.get("partners"):
            blocks.append(ex.Table(["Who (name or description)", "How I know them", "Practice or real", "Why them"],
                                   [["", "", "", ""] for _ in range(4)]))
        elif e.get("id") == "support" and data.get("supports"):
            blocks.append(ex.Items([f"☐ {s['label']}: {s.get('how', '')}" for s in data["supports"]]))
            blocks.append(Lines("My first step, and its date", 1))
        else:
            blocks.append(Lines("My answer", 4))
    return ex.Section("Exercises and reflection", blocks, lesson="exercises-and-reflection")


WORKSHEETS: list[tuple[str, Callable[[], Any]]] = [
    ("Why informational interviews: self-check", _quiz),
    ("Research to questions", _questions),
    ("Asking and thanking", _emails),
    ("Referrals and follow-up", _referrals),
    ("The conversation", _conversation),
    ("The practice log", _log),
    ("Sharing what you have learned", _insights),
    ("Exercises and reflection", _exercises),
]


def worksheet_sections() -> tuple[list[ex.Section], list[str]]:
    """Every lesson's activities as paper sections, in lesson order, and what could not be built.

    A content file with a mistake gives a section saying so (and a note), never an error.
    """
    sections: list[ex.Section] = []
    notes: list[str] = []
    for title, build in WORKSHEETS:
        try:
            made = build()
        except (content.ContentError, KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
            notes.append(f"{title}: {type(exc).__name__}: {exc}")
            sections.append(_broken(title, exc))
            continue
        sections += made if isinstance(made, list) else [made]
    return sections, notes


def worksheets_html() -> str:
    """The paper fallback: every lesson's activities as worksheets, one section to a page."""
    sections, _ = worksheet_sections()
    return page("Worksheets", contents(sections) + render_sections(sections),
                "The lessons' activities on paper, for when a laptop fails or for homework. Built from the "
                "same content files as the lessons.")


