"""The one command line: ``python -m helpers --help`` (``helpers/__main__.py`` runs :func:`main`).

``check LOG.csv``      report each problem on its own line (exit 0 clean, 1 problems, 2 unreadable)
``summary LOG.csv ...`` print the summary tables (``--as-of YYYY-MM-DD`` fixes "today")
``lessons``            print the table of lessons for the README
``check-content [DIR]``   check the lesson content files (exit 0 clean, 1 problems, 2 unusable folder)
``build-student OUT_DIR`` student copies: solution/instructor cells removed, outputs cleared
``share LOG.csv --out SHARED.csv`` anonymised copy of a log for the instructor
``next LOG.csv``       the next actions, one a line (``--as-of YYYY-MM-DD`` fixes "today")
``calendar LOG.csv --out FILE.ics`` the open actions as a calendar file
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import content
from . import log as logmod
from .core import dates


def _date(text: str) -> dt.date:
    """A date on the command line, read by the one date parser (YYYY-MM-DD and other unambiguous forms)."""
    found, problem = dates.parse(text, field="--as-of")
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{text!r} {problem.what}. {problem.fix}")
    return found


def _print(text: str) -> None:
    """Print to stdout; a reader that stops early (``| head``) is not an error, and shows no traceback."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _verdict(count: int, where: object, command: str, clean: str) -> int:
    """The closing line of a check on stderr, and its exit code (0 clean, 1 problems)."""
    if count:
        print(f"{count} problem(s) in {where}; fix them and run {command} again.", file=sys.stderr)
        return 1
    print(clean, file=sys.stderr)
    return 0


def _load(path: str) -> "logmod.Log | None":
    """A log, or None after printing the one-line error (exit code 2 for the caller)."""
    try:
        return logmod.load(path, name=path)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _country(value: str) -> str:
    """--country: a code the holiday calendar knows, or a clear message."""
    from helpers.core import region

    code, problems = region.check_country(value)
    if problems:
        raise argparse.ArgumentTypeError(f"{value!r} {problems[0].what}. {problems[0].fix}.")
    return code


def cmd_check(args: argparse.Namespace) -> int:
    lg = _load(args.log)
    if lg is None:
        return 2
    for problem in lg.problems:
        print(problem)
    for warning in lg.warnings:
        print(f"{warning} (warning)")
    if lg.warnings:
        print(f"{len(lg.warnings)} warning(s): rows that may repeat one interview under two statuses.",
              file=sys.stderr)
    advice = logmod.checkin_advice(lg.data, country=args.country)
    for item in advice:
        print(item)
    if advice:
        print(f"{len(advice)} piece(s) of advice: check-in days that are not a working day 7-10 days after "
              f"the interview (advice only: nothing needs fixing).", file=sys.stderr)
    return _verdict(len(lg.problems), args.log, "check", f"{args.log}: {len(lg.data)} interviews, no problems found.")


def cmd_summary(args: argparse.Namespace) -> int:
    from helpers.log import summaries

    try:
        lg = logmod.load_many(args.logs)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if lg.problems:
        print(f"note: {len(lg.problems)} problem(s) found; cells with a problem are left out of the "
              f"figures. Run 'python -m helpers check' on each file to see them.", file=sys.stderr)
    _print(summaries.report_text(lg, as_of=args.as_of, country=args.country))
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from helpers.log import next_actions as nextactions

    lg = _load(args.log)
    if lg is None:
        return 2
    today = args.as_of or dt.date.today()
    if lg.problems:
        print(f"note: {len(lg.problems)} problem(s) found; cells with a problem are left out. Run "
              f"'python -m helpers check {args.log}' to see them.", file=sys.stderr)
    _print(nextactions.text(nextactions.next_actions(lg.data, today, country=args.country), today))
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from helpers.log import calendar as calendar_ics

    lg = _load(args.log)
    if lg is None:
        return 2
    result = calendar_ics.write(lg.data, args.out, args.as_of or dt.date.today(), country=args.country)
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 2


def cmd_lessons(args: argparse.Namespace) -> int:
    from . import lessons

    if args.write_catalogue:
        if not lessons.NOTEBOOKS_DIR.is_dir():
            print(f"There is no notebooks folder here ({lessons.NOTEBOOKS_DIR}) to read the lessons from.",
                  file=sys.stderr)
            return 2
        try:
            changed = lessons.write_measured()
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
        for name in changed:
            print(f"Measured time written into the first cell of notebooks/{name}.")
        lessons.CATALOGUE_FILE.write_text(lessons.catalogue_json(), encoding="utf-8")
        print(f"Wrote {lessons.CATALOGUE_FILE}.")
        if _write_readme_tables():
            print("Wrote the README's tables of lessons and plans.")
        return 0
    if args.plans:
        from helpers.classroom import facilitator

        print(facilitator.plans_markdown())
        return 0
    print(lessons.markdown_table(link_prefix=args.prefix))
    return 0


def _write_readme_tables() -> bool:
    """Put the generated lesson and plan tables between the README's markers; True if it changed."""
    import re

    from . import lessons, workspace
    from helpers.classroom import facilitator

    readme = workspace.REPO_ROOT / "README.md"
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return False
    new = text
    for marker, table in (("lessons-table", lessons.markdown_table()), ("plans-table", facilitator.plans_markdown())):
        new = re.sub(rf"(<!-- {marker}:.*?-->\n).*?(<!-- /{marker} -->)",
                     lambda m: m.group(1) + table.strip() + "\n" + m.group(2), new, flags=re.S)
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True


@contextmanager
def _content_folder(folder: Path | None) -> Iterator[None]:
    """Point INTERVIEW_CONTENT at ``folder`` for the duration (None: leave it as it is)."""
    if folder is None:
        yield
        return
    before = os.environ.get(content.ENV_VAR)
    os.environ[content.ENV_VAR] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(content.ENV_VAR, None)
        else:
            os.environ[content.ENV_VAR] = before


def check_content(folder: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Check every content file in ``folder`` (default: the folder in use).

    Returns ``(problems, notes)``: each problem names the file, the line or entry and the fix;
    notes say what could not be checked (a lesson module not present yet, an unknown file).
    """
    from . import activities

    path = Path(folder).expanduser() if folder is not None else content.folder()
    problems: list[str] = []
    notes: list[str] = []
    known = set(activities.content_files())
    with _content_folder(path if folder is not None else None):
        # Every TOML file must at least parse, whether or not a lesson reads it.
        for file in sorted(path.glob("*.toml")):
            try:
                content.load(file.stem)
            except content.ContentError as exc:
                problems.append(str(exc))
            except ValueError:
                notes.append(f"{file.name}: not a content file name (use lower-case letters, digits, - and _); "
                             f"no lesson reads it.")
                continue
            if file.stem not in known:
                notes.append(f"{file.name}: no lesson reads this file (the lessons read: "
                             f"{', '.join(sorted(f + '.toml' for f in known))}). Check its name if you "
                             f"meant to replace one.")
        for what, checker in activities.content_checks():
            try:
                found = checker()
            except Exception as exc:  # a bug in one checker must not hide the other files
                files = [f"{f}.toml" for f, owner in activities.content_files().items() if owner == what]
                found = [f"{', '.join(files) or what}: could not be checked ({type(exc).__name__}: {exc}). This "
                         f"is a bug in the {what} lesson's checks; please report it."]
            for message in found:
                for line in str(message).splitlines() or [""]:
                    if line.strip() and line not in problems:
                        problems.append(line)
    return problems, notes


def cmd_check_content(args: argparse.Namespace) -> int:
    folder = Path(args.folder).expanduser() if args.folder else content.folder()
    if not folder.exists():
        print(f"error: {folder} does not exist. Give the folder that holds the content files "
              f"(data/content in the workshop).", file=sys.stderr)
        return 2
    if not folder.is_dir():
        print(f"error: {folder} is a file, not a folder. Give the folder that holds the content files.",
              file=sys.stderr)
        return 2
    if not any(folder.glob("*.toml")):
        print(f"error: {folder} holds no .toml content files. Give the folder that holds quiz.toml, "
              f"question_bank.toml and the others (data/content in the workshop).", file=sys.stderr)
        return 2
    problems, notes = check_content(folder)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in problems:
        print(problem)
    return _verdict(len(problems), folder, "check-content", f"{folder}: the content files have no problems.")


def cmd_build_student(args: argparse.Namespace) -> int:
    from helpers.classroom import student

    try:
        result = student.build_student(args.out_dir)
    except student.StudentBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: the student copy could not be written to {args.out_dir} ({exc.strerror or exc}).",
              file=sys.stderr)
        return 2
    for nb in result.notebooks:
        print(f"{nb.name}: {nb.removed} cell(s) removed, {nb.stubbed} answer(s) replaced by a stub")
    print(result.message(), file=sys.stderr)
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    from helpers import sharing as share

    source, target = Path(args.log), Path(args.out)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        print("error: --out is the log itself; give another file name so the original is kept, "
              "e.g. --out shared_log.csv", file=sys.stderr)
        return 2
    if target.is_dir():
        print(f"error: {target} is a folder; give a file name, e.g. --out {target / share.SHARED_NAME}",
              file=sys.stderr)
        return 2
    try:
        result = share.share_file(source, target, name=args.log, include=args.include or (),
                                  strike=args.strike or ())
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not result.saved:
        print(result.message, file=sys.stderr)
        personal = any(p.code in ("still_personal", "not_read_back") for p in result.problems)
        return 1 if personal else 2
    print(result.message)
    left = [c for c in share.FREE_TEXT if c not in (args.include or ())]
    if left:
        print(f"Left out (free text stays with you): {', '.join(left)}. To share one, read it first, then "
              f"add --include COLUMN; what the check finds in it is replaced, and --strike WORD replaces more.",
              file=sys.stderr)
    if args.include:
        print("Free text you included was checked for names, organisations, e-mail addresses, phone numbers, "
              "links and handles; the check cannot recognise every name, so read the copy before you send it.",
              file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers",
                                     description="Informational Interview Workshop: tools for logs and lessons.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("check", help="report problems in a practice-interview log",
                       description="Check a practice-interview log. Prints each problem on its own line "
                                   "starting 'row N', then advice on check-in days (never a problem). Exit 0: no "
                                   "problems; 1: problems found; 2: the file "
                                   "cannot be read.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--country", type=_country, default=None, metavar="CODE",
                   help="whose public holidays count in the advice on check-in days: GB-ENG, US, IE, ... or "
                        "none (default: the learner's own choice from lesson 04, else the class's in class.toml)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("summary", help="print the summary tables of one or more logs",
                       description="Print the summary tables of one or more practice-interview logs.")
    p.add_argument("logs", metavar="LOG.csv", nargs="+")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today for due and overdue follow-ups (default: today)")
    p.add_argument("--country", type=_country, default=None, metavar="CODE",
                   help="whose public holidays to skip: GB-ENG, US, IE, ... or none (default: the "
                        "learner's own choice from lesson 04, else the class's in class.toml)")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("next", help="print the next actions of a log, one a line",
                       description="Print what to do next in a practice-interview log: thank-yous due, "
                                   "check-ins due or overdue, requests with no reply, referrals not yet "
                                   "contacted. One action a line, starting with the kind of action and the "
                                   "person. Exit 2 when the file cannot be read.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today (default: today)")
    p.add_argument("--country", type=_country, default=None, metavar="CODE",
                   help="whose public holidays to skip: GB-ENG, US, IE, ... or none (default: the "
                        "learner's own choice from lesson 04, else the class's in class.toml)")
    p.set_defaults(func=cmd_next)
    p = sub.add_parser("calendar", help="write the open actions of a log as a calendar file (.ics)",
                       description="Write check-ins, follow-ups, thank-you reminders and referrals to "
                                   "contact as all-day events in an .ics file (Google Calendar, Outlook, "
                                   "Apple Calendar). Re-importing a newer file updates the same events.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--out", required=True, metavar="FILE.ics", help="the calendar file to write")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today; overdue actions go on that day (default: today)")
    p.add_argument("--country", type=_country, default=None, metavar="CODE",
                   help="whose public holidays to skip: GB-ENG, US, IE, ... or none (default: the "
                        "learner's own choice from lesson 04, else the class's in class.toml)")
    p.set_defaults(func=cmd_calendar)
    p = sub.add_parser("lessons", help="print the table of lessons (markdown) for the README",
                       description="Print a markdown table of the lessons, read from the notebooks' first cells.")
    p.add_argument("--prefix", default="notebooks/",
                   help="path from the page to the notebooks folder (default: notebooks/)")
    p.add_argument("--plans", action="store_true",
                   help="print instead how the 60- and 90-minute plans share their time among the lessons")
    p.add_argument("--write-catalogue", action="store_true",
                   help="measure each lesson (its words at the reading speed in data/lesson_activities.toml plus "
                        "its activities' minutes), write that time into its first cell, and write data/lessons.json "
                        "and the README's tables from it")
    p.set_defaults(func=cmd_lessons)
    # Instructors' commands
    p = sub.add_parser(
        "check-content", help="check the lesson content files (quiz, question bank, templates ...)",
        description="Check every lesson content file (TOML) in a folder: syntax, missing fields, quiz "
                    "answers, placeholders, workshop timings. Prints each problem on its own line, naming "
                    "the file, the line or entry and the fix. Exit 0: no problems; 1: problems found; "
                    "2: the folder cannot be used.")
    p.add_argument("folder", metavar="DIR", nargs="?", default=None,
                   help="the content folder to check (default: data/content, or INTERVIEW_CONTENT when set)")
    p.set_defaults(func=cmd_check_content)

    p = sub.add_parser(
        "build-student", help="write student copies of the lessons (no solution or instructor cells)",
        description="Write student copies of every lesson to OUT_DIR: cells tagged 'solution' or "
                    "'instructor' removed, nbgrader '### BEGIN SOLUTION' regions replaced by a stub, "
                    "outputs cleared; plus helpers/, data/ and the set-up files so the copy runs. "
                    "notebooks/instructor/ is not copied. OUT_DIR must be new, empty, or an earlier "
                    "student copy (which is replaced). Exit 0: written; 2: cannot be written.")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(func=cmd_build_student)

    p = sub.add_parser(
        "share", help="write an anonymised copy of a log to send to an instructor",
        description="Write an anonymised copy of a practice-interview log. By default it holds only the "
                    "structured columns (dates, status, kind, channel, sector, counts, yes/no answers): people "
                    "become Person 01, Person 02 ... (the same person always the same pseudonym, so referral "
                    "chains survive) and organisations Organisation A, B ...; role, feedback, insights, notes "
                    "and any column the log format does not know are left out. --include COLUMN adds one of "
                    "them after the detector has replaced the names, organisations, e-mail addresses, phone "
                    "numbers, links and handles it finds (it cannot recognise every name). Every row is kept. "
                    "Exit 0: written; 1: the copy still looks personal (nothing written); 2: the log cannot be "
                    "read or the copy cannot be written.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--out", required=True, metavar="SHARED.csv", help="the file to write the copy to")
    p.add_argument("--include", action="append", metavar="COLUMN",
                   help="also share this free-text column, scrubbed (repeat for more): e.g. --include insights")
    p.add_argument("--strike", action="append", metavar="WORD",
                   help="also replace this word or phrase wherever it appears (repeat for more)")
    p.set_defaults(func=cmd_share)
    return parser



def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
