"""Collect the learners' shared (anonymised) logs from their servers on the class JupyterHub.

A learner shares their log with the Share button in the lessons (or ``share_learner_log()``),
which writes ``shared_log.csv`` into their own work folder. An instructor then runs this in
their own JupyterLab on the hub, in a terminal::

    python ~/interview-workshop/deploy/collect_shared_logs.py

or in a notebook::

    from deploy.collect_shared_logs import collect
    print(collect().message())

The files go to ``CLASS_LOGS_DIR`` (``~/class-logs`` for instructors on the hub), the folder the
class-summary notebook reads, or to ``--into FOLDER``.

It asks the hub who is in the ``learners`` group, and reads each learner's ``shared_log.csv``
through their running server, with the instructor's own permissions (the ``instructor`` role
in ``deploy/jupyterhub_config.py``): nothing is read as root, and a learner who has not
shared yet is listed, not guessed at. Each file is saved as ``<hub user name>.csv``, so the
class summary (``notebooks/instructor/01-class-summary.ipynb``) can say whom to nudge; the
people and organisations inside are already pseudonyms.

Only the Python standard library is used.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

SHARED_NAME = "shared_log.csv"       # helpers.share.SHARED_NAME
GROUP = "learners"                   # the group in deploy/jupyterhub_config.py
MAX_BYTES = 5 * 1024 * 1024          # a shared log is a few kilobytes; refuse anything huge


@dataclass
class Collected:
    """What a collection did: files saved and, per learner, why nothing was collected."""

    folder: Path
    saved: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [f"Collected {len(self.saved)} shared log(s) into {self.folder}."]
        lines += [f"- {m}" for m in self.missing]
        return "\n".join(lines)


def _get(url: str, token: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def file_stem(user: str) -> str:
    """A safe file name for a hub user name.

    >>> file_stem("amina"), file_stem("a.b@example.org"), file_stem("..")
    ('amina', 'a.b_example.org', 'learner')
    """
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", user).strip(".")
    return stem or "learner"


def collect(into: str | Path | None = None, group: str = GROUP, hub_url: str | None = None,
            api_url: str | None = None, token: str | None = None,
            work_folder: str | None = None) -> Collected:
    """Copy each learner's shared log into ``into`` (created if needed); return what happened.

    ``into`` defaults to ``CLASS_LOGS_DIR``, else ``~/class-logs``.

    ``hub_url``, ``api_url``, ``token`` and ``work_folder`` default to what the hub gives the
    instructor's server: ``WORKSHOP_HUB_URL``, ``JUPYTERHUB_API_URL``, ``JUPYTERHUB_API_TOKEN``
    and ``WORKSHOP_WORK_FOLDER``.
    """
    hub_url = (hub_url or os.environ.get("WORKSHOP_HUB_URL") or os.environ.get("JUPYTERHUB_PUBLIC_URL", "")).rstrip("/")
    api_url = (api_url or os.environ.get("JUPYTERHUB_API_URL", "")).rstrip("/")
    token = token or os.environ.get("JUPYTERHUB_API_TOKEN", "")
    work_folder = work_folder or os.environ.get("WORKSHOP_WORK_FOLDER", "informational-interview-work")
    if not (hub_url and api_url and token):
        raise RuntimeError("Run this in your own JupyterLab on the class hub: the hub's address and "
                           "your access token were not found (WORKSHOP_HUB_URL, JUPYTERHUB_API_URL, "
                           "JUPYTERHUB_API_TOKEN).")
    folder = Path(into or os.environ.get("CLASS_LOGS_DIR") or "~/class-logs").expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    result = Collected(folder)

    status, body = _get(f"{api_url}/groups/{urllib.parse.quote(group)}", token)
    if status != 200:
        raise RuntimeError(f"The hub refused to list the group '{group}' ({status}). Is your account "
                           f"in the 'instructors' group of the hub's configuration?")
    learners = sorted(json.loads(body).get("users", []))
    for name in learners:
        status, body = _get(f"{api_url}/users/{urllib.parse.quote(name)}", token)
        server = (json.loads(body).get("servers") or {}).get("") if status == 200 else None
        if not server or not server.get("ready"):
            result.missing.append(f"{name}: their server is not running; ask them to log in, then collect again.")
            continue
        path = urllib.parse.quote(f"{work_folder}/{SHARED_NAME}")
        status, body = _get(f"{hub_url}/user/{urllib.parse.quote(name)}/api/contents/{path}"
                            "?type=file&format=text&content=1", token)
        if status == 404:
            result.missing.append(f"{name}: has not shared a log yet (the Share button in the lessons).")
            continue
        if status != 200:
            result.missing.append(f"{name}: their server refused ({status}); check your instructor role.")
            continue
        if len(body) > MAX_BYTES:
            result.missing.append(f"{name}: the shared file is larger than {MAX_BYTES // 1024 // 1024} MB; not copied.")
            continue
        text = json.loads(body).get("content") or ""
        target = folder / f"{file_stem(name)}.csv"
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, target)
        result.saved.append(target)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Collect the learners' shared logs from the class hub.")
    parser.add_argument("--into", default=None,
                        help="folder to save them in (default: $CLASS_LOGS_DIR, else ~/class-logs)")
    parser.add_argument("--group", default=GROUP, help=f"the hub group of learners (default {GROUP})")
    args = parser.parse_args(argv)
    try:
        result = collect(args.into, group=args.group)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(result.message())
    return 0


if __name__ == "__main__":
    sys.exit(main())
