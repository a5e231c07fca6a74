"""Printable pages: the HTML for :mod:`helpers.core.export` blocks, one self-contained file a page.

Shared by the learner's workbook (:mod:`helpers.portfolio`) and the classroom's printables
(:mod:`helpers.classroom.printables`, :mod:`helpers.classroom.worksheets`): real headings and
tables, e-mails laid out as they are sent, no scripts, nothing fetched from elsewhere, and print
styles (a page break between sections, table headers repeated on every page, rows never split,
long words wrapped so no table is cut off). Every text is escaped.

>>> "<h1>Notes</h1>" in page("Notes", render_sections([ex.Section("One", [ex.Paragraph("a < b")])]))
True
"""
from __future__ import annotations

import base64

import re
from dataclasses import dataclass
from typing import Any, Sequence

from helpers.core import export as ex
from helpers.display import escape


# ---------------------------------------------------------------------------------------
# Blocks for paper only (the core's export blocks cover the rest)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lines:
    """Ruled space to write in by hand."""

    label: str
    count: int = 3


@dataclass(frozen=True)
class Checklist:
    """Boxes to tick, with a column to note when (e.g. the minute)."""

    items: Sequence[str]
    note: str = "Minute / what you heard"
    caption: str = ""


@dataclass(frozen=True)
class Card:
    """A persona card: a boxed block that is never split across pages."""

    title: str
    subtitle: str
    rows: Sequence[tuple[str, str]]


CSS = """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; max-width: 48em; margin: 2em auto; padding: 0 1em;
       color: #111; line-height: 1.45; font-size: 11.5pt; }
h1 { font-size: 1.8em; margin: 0 0 0.2em 0; }
h2 { font-size: 1.35em; border-bottom: 1px solid #888; padding-bottom: 0.15em; margin: 1.4em 0 0.5em 0; }
h3 { font-size: 1.1em; margin: 1.1em 0 0.35em 0; }
p { margin: 0.35em 0 0.6em 0; }
.meta, .note { color: #444; font-size: 0.95em; }
.privacy { border: 1px solid #b58900; background: #fdf6e3; padding: 0.5em 0.8em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 0.9em 0; font-size: 0.92em; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.25em 0; }
th, td { border: 1px solid #999; padding: 0.3em 0.45em; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; word-break: normal; hyphens: auto; }
thead th { background: #eee; }
td.blank { height: 2.1em; }
table.wide { font-size: 0.78em; }
td.box { width: 2.2em; text-align: center; font-size: 1.2em; }
.email { border: 1px solid #999; padding: 0.6em 0.9em; margin: 0.5em 0 1em 0; background: #fcfcfc; }
.email .head { border-bottom: 1px solid #ccc; padding-bottom: 0.3em; margin-bottom: 0.5em; }
.email .head div { margin: 0.1em 0; }
.email .body { white-space: pre-wrap; font-family: inherit; margin: 0; }
.text { white-space: pre-wrap; }
.lines { margin: 0.3em 0 0.9em 0; }
.lines .label { font-style: italic; }
.lines .line { border-bottom: 1px solid #777; height: 1.9em; }
.card { border: 2px solid #333; border-radius: 6px; padding: 0.6em 0.9em; margin: 0 0 1em 0; }
.card h2 { border: none; margin: 0; }
.card .sub { color: #333; margin: 0 0 0.4em 0; }
.card dt { font-weight: bold; margin-top: 0.35em; }
.card dd { margin: 0 0 0 1em; }
ol.turns > li { margin: 0 0 0.7em 0; }
ol.turns ol { list-style: lower-alpha; }
nav ol { margin: 0.2em 0 0.8em 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  @page { margin: 1.4cm; }
  section.page { break-before: page; }
  section.page:first-of-type { break-before: auto; }
  h1, h2, h3 { break-after: avoid; }
  table { break-inside: auto; }
  thead { display: table-header-group; }
  tr, .card, .email, .lines, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .privacy, nav { break-after: avoid; }
}
"""


def _para(text: str) -> str:
    """Paragraphs from text (blank lines separate them; single line breaks are kept)."""
    parts = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


def _table(block: ex.Table) -> str:
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in block.columns)
    narrow = {"#", "done", "minutes", "✓", "done?"}
    cols = "".join("<col style='width:4.2em'>" if str(c).strip().lower() in narrow else "<col>"
                   for c in block.columns)
    body = []
    for row in block.rows:
        cells = [escape("" if c is None else c) for c in row]
        body.append("<tr>" + "".join("<td class='blank'></td>" if not c else f"<td>{c}</td>" for c in cells)
                    + "</tr>")
    wide = " class='wide'" if len(block.columns) > 7 else ""
    return (f"<table{wide}>{caption}<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _email(block: ex.Email) -> str:
    label = f"<h3>{escape(block.label)}</h3>" if block.label else ""
    to = f"<div><strong>To:</strong> {escape(block.to)}</div>" if block.to else ""
    return (f"{label}<div class='email'><div class='head'>{to}<div><strong>Subject:</strong> "
            f"{escape(block.subject)}</div></div><div class='body'>{escape(block.body.strip())}</div></div>")


def render_block(block: Any) -> str:
    """One block as HTML (every text escaped)."""
    if isinstance(block, ex.Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, ex.Paragraph):
        return _para(block.text)
    if isinstance(block, ex.Items):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + f"</{tag}>"
    if isinstance(block, ex.Table):
        return _table(block)
    if isinstance(block, ex.Email):
        return _email(block)
    if isinstance(block, ex.Chart):
        data = base64.b64encode(block.png).decode("ascii")
        caption = block.caption or block.alt
        return (f"<figure class='chart'><img src='data:image/png;base64,{data}' alt='{escape(block.alt)}' "
                f"style='max-width:100%;height:auto'><figcaption>{escape(caption)}</figcaption></figure>")
    if isinstance(block, Lines):
        return (f"<div class='lines'><div class='label'>{escape(block.label)}</div>"
                + "<div class='line'></div>" * max(1, block.count) + "</div>")
    if isinstance(block, Checklist):
        caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        rows = "".join(f"<tr><td class='box'>☐</td><td>{escape(i)}</td><td></td></tr>" for i in block.items)
        return (f"<table>{caption}<colgroup><col style='width:2.6em'><col style='width:55%'><col></colgroup>"
                f"<thead><tr><th scope='col'>✓</th><th scope='col'>What to look for</th>"
                f"<th scope='col'>{escape(block.note)}</th></tr></thead><tbody>{rows}</tbody></table>")
    if isinstance(block, Card):
        rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.rows)
        return (f"<div class='card'><h2>{escape(block.title)}</h2><p class='sub'>{escape(block.subtitle)}</p>"
                f"<dl>{rows}</dl></div>")
    if isinstance(block, str):  # ready HTML made by this module (e.g. a turn list): never learners' text
        return block
    raise TypeError(f"no way to print a {type(block).__name__}")


def _anchor(title: str, n: int) -> str:
    return f"s{n}-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]


def render_sections(sections: Sequence[ex.Section], breaks: bool = True, headings: bool = True) -> str:
    """Sections as HTML: each an ``<h2>`` and its blocks, a page break before each when printed."""
    out = []
    for n, section in enumerate(sections, start=1):
        cls = "page" if breaks else "part"
        body = "".join(render_block(b) for b in section.blocks)
        head = f"<h2>{escape(section.title)}</h2>" if headings else ""
        out.append(f"<section class='{cls}' id='{_anchor(section.title, n)}'>{head}{body}</section>")
    return "\n".join(out)


def contents(sections: Sequence[ex.Section]) -> str:
    """A table of contents linking to each section."""
    items = "".join(f"<li><a href='#{_anchor(s.title, n)}'>{escape(s.title)}</a></li>"
                    for n, s in enumerate(sections, start=1))
    return f"<nav><h2>Contents</h2><ol>{items}</ol></nav>"


def page(title: str, body: str, intro: str = "", extra_head: str = "") -> str:
    """A whole self-contained HTML page around ready HTML ``body``."""
    lead = f"<p class='meta'>{escape(intro)}</p>" if intro else ""
    return ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n{extra_head}</head>\n<body>\n"
            f"<h1>{escape(title)}</h1>\n{lead}\n{body}\n</body>\n</html>\n")


def _broken(title: str, exc: Exception) -> ex.Section:
    return ex.Section(title, [ex.Paragraph(f"This page could not be built from the content files: {exc} "
                                           f"Run python -m helpers check-content to see every mistake.")])
