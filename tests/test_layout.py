"""The layout keeps the architecture (docs/architecture.md): layers, one folder per activity, no
import circle, logic without widgets, activities that meet only in the core.

Every ``import`` counts, also one inside a function: a lazy import is still a dependency.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELPERS = ROOT / "helpers"

#: Bottom to top. A module may import its own layer and the layers below it, never above.
FOUNDATION = {"helpers.core", "helpers.workspace", "helpers.content", "helpers.display", "helpers.widgets",
              "helpers.pages"}
#: The learner's activities: each one folder, its logic, content schema and view together.
ACTIVITIES = {"log", "questions", "emails", "referrals", "conversation", "insights", "reflection", "quiz",
              "sharing", "selfcheck", "readiness"}
#: What assembles the activities: the registry, the workbook, the classroom, the lesson index, the
#: command line and the index of forms.
COURSE = {"helpers", "helpers.activities", "helpers.portfolio", "helpers.classroom", "helpers.lessons",
          "helpers.progress", "helpers.appview", "helpers.cli", "helpers.forms", "helpers.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(HELPERS.rglob("*.py")) if "__pycache__" not in p.parts}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str) -> tuple[set[str], set[str]]:
    """(helpers modules it imports, other top-level packages it imports), lazy imports included."""
    path = MODULES[module]
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            if not target.startswith("helpers"):
                outside.add(target.split(".")[0])
                continue
            named = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
            inside.update(named or [target])
            if named and len(named) < len(node.names):
                inside.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                (inside if alias.name.startswith("helpers") else outside).add(
                    alias.name if alias.name.startswith("helpers") else alias.name.split(".")[0])
    inside.discard(module)
    return {m for m in inside if m in MODULES}, outside


GRAPH = {m: imports(m)[0] for m in MODULES}


def layer(module: str) -> tuple[int, str]:
    """(level, unit): 0 foundation, 1 an activity (unit = its package), 2 the course."""
    for name in FOUNDATION:
        if module == name or module.startswith(name + "."):
            return 0, name
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ACTIVITIES:
        return 1, ".".join(parts[:2])
    for name in COURSE:
        if module == name or (name != "helpers" and module.startswith(name + ".")):
            return 2, name
    raise AssertionError(f"{module} is in no layer: add it to tests/test_layout.py and docs/architecture.md")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_no_import_circle() -> None:
    assert cycles(GRAPH) == []


def test_the_check_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in sorted(graph.items()):
        level, unit = layer(module)
        for target in sorted(targets):
            t_level, t_unit = layer(target)
            if t_level > level:
                wrong.append(f"{module} imports {target}, a layer above it")
            elif level == 1 and t_level == 1 and t_unit != unit:
                wrong.append(f"{module} imports {target}: activities meet only in helpers.core")
    return wrong


def test_nothing_imports_upward_and_activities_meet_only_in_the_core() -> None:
    assert layer_violations(GRAPH) == []


@pytest.mark.parametrize("graph, expected", [
    ({"helpers.log.view": {"helpers.questions"}}, "activities meet only in helpers.core"),
    ({"helpers.core.text": {"helpers.log"}}, "a layer above it"),
    ({"helpers.quiz": {"helpers.activities"}}, "a layer above it"),
    ({"helpers.cli": {"helpers.log", "helpers.core"}, "helpers.log": {"helpers.core.text"}}, None),
])
def test_the_layer_check_catches_a_wrong_import(graph, expected) -> None:
    found = layer_violations(graph)
    assert (found == []) if expected is None else (len(found) == 1 and expected in found[0])


def test_logic_never_imports_widgets() -> None:
    """Only views (``view.py``, ``*_view.py``), the form base and the index of forms use ipywidgets."""
    def is_view(module: str) -> bool:
        leaf = module.rsplit(".", 1)[-1]
        return leaf == "view" or leaf.endswith("_view") or module in ("helpers.widgets", "helpers.forms")

    wrong = [m for m in MODULES if not is_view(m) and "ipywidgets" in imports(m)[1]]
    assert wrong == []


def test_each_activity_is_one_folder() -> None:
    for name in ACTIVITIES - {"selfcheck"}:
        assert (HELPERS / name / "__init__.py").is_file(), name


def test_no_family_of_modules_named_by_prefix() -> None:
    """No two modules in one folder share a name's first word (``log_read``, ``log_checks``):
    such a family is a package waiting to be made. A view beside its logic (``x``, ``x_view``)
    and a package's own ``view`` are the pattern, not a family."""
    by_folder: dict[Path, list[str]] = defaultdict(list)
    for path in MODULES.values():
        if path.name != "__init__.py":
            by_folder[path.parent].append(path.stem)
    families = []
    for folder, names in by_folder.items():
        stems = defaultdict(set)
        for name in names:
            stems[re.sub(r"_view$", "", name).split("_")[0]].add(re.sub(r"_view$", "", name))
        families += [f"{folder.relative_to(ROOT)}: {sorted(group)}" for group in stems.values() if len(group) > 1]
    assert families == []
