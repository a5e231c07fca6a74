"""Self-check questions: load them from ``data/content/quiz.toml``, grade, save, export.

The questions, every choice and the feedback on every choice live in the content file, so
an instructor can change them without touching Python. Each question has exactly one right
choice; choices are lettered A, B, C... in the order the file lists them.

A learner's answers are saved in the workspace as ``quiz.json``, one answer per question
(answering again replaces the earlier answer, so nothing is ever duplicated), together with
the short notes they write for the lesson's reflection prompts.

>>> q = questions("why")[0]
>>> result = grade(q.id, q.answer.letter)
>>> result.correct, result.problems
(True, [])
>>> grade(q.id, "Z").problems[0].what
'is not one of the choices'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from helpers import content
from helpers.core import Problem, Result
from helpers.core import schema as _schema
from helpers.core.schema import Bool, Entries, Table, Text
from helpers.core import export as _export
from helpers.core.store import Collection, JsonCodec, Store, StoreError

CONTENT = "quiz"
ANSWERS_FILE = "quiz.json"
LESSON = "01-why-informational-interviews.ipynb"
LETTERS = "ABCDEFGH"
MIN_CHOICES, MAX_CHOICES = 2, 6
NOTE_LIMIT = 1000          # longest reflection note a learner can save (characters)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


# ---------------------------------------------------------------------------------------
# The content
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    letter: str       # "A", "B", ...
    text: str
    correct: bool
    feedback: str     # why this choice is (or is not) right


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    prompt: str
    choices: tuple[Choice, ...]

    @property
    def answer(self) -> Choice:
        """The right choice."""
        return next(c for c in self.choices if c.correct)

    def choice(self, letter: str) -> Choice | None:
        """The choice with this letter (any case), or None."""
        letter = str(letter).strip().upper()
        return next((c for c in self.choices if c.letter == letter), None)


@dataclass(frozen=True)
class Prompt:
    """A reflection prompt the learner answers in a few words."""

    id: str
    section: str
    prompt: str


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]
    reflections: tuple[Prompt, ...] = ()


def _header_lines(text: str) -> tuple[list[int], list[list[int]], list[int]]:
    """Line numbers of each [[question]], its [[question.choice]]s and each [[reflection]]."""
    questions: list[int] = []
    choices: list[list[int]] = []
    reflections: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        head = re.match(r"^\s*\[\[\s*([a-z_.]+)\s*\]\]", line)
        if not head:
            continue
        name = head.group(1)
        if name == "question":
            questions.append(number)
            choices.append([])
        elif name == "question.choice" and choices:
            choices[-1].append(number)
        elif name == "reflection":
            reflections.append(number)
    return questions, choices, reflections


_ID_HELP = 'lower-case letters, digits and hyphens (e.g. "two-way-exchange"), at most 60 characters'
_NO_LABEL = "-"   # entries of these lists are named by their number and line, not by a field

#: The shape of quiz.toml, declared once (cross-field checks are in :func:`_extra`).
SCHEMA = Table({
    "title": Text(required=False),
    "question": Entries(Table({
        "id": Text(pattern=_ID.pattern[1:-1], pattern_help=_ID_HELP, unique=True),
        "section": Text(), "prompt": Text(),
        "choice": Entries(Table({"text": Text(), "correct": Bool(), "feedback": Text()}, allow_other=False),
                          label_key=_NO_LABEL),
    }, allow_other=False), label_key="id"),
    "reflection": Entries(Table({"id": Text(pattern=_ID.pattern[1:-1], pattern_help=_ID_HELP, unique=True),
                                 "section": Text(), "prompt": Text()}, allow_other=False),
                          required=False, label_key="id"),
}, allow_other=False)


def _extra(data: Mapping[str, Any]) -> list[str]:
    """Checks across fields: 2 to 6 choices, exactly one right, no two choices the same."""
    found = []
    for n, q in enumerate(data["question"], 1):
        where = f"[[question]] number {n} (id \"{q['id']}\")"
        choices = q["choice"]
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            found.append(f"{where}: has {len(choices)} choice{'s' if len(choices) != 1 else ''}; give it "
                         f"{MIN_CHOICES} to {MAX_CHOICES} choices, each starting with [[question.choice]].")
        right = sum(1 for c in choices if c.get("correct") is True)
        if right != 1:
            found.append(f"{where}: {right} choices are marked correct = true; mark exactly one "
                         f"(and the others correct = false).")
        texts = [" ".join(c["text"].split()) for c in choices]
        if len(set(texts)) != len(texts):
            found.append(f"{where}: two choices have the same text. Make each choice different.")
    return found


def _with_lines(message: str, file: str, text: str) -> str:
    """Name entries the way an instructor finds them: "question 2 (line 40, id ...), choice 3 (line 52)"."""
    q_lines, c_lines, r_lines = _header_lines(text) if text else ([], [], [])

    def question(m: re.Match) -> str:
        n = int(m.group(1))
        bits = [f"line {q_lines[n - 1]}"] if n <= len(q_lines) else []
        bits += [m.group(2)] if m.group(2) else []
        return f"question {n}" + (f" ({', '.join(bits)})" if bits else "")

    def choice(m: re.Match) -> str:
        n, k = int(m.group(1)), int(m.group(2))
        line = c_lines[n - 1][k - 1] if n <= len(c_lines) and k <= len(c_lines[n - 1]) else None
        return m.group(0).split("[[choice]]")[0] + f"choice {k}" + (f" (line {line})" if line else "")

    def reflection(m: re.Match) -> str:
        n = int(m.group(1))
        return f"reflection {n}" + (f" (line {r_lines[n - 1]})" if n <= len(r_lines) else "")

    message = re.sub(r"\[\[question\]\] number (\d+)(?: \(id \"[^\"]*\"\))?, \[\[choice\]\] number (\d+)",
                     lambda m: choice(m), message)
    message = re.sub(r"\[\[question\]\] number (\d+)(?: \((id \"[^\"]*\")\))?", question, message)
    message = re.sub(r"\[\[reflection\]\] number (\d+)(?: \(id \"[^\"]*\"\))?", reflection, message)
    message = message.replace("[[choice]]", "[[question.choice]]")
    return message if message.startswith(file) else f"{file}, {message}"


def validate(data: Mapping[str, Any], file: str = "quiz.toml", text: str = "") -> tuple[Quiz | None, list[str]]:
    """Check a loaded quiz file against :data:`SCHEMA`; return the quiz (None when unusable) and every
    mistake found. ``text`` (the file's own text) lets messages name the line of each entry.

    >>> quiz, mistakes = validate({"question": [{"id": "x", "section": "why", "prompt": "?",
    ...     "choice": [{"text": "a", "correct": True, "feedback": "yes"}]}]})
    >>> mistakes  # doctest: +ELLIPSIS
    ['quiz.toml, question 1 (id "x"): has 1 choice; give it 2 to 6 ...']
    """
    found = _schema.validate(data, SCHEMA, file, _extra)
    mistakes = [_with_lines(m, file, text) for m in found]
    if mistakes:
        return None, mistakes
    questions_ = tuple(Question(q["id"], q["section"].strip(), " ".join(q["prompt"].split()), tuple(
        Choice(LETTERS[m], " ".join(c["text"].split()), c["correct"] is True, " ".join(c["feedback"].split()))
        for m, c in enumerate(q["choice"]))) for q in data["question"])
    prompts = tuple(Prompt(r["id"], r["section"].strip(), " ".join(r["prompt"].split()))
                    for r in data.get("reflection", []))
    return Quiz(data.get("title", "Self-check"), questions_, prompts), []


def _load() -> tuple[Quiz | None, list[str]]:
    path = content.file_path(CONTENT)
    try:
        data = content.load(CONTENT)
    except content.ContentError as exc:
        return None, [str(exc)]
    text = path.read_text(encoding="utf-8-sig")
    return validate(data, str(path), text)


def check_content() -> list[str]:
    """Every mistake in the quiz file, each naming the file, the entry (and line) and the fix.

    >>> check_content()
    []
    """
    return _load()[1]


def load_quiz() -> Quiz:
    """The quiz, checked. Raises :class:`helpers.content.ContentError` listing every mistake."""
    quiz, mistakes = _load()
    if quiz is None:
        raise content.ContentError("\n".join(mistakes))
    return quiz


def questions(section: str | None = None) -> list[Question]:
    """The questions (of one section, when given), in file order."""
    return [q for q in load_quiz().questions if section is None or q.section == section]


def reflection_prompts(section: str | None = None) -> list[Prompt]:
    """The reflection prompts (of one section, when given), in file order."""
    return [p for p in load_quiz().reflections if section is None or p.section == section]


def find(question_id: str) -> Question | None:
    """The question with this id, or None."""
    return next((q for q in load_quiz().questions if q.id == question_id), None)


def questions_text(section: str | None = None) -> str:
    """The questions and their lettered choices as plain text (for editors without widgets).

    >>> print(questions_text("why").splitlines()[0])  # doctest: +ELLIPSIS
    refine-not-shortcut: You have spent a week ...
    """
    blocks = []
    for q in questions(section):
        lines = [f"{q.id}: {q.prompt}"]
        lines += [f"  {c.letter}. {c.text}" for c in q.choices]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------------------------
# Grading
# ---------------------------------------------------------------------------------------
@dataclass(repr=False)
class Grade:
    """The result of checking one answer: right or not, and feedback on every choice."""

    question: Question | None
    chosen: Choice | None
    problems: list[Problem] = field(default_factory=list)
    saved: bool = False

    @property
    def correct(self) -> bool:
        return self.chosen is not None and self.chosen.correct

    @property
    def feedback(self) -> str:
        """The feedback on the chosen answer ("" when nothing valid was chosen)."""
        return self.chosen.feedback if self.chosen else ""

    @property
    def verdict(self) -> str:
        return "Right." if self.correct else "Not quite."

    def per_choice(self) -> list[tuple[Choice, str]]:
        """Every choice with what to make of it: ("the right answer" / "not the best answer", ...)."""
        if self.question is None:
            return []
        return [(c, "the right answer" if c.correct else "not the best answer") for c in self.question.choices]

    def text(self) -> str:
        """Plain-text feedback, as shown to a learner without widgets."""
        if self.problems or self.question is None or self.chosen is None:
            return "Not checked: " + " ".join(str(p) for p in self.problems)
        lines = [self.question.prompt, f"Your answer: {self.chosen.letter}. {self.chosen.text}",
                 f"{self.verdict} {self.feedback}", "", "About each choice:"]
        lines += [f"  {c.letter}. {c.text}\n     ({label}) {c.feedback}" for c, label in self.per_choice()]
        if self.saved:
            lines += ["", f"Saved in {ANSWERS_FILE}."]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    __str__ = __repr__


def grade(question_id: str, choice: str | None) -> Grade:
    """Check one answer (a letter, any case) against the quiz; nothing is saved.

    Mistakes (no answer, an unknown question or letter) come back in ``problems``.
    """
    question = find(question_id)
    if question is None:
        return Grade(None, None, [Problem(str(question_id), str(question_id), "is not a question in quiz.toml",
                                          "Use one of the ids that questions_text() lists", "unknown_question")])
    if choice is None or not str(choice).strip():
        return Grade(question, None, [Problem(question.id, "", "No answer chosen yet",
                                              "Choose one of the answers, then check again", "no_answer")])
    chosen = question.choice(str(choice))
    if chosen is None:
        letters = ", ".join(c.letter for c in question.choices)
        return Grade(question, None, [Problem(question.id, str(choice)[:20], "is not one of the choices",
                                              f"Answer with one of the letters {letters}", "unknown_choice")])
    return Grade(question, chosen)


# ---------------------------------------------------------------------------------------
# Saving (quiz.json in the workspace)
# ---------------------------------------------------------------------------------------
class _ById(JsonCodec):
    """quiz.json keeps answers and notes as tables keyed by id (``{"answers": {id: {...}}}``);
    the Store sees them as lists of records with an ``id``. The file's shape is unchanged."""

    PARTS = ("answers", "reflections")

    def decode(self, data: bytes) -> Any:
        decoded = super().decode(data)
        if isinstance(decoded, dict):
            decoded = dict(decoded)
            for part in self.PARTS:
                value = decoded.get(part, {})
                if isinstance(value, dict):
                    decoded[part] = [{**entry, "id": key} if isinstance(entry, dict) else entry
                                     for key, entry in value.items()]
        return decoded

    def encode(self, data: Any) -> bytes:
        out = dict(data)
        for part in self.PARTS:
            out[part] = {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in data.get(part, [])}
        return super().encode(out)


STORE = Store(ANSWERS_FILE, {
    "answers": Collection(fields={"prompt": str, "letter": str, "choice": str, "correct": bool}),
    "reflections": Collection(fields={"prompt": str, "text": str}),
}, label="your self-check answers and notes", codec=_ById())
STORES = (STORE,)


def _summary(saved: list[str], unchanged: list[str], noun: str) -> str:
    parts = []
    if saved:
        parts.append(f"Saved {len(saved)} {noun}{'s' if len(saved) != 1 else ''} in {ANSWERS_FILE}.")
    if unchanged:
        parts.append(f"{len(unchanged)} already saved as {'they are' if len(unchanged) != 1 else 'it is'}.")
    return " ".join(parts) or "Nothing to save."


def read_saved() -> dict[str, Any]:
    """The saved answers and notes, ``{"answers": {...}, "reflections": {...}}`` (by id).

    Raises :class:`helpers.core.store.StoreError` (the file and how to recover) when damaged.
    """
    data = STORE.read()
    return {part: {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in data[part]}
            for part in ("answers", "reflections")}


def saved_answers() -> dict[str, dict[str, Any]]:
    """Saved answers by question id: ``{"letter", "choice", "correct", "prompt"}`` each ({} if none)."""
    return read_saved()["answers"]


def saved_grade(question: Question, saved: Mapping[str, Any] | None = None) -> Grade | None:
    """The grade of the saved answer to ``question`` (None when unanswered, or when the saved
    choice is no longer among the question's choices because the content changed)."""
    entry = (saved if saved is not None else saved_answers()).get(question.id)
    if not isinstance(entry, dict):
        return None
    chosen = next((c for c in question.choices if c.text == entry.get("choice")), None)
    return Grade(question, chosen, saved=True) if chosen else None


def _put_all(part: str, entries: Mapping[str, dict[str, Any]], problems: list[Problem], noun: str) -> Result:
    """Write several entries of one part in one locked, atomic change; report the rest."""
    done: dict[str, list[str]] = {"saved": [], "unchanged": []}

    def change(data: dict) -> Result:
        by_id = {r["id"]: r for r in data[part]}
        for key, entry in entries.items():
            record = {"id": key, **entry}
            if by_id.get(key) == record:
                done["unchanged"].append(key)
                continue
            if key in by_id:
                by_id[key].clear()
                by_id[key].update(record)
            else:
                data[part].append(record)
            done["saved"].append(key)
        message = _summary(done["saved"], done["unchanged"], noun)
        return Result(bool(done["saved"] or done["unchanged"]), bool(done["saved"]), message, [], [], dict(done))

    if not entries:
        return Result.refused(problems)
    result = STORE.transact(change)
    if problems and not result.problems:
        result.problems = list(problems)
        result.message += " Not saved: " + " ".join(str(p) for p in problems)
    return result


def save_answers(answers: Mapping[str, str | None]) -> Result:
    """Grade and save several answers at once (question id -> letter), in one atomic write.

    Unanswered or invalid ones are reported in ``problems`` and not saved; the valid ones
    are. ``item`` is ``{"saved": [ids], "unchanged": [ids]}``: an answer identical to the
    saved one is not written again.
    """
    problems: list[Problem] = []
    entries: dict[str, dict[str, Any]] = {}
    for qid, letter in answers.items():
        g = grade(qid, letter)
        if g.problems or g.question is None or g.chosen is None:
            problems += g.problems
            continue
        entries[qid] = {"prompt": g.question.prompt, "letter": g.chosen.letter, "choice": g.chosen.text,
                        "correct": g.chosen.correct}
    return _put_all("answers", entries, problems, "answer")


def answer(question_id: str, choice: str) -> Result:
    """Grade one answer and save it (replacing any earlier answer to that question).

    The one-line way to do the self-check without widgets:
    ``print(quiz.answer("two-way-exchange", "B"))`` prints the feedback (``result.message``);
    ``result.item`` is the :class:`Grade`.
    """
    g = grade(question_id, choice)
    if g.problems:
        return Result.refused(g.problems, message=g.text(), item=g)
    result = save_answers({question_id: choice})
    if result.problems:
        g.problems = list(result.problems)
        return Result.refused(result.problems, message=g.text(), item=g)
    g.saved = True
    return Result(True, result.changed, g.text(), [], [], g)


def save_notes(notes: Mapping[str, str]) -> Result:
    """Save reflection notes (prompt id -> text) in one atomic write.

    Empty notes are skipped (an earlier note is kept, never erased by an empty field); a
    note longer than ``NOTE_LIMIT`` characters or for an unknown prompt is a problem, and
    then nothing is saved. When every note is empty, that is a problem too.
    """
    try:
        prompts = {p.id: p for p in load_quiz().reflections}
    except content.ContentError as exc:
        return Result.refused([Problem("file", "quiz.toml", "has a mistake", str(exc), "content_error")])
    problems: list[Problem] = []
    cleaned: dict[str, str] = {}
    for pid, value in notes.items():
        value = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        if pid not in prompts:
            problems.append(Problem(pid, pid, "is not a reflection prompt in quiz.toml",
                                    "Use one of the prompt ids the lesson shows", "unknown_prompt"))
        elif len(value) > NOTE_LIMIT:
            problems.append(Problem(pid, "", f"This note is {len(value)} characters long",
                                    f"Shorten it to {NOTE_LIMIT} characters or fewer", "too_long"))
        elif value:
            cleaned[pid] = value
    if not problems and not cleaned:
        problems.append(Problem(next(iter(notes), "note"), "", "All the boxes are empty",
                                "Write a sentence or two in at least one box, then save", "empty"))
    if problems:
        return Result.refused(problems)
    return _put_all("reflections", {pid: {"prompt": prompts[pid].prompt, "text": value}
                                    for pid, value in cleaned.items()}, [], "note")


def saved_notes() -> dict[str, str]:
    """Saved reflection notes by prompt id ({} when none)."""
    return {k: v.get("text", "") for k, v in read_saved()["reflections"].items() if isinstance(v, dict)}


def export() -> "_export.Section | None":
    """The learner's answers and notes for the workbook (None when nothing is saved)."""
    try:
        data = read_saved()
    except StoreError as exc:
        return _export.Section("Self-check", [_export.Paragraph(f"(Could not be read: {exc})")], lesson=LESSON)
    answers, notes = data["answers"], data["reflections"]
    if not answers and not notes:
        return None
    try:
        quiz_ = load_quiz()
        order, by_id = [q.id for q in quiz_.questions], {q.id: q for q in quiz_.questions}
    except content.ContentError:
        order, by_id = [], {}
    ids = [i for i in order if i in answers] + [i for i in answers if i not in order]
    blocks: list[_export.Block] = []
    if answers:
        right = sum(1 for i in ids if answers[i].get("correct"))
        blocks += [_export.Heading("Self-check answers"), _export.Paragraph(f"{len(ids)} answered, {right} right.")]
        rows = []
        for qid in ids:
            entry, q = answers[qid], by_id.get(qid)
            g = saved_grade(q, answers) if q else None
            rows.append([entry.get("prompt", qid), f"{entry.get('letter', '?')}. {entry.get('choice', '')}",
                         ("Right. " if entry.get("correct") else "Not quite. ") + (g.feedback if g else "")])
        blocks.append(_export.Table(["Question", "My answer", "Feedback"], rows))
    if notes:
        blocks.append(_export.Heading("My notes"))
        for entry in notes.values():
            blocks += [_export.Paragraph(entry.get("prompt", "")), _export.Paragraph(entry.get("text", ""))]
    return _export.Section("Self-check", blocks, lesson=LESSON)


def export_text() -> str:
    """The learner's self-check answers and notes as plain text ("" when nothing is saved)."""
    data = read_saved()
    answers, notes = data["answers"], data["reflections"]
    if not answers and not notes:
        return ""
    try:
        order = [q.id for q in load_quiz().questions]
        by_id = {q.id: q for q in load_quiz().questions}
    except content.ContentError:
        order, by_id = [], {}
    ids = [i for i in order if i in answers] + [i for i in answers if i not in order]
    lines: list[str] = []
    if answers:
        right = sum(1 for i in ids if isinstance(answers[i], dict) and answers[i].get("correct"))
        lines += ["Self-check answers", "", f"{len(ids)} answered, {right} right.", ""]
        for n, qid in enumerate(ids, start=1):
            entry = answers[qid] if isinstance(answers[qid], dict) else {}
            q = by_id.get(qid)
            g = saved_grade(q, answers) if q else None
            lines.append(f"{n}. {entry.get('prompt', qid)}")
            lines.append(f"   Your answer: {entry.get('letter', '?')}. {entry.get('choice', '')}")
            verdict = "Right." if entry.get("correct") else "Not quite."
            lines.append(f"   {verdict} {g.feedback if g else ''}".rstrip())
            lines.append("")
    if notes:
        lines += ["My notes", ""]
        for entry in notes.values():
            if isinstance(entry, dict):
                lines += [entry.get("prompt", ""), entry.get("text", ""), ""]
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["ANSWERS_FILE", "Choice", "Grade", "Prompt", "Question", "Quiz", "STORES", "answer", "export",
           "check_content", "export_text", "find", "grade", "load_quiz", "questions", "questions_text",
           "read_saved", "reflection_prompts", "save_answers", "save_notes", "saved_answers", "saved_grade",
           "saved_notes", "validate"]
