"""The readiness check's data contract (helpers.core.ratings): append-only takings, damaged files."""
from __future__ import annotations

import datetime as dt
import json

from helpers.core import ratings

MON = dt.date(2026, 3, 2)
LATER = dt.date(2026, 3, 16)


def saved(workspace) -> dict:
    return json.loads((workspace / "readiness.json").read_text(encoding="utf-8"))


def test_no_file_means_no_takings_and_no_problem(workspace):
    assert ratings.takings() == [] and ratings.health() is None
    assert ratings.first("before") is None and ratings.latest() is None
    assert ratings.numbers_only([]) == []


def test_takings_are_added_in_date_order_and_never_overwritten(workspace):
    assert ratings.add("after", {"a": 4}, today=LATER).saved
    assert ratings.add("before", {"a": 2}, today=MON).saved
    again = ratings.add("before", {"a": 3}, today=MON)
    assert again.saved and again.item["key"] == "2026-03-02-before-2"
    assert [(t.when, t.ratings["a"]) for t in ratings.takings()] == [("before", 2), ("before", 3), ("after", 4)]
    assert ratings.first("before").ratings == {"a": 2} and ratings.latest("before").ratings == {"a": 3}
    assert ratings.latest(("after", "after-interview")).date == LATER
    assert len(saved(workspace)["takings"]) == 3 and saved(workspace)["version"] == 1


def test_numbers_only_keeps_when_date_and_whole_numbers():
    t = ratings.Taking("before", MON, {"a": 2, "b": True}, key="secret")  # type: ignore[dict-item]
    assert ratings.numbers_only([t]) == [{"when": "before", "date": "2026-03-02", "ratings": {"a": 2}}]
    assert t.label == "before the lessons"


def test_a_wrong_shape_is_refused_and_nothing_written(workspace):
    out = ratings.add("someday", {"a": 2.5, "b": "3"}, today=MON)
    assert not out.saved and out.codes == ["unknown_when", "not_a_number", "not_a_number"]
    assert ratings.add("before", {}, today=MON).codes == ["no_ratings"]
    assert not (workspace / "readiness.json").exists()


def test_a_damaged_file_gives_the_stores_problem_never_a_traceback(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "readiness.json").write_text('{"takings": [', encoding="utf-8")
    assert ratings.takings() == [] and ratings.health().code == "damaged_file"
    out = ratings.add("before", {"a": 2}, today=MON)
    assert not out.saved and out.codes == ["damaged_file"] and "Move it aside" in out.message
    assert (workspace / "readiness.json").read_text(encoding="utf-8") == '{"takings": ['


def test_a_taking_with_a_bad_rating_or_date_is_a_wrong_shape(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    for bad in ({"ratings": {"a": "high"}}, {"date": "2 March"}, {"when": "later"}, {"ratings": {}}):
        record = {"key": "k", "when": "before", "date": "2026-03-02", "ratings": {"a": 2}, **bad}
        (workspace / "readiness.json").write_text(json.dumps({"version": 1, "takings": [record]}), encoding="utf-8")
        assert ratings.health().code == "wrong_shape", bad
        assert "taking 1 is damaged" in ratings.health().what
    assert ratings.STORE.move_aside().changed and ratings.takings() == [] and ratings.health() is None
