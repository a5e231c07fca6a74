"""Collect the learners' handed-in (anonymised) logs from the class hub's drop folder.

A learner makes a shared copy of their log (the Share button in the lessons, or ``python -m
helpers share``) and hands it in (``deploy/hand_in.py``): it lands in their own folder of the
drop, ``WORKSHOP_DROP_DIR/<learner>/shared_log.csv``. An instructor then runs this in their own
JupyterLab on the hub, in a terminal::

    python ~/interview-workshop/deploy/collect_shared_logs.py

or in a notebook::

    from deploy.collect_shared_logs import collect
    print(collect().message())

The files go to ``CLASS_LOGS_DIR`` (``~/class-logs`` for instructors on the hub), the folder the
class-summary notebook reads, or to ``--into FOLDER``, each as ``<learner>.csv``, so the class
summary (``notebooks/instructor/01-class-summary.ipynb``) can say whom to nudge; a learner's
readiness check, when handed in, goes beside it as ``<learner>.readiness.json``.

It reads the drop folder and nothing else: no hub API, no learner's server, home or work
folder (the instructor's account has no access to any of them). Reading the drop works only for
accounts in the instructors' Unix group. A hand-in counts only when the learner's own account
owns both their folder and the file in it, so nobody can hand in under another learner's name;
a learner who took their hand-in back has their earlier collected copy removed.

Only the Python standard library is used.
"""
from __future__ import annotations

import argparse
import os
import pwd
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHARED_NAME = "shared_log.csv"       # deploy/hand_in.py's SHARED_NAME
READINESS_NAME = "shared_readiness.json"   # deploy/hand_in.py's READINESS_NAME (numbers and dates only)
MAX_BYTES = 5 * 1024 * 1024          # a shared log is a few kilobytes; refuse anything huge


@dataclass
class Collected:
    """What a collection did: files saved and, per learner, why nothing was collected."""

    folder: Path
    saved: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def message(self) -> str:
        lines = [f"Collected {len(self.saved)} shared log(s) into {self.folder}."]
        lines += [f"- {m}" for m in self.missing]
        return "\n".join(lines)


def file_stem(user: str) -> str:
    """A safe file name for a hub user name.

    >>> file_stem("amina"), file_stem("a.b@example.org"), file_stem("..")
    ('amina', 'a.b_example.org', 'learner')
    """
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", user).strip(".")
    return stem or "learner"


def _uid_of(name: str) -> int | None:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def _read_hand_in(box: Path, owner: int, name: str = SHARED_NAME) -> tuple[bytes | None, str]:
    """The hand-in in ``box`` as bytes, or (None, why not). Links and foreign files are refused."""
    try:
        fd = os.open(box / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None, "has not handed in a log yet (the Share button, then hand_in.py)."
    except OSError as exc:
        return None, f"their hand-in could not be opened ({exc.strerror}); ask them to hand in again."
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != owner:
            return None, "their hand-in is not a file of their own; ask them to hand in again."
        if info.st_size > MAX_BYTES:
            return None, f"their hand-in is larger than {MAX_BYTES // 1024 // 1024} MB; not copied."
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)[:MAX_BYTES], ""
    finally:
        os.close(fd)


def _save(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.replace(tmp, target)


def collect(into: str | Path | None = None, drop: str | Path | None = None,
            learners: list[str] | None = None) -> Collected:
    """Copy each learner's hand-in into ``into`` (created if needed); return what happened.

    ``into`` defaults to ``CLASS_LOGS_DIR``, else ``~/class-logs``; ``drop`` to
    ``WORKSHOP_DROP_DIR``; ``learners`` (the class list, to name who has not handed in) to
    ``WORKSHOP_LEARNERS``, else the learners' folders found in the drop.
    """
    drop_value = str(drop or os.environ.get("WORKSHOP_DROP_DIR", "")).strip()
    if not drop_value:
        raise RuntimeError("Run this in your own JupyterLab on the class hub: the drop folder was not "
                           "found (WORKSHOP_DROP_DIR is not set).")
    drop_dir = Path(drop_value)
    try:
        found = sorted(entry for entry in os.listdir(drop_dir) if not entry.startswith("."))
    except PermissionError:
        raise RuntimeError(f"Reading the drop folder {drop_dir} was refused: only accounts in the "
                           "instructors' group can collect.") from None
    except FileNotFoundError:
        found = []   # no learner has started their JupyterLab yet
    if learners is None:
        learners = os.environ.get("WORKSHOP_LEARNERS", "").replace(",", " ").split()
    names = sorted(set(learners)) if learners else found
    folder = Path(into or os.environ.get("CLASS_LOGS_DIR") or "~/class-logs").expanduser()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    result = Collected(folder)
    for name in names:
        target = folder / f"{file_stem(name)}.csv"
        owner = _uid_of(name)
        box = drop_dir / name
        try:
            info = box.lstat()
        except FileNotFoundError:
            info = None
        if owner is None or info is None or not stat.S_ISDIR(info.st_mode):
            result.missing.append(f"{name}: has not started their JupyterLab on the hub yet.")
            continue
        if info.st_uid != owner:
            result.missing.append(f"{name}: their hand-in folder does not belong to them; skipped "
                                  "(ask the person who runs the hub).")
            continue
        data, why = _read_hand_in(box, owner)
        if data is None:
            result.missing.append(f"{name}: {why}")
            if "has not handed in" in why and target.exists():   # they took it back
                target.unlink()
                result.removed.append(target)
                (folder / f"{file_stem(name)}.readiness.json").unlink(missing_ok=True)
            continue
        _save(target, data)
        result.saved.append(target)
        ratings_target = folder / f"{file_stem(name)}.readiness.json"
        ratings, _why = _read_hand_in(box, owner, READINESS_NAME)
        if ratings is not None:
            _save(ratings_target, ratings)     # the class summary checks it holds numbers and dates only
        elif ratings_target.exists():
            ratings_target.unlink()            # not handed in (any more) with this log
    for name in sorted(set(found) - set(names)):
        result.missing.append(f"{name}: has a hand-in folder but is not on the class list; skipped.")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Collect the learners' handed-in logs from the class hub.")
    parser.add_argument("--into", default=None,
                        help="folder to save them in (default: $CLASS_LOGS_DIR, else ~/class-logs)")
    parser.add_argument("--drop", default=None, help="the drop folder (default: $WORKSHOP_DROP_DIR)")
    args = parser.parse_args(argv)
    try:
        result = collect(args.into, drop=args.drop)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(result.message())
    return 0


if __name__ == "__main__":
    sys.exit(main())
