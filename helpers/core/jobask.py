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

from .text import fold

__all__ = ["JobAsk", "job_ask", "KINDS"]

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
    "request": ("it asks them for a post, or for help getting one, rather than for what they know",
                "What would you advise someone like me to do next to get into this kind of work?"),
}

# ---------------------------------------------------------------------------------------
# Word classes (regular-expression pieces over folded words separated by single spaces)
# ---------------------------------------------------------------------------------------
_JOB = (r"(?:jobs?|posts?|positions?|roles?|openings?|vacanc(?:y|ies)|internships?|placements?|"
        r"apprenticeships?|opportunit(?:y|ies)|traineeships?|graduate schemes?|work experience|"
        r"contracts?|shifts?|gigs?|spots?|places?|room|space)")
# openings and vacancies nearly always mean a job someone could fill
_OPENING = r"(?:openings?|vacanc(?:y|ies)|job openings?|open positions?|open roles?)"
_ME = (r"(?:me|myself|someone like me|somebody like me|people like me|a person like me|"
       r"someone (?:with|of) my (?:\w+ ){0,2}(?:background|experience|profile|skills|cv)|"
       r"someone in my (?:position|situation|shoes))")
_HIRER = (r"(?:hiring (?:managers?|teams?|panels?|leads?|partners?)|recruit(?:ers?|ment(?: \w+)?)|"
          r"hr|human resources|talent (?:teams?|acquisition|partners?)|head of recruitment|"
          r"(?:whoever|anyone|anybody|someone|somebody|the (?:person|people|one)|people|those) "
          r"(?:who|that) (?:(?:is|are) )?(?:hires?|hiring|recruits?|recruiting|does the hiring|do the hiring|"
          r"makes? (?:the )?hiring decisions|decides? (?:on|about) (?:hiring|jobs|roles|candidates))|"
          r"whoever (?:hires|is hiring|does the hiring|recruits|decides))")
_AVAILABLE = (r"(?:going|available|open|opening up|coming up|come up|comes up|vacant|advertised|free|"
              r"unfilled|on offer|opened up|opens up|open up|becoming available|become available|"
              r"becomes available)")
_YOU = r"(?:you|your|yours)"
_DOCS = (r"(?:cv|cvs|resume|resumes|application|applications|cover letter|details|contact details|"
         r"name|portfolio)")
_ASK = r"(?:can|could|would|will|might|may)"
_WORKPLACE = (r"(?:team|company|firm|organisation|organization|department|office|hospital|school|practice|"
              r"agency|business|unit|group|lab|studio|store|shop|site|charity|council|trust|branch|studio)")
# words that make "give me ... X" a request for information, not for X ("give me tips on placements")
_NOT_A_THING = (r"(?!(?:advice|tips?|ideas?|sense|feedback|information|info|examples?|pointers?|insights?|"
                r"overview|view|picture|suggestions?|details|guidance|help|steer|idea|hints?|thoughts?|"
                r"opinion|list|names?)\b)")
_W = r"(?:\w+ )"  # any one word followed by a space

# (kind, pattern): every pattern runs on one folded sentence, words separated by single spaces
_RULES: list[tuple[str, str]] = [
    # 1. whether they are hiring (the subject is them, their team, their organisation)
    ("hiring", rf"\b(?:are|is|be) (?:{_YOU} (?:\w+ )?|there anyone |they |it |anyone |anybody |"
               rf"the {_WORKPLACE} )"
               rf"(?:currently |still |at all |actively )?(?:hiring|recruiting|taking on)\b"
               rf"(?! (?:managers?|process|processes|decisions?|practices?|panels?|teams?)\b)"),
    ("hiring", r"\b(?:are|is) (?:anyone|anybody|someone|somebody|one of you) (?:in|at|on|from) (?:your|the) "
               r"\w+ (?:currently |still )?(?:hiring|recruiting|taking on)\b"),
    ("hiring", rf"\b(?:know|heard) (?:of )?(?:anyone|anybody|any \w+|someone|somebody|a \w+) "
               rf"(?:who|that) (?:is|are|might be|may be) (?:hiring|recruiting|taking on)\b"),
    ("hiring", r"\b(?:you|your \w+|they) (?:hiring|recruiting) (?:at the moment|right now|now|currently|"
               r"this year|at present)\b"),
    ("hiring", r"\b(?:are|is) (?:you|your \w+|they|the team|the company|anyone|anybody) (?:currently |still |"
               r"actively )?(?:looking for|in need of|needing|after) (?:new |more |any |some )?(?:people|staff|"
               r"anyone|anybody|someone|somebody|candidates|recruits|graduates|interns|trainees|juniors|"
               r"starters|hires|employees|workers|help|assistants?)\b"),
    ("hiring", r"\b(?:do|does) (?:you|your \w+|they|the team) (?:currently |still )?need (?:new |more |any |extra |additional |"
               r"another |an? )?(?:people|staff|anyone|anybody|someone|somebody|candidates|recruits|graduates|interns|"
               r"trainees|juniors|starters|hires|employees|workers|assistants?|apprentices?|intern|trainee)\b"),
    # 2. openings going (any openings / vacancies; any job going or coming up; jobs for me)
    ("opening", rf"\bany {_W}{{0,2}}{_OPENING}\b"),
    ("opening", rf"\b(?:a|an|any) {_W}{{0,2}}{_OPENING} (?:{_W}{{0,2}})?(?:on|in|at|with|within) (?:your|you)\b"),
    ("opening", rf"\bthere (?:is|be|might be|may be|will be|could be) (?:a |an |any |some |new )*{_W}{{0,1}}{_OPENING}\b"),
    ("opening", rf"\b(?:are|is) there (?:any |a |an |some )?{_W}{{0,1}}{_OPENING}\b"),
    ("opening", rf"\b(?:any|there) (?:{_W}{{0,2}}){_JOB} {_W}{{0,3}}?{_AVAILABLE}\b"),
    ("opening", rf"\b{_JOB} (?:that |which )?(?:(?:are|is|might be|may be|will be) )?{_AVAILABLE}"
                rf"(?: {_W}{{0,2}}(?:in|at|on|with|within) (?:{_YOU}|the team|here)\b| right now| now\b|"
                rf" at the moment| currently)"),
    ("opening", rf"\b(?:what|which|how many) {_W}{{0,1}}{_JOB} (?:do|does|did|are|is) "
                rf"(?:{_YOU} {_W}{{0,2}}|there {_W}{{0,1}})(?:have |got )?(?:open|available|going|"
                rf"vacant|coming up|free)\b"),
    ("opening", rf"\b(?:do|does) (?:{_YOU} ?{_W}{{0,2}})(?:currently )?(?:have|got) any {_W}{{0,2}}{_JOB}\b"),
    ("opening", rf"\b(?:have|has) (?:you|your \w+|the {_WORKPLACE}) (?:currently )?got (?:any|a|an) {_W}{{0,2}}{_JOB}\b"),
    ("opening", rf"\b(?:a|an|any) {_W}{{0,1}}{_JOB} (?:that |which )?i (?:could|can|might|would|may) "
                rf"(?:fill|do|apply for|go for|take|have|start)\b"),
    ("opening", rf"\b(?:a|an|any) {_W}{{0,1}}(?:jobs?|roles?|positions?|posts?|internships?|placements?|"
                rf"apprenticeships?|traineeships?) (?:with|at) (?:you|your)\b"),
    ("opening", rf"\bi (?:would |really )*(?:like|love|want) (?:a|an) {_W}{{0,1}}{_JOB} (?:in|at|with|on) {_YOU}\b"),
    ("opening", rf"\b(?:a|an|any|some|the|one|no) {_W}{{0,2}}{_JOB} (?:for|with a place for) {_ME}\b"),
    ("opening", rf"\b(?:do|does) (?:{_YOU} ?{_W}{{0,2}}|the {_WORKPLACE} )(?:currently |still )?(?:offer|run|take|"
                rf"have|provide) (?:any )?{_W}{{0,1}}(?:internships?|placements?|apprenticeships?|graduate schemes?|"
                rf"work experience|traineeships?|openings?|vacanc(?:y|ies))\b"),
    ("opening", rf"\b(?:anything|something|any work|work) (?:going |available |open )?for {_ME}\b"),
    ("opening", rf"\b(?:anything|something|any work) (?:going|available|coming up)\b"),
    ("opening", rf"\bany {_W}{{0,2}}(?:jobs?|roles?|positions?|posts?|opportunit(?:y|ies)|internships?|"
                rf"placements?|apprenticeships?) (?:at|in|on|with|within) (?:your|you)\b"
                rf"(?! {_W}{{0,2}}(?:that|which|where|who)\b)"),
    ("opening", rf"\b(?:looking|searching|hoping) for (?:a|an|any|some) {_W}{{0,2}}{_JOB}\b"
                rf"(?=.*\b{_ASK} you (?:help|assist|point)\b)"),
    # 3. give / offer / find / get me a job or an interview; hire me
    ("direct", rf"\b(?:give|offer|find|get|land|secure|line up|arrange|set up|fix up|hook|sort|set) "
               rf"(?:me|us) (?:up |out )?(?:with )?(?:a |an |the |any |some |one )?(?:{_NOT_A_THING}\w+ ){{0,2}}"
               rf"(?:{_JOB}|interviews?|trial|chance|foot in the door|start|try out|tryout)\b"),
    ("direct", rf"\b(?:offer|find|get|give) (?:me|us) (?:something|anything)\b"
               rf"(?! (?:to read|to look at|to think about|to watch|to listen to)\b)"),
    ("direct", rf"\b(?:bring|call|invite|have|get) (?:me|us) (?:in )?(?:for|to) (?:a |an |the )?{_W}{{0,1}}"
               rf"(?:interview|trial|assessment|audition)\b"),
    ("direct", r"\bget me (?:in|into|onto|on) (?:your|the) (?:team|company|firm|door|organisation|"
               r"organization|department|scheme|programme|program)\b"),
    ("direct", rf"\b(?:hire|employ|recruit|interview|take on) {_ME}\b"),
    ("direct", r"\b(?:hiring|employing|recruiting|interviewing|taking on) me\b"),
    ("direct", rf"\b(?:take|taking|took|takes) (?:me|us|{_ME}) on\b"),
    ("direct", rf"\b{_ASK} (?:you|your \w+|they|the team|the company) {_W}{{0,1}}"
               rf"(?:ever |consider |think of |be willing to |be open to )?(?:hiring|hire|employ|"
               rf"employing|take on|taking on|interview|interviewing|recruit|recruiting) {_ME}\b"),
    ("direct", rf"\bconsider {_ME} (?:for|as|when|if)\b"),
    ("direct", rf"\b(?:you|your \w+) {_W}{{0,1}}help {_ME} (?:to )?(?:get|find|land|secure)\b"),
    ("direct", rf"\bmy chances of (?:getting|landing|being offered|being given|securing|being hired|"
               rf"being taken on) {_W}{{0,3}}(?:(?:with|at|in|on|by) (?:you|your)|here)\b"),
    ("direct", rf"\b(?:can|could|may|might) i (?:come and |come to )?(?:work|start) (?:for|with|in|at|on) {_YOU}\b"),
    ("direct", rf"\b(?:can|could|may|might) i join {_YOU}\b"),
    ("direct", rf"\bi would (?:like|love) to (?:work|join|start) (?:for|with|at|in|on)? ?{_YOU}\b"),
    ("direct", rf"\bi would (?:like|love|be glad|be happy|be keen) to join(?: (?:you|your \w+|the {_WORKPLACE}|it|"
               rf"them))?$"),
    ("direct", rf"\bi (?:want|am hoping|hope|am keen|would be keen|am eager) to (?:work|join|start) "
               rf"(?:for|with|at|in|on)? ?{_YOU}\b"),
    ("direct", rf"\b(?:so|so that|and|to see if|then) i (?:can|could|might|may) (?:ask|enquire|inquire|talk|speak) "
               rf"(?:(?:to|with) (?:them|him|her|you) )?(?:about|for|after) (?:a|an|any|the|some) {_W}{{0,1}}"
               rf"(?:{_JOB}|vacanc(?:y|ies)|interview)\b(?! offers?\b)"),
    ("direct", rf"\b(?:me|i) (?:to )?(?:could |can |might |would )?(?:work|start|intern|volunteer|join|train) "
               rf"(?:(?:in|at|for|with|on) )?(?:your|you)\b"),
    ("direct", rf"\bi (?:could|can|would|might) (?:get|land|be offered|be given|secure) (?:a |an |the )?{_W}{{0,1}}"
               rf"(?:{_JOB}|interviews?) (?:there|here|with you|at your|in your|from you|on your)\b"),
    ("direct", rf"\b(?:get|have|land|secure|arrange) (?:a |an )?interview (?:with|at|in|for) (?:you|your)\b"),
    ("direct", rf"\bneed {_ME}\b"),
    ("direct", rf"\b(?:taking|take|takes) on {_ME}\b"),
    ("direct", r"\bget (?:me|my foot) in the door\b(?! (?:when|as|at the start))(?!.*\b(?:did|how did)\b)"),
    ("direct", rf"\bi would (?:really )?(?:like|love) to (?:work|start) (?:there|here)\b"),
    ("direct", rf"\b(?:can|could|may|might) i (?:do|have|get|start|take) (?:a |an |some |any )?{_W}{{0,1}}{_JOB} "
               rf"(?:with|at|in|on) (?:you|your)\b"),
    ("apply", rf"\bhelp {_ME} (?:to )?apply (?:for|to)\b(?=.*\b(?:you|your)\b)"),
    ("introduction", rf"\b(?:speak|talk) to (?:the |your )?(?:{_HIRER}|manager|boss) about (?:me|my)\b"),
    ("introduction", rf"\b(?:arrange|set up|organise|organize|book|get) (?:me )?(?:a |an )?(?:meeting|call|chat|"
                     rf"conversation|coffee) (?:for me )?with (?:the |your |a |an )?{_W}{{0,1}}{_HIRER}"),
    ("mind", r"\bkeep (?:me|my name|my cv|my details) in (?:your |the )?(?:mind|thoughts)\b"),
    ("opening", rf"\b(?:opportunit(?:y|ies)|roles?|jobs?|positions?|openings?|vacanc(?:y|ies)|anything) (?:that )?"
                rf"you (?:may |might |could |would )?(?:have|know of|hear of|come across)\b"),
    ("opening", r"\b(?:have|has|got) (?:any )?(?:room|space|a place|a spot) for (?:a|an|another|one more|someone|"
                r"somebody|me)\b"),
    ("direct", r"\bconsider (?:me|my application|my cv)$"),
    ("direct", rf"\b(?:chance|opportunity|possibility) to (?:work|start|join|intern) (?:with|for|at|in|on)? ?{_YOU}\b"),
    ("direct", r"\bsponsor me\b"),
    ("hiring", rf"\b(?:when|if|whether) (?:you|your \w+|the {_WORKPLACE}|they) (?:are|is|will be|next|start|starts)"
               rf"(?: next)? (?:hiring|recruiting|taking on)\b"),
    ("cv", rf"\bmy {_W}{{0,1}}applications? for (?:the|your|this|that|an|a) (?:open |advertised |current |new )?"
           rf"{_W}{{0,1}}(?:role|job|position|post|vacancy|opening)\b"),
    ("introduction", rf"\b(?:forward|send|pass) (?:this|it|them|my \w+) (?:on )?to (?:whoever|the person who|someone who|"
                     rf"the people who) (?:handles?|does|manages?|deals? with|runs?|is in charge of) (?:the )?"
                     rf"(?:recruitment|hiring|recruiting)\b"),
    ("introduction", r"\b(?:who|whoever) (?:makes|handles|does|is in charge of|decides on) (?:the )?(?:hiring|recruitment|"
                     r"recruiting)(?: decisions)?\b(?=.*\b(?:put me in touch|introduce me|connect me|refer me|"
                     r"contact them|reach them)\b)"),
    ("direct", r"\bget (?:me|us) (?:hired|taken on|employed|an interview|a start)\b"),
    ("direct", r"\b(?:slot|squeeze|fit|bring) (?:me|us) in\b(?=.*\binterview)"),
    ("direct", rf"\b(?:back|support|champion|endorse) (?:me|my application) (?:for|as|when|if)\b"),
    ("opening", rf"\b(?:looking|searching|hoping|after|seeking|hunting|on the lookout) (?:for )?(?:a|an|any|some) "
                rf"{_W}{{0,2}}{_JOB}\b(?=.*\b{_ASK} you (?:help|assist|point)\b)"),
    ("opening", rf"\b(?:do|does) (?:{_YOU} ?{_W}{{0,2}}|the {_WORKPLACE} )(?:currently |still )?(?:take|take on|accept|"
                rf"have) (?!many|lots|a lot|few|more|several)(?:any )?(?:interns|trainees|apprentices|graduates|juniors|"
                rf"volunteers|new starters)\b"),
    ("opening", rf"\b(?:a|an|any|some|one) {_W}{{0,1}}{_JOB} (?:on|in|at|within) (?:your|the) \w+ for {_ME}\b"),
    ("word", r"\bhave a (?:quick |good |kind )?word (?:with (?:\w+ ){1,2})?(?:about|for) me\b"),
    ("hiring", r"\b(?:are|is) (?:you|your \w+|the \w+|they) (?:currently |still )?(?:accepting|taking|receiving) "
               r"(?:speculative )?(?:cvs|resumes|applications|applicants|candidates)\b"),
    ("reference", r"\buse (?:you|your name) as (?:a|my|one of my) (?:reference|referee)s?\b"),
    ("reference", r"\bput your name (?:down )?(?:as|for) (?:a|my|one of my) (?:reference|referee)s?\b"),
    ("introduction", rf"\b(?:make|do|arrange) (?:an|the|a quick) introduction (?:to|with) (?:the |your )?"
                     rf"{_W}{{0,1}}{_HIRER}"),
    ("introduction", rf"\b(?:ping|message|email|e mail|contact|call|ring|text|nudge) (?:the |your )?{_W}{{0,1}}{_HIRER} "
                     rf"(?:for me|about me|on my behalf)\b"),
    ("cv", rf"\b(?:give|pass|send|forward|share) (?:on )?my (?:phone )?(?:number|email|e mail|email address|contact|"
           rf"linkedin(?: profile)?|profile) (?:on )?(?:to|with) (?:the |your )?{_W}{{0,1}}(?:{_HIRER}|manager|boss)"),
    ("cv", r"\b(?:take|put|push|move) my application (?:forward|through|along|up)\b"),
    # 4. take or pass on my CV, résumé, application, details, name
    ("cv", rf"\b(?:send|sending|pass|passing|forward|forwarding|hand|handing|give|giving|submit|"
           rf"submitting|email|emailing|e mail|drop off|drop|leave|leaving|circulate|share|sharing|"
           rf"show|showing|put|get|getting) (?:it |them )?(?:on |along |over |in )?(?:you |to you )?(?:my|a copy of my) "
           rf"{_W}{{0,1}}{_DOCS}\b(?=.*\b(?:you|your|who|whom|whoever|on|along|forward|to the|to hr|"
           rf"in front of)\b)(?!.*\b(?:employers|companies|organisations|organizations|firms|agencies)\b)"),
    ("cv", rf"\b(?:who|whom|where) (?:should|do|can|could|would|shall|might) i (?:send|give|address|"
           rf"submit|email|e mail|forward|direct|pass) (?:my )?{_W}{{0,1}}(?:{_DOCS}|it)\b"),
    ("cv", rf"\bsend (?:you|it to you|them to you) {_W}{{0,2}}{_DOCS}\b"),
    ("cv", rf"\b(?:take|accept|receive|keep|pass on|pass along|hand on|circulate) my {_W}{{0,1}}"
           rf"(?:cv|cvs|resume|resumes|application|applications|cover letter)\b"),
    ("cv", rf"\b(?:send|submit|forward|pass|email|e mail|give|hand) (?:on |in )?(?:you )?my {_W}{{0,1}}"
           rf"{_DOCS} (?:on )?for (?:a|an|the|this|that|your|any|one of your) {_W}{{0,2}}{_JOB}\b"),
    ("cv", rf"\bkeep my {_W}{{0,1}}{_DOCS} on file\b"),
    ("cv", rf"\b(?:support|back|fast track|push|endorse|flag|champion|forward|pass on|put in) my "
           rf"{_W}{{0,1}}applications?\b"),
    ("cv", rf"\bmy {_W}{{0,1}}{_DOCS} (?:on |along |over )?to (?:{_YOU}|(?:the |your |a |an )?{_HIRER}|the (?:team|manager|"
           rf"department|panel))"),
    ("cv", rf"\bput (?:my name|me) forward\b"),
    ("cv", rf"\bpass (?:on )?my (?:name|details|contact details) (?:on|along|to)\b"),
    ("introduction", rf"\b(?:get|put) (?:me|my cv|my name|my application|my resume) in front of "
                     rf"(?:the |your |a |an )?{_W}{{0,1}}{_HIRER}"),
    # 5. a way to whoever hires: introduce / connect / refer me to the recruiter, the hiring manager
    ("introduction", rf"\b(?:introduce|connect|refer|recommend|point|link|send|direct|mention) (?:me|my name|"
                     rf"my details)(?: in touch)? (?:on )?(?:to|with|towards) (?:the |your |a |an |one of the |"
                     rf"one of your |someone in |somebody in |anyone in )?(?:{_W}{{0,1}}){_HIRER}"),
    ("introduction", rf"\b(?:tell|let|inform|ask|remind) (?:the |your |a |an )?{_W}{{0,1}}{_HIRER} "
                     rf"(?:know )?(?:about|of) (?:me|my)\b"),
    ("introduction", rf"\b(?:get|put) (?:me|my cv|my name|my application|my resume|my portfolio) in front of\b"),
    ("introduction", rf"\b(?:who|whom) (?:should|do|can|could|would|might|shall) i (?:contact|speak to|talk to|"
                     rf"write to|email|e mail|ask|approach|call) (?:about|regarding|for) (?:a |an |any |the )?"
                     rf"{_W}{{0,1}}{_JOB} (?:at|in|on|with|within) (?:you|your|the team)\b"),
    ("introduction", rf"\b(?:let|tell|inform) (?:the |your )?(?:{_HIRER}|manager|boss|director|team lead|head of \w+) "
                     rf"(?:know )?(?:that )?(?:i am|i would be|i was|i am very|i would really be) (?:\w+ )?interested\b"),
    ("introduction", rf"\bput (?:me|us) in touch with (?:the |your |a |an |someone in |anyone in )?"
                     rf"(?:{_W}{{0,1}}){_HIRER}"),
    ("introduction", rf"\b(?:introduce|connect|refer|recommend) (?:me|us)\b(?=.*\b{_HIRER})"),
    ("introduction", rf"\b{_HIRER}\b(?=.*\b(?:introduce|connect|refer) (?:me|us)\b)"),
    ("introduction", rf"\b(?:name|email|e mail|address|contact|contact details|details|number) "
                     rf"(?:of|for) (?:the |your )?{_W}{{0,1}}{_HIRER}"),
    ("introduction", rf"\b(?:who|whom) (?:is|are) (?:the )?(?:hiring managers?|recruiters?|"
                     rf"people who hire|person who hires) (?:for|in|on|at) (?:your|the team)\b"),
    # 6. speak up for me
    ("word", r"\bput in a (?:good |kind )?word\b"),
    ("word", r"\bput a (?:good |kind )?word in\b"),
    ("word", r"\b(?:say|drop|put in|give) a (?:good |kind |quick )?word (?:for|about) me\b"),
    ("word", r"\b(?:speak up|vouch|speak) for me\b"),
    ("word", r"\bmention (?:me|my name) to\b"),
    ("word", r"\bdrop my name\b"),
    ("word", r"\bput me forward\b"),
    ("word", rf"\brecommend (?:me|my name) (?:for|to)\b(?!.* (?:talk|speak|read|learn|ask|contact)\b)"),
    ("word", rf"\brefer (?:me|my name) (?:for|to) (?:a |an |the |any |one of the |your )?{_W}{{0,1}}"
             rf"(?:{_JOB}|{_HIRER}|team|company|department|organisation|organization|firm)\b"),
    ("word", r"\b(?:refer|recommend) (?:me|us)(?: internally)?$"),
    ("word", r"\b(?:refer|recommend) (?:me|us) internally\b"),
    # 7. think of me when something comes up
    ("mind", r"\b(?:keep|bear|have) (?:me|my name|my cv|my details|my application) in mind\b"),
    ("mind", rf"\b(?:when|if|whenever|once) (?:you|your \w+|the {_WORKPLACE}) (?:next )?(?:advertise|advertises|post|"
             rf"posts|open|opens|create|creates) (?:a|an|any|the) {_W}{{0,1}}{_JOB}\b(?=.*\b(?:me|let|tell|think)\b)"),
    ("mind", r"\b(?:think|thinking) of me (?:if|when|for|whenever)\b"),
    ("mind", r"\bremember me (?:if|when|for|whenever)\b"),
    ("mind", rf"\bkeep me (?:posted|updated|informed|in the loop) (?:about|on|of|if|when) "
             rf"(?:{_W}{{0,3}})(?:{_JOB}|anything|something)\b"),
    ("mind", rf"\blet me know (?:if|when|whenever|about|of) {_W}{{0,4}}(?:{_JOB}|anything|something)"
             rf"(?: {_W}{{0,3}}{_AVAILABLE}\b| (?:comes|come|opens|open|becomes|appears)\b)"),
    ("mind", rf"\blet me know (?:about|of) any {_W}{{0,1}}{_JOB}\b"),
    ("mind", rf"\bkeep an eye out for (?:me|{_W}{{0,2}}{_JOB} for me)\b"),
    ("mind", rf"\b(?:if|when|whenever) (?:a|an|any|anything|something) {_W}{{0,2}}(?:{_JOB} )?"
             rf"(?:comes up|opens up|opens|becomes available|becomes free)\b(?=.*\b(?:me|let|tell|think)\b)"),
    # 8. references and shortlists
    ("reference", r"\b(?:be|act as|serve as|stand as) (?:a|my|one of my) (?:reference|referee)s?\b"),
    ("reference", r"\b(?:give|write|provide|offer|send) (?:me )?(?:a |an )?(?:reference|references|"
                  r"referral|recommendation|letter of recommendation|reference letter) for me\b"),
    ("reference", r"\b(?:give|write|provide|offer) me (?:a |an )?(?:good |strong )?(?:reference|referral|"
                  r"recommendation|letter of recommendation|reference letter)\b"),
    ("reference", r"\b(?:a|your) (?:reference|referral|recommendation) (?:for me|from you)\b"),
    ("reference", rf"\bshortlist {_ME}\b"),
    ("reference", r"\b(?:put|get|add|place) me (?:on|onto|to) (?:the|a|your) (?:short ?list|list of candidates)\b"),
    # 9. applying to them
    ("apply", rf"\b(?:can|could|may|should|shall) i {_W}{{0,1}}apply (?:to {_YOU}|for {_YOU}|with {_YOU}|"
              rf"here|now|directly|through {_YOU}|at {_YOU}|for (?:a|an|the|one|this|that) {_W}{{0,2}}"
              rf"(?:{_JOB}|one)(?: {_W}{{0,2}}(?:with|at|in|on) (?:you|your|the team))?)\b"),
    ("apply", rf"\bi {_W}{{0,5}}(?:get|getting|be|being) (?:hired|taken on|employed|recruited|"
              rf"considered|interviewed) (?:here|at {_YOU}|with {_YOU}|in {_YOU}|by {_YOU}|on {_YOU})\b"),
    ("apply", rf"\bway (?:for me |for someone like me )?to (?:get|be) (?:hired|taken on|employed|recruited) "
              rf"(?:here|at {_YOU}|with {_YOU}|in {_YOU}|by {_YOU}|on {_YOU})\b"),
    ("apply", rf"\b(?:(?:can|could|would|should|do|might|may) i|i (?:can|could|might|would)) (?:\w+ )?(?:get|land|find|secure) "
              rf"(?:a |an |the |any |some )?{_W}{{0,2}}(?:{_JOB}|interviews?) (?:at|with|in|on) {_YOU}\b"),
    ("apply", rf"\bhow (?:do|can|could|would|should) i apply (?:for (?:a |an |the )?{_W}{{0,1}}{_JOB} )?"
              rf"(?:(?:at|with|to|in|on) (?:you|your))\b"),
]

_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _RULES]

_CONTRACTIONS = [
    (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\bi'm\b", "i am"), (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(it|there|that|who|what|where|he|she)'s\b", r"\1 is"),
    (r"\bi'd\b", "i would"), (r"\byou'd\b", "you would"), (r"\b(\w+)'d\b", r"\1 would"),
    (r"\bc\.?\s?v\.?(?=\s|$|[,;:?!])", "cv"), (r"\bcurriculum vitae\b", "cv"),
]


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
    r"references?|referees?|referrals?|recommend(?:ation|ing)?|interviews?|shortlist(?:ed|ing)?|"
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
#: Requests whose subject is the learner without saying so ("Any chance of an internship?").
_FOR_ME_IMPLIED = re.compile(r"possible|any chance|possibility|is there any way")
#: Requests for information or feedback, opinions and the person's own story: never job asks by this rule.
_NOT_AN_ASK = re.compile(
    r"\b(?:tell|describe|explain|walk me through|talk about|talk me through|share (?:your|how|what|why|which|some)|"
    r"advice|advise|tips?|suggestions?|feedback|thoughts|ideas?|insights?|guidance|pointers|lessons|"
    r"look (?:over|at|through)|review|critique|comment on|read (?:over|through)|a sense|an idea|an overview|a picture|"
    r"would you say|do you think|do you feel|in your (?:view|experience|opinion)|would you agree|"
    r"ask (?:you )?(?:how|what|why|which|when|where|whether|about)|"
    r"your first|when you (?:started|joined|began|were)|did you|you got|you were|you had|you applied|"
    r"how (?:do|does|did|can|could|would|should) (?:people|someone|one|anyone|companies|employers|teams)|"
    r"(?:in|across|throughout) (?:this|the|your) (?:field|industry|sector|profession|trade)|usually|typically|"
    r"generally|in general|common|learn|hear (?:about|how|what|why|more)|understand|know more|find out|discuss|"
    r"chat|talk (?:to you )?(?:for|about)|spare|minutes|your time|your (?:experience|perspective|path|"
    r"career|story|journey|view)|perspective|like yours|how you|how your|what you|why you|thank|thanks|"
    r"not asking)\b")


def _general(sentence: str) -> str:
    """The words of a request for a post that the patterns above did not name, or ""."""
    sentence = re.sub(r"^(?:(?:can|could|may) i ask(?: you)?(?: if| whether)?) ", "", sentence)
    if _NOT_AN_ASK.search(sentence):
        return ""
    ask = _REQUEST.search(sentence)
    # the person's own post ("your role", "your current position") is about them, not a request
    thing = next((m for m in _THING.finditer(sentence) if not (
        _OWN_POST.fullmatch(m.group(0)) and re.search(r"\byour (?:current|own|first|old|previous|new|present )?$",
                                                      sentence[:m.start()]))), None)
    implied = ask is not None and _FOR_ME_IMPLIED.search(ask.group(0)) is not None
    if ask and thing and (implied or _FOR.search(sentence)):
        start, end = sorted((ask.start(), thing.start(), ask.end(), thing.end()))[::3]
        return sentence[start:end].strip()
    return ""


def job_ask(text: object) -> JobAsk | None:
    """The job ask in ``text`` (a question or an e-mail field), or None when there is none.

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
                reason, instead = KINDS[kind]
                return JobAsk(words=found.group(0).strip(), kind=kind, reason=reason, instead=instead)
    for sentence in _sentences(str(text)):
        words = _general(sentence)
        if words:
            reason, instead = KINDS["request"]
            return JobAsk(words=words, kind="request", reason=reason, instead=instead)
    return None
