"""The command line: ``python -m helpers --help``.

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
import sys

from . import log as logmod


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14") from None


def cmd_check(args: argparse.Namespace) -> int:
    try:
        lg = logmod.load(args.log, name=args.log)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in lg.problems:
        print(problem)
    for warning in lg.warnings:
        print(f"{warning} (warning)")
    if lg.warnings:
        print(f"{len(lg.warnings)} warning(s): rows that may repeat one interview under two statuses.",
              file=sys.stderr)
    if lg.problems:
        print(f"{len(lg.problems)} problem(s) in {args.log}; fix them and run check again.", file=sys.stderr)
        return 1
    print(f"{args.log}: {len(lg.data)} interviews, no problems found.", file=sys.stderr)
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from . import summaries

    try:
        lg = logmod.load_many(args.logs)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if lg.problems:
        print(f"note: {len(lg.problems)} problem(s) found; cells with a problem are left out of the "
              f"figures. Run 'python -m helpers check' on each file to see them.", file=sys.stderr)
    try:
        print(summaries.report_text(lg, as_of=args.as_of))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error, and no traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from . import nextactions

    try:
        lg = logmod.load(args.log, name=args.log)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    today = args.as_of or dt.date.today()
    if lg.problems:
        print(f"note: {len(lg.problems)} problem(s) found; cells with a problem are left out. Run "
              f"'python -m helpers check {args.log}' to see them.", file=sys.stderr)
    try:
        print(nextactions.text(nextactions.next_actions(lg.data, today), today))
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from . import calendar_ics

    try:
        lg = logmod.load(args.log, name=args.log)
    except logmod.LogFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = calendar_ics.write(lg.data, args.out, args.as_of or dt.date.today())
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 2


def cmd_lessons(args: argparse.Namespace) -> int:
    from . import lessons

    print(lessons.markdown_table(link_prefix=args.prefix))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers",
                                     description="Informational Interview Workshop: tools for logs and lessons.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("check", help="report problems in a practice-interview log",
                       description="Check a practice-interview log. Prints each problem on its own line "
                                   "starting 'row N'. Exit 0: no problems; 1: problems found; 2: the file "
                                   "cannot be read.")
    p.add_argument("log", metavar="LOG.csv")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("summary", help="print the summary tables of one or more logs",
                       description="Print the summary tables of one or more practice-interview logs.")
    p.add_argument("logs", metavar="LOG.csv", nargs="+")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today for due and overdue follow-ups (default: today)")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("next", help="print the next actions of a log, one a line",
                       description="Print what to do next in a practice-interview log: thank-yous due, "
                                   "check-ins due or overdue, requests with no reply, referrals not yet "
                                   "contacted. One action a line, starting with the kind of action and the "
                                   "person. Exit 2 when the file cannot be read.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today (default: today)")
    p.set_defaults(func=cmd_next)
    p = sub.add_parser("calendar", help="write the open actions of a log as a calendar file (.ics)",
                       description="Write check-ins, follow-ups, thank-you reminders and referrals to "
                                   "contact as all-day events in an .ics file (Google Calendar, Outlook, "
                                   "Apple Calendar). Re-importing a newer file updates the same events.")
    p.add_argument("log", metavar="LOG.csv")
    p.add_argument("--out", required=True, metavar="FILE.ics", help="the calendar file to write")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="the date to treat as today; overdue actions go on that day (default: today)")
    p.set_defaults(func=cmd_calendar)
    p = sub.add_parser("lessons", help="print the table of lessons (markdown) for the README",
                       description="Print a markdown table of the lessons, read from the notebooks' first cells.")
    p.add_argument("--prefix", default="notebooks/",
                   help="path from the page to the notebooks folder (default: notebooks/)")
    p.set_defaults(func=cmd_lessons)
    from .instructor_cli import register as register_instructor_commands

    register_instructor_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
