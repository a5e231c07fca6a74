"""The one registry of activities: which lessons have which activity, content and saved files.

The workbook export, ``python -m helpers check-content`` and the start-over button all read
this list; nothing else keeps a list of activities. Activity modules are imported normally.

Each activity module provides:

- ``check_content() -> list[str]``: every mistake in its content files (file, entry, fix);
- ``export() -> helpers.core.export.Section | None``: what the learner saved, as plain blocks
  for the workbook (None when nothing is saved);
- ``STORES``: the :class:`helpers.core.store.Store` objects holding its saved work.

>>> [a.key for a in ACTIVITIES][:3]
['quiz', 'questions', 'emails']
>>> all(callable(a.module.check_content) for a in ACTIVITIES)
True
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from helpers import conversation, emails, insights, questions, quiz, readiness, referrals, reflection
from helpers.classroom import facilitator
from helpers.core import region, settings
from .core import export as _export


@dataclass(frozen=True)
class Activity:
    key: str                      # short name: "questions"
    title: str                    # the workbook's heading for it
    lesson: str                   # the notebook that teaches it
    module: ModuleType            # the plain-function module
    content: tuple[str, ...] = ()  # content files it reads (names in data/content/, without .toml)

    def check_content(self) -> list[str]:
        return list(self.module.check_content())

    def export(self) -> "_export.Section | None":
        """What the learner saved, as a Section (falls back to the module's plain-text export)."""
        make = getattr(self.module, "export", None)
        if callable(make):
            return make()
        text = getattr(self.module, "export_text", None)
        body = text() if callable(text) else ""
        if not body or not str(body).strip():
            return None
        return _export.Section(self.title, [_export.Paragraph(str(body).strip())], lesson=self.lesson)

    def stores(self) -> list[Any]:
        return list(getattr(self.module, "STORES", ()))


ACTIVITIES: tuple[Activity, ...] = (
    Activity("quiz", "Self-check", "01-why-informational-interviews.ipynb", quiz, ("quiz",)),
    Activity("questions", "Research to questions", "02-research-to-questions.ipynb", questions, ("question_bank",)),
    Activity("emails", "Asking and thanking", "03-asking-and-thanking.ipynb", emails, ("email_templates",)),
    Activity("referrals", "Referrals and follow-up", "04-referrals-and-follow-up.ipynb", referrals, ("referrals",)),
    Activity("conversation", "Practising the conversation", "05-the-conversation.ipynb", conversation,
             ()),  # reads the persona files in data/content/personas/
    Activity("insights", "What I have learned", "07-sharing-what-you-learned.ipynb", insights, ("insights",)),
    Activity("reflection", "Exercises and reflection", "08-exercises-and-reflection.ipynb", reflection,
             ("exercises",)),
    Activity("readiness", "Readiness check", "08-exercises-and-reflection.ipynb", readiness, ("readiness",)),
)


#: Stores that belong to the whole workspace rather than one activity (the learner's settings).
WORKSPACE_STORES: tuple[Any, ...] = tuple(settings.STORES)


def all_stores() -> list[Any]:
    """Every JSON store the lessons keep (each activity's, then the workspace's own)."""
    return [s for a in ACTIVITIES for s in a.stores()] + list(WORKSPACE_STORES)


def get(key: str) -> Activity:
    """The activity with this key (KeyError names the known ones)."""
    for activity in ACTIVITIES:
        if activity.key == key:
            return activity
    raise KeyError(f"no activity {key!r}; known: {', '.join(a.key for a in ACTIVITIES)}")


def content_files() -> dict[str, str]:
    """Content file name -> the activity key that reads it (plus the facilitator's plans)."""
    files = {name: a.key for a in ACTIVITIES for name in a.content}
    files["workshop"] = "facilitator"
    files["instructor_notes"] = "facilitator"
    files["jobask_examples"] = "job-ask examples"  # the instructor's labelled examples (scripts/train_coach.py)
    files["class"] = "class settings"  # country, date style, the word for a CV (helpers.core.region)
    return files


def content_checks() -> list[tuple[str, Any]]:
    """(what, check) for every content file the lessons read: each activity's check_content and
    the facilitator guide's workshop plans. ``python -m helpers check-content`` runs these."""
    checks: list[tuple[str, Any]] = [(a.key, a.check_content) for a in ACTIVITIES]
    checks.append(("facilitator", facilitator.check_content))
    checks.append(("job-ask examples", _check_jobask_examples))
    checks.append(("class settings", region.check_content))
    return checks


def _check_jobask_examples() -> list[str]:
    """The instructor's labelled job-ask examples (data/content/jobask_examples.toml)."""
    from . import content
    from helpers.core.jobask import model as jobask_model

    try:
        data = content.load("jobask_examples")
    except content.ContentError as exc:
        return [str(exc)]
    return jobask_model.check_examples(data, str(content.file_path("jobask_examples")))
