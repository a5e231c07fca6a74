"""Everyday English words, for the detector of names (:mod:`helpers.core.detect`).

A capitalised word in the middle of a sentence that is not an everyday word looks like a
name; a name from the log that is also an everyday word ("Hope", "Grant", an organisation
called "Next") counts only when written with a capital letter. These lists say which words
are everyday words. They are general lists (frequent English words, titles, acronyms), not
tuned to any example; :func:`is_common` also accepts the usual endings (-s, -es, -ed, -ing,
-ly, -er, -ers).

>>> is_common("hospitals"), is_common("kestrelfinch")
(True, False)
"""
from __future__ import annotations

_TEXT = """
a about above across act action actually add added adding advice advise after afternoon again against
age agency ago agree ahead aim all allow almost alone along already also although always am among an
analysis analyst and annual another answer any anyone anything anyway apply approach april are area
around arrive art article as ask asked asking at attention august autumn available average away back
bad bag balance bank base based basic be became because become been before began begin behind being
believe below best better between big biggest bill billing bit black board body book both bottom box
boy break bring brought budget build building business busy but buy by call called came can cannot
car card care career careful case cause centre center certain chair chance change charge check chief
child children choice choose city claim class clear clearly client clinic clinical close coach code
cold colleague colleagues college come comes coming common community company compete competitive
computer concern consider contact contract control cook cool copy corner cost could council count
country couple course cover create cross cup current customer customers cut cuts daily dark data date
daughter day days deal dear decide decision deep degree department depend describe design desk detail
details develop development did die difference different difficult digital dinner direct director
do doctor does doing done door double down draw dream drive drop during each early earn east easy
eat economy edge education effect effort eight either else email employer employers end energy enjoy
enough enter entire entry environment equal even evening event events ever every everyone everything
exactly example experience expert explain eye face fact factory fail fair faith fall family far fast
father feel feeling few field fight figure file fill final finance financial find fine finish fire
firm first fit five floor fly focus follow food foot for force form former forward found four free
friday friend friends from front full fun fund future game general get gets getting give given glad
go goal going gone good got government grace grade grant great green ground group grow growth guess
guy had half hall hand happen happy hard has have having he head health healthcare hear heard help
her here high him himself hire hiring his history hit hold holiday home hope hospital hot hour hours
house how however huge human hundred i idea if important in include including increase industry
information inside instead interest interested interesting internal interview interviews into is
issue it its itself job jobs join joy july june just keep key kid kind know knowledge known lack
land language large last late later law lead leader learn learned least leave left legal less let
letter level life light like likely line list listen little live local long look looking lose loss
lot love low lunch machine made main major make maker manager managers many march mark market
matter may maybe me mean meet meeting member men mention message middle might mile million mind
minute miss model moment monday money month months more morning most mother move much must my
myself name national natural near need needed network never new news next nice night nine no none
nor north not note nothing notice now number nurse nurses of off offer office officer often oh ok
okay old on once one only open opening operation option or order organisation organization other
others our out outside over own page paid paper parent part party pass past patient patients pay
people per perhaps period person personal phone pick picture piece place plan plant play please
plus point policy poor position possible post posts power practice practise present president
pretty price private probably problem process produce product professional program project
property provide public pull purpose push put quality question questions quick quickly quite
raise range rate rather reach read ready real really reason receive recent recently record red
reduce region remain remember report research resource respond rest result return right rise
risk road role room rose round rule rules run safe said sale same saturday save say says school
science second section sector security see seem seen sell send senior sense series serious serve
service services set seven several shall share she short should show side sign similar simple
since single sister sit site situation six size skill skills small so social some someone something
sometimes son soon sort sound source south space speak special spend spring staff stage stand
standard start state statement stay step still stop story strategy street strong student students
study stuff style subject success such suggest summer sunday support sure system table take taken
talk task tax team teams technology tell ten term test than thank thanks that the their them
themselves then theory there these they thing things think third this those though thought thousand
three through thursday time to today together told tomorrow too top total tough toward towards
town trade training travel treat tree trend trends trial trip true trust try tuesday turn two type
under understand union unit until up upon us use used useful user usually value various very view
visit voice wait walk wall want war ward watch water way we wednesday week weekend weeks well went
were west what whatever when where whether which while white who whole whom whose why wide wife will
win winter with within without woman women word words work worker workers working world worry would
write writing wrong year years yes yesterday yet you young your yourself
accountant accountants accounting admin administrator advisor adviser apprentice apprenticeship
assistant associate banker billing buyer ceo cfo chef clerk coder consultant coordinator counsellor
designer developer developers engineer engineers executive founder graduate graduates head intern
internship junior lawyer lecturer librarian mentor owner partner pharmacist planner programmer
recruiter recruiters retired scientist specialist supervisor teacher teachers technician trainer
trainee volunteer analysts informatics scheduling booking software hardware cloud tools tool
english french german spanish italian dutch polish chinese japanese indian british european american
african asian welsh scottish irish
january february
apple apples orange oranges lemon banana bread butter cake cheese coffee tea milk sugar salt pepper
rice bean beans egg eggs fish meat chicken fruit vegetable vegetables shell shells boot boots shoe
shoes target targets gap gaps sun moon star stars sky rain snow wind storm river lake sea ocean
hill hills mountain forest garden gardens flower flowers leaf tree trees grass stone rock sand gold
silver iron steel glass wood paper plastic oil gas coal metal cotton wool silk bell bells ring rings
king queen prince crown castle bridge tower gate gates bank banks wall walls window windows roof
kitchen bed chair table desk lamp clock phone phones screen key keys lock door road roads street
bus train plane ship boat bike car cars truck van wheel engine fuel shop shops market markets
mall hotel cafe bar pub club gym park parks church school farm field fields port station
dog dogs cat cats horse bird birds fox wolf bear lion tiger eagle bee bees
bright dark quiet loud fresh clean dirty warm cool wet dry soft hard heavy light sharp smooth
rough rich poor cheap expensive modern ancient early late quick slow happy sad angry calm
brave kind gentle wise proud honest fair strange normal regular simple complex basic advanced
linkedin zoom excel powerpoint python java javascript slack github indeed glassdoor whatsapp youtube
twitter facebook instagram tiktok teams outlook
"""

_ACRONYMS = """
ai am api b2b b2c ba bsc cad cfo ceo cio coo cpd cto cv cx dei eu faq fe gcse gdpr gp hmrc hr
id it itil kpi kpis llm ma mba ml msc mvp nda ngo nhs nvq ok okr pa pdf phd pm pr qa r&d roi saas
seo sme sql tv uk ui un us usa ux vat vp
"""

#: Everyday words (folded: lower case, no accents).
COMMON: frozenset[str] = frozenset(_TEXT.split())

#: Acronyms that name no one ("HR", "NHS", "SQL"): not taken for initials or names.
ACRONYMS: frozenset[str] = frozenset(_ACRONYMS.split())

#: Everyday words that are also first names: capitalised in mid-sentence they still look like a name.
WORD_NAMES: frozenset[str] = frozenset("""
amber bill cherry dawn drew faith frank grace grant hazel holly hope iris ivy jack jade
joy mark max olive pat pearl penny rich rose ruby sandy sky summer sunny victor will
""".split())

#: Titles before a surname ("Dr Li", "Ms. Okafor").
TITLES: frozenset[str] = frozenset("dr mr mrs ms mx miss prof professor sir dame rev lord lady".split())

#: Verbs of saying: a capitalised word at the start of a sentence followed by one of these is
#: probably a person ("Priya said ...").
SPEECH_VERBS: frozenset[str] = frozenset("""
said says told tells mentioned suggested thinks thought asked recommended explained advised
introduced offered wrote emailed called replied shared noted added warned agreed insisted
""".split())


def is_common(word: str) -> bool:
    """True when a folded word is an everyday word, also with a usual ending.

    >>> is_common("watching"), is_common("priyanka")
    (True, False)
    """
    if word in COMMON:
        return True
    for ending, back in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("ly", ""), ("ers", ""), ("er", ""), ("'s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if word[: -len(ending)] + back in COMMON:
                return True
    return False
