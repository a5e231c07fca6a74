"""Set up a class on the hub's server (run as root, before starting the hub).

    python3 deploy/setup_class.py --learners 'amina ben chloe' --instructors 'pat'

or with the same WORKSHOP_... variables the hub reads (deploy/jupyterhub_config.py)::

    WORKSHOP_LEARNERS='amina ben chloe' WORKSHOP_INSTRUCTORS='pat' python3 deploy/setup_class.py

It makes, and leaves alone what is already there:

- one Unix account with a private home folder (0700) for each learner and instructor, each with
  a password of its own, chosen at random and printed once, here, for you to hand to that
  person privately (nothing else keeps it; they can change it with ``passwd`` in a JupyterLab
  terminal). Existing accounts keep their password unless named in ``--new-password``;
- the instructors' Unix group (``WORKSHOP_INSTRUCTOR_GROUP``, default ``workshop-instructors``),
  with every instructor in it and no learner;
- the drop folder (``WORKSHOP_DROP_DIR``, default ``/srv/interview-workshop/hand-in``): owner
  root, the instructors' group, mode 0751. The hub makes each learner's folder in it.

Only the Python standard library and the system's ``useradd``, ``usermod``, ``gpasswd``,
``groupadd`` and ``chpasswd`` are used.
"""
from __future__ import annotations

import argparse
import grp
import os
import pwd
import secrets
import subprocess
import sys
from pathlib import Path

DEFAULT_GROUP = "workshop-instructors"
DEFAULT_DROP = "/srv/interview-workshop/hand-in"
WORDS_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"   # no 0/o, 1/l: easy to read off a slip


def new_password(length: int = 14) -> str:
    """A random password that is easy to copy from a slip of paper.

    >>> len(new_password()), set(new_password()) <= set(WORDS_ALPHABET + "-")
    (16, True)
    """
    raw = "".join(secrets.choice(WORDS_ALPHABET) for _ in range(length))
    return "-".join(raw[i:i + 5] for i in range(0, length, 5))


def _run(cmd: list[str], stdin: str | None = None) -> None:
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def set_password(name: str, password: str) -> None:
    _run(["chpasswd"], stdin=f"{name}:{password}\n")


def set_up(learners: list[str], instructors: list[str], group: str = DEFAULT_GROUP,
           drop: str | Path = DEFAULT_DROP, homes: str | Path | None = None,
           new_passwords: list[str] | None = None) -> dict[str, str]:
    """Make the accounts, the group and the drop folder; return {name: password} for the
    accounts given a password now (new ones, and those in ``new_passwords``)."""
    if os.geteuid() != 0:
        raise RuntimeError("run this as root: it makes Unix accounts and the drop folder")
    if not learners:
        raise RuntimeError("name the learners (--learners or WORKSHOP_LEARNERS)")
    both = set(learners) & set(instructors)
    if both:
        raise RuntimeError(f"these names are both learners and instructors: {', '.join(sorted(both))}")
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", group])
    issued: dict[str, str] = {}
    for name in learners + instructors:
        if not _exists(name):
            cmd = ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", "workshop hub account"]
            if homes:
                cmd += ["--home-dir", str(Path(homes) / name)]
            _run(cmd + [name])
            issued[name] = new_password()
        elif name in (new_passwords or []):
            issued[name] = new_password()
        os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
    for name, password in issued.items():
        set_password(name, password)
    gid = grp.getgrnam(group).gr_gid
    for name in instructors:
        _run(["usermod", "--append", "--groups", group, name])
    for name in learners:
        account = pwd.getpwnam(name)
        if gid in os.getgrouplist(name, account.pw_gid):
            _run(["gpasswd", "--delete", name, group])   # a learner must not read others' hand-ins
    drop = Path(drop)
    drop.mkdir(parents=True, exist_ok=True)
    os.chown(drop, 0, gid)
    os.chmod(drop, 0o751)
    return issued


def main(argv: list[str] | None = None) -> int:
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Make a class's accounts, passwords, group and drop folder.")
    parser.add_argument("--learners", default=env("WORKSHOP_LEARNERS", ""), help="learners' user names")
    parser.add_argument("--instructors", default=env("WORKSHOP_INSTRUCTORS", ""), help="instructors' user names")
    parser.add_argument("--group", default=env("WORKSHOP_INSTRUCTOR_GROUP", "") or DEFAULT_GROUP)
    parser.add_argument("--drop", default=env("WORKSHOP_DROP_DIR", "") or DEFAULT_DROP)
    parser.add_argument("--new-password", nargs="*", default=[], metavar="NAME",
                        help="issue a new password to these existing accounts")
    args = parser.parse_args(argv)
    split = lambda text: text.replace(",", " ").split()  # noqa: E731
    try:
        issued = set_up(split(args.learners), split(args.instructors), args.group, args.drop,
                        new_passwords=args.new_password)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if issued:
        print("Hand each person their own password, privately (it is not stored anywhere else):")
        for name, password in issued.items():
            print(f"  {name:20} {password}")
    else:
        print("No new accounts; no passwords issued.")
    print(f"Instructors' group: {args.group}. Drop folder: {args.drop}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
