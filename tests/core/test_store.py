"""The one store: keyed records, read back, never written over when damaged, and nothing lost
when two processes save at the same time."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import workspace as ws
from helpers.core.store import Collection, Store

ROOT = Path(__file__).resolve().parents[2]


def notes() -> Store:
    return Store("notes.json", {"notes": Collection(fields={"text": str}, auto_id=True)}, label="your notes")


def test_add_replace_remove_read_back(workspace: Path) -> None:
    s = notes()
    first = s.add("notes", {"text": "one"})
    assert first.saved and first.changed and first.item == {"id": 1, "text": "one"}
    assert s.replace("notes", 1, {"text": "uno"}).item == {"id": 1, "text": "uno"}
    same = s.replace("notes", 1, {"text": "uno"})
    assert same.saved and not same.changed
    assert s.remove("notes", 7).codes == ["not_found"]
    assert s.remove("notes", 1).changed and s.records("notes") == []
    assert s.add("notes", {"text": "two"}).item["id"] == 2  # ids are never reused
    assert len(s.history()) == 3  # every earlier version is kept (one a write)


@pytest.mark.parametrize("body, code", [
    (b"{not json", "damaged_file"),
    (b"\xff\xfe\x00", "damaged_file"),
    (b"[1, 2, 3]", "wrong_shape"),
    (b'{"notes": {"a": 1}}', "wrong_shape"),
    (b'{"notes": [{"id": 1}]}', "wrong_shape"),
    (b'{"notes": [{"id": 1, "text": "a"}, {"id": 1, "text": "b"}]}', "wrong_shape"),
])
def test_damaged_file_is_never_overwritten(workspace: Path, body: bytes, code: str) -> None:
    s = notes()
    s.path.parent.mkdir(parents=True, exist_ok=True)
    s.path.write_bytes(body)
    result = s.add("notes", {"text": "new"})
    assert not result.saved and result.codes == [code]
    assert s.path.read_bytes() == body
    assert s.health().code == code
    moved = s.move_aside()
    assert moved.ok and Path(moved.item).read_bytes() == body  # kept, never deleted
    assert s.add("notes", {"text": "new"}).saved


def test_symlinked_file_stays_a_symlink(workspace: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "notes.json"
    real.parent.mkdir()
    s = notes()
    s.add("notes", {"text": "a"})
    real.write_bytes(s.path.read_bytes())
    s.path.unlink()
    s.path.symlink_to(real)
    assert s.add("notes", {"text": "b"}).saved
    assert s.path.is_symlink() and len(json.loads(real.read_text())["notes"]) == 2


def test_read_only_workspace_is_a_problem_not_a_traceback(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = notes()
    s.add("notes", {"text": "a"})
    before = s.path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)  # what a read-only folder does to a save (root ignores chmod)
    result = s.add("notes", {"text": "b"})
    assert result.codes == ["workspace_readonly"] and not result.saved
    assert s.path.read_bytes() == before
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert ws.problem().code == "workspace_readonly"


def test_uncreatable_workspace(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(ws.ENV_VAR, str(blocker / "work"))
    assert notes().add("notes", {"text": "a"}).codes == ["workspace_uncreatable"]
    assert ws.problem().code == "workspace_uncreatable"


WRITER = textwrap.dedent("""
    import sys
    from helpers.core.store import Collection, Store
    s = Store("notes.json", {"notes": Collection(fields={"text": str}, auto_id=True)}, label="notes")
    ok = sum(s.add("notes", {"text": f"{sys.argv[1]} {n}"}).changed for n in range(int(sys.argv[2])))
    print(ok)
""")


def test_two_processes_saving_at_once_lose_nothing(workspace: Path) -> None:
    env = {**os.environ, "INTERVIEW_WORKSPACE": str(workspace), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, name, "200"], env=env, stdout=subprocess.PIPE,
                              text=True) for name in ("a", "b")]
    reported = [int(p.communicate(timeout=240)[0]) for p in procs]
    saved = notes().records("notes")
    assert reported == [200, 200]
    assert len(saved) == 400 and len({r["id"] for r in saved}) == 400


def test_an_older_file_with_one_next_id_keeps_deleted_ids_unused(workspace: Path) -> None:
    s = notes()
    s.path.parent.mkdir(parents=True, exist_ok=True)
    s.path.write_text('{"notes": [{"id": 1, "text": "a"}], "next_id": 5}')
    assert s.add("notes", {"text": "b"}).item["id"] == 5


def test_a_problem_without_a_value_reads_as_a_sentence() -> None:
    from helpers.core import Problem

    assert Problem("text", "", "The question is empty", "Write it in the box", "empty").sentence() == \
        "The question is empty. Write it in the box."
    assert Problem("your_name", "", "is empty", "Fill in your name", "empty").sentence() == \
        "This field is empty. Fill in your name."
