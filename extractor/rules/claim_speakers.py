"""Who makes a claim, and the claim said in plain words: each utterance's claimant (an
anonymous source is none; "he said" goes on the last named speaker nearby), speakers'
names as the article writes them, and the statement with a leading pronoun resolved."""

from __future__ import annotations

import re

from ..schema import Actor
from ..text.spans import Offsets
from .clauses import Utterance
from .document import Document

_ANONYMOUS = re.compile(
    r"(?:(?:a|an|another|the|one|two|three|some|several|many|other)\s+)?"
    r"(?:(?:senior|anonymous|unnamed|knowledgeable)\s+)?"
    r"(?:source|sources|official|officials|person|people|insider|insiders)"
)
_JOINED = re.compile(r"[A-Z][\w.’'\-]*\s+and\s+$")
_PLURAL_ENDINGS = ("ers", "ors", "ists", "ials", "ents", "ants", "ans", "ats", "ics", "ives")
_PRONOUNS = frozenset("he she they it i we who which that".split())
_NAME_BEFORE = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+[A-Z][\w\-]+"
    r"|(?!(?:In|On|At|The|A|An|But|And|As|For|From|With|By|If|When|After|This|That)\s)"
    r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w\-]+)"
)
# "spokeswoman for the Coalition", "a director at Acme": a role held in an organisation.
_ROLE_IN = re.compile(
    r"(?:(?:a|an|the|its|their)\s+)?(?:[\w\-]+\s+){0,3}?"
    r"(?:spokeswoman|spokesman|spokesperson|representative|director|head|chief|president|"
    r"chairman|chairwoman|chair|member|official|executive|lawyer|attorney|adviser|advisor|"
    r"aide|founder|partner|analyst|economist|researcher|manager|leader|secretary)"
    r"\s+(?:for|of|at|with|to)\s+",
    re.I,
)
_APPOSITION = re.compile(r",\s+[^,;“”\"]{0,80}$")  # "Name, a developer and " before the role
_PRONOUN_LEAD = re.compile(r"(?:he|she|they|i)\b(?!['’])", re.I)
_DENIAL_LEAD = re.compile(r"(?:denied|denies|deny|disputed|disputes)\b")


class Speakers:
    """The claimants of one article's utterances and the names of its speakers."""

    def __init__(
        self,
        doc: Document,
        utterances: list[Utterance],
        speakers: list[str | None],
        actors: list[Actor] | None = None,
    ):
        self.doc, self.text = doc, doc.text
        self.utterances = utterances
        self.types = {a.id: a.type for a in actors or []}
        self.speakers = [
            self._holder(u, who, actors or []) for u, who in zip(utterances, speakers, strict=True)
        ]
        self.names = self._names()
        self.claimants = self._claimants()

    def _phrase(self, span: Offsets | None) -> str:
        return self.text[span[0] : span[1]] if span else ""

    def _names(self) -> dict[str, str]:
        """Each speaker's fullest name among the words that name it as a source."""
        names: dict[str, str] = {}
        for u, who in zip(self.utterances, self.speakers, strict=True):
            phrase = self._phrase(u.source)
            if who is None or not phrase[:1].isupper() or not _name_like(phrase):
                continue
            if len(phrase) > len(names.get(who, "")):
                names[who] = phrase
        return names

    def _claimants(self) -> list[str | None]:
        """Each utterance's claimant: its speaker; none for "a source said"; for "he
        said", "they wrote" the last named speaker nearby whose number agrees."""
        out = list(self.speakers)
        order = sorted(range(len(self.utterances)), key=lambda n: self.utterances[n].start)
        for k, n in enumerate(order):
            u = self.utterances[n]
            phrase = self._phrase(u.source).lower()
            if _ANONYMOUS.fullmatch(phrase):
                out[n] = None  # no actor speaks
            elif phrase in ("he", "she", "they"):
                found = self._antecedent(order, k, u, plural=phrase == "they")
                out[n] = found if found is not None else out[n]
        return out

    def _holder(self, u: Utterance, who: str | None, actors: list[Actor]) -> str | None:
        """ "Ann Lee, a developer and spokeswoman for the Coalition, said": the person
        named before the role speaks, not the organisation the role is held in."""
        if who is None or u.source is None or self.types.get(who) != "organization":
            return who
        if _ROLE_IN.match(self.text, *u.source) is None:
            return who
        sentence = self.doc.sentence_at(u.source[0])
        floor = sentence.start if sentence else max(0, u.source[0] - 200)
        best: tuple[int, str] | None = None
        for actor in actors:
            if actor.type != "person":
                continue
            for m in actor.mentions:
                later = best is None or m.end > best[0]
                before = floor <= m.start and m.end <= u.source[0] and later
                if before and _APPOSITION.match(self.text, m.end, u.source[0]) is not None:
                    best = (m.end, actor.id)
        return best[1] if best else who

    def _antecedent(self, order: list[int], k: int, u: Utterance, plural: bool) -> str | None:
        """The speaker of the utterances before ``order[k]`` (``u``) that a pronoun means;
        read back from it without copying the list (long texts hold many pronouns)."""
        here = self.doc.paragraph_index(u.start)
        for m in map(order.__getitem__, range(k - 1, -1, -1)):
            other = self.utterances[m]
            if here - self.doc.paragraph_index(other.start) > 2:
                return None
            phrase = self._phrase(other.source)
            if other.source is None or self.speakers[m] is None or not _name_like(phrase):
                continue
            kind = self.types.get(self.speakers[m] or "")
            if not plural and kind is not None and kind != "person":
                continue  # "he", "she": a person, not the organisation that spoke before
            joined = _JOINED.search(self.text, max(0, other.source[0] - 40), other.source[0])
            if (_plural(phrase) or joined is not None) == plural:
                return self.speakers[m]
        return None

    def known(self, span: Offsets) -> str | None:
        """The speaker whose surname a phrase holds ("experts, including Mr. Goldberg")."""
        words = set(re.findall(r"[A-Z][\w’'\-]{2,}", self._phrase(span)))
        for who, name in self.names.items():
            if name.split()[-1] in words:
                return who
        return None

    def name_before(self, pos: int) -> str | None:
        """The last name written in the 400 characters before ``pos``."""
        found = list(_NAME_BEFORE.finditer(self.text, max(0, pos - 400), pos))
        return found[-1].group() if found else None


def _name_like(phrase: str) -> bool:
    """A phrase that names someone ("Former Gov. Ed Rendell", "Mr. Leahy", "officials"),
    not a pronoun ("I've") nor a clause the speech patterns took for a source."""
    words = phrase.replace("’", "'").split()
    if not words or phrase.lower() in _PRONOUNS or ("'" in words[0] and len(words) == 1):
        return False
    lowered = {w.lower() for w in words}
    if lowered & {"that", "which", "who", "said", "says", "told"}:
        return False
    return not any(w.islower() and w.endswith("ed") for w in words)


def _plural(phrase: str) -> bool:
    """A source phrase naming several: "Mr. Grassley and Mr. Leahy", "officials"."""
    words = [w.lower() for w in phrase.split()]
    heads = {words[0], words[-1]} if words else set()
    return " and " in phrase or any(w.endswith(_PLURAL_ENDINGS) for w in heads)


_THAT_LEAD = re.compile(r"^that\s+")
_AM = re.compile(r"^\s+am\b")
_HAVE = re.compile(r"^\s+have\b")


def statement(evidence: str, subject: str | None) -> str:
    """A readable, self-contained sentence: "that" dropped, stray marks dropped, a
    leading pronoun (or a bare "denied ...") given its subject, capitalised, stopped."""
    body = " ".join(evidence.split()).strip(" ,;:")
    body = _THAT_LEAD.sub("", body)
    if body.count("“") > body.count("”"):
        body = body.replace("“", "", 1)
    if body.count("”") > body.count("“"):
        body = body[::-1].replace("”", "", 1)[::-1]
    if body.count('"') % 2:
        body = body.replace('"', "", 1) if body.startswith('"') else body.rstrip('"')
    lead = _PRONOUN_LEAD.match(body)
    if subject and _DENIAL_LEAD.match(body):
        body = f"{subject} {body}"
    elif lead and subject:
        rest = body[lead.end() :]
        if lead.group().lower() == "i":
            rest = _AM.sub(" is", _HAVE.sub(" has", rest))
        body = subject + rest
    if body and body[0].islower():
        body = body[0].upper() + body[1:]
    return body if body.endswith((".", "?", "!", "”", '"')) else body + "."
