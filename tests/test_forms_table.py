"""The one table of view modules in helpers.forms agrees with what each module declares."""
from __future__ import annotations

import importlib
import pkgutil

import helpers.forms as forms


def test_the_table_lists_every_view_module_and_its_forms() -> None:
    found = {m.name for m in pkgutil.iter_modules(forms.__path__) if not m.name.startswith("_")}
    assert set(forms.VIEWS) == found
    for module, names in forms.VIEWS.items():
        assert tuple(importlib.import_module(f"helpers.forms.{module}").__all__) == names, module


def test_a_form_loads_only_its_own_module() -> None:
    import subprocess
    import sys

    code = ("import sys; from helpers import forms; forms.quiz_form; "
            "print(sorted(m for m in sys.modules if m.startswith('helpers.forms.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(out) == ["helpers.forms._base", "helpers.forms.quiz"]
