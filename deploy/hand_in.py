"""Hand in your shared (anonymised) log to your instructor on the class hub.

First make the shared copy (the Share button in the log lesson, or ``python -m helpers share``):
it is ``shared_log.csv`` in your work folder. Then, in a terminal in your JupyterLab::

    python ~/interview-workshop/deploy/hand_in.py              # hand in (again: replaces it)
    python ~/interview-workshop/deploy/hand_in.py --withdraw   # take your hand-in back

or in a notebook cell::

    from deploy.hand_in import hand_in
    print(hand_in().message)

It copies that file into your own hand-in folder on the hub, ``WORKSHOP_DROP_DIR/<your user
name>/shared_log.csv``, and with it ``shared_readiness.json`` when the share wrote one beside it:
your readiness check as numbers and dates only (when, the day, a whole number per statement;
a file holding anything more is not handed in). The hub makes that folder for you before each start of your JupyterLab:
it belongs to you, your instructors' group can read it, and no other learner can open it (nor
list the drop folder to see who else handed in). Your instructors read only this folder; they
have no access to your JupyterLab, your home or your work folder.

Only the Python standard library is used (the lessons' detector is used when it can be imported).
"""
from __future__ import annotations

import argparse
import os
import pwd
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

SHARED_NAME = "shared_log.csv"        # what the share writes in the work folder, and the hand-in's name
READINESS_NAME = "shared_readiness.json"   # helpers.sharing.SHARED_READINESS: written beside it
READINESS_WHENS = ("before", "after", "after-interview")
# As helpers.core.ratings (ID_PATTERN, ID_MAX, RATING_MAX): this script runs on the hub without the
# package, so it keeps its own copy; tests/sharing/test_readiness_share.py holds them equal.
READINESS_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
READINESS_ID_MAX = 40
READINESS_RATING_MAX = 100
MAX_BYTES = 5 * 1024 * 1024           # a shared log is a few kilobytes; refuse anything huge


@dataclass
class HandIn:
    """What a hand-in (or a withdrawal) did: ``ok``, one message for the learner, the file."""

    ok: bool
    message: str
    path: Path | None = None


def my_name() -> str:
    """The user name of the account running this (not an environment variable anyone can set)."""
    return pwd.getpwuid(os.getuid()).pw_name


def drop_dir(drop: str | Path | None = None) -> Path | None:
    value = str(drop or os.environ.get("WORKSHOP_DROP_DIR", "")).strip()
    return Path(value) if value else None


def my_box(drop: str | Path | None = None) -> Path | None:
    """This account's own hand-in folder, ``DROP/<user name>`` (None off the hub)."""
    folder = drop_dir(drop)
    return folder / my_name() if folder else None


def _workspace_file() -> Path:
    folder = os.environ.get("INTERVIEW_WORKSPACE", "").strip()
    return Path(folder).expanduser() / SHARED_NAME if folder else Path.home() / "informational-interview-work" / SHARED_NAME


def _detector_findings(path: Path) -> list[str] | None:
    """What the lessons' detector still finds in the file; None when the helpers are not importable."""
    try:
        from helpers import sharing as share
    except ImportError:
        return None
    return list(share.check_shared(path))


def readiness_problem(data: bytes) -> str:
    """Why a shared readiness file may not be handed in ("" when it holds numbers and dates only).

    >>> readiness_problem(b'{"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": 2}}]}')
    ''
    >>> readiness_problem(b'{"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": "x"}}]}')
    'it holds something other than numbers and dates'
    """
    import json
    import re

    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "it is not a readable readiness file"
    if not isinstance(obj, dict) or set(obj) != {"version", "takings"} or not isinstance(obj["takings"], list):
        return "it is not a readiness file"
    def is_day(text: object) -> bool:
        import datetime

        try:
            datetime.date.fromisoformat(str(text))
        except ValueError:
            return False
        return True

    for item in obj["takings"]:
        if (not isinstance(item, dict) or set(item) != {"when", "date", "ratings"}
                or item["when"] not in READINESS_WHENS or not isinstance(item["date"], str)
                or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date"]) or not is_day(item["date"])
                or not isinstance(item["ratings"], dict)
                or not all(isinstance(k, str) and re.fullmatch(READINESS_ID, k) and len(k) <= READINESS_ID_MAX
                           and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= READINESS_RATING_MAX
                           for k, v in item["ratings"].items())):
            return "it holds something other than numbers and dates"
    return ""


def _write_private(box: Path, name: str, data: bytes) -> None:
    """Write ``data`` to ``box/name`` atomically, readable by you and your instructors' group."""
    target = box / name
    tmp = box / f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o640)
        try:
            os.fchmod(fd, 0o640)   # you and your instructors' group (the folder's), nobody else
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def hand_in(source: str | Path | None = None, drop: str | Path | None = None) -> HandIn:
    """Copy the shared log ``source`` (default: ``shared_log.csv`` in the work folder) into this
    account's hand-in folder, replacing an earlier hand-in, with the readiness file beside it
    (``shared_readiness.json``) when there is one. Nothing else is copied."""
    box = my_box(drop)
    if box is None:
        return HandIn(False, "There is no hand-in folder here: handing in works on the class hub "
                             "(WORKSHOP_DROP_DIR is not set). Off the hub, send your shared_log.csv "
                             "to your instructor the way they asked.")
    source = Path(source).expanduser() if source else _workspace_file()
    if not source.is_file():
        return HandIn(False, f"There is no shared copy to hand in yet ({source} does not exist). Make "
                             "it first with the Share button in the log lesson (or `python -m helpers "
                             "share`), then hand in again.")
    data = source.read_bytes()[:MAX_BYTES + 1]
    if len(data) > MAX_BYTES:
        return HandIn(False, f"{source.name} is larger than {MAX_BYTES // 1024 // 1024} MB, so it is not a "
                             "shared log; nothing was handed in. Make the shared copy again.")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return HandIn(False, f"{source.name} is not a text (CSV) file; nothing was handed in. Make the "
                             "shared copy again with the Share button.")
    findings = _detector_findings(source)
    if findings:
        return HandIn(False, "Nothing was handed in: the shared copy still seems to hold someone's "
                             "details. " + " ".join(findings[:5]))
    if not box.is_dir():
        return HandIn(False, f"Your hand-in folder {box} does not exist. Stop and start your server "
                             "(File > Hub Control Panel), or ask the person who runs the hub.")
    readiness_file = source.with_name(READINESS_NAME)
    readiness = readiness_file.read_bytes()[:MAX_BYTES + 1] if readiness_file.is_file() else None
    if readiness is not None:
        why = "it is too large" if len(readiness) > MAX_BYTES else readiness_problem(readiness)
        if why:
            return HandIn(False, f"Nothing was handed in: {READINESS_NAME} cannot go ({why}). Share again "
                                 "with the Share button, which writes it as numbers and dates only.")
    target = box / SHARED_NAME
    try:
        _write_private(box, SHARED_NAME, data)
        if readiness is not None:
            _write_private(box, READINESS_NAME, readiness)
        else:
            (box / READINESS_NAME).unlink(missing_ok=True)   # an earlier one must not outlive its share
    except OSError as exc:
        return HandIn(False, f"Handing in failed: {exc.strerror or exc} ({box}). Try again; if it fails "
                             "twice, ask the person who runs the hub.")
    checked = "" if findings is not None else " (The lessons' privacy check could not be run here.)"
    also = (f" With it: your readiness check as numbers and dates only ({READINESS_NAME})."
            if readiness is not None else "")
    return HandIn(True, f"Handed in {source.name} ({len(data)} bytes) to your instructors.{also} Only they "
                        "and you can read it; hand in again to replace it, or take it back with "
                        f"--withdraw.{checked}", target)


def withdraw(drop: str | Path | None = None) -> HandIn:
    """Remove this account's hand-in (the next collection then drops it too)."""
    box = my_box(drop)
    if box is None:
        return HandIn(False, "There is no hand-in folder here (WORKSHOP_DROP_DIR is not set).")
    target = box / SHARED_NAME
    try:
        (box / READINESS_NAME).unlink(missing_ok=True)
        target.unlink()
    except FileNotFoundError:
        return HandIn(True, "You have nothing handed in.", None)
    except OSError as exc:
        return HandIn(False, f"Taking your hand-in back failed: {exc.strerror or exc}.")
    return HandIn(True, "Your hand-in is taken back. Your instructor's next collection removes "
                        "their copy of it too.", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hand in your shared (anonymised) log to your instructors.")
    parser.add_argument("file", nargs="?", default=None,
                        help=f"the shared log (default: {SHARED_NAME} in your work folder)")
    parser.add_argument("--withdraw", action="store_true", help="take your hand-in back")
    args = parser.parse_args(argv)
    result = withdraw() if args.withdraw else hand_in(args.file)
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
