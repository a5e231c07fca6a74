"""The log's charts: labelled, colour-blind-safe, with a text alternative, safe with any names."""
from __future__ import annotations

import re
from pathlib import Path
import subprocess
import sys

import matplotlib
import pytest
from matplotlib.colors import to_hex

from helpers.log import charts
from helpers import display, log

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"

OKABE_ITO = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"}
CHARTS = [charts.weekly_activity, charts.interview_path, charts.referral_tree, charts.sector_coverage]
IDS = [f.__name__ for f in CHARTS]


def labels(chart: charts.Chart) -> list[str]:
    """The names written on a chart (arrows are text objects with no text)."""
    return [t.get_text() for t in chart.figure.axes[0].texts if t.get_text()]


@pytest.fixture(scope="module")
def sample() -> "log.pd.DataFrame":
    return log.load(log.sample_path()).data


@pytest.mark.parametrize("make", CHARTS, ids=IDS)
def test_every_chart_has_title_labels_alt_and_caption(make, sample):
    chart = make(sample)
    ax = chart.figure.axes[0]
    assert ax.get_title(loc="left"), "a title"
    assert ax.get_xlabel() and ax.get_ylabel(), "both axes labelled"
    assert len(chart.alt) > 80 and chart.caption
    assert chart.figure.get_size_inches()[0] <= 8.0  # fits a notebook column at 100 dpi
    figure, alt = chart                               # unpacks as (figure, alt text)
    assert figure is chart.figure and alt == chart.alt


@pytest.mark.parametrize("make", CHARTS, ids=IDS)
def test_chart_colours_are_okabe_ito(make, sample):
    chart = make(sample)
    ax = chart.figure.axes[0]
    used = {to_hex(p.get_facecolor()) for p in ax.patches}
    for collection in ax.collections:
        used |= {to_hex(c) for c in collection.get_facecolors()} | {to_hex(c) for c in collection.get_edgecolors()}
    used |= {to_hex(line.get_color()) for line in ax.lines if line.get_color() != "#666666"}
    used.discard("#ffffff")
    used.discard("#666666")  # neutral grey for connecting lines
    assert used and used <= OKABE_ITO, used - OKABE_ITO


def test_alt_texts_carry_the_numbers(sample):
    assert "3, all in the week of 7 Sep 2026" in charts.weekly_activity(sample).alt
    assert "27 asked for, 20 held, 16 thanked, 16 gave you at least one name" in charts.interview_path(sample).alt
    tree = charts.referral_tree(sample).alt
    assert ("Rosa Delgado → Jordan Reyes → Aisha Qureshi → Nadia Petrova → Hannah Weiss → Victor Adeyemi → Sofia Marin"
            in tree)
    assert "24 people" in tree
    assert "Software: 2 real, 1 practice" in charts.sector_coverage(sample).alt


def test_path_counts(sample):
    table = charts.path_counts(sample)
    assert table.index.tolist() == ["asked for", "held", "thanked", "gave names"]
    assert table["practice"].tolist() == [4, 3, 2, 2]
    assert table["real"].tolist() == [23, 17, 14, 14]


@pytest.mark.parametrize("make", CHARTS, ids=IDS)
def test_shown_as_figure_with_alt_and_caption(make, sample):
    chart = make(sample)
    html = chart._repr_html_()
    assert html.startswith("<figure") and "<figcaption" in html
    assert re.search(r"<img src='data:image/png;base64,[A-Za-z0-9+/=]{200,}' alt='[^']{80,}'", html)
    assert display.escape(chart.caption) in html
    assert repr(chart).startswith("Chart: ")


@pytest.mark.parametrize("make", CHARTS, ids=IDS)
def test_empty_log_draws_an_empty_chart_that_says_so(make):
    chart = make(log.load(CASES / "summaries_empty.csv").data)
    assert re.search(r"empty|no ", chart.alt, flags=re.I)
    assert "<figure" in chart.html()


@pytest.mark.parametrize("make", CHARTS, ids=IDS)
def test_hostile_names_are_drawn_as_text_and_escaped_in_alt(make):
    data = log.load(CASES / "summaries_hostile.csv").data  # names with $ (maths), <script>, quotes
    chart = make(data)
    html = chart.html()  # draws the PNG: a '$' must not start a formula
    assert "<script" not in html and "<img src=x" not in html
    if make is charts.referral_tree:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "Dollar $x^2$ and $\\frac" in labels(chart)


def test_referral_tree_on_the_small_log_and_loops():
    small = log.load(CASES / "summaries_small.csv").data
    chart = charts.referral_tree(small)
    assert "Pat Practice → Ana Alvarez → Ben Brown → Cara Cole → Dan Diaz → Finn Ford" in chart.caption
    drawn = labels(chart)
    assert "Eve Evans" in drawn and "Hal Hill" in drawn and "Quinn Friend" not in drawn  # Quinn is in no chain
    loop = charts.referral_tree(log.load(CASES / "summaries_loop.csv").data)
    assert "Amy Able → Bob Best" in loop.caption


def test_referral_tree_is_cut_to_a_readable_size(tmp_path):
    rows = ["date,contact,organisation,status,referred_by"]
    rows += [f"2026-01-01,Root,Org,held,"]
    rows += [f"2026-01-02,Person {i},Org,held,{'Root' if i < 5 else f'Person {i % 4 + 1}'}" for i in range(1, 80)]
    data = log.load("\n".join(rows).encode()).data
    chart = charts.referral_tree(data, max_people=25)
    assert len(labels(chart)) == 25
    assert "25 of 80 people" in chart.alt and "Showing 25 of 80" in chart.caption


def test_pooled_logs_draw_the_log_with_the_longest_chain():
    pooled = log.load_many([CASES / "summaries_pooled_a.csv", CASES / "summaries_pooled_b.csv"]).data
    chart = charts.referral_tree(pooled)
    assert labels(chart) == ["Pat Practice", "Ana Alvarez", "Ben Brown"]
    assert "in summaries_pooled_a.csv" in chart.alt


def test_long_logs_switch_to_months():
    rows = ["date,contact,organisation,status"] + [
        f"{2024 + i // 12}-{i % 12 + 1:02d}-10,P{i},Org,held" for i in range(30)]
    chart = charts.weekly_activity(log.load("\n".join(rows).encode()).data)
    assert "per month" in chart.figure.axes[0].get_title(loc="left") and "per month" in chart.alt


def test_charts_leave_no_figure_open_and_change_no_settings(sample):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for make in CHARTS:
        make(sample).html()
    assert plt.get_fignums() == before
    code = ("import matplotlib; before = dict(matplotlib.rcParams); import helpers.log.charts, helpers.log.summaries; "
            "assert dict(matplotlib.rcParams) == before; import sys; "
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_save_writes_a_png(tmp_path, sample):
    target = tmp_path / "tree.png"
    charts.referral_tree(sample).save(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_matplotlib_backend_untouched():
    assert matplotlib.get_backend()  # importing helpers.log.charts did not force a backend
