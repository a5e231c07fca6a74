"""Research to questions: research notes, hypotheses, and drafted interview questions.

A learner notes what their research says about a field or company (``add_research``),
turns each finding into a hypothesis to test in the interview (``hypothesis``), and drafts
questions grouped the way career coaches group them (``add_question``). Every question is
checked as it is saved (``check_question``):

* **problems** block saving (each with a ``code``): ``empty``, ``too_long``, ``markup``,
  ``formula``, ``placeholder``, ``unknown_category``, ``duplicate``;
* **advice** does not block. About the question (scope "item", from
  :func:`helpers.core.coaching.verdict`): ``yes_no``, ``asks_for_job``, ``cant_tell`` (the checks
  cannot place it, so they do not call it good). About the whole set (scope "set"):
  ``unused_research`` (a finding no question uses yet), ``no_candid_feedback``,
  ``missing_group``.

The groups, starter questions, the checks' word lists and the rubric live in
``data/content/question_bank.toml`` (``bank()`` reads and validates it; ``check_content()``
lists every mistake). The learner's work is kept in ``research.json`` and ``questions.json``
through :class:`helpers.core.store.Store` (locked, atomic, read back, never written over when
damaged). Ids are whole numbers that never change and are never reused.

>>> hypothesis("hospitals in my region are short of night-shift nurses.")
'According to my research, hospitals in my region are short of night-shift nurses. Is that what you see?'
>>> problems, advice = check_question("Are you hiring?", "industry", research=[], saved=[])
>>> problems, [a.code for a in advice if a.scope == "item"]
([], ['asks_for_job', 'yes_no'])
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from helpers.core import coaching
from helpers import content
from helpers.core import Advice, Problem, Result, text
from helpers.core import export as _export
from helpers.core.jobask import job_ask
from helpers.core.drafts import (QUESTIONS, QUESTIONS_FILE, RESEARCH, RESEARCH_FILE, STORES,  # noqa: F401
                                 saved_questions, saved_research)
from helpers.core.store import StoreError
from helpers.questions.bank import (CONTENT_FILE, CONTENT_NAME, SCHEMA, Bank, Category, bank, bank_table, check_content, rubric_table)

__all__ = ["Bank", "Category", "SCHEMA", "STORES", "bank", "bank_table", "check_content", "rubric_table",
           "hypothesis", "check_question", "check_research", "add_question", "update_question", "delete_question",
           "add_research", "delete_research", "saved_questions", "saved_research", "questions_table",
           "research_table", "set_advice", "set_report", "export", "export_text"]

LESSON = "02-research-to-questions.ipynb"

#: Longest text the forms save into each field.
LIMITS: dict[str, int] = {"text": 300, "topic": 80, "finding": 500}

HYPOTHESIS_LEAD = "According to my research,"
HYPOTHESIS_ASK = "Is that what you see?"

#: Short labels for the table's "Advice" column, by advice code.
ADVICE_LABELS = coaching.ADVICE_LABELS

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
# Hypotheses
# ---------------------------------------------------------------------------------------
def hypothesis(finding: str) -> str:
    """Turn a research note into a hypothesis to test: "According to my research, X. Is that what you see?"

    >>> hypothesis("  Acme merged with Brightwater in 2025!! ")
    'According to my research, Acme merged with Brightwater in 2025. Is that what you see?'
    >>> hypothesis("Most new nurses start on night shifts...")
    'According to my research, most new nurses start on night shifts. Is that what you see?'
    >>> hypothesis("according to my research, UX roles grew.")
    'According to my research, UX roles grew. Is that what you see?'
    >>> hypothesis("")
    ''
    """
    value = text.clean(finding)
    value = re.sub(r"^(according to (my )?research|my research (says|shows|suggests)( that)?|i read( that)?)"
                   r"\s*[,:]?\s*", "", value, flags=re.I)
    value = re.sub(r"[\s.!?;:,…]+$", "", value).strip()
    if not value:
        return ""
    return f"{HYPOTHESIS_LEAD} {lower_first_word(value)}. {HYPOTHESIS_ASK}"


def lower_first_word(value: str) -> str:
    """Lower-case the first word when it is an ordinary word, so it reads mid-sentence.

    >>> lower_first_word("Most firms hire in spring")
    'most firms hire in spring'
    >>> lower_first_word("London hospitals are short of nurses")
    'London hospitals are short of nurses'
    """
    first = re.match(r"[^\W\d_]+", value)
    if first:
        word = first.group(0)
        if word[0].isupper() and word[1:] == word[1:].lower() and word.lower() in _COMMON_STARTERS:
            return word[0].lower() + value[1:]
    return value


def _content_refused(exc: content.ContentError, verb: str = "saved") -> Result:
    p = Problem("content", CONTENT_FILE, "has a mistake, so nothing was checked or saved",
                f"{exc} (ask your instructor)", "content_error")
    return Result.refused([p], verb=verb)


# ---------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------
def check_research(topic: str, finding: str, saved: Sequence[Mapping[str, Any]] | None = None,
                   exclude_id: int | None = None) -> list[Problem]:
    """Problems with a research note; ``[]`` when it can be saved.

    >>> [(p.field, p.code) for p in check_research("Acme", "", saved=[])]
    [('finding', 'empty')]
    """
    problems = text.check("topic", topic, label="The topic", limit=LIMITS["topic"],
                          example="“Data analysis at Acme Foods”")
    problems += text.check("finding", finding, label="The finding", limit=LIMITS["finding"],
                           example="“Acme is moving its reporting to the cloud this year”")
    value = text.clean(finding)
    if value:
        saved = saved_research() if saved is None else saved
        twin = next((r for r in saved if r.get("id") != exclude_id and text.same_text(r.get("finding", ""), value)), None)
        if twin is not None:
            problems.append(Problem("finding", value, f"is already saved as finding {twin['id']}",
                                    "Nothing new to save; write another finding", "duplicate"))
    return problems


def _findings(research: Iterable[Any] | None) -> list[Any]:
    found = saved_research() if research is None else list(research)
    return [r for r in found if (isinstance(r, Mapping) and (r.get("finding") or r.get("topic"))) or
            (not isinstance(r, Mapping) and str(r).strip())]


def _finding_texts(findings: Sequence[Any]) -> list[str]:
    return [f"{r.get('topic', '')} {r.get('finding', '')}" if isinstance(r, Mapping) else str(r) for r in findings]


def check_question(value: str, category: str, research: Iterable[Any] | None = None, *,
                   saved: Sequence[Mapping[str, Any]] | None = None,
                   exclude_id: int | None = None) -> tuple[list[Problem], list[Advice]]:
    """Check a drafted question. Returns ``(problems, advice)``.

    ``research``: findings (text, or dicts with ``topic``/``finding``; ``None`` reads the
    learner's). ``saved``: the saved questions for the duplicate and whole-set checks
    (``None``: the learner's own); ``exclude_id`` leaves out the one being edited.

    >>> p, a = check_question("", "rapport", research=[], saved=[])
    >>> [(x.field, x.code) for x in p]
    [('text', 'empty')]
    >>> p, a = check_question("What surprised you most when you started?", "rapport", research=[], saved=[])
    >>> p, [x.code for x in a]
    ([], ['no_candid_feedback'])
    """
    b = bank()
    clean = text.clean(value)
    problems = text.check("text", clean, label="The question", limit=LIMITS["text"],
                          example="“How did you get started in this line of work?”")
    category = "" if category is None else str(category)
    if category not in b.ids():
        problems.append(Problem("category", category, "is not one of the question groups" if category else
                                "no group is chosen", "Choose one of: " + ", ".join(c.title for c in b.categories),
                                "unknown_category"))
    saved = saved_questions() if saved is None else saved
    others = [q for q in saved if q.get("id") != exclude_id]
    if clean:
        twin = next((q for q in others if text.same_text(q.get("text", ""), clean)), None)
        if twin is not None:
            problems.append(Problem("text", clean, f"is already saved as question {twin['id']}",
                                    f"Nothing new to save. Change the wording if you meant another question, or "
                                    f"choose question {twin['id']} under “Saved question” to edit it", "duplicate"))
    if not clean or any(p.code in ("markup", "formula") for p in problems):
        return problems, []
    findings = _findings(research)
    advice = list(coaching.verdict(clean, b.checks, _finding_texts(findings)).advice)
    advice += coaching.set_advice([q.get("text", "") for q in others] + [clean], findings, b.checks,
                                  candid_example=b.candid_starter())
    return problems, advice


def check_rating(rating: Mapping[str, Any] | None, b: Bank | None = None) -> list[Problem]:
    """Problems with a learner's own rating of a question (``None`` or ``{}``: no rating)."""
    if not rating:
        return []
    b = b or bank()
    problems = []
    kind = rating.get("kind") or ""
    if kind and b.checks.kind(kind) is None:
        problems.append(Problem("kind", str(kind), "is not one of the five kinds of question",
                                "Choose one of: " + ", ".join(k.title for k in b.checks.rubric), "unknown_kind"))
    for key in rating:
        if key != "kind" and key not in coaching.CRITERIA:
            problems.append(Problem("rating", str(key), "is not one of the things you can rate",
                                    "Rate only: " + ", ".join(coaching.CRITERIA), "unknown_criterion"))
    return problems


def _rating(rating: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not rating:
        return None
    out: dict[str, Any] = {k: bool(rating[k]) for k in coaching.CRITERIA if rating.get(k) is not None}
    if rating.get("kind"):
        out["kind"] = str(rating["kind"])
    return out or None


def check_report(value: str, category: str, research: Iterable[Any] | None = None,
                 saved: Sequence[Mapping[str, Any]] | None = None) -> str:
    """``check_question`` said in plain sentences (for a notebook or a terminal).

    >>> print(check_report("Are you hiring?", "career", research=[], saved=[]))
    Would be held back once (reword it, or choose “Save anyway”). Advice on this question:
    - This reads as asking for a job...
    - This can be answered with a plain yes or no...
    About your whole set:
    - None of your questions asks for candid feedback...
    """
    try:
        findings = _findings(research)
        problems, advice = check_question(value, category, findings, saved=saved)
    except StoreError as exc:
        return f"Not checked: {exc.problem.what}. {exc.problem.fix}."
    mine = [a for a in advice if a.scope == "item"]
    whole = [a for a in advice if a.scope == "set"]
    if problems:
        lines = ["Would not be saved yet:"] + [f"- {p}" for p in problems]
        if mine:
            lines.append("Advice on this question:")
    elif "asks_for_job" in [a.code for a in mine]:
        lines = ["Would be held back once (reword it, or choose “Save anyway”). Advice on this question:"]
    elif mine:
        lines = ["Could be saved. Advice on this question:"]
    else:
        lines = ["Could be saved. " + coaching.verdict(value, bank().checks, _finding_texts(findings)).message]
    lines += [f"- {a.message}" for a in mine]
    if whole:
        lines += ["About your whole set:"] + [f"- {a.message}" for a in whole]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Saving, changing, deleting
# ---------------------------------------------------------------------------------------
def add_research(topic: str, finding: str) -> Result:
    """Save a research note; ``item`` gets its ``id`` (and the form shows its hypothesis).

    ``add_research("Nursing in my region", "Hospitals are short of night nurses.")`` gives a
    Result with ``message == "Saved as finding 1."``; the same call again is refused with
    code ``duplicate``.
    """
    record = {"topic": text.clean(topic), "finding": text.clean(finding)}

    def check(new: dict, existing: list) -> tuple[list[Problem], list]:
        return check_research(topic, finding, saved=existing), []

    return RESEARCH.add("research", record, check=check, noun="finding")


def delete_research(research_id: int) -> Result:
    """Delete a saved research note by its id (saved questions are kept)."""
    result = RESEARCH.remove("research", research_id, noun="finding")
    if result.ok and result.item:
        result.message = f"Deleted finding {research_id} (“{text.shorten(result.item['finding'])}”)."
    return result


def _job_ask_problem(value: str) -> list[Problem]:
    """A job ask holds the save back once (code ``job_ask``): the learner rewords it, or
    saves it anyway when they are sure the checks misread it (``allow_job_ask=True``)."""
    found = job_ask(value)
    if found is None:
        return []
    return [Problem("text", text.clean(value), f"reads as asking for a job (“{found.words}”: {found.reason})",
                    f"An informational interview is for learning. Ask for advice instead, e.g. “{found.instead}” "
                    f"If you are sure it is not a job ask, choose “Save anyway”", "job_ask")]


def add_question(value: str, category: str, rating: Mapping[str, Any] | None = None, *,
                 allow_job_ask: bool = False) -> Result:
    """Check and save a drafted question (and the learner's own rating of it, if given).

    ``add_question("How did you get started in this line of work?", "rapport")`` gives
    ``message == "Saved as question 1."``; saving it again (even in other case or
    punctuation) is refused with code ``duplicate``. A job ask is refused with code
    ``job_ask`` unless ``allow_job_ask=True`` (then it is saved with the advice).
    """
    try:
        b = bank()
        findings = _findings(None)
    except content.ContentError as exc:
        return _content_refused(exc)
    except StoreError as exc:
        return Result.refused([exc.problem])
    record: dict[str, Any] = {"category": "" if category is None else str(category), "text": text.clean(value)}
    if _rating(rating):
        record["rating"] = _rating(rating)

    def check(new: dict, existing: list) -> tuple[list[Problem], list[Advice]]:
        problems, advice = check_question(value, category, findings, saved=existing)
        problems += check_rating(rating, b)
        if not allow_job_ask and not problems:
            problems = _job_ask_problem(value)
            advice = [a for a in advice if not problems or a.code != "asks_for_job"]
        return problems, advice

    return QUESTIONS.add("questions", record, check=check, noun="question")


def update_question(question_id: int, value: str | None = None, category: str | None = None,
                    rating: Mapping[str, Any] | None = None, *, allow_job_ask: bool = False) -> Result:
    """Change a saved question's text, group and/or rating (checked like a new question)."""
    try:
        b = bank()
        findings = _findings(None)
        found = QUESTIONS.get("questions", question_id)
    except content.ContentError as exc:
        return _content_refused(exc, "changed")
    except StoreError as exc:
        return Result.refused([exc.problem], verb="changed")
    if found is None:
        return QUESTIONS.replace("questions", question_id, {}, noun="question")  # refused: not_found
    changes: dict[str, Any] = {}
    if value is not None:
        changes["text"] = text.clean(value)
    if category is not None:
        changes["category"] = str(category)
    if _rating(rating):
        changes["rating"] = _rating(rating)

    def check(new: dict, others: list) -> tuple[list[Problem], list[Advice]]:
        problems, advice = check_question(new["text"], new["category"], findings, saved=others)
        problems += check_rating(rating, b)
        if not allow_job_ask and not problems and value is not None:
            problems = _job_ask_problem(new["text"])
            advice = [a for a in advice if not problems or a.code != "asks_for_job"]
        return problems, advice

    return QUESTIONS.replace("questions", question_id, changes, check=check, noun="question")


def delete_question(question_id: int) -> Result:
    """Delete a saved question by its id; the message says what was deleted."""
    result = QUESTIONS.remove("questions", question_id, noun="question")
    if result.ok and result.item:
        result.message = f"Deleted question {question_id} (“{text.shorten(result.item['text'])}”)."
    return result


# ---------------------------------------------------------------------------------------
# Tables, the whole set, export
# ---------------------------------------------------------------------------------------
TABLE_COLUMNS = ["#", "Group", "Question", "Checks", "Advice"]


def _table(items: Sequence[Mapping[str, Any]], findings: Sequence[Any], b: Bank) -> pd.DataFrame:
    order = {cid: n for n, cid in enumerate(b.ids())}
    rows = sorted(items, key=lambda q: (order.get(q.get("category"), len(order)), q.get("id", 0)))
    texts = _finding_texts(findings)
    verdicts = [coaching.verdict(q["text"], b.checks, texts) for q in rows]
    return pd.DataFrame({
        "#": [q.get("id", "") for q in rows],
        "Group": [b.title(q["category"]) for q in rows],
        "Question": [q["text"] for q in rows],
        "Checks": ["looks good" if v.good else "; ".join(ADVICE_LABELS[a.code] for a in v.advice) for v in verdicts],
        "Advice": [" ".join(a.message for a in v.advice) for v in verdicts],
    }, columns=TABLE_COLUMNS)


def questions_table(items: Sequence[Mapping[str, Any]] | None = None,
                    research: Iterable[Any] | None = None) -> pd.DataFrame:
    """The saved questions as a table, grouped in the bank's order, with what the checks say.

    >>> questions_table([{"id": 1, "category": "rapport", "text": "Do you like it?"}], research=[])["Checks"][0]
    "can't tell whether it helps"
    """
    b = bank()
    return _table(saved_questions() if items is None else items, _findings(research), b)


def example_table() -> pd.DataFrame:
    """The example set of questions from the question bank, as ``questions_table`` shows it.

    >>> len(example_table()) > 0
    True
    """
    b = bank()
    return _table(b.example_items(), b.example_findings(), b)


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
    return research_table(bank().example_findings())


def set_advice(items: Sequence[Mapping[str, Any]] | None = None, research: Iterable[Any] | None = None) -> list[Advice]:
    """Advice about the whole set: findings not used yet, candid feedback, every group covered."""
    b = bank()
    items = saved_questions() if items is None else items
    advice = coaching.set_advice([q["text"] for q in items], _findings(research), b.checks,
                                 candid_example=b.candid_starter())
    if items:
        used = {q["category"] for q in items}
        advice += [Advice("missing_group", f"You have no questions in the group “{c.title}” yet. {c.why}", scope="set")
                   for c in b.categories if c.id not in used]
    return advice


def set_report() -> str:
    """The learner's whole set of questions, checked, in plain sentences.

    Before anything is saved it checks the example set instead, and says so.
    """
    b = bank()
    try:
        items = saved_questions()
        findings = _findings(None) if items else []
    except StoreError as exc:
        return f"Your questions could not be checked: {exc.problem.what}. {exc.problem.fix}."
    lines: list[str] = []
    if items:
        lines.append(f"You have saved {len(items)} question(s) in {len({q['category'] for q in items} & set(b.ids()))} "
                     f"of {len(b.categories)} groups.")
    else:
        items, findings = b.example_items(), b.example_findings()
        lines.append("You have not saved any questions yet, so here is the EXAMPLE set, checked the same way yours "
                     "will be:")
    good = 0
    for q in items:
        v = coaching.verdict(q["text"], b.checks, _finding_texts(findings))
        good += v.good
        for a in v.advice:
            lines.append(f"- Question {q['id']}: {a.message}")
    for a in set_advice(items, findings):
        lines.append(f"- {a.message}")
    if len(lines) == 1:
        lines.append(f"No advice: all {good} questions are open and about the work or your fit, none asks for a "
                     f"job, your research is used, and one asks for candid feedback.")
    return "\n".join(lines)


def export() -> "_export.Section | None":
    """The learner's research notes and questions for the workbook (None when nothing is saved)."""
    try:
        research = saved_research()
        items = saved_questions()
    except StoreError as exc:
        return _export.Section("Research to questions", [_export.Paragraph(f"(Could not be read: {exc})")],
                               lesson=LESSON)
    if not research and not items:
        return None
    try:
        b: Bank | None = bank()
    except content.ContentError:
        b = None
    blocks: list[_export.Block] = []
    if research:
        blocks.append(_export.Heading("What my research says"))
        blocks.append(_export.Table(["#", "Topic", "Finding", "Hypothesis to test"],
                                    [[str(r["id"]), r["topic"], r["finding"], hypothesis(r["finding"])] for r in research]))
    if items:
        blocks.append(_export.Heading("My questions"))
        order = b.ids() if b else []
        for cid in order + sorted({q["category"] for q in items} - set(order)):
            group = [q for q in items if q["category"] == cid]
            if group:
                blocks.append(_export.Heading(b.title(cid) if b else cid))
                blocks.append(_export.Items([q["text"] for q in group]))
    return _export.Section("Research to questions", blocks, lesson=LESSON)


def export_text() -> str:
    """The learner's research notes and questions as plain text ("" when nothing is saved)."""
    section = export()
    return _export.as_text([section]) if section else ""
