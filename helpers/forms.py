"""Every form the lessons show, by name: ``from helpers import forms`` then ``forms.question_form()``.

Each activity keeps its form builders in its own package (``helpers/questions/view.py``, ...),
each view module declaring them in ``__all__``. This module is only the index: the table below
is the one list of views, and a name is imported from its module the first time it is asked
for, so a lesson loads only the libraries its own forms need (importing every view would add
about a second to each lesson's start). ``tests/test_forms_table.py`` keeps the table equal to
the modules' ``__all__``.
"""
from __future__ import annotations

import importlib

from helpers.widgets import Form, build, button, choice, guarded, text, unavailable

#: view module -> the forms it holds (each module's ``__all__``)
VIEWS: dict[str, tuple[str, ...]] = {
    "helpers.portfolio.view": ("widget_check_form", "workbook_export_form", "start_over_form", "workspace_view",),
    "helpers.quiz.view": ("quiz_form", "quiz_notes_form",),
    "helpers.questions.view": ("research_form", "question_form", "bank_view", "questions_view", "rubric_view",),
    "helpers.emails.view": ("email_form", "request_email_form", "follow_up_email_form", "thank_you_email_form", "email_example", "email_html",),
    "helpers.referrals.view": ("referral_ask_form", "checkin_form", "settings_form", "referral_example", "checkin_example", "script_html", "plans_html",),
    "helpers.conversation.view": ("practice_form",),
    "helpers.log.view": ("log_entry_form", "log_update_form", "log_view", "next_actions_view", "calendar_button",),
    "helpers.sharing.view": ("share_log_button", "share_form", "highlight_html", "parse_rows",),
    "helpers.insights.view": ("insight_form", "earlier_insights_view", "checked_examples",),
    "helpers.reflection.view": ("exercise_people_form", "exercise_questions_form", "exercise_support_form",),
    "helpers.readiness.view": ("readiness_form", "readiness_change_view",),
    "helpers.classroom.printables_view": ("printables_form",),
    "helpers.classroom.facilitator_view": ("plan_view", "notes_view",),
    "helpers.sharing.class_summary_view": ("status_html", "show_status", "show_overview", "show_practice", "show_referrals", "show_habits", "show_nudges", "readiness_html", "show_readiness", "show_readiness_chart",),
}
_WHERE = {name: module for module, names in VIEWS.items() for name in names}

__all__ = ["Form", "build", "button", "choice", "guarded", "text", "unavailable", *_WHERE]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"helpers.forms has no form named {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value   # the next lookup is a plain attribute
    return value
