"""Word lists for the rules engine: speech cues, titles, abbreviations, organisation words,
countries, and the small words the speech patterns test. Patterns live with the code
that uses them; the words they are built from live here."""

from __future__ import annotations

from functools import cache

# Verbs (and fixed phrases) that introduce speech or a stated belief, in the forms
# news prose uses. "said" and "told" lead; beliefs ("considers") count too.
_CUE_STEMS = """
say says said saying tell tells told telling add adds added adding write writes wrote
writing argue argues argued arguing warn warns warned warning insist insists insisted
claim claims claimed claiming state states stated declare declares declared
announce announces announced explain explains explained note notes noted suggest
suggests suggested acknowledge acknowledges acknowledged admit admits admitted assert
asserts asserted believe believes believed think thinks thought contend contends
contended maintain maintains maintained predict predicts predicted promise promises
promised report reports reported reveal reveals revealed confirm confirms confirmed
deny denies denied estimate estimates estimated find finds found show shows showed
indicate indicates indicated agree agrees agreed complain complains complained counter
counters countered emphasize emphasizes emphasized stress stresses stressed urge urges
urged vow vows vowed pledge pledges pledged recall recalls recalled concede concedes
conceded caution cautions cautioned observe observes observed tweet tweets tweeted
testify testifies testified allege alleges alleged conclude concludes concluded
consider considers considered feel feels felt fear fears feared expect expects expected
ask asks asked asking respond responds responded reply replies replied continue continues
continued charge charges charged boast boasts boasted predict announce recount
recounts recounted joke jokes joked quip quips quipped acknowledge describe describes
described call calls called accuse accuses accused point points pointed mention
mentions mentioned hint hints hinted demand demands demanded remark remarks remarked
worry worries worried hope hopes hoped signal signals signaled signalled question
questions questioned comment comments commented shout shouts shouted yell yells yelled
scream screams screamed exclaim exclaims exclaimed wonder wonders wondered muse muses mused
whisper whispers whispered sing sings sang quip know knows knew asserting retort retorts
retorted interject interjects interjected""".split()
CUE_VERBS = frozenset(_CUE_STEMS)

# Verbs whose complement is usually not speech ("called X a ...", "described").
WEAK_REPORTED_CUES = frozenset(
    "call calls called describe describes described accuse accuses accused question "
    "questions questioned ask asks asked continue continues continued point points "
    "pointed show shows showed find finds found feel feels felt expect expects expected "
    "hope hopes hoped fear fears feared worry worries worried signal signals signaled "
    "signalled".split()
)

SPEECH_ONLY_CUES = frozenset(
    "say says said saying tell tells told add adds added write writes wrote argue "
    "argues argued warn warns warned insist insists insisted claim claims claimed "
    "state states stated explain explains explained note notes noted tweet tweets "
    "tweeted continue continues continued ask asks asked reply replies replied respond "
    "responds responded".split()
)

ADVERBS = frozenset(
    "also later previously repeatedly recently once again then further still first "
    "publicly privately separately earlier initially has have had would will could "
    "may might did does do is was were are been being not never even just only "
    "reportedly flatly bluntly angrily quickly simply long already often always sometimes "
    "usually".split()
)

#: How capitalised adverbs end ("Conversely", "Separately"), unlike names ("Daly", "Kelly").
ADVERB_ENDS = tuple(
    "ally ously ively ently antly edly ingly fully lessly ately ibly ably arly sely tly nly".split()
)

#: Words a role opens with ("Its chief executive, Greg Fairweather, said").
ROLE_OPENERS = frozenset("the a an another one its his her their our my your this that".split())
#: Lower-case words inside a name ("Union of Northern States", "Ana de la Cruz").
NAME_JOINS = frozenset("of de del der van von la le da di du al bin".split())

TITLES = frozenset(
    """president vice secretary senator sen sen. rep rep. representative gov gov. governor
    mayor gen gen. general lt lt. lieutenant col col. colonel maj maj. major capt capt.
    captain adm adm. admiral sgt sgt. sergeant mr mr. mrs mrs. ms ms. dr dr. prof prof.
    professor judge justice chief minister prime chancellor ambassador commissioner
    director chairman chairwoman chair spokesman spokeswoman spokesperson pope king
    queen prince princess sheikh rev rev. attorney speaker leader candidate nominee
    former first lady sir dame officer detective sheriff deputy councillor cllr lord baroness
    alderman senators sens sens. reps reps. representatives del del. delegate
    secretary-general premier treasurer opposition shadow taoiseach coach coroner
    superintendent inspector constable bishop archbishop cardinal rabbi imam pastor""".split()
)

#: Portfolios before a title that make a role, not a name ("Health Secretary", "Foreign
#: Minister", "Home Secretary"; but "John Major" is a name).
PORTFOLIOS = frozenset(
    """health home foreign defence defense finance treasury education justice interior
    environment transport culture energy trade labour labor housing culture agriculture
    economy economic state security immigration communications business industry
    employment welfare sports sport tourism science technology digital development
    infrastructure fisheries local regional opposition shadow deputy junior""".split()
)

#: Capital letters for the character classes of name patterns: A-Z and the accented
#: Latin capitals ("Ó Duibhir", "Élise Martin", "Mesut Özil"), which [A-Z] misses.
CAPITALS = "A-Z" + "".join(
    ch for ch in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper()
)


def with_capitals(pattern: str) -> str:
    """``pattern`` with every ``[A-Z]`` widened to `CAPITALS` (a name may open with "Ó")."""
    return pattern.replace("[A-Z]", f"[{CAPITALS}]")


HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame".split())

# Titles written abbreviated with a full stop ("Sen. Kelly Ayotte", "Lt. Gen. Saad al-Allaq"):
# the stop ends no sentence and no name.
ABBREVIATED_TITLES = (
    "Lt Gen Col Maj Capt Sgt Adm Sen Sens Rep Reps Gov Mr Mrs Ms Dr St Jr Sr Prof Rev Pres "
    "Del".split()
)


def abbreviated_titles_pattern(titles: tuple[str, ...] | list[str] = ABBREVIATED_TITLES) -> str:
    """A regular expression matching one abbreviated title with its full stop."""
    return "(?:" + "|".join(titles) + r")\."


# Abbreviations after which a full stop does not end a sentence (lower case, no final stop).
ABBREVIATIONS = frozenset(t.lower() for t in ABBREVIATED_TITLES) | frozenset(
    "cmdr inc corp co ltd no vs etc jan feb mar apr aug sept sep oct nov dec u.s u.k u.n "
    "d.c a.m p.m ft mt supt det insp atty e.g i.e".split()
)

ORG_WORDS = frozenset(
    """party department ministry agency committee council commission university college
    school institute foundation association union corporation corp inc company co
    group bank court congress senate house parliament assembly army navy force forces
    police office administration campaign network news times post journal tribune
    herald press times service services center centre bureau board fund club team
    organization organisation federation league alliance coalition movement front
    authority authorities government guard command intelligence church hospital
    magazine radio television tv channel daily watch international ledger gazette
    chronicle observer register globe weekly review reporter conference program programme
    republic forum enforcement institution partners partnership corps enquirer pac pacs
    action trust trusts academy holdings securities resources semiconductor semiconductors
    rail railway railways airline airlines airways symphony orchestra philharmonic caucus
    nations bloc industries technologies pharmaceuticals motors insurance exchange ltd plc
    llc gmbh utilities energy conservatory conservatoire chamber tribunal society museum
    library inspectorate directorate cooperative foods ratings analytics laboratories brands
    guild project""".split()
)

# Capitalised words that are not names when they stand alone.
NOT_NAMES = frozenset(
    """the a an this that these those others none it its he she they we i you his her their our
    my within among amid across beyond despite throughout toward towards behind inside
    outside upon via unlike following including regarding concerning in on at by for from
    with without after before during since until while when where but and or so yet if as of
    to into about over under than then there here what who why how which one two three four
    five six seven eight nine ten some many most all both each every no not more less few
    several other another such monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    today yesterday tomorrow mr mrs ms dr however meanwhile also still even just now later
    last next new according said says told although though because unless whether whereas
    late early only everything nothing something anything everyone everybody nobody perhaps
    maybe yes please let give do does did hold notice imagine consider remember look see
    keep take make ask watch listen talk neither either nor rival edt est pdt pst cdt cst
    gmt bst utc i’ve i've i’m i'm i’d i'd i’ll i'll mp mps""".split()
)

#: Words of a date: a capitalised sequence holding one names a time, not a person
#: ("Late Saturday", "Sunday's Sept"). Month names that are also surnames (May, June,
#: March, August) are left out.
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february april
    july september october november december jan feb apr aug sept sep oct nov dec""".split()
)

#: Words that end the name of a thing, not of an actor ("Fifth Amendment", "Labor Day").
NOT_ACTOR_HEADS = frozenset(
    "amendment act bill law day week month year convention strip avenue street road "
    "square park river lake island islands mountains valley bay beach county province "
    "award prize cup championship olympics games war election elections "
    "debate debates summit rally speech hearing trial case".split()
)

#: Party labels written before a name ("Democrat Hillary Clinton"): a title, not a name.
PARTY_LABELS = frozenset("democrat democratic republican gop labour tory".split())

# Short English forms the ISO list does not carry.
_COUNTRY_EXTRA = {
    "US": ["U.S.", "US", "U.S.A.", "USA", "America", "United States", "United States of America"],
    "GB": ["Britain", "Great Britain", "U.K.", "UK", "United Kingdom"],
    "RU": ["Russia"],
    "TR": ["Turkey"],
    "CZ": ["Czech Republic"],
    "VN": ["Vietnam"],
    "KR": ["South Korea", "S. Korea"],
    "KP": ["North Korea", "N. Korea", "DPRK"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "LA": ["Laos"],
    "MD": ["Moldova"],
    "TW": ["Taiwan"],
    "CD": ["Congo", "Democratic Republic of Congo"],
    "SA": ["Saudi Arabia"],
    "AE": ["UAE", "United Arab Emirates"],
    "PS": ["Palestine"],
}


_CANONICAL = {"US": "United States", "GB": "United Kingdom"}


@cache
def countries() -> dict[str, str]:
    """Every country name and short form the gazetteer knows, mapped to a canonical name."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        extra = _COUNTRY_EXTRA.get(country.alpha_2, [])
        canonical = _CANONICAL.get(country.alpha_2) or (
            extra[0] if extra else getattr(country, "common_name", None) or country.name
        )
        official = getattr(country, "official_name", None)
        for name in (country.name, getattr(country, "common_name", None), official, *extra):
            if name and "," not in name:
                names[name] = canonical
    return names


# Verbs of stance and advocacy: "Trump criticized X", "Clinton laid out her proposals".
# Their object is the attributed content; used only with a named or pronoun subject.
STANCE_VERBS = frozenset(
    """criticize criticizes criticized criticizing praise praises praised praising blame
    blames blamed blaming defend defends defended defending reject rejects rejected
    rejecting dismiss dismisses dismissed dismissing support supports supported oppose
    opposes opposed opposing propose proposes proposed proposing cite cites cited citing
    tout touts touted touting attack attacks attacked attacking slam slams slammed
    slamming endorse endorses endorsed endorsing welcome welcomes welcomed demand
    demands demanded demanding urge urges urged urging call calls called want wants
    wanted plan plans planned promise promises promised promising pledge pledges pledged vow vows
    vowed threaten threatens threatened threatening insist insisted condemn condemns
    condemned condemning decry decries decried applaud applauds applauded question
    questioned questions challenge challenges challenged challenging mock mocks mocked
    mocking ridicule ridiculed accuse accuses accused accusing describe describes described
    refer refers referred mention mentions mentioned highlight highlights highlighted
    recommend recommends recommended acknowledge acknowledged admit admitted
    raise raises raised raising lay laid link links linked compare compares compared
    liken likens likened label labels labeled labelled dub dubs dubbed brand brands
    branded back backs backed favor favors favored prefer prefers preferred seek seeks
    sought suggest suggested encourage encourages encouraged encouraging invoke invoked
    invokes argue argued express expresses expressed hope hopes hoped rule rules ruled
    signal signals signaled signalled""".split()
)

# Adjectives that take a "that" clause of belief: "Many Democrats are afraid that ...".
BELIEF_ADJECTIVES = frozenset(
    "afraid worried concerned confident convinced sure certain hopeful skeptical aware "
    "optimistic pessimistic adamant unconvinced fearful".split()
)


# -- words the speech patterns test (rules/clauses, direct, reported) -----------------

CLAUSE_BREAKS = frozenset(
    "and but that which who whom because although though while when "
    "after before since as if so or nor than where whereas".split()
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Past forms that are more often adjectives ("nine alleged members"): a cue only
# when "that", a colon or a quotation follows.
AMBIGUOUS_PARTICIPLES = frozenset(
    "alleged estimated expected reported feared considered found called noted stated "
    "concerned promised".split()
)
NOT_VERBS = frozenset("was has is as this its his thus us yes less unless ness plus".split())
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week weekend month year earlier later recently "
    "asked".split()
)
PREPOSITIONS = frozenset(
    "in on at with for after before during from into over under about to by as asked "
    "speaking writing".split()
)
SOURCE_WORDS = frozenset("he she they i we it who which that officials".split())
NOUN_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "man",
    "woman",
    "men",
    "people",
    "official",
    "officials",
    "ment",
    "tion",
    "ary",
    "ant",
    "ent",
    "ess",
    "ity",
    "ists",
    "ers",
    "ors",
)
SOURCE_NOUNS = frozenset(
    "aide aides source sources expert experts critics group police "
    "poll survey study report data analysis statement letter memo ad".split()
)
NOUNISH_CUES = frozenset(
    "show shows report reports claims claim states notes note calls call points point "
    "hopes hope fears fear tweet tweets estimates estimate promise promises concerns "
    "charge charges question questions signal signals demand demands".split()
)
#: Adjectives between a determiner and a noun that is also a cue ("a new report").
NOUN_ADJECTIVES = frozenset(
    "new recent latest separate internal official annual final draft joint independent "
    "confidential leaked earlier previous preliminary detailed fresh initial".split()
)
THAT_ONLY_CUES = frozenset("state states lay".split())
SHOW_CUES = frozenset("show shows showed".split())
EVIDENTIAL_CUES = SHOW_CUES | frozenset("find finds found".split())
#: What a finding is read off: "..., her campaign's filings show."
DOCUMENTS = frozenset(
    "records filings documents data figures statistics emails minutes transcripts polls "
    "poll surveys survey reports report audit study studies analysis numbers".split()
)
DETERMINERS = frozenset(
    "a an the one his her their its this that these those my our your some any no every "
    "each in of on for with by from another first last".split()
)
PARTICIPLE_CUES = frozenset(w for w in CUE_VERBS if w.endswith("ing"))
#: Verbs that report speech only with a preposition after them ("talked about the need
#: for reform", "railed against the moderators"; not "talked to reporters").
TOPIC_VERBS = frozenset(
    "talk talks talked talking speak speaks spoke spoken speaking rail rails railed "
    "railing complain complains complaining".split()
)
TOPIC_PREPOSITIONS = frozenset("about against of".split())
REPORTING_TRIGGERS = CUE_VERBS | STANCE_VERBS | BELIEF_ADJECTIVES | TOPIC_VERBS | {"according"}

LOCATIVES = frozenset("in at near across outside throughout inside into".split())

PLACE_WORDS = frozenset(
    "City County Province State Street Avenue River Island Islands Mountains Valley Beach "
    "Park Lake Bay Square Road Heights Falls Springs Harbor Harbour East America Africa Asia "
    "Europe".split()
)

ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official officials chief head director minister
    secretary president leader aide aides adviser advisor analyst analysts expert experts
    officer officers source sources lawyer attorney governor senator candidate nominee
    businessman businesswoman chairman chairwoman commander general critic critics
    supporter supporters voter voters resident residents member members owner professor
    researcher researchers economist strategist manager executive founder widow""".split()
)

#: Plural nouns for people that, said of people with a party, a place, a trade or a
#: count, make a group ("Republican lawmakers", "Bond traders", "Some economists").
GROUP_NOUNS = frozenset(
    """lawmakers legislators strategists officials leaders voters supporters critics
    protesters protestors activists residents workers members analysts experts economists
    republicans democrats conservatives liberals progressives advocates investigators
    prosecutors police officers troops forces rebels insurgents militants fighters students
    teachers doctors nurses parents families people scientists researchers traders growers
    farmers ministers shareholders investors diplomats musicians campaigners councillors
    councilors pollsters employees commuters passengers shoppers tenants owners unions
    groups lawyers operatives organisers organizers""".split()
)

EVENT_VERBS = frozenset(
    "killed died withdrew withdraw withdrawn approved signed arrested elected won lost "
    "launched announced attacked invaded resigned fired appointed passed voted rose fell".split()
)

HEDGES = frozenset(
    "may might could alleged allegedly reportedly possibly likely appear appears seem seems "
    "suspected about around nearly roughly estimated".split()
)


@cache
def regions() -> frozenset[str]:
    """Names of two words or more of states and provinces (pycountry's subdivisions of the
    countries whose news the engine reads most: "West Virginia", "New South Wales"), which
    look like a person's name and are places."""
    import pycountry

    names = set()
    for code in ("US", "CA", "AU", "GB", "IN", "NZ", "IE", "ZA"):
        for sub in pycountry.subdivisions.get(country_code=code) or []:
            if " " in sub.name:
                names.add(sub.name)
    return frozenset(names)
