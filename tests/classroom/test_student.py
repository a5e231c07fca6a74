"""Student copies: no `solution` or `instructor` cell, no output, nbgrader marks honoured, and the copy runs."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.classroom import student

ROOT = Path(__file__).resolve().parents[2]


def lesson(cells) -> nbformat.NotebookNode:
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                              "language": "python"}})


def executed(source: str, **kw) -> nbformat.NotebookNode:
    cell = new_code_cell(source, execution_count=3, **kw)
    cell.outputs = [new_output("stream", name="stdout", text="secret answer: 42\n")]
    return cell


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A small workshop: two lessons with instructor material, an instructor notebook, support files."""
    src = tmp_path / "workshop"
    (src / "notebooks" / "instructor").mkdir(parents=True)
    (src / "notebooks" / "images").mkdir()
    (src / "notebooks" / "images" / "map.png").write_bytes(b"\x89PNG fake")
    (src / "helpers").mkdir()
    (src / "helpers" / "__init__.py").write_text("", encoding="utf-8")
    (src / "helpers" / "__pycache__").mkdir()
    (src / "helpers" / "__pycache__" / "x.pyc").write_bytes(b"\x00")
    (src / "data").mkdir()
    (src / "data" / "sample.csv").write_text("a,b\n", encoding="utf-8")
    for name in ["requirements.txt", "pyproject.toml", "workshop.py", "README.md"]:
        (src / name).write_text(f"# {name}\n", encoding="utf-8")
    (src / "tests").mkdir()
    (src / "tests" / "test_x.py").write_text("", encoding="utf-8")
    (src / "my_work").mkdir()
    (src / "my_work" / "interview_log.csv").write_text("private", encoding="utf-8")
    nb = lesson([
        new_markdown_cell("# Lesson one\n\n*Time: 5 minutes*"),
        executed("x = 1\nprint(x)"),
        new_markdown_cell("Worked answer below.", metadata={"tags": ["instructor"]}),
        executed("print('the worked answer')", metadata={"tags": ["solution"]}),
        new_code_cell("def area(r):\n    ### BEGIN SOLUTION\n    return 3.14 * r * r\n    ### END SOLUTION\n",
                      metadata={"nbgrader": {"solution": True, "grade_id": "area"}}),
        new_code_cell("answer = 42", metadata={"nbgrader": {"solution": True, "grade_id": "a2"}}),
        new_markdown_cell("The moon is made of rock.", metadata={"nbgrader": {"solution": True}}),
        new_code_cell("assert area(1) > 3\n### BEGIN HIDDEN TESTS\nassert area(2) > 12\n### END HIDDEN TESTS"),
        new_markdown_cell("Say why.\n=== BEGIN MARK SCHEME ===\nGive a point for X.\n=== END MARK SCHEME ==="),
        new_markdown_cell("Tagged Solution in capitals", metadata={"tags": ["Solution", "keep-me"]}),
        new_markdown_cell("## Key points"),
    ])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, src / "notebooks" / "01-one.ipynb")
    nbformat.write(lesson([new_markdown_cell("# Two\n*Time: 5 minutes*"), new_code_cell("pass")]),
                   src / "notebooks" / "02-two.ipynb")
    nbformat.write(lesson([new_markdown_cell("# Guide")]), src / "notebooks" / "instructor" / "00-guide.ipynb")
    (src / "notebooks" / ".ipynb_checkpoints").mkdir()
    nbformat.write(lesson([executed("print(1)", metadata={"tags": ["solution"]})]),
                   src / "notebooks" / ".ipynb_checkpoints" / "01-one-checkpoint.ipynb")
    return src


def test_tagged_cells_removed_outputs_cleared_nbgrader_honoured(source: Path, tmp_path: Path):
    result = student.build_student(tmp_path / "out", source=source)
    copy = nbformat.read(tmp_path / "out" / "notebooks" / "01-one.ipynb", as_version=4)
    sources = [c.source for c in copy.cells]
    assert sources == [
        "# Lesson one\n\n*Time: 5 minutes*",
        "x = 1\nprint(x)",
        "def area(r):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n",
        "# YOUR CODE HERE\nraise NotImplementedError()",
        "YOUR ANSWER HERE",
        "assert area(1) > 3",
        "Say why.",
        "## Key points",
    ]
    for cell in copy.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "widgets" not in copy.metadata
    assert copy.cells[2].metadata["nbgrader"]["grade_id"] == "area", "metadata is kept as it was"
    report = {n.name: n for n in result.notebooks}
    assert (report["01-one.ipynb"].removed, report["01-one.ipynb"].stubbed) == (3, 5)
    assert student.audit(tmp_path / "out") == []


def test_copy_holds_lessons_and_what_they_need_and_nothing_else(source: Path, tmp_path: Path):
    out = tmp_path / "out"
    student.build_student(out, source=source)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == sorted([
        ".student-copy", "README.md", "data/sample.csv", "helpers/__init__.py", "notebooks/01-one.ipynb",
        "notebooks/02-two.ipynb", "notebooks/images/map.png", "pyproject.toml", "requirements.txt",
        "workshop.py"])


def test_source_is_not_changed(source: Path, tmp_path: Path):
    def digest() -> dict[str, str]:
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in source.rglob("*") if p.is_file()}

    before = digest()
    student.build_student(tmp_path / "out", source=source)
    assert digest() == before


def test_rebuild_replaces_an_earlier_copy(source: Path, tmp_path: Path):
    out = tmp_path / "out"
    student.build_student(out, source=source)
    (out / "notebooks" / "stale.ipynb").write_text("{}", encoding="utf-8")
    student.build_student(out, source=source)
    assert not (out / "notebooks" / "stale.ipynb").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")], "no temporary folder left behind"


@pytest.mark.parametrize("where", ["foreign", "inside-notebooks", "source-itself", "a-file"])
def test_unusable_out_dir_refused(where: str, source: Path, tmp_path: Path):
    out = {"foreign": tmp_path / "elsewhere", "inside-notebooks": source / "notebooks" / "copy",
           "source-itself": source, "a-file": tmp_path / "file.txt"}[where]
    if where == "foreign":
        out.mkdir()
        (out / "precious.txt").write_text("keep", encoding="utf-8")
    if where == "a-file":
        out.write_text("x", encoding="utf-8")
    with pytest.raises(student.StudentBuildError):
        student.build_student(out, source=source)
    if where == "foreign":
        assert (out / "precious.txt").read_text(encoding="utf-8") == "keep"


def test_broken_notebook_named(source: Path, tmp_path: Path):
    (source / "notebooks" / "03-broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(student.StudentBuildError, match="03-broken.ipynb could not be read"):
        student.build_student(tmp_path / "out", source=source)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------
# The real lessons
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_copy(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student") / "copy"
    student.build_student(out)
    return out


def test_real_lessons_copied_without_instructor_material(real_copy: Path):
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (real_copy / "notebooks").glob("*.ipynb")) == lessons
    assert not (real_copy / "notebooks" / "instructor").exists()
    for path in (real_copy / "notebooks").rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            tags = {t.lower() for t in cell.metadata.get("tags", [])}
            assert not tags & {"solution", "instructor"}, path.name
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
    for name in ["helpers/__init__.py", "helpers/log/__init__.py", "data/sample_log.csv", "data/content/quiz.toml",
                 "requirements.txt", "pyproject.toml", "workshop.py"]:
        assert (real_copy / name).is_file(), name
    assert not list(real_copy.rglob("__pycache__")) and not (real_copy / "my_work").exists()
    assert not (real_copy / "tests").exists()
    assert student.audit(real_copy) == []


def test_cli_build_student(tmp_path: Path):
    out = tmp_path / "students"
    proc = subprocess.run([sys.executable, "-m", "helpers", "build-student", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Wrote student copies of" in proc.stderr
    assert (out / "notebooks" / "00-start-here.ipynb").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "x.txt").write_text("x", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "helpers", "build-student", str(foreign)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "helpers", "build-student", "--help"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and "solution" in proc.stdout


@pytest.mark.slow
def test_student_copy_runs(real_copy: Path, tmp_path: Path):
    """Every student lesson runs from the copy, with the copy's own helpers package."""
    from nbtools import errors, execute

    probe = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(real_copy)})
    assert probe.stdout.strip().startswith(str(real_copy)), probe.stdout + probe.stderr
    for path in sorted((real_copy / "notebooks").glob("*.ipynb")):
        nb = execute(path, tmp_path / f"work-{path.stem}", env={"PYTHONPATH": str(real_copy)})
        assert errors(nb) == [], f"{path.name} fails in the student copy"
