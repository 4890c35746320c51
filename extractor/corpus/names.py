"""Names as keys: how an actor's name, title and aliases become the keys resolution looks up.

An actor is reduced to plain lowercase words (accents, dots and punctuation
dropped, a leading "the" dropped). A person's name also loses the titles in
front of it ("Defense Secretary Mark Esper" -> "mark esper") and name suffixes
(Jr., III); its keys are then the first and last word (``full``: "mark esper",
so a middle name or initial does not matter), the first initial and last word
(``initial``: "m esper") and the last word (``surname``). Organisations and
groups are keyed by their name and those aliases that can name them on their
own (several words, or an acronym: "NATO"; a lower-case name is a
description and gets no key);
countries by their ISO code (pycountry, plus the short forms news prose uses).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

#: Words that stand before a person's name as a title or honorific, never part of it.
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron cllr councillor
    councilman councilwoman president vice prime minister secretary senator sen rep
    representative congressman congresswoman gov governor mayor gen general col colonel lt
    lieutenant maj major capt captain adm admiral sgt sergeant cpl judge justice chief deputy
    defense defence foreign state interior finance home health treasury house speaker
    chairman chairwoman chair ceo director commander king queen prince princess pope rev
    reverend father sheikh ambassador attorney leader spokesman spokeswoman spokesperson
    former acting then premier rival incumbent chancellor minister inspector detective
    officer superintendent
    us u.s uk un eu white republican democratic democrat gop nominee candidate of the""".split()
)
#: Lower-case words inside names ("Saad al-Allaq", "Ursula von der Leyen").
PARTICLES = frozenset(
    "al el bin ibn bint abu de da di del della der den van von le la du dos das st".split()
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
#: Short forms of countries that pycountry's lookup does not know.
COUNTRY_ALIASES = {
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "united kingdom": "GBR",
    "america": "USA",
    "united states": "USA",
    "russia": "RUS",
    "north korea": "PRK",
    "south korea": "KOR",
    "iran": "IRN",
    "syria": "SYR",
    "venezuela": "VEN",
    "bolivia": "BOL",
    "vietnam": "VNM",
    "laos": "LAO",
    "taiwan": "TWN",
    "palestine": "PSE",
    "turkey": "TUR",
    "czech republic": "CZE",
    "ivory coast": "CIV",
    "congo": "COG",
    "tanzania": "TZA",
    "moldova": "MDA",
}

_PUNCT = re.compile(r"[^\w\s'-]+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # bounded: names repeat across articles; memory stays flat
def plain(name: str) -> str:
    """Lowercase words without accents, dots or punctuation ('Rep. José' -> 'rep jose')."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace(".", "")
    text = _PUNCT.sub(" ", text)
    text = re.sub(r"'s\b", "", text)
    words = _SPACE.sub(" ", text).strip(" '-").split(" ")
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(w.strip("'-") for w in words if w.strip("'-"))


def person_words(name: str, title: str | None = None) -> list[str]:
    """A person's name words with titles in front and suffixes behind taken off."""
    words = plain(name).split()
    if title:
        lead = plain(title).split()
        if lead and words[: len(lead)] == lead and len(words) > len(lead):
            words = words[len(lead) :]
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code a country name or short form names, else None."""
    key = plain(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    try:
        return str(pycountry.countries.lookup(key).alpha_3)
    except LookupError:
        return None


def kind_of(actor_type: str) -> str:
    """The namespace an actor type resolves in: person, country, or org (everything else)."""
    return actor_type if actor_type in ("person", "country") else "org"


@dataclass(slots=True, eq=False)  # compared and hashed as itself: one object per actor form
class Keys:
    """What one per-article actor can be found by, and what it is called."""

    kind: str  # person | country | org
    norm: str  # its name as plain words
    full: list[str] = field(default_factory=list)  # person: "first last" keys
    initial: list[str] = field(default_factory=list)  # person: "f last" keys
    surname: str | None = None  # person: the last word
    middle: str = ""  # person: the initials of its middle names, "" when it shows none
    bare: bool = False  # person named by one word only (a bare surname)
    org: list[str] = field(default_factory=list)  # org/country: names and aliases
    spelt: list[str] = field(default_factory=list)  # org: those of its names that are acronyms
    country: str | None = None  # country: ISO code
    display: str = ""  # the fullest name seen, for the corpus actor's name
    title: str | None = None


def is_acronym(name: str) -> bool:
    """'NATO', 'U.N.', 'ACLU': one word of 2-8 capitals."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def _looks_like_name(alias: str) -> bool:
    return bool(alias) and alias[0].isupper()


def keys_for(name: str, actor_type: str, title: str | None, aliases: list[str]) -> Keys:
    """The lookup keys of one per-article actor (see the module docstring); shared, so
    never change the `Keys` returned."""
    return _keys_for(name, actor_type, title, tuple(aliases))


@lru_cache(maxsize=65536)  # the same actor recurs across articles; bounded
def _keys_for(name: str, actor_type: str, title: str | None, aliases: tuple[str, ...]) -> Keys:
    kind = kind_of(actor_type)
    keys = Keys(kind=kind, norm=plain(name), display=name, title=title)
    if kind == "person":
        return _person_keys(keys, name, title, aliases)
    if not _looks_like_name(name):
        return keys  # "union", "the union": a description, found by nothing
    # an alias counts when it can name the organisation on its own: several words or an
    # acronym ("NATO"), not a single word of its name ("Department" of "State Department")
    names = [name, *(a for a in aliases if _looks_like_name(a) and (" " in a or is_acronym(a)))]
    for each in names:
        norm = plain(each)
        if norm and norm not in keys.org:
            keys.org.append(norm)
        if is_acronym(each) and norm not in keys.spelt:
            keys.spelt.append(norm)
    if kind == "country":
        keys.country = next((c for n in names if (c := country_code(n))), None)
    return keys


def _name_words(text: str, title: str | None) -> list[str]:
    """The plain words of a person's name, or [] when the text is a description rather
    than a name (a word after the titles starts in lower case: "presidential nominee")."""
    words = person_words(text, title)
    if not words:
        return []
    shown = text.replace(".", " ").split()[-len(words) :]
    if any(w[:1].islower() and plain(w) not in PARTICLES for w in shown):
        return []
    return words


def _person_keys(keys: Keys, name: str, title: str | None, aliases: tuple[str, ...]) -> Keys:
    best = _name_words(name, title)
    forms = [best] if best else []
    for alias in aliases:  # an alias counts when it names the same surname (or fills a bare one)
        words = _name_words(alias, title)
        if words and best and words[-1] == best[-1]:
            forms.append(words)
            if len(words) > len(best):
                best = words
    for words in forms:
        if len(words) >= 2:
            full = f"{words[0]} {words[-1]}"
            if len(words[0]) > 1 and full not in keys.full:
                keys.full.append(full)
            initial = f"{words[0][0]} {words[-1]}"
            if initial not in keys.initial:
                keys.initial.append(initial)
    if best:
        keys.surname = best[-1]
        keys.bare = len(best) == 1
        keys.middle = "".join(w[0] for w in best[1:-1])  # "George H. W. Bush": "hw"
        keys.display = " ".join(_case(best, name, aliases))
    return keys


def _case(words: list[str], name: str, aliases: tuple[str, ...]) -> list[str]:
    """The words as the article wrote them (their case), found in the name or an alias."""
    originals: dict[str, str] = {}
    for each in [name, *aliases]:
        for word in each.split():  # "J." keeps its dot
            originals.setdefault(plain(word), word.strip(",;:"))
    return [originals.get(w, w) for w in words]
