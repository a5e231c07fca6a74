"""One store per activity file: validated on read, keyed records, safe when two saves meet.

A :class:`Store` is one file in the learner's workspace holding one or more named
collections of records (plain dicts). Every change is a read-modify-write done under a
cross-process file lock (``filelock``), so two kernels or two browser tabs never lose each
other's saves; the file is written atomically (temporary file + ``os.replace``), the previous
version is kept in ``backups/`` (so every change can be undone), and the record is read back
from disk before the :class:`~helpers.core.result.Result` is returned.

A file in a shape the code does not expect is never overwritten: every action returns a
``Result`` whose problem (code ``damaged_file`` or ``wrong_shape``) names the file and says how
to move it aside (``store.move_aside()``, which keeps it in ``backups/``) and start fresh.

>>> s = Store("example.json", {"notes": Collection(fields={"text": str}, auto_id=True)}, label="notes")
>>> s.add("notes", {"text": "Hello"}).item
{'id': 1, 'text': 'Hello'}
>>> s.records("notes")
[{'id': 1, 'text': 'Hello'}]
>>> s.remove("notes", 1).changed, s.records("notes")
(True, [])
>>> s.undo().changed, s.records("notes")
(True, [{'id': 1, 'text': 'Hello'}])
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from filelock import FileLock, Timeout

from .. import workspace
from .result import Problem, Result

BACKUPS = "backups"
HISTORY = 30          #: earlier versions of each file kept in backups/<file>/ (oldest dropped)
LOCK_TIMEOUT = 15.0   #: seconds to wait for another save of the same file

Check = Callable[[dict, list], tuple[list[Problem], list]]


class StoreError(Exception):
    """The file cannot be used as it is. ``problem`` says which file, what is wrong, the fix."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem.what) + ". " + problem.fix)
        self.problem = problem


@dataclass(frozen=True)
class Collection:
    """One list of records in a store file.

    ``key``: the field that identifies a record; ``fields``: required fields and their types
    (a type or a tuple of types); ``optional``: fields that may be absent, with their types;
    ``auto_id``: the store gives each new record the next whole number (never reused).
    """

    key: str = "id"
    fields: Mapping[str, Any] = field(default_factory=dict)
    optional: Mapping[str, Any] = field(default_factory=dict)
    auto_id: bool = False


class JsonCodec:
    """Store files as JSON (the default)."""

    suffix = ".json"

    def decode(self, data: bytes) -> Any:
        return json.loads(data.decode("utf-8-sig"))

    def encode(self, data: Any) -> bytes:
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _is_type(value: Any, kind: Any) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


class Store:
    """A workspace file of keyed records. See the module docstring."""

    def __init__(self, filename: str, collections: Mapping[str, Collection], *, label: str,
                 version: int = 1, codec: Any = None):
        if Path(filename).name != filename:
            raise ValueError(f"store file names are plain names: {filename!r}")
        self.filename = filename
        self.collections = dict(collections)
        self.label = label          # what the learner calls it: "your saved questions"
        self.version = version
        self.codec = codec or JsonCodec()

    # -- where ------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return workspace.path(self.filename)

    def _folder(self, create: bool = True) -> Path:
        """The folder the file, its lock and its backups live in (the workspace; a store for a
        file elsewhere overrides this)."""
        return workspace.folder(create=create)

    def _lock(self) -> FileLock:
        return FileLock(str(self._folder() / f".{self.filename}.lock"), timeout=LOCK_TIMEOUT, mode=0o600)

    # -- reading ----------------------------------------------------------------------------
    def empty(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version}
        for name, coll in self.collections.items():
            data[name] = []
            if coll.auto_id:
                data.setdefault("next_id", {})[name] = 1
        return data

    def _problem(self, code: str, what: str) -> Problem:
        fix = (f"Nothing was changed, and nothing will be written over it. Move it aside to start "
               f"{self.label} afresh (the file is kept in backups/): click “Move it aside” where the "
               f"lesson shows this message")
        return Problem("file", "", what, fix, code)

    def validate(self, data: Any) -> dict[str, Any]:
        """Check a decoded file's shape; return it normalised or raise :class:`StoreError`."""
        if not isinstance(data, dict):
            raise StoreError(self._problem("wrong_shape", f"{self.path} does not hold {self.label} "
                                                          "in the shape this lesson expects"))
        out = dict(data)
        for name, coll in self.collections.items():
            items = out.get(name, [])
            if not isinstance(items, list):
                raise StoreError(self._problem("wrong_shape", f"{self.path} does not hold {self.label} "
                                                              f"(its '{name}' is not a list)"))
            seen: set[Any] = set()
            for n, item in enumerate(items, 1):
                bad = not isinstance(item, dict)
                if not bad:
                    key = item.get(coll.key)
                    bad = key is None or (coll.auto_id and not _is_type(key, int)) or key in seen
                    seen.add(key)
                if not bad:
                    bad = not all(f in item and _is_type(item[f], t) for f, t in coll.fields.items())
                if not bad:
                    bad = not all(_is_type(item[f], t) for f, t in coll.optional.items()
                                  if f in item and item[f] is not None)
                if bad:
                    need = ", ".join([coll.key, *coll.fields])
                    raise StoreError(self._problem(
                        "wrong_shape", f"{self.path}: entry {n} of '{name}' is damaged (each entry needs "
                                       f"{need}, and a key of its own)"))
            out[name] = items
            if coll.auto_id:
                ids = out.setdefault("next_id", {})
                if _is_type(ids, int):   # an older file kept one whole number for its one list
                    ids = out["next_id"] = {name: ids}
                elif not isinstance(ids, dict):
                    ids = out["next_id"] = {}
                top = max((i[coll.key] for i in items), default=0)
                if not _is_type(ids.get(name), int) or ids[name] <= top:
                    ids[name] = top + 1
        return out

    def _read_file(self) -> dict[str, Any]:
        path = self.path
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return self.empty()
        except IsADirectoryError:
            raise StoreError(self._problem("wrong_shape", f"{path} is a folder, not a file")) from None
        except OSError as exc:
            raise StoreError(Problem("file", str(path), f"could not be read ({exc.strerror})",
                                     "Check that the workspace folder is yours and readable", "unreadable_file")) from None
        try:
            decoded = self.codec.decode(raw)
        except StoreError:
            raise
        except (ValueError, UnicodeDecodeError) as exc:
            detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            raise StoreError(self._problem("damaged_file", f"{path} is damaged and could not be read "
                                                           f"({detail})")) from None
        return self.validate(decoded)

    def read(self) -> dict[str, Any]:
        """The whole file, validated (a copy). Raises :class:`StoreError`."""
        return self._read_file()

    def records(self, collection: str) -> list[dict[str, Any]]:
        """The records of one collection, oldest first (copies). Raises :class:`StoreError`."""
        return copy.deepcopy(self._read_file()[collection])

    def get(self, collection: str, key: Any) -> dict[str, Any] | None:
        """One record by its key, or None."""
        coll = self.collections[collection]
        return next((copy.deepcopy(r) for r in self._read_file()[collection] if r.get(coll.key) == key), None)

    def health(self) -> Problem | None:
        """None when the file can be read (or does not exist yet); else the problem to show."""
        try:
            self._read_file()
        except StoreError as exc:
            return exc.problem
        return None

    # -- writing ----------------------------------------------------------------------------
    def _backup(self) -> None:
        path = self.path
        if not path.exists():
            return
        folder = self._folder() / BACKUPS / self.filename
        folder.mkdir(parents=True, exist_ok=True)
        workspace.atomic_write_bytes(folder / f"{_stamp()}-{self.filename}", path.read_bytes())
        kept = sorted(folder.glob(f"*-{self.filename}"))
        for old in kept[:-HISTORY]:
            old.unlink(missing_ok=True)

    def _write(self, data: dict[str, Any]) -> None:
        self._backup()
        data = {"version": self.version, **{k: v for k, v in data.items() if k != "version"}}
        workspace.atomic_write_bytes(self.path, self.codec.encode(data))

    def transact(self, change: Callable[[dict[str, Any]], Result], *, verb: str = "saved") -> Result:
        """Run ``change(data)`` under the lock on a fresh read of the file.

        ``change`` edits ``data`` in place and returns a Result; the file is written only when
        that Result says ``changed``. Problems reading, locking or writing become a refused
        Result (nothing lost), never an exception.
        """
        try:
            lock = self._lock()
            with lock:
                data = self._read_file()
                result = change(data)
                if result.changed and not result.problems:
                    self._write(data)
                    self._read_file()  # read back: what is on disk now is whole and valid
                return result
        except StoreError as exc:
            return Result.refused([exc.problem], verb=verb,
                                  message=f"Nothing was {verb}: {exc.problem.what}. {exc.problem.fix}")
        except Timeout:
            p = Problem("file", str(self.path), "is busy: another save of it did not finish",
                        "Wait a moment and try again; if it persists, restart the kernel", "busy")
            return Result.refused([p], verb=verb)
        except workspace.WorkspaceError as exc:
            return Result.refused([exc.problem], verb=verb, message=f"Nothing was {verb}: {exc}")
        except OSError as exc:
            p = workspace.os_problem(exc, self.path)
            return Result.refused([p], verb=verb, message=f"Nothing was {verb}: {p.what}. {p.fix}")

    def _find(self, data: dict, collection: str, key: Any) -> dict | None:
        coll = self.collections[collection]
        return next((r for r in data[collection] if r.get(coll.key) == key), None)

    def add(self, collection: str, record: Mapping[str, Any], *, check: Check | None = None,
            noun: str = "entry", same: Callable[[dict, dict], bool] | None = None) -> Result:
        """Add a record. ``check(record, existing) -> (problems, advice)`` runs on the fresh file
        under the lock; ``same(a, b)`` finds a record that already says this (nothing is added)."""
        coll = self.collections[collection]
        new = dict(record)

        def change(data: dict) -> Result:
            existing = data[collection]
            problems, advice = check(new, copy.deepcopy(existing)) if check else ([], [])
            if problems:
                return Result.refused(problems, advice=advice)
            twin = next((r for r in existing if same and same(r, new)), None)
            if twin is not None:
                return Result.unchanged(copy.deepcopy(twin), f"Already saved as {noun} {twin[coll.key]}: "
                                                             "nothing new to save.", advice=advice)
            if coll.auto_id:
                new[coll.key] = data["next_id"][collection]
                data["next_id"][collection] += 1
                new_sorted = {coll.key: new.pop(coll.key), **new}
                new.clear()
                new.update(new_sorted)
            elif self._find(data, collection, new.get(coll.key)) is not None:
                p = Problem(coll.key, str(new.get(coll.key)), f"is already the key of a saved {noun}",
                            "Change it, or replace the saved one", "duplicate_key")
                return Result.refused([p], advice=advice)
            existing.append(new)
            return Result.done(copy.deepcopy(new), f"Saved as {noun} {new[coll.key]}.", advice=advice)

        result = self.transact(change)
        return self._read_back(result, collection)

    def replace(self, collection: str, key: Any, changes: Mapping[str, Any], *,
                check: Check | None = None, noun: str = "entry") -> Result:
        """Change fields of the record with this key (``changes`` is merged into it)."""
        coll = self.collections[collection]

        def change(data: dict) -> Result:
            found = self._find(data, collection, key)
            if found is None:
                return Result.refused([self._missing(collection, key, noun)], verb="changed")
            updated = {**found, **dict(changes), coll.key: key}
            others = [r for r in data[collection] if r is not found]
            problems, advice = check(updated, copy.deepcopy(others)) if check else ([], [])
            if problems:
                return Result.refused(problems, advice=advice, verb="changed")
            if updated == found:
                return Result.unchanged(copy.deepcopy(found), f"Nothing changed: {noun} {key} already says that.",
                                        advice=advice)
            found.clear()
            found.update(updated)
            return Result.done(copy.deepcopy(found), f"Updated {noun} {key}.", advice=advice)

        return self._read_back(self.transact(change, verb="changed"), collection)

    def put(self, collection: str, record: Mapping[str, Any], *, check: Check | None = None,
            noun: str = "entry") -> Result:
        """Add the record, or replace the one with the same key (for one-per-kind records)."""
        coll = self.collections[collection]
        new = dict(record)

        def change(data: dict) -> Result:
            found = self._find(data, collection, new.get(coll.key))
            others = [r for r in data[collection] if r is not found]
            problems, advice = check(new, copy.deepcopy(others)) if check else ([], [])
            if problems:
                return Result.refused(problems, advice=advice)
            if found == new:
                return Result.unchanged(copy.deepcopy(found), f"Already saved: this {noun} is unchanged.",
                                        advice=advice)
            if found is None:
                data[collection].append(new)
            else:
                found.clear()
                found.update(new)
            return Result.done(copy.deepcopy(new), f"Saved your {noun}.", advice=advice)

        return self._read_back(self.transact(change), collection)

    def remove(self, collection: str, key: Any, *, noun: str = "entry") -> Result:
        """Remove the record with this key (the previous file is kept in backups/)."""
        def change(data: dict) -> Result:
            found = self._find(data, collection, key)
            if found is None:
                return Result.refused([self._missing(collection, key, noun)], verb="deleted")
            data[collection] = [r for r in data[collection] if r is not found]
            return Result.done(copy.deepcopy(found), f"Deleted {noun} {key}. (An earlier version is kept "
                                                     "in backups/ if you need it back.)")

        return self.transact(change, verb="deleted")

    def _missing(self, collection: str, key: Any, noun: str) -> Problem:
        return Problem("pick", str(key), f"{noun} {key} is not saved", f"Choose one of your saved {noun}s",
                       "not_found")

    def _read_back(self, result: Result, collection: str) -> Result:
        """Replace ``result.item`` by the record as it now is on disk."""
        if not result.saved or not isinstance(result.item, dict):
            return result
        coll = self.collections[collection]
        try:
            disk = self.get(collection, result.item.get(coll.key))
        except StoreError as exc:  # pragma: no cover - written a moment ago under the lock
            return Result.refused([exc.problem])
        if disk is None and result.changed:  # pragma: no cover
            p = Problem("file", str(self.path), "did not hold the entry after saving",
                        "Try again; tell your instructor if it happens twice", "not_read_back")
            return Result.refused([p])
        result.item = disk if disk is not None else result.item
        return result

    # -- history and recovery ---------------------------------------------------------------
    def history(self) -> list[Path]:
        """Earlier versions of this file kept in backups/, oldest first."""
        folder = self._folder(create=False) / BACKUPS / self.filename
        return sorted(folder.glob(f"*-{self.filename}")) if folder.exists() else []

    def undo(self) -> Result:
        """Put back the version before the last change (the current one is kept as well)."""
        try:
            with self._lock():
                versions = self.history()
                if not versions:
                    p = Problem("file", str(self.path), "has no earlier version to go back to",
                                "Nothing to undo", "nothing_to_undo")
                    return Result.refused([p], verb="undone")
                previous = versions[-1]
                data = previous.read_bytes()
                current = self.path.read_bytes() if self.path.exists() else None
                workspace.atomic_write_bytes(self.path, data)
                # the undone version is kept too (so undo itself can be undone by hand)
                aside = previous.with_name(previous.name.replace(f"-{self.filename}", f"-undone-{self.filename}"))
                if current is not None:
                    workspace.atomic_write_bytes(aside, current)
                previous.unlink()
                return Result.done(None, f"Went back to the version of {self.path.name} from before the last change.")
        except (OSError, Timeout, workspace.WorkspaceError) as exc:
            p = workspace.os_problem(exc, self.path) if isinstance(exc, OSError) else Problem(
                "file", str(self.path), "could not be changed now", "Try again in a moment", "busy")
            return Result.refused([p], verb="undone")

    def move_aside(self) -> Result:
        """Move this file into backups/ (kept, never deleted) so the activity starts fresh."""
        try:
            with self._lock():
                path = self.path
                if not path.exists():
                    return Result.unchanged(None, f"There is no {path.name} to move: {self.label} start fresh.")
                folder = self._folder() / BACKUPS / "moved-aside"
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / f"{_stamp()}-{self.filename}"
                os.replace(os.path.realpath(path), target) if not path.is_symlink() else (
                    workspace.atomic_write_bytes(target, path.read_bytes()), path.unlink())
                return Result.done(str(target), f"Moved {path.name} to {target} (kept). {self.label.capitalize()} "
                                                "start fresh now.")
        except (OSError, Timeout, workspace.WorkspaceError) as exc:
            p = workspace.os_problem(exc, self.path) if isinstance(exc, OSError) else Problem(
                "file", str(self.path), "could not be moved now", "Try again in a moment", "busy")
            return Result.refused([p], verb="moved")


def safe_name(text: str) -> str:
    """A file-name-safe version of a short id (letters, digits, - and _)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "item"
