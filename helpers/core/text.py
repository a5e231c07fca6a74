"""One set of text rules: cleaning, length limits, formula escaping, folding.

Every activity and the log use these, so a learner's text is treated the same everywhere.
Every pattern here runs in linear time (no nested repetition), so a 10 MB cell is checked in
about a second. The detector of names and contact details is :mod:`helpers.core.detect`.

>>> clean("  How did\\n you   start?  ")
'How did you start?'
>>> fold("Siobhán  O'BRIEN")
"siobhan o'brien"
>>> escape_cell("=1+1"), unescape_cell(escape_cell("=1+1"))
("'=1+1", '=1+1')
>>> [p.code for p in check("text", "", label="The question")]
['empty']
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .result import Problem

#: A cell that starts with one of these is run as a formula by a spreadsheet.
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]{0,2000}>")
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{0,200}\]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def clean(value: object) -> str:
    """Text as saved: control characters removed, runs of spaces and line breaks made one space."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def clean_block(value: object) -> str:
    """Like :func:`clean` but keeps line breaks between paragraphs (for notes and e-mails)."""
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def one_line(value: object) -> str:
    """The same as :func:`clean` (kept for readability where one line is the point)."""
    return clean(value)


def straight_quotes(text: str) -> str:
    """Curly quotes made straight (for comparing and matching)."""
    return str(text).translate(_QUOTES)


def fold(text: object) -> str:
    """Text for comparing: accents removed, case folded, quotes straightened, spaces collapsed.

    >>> fold("Zoë  Kowalczyk") == fold("zoe kowalczyk")
    True
    """
    value = straight_quotes(clean(text))
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def words(text: object) -> list[str]:
    """The folded words of a text (letters and digits; an inner apostrophe kept: "don't")."""
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", fold(text))


def same_text(a: object, b: object) -> bool:
    """True when two texts say the same words (case, accents, punctuation and spaces ignored)."""
    return words(a) == words(b)


def shorten(text: str, limit: int = 70) -> str:
    """Text cut to ``limit`` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# Spreadsheet formulas
# ---------------------------------------------------------------------------------------
def starts_formula(value: object) -> bool:
    """True when a spreadsheet would run this cell as a formula."""
    return str(value).startswith(FORMULA_START)


def escape_cell(value: object) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe (header cells too).

    Reversible: ``unescape_cell(escape_cell(x)) == x`` for every text.

    >>> escape_cell("'=x")
    "''=x"
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) or _ESCAPED.match(text):
        return "'" + text
    return text


def unescape_cell(value: object) -> str:
    """Undo :func:`escape_cell`."""
    text = "" if value is None else str(value)
    return text[1:] if _ESCAPED.match(text) else text


# ---------------------------------------------------------------------------------------
# Checking a field
# ---------------------------------------------------------------------------------------
def check(field: str, value: object, *, label: str, limit: int = 300, required: bool = True,
          example: str = "", allow_formula: bool = False, allow_markup: bool = False,
          allow_placeholder: bool = False) -> list[Problem]:
    """Problems every text field shares: empty, too long, web-page code, formula start, placeholder.

    ``label`` names the field in a sentence ("The question"); ``example`` is shown when it is empty.

    >>> [p.code for p in check("topic", "=SUM(A1)", label="The topic")]
    ['formula']
    >>> [p.code for p in check("text", "x" * 301, label="The question")]
    ['too_long']
    """
    text = clean(value)
    if not text:
        if not required:
            return []
        fix = f"Write it in the box, for example: {example}" if example else "Write it in the box"
        return [Problem(field, "", f"{label} is empty", fix, "empty")]
    found: list[Problem] = []
    if len(text) > limit:
        found.append(Problem(field, text, f"is {len(text)} characters long",
                             f"Shorten it to {limit} characters or fewer", "too_long"))
    if not allow_markup:
        tag = _TAG.search(text)
        if tag:
            found.append(Problem(field, text, f"contains web-page code ({shorten(tag.group(0), 30)})",
                                 "Write plain words, without < > tags", "markup"))
    if not allow_formula and text.startswith(FORMULA_START):
        found.append(Problem(field, text, f"starts with “{text[0]}”, which a spreadsheet would run as a "
                                          "formula when you export your work",
                             "Start with a word instead", "formula"))
    if not allow_placeholder:
        holder = _PLACEHOLDER.search(text)
        if holder:
            found.append(Problem(field, text, f"still has the placeholder {holder.group(0)}",
                                 "Replace the words in [square brackets] with your own", "placeholder"))
    return found


def has_phrase(text: str, phrases: Iterable[str]) -> str:
    """The first phrase (whole words, folded) found in ``text``, or ""."""
    hay = " " + " ".join(words(text)) + " "
    for phrase in phrases:
        needle = " " + " ".join(words(phrase)) + " "
        if needle.strip() and needle in hay:
            return phrase
    return ""
