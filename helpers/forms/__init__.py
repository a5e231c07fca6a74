"""The ipywidgets views: thin forms over the plain functions in ``helpers``.

Each activity has its own module here (``questions``, ``emails``, ...) declaring its form
builders in ``__all__``; ``from helpers import forms`` then ``forms.question_form()`` finds
them without importing every activity up front.
"""
from __future__ import annotations

import importlib

from ._base import Form, build, button, choice, text

_MODULES = ["start", "quiz", "questions", "emails", "referrals", "logbook", "insights", "reflection"]

__all__ = ["Form", "build", "button", "choice", "text"]


def __getattr__(name: str):
    for module_name in _MODULES:
        full = f"{__name__}.{module_name}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                continue
            raise
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"helpers.forms has no form named {name!r}")
