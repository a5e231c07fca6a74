"""The ipywidgets views: thin forms over the plain functions in ``helpers``.

Each activity has its own module here (``questions``, ``emails``, ...) declaring its form
builders in ``__all__``; ``from helpers import forms`` then ``forms.question_form()`` finds
them without importing every activity up front.
"""
from __future__ import annotations

import importlib

from ._base import Form, build, button, choice, text

_MODULES = ["start", "quiz", "questions", "emails", "referrals", "conversation", "logbook", "sharing", "insights",
            "reflection", "printables", "facilitator", "class_summary"]

__all__ = ["Form", "build", "button", "choice", "text"]


def __getattr__(name: str):
    broken: list[str] = []
    for module_name in _MODULES:
        full = f"{__name__}.{module_name}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                continue
            broken.append(f"{module_name}: {exc}")
            continue
        except Exception as exc:  # one broken activity must not break every other lesson
            broken.append(f"{module_name}: {type(exc).__name__}: {exc}")
            continue
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    hint = f" (these form modules failed to load: {'; '.join(broken)})" if broken else ""
    raise AttributeError(f"helpers.forms has no form named {name!r}{hint}")
