"""The practice-interview log: reading, validation, writing, adding entries.

Bad inputs from the foundation issue each have a test here; cell-level rules are
table-driven from tests/cases/log_cells.csv.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from helpers import log
from helpers import workspace as ws

CASES = Path(__file__).parents[1] / "cases"
HEADER = ",".join(log.COLUMNS)
GOOD = {"date": "2026-03-02", "contact": "Ana Silva", "organisation": "Acme Health", "status": "held"}


def row(**values: str) -> str:
    cells = []
    for c in log.COLUMNS:
        v = values.get(c, GOOD.get(c, ""))
        cells.append('"' + v.replace('"', '""') + '"' if any(ch in v for ch in ',"\n\r') else v)
    return ",".join(cells)


def write(tmp_path: Path, text: str | bytes, name: str = "log.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


def cell_cases():
    with open(CASES / "log_cells.csv", newline="", encoding="utf-8") as f:
        for case in csv.DictReader(f):
            yield pytest.param(case["column"], case["value"], case["code"], case["problem"],
                               id=f"{case['column']}={case['value'][:20]!r}")


# --------------------------------------------------------------------------- cells
@pytest.mark.parametrize("column,value,code,problem", list(cell_cases()))
def test_cell_rules(tmp_path, column, value, code, problem):
    path = write(tmp_path, HEADER + "\n" + row(**{column: value}) + "\n")
    lg = log.load(path)
    assert len(lg.data) == 1, "a row with a problem is kept"
    found = [p for p in lg.problems if p.column == column]
    if problem:
        assert len(found) == 1, f"expected one problem in {column}, got {lg.problems}"
        p = found[0]
        assert p.row == 2 and p.code == code and problem in p.what
        text = str(p)
        assert text.startswith(f"row 2, {column}:") and p.fix, text
    else:
        assert found == [], [str(p) for p in found]


def test_typed_values(tmp_path):
    path = write(tmp_path, HEADER + "\n" + row(referrals="3", may_use_name="Y", channel="In-Person",
                                               status=" Held", date="14 March 2026") + "\n")
    d = log.load(path).data.iloc[0]
    assert d["referrals"] == 3 and d["may_use_name"] is True or d["may_use_name"] == True  # noqa: E712
    assert d["channel"] == "in person" and d["status"] == "held" and d["kind"] == "real"
    assert d["date"] == pd.Timestamp("2026-03-14")


# --------------------------------------------------------------------------- files that cannot be read
def test_missing_file(tmp_path):
    with pytest.raises(log.LogFileError, match="does not exist"):
        log.load(tmp_path / "nope.csv")


def test_empty_file(tmp_path):
    with pytest.raises(log.LogFileError, match="is empty"):
        log.load(write(tmp_path, ""))


def test_binary_file_renamed_csv(tmp_path):
    with pytest.raises(log.LogFileError, match="not a text file"):
        log.load(write(tmp_path, b"PK\x03\x04\x00\x00binary\x00stuff" * 10))


def test_not_utf8(tmp_path):
    with pytest.raises(log.LogFileError, match="not UTF-8"):
        log.load(write(tmp_path, (HEADER + "\n" + row(contact="Zoë") + "\n").encode("latin-1")))


@pytest.mark.parametrize("missing", log.REQUIRED)
def test_required_column_missing_is_named(tmp_path, missing):
    cols = [c for c in log.COLUMNS if c != missing]
    with pytest.raises(log.LogFileError, match=f"no '{missing}' column"):
        log.load(write(tmp_path, ",".join(cols) + "\n"))


def test_ragged_row_and_unclosed_quote(tmp_path):
    with pytest.raises(log.LogFileError, match="line 2 has"):
        log.load(write(tmp_path, "date,contact,organisation,status\n2026-01-01,a,b,held,extra,more\n"))
    with pytest.raises(log.LogFileError, match="never closed"):
        log.load(write(tmp_path, 'date,contact,organisation,status\n2026-01-01,"a,b,held\n'))


def test_two_columns_meaning_the_same_is_a_problem_on_row_1(tmp_path):
    lg = log.load(write(tmp_path, "date,Contact,contact,organisation,status\n2026-03-02,Ana,Bo,Acme,held\n"))
    assert [(p.code, p.row, p.field) for p in lg.problems] == [("duplicate_column", 1, "contact")]
    assert list(lg.raw.columns) == ["date", "contact", "organisation", "status"], "the second is left out"
    assert lg.raw.iloc[0]["contact"] == "Ana"
    assert str(lg.problems[0]).startswith("row 1, contact:")


# --------------------------------------------------------------------------- shapes that are fine
def test_header_only_is_a_valid_empty_log(tmp_path):
    lg = log.load(write(tmp_path, HEADER + "\n"))
    assert lg.ok and len(lg.data) == 0 and list(lg.data.columns) == log.COLUMNS


def test_bom_crlf_semicolon_loose_headers_and_extra_columns(tmp_path):
    text = ("\ufeffDate;Contact ;ORGANIZATION;My column;Status;Follow up on\r\n"
            "2026-03-02;Ana;Acme;keep me;held;2026-03-10\r\n")
    path = write(tmp_path, text)
    lg = log.load(path)
    assert lg.ok, [str(p) for p in lg.problems]
    assert lg.sep == ";"
    assert list(lg.raw.columns) == ["date", "contact", "organisation", "My column", "status", "follow_up_on"]
    assert lg.data.iloc[0]["follow_up_on"] == pd.Timestamp("2026-03-10")
    out = tmp_path / "out.csv"
    log.write(lg.raw, out, sep=lg.sep)
    again = log.load(out)
    assert list(again.raw.columns) == list(lg.raw.columns)
    assert again.raw.iloc[0]["My column"] == "keep me"


def test_quoted_fields_non_ascii_long_notes_round_trip(tmp_path):
    notes = "line one, with a comma\nline \"two\" with quotes\r\n" + "x" * 100_000
    text = HEADER + "\n" + row(contact="Zoë Ñúñez 王芳", notes=notes) + "\n"
    lg = log.load(write(tmp_path, text))
    assert lg.ok
    assert lg.raw.iloc[0]["notes"] == notes
    out = tmp_path / "out.csv"
    log.write(lg.raw, out)
    back = log.load(out)
    pd.testing.assert_frame_equal(back.raw, lg.raw)


def test_html_and_formulas_are_kept_as_text_and_escaped_on_write(tmp_path):
    hostile = {"contact": "<script>alert('x')</script>", "organisation": "=HYPERLINK(\"http://x.invalid\",\"y\")",
               "notes": "@SUM(1)", "role": "+1", "sector": "-2", "insights": "'=already quoted"}
    lg = log.load(write(tmp_path, HEADER + "\n" + row(**hostile) + "\n"))
    for k, v in hostile.items():
        # A leading apostrophe before a formula sign is a spreadsheet's text marker: read as text.
        assert lg.raw.iloc[0][k] == (v[1:] if k == "insights" else v)
    hostile["insights"] = "=already quoted"
    out = tmp_path / "out.csv"
    log.write(lg.raw, out)
    with open(out, newline="", encoding="utf-8-sig") as f:
        cells = next(iter(csv.DictReader(f)))
    for k, v in hostile.items():
        assert not cells[k].startswith(("=", "+", "-", "@")), (k, cells[k])
    back = log.load(out)
    for k, v in hostile.items():
        assert back.raw.iloc[0][k] == v, "escaping is undone on reading"


def test_blank_lines_are_not_rows_and_numbering_matches_a_spreadsheet(tmp_path):
    text = HEADER + "\n" + row() + "\n\n" + row(status="bogus") + "\n"
    lg = log.load(write(tmp_path, text))
    assert len(lg.data) == 2
    assert [p.row for p in lg.problems] == [4]


def test_duplicate_row_reported_with_both_row_numbers(tmp_path):
    rows = [row(contact=f"Person {i}") for i in range(12)]
    rows.append(row(contact="Person 2"))  # row 14 repeats row 4
    lg = log.load(write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n"))
    assert len(lg.data) == 13, "the repeat is kept"
    assert [str(p) for p in lg.problems] == [
        "row 14, (whole row): repeats row 4. Delete row 14 if it is the same interview entered twice."]


def test_reading_never_drops_a_row_with_many_problems(tmp_path):
    bad = [row(date="x", status="y", referrals="-1", contact="") for _ in range(3)]
    lg = log.load(write(tmp_path, HEADER + "\n" + "\n".join(bad) + "\n"))
    assert len(lg.data) == 3 and len(lg.raw) == 3
    assert {p.row for p in lg.problems} == {2, 3, 4}


def test_sample_log_is_clean_and_realistic():
    lg = log.load(log.sample_path())
    assert lg.ok, [str(p) for p in lg.problems]
    d = lg.data
    assert 20 <= len(d) <= 40
    assert set(d["kind"]) == {"practice", "real"}
    assert d.sort_values("date").iloc[0]["kind"] == "practice", "practice runs come first"
    assert (d["thank_you_sent"].isna() & (d["status"] == "held")).any(), "some thank-yous missing"
    assert d["referred_by"].ne("").sum() >= 10


def test_load_many_keeps_sources(tmp_path):
    a = write(tmp_path, HEADER + "\n" + row() + "\n", "a.csv")
    b = write(tmp_path, HEADER + "\n" + row(status="nope") + "\n" + row(contact="B") + "\n", "b.csv")
    lg = log.load_many([a, b])
    assert len(lg.data) == 3 and sorted(lg.data["source"].unique()) == ["a.csv", "b.csv"]
    assert len(lg.problems) == 1 and "b.csv" in str(lg.problems[0])


# --------------------------------------------------------------------------- adding entries
def test_add_entry_creates_the_learner_log_atomically(workspace):
    result = log.add_entry({**GOOD, "kind": "practice", "referrals": 2, "may_use_name": True})
    assert result.ok and result.changed and result.item["row"] == 2, result.message
    assert result.item["contact"] == "Ana Silva" and result.item["may_use_name"] == "yes", "read back"
    path = workspace / ws.LOG_NAME
    lg = log.load(path)
    assert lg.ok and len(lg.data) == 1 and lg.data.iloc[0]["referrals"] == 2
    assert not [p for p in workspace.iterdir() if p.name.endswith(".tmp")], "no temporary files left"


def test_add_entry_rejects_bad_input_and_keeps_what_was_saved(workspace):
    assert log.add_entry(GOOD).saved
    before = (workspace / "interview_log.csv").read_bytes()
    for bad, code in [({**GOOD, "date": "2026-13-45"}, "bad_date"), ({**GOOD, "contact": ""}, "empty"),
                      ({**GOOD, "status": "done"}, "not_a_choice"), ({**GOOD, "notes": "x" * 2001}, "too_long")]:
        result = log.add_entry(bad)
        assert not result.saved and result.codes == [code]
        assert "Not saved" in result.message
    again = log.add_entry(GOOD)
    assert again.saved and not again.changed and again.item["row"] == 2, "the same entry is saved once"
    assert (workspace / "interview_log.csv").read_bytes() == before


def test_add_entry_refuses_to_touch_an_unreadable_log(workspace):
    workspace.mkdir(parents=True, exist_ok=True)
    target = workspace / "interview_log.csv"
    target.write_bytes(b"\x00\x01 not a log")
    result = log.add_entry(GOOD)
    assert not result.saved and result.codes == ["damaged_file"] and "cannot be read" in result.message
    assert target.read_bytes() == b"\x00\x01 not a log"


def test_add_entry_keeps_extra_columns_and_separator(tmp_path):
    target = write(tmp_path, "Date;Contact;Organisation;Status;Mine\n2026-01-05;Bo;Co;held;extra\n")
    assert log.add_entry({**GOOD, "contact": "Ana"}, target).saved
    lg = log.load(target)
    assert lg.sep == ";" and lg.raw.iloc[0]["Mine"] == "extra" and len(lg.raw) == 2
    assert list(lg.raw.columns[:5]) == ["date", "contact", "organisation", "status", "Mine"]


def test_entry_field_limits_and_unknown_fields():
    problems = log.check_entry({**GOOD, "contact": "x" * 101})
    assert [(p.column, p.code) for p in problems] == [("contact", "too_long")] and "Shorten" in problems[0].fix
    with pytest.raises(KeyError):
        log.check_entry({**GOOD, "colour": "blue"})


def test_learner_log_falls_back_to_sample(workspace):
    lg, is_sample = log.learner_log()
    assert is_sample and len(lg.data) > 0
    log.add_entry(GOOD)
    lg, is_sample = log.learner_log()
    assert not is_sample and len(lg.data) == 1


def test_load_many_tells_apart_files_with_the_same_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write(tmp_path / "a", HEADER + "\n" + row(contact="A1") + "\n", "interview_log.csv")
    b = write(tmp_path / "b", HEADER + "\n" + row(contact="B1") + "\n", "interview_log.csv")
    lg = log.load_many([a, b])
    assert lg.data["source"].nunique() == 2


def test_a_held_interview_cannot_be_in_the_future(workspace):
    import datetime as dt

    problems = log.check_entry({**GOOD, "date": "2026-03-10"}, today=dt.date(2026, 3, 9))
    assert [(p.column, p.code) for p in problems] == [("status", "held_in_future")] and "scheduled" in problems[0].fix
    assert log.check_entry({**GOOD, "date": "2026-03-10", "status": "scheduled"}, today=dt.date(2026, 3, 9)) == []
    assert log.check_entry({**GOOD, "date": "2026-03-09"}, today=dt.date(2026, 3, 9)) == []
    assert not log.add_entry({**GOOD, "date": "2099-01-01"}).saved


# --------------------------------------------------------------------------- header, encoding, referrals
def test_empty_header_cells_are_problems_on_row_1(tmp_path):
    lg = log.load(write(tmp_path, "date,contact,,organisation,status,\n2026-03-02,Ana,x,Acme,held,\n"))
    assert [(p.code, p.row, p.field) for p in lg.problems] == [("empty_header", 1, "column C"),
                                                              ("empty_header", 1, "column F")]
    assert "cells hold something" in lg.problems[0].what and "cells hold" not in lg.problems[1].what
    assert lg.data.iloc[0]["organisation"] == "Acme"


def test_a_share_never_carries_a_column_named_twice(tmp_path):
    from helpers import sharing as share

    src = write(tmp_path, "date,contact,organisation,status,contact\n2026-03-02,Ana Silva,Acme,held,Bo Secret\n")
    out = tmp_path / "shared.csv"
    share.share_file(src, out)
    shared = out.read_text(encoding="utf-8-sig")
    assert "Bo Secret" not in shared and "contact.1" not in shared and "Secret" not in shared


def test_a_log_with_a_header_problem_is_not_written_over(tmp_path):
    target = write(tmp_path, "date,contact,organisation,status,contact\n2026-03-02,Ana,Acme,held,Bo\n")
    before = target.read_bytes()
    result = log.add_entry({**GOOD, "contact": "Cy"}, target)
    assert not result.saved and result.codes == ["duplicate_column"]
    assert target.read_bytes() == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_gets_save_as_utf8_advice(tmp_path, encoding):
    path = write(tmp_path, (HEADER + "\n" + row(contact="Zoë") + "\n").encode(encoding))
    with pytest.raises(log.LogFileError) as err:
        log.load(path)
    assert "UTF-16" in str(err.value) and "UTF-8" in str(err.value) and ".xlsx" not in str(err.value)


def test_header_cells_that_look_like_formulas_are_escaped_on_write(tmp_path):
    raw = log.load(write(tmp_path, HEADER + "\n" + row() + "\n")).raw
    raw["=cmd|' /C calc'!A0"] = "x"
    out = log.write(raw, tmp_path / "out.csv")
    first = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert ",'=cmd" in first
    assert "=cmd|' /C calc'!A0" in log.load(out).raw.columns, "read back unescaped"


def test_a_person_referred_by_themselves(tmp_path):
    text = HEADER + "\n" + row(contact="Ana Silva", referred_by="ana  silva") + "\n"
    lg = log.load(write(tmp_path, text))
    assert [(p.code, p.row, p.field) for p in lg.problems] == [("self_referral", 2, "referred_by")]


def test_referral_loops_are_flagged_with_their_rows(tmp_path):
    rows = [row(contact="Ana", referred_by="Cy"), row(contact="Bo", referred_by="Ana"),
            row(contact="Cy", referred_by="Bo"), row(contact="Dee", referred_by="Ana"),
            row(contact="Eve", referred_by="Fay"), row(contact="Fay", referred_by="Eve")]
    lg = log.load(write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n"))
    loops = [p for p in lg.problems if p.code == "referral_loop"]
    assert [p.row for p in loops] == [2, 6]
    assert "row 2" in loops[0].what and "row 3" in loops[0].what and "row 4" in loops[0].what
    assert "row 5" not in loops[0].what, "Dee is referred from the loop, not on it"


def test_far_future_dates_are_read(tmp_path):
    lg = log.load(write(tmp_path, HEADER + "\n" + row(date="2999-12-31", status="scheduled") + "\n"
                        + row(contact="Bo", date="2026-03-02") + "\n"))
    assert lg.ok, [str(p) for p in lg.problems]
    assert lg.data["date"].iloc[0] == pd.Timestamp("2999-12-31")
    assert lg.data["date"].iloc[1] == pd.Timestamp("2026-03-02")


def test_check_warns_about_one_interview_under_two_statuses(tmp_path):
    rows = [row(contact="Rosa Delgado", organisation="Aunt", status="requested", date="2026-03-01"),
            row(contact="rosa delgado", organisation="aunt", status="held", date="2026-03-05"),
            row(contact="Bo", organisation="X", status="held", date="2026-03-01"),
            row(contact="Bo", organisation="X", status="held", date="2026-04-01")]
    lg = log.load(write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n"))
    assert lg.ok
    assert [(p.code, p.row) for p in lg.warnings] == [("likely_repeat", 2)]
    assert "row 3" in lg.warnings[0].what
