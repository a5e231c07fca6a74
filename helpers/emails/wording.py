"""Making what a learner typed read well inside the e-mail templates.

A learner fills in fields, and the template puts each one into a sentence that already has
its opening words: "Dear $their_name,", "I read that $research.", "I would especially like
to learn $learn.", "someone who is $their_role at $organisation". People naturally type those
words too, so each field is tidied before it goes in: the template's own words are taken off
the front, a capital at the start of a clause is made small when the word is an ordinary one,
a role gets its article, and closing punctuation is left to the template.

Fields that cannot make a sentence ("lol", "x/y/z", one word where a phrase is needed) are
problems with a code, so the learner is asked for more instead of getting an odd e-mail.

>>> tidy("their_name", "Dear Mr Osei,")
'Mr Osei'
>>> tidy("research", "I read that Your trust opened a new clinic.")
'your trust opened a new clinic'
>>> tidy("learn", "I'd like to learn how you moved into management")
'how you moved into management'
>>> tidy("their_role", "analyst"), tidy("their_role", "NHS manager"), tidy("their_role", "an engineer")
('an analyst', 'an NHS manager', 'an engineer')
>>> [p.code for p in sentence_problems("research", "lol")]
['not_words']
"""
from __future__ import annotations

import re

from helpers.core import Problem
from helpers.core import text as core_text

# Opening words a template already has, per field (matched on the start of the text, any case).
_I = r"(?:i|i've|i have|i'd|i would|i'm|i am)"
_LEAD_INS: dict[str, list[str]] = {
    "their_name": [r"(?:dear|hi|hello|hey|to)(?: there)?\b"],
    "your_name": [r"(?:my name is|my name's|i am|i'm|this is)\b"],
    "research": [rf"(?:while preparing,? )?{_I} (?:also )?(?:recently )?(?:read|saw|seen|noticed|learned|learnt|"
                 r"heard|found out|discovered|came across)(?: (?:online|on your website|in the news))?"
                 r"(?: that\b)?", r"that\b"],
    "learn": [rf"{_I} (?:would )?(?:really |especially |also |most )?(?:like|love|want|hope|wish)(?:s)? "
              r"to (?:learn|know|hear|understand|find out|ask)(?: more)?\b",
              r"(?:to )?(?:learn|know|hear|understand|find out)(?: more)?\b(?! to\b)"],
    "how_found": [r"(?:i )?(?:came across|found|got|saw) (?:your name|you|your details|your profile)"
                  r"(?: through| via| on| at| in| from)?\b", r"(?:through|via|on|at|from)\b"],
    "their_role": [r"(?:who is|who's|is|works as|working as|they are|they're|she is|he is|she's|he's)\b",
                   r"(?:someone who is)\b"],
    "organisation": [r"(?:at|with|for)\b"],
    "learned": [r"(?:one thing that stood out(?: for me)?(?: was)?|what stood out(?: for me)?(?: was)?)\b",
                rf"{_I} (?:learned|learnt|found out|discovered)\b"],
    "next_step": [rf"{_I} (?:plan|intend|am planning|'m planning|am going|'m going|will|shall)(?: to)?\b",
                  r"(?:i'll|i will|plan to|to)\b"],
    "referral": [r"(?:suggesting(?: that)?(?: i)?(?: speak| talk)?(?: with| to)?)\b"],
}
# Ordinary words that start a clause: a capital on them is only the learner's sentence start.
_SMALL = set("""a an the this that these those there their they it its your you yours our we my i'd
in on at for from since last next this after before during over when while how what why which who
whether if about most many some one two three several each every new recently now then also
he she his her them people staff more all both any everything anything something advice tips ways
much""".split())
_ARTICLES = ("a", "an", "the", "one", "part", "in", "on", "at", "responsible", "working",
             "leading", "running", "currently", "now", "our", "their", "your", "my", "his", "her")
_AN_LETTERS = set("aefhilmnorsx")         # acronyms said with a vowel sound: an MP, an NHS manager
_A_SOUNDS = ("uni", "use", "usu", "uti", "eu", "one", "once", "ewe", "ubi", "ura")
_AN_SOUNDS = ("hour", "honest", "honour", "honor", "heir")
_FILLER = set("""lol lmao rofl idk dunno tbd tba na n/a nil none nothing test testing asdf qwerty
xxx yyy zzz blah etc whatever stuff things ok okay yes no hi hello hmm ugh meh""".split())

#: Sentence fields: what a phrase in them needs to make a sentence (at least this many words).
MIN_WORDS = {"research": 3, "learn": 2, "learned": 3, "next_step": 2, "how_found": 2}


def _strip_lead_ins(field: str, value: str) -> str:
    for _ in range(3):  # "I read that I read that ..." (typed twice) loses both
        before = value
        for pattern in _LEAD_INS.get(field, []):
            m = re.match(pattern + r"[\s,:;-]*", core_text.straight_quotes(value), flags=re.IGNORECASE)
            if m and m.end() < len(value):
                value = value[m.end():]
        if value == before:
            break
    return value


def _small_first(value: str) -> str:
    first, _, rest = value.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _SMALL and first != "I":
        return first.lower() + (" " + rest if rest else "")
    return value


def article(phrase: str) -> str:
    """``a`` or ``an`` for a phrase, by how its first word sounds.

    >>> article("engineer"), article("university lecturer"), article("MP"), article("hourly worker")
    ('an', 'a', 'an', 'an')
    """
    word = phrase.split(" ", 1)[0]
    low = word.lower()
    if len(word) >= 2 and word.isupper():
        return "an" if low[0] in _AN_LETTERS else "a"
    if low.startswith(_AN_SOUNDS):
        return "an"
    if low.startswith(_A_SOUNDS):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


def _with_article(role: str) -> str:
    """``analyst`` -> ``an analyst``; ``Head of Data`` -> ``the Head of Data`` (one post of its kind)."""
    first = role.split(" ", 1)[0].lower()
    if first in _ARTICLES or first.endswith("'s"):
        return role
    if re.match(r"(?:head|director|chief|dean|deputy|vice|principal|chair)\b[\w ]{0,40}?\bof\b", role.lower()):
        return f"the {role}"
    return f"{article(role)} {role}"


def tidy(field: str, value: object) -> str:
    """A field as it goes into the template (see the module docstring). Saved fields keep
    what the learner typed; only the e-mail uses the tidied text."""
    text = core_text.clean(value)
    if not text:
        return ""
    text = _strip_lead_ins(field, text)
    text = text.strip(" ,;:-").rstrip(" .!?,;:")
    if field in ("their_name", "your_name", "organisation", "referred_by"):
        return text
    text = _small_first(text)
    if field == "their_role":
        text = _with_article(text)
    return text


def sentence_problems(field: str, value: object, label: str = "This field") -> list[Problem]:
    """Problems that keep a field from making a sentence: not words, filler, too few words.

    >>> [p.code for p in sentence_problems("learn", "x/y/z")]
    ['not_words']
    >>> [p.code for p in sentence_problems("research", "growing")]
    ['too_short']
    >>> sentence_problems("learn", "how you started")
    []
    """
    raw = core_text.clean(value)
    if not raw:
        return []
    letters = sum(ch.isalpha() for ch in raw)
    visible = sum(not ch.isspace() for ch in raw)
    found = [w for w in core_text.words(raw) if any(ch.isalpha() for ch in w)]
    real = [w for w in found if len(w) > 1 or w in ("a", "i")]
    mostly_symbols = field in MIN_WORDS and letters < 0.6 * visible   # a name such as "3M" may be short
    letters_only = len(found) >= 2 and sum(len(w) == 1 for w in found) * 2 > len(found)   # "a b c"
    if (mostly_symbols or letters_only or not real or all(w in _FILLER for w in real)
            or core_text.fold(raw).strip(" .!?") in _FILLER):
        return [Problem(field, raw, "does not read as words the e-mail can use",
                        "Write a short phrase in your own words, as the hint under the box suggests", "not_words")]
    need = MIN_WORDS.get(field, 1)
    if len(real) < need:
        return [Problem(field, raw, f"is too short to make a sentence ({len(real)} word"
                                    f"{'s' if len(real) != 1 else ''})",
                        f"Write at least {need} words: a phrase that finishes the sentence in the e-mail",
                        "too_short")]
    if field in MIN_WORDS and len(real) <= 3 and all(w in _FILLER for w in real[:1]):
        return [Problem(field, raw, "reads as filler, not as something the e-mail can say",
                        "Write a short phrase in your own words", "not_words")]
    return []


def word_count(body: str) -> int:
    """Words in an e-mail body (what a reader reads; the sign-off counts too).

    >>> word_count("Dear Ms Okafor,\\n\\nThank you.")
    5
    """
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", body))
