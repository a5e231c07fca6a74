"""The practice-interview log: its schema, reading, validation and writing.

A log is a CSV file, one row an interview (planned or held). Reading is forgiving about
the file's shape (byte-order mark, CRLF line ends, ``;`` as separator, header names
matched loosely, extra columns kept in place) and honest about its content: every row is
kept and every problem is reported with the row number a spreadsheet shows (header = 1),
the column, the value, what is wrong and how to fix it.

Validation is vectorised (pandas operations over whole columns), so a pooled course log
of a million rows is checked in about the time it takes to read it.

>>> from helpers import log
>>> entry = {"date": "2026-03-02", "contact": "Ana", "organisation": "Acme", "status": "held"}
>>> log.check_entry(entry)
[]
>>> [p.column for p in log.check_entry({**entry, "status": "done"})]
['status']
"""
from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from . import workspace

# ---------------------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------------------
COLUMNS: list[str] = [
    "date", "contact", "organisation", "status", "role", "sector", "kind", "channel",
    "referred_by", "referrals", "may_use_name", "contact_details", "thank_you_sent",
    "follow_up_on", "followed_up", "feedback", "insights", "notes",
]
REQUIRED: list[str] = ["date", "contact", "organisation", "status"]
DATE_COLUMNS: list[str] = ["date", "thank_you_sent", "follow_up_on", "followed_up"]
YES_NO_COLUMNS: list[str] = ["may_use_name", "contact_details"]
STATUSES: list[str] = ["requested", "scheduled", "held", "cancelled"]
KINDS: list[str] = ["practice", "real"]
CHANNELS: list[str] = ["email", "phone", "video", "in person"]
TEXT_COLUMNS: list[str] = ["contact", "organisation", "role", "sector", "referred_by",
                           "feedback", "insights", "notes"]

DESCRIPTIONS: dict[str, str] = {
    "date": "date of the interview, or the planned date (YYYY-MM-DD)",
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

#: Longest text a form may save into each column (the file itself may hold longer text).
ENTRY_LIMITS: dict[str, int] = {
    "contact": 100, "organisation": 120, "role": 120, "sector": 80, "referred_by": 100,
    "feedback": 2000, "insights": 2000, "notes": 2000,
}

_ALIASES = {"organization": "organisation", "org": "organisation", "name": "contact",
            "followup_on": "follow_up_on", "follow_up": "follow_up_on",
            "thankyou_sent": "thank_you_sent", "referredby": "referred_by"}
_CHOICE_SYNONYMS = {
    "channel": {"e-mail": "email", "in-person": "in person", "inperson": "in person",
                "in_person": "in person", "zoom": "video", "video call": "video",
                "call": "phone", "telephone": "phone", "face to face": "in person"},
    "status": {"canceled": "cancelled", "planned": "scheduled", "done": None},
    "yes_no": {"y": "yes", "n": "no", "true": "yes", "false": "no", "1": "yes", "0": "no"},
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EXTRA_DATE_FORMATS = ["%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
                       "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y", "%Y%m%d"]
EXAMPLE_DATE = "2026-03-14"
MAX_REFERRALS = 1000  # beyond this a number is a typing slip (and would not fit a whole-number column)


class LogFileError(Exception):
    """The file cannot be read as a log at all. The message names the cause and the fix."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a log or an entry, said so that a learner can fix it."""

    row: int | None  # row number as a spreadsheet shows it (header = 1); None for a form entry
    column: str      # the column (or form field) it is in
    value: str       # the value as written
    what: str        # what is wrong
    fix: str         # how to fix it

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.row is not None else self.column
        shown = _shorten(self.value)
        value = f" {shown}" if self.value != "" else ""
        fix = self.fix if self.fix.endswith((".", "!", "?")) else self.fix + "."
        return f"{where}:{value} {self.what}. {fix}"


def _shorten(value: str, limit: int = 60) -> str:
    text = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + text + '"'


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


# ---------------------------------------------------------------------------------------
# Spreadsheet formula escaping (reversible)
# ---------------------------------------------------------------------------------------
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def escape_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe.

    Reversible: ``unescape_formula(escape_formula(x)) == x`` for every text.

    >>> escape_formula("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> unescape_formula(escape_formula("'=x"))
    "'=x"
    """
    if value.startswith(_FORMULA_START) or _ESCAPED.match(value):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    if _ESCAPED.match(value):
        return value[1:]
    return value


def _escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        s = out[col].astype(str)
        risky = s.str.match(r"^(?:'*[=+\-@\t\r])")
        if risky.any():
            s = s.where(~risky, "'" + s)
        out[col] = s
    return out


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------
@dataclass
class Log:
    """A log as read: the file's own cells, the typed data and the problems found."""

    raw: pd.DataFrame        # strings as in the file; schema columns renamed; index = spreadsheet row
    data: pd.DataFrame       # every schema column, typed (dates, numbers, yes/no); same index
    problems: list[Problem] = field(default_factory=list)
    source: str = ""         # where it came from (file name), for messages
    sep: str = ","           # the separator the file used; writing keeps it

    @property
    def ok(self) -> bool:
        return not self.problems


def _sniff_sep(head: str) -> str:
    first = head.splitlines()[0] if head else ""
    return ";" if first.count(";") > first.count(",") else ","


def _decode_check(data: bytes, name: str) -> None:
    if b"\x00" in data[: 1 << 16]:
        raise LogFileError(
            f"{name} is not a text file (it holds binary data; perhaps a spreadsheet saved as "
            f".xlsx and renamed). In your spreadsheet use Save As > 'CSV UTF-8' and try again."
        )


def read_raw(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, str]:
    """Read a log file into strings, exactly as written. Raises :class:`LogFileError`.

    Returns the frame (index = spreadsheet row number, header = row 1) and the separator.
    """
    if isinstance(source, bytes):
        data, name = source, name or "the log"
    else:
        path = Path(source)
        name = name or str(path)
        if not path.exists():
            raise LogFileError(f"{name} does not exist. Check the file name and folder.")
        if path.is_dir():
            raise LogFileError(f"{name} is a folder, not a CSV file. Give the path of the .csv file.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LogFileError(f"{name} could not be opened ({exc.strerror}).") from None
    if not data or data.isspace():  # nothing but spaces and line ends (no copy of a big file)
        raise LogFileError(
            f"{name} is empty. A log needs at least its header line, for example: "
            + ",".join(COLUMNS[:4])
        )
    _decode_check(data, name)
    try:
        head = data[:4096].decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError:
        head = None
    if head is None or _not_utf8(data):
        raise LogFileError(
            f"{name} is not UTF-8 text. In your spreadsheet use Save As > 'CSV UTF-8 "
            f"(comma delimited)', or in a text editor save it with UTF-8 encoding."
        )
    sep = _sniff_sep(head.lstrip("\ufeff"))
    try:
        with warnings.catch_warnings():
            # More cells than header names would silently become an index: make it an error.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                encoding="utf-8-sig", skip_blank_lines=False, engine="c", index_col=False,
            )
    except pd.errors.ParserWarning:
        raise LogFileError(
            f"{name}: line 2 has more cells than the header has column names. A value that holds "
            f"the separator must be wrapped in double quotes, or delete the extra cells."
        ) from None
    except pd.errors.ParserError as exc:
        raise LogFileError(f"{name} is not a well-formed CSV file: {_parser_message(exc)}") from None
    except pd.errors.EmptyDataError:
        raise LogFileError(f"{name} has no header line. The first line must name the columns.") from None
    # With na_filter off the parser writes "" for missing cells; a cell can only be missing
    # (NaN) at the end of a short row, so the last column shows whether any is.
    if frame.shape[1] and frame.iloc[:, -1].isna().any():
        frame = frame.fillna("")
    # Header: match loosely, refuse two columns that mean the same thing.
    renamed: list[str] = []
    seen: dict[str, str] = {}
    for original in frame.columns:
        original = str(original)
        key = normalise_header(original)
        canon = key if key in COLUMNS else original
        if canon in seen:
            raise LogFileError(
                f"{name} has two columns that both mean '{canon}' ('{seen[canon]}' and "
                f"'{original}'). Delete or rename one of them."
            )
        seen[canon] = original
        renamed.append(canon)
    frame.columns = renamed
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:8])) or "nothing"
        raise LogFileError(
            f"{name} has no {' and no '.join(repr(m) for m in missing)} column (the header has: "
            f"{found}). Add the missing column(s) to the first line; a log needs "
            f"{', '.join(REQUIRED)}."
        )
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    # A blank line is not an interview: it is left out (its row number is not reused).
    if len(frame):
        blank = np.ones(len(frame), dtype=bool)
        for col in frame.columns:
            blank &= (frame[col].to_numpy() == "")
            if not blank.any():
                break
        if blank.any():
            frame = frame[~blank]
    # Undo our own formula escaping (cheap test first: most logs have none).
    if b"'" in data and any(m in data for m in (b"'=", b"'+", b"'-", b"'@", b"'\t", b"'\r")):
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
    return frame, sep


_STARTSWITH = np.frompyfunc(str.startswith, 2, 1)


def _starts_with_quote(s: pd.Series) -> np.ndarray:
    """Which cells begin with an apostrophe (every cell, when some are not text)."""
    try:
        return _STARTSWITH(s.to_numpy(), "'").astype(bool)
    except TypeError:
        return np.ones(len(s), dtype=bool)


def _not_utf8(data: bytes) -> bool:
    if data.isascii():  # plain ASCII is UTF-8; checking it makes no copy
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _parser_message(exc: Exception) -> str:
    text = str(exc).strip()
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if m:
        expected, line, saw = m.groups()
        return (f"line {line} has {saw} cells but the header has {expected}. A value that holds "
                f"the separator must be wrapped in double quotes, or delete the extra cells.")
    if "EOF" in text:
        return ("a double quote is opened and never closed. Every value that starts with \" must "
                "end with \"; write a quote inside a value as two quotes (\"\").")
    return text.splitlines()[-1] if text else "unknown parser error"


def load(source: str | Path | bytes, name: str | None = None) -> Log:
    """Read and validate a log. Raises :class:`LogFileError` only when it cannot be read at all."""
    raw, sep = read_raw(source, name)
    label = name or (Path(source).name if not isinstance(source, bytes) else "the log")
    data, problems = analyse(raw)
    return Log(raw=raw, data=data, problems=problems, source=label, sep=sep)


def load_many(sources: Iterable[str | Path]) -> Log:
    """Read several logs as one (a ``source`` column says which file each row came from)."""
    sources = list(sources)
    names = [Path(s).name for s in sources]
    # Label each file by its name, or by its path as given when two files share a name
    # (a/interview_log.csv and b/interview_log.csv), so their rows are never mixed up.
    labels = [str(s) if names.count(n) > 1 else n for s, n in zip(sources, names)]
    logs = [load(s, name=label) for s, label in zip(sources, labels)]
    for lg, label in zip(logs, labels):
        lg.source = label
    if not logs:
        raise LogFileError("No log files were given.")
    if len(logs) == 1:
        one = logs[0]
        one.data["source"] = one.source  # its own new frame: no need to copy it
        return one
    data = pd.concat([lg.data.assign(source=lg.source) for lg in logs])
    raw = pd.concat([lg.raw.assign(source=lg.source) for lg in logs])
    problems = [Problem(p.row, f"{lg.source}: {p.column}" if p.row is None else p.column,
                        p.value, p.what, f"{p.fix} (in {lg.source})") for lg in logs
                for p in lg.problems]
    return Log(raw=raw, data=data, problems=problems, source=", ".join(lg.source for lg in logs))


def empty() -> Log:
    """A log with no rows (the header only)."""
    raw = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})
    raw.index = pd.RangeIndex(2, 2, name="row")
    data, problems = analyse(raw)
    return Log(raw=raw, data=data, problems=problems, source="empty log")


# ---------------------------------------------------------------------------------------
# Validation and typing, vectorised
# ---------------------------------------------------------------------------------------
def _column(raw: pd.DataFrame, col: str, copy: bool = True) -> pd.Series:
    """A column as text (all "" when absent). ``copy=False`` for a column that is only read."""
    if col in raw.columns:
        s = raw[col]
        return s.astype(object) if copy or s.dtype != object else s
    return pd.Series("", index=raw.index, dtype=object)


_STRIP = np.frompyfunc(str.strip, 1, 1)


def _strip(s: pd.Series) -> pd.Series:
    """``s.str.strip()``, always a new Series (numpy calls ``str.strip`` directly: about twice as fast)."""
    if not len(s):
        return s.copy()
    values = s.to_numpy()
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return pd.Series(_STRIP(values), index=s.index, name=s.name, dtype=object)
    return s.str.strip()


def _is(s: pd.Series, text: str) -> pd.Series:
    """``s == text`` for a column of text, compared by numpy (faster than pandas on text)."""
    return pd.Series(s.to_numpy() == text, index=s.index, dtype=bool)


def _blank(s: pd.Series, candidates: pd.Series | np.ndarray) -> pd.Series:
    """Which cells are empty or only spaces, looking only at ``candidates`` (a mask of cells that may be)."""
    out = pd.Series(False, index=s.index)
    candidates = np.asarray(candidates, dtype=bool)
    if candidates.any():
        out[candidates] = (s[candidates].str.strip() == "").to_numpy()
    return out


def _parse_dates(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a date column. Returns (dates, bad) where bad marks non-empty unreadable cells."""
    values = s.to_numpy()
    filled = values != ""
    if filled.all():
        dates = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    else:  # parse only the cells that hold something (many date columns are mostly empty)
        parsed = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[ns]")
        if filled.any():
            parsed[filled] = pd.to_datetime(values[filled], format="%Y-%m-%d", errors="coerce").to_numpy()
        dates = pd.Series(parsed, index=s.index, name=s.name)
    missing = dates.isna().to_numpy()
    if not missing.any():
        return dates, pd.Series(False, index=s.index)
    todo = missing & filled
    if todo.any():
        sub = s[todo].str.strip().str.replace(r"\s+", " ", regex=True)
        found = pd.to_datetime(sub, format="%Y-%m-%d", errors="coerce")
        for fmt in _EXTRA_DATE_FORMATS:
            left = found.isna()
            if not left.any():
                break
            found = found.fillna(pd.to_datetime(sub[left].str.title() if "%b" in fmt or "%B" in fmt
                                                 else sub[left], format=fmt, errors="coerce"))
        dates = dates.copy()
        dates[found.index] = found
        bad = pd.Series(False, index=s.index)
        bad[found.index[found.isna().to_numpy()]] = True
        # Whitespace-only is "empty", not bad.
        blank = sub.str.strip() == ""
        bad[blank[blank].index] = False
        return dates, bad
    return dates, pd.Series(False, index=s.index)


def _date_problem(value: str) -> tuple[str, str]:
    text = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    fix = f"Write it as YYYY-MM-DD, for example {EXAMPLE_DATE}"
    if m:
        y, mo, d = map(int, m.groups())
        if not 1 <= mo <= 12:
            return f"is not a date that exists (there is no month {mo})", fix
        return f"is not a date that exists (month {mo} has no day {d})", fix
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}", text)
    if m:
        a, b = map(int, m.groups())
        if a > 12 and b > 12 or a > 31 or b > 31 or not (a and b):
            return "is not a date that exists", fix
        return ("could be read two ways (day/month or month/day)", fix)
    return "is not a date", fix


def _choice(s: pd.Series, allowed: list[str], synonyms: Mapping[str, str | None]) -> tuple[pd.Series, pd.Series]:
    """Normalise a choice column. Returns (values or '' , bad mask)."""
    ok = s.isin([*allowed, ""])
    out = s.copy()
    bad = pd.Series(False, index=s.index)
    if not ok.all():
        sub = s[~ok].str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
        mapped = sub.where(sub.isin(allowed) | (sub == ""), sub.map(lambda v: synonyms.get(v)))
        good = mapped.notna()
        out[~ok] = mapped.where(good, "")
        bad[mapped.index[~good.to_numpy()]] = True
    return out, bad


def analyse(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a raw log and build its typed form, in one pass over each column.

    Returns ``(data, problems)``. ``data`` has every schema column: dates as datetimes,
    ``referrals`` as a nullable integer, yes/no columns as nullable booleans, choices
    lower-cased, ``kind`` defaulting to ``real``; a cell with a problem becomes missing.
    """
    problems: list[tuple[int, int, Problem]] = []  # (row, column order, problem) for sorting
    order = {c: i for i, c in enumerate(COLUMNS)}
    data: dict[str, pd.Series] = {}

    def report(mask: pd.Series, col: str, what, fix) -> None:
        if not mask.any():
            return
        values = _column(raw, col)
        for row in mask[mask].index:
            value = str(values.at[row])
            w, f = (what(value) if callable(what) else (what, fix))
            problems.append((int(row), order.get(col, 99), Problem(int(row), col, value, w, f)))

    for col in ["contact", "organisation"]:
        s = _column(raw, col, copy=False)
        stripped = _strip(s)
        empty_ = _is(stripped, "")
        report(empty_, col, "is empty", f"Fill in {DESCRIPTIONS[col]}; it is required")
        data[col] = stripped

    for col in DATE_COLUMNS:
        s = _column(raw, col, copy=False)
        dates, bad = _parse_dates(s)
        if col == "date":
            empty_ = _blank(s, dates.isna())  # a date that was read is not empty
            report(empty_, col, "is empty",
                   f"Fill in the date of the interview (or the planned date) as YYYY-MM-DD, "
                   f"for example {EXAMPLE_DATE}; it is required")
        report(bad, col, _date_problem, None)
        data[col] = dates

    s = _column(raw, "status", copy=False)
    status, bad = _choice(s, STATUSES, _CHOICE_SYNONYMS["status"])
    report(_blank(s, ~s.isin(STATUSES)), "status", "is empty",
           "Fill in one of: " + ", ".join(STATUSES) + "; it is required")
    report(bad, "status", "is not a status", "Use one of: " + ", ".join(STATUSES))
    data["status"] = status

    s = _column(raw, "kind", copy=False)
    kind, bad = _choice(s, KINDS, {"family": "practice", "friend": "practice", "mock": "practice"})
    report(bad, "kind", "is not a kind of interview",
           "Use practice (family, friends, classmates) or real; leave it empty for real")
    values = kind.to_numpy()
    data["kind"] = pd.Series(np.where(values != "", values, "real"), index=kind.index, dtype=object)

    s = _column(raw, "channel", copy=False)
    channel, bad = _choice(s, CHANNELS, _CHOICE_SYNONYMS["channel"])
    report(bad, "channel", "is not a channel", "Use one of: " + ", ".join(CHANNELS) + ", or leave it empty")
    data["channel"] = channel

    for col in YES_NO_COLUMNS:
        s = _column(raw, col, copy=False)
        yn, bad = _choice(s, ["yes", "no"], _CHOICE_SYNONYMS["yes_no"])
        report(bad, col, "is not yes or no", "Write yes or no, or leave it empty if you do not know")
        values = yn.to_numpy()
        is_yes = values == "yes"
        data[col] = pd.Series(pd.arrays.BooleanArray(is_yes, ~(is_yes | (values == "no"))),
                              index=yn.index, name=yn.name)

    s = _column(raw, "referrals", copy=False)
    # Read each distinct text once (a long log repeats the same few numbers).
    codes, distinct = pd.factorize(s, use_na_sentinel=False)
    distinct = pd.Series(distinct, dtype=object)
    numbers = pd.to_numeric(distinct.where(distinct != "", None), errors="coerce").to_numpy()
    nums = pd.Series(numbers[codes] if len(s) else numbers[:0], index=s.index, name=s.name)
    filled = ~_is(s, "")
    not_number = filled & nums.isna()
    negative = filled & (nums < 0)
    fraction = filled & nums.notna() & (nums >= 0) & (nums != np.floor(nums.fillna(0)))
    report(not_number, "referrals", "is not a number",
           "Write how many new names you were given as a whole number (0, 1, 2 ...), or leave it empty")
    report(negative, "referrals", "is negative",
           "Write how many new names you were given: 0 or more")
    report(fraction, "referrals", "is not a whole number",
           "Write how many new names you were given as a whole number (0, 1, 2 ...)")
    too_big = filled & nums.notna() & (nums > MAX_REFERRALS) & ~fraction
    report(too_big, "referrals", "is far more names than one interview gives",
           f"Write how many new names this interview gave you (at most {MAX_REFERRALS})")
    good = ~(not_number | negative | fraction | too_big)
    data["referrals"] = nums.where(good & filled).astype("Int64")

    for col in ["role", "sector", "referred_by"]:
        data[col] = _strip(_column(raw, col, copy=False))
    for col in ["feedback", "insights", "notes"]:
        data[col] = _column(raw, col)  # a copy: the typed frame never shares cells with raw

    # Exact repeats of an earlier row.
    if len(raw) > 1:
        for row, first in _duplicates(raw):
            problems.append((row, -1, Problem(row, "(whole row)", "", f"repeats row {first}",
                                              f"Delete row {row} if it is the same interview entered twice")))

    # Every column above is a new Series of its own: no need to copy them again.
    frame = pd.DataFrame({c: data[c] for c in COLUMNS}, index=raw.index, copy=False)
    problems.sort(key=lambda t: (t[0], t[1]))
    return frame, [p for _, _, p in problems]


def _duplicates(raw: pd.DataFrame) -> list[tuple[int, int]]:
    """(row, first row it repeats) for every exact repeat, found by hashing."""
    key_cols = [c for c in REQUIRED if c in raw.columns]
    # Only rows whose contact appears more than once can repeat a row (cheap first cut).
    if "contact" in key_cols:
        maybe = raw["contact"].duplicated(keep=False).to_numpy()
        if not maybe.any():
            return []
        raw = raw[maybe]
    key = pd.util.hash_pandas_object(raw[key_cols], index=False)
    candidates = key.duplicated(keep=False).to_numpy()
    if not candidates.any():
        return []
    sub = raw[candidates]
    full = pd.util.hash_pandas_object(sub, index=False)
    dup = full.duplicated(keep="first")
    if not dup.any():
        return []
    first_of = full[~full.duplicated(keep="first")]
    first_row = pd.Series(first_of.index, index=first_of.to_numpy())
    out = []
    for row, h in full[dup].items():
        first = int(first_row[h])
        if sub.loc[row].tolist() == sub.loc[first].tolist():  # guard against hash collisions
            out.append((int(row), first))
    return out


# ---------------------------------------------------------------------------------------
# Writing and adding entries
# ---------------------------------------------------------------------------------------
def write(raw: pd.DataFrame, target: str | Path, sep: str = ",") -> Path:
    """Write a log atomically: every row and column kept, formulas escaped, UTF-8 with BOM.

    The BOM lets spreadsheets on Windows show accented names correctly; reading strips it.
    """
    frame = _escape_frame(raw)
    text = frame.to_csv(index=False, sep=sep, lineterminator="\n")
    return workspace.atomic_write_bytes(Path(target), ("\ufeff" + text).encode("utf-8"))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat") and not isinstance(value, str):
        try:
            return value.isoformat()[:10]
        except TypeError:
            pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_entry(entry: Mapping[str, object], today: dt.date | None = None) -> list[Problem]:
    """Check one new interview (from a form) with the same rules as a file, plus length limits,
    and that a *held* interview is not dated in the future (``today`` defaults to today).

    Returns problems with ``row=None``; ``column`` is the field to show the message beside.
    """
    unknown = [k for k in entry if k not in COLUMNS]
    if unknown:
        raise KeyError(f"not log columns: {unknown}")  # a bug in the caller, not the learner
    values = {c: _as_text(entry.get(c)).strip() for c in COLUMNS}
    problems: list[Problem] = []
    for col, limit in ENTRY_LIMITS.items():
        if len(values[col]) > limit:
            problems.append(Problem(None, col, values[col], f"is {len(values[col])} characters long",
                                    f"Shorten it to {limit} characters or fewer"))
    raw = pd.DataFrame({c: [values[c]] for c in COLUMNS}, index=pd.RangeIndex(2, 3, name="row"))
    data, found = analyse(raw)
    problems.extend(Problem(None, p.column, p.value, p.what, p.fix) for p in found)
    # Things a form can catch that a file check leaves alone (they depend on today's date).
    when = data["date"].iloc[0]
    today = pd.Timestamp(dt.date.today() if today is None else today)
    if data["status"].iloc[0] == "held" and pd.notna(when) and when > today:
        problems.append(Problem(None, "status", values["status"], "cannot be right for a date still to come",
                                f"An interview on {when:%Y-%m-%d} has not happened yet: choose scheduled or "
                                f"requested, or correct the date"))
    return problems


@dataclass
class SaveResult:
    """What happened when an entry was added: saved or not, and why."""

    saved: bool
    problems: list[Problem]
    path: Path
    row: int | None = None   # spreadsheet row of the new entry

    def message(self) -> str:
        if self.saved:
            return f"Saved as row {self.row} of {self.path.name}."
        return "Not saved. " + " ".join(str(p) + "." if not str(p).endswith(".") else str(p)
                                        for p in self.problems)


def add_entry(entry: Mapping[str, object], target: str | Path | None = None) -> SaveResult:
    """Add one interview to a log (the learner's own by default), validated first.

    Nothing is written when the entry has a problem, when it repeats an entry already in the
    log, or when the existing log cannot be read (it is never overwritten).
    """
    path = Path(target) if target is not None else workspace.log_path()
    problems = check_entry(entry)
    if problems:
        return SaveResult(False, problems, path)
    values = {c: _as_text(entry.get(c)).strip() for c in COLUMNS}
    if path.exists():
        try:
            raw, sep = read_raw(path)
        except LogFileError as exc:
            return SaveResult(False, [Problem(None, "log file", "", "cannot be read, so nothing was added",
                                              f"{exc} Your file was left as it was")], path)
    else:
        raw, sep = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS}), ","
        raw.index = pd.RangeIndex(2, 2, name="row")
    if len(raw):
        same = np.ones(len(raw), dtype=bool)
        for c in COLUMNS:
            same &= (_column(raw, c).str.strip().to_numpy() == values[c])
        if same.any():
            row = int(raw.index[same.argmax()])
            return SaveResult(False, [Problem(None, "entry", "", f"is already in your log (row {row})",
                                              "Nothing new to save; change a field if this is another interview")], path)
    new_row = {c: values.get(c, "") for c in raw.columns}
    for c in COLUMNS:
        if c not in raw.columns:
            raw[c] = ""
            new_row[c] = values[c]
    next_row = int(raw.index.max()) + 1 if len(raw) else 2
    raw = pd.concat([raw, pd.DataFrame([new_row], index=[next_row])])
    write(raw, path, sep=sep)
    return SaveResult(True, [], path, row=len(raw) + 1)


def learner_log() -> tuple[Log, bool]:
    """The learner's own log if they have one, else the sample. Returns (log, is_sample)."""
    own = workspace.log_path()
    if own.exists():
        return load(own, name=own.name), False
    return load(sample_path(), name="sample_log.csv"), True


def sample_path() -> Path:
    return workspace.DATA_DIR / "sample_log.csv"
