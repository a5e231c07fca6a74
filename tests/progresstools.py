"""Workspaces in known states for the progress tests (tests/progress, tests/browser): written the
way the lessons write them, so progress reads them as it reads a learner's."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import questions, quiz


def _write(workspace: Path, name: str, data: dict) -> None:
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / name).write_text(json.dumps(data), encoding="utf-8")


def _readiness(workspace: Path, *whens: str) -> None:
    _write(workspace, "readiness.json", {"version": 1, "takings": [
        {"key": f"2026-03-0{n}-{w}-1", "when": w, "date": f"2026-03-0{n}", "ratings": {"request-email": 3}}
        for n, w in enumerate(whens, 1)]})


def _quiz(workspace: Path, ids: list[str]) -> None:
    _write(workspace, "quiz.json", {"version": 1, "answers": {
        i: {"prompt": i, "letter": "A", "choice": "x", "correct": True} for i in ids}, "reflections": {}})


def _questions(workspace: Path, per_group: int, findings: int = 1) -> None:
    qs = [{"id": n, "category": g, "text": f"What do you find hardest about {g} work, number {k}?"}
          for n, (g, k) in enumerate(((g, k) for g in questions.bank().ids() for k in range(per_group)), 1)]
    _write(workspace, "questions.json", {"version": 1, "questions": qs, "next_id": {"questions": len(qs) + 1}})
    _write(workspace, "research.json", {"version": 1, "research": [
        {"id": n, "topic": "Nursing", "finding": "Wards are short of night staff."} for n in range(1, findings + 1)],
        "next_id": {"research": findings + 1}})


def _first_half(workspace: Path) -> None:
    """Lessons 00 and 01 done, 02 started, the rest untouched."""
    _readiness(workspace, "before")
    _quiz(workspace, [q.id for q in quiz.questions()])
    _questions(workspace, per_group=0)


def _everything(workspace: Path) -> None:
    from helpers import log

    _readiness(workspace, "before", "after")
    _quiz(workspace, [q.id for q in quiz.questions()])
    _questions(workspace, per_group=2)  # 8 questions, two in each group
    from helpers import emails
    for kind in ("request", "thank_you"):
        assert emails.STORE.put("drafts", {"kind": kind, "subject": "Hello", "body": "Dear Sam"}).saved
    from helpers import referrals
    assert referrals.STORE.put("ask", {"id": "ask", "targets": ["Ana"], "field": "nursing",
                                       "script": "Is there anyone else I should talk to?"}).saved
    from helpers import conversation
    assert conversation.STORE.put("runs", {"persona": "amina-pharmacist", "run": {}, "score": 5, "of": 8}).saved
    from helpers import insights
    assert insights.STORE.add("insights", {"id": 1, "sentence": "Small clinics hire from within."}).saved
    _write(workspace, "reflection.json", {"version": 1,
                                          "people": [{"id": 1, "who": "Aunt Jo", "relationship": "family",
                                                      "kind": "practice", "why": "kind"}],
                                          "questions": [{"id": "q1", "text": "What is a typical day?"}],
                                          "plan": {"uncomfortable": "calling", "supports": ["a friend"]}})
    import datetime as dt
    assert log.add_entry({"date": "2026-03-02", "contact": "Sam Lee", "organisation": "Leeds General",
                          "status": "requested"}, today=dt.date(2026, 3, 2)).saved
