"""Student copies of the lessons: worked answers and instructor notes taken out, outputs cleared.

An instructor marks a cell for themselves with a cell tag: ``solution`` (a worked answer) or
``instructor`` (notes for whoever teaches). :func:`build_student` writes a copy of the
workshop that learners can run, in which

- every cell tagged ``solution`` or ``instructor`` is removed;
- nbgrader's own marks are honoured, so an instructor who uses nbgrader can keep doing so:
  a region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``# YOUR CODE HERE`` / ``raise NotImplementedError()`` (``YOUR ANSWER HERE`` in a markdown
  cell), a cell whose ``metadata.nbgrader.solution`` is true and has no such region is
  replaced by that stub as a whole, and ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``
  and ``=== BEGIN MARK SCHEME ===`` ... ``=== END MARK SCHEME ===`` regions are removed;
- every output and execution count is cleared;
- everything else is as it was, plus what the copy needs to run (``helpers/``, ``data/``,
  ``requirements.txt``, ``pyproject.toml``, ``workshop.py``, ``README.md``, the learners' help page
  ``docs/help.md``).

The instructor notebooks (``notebooks/instructor/``) are not copied: learners get the lessons.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("# Lesson"),
...     nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]}),
...     nbformat.v4.new_code_cell("def f():\\n    ### BEGIN SOLUTION\\n    return 1\\n    ### END SOLUTION")])
>>> report = strip_notebook(nb)
>>> [c.source for c in nb.cells][1]
'def f():\\n    # YOUR CODE HERE\\n    raise NotImplementedError()'
>>> report.removed, report.stubbed
(1, 1)
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers import workspace

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - for the type name only
    from helpers.core.region import Region

#: Cell tags whose cells students never see.
REMOVE_TAGS = {"solution", "instructor"}
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"   # nbgrader's default for Python
TEXT_STUB = "YOUR ANSWER HERE"                               # nbgrader's default for markdown
BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
BEGIN_SCHEME, END_SCHEME = "BEGIN MARK SCHEME", "END MARK SCHEME"

#: What a student copy holds besides the lessons (copied when present).
SUPPORT = ["helpers", "data", "app", "deploy", ".binder", "requirements.txt", "pyproject.toml", "workshop.py",
           "README.md", "LICENSE", "LICENSE-content", ".gitignore",
           "docs/help.md", "docs/setup-help.md"]   # the learners' help pages, linked from lessons 00, 02 and 07 (the rest of docs/ is for staff)
SKIP_DIRS = {"instructor", ".ipynb_checkpoints", "__pycache__", ".pytest_cache"}
MARKER = ".student-copy"   # marks a folder as a student copy, so a rebuild may replace it


class StudentBuildError(Exception):
    """The student copy cannot be built; the message says why and what to do."""


@dataclass
class NotebookReport:
    """What was taken out of one notebook."""

    name: str
    removed: int = 0      # cells removed (tagged solution/instructor)
    stubbed: int = 0      # cells whose solution (or hidden tests) were replaced by a stub
    cleared: int = 0      # code cells whose outputs were cleared
    localised: int = 0    # markdown cells given the class's words (class.toml)


@dataclass
class StudentBuild:
    """The result of :func:`build_student`."""

    out_dir: Path
    notebooks: list[NotebookReport] = field(default_factory=list)
    files: int = 0        # support files copied

    def message(self) -> str:
        removed = sum(n.removed for n in self.notebooks)
        stubbed = sum(n.stubbed for n in self.notebooks)
        return (f"Wrote student copies of {len(self.notebooks)} lesson(s) to {self.out_dir}: "
                f"{removed} solution/instructor cell(s) removed, {stubbed} answer(s) replaced by a "
                f"stub, all outputs cleared; {self.files} supporting file(s) copied.")


def _tags(cell: nbformat.NotebookNode) -> set[str]:
    tags = cell.get("metadata", {}).get("tags", []) or []
    return {str(t).strip().lower() for t in tags}


def _is_nbgrader_solution(cell: nbformat.NotebookNode) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution", False))


def _replace_regions(source: str, begin: str, end: str, stub: list[str] | None) -> tuple[str, bool]:
    """Replace every ``begin`` ... ``end`` line region (delimiter lines included) with ``stub``
    indented like the begin line (``None``: remove the region)."""
    if begin not in source:
        return source, False
    out: list[str] = []
    inside = False
    replaced = False
    for line in source.split("\n"):
        if not inside and begin in line:
            inside = True
            replaced = True
            indent = re.match(r"\s*", line).group(0)
            out.extend(indent + s for s in (stub or []))
        elif inside and end in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out), replaced


def localise_notebook(nb: nbformat.NotebookNode, region: "Region | None" = None) -> int:
    """The class's words (``class.toml``: "résumé" for "CV") in the lesson's text, in place; how
    many markdown cells changed. Code, and what the helpers print, follow the class file by
    themselves; dates written in the lesson's text are examples and stay as written."""
    from helpers.core import region as class_region

    r = region or class_region.current()
    changed = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        new = r.words(source)
        if new != source:
            cell.source = new
            changed += 1
    return changed


def strip_notebook(nb: nbformat.NotebookNode, name: str = "") -> NotebookReport:
    """Make a notebook a student copy, in place. Returns what was taken out."""
    report = NotebookReport(name)
    kept = []
    for cell in nb.cells:
        if _tags(cell) & REMOVE_TAGS:
            report.removed += 1
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        code = cell.cell_type == "code"
        stub = (CODE_STUB if code else TEXT_STUB).split("\n")
        source, solved = _replace_regions(source, BEGIN_SOLUTION, END_SOLUTION, stub)
        source, hidden = _replace_regions(source, BEGIN_HIDDEN, END_HIDDEN, None)
        source, scheme = _replace_regions(source, BEGIN_SCHEME, END_SCHEME, None)
        if _is_nbgrader_solution(cell) and not solved:
            source = "\n".join(stub)
            solved = True
        if solved or hidden or scheme:
            report.stubbed += 1
        cell.source = source
        if code:
            if cell.get("outputs") or cell.get("execution_count") is not None:
                report.cleared += 1
            cell.outputs = []
            cell.execution_count = None
        kept.append(cell)
    nb.cells = kept
    nb.metadata.pop("widgets", None)   # saved widget state is output too
    return report


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _check_target(out: Path, source: Path) -> None:
    if out == source:
        raise StudentBuildError(f"{out} is the workshop folder itself. Give a new, empty folder for the "
                                f"student copy, e.g. ../student-copy")
    for part in ["notebooks", "helpers", "data"]:
        if _inside(out, source / part):
            raise StudentBuildError(f"{out} is inside the workshop's {part}/ folder, so the copy would copy "
                                    f"itself. Give a folder outside it, e.g. ../student-copy")
    if _inside(source, out):
        raise StudentBuildError(f"{out} holds the workshop folder. Give a new, empty folder for the copy.")
    if out.exists():
        if not out.is_dir():
            raise StudentBuildError(f"{out} is a file, not a folder. Give a folder name for the student copy.")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise StudentBuildError(f"{out} already holds other files. Give a new or empty folder (a folder "
                                    f"that holds an earlier student copy is replaced).")


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in SKIP_DIRS or n.endswith((".pyc", ".tmp")) or n.startswith("Untitled")
            or n == "my_work" or n.endswith(".egg-info")}


def lesson_files(source: Path | None = None) -> list[Path]:
    """The notebooks a student copy holds (everything under notebooks/ except instructor material)."""
    base = (Path(source) if source is not None else workspace.REPO_ROOT) / "notebooks"
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*.ipynb")):
        rel = path.relative_to(base)
        if any(part in SKIP_DIRS for part in rel.parts) or path.name.startswith("Untitled"):
            continue
        found.append(path)
    return found


def build_student(out_dir: str | Path, source: str | Path | None = None) -> StudentBuild:
    """Write student copies of every lesson, and what they need to run, to ``out_dir``.

    The copy is built in a temporary folder beside ``out_dir`` and moved into place, so a
    failure leaves no half-built copy. A folder holding an earlier student copy is replaced;
    any other non-empty folder is refused. Raises :class:`StudentBuildError`.
    """
    src = Path(source).resolve() if source is not None else workspace.REPO_ROOT
    out = Path(out_dir).expanduser().resolve()
    _check_target(out, src)
    lessons = lesson_files(src)
    if not lessons:
        if not (src / "notebooks").is_dir():
            raise StudentBuildError(f"There is no notebooks folder at {src / 'notebooks'}: student copies are made "
                                    "from the workshop's own folder (the one with notebooks/ and data/), not from an "
                                    "installed copy of its helpers. Run this command with that folder's Python, e.g. "
                                    "`python -m helpers build-student OUT_DIR` inside it.")
        raise StudentBuildError(f"No lessons were found in {src / 'notebooks'}.")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    result = StudentBuild(out_dir=out)
    try:
        # The lessons folder without instructor material; notebooks rewritten below.
        shutil.copytree(src / "notebooks", tmp / "notebooks", ignore=_ignore)
        for path in lessons:
            rel = path.relative_to(src / "notebooks")
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception as exc:  # a broken notebook file: say which
                raise StudentBuildError(f"{path} could not be read as a notebook ({type(exc).__name__}: "
                                        f"{exc}). Open it in Jupyter and save it again.") from None
            result.notebooks.append(strip_notebook(nb, str(rel)))
            result.notebooks[-1].localised = localise_notebook(nb)
            nbformat.write(nb, tmp / "notebooks" / rel)
        for name in SUPPORT:
            item = src / name
            if item.is_dir():
                shutil.copytree(item, tmp / name, ignore=_ignore)
                result.files += sum(1 for p in (tmp / name).rglob("*") if p.is_file())
            elif item.is_file():
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(item, tmp / name)
                result.files += 1
        (tmp / MARKER).write_text("Built by 'python -m helpers build-student'. Rebuilding replaces this folder.\n",
                                  encoding="utf-8")
        problems = audit(tmp)
        if problems:  # a bug in this module: never hand out such a copy
            raise StudentBuildError("The student copy still holds instructor material: " + "; ".join(problems))
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def audit(folder: str | Path) -> list[str]:
    """Anything in a student copy that should not be there: tagged cells, outputs, solution regions.

    >>> audit(workspace.REPO_ROOT / "no-such-folder")
    []
    """
    folder = Path(folder)
    problems = []
    if (folder / "notebooks" / "instructor").exists():
        problems.append("notebooks/instructor/ was copied")
    for path in sorted(folder.rglob("*.ipynb")) if folder.exists() else []:
        rel = path.relative_to(folder)
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if _tags(cell) & REMOVE_TAGS:
                problems.append(f"{rel}: cell {i} is tagged {sorted(_tags(cell) & REMOVE_TAGS)}")
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
                problems.append(f"{rel}: cell {i} has outputs")
            if any(mark in cell.source for mark in (BEGIN_SOLUTION, BEGIN_HIDDEN, BEGIN_SCHEME)):
                problems.append(f"{rel}: cell {i} still holds a solution or hidden-test region")
    return problems
