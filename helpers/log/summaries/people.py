"""Summaries of the people in a log: referrals and chains, candid feedback, coverage per sector.

Sections 4-6 of the summary (:mod:`helpers.log.summaries` re-exports everything here). The
links between people (who referred whom, loops cut) come from :mod:`helpers.core.logfile.links`,
worked out once per log on its distinct names.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.logfile import links as log_links
from helpers.log.summaries.base import (NO_SECTOR, PEOPLE_PER_SECTOR, Section, _has, _labels, _Masks, _plural, _select, _filled, _total)

# ---------------------------------------------------------------------------------------
# 4. Referrals
# ---------------------------------------------------------------------------------------
def _chain_lengths(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """People in the chain that ends at each row (1 = not referred), loops cut at their earliest
    row. Returns ``(lengths, parent)`` (see :func:`helpers.core.logfile.links._chain_lengths`)."""
    lengths, cut, _loops = log_links._chain_lengths(parent)
    return lengths, cut


def _chains(data: pd.DataFrame, masks: _Masks | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(parent, chain length) for every row, by position; loops cut."""
    found = log_links.links(data)
    return found.parent, found.lengths


def referral_links(data: pd.DataFrame, *, masks: _Masks | None = None) -> pd.DataFrame:
    """Who led to whom: one row per interview (by position), with its referrer and chain length.

    Columns: ``contact``, ``referred_by``, ``parent`` (position of the referrer's row, -1 when
    not referred or the name is not in the log), ``chain`` (people in the chain ending here,
    1 = not referred), ``row`` (the spreadsheet row) and ``source`` when logs are pooled.
    """
    parent, lengths = _chains(data, masks)
    table = pd.DataFrame({"contact": data["contact"].to_numpy(), "referred_by": data["referred_by"].to_numpy(),
                          "parent": parent, "chain": lengths, "row": data.index.to_numpy()})
    if "source" in data.columns:
        table.insert(0, "source", data["source"].to_numpy())
    return table


def longest_chain(data: pd.DataFrame, links: pd.DataFrame | tuple[np.ndarray, np.ndarray] | None = None) -> list[int]:
    """Positions of the rows in the longest referral chain, first contact first ([] if none).

    Ties go to the chain that ends earliest in the log.

    >>> from helpers import log
    >>> sample = log.load(log.sample_path()).data
    >>> [sample["contact"].iloc[i] for i in longest_chain(sample)][:3]
    ['Rosa Delgado', 'Jordan Reyes', 'Aisha Qureshi']
    """
    if links is None:
        links = _chains(data)
    if isinstance(links, pd.DataFrame):
        links = (links["parent"].to_numpy(), links["chain"].to_numpy())
    parent, lengths = links
    if not len(lengths) or int(lengths.max()) < 2:
        return []
    at = int(lengths.argmax())
    path = [at]
    while parent[at] >= 0 and len(path) <= len(parent):
        at = int(parent[at])
        path.append(at)
    return path[::-1]


def referral_figures(data: pd.DataFrame, *, masks: _Masks | None = None) -> pd.DataFrame:
    """The referral numbers, for all interviews and for real ones only.

    Rows: held interviews, names received, names per held interview, share (%) of held
    interviews where you may use their name, where you got contact details, where both,
    and interviews (any status) that came through a referral.

    >>> from helpers import log
    >>> figures = referral_figures(log.load(log.sample_path()).data)
    >>> int(figures.loc["names received", "all"]), int(figures.loc["held interviews", "all"])
    (21, 20)
    """
    m = _Masks.of(data, masks)
    held = m.held
    referrals_ = data["referrals"].fillna(0).to_numpy(dtype=np.int64)
    may = data["may_use_name"].fillna(False).to_numpy(dtype=bool)
    details = data["contact_details"].fillna(False).to_numpy(dtype=bool)
    came = m.names[1] >= 0  # referred by someone (log.load strips the names, so "" means nobody)

    def column(keep: np.ndarray) -> list[float]:
        h = held & keep
        n = int(h.sum())
        names = int(referrals_[h].sum())

        def share(x: np.ndarray) -> float:
            return round(100 * float(x[h].sum()) / n, 1) if n else float("nan")
        return [n, names, round(names / n, 2) if n else float("nan"), share(may), share(details),
                share(may & details), int((came & keep).sum())]

    rows = ["held interviews", "names received", "names per held interview",
            "may use their name (% of held)", "got contact details (% of held)",
            "both (% of held)", "interviews that came through a referral"]
    return pd.DataFrame({"all": column(np.ones(len(data), dtype=bool)), "real only": column(m.real)},
                        index=pd.Index(rows, name="measure"), dtype=float)


def _short_number(x: float) -> str:
    """At most two decimals, no trailing zeros: ``1.5714 -> '1.57'``, ``1.0 -> '1'``."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def referrals(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 4: names received, permission and contact details, and the longest chain."""
    m = _Masks.of(data, masks)
    figures = referral_figures(data, masks=m)
    chain = longest_chain(data, _chains(data, m))
    held = int(figures.loc["held interviews", "all"])
    if not held:
        reading = "No held interviews yet. End each one by asking who else you should talk to."
    else:
        names = int(figures.loc["names received", "all"])
        real_held = int(figures.loc["held interviews", "real only"])
        came = (f"{int(figures.loc['interviews that came through a referral', 'all']):,} of "
                f"{_plural(len(data), 'interview')} came through a referral.")
        if not names:
            reading = (f"No names yet from {_plural(held, 'held interview')}: end each one by asking who else "
                       f"you should talk to. {came}")
        else:
            reading = (f"{_plural(names, 'name')} from {_plural(held, 'held interview')} "
                       f"({_short_number(figures.loc['names per held interview', 'all'])} each")
            if real_held:
                reading += (f"; {_short_number(figures.loc['names per held interview', 'real only'])} each "
                            f"from real ones")
            reading += (f"); after {figures.loc['both (% of held)', 'all']:.0f}% of them you may use the "
                        f"interviewee's name and have the contact details; {came}")
    if chain:
        names_in = [str(data["contact"].iloc[i]) for i in chain]
        shown = names_in if len(names_in) <= 8 else names_in[:3] + ["…"] + names_in[-3:]
        reading += f" Longest chain: {' → '.join(shown)} ({_plural(len(chain), 'person', 'people')})."
    figures_shown = figures.astype(object)
    for row in figures.index:
        style = "{:.2f}" if row.startswith("names per") else "{:.0f}%" if "%" in row else "{:,.0f}"
        figures_shown.loc[row] = [("" if pd.isna(v) else style.format(v)) for v in figures.loc[row]]
    steps = np.array(chain, dtype=np.int64)
    chain_table = pd.DataFrame({"step": np.arange(1, len(steps) + 1)})
    columns = {"source": "source"} if m.pooled else {}
    columns.update({"contact": "contact", "organisation": "organisation", "referred_by": "referred by",
                    "status": "status", "date": "date"})
    for old, new in columns.items():
        chain_table[new] = data[old].to_numpy()[steps]
    if limit is not None and len(chain_table) > limit:
        total = len(chain_table)
        chain_table = chain_table.head(limit)
        chain_table.attrs["total"] = total
    return Section("referrals", "4. Referrals", reading,
                   {"Referral figures": figures_shown, "Longest referral chain": chain_table},
                   index={"Referral figures"},
                   empty={"Longest referral chain":
                          "No chain yet: nobody in the log was referred by someone else in it."})


# ---------------------------------------------------------------------------------------
# 5. Feedback
# ---------------------------------------------------------------------------------------
def feedback_given(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> pd.DataFrame:
    """Held interviews with candid feedback recorded, and the feedback itself, in interview order."""
    m = _Masks.of(data, masks)
    mask = _filled(data["feedback"], among=m.held)
    return _select(data, m, mask, {"contact": "contact", "organisation": "organisation", "date": "interview",
                                   "kind": "kind", "feedback": "feedback"}, by="date", limit=limit)


def feedback(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 5: who told you how competitive you are, and what they said."""
    m = _Masks.of(data, masks)
    given = feedback_given(data, limit=limit, masks=m)
    held = int(m.held.sum())
    if not held:
        reading = ("No held interviews yet. Near the end of each, ask how competitive you would be "
                   "for a role like theirs.")
    else:
        reading = (f"{_total(given):,} of {_plural(held, 'held interview')} {_has(_total(given))} candid "
                   f"feedback recorded." if _total(given) else
                   ("Your held interview has no candid feedback recorded yet." if held == 1 else
                    f"None of your {_plural(held, 'held interview')} has candid feedback recorded yet."))
        if _total(given) < held / 2:
            reading += " Ask more often: 'How competitive would I be for a role like yours?'"
    return Section("feedback", "5. Feedback", reading, {"Candid feedback": given},
                   empty={"Candid feedback": "No feedback recorded yet."})


# ---------------------------------------------------------------------------------------
# 6. Coverage
# ---------------------------------------------------------------------------------------
def sector_coverage(data: pd.DataFrame, enough: int = PEOPLE_PER_SECTOR, *,
                    masks: _Masks | None = None) -> pd.DataFrame:
    """People spoken to (held interviews, each person once) per sector, practice and real apart.

    Sectors are matched ignoring case (shown as first written); a sector with fewer than
    ``enough`` real conversations is flagged in the ``note`` column. Most real conversations first.
    """
    m = _Masks.of(data, masks)
    held = m.held
    if not held.any():
        return pd.DataFrame({c: pd.Series([], dtype=object if c == "note" else int)
                             for c in ["practice", "real", "total", "note"]}, index=pd.Index([], name="sector"))
    sector = data["sector"].to_numpy(dtype=object)[held]
    sector = np.where(sector == "", NO_SECTOR, sector)
    codes, labels = pd.factorize(sector)
    folded, _ = pd.factorize(pd.Series(labels, dtype=object).str.casefold().to_numpy())
    group = folded[codes].astype(np.int64)
    first_label = pd.Series(labels, dtype=object).groupby(folded).first()
    # Each person once per sector and kind: one number for (sector, kind, person), counted once.
    person = m.people[held]
    width = np.int64(person.max() + 1)
    seen = np.unique((group * 2 + m.practice[held]) * width + person)
    counted = np.bincount(seen // width, minlength=(int(group.max()) + 1) * 2).reshape(-1, 2)
    present = np.flatnonzero(counted.sum(axis=1) > 0)
    table = pd.DataFrame({"practice": counted[present, 1], "real": counted[present, 0]},
                         index=pd.Index(first_label.loc[present].to_numpy(), name="sector"))
    table["total"] = table["practice"] + table["real"]
    table["note"] = _labels(["", f"fewer than {enough} real conversations: talk to more people before "
                                 f"drawing conclusions"], (table["real"] < enough).to_numpy())
    return table.sort_values(["real", "total"], ascending=False, kind="stable")


def coverage(data: pd.DataFrame, *, limit: int | None = None, masks: _Masks | None = None) -> Section:
    """Section 6: people spoken to per sector, flagging sectors with fewer than three."""
    table = sector_coverage(data, masks=masks)
    if not len(table):
        reading = "No held interviews yet, so no sectors covered."
    else:
        short = table.index[table["real"] < PEOPLE_PER_SECTOR].tolist()
        reading = f"You have spoken to people in {_plural(len(table), 'sector')}"
        if short:
            named = ", ".join(str(s).strip("()") for s in short[:4]) + (f" and {len(short) - 4:,} more" if len(short) > 4 else "")
            reading += (f"; {len(short):,} of them ({named}) {'has' if len(short) == 1 else 'have'} fewer than "
                        f"{PEOPLE_PER_SECTOR} real conversations, so hold off on conclusions there.")
        else:
            reading += f", each with at least {PEOPLE_PER_SECTOR} real conversations."
    if limit is not None and len(table) > limit:
        total = len(table)
        table = table.head(limit)
        table.attrs["total"] = total
    return Section("coverage", "6. Coverage", reading, {"People spoken to per sector": table},
                   index={"People spoken to per sector"},
                   empty={"People spoken to per sector": "No held interviews yet."})


