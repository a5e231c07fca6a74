r"""The word classes and patterns behind :func:`helpers.core.jobask.job_ask`.

Kept apart from the rule itself so each file stays readable. Every pattern runs on one folded
sentence whose words are separated by single spaces; repetition is bounded (``(?:\w+ ){0,n}``),
so matching is linear in the text's length.
"""
from __future__ import annotations

import re

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
       r"someone in my (?:position|situation|shoes)|"
       r"(?:a|an|another|one more|someone|somebody|anyone|people) (?:\w+ ){0,3}like me)")
_HIRER = (r"(?:hiring (?:managers?|teams?|panels?|leads?|partners?)|recruit(?:ers?|ment(?: \w+)?)|"
          r"hr|human resources|talent (?:teams?|acquisition|partners?)|head of (?:recruitment|hr|human resources|people|talent)|"
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
# "Are there many openings ...?" asks about the market, not for an opening
_NOT_COUNT = r"(?!(?:many|more|fewer|lots|plenty|enough|few|usually|generally|often|always|typically)\b)"

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
    ("opening", rf"\bthere (?:is|be|might be|may be|will be|could be) (?:a |an |any |some |new )*{_NOT_COUNT}{_W}{{0,1}}"
                rf"{_OPENING}\b"),
    ("opening", rf"\b(?:are|is) there (?:any |a |an |some )?{_NOT_COUNT}{_W}{{0,1}}{_OPENING}\b"),
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
    ("direct", rf"\b(?:you|your \w+) {_W}{{0,1}}help {_ME} (?:to )?(?:get|find|land|secure)\b"
               rf"(?! (?:a |an |some |any |the )?(?:sense|idea|feel|picture|overview|understanding|better understanding|"
               rf"advice|information|started|clearer|grip|handle|head)\b)"),
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
    ("opening", rf"(?<!the )(?<!your )\b(?:opportunit(?:y|ies)|roles?|jobs?|positions?|openings?|vacanc(?:y|ies)|anything) (?:that )?"
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
           rf"{_W}{{0,1}}{_DOCS}\b(?! (?:in|on|at|into) (?:the|my|a|an) (?:\w+ )?(?:subject|title|header|footer|signature|"
           rf"form|box|field|line|heading|top)\b)(?=.*\b(?:you|your|who|whom|whoever|on|along|forward|to the|to hr|"
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
    ("introduction", rf"\b(?:put|get) (?:me|us) in (?:touch|contact) with (?:the |your |a |an |someone in |anyone in )?"
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
    ("apply", rf"\bi {_W}{{0,5}}(?:get|getting|be|being) (?:myself )?(?:hired|taken on|employed|recruited|"
              rf"considered|interviewed) (?:here|at {_YOU}|with {_YOU}|in {_YOU}|by {_YOU}|on {_YOU})\b"),
    ("apply", rf"\bway (?:for me |for someone like me )?to (?:get|be) (?:hired|taken on|employed|recruited) "
              rf"(?:here|at {_YOU}|with {_YOU}|in {_YOU}|by {_YOU}|on {_YOU})\b"),
    ("apply", rf"\b(?:(?:can|could|would|should|do|might|may) i|i (?:can|could|might|would)) (?:\w+ )?(?:get|land|find|secure) "
              rf"(?:a |an |the |any |some )?{_W}{{0,2}}(?:{_JOB}|interviews?) (?:at|with|in|on) {_YOU}\b"),
    ("apply", rf"\bhow (?:do|can|could|would|should) i apply (?:for (?:a |an |the )?{_W}{{0,1}}{_JOB} )?"
              rf"(?:(?:at|with|to|in|on) (?:you|your))\b"),
]

_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _RULES]

# ---------------------------------------------------------------------------------------
# Structural rules (round 8): the grammar of a request for the learner's own benefit
# ---------------------------------------------------------------------------------------
#: What only an employer does to a candidate (the learner is the one it is done to).
_EMPLOYER_ACT = (r"(?:considered|interviewed|shortlisted|short listed|recommended|referred|nominated|"
                 r"put forward|put through|taken on|hired|employed|recruited|picked|selected|chosen|"
                 r"fast tracked|invited (?:in |back )?(?:to|for) (?:an |a )?interview|in the running)")
#: What follows an act of selecting the learner (not of judging them: "considered experienced enough").
_SELECTED_BY = (r"(?: (?:for|if|when|whenever|once|as (?:a|an) (?:\w+ )?(?:candidate|applicant|hire|intern|trainee|"
                r"recruit|apprentice|volunteer)|by (?:you|your|the (?:team|panel|manager|company|firm))|"
                r"(?:at|with|on|in|into|onto) (?:you|your))\b|$)")
#: The person's power over hiring ("say", "influence", "pull").
_POWER = r"(?:say|influence|input|sway|pull|clout|power|voice|control)"
#: Who decides, or what is decided, in hiring.
_HIRING_CHOICE = (r"(?:who|whom|which (?:\w+ )?(?:candidates|applicants|people)|(?:the )?hiring|"
                  r"(?:the )?recruitment|(?:the )?recruiting|(?:the )?selection|(?:the )?shortlist(?:ing)?|"
                  r"(?:the )?interviews?|new hires|(?:the )?appointments?)")
#: Questions opening with a question word ask for information ("What would I need to do to be
#: considered ...?", "If I get shortlisted, what ...?"): rules marked wh=False skip them.
_WH_START = re.compile(r"^(?:(?:and|so|but|also|then|ok|well) )*(?:what|how|which|why|where|when|who|whom|"
                       r"whose|if|in your|as)\b")
_JOB_WORD = re.compile(rf"\b(?:{_JOB}|interviews?|hiring|recruit\\w*|vacanc(?:y|ies))\b")
_YOU_WORD = re.compile(r"\b(?:you|your|yours)\b")
_HIRING_CUE = re.compile(rf"\b(?:{_JOB}|interviews?|hiring|recruit\w*|vacanc(?:y|ies)|hr|appl(?:y|ying|ied)|"
                         rf"applications?|cvs?|resumes?)\b")
_FIELD_WORDS = r"(?:field|industry|sector|profession|line|area|trade|world|kind|type|sort)"

#: (kind, pattern, a pattern that must also be in the sentence or None, applies to wh-questions)
_STRUCTURAL: list[tuple[str, str, re.Pattern | None, bool]] = [
    # the learner as the one an employer considers, interviews, shortlists, recommends ...
    ("direct", rf"\b(?:i|me)(?: \w+){{0,2}} (?:be|being|get|getting) (?:myself )?{_EMPLOYER_ACT}{_SELECTED_BY}",
     None, False),
    # a chance of an interview, a post ("Any possibility of an interview with your firm?")
    ("direct", rf"\b(?:chance|chances|possibility|prospect|hope) (?:of|for) (?:me |my )?(?:getting |being offered |having )?"
               rf"(?:a |an |any |the |some )?(?:\w+ )?(?:{_JOB}|interviews?)\b", _YOU_WORD, False),
    # meeting the learner about a post
    ("direct", rf"\b(?:meet|see|interview|call|ring|phone|contact|speak with|speak to|talk to|talk with) (?:me|us) "
               rf"(?:about|regarding|for) (?:a|an|the|any|some|your|that|this) (?:\w+ )?(?:{_JOB}|vacanc(?:y|ies))\b",
     None, False),
    # something on offer for the learner ("anything suitable for me")
    ("opening", rf"\b(?:anything|something) (?:\w+ )?for {_ME}\b(?! to\b)", _YOU_WORD, False),
    # the learner joining them
    ("direct", rf"\bi (?:could|can|might|may) (?:\w+ )?join (?:you|your \w+|the (?:team|company|firm|department))\b",
     None, False),
    # asking them, by a gerund, to act for the learner ("Would you be comfortable referring me?")
    ("word", r"\b(?:would|could|will|might) you (?:\w+ ){0,3}(?:referring|recommending|nominating|suggesting|"
             r"vouching for|backing|hiring|interviewing|employing|putting forward) (?:me|my)\b", None, False),
    # room for one more on their team
    ("opening", r"\b(?:any|some|a|the) (?:room|space|place|spot) (?:in|on|at|within) (?:your|you) (?:\w+ )?for "
                r"(?:a|an|another|one more|someone|somebody|me|people|new)\b", None, True),
    # "..., and could I be one (of them)?" after asking whether they take people on
    ("direct", r"\b(?:could|can|might|may) i (?:be|become) one\b",
     re.compile(r"\b(?:taking|take|hiring|hire|recruiting|recruit|looking for|need|needs|want|wants)\b"), True),
    # visa sponsorship by their organisation presupposes a job there
    ("direct", r"\bsponsor (?:me|my (?:visa|work permit|permit))\b", _YOU_WORD, True),
    # passing it (the application) on to whoever hires
    ("cv", rf"\b(?:pass|send|forward|give|hand|show) (?:it|them) (?:on |along |over )?to (?:the |your |a |an )?(?:\w+ )?"
           rf"(?:{_HIRER}|manager|boss|panel|director)\b", re.compile(rf"\b(?:{_DOCS})\b"), True),
    # their help as the learner's way in
    ("introduction", rf"\b(?:a|my) (?:way|route|ticket|door|path) (?:in|into|onto) (?:at |with )?(?:your|you)\b"
                     rf"(?! {_FIELD_WORDS}\b)", None, False),
    # the learner, the worker they need ("Does your company need a new graphic designer? I am one.")
    # anyone on their team needing a worker of some kind ("whether anybody in your unit needs an assistant")
    ("hiring", r"\b(?:anyone|anybody|someone|somebody|one of you) (?:(?:in|at|on) your \w+ )?(?:currently |still )?"
               r"(?:needs|wants|requires|is looking for) (?:a|an|another|some|more|new|extra) (?:\w+ )?(?:junior|intern|trainee|"
               r"assistant|apprentice|helper|hand|person|member of staff|\w+(?:er|or|ist|ian|eer))s?\b", _YOU_WORD, False),
    # the learner offering themselves ("I'm your woman"), or ready to start
    ("direct", r"\bi am (?:your|the) (?:man|woman|person|guy|girl|candidate|one)\b",
     re.compile(rf"\b(?:{_JOB}|need|needs|opens|comes up|hiring|recruit\w*)\b"), True),
    ("direct", r"\bi (?:can|could|am (?:available|ready|free|happy|able) to|would be (?:available|ready|happy|able) to) "
               r"start (?:straight away|right away|immediately|tomorrow|next (?:week|month)|from|on|whenever|as soon as|any time|"
               r"anytime)\b", _YOU_WORD, False),
    # they, using the learner ("Could your team use someone like me?")
    ("hiring", rf"\b(?:could|can|would|might) (?:you|your \w+|they) (?:ever |possibly )?use (?:{_ME}|an extra|another|"
               rf"one more|more|extra|a spare) ?(?:pair of hands|pairs of hands|hands|help|people|person|staff)?\b",
     None, False),
    # the learner's name raised, floated, whispered to whoever decides
    ("word", r"\b(?:float|whisper|raise|drop|push|mention|suggest|put up|bring up|throw) my name\b", _YOU_WORD, False),
    ("word", r"\bmake (?:a|the) (?:good |strong )?case for (?:me|my (?:application|cv|hiring))\b", None, True),
    # signed up for their scheme, squeezed in as one more trainee
    ("direct", rf"\bsign me up (?:for|to|on) (?:your|the) (?:\w+ )?(?:{_JOB}|scheme|programme|program|intake|rota)\b",
     None, False),
    ("hiring", r"\b(?:fit|squeeze|take|bring) in (?:another|one more|an extra|a new) (?:\w+ )?(?:intern|trainee|junior|"
               r"person|apprentice|assistant|starter|hire|recruit|graduate)s?\b", _YOU_WORD, False),
    # the learner's CV sent to "the right person" there
    ("cv", rf"\bmy (?:\w+ )?(?:{_DOCS}) to (?:the right (?:person|people|desk)|whoever (?:hires|decides|deals with it))\b",
     None, True),
    ("hiring", r"\b(?:you|your \w+|they) (?:currently |still )?(?:need|needs|want|wants|require|requires) "
               r"(?:a |an |another |any |some |more |new |extra )+(?:\w+ ){0,2}\w+(?:er|or|ist|ian|eer)s?\b"
               r"(?: (?:right now|at the moment|currently|soon|this year|next year|at present))?(?:$| i am one\b| like me\b)",
     None, False),
    # a post they might have, in the conditional ("in case you have any suitable roles")
    ("opening", rf"\b(?:in case|if|should|whenever|when) you (?:ever |do |happen to )?(?:have|get|hear of|come across|"
                rf"know of|see|spot) (?:any|a|an) (?:\w+ )?{_JOB}\b", None, True),
    # an extra pair of hands, if they need one
    ("hiring", r"\b(?:if|when|whenever|should) (?:you|your \w+) (?:ever )?(?:need|needs|want|could use|are looking for|"
               r"is looking for) (?:an extra|another|more|extra|some extra|a spare|a new) (?:pair of hands|pairs of hands|"
               r"hands|help|person|people|staff|member)\b", None, True),
    # talking to them (or someone) about a post for the learner on their team
    ("introduction", rf"\b(?:speak|talk|ask|contact|approach|write|go) (?:to |with )?(?:\w+ ){{0,2}}about (?:a|an|any|"
                     rf"getting a|getting an) (?:\w+ )?{_JOB} (?:on|in|at|with|within) (?:your|you)\b"
                     rf"(?! {_FIELD_WORDS}\b)", None, True),
    # the learner as their intern, trainee, new hire
    ("direct", r"\bi (?:\w+ )?(?:be|become|start as) your (?:\w+ )?(?:intern|trainee|apprentice|assistant|employee|"
               r"hire|starter|junior|volunteer|colleague|recruit)s?\b", None, True),
    # admitting the learner: bring, get, welcome me on board, into their team
    ("direct", rf"\b(?:bring|get|let|take|welcome|fit|squeeze|slot|have) (?:me|us) (?:on board|aboard|onboard|in|into|onto)"
               rf"(?: (?:your|the) (?:\w+ )?{_WORKPLACE}\b| at (?:your|you)\b|$)", _YOU_WORD, False),
    # a chance, scope or room for the learner to start, join, work with them
    ("direct", rf"\b(?:opportunit(?:y|ies)|chance|scope|room|space|possibility|way) for {_ME} to (?:\w+ )?"
               rf"(?:join|work|start|intern|volunteer|train|come|be hired|be taken on|help out)\b", _YOU_WORD, False),
    # taking a chance on the learner; whether they would have, take or want the learner
    ("direct", r"\b(?:take|took|taking) (?:a|the) (?:chance|punt|gamble|risk|bet) on (?:me|someone like me)\b", _YOU_WORD, True),
    ("direct", r"\b(?:would|will|might|could) (?:they|you|your \w+|the \w+) (?:ever |really )?(?:have|take|want|accept) (?:me|us)$",
     None, False),
    # telling whoever hires that the learner is on the market
    ("introduction", rf"\b(?:tell|let|inform|mention to|remind) (?:the |your )?(?:\w+ )?(?:{_HIRER}|manager|boss|director|"
                     rf"team lead|team leader|supervisor|editor|partner|partners) (?:know )?(?:that )?i (?:\w+ ){{0,2}}"
                     rf"(?:job hunting|job seeking|on the (?:job )?market|looking for (?:work|a job|a role|a post|a position)|"
                     rf"open to offers|available)\b", None, False),
    # asking them to tell anyone else (their contacts, friends, the people they refer the learner to)
    # that the learner wants work: a referral turned into a job hunt
    ("introduction", r"\b(?:tell|let|inform|mention to|remind|pass on to|say to) (?!me\b|us\b)(?:\w+ ){1,5}(?:know )?(?:that )?"
                     r"i (?:\w+ ){0,2}(?:job hunting|job seeking|on the (?:job )?market|(?:looking|searching|hunting) "
                     r"(?:for|out for) (?:work|a job|jobs|a role|roles|a post|posts|a position|positions|employment|"
                     r"an opening|openings|a placement)|open to offers|available (?:to start|for work|to work|for hire))\b",
     None, True),
    # they, looking for (or after) someone like the learner
    ("hiring", rf"\b(?:looking for|in need of|seeking|after|need|needs|want|wants) {_ME}\b", _YOU_WORD, False),
    # the learner offering paid work
    ("direct", r"\bi (?:\w+ ){0,2}(?:work|help out|start|come in|join) as (?:a|an|your) (?:paid|salaried|part time|"
               r"temporary|full time) \w+", _YOU_WORD, False),
    # acting on the learner's behalf, in support of the learner
    ("word", r"\b(?:on my behalf|on behalf of me|in support of (?:me|my))\b", _YOU_WORD, False),
    ("word", r"\b(?:fight|argue) my corner\b|\bgo to bat for me\b|\b(?:stick|stand) up for me\b",
     re.compile(rf"\b(?:{_JOB}|interviews?|hiring|recruit\w*|trainees?|candidates?|applicants?|choose|chooses|pick|"
                rf"picks|select|selects|shortlist\w*|applications?)\b"), False),
    # using their name as a referral
    # (only beside hiring words: "may I mention that you sent me?" is the referral permission
    # the lessons teach; "tell the recruiter you referred me" is a job ask)
    ("introduction", r"\b(?:you|your \w+) (?:had )?(?:referred|recommended|sent|suggested|put forward|nominated|"
                     r"pointed) me\b", _HIRING_CUE, False),
    ("introduction", r"\b(?:use|mention|drop|give|quote) your name\b", _HIRING_CUE, False),
    # talking the learner up
    ("word", r"\b(?:talk|big|speak|play|sell) (?:me|my \w+) up\b", None, True),
    ("direct", rf"\b(?:help|let|allow|get) (?:me|my (?:\w+ )?(?:{_DOCS})) (?:to )?(?:be|get) {_EMPLOYER_ACT}{_SELECTED_BY}",
     None, False),
    ("direct", rf"\b(?:take on|taking on|hire|hiring|employ|employing) {_ME}\b", None, False),
    ("direct", rf"\b(?:consider|considering) (?:taking on |hiring |employing |interviewing )?{_ME}{_SELECTED_BY}",
     None, False),
    # questions about the person's power to get the learner hired
    ("power", rf"\b(?:you|your \w+) (?:\w+ ){{0,2}}(?:have|get|exert|use|got) (?:any |much |some |a |the |a bit of )?"
              rf"{_POWER} (?:in|over|on|into|about|when it comes to) {_HIRING_CHOICE}", None, False),
    ("power", rf"\b(?:you|your \w+) (?:\w+ ){{0,2}}(?:influence|sway|affect) {_HIRING_CHOICE}", None, False),
    ("power", rf"\b(?:use|using) your (?:influence|pull|contacts|connections|sway|clout)\b", None, False),
    ("power", r"\bpull (?:a few |some |any |a couple of )?strings\b", None, True),
    ("power", rf"\b(?:are|is) (?:you|your \w+) (?:\w+ )?(?:allowed|able|permitted|in a position) to (?:\w+ ){{0,2}}"
              rf"(?:refer|recommend|nominate|put forward|hire|take on|interview|shortlist|employ|recruit|offer|bring|"
              rf"put|get) (?:(?:me|my)\b|(?:people|candidates|someone|anyone|applicants|friends|contacts|others) "
              rf"(?:for|to) (?:\w+ ){{0,2}}(?:{_JOB}|interviews?)\b)", None, False),
    ("power", rf"\b(?:power|authority|clout) to (?:hire|bring|get|take|put|offer|recruit) (?:me|someone like me)\b",
     None, True),
    # how the learner might land a post with them (their team, their firm; not "your field")
    ("apply", rf"\bi (?:\w+ ){{0,3}}(?:get|getting|land|landing|secure|securing|find|finding|win|winning) "
              rf"(?:a |an |the |any |some |one )?(?:\w+ ){{0,2}}(?:{_JOB}|interviews?) (?:at|with|in|on|within) "
              rf"(?:you|your)\b(?! {_FIELD_WORDS}\b)", None, True),
    ("apply", rf"\b(?:ok|okay|alright|all right|fine|possible) (?:if i|for me to|that i) (?:\w+ )?(?:apply|applied) "
              rf"(?:to|at|with|for|directly to) (?:you|your)\b", None, False),
    # the learner working, starting, volunteering with them
    ("direct", rf"\b(?:me|i) (?:to )?(?:could |can |might |would )?(?:work|start|intern|volunteer|join|train) "
               rf"as (?:a|an) (?:\w+ )?\w+ (?:in|at|for|with|on) (?:your|you)\b", None, False),
    ("direct", r"\bif you would (?:be willing to |like to |want to )?have me\b", None, True),
    ("direct", r"\btake me (?:on )?as (?:a|an|your) \w+", None, True),
    ("direct", rf"\b(?:give|offer|find|get) (?:me|us) (?:some|any|a bit of|a little|regular) (?:\w+ )?"
               rf"(?:work|shifts|hours)\b", None, False),
    ("direct", rf"\b(?:can|could|may|might) i (?:come in |come |pop in |be invited )?(?:for|to|attend|have|get|sit|do) "
               rf"(?:a |an )?(?:\w+ )?(?:interview|trial shift|trial day|trial|assessment day)\b", None, False),
    # openings sent the learner's way
    ("mind", r"\b(?:send|pass|forward|point|throw|push|direct|steer) (?:\w+ ){0,3}(?:my way|in my direction|"
             r"towards me)\b", _JOB_WORD, True),
    # a post on their team that the learner would fill
    ("opening", rf"\b(?:a|an|any|some) (?:\w+ )?{_JOB} (?:(?:on|in|at|with|within) (?:your|the) \w+ )?(?:that |which )?"
                rf"i (?:could|can|might|would|may) (?:be )?(?:fill|fit|fit into|slot into|suit|be right for|"
                rf"be suited to|step into|do|take|apply for|go for|be considered for|be put forward for)\b",
     _YOU_WORD, False),
    # they, interested in the learner
    ("direct", rf"\b(?:you|your \w+|they|the \w+) (?:\w+ ){{0,2}}(?:be |is |are )?interested in (?:hiring |meeting |"
               rf"interviewing |taking on )?(?:{_ME}|my (?:\w+ )?(?:cv|resume|application|profile|portfolio))\b",
     None, False),
    # speaking up for the learner to whoever decides
    ("word", r"\b(?:recommend|suggest|nominate|propose) (?:me|my name|my cv|my application) (?:for|to|as)\b"
             r"(?! (?:\w+ )?(?:books?|courses?|reading|people|someone|anyone|events?)\b)", None, False),
    ("word", r"\bnominate me\b", None, True),
    ("introduction", rf"\b(?:tell|let|inform|ask|remind) (?:the |your )?(?:\w+ )?(?:{_HIRER}|manager|boss|director|"
                     rf"head of \w+|team lead|team leader|supervisor) (?:know )?(?:that )?i (?:\w+ ){{0,4}}"
                     rf"(?:interested|keen|available|eager|chance|interview|apply|applying|applied|{_JOB})\b",
     None, False),
    # a place on their list of candidates
    ("reference", r"\b(?:add|put|place|keep|get) (?:me|my name|my cv|my details) (?:on|onto|to|in|into) "
                  r"(?:the |your |a )?(?:\w+ ){0,2}(?:pool|list|register|books|database|pipeline)\b",
     re.compile(r"\b(?:candidates?|talent|interviews?|hiring|recruit\w*|applicants?|books|pipeline|"
                r"vacanc(?:y|ies)|roles?|jobs?|positions?)\b"), False),
    # the learner's CV or application seen, noticed, pushed to the top
    ("cv", rf"\b(?:get|make sure|ensure|see that|see to it that) my (?:\w+ )?(?:{_DOCS}) (?:gets? |is )?"
           rf"(?:seen|noticed|looked at|read|considered|reviewed|through|to the top|on top|picked up|fast tracked)\b",
     None, False),
]
_STRUCTURAL_COMPILED = [(kind, re.compile(pattern), requires, wh) for kind, pattern, requires, wh in _STRUCTURAL]
