"""The one detector of names and contact details, used by every activity and by sharing.

:func:`find` reads a text and returns plain :class:`Finding`\\ s (start, end, kind, text, why):

- the people and organisations of the learner's log (:func:`known`), in any case, with or
  without accents, whole or in part: a first or last name on its own (3 letters or more), a
  first name's first 4 letters or more ("Priya" for Priyanka), a contact's initials ("JL"),
  a hyphenated name written with a space, an apostrophe written as a space ("Grace O Malley");
  names that are everyday words ("Hope", "Grant", an organisation called "Next") only when
  written with a capital letter, or, for an organisation, after a word that places someone
  there ("a colleague at apple", "joined amazon");
- a surname of any length after a title (Dr, Mr, Mrs, Ms, Mx, Prof, with or without a dot);
- capitalised words that look like names and do not start a sentence (``sure`` is False:
  a warning the learner sees), and at the start of a sentence when a second such word or a
  verb of saying follows ("Priya Raman said");
- e-mail addresses, also written ``name [at] domain [dot] com``, ``(at)``, `` at ... dot ``;
- web addresses with or without a scheme (``zoekowalczyk.com``, ``linkedin.com/in/x``), accented
  ones too (``élodie-fontaine.fr``);
- social handles (``@bjorn_designs``) and phone numbers in international formats, and local ones
  of two groups with an extension, a dash or four digits each (``555 0198 ext 4``, ``496-0175``).

Every scan is linear in the length of the text: tokens are found by one pass of a pattern
without nested repetition, and every other pattern is run only on a short window around a
``@``, an "at" or a dot, so a 10 MB cell without a space is checked in about a second.

>>> names = known(people=["Priyanka Raman", "Jia Li"], organisations=["Kestrel Finch Ltd"])
>>> [(f.kind, f.text) for f in find("Met Priya and JL from kestrel; mail hope [at] kf [dot] co.uk", names)]
[('person', 'Priya'), ('person', 'JL'), ('organisation', 'kestrel'), ('email', 'hope [at] kf [dot] co.uk')]
>>> [(f.kind, f.text, f.sure) for f in find("I asked Dr. Okafor and Zoe Marsh")]
[('person', 'Okafor', True), ('name_like', 'Zoe Marsh', False)]
>>> replace("Call +44 20 7946 0958", find("Call +44 20 7946 0958"))
'Call [phone]'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from .words import ACRONYMS, SPEECH_VERBS, TITLES, WORD_NAMES, is_common

KINDS = ("person", "organisation", "name_like", "email", "link", "handle", "phone")

#: What each kind of finding is replaced by.
MARKS: dict[str, str] = {"person": "[name]", "organisation": "[organisation]", "name_like": "[name]",
                         "email": "[e-mail]", "link": "[link]", "handle": "[handle]", "phone": "[phone]"}

#: Words in organisation names that identify no one on their own ("Lakeside Clinic": only
#: "Lakeside" counts alone).
GENERIC_ORG_WORDS: frozenset[str] = frozenset("""
the and for of in at a an inc ltd llc plc gmbh sa ag bv co corp corporation company group services
service solutions systems health healthcare hospital hospitals clinic clinics care homes home medical
centre center accounting accountants manufacturing software community trust foundation university
college school schools bank partners associates consulting international global national city
county council department agency studio studios labs lab technologies technology tech media network
office house society association institute charity public private local general state government
ministry authority board team practice pharmacy nursing dental law legal finance financial insurance
retail store stores shop hotel library museum trading holdings industries enterprises new housing
games construction engineering transport logistics digital energy food foods design marketing press
news works research science sciences data limited
""".split())

#: Values of the organisation column that name no organisation (practice runs, unknown).
NOT_ORGANISATIONS: frozenset[str] = frozenset("""
family friends friend classmates classmate colleague colleagues neighbour neighbours relative
relatives self self-employed freelance none unknown n/a na -
""".split()) | {"self employed"}

#: Pseudonyms and placeholders written by sharing: never findings themselves.
PSEUDONYM = re.compile(r"Person \d{2,}|Organisation [A-Z]{1,3}")

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                             "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "’": "'", "‘": "'", "ʼ": "'"})
_MAX_NAME = 40          # a token longer than this is no one's name
_MAX_HITS = 20000       # beyond this many "@" or "at" in one text, the rest is one finding
_MAX_BLOB = 100         # a run without a space longer than this is not a sentence


def fold(word: str) -> str:
    """A word without accents or case, apostrophes straightened: ``Siobhán`` -> ``siobhan``.

    >>> fold("O’Brien"), fold("Søren"), fold("ZOË")
    ("o'brien", 'soren', 'zoe')
    """
    word = word.translate(_FOLD_EXTRA)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word.casefold()


def _parts(name: str) -> list[str]:
    """The folded words of a name, hyphens splitting words: "Anne-Marie O'Brien" -> anne marie o'brien."""
    return [fold(m.group(0)) for m in _TOKEN.finditer(str(name).replace("-", " "))]


@dataclass(frozen=True)
class Finding:
    """Something in a text that names someone or reaches them.

    ``kind`` is one of :data:`KINDS`; ``why`` says in words why it was found; ``sure`` is
    False for a warning (a capitalised word that only looks like a name); ``ref`` is the
    log's own name it matched (as written in the log), when it matched one.
    """

    start: int
    end: int
    kind: str
    text: str
    why: str
    sure: bool = True
    ref: str = ""


@dataclass(frozen=True)
class Known:
    """The names of a log, indexed for :func:`find` (build it with :func:`known`)."""

    seqs: Mapping[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # words -> (kind, ref)
    parts: Mapping[str, tuple[str, str]] = field(default_factory=dict)             # one word -> (kind, ref)
    prefixes: Mapping[str, str] = field(default_factory=dict)                      # 4+ letters -> person
    initials: Mapping[str, str] = field(default_factory=dict)                      # "JL" -> person
    longest: int = 1
    firsts: frozenset[str] = frozenset()                                           # first words of seqs


def _ambiguous(refs: dict, key, value) -> None:
    """Record ``value`` under ``key``; two different owners make the owner unknown ("")."""
    old = refs.get(key)
    if old is None or old == value:
        refs[key] = value
    elif isinstance(value, tuple):
        refs[key] = (old[0], "")
    else:
        refs[key] = ""


@lru_cache(maxsize=32)
def _build(people: tuple[str, ...], organisations: tuple[str, ...], keep: frozenset[str]) -> Known:
    seqs: dict = {}
    parts: dict = {}
    prefixes: dict = {}
    initials: dict = {}
    for name in people:
        words = _parts(name)
        if not words or PSEUDONYM.fullmatch(name.strip()):
            continue
        full = tuple(words)
        _ambiguous(seqs, full, ("person", name))
        nospace = tuple(w.replace("'", "") for w in words)
        if nospace != full:
            _ambiguous(seqs, nospace, ("person", name))
            # the apostrophe written as a space ("Grace O Malley", "O Connell" on its own)
            split = tuple(p for w in words for p in w.split("'") if p)
            _ambiguous(seqs, split, ("person", name))
            for w in words:
                pieces = tuple(p for p in w.split("'") if p)
                if len(pieces) > 1 and len(pieces[-1]) >= 3:
                    _ambiguous(seqs, pieces, ("person", name))
        for w in set(words) | set(nospace):
            if len(w) >= 3 and w not in keep and w not in GENERIC_ORG_WORDS:
                _ambiguous(parts, w, ("person", name))
        first = words[0]
        for n in range(4, len(first)):
            _ambiguous(prefixes, first[:n], name)
        if len(words) >= 2:
            letters = "".join(w[0] for w in words).upper()
            if 2 <= len(letters) <= 3 and letters.lower() not in ACRONYMS:
                _ambiguous(initials, letters, name)
            spaced = [fold(p)[:1] for p in str(name).split() if fold(p)[:1]]
            short = "".join(spaced).upper()
            if 2 <= len(short) <= 3 and short != letters and short.lower() not in ACRONYMS:
                _ambiguous(initials, short, name)
    for name in organisations:
        words = _parts(name)
        if not words or fold(" ".join(str(name).split())) in NOT_ORGANISATIONS or PSEUDONYM.fullmatch(name.strip()):
            continue
        for seq in {tuple(words), tuple(words[1:]) if words[0] == "the" and len(words) > 1 else tuple(words)}:
            if seq not in seqs or seqs[seq][0] == "organisation":
                _ambiguous(seqs, seq, ("organisation", name))
        for w in words:
            if len(w) >= 3 and w not in GENERIC_ORG_WORDS and w not in keep and w not in parts:
                _ambiguous(parts, w, ("organisation", name))
    longest = max((len(s) for s in seqs), default=1)
    return Known(seqs, parts, prefixes, initials, longest, frozenset(s[0] for s in seqs))


def known(people: Iterable[str] = (), organisations: Iterable[str] = (), keep: Iterable[str] = ()) -> Known:
    """Index the names of a log. ``keep``: words that name a field, not a person ("Healthcare"
    as a sector), which are never taken for a name on their own."""
    clean_people = tuple(dict.fromkeys(str(p).strip() for p in people if str(p).strip()))
    clean_orgs = tuple(dict.fromkeys(str(o).strip() for o in organisations if str(o).strip()))
    return _build(clean_people, clean_orgs, frozenset(w for k in keep for w in _parts(k)))


NOBODY = Known()


# ---------------------------------------------------------------------------------------
# Contact details: each pattern runs only on a short window (linear overall)
# ---------------------------------------------------------------------------------------
_LOCAL_END = re.compile(r"[\w.+\-']{1,64}$")
_DOMAIN = re.compile(r"[\w\-]+(?:\.[\w\-]+)*")
_HANDLE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_AT = re.compile(r"[\[\(\{<\s](?:(?<=[\[\(\{<])\s{0,2}at\s{0,2}[\]\)\}>]|(?<=\s)at(?=\s))", re.IGNORECASE)
_DOT = r"(?:\s{0,2}[\[\(\{<]\s{0,2}dot\s{0,2}[\]\)\}>]\s{0,2}|\s{1,2}dot\s{1,2}|\.)"
_DISGUISED_DOMAIN = re.compile(r"\s{0,3}([\w\-]{1,63}(?:" + _DOT + r"[\w\-]{1,63}){1,6})", re.IGNORECASE)
_DISGUISED_DOT = re.compile(r"[\[\(\{<]\s{0,2}dot\s{0,2}[\]\)\}>]|\sdot\s", re.IGNORECASE)
_SCHEME = re.compile(r"(?i)(?<![\w@.])(?:https?://|ftp://|www\.)[^\s<>\"'\])}]{1,2000}")
_TLDS = ("com|org|net|edu|gov|io|co|uk|me|info|biz|dev|app|ai|tech|online|site|xyz|design|studio|blog|"
         "page|de|fr|es|it|nl|be|ch|at|au|ca|us|ie|nz|in|eu|pl|se|no|dk|fi|pt|br|jp|cn|za|ng|ke|gh|ly|tv|"
         "fm|sh|gg|ac|art|shop|store|agency|email|link|social|works|world|cloud")
_TLD_SET = frozenset(_TLDS.split("|"))
_TLD_AT = re.compile(r"\.([A-Za-z]{2,12})(?![\w\-])")
_HOST_END = re.compile(r"(?<![\w\-.@])[^\W_][^\W_\-]*(?:-[^\W_]+){0,8}(?:\.[^\W_][^\W_\-]*(?:-[^\W_]+){0,8}){0,4}$")  # accents too: élodie-fontaine.fr
_PATH = re.compile(r"/[^\s<>\"']{0,500}")
_PHONE = re.compile(r"[+(\d](?<![\w+][\d(])(?<![\w+]\+)(?:(?<=\()\+?\d|(?<=\+)\d|(?<=\d))[\d \t().\-/]{5,22}\d(?!\w)")
_NOT_PHONE = [re.compile(p) for p in (
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",            # 2026-10-13
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}",          # 13/10/2026
    r"\d{4}\s{0,2}[-/]\s{0,2}\d{2,4}",           # 2020-2024
    r"\d{1,3}(?:[ ,.]\d{3})+",                   # 1 000 000
)]
#: A phone extension after a number ("ext 4", "x12"), and a year (two years are no phone number).
_EXTENSION = re.compile(r"[ \t]{0,2}(?:ext|extn|extension|x)\.?[ \t]{0,2}\d{1,5}(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TRAILING = ".,;:!?)]}'\""


def _emails(text: str, out: list[Finding]) -> None:
    pos, hits = text.find("@"), 0
    while pos != -1:
        hits += 1
        if hits > _MAX_HITS:
            out.append(Finding(pos, len(text), "email", text[pos:pos + 40], "holds a great many @ signs"))
            return
        left = _LOCAL_END.search(text, max(0, pos - 64), pos)
        right = _DOMAIN.match(text, pos + 1, min(len(text), pos + 256))
        if left and right and right.end() > pos + 1:
            end = right.end()
            while end > pos + 1 and text[end - 1] in ".-":
                end -= 1
            out.append(Finding(left.start(), end, "email", text[left.start():end], "is an e-mail address"))
            pos = text.find("@", end)
            continue
        handle = _HANDLE.match(text, pos + 1, min(len(text), pos + 32))
        if handle and (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_.")):
            end = handle.end()
            while end > pos + 1 and text[end - 1] == ".":
                end -= 1
            out.append(Finding(pos, end, "handle", text[pos:end], "is a social media handle"))
            pos = text.find("@", end)
            continue
        pos = text.find("@", pos + 1)


def _disguised_emails(text: str, out: list[Finding]) -> None:
    for n, at in enumerate(_AT.finditer(text)):
        if n > _MAX_HITS:
            return
        plain = at.group(0)[1:].lower() == "at"
        after = text[at.end(): at.end() + 260]
        if plain and not _DISGUISED_DOT.search(after[:120]):
            continue  # "Priya at Globex": a place, not an address
        left = _LOCAL_END.search(text, max(0, at.start() - 66), max(0, at.start() - 0))
        if left is None:
            stripped = text[max(0, at.start() - 66): at.start()].rstrip()
            left = _LOCAL_END.search(stripped)
            start = max(0, at.start() - 66) + left.start() if left else -1
        else:
            start = left.start()
        right = _DISGUISED_DOMAIN.match(text, at.end(), min(len(text), at.end() + 260))
        if start < 0 or right is None:
            continue
        end = right.end()
        while end > at.end() and text[end - 1] in _TRAILING:
            end -= 1
        out.append(Finding(start, end, "email", text[start:end], "is an e-mail address written to hide it"))


def _links(text: str, out: list[Finding]) -> None:
    if "://" in text or "www." in text.lower():
        _scheme_links(text, out)
    _bare_links(text, out)


def _scheme_links(text: str, out: list[Finding]) -> None:
    for m in _SCHEME.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        out.append(Finding(m.start(), end, "link", text[m.start():end], "is a web address"))


def _bare_links(text: str, out: list[Finding]) -> None:
    for n, m in enumerate(_TLD_AT.finditer(text)):
        if n > 10 * _MAX_HITS:
            return
        if m.group(1).lower() not in _TLD_SET:
            continue
        host = _HOST_END.search(text, max(0, m.start() - 200), m.start())
        if host is None:
            continue
        start = host.start()
        label = fold(text[start: m.start()].split(".")[0])
        if label in TITLES or (label.isdigit() and "." not in text[start:m.start()]):
            continue  # "Mr.Li", "3.ca"
        end = m.end()
        path = _PATH.match(text, end, min(len(text), end + 501))
        if path:
            end = path.end()
        while end > m.end() and text[end - 1] in _TRAILING:
            end -= 1
        out.append(Finding(start, end, "link", text[start:end], "is a web address"))


def _phones(text: str, out: list[Finding]) -> None:
    for m in _PHONE.finditer(text):
        value = m.group(0)
        digits = sum(c.isdigit() for c in value)
        if not 7 <= digits <= 15 or any(rx.fullmatch(value) for rx in _NOT_PHONE):
            continue
        groups = re.findall(r"\d+", value)
        ext = _EXTENSION.match(text, m.end())
        local = (len(groups) == 2 and all(3 <= len(g) <= 4 for g in groups) and not all(_YEAR.fullmatch(g) for g in groups)
                 and (ext is not None or "-" in value or len(groups[0]) == len(groups[1]) == 4))
        if value[0] in "+(0" or len(groups) >= 3 or (len(groups) == 2 and digits >= 9) or local:
            end = ext.end() if ext else m.end()
            out.append(Finding(m.start(), end, "phone", text[m.start():end], "looks like a phone number"))


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------
@dataclass
class _Tok:
    start: int
    end: int
    raw: str
    key: str        # folded
    cap: bool       # first letter upper case, some lower case after it
    upper: bool     # all upper case
    followed_by_bracket: bool = False   # "SUM(": a spreadsheet function, not a name


_BLOB = re.compile(r"\S{%d,}" % (_MAX_BLOB + 1))


def _tokens(text: str) -> list[_Tok]:
    """The words of a text; a run of more than 100 characters without a space (a pasted code,
    an encoded file) is no sentence and holds no name, so its inside is not split into words."""
    toks: list[_Tok] = []
    pieces, pos = [], 0
    for blob in _BLOB.finditer(text):
        pieces.append((pos, blob.start()))
        pos = blob.end()
    pieces.append((pos, len(text)))
    for a, b in pieces:
        toks.extend(_words(text, a, b))
    return toks


def _words(text: str, a: int, b: int) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, a, b):
        raw = m.group(0)
        if len(raw) > _MAX_NAME:
            toks.append(_Tok(m.start(), m.end(), raw, "", False, False))
            continue
        key, cap, upper = _shape(raw)
        end = m.end() - 2 if raw[-2:] in ("'s", "’s") and len(key) < len(fold(raw)) else m.end()
        toks.append(_Tok(m.start(), end, raw, key, cap, upper, upper and text[end:end + 1] == "("))
    return toks


@lru_cache(maxsize=65536)
def _shape(raw: str) -> tuple[str, bool, bool]:
    """(folded key, capitalised like a name, all upper case) of one word."""
    key = fold(raw)
    if key.endswith("'s") and len(key) > 3:
        key = key[:-2]
    return key, raw[0].isupper() and not raw.isupper(), raw.isupper()


_GAPS = {" ", "  ", "-", " - ", "\t", " -", "- "}


def _joined(text: str, a: _Tok, b: _Tok, allowed: str = " \t-") -> bool:
    gap = text[a.end:b.start]
    if allowed == " \t-":
        return gap in _GAPS
    return 0 < len(gap) <= 3 and all(c in allowed for c in gap)


def _sentence_start(text: str, tok: _Tok) -> bool:
    i = tok.start - 1
    while i >= 0 and text[i] in " \t\"'“‘([*•>":
        i -= 1
    if i < 0:
        return True
    return text[i] in ".!?\n\r;" or (text[i] in "-–—" and (i == 0 or text[i - 1] in " \n"))


def _names(text: str, names: Known, out: list[Finding], taken: list[tuple[int, int]]) -> None:
    toks = _tokens(text)
    used = [False] * len(toks)
    k = 0
    for i, t in enumerate(toks):  # words inside an e-mail address or a link are taken already
        while k < len(taken) and taken[k][1] <= t.start:
            k += 1
        if k < len(taken) and taken[k][0] < t.end:
            used[i] = True

    def add(i: int, j: int, kind: str, why: str, sure: bool = True, ref: str = "") -> None:
        for k in range(i, j):
            used[k] = True
        start, end = toks[i].start, toks[j - 1].end
        out.append(Finding(start, end, kind, text[start:end], why, sure, ref))

    def common_only_lower(t: _Tok) -> bool:
        """A name that is also an everyday word counts only when capitalised."""
        return not t.cap and not t.upper and is_common(t.key)

    def workplace_before(i: int) -> bool:
        """The word before token ``i`` places someone at an organisation ("a colleague at apple",
        "joined amazon", "worked for shell"): an everyday word there is the log's organisation."""
        return i > 0 and toks[i - 1].key in _WORKPLACE_WORDS and _joined(text, toks[i - 1], toks[i])

    n = len(toks)
    for i, t in enumerate(toks):
        if used[i] or not t.key:
            continue
        # Pseudonyms written by sharing ("Person 03", "Organisation B") are not names.
        if t.raw in ("Person", "Organisation") and PSEUDONYM.match(text, t.start):
            used[i] = True
            continue
        # 1. The log's own names, longest first.
        hit = False
        for size in range(min(names.longest, n - i) if t.key in names.firsts else 0, 1, -1):
            if not all(_joined(text, toks[k], toks[k + 1]) for k in range(i, i + size - 1)):
                continue
            ref = names.seqs.get(tuple(x.key for x in toks[i:i + size]))
            if ref and not (all(is_common(x.key) or x.key in GENERIC_ORG_WORDS for x in toks[i:i + size])
                            and not toks[i].cap and not toks[i].upper
                            and not (ref[0] == "organisation" and workplace_before(i))):
                add(i, i + size, ref[0], f"is {'a contact' if ref[0] == 'person' else 'an organisation'} "
                                         f"in the log", ref=ref[1])
                hit = True
                break
        if hit:
            continue
        single = names.seqs.get((t.key,)) or names.parts.get(t.key)
        if single and (not common_only_lower(t) or (single[0] == "organisation" and workplace_before(i))):
            whole = (t.key,) in names.seqs
            what = ("a contact" if single[0] == "person" else "an organisation") if whole else (
                "part of a contact's name" if single[0] == "person" else "part of an organisation's name")
            add(i, i + 1, single[0], f"is {what} in the log", ref=single[1])
            continue
        if t.key in names.prefixes and len(t.key) >= 4 and not common_only_lower(t) and (t.cap or t.upper or not is_common(t.key)):
            add(i, i + 1, "person", "looks like a short form of a contact's first name", ref=names.prefixes[t.key])
            continue
        if t.upper and t.raw in names.initials:
            add(i, i + 1, "person", "are the initials of a contact", ref=names.initials[t.raw])
            continue
        # 2. A surname of any length after a title.
        if t.key in TITLES and i + 1 < n and _joined(text, t, toks[i + 1], " \t.") and not used[i + 1]:
            j = i + 1
            if toks[j].cap or toks[j].upper or not is_common(toks[j].key):
                while j + 1 < n and j < i + 3 and toks[j + 1].cap and _joined(text, toks[j], toks[j + 1]):
                    j += 1
                used[i] = True
                ref = (names.parts.get(toks[i + 1].key) or ("", ""))[1]
                add(i + 1, j + 1, "person", f"is a name after the title {t.raw}", ref=ref)
                continue
    # 3. Initials written with dots: "J.L.", "J. L."
    for m in _DOTTED_INITIALS.finditer(text):
        letters = "".join(g for g in m.groups() if g)
        if letters in names.initials:
            out.append(Finding(m.start(), m.end(), "person", m.group(0), "are the initials of a contact",
                               ref=names.initials[letters]))
    # 4. Capitalised words that look like names (a warning).
    i = 0
    while i < n:
        t = toks[i]
        if used[i] or not _looks_like_name(t):
            i += 1
            continue
        j = i
        while j + 1 < n and not used[j + 1] and _looks_like_name(toks[j + 1]) and _joined(text, toks[j], toks[j + 1]):
            j += 1
        at_start = _sentence_start(text, t)
        follows = toks[j + 1].key if j + 1 < n else ""
        if not at_start or j > i or follows in SPEECH_VERBS:
            start, end = t.start, toks[j].end
            out.append(Finding(start, end, "name_like", text[start:end],
                               "is written with a capital letter like a name (check it)", sure=False))
        i = j + 1


#: Words after which an everyday word that is the log's organisation names it ("at apple").
_WORKPLACE_WORDS = frozenset("""
at from for with join joins joined joining left leave leaving quit inside via
""".split())

_DOTTED_INITIALS = re.compile(r"([A-Z])(?<![\w.][A-Z])\.\s?([A-Z])\.(?:\s?([A-Z])\.)?")


def _looks_like_name(t: _Tok) -> bool:
    if not t.key or len(t.key) < 2:
        return False
    if t.upper:
        return 2 <= len(t.key) <= 6 and not t.followed_by_bracket and t.key not in ACRONYMS and t.key not in ("i", "a") and not is_common(t.key)
    if not t.cap:
        return False
    if t.key.endswith("s") and t.key[:-1] in ACRONYMS:   # "CVs", "KPIs"
        return False
    return t.key in WORD_NAMES or not (is_common(t.key) or t.key in GENERIC_ORG_WORDS or t.key in TITLES)


# ---------------------------------------------------------------------------------------
# The whole detector
# ---------------------------------------------------------------------------------------
def find(text: object, names: Known | None = None) -> list[Finding]:
    """Everything in ``text`` that names someone or reaches them, in order, without overlaps.

    ``names`` is :func:`known` for the log (people and organisations); without it only
    contact details, titles and name-like capitalised words are found.
    """
    text = "" if text is None else str(text)
    if not text.strip():
        return []
    names = names or NOBODY
    details: list[Finding] = []
    _emails(text, details)
    _disguised_emails(text, details)
    _links(text, details)
    _phones(text, details)
    details = _no_overlaps(details)
    spans = [(f.start, f.end) for f in details]
    found: list[Finding] = []
    _names(text, names, found, spans)
    return _merged(text, _no_overlaps(details + found))


def _merged(text: str, found: list[Finding]) -> list[Finding]:
    """One finding for neighbouring parts of one name ("Priya Raman", not "Priya" + "Raman")."""
    out: list[Finding] = []
    for f in found:
        last = out[-1] if out else None
        if (last is not None and f.kind == last.kind and f.kind in ("person", "organisation", "name_like")
                and f.ref == last.ref and text[last.end:f.start] in _GAPS):
            out[-1] = Finding(last.start, f.end, f.kind, text[last.start:f.end], last.why, last.sure and f.sure,
                              last.ref)
            continue
        out.append(f)
    return out


def _no_overlaps(found: list[Finding]) -> list[Finding]:
    """Keep the longest of overlapping findings (sure ones before warnings), in text order."""
    ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start), not f.sure))
    kept: list[Finding] = []
    for f in ordered:
        if kept and f.start < kept[-1].end:
            last = kept[-1]
            if f.end > last.end and (f.end - f.start) > (last.end - last.start):
                kept[-1] = f
            continue
        kept.append(f)
    return kept


def replace(text: str, findings: Iterable[Finding], marks: Mapping[str, str] | None = None,
            by_ref: Mapping[str, str] | None = None) -> str:
    """``text`` with each finding replaced by its mark (``[name]``, ``[e-mail]`` ...), or by
    ``by_ref[finding.ref]`` when given (a pseudonym such as "Person 03")."""
    marks = {**MARKS, **(marks or {})}
    pieces: list[str] = []
    last = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:
            continue
        pieces.append(text[last:f.start])
        pieces.append((by_ref or {}).get(f.ref) or marks.get(f.kind, "[removed]"))
        last = f.end
    pieces.append(text[last:])
    return "".join(pieces)


def strike(text: str, phrases: Iterable[str]) -> list[Finding]:
    """Findings for words the learner chose to strike themselves (whole words, any case or accents)."""
    out: list[Finding] = []
    toks = _tokens(text)
    for phrase in phrases:
        words = _parts(phrase)
        if not words:
            continue
        for i in range(len(toks) - len(words) + 1):
            if [t.key for t in toks[i:i + len(words)]] == words:
                start, end = toks[i].start, toks[i + len(words) - 1].end
                out.append(Finding(start, end, "person", text[start:end], "struck by you"))
    return out


def scrub(text: str, names: Known | None = None, by_ref: Mapping[str, str] | None = None,
          also: Iterable[str] = ()) -> tuple[str, list[Finding]]:
    """``(text with every finding replaced, the findings)``; run again on its own result until
    nothing is left (at most three rounds), so the result never holds a finding itself."""
    first = _no_overlaps(find(text, names) + strike(text, also))
    out = replace(text, first, by_ref=by_ref)
    for _ in range(2):
        again = find(out, names)
        if not again:
            break
        out = replace(out, again, by_ref=by_ref)
    return out, first


def kinds_in(text: str, names: Known | None = None) -> list[str]:
    """The kinds found in a text, each once, in order (for short messages)."""
    return list(dict.fromkeys(f.kind for f in find(text, names)))
