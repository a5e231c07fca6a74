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
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.core import logfile as logmod
from helpers import sharing as share, workspace

SAMPLE_CLASS = workspace.DATA_DIR / "sample_class"
#: The sample class is read as of this day, so its overdue follow-ups do not drift with time.
SAMPLE_AS_OF = dt.date(2026, 12, 1)
ENV_VAR = "CLASS_LOGS_DIR"

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
    cv.ignored = [p.name for p in entries if p not in csvs]
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
