"""A made-up corpus with known identities, for measuring cross-article actor resolution.

`generate(articles, seed)` writes results lines (status ok, a valid
`Extraction`, the article text every offset indexes) about invented people,
organisations and real countries, and returns beside each line who each of
its actors really is. Nothing here is real article text. It holds the cases
resolution must get right or keep apart:

- one person named in many ways: "Mark Esper" with the alias "Esper",
  "Defense Secretary Mark Esper" (with its title), "Mark T. Esper", "M. Esper",
  or the bare "Esper" alone;
- shared surnames: two or three different people called "Johnsrud", each
  sometimes by the bare surname only (which only a title can tell apart);
- organisations by full name, full name with its acronym, or the acronym alone;
- countries as "United States", "U.S.", "US", "America".

`pairwise(gold, predicted)` scores a clustering of article actors against
the truth: precision and recall over pairs of article actors.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

FIRST = """Mark Alma Tobin Rhea Osric Delia Fenna Caspar Ilse Joran Marit Wendel Odile Pim
    Saskia Bram Liesel Anouk Teodor Runa""".split()
SYLLABLES = "ber dal fen gor hul jas kel lom nor pid qua rus sel tam vor wick yar zen mott".split()
TITLES = [
    "Defense Secretary",
    "Senator",
    "Mayor",
    "Foreign Minister",
    "Governor",
    "Judge",
    "Police Chief",
    "Finance Minister",
    None,
    None,
]
ORG_WORDS = """Northern Fisheries Council Union Tenants Alliance Coastal Rail Board Institute
    Civic Water Agency Miners League Public Health Forum""".split()
COUNTRIES = {
    "USA": ["United States", "U.S.", "US", "America"],
    "GBR": ["United Kingdom", "Britain", "UK"],
    "FRA": ["France"],
    "DEU": ["Germany"],
    "IRQ": ["Iraq"],
}
VERBS = ["said", "told reporters", "added", "warned", "argued"]


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    first: str
    surname: str
    title: str | None
    middle: str


@dataclass(frozen=True, slots=True)
class Org:
    key: str
    name: str
    acronym: str


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()


def population(rng: random.Random, people: int, orgs: int) -> tuple[list[Person], list[Org]]:
    """Invented people (a share of them sharing a surname) and organisations."""
    surnames: list[str] = []
    while len(surnames) < people:
        name = _surname(rng)
        share = 1 if rng.random() < 0.7 else rng.choice([2, 3])  # ambiguous surnames
        surnames += [name] * share
    persons = []
    used: set[tuple[str, str]] = set()
    for n, surname in enumerate(surnames[:people]):
        first = rng.choice(FIRST)
        while (first, surname) in used:
            first = rng.choice(FIRST) + rng.choice(["a", "o", "e"])
        used.add((first, surname))
        title = rng.choice(TITLES)
        persons.append(Person(f"p{n}", first, surname, title, rng.choice("ABCDEFGHJKLMNPRST")))
    organisations = []
    seen: set[str] = set()
    while len(organisations) < orgs:
        words = [_surname(rng), *rng.sample(ORG_WORDS, rng.choice([2, 3]))]
        name = " ".join(words)
        acronym = "".join(w[0] for w in words).upper()
        if acronym in seen:
            continue
        seen.add(acronym)
        organisations.append(Org(f"o{len(organisations)}", name, acronym))
    return persons, organisations


def _person_forms(rng: random.Random, p: Person) -> tuple[str, str | None, list[str]]:
    """(name, title, aliases) as one article might give this person."""
    full = f"{p.first} {p.surname}"
    roll = rng.random()
    if roll < 0.45:
        return full, p.title, [p.surname]
    if roll < 0.6 and p.title:
        return f"{p.title} {full}", p.title, [full, p.surname]
    if roll < 0.68:
        return f"{p.first} {p.middle}. {p.surname}", p.title, [p.surname]
    if roll < 0.74:
        return f"{p.first[0]}. {p.surname}", p.title, []
    if roll < 0.9:
        return p.surname, p.title if rng.random() < 0.5 else None, []  # the bare surname
    return full, None, []


class _Text:
    """An article built sentence by sentence, keeping the offsets of what it says."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return start, self.size

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _article(
    rng: random.Random, number: int, persons: list[Person], orgs: list[Org]
) -> tuple[dict[str, Any], dict[str, str]]:
    text = _Text()
    text.add(f"Report {number}\n\n")
    actors: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    truth: dict[str, str] = {}
    cast: list[tuple[str, str, str | None, list[str], str]] = []
    for p in rng.sample(persons, rng.choice([2, 3, 4])):
        name, title, aliases = _person_forms(rng, p)
        cast.append(("person", name, title, aliases, p.key))
    for o in rng.sample(orgs, rng.choice([0, 1, 2])):
        roll = rng.random()
        if roll < 0.5:
            name, aliases = o.name, [o.acronym]
        else:
            name, aliases = (o.name, []) if roll < 0.75 else (o.acronym, [])
        cast.append(("organization", name, None, aliases, o.key))
    code = rng.choice(list(COUNTRIES))
    cast.append(("country", rng.choice(COUNTRIES[code]), None, [], f"c{code}"))
    for n, (kind, name, title, aliases, who) in enumerate(cast, 1):
        actor_id = f"a{n}"
        truth[actor_id] = who
        start, end = text.add(name)
        mentions = [{"start": start, "end": end, "text": name}]
        verb = rng.choice(VERBS)
        text.add(f" {verb}, ")
        words = f"“We will look at rule {rng.randint(1, 999)} again.”"
        q_start, q_end = text.add(words)
        text.add("\n\n")
        quotes.append(
            {
                "id": f"q{n}",
                "text": words,
                "start": q_start,
                "end": q_end,
                "kind": "direct",
                "speaker": actor_id,
                "speaker_mention": {"start": start, "end": end, "text": name},
                "cue": verb.split()[0],
                "parts": [],
            }
        )
        claim = f"The budget for item {rng.randint(1, 99)} rose."
        c_start, c_end = text.add(claim)
        text.add("\n\n")
        claims.append(
            {
                "id": f"c{n}",
                "statement": claim,
                "claimant": actor_id,
                "evidence": {"start": c_start, "end": c_end, "text": claim},
                "attribution": "reported",
                "hedged": False,
            }
        )
        actors.append(
            {
                "id": actor_id,
                "name": name,
                "type": kind,
                "title": title,
                "aliases": aliases,
                "mentions": mentions,
            }
        )
    body = text.text
    extraction = {
        "actors": actors,
        "quotes": quotes,
        "claims": claims,
        "warnings": [],
        "meta": {"engine": "rules"},
    }
    outlet = rng.choice(["ledger", "courier", "gazette"])
    item = f"{outlet}/2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}_{number:06d}.txt"
    line = {
        "id": item,
        "path": item,
        "sha256": f"{number:064x}",
        "status": "ok",
        "extraction": extraction,
        "meta": {"engine": "rules"},
        "text": body,
    }
    return line, truth


def generate(
    articles: int, seed: int = 12, people: int | None = None, orgs: int | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
    """``articles`` results lines, each with ``{actor id: true identity}``."""
    rng = random.Random(seed)
    persons, organisations = population(
        rng, people or max(20, articles // 4), orgs or max(6, articles // 20)
    )
    for number in range(articles):
        yield _article(rng, number, persons, organisations)


def _pairs(counter: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def pairwise(gold: dict[Any, str], predicted: dict[Any, Any]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering of the same items."""
    items = gold.keys() & predicted.keys()
    both = _pairs(Counter((gold[i], predicted[i]) for i in items))
    said = _pairs(Counter(predicted[i] for i in items))
    true = _pairs(Counter(gold[i] for i in items))
    precision = both / said if said else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def results_line(item: str, cast: list[tuple[str, str, str | None, list[str]]]) -> dict[str, Any]:
    """One ok results line for ``cast`` (name, type, title, aliases): each actor says one
    direct quote ("<name> said, “Words of <item> <n>.”") and makes one claim."""
    text = _Text()
    actors, quotes, claims = [], [], []
    for n, (name, kind, title, aliases) in enumerate(cast, 1):
        start, end = text.add(name)
        text.add(" said, ")
        words = f"“Words {n} of {item.replace('/', ' ').replace('.', ' ')}.”"
        q_start, q_end = text.add(words)
        text.add("\n\n")
        claim = f"Item {n} of {item} rose."
        c_start, c_end = text.add(claim)
        text.add("\n\n")
        actors.append(
            {
                "id": f"a{n}",
                "name": name,
                "type": kind,
                "title": title,
                "aliases": aliases,
                "mentions": [{"start": start, "end": end, "text": name}],
            }
        )
        quotes.append(
            {
                "id": f"q{n}",
                "text": words,
                "start": q_start,
                "end": q_end,
                "kind": "direct",
                "speaker": f"a{n}",
                "cue": "said",
                "parts": [],
            }
        )
        claims.append(
            {
                "id": f"c{n}",
                "statement": claim,
                "claimant": f"a{n}",
                "evidence": {"start": c_start, "end": c_end, "text": claim},
                "attribution": "reported",
                "hedged": False,
            }
        )
    body = text.text
    import hashlib

    return {
        "id": item,
        "path": item,
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "status": "ok",
        "extraction": {
            "actors": actors,
            "quotes": quotes,
            "claims": claims,
            "warnings": [],
            "meta": {"engine": "rules"},
        },
        "meta": {"engine": "rules"},
        "text": body,
    }
