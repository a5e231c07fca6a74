"""The command line: ``python -m helpers check`` and ``summary``, exit codes and messages.

Exit codes: 0 clean, 1 problems found (check), 2 the file cannot be read or the arguments are
wrong. Problems are printed one per line, each starting ``row N``; an unreadable file gives one
line on stderr, never a traceback.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import cli
from helpers import log
from helpers.log import summaries

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"

SMALL = CASES / "summaries_small.csv"
TITLES = ["1. Activity", "2. Follow-ups", "3. Thank-yous", "4. Referrals", "5. Feedback", "6. Coverage"]


def run(*args: str) -> subprocess.CompletedProcess:
    """The real thing, in its own process (exit code, stdout and stderr as a user sees them)."""
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=ROOT)


def bad_log(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("date,contact,organisation,status,referrals\n"
                    "2026-02-30,Ana,Acme,held,two\n"
                    ",Bo,Acme,done,1\n"
                    "2026-03-01,Cy,Acme,held,1\n"
                    "2026-03-01,Cy,Acme,held,1\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------
def test_check_clean_log_exits_0():
    done = run("check", str(SMALL))
    assert done.returncode == 0
    # no problem lines; this log's check-in days are outside 7-10 days, which is advice only
    assert all(line.endswith("(advice)") for line in done.stdout.splitlines()), done.stdout
    assert "10 interviews, no problems found" in done.stderr


def test_check_prints_one_line_per_problem_starting_row_n(tmp_path):
    done = run("check", str(bad_log(tmp_path)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == len(log.load(bad_log(tmp_path)).problems) == 5
    assert all(line.startswith("row ") for line in lines), lines
    assert lines[0].startswith('row 2, date: "2026-02-30" is not a date that exists')
    assert lines[1].startswith('row 2, referrals: "two" is not a number')
    assert lines[2].startswith("row 3, date: is empty")
    assert lines[3].startswith('row 3, status: "done" is not a status')
    assert lines[4].startswith("row 5, (whole row): repeats row 4")
    assert "5 problem(s)" in done.stderr


@pytest.mark.parametrize("content, cause", [
    (None, "does not exist"),
    (b"", "is empty"),
    (b"PK\x03\x04\x00\x00binary", "not a text file"),
    ("naïve,log\n".encode("latin-1"), "not UTF-8"),
    (b"name,when\nAna,2026\n", "no 'date'"),
    (b'date,contact,organisation,status\n2026-01-01,"Ana,Acme,held\n', "double quote"),
])
def test_unreadable_file_exits_2_with_one_line_and_no_traceback(tmp_path, content, cause):
    path = tmp_path / "log.csv"
    if content is not None:
        path.write_bytes(content)
    for command in ("check", "summary"):
        done = run(command, str(path))
        assert done.returncode == 2, (command, done.stderr)
        assert done.stdout == ""
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert done.stderr.startswith("error: ") and cause in done.stderr


def test_folder_instead_of_file_exits_2(tmp_path):
    done = run("check", str(tmp_path))
    assert done.returncode == 2 and "is a folder" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------------------------------
# summary
# ---------------------------------------------------------------------------------------
def test_summary_prints_six_sections_with_readings():
    done = run("summary", str(SMALL), "--as-of", "2026-03-20")
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    positions = [out.index(title) for title in TITLES]
    assert positions == sorted(positions)
    assert "as of 2026-03-20" in out.splitlines()[0]
    assert "3 check-ins overdue (start with Ben Brown, agreed for 2 Mar 2026)" in out
    assert "11 names from 7 held interviews" in out
    assert "Pat Practice → Ana Alvarez → Ben Brown → Cara Cole → Dan Diaz → Finn Ford (6 people)" in out
    assert out == summaries.report_text(log.load_many([str(SMALL)]), summaries._as_of("2026-03-20").date()) + "\n"


def test_as_of_changes_what_is_overdue():
    early = run("summary", str(SMALL), "--as-of", "2026-03-03").stdout
    late = run("summary", str(SMALL), "--as-of", "2026-04-01").stdout
    assert "1 check-in overdue (start with Ben Brown" in early
    assert "4 check-ins overdue" in late


def test_as_of_defaults_to_today(capsys):
    assert cli.main(["summary", str(SMALL)]) == 0
    out = capsys.readouterr().out
    assert f"as of {summaries._as_of(None):%Y-%m-%d}" in out.splitlines()[0]


@pytest.mark.parametrize("bad", ["2026-02-30", "20 March", "tomorrow"])
def test_bad_as_of_exits_2_without_traceback(bad):
    done = run("summary", str(SMALL), "--as-of", bad)
    assert done.returncode == 2
    assert "--as-of" in done.stderr and "YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr


def test_summary_of_several_logs():
    done = run("summary", str(CASES / "summaries_pooled_a.csv"), str(CASES / "summaries_pooled_b.csv"),
               "--as-of", "2026-01-25")
    assert done.returncode == 0
    first = done.stdout.splitlines()[0]
    assert "5 interviews, 2 logs pooled" in first
    assert "summaries_pooled_a.csv" in done.stdout and "summaries_pooled_b.csv" in done.stdout
    assert "Longest chain: Pat Practice → Ana Alvarez → Ben Brown (3 people)" in done.stdout


def test_summary_of_several_logs_one_unreadable_exits_2(tmp_path):
    missing = tmp_path / "gone.csv"
    done = run("summary", str(SMALL), str(missing))
    assert done.returncode == 2 and "gone.csv does not exist" in done.stderr and done.stdout == ""


def test_summary_of_an_empty_log_is_friendly():
    done = run("summary", str(CASES / "summaries_empty.csv"), "--as-of", "2026-03-20")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "The log has no interviews yet" in done.stdout
    for title in TITLES:
        assert title in done.stdout


def test_summary_notes_problems_on_stderr_and_still_summarises(tmp_path):
    done = run("summary", str(bad_log(tmp_path)), "--as-of", "2026-03-20")
    assert done.returncode == 0
    assert "5 problem(s) found" in done.stderr and "python -m helpers check" in done.stderr
    assert "4 interviews in the log" in done.stdout


def test_help_for_every_command():
    for args in (["--help"], ["check", "--help"], ["summary", "--help"]):
        done = run(*args)
        assert done.returncode == 0 and "usage:" in done.stdout
    assert "--as-of" in run("summary", "--help").stdout


def test_no_command_exits_2():
    done = run()
    assert done.returncode == 2 and "usage:" in done.stderr and "Traceback" not in done.stderr


def test_summary_piped_into_a_reader_that_stops_early():
    """``python -m helpers summary LOG | head -1``: the closed pipe is not an error (no traceback)."""
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "summary", str(SMALL)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in err


def test_check_reports_header_problems_on_row_1(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("date,contact,organisation,status,contact,\n2026-03-02,Ana,Acme,held,Bo,\n", encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith('row 1, contact: "contact" is named twice in the header')
    assert lines[1].startswith("row 1, column F: has no name in the header")


def test_check_warns_about_likely_repeats_and_still_exits_0(tmp_path):
    path = tmp_path / "repeats.csv"
    path.write_text("date,contact,organisation,status\n2026-03-01,Rosa Delgado,Aunt,requested\n"
                    "2026-03-05,Rosa Delgado,Aunt,held\n", encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 0
    assert done.stdout.startswith("row 2, status: \"requested\" may be the same interview as row 3")
    assert done.stdout.rstrip().endswith("(warning)") and "1 warning(s)" in done.stderr


def test_check_utf16_says_save_as_utf8(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes("date,contact,organisation,status\n".encode("utf-16"))
    done = run("check", str(path))
    assert done.returncode == 2 and "UTF-8" in done.stderr and "xlsx" not in done.stderr
    assert "Traceback" not in done.stderr
