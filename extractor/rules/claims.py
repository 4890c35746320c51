"""Claims for the offline engine, one independent clause each, with its subject, verb
and negation:

- inside direct quotes, sentence by sentence, credited to the quote's speaker;
- the content of reported speech and belief (``X said that ...``, ``X believes ...``),
  credited to the frame's speaker when it is an actor; a negated frame ("did not
  say", "nor ... denied") asserts nothing, a denial is kept with its verb;
- the article's own sentences, less the speech frames and quotes inside them.

Non-claims are skipped (`claim_checks`): headlines, bylines, questions, conditionals,
plans and predictions, opinions, bare noun phrases."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from itertools import accumulate

from pydantic import TypeAdapter

from ..schema import Actor, Claim, Quote
from ..text.spans import Offsets, SpanSet
from .claim_checks import cut_future_tail, hedged, lead_end, non_claim, skipped_paragraphs
from .claim_clauses import split_clauses, tokens, trim
from .claim_frames import read_frame
from .claim_inner import own_frame, peel
from .claim_speakers import Speakers, statement
from .claim_tokens import forget, token_count
from .claim_words import CONDITIONALS
from .clauses import Utterance
from .document import Document
from .quotes import find_quoted

_LEADS_NOTHING = frozenset(
    "of in on at by for from with to into about which who whom whose where".split()
)
_SUBORDINATE_LEADS = frozenset("as while when after because since".split())
_CLAIMS = TypeAdapter(list[Claim])


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    claimant: str | None
    attribution: str
    hedged: bool
    subject: str | None  # the name a leading pronoun stands for


def find_claims(
    text: str,
    doc: Document,
    utterances: list[Utterance],
    speakers: list[str | None],
    quotes: list[Quote],
    zones: list[tuple[int, int]],
    actors: list[Actor] | None = None,
    quoted: list[Offsets] | None = None,
) -> list[Claim]:
    """Every claim of the article, in text order. ``doc`` is the article with page
    furniture blanked (offsets kept); ``speakers[i]`` is the actor id of
    ``utterances[i]``; ``quotes`` are read, never changed; ``actors`` (the engine's,
    with types and mentions) tell a person from an organisation among claimants;
    ``quoted``: `find_quoted` of ``doc``, when it was found already."""
    try:
        found = _ClaimFinder(doc, utterances, speakers, zones, actors, quoted).run()
    finally:
        forget(doc.text)  # nothing after this stage reads its words
    # Plain dicts validated in one call: the same models as one constructor call each.
    return _CLAIMS.validate_python(
        [
            {
                "id": f"c{n}",
                "statement": statement(text[f.start : f.end], f.subject),
                "claimant": f.claimant,
                "evidence": {"start": f.start, "end": f.end, "text": text[f.start : f.end]},
                "attribution": f.attribution,
                "hedged": f.hedged,
            }
            for n, f in enumerate(found, 1)
        ]
    )


class _ClaimFinder:
    """One article's claims: quotes and reported speech, then the article's own voice."""

    def __init__(
        self,
        doc: Document,
        utterances: list[Utterance],
        speakers: list[str | None],
        zones: list[Offsets],
        actors: list[Actor] | None = None,
        quoted: list[Offsets] | None = None,
    ) -> None:
        self.doc, self.text = doc, doc.text
        self.utterances, self.zones = utterances, zones
        self.speakers = Speakers(doc, utterances, speakers, actors)
        self.skipped = skipped_paragraphs(doc)
        self.quoted = quoted if quoted is not None else [(q.start, q.end) for q in find_quoted(doc)]
        self.quote_starts = [a for a, _ in self.quoted]
        self.sentence_starts = [x.start for x in doc.sentences]
        marks = [m[0] for u in utterances for m in (u.cue, u.source) if m is not None]
        self.marks = sorted(marks)
        self.covered: list[Offsets] = list(zones)
        self.cover_starts: list[int] = []
        self.cover_reach: list[int] = []
        self.found: list[_Found] = []
        self.spans: list[Offsets] = []  # the claims' spans, sorted

    def run(self) -> list[_Found]:
        conditional = [(s.start, s.end) for s in self.doc.sentences if self._conditional(s.start)]
        self.covered.extend(conditional)
        in_condition, in_zone = SpanSet(conditional), SpanSet(self.zones)
        # Shortest first: a frame nested in another's content gives its own claim.
        for n in sorted(range(len(self.utterances)), key=self._length):
            u = self.utterances[n]
            if in_zone.overlaps(u.start, u.end) or self._skipped_at(u.start):
                continue
            if u.kind == "indirect" and in_condition.overlaps(u.start, u.end):
                continue
            self._utterance(n, u)
        self._own_voice()
        self.found.sort(key=lambda f: (f.start, f.end))
        return self.found

    def _utterance(self, n: int, u: Utterance) -> None:
        frame = read_frame(self.doc, u, self.quoted)
        if frame is None:
            return
        self.covered.extend(frame.covers)
        for a, b in frame.asides:
            self._add(a, b, None, "asserted", False, None, relative=True)
        if u.kind == "direct" and u.source is None and u.cue is None:
            return  # a quote nobody is said to say is no one's claim
        who = self.speakers.claimants[n] if frame.attribution != "asserted" else None
        subject = self.speakers.names.get(who) if who else None
        for a, b in frame.contents:
            if u.kind == "direct":
                for piece in self._sentences(a, b):
                    self._add_quoted(*piece, who, subject)  # "I" is the speaker, "she" not
            else:
                b = self._extend(u, a, b)
                self.covered.append((a, b))
                self._add(a, b, who, frame.attribution, frame.hedged, subject, frame.standing)

    # -- units -------------------------------------------------------------------------

    def _length(self, n: int) -> int:
        return self.utterances[n].end - self.utterances[n].start

    def _conditional(self, start: int) -> bool:
        """A sentence that opens with "If" or "Unless": nothing in it is asserted."""
        head = self.text[start : start + 80].lower()
        if not any(word in head for word in CONDITIONALS):
            return False
        if not any(t[2] in CONDITIONALS for t in tokens(self.text, start, start + 110)):
            return False  # the first word after the openers lies in these
        a, _ = trim(self.text, start, min(len(self.text), start + 80))
        toks = tokens(self.text, a, a + 30)
        return bool(toks) and toks[0][2] in CONDITIONALS

    def _skipped_at(self, pos: int) -> bool:
        return self.doc.paragraph_index(pos) in self.skipped

    def _sentences(self, start: int, end: int) -> list[Offsets]:
        """The sentences of a quoted passage (a quote may hold several)."""
        out = []
        sentences = self.doc.sentences
        k = max(0, bisect_right(self.sentence_starts, start) - 1)
        while k < len(sentences) and sentences[k].start < end:  # no copy of the rest
            a, b = max(start, sentences[k].start), min(end, sentences[k].end)
            if a < b:
                out.append((a, b))
            k += 1
        return out or [(start, end)]

    def _add_quoted(self, a: int, b: int, who: str | None, subject: str | None) -> None:
        """One sentence of a direct quote: "I think X" is a belief."""
        a, b = trim(self.text, a, b)
        inner, kind = peel(self.text, a, b)
        first = tokens(self.text, inner, inner + 4)
        name = subject if first and first[0][2] == "i" else None
        self._add(inner, b, who, kind or "reported", False, name, in_quote=True)

    def _extend(self, u: Utterance, a: int, b: int) -> int:
        """Reported content cut short at a dash or "while": on to the sentence's end,
        unless another speech frame follows in the sentence."""
        sentence = self.doc.sentence_at(a)
        if u.cue is None or u.cue[0] > a or sentence is None:
            return b
        k = bisect_left(self.marks, b)
        if k < len(self.marks) and self.marks[k] < sentence.end:
            return b
        return max(b, sentence.end)

    def _inside_quote(self, pos: int) -> bool:
        k = bisect_left(self.quote_starts, pos) - 1
        return k >= 0 and pos < self.quoted[k][1] - 1

    def _own_voice(self) -> None:
        """The article's sentences, less frames, quotes and reported content."""
        self.covered.sort()
        self.cover_starts = [a for a, _ in self.covered]
        self.cover_reach = list(accumulate((b for _, b in self.covered), max))
        for s in self.doc.sentences:
            if s.paragraph in self.skipped or _fragment(self.text[s.start : s.end].rstrip()):
                continue
            for a, b in self._free_pieces(s.start, s.end):
                if a == s.start:
                    a = lead_end(self.text, a, b)
                elif _dependent(self.text, a, b):
                    continue
                else:
                    a = _past_subordinator(self.text, a, b)
                a = peel(self.text, a, b)[0]
                framed = own_frame(self.text, a, b)
                if framed is not None:
                    if framed.aside is not None:
                        self._add(*framed.aside, None, "asserted", False, None, relative=True)
                    who = self.speakers.known(framed.source) if framed.source else None
                    subject = self.speakers.names.get(who) if who else None
                    self._add(*framed.content, who, framed.attribution, False, subject)
                    continue
                lead = tokens(self.text, a, a + 8)
                pronoun = bool(lead) and lead[0][2] in ("he", "she")
                subject = self.speakers.name_before(a) if pronoun else None
                self._add(a, b, None, "asserted", False, subject)

    def _free_pieces(self, start: int, end: int) -> list[Offsets]:
        """The stretches of ``[start, end)`` no frame, quote or content covers."""
        first = bisect_right(self.cover_reach, start)  # the first that reaches past start
        nearby = self.covered[first : bisect_left(self.cover_starts, end)]
        cuts = sorted((max(a, start), min(b, end)) for a, b in nearby if b > start)
        pieces, cursor = [], start
        for a, b in cuts:
            if a > cursor:
                pieces.append((cursor, a))
            cursor = max(cursor, b)
        if cursor < end:
            pieces.append((cursor, end))
        return [p for p in pieces if token_count(self.text, *p) >= 3]

    def _add(
        self,
        start: int,
        end: int,
        who: str | None,
        attribution: str,
        hedge: bool,
        subject: str | None,
        standing: bool = False,
        in_quote: bool = False,
        relative: bool = False,
    ) -> None:
        """The claims of one stretch: its clauses, trimmed, less the non-claims (a
        ``standing`` a poll found has no verb of its own and is one)."""
        a, b = trim(self.text, start, end)
        if b - a < 8:
            return
        for c_start, c_end in split_clauses(
            self.text, a, b, None if in_quote else self._inside_quote
        ):
            ca, cb = trim(self.text, c_start, c_end)
            cut = cut_future_tail(self.text, ca, cb)
            if cut != cb:
                cb = trim(self.text, ca, cut)[1]
            if cb - ca < 12:
                continue
            own = attribution == "asserted"
            why = None if standing else non_claim(self.text, ca, cb, own, relative)
            if why is not None:
                continue
            if self._seen(ca, cb):
                continue
            h = hedge or hedged(self.text, ca, cb)
            self.found.append(_Found(ca, cb, who, attribution, h, subject))
            insort(self.spans, (ca, cb))

    def _seen(self, a: int, b: int) -> bool:
        """A claim with mostly this span is already found (a nested frame found twice)."""
        k = bisect_left(self.spans, (a - (b - a), 0))
        while k < len(self.spans) and self.spans[k][0] < b:
            c, d = self.spans[k]
            inter = min(b, d) - max(a, c)
            if inter > 0 and inter >= 0.8 * max(b - a, d - c):
                return True
            k += 1
        return False


def _fragment(body: str) -> bool:
    """A question, or a piece of a sentence split at an abbreviation or a parenthesis."""
    if body.rstrip("”\"’' )").endswith("?"):
        return True
    if not (body[:1].isupper() or body[:1].isdigit() or body[:1] in "“\"‘'"):
        return True
    close, open_ = body.find(")"), body.find("(")
    return close != -1 and (open_ == -1 or close < open_)


def _dependent(text: str, a: int, b: int) -> bool:
    """A piece left after a frame that starts mid-phrase ("of the election, in which")."""
    toks = tokens(text, a, b)
    return bool(toks) and toks[0][2] in _LEADS_NOTHING and text[toks[0][0]].islower()


def _past_subordinator(text: str, a: int, b: int) -> int:
    """ "..., X said, as they bristled at ...": the clause after the frame, less "as"."""
    toks = tokens(text, a, b)
    if len(toks) > 3 and toks[0][2] in _SUBORDINATE_LEADS:
        return toks[1][0]
    return a
