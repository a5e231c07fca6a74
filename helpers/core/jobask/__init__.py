"""Does this text ask the person for a job? One rule for questions and e-mails alike.

An informational interview is for learning; asking the person for a job, an opening, a
referral for a post or a way to whoever hires puts them on the spot (the chapter's point).
:func:`job_ask` finds such a request in a question or an e-mail field and says which words
show it and why; it returns ``None`` for text that only *mentions* jobs, hiring or CVs
("How did you get your first job?", "What do hiring managers look for in a portfolio?").

The rule is general, built from three parts a job ask has:

1. **the thing requested**: a job, opening, vacancy, position, role, post, internship, an
   interview, a reference or a place on a shortlist; or the way to it: the learner's CV,
   résumé, application, name or details passed on, an introduction to whoever hires,
   "a word" put in;
2. **the request form**: asking whether they are hiring, whether any openings are going,
   "could you ...", "can I send ...", "keep me in mind", "let me know if ... comes up";
3. **who it is for**: the learner ("me", "my", "someone like me") or the person's own
   team and organisation ("your team", "with you").

Since round 8, ``_STRUCTURAL`` describes the grammar of a request for the learner's own benefit
(the learner as the one an employer considers, interviews or takes on; the person's power over
hiring; "someone like me"; openings sent "my way"), and texts of several sentences are also read
in pairs (a request aimed at the learner next to the sentence that names the post).

Mentions without a request (advice about a CV, how hiring works in the field, the person's
own first job) are not job asks. The labelled cases are in ``tests/cases/coaching_*.csv``;
``scripts/measure_coaching.py`` prints how well the rule does on them.

>>> job_ask("Could you introduce me to the hiring manager?").kind
'introduction'
>>> job_ask("What do hiring managers look for in a portfolio?") is None
True
>>> job_ask("Are there any jobs going in your team?").kind
'opening'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.core.jobask.rules import _COMPILED, _STRUCTURAL_COMPILED, _WH_START, _WORKPLACE, _YOU_WORD
from helpers.core.text import fold

__all__ = ["JobAsk", "job_ask", "rule_job_ask", "KINDS"]

#: The longest stretch of text looked at in one sentence (longer sentences are cut).
_SENTENCE_LIMIT = 1000


@dataclass(frozen=True)
class JobAsk:
    """A job ask found in a text.

    ``words``: the words that show it (lower case, as matched); ``kind``: one of
    :data:`KINDS`; ``reason``: one plain sentence saying why it reads as a job ask;
    ``instead``: an informational question that asks for the same help as advice.
    """

    words: str
    kind: str
    reason: str
    instead: str

    @property
    def matched(self) -> str:
        """The same as ``words``."""
        return self.words

    def __str__(self) -> str:
        return f"“{self.words}”: {self.reason}"


#: kind -> (why it reads as a job ask, what to ask instead)
KINDS: dict[str, tuple[str, str]] = {
    "hiring": ("it asks whether they are hiring",
               "How has hiring in this field changed lately, and what do employers look for now?"),
    "opening": ("it asks about openings for you",
                "Which kinds of roles would suit someone with my background, and why?"),
    "direct": ("it asks them to give you a job or an interview",
               "What would make someone like me a strong candidate for roles like yours?"),
    "cv": ("it asks them to take or pass on your CV or application",
           "What makes a CV or application stand out in this field?"),
    "introduction": ("it asks for a way to whoever hires",
                     "Who else would you suggest I talk to, to learn more about this work?"),
    "word": ("it asks them to speak up for you for a post",
             "What would make my experience stand out to people in this field?"),
    "mind": ("it asks them to think of you when a job comes up",
             "How do people usually hear about new roles in this field?"),
    "reference": ("it asks them to be your reference or to shortlist you",
                  "What do employers in this field want to see from references?"),
    "apply": ("it asks about applying to their organisation",
              "What would strengthen an application from someone like me?"),
    "power": ("it asks whether they can get you hired or put you forward",
              "How do people in this field usually get noticed by the people who hire?"),
    "request": ("it asks them for a post, or for help getting one, rather than for what they know",
                "What would you advise someone like me to do next to get into this kind of work?"),
    # found by the learnt model (helpers/core/jobask/model.py), not by a rule: it can say less about why
    "learnt": ("it reads like a request for a post, or for help getting one, rather than for what they know",
               "What would you advise someone like me to do next to get into this kind of work?"),
}


#: In a text of several sentences, a request aimed at the learner ("Would you mention me to your
#: boss?") next to a sentence naming the post ("I am interested in the trainee post.").
_ADVOCACY = re.compile(
    r"\b(?:recommend|refer|mention|nominate|suggest|vouch for|back|support|consider|put|pass|forward|introduce|"
    r"remember|keep|flag|name|list|include|shortlist) (?:me|my)\b|\b(?:put|putting) in a (?:good |kind )?word\b|\ba (?:good|kind) word\b")
_JOIN_IT = re.compile(r"\b(?:i|me) (?:\w+ )?(?:could|can|might|may|to) (?:\w+ )?(?:join|work (?:in|on|with|for)) "
                      r"(?:it|them|you)\b")
_ANYTHING = re.compile(r"^(?:(?:and|so|but|also|then|please|well) )*(?:do|does) (?:you|your \w+) (?:have|know of|see) "
                       r"(?:anything|something)(?: (?:going|for me|available|open|suitable))?$")
_WORK_WITH_YOU = re.compile(r"\b(?:work|working|start|join|intern) (?:with|for|at|in|on) (?:you|your)\b")
_THEIR_PLACE = re.compile(rf"\byour (?:\w+ )?{_WORKPLACE}\b")
_ASKED_OF_YOU = re.compile(r"^(?:(?:and|so|but|also|then|please|ok|well) )*(?:(?:can|could|would|will|might) you|"
                           r"would you (?:be|mind)|please|i would (?:love|like|appreciate|be grateful)|"
                           r"(?:is|are) there any (?:chance|way|possibility)|any (?:chance|possibility)|"
                           r"would it be possible|(?:can|could|may|might) i)\b")

_CONTRACTIONS = [
    (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\bi'm\b", "i am"), (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(it|there|that|who|what|where|he|she)'s\b", r"\1 is"),
    (r"\bi'd\b", "i would"), (r"\byou'd\b", "you would"), (r"\b(\w+)'d\b", r"\1 would"),
    (r"\bc\.?\s?v\.?(?=\s|$|[,;:?!])", "cv"), (r"\bcurriculum vitae\b", "cv"),
]


def _said(kind: str) -> tuple[str, str]:
    """The reason and the better question for ``kind``, in the class's words (a CV or a résumé)."""
    from helpers.core import region

    words = region.current().words
    reason, instead = KINDS[kind]
    return words(reason), words(instead)


def _sentences(text: str) -> list[str]:
    """The text folded (accents, case, quotes) and cut into sentences of single-spaced words."""
    value = fold(text)
    for pattern, repl in _CONTRACTIONS:
        value = re.sub(pattern, repl, value)
    value = value.replace("'s ", " ")  # "the recruiter's e-mail" -> "the recruiter e-mail"
    out = []
    for part in re.split(r"[.?!;:\n]+|\s[-–—]\s|,\s(?=and |but |or |so )", value):
        words = re.findall(r"[^\W_]+", part)
        if words:
            out.append(" ".join(words)[:_SENTENCE_LIMIT])
    return out


# ---------------------------------------------------------------------------------------
# The general rule behind the patterns: the thing + a request form + who it is for
# ---------------------------------------------------------------------------------------
#: The thing a job ask is after (a post, or the way to one).
_THING = re.compile(
    r"\b(?:jobs?|posts?|positions?|roles?|openings?|vacanc(?:y|ies)|internships?|placements?|apprenticeships?|"
    r"traineeships?|graduate schemes?|trial shifts?|shifts?|(?:any|paid|some) work|work (?:available|going|for me)|"
    r"employment|hir(?:e|es|ed|ing)|"
    r"recruit(?:s|ed|ing|ment|ers?)?|applications?|apply|applying|applied|cvs?|resumes?|portfolio|"
    r"references?|referees?|referrals?|recommendations?|"
    r"recommend(?:ing)? (?:me|my)(?! (?:some|a few|any|someone|somebody|anyone|anybody|people|persons|names|contacts|"
    r"colleagues|others)\b)|interviews?|shortlist(?:ed|ing)?|"
    r"considered|sponsor|vouch|taken on|start immediately|looking for work)\b")
_OWN_POST = re.compile(r"jobs?|roles?|positions?|posts?|work|placements?|internships?")
#: Ways of asking the person (or their organisation) to do something, or whether something is on offer.
_REQUEST = re.compile(
    r"^(?:(?:and|so|but|also|then|please|ok|well) )*(?:"
    r"(?:can|could|would|will|might) you\b|would you (?:be|mind)\b|(?:can|could|may|might|shall) i\b|"
    r"would it be (?:possible|ok|okay|alright|all right)\b|is it (?:possible|ok|okay)\b|"
    r"(?:is|are) there (?:any|a|an|some|someone|anyone)\b|any chance\b|is there any (?:chance|possibility|way)\b|"
    r"(?:do|does) (?:you|your \w+) (?:have|know|need|offer|take)\b|have you got\b|"
    r"(?:are|is) (?:you|your \w+|the \w+|they) (?:taking|accepting|open to|looking)\b|"
    r"(?:who|whom) (?:should|do|can|could|would|might|shall) i\b|(?:who|whom) is the (?:best |right )?person to\b|"
    r"if i (?:apply|applied|sent|send)\b|i (?:am|would be) (?:available|happy|keen|ready|eager|interested)\b|"
    r"i would (?:love|like|appreciate|be grateful)\b|i was (?:hoping|wondering)\b|please\b)"
    r"|\b(?:so|so that) i (?:can|could|might)\b|\bif you (?:have|hear of|know of) (?:anything|something|any)\b"
    r"|\bwould you (?:support|back|recommend|consider|help) (?:me|my)\b")
#: The learner or the person's own organisation: whom the request is for.
_FOR = re.compile(r"\b(?:me|my|i|myself|you|your|yours|here|hr)\b")
#: Applying in general, to no one post and no one employer ("if I apply for jobs before I finish
#: my course"): advice-seeking unless the sentence also names them.
_GENERIC_APPLYING = re.compile(r"\bappl(?:y|ying|ied) (?:for|to) (?:\w+ )?(?:jobs|roles|positions|posts|internships|"
                               r"placements|vacancies|openings|companies|employers|firms|organisations|schemes)\b")
#: Sending or applying to an employer in general ("If I sent a speculative application to a firm, ...").
_GENERIC_RECIPIENT = re.compile(r"\b(?:appl(?:y|ying|ied)|sen[dt]|sending|submit(?:ted|ting)?) (?:(?:a|an|my) (?:\w+ )?"
                                r"(?:application|cv|resume|portfolio) )?(?:to|at|with) (?:a|an|any|another|other) "
                                r"(?:\w+ )?(?:firm|company|employer|organisation|organization|business|agency|lab|"
                                r"school|hospital|team)s?\b")
#: Requests whose subject is the learner without saying so ("Any chance of an internship?").
_FOR_ME_IMPLIED = re.compile(r"possible|any chance|possibility|is there any way")
#: Requests for information or feedback, opinions and the person's own story: never job asks by this rule.
_NOT_AN_ASK = re.compile(
    r"\b(?:tell|describe|explain|walk me through|talk about|talk me through|share (?:your|how|what|why|which|some)|"
    r"advice|advise|tips?|suggestions?|feedback|thoughts|ideas?|insights?|guidance|pointers|lessons|"
    r"look (?:over|at|through)|review|critique|comment on|read (?:over|through)|a sense|an idea|an overview|a picture|"
    r"would you say|do you think|do you feel|in your (?:view|experience|opinion)|would you agree|"
    r"ask (?:you |him |her |them )?(?:how|what|why|which|when|where|whether|about)|"
    r"your first|when you (?:started|joined|began|were)|did you|you got|you were|you had|you applied|"
    r"how (?:do|does|did|can|could|would|should) (?:people|someone|one|anyone|companies|employers|teams)|"
    r"(?:in|across|throughout) (?:this|the|your) (?:field|industry|sector|profession|trade)|usually|typically|"
    r"generally|in general|common|learn|hear (?:about|how|what|why|more)|understand|know more|find out|discuss|"
    r"chat|talk (?:to you )?(?:for|about)|spare|minutes|your time|your (?:experience|perspective|path|"
    r"career|story|journey|view)|perspective|like yours|how you|how your|what you|why you|thank|thanks|"
    r"(?:talk|speak|chat) (?:with|to) (?:me|us) (?:about|on)|not asking|let me in on|fill me in|bring me up to (?:date|speed)|update me|(?:recommend|suggest|advise|propose) (?:that )?(?:i|someone|people|a|an|some|any|books?|courses?)|"
    r"(?:would|could) you (?:recommend|suggest|advise) (?:\w+ )?(?:doing|taking|getting|applying|reading|going))\b")


def _general(sentence: str) -> str:
    """The words of a request for a post that the patterns above did not name, or ""."""
    sentence = re.sub(r"^(?:(?:can|could|may) i ask(?: you)?(?: if| whether)?) ", "", sentence)
    if _NOT_AN_ASK.search(sentence):
        return ""
    ask = _REQUEST.search(sentence)
    # someone's own post ("your role", "her current position") is about them, not a request
    thing = next((m for m in _THING.finditer(sentence) if not (
        _OWN_POST.fullmatch(m.group(0)) and re.search(r"\b(?:your|his|her|their) (?:current|own|first|old|previous|new|present )?$",
                                                      sentence[:m.start()]))), None)
    implied = ask is not None and _FOR_ME_IMPLIED.search(ask.group(0)) is not None
    if (_GENERIC_APPLYING.search(sentence) or _GENERIC_RECIPIENT.search(sentence)) and not _YOU_WORD.search(sentence):
        return ""
    if ask and thing and (implied or _FOR.search(sentence)):
        start, end = sorted((ask.start(), thing.start(), ask.end(), thing.end()))[::3]
        return sentence[start:end].strip()
    return ""


def rule_job_ask(text: object) -> JobAsk | None:
    """The job ask the rule alone finds in ``text`` (a question or an e-mail field), or None.

    >>> job_ask("Who should I send my CV to?").kind
    'cv'
    >>> job_ask("How did you get your first job?") is None
    True
    >>> job_ask("How competitive would I be, and what would strengthen my application?") is None
    True
    """
    if text is None:
        return None
    for sentence in _sentences(str(text)):
        for kind, pattern in _COMPILED:
            found = pattern.search(sentence)
            if found:
                reason, instead = _said(kind)
                return JobAsk(words=found.group(0).strip(), kind=kind, reason=reason, instead=instead)
    sentences = _sentences(str(text))
    for index, sentence in enumerate(sentences):
        wh = _WH_START.search(sentence) is not None
        # what a rule also needs may be in the sentence before ("Is your lab taking students? Could I be one?")
        around = f"{sentences[index - 1]} {sentence}" if index else sentence
        for kind, pattern, requires, on_wh in _STRUCTURAL_COMPILED:
            if wh and not on_wh:
                continue
            found = pattern.search(sentence)
            if found and (requires is None or requires.search(around)):
                reason, instead = _said(kind)
                return JobAsk(words=found.group(0).strip(), kind=kind, reason=reason, instead=instead)
    for sentence in sentences:
        words = _general(sentence)
        if words:
            reason, instead = _said("request")
            return JobAsk(words=words, kind="request", reason=reason, instead=instead)
    for first, second in zip(sentences, sentences[1:]):
        words = _across(first, second) or _across(second, first)
        if words:
            reason, instead = _said("request")
            return JobAsk(words=words, kind="request", reason=reason, instead=instead)
    return None


def _across(context: str, request: str) -> str:
    """The words of a request for the learner ("Could you recommend me?") whose post is named in the
    sentence next to it ("I saw the advert for the data post."), or ""."""
    anything = _ANYTHING.search(request)
    if anything and (_THING.search(context) or _WORK_WITH_YOU.search(context)):
        return f"{context} ... {anything.group(0)}"[:200]
    ask = _ASKED_OF_YOU.search(request)
    if not ask or _NOT_AN_ASK.search(request) or _WH_START.search(request):
        return ""
    join = _JOIN_IT.search(request)
    place = _THEIR_PLACE.search(context)
    if join and place:
        return f"{place.group(0)} ... {request[ask.start():join.end()]}"
    for_me = _ADVOCACY.search(request)
    thing = _THING.search(context)
    if not for_me or not thing:
        return ""
    if _OWN_POST.fullmatch(thing.group(0)) and re.search(r"\b(?:your|his|her|their) (?:current|own|first|old|previous|new|present )?$",
                                                          context[:thing.start()]):
        return ""
    return f"{thing.group(0)} ... {request[ask.start():for_me.end()]}"


# ---------------------------------------------------------------------------------------
# The combination: the rule first (its reasons and "ask this instead"), then the learnt model
# ---------------------------------------------------------------------------------------
def job_ask(text: object, *, model: dict | None = None) -> JobAsk | None:
    """The job ask in ``text`` (a question or an e-mail field), or None when there is none.

    The rule (:func:`rule_job_ask`) decides first and, when it finds one, says which words show it
    and why. When it finds none, the learnt model (:mod:`helpers.core.jobask.model`) may still read
    a job ask (kind ``learnt``) in a passage that could be a request (a question, a request form or
    the learner in it), unless it is a request for information, advice or feedback or about the
    person's own post or story (``_guarded``, which the model never overrides). ``model``: a model dict to use instead of the shipped one (for measuring).

    >>> job_ask("Who should I send my CV to?").kind
    'cv'
    >>> job_ask("How did you get your first job?") is None
    True
    """
    found = rule_job_ask(text)
    if found is not None or text is None:
        return found
    return _learnt(str(text), model)


def _learnt(text: str, model: dict | None) -> JobAsk | None:
    """The model's catch in ``text``, or None (below its threshold, or vetoed by the guard)."""
    from helpers.core.jobask import model as jobask_model  # read lazily: the model file is opened on first use only

    m = model or jobask_model._model()
    threshold = m["meta"]["settings"]["threshold"]
    guard = m["meta"]["settings"].get("guard", "all")
    for passage, probability in sorted(jobask_model.sentence_scores(text, m), key=lambda p: -p[1]):
        if probability < threshold:
            return None
        if _addressed(passage) and not _guarded(passage, guard) and not _referral_only(passage):
            reason, instead = _said("learnt")
            return JobAsk(words=passage[:160], kind="learnt", reason=reason, instead=instead)
    return None


#: What the learnt model may never override (guard "narrow"): a request for information, advice or
#: feedback, or a question about the person's own post, start or story.
_INFO_ADVICE_OWN = re.compile(
    r"\b(?:tell (?:me|us)|describe|explain|walk me through|talk me through|advice|advise|tips?|feedback|"
    r"suggestions?|thoughts|insights?|guidance|pointers|lessons|your (?:current |own |first |previous |old )?"
    r"(?:job|role|position|post|career|path|story|journey|work|day|experience)|did you|you (?:got|started|joined|"
    r"began|applied|were|had)|when you|how you|what you|why you|would you (?:recommend|suggest|advise)|"
    r"(?:recommend|suggest|advise) (?:that )?(?:i|someone|people|a|an|some|any)|learn|find out|understand|hear "
    r"(?:about|how|what|why|more))\b")


def _addressed(passage: str) -> bool:
    """True when the passage could be a request: a question, a request form, or the learner in it.
    A statement about the person's organisation ("your team won a design award", an e-mail's research
    line) is never read as a job ask by the model."""
    if "?" in passage:
        return True
    return any(_REQUEST.search(s) or re.search(r"\b(?:i|me|my|myself)\b", s) for s in _sentences(passage))


def _guarded(passage: str, guard: str = "all") -> bool:
    """True when the passage asks for information, advice or feedback, or is about the person's own
    post or story: then the model's reading never counts. ``guard`` "all": every sentence of the
    passage reads so; "any": one does; "narrow": every sentence is a request for information, advice
    or feedback or about the person's own post (``_INFO_ADVICE_OWN``); "none": no guard (measuring only)."""
    sentences = _sentences(passage)
    if guard == "none" or not sentences:
        return False
    veto = _INFO_ADVICE_OWN if guard == "narrow" else _NOT_AN_ASK
    hits = [veto.search(s) is not None for s in sentences]
    return any(hits) if guard == "any" else all(hits)


#: The referral ask the chapter teaches (lesson 04): people to talk to, their contact details, leave
#: to use the interviewee's name, a date to check in. The model may not read it as a job ask unless
#: the passage also talks about hiring (_HIRING_TALK); the rule still reads everything.
_PEOPLE = (r"(?:anyone|anybody|someone|somebody|people|persons?|colleagues?|contacts?|friends?|others|"
           r"who else|names?|him|her|them|they|one|\w+ (?:team|department|office|unit))")
_TALK = (r"(?:talk|talking|speak|speaking|chat|chatting|meet|meeting|contact|reach|reaching|get in touch|be in touch|"
         r"write|e-?mail|message|call|ring|phone|drop (?:\w+ )?(?:a line|a note)|conversation|coffee|brains?|"
         r"perspective|learn from|hear from|share|ask (?:him|her|them)|introduce|connect|loop)")
_REFERRAL = re.compile(
    rf"\b{_PEOPLE}\b.{{0,80}}\b{_TALK}\b|\b{_TALK}\b.{{0,40}}\b{_PEOPLE}\b|"
    r"\b(?:e-?mail(?: address)?|email address|phone(?: number)?|number|contact (?:details|info|information)|"
    r"details|linkedin|address)\b.{0,40}\b(?:their|his|her|them|for|of)\b|"
    r"\b(?:their|his|her|your (?:colleague|contact|friend)s?)'?s? (?:e-?mail|email address|phone|number|contact|details|linkedin)|"
    r"\b(?:mention|use|drop|give|say|quote) (?:that )?(?:your name|you (?:sent|suggested|pointed|referred|recommended|passed|"
    r"put))|\b(?:check in|follow up|get back to you|touch base)\b")
_HIRING_TALK = re.compile(
    r"\b(?:jobs?|positions?|openings?|vacanc(?:y|ies)|internships?|placements?|apprenticeships?|hiring|hire[ds]?|"
    r"recruit\w*|cvs?|resumes?|applications?|appl(?:y|ying|ied)|employ\w*|opportunit(?:y|ies)|referee|"
    r"(?:find|get|looking for|searching for|seeking) (?:a |some |paid )?work|available to start|start work|"
    r"a (?:good |kind )?word|(?<!informational )interviews?|hr|human resources|head of people|people team|talent|"
    r"join(?:ing)?|my name|(?<!his )(?<!her )(?<!their )(?<!your )(?<!its )"
    r"(?:roles?|posts?))\b")


def _referral_only(passage: str) -> bool:
    """True when the passage is the referral ask lesson 04 teaches (names of people to talk to, their
    contact details, leave to use the interviewee's name, a check-in date) and says nothing of hiring."""
    sentences = _sentences(passage)
    return (any(_REFERRAL.search(s) for s in sentences)
            and not any(_HIRING_TALK.search(s) for s in sentences))
