"""The ipywidgets views: thin forms over the plain functions in ``helpers``.

Each view module here (``questions``, ``emails``, ...) declares its form builders in
``__all__``; ``from helpers import forms`` then ``forms.question_form()`` imports only the
module that holds that form. The table below is the one list of views: a lesson loads only
the libraries its own forms need (importing every view would add about a second to each
lesson's start), and ``tests/test_forms_table.py`` keeps the table equal to the modules'
``__all__``.
"""
from __future__ import annotations

import importlib

from ._base import Form, build, button, choice, guarded, text, unavailable

#: view module -> the forms it holds (each module's ``__all__``)
VIEWS: dict[str, tuple[str, ...]] = {
    "start": ("widget_check_form", "workbook_export_form", "start_over_form", "workspace_view",),
    "quiz": ("quiz_form", "quiz_notes_form",),
    "questions": ("research_form", "question_form", "bank_view", "questions_view", "rubric_view",),
    "emails": ("email_form", "request_email_form", "follow_up_email_form", "thank_you_email_form", "email_example", "email_html",),
    "referrals": ("referral_ask_form", "checkin_form", "settings_form", "referral_example", "checkin_example", "script_html", "plans_html",),
    "conversation": ("practice_form",),
    "logbook": ("log_entry_form", "log_update_form", "log_view", "next_actions_view", "calendar_button",),
    "sharing": ("share_log_button", "share_form", "highlight_html", "parse_rows",),
    "insights": ("insight_form", "earlier_insights_view", "checked_examples",),
    "reflection": ("exercise_people_form", "exercise_questions_form", "exercise_support_form",),
    "printables": ("printables_form",),
    "facilitator": ("plan_view", "notes_view",),
    "class_summary": ("status_html", "show_status", "show_overview", "show_practice", "show_referrals", "show_habits", "show_nudges",),
}
_WHERE = {name: module for module, names in VIEWS.items() for name in names}

__all__ = ["Form", "build", "button", "choice", "guarded", "text", "unavailable", *_WHERE]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"helpers.forms has no form named {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value   # the next lookup is a plain attribute
    return value
