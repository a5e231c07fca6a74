"""Lesson content that instructors edit: TOML files under ``data/content/``.

Quiz items, the question bank, e-mail templates, prompts and exercise prompts live in
files, not in code, so an instructor can adapt a lesson without touching Python. TOML is
plain text, allows ``#`` comments and is read by the standard library (Python 3.11+).

The environment variable ``INTERVIEW_CONTENT`` points the lessons at another content
folder (an instructor's adapted copy).

A file with a mistake raises :class:`ContentError`, whose message names the file, the
line or entry, and the fix.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .workspace import DATA_DIR

ENV_VAR = "INTERVIEW_CONTENT"


class ContentError(ValueError):
    """A content file is missing or has a mistake; the message says where and how to fix it."""


def folder() -> Path:
    """The content folder in use."""
    override = os.environ.get(ENV_VAR, "").strip()
    return Path(override).expanduser() if override else DATA_DIR / "content"


def file_path(name: str) -> Path:
    """Path of a content file by its short name (``"quiz"`` -> ``data/content/quiz.toml``)."""
    if not re.fullmatch(r"[a-z0-9_\-]+", name):
        raise ValueError(f"content names are plain words: {name!r}")
    return folder() / f"{name}.toml"


def load(name: str) -> dict[str, Any]:
    """Read a content file. Raises :class:`ContentError` with the file, line and fix.

    >>> load("no-such-file")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.content.ContentError: ...no-such-file.toml: the content file is missing. ...
    """
    path = file_path(name)
    if not path.exists():
        raise ContentError(f"{path}: the content file is missing. Restore it from the repository "
                           f"(git checkout -- {path.name}) or copy it from a fresh download.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{path}: is not UTF-8 text. Save it from your editor as UTF-8.") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"line {m.group(1)}" if m else "somewhere in the file"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ContentError(
            f"{path}, {where}: {reason}. Check quotes (text goes in \"double quotes\", long text in "
            f"\"\"\"triple quotes\"\"\"), the '=' between name and value, and [[section]] brackets."
        ) from None


def _finder(find: "Callable[[dict[str, Any]], list[str]] | Any", name: str,
            extra: Callable[[dict[str, Any]], list[str]] | None = None) -> Callable[[dict[str, Any]], list[str]]:
    """``find`` may be a function or a :class:`helpers.core.schema.Table` (the file's schema)."""
    from .core import schema as _schema

    if isinstance(find, _schema.Table):
        return lambda data: _schema.validate(data, find, f"{name}.toml", extra)
    return find


def problems(name: str, find: "Callable[[dict[str, Any]], list[str]] | Any",
             extra: Callable[[dict[str, Any]], list[str]] | None = None) -> list[str]:
    """Every mistake in a content file: the read error, or what ``find`` reports on its data.

    ``find`` is the file's schema (:class:`helpers.core.schema.Table`, with ``extra`` for checks
    across fields) or a function. [] means the file is fine.
    """
    try:
        data = load(name)
    except ContentError as exc:
        return [str(exc)]
    return _finder(find, name, extra)(data)


def checked_with(name: str, schema: Any, extra: Callable[[dict[str, Any]], list[str]] | None = None) -> dict[str, Any]:
    """A content file's data checked against its schema, or :class:`ContentError` listing every mistake."""
    data = load(name)
    mistakes = _finder(schema, name, extra)(data)
    if mistakes:
        raise ContentError("\n".join(mistakes))
    return data


def checked(name: str, find: Callable[[dict[str, Any]], list[str]]) -> dict[str, Any]:
    """A content file's data, or :class:`ContentError` listing every mistake ``find`` reports."""
    data = load(name)
    mistakes = find(data)
    if mistakes:
        raise ContentError("\n".join(mistakes))
    return data


def require(entry: dict[str, Any], keys: Iterable[str], where: str, kinds: dict[str, type] | None = None) -> None:
    """Check that a content entry has each key (non-empty), of the right type. (The activities
    declare a schema instead, :mod:`helpers.core.schema`; this stays for the foundation tests.)

    ``where`` names the file and entry in the message, e.g. ``"quiz.toml, question 3"``.
    """
    for key in keys:
        if key not in entry or entry[key] in ("", [], None):
            raise ContentError(f"{where}: the field '{key}' is missing or empty. Add a line "
                               f"{key} = ... to that entry.")
        if kinds and key in kinds and not isinstance(entry[key], kinds[key]):
            want = {str: "text in quotes", list: "a list in [ ]", int: "a whole number",
                    bool: "true or false", dict: "a table"}.get(kinds[key], kinds[key].__name__)
            raise ContentError(f"{where}: the field '{key}' should be {want}.")
