"""Who referred whom in a log: names matched once per distinct name, chains, loops.

The log's checks (a person referred by themselves, referral loops), the summaries (chains,
referral figures, people per sector) and the referral-tree chart all need the same links.
They are worked out once per typed frame (:func:`links`) and kept while that frame lives.

Every step works on whole columns or on the *distinct* names (a pooled log of a million
rows has a few hundred thousand names): no Python loop over rows.

>>> import pandas as pd
>>> data = pd.DataFrame({"contact": ["Ana", "Ben", "Cy"], "referred_by": ["", "ana", "Ben"]})
>>> links(data).parent.tolist(), links(data).lengths.tolist()
([-1, 0, 1], [1, 2, 3])
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd


def fold_names(values: np.ndarray | list, unique: bool = False) -> np.ndarray:
    """Case and spacing left out, for matching names (``' rosa  DELGADO'`` = ``'Rosa Delgado'``).

    Each distinct text is folded once (``unique=True``: the values are distinct already).

    >>> fold_names(np.array([" rosa  DELGADO", "Rosa Delgado"], dtype=object)).tolist()
    ['rosa delgado', 'rosa delgado']
    """
    values = np.asarray(values, dtype=object)
    if not len(values):
        return values.copy()
    if unique:
        return np.array([" ".join(u.casefold().split()) if isinstance(u, str) else "" for u in values], dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return fold_names(np.asarray(uniques, dtype=object), unique=True)[codes]


@dataclass(frozen=True)
class Links:
    """The referral links of one log, by row position.

    ``contact``/``referrer``: each row's contact and referred_by as numbers in one code space
    (exact text; -1: no referrer); ``count``: how many codes; ``parent``: the row of the
    person who referred each row (-1: none or not in the log), loops cut; ``lengths``: people
    in the chain ending at each row (1: not referred); ``self_referred``: rows whose
    referred_by names their own contact; ``loops``: for each loop, its rows in order (the
    row where it was cut first).
    """

    contact: np.ndarray
    referrer: np.ndarray
    count: int
    parent: np.ndarray
    lengths: np.ndarray
    self_referred: np.ndarray
    loops: tuple[tuple[int, ...], ...]


_CACHE: dict[int, tuple[tuple, Links]] = {}


def _sources(data: pd.DataFrame) -> np.ndarray:
    if "source" in data.columns:
        return pd.factorize(data["source"])[0].astype(np.int64)
    return np.zeros(len(data), dtype=np.int64)


def _signature(data: pd.DataFrame) -> tuple:
    """What the links depend on: the frame's length and where its name columns' data lives
    (a column replaced or a frame rebuilt gives another signature; a "source" column added to
    one log names one log, so it changes nothing)."""
    where = []
    for col in ("contact", "referred_by"):
        if col in data.columns:
            values = data[col].to_numpy()
            where.append((col, values.__array_interface__["data"][0] if values.dtype != object or values.size
                          else 0, values.strides))
    return (len(data), tuple(where))


def links(data: pd.DataFrame) -> Links:
    """The links of a typed log frame (worked out once for each frame, while its names stay)."""
    key = id(data)
    signature = _signature(data)
    found = _CACHE.get(key)
    if found is not None and found[0] == signature:
        return found[1]
    made = _compute(data)
    fresh = key not in _CACHE
    _CACHE[key] = (signature, made)
    if fresh:
        try:
            weakref.finalize(data, _CACHE.pop, key, None)
        except TypeError:  # pragma: no cover - a frame that cannot be weakly referenced: do not keep
            _CACHE.pop(key, None)
    return made


def _text(data: pd.DataFrame, col: str) -> np.ndarray:
    if col not in data.columns:
        return np.full(len(data), "", dtype=object)
    s = data[col]
    values = s.to_numpy(dtype=object)
    return np.where(pd.isna(values), "", values) if s.hasnans else values


def _compute(data: pd.DataFrame) -> Links:
    n = len(data)
    contact = _text(data, "contact")
    ref = _text(data, "referred_by")
    wanted = np.flatnonzero(ref != "")
    codes, uniques = pd.factorize(np.concatenate([contact, ref[wanted]]), use_na_sentinel=False)
    codes = codes.astype(np.int64)
    count = len(uniques)
    contact_codes = codes[:n]
    ref_codes = np.full(n, -1, dtype=np.int64)
    ref_codes[wanted] = codes[n:]
    # The same codes with case and spacing left out, folding each distinct name once.
    folded_of_code = pd.factorize(fold_names(np.asarray(uniques, dtype=object), unique=True))[0].astype(np.int64)
    folded_of_code = np.concatenate([folded_of_code, [-1]])  # code -1 (no referrer) stays -1
    contact_folded = folded_of_code[contact_codes]
    ref_folded = folded_of_code[ref_codes]
    has_name = contact != ""
    source = _sources(data)
    pooled = bool(n) and bool(source.max() > 0)

    def keyed(c: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
        if not pooled:
            return c, r, int(max(c.max(initial=-1), r.max(initial=-1))) + 1
        width = np.int64(max(int(c.max(initial=0)), int(r.max(initial=0))) + 2)
        k, _ = pd.factorize(np.concatenate([source * width + c, source[r >= 0] * width + r[r >= 0]]))
        k = k.astype(np.int64)
        rr = np.full(n, -1, dtype=np.int64)
        rr[r >= 0] = k[n:]
        return k[:n], rr, int(k.max(initial=-1)) + 1

    parent = np.full(n, -1, dtype=np.int64)
    self_referred = np.zeros(n, dtype=bool)
    if n and len(wanted):
        c, r, size = keyed(contact_codes, ref_codes)
        first = _first_rows(c, has_name, size)
        parent = np.where(r >= 0, first[np.maximum(r, 0)], -1)
        cf, rf, size_f = keyed(contact_folded, ref_folded)
        self_referred = (rf >= 0) & (rf == cf) & has_name
        left = (r >= 0) & (parent < 0)
        if left.any():
            first_f = _first_rows(cf, has_name, size_f)
            parent[left] = first_f[rf[left]]
        parent[self_referred] = -1  # a person cannot lead to themselves
    lengths, cut_parent, loops = _chain_lengths(parent)
    return Links(contact_codes, ref_codes, count, cut_parent, lengths, self_referred, loops)


def _first_rows(keys: np.ndarray, valid: np.ndarray, size: int) -> np.ndarray:
    """For each key value 0..size-1, the position of the first valid row holding it (-1: none)."""
    first = np.full(max(size, 1), -1, dtype=np.int64)
    rows = np.flatnonzero(valid)
    if len(rows):
        seen = pd.Series(keys[rows]).duplicated(keep="first").to_numpy()
        first[keys[rows[~seen]]] = rows[~seen]
    return first


def _chain_lengths(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[tuple[int, ...], ...]]:
    """People in the chain that ends at each row (1 = not referred), by pointer jumping.

    A loop (A referred by B, B by A) is cut at its earliest row, which becomes the start of
    the chain. Returns ``(lengths, parent with loops cut, loops)``.
    """
    original = parent
    parent = parent.copy()
    n = len(parent)
    loops: list[tuple[int, ...]] = []
    if not n:
        return np.zeros(0, dtype=np.int64), parent, ()
    rounds = max(1, math.ceil(math.log2(n)) + 1)
    for _attempt in range(3):
        links_ = (parent >= 0).astype(np.int64)
        ahead = parent.copy()
        for _ in range(rounds):
            busy = np.flatnonzero(ahead >= 0)
            if not len(busy):
                break
            step = ahead[busy]
            links_[busy] += links_[step]
            ahead[busy] = ahead[step]
        stuck = ahead >= 0
        if not stuck.any():
            return links_ + 1, parent, tuple(loops)
        # Rows still moving after 2n steps are in (or lead into) a loop: mark every row on a loop,
        # then cut each loop at its earliest row.
        cycle = np.zeros(n, dtype=bool)
        cycle[np.unique(ahead[stuck])] = True
        jump = parent.copy()
        for _ in range(rounds):
            at = np.flatnonzero(cycle)
            cycle[jump[at]] = True
            jump[at] = jump[jump[at]]
        on_loop = np.flatnonzero(cycle)
        smallest = np.arange(n, dtype=np.int64)
        jump = parent.copy()
        for _ in range(rounds):
            smallest[on_loop] = np.minimum(smallest[on_loop], smallest[jump[on_loop]])
            jump[on_loop] = jump[jump[on_loop]]
        cut = on_loop[smallest[on_loop] == on_loop]
        for start in cut.tolist():
            loops.append(_loop_rows(original, int(start)))
        parent[cut] = -1
    raise AssertionError("referral loops were not all cut")  # pragma: no cover


def _loop_rows(parent: np.ndarray, start: int, shown: int = 6) -> tuple[int, ...]:
    """The first few rows of the loop through ``start``, in the order the names lead."""
    rows = [start]
    at = int(parent[start])
    while at != start and at >= 0 and len(rows) < shown:
        rows.append(at)
        at = int(parent[at])
    return tuple(rows)
