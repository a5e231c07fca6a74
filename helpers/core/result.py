"""One result for every action a learner takes: save, change, delete.

Every activity returns a :class:`Result`; every form shows it through one method
(``Form.show_result``); every test asserts on its problem ``code``\\ s.

>>> r = Result.refused([Problem("text", "", "is empty", "Write a question in the box", "empty")])
>>> r.saved, r.changed, r.codes
(False, False, ['empty'])
>>> print(r.message)
Not saved: text: is empty. Write a question in the box.
>>> Result.done({"id": 1}, "Saved as question 1.").ok
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable


def _shorten(value: str, limit: int = 60) -> str:
    text = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + text + '"'


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith((".", "!", "?", "”", '"')) else text + "."


@dataclass(frozen=True)
class Problem:
    """One thing that blocks an action, said so that a learner can fix it.

    ``field`` is the form field (or log column) it belongs to, ``value`` the text as typed,
    ``what`` what is wrong, ``fix`` how to fix it, ``code`` a stable short name that tests
    and instructors rely on, and ``row`` the spreadsheet row (header = 1) for a log, else None.
    """

    field: str
    value: str
    what: str
    fix: str
    code: str = ""
    row: int | None = None

    @property
    def column(self) -> str:
        """The same as ``field`` (a log speaks of columns)."""
        return self.field

    def __str__(self) -> str:
        where = f"row {self.row}, {self.field}" if self.row is not None else self.field
        value = f" {_shorten(str(self.value))}" if self.value not in ("", None) else ""
        return f"{where}:{value} {self.what}. {_sentence(self.fix)}".strip()

    def sentence(self) -> str:
        """The problem as a learner reads it beside its field (the field itself is not named)."""
        value = str(self.value or "")
        if not value:
            # "is empty" is said of the field; "The question is empty" is a sentence already.
            what = self.what if self.what[:1].isupper() else f"This field {self.what}"
            return f"{what}. {_sentence(self.fix)}".strip()
        shown = f"“{value}” " if len(value) <= 60 and "\n" not in value else "This field "
        return f"{shown}{self.what}. {_sentence(self.fix)}".strip()


@dataclass(frozen=True)
class Advice:
    """Advice that does not block: ``scope`` is "item" (this entry) or "set" (all of them)."""

    code: str
    message: str
    scope: str = "item"

    def __str__(self) -> str:
        return self.message


@dataclass
class Result:
    """What happened when a learner saved, changed or deleted something.

    ``saved``: the action went through (the file holds what was asked, whether or not it
    had to change); ``changed``: the file on disk was written; ``problems`` block (each with a
    ``code``); ``advice`` does not; ``item`` is the entry as read back from disk (or the
    entry that was deleted); ``message`` is one plain sentence (or a few) for the learner.
    """

    saved: bool
    changed: bool
    message: str
    problems: list[Problem] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    item: Any = None

    @property
    def ok(self) -> bool:
        """True when the action went through with no problem."""
        return self.saved and not self.problems

    @property
    def codes(self) -> list[str]:
        """The problems' codes, in order (what tests assert on)."""
        return [p.code for p in self.problems]

    @property
    def advice_codes(self) -> list[str]:
        return [a.code for a in self.advice]

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return self.message

    # -- constructors ---------------------------------------------------------------------
    @classmethod
    def done(cls, item: Any, message: str, *, changed: bool = True,
             advice: Iterable[Advice] = ()) -> "Result":
        """The action went through; ``item`` is what was read back."""
        return cls(True, changed, message, [], list(advice), item)

    @classmethod
    def unchanged(cls, item: Any, message: str, *, advice: Iterable[Advice] = ()) -> "Result":
        """Nothing needed doing: the file already says this (e.g. the same entry saved twice)."""
        return cls(True, False, message, [], list(advice), item)

    @classmethod
    def refused(cls, problems: Iterable[Problem], *, message: str | None = None,
                advice: Iterable[Advice] = (), item: Any = None, verb: str = "saved") -> "Result":
        """Nothing was written because of ``problems``."""
        problems = list(problems)
        if message is None:
            message = f"Not {verb}: " + render_problems(problems, sep=" ")
        return cls(False, False, message, problems, list(advice), item)


def render_problems(problems: Iterable[Problem], sep: str = "\n") -> str:
    """The one way problems are said in plain text (a notebook, a terminal, a message line).

    >>> print(render_problems([Problem("date", "2026-13-01", "is not a date that exists", "Check the month", "bad_date", row=3)]))
    row 3, date: "2026-13-01" is not a date that exists. Check the month.
    """
    return sep.join(str(p) for p in problems)
