"""Reading a log file into text cells, exactly as written, and checking its header.

Reading is forgiving about the file's shape (byte-order mark, CRLF line ends, ``;`` as
separator, header names matched loosely, extra columns kept in place) and honest about it:
a file that cannot be read at all raises :class:`LogFileError` naming the cause and the fix;
a header with a column named twice or a cell left empty is read, and each such cell becomes
a :class:`~helpers.core.Problem` on row 1 (the column named twice is left out of what is
read, so nothing, a share included, ever carries it).

>>> frame, sep, problems = read(b"date,contact,organisation,status,contact\\n2026-03-02,Ana,Acme,held,Bo\\n")
>>> list(frame.columns), [p.code for p in problems]
(['date', 'contact', 'organisation', 'status'], ['duplicate_column'])
"""
from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core import Problem, text

COLUMNS: list[str] = [
    "date", "contact", "organisation", "status", "role", "sector", "kind", "channel",
    "referred_by", "referrals", "may_use_name", "contact_details", "thank_you_sent",
    "follow_up_on", "followed_up", "feedback", "insights", "notes",
]
REQUIRED: list[str] = ["date", "contact", "organisation", "status"]
#: What each column holds, in the words a learner reads in messages.
DESCRIPTIONS: dict[str, str] = {
    "date": "date of the interview, the planned date, or the day you sent the request (YYYY-MM-DD)",
    "contact": "the person's name",
    "organisation": "where they work",
    "status": "requested, scheduled, held or cancelled",
    "role": "their job",
    "sector": "their field",
    "kind": "practice (family, friends, classmates) or real; empty means real",
    "channel": "email, phone, video or in person",
    "referred_by": "the contact in this log who referred you; empty if none",
    "referrals": "how many new names this interview gave you (0 or more)",
    "may_use_name": "yes/no: may you mention this person to the people they named",
    "contact_details": "yes/no: did you get the referred people's contact details",
    "thank_you_sent": "date the thank-you e-mail went out",
    "follow_up_on": "the check-in date you agreed (7-10 days after the interview)",
    "followed_up": "date you actually checked in",
    "feedback": "candid feedback on your competitiveness as a candidate",
    "insights": "what you learned that you can reuse, in general terms",
    "notes": "anything else",
}

_ALIASES = {"organization": "organisation", "org": "organisation", "name": "contact",
            "followup_on": "follow_up_on", "follow_up": "follow_up_on",
            "thankyou_sent": "thank_you_sent", "referredby": "referred_by"}
#: A cell our own escaping (helpers.core.text.escape_cell) wrote: apostrophes, then a formula start.
_ESCAPED = re.compile("^'+[" + re.escape("".join(text.FORMULA_START)) + "]")


class LogFileError(Exception):
    """The file cannot be read as a log at all. The message names the cause and the fix."""


def normalise_header(name: str) -> str:
    """Match header names loosely: case, spaces, hyphens and a few aliases.

    >>> normalise_header(" Follow up on ")
    'follow_up_on'
    >>> normalise_header("Organization")
    'organisation'
    """
    key = re.sub(r"[\s\-]+", "_", str(name).strip().lower())
    key = re.sub(r"_+", "_", key).strip("_")
    return _ALIASES.get(key, key)


def _sniff_sep(head: str) -> str:
    first = head.splitlines()[0] if head else ""
    return ";" if first.count(";") > first.count(",") else ","


def _utf16(data: bytes) -> bool:
    """A UTF-16 file: its byte-order mark, or a zero byte beside every other byte."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:512]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.8 * len(even) or odd.count(0) > 0.8 * len(odd)


def _decode_check(data: bytes, name: str) -> None:
    if _utf16(data):
        raise LogFileError(
            f"{name} is saved as UTF-16 text, which this lesson cannot read. Save it as UTF-8: in your "
            f"spreadsheet use Save As > 'CSV UTF-8 (comma delimited)', or in a text editor choose the "
            f"UTF-8 encoding when you save."
        )
    if b"\x00" in data[: 1 << 16]:
        raise LogFileError(
            f"{name} is not a text file (it holds binary data; perhaps a spreadsheet saved as "
            f".xlsx and renamed). In your spreadsheet use Save As > 'CSV UTF-8' and try again."
        )


def _not_utf8(data: bytes) -> bool:
    if data.isascii():  # plain ASCII is UTF-8; checking it makes no copy
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _parser_message(exc: Exception) -> str:
    msg = str(exc).strip()
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
    if m:
        expected, line, saw = m.groups()
        return (f"line {line} has {saw} cells but the header has {expected}. A value that holds "
                f"the separator must be wrapped in double quotes, or delete the extra cells.")
    if "EOF" in msg:
        return ("a double quote is opened and never closed. Every value that starts with \" must "
                "end with \"; write a quote inside a value as two quotes (\"\").")
    return msg.splitlines()[-1] if msg else "unknown parser error"


def _bytes_of(source: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "the log"
    path = Path(source)
    name = name or str(path)
    if not path.exists():
        raise LogFileError(f"{name} does not exist. Check the file name and folder.")
    if path.is_dir():
        raise LogFileError(f"{name} is a folder, not a CSV file. Give the path of the .csv file.")
    try:
        return path.read_bytes(), name
    except OSError as exc:
        raise LogFileError(f"{name} could not be opened ({exc.strerror}).") from None


def _header_cells(data: bytes, sep: str) -> list[str]:
    """The header row's cells exactly as written (pandas would rename 'contact' to 'contact.1')."""
    import csv

    head = data[: 1 << 16].decode("utf-8-sig", errors="replace")
    row = next(csv.reader(io.StringIO(head), delimiter=sep), [])
    return [str(c) for c in row]


def read(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, str, list[Problem]]:
    """Read a log into strings. Returns ``(frame, separator, header problems)``.

    The frame's index is the spreadsheet row number (header = row 1); schema columns are
    renamed to their schema names; other columns keep their header text. Raises
    :class:`LogFileError` when the file cannot be read at all.
    """
    data, name = _bytes_of(source, name)
    if not data or data.isspace():  # nothing but spaces and line ends (no copy of a big file)
        raise LogFileError(f"{name} is empty. A log needs at least its header line, for example: "
                           + ",".join(COLUMNS[:4]))
    _decode_check(data, name)
    try:
        head = data[:4096].decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError:
        head = None
    if head is None or _not_utf8(data):
        raise LogFileError(f"{name} is not UTF-8 text. In your spreadsheet use Save As > 'CSV UTF-8 "
                           f"(comma delimited)', or in a text editor save it with UTF-8 encoding.")
    sep = _sniff_sep(head.lstrip("\ufeff"))
    try:
        with warnings.catch_warnings():
            # More cells than header names would silently become an index: make it an error.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                                encoding="utf-8-sig", skip_blank_lines=False, engine="c", index_col=False)
    except pd.errors.ParserWarning:
        raise LogFileError(f"{name}: line 2 has more cells than the header has column names. A value that "
                           f"holds the separator must be wrapped in double quotes, or delete the extra "
                           f"cells.") from None
    except pd.errors.ParserError as exc:
        raise LogFileError(f"{name} is not a well-formed CSV file: {_parser_message(exc)}") from None
    except pd.errors.EmptyDataError:
        raise LogFileError(f"{name} has no header line. The first line must name the columns.") from None
    cells = _header_cells(data, sep)
    if len(cells) != frame.shape[1]:  # a header longer than 64 KB, or quoting csv reads otherwise
        cells = [str(c) for c in frame.columns]
    # With na_filter off the parser writes "" for missing cells; a cell can only be missing
    # (NaN) at the end of a short row, so the last column shows whether any is.
    if frame.shape[1] and frame.iloc[:, -1].isna().any():
        frame = frame.fillna("")
    frame, problems = _header(frame, cells, name)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:8])) or "nothing"
        raise LogFileError(
            f"{name} has no {' and no '.join(repr(m) for m in missing)} column (the header has: "
            f"{found}). Add the missing column(s) to the first line; a log needs {', '.join(REQUIRED)}.")
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    frame = _drop_blank_lines(frame)
    if b"'" in data and any(m in data for m in (b"'=", b"'+", b"'-", b"'@", b"'\t", b"'\r")):
        frame = _unescape(frame)
    return frame, sep, problems


def _header(frame: pd.DataFrame, cells: list[str], name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Name the columns; a column named twice (or meaning the same as another) and an empty
    header cell are problems on row 1. A column named twice is left out."""
    problems: list[Problem] = []
    names: list[str] = []
    keep: list[int] = []
    seen: dict[str, tuple[int, str]] = {}
    for at, original in enumerate(cells):
        original = text.unescape_cell(original)
        letter = _column_letter(at)
        if not original.strip():
            filled = bool(len(frame)) and bool((frame.iloc[:, at].astype(str).str.strip() != "").any())
            problems.append(Problem(
                f"column {letter}", "", "has no name in the header (row 1)" + (
                    ", but its cells hold something" if filled else ""),
                f"Type a column name in cell {letter}1, or delete column {letter} if it is not needed",
                "empty_header", row=1))
            names.append(f"(column {letter})")
            keep.append(at)
            continue
        key = normalise_header(original)
        canon = key if key in COLUMNS else original
        if canon in seen:
            first_at, first_text = seen[canon]
            same = "is named twice" if first_text == original else f"means the same as '{first_text}'"
            problems.append(Problem(
                canon, original, f"{same} in the header (columns {_column_letter(first_at)} and {letter}); "
                                 f"column {letter} is left out until you fix it",
                f"Delete column {letter}, or rename it if it holds something else (then the log reads it "
                f"again)", "duplicate_column", row=1))
            continue
        seen[canon] = (at, original)
        names.append(canon)
        keep.append(at)
    if len(keep) != frame.shape[1]:
        frame = frame.iloc[:, keep]
    frame.columns = names
    return frame, problems


def _column_letter(at: int) -> str:
    """A spreadsheet's column letter: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    at += 1
    while at:
        at, rest = divmod(at - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _drop_blank_lines(frame: pd.DataFrame) -> pd.DataFrame:
    """A blank line is not an interview: it is left out (its row number is not reused)."""
    if not len(frame):
        return frame
    blank = np.ones(len(frame), dtype=bool)
    for col in frame.columns:
        blank &= (frame[col].to_numpy() == "")
        if not blank.any():
            return frame
    return frame[~blank] if blank.any() else frame


_STARTSWITH = np.frompyfunc(str.startswith, 2, 1)
_STARTS_FORMULA = np.frompyfunc(lambda v: v.startswith(text.FORMULA_START), 1, 1)


def _starts_with_quote(s: pd.Series) -> np.ndarray:
    """Which cells begin with an apostrophe (every cell, when some are not text)."""
    try:
        return _STARTSWITH(s.to_numpy(), "'").astype(bool)
    except TypeError:
        return np.ones(len(s), dtype=bool)


def _unescape(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo our own formula escaping (:func:`helpers.core.text.escape_cell`), column by column."""
    for col in frame.columns:
        s = frame[col]
        quoted = _starts_with_quote(s)  # only those can be escaped: look closer at them alone
        if not quoted.any():
            continue
        candidates = s[quoted]
        hit = candidates.str.match(_ESCAPED.pattern)
        if hit.any():
            fixed = s.copy()
            fixed.loc[candidates.index[hit.to_numpy(dtype=bool)]] = candidates[hit].str.slice(1)
            frame[col] = fixed
    return frame


def encode(raw: pd.DataFrame, sep: str = ",") -> bytes:
    """A raw frame as CSV bytes: every row and column kept, formulas escaped (header cells too),
    UTF-8 with a byte-order mark (so spreadsheets on Windows show accented names)."""
    import csv

    columns = []
    for col in raw.columns:
        values = raw[col].to_numpy(dtype=object).copy()
        if len(values):
            texts = _AS_TEXT(values)
            risky = _STARTS_FORMULA(texts).astype(bool)
            quoted = _STARTSWITH(texts, "'").astype(bool)
            if quoted.any():  # an apostrophe before a formula sign is escaped again, so it reads back
                risky[quoted] = [bool(_ESCAPED.match(v)) for v in texts[quoted]]
            if risky.any():
                texts[risky] = ["'" + v for v in texts[risky]]
            values = texts
        columns.append(values)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow([text.escape_cell(c) for c in raw.columns])
    writer.writerows(zip(*columns))
    return out.getvalue().encode("utf-8")


_AS_TEXT = np.frompyfunc(lambda v: v if isinstance(v, str) else ("" if v is None else str(v)), 1, 1)
