"""What an activity exports for the learner's workbook: plain blocks, no HTML.

An activity's ``export()`` returns a :class:`Section` (or None when nothing is saved); the
workbook (``helpers.portfolio``/``helpers.printables``) renders sections as HTML for printing,
and :func:`as_text` renders them as plain text.

>>> s = Section("My questions", [Heading("Career path"), Items(["How did you start?"])])
>>> print(as_text([s]))
My questions
<BLANKLINE>
Career path
- How did you start?
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    items: Sequence[str]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    to: str = ""
    label: str = ""      # "Request", "Thank-you", ...


@dataclass(frozen=True)
class Chart:
    """A chart as PNG bytes with its text alternative: the HTML workbook shows the picture with
    ``alt`` and ``caption``; plain text shows the caption and the alternative."""

    png: bytes
    alt: str
    caption: str = ""


Block = Union[Heading, Paragraph, Items, Table, Email, Chart]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: Sequence[Block] = field(default_factory=list)
    lesson: str = ""     # the notebook it comes from


def as_text(sections: Sequence[Section]) -> str:
    """Sections as plain text (for a terminal or a .txt file)."""
    out: list[str] = []
    for section in sections:
        out += [section.title, ""]
        for block in section.blocks:
            if isinstance(block, Heading):
                out.append(block.text)
            elif isinstance(block, Paragraph):
                out += [block.text, ""]
            elif isinstance(block, Items):
                out += [f"{n}. {t}" if block.numbered else f"- {t}" for n, t in enumerate(block.items, 1)]
            elif isinstance(block, Table):
                if block.caption:
                    out.append(block.caption)
                out.append(" | ".join(block.columns))
                out += [" | ".join(str(c) for c in row) for row in block.rows]
            elif isinstance(block, Chart):
                out += [f"Chart: {block.caption or block.alt}", block.alt, ""] if block.caption else \
                       [f"Chart: {block.alt}", ""]
            elif isinstance(block, Email):
                if block.label:
                    out.append(block.label)
                if block.to:
                    out.append(f"To: {block.to}")
                out += [f"Subject: {block.subject}", "", block.body, ""]
    return "\n".join(out).rstrip() + "\n"
