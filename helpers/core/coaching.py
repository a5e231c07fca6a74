"""Honest coaching on interview questions: a verdict only on evidence, and advice about the set.

Used by lesson 02 (drafting questions) and lesson 08 (choosing the questions to use). Plain
data in, plain data out; the word lists live in ``data/content/question_bank.toml``
(``[checks]`` and ``[[rubric]]``) so instructors can adapt them.

* :func:`verdict` says what the checks can tell about one question. It calls a question good
  only when it shows what makes a good informational-interview question: it is **open** (they
  answer in their own words) and it is **about their work, field, path or organisation, or
  your fit in it**, and it does not ask for a job (:func:`helpers.core.jobask.job_ask`).
  Anything the checks cannot place (too short, personal, off-topic, words it does not know)
  gets a gentle "I can't tell whether this helps you: ..." with what to try, never "good".
* :func:`set_advice` looks at the whole set: findings no question uses yet (the research
  nudge), no question asking for candid feedback, a group with no questions.
* :func:`compare` sets the learner's own rating (the rubric: open, on their work, not a job
  ask, and which TIARA kind) beside the checks' reading, and lists where they differ.

>>> v = verdict("What do hiring managers look for in a portfolio?")
>>> v.good, v.code
(True, 'good')
>>> v = verdict("What is your favourite colour?")
>>> v.good, v.code, v.message.startswith("I can't tell whether this helps you")
(False, 'cant_tell', True)
>>> verdict("Could you introduce me to the hiring manager?").code
'job_ask'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from helpers import content
from helpers.core import Advice, region, text
from helpers.core.jobask import JobAsk, job_ask
from helpers.core.schema import Entries, Table, Text, TextList

CONTENT_NAME = "question_bank"

#: The word lists in ``[checks]`` (each a list of lower-case words or phrases).
CHECK_LISTS = ("yes_no_openers", "open_openers", "open_requests", "hypothesis_invitations",
               "research_phrases", "candid_feedback", "ignore_words", "topic_words",
               "personal_phrases", "off_topic_words")

#: Short labels for advice codes (the questions table's "Advice" column).
ADVICE_LABELS: dict[str, str] = {
    "yes_no": "yes/no question",
    "asks_for_job": "asks for a job",
    "cant_tell": "can't tell whether it helps",
    "unused_research": "a finding no question uses yet",
    "no_candid_feedback": "no question asks for candid feedback",
    "missing_group": "a group has no questions",
}

#: The rubric criteria a learner ticks for their own question, with what the checks look at.
CRITERIA: dict[str, str] = {
    "open": "Open: they answer in their own words, not with yes or no",
    "on_topic": "About their work, field, path or organisation, or my fit in it",
    "not_a_job_ask": "Asks for information or advice, not for a job",
}

SCHEMA_CHECKS = Table({name: TextList() for name in CHECK_LISTS})
SCHEMA_RUBRIC = Entries(Table({"id": Text(unique=True), "title": Text(), "means": Text(), "words": TextList()}))


# ---------------------------------------------------------------------------------------
# The word lists
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """One kind of the rubric (TIARA): trends, insights, advice, resources, assignments."""

    id: str
    title: str
    means: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Checks:
    lists: dict[str, tuple[str, ...]]
    rubric: tuple[Kind, ...]

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.lists[name]

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.rubric if k.id == kind_id), None)


def checks_from(data: Mapping[str, Any]) -> Checks:
    """The word lists and the rubric from a parsed (and validated) question bank."""
    lists = {k: tuple(text.fold(v) for v in data["checks"][k]) for k in CHECK_LISTS}
    rubric = tuple(Kind(r["id"], text.clean(r["title"]), text.clean(r["means"]),
                        tuple(text.fold(w) for w in r["words"])) for r in data["rubric"])
    return Checks(lists, rubric)


def checks() -> Checks:
    """The checks' word lists from the question bank (ContentError names file, entry, fix)."""
    return checks_from(content.checked_with(CONTENT_NAME, Table({"checks": SCHEMA_CHECKS, "rubric": SCHEMA_RUBRIC})))


# ---------------------------------------------------------------------------------------
# Pieces of evidence
# ---------------------------------------------------------------------------------------
_STEM_ENDINGS = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "s", "e", "y")


def stem(word: str) -> str:
    """A rough stem, so "nurses" meets "nurse" and "hiring" meets "hire"."""
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stems(value: str) -> list[str]:
    return [stem(w) for w in text.words(value)]


def _has_word(value: str, entries: Iterable[str]) -> str:
    """The first entry found: a phrase as whole words, a single word by its stem."""
    mine = set(_stems(value))
    for entry in entries:
        if " " in entry.strip():
            if text.has_phrase(value, [entry]):
                return entry
        elif stem(entry) in mine:
            return entry
    return ""


def sentences(value: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", value.strip()) if s]


def _first_words(sentence: str) -> list[str]:
    """The sentence's first word, and the first word after a short leading clause."""
    ws = text.words(sentence)
    fillers = {"so", "and", "but", "also", "then", "well", "now", "ok", "okay"}
    while ws and ws[0] in fillers:
        ws = ws[1:]
    found = ws[:1]
    head = sentence.split(",", 1)
    if len(head) == 2 and len(head[0].split()) <= 6:
        after = text.words(head[1])
        if after:
            found.append(after[0])
    return found


def is_yes_no(value: str, c: Checks) -> bool:
    """True when every asking sentence can be answered with a plain yes or no."""
    parts = sentences(value)
    asking = [s for s in parts if s.rstrip().endswith("?")] or parts[-1:]
    for sentence in asking:
        plain = " ".join(text.words(sentence))
        if any(plain.startswith(p) for p in c["hypothesis_invitations"]) or \
                any((plain + " ").startswith(p + " ") for p in c["open_requests"]):
            return False
        first = _first_words(sentence)
        if not first or first[0] in c["open_openers"]:
            return False
        if first[0] in c["yes_no_openers"] or (len(first) > 1 and first[1] in c["yes_no_openers"]):
            continue
        return False
    return bool(asking)


def _meaningful(value: str, ignore: Iterable[str]) -> set[str]:
    skip = {stem(w) for w in ignore}
    return {s for s in (stem(w) for w in text.words(value) if len(w) >= 4) if s not in skip}


def uses_finding(question: str, finding: str, c: Checks) -> bool:
    """True when a question builds on this finding (shares a meaningful word with it)."""
    return bool(_meaningful(question, c["ignore_words"]) & _meaningful(finding, c["ignore_words"]))


def uses_research(question: str, findings: Sequence[str], c: Checks) -> bool:
    if text.has_phrase(question, c["research_phrases"]):
        return True
    return any(uses_finding(question, f, c) for f in findings)


def kinds(value: str, c: Checks) -> list[str]:
    """The rubric kinds (TIARA ids) the checks read in a question, best first."""
    scored = []
    for n, k in enumerate(c.rubric):
        hits = sum(1 for w in k.words if _has_word(value, [w]))
        if hits:
            scored.append((-hits, n, k.id))
    return [kid for _, _, kid in sorted(scored)]


# ---------------------------------------------------------------------------------------
# The verdict on one question
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """What the checks can tell about one question.

    ``code``: "good" (open, on their work or your fit, no job ask), "yes_no" (on topic but
    closed), "job_ask", or "cant_tell" (``reason``: "too_short", "unreadable", "personal",
    "off_topic", "no_topic"). ``evidence``: what the checks found, in plain words;
    ``kinds``: the rubric kinds read in it; ``advice``: item advice to show.
    """

    code: str
    message: str
    reason: str = ""
    evidence: tuple[str, ...] = ()
    open: bool = False
    on_topic: bool = False
    job: JobAsk | None = None
    kinds: tuple[str, ...] = ()
    advice: tuple[Advice, ...] = ()

    @property
    def good(self) -> bool:
        return self.code == "good"

    def reading(self) -> dict[str, bool]:
        """The checks' answer to each rubric criterion (``CRITERIA``)."""
        return {"open": self.open, "on_topic": self.on_topic, "not_a_job_ask": self.job is None}


_TRY = ("for example one about their work (“How did you get started in this line of work?”) or one about "
        "your fit (“What would make someone like me a stronger candidate?”)")


def _cant_tell(reason: str, why: str, tried: str, **kw: Any) -> Verdict:
    message = f"I can't tell whether this helps you: {why}. {tried[0].upper() + tried[1:]}."
    return Verdict("cant_tell", message, reason, advice=(Advice("cant_tell", message),), **kw)


def _readable(value: str) -> bool:
    """True when the text has at least one word that looks like a word (has a vowel, no long
    run of one letter or of consonants)."""
    for w in text.words(value):
        if len(w) >= 2 and re.search(r"[aeiouy]", w) and not re.search(r"(.)\1\1", w) \
                and not re.search(r"[bcdfghjklmnpqrstvwxz]{5}", w):
            return True
    return False


def verdict(question: object, c: Checks | None = None, findings: Sequence[str] = ()) -> Verdict:
    """What the checks can tell about one question (see :class:`Verdict`).

    ``findings``: the learner's research notes (text); a question that builds on one gets
    that as evidence (the nudge to use research is about the whole set: :func:`set_advice`).

    >>> verdict("Why?").reason
    'too_short'
    >>> verdict("asdf qwerty").code
    'cant_tell'
    >>> verdict("Do you enjoy your job?").code
    'yes_no'
    """
    c = c or checks()
    value = text.clean(question)
    ws = text.words(value)
    if len(ws) < 3:
        return _cant_tell("too_short", f"it is very short ({len(ws)} word{'s' if len(ws) != 1 else ''})",
                          "write a whole question, " + _TRY)
    if not _readable(value):
        return _cant_tell("unreadable", "I do not recognise these as words", "write a question in words, " + _TRY)
    personal = text.has_phrase(value, c["personal_phrases"])
    if personal:
        return _cant_tell("personal", f"it asks about their private life (“{personal}”)",
                          "keep to their work and your fit in it, " + _TRY)
    job = job_ask(value)
    open_ = not is_yes_no(value, c)
    off = _has_word(value, c["off_topic_words"])
    topic = _has_word(value, c["topic_words"])
    if not topic and findings and uses_research(value, findings, c):
        topic = "your research"
    found_kinds = tuple(kinds(value, c))
    if off and not job:
        return _cant_tell("off_topic", f"it seems to be about {off}, not about their work",
                          "ask about what you want to learn from them, " + _TRY, open=open_, kinds=found_kinds)
    if not topic and not job:
        return _cant_tell("no_topic", "I could not find anything about their work, their field, their path, "
                                      "their organisation or your fit in it", "if it is about one of these, say "
                          "so in the question, " + _TRY, open=open_, kinds=found_kinds)
    evidence = []
    if open_:
        evidence.append("it is open (they answer in their own words)")
    if topic:
        evidence.append(f"it is about their work or your fit (“{topic}”)")
    if findings and uses_research(value, findings, c):
        evidence.append("it builds on your research")
    advice: list[Advice] = []
    if job:
        advice.append(Advice("asks_for_job", f"This reads as asking for a job (“{job.words}”: {job.reason}). An "
                                             f"informational interview is for learning, and a job ask puts the "
                                             f"person on the spot. Ask for their advice instead, e.g. "
                                             f"“{job.instead}”"))
    if not open_:
        advice.append(Advice("yes_no", "This can be answered with a plain yes or no, which ends the conversation "
                                       "quickly. Try opening with What, How or Which so they tell you more "
                                       "(e.g. “How did you …?” instead of “Did you …?”)."))
    kw = dict(evidence=tuple(evidence), open=open_, on_topic=bool(topic), job=job, kinds=found_kinds,
              advice=tuple(advice))
    if job:
        return Verdict("job_ask", advice[0].message, **kw)
    if not open_:
        return Verdict("yes_no", advice[0].message, **kw)
    return Verdict("good", "This looks like a good informational-interview question: " + "; ".join(evidence) + ".",
                   **kw)


# ---------------------------------------------------------------------------------------
# The whole set
# ---------------------------------------------------------------------------------------
def _topic_of(finding: Mapping[str, Any] | str) -> tuple[str, str]:
    if isinstance(finding, Mapping):
        return str(finding.get("topic", "")).strip(), f"{finding.get('topic', '')} {finding.get('finding', '')}"
    return text.shorten(str(finding), 50), str(finding)


def set_advice(questions: Sequence[str], findings: Sequence[Mapping[str, Any] | str] = (),
               c: Checks | None = None, *, candid_example: str = "",
               groups: Mapping[str, str] | None = None, used_groups: Iterable[str] = ()) -> list[Advice]:
    """Advice about the whole set of questions (scope "set").

    - ``unused_research``: one per finding that no question uses yet ("none of your questions
      uses what you found about X yet"), only once there is at least one question;
    - ``no_candid_feedback``: no question asks how competitive you are;
    - ``missing_group``: a group (``groups``: id -> "title: why") with no question (only when
      ``groups`` is given).
    """
    c = c or checks()
    qs = [q for q in (text.clean(x) for x in questions) if q]
    advice: list[Advice] = []
    if not qs:
        return advice
    if any(text.has_phrase(q, c["research_phrases"]) for q in qs):
        unused: list[tuple[str, str]] = []
    else:
        unused = [_topic_of(f) for f in findings]
        unused = [(topic, body) for topic, body in unused if not any(uses_finding(q, body, c) for q in qs)]
    for topic, body in unused:
        advice.append(Advice("unused_research", f"None of your questions uses what you found about “{topic}” yet. "
                                                "Turn it into a hypothesis to test, e.g. “According to my research, "
                                                "… Is that what you see?”, so you learn what no website can tell "
                                                "you.", scope="set"))
    if not any(text.has_phrase(q, c["candid_feedback"]) and verdict(q, c).on_topic for q in qs):
        example = candid_example or "How competitive would I be for roles like this, and what would make me stronger?"
        advice.append(Advice("no_candid_feedback", "None of your questions asks for candid feedback on how "
                                                   "competitive you are. It is one of the most useful things an "
                                                   f"insider can tell you. Add one, e.g. “{example}”", scope="set"))
    if groups:
        used = set(used_groups)
        for gid, about in groups.items():
            if gid not in used:
                advice.append(Advice("missing_group", f"You have no questions in the group “{about}”", scope="set"))
    return advice


# ---------------------------------------------------------------------------------------
# The learner's own rating beside the checks
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Difference:
    criterion: str      # a key of CRITERIA, or "kind"
    mine: str           # what the learner said
    checks: str         # what the checks read
    why: str            # one sentence on the difference


def compare(v: Verdict, rating: Mapping[str, Any], c: Checks | None = None) -> list[Difference]:
    """Where the learner's rating (``{"open": bool, "on_topic": bool, "not_a_job_ask": bool,
    "kind": "trends"|...|""}``) and the checks' reading differ. ``[]`` when they agree.

    >>> v = verdict("Do you enjoy your job?")
    >>> [d.criterion for d in compare(v, {"open": True, "on_topic": True, "not_a_job_ask": True})]
    ['open']
    """
    c = c or checks()
    reading = v.reading()
    out: list[Difference] = []
    why = {
        "open": ("The checks read it as a yes/no question: it starts like “Do …?” or “Is …?”." if not v.open else
                 "The checks read it as open (it starts with What, How, Which … or asks them to tell you)."),
        "on_topic": ("The checks found words about work, a field, a path, an organisation or your fit in it."
                     if v.on_topic else "The checks found no words about work, a field, a path, an organisation "
                                        "or your fit in it."),
        "not_a_job_ask": (f"The checks read a job ask in it (“{v.job.words}”)." if v.job else
                          "The checks found no request for a job, a CV hand-over, a referral for a post or a "
                          "way to whoever hires."),
    }
    for key, label in CRITERIA.items():
        if key not in rating or rating[key] is None:
            continue
        mine = bool(rating[key])
        if mine != reading[key]:
            out.append(Difference(key, "yes" if mine else "no", "yes" if reading[key] else "no",
                                  region.current().words(why[key])))
    chosen = str(rating.get("kind") or "")
    if chosen and v.kinds and chosen not in v.kinds:
        titles = ", ".join(c.kind(k).title for k in v.kinds if c.kind(k)) or "none"
        mine_title = c.kind(chosen).title if c.kind(chosen) else chosen
        out.append(Difference("kind", mine_title, titles, f"You called it {mine_title}; its words read more like "
                                                          f"{titles}. Either can be right: it is your question."))
    return out
