"""The one table of views in helpers.forms agrees with what each view module declares."""
from __future__ import annotations

import importlib
import pkgutil

import helpers
import helpers.forms as forms


def _view_modules() -> set[str]:
    """Every module under helpers/ whose name says it is a view (``view`` or ``*_view``)."""
    return {m.name for m in pkgutil.walk_packages(helpers.__path__, "helpers.")
            if m.name.rsplit(".", 1)[-1] == "view" or m.name.endswith("_view")}


def test_the_table_lists_every_view_module_and_its_forms() -> None:
    assert set(forms.VIEWS) == _view_modules()
    for module, names in forms.VIEWS.items():
        assert tuple(importlib.import_module(module).__all__) == names, module


def test_a_form_loads_only_its_own_module() -> None:
    import subprocess
    import sys

    code = ("import sys; from helpers import forms; forms.quiz_form; "
            "print(sorted(m for m in sys.modules if m.endswith('view')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(out) == ["helpers.quiz.view"]
