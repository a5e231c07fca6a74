"""Every "section N" in the facilitator guide and the docs points at the section it means.

A reference is "section N" (not "section 6.4", the textbook's numbering). In the guide it names one
of the guide's own "## N. Title" headings; in a page of docs/ (or the README) it names the guide's
heading when the same sentence says "facilitator guide", and the page's own numbered heading
otherwise. It matches when the words just before it share a word with the heading's title (the
student copy -> "Student copies without worked answers", the hub link -> "Running it on a
JupyterHub"): so a renumbering that leaves a reference behind fails here, naming the reference and
the heading it now lands on. The guide's own contents list must match its headings too, and a
page of docs/ that says see "Some title" has a heading of that title.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "notebooks" / "instructor" / "00-facilitator-guide.ipynb"
PAGES = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]

REFERENCE = re.compile(r"\bsections?\s+(\d+)(?![.,]?\d)", re.I)
HEADING = re.compile(r"^##\s+(\d+)\.\s+(.+?)\s*$", re.M)
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# words too common to tie a reference to a heading
COMMON = {"the", "and", "for", "with", "its", "each", "how", "what", "who", "you", "your", "their", "them",
          "a", "an", "of", "to", "in", "on", "it", "is", "or", "as", "at", "by", "be", "see", "this", "that",
          "guide", "facilitator", "section", "sections"}
WINDOW = 12   # words before a reference that may name its subject


def stem(word: str) -> str:
    """"copies" -> "copy", "worksheets" -> "worksheet", "role-play" stays."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text.lower()) if w not in COMMON and len(w) >= 3}


def related(before: str, title: str) -> bool:
    """Whether the words before a reference name the heading (a shared word, or one inside the
    other, as "hub" in "JupyterHub")."""
    near = words(" ".join(WORD.findall(before.lower())[-WINDOW:]))
    named = words(title)
    return any(a == b or (len(a) >= 3 and a in b) or (len(b) >= 3 and b in a) for a in near for b in named)


def guide_text() -> str:
    nb = json.loads(GUIDE.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                       for c in nb["cells"] if c["cell_type"] == "markdown")


def headings(text: str) -> dict[int, str]:
    return {int(n): title for n, title in HEADING.findall(text)}


def references(text: str) -> list[tuple[int, str, str]]:
    """(number, the text before it in its sentence or line, the sentence) for each reference."""
    found = []
    for m in REFERENCE.finditer(text):
        start = max(text.rfind("\n", 0, m.start()), max(text.rfind(s, 0, m.start()) for s in (". ", "? ", "! ")))
        end_candidates = [i for i in (text.find("\n", m.end()), text.find(". ", m.end())) if i != -1]
        end = min(end_candidates) if end_candidates else len(text)
        found.append((int(m.group(1)), text[start + 1:m.start()], text[start + 1:end]))
    return found


def problems(text: str, own: dict[int, str], guide: dict[int, str], where: str) -> list[str]:
    out = []
    for number, before, sentence in references(text):
        target = guide if "facilitator guide" in sentence.lower() or not own else own
        name = "the facilitator guide" if target is guide else where
        if number not in target:
            out.append(f"{where}: 'section {number}' in {sentence.strip()!r}: {name} has no section {number}")
        elif not related(before, target[number]):
            out.append(f"{where}: 'section {number}' in {sentence.strip()!r} lands on {name}'s "
                       f"'{number}. {target[number]}', which the words before it do not name")
    return out


def test_the_guide_has_numbered_sections_and_its_contents_list_matches_them():
    text = guide_text()
    found = headings(text)
    assert sorted(found) == list(range(1, len(found) + 1)) and len(found) >= 5, found
    contents = text.split("## In this guide", 1)[1].split("\n## ", 1)[0]
    listed = {int(n): t.strip() for n, t in re.findall(r"^(\d+)\.\s+(.+)$", contents, flags=re.M)}
    assert set(listed) == set(found), (listed, found)
    for n, title in listed.items():
        assert words(title) & words(found[n]), f"the contents list says {n}. {title}, the heading is {found[n]}"


def test_every_section_reference_in_the_guide_names_the_section_it_points_to():
    text = guide_text()
    own = headings(text)
    assert references(text), "the guide should refer to its own sections"
    assert problems(text, own, own, GUIDE.name) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_section_reference_in_the_docs_names_the_section_it_points_to(page: Path):
    text = page.read_text(encoding="utf-8")
    assert problems(text, headings(text), headings(guide_text()), page.name) == []


# ---- the check itself can fail ------------------------------------------------------------------------
GUIDE_LIKE = """## 6. Adapting the content
## 7. Student copies without worked answers
## 9. Running it on a JupyterHub
"""


@pytest.mark.parametrize("sentence, ok", [
    ("Put the student copy (section 7) in a git repository.", True),
    ("Put the student copy (section 6) in a git repository.", False),
    ("Or give them the hub link (section 9).", True),
    ("Or give them the hub link (section 8).", False),
    ("If you hand learners a copy without worked answers (facilitator guide, section 7), put it there.", True),
    ("If you hand learners a copy without worked answers (facilitator guide, section 6), put it there.", False),
    ("The lessons are based on section 6.4 of the textbook.", True),
])
def test_the_check_catches_a_reference_that_points_elsewhere(sentence: str, ok: bool):
    guide = headings(GUIDE_LIKE)
    own = guide if "facilitator guide" not in sentence else {}
    assert (problems(sentence, own, guide, "page") == []) is ok


SEE = re.compile(r"\bsee \"([^\"]+)\"", re.I)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_see_by_title_in_the_docs_names_a_heading_of_that_page(page: Path):
    text = page.read_text(encoding="utf-8")
    titles = {t.strip().casefold() for t in re.findall(r"^#{2,4}\s+(.+?)\s*$", text, flags=re.M)}
    missing = [t for t in SEE.findall(text) if t.strip().casefold() not in titles]
    assert missing == [], f"{page.name} says see {missing}, which is not one of its headings"
