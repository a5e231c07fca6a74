"""The readiness check leaves the workspace as numbers and dates only: in the share, the hand-in
and the collection; free text planted anywhere in the workspace never goes with it."""
from __future__ import annotations

import json
import os
import pwd
import shutil
import sys
from pathlib import Path

import pytest

from helpers import sharing as share
from helpers.sharing.view import share_form

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from deploy import collect_shared_logs, hand_in as hub_hand_in  # noqa: E402

PLANTED = ["Ana Silva", "Bluebird Cafe", "ana@bluebird.example", "felt awkward with Tom", "07700 900123"]
LOG = ("date,contact,organisation,status,notes,insights\n"
       "2026-03-02,Ana Silva,Bluebird Cafe,held,felt awkward with Tom,call 07700 900123\n")
TAKINGS = [
    {"key": "2026-03-02-before-1", "when": "before", "date": "2026-03-02",
     "ratings": {"request-email": 2, "names-at-the-end": 1}, "note": "Ana Silva at Bluebird Cafe"},
    {"key": "2026-03-20-after-1", "when": "after", "date": "2026-03-20",
     "ratings": {"request-email": 4, "names-at-the-end": 3}, "reflection": "ana@bluebird.example"},
]


def plant(workspace: Path, takings: list[dict] | None = None) -> None:
    """A learner's workspace with names and free text everywhere they could be typed."""
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text(LOG, encoding="utf-8")
    data = {"version": 1, "takings": TAKINGS if takings is None else takings}
    (workspace / "readiness.json").write_text(json.dumps(data), encoding="utf-8")
    (workspace / "reflection.json").write_text(json.dumps({"version": 1, "text": "Ana Silva felt awkward with Tom"}),
                                               encoding="utf-8")


def leaving(workspace: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8-sig") for p in sorted(workspace.glob("shared_*")))


def test_the_share_carries_the_ratings_as_numbers_and_dates_only(workspace: Path):
    plant(workspace)
    result = share.share_learner_log()
    assert result.saved, result.message
    assert "readiness check (2 taking(s), numbers and dates only)" in result.message
    sent = json.loads((workspace / share.SHARED_READINESS).read_text(encoding="utf-8"))
    assert sent == {"version": 1, "takings": [
        {"when": "before", "date": "2026-03-02", "ratings": {"request-email": 2, "names-at-the-end": 1}},
        {"when": "after", "date": "2026-03-20", "ratings": {"request-email": 4, "names-at-the-end": 3}}]}
    text = leaving(workspace)
    for planted in PLANTED:
        assert planted not in text
    assert "2026-03-20-after-1" not in text, "not even the store's keys leave"


def test_no_takings_no_readiness_file_and_an_old_one_is_removed(workspace: Path):
    plant(workspace, takings=[])
    (workspace / "readiness.json").unlink()
    (workspace / share.SHARED_READINESS).write_text("{}", encoding="utf-8")
    result = share.share_learner_log()
    assert result.saved and "not taken the readiness check" in result.message
    assert not (workspace / share.SHARED_READINESS).exists()


def test_a_damaged_readiness_file_is_said_and_not_shared(workspace: Path):
    plant(workspace)
    (workspace / "readiness.json").write_text("{not json", encoding="utf-8")
    result = share.share_learner_log()
    assert result.saved and "could not be read, so it is not shared" in result.message
    assert not (workspace / share.SHARED_READINESS).exists()


@pytest.mark.parametrize("bad", [
    {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": "Ana said yes"}}]},
    {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": 2}, "note": "Ana"}]},
    {"version": 1, "takings": [{"when": "before", "date": "2 March", "ratings": {"a": 2}}]},
    {"version": 1, "takings": [{"when": "before", "date": "2026-02-30", "ratings": {"a": 2}}]},
    {"version": 1, "takings": [{"when": "sometime", "date": "2026-03-02", "ratings": {"a": 2}}]},
    {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"Ana Silva": 2}}]},
    {"version": 1, "takings": [], "comment": "Ana"},
    {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": True}}]},
])
def test_anything_but_numbers_and_dates_is_refused_by_every_side(bad: dict):
    assert share.check_readiness(bad, "x") != []
    assert hub_hand_in.readiness_problem(json.dumps(bad).encode()) != ""


def test_the_form_says_exactly_what_goes_before_sending(workspace: Path):
    plant(workspace)
    import html as htmllib

    form = share_form()
    shown = " ".join(htmllib.unescape(str(w.value)) for w in form.widget.children if hasattr(w, "value"))
    assert share.READINESS_PROMISE in shown, "said before anything is previewed or sent"
    form.controls["preview"].click()
    html = form.extras["preview"].value
    assert "Your readiness check as it will be sent" in html and "names-at-the-end" in html
    for planted in PLANTED:
        assert planted not in html.split("Your readiness check as it will be sent")[1]
    form.controls["share"].click()
    assert (workspace / share.SHARED_READINESS).exists()


def test_the_promise_says_numbers_and_dates_only_and_no_free_text():
    assert "numbers and dates only" in share.READINESS_PROMISE
    assert "Nothing you typed goes with it" in share.READINESS_PROMISE


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    drop = tmp_path / "drop"
    box = drop / pwd.getpwuid(os.getuid()).pw_name
    box.mkdir(parents=True)
    monkeypatch.setenv("WORKSHOP_DROP_DIR", str(drop))
    return box


def test_the_hand_in_and_the_collection_carry_the_ratings_and_no_free_text(workspace: Path, hub: Path,
                                                                           tmp_path: Path):
    plant(workspace)
    assert share.share_learner_log().saved
    handed = share.hand_in(workspace / share.SHARED_NAME)
    assert handed.ok and "readiness check as numbers and dates only" in handed.message
    assert sorted(p.name for p in hub.iterdir()) == ["shared_log.csv", "shared_readiness.json"]
    boxed = "\n".join(p.read_text(encoding="utf-8-sig") for p in hub.iterdir())
    for planted in PLANTED:
        assert planted not in boxed
    assert json.loads((hub / "shared_readiness.json").read_text())["takings"][1]["ratings"]["request-email"] == 4

    me = hub.name
    into = tmp_path / "class"
    collect_shared_logs.collect(into, drop=hub.parent, learners=[me])
    stem = collect_shared_logs.file_stem(me)
    assert sorted(p.name for p in into.iterdir()) == [f"{stem}.csv", f"{stem}.readiness.json"]
    from helpers.sharing import class_summary
    cv = class_summary.read_class(into, as_of="2026-04-01")
    assert cv.readiness_refused == {} and len(cv.readiness[stem]) == 2

    # the learner no longer has takings: sharing and handing in again leaves none behind anywhere
    (workspace / "readiness.json").unlink()
    assert share.share_learner_log().saved
    assert share.hand_in(workspace / share.SHARED_NAME).ok
    assert not (hub / "shared_readiness.json").exists()
    collect_shared_logs.collect(into, drop=hub.parent, learners=[me])
    assert not (into / f"{stem}.readiness.json").exists()


def test_a_hand_in_with_free_text_in_the_readiness_file_is_refused_whole(workspace: Path, hub: Path):
    plant(workspace)
    assert share.share_learner_log().saved
    (workspace / share.SHARED_READINESS).write_text(json.dumps(
        {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": 2},
                                    "note": "Ana Silva"}]}), encoding="utf-8")
    handed = share.hand_in(workspace / share.SHARED_NAME)
    assert not handed.ok and "numbers and dates" in handed.message
    assert list(hub.iterdir()) == [], "nothing at all is handed in"


def test_a_class_folder_readiness_file_with_text_is_refused(tmp_path: Path):
    from helpers.sharing import class_summary

    folder = tmp_path / "class"
    shutil.copytree(ROOT / "data" / "sample_class", folder)
    (folder / "amara.readiness.json").write_text(json.dumps(
        {"version": 1, "takings": [{"when": "before", "date": "2026-03-02", "ratings": {"a": "Ana Silva"}}]}),
        encoding="utf-8")
    cv = class_summary.read_class(folder)
    assert "amara.readiness.json" in cv.readiness_refused and "amara" not in cv.readiness
    text = " ".join(t for _, t in cv.status_lines())
    assert "Refused amara.readiness.json" in text and "Ana Silva" not in text


def test_the_hub_script_accepts_the_same_ids_and_ratings_as_the_package():
    from helpers.core import ratings

    assert (hub_hand_in.READINESS_ID, hub_hand_in.READINESS_ID_MAX, hub_hand_in.READINESS_RATING_MAX) == \
        (ratings.ID_PATTERN, ratings.ID_MAX, ratings.RATING_MAX)
    assert tuple(ratings.WHENS) == hub_hand_in.READINESS_WHENS


def test_only_the_class_statements_on_its_scale_leave(workspace):
    # a hand-edited file (or a direct call) holding a name as a key, or a phone number as a rating
    from helpers.core import ratings
    import datetime as dt

    assert ratings.add("before", {"request-email": 2, "omar-haddad-acme": 3, "awkward": 7},
                       today=dt.date(2026, 3, 2)).saved
    assert not ratings.add("before", {"request-email": 447700900123}, today=dt.date(2026, 3, 2)).saved
    items, why = share.readiness_takings()
    assert why == "" and items == [{"when": "before", "date": "2026-03-02", "ratings": {"request-email": 2}}]


def test_a_share_that_fails_removes_the_earlier_copy(workspace):
    from helpers.core import ratings
    import datetime as dt

    assert ratings.add("before", {"request-email": 2}, today=dt.date(2026, 3, 2)).saved
    share.share_readiness()
    target = workspace / share.SHARED_READINESS
    assert target.exists()
    (workspace / "readiness.json").write_text("{not json", encoding="utf-8")
    said = share.share_readiness()
    assert "not shared" in said and not target.exists()
