"""`python -m helpers check-content [DIR]`: every content file checked, mistakes named with file, line or entry, fix.

The per-lesson "an edit shows up" tests live with each lesson's tests; here: the aggregate
command over the shipped content and over broken copies (cases in tests/cases/check_content_broken.csv),
and the workshop plans (this area's own content file).
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import cli  # the one command line
from helpers import content
from helpers.classroom import facilitator

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "data" / "content"
CASES = Path(__file__).resolve().parents[1] / "cases" / "check_content_broken.csv"
BROKEN = list(csv.DictReader(CASES.open(encoding="utf-8")))
from helpers import activities

OWNED_FILES = sorted(f"{name}.toml" for name in activities.content_files())


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "my-content"
    shutil.copytree(CONTENT, folder)
    return folder


def test_every_owned_file_ships():
    for file in OWNED_FILES:
        assert (CONTENT / file).is_file(), f"{file} is missing from data/content"


def test_shipped_content_is_clean(capsys):
    code, out, err = run(["check-content"], capsys)
    assert code == 0, out + err
    assert out == ""
    assert "no problems" in err
    assert "skipped" not in err, "every lesson module that owns a content file should be present by now"


def test_shipped_content_is_clean_when_named_explicitly(capsys):
    code, out, err = run(["check-content", str(CONTENT)], capsys)
    assert code == 0, out + err


@pytest.mark.parametrize("case", BROKEN, ids=[f"{c['file']}: {c['mistake']}" for c in BROKEN])
def test_broken_copy_names_file_entry_and_fix(case, copy: Path, capsys):
    target = copy / case["file"]
    text = target.read_text(encoding="utf-8")
    assert case["find"] in text, f"the case's text is no longer in {case['file']}: update the case"
    target.write_text(text.replace(case["find"], case["replace"], 1), encoding="utf-8")
    code, out, err = run(["check-content", str(copy)], capsys)
    assert code == 1, out + err
    lines = [line for line in out.splitlines() if case["file"] in line]
    assert lines, f"no problem names {case['file']}:\n{out}"
    for fragment in case["expect"].split("|"):
        assert any(fragment in line for line in lines), f"{fragment!r} not in:\n{out}"
    assert "problem(s)" in err


@pytest.mark.parametrize("file", OWNED_FILES)
def test_syntax_error_gives_file_and_line(file: str, copy: Path, capsys):
    target = copy / file
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.append('broken = "a quote never closed')
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["check-content", str(copy)], capsys)
    assert code == 1
    assert f"{file}, line {len(lines)}:" in out, out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("file", OWNED_FILES)
def test_missing_file_is_a_problem(file: str, copy: Path, capsys):
    (copy / file).unlink()
    code, out, _ = run(["check-content", str(copy)], capsys)
    assert code == 1
    assert file in out and "missing" in out


def test_each_problem_printed_once(copy: Path, capsys):
    # A syntax error is found by the generic parse and again by the lesson's own check: shown once.
    with (copy / "quiz.toml").open("a", encoding="utf-8") as handle:
        handle.write('\nbroken = "x\n')
    _, out, _ = run(["check-content", str(copy)], capsys)
    assert len(out.splitlines()) == len(set(out.splitlines())) == 1


def test_edit_to_a_copy_leaves_the_environment_as_it_was(copy: Path, monkeypatch):
    monkeypatch.delenv(content.ENV_VAR, raising=False)
    cli.check_content(copy)
    assert content.ENV_VAR not in os.environ
    monkeypatch.setenv(content.ENV_VAR, "/somewhere/else")
    cli.check_content(copy)
    assert os.environ[content.ENV_VAR] == "/somewhere/else"


def test_default_folder_follows_interview_content(copy: Path, monkeypatch, capsys):
    (copy / "referrals.toml").write_text("[ask]\n", encoding="utf-8")
    monkeypatch.setenv(content.ENV_VAR, str(copy))
    code, out, _ = run(["check-content"], capsys)
    assert code == 1 and "referrals.toml" in out


@pytest.mark.parametrize("make", ["missing", "file", "no-toml"])
def test_unusable_folder_exits_2(make: str, tmp_path: Path, capsys):
    target = tmp_path / "content"
    if make == "file":
        target.write_text("not a folder", encoding="utf-8")
    elif make == "no-toml":
        target.mkdir()
        (target / "notes.txt").write_text("hello", encoding="utf-8")
    code, out, err = run(["check-content", str(target)], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and str(target) in err
    assert "Traceback" not in err


def test_a_file_no_lesson_reads_is_noted(copy: Path, capsys):
    (copy / "extra.toml").write_text('title = "mine"\n', encoding="utf-8")
    code, out, err = run(["check-content", str(copy)], capsys)
    assert code == 0, out + err
    assert "note: extra.toml: no lesson reads this file" in err


def test_checker_that_crashes_is_reported_not_raised(copy: Path, monkeypatch):
    import helpers.referrals as referrals

    def boom():
        raise RuntimeError("bug")

    monkeypatch.setattr(referrals, "check_content", boom)
    problems, _ = cli.check_content(copy)
    assert any("referrals.toml: could not be checked (RuntimeError: bug)" in p for p in problems)


def test_unknown_toml_file_gets_a_note(copy: Path, capsys):
    (copy / "quizz.toml").write_text('title = "typo"\n', encoding="utf-8")
    code, _, err = run(["check-content", str(copy)], capsys)
    assert code == 0
    assert "quizz.toml: no lesson reads this file" in err


def test_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["check-content", "--help"])
    assert exc.value.code == 0
    assert "Exit 0" in capsys.readouterr().out


def test_command_line_has_no_traceback(tmp_path: Path):
    """The real command, in a fresh process, on a broken copy."""
    folder = tmp_path / "c"
    shutil.copytree(CONTENT, folder)
    (folder / "workshop.toml").write_text("[[plans]]\nid = 'x'\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "helpers", "check-content", str(folder)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert "workshop.toml" in proc.stdout and "Traceback" not in proc.stderr


def test_one_command_line_has_every_command():
    parser = cli.build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert {"check", "summary", "next", "calendar", "lessons", "check-content", "build-student", "share"} == set(choices)


# ---------------------------------------------------------------------------------------
# The workshop plans: an edit shows up with no code change
# ---------------------------------------------------------------------------------------
def test_workshop_edit_shows_up(copy: Path, monkeypatch):
    text = (copy / "workshop.toml").read_text(encoding="utf-8")
    text = text.replace('activity = "Welcome. Everyone opens the first lesson',
                        'activity = "Welcome, nurses! Everyone opens the first lesson', 1)
    text = text.replace('title = "60-minute workshop: ready for a first conversation"',
                        'title = "Nursing: a first conversation in an hour"', 1)
    (copy / "workshop.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(content.ENV_VAR, str(copy))
    plan = facilitator.plan("60")
    assert plan.title == "Nursing: a first conversation in an hour"
    table = facilitator.plan_table(plan)
    assert table.loc[0, "activity"].startswith("Welcome, nurses!")
    assert table["start"].tolist()[:2] == ["0:00", "0:05"]


def test_workshop_plans_add_up_and_use_real_lessons():
    lessons = {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    for plan in facilitator.plans():
        assert sum(b.minutes for b in plan.blocks) == plan.minutes
        assert all(b.lesson in lessons for b in plan.blocks if b.lesson)
    assert sorted(p.minutes for p in facilitator.plans()) == [60, 90]


def test_broken_plan_does_not_hide_the_other(copy: Path, monkeypatch):
    text = (copy / "workshop.toml").read_text(encoding="utf-8")
    # Break a block of the 90-minute plan only.
    head, tail = text.split('id = "90"', 1)
    tail = tail.replace("minutes = 20", "minutes = 25", 1)
    (copy / "workshop.toml").write_text(head + 'id = "90"' + tail, encoding="utf-8")
    monkeypatch.setenv(content.ENV_VAR, str(copy))
    assert facilitator.plan("60").minutes == 60
    with pytest.raises(content.ContentError, match=r"plan '90'.*add up to 95 minutes"):
        facilitator.plan("90")
