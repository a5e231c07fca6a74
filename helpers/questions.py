"""Research to questions: research notes, hypotheses, and drafted interview questions.

A learner notes what their research says about a field or company (``add_research``),
turns each finding into a hypothesis to test in the interview (``hypothesis``), and drafts
questions grouped the way career coaches group them (``add_question``). Every question is
checked as it is saved (``check_question``):

* **problems** block saving: empty, too long, an unknown group, web-page code, a leading
  spreadsheet formula character, an unfilled ``[placeholder]``, or a question already saved;
* **advice** does not block: a yes/no question, a question that asks for a job, a question
  that ignores the learner's research, and (for the whole set) no question asking for
  candid feedback on the learner's competitiveness.

The groups, starter questions and the word lists the advice uses live in
``data/content/question_bank.toml`` so instructors can adapt them (``bank()`` reads and
validates it; ``check_content()`` lists every mistake in it).

The learner's work is kept in two workspace files, written atomically:
``research.json`` and ``questions.json``. Ids are whole numbers that never change and are
never reused after a deletion.

>>> from helpers import questions
>>> questions.hypothesis("hospitals in my region are short of night-shift nurses.")
'According to my research, hospitals in my region are short of night-shift nurses. Is that what you see?'
>>> problems, advice = questions.check_question("Are you hiring?", "industry", research=[], saved=[])
>>> problems, [a.code for a in advice if a.scope == "question"]
([], ['yes_no', 'asks_for_job'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import content, workspace
from .log import Problem

# ---------------------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------------------
CONTENT_NAME = "question_bank"
CONTENT_FILE = f"{CONTENT_NAME}.toml"
QUESTIONS_FILE = "questions.json"
RESEARCH_FILE = "research.json"

#: Longest text the forms save into each field.
LIMITS: dict[str, int] = {"text": 300, "topic": 80, "finding": 500}

HYPOTHESIS_LEAD = "According to my research,"
HYPOTHESIS_ASK = "Is that what you see?"

#: Short labels for the table's "Advice" column, by advice code.
ADVICE_LABELS: dict[str, str] = {
    "yes_no": "yes/no question",
    "asks_for_job": "asks for a job",
    "no_research": "does not use your research",
    "no_candid_feedback": "no question asks for candid feedback",
    "missing_group": "a group has no questions",
}

CHECK_LISTS = ["yes_no_openers", "open_openers", "open_requests", "hypothesis_invitations",
               "job_asking", "research_phrases", "candid_feedback", "ignore_words"]

# First words of a finding that are ordinary words, so "Most firms ..." becomes
# "According to my research, most firms ...". Any other first word (a name, "Acme") is kept.
_COMMON_STARTERS = set("""
a an the this that these those there here it its they their our my your his her we one two
three four five six seven eight nine ten half most many much more some several few fewer
less all every each both any no nearly almost about around over under only just even
new recent recently large small big local regional national global average typical
employers companies firms businesses organisations organizations hospitals schools
workers people jobs demand salaries salary pay wages hiring applicants graduates
starting entry in on at for from by with since during after before within across among
as if when while because although though since according
""".split())


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionProblem(Problem):
    """A problem that blocks saving, with a short ``code`` for tests and instructors.

    It is a :class:`helpers.log.Problem`, so ``Form.show_problems`` puts it beside the
    field named in ``column`` (``"text"``, ``"category"``, ``"topic"``, ``"finding"``).
    """

    code: str = ""


@dataclass(frozen=True)
class Advice:
    """Advice that does not block saving.

    ``code`` is one of ``ADVICE_LABELS``; ``scope`` is ``"question"`` (about this question)
    or ``"set"`` (about the whole set of saved questions).
    """

    code: str
    message: str
    scope: str = "question"

    def __str__(self) -> str:
        return self.message


@dataclass
class Outcome:
    """What happened when a learner saved, changed or deleted something."""

    ok: bool                                   # True when the workspace file was changed
    message: str                               # one plain sentence for the learner
    problems: list[Problem] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    item: dict[str, Any] | None = None         # the saved, changed or deleted entry


@dataclass(frozen=True)
class Category:
    """One group of questions from the question bank."""

    id: str
    title: str
    why: str
    questions: tuple[str, ...]
    builds_on_research: bool = True


@dataclass(frozen=True)
class Bank:
    """The validated question bank: groups, the check word lists and the example."""

    categories: tuple[Category, ...]
    checks: dict[str, tuple[str, ...]]
    example: dict[str, Any]

    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def get(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def title(self, category_id: str) -> str:
        found = self.get(category_id)
        return found.title if found else category_id

    def candid_starter(self) -> str:
        """A starter question that asks for candid feedback (for advice messages)."""
        for cat in self.categories:
            for q in cat.questions:
                if _has_phrase(q, self.checks["candid_feedback"]) and "[" not in q:
                    return q
        return "How competitive do you think I would be, and what would make me stronger?"


# ---------------------------------------------------------------------------------------
# The question bank (content file)
# ---------------------------------------------------------------------------------------
def _content_problems(data: Mapping[str, Any]) -> list[str]:
    """Every mistake in a parsed question bank, each naming the entry and the fix."""
    found: list[str] = []
    cats = data.get("category")
    if not isinstance(cats, list) or not cats or not all(isinstance(c, dict) for c in cats):
        return [f"{CONTENT_FILE}: no [[category]] entries were found. Each group of questions "
                f"starts with a line [[category]] followed by id, title, why and questions."]
    seen: set[str] = set()
    for n, cat in enumerate(cats, 1):
        where = f"{CONTENT_FILE}, [[category]] number {n}"
        if isinstance(cat.get("id"), str) and cat["id"]:
            where += f" (id \"{cat['id']}\")"
        for key in ("id", "title", "why"):
            value = cat.get(key)
            if not isinstance(value, str) or not value.strip():
                found.append(f"{where}: the field '{key}' is missing or empty. Add a line "
                             f"{key} = \"...\" to that entry.")
        cid = cat.get("id")
        if isinstance(cid, str) and cid:
            if not re.fullmatch(r"[a-z0-9_]+", cid):
                found.append(f"{where}: the id should be lower-case letters, digits or _ "
                             f"(for example \"career_path\").")
            if cid in seen:
                found.append(f"{where}: the id \"{cid}\" is used twice. Give each group its own id.")
            seen.add(cid)
        if "builds_on_research" in cat and not isinstance(cat["builds_on_research"], bool):
            found.append(f"{where}: builds_on_research should be true or false (no quotes).")
        qs = cat.get("questions")
        if not isinstance(qs, list) or not qs:
            found.append(f"{where}: the field 'questions' is missing or empty. Add "
                         f"questions = [\"...\", \"...\"] with 5 to 8 starter questions.")
            continue
        for i, q in enumerate(qs, 1):
            if not isinstance(q, str) or not q.strip():
                found.append(f"{where}, question {i}: should be text in quotes, not empty.")
            elif len(q.strip()) > LIMITS["text"]:
                found.append(f"{where}, question {i}: is {len(q.strip())} characters long; "
                             f"shorten it to {LIMITS['text']} or fewer.")
        texts = [_normal(q) for q in qs if isinstance(q, str)]
        if len(set(texts)) != len(texts):
            found.append(f"{where}: the same starter question appears twice. Remove one.")
    checks = data.get("checks")
    if not isinstance(checks, dict):
        found.append(f"{CONTENT_FILE}: the [checks] section is missing. Restore it from the "
                     f"repository: the advice needs its word lists ({', '.join(CHECK_LISTS)}).")
    else:
        for key in CHECK_LISTS:
            value = checks.get(key)
            if not isinstance(value, list) or not value:
                found.append(f"{CONTENT_FILE}, [checks]: the list '{key}' is missing or empty. "
                             f"Add {key} = [\"...\", \"...\"].")
            elif not all(isinstance(v, str) and v.strip() for v in value):
                found.append(f"{CONTENT_FILE}, [checks], {key}: every entry should be text in "
                             f"quotes, not empty.")
        if not found:
            candid = [w.lower() for w in checks["candid_feedback"]]
            if not any(_has_phrase(q, candid) for c in cats for q in c.get("questions", [])
                       if isinstance(q, str)):
                found.append(f"{CONTENT_FILE}: no starter question asks for candid feedback on "
                             f"competitiveness (none contains a phrase from [checks] "
                             f"candid_feedback). Add one, e.g. \"How competitive would I be, and "
                             f"what would make me stronger?\"")
    example = data.get("example")
    if not isinstance(example, dict):
        found.append(f"{CONTENT_FILE}: the [example] section is missing. Add it with topic, "
                     f"finding and questions (shown until a learner saves their own work).")
    else:
        for key in ("topic", "finding"):
            if not isinstance(example.get(key), str) or not example[key].strip():
                found.append(f"{CONTENT_FILE}, [example]: the field '{key}' is missing or empty.")
        eq = example.get("questions")
        if not isinstance(eq, list) or not eq:
            found.append(f"{CONTENT_FILE}, [example]: 'questions' is missing or empty. Add "
                         f"questions = [{{ category = \"...\", text = \"...\" }}].")
        else:
            for i, q in enumerate(eq, 1):
                if (not isinstance(q, dict) or not isinstance(q.get("text"), str)
                        or not q["text"].strip() or not isinstance(q.get("category"), str)):
                    found.append(f"{CONTENT_FILE}, [example], question {i}: write it as "
                                 f"{{ category = \"...\", text = \"...\" }}.")
                elif seen and q["category"] not in seen:
                    found.append(f"{CONTENT_FILE}, [example], question {i}: the category "
                                 f"\"{q['category']}\" is not the id of any [[category]]. Use one "
                                 f"of: {', '.join(sorted(seen))}.")
    return found


def check_content() -> list[str]:
    """Every mistake in the question bank file, as messages naming the file, entry and fix.

    >>> check_content()
    []
    """
    return content.problems(CONTENT_NAME, _content_problems)


def bank() -> Bank:
    """The question bank from ``data/content/question_bank.toml``, validated.

    Raises :class:`helpers.content.ContentError` naming the file, entry and fix when the
    file has a mistake (the forms show that message instead of a traceback).

    >>> [c.id for c in bank().categories]
    ['rapport', 'industry', 'career', 'organisation']
    """
    data = content.load(CONTENT_NAME)
    found = _content_problems(data)
    if found:
        raise content.ContentError("\n".join(found))
    cats = tuple(
        Category(id=c["id"], title=c["title"].strip(), why=c["why"].strip(),
                 questions=tuple(_clean(q) for q in c["questions"]),
                 builds_on_research=c.get("builds_on_research", True))
        for c in data["category"]
    )
    checks = {k: tuple(_clean(v).lower() for v in data["checks"][k]) for k in CHECK_LISTS}
    return Bank(categories=cats, checks=checks, example=dict(data["example"]))


def bank_table() -> pd.DataFrame:
    """The groups of the question bank with why each matters and their starter questions."""
    b = bank()
    return pd.DataFrame({
        "Group": [c.title for c in b.categories],
        "Why it matters": [c.why for c in b.categories],
        "Starter questions": ["\n".join(f"• {q}" for q in c.questions) for c in b.categories],
    })


# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_FORMULA = ("=", "+", "-", "@")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _clean(text: object) -> str:
    """Text as saved: invisible control characters removed, spaces and lines collapsed.

    >>> _clean("  How did\\n you   start?  ")
    'How did you start?'
    """
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", value)
    return re.sub(r"\s+", " ", value).strip()


def _normal(text: str) -> str:
    """Text for comparing two questions: case, quotes, punctuation and spaces ignored."""
    lowered = str(text).translate(_QUOTES).lower()
    return " ".join(re.findall(r"[^\W_]+", lowered))


def _phrase_text(text: str) -> str:
    """Lower case, straight apostrophes, words separated by single spaces (for phrase search)."""
    lowered = str(text).translate(_QUOTES).lower()
    return " " + " ".join(re.findall(r"[^\W_]+(?:'[^\W_]+)?", lowered)) + " "


def _has_phrase(text: str, phrases: Iterable[str]) -> str:
    """The first phrase (whole words) found in ``text``, or ""."""
    hay = _phrase_text(text)
    for phrase in phrases:
        needle = _phrase_text(phrase)
        if needle.strip() and needle in hay:
            return phrase
    return ""


_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "s", "e", "y")


def _stem(word: str) -> str:
    """A rough word stem so that 'nurses' meets 'nurse' and 'merged' meets 'merger'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _meaningful(text: str, ignore: Iterable[str]) -> set[str]:
    skip = {_stem(w) for w in ignore}
    words = re.findall(r"[^\W_]+", str(text).translate(_QUOTES).lower())
    return {s for s in (_stem(w) for w in words if len(w) >= 4) if s not in skip}


def hypothesis(finding: str) -> str:
    """Turn a research note into a hypothesis to test: "According to my research, X. Is that what you see?"

    Tidies the finding: spaces collapsed, trailing punctuation replaced by one full stop, the
    first word lower-cased when it is an ordinary word (names and acronyms are kept), and an
    "According to my research" the learner already wrote is not repeated. Empty text gives "".

    >>> hypothesis("  Acme merged with Brightwater in 2025!! ")
    'According to my research, Acme merged with Brightwater in 2025. Is that what you see?'
    >>> hypothesis("Most new nurses start on night shifts...")
    'According to my research, most new nurses start on night shifts. Is that what you see?'
    >>> hypothesis("according to my research, UX roles grew.")
    'According to my research, UX roles grew. Is that what you see?'
    >>> hypothesis("")
    ''
    """
    text = _clean(finding)
    text = re.sub(r"^(according to (my )?research|my research (says|shows|suggests)( that)?|i read( that)?)"
                  r"\s*[,:]?\s*", "", text, flags=re.I)
    text = re.sub(r"[\s.!?;:,…]+$", "", text).strip()
    if not text:
        return ""
    return f"{HYPOTHESIS_LEAD} {lower_first_word(text)}. {HYPOTHESIS_ASK}"


def lower_first_word(text: str) -> str:
    """Lower-case the first word when it is an ordinary word, so it reads mid-sentence.

    Names and acronyms are kept.

    >>> lower_first_word("Most firms hire in spring")
    'most firms hire in spring'
    >>> lower_first_word("London hospitals are short of nurses")
    'London hospitals are short of nurses'
    """
    first = re.match(r"[^\W\d_]+", text)
    if first:
        word = first.group(0)
        if word[0].isupper() and word[1:] == word[1:].lower() and word.lower() in _COMMON_STARTERS:
            return word[0].lower() + text[1:]
    return text


# ---------------------------------------------------------------------------------------
# Checking one question
# ---------------------------------------------------------------------------------------
def _text_problems(value: str, column: str, noun: str, example: str) -> list[Problem]:
    """Problems shared by every text field: empty, too long, code, formula, placeholder."""
    limit = LIMITS[column]
    if not value:
        return [QuestionProblem(None, column, "", f"{noun} is empty",
                                f"Write it in the box, for example: {example}", code="empty")]
    found: list[Problem] = []
    if len(value) > limit:
        found.append(QuestionProblem(None, column, value, f"is {len(value)} characters long",
                                     f"Shorten it to {limit} characters or fewer; one clear "
                                     f"point works best", code="too_long"))
    tag = _TAG.search(value)
    if tag:
        found.append(QuestionProblem(None, column, value,
                                     f"contains web-page code ({tag.group(0)[:30]})",
                                     "Write plain words, without < > tags", code="markup"))
    if value.startswith(_FORMULA):
        found.append(QuestionProblem(None, column, value,
                                     f"starts with “{value[0]}”, which a spreadsheet would run as "
                                     f"a formula when you export your work",
                                     "Start with a word instead", code="formula"))
    holder = re.search(r"\[[^\]]*\]", value)
    if holder:
        found.append(QuestionProblem(None, column, value,
                                     f"still has the placeholder {holder.group(0)}",
                                     "Replace the words in [square brackets] with your own",
                                     code="placeholder"))
    return found


def _research_texts(research: Iterable[Any] | None) -> list[str]:
    if research is None:
        research = saved_research()
    texts: list[str] = []
    for r in research:
        if isinstance(r, Mapping):
            texts.append(f"{r.get('topic', '')} {r.get('finding', '')}")
        else:
            texts.append(str(r))
    return [t for t in texts if t.strip()]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


def _first_words(sentence: str) -> list[str]:
    """The sentence's first word, and the first word after a leading clause ("In your view, is ...")."""
    words = _phrase_text(sentence).split()
    fillers = {"so", "and", "but", "also", "then", "well", "now", "ok", "okay", "and so"}
    while words and words[0] in fillers:
        words = words[1:]
    found = words[:1]
    head = sentence.split(",", 1)
    if len(head) == 2 and len(head[0].split()) <= 6:
        after = _phrase_text(head[1]).split()
        if after:
            found.append(after[0])
    return found


def _is_yes_no(text: str, checks: Mapping[str, Sequence[str]]) -> bool:
    """True when every asking sentence can be answered with a plain yes or no."""
    sentences = _sentences(text)
    asking = [s for s in sentences if s.rstrip().endswith("?")] or sentences[-1:]
    invitations = tuple(_phrase_text(p).strip() for p in checks["hypothesis_invitations"])
    requests = tuple(_phrase_text(p).strip() + " " for p in checks["open_requests"])
    for sentence in asking:
        plain = _phrase_text(sentence).strip()
        if plain.startswith(invitations) or (plain + " ").startswith(requests):
            return False  # "Is that what you see?", "Could you tell me ..." invite a full answer
        words = _first_words(sentence)
        if not words or words[0] in checks["open_openers"]:
            return False
        if words[0] in checks["yes_no_openers"]:
            continue
        if len(words) > 1 and words[1] in checks["yes_no_openers"]:
            continue  # "In your view, is it ...?"
        return False
    return bool(asking)


def _uses_research(text: str, research_texts: list[str], checks: Mapping[str, Sequence[str]]) -> bool:
    if _has_phrase(text, checks["research_phrases"]):
        return True
    mine = _meaningful(text, checks["ignore_words"])
    if not mine:
        return False
    return any(mine & _meaningful(r, checks["ignore_words"]) for r in research_texts)


def _question_advice(text: str, category: str, research_texts: list[str], b: Bank) -> list[Advice]:
    checks = b.checks
    advice: list[Advice] = []
    if _is_yes_no(text, checks):
        advice.append(Advice("yes_no", "This can be answered with a plain yes or no, which ends the "
                                       "conversation quickly. Try opening with What, How or Why so "
                                       "they tell you more (e.g. “How did you …?” instead of "
                                       "“Did you …?”)."))
    job = _has_phrase(text, checks["job_asking"])
    if job:
        advice.append(Advice("asks_for_job", f"This reads as asking for a job (“{job}”). An "
                                             f"informational interview is for learning, and asking "
                                             f"for a job can put the person on the spot. Ask for "
                                             f"their advice instead, e.g. “What would make someone "
                                             f"like me a strong candidate here?”"))
    cat = b.get(category)
    candid = _has_phrase(text, checks["candid_feedback"])  # about the learner, not the field
    if research_texts and (cat is None or cat.builds_on_research) and not candid and \
            not _uses_research(text, research_texts, checks):
        advice.append(Advice("no_research", "This does not build on your research yet. Mention what "
                                            "you found, e.g. “According to my research, … Is that "
                                            "what you see?”, so you learn what no website can tell "
                                            "you."))
    return advice


def _set_advice(texts: Sequence[str], categories: Sequence[str], b: Bank, groups: bool) -> list[Advice]:
    advice: list[Advice] = []
    if texts and not any(_has_phrase(t, b.checks["candid_feedback"]) for t in texts):
        advice.append(Advice("no_candid_feedback",
                             "None of your questions asks for candid feedback on how competitive "
                             "you are. It is one of the most useful things an insider can tell "
                             f"you. Add one, e.g. “{b.candid_starter()}”", scope="set"))
    if groups and texts:
        for cat in b.categories:
            if cat.id not in categories:
                advice.append(Advice("missing_group", f"You have no questions in the group “{cat.title}” "
                                                      f"yet. {cat.why}", scope="set"))
    return advice


def check_question(text: str, category: str, research: Iterable[Any] | None = None, *,
                   saved: Sequence[Mapping[str, Any]] | None = None,
                   exclude_id: int | None = None) -> tuple[list[Problem], list[Advice]]:
    """Check a drafted question. Returns ``(problems, advice)``.

    ``problems`` block saving (each names its field: ``text`` or ``category``);
    ``advice`` does not. ``research`` is a list of findings (text, or dicts with
    ``topic``/``finding``); ``None`` reads the learner's saved research. ``saved`` is the
    list of saved questions for the duplicate and whole-set checks (``None``: the learner's
    own); ``exclude_id`` leaves one saved question out (the one being edited).

    >>> p, a = check_question("", "rapport", research=[], saved=[])
    >>> [(x.column, x.code) for x in p]
    [('text', 'empty')]
    >>> p, a = check_question("What surprised you most when you started?", "rapport", research=[], saved=[])
    >>> p, [x.code for x in a]
    ([], ['no_candid_feedback'])
    """
    b = bank()
    value = _clean(text)
    problems = _text_problems(value, "text", "The question",
                              "“How did you get started in this line of work?”")
    category = "" if category is None else str(category)
    if category not in b.ids():
        problems.append(QuestionProblem(None, "category", category,
                                        "is not one of the question groups" if category else
                                        "no group is chosen",
                                        "Choose one of: " + ", ".join(c.title for c in b.categories),
                                        code="unknown_category"))
    if saved is None:
        saved = saved_questions()
    others = [q for q in saved if q.get("id") != exclude_id]
    if value:
        key = _normal(value)
        twin = next((q for q in others if _normal(q.get("text", "")) == key), None)
        if twin is not None:
            problems.append(QuestionProblem(None, "text", value,
                                            f"is already saved as question {twin['id']}",
                                            f"Nothing new to save. Change the wording if you meant "
                                            f"another question, or choose question {twin['id']} under "
                                            f"“Saved question” to edit it", code="duplicate"))
    if not value or any(getattr(p, "code", "") in ("markup", "formula") for p in problems):
        return problems, []
    advice = _question_advice(value, category, _research_texts(research), b)
    texts = [q.get("text", "") for q in others] + [value]
    advice += _set_advice(texts, [], b, groups=False)
    return problems, advice


def check_report(text: str, category: str, research: Iterable[Any] | None = None,
                 saved: Sequence[Mapping[str, Any]] | None = None) -> str:
    """``check_question`` said in plain sentences (for a notebook or a terminal).

    >>> print(check_report("Can you give me a job?", "career", research=[], saved=[]))
    Could be saved. Advice on this question:
    - This can be answered with a plain yes or no...
    - This reads as asking for a job (“give me a job”)...
    About your whole set:
    - None of your questions asks for candid feedback...
    """
    problems, advice = check_question(text, category, research, saved=saved)
    mine = [a for a in advice if a.scope == "question"]
    whole = [a for a in advice if a.scope == "set"]
    if problems:
        lines = ["Would not be saved yet:"] + [f"- {p}" for p in problems]
        if mine:
            lines.append("Advice on this question:")
    elif mine:
        lines = ["Could be saved. Advice on this question:"]
    else:
        lines = ["Could be saved: this question looks good."]
    lines += [f"- {a.message}" for a in mine]
    if whole:
        lines += ["About your whole set:"] + [f"- {a.message}" for a in whole]
    return "\n".join(lines)


def check_research(topic: str, finding: str, saved: Sequence[Mapping[str, Any]] | None = None,
                   exclude_id: int | None = None) -> list[Problem]:
    """Problems with a research note (``topic``, ``finding``); ``[]`` when it can be saved.

    >>> [(p.column, p.code) for p in check_research("Acme", "", saved=[])]
    [('finding', 'empty')]
    """
    topic, finding = _clean(topic), _clean(finding)
    problems = _text_problems(topic, "topic", "The topic", "“Data analysis at Acme Foods”")
    problems += _text_problems(finding, "finding", "The finding",
                               "“Acme is moving its reporting to the cloud this year”")
    if finding:
        if saved is None:
            saved = saved_research()
        key = _normal(finding)
        twin = next((r for r in saved if r.get("id") != exclude_id
                     and _normal(r.get("finding", "")) == key), None)
        if twin is not None:
            problems.append(QuestionProblem(None, "finding", finding,
                                            f"is already saved as finding {twin['id']}",
                                            "Nothing new to save; write another finding",
                                            code="duplicate"))
    return problems


# ---------------------------------------------------------------------------------------
# The learner's saved work (workspace files)
# ---------------------------------------------------------------------------------------
_FIELDS = {QUESTIONS_FILE: ("questions", ("category", "text")),
           RESEARCH_FILE: ("research", ("topic", "finding"))}


def _read_store(name: str) -> dict[str, Any]:
    """Read one of our workspace files and check its shape (ValueError says which file and how to recover)."""
    key, fields = _FIELDS[name]
    data = workspace.read_json(name, None)
    if data is None:
        return {"version": 1, "next_id": 1, key: []}
    where = workspace.path(name)
    recover = ("Restore it from the backups folder in your workspace, or rename it to start "
               "this activity afresh.")
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ValueError(f"{where} does not look like saved {key} (no '{key}' list). {recover}")
    for n, item in enumerate(data[key], 1):
        if not (isinstance(item, dict) and isinstance(item.get("id"), int) and not isinstance(item["id"], bool)
                and all(isinstance(item.get(f), str) for f in fields)):
            raise ValueError(f"{where}: entry {n} is damaged (it needs a whole-number id and "
                             f"{' and '.join(fields)} as text). {recover}")
    ids = [item["id"] for item in data[key]]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}: two entries share an id. {recover}")
    next_id = data.get("next_id")
    top = max(ids, default=0)
    if not isinstance(next_id, int) or isinstance(next_id, bool) or next_id <= top:
        data["next_id"] = top + 1
    return data


def _write_store(name: str, data: dict[str, Any]) -> None:
    workspace.write_json(name, data)


def saved_questions() -> list[dict[str, Any]]:
    """The learner's saved questions (``id``, ``category``, ``text``), oldest first; ``[]`` when none.

    Raises ``ValueError`` (naming the file and how to recover) when the file is damaged.
    """
    return [dict(q) for q in _read_store(QUESTIONS_FILE)["questions"]]


def saved_research() -> list[dict[str, Any]]:
    """The learner's saved research notes (``id``, ``topic``, ``finding``), oldest first; ``[]`` when none."""
    return [dict(r) for r in _read_store(RESEARCH_FILE)["research"]]


def _unreadable(exc: ValueError, column: str = "file") -> Outcome:
    problem = QuestionProblem(None, column, "", "could not be read, so nothing was changed",
                              str(exc), code="damaged_file")
    return Outcome(False, f"Nothing was changed: {exc}", [problem])


def add_research(topic: str, finding: str) -> Outcome:
    """Save a research note; ``item`` gets its ``id`` and ``hypothesis``. Saving it again changes nothing.

    ``add_research("Nursing in my region", "Hospitals are short of night nurses.")`` gives
    ``Outcome(ok=True, message="Saved as finding 1.", ...)``; the same call again gives
    ``ok=False`` with the problem "already saved as finding 1".
    """
    try:
        data = _read_store(RESEARCH_FILE)
    except ValueError as exc:
        return _unreadable(exc)
    problems = check_research(topic, finding, saved=data["research"])
    if problems:
        return Outcome(False, "Not saved: " + " ".join(str(p) for p in problems), problems)
    item = {"id": data["next_id"], "topic": _clean(topic), "finding": _clean(finding)}
    data["research"].append(item)
    data["next_id"] += 1
    _write_store(RESEARCH_FILE, data)
    return Outcome(True, f"Saved as finding {item['id']}.", item={**item, "hypothesis": hypothesis(item["finding"])})


def delete_research(research_id: int) -> Outcome:
    """Delete a saved research note by its id (saved questions are kept)."""
    try:
        data = _read_store(RESEARCH_FILE)
    except ValueError as exc:
        return _unreadable(exc)
    found, missing = _find(data["research"], research_id, "finding", "deleted")
    if missing:
        return missing
    data["research"] = [r for r in data["research"] if r["id"] != research_id]
    _write_store(RESEARCH_FILE, data)
    return Outcome(True, f"Deleted finding {research_id} (“{_short(found['finding'])}”).", item=found)


def add_question(text: str, category: str) -> Outcome:
    """Check and save a drafted question. Saving the same text again changes nothing.

    ``add_question("How did you get started in this line of work?", "rapport")`` gives
    ``Outcome(ok=True, message="Saved as question 1.", ...)``; saving it again (even in other
    case or punctuation) gives ``ok=False`` and the problem "already saved as question 1".
    """
    try:
        data = _read_store(QUESTIONS_FILE)
    except ValueError as exc:
        return _unreadable(exc)
    problems, advice = check_question(text, category, saved=data["questions"])
    if problems:
        return Outcome(False, "Not saved: " + " ".join(str(p) for p in problems), problems, advice)
    item = {"id": data["next_id"], "category": str(category), "text": _clean(text)}
    data["questions"].append(item)
    data["next_id"] += 1
    _write_store(QUESTIONS_FILE, data)
    return Outcome(True, f"Saved as question {item['id']}.", [], advice, dict(item))


def update_question(question_id: int, text: str | None = None, category: str | None = None) -> Outcome:
    """Change a saved question's text and/or group (checked like a new question)."""
    try:
        data = _read_store(QUESTIONS_FILE)
    except ValueError as exc:
        return _unreadable(exc)
    found, missing = _find(data["questions"], question_id, "question", "changed")
    if missing:
        return missing
    new_text = found["text"] if text is None else text
    new_category = found["category"] if category is None else category
    problems, advice = check_question(new_text, new_category, saved=data["questions"], exclude_id=question_id)
    if problems:
        return Outcome(False, "Not changed: " + " ".join(str(p) for p in problems), problems, advice)
    if _clean(new_text) == found["text"] and new_category == found["category"]:
        return Outcome(False, f"Nothing changed: question {question_id} already says that.", [], advice, dict(found))
    found["text"], found["category"] = _clean(new_text), str(new_category)
    _write_store(QUESTIONS_FILE, data)
    return Outcome(True, f"Updated question {question_id}.", [], advice, dict(found))


def delete_question(question_id: int) -> Outcome:
    """Delete a saved question by its id; the message says what was deleted."""
    try:
        data = _read_store(QUESTIONS_FILE)
    except ValueError as exc:
        return _unreadable(exc)
    found, missing = _find(data["questions"], question_id, "question", "deleted")
    if missing:
        return missing
    data["questions"] = [q for q in data["questions"] if q["id"] != question_id]
    _write_store(QUESTIONS_FILE, data)
    return Outcome(True, f"Deleted question {question_id} (“{_short(found['text'])}”).", item=dict(found))


def _find(items: list[dict], item_id: int, noun: str, verb: str) -> tuple[dict | None, Outcome | None]:
    """The saved item with this id, or the Outcome that says it is not saved (nothing done)."""
    found = next((i for i in items if i["id"] == item_id), None)
    if found is not None:
        return found, None
    problem = QuestionProblem(None, "pick", str(item_id), f"{noun} {item_id} is not saved",
                              f"Choose one of your saved {noun}s", code="not_found")
    return None, Outcome(False, f"Nothing {verb}: there is no saved {noun} {item_id}.", [problem])


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# Tables, the whole set, export
# ---------------------------------------------------------------------------------------
TABLE_COLUMNS = ["#", "Group", "Question", "Advice"]


def _table(items: Sequence[Mapping[str, Any]], research_texts: list[str], b: Bank) -> pd.DataFrame:
    order = {cid: n for n, cid in enumerate(b.ids())}
    rows = sorted(items, key=lambda q: (order.get(q.get("category"), len(order)), q.get("id", 0)))
    advice_col = []
    for q in rows:
        codes = [a.code for a in _question_advice(q["text"], q["category"], research_texts, b)]
        advice_col.append("; ".join(ADVICE_LABELS[c] for c in codes) if codes else "looks good")
    return pd.DataFrame({
        "#": [q.get("id", "") for q in rows],
        "Group": [b.title(q["category"]) for q in rows],
        "Question": [q["text"] for q in rows],
        "Advice": advice_col,
    }, columns=TABLE_COLUMNS)


def questions_table(items: Sequence[Mapping[str, Any]] | None = None,
                    research: Iterable[Any] | None = None) -> pd.DataFrame:
    """The saved questions as a table, grouped in the bank's order, with short advice.

    Columns ``#``, ``Group``, ``Question``, ``Advice``. Show it with
    ``display.table_html(...)`` so learners' text stays text.

    >>> questions_table([{"id": 1, "category": "rapport", "text": "Do you like it?"}], research=[])
       #             Group         Question           Advice
    0  1  Building rapport  Do you like it?  yes/no question
    """
    b = bank()
    return _table(saved_questions() if items is None else items, _research_texts(research), b)


def example_table() -> pd.DataFrame:
    """The example set of questions from the question bank, as ``questions_table`` shows it.

    >>> len(example_table()) > 0
    True
    """
    b = bank()
    ex = b.example
    items = [{"id": n, "category": q["category"], "text": _clean(q["text"])}
             for n, q in enumerate(ex["questions"], 1)]
    return _table(items, [f"{ex['topic']} {ex['finding']}"], b)


def research_table(items: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Saved research notes with the hypothesis each one gives."""
    rows = saved_research() if items is None else list(items)
    return pd.DataFrame({
        "#": [r.get("id", "") for r in rows],
        "Topic": [r["topic"] for r in rows],
        "What my research says": [r["finding"] for r in rows],
        "Hypothesis to test": [hypothesis(r["finding"]) for r in rows],
    }, columns=["#", "Topic", "What my research says", "Hypothesis to test"])


def example_research() -> pd.DataFrame:
    """The example research note from the question bank, as ``research_table`` shows it."""
    ex = bank().example
    return research_table([{"id": 1, "topic": _clean(ex["topic"]), "finding": _clean(ex["finding"])}])


def set_advice(items: Sequence[Mapping[str, Any]] | None = None) -> list[Advice]:
    """Advice about the whole set: a question asking for candid feedback, every group covered."""
    b = bank()
    items = saved_questions() if items is None else items
    return _set_advice([q["text"] for q in items], [q["category"] for q in items], b, groups=True)


def set_report() -> str:
    """The learner's whole set of questions, checked, in plain sentences.

    Before anything is saved it checks the example set instead, and says so.
    """
    b = bank()
    items = saved_questions()
    lines: list[str] = []
    if items:
        research = _research_texts(None)
        groups = {q["category"] for q in items}
        lines.append(f"You have saved {len(items)} question(s) in {len(groups & set(b.ids()))} "
                     f"of {len(b.categories)} groups.")
    else:
        ex = b.example
        items = [{"id": n, "category": q["category"], "text": _clean(q["text"])}
                 for n, q in enumerate(ex["questions"], 1)]
        research = [f"{ex['topic']} {ex['finding']}"]
        lines.append("You have not saved any questions yet, so here is the EXAMPLE set, checked the "
                     "same way yours will be:")
    for q in items:
        for a in _question_advice(q["text"], q["category"], research, b):
            lines.append(f"- Question {q['id']}: {a.message}")
    for a in _set_advice([q["text"] for q in items], [q["category"] for q in items], b, groups=True):
        lines.append(f"- {a.message}")
    if len(lines) == 1:
        lines.append("No advice: every question is open, builds on your research where it can, "
                     "asks for advice rather than a job, and one asks for candid feedback.")
    return "\n".join(lines)


def export_text() -> str:
    """The learner's research notes and questions as plain text ("" when nothing is saved)."""
    research = saved_research()
    items = saved_questions()
    if not research and not items:
        return ""
    try:
        b: Bank | None = bank()
    except content.ContentError:
        b = None
    lines = ["Research to questions", "====================="]
    if research:
        lines += ["", "What my research says", "---------------------"]
        for r in research:
            lines.append(f"{r['id']}. {r['topic']}: {r['finding']}")
            lines.append(f"   To test: {hypothesis(r['finding'])}")
    if items:
        lines += ["", "My questions", "------------"]
        order = b.ids() if b else []
        cats = order + sorted({q["category"] for q in items} - set(order))
        for cid in cats:
            group = [q for q in items if q["category"] == cid]
            if not group:
                continue
            lines += ["", b.title(cid) if b else cid]
            lines += [f"{q['id']}. {q['text']}" for q in group]
    return "\n".join(lines) + "\n"
