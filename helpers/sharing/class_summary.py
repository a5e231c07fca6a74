"""The class summary: read a folder of shared logs and see how the class is doing.

Each learner shares an anonymised copy of their log (``python -m helpers share`` or the
Share button in the log lesson) and the instructor puts the files in one folder. This
module reads every ``.csv`` file there with :func:`helpers.log.load`, refuses (by file name,
with the row, column and kind of detail, never the detail itself) any file in which a contact
or organisation is not a pseudonym or placeholder, or in which the one detector
(:mod:`helpers.core.detect`, through :func:`helpers.sharing.check_shared_log`) still finds a
name-like word, an e-mail address, a web address, a handle or a phone number; it reports
files it cannot read, and builds class-level tables **by student file**, never by contact:
practice before real, referral yield, thank-you and follow-up habits, and who may need a
nudge. The check cannot prove a file holds no personal detail: it refuses what it can see.
The views (tables and charts shown in the notebook) are in :mod:`helpers.sharing.class_summary_view`.

>>> cv = read_class(SAMPLE_CLASS)
>>> len(cv.logs) >= 6, cv.unreadable, cv.refused
(True, [], {})
>>> "student" in overview(cv).columns
True
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.core import logfile as logmod
from helpers import sharing as share, workspace

SAMPLE_CLASS = workspace.DATA_DIR / "sample_class"
#: The sample class is read as of this day, so its overdue follow-ups do not drift with time.
SAMPLE_AS_OF = dt.date(2026, 12, 1)
ENV_VAR = "CLASS_LOGS_DIR"
#: A learner's shared readiness check in the class folder: ``<learner>.readiness.json``.
READINESS_SUFFIX = ".readiness.json"

#: Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}

#: Thresholds for a nudge (an instructor may change them before building the tables).
THANKS_BELOW = 0.75          # thank-you notes for fewer than this share of held interviews
QUIET_DAYS = 21              # nothing held, scheduled or requested for this many days
REAL_WITHOUT_NAMES = 2       # this many real interviews held and not one new name


@dataclass
class ClassLogs:
    """A folder of shared logs, as read."""

    folder: Path
    as_of: dt.date
    logs: dict[str, "logmod.Log"] = field(default_factory=dict)   # student file (stem) -> log
    files: dict[str, str] = field(default_factory=dict)            # student -> file name
    unreadable: list[str] = field(default_factory=list)           # one message per file
    refused: dict[str, list[str]] = field(default_factory=dict)   # file name -> what looks personal
    ignored: list[str] = field(default_factory=list)              # files that are not .csv
    message: str = ""                                              # the folder itself: missing, empty
    readiness: dict[str, list[dict]] = field(default_factory=dict)  # student -> takings (numbers, dates)
    readiness_refused: dict[str, list[str]] = field(default_factory=dict)   # file name -> why

    @property
    def students(self) -> list[str]:
        return list(self.logs)

    def status_lines(self) -> list[tuple[str, str]]:
        """(kind, text) lines saying what was read, refused and skipped."""
        lines: list[tuple[str, str]] = []
        if self.message:
            lines.append(("error" if not self.logs else "info", self.message))
        if self.logs:
            lines.append(("ok", f"Read {len(self.logs)} shared log(s) from {self.folder}, as of "
                                f"{self.as_of.isoformat()}: {', '.join(self.files[s] for s in self.logs)}."))
        for text in self.unreadable:
            lines.append(("error", f"Could not read {text} The other files are summarised without it."))
        for name, findings in self.refused.items():
            first = findings[0].split(": ", 1)[-1] if findings else ""
            lines.append(("error", f"Refused {name}: the check still finds personal details in it "
                                   f"({len(findings) - 1} finding(s), e.g. {first}) Ask the learner to share it "
                                   f"again with the Share button or 'python -m helpers share', leaving that text "
                                   f"out; it is left out of every table."))
        if self.readiness:
            lines.append(("ok", f"Read the readiness check of {len(self.readiness)} learner(s): "
                                + ", ".join(f"{s}{READINESS_SUFFIX}" for s in self.readiness) + "."))
        for name, why in self.readiness_refused.items():
            lines.append(("error", f"Refused {name}: {why[0].split(': ', 1)[-1]} It is left out of the readiness "
                                   f"summary; ask the learner to share again with the Share button."))
        if self.ignored:
            lines.append(("info", "Skipped (not .csv): " + ", ".join(self.ignored)))
        problems = {s: len(lg.problems) for s, lg in self.logs.items() if lg.problems}
        if problems:
            lines.append(("tip", "Some logs have cells the tables cannot read (they are left out of the "
                                 "figures): " + ", ".join(f"{self.files[s]} ({n})" for s, n in problems.items())
                          + ". The learner can see them with 'python -m helpers check'."))
        return lines


def class_folder() -> Path:
    """The folder to read: ``CLASS_LOGS_DIR`` when set, else the shipped sample class."""
    import os

    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else SAMPLE_CLASS


def read_class(folder: str | Path | None = None, as_of: dt.date | str | None = None) -> ClassLogs:
    """Read every ``.csv`` file in a folder of shared logs. Never raises for a learner's file.

    ``as_of`` is "today" for due and overdue follow-ups (default: today; the sample class is
    read as of :data:`SAMPLE_AS_OF`).
    """
    folder = Path(folder).expanduser() if folder is not None else class_folder()
    if isinstance(as_of, str) and as_of.strip():
        as_of = dt.date.fromisoformat(as_of.strip())
    if not as_of:
        as_of = SAMPLE_AS_OF if _same(folder, SAMPLE_CLASS) else dt.date.today()
    cv = ClassLogs(folder=folder, as_of=as_of)
    if not folder.exists():
        cv.message = (f"The folder {folder} does not exist. Put the shared logs your learners sent you in "
                      f"one folder and set CLASS_LOGS_DIR (or the first code cell) to its path.")
        return cv
    if not folder.is_dir():
        cv.message = f"{folder} is a file, not a folder. Give the folder that holds the shared logs."
        return cv
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    csvs = [p for p in entries if p.is_file() and p.suffix.lower() == ".csv"]
    ready = [p for p in entries if p.is_file() and p.name.lower().endswith(READINESS_SUFFIX)]
    cv.ignored = [p.name for p in entries if p not in csvs and p not in ready]
    for path in ready:
        student = path.name[:-len(READINESS_SUFFIX)]
        takings, why = read_readiness(path)
        if why:
            cv.readiness_refused[path.name] = why
        else:
            cv.readiness[student] = takings
    if not csvs:
        cv.message = (f"There are no shared logs (.csv files) in {folder} yet. Ask each learner to press "
                      f"the Share button in the log lesson (or run 'python -m helpers share') and send you "
                      f"the shared_log.csv it writes; save each one here under the learner's name.")
        return cv
    for path in csvs:
        try:
            lg = logmod.load(path, name=path.name)
        except logmod.LogFileError as exc:
            cv.unreadable.append(str(exc))
            continue
        findings = share.check_shared_log(lg, path.name)
        if findings:
            cv.refused[path.name] = findings
            continue
        student = path.stem
        cv.logs[student] = lg
        cv.files[student] = path.name
    if not cv.logs:
        cv.message = f"None of the {len(csvs)} file(s) in {folder} could be summarised (see below)."
    return cv


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


# ---------------------------------------------------------------------------------------
# Per-student measures
# ---------------------------------------------------------------------------------------
def _held(data: pd.DataFrame) -> pd.Series:
    return data["status"] == "held"


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _chain_length(data: pd.DataFrame) -> int:
    """Links in the longest referral chain (A referred B, B referred C: 2)."""
    referrer = {}
    for contact, by in zip(data["contact"], data["referred_by"]):
        if contact and by and contact != by:
            referrer.setdefault(str(contact), str(by))
    best = 0
    for start in referrer:
        seen = {start}
        links, node = 0, start
        while node in referrer and referrer[node] not in seen:
            node = referrer[node]
            seen.add(node)
            links += 1
        best = max(best, links)
    return best


def _rows(cv: ClassLogs, measure) -> pd.DataFrame:
    rows = [{"student": cv.files[s], **measure(lg.data, cv.as_of)} for s, lg in cv.logs.items()]
    return pd.DataFrame(rows)


def _overview(data: pd.DataFrame, as_of: dt.date) -> dict:
    held = _held(data)
    upcoming = data["status"].isin(["scheduled", "requested"])
    return {
        "interviews logged": len(data),
        "practice held": int((held & (data["kind"] == "practice")).sum()),
        "real held": int((held & (data["kind"] == "real")).sum()),
        "requested or scheduled": int(upcoming.sum()),
        "cancelled": int((data["status"] == "cancelled").sum()),
        "latest date": _date(data["date"].max()) if len(data) else "",
    }


def overview(cv: ClassLogs) -> pd.DataFrame:
    """One row per student file: how much each has logged."""
    return _rows(cv, _overview)


def _practice(data: pd.DataFrame, as_of: dt.date) -> dict:
    held = _held(data)
    practice = data[held & (data["kind"] == "practice")]["date"]
    real = data[(data["kind"] == "real") & data["status"].isin(["held", "scheduled"])]["date"]
    first_practice, first_real = practice.min(), real.min()
    if pd.isna(first_practice) and pd.isna(first_real):
        first = "not yet"
    elif pd.isna(first_real):
        first = "yes (no real one yet)"
    elif pd.isna(first_practice):
        first = "no"
    else:
        first = "yes" if first_practice <= first_real else "no"
    return {"practice held": int(len(practice)), "first practice": _date(first_practice),
            "first real": _date(first_real), "practised first": first}


def practice_before_real(cv: ClassLogs) -> pd.DataFrame:
    """Did each learner hold a practice interview before their first real one (held or scheduled)?"""
    return _rows(cv, _practice)


def _referrals(data: pd.DataFrame, as_of: dt.date) -> dict:
    real = data[_held(data) & (data["kind"] == "real")]
    names = int(real["referrals"].fillna(0).sum())
    asked = int(real["referrals"].notna().sum())
    came = int(((data["kind"] == "real") & (data["referred_by"].fillna("") != "")).sum())
    return {"real held": len(real), "new names": names,
            "names per real interview": round(names / len(real), 2) if len(real) else float("nan"),
            "real contacts through a referral": came,
            "with permission to use the name": int(real["may_use_name"].fillna(False).sum()),
            "longest referral chain": _chain_length(data), "referral counts recorded": asked}


def referral_yield(cv: ClassLogs) -> pd.DataFrame:
    """New names per real interview held, interviews that came through a referral, chains."""
    return _rows(cv, _referrals)


def _habits(data: pd.DataFrame, as_of: dt.date) -> dict:
    held = data[_held(data)]
    thanked = held["thank_you_sent"].notna()
    days = (held["thank_you_sent"] - held["date"]).dt.days[thanked]
    agreed = held["follow_up_on"].notna()
    done = held["followed_up"].notna()
    today = pd.Timestamp(as_of)
    overdue = agreed & ~done & (held["follow_up_on"] < today)
    return {
        "held": len(held),
        "thank-you sent": int(thanked.sum()),
        "thank-you rate": round(thanked.mean(), 2) if len(held) else float("nan"),
        "median days to thank-you": float(days.median()) if len(days) else float("nan"),
        "follow-ups agreed": int(agreed.sum()),
        "followed up": int((agreed & done).sum()),
        "follow-ups overdue": int(overdue.sum()),
    }


def habits(cv: ClassLogs) -> pd.DataFrame:
    """Thank-you notes and follow-ups: sent, how soon, agreed, done, overdue as of ``cv.as_of``."""
    return _rows(cv, _habits)


def _nudges(data: pd.DataFrame, as_of: dt.date) -> list[str]:
    if not len(data):
        return ["has not logged any interview yet: help them pick a first practice partner"]
    out: list[str] = []
    p = _practice(data, as_of)
    if p["practised first"] == "no":
        out.append("went to a real interview without a practice run first: suggest one with a friend")
    elif p["practised first"] == "not yet":
        out.append("has not held an interview yet: help them book a first practice run")
    h = _habits(data, as_of)
    if h["held"] and h["thank-you sent"] / h["held"] < THANKS_BELOW:
        out.append(f"sent thank-you notes after {h['thank-you sent']} of {h['held']} held interviews: "
                   f"remind them to thank within a day")
    if h["follow-ups overdue"]:
        out.append(f"has {h['follow-ups overdue']} follow-up(s) overdue as of {as_of.isoformat()}")
    r = _referrals(data, as_of)
    if r["real held"] >= REAL_WITHOUT_NAMES and r["new names"] == 0:
        out.append(f"got no new names from {r['real held']} real interviews: practise the referral ask")
    latest = data["date"].max()
    if pd.notna(latest) and latest < pd.Timestamp(as_of) - pd.Timedelta(days=QUIET_DAYS):
        out.append(f"nothing logged after {_date(latest)}: check in with them")
    return out


def nudges(cv: ClassLogs) -> pd.DataFrame:
    """Who may need a nudge, and why: one row per reason, by student file."""
    rows = [{"student": cv.files[s], "may need a nudge because they ...": reason}
            for s, lg in cv.logs.items() for reason in _nudges(lg.data, cv.as_of)]
    return pd.DataFrame(rows, columns=["student", "may need a nudge because they ..."])


def headline(cv: ClassLogs) -> list[str]:
    """A few plain sentences about the class as a whole."""
    if not cv.logs:
        return []
    n = len(cv.logs)
    practice = practice_before_real(cv)
    hab = habits(cv)
    ref = referral_yield(cv)
    started = int((overview(cv)["interviews logged"] > 0).sum())
    first = int(practice["practised first"].str.startswith("yes").sum())
    held = int(hab["held"].sum())
    thanked = int(hab["thank-you sent"].sum())
    real = int(ref["real held"].sum())
    names = int(ref["new names"].sum())
    lines = [f"{started} of {n} learners have logged at least one interview.",
             f"{first} of {n} held a practice interview before their first real one."]
    if held:
        lines.append(f"Thank-you notes went out after {thanked} of {held} held interviews "
                     f"({thanked / held:.0%}).")
    if real:
        lines.append(f"{real} real interviews gave {names} new names: {names / real:.1f} per interview.")
    overdue = int(hab["follow-ups overdue"].sum())
    lines.append(f"{overdue} follow-up(s) are overdue as of {cv.as_of.isoformat()}.")
    return lines


# ---------------------------------------------------------------------------------------
# Charts (shown with display.show_figure only)
# ---------------------------------------------------------------------------------------
def _new_figure(rows: int):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.45 * max(rows, 3) + 1.2))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def practice_chart(cv: ClassLogs):
    """Horizontal stacked bars: practice and real interviews held, per student file."""
    table = overview(cv).iloc[::-1]
    fig, ax = _new_figure(len(table))
    y = range(len(table))
    ax.barh(y, table["practice held"], color=OKABE_ITO["orange"], label="practice held", hatch="//",
            edgecolor="white")
    ax.barh(y, table["real held"], left=table["practice held"], color=OKABE_ITO["blue"], label="real held")
    ax.set_yticks(list(y), table["student"])
    ax.set_xlabel("interviews held")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
    ax.set_title("Practice and real interviews held, by student file")
    parts = [f"{r['student']}: {r['practice held']} practice, {r['real held']} real"
             for r in table.iloc[::-1].to_dict("records")]
    alt = "Bar chart of interviews held per student file. " + "; ".join(parts) + "."
    return fig, alt


def referral_chart(cv: ClassLogs):
    """Horizontal bars: new names per real interview held, per student file."""
    table = referral_yield(cv).iloc[::-1]
    fig, ax = _new_figure(len(table))
    raw_values = table["names per real interview"]
    values = raw_values.fillna(0)
    ax.barh(range(len(table)), values, color=OKABE_ITO["green"])
    for y, v in enumerate(raw_values):
        label = "no real interviews yet" if pd.isna(v) else f"{v:.2f}".rstrip("0").rstrip(".")
        ax.text((0 if pd.isna(v) else v) + 0.03, y, label, va="center", fontsize="small")
    ax.set_xlim(0, max(2.0, float(values.max()) * 1.3 if len(values) else 2.0))
    ax.set_yticks(list(range(len(table))), table["student"])
    ax.set_xlabel("new names per real interview held")
    ax.set_title("Referral yield, by student file")
    parts = []
    for r in table.iloc[::-1].to_dict("records"):
        v = r["names per real interview"]
        parts.append(f"{r['student']}: {'no real interviews yet' if pd.isna(v) else f'{v:.1f}'}")
    alt = "Bar chart of new names per real interview held. " + "; ".join(parts) + "."
    return fig, alt


def habits_chart(cv: ClassLogs):
    """Grouped horizontal bars: share of held interviews thanked, and agreed follow-ups done."""
    table = habits(cv).iloc[::-1]
    fig, ax = _new_figure(len(table))
    y = pd.Series(range(len(table)), dtype=float)
    thanks = table["thank-you rate"].fillna(0).to_numpy()
    agreed = table["follow-ups agreed"].to_numpy()
    done = table["followed up"].to_numpy()
    follow = [d / a if a else 0 for d, a in zip(done, agreed)]
    ax.barh(y + 0.2, thanks, height=0.4, color=OKABE_ITO["sky"], label="held interviews thanked")
    ax.barh(y - 0.2, follow, height=0.4, color=OKABE_ITO["vermillion"], label="agreed follow-ups done",
            hatch="..", edgecolor="white")
    held = table["held"].to_numpy()
    for i in range(len(table)):
        ax.text(thanks[i] + 0.01, i + 0.2, f"{thanks[i]:.0%}" if held[i] else "none held",
                va="center", fontsize="small")
        ax.text(follow[i] + 0.01, i - 0.2, f"{follow[i]:.0%}" if agreed[i] else "none agreed",
                va="center", fontsize="small")
    ax.set_yticks(list(y), table["student"])
    ax.set_xlim(0, 1.2)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel("share of held interviews thanked / of agreed follow-ups done")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
    ax.set_title("Thank-you and follow-up habits, by student file")
    parts = []
    for r, f in zip(table.iloc[::-1].to_dict("records"), follow[::-1]):
        thanks_text = "no held interviews" if r["held"] == 0 else f"{r['thank-you rate']:.0%} thanked"
        follow_text = "no follow-ups agreed" if r["follow-ups agreed"] == 0 else f"{f:.0%} of follow-ups done"
        parts.append(f"{r['student']}: {thanks_text}, {follow_text}")
    alt = "Bar chart of thank-you and follow-up rates. " + "; ".join(parts) + "."
    return fig, alt


# ---------------------------------------------------------------------------------------
# The readiness check: the class's change, never anyone's answers
# ---------------------------------------------------------------------------------------
#: Self-rating is not measured skill: said by every view that shows a change.
NOT_SKILL = ("These are learners' own ratings of how ready they feel, not a measure of their skill: "
             "a change says how their confidence moved, not what they can now do.")
#: Why a statement shows nothing (the floor is region.MIN_LEARNERS_FLOOR).
TOO_FEW = "fewer than {n} learners: a summary could identify someone"
_NUMBER_WORDS = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def read_readiness(path: str | Path) -> tuple[list[dict], list[str]]:
    """A shared readiness file: ``(takings, [])``, or ``([], why it is refused)``. Anything but
    numbers and dates (a note, a name, a rating in words) refuses the whole file."""
    import json

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [], [f"{path.name}: could not be read as a readiness check ({type(exc).__name__})."]
    why = share.check_readiness(data, path.name)
    return ([], why) if why else (list(data["takings"]), [])


def min_learners(value: int | None = None) -> int:
    """How many learners must have rated a statement before and after for it to be shown:
    ``value`` when given (refused below the floor of five), else the class setting
    (``summary_min_learners`` in class.toml, five when unset or wrong).

    >>> min_learners(7)
    7
    >>> min_learners(3)
    Traceback (most recent call last):
    ...
    ValueError: 3 is fewer than 5 learners: a class figure from fewer than five learners could identify someone. Use 5 or more.
    """
    from helpers.core import region

    if value is None:
        return region.summary_min_learners()
    problems = region.min_learners_problems(value)
    if problems:
        raise ValueError(problems[0])
    return int(value)


@dataclass(frozen=True)
class StatementChange:
    """One statement across the class: who rated it before and after, and (only when at least
    ``min_learners`` learners have both) the ratings' spread before and after and the median
    change among those learners. ``shown`` False: ``why`` says why nothing else is given."""

    id: str
    text: str
    rated_before: int
    rated_after: int
    both: int
    shown: bool
    why: str = ""
    before: dict[int, int] = field(default_factory=dict)    # rating -> learners (with both)
    after: dict[int, int] = field(default_factory=dict)
    median_change: float | None = None


def _pair(takings: list[dict]) -> tuple[dict | None, dict | None]:
    """A learner's first "before" taking and latest "after" taking (by date, then as saved)."""
    order = sorted(range(len(takings)), key=lambda i: (str(takings[i].get("date", "")), i))
    befores = [takings[i] for i in order if takings[i].get("when") == "before"]
    afters = [takings[i] for i in order if takings[i].get("when") == "after"]
    return (befores[0] if befores else None), (afters[-1] if afters else None)


def _statements() -> tuple[list[tuple[str, str]], tuple[int, int]]:
    """The statements (id, text) and the scale from readiness.toml; ([], (1, 5)) without it."""
    return share.readiness_statements() or ([], (1, 5))


def readiness_change(by_learner: dict[str, list[dict]], statements: list[tuple[str, str]] | None = None,
                     scale: tuple[int, int] | None = None, min_learners_: int | None = None) -> list[StatementChange]:
    """Per statement: how many learners rated it before and after, and, where at least
    ``min_learners_`` (default: the class setting, never below five) have both, the ratings before
    and after of those learners (counts per rating) and the median of after minus before.

    A learner's "before" is their first taking made before the lessons, their "after" their
    latest taking made after them (a taking after a real interview is not counted here).
    ``statements`` (id, text) give the order and wording (default: readiness.toml); a statement
    rated but no longer in the file is listed after them under its id.

    >>> takings = lambda b, a: [{"when": "before", "date": "2026-03-02", "ratings": {"s": b}},
    ...                         {"when": "after", "date": "2026-03-20", "ratings": {"s": a}}]
    >>> five = {f"learner{n}": takings(2, 2 + n % 3) for n in range(5)}
    >>> row = readiness_change(five, [("s", "I can ...")], (1, 5))[0]
    >>> row.shown, row.both, row.median_change, row.after
    (True, 5, 1.0, {1: 0, 2: 2, 3: 2, 4: 1, 5: 0})
    >>> readiness_change(dict(list(five.items())[:4]), [("s", "I can ...")], (1, 5))[0].why
    'fewer than five learners: a summary could identify someone'
    """
    import statistics

    n = min_learners(min_learners_)
    if statements is None or scale is None:
        shipped, shipped_scale = _statements()
        statements = shipped if statements is None else statements
        scale = shipped_scale if scale is None else scale
    low, high = scale
    pairs = {s: _pair(t) for s, t in by_learner.items()}
    ids = [i for i, _ in statements]
    texts = dict(statements)
    rated = {k for b, a in pairs.values() for t in (b, a) if t for k in t["ratings"]}
    ids += sorted(rated - set(ids))
    why_few = TOO_FEW.format(n=_NUMBER_WORDS.get(n, str(n)))
    out = []
    for sid in ids:
        before = [b["ratings"][sid] for b, _ in pairs.values() if b and sid in b["ratings"]]
        after = [a["ratings"][sid] for _, a in pairs.values() if a and sid in a["ratings"]]
        both = [(b["ratings"][sid], a["ratings"][sid]) for b, a in pairs.values()
                if b and a and sid in b["ratings"] and sid in a["ratings"]
                and low <= b["ratings"][sid] <= high and low <= a["ratings"][sid] <= high]
        text = texts.get(sid) or (f"{sid} (no longer in the readiness check)" if texts else sid)
        if len(both) < n:
            out.append(StatementChange(sid, text, len(before), len(after), len(both), False, why_few))
            continue
        out.append(StatementChange(
            sid, text, len(before), len(after), len(both), True, "",
            {r: sum(1 for b, _ in both if b == r) for r in range(low, high + 1)},
            {r: sum(1 for _, a in both if a == r) for r in range(low, high + 1)},
            float(statistics.median(a - b for b, a in both))))
    return out


def class_readiness(cv: ClassLogs, min_learners_: int | None = None,
                    statements: list[tuple[str, str]] | None = None,
                    scale: tuple[int, int] | None = None) -> list[StatementChange]:
    """:func:`readiness_change` for the readiness checks read from the class folder."""
    return readiness_change(cv.readiness, statements, scale, min_learners_)


def _signed(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:+.1f}".replace(".0", "")
    return "0" if text in ("+0", "-0") else text


def readiness_table(changes: list[StatementChange]) -> pd.DataFrame:
    """One row per statement, for the screen and for a spreadsheet: counts only."""
    scale = sorted({r for c in changes for r in c.before}) if any(c.shown for c in changes) else []
    rows = []
    for c in changes:
        row = {"statement": c.text, "rated before": c.rated_before, "rated after": c.rated_after,
               "rated both times": c.both}
        for r in scale:
            row[f"before: {r}"] = c.before.get(r, "") if c.shown else ""
        for r in scale:
            row[f"after: {r}"] = c.after.get(r, "") if c.shown else ""
        row["median change (after minus before)"] = _signed(c.median_change) if c.shown else ""
        row["note"] = "Self-ratings, not measured skill." if c.shown else f"Not shown: {c.why}."
        rows.append(row)
    return pd.DataFrame(rows)


def write_readiness_csv(changes: list[StatementChange], target: str | Path) -> Path:
    """The readiness table as CSV for a spreadsheet: text cells escaped so a spreadsheet never runs
    them as formulas (as every CSV the project writes; header cells too), counts and the median
    change as plain numbers (-0.5 stays a number), UTF-8 with a byte-order mark. Each shown row's
    note says it is self-rating."""
    import csv

    from helpers.core.text import escape_cell

    frame = readiness_table(changes)
    frame.insert(0, "statement id", [c.id for c in changes])
    frame["median change (after minus before)"] = [
        (f"{c.median_change:g}" if c.shown and c.median_change is not None else "") for c in changes]
    text_columns = {"statement id", "statement", "note"}
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([escape_cell(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([escape_cell(v) if col in text_columns else ("" if v == "" else str(v))
                         for col, v in zip(frame.columns, row)])
    return workspace.atomic_write_bytes(Path(target), out.getvalue().encode("utf-8"))


def readiness_chart(changes: list[StatementChange]):
    """Per shown statement, two stacked bars (before, after) of how many learners gave each
    rating; ``(fig, alt)``, or ``(None, why)`` when no statement can be shown."""
    shown = [c for c in changes if c.shown]
    if not shown:
        return None, "No statement has enough learners with both ratings to show."
    import matplotlib.pyplot as plt

    scale = sorted(shown[0].before)
    colours = ["#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2", "#009E73", "#CC79A7", "#000000",
               "#999999", "#332288"]
    hatches = ["xx", "//", "", "..", "", "\\\\", "++", "", "oo", ""]
    fig, ax = plt.subplots(figsize=(8, 0.9 * len(shown) + 1.8))
    ax.spines[["top", "right"]].set_visible(False)
    labels, y = [], 0.0
    ticks = []
    for c in reversed(shown):
        for part, counts in (("after", c.after), ("before", c.before)):
            left = 0
            for i, r in enumerate(scale):
                ax.barh(y, counts[r], left=left, color=colours[i % len(colours)], hatch=hatches[i % len(hatches)],
                        edgecolor="white", label=str(r) if not labels else None, height=0.8)
                if counts[r]:
                    ax.text(left + counts[r] / 2, y, str(counts[r]), ha="center", va="center", fontsize="small",
                            color="black", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
                left += counts[r]
            ticks.append((y, f"{_short(c.text)}: {part}"))
            labels.append(part)
            y += 1
        y += 0.6
    ax.set_yticks([t for t, _ in ticks], [label for _, label in ticks], fontsize="small")
    ax.set_xlabel("learners who rated the statement both times")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="rating", loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(scale), frameon=False)
    ax.set_title("How ready learners said they felt, before and after (self-ratings, not measured skill)",
                 fontsize="medium")
    parts = []
    for c in shown:
        before = ", ".join(f"{c.before[r]} gave {r}" for r in scale if c.before[r])
        after = ", ".join(f"{c.after[r]} gave {r}" for r in scale if c.after[r])
        parts.append(f"“{c.text}” ({c.both} learners): before, {before}; after, {after}; median change "
                     f"{_signed(c.median_change)}")
    hidden = [c for c in changes if not c.shown]
    alt = ("Stacked bar chart of learners' self-ratings before and after the lessons, per statement. "
           + "; ".join(parts) + ".")
    if hidden:
        alt += f" Not shown ({hidden[0].why}): " + "; ".join(f"“{c.text}”" for c in hidden) + "."
    return fig, alt + " " + NOT_SKILL


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def write_readiness_png(changes: list[StatementChange], target: str | Path, dpi: int = 150) -> Path | None:
    """The readiness chart as a PNG for a report (None when no statement can be shown)."""
    import io

    import matplotlib.pyplot as plt

    fig, _alt = readiness_chart(changes)
    if fig is None:
        return None
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        plt.close(fig)
    return workspace.atomic_write_bytes(Path(target), buffer.getvalue())
