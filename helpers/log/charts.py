"""Matplotlib charts of a practice-interview log, each with a text alternative.

Every chart function takes the typed frame of a log (``log.Log.data``) and returns a
:class:`Chart`: the figure, an ``alt`` text that says what the chart shows (numbers
included), and a short caption. A chart is shown only through
:func:`helpers.display.show_figure` / :func:`helpers.display.figure_html` (a ``<figure>``
with alt text and caption; JupyterLab puts no alt text on plain image outputs):

    charts.show(charts.weekly_activity(data))

or simply end a cell with the chart: it shows itself the same way.

The colours are the Okabe-Ito palette, safe for the common kinds of colour blindness, and
practice/real also differ by hatching. Figures are made with ``matplotlib.figure.Figure``,
not pyplot: nothing global changes (no rcParams, no backend) and nothing is left open.

>>> from helpers import log

>>> from helpers.log import charts
>>> chart = charts.interview_path(log.load(log.sample_path()).data)
>>> chart.alt.split(":")[0]
'Horizontal bar chart of how far the 27 interviews in the log got'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.log import summaries

# Okabe-Ito colours (Okabe & Ito 2008), readable with the common colour-vision deficiencies.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#666666"
KIND_STYLE = {"practice": {"color": ORANGE, "hatch": "//", "edgecolor": BLACK},
              "real": {"color": BLUE, "hatch": "", "edgecolor": BLACK}}

WIDTH = 8.0          # inches; at 100 dpi this is 800 px, the width of a notebook column
TITLE_SIZE = 14
LABEL_SIZE = 12
TICK_SIZE = 11


@dataclass
class Chart:
    """A figure and the words that stand in for it.

    Unpacks as ``figure, alt = chart``; ends a notebook cell as an accessible ``<figure>``.
    """

    figure: Figure
    alt: str       # what the chart shows, for a screen reader (numbers included)
    caption: str   # a short reading shown under the chart

    def __iter__(self) -> Iterator[object]:
        return iter((self.figure, self.alt))

    def html(self) -> str:
        """The chart as an HTML ``<figure>`` with alt text and caption (see display.figure_html)."""
        from helpers.display import figure_html

        return figure_html(self.figure, self.alt, self.caption)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:  # an editor that cannot show images shows the text alternative
        return f"Chart: {self.alt}"

    def save(self, path: str, dpi: int = 100) -> None:
        """Save the chart as a PNG (to look at it, or for a handout)."""
        self.figure.savefig(path, format="png", dpi=dpi, bbox_inches="tight")


def show(chart: Chart) -> None:
    """Display a chart in a notebook with its text alternative (through display.show_figure)."""
    from helpers.display import show_figure

    show_figure(chart.figure, chart.alt, chart.caption)


def _figure(height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=TICK_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _empty(ax, title: str, xlabel: str, ylabel: str, message: str) -> None:
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=LABEL_SIZE, color=GREY,
            transform=ax.transAxes, wrap=True)


def _label(text: object, limit: int = 26) -> str:
    """A learner's text fit for a chart label: one line, shortened (drawn as plain text, no maths)."""
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _plain(texts) -> None:
    """Draw tick labels as plain text (a '$' in a name must not start a formula)."""
    for t in texts:
        t.set_parse_math(False)


# ---------------------------------------------------------------------------------------
# Weekly activity
# ---------------------------------------------------------------------------------------
def weekly_activity(data: pd.DataFrame) -> Chart:
    """Held interviews per week, practice and real stacked (per month when the log spans over 40 weeks)."""
    weekly = summaries.weekly_counts(data)
    title = "Held interviews per week, practice and real"
    fig, ax = _figure(3.8)
    if not len(weekly):
        _empty(ax, title, "Week", "Held interviews", "No held interviews yet")
        alt = "Empty bar chart: the log has no held interviews yet."
        return Chart(fig, alt, alt)
    period = "week"
    table = weekly
    if len(weekly) > 40:
        table = weekly.resample("MS").sum()
        period = "month"
        title = "Held interviews per month, practice and real"
    x = np.arange(len(table))
    practice, real = table["practice"].to_numpy(), table["real"].to_numpy()
    ax.bar(x, practice, width=0.8, label="practice", linewidth=0.6, **KIND_STYLE["practice"])
    ax.bar(x, real, width=0.8, bottom=practice, label="real", linewidth=0.6, **KIND_STYLE["real"])
    every = max(1, int(np.ceil(len(table) / 12)))  # at most about 12 labels
    ticks = x[::every]
    labels = []
    for i, when in zip(ticks, table.index[::every]):
        new_year = i == 0 or when.year != table.index[max(0, i - every)].year
        text = f"{when.day} {when:%b}" if period == "week" else f"{when:%b}"
        labels.append(f"{text}\n{when.year}" if new_year else text)
    ax.set_xticks(ticks, labels=labels)
    ax.set_xlim(-0.7, len(table) - 0.3)
    ax.set_ylim(0, max(1, int(table["total"].max())) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel(f"{period.capitalize()} starting", fontsize=LABEL_SIZE)
    ax.set_ylabel("Held interviews", fontsize=LABEL_SIZE)
    fig.legend(fontsize=TICK_SIZE, frameon=False, loc="outside lower center", ncol=2)

    busiest = table["total"].idxmax()
    start, end = summaries.plain_date(table.index[0]), summaries.plain_date(table.index[-1])
    parts = [f"Stacked bar chart of held interviews per {period}, from the {period} of {start} to the "
             f"{period} of {end}."]
    for kind, colour in (("practice", "orange, hatched"), ("real", "blue")):
        counts = table[kind]
        if counts.sum():
            first = summaries.plain_date(counts[counts > 0].index[0])
            last = summaries.plain_date(counts[counts > 0].index[-1])
            when = (f"all in the {period} of {first}" if first == last
                    else f"from the {period} of {first} to the {period} of {last}")
            parts.append(f"{kind.capitalize()} interviews ({colour}): {int(counts.sum())}, {when}.")
        else:
            parts.append(f"No {kind} interviews.")
    parts.append(f"Busiest {period}: {summaries.plain_date(busiest)} with {int(table['total'].max())}.")
    alt = " ".join(parts)
    caption = (f"Held interviews per {period}: {int(practice.sum())} practice and {int(real.sum())} real; "
               f"the busiest {period} began {summaries.plain_date(busiest)}.")
    return Chart(fig, alt, caption)


# ---------------------------------------------------------------------------------------
# From asking to referrals
# ---------------------------------------------------------------------------------------
def path_counts(data: pd.DataFrame) -> pd.DataFrame:
    """How far interviews got: asked for (every row), held, thanked, gave names; practice and real.

    >>> from helpers import log
    >>> path_counts(log.load(log.sample_path()).data)["total"].tolist()
    [27, 20, 16, 16]
    """
    held = (data["status"] == "held").to_numpy()
    practice = (data["kind"] == "practice").to_numpy()
    thanked = held & data["thank_you_sent"].notna().to_numpy()
    gave = held & (data["referrals"].fillna(0).to_numpy(dtype=np.int64) > 0)
    stages = {"asked for": np.ones(len(data), dtype=bool), "held": held, "thanked": thanked,
              "gave names": gave}
    table = pd.DataFrame({"practice": [int((s & practice).sum()) for s in stages.values()],
                          "real": [int((s & ~practice).sum()) for s in stages.values()]},
                         index=pd.Index(list(stages), name="stage"))
    table["total"] = table["practice"] + table["real"]
    return table


def interview_path(data: pd.DataFrame) -> Chart:
    """From asked for, to held, to thanked, to giving names: practice and real stacked."""
    table = path_counts(data)
    title = "How far each interview got"
    fig, ax = _figure(3.4)
    n = len(data)
    if not n:
        _empty(ax, title, "Interviews", "Stage", "No interviews yet")
        alt = "Empty bar chart: the log has no interviews yet."
        return Chart(fig, alt, alt)
    y = np.arange(len(table))[::-1]
    practice, real = table["practice"].to_numpy(), table["real"].to_numpy()
    ax.barh(y, practice, height=0.6, label="practice", linewidth=0.6, **KIND_STYLE["practice"])
    ax.barh(y, real, left=practice, height=0.6, label="real", linewidth=0.6, **KIND_STYLE["real"])
    ax.set_yticks(y, labels=[s.capitalize() for s in table.index], fontsize=TICK_SIZE)
    total = table["total"].to_numpy()
    for yi, t in zip(y, total):
        ax.text(t + max(total) * 0.01, yi, f"{t:,}", va="center", fontsize=TICK_SIZE)
    ax.set_xlim(0, max(total) * 1.12 or 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel("Interviews", fontsize=LABEL_SIZE)
    ax.set_ylabel("Stage", fontsize=LABEL_SIZE)
    fig.legend(fontsize=TICK_SIZE, frameon=False, loc="outside lower center", ncol=2)
    words = {"asked for": "asked for", "held": "held", "thanked": "thanked", "gave names": "gave you at least one name"}
    steps = ", ".join(f"{int(table.loc[s, 'total']):,} {words[s]}" for s in table.index)
    alt = (f"Horizontal bar chart of how far the {n:,} interviews in the log got: {steps}. Each bar is split "
           f"into practice (orange, hatched) and real (blue); real: "
           + ", ".join(f"{int(table.loc[s, 'real']):,} {s}" for s in table.index) + ".")
    held = int(table.loc["held", "total"])
    caption = (f"{n:,} interviews asked for, {held:,} held, {int(table.loc['thanked', 'total']):,} thanked, "
               f"{int(table.loc['gave names', 'total']):,} gave names.")
    return Chart(fig, alt, caption)


# ---------------------------------------------------------------------------------------
# Referral tree
# ---------------------------------------------------------------------------------------
def _roots(parent: np.ndarray) -> np.ndarray:
    """The first person of the chain each row belongs to (pointer jumping; loops already cut)."""
    root = np.where(parent >= 0, parent, np.arange(len(parent)))
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            return root
        root = nxt


def tree_rows(data: pd.DataFrame, max_people: int = 30) -> tuple[np.ndarray, np.ndarray, int]:
    """Which rows the referral tree draws: ``(rows, parent, people in chains)``.

    Only people in a chain (referred, or who referred someone) are drawn. When logs are
    pooled, only the log with the longest chain is drawn. Whole trees are taken, the one with
    the longest chain first, while they fit in ``max_people``; a tree too big on its own is cut
    to its longest chain and the people nearest its start.
    """
    rows, parent, people, _ = _tree(data, max_people)
    return rows, parent, people


def _tree(data: pd.DataFrame, max_people: int) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    links = summaries.referral_links(data)
    parent, lengths = links["parent"].to_numpy(), links["chain"].to_numpy()
    n = len(parent)
    if not n or lengths.max() < 2:
        return np.zeros(0, dtype=np.int64), parent, 0, lengths
    root = _roots(parent)
    in_chain = np.zeros(n, dtype=bool)
    in_chain[parent[parent >= 0]] = True
    in_chain |= parent >= 0
    if "source" in data.columns:
        source = data["source"].to_numpy()
        in_chain &= source == source[int(lengths.argmax())]
    people = int(in_chain.sum())
    members = np.flatnonzero(in_chain)
    tree_of = root[members]
    sizes = pd.Series(members).groupby(tree_of).size()
    depth = pd.Series(lengths[members]).groupby(tree_of).max()
    first_row = pd.Series(members).groupby(tree_of).min()
    order = pd.DataFrame({"depth": depth, "size": sizes, "first": first_row}).sort_values(
        ["depth", "size", "first"], ascending=[False, False, True], kind="stable")
    fits = (order["size"].cumsum() <= max_people).to_numpy()
    fits[0] = True  # the tree with the longest chain is always drawn (cut below if too big)
    chosen = order.index.to_numpy()[np.cumprod(fits).astype(bool)]
    rows = members[np.isin(tree_of, chosen)]
    if len(rows) > max_people:  # one big tree: keep its longest chain, then the nearest people
        longest = summaries.longest_chain(data, (parent, lengths))
        keep = set(longest)
        by_step = rows[np.argsort(lengths[rows], kind="stable")]
        for r in by_step:
            if len(keep) >= max_people:
                break
            if parent[r] < 0 or parent[r] in keep:
                keep.add(int(r))
        rows = np.array(sorted(keep), dtype=np.int64)
    return rows, parent, people, lengths


def _layout(rows: np.ndarray, parent: np.ndarray) -> dict[int, tuple[float, float]]:
    """An outline layout: one person per line in chain order, indented one step per referral."""
    chosen = set(int(r) for r in rows)
    children: dict[int, list[int]] = {r: [] for r in chosen}
    starts = []
    for r in sorted(chosen):
        p = int(parent[r])
        (children[p] if p in chosen else starts).append(r)
    place: dict[int, tuple[float, float]] = {}
    todo = [(r, 1) for r in reversed(starts)]
    while todo:  # depth first, without recursion (a chain can be long)
        node, step = todo.pop()
        place[node] = (float(step), float(len(place)))
        todo.extend((k, step + 1) for k in reversed(children[node]))
    return place


def referral_tree(data: pd.DataFrame, max_people: int = 30) -> Chart:
    """The referral chains as a tree: who led to whom, one person per line, one step per column."""
    rows, parent, people, lengths = _tree(data, max_people)
    title = "Referral chains: who led to whom"
    if not len(rows):
        fig, ax = _figure(3.0)
        _empty(ax, title, "Step in the referral chain", "People", "No referral chains yet: nobody in the "
                                                                   "log was referred by someone else in it")
        alt = "Empty chart: no referral chains yet; nobody in the log was referred by someone else in it."
        return Chart(fig, alt, alt)
    place = _layout(rows, parent)
    lines = len(place)
    steps = int(max(x for x, _ in place.values()))
    fig, ax = _figure(min(14.0, max(3.4, 0.32 * lines + 1.9)))
    contact = data["contact"].to_numpy(dtype=object)
    status = data["status"].to_numpy(dtype=object)
    kind = data["kind"].to_numpy(dtype=object)
    for r, (x, y) in place.items():
        p = int(parent[r])
        if p in place:  # an elbow from the person who gave the name down and across to this person
            px, py = place[p]
            ax.plot([px, px], [py + 0.25, y], color=GREY, lw=1.2, zorder=1)
            ax.annotate("", xy=(x - 0.12, y), xytext=(px, y),
                        arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.2, shrinkA=0, shrinkB=0))
    shapes = {"held": "o", "requested": "s", "scheduled": "s", "cancelled": "X"}
    for r, (x, y) in place.items():
        colour = KIND_STYLE["practice" if kind[r] == "practice" else "real"]["color"]
        held = status[r] == "held"
        ax.scatter([x], [y], s=80, marker=shapes.get(status[r], "D"), zorder=3, linewidths=1.6,
                   facecolors=colour if held else "white", edgecolors=colour)
        ax.annotate(_label(contact[r], 24), (x, y), xytext=(9, 0), textcoords="offset points", va="center",
                    ha="left", fontsize=TICK_SIZE, parse_math=False, zorder=4)
    # Room on the right for the longest label (about 170 of the axes' 720 pixels).
    longest = max(len(_label(contact[r], 24)) for r in place) * 7.5 / 720
    ax.set_xlim(0.6, max(steps + 1.5, (steps - 0.6 * longest) / (1 - longest)))
    ax.set_ylim(lines - 0.4, -0.6)
    ax.set_xticks(range(1, steps + 1))
    ax.set_yticks([])
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel("Step in the referral chain (1 = reached without a referral)", fontsize=LABEL_SIZE)
    ax.set_ylabel("People, one per line", fontsize=LABEL_SIZE)
    ax.spines["left"].set_visible(False)
    legend = [ax.scatter([], [], marker="o", s=60, facecolors=BLUE, edgecolors=BLUE, label="held: filled circle"),
              ax.scatter([], [], marker="s", s=60, facecolors="white", edgecolors=BLUE,
                         label="requested or scheduled: hollow square"),
              ax.scatter([], [], marker="X", s=60, facecolors="white", edgecolors=BLUE, label="cancelled: cross"),
              ax.scatter([], [], marker="o", s=60, facecolors=ORANGE, edgecolors=ORANGE,
                         label="practice: orange (real: blue)")]
    fig.legend(handles=legend, fontsize=TICK_SIZE - 1, frameon=False, loc="outside lower center", ncol=2)

    chain = summaries.longest_chain(data, (parent, lengths))
    names = [str(contact[i]) for i in chain]
    starters = sum(1 for r in place if int(parent[r]) not in place)
    shown = f"{len(place)} of {people}" if len(place) < people else f"{people}"
    where = ""
    if "source" in data.columns and data["source"].nunique() > 1:
        where = f" in {data['source'].iloc[chain[0]]}"
    alt = (f"Tree of referral chains{where}: {shown} people who were referred or referred someone, in "
           f"{starters} chain{'s' if starters != 1 else ''}, one person per line; each person is indented "
           f"under the person who gave you their name. The longest chain has {len(chain)} people: "
           f"{' → '.join(names)}. Filled circles are held interviews, hollow squares requested or "
           f"scheduled, crosses cancelled; orange is practice, blue is real.")
    caption = f"Longest referral chain: {' → '.join(names)} ({len(chain)} people)."
    if len(place) < people:
        caption += f" Showing {len(place)} of {people} people in chains."
    return Chart(fig, alt, caption)


# ---------------------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------------------
def sector_coverage(data: pd.DataFrame, max_sectors: int = 15) -> Chart:
    """People spoken to per sector, practice and real stacked, with the rule-of-thumb line at three."""
    table = summaries.sector_coverage(data)
    enough = summaries.PEOPLE_PER_SECTOR
    title = "People spoken to per sector"
    if not len(table):
        fig, ax = _figure(3.0)
        _empty(ax, title, "People spoken to", "Sector", "No held interviews yet")
        alt = "Empty bar chart: no held interviews yet, so no sectors covered."
        return Chart(fig, alt, alt)
    shown = table.head(max_sectors)
    fig, ax = _figure(max(2.6, 0.5 * len(shown) + 1.5))
    y = np.arange(len(shown))[::-1]
    practice, real = shown["practice"].to_numpy(), shown["real"].to_numpy()
    ax.barh(y, real, height=0.6, label="real", linewidth=0.6, **KIND_STYLE["real"])
    ax.barh(y, practice, left=real, height=0.6, label="practice", linewidth=0.6, **KIND_STYLE["practice"])
    ax.set_yticks(y, labels=[_label(s, 30) for s in shown.index], fontsize=TICK_SIZE)
    _plain(ax.get_yticklabels())
    ax.axvline(enough, color=VERMILLION, linestyle="--", linewidth=1.5,
               label=f"{enough} real: enough to start comparing")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(enough + 1, int(shown["total"].max()) + 1))
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel("People spoken to (held interviews, each person once)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Sector", fontsize=LABEL_SIZE)
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index("real"), labels.index("practice")] + [i for i, l in enumerate(labels)
                                                                 if l not in ("real", "practice")]
    fig.legend([handles[i] for i in order], [labels[i] for i in order], fontsize=TICK_SIZE - 1,
               frameon=False, loc="outside lower center", ncol=3)
    short = [str(s) for s in table.index[table["real"] < enough]]
    listing = "; ".join(f"{s}: {int(r)} real, {int(p)} practice" for s, r, p in
                        zip(shown.index, shown["real"], shown["practice"]))
    more = f" (the {len(shown)} with most real conversations of {len(table)})" if len(table) > len(shown) else ""
    alt = (f"Horizontal bar chart of people spoken to per sector{more}, real (blue) and practice (orange, "
           f"hatched) stacked, with a dashed line at {enough}. {listing}.")
    caption = (f"{len(table)} sector{'s' if len(table) != 1 else ''}; " +
               (f"fewer than {enough} real conversations in: {', '.join(short[:5])}"
                + (f" and {len(short) - 5} more" if len(short) > 5 else "") + "."
                if short else f"every sector has at least {enough} real conversations."))
    return Chart(fig, alt, caption)


def all_charts(data: pd.DataFrame) -> list[Chart]:
    """Every chart of the log lesson, in teaching order."""
    return [weekly_activity(data), interview_path(data), referral_tree(data), sector_coverage(data)]
