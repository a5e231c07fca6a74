"""Instructor commands for ``python -m helpers``: check-content, build-student, share.

``check-content [DIR]``          every mistake in the lesson content files (exit 0 clean, 1 problems,
                                 2 the folder cannot be used)
``build-student OUT_DIR``        student copies of the lessons: solution and instructor cells removed,
                                 outputs cleared (exit 0 written, 2 cannot be written)
``share LOG.csv --out SHARED.csv`` an anonymised copy of a log to send to an instructor
                                 (exit 0 written, 1 the copy still looks personal, 2 unreadable input)

:func:`register` adds them to the main parser in ``helpers/__main__.py``.
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import content

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
    if problems:
        print(f"{len(problems)} problem(s) in {folder}; fix them and run check-content again.", file=sys.stderr)
        return 1
    print(f"{folder}: the content files have no problems.", file=sys.stderr)
    return 0


def cmd_build_student(args: argparse.Namespace) -> int:
    from . import student

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
    from . import log as logmod
    from . import share

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


def register(subparsers: "argparse._SubParsersAction") -> None:
    """Add the instructor subcommands to ``python -m helpers``'s parser."""
    p = subparsers.add_parser(
        "check-content", help="check the lesson content files (quiz, question bank, templates ...)",
        description="Check every lesson content file (TOML) in a folder: syntax, missing fields, quiz "
                    "answers, placeholders, workshop timings. Prints each problem on its own line, naming "
                    "the file, the line or entry and the fix. Exit 0: no problems; 1: problems found; "
                    "2: the folder cannot be used.")
    p.add_argument("folder", metavar="DIR", nargs="?", default=None,
                   help="the content folder to check (default: data/content, or INTERVIEW_CONTENT when set)")
    p.set_defaults(func=cmd_check_content)

    p = subparsers.add_parser(
        "build-student", help="write student copies of the lessons (no solution or instructor cells)",
        description="Write student copies of every lesson to OUT_DIR: cells tagged 'solution' or "
                    "'instructor' removed, nbgrader '### BEGIN SOLUTION' regions replaced by a stub, "
                    "outputs cleared; plus helpers/, data/ and the set-up files so the copy runs. "
                    "notebooks/instructor/ is not copied. OUT_DIR must be new, empty, or an earlier "
                    "student copy (which is replaced). Exit 0: written; 2: cannot be written.")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(func=cmd_build_student)

    p = subparsers.add_parser(
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


def main(argv: list[str] | None = None) -> int:
    """Run only the instructor commands (the same as ``python -m helpers`` once registered)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor_cli",
                                     description="Instructor tools for the Informational Interview Workshop.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
