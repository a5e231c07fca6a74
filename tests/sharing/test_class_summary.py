"""The class summary: a folder of shared logs, by student file; bad files reported, the rest summarised."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from helpers.sharing import class_summary as classview
from helpers import log, sharing as share
from helpers.sharing import class_summary_view as view

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample_class"
NOTEBOOK = ROOT / "notebooks" / "instructor" / "01-class-summary.ipynb"


def by_student(frame, column):
    return dict(zip(frame["student"], frame[column]))


@pytest.fixture
def sample() -> classview.ClassLogs:
    return classview.read_class(SAMPLE)


def test_sample_class_ships_6_to_10_shared_logs():
    files = sorted(SAMPLE.glob("*.csv"))
    assert 6 <= len(files) <= 10
    for path in files:
        assert share.check_shared(path) == [], path.name
        raw = log.load(path).raw
        assert raw["contact"].isin([""]).sum() == 0 or raw.empty
        assert (raw["contact"].str.fullmatch(r"Person \d\d")).all()


def test_sample_class_reads_clean(sample):
    assert sample.unreadable == [] and sample.refused == {} and sample.message == ""
    assert len(sample.logs) == len(list(SAMPLE.glob("*.csv")))
    assert sample.as_of == classview.SAMPLE_AS_OF


def test_sample_class_tables(sample):
    over = classview.overview(sample)
    assert len(over) == len(sample.logs)
    assert by_student(over, "interviews logged")["esi.csv"] == 0, "a header-only log is a student with no rows"
    practice = classview.practice_before_real(sample)
    first = by_student(practice, "practised first")
    assert first["bilal.csv"] == "no" and first["amara.csv"] == "yes" and first["esi.csv"] == "not yet"
    habits = classview.habits(sample)
    assert by_student(habits, "thank-you sent")["dmitri.csv"] == 0
    assert by_student(habits, "follow-ups overdue")["chloe.csv"] == 4
    referrals = classview.referral_yield(sample)
    assert by_student(referrals, "new names")["hana.csv"] == 0
    assert by_student(referrals, "longest referral chain")["amara.csv"] == 5
    assert by_student(referrals, "names per real interview")["farah.csv"] == 2.0


def test_sample_class_nudges_by_student_file(sample):
    table = classview.nudges(sample)
    reasons = {}
    for student, reason in zip(table["student"], table.iloc[:, 1]):
        reasons.setdefault(student, []).append(reason)
    assert "without a practice run" in " ".join(reasons["bilal.csv"])
    assert "4 follow-up(s) overdue" in " ".join(reasons["chloe.csv"])
    assert "after 0 of 5 held" in " ".join(reasons["dmitri.csv"])
    assert "has not logged any interview" in " ".join(reasons["esi.csv"])
    assert "no new names" in " ".join(reasons["hana.csv"])
    assert "amara.csv" not in reasons and "farah.csv" not in reasons
    text = table.to_string()
    assert not re.search(r"Person \d\d|Organisation [A-Z]\b", text), "nudges are by student file, not by contact"


def test_as_of_moves_overdue(sample):
    early = classview.read_class(SAMPLE, as_of="2026-10-01")
    assert by_student(classview.habits(early), "follow-ups overdue")["chloe.csv"] == 0
    late = classview.read_class(SAMPLE, as_of=dt.date(2027, 1, 1))
    assert late.as_of == dt.date(2027, 1, 1)
    assert by_student(classview.habits(late), "follow-ups overdue")["chloe.csv"] == 4


def test_headline(sample):
    lines = classview.headline(sample)
    n = len(sample.logs)
    assert lines[0] == f"{n - 1} of {n} learners have logged at least one interview."
    assert any("held a practice interview before their first real one" in line for line in lines)


def test_charts_have_alt_text_naming_every_student(sample):
    import matplotlib

    matplotlib.use("Agg")
    for chart in (classview.practice_chart, classview.referral_chart, classview.habits_chart):
        fig, alt = chart(sample)
        for student in sample.files.values():
            assert student in alt
        html = view.display.figure_html(fig, alt)
        assert "<figure" in html and "alt='" in html


def copy_some(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLE / name, folder / name)


@pytest.mark.parametrize("bad", ["binary", "empty", "no-contact-column", "not-utf8"])
def test_one_unreadable_file_reported_rest_summarised(bad: str, tmp_path: Path):
    folder = tmp_path / "class"
    copy_some(folder, ["amara.csv", "bilal.csv"])
    content = {"binary": b"PK\x03\x04\x00\x00\x00", "empty": b"",
               "no-contact-column": b"date,organisation,status\n2026-01-01,Organisation A,held\n",
               "not-utf8": "date,contact,organisation,status\n2026-01-01,Person 01,Caf\xe9,held\n".encode("latin-1")}[bad]
    (folder / "broken.csv").write_bytes(content)
    cv = classview.read_class(folder, as_of="2026-12-01")
    assert sorted(cv.files.values()) == ["amara.csv", "bilal.csv"]
    assert len(cv.unreadable) == 1 and "broken.csv" in cv.unreadable[0]
    status = " ".join(text for _, text in cv.status_lines())
    assert "Could not read broken.csv" in status and "The other files are summarised" in status
    assert len(classview.overview(cv)) == 2


def test_empty_folder_friendly(tmp_path: Path):
    folder = tmp_path / "class"
    folder.mkdir()
    cv = classview.read_class(folder)
    assert cv.logs == {} and "no shared logs (.csv files)" in cv.message
    assert cv.status_lines()[0][0] == "error"
    assert classview.headline(cv) == []
    assert classview.overview(cv).empty and classview.nudges(cv).empty


def test_missing_folder_friendly(tmp_path: Path):
    cv = classview.read_class(tmp_path / "nowhere")
    assert "does not exist" in cv.message and "CLASS_LOGS_DIR" in cv.message


def test_a_shared_log_that_still_holds_a_name_is_refused(tmp_path: Path):
    folder = tmp_path / "class"
    copy_some(folder, ["amara.csv", "chloe.csv"])
    text = (SAMPLE / "chloe.csv").read_text(encoding="utf-8-sig").replace("Person 03", "Olivia Park")
    (folder / "chloe.csv").write_text(text, encoding="utf-8")
    (folder / "dmitri.csv").write_text((SAMPLE / "dmitri.csv").read_text(encoding="utf-8-sig")
                                       .replace("My cousin.", "My cousin ivan.p@example.org"), encoding="utf-8")
    cv = classview.read_class(folder, as_of="2026-12-01")
    assert list(cv.files.values()) == ["amara.csv"]
    assert set(cv.refused) == {"chloe.csv", "dmitri.csv"}
    status = "\n".join(text for _, text in cv.status_lines())
    assert "Refused chloe.csv" in status and "Refused dmitri.csv" in status
    assert "Olivia" not in status and "ivan.p" not in status, "the refusal does not repeat the details"
    assert "chloe.csv" not in classview.overview(cv)["student"].tolist()


@pytest.mark.parametrize("note, reason", [
    ("Siobhán O'Brien at Northwind Biologics", "holds what looks like a name"),
    ("mail hope [at] kestrelfinch [dot] co.uk", "holds an e-mail address"),
    ("her site zoekowalczyk.com", "holds a web address"),
    ("ask Dr Li", "holds a name"),
    ("call +44 20 7946 0958", "holds a phone number"),
])
def test_free_text_the_detector_finds_is_refused_by_file_with_the_reason(tmp_path: Path, note: str, reason: str):
    folder = tmp_path / "class"
    copy_some(folder, ["amara.csv"])
    (folder / "leaky.csv").write_text("date,contact,organisation,status,notes\n"
                                      f'2026-10-01,Person 01,Organisation A,held,"{note}"\n', encoding="utf-8")
    cv = classview.read_class(folder, as_of="2026-12-01")
    assert list(cv.refused) == ["leaky.csv"] and list(cv.files.values()) == ["amara.csv"]
    status = "\n".join(text for _, text in cv.status_lines())
    assert f"Refused leaky.csv: the check still finds personal details in it (1 finding(s), e.g. row 2, notes: {reason}" in status
    assert note not in status


def test_every_sample_class_file_passes_the_check():
    for path in sorted(SAMPLE.glob("*.csv")):
        assert share.check_shared(path) == [], path.name


def test_non_csv_files_skipped_and_named(tmp_path: Path):
    folder = tmp_path / "class"
    copy_some(folder, ["farah.csv"])
    (folder / "README.txt").write_text("hi", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00")
    cv = classview.read_class(folder)
    assert cv.ignored == ["README.txt"]
    assert list(cv.files.values()) == ["farah.csv"]


def test_log_with_bad_cells_is_summarised_with_a_tip(sample):
    assert sample.logs["gustavo"].problems
    assert any(kind == "tip" and "gustavo.csv (1)" in text for kind, text in sample.status_lines())


SHOWS = ["show_status", "show_overview", "show_practice", "show_referrals", "show_habits", "show_nudges"]


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Collect the HTML the show_* functions display."""
    import IPython.display

    seen: list[str] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, *a, **k: seen.append(obj.data))
    return seen


def test_show_functions_on_an_empty_class(tmp_path: Path, shown: list[str]):
    cv = classview.read_class(tmp_path / "nowhere")
    for name in SHOWS:
        getattr(view, name)(cv)
    assert "does not exist" in shown[0]
    assert all("Nothing to show" in html for html in shown[1:])


def test_show_functions_on_the_sample(sample, shown: list[str]):
    for name in SHOWS:
        getattr(view, name)(sample)
    html = "\n".join(shown)
    assert html.count("<figure") == 3 and html.count("<table") == 5
    assert "Who may need a nudge" in html


def test_status_html_escapes(tmp_path: Path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "<b>odd<b>.csv").write_bytes(b"")
    html = view.status_html(classview.read_class(folder))
    assert "<b>odd" not in html and "&lt;b&gt;odd&lt;b&gt;.csv" in html


def test_class_folder_from_environment(monkeypatch, tmp_path: Path):
    monkeypatch.delenv(classview.ENV_VAR, raising=False)
    assert classview.class_folder() == classview.SAMPLE_CLASS
    monkeypatch.setenv(classview.ENV_VAR, str(tmp_path))
    assert classview.class_folder() == tmp_path


@pytest.mark.slow
def test_notebook_with_class_logs_dir(tmp_path: Path):
    """The notebook reads CLASS_LOGS_DIR: a refused and an unreadable file are named, the rest shown."""
    from nbtools import errors, execute, output_text

    folder = tmp_path / "my class"
    copy_some(folder, ["amara.csv", "bilal.csv"])
    (folder / "broken.csv").write_bytes(b"")
    (folder / "leaky.csv").write_text("date,contact,organisation,status\n2026-10-01,Jo Bloggs,Acme,held\n",
                                      encoding="utf-8")
    nb = execute(NOTEBOOK, tmp_path / "work", env={"CLASS_LOGS_DIR": str(folder)})
    assert errors(nb) == []
    text = output_text(nb)
    assert "Read 2 shared log(s)" in text and "bilal.csv" in text
    assert "Could not read broken.csv" in text and "Refused leaky.csv" in text
    assert "Jo Bloggs" not in text and "Acme" not in text
    assert "sample_class" not in text


@pytest.mark.slow
def test_notebook_with_an_empty_folder(tmp_path: Path):
    from nbtools import errors, execute, output_text

    folder = tmp_path / "empty"
    folder.mkdir()
    nb = execute(NOTEBOOK, tmp_path / "work", env={"CLASS_LOGS_DIR": str(folder)})
    assert errors(nb) == []
    assert "There are no shared logs (.csv files)" in output_text(nb)
