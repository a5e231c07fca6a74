"""The log's summaries: known figures on hand-made logs, empty and pooled logs, escaping.

The figures for ``tests/cases/summaries_small.csv`` were worked out by hand (see the comments);
the follow-up cases for several dates are in ``tests/cases/summaries_followups.csv``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import log
from helpers.log import summaries

CASES = Path(__file__).resolve().parents[1] / "cases"

SMALL = CASES / "summaries_small.csv"
AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return log.load(SMALL).data


def names(table: pd.DataFrame) -> list[str]:
    return table["contact"].tolist()


# ---------------------------------------------------------------------------------------
# 1. Activity
# ---------------------------------------------------------------------------------------
def test_counts_by_status_and_kind(small):
    table = summaries.counts_by_status(small)
    assert table.loc["held"].tolist() == [2, 5, 7]          # practice, real, total
    assert table["total"].tolist() == [1, 1, 7, 1]          # requested, scheduled, held, cancelled
    assert table.index.tolist() == log.STATUSES


def test_weekly_counts_show_empty_weeks(small):
    weekly = summaries.weekly_counts(small)
    assert [d.strftime("%Y-%m-%d") for d in weekly.index] == [
        "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"]
    assert weekly["practice"].tolist() == [2, 0, 0, 0, 0, 0]
    assert weekly["real"].tolist() == [0, 0, 2, 1, 1, 1]
    assert all(d.weekday() == 0 for d in weekly.index)      # weeks start on Monday


def test_activity_reading(small):
    section = summaries.activity(small)
    assert section.reading.startswith("10 interviews in the log: 7 held (2 practice, 5 real), "
                                      "2 still requested or scheduled, 1 cancelled.")
    assert "2 practice runs before your first real interview" in section.reading


# ---------------------------------------------------------------------------------------
# 2. Follow-ups
# ---------------------------------------------------------------------------------------
def _followup_cases() -> list[tuple[str, list[str], list[str]]]:
    table = pd.read_csv(CASES / "summaries_followups.csv", comment="#", dtype=str, keep_default_na=False)
    split = lambda text: [n for n in text.split(";") if n]  # noqa: E731
    return [(r.as_of, split(r.overdue), split(r.due)) for r in table.itertuples()]


@pytest.mark.parametrize("as_of, overdue, due", _followup_cases())
def test_follow_ups_as_of_a_date(small, as_of, overdue, due):
    assert names(summaries.overdue_follow_ups(small, as_of)) == overdue
    assert names(summaries.due_follow_ups(small, as_of)) == due


def test_follow_up_days_and_window_advice(small):
    overdue = summaries.overdue_follow_ups(small, AS_OF)
    assert overdue["days overdue"].tolist() == [18, 6, 4]
    assert overdue["check-in agreed"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-02", "2026-03-14", "2026-03-16"]
    due = summaries.due_follow_ups(small, AS_OF)
    assert due["due in (days)"].tolist() == [3]
    advice = summaries.follow_up_window_advice(small)
    # Cara 17 days, Dan 18 days (too late), Eve 4 days (too soon); Gia is cancelled
    assert names(advice) == ["Cara Cole", "Dan Diaz", "Eve Evans"]
    assert advice["days after interview"].tolist() == [17, 18, 4]
    assert advice["advice"].str.startswith("more than 10").tolist() == [True, True, False]
    assert advice["advice"].iloc[2].startswith("sooner than 7")


def test_follow_ups_default_to_today():
    data = log.load(b"date,contact,organisation,status,follow_up_on\n"
                    + f"{dt.date.today() - dt.timedelta(days=12)},Old,Org,held,{dt.date.today() - dt.timedelta(days=2)}\n"
                      .encode()).data
    assert names(summaries.overdue_follow_ups(data)) == ["Old"]


def test_follow_ups_reading_names_the_first_to_chase(small):
    reading = summaries.follow_ups(small, AS_OF).reading
    assert reading.startswith("As of 20 Mar 2026: 3 check-ins overdue (start with Ben Brown, agreed for 2 Mar 2026)")
    assert "1 due in the next 7 days" in reading and "3 agreed dates outside" in reading
    quiet = summaries.follow_ups(small, "2026-02-20").reading
    assert "Nothing to chase today" in quiet


# ---------------------------------------------------------------------------------------
# 3. Thank-yous
# ---------------------------------------------------------------------------------------
def test_thank_yous(small):
    missing = summaries.missing_thank_yous(small, AS_OF)
    assert names(missing) == ["Cara Cole"] and missing["days since"].tolist() == [21]
    delays = summaries.thank_you_delays(small)
    assert names(delays) == ["Pat Practice", "Quinn Friend", "Ana Alvarez", "Ben Brown", "Dan Diaz", "Eve Evans"]
    assert delays["days"].tolist() == [0, 2, 0, 1, 0, 0]
    assert delays["within a day"].tolist() == ["yes", "no", "yes", "yes", "yes", "yes"]
    reading = summaries.thank_yous(small, AS_OF).reading
    assert reading.startswith("1 of 7 held interviews has no thank-you recorded; 5 of 6 thank-yous went out within a day")


def test_thank_you_before_the_interview_is_flagged():
    data = log.load(b"date,contact,organisation,status,thank_you_sent\n2026-03-10,A,O,held,2026-03-08\n").data
    assert summaries.thank_you_delays(data)["within a day"].iloc[0].startswith("check the dates")


def test_missing_thank_yous_most_recent_first():
    data = log.load(b"date,contact,organisation,status\n2026-01-01,Old,O,held\n2026-03-01,New,O,held\n"
                    b"2026-02-01,Mid,O,held\n").data
    assert names(summaries.missing_thank_yous(data, "2026-03-05")) == ["New", "Mid", "Old"]


# ---------------------------------------------------------------------------------------
# 4. Referrals
# ---------------------------------------------------------------------------------------
def test_referral_figures(small):
    figures = summaries.referral_figures(small)
    assert figures.loc["held interviews"].tolist() == [7, 5]
    assert figures.loc["names received"].tolist() == [11, 10]           # 1+0+3+2+4+1+0; real: 3+2+4+1+0
    assert figures.loc["names per held interview"].tolist() == [1.57, 2.0]
    assert figures.loc["may use their name (% of held)"].tolist() == [57.1, 60.0]   # 4/7, 3/5
    assert figures.loc["got contact details (% of held)"].tolist() == [57.1, 60.0]  # 4/7, 3/5
    assert figures.loc["both (% of held)"].tolist() == [42.9, 40.0]                 # 3/7, 2/5
    assert figures.loc["interviews that came through a referral"].tolist() == [8, 8]


def test_longest_chain_follows_names_ignoring_case_and_stops_at_unknown_names(small):
    chain = summaries.longest_chain(small)
    # Dan's referrer is written "cara cole": matched ignoring case. Eve's referrer "Uncle Joe" is not in the log.
    assert [small["contact"].iloc[i] for i in chain] == [
        "Pat Practice", "Ana Alvarez", "Ben Brown", "Cara Cole", "Dan Diaz", "Finn Ford"]
    links = summaries.referral_links(small).set_index("contact")
    assert links.loc["Eve Evans", "chain"] == 1 and links.loc["Eve Evans", "parent"] == -1
    assert links.loc["Hal Hill", "chain"] == 2
    reading = summaries.referrals(small).reading
    assert reading.startswith("11 names from 7 held interviews (1.57 each; 2 each from real ones)")
    assert "Longest chain: Pat Practice → Ana Alvarez → Ben Brown → Cara Cole → Dan Diaz → Finn Ford (6 people)" in reading


def test_referral_loops_are_cut_not_followed_forever():
    data = log.load(CASES / "summaries_loop.csv").data
    links = summaries.referral_links(data).set_index("contact")
    # Amy and Bob name each other: the loop is cut at the earlier row (Amy starts the chain).
    assert links.loc["Amy Able", "chain"] == 1
    assert links.loc["Bob Best", "chain"] == 2
    assert links.loc["Cal Cox", "chain"] == 2
    assert links.loc["Dee Dunn", "chain"] == 1  # names herself
    assert [data["contact"].iloc[i] for i in summaries.longest_chain(data)] == ["Amy Able", "Bob Best"]


def _naive_lengths(parent: list[int]) -> list[int]:
    """The obvious loop, for checking the vectorised version (loops already cut)."""
    out = []
    for i in range(len(parent)):
        n, at = 1, i
        while parent[at] >= 0:
            at = parent[at]
            n += 1
        out.append(n)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_chain_lengths_match_a_plain_loop(seed):
    rng = np.random.default_rng(seed)
    n = 2000
    parent = np.where(rng.random(n) < 0.7, rng.integers(0, n, n), -1)
    lengths, cut = summaries._chain_lengths(parent)
    assert lengths.tolist() == _naive_lengths(cut.tolist())
    changed = np.flatnonzero(cut != parent)
    assert (cut[changed] == -1).all()  # only loop starts were cut
    assert len(changed) <= (parent >= 0).sum()


def test_pooled_logs_keep_chains_apart():
    pooled = log.load_many([CASES / "summaries_pooled_a.csv", CASES / "summaries_pooled_b.csv"])
    data = pooled.data
    links = summaries.referral_links(data)
    b_ana = links[(links["source"] == "summaries_pooled_b.csv") & (links["contact"] == "Ana Alvarez")].iloc[0]
    assert b_ana["parent"] == -1 and b_ana["chain"] == 1    # Pat Practice is in the other log
    b_zed = links[links["contact"] == "Zed Zane"].iloc[0]
    assert data["source"].iloc[b_zed["parent"]] == "summaries_pooled_b.csv"
    chain = summaries.longest_chain(data)
    assert [data["contact"].iloc[i] for i in chain] == ["Pat Practice", "Ana Alvarez", "Ben Brown"]
    assert {data["source"].iloc[i] for i in chain} == {"summaries_pooled_a.csv"}
    overdue = summaries.overdue_follow_ups(data, "2026-01-25")
    assert overdue.columns[0] == "source"
    assert list(zip(overdue["source"], overdue["contact"])) == [
        ("summaries_pooled_b.csv", "Ana Alvarez"), ("summaries_pooled_a.csv", "Ana Alvarez")]
    # the same name in two logs is two people
    assert summaries.sector_coverage(data).loc["Teaching", "real"] == 4


# ---------------------------------------------------------------------------------------
# 5. Feedback and 6. Coverage
# ---------------------------------------------------------------------------------------
def test_feedback_leaves_out_empty_and_blank(small):
    given = summaries.feedback_given(small)
    assert names(given) == ["Pat Practice", "Ana Alvarez"]  # Ben's feedback is only spaces
    assert given["feedback"].tolist() == ["Speak slower.", "Competitive for assistant roles."]
    assert summaries.feedback(small).reading.startswith("2 of 7 held interviews have candid feedback recorded.")


def test_coverage_counts_people_per_sector_practice_apart(small):
    table = summaries.sector_coverage(small)
    assert table.index.tolist() == ["Teaching", "Libraries", "Museums"]   # 'teaching ' is Teaching
    assert table[["practice", "real", "total"]].values.tolist() == [[2, 2, 4], [0, 2, 2], [0, 1, 1]]
    assert table["note"].str.startswith("fewer than 3 real").all()
    sample = summaries.sector_coverage(log.load(log.sample_path()).data)
    assert sample.loc["Healthcare", "real"] == 11 and sample.loc["Healthcare", "note"] == ""
    assert sample.loc["Accounting", "real"] == 3 and sample.loc["Accounting", "note"] == ""
    assert sample.loc["Software", "note"] != ""


def test_coverage_counts_each_person_once():
    data = log.load(b"date,contact,organisation,status,sector,kind\n2026-01-01,Ana,O,held,Health,real\n"
                    b"2026-02-01,Ana,O,held,Health,real\n2026-02-02,Bo,O,held,health,real\n"
                    b"2026-02-03,Cy,O,scheduled,Health,real\n2026-02-04,Di,O,held,,real\n").data
    table = summaries.sector_coverage(data)
    assert table.loc["Health", "real"] == 2          # Ana twice counts once; Cy is not held yet
    assert table.loc[summaries.NO_SECTOR, "real"] == 1


# ---------------------------------------------------------------------------------------
# Empty logs, several logs, the text report, long tables
# ---------------------------------------------------------------------------------------
def test_empty_log_gives_empty_tables_and_friendly_readings():
    data = log.load(CASES / "summaries_empty.csv").data
    sections = summaries.sections(data, AS_OF)
    assert [s.key for s in sections] == ["activity", "follow_ups", "thank_yous", "referrals", "feedback", "coverage"]
    for section in sections:
        assert section.reading and "nan" not in section.reading.lower()
        section.html()
        section.text()
    assert summaries.counts_by_status(data)["total"].sum() == 0
    for table in [summaries.weekly_counts(data), summaries.overdue_follow_ups(data, AS_OF),
                  summaries.missing_thank_yous(data, AS_OF), summaries.feedback_given(data),
                  summaries.sector_coverage(data), summaries.referral_links(data)]:
        assert len(table) == 0
    assert summaries.longest_chain(data) == []
    text = summaries.report_text(log.load(CASES / "summaries_empty.csv"), dt.date(2026, 3, 20))
    assert "The log has no interviews yet" in text
    assert "No check-ins overdue." in text and "No held interviews yet" in text


def test_report_text_has_six_sections_and_their_readings(small):
    text = summaries.report_text(log.load(SMALL), dt.date(2026, 3, 20))
    titles = ["1. Activity", "2. Follow-ups", "3. Thank-yous", "4. Referrals", "5. Feedback", "6. Coverage"]
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)
    for section in summaries.sections(small, AS_OF):
        assert section.reading in text
    assert "as of 2026-03-20" in text.splitlines()[0]


def test_long_tables_are_cut_in_text_with_the_count(small):
    rows = "".join(f"2026-01-{d:02d},Person {d},Org,held,,,real\n" for d in range(1, 29))
    data = log.load(("date,contact,organisation,status,role,sector,kind\n" + rows).encode()).data
    section = summaries.thank_yous(data, AS_OF, limit=summaries.TEXT_ROWS)
    text = section.text()
    assert "... and 13 more rows (showing the first 15)" in text
    assert section.reading.startswith("28 of 28 held interviews have no thank-you")
    html = summaries.thank_yous(data, AS_OF, limit=10).html()
    assert "Showing the first 10 of 28 rows." in html


@pytest.mark.parametrize("seed", range(3))
def test_limited_tables_are_the_head_of_the_full_ones(seed):
    rng = np.random.default_rng(seed)
    n = 400
    days = rng.integers(0, 30, n)  # many ties
    dates = (pd.Timestamp("2026-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    frame = pd.DataFrame({"date": dates, "contact": [f"P{i}" for i in range(n)], "organisation": "O",
                          "status": rng.choice(["held", "requested"], n),
                          "thank_you_sent": np.where(rng.random(n) < 0.5, dates, ""),
                          "follow_up_on": np.where(rng.random(n) < 0.6, dates, "")})
    data = log.load(frame.to_csv(index=False).encode()).data
    for fn in [lambda **k: summaries.missing_thank_yous(data, "2026-03-01", **k),
               lambda **k: summaries.overdue_follow_ups(data, "2026-01-20", **k),
               lambda **k: summaries.thank_you_delays(data, **k)]:
        full = fn()
        cut = fn(limit=7)
        assert cut.attrs["total"] == len(full)
        pd.testing.assert_frame_equal(cut.reset_index(drop=True), full.head(7).reset_index(drop=True),
                                      check_dtype=False)


# ---------------------------------------------------------------------------------------
# Safety: learners' text in HTML
# ---------------------------------------------------------------------------------------
def test_every_table_escapes_hostile_text():
    lg = log.load(CASES / "summaries_hostile.csv")
    assert not lg.problems
    sections = summaries.sections(lg.data, "2026-02-10")
    html = "".join(s.html() for s in sections)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert '=HYPERLINK("http://evil.example")' in html  # shown as text (quotes are harmless in text)
    for section in sections:
        for caption, table in section.tables.items():
            for value in table.astype(str).to_numpy().ravel():
                if "<" in value:
                    assert value not in section.html(), f"{caption}: {value!r} shown unescaped"
    # the hostile names reach the tables (escaped), and the chain links through them
    chain = summaries.longest_chain(lg.data)
    assert [lg.data["contact"].iloc[i] for i in chain] == [
        "<script>alert(1)</script>", "Dollar $x^2$ and $\\frac", "Quote ' and \"double\" & amp"]


def test_learners_log_says_sample_until_there_is_one(workspace):
    shown = summaries.learners_log()
    assert shown.is_sample and shown.as_of == summaries.SAMPLE_AS_OF
    assert "sample log" in shown.note and "27 fictional interviews" in shown.note
    assert "sample log" in shown._repr_html_()
    log.add_entry({"date": "2026-03-01", "contact": "Ana <b>", "organisation": "Acme", "status": "held"})
    own = summaries.learners_log()
    assert not own.is_sample and own.as_of == dt.date.today() and len(own.data) == 1
    assert "your own log" in own.note
    assert summaries.learners_log("2026-03-05").as_of == dt.date(2026, 3, 5)


def test_learners_log_empty_and_broken_files(workspace):
    path = workspace / "interview_log.csv"
    workspace.mkdir(parents=True, exist_ok=True)
    path.write_text(",".join(log.COLUMNS) + "\n", encoding="utf-8")
    shown = summaries.learners_log()
    assert not shown.is_sample and len(shown.data) == 0 and "no interviews yet" in shown.note
    path.write_bytes(b"\x00\x01binary")
    shown = summaries.learners_log()
    assert shown.is_sample and "could not be read" in shown.note and "not a text file" in shown.note
    path.write_text("date,contact,organisation,status\n2026-02-30,Ana,Acme,held\n", encoding="utf-8")
    shown = summaries.learners_log()
    assert "1 problem found" in shown.note and "row 2, date" in shown.note


def test_entry_tips():
    held = {"date": "2026-03-02", "contact": "Ana", "organisation": "O", "status": "held"}
    tips = summaries.entry_tips({**held, "follow_up_on": "2026-03-04", "thank_you_sent": "2026-03-02"})
    assert len(tips) == 1 and tips[0].startswith("Wednesday 4 March is only 2 days after the interview")
    assert "This is advice, not an error" in tips[0]
    tips = summaries.entry_tips({**held, "thank_you_sent": "2026-03-05", "follow_up_on": "2026-03-10"})
    assert tips == ["The thank-you went out more than a day after the interview; next time aim for the same day "
                    "or the next."]
    tips = summaries.entry_tips({**held, "thank_you_sent": "2026-03-02", "follow_up_on": "2026-03-11"})
    assert tips == [], "a Wednesday 9 days after: nothing to say"
    tips = summaries.entry_tips({**held, "thank_you_sent": "2026-03-02", "follow_up_on": "2026-03-07"})
    assert len(tips) == 1 and "falls on a weekend" in tips[0] and "is only 5 days after" in tips[0]
    tips = summaries.entry_tips({**held, "thank_you_sent": "2026-03-02"})
    assert tips == ["No check-in day recorded: if they offered to contact someone for you first, agree a working "
                    "day 7-10 days after the interview to check in, and add it here."]
    data = log.load(SMALL).data
    assert summaries.entry_tips({**held, "status": "requested", "referred_by": "ben  BROWN"}, data) == []
    assert re.search("'Nobody' is not a contact", " ".join(
        summaries.entry_tips({**held, "status": "requested", "referred_by": "Nobody"}, data)))


def test_a_large_random_log_is_summarised(tmp_path):
    """Smoke test at a size where a row loop would show (no timing asserted)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", CASES.parent.parent / "scripts" / "benchmark_summary.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "course.csv"
    bench.make_log(30_000).to_csv(path, index=False)
    lg = log.load(path)
    assert lg.problems == []
    text = summaries.report_text(lg, dt.date(2026, 11, 30))
    assert text.count("... and ") >= 3
    assert summaries.longest_chain(lg.data)


def test_weekly_table_keeps_the_latest_weeks_when_cut():
    rows = ["date,contact,organisation,status"] + [f"2026-{m:02d}-{d:02d},P{m}-{d},O,held"
                                                   for m in range(1, 7) for d in (5, 19)]
    data = log.load("\n".join(rows).encode()).data
    section = summaries.activity(data, limit=5)
    weekly = section.tables["Held interviews per week"]
    assert list(weekly.index) == ["2026-05-18", "2026-05-25", "2026-06-01", "2026-06-08", "2026-06-15"]
    assert "... and 19 more rows (showing the last 5)" in section.text()
    assert "No practice run before your first real interview" in section.reading


def test_the_lessons_challenge_answers_match_the_sample():
    """Notebook 05's suggested answers are written out by hand: keep them true to the sample."""
    sample = log.load(log.sample_path()).data
    as_of = summaries.SAMPLE_AS_OF
    overdue = summaries.overdue_follow_ups(sample, as_of)
    assert names(overdue) == ["Tom Becker", "Lena Ortiz", "Victor Adeyemi", "Oliver Grant", "Priya Shah"]
    assert overdue["days overdue"].iloc[0] == 42  # "six weeks overdue"
    assert names(summaries.due_follow_ups(sample, as_of)) == ["Elena Rossi"]
    assert names(summaries.missing_thank_yous(sample, as_of)) == ["Elena Rossi", "Victor Adeyemi", "Marcus Bell",
                                                                   "Sam Whitfield"]
    coverage = summaries.sector_coverage(sample)
    assert coverage["real"].to_dict() == {"Healthcare": 11, "Accounting": 3, "Software": 2, "Nonprofit": 1}
