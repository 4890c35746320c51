"""Word lists for claims: verbs (to find a clause's finite verb), frames (speech, belief,
denial), and the words that mark a non-claim (future, opinion, question) or a hedge.
Kept apart from `lexicon` until they are merged there."""

from __future__ import annotations

from functools import cache

# Finite auxiliaries and modals: a clause with one of these has a finite verb.
AUXILIARIES = frozenset(
    "is are was were am has have had do does did will would can could may might must shall "
    "should isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't "
    "wouldn't can't cannot couldn't mustn't shouldn't".split()
)
# Contracted subjects: "it's", "she'd", "they're", "we've", "he'll".
CONTRACTIONS = ("'s", "'re", "'ve", "'d", "'ll", "'m", "n't")
PRONOUN_SUBJECTS = frozenset("i you he she it we they there this that these those who".split())
POSSESSIVES = frozenset("my your his her its our their".split())

# Common verbs, base forms; inflections are made by rule, irregular ones listed below.
_VERBS = """
accept accuse acknowledge act add address admit affect agree aim allow announce answer
appear apply appoint approve argue arrest arrive ask assert attack attempt attend avoid
back ban bar base battle become begin believe benefit blame block board boost borrow
break bring build burn buy call campaign cancel carry cast cause cede challenge change
charge cheer choose cite claim close collapse collect come comment commit compare
complain complete comply concede conclude condemn confirm consider contain continue
contribute control convict cost count cover create criticize cross cut damage deal
debate decide decline defeat defend define deliver demand deny deploy describe design
destroy develop die disclose discover discuss dismiss display dispute donate double
draw drop earn ease elect eliminate emerge employ enable end endorse engage enjoy
ensure enter escape escort establish estimate exceed exist expand expect explain
expose extend face fail fall fan favor fear feel fight file fill finance find finish
fire flee focus follow force form found freeze fuel fund gain gather get give go
govern grow guard halt handle happen head hear help hide hire hit hold host hurt
identify ignore impose improve include increase indicate infiltrate inform insist
introduce invade invest investigate involve issue join jump keep kill know land launch
launder lead learn leave lend let lie like limit link list live lose lower maintain
make manage march mark marry matter mean meet mention miss move name need negotiate
note notice object obligate offer open operate oppose order oversee own participate
pass pay permit pick pitch place plan plant play pledge plunge point post praise
predict prepare present press prevent produce profile prohibit promise promote
propose protect protest prove provide publish pull push put raise rank reach read
receive recognize record recover reduce refuse reject release rely remain remove
repeat replace report represent require resign resist respond rest result retain
return reveal rise rule run save say score see seek seem sell send serve set settle
share shift shoot show sign sink sit slam slip slow sound speak spend spot spread
stand start state stay step stop strike struggle study submit succeed suffer suggest
support surge survive suspend sweep take talk target tell tend testify thank think
threaten top total touch track trade train travel treat trigger try turn urge use
veto view violate visit vote wait walk want warn watch wave win withdraw work worry
write vie flout spar imply implicate empower require outnumber outpace dominate belong
deserve earn exploit profit regain remind seize shape shut skip smash spark speculate
stage stem storm sue swing tackle tie tour trail undermine unveil wage weigh worsen yield
drift snore chant wave cheer drop marvel struggle lag rally hover air echo
drive eat drink sleep wake buy pay owe own rent sell ship carry fly sail ride swim climb
fall jump kick throw catch hold grab push pull lift drop pour fill empty clean wash cook
bake grow plant harvest feed raise breed hunt fish mine drill dig build repair fix paint
print publish broadcast air stream post share tweet email call text phone visit meet greet
host invite attend skip miss arrive depart leave stay move settle migrate flee escape hide
seek search look find lose win beat tie trail lead follow chase pass overtake outscore
score earn spend save invest borrow lend owe charge bill tax fine sue arrest jail detain
release free pardon convict acquit sentence appeal overturn uphold rule hear try judge
testify swear lie cheat steal rob attack shoot stab kill murder wound injure hurt harm
threaten protect defend guard shield rescue save treat heal cure vaccinate test screen
diagnose admit discharge operate prescribe hire fire employ recruit train teach learn
study graduate enroll apply qualify register vote elect nominate appoint promote demote
resign retire quit join leave form found merge split divide share combine add subtract
double triple halve cut slash trim reduce lower raise boost lift increase decrease climb
rise fall drop soar plunge plummet jump surge dip slide slip recover rebound stabilize
grow shrink expand contract widen narrow close open launch start begin end finish stop
halt pause resume continue delay postpone cancel schedule plan organize arrange host hold
stage mark celebrate honor mourn remember forget ignore notice observe watch monitor
track trace check verify confirm deny admit concede accept reject refuse decline agree
disagree argue debate discuss negotiate bargain trade exchange swap replace substitute
supply provide offer give grant award donate contribute fund finance sponsor back support
oppose resist fight battle clash collide crash explode burn flood collapse erupt spread
infect contaminate pollute poison damage destroy ruin wreck demolish rebuild restore
produce manufacture assemble export import sell deliver distribute transport carry haul
represent serve govern manage run operate control oversee regulate inspect audit review
approve reject veto sign ratify enact pass repeal amend adopt implement enforce apply
comply violate breach break obey respect honor reflect show reveal expose hide disclose
leak publish report announce declare state claim allege assert insist maintain contend
speculate estimate calculate measure count total number average range reach exceed top
surpass trail lag match equal rival dominate control own possess hold contain include
involve require need lack miss want wish prefer like love hate fear dread worry doubt
suspect believe know understand realize recognize remember recall describe explain
suffer struggle strive endure survive thrive flourish prosper fail succeed manage cope
"""

# Irregular past and participle forms (and a few present ones) that rules would miss.
IRREGULAR = frozenset(
    """
    was were been had did done went gone came took taken made gave given saw seen left
    began begun became held ran sent won lost got gotten knew known told thought brought
    bought built met led paid put set kept spent stood fell fallen rose risen grew grown
    drew drawn wrote written spoke spoken broke broken chose chosen drove driven flew flown
    hit cut let read sold sought taught understood wore struck found said felt meant heard
    fought caught sat lay laid hung shot fled sank sunk swept withdrew withdrawn froze
    frozen forbade forgave forgot forgotten hid hidden overtook oversaw rang rode sang shut
    slid split spread stole stuck swore threw thrown woke beat bore born arose dealt dug
    fed forecast lent lit quit shed shook slept sprang strove swung tore torn underwent
    upheld won wound has does goes says cost cast hurt bet burst fit
    """.split()
)
# Participles that are never finite on their own ("a letter written by").
PARTICIPLES = frozenset(
    """been done gone taken given seen begun known written spoken broken chosen driven flown
    fallen risen grown drawn gotten withdrawn frozen forgotten hidden sunk thrown torn born
    stolen shown""".split()
)

# Verbs that tell of speech: their content is reported ("said that ...").
SPEECH_FRAMES = frozenset(
    """say says said saying tell tells told add adds added write writes wrote argue argues
    argued claim claims claimed state states stated declare declares declared announce
    announces announced explain explains explained note notes noted suggest suggests
    suggested acknowledge acknowledges acknowledged admit admits admitted assert asserts
    asserted contend contends contended maintain maintains maintained report reports
    reported reveal reveals revealed confirm confirms confirmed insist insists insisted
    warn warns warned recall recalls recalled concede concedes conceded observe observes
    observed tweet tweets tweeted testify testifies testified allege alleges alleged
    conclude concludes concluded charge charges charged counter counters countered
    emphasize emphasizes emphasized stress stresses stressed complain complains complained
    point points pointed mention mentions mentioned recount recounts recounted boast boasts
    boasted find finds found show shows showed indicate indicates indicated agree agrees
    agreed according continue continues continued remark remarks remarked hint hints hinted
    accuse accuses accused accusing deny denies denied dispute disputes disputed telling
    adding noting arguing insisting
    warning writing claiming stating explaining declaring announcing acknowledging
    admitting asserting contending maintaining confirming recalling conceding stressing
    complaining""".split()
)
# Verbs and adjectives of belief: their content is a belief ("Ankara considers ...").
BELIEF_FRAMES = frozenset(
    """believe believes believed think thinks thought consider considers considered feel
    feels felt fear fears feared suspect suspects suspected know knows knew worry worries
    worried doubt doubts doubted afraid concerned convinced confident sure certain aware
    skeptical""".split()
)
# Frames that deny their content: the claim is the denial, frame verb included.
DENIAL_FRAMES = frozenset("deny denies denied dispute disputes disputed".split())
# Frames whose content is a wish, plan, promise or prediction: not a claim.
FUTURE_FRAMES = frozenset(
    """promise promises promised vow vows vowed pledge pledges pledged predict predicts
    predicted expect expects expected hope hopes hoped plan plans planned intend intends
    intended want wants wanted urge urges urged call calls called ask asks asked demand
    demands demanded propose proposes proposed threaten threatens threatened
    recommend recommends recommended""".split()
)
# Emotion words that frame a clause the same speaker asserts: "she's glad (that) X".
EMOTION_FRAMES = frozenset(
    "glad happy pleased proud sorry sad surprised relieved thankful grateful delighted".split()
)
# Words that negate a frame: "did not say", "nor have they denied", "declined to confirm".
NEGATORS = frozenset(
    "not never nor neither no n't didn't doesn't don't hasn't haven't hadn't won't "
    "wouldn't couldn't can't cannot refused declined".split()
)

# The first verb of a clause that makes it future, prescriptive or counterfactual.
FUTURE_MODALS = frozenset(
    [*"will would should shall must won't wouldn't shouldn't 'll".split(), "’ll"]
)
# Modals that predict unless they look back ("could have", "could not").
WEAK_MODALS = frozenset("could can might".split())
# Phrases that make a clause a plan or prediction: "is going to", "plans to".
FUTURE_PHRASES = (
    "going to",
    "plans to",
    "plan to",
    "planned to",
    "intends to",
    "intend to",
    "aims to",
    "hopes to",
    "hope to",
    "expected to",
    "expects to",
    "is likely to",
    "are likely to",
    "is set to",
    "are set to",
    "stands to",
    "is poised to",
    "about to",
    "vowed to",
    "promised to",
    "pledged to",
    "vows to",
    "promises to",
    "pledges to",
    "looks forward",
    "look forward",
    "likely to",
    "needs to",
    "need to",
    "has to",
    "have to",
    "had better",
    "ought to",
)
# Predicates that state an opinion, not a fact: "That looks unlikely."
OPINION_WORDS = frozenset(
    """disgusting disgrace disgraceful shameful outrageous absurd ridiculous laughable
    obvious clear unlikely impossible terrible horrible awful wonderful great amazing
    fantastic incredible beautiful ugly stupid foolish silly crazy insane pathetic sad
    tragic unacceptable appalling deplorable despicable wrong fair unfair important
    mixed better best worse worst good bad nice evil fraud idiot liar hypocrite wise
    shrill scary funny insult needed necessary essential crucial vital hard easy difficult
    tough unclear uncertain scathing conciliatory convinced forgiving divided cautious
    unimpressed blunt defiant skeptical sceptical optimistic pessimistic upbeat downbeat
    unmoved unrepentant guarded dismissive enthusiastic wary""".split()
)
# Judgements strong enough to make any clause holding them an opinion.
STRONG_OPINION = frozenset(
    """terrible disgusting absurd ridiculous outrageous shameful disgraceful pathetic
    deplorable despicable appalling horrible awful idiotic stupid""".split()
)
# Links that make "X is/looks OPINION" a judgement.
COPULAS = frozenset(
    "is are was were be been being looks look looked seems seem seemed sounds sounded feels "
    "felt".split()
)

# Words that hedge a clause (an approximation, "about 73%", is no hedge).
HEDGE_WORDS = frozenset(
    """may might could reportedly allegedly apparently perhaps possibly probably likely
    suggests suggested suggesting seemingly purportedly presumably""".split()
)
HEDGE_PHRASES = ("appears to", "appear to", "appeared to", "seems to", "seem to", "seemed to")

# Conjunctions that may join two independent clauses.
COORDINATORS = frozenset("and but yet so while whereas although though".split())
# A clause that starts with one of these is subordinate (not asserted on its own).
CONDITIONALS = frozenset("if unless suppose supposing imagine assuming provided".split())
QUESTION_WORDS = frozenset("who what when where why how whether which".split())
# Sentence openers that carry no content: dropped from the evidence's start.
DISCOURSE_OPENERS = frozenset(
    """but and so yet still also indeed moreover meanwhile however nonetheless nevertheless
    instead similarly likewise besides furthermore thus then now plus or""".split()
)
DISCOURSE_PHRASES = (
    "for starters",
    "at the very least",
    "at least",
    "to begin with",
    "for instance",
    "for example",
    "in addition",
    "in fact",
    "of course",
    "after all",
    "at the same time",
    "on the other hand",
    "in other words",
    "as a result",
    "to be sure",
)
# Nouns that make an existential sentence a judgement: "There is no need ...".
JUDGEMENT_NOUNS = frozenset(
    "need needs way reason reasons chance doubt question excuse point concern concerns".split()
)
# Imperatives that open a reader appeal or an instruction: "Click here", "Sign up".
IMPERATIVES = frozenset(
    """click follow read sign subscribe share watch see look listen tell imagine let get
    join download visit like check learn find contact email call send support donate
    consider remember note stop show fill sell be keep give take try make go""".split()
)
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some any no every each "
    "all both many most several few one two three four five six seven eight nine ten".split()
)


@cache
def verb_forms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(base forms, third-person forms, past forms) of the common verbs."""
    bases = frozenset(_VERBS.split())
    third, past = set(), set()
    for v in bases:
        if v.endswith(("s", "sh", "ch", "x", "z", "o")):
            third.add(v + "es")
        elif v.endswith("y") and v[-2] not in "aeiou":
            third.add(v[:-1] + "ies")
        else:
            third.add(v + "s")
        if v.endswith("e"):
            past.add(v + "d")
        elif v.endswith("y") and v[-2] not in "aeiou":
            past.add(v[:-1] + "ied")
        else:
            past.add(v + "ed")
            if (
                len(v) <= 4
                and v[-1] not in "aeiouwxy"
                and v[-2] in "aeiou"
                and v[-3] not in "aeiou"
            ):
                past.add(v + v[-1] + "ed")  # ban -> banned, slam -> slammed
    return bases, frozenset(third), frozenset(past) | IRREGULAR


@cache
def inflected() -> frozenset[str]:
    """Third-person and past forms of the common verbs (and the irregular ones)."""
    _, third, past = verb_forms()
    return third | past
