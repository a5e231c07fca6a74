"""Every lesson follows the conventions that let a learner who never reads Python do every activity
(issue 15), in JupyterLab and in the app view (Voila):

- every code cell's source is hidden (``metadata.jupyter.source_hidden``), except the one-line calls
  of the appendix, which a learner may edit; the first code cell is the Setup cell, tagged ``setup``;
- the one-line calls for editors without widgets sit in ONE appendix section at the end, opened by
  the heading "## Appendix: the same activities without the forms", every cell of it tagged
  ``appendix`` (the app view leaves those cells out); each of its code lines is a call whose
  arguments are plain values, so a learner changes only text in quotes: no commented-out code to
  un-comment, no loops, comprehensions, unpacking or variables;
- text that only makes sense in a notebook (Shift+Enter, run this cell, remove the ``#``, restart
  the kernel, ...) is only in markdown cells tagged ``notebook-only``: the app view hides those.

A lesson is a ``notebooks/NN-title.ipynb``; the app view's own index page is held to the same rules.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
APP_PAGES = [ROOT / "app" / "index.ipynb"]
APPENDIX_HEADING = "## Appendix: the same activities without the forms"

# Lessons whose owners have not yet converted them, expected to fail for now (not strict). Empty
# since the check at the end of the session on 1 December 2026: every lesson passed, so the test
# is strict for all of them. A lesson may be put back here only while it is being converted.
NOT_YET_CONVERTED: set[str] = set()

# Instructions that only make sense in a notebook's editor. General patterns, not phrases copied
# from the lessons: keys to press, cells to run or edit, the kernel, un-commenting code.
NOTEBOOK_ONLY_TEXT = [
    (re.compile(r"shift\s*[+-]?\s*(enter|return)|ctrl\s*[+-]\s*(enter|return)", re.I), "a key that runs a cell"),
    (re.compile(r"\brun\b[^.!?\n]{0,25}\bcells?\b", re.I), "running cells"),
    (re.compile(r"\b(this|that|the|next|previous|following|grey|gray|code|each|every)\s+cells?\b(?!\s*phone)",
                re.I), "a cell"),
    (re.compile(r"\bcells?\s+(above|below)\b", re.I), "a cell"),
    (re.compile(r"\bremove\b[^.!?\n]{0,15}(`#`|\B#\B|\bhash\b)|\buncomment", re.I), "un-commenting code"),
    (re.compile(r"\bkernel\b", re.I), "the kernel"),
    (re.compile(r"\brun all\b|\brun\s*>\s*run", re.I), "the Run menu"),
]
COMMENTED_CODE = re.compile(r"^\s*#\s*(print\(|[A-Za-z_]\w*(\.\w+)*\s*\(|from \w|import \w|\w+\s*=[^=])")


def cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return nb["cells"]


def tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def hidden(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def where(i: int, cell: dict) -> str:
    first = cell["source"].strip().splitlines()[0][:70] if cell["source"].strip() else ""
    return f"cell {i + 1} ({cell['cell_type']}: {first!r})"


def plain_value(node: ast.AST) -> bool:
    """A value a learner edits as text: a literal, or a list/tuple/dict of literals."""
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def value_problems(node: ast.AST) -> list[str]:
    """What in one value of an appendix line asks a learner to read Python (empty when nothing).

    Allowed: plain values (text, numbers, lists and dicts of them), calls of a helper function
    (``module.function(...)``) with allowed arguments, an attribute of such a call's result
    (``...).message``) and ``a or b`` of allowed values. Anything else (a variable, a
    comprehension, an index, arithmetic, a lambda) needs reading Python."""
    if plain_value(node):
        return []
    if isinstance(node, ast.Call):
        func = node.func
        found = []
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
            found += value_problems(func.value)
        else:
            while isinstance(func, ast.Attribute):
                func = func.value
            if not isinstance(func, ast.Name):
                found.append(f"'{ast.unparse(node.func)[:60]}' is not a plain function name")
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            found += value_problems(arg)
        return found
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
        return value_problems(node.value)
    if isinstance(node, ast.BoolOp):
        return [p for v in node.values for p in value_problems(v)]
    return [f"'{ast.unparse(node)[:60]}' is not plain text, a number or a helper's call"]


def call_problems(node: ast.AST) -> list[str]:
    """One appendix line must be a call (of a helper, or print of one)."""
    if not isinstance(node, ast.Call):
        return [f"'{ast.unparse(node)[:60]}' is not a call"]
    return value_problems(node)


def appendix_code_problems(source: str) -> list[str]:
    problems = []
    for line in source.splitlines():
        if COMMENTED_CODE.match(line):
            problems.append(f"commented-out code a learner would have to un-comment: {line.strip()[:70]!r}")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return problems + [f"not valid Python: {exc.msg}"]
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(stmt, ast.Expr):
            problems += call_problems(stmt.value)
        else:
            problems.append(f"'{ast.unparse(stmt).splitlines()[0][:60]}' is a {type(stmt).__name__}, "
                            "not one call (no assignments, unpacking or loops for learners)")
    return problems


def convention_problems(path: Path) -> list[str]:
    """Every way the notebook breaks the conventions, one readable line each."""
    found: list[str] = []
    all_cells = cells(path)
    code = [(i, c) for i, c in enumerate(all_cells) if c["cell_type"] == "code"]
    starts = [i for i, c in enumerate(all_cells)
              if c["cell_type"] == "markdown" and c["source"].strip().startswith("## Appendix")]
    appendix_start = starts[0] if starts else None

    # Setup and hidden code
    if code:
        first_i, first = code[0]
        if "setup" not in tags(first):
            found.append(f"{where(first_i, first)}: the first code cell (Setup) is not tagged 'setup'")
    for i, cell in code:
        if "appendix" not in tags(cell) and not hidden(cell):
            found.append(f"{where(i, cell)}: code shown to learners (set metadata.jupyter.source_hidden)")

    # One appendix section, at the end
    if len(starts) > 1:
        found.append(f"{len(starts)} appendix headings: the one-line calls belong in ONE appendix")
    if appendix_start is not None:
        heading = all_cells[appendix_start]["source"].strip().splitlines()[0].strip()
        if heading != APPENDIX_HEADING:
            found.append(f"the appendix heading is {heading!r}, not {APPENDIX_HEADING!r}")
    for i, cell in enumerate(all_cells):
        in_appendix = appendix_start is not None and i >= appendix_start
        if in_appendix and "appendix" not in tags(cell):
            found.append(f"{where(i, cell)}: in the appendix section but not tagged 'appendix' "
                         "(the appendix comes last, every cell of it tagged)")
        if not in_appendix and "appendix" in tags(cell):
            found.append(f"{where(i, cell)}: tagged 'appendix' outside the appendix section at the end")
        if in_appendix and cell["cell_type"] == "code":
            found += [f"{where(i, cell)}: {p}" for p in appendix_code_problems(cell["source"])]
    uses_forms = any(re.search(r"\bforms\.\w+\(", c["source"]) for _, c in code)
    if uses_forms and appendix_start is None and path.parent.name == "notebooks":
        found.append(f"the lesson has forms but no '{APPENDIX_HEADING}' section with their one-line calls")
    for i, cell in code:
        if "appendix" not in tags(cell) and any(COMMENTED_CODE.match(line) for line in cell["source"].splitlines()):
            found.append(f"{where(i, cell)}: commented-out code outside the appendix")

    # Notebook-only text
    for i, cell in enumerate(all_cells):
        if "notebook-only" in tags(cell) and cell["cell_type"] != "markdown":
            found.append(f"{where(i, cell)}: only markdown cells are tagged 'notebook-only'")
        if cell["cell_type"] != "markdown" or tags(cell) & {"notebook-only", "appendix"}:
            continue
        text = re.sub(r"<!--.*?-->", "", cell["source"], flags=re.S)
        for pattern, what in NOTEBOOK_ONLY_TEXT:
            m = pattern.search(text)
            if m:
                found.append(f"{where(i, cell)}: says {m.group(0)!r} ({what}), which makes sense only in a "
                             "notebook: move it to a markdown cell tagged 'notebook-only'")
    return found


def lesson_params() -> list:
    params = []
    for path in LESSONS:
        marks = [pytest.mark.xfail(strict=False, reason="its owner is converting it to the issue-15 conventions")] \
            if path.name in NOT_YET_CONVERTED else []
        params.append(pytest.param(path, id=path.name, marks=marks))
    return params


@pytest.mark.parametrize("path", lesson_params())
def test_lesson_follows_the_app_view_conventions(path: Path):
    problems = convention_problems(path)
    assert problems == [], f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", APP_PAGES, ids=lambda p: p.name)
def test_app_pages_follow_the_same_conventions(path: Path):
    problems = convention_problems(path)
    assert problems == [], f"{path.name}:\n  " + "\n  ".join(problems)


def test_every_lesson_is_checked():
    assert LESSONS and all(re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", p.name) for p in LESSONS)
    assert NOT_YET_CONVERTED <= {p.name for p in LESSONS}, "a lesson named in NOT_YET_CONVERTED is gone"


# ---- the checks themselves can fail (and pass) ------------------------------------------------------
def notebook(tmp_path: Path, *cell_list: dict) -> Path:
    path = tmp_path / "notebooks" / "99-check.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cell_list)}),
                    encoding="utf-8")
    return path


def md(source: str, *tag_names: str) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": list(tag_names)} if tag_names else {}, "source": source}


def code(source: str, *tag_names: str, hide: bool = True) -> dict:
    meta: dict = {"tags": list(tag_names)} if tag_names else {}
    if hide:
        meta["jupyter"] = {"source_hidden": True}
    return {"cell_type": "code", "metadata": meta, "source": source, "outputs": [], "execution_count": None}


GOOD = [
    md("# Title\n\nA subtitle.\n\n*Time: 10 minutes*"),
    md("## Setup\n\nThis loads the lesson's helpers.", "notebook-only"),
    code("from helpers import forms, questions", "setup"),
    md("Write a question in the form below and save it. A spreadsheet cell is fine to mention."),
    code("forms.question_form()"),
    md(APPENDIX_HEADING + "\n\nChange only the text in quotes, then run the cell.", "appendix"),
    code('questions.add_question("How did you start?", "career")\nprint(questions.set_report())\n'
         'print(questions.add_question("What would you do first?").message)\n'
         'print(questions.export_text() or "Nothing saved yet.")\n'
         'print(log.add_entry({"date": "2026-12-01", "contact": "Their name"}, kind="practice").message)',
         "appendix", hide=False),
]


def test_a_lesson_that_follows_the_conventions_passes(tmp_path: Path):
    assert convention_problems(notebook(tmp_path, *GOOD)) == []


@pytest.mark.parametrize("index, replacement, expected", [
    (4, code("forms.question_form()", hide=False), "code shown to learners"),
    (2, code("from helpers import forms, questions"), "not tagged 'setup'"),
    (3, md("Click in the grey cell and press **Shift+Enter**."), "a key that runs a cell"),
    (3, md("Run this cell first."), "running cells"),
    (3, md("Remove the `#` and run it."), "un-commenting code"),
    (3, md("If it looks stuck, restart the kernel."), "the kernel"),
    (3, md("Use **Run > Run All Cells**."), "the Run menu"),
    (6, code('# questions.add_question("How did you start?")', "appendix", hide=False), "commented-out code"),
    (6, code('q, a = questions.pick()', "appendix", hide=False), "not one call"),
    (6, code('for q in ["a", "b"]:\n    questions.add_question(q)', "appendix", hide=False), "not one call"),
    (6, code('questions.choose([q["id"] for q in bank[:5]])', "appendix", hide=False), "not plain text"),
    (6, code('questions.add_question(my_text)', "appendix", hide=False), "not plain text"),
    (6, code('print(questions.add_question("x").item["id"])', "appendix", hide=False), "not plain text"),
    (6, code('print(questions.count() + 1)', "appendix", hide=False), "not plain text"),
    (6, code('questions.add_question("x")', hide=False), "in the appendix section but not tagged"),
    (5, md("## Appendix\n\nThe calls.", "appendix"), "the appendix heading is"),
])
def test_each_broken_convention_is_named(tmp_path: Path, index: int, replacement: dict, expected: str):
    broken = list(GOOD)
    broken[index] = replacement
    problems = convention_problems(notebook(tmp_path, *broken))
    assert any(expected in p for p in problems), problems


def test_a_lesson_with_forms_needs_its_appendix_and_only_one(tmp_path: Path):
    assert any("no '## Appendix" in p for p in convention_problems(notebook(tmp_path, *GOOD[:5])))
    twice = GOOD + [md(APPENDIX_HEADING, "appendix")]
    assert any("2 appendix headings" in p for p in convention_problems(notebook(tmp_path, *twice)))
    stray = GOOD[:4] + [code('questions.add_question("x")', "appendix", hide=False)] + GOOD[4:]
    assert any("outside the appendix section" in p for p in convention_problems(notebook(tmp_path, *stray)))
