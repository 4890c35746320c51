"""The output schema: what `extract()` returns.

Every span anywhere in an `Extraction` obeys ``article[start:end] == text``,
with offsets as Python ``str`` indices into the article text as given.
`Extraction.check_spans` verifies that invariant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.0"

ActorType = Literal["person", "organization", "country", "group", "other"]
QuoteKind = Literal["direct", "partial", "indirect"]
Attribution = Literal["asserted", "reported", "belief"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the article: ``article[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Actor(_Model):
    """Someone or something in the story: a person, organisation, country or group."""

    id: str
    name: str = Field(description="Canonical name, e.g. 'Saad al-Allaq'.")
    type: ActorType
    title: str | None = Field(default=None, description="Role, e.g. 'Defense Secretary'.")
    aliases: list[str] = Field(default_factory=list, description="Other names used in the text.")
    mentions: list[Span] = Field(default_factory=list)


class Quote(_Model):
    """Something an actor said, direct (in quotation marks) or reported."""

    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: QuoteKind
    speaker: str | None = Field(description="Actor id, or null when unattributed.")
    speaker_mention: Span | None = Field(
        default=None, description="The words that name the speaker for this quote ('he')."
    )
    cue: str | None = Field(default=None, description="The reporting verb, e.g. 'told'.")
    cue_span: Span | None = None
    within: str | None = Field(
        default=None,
        description=(
            "For a partial quote that sits inside reported speech by the same speaker "
            "(said that ... “huge” ...), the id of that enclosing quote."
        ),
    )
    parts: list[Span] = Field(
        default_factory=list,
        description=(
            "The quoted pieces. One utterance interrupted by its cue "
            "(“A,” he said, “B.”) is one quote whose parts are A and B; "
            "start/end then cover both, cue included."
        ),
    )
    source_engine: str | None = Field(
        default=None,
        description=(
            "The engine that found this quote when it is not meta.engine: 'rules' for a "
            "direct quote the model missed and the offline engine added (fill_missed)."
        ),
    )

    def pieces(self) -> list[tuple[int, int]]:
        """The offsets of the quoted pieces: its parts, or its whole span when it has none."""
        return [(p.start, p.end) for p in self.parts] or [(self.start, self.end)]


class Claim(_Model):
    """Something the article asserts, reports or attributes as a belief."""

    id: str
    statement: str = Field(description="A short self-contained paraphrase.")
    claimant: str | None = Field(description="Actor id, or null when the article asserts it.")
    evidence: Span
    attribution: Attribution
    hedged: bool = False


class ExtractionWarning(_Model):
    """Something dropped or repaired on the way, and why."""

    code: str = Field(
        description="e.g. quote_dropped, quote_repaired, speaker_unlinked, mode_fallback, "
        "model_missed_quote."
    )
    message: str
    item: str | None = Field(default=None, description="The id of the item concerned.")
    span: Span | None = Field(
        default=None,
        description="The stretch of the article concerned (model_missed_quote: the quote "
        "the model did not report).",
    )


class Usage(_Model):
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0


class Meta(_Model):
    engine: str
    model: str | None = None
    mode: str | None = None
    prompt_version: str | None = None
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    requests: int = Field(default=0, description="HTTP requests sent, transport retries included.")
    attempts: int = Field(default=0, description="Model answers asked for, re-asks included.")
    chunks: int = Field(default=1, description="Pieces a long article was read in.")
    cached: bool = Field(
        default=False,
        description="Served from the disk cache; usage and requests are those of the first run.",
    )
    elapsed_s: float = 0.0


class Extraction(_Model):
    """Who is in the article, what they said, and what it claims."""

    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(default_factory=list)
    meta: Meta
    _text: str | None = PrivateAttr(default=None)

    def attach_text(self, text: str) -> Extraction:
        """Keep the article's text with the result (not serialised) for display; returns self."""
        self._text = text
        return self

    @property
    def article_text(self) -> str | None:
        """The text the offsets index, when the result was made or read with it."""
        return self._text

    def spans(self) -> Iterator[Span]:
        """Every span in the result, quotes included (as spans of their own), warnings'
        spans too."""
        for actor in self.actors:
            yield from actor.mentions
        for quote in self.quotes:
            yield Span(start=quote.start, end=quote.end, text=quote.text)
            yield from quote.parts
            if quote.speaker_mention:
                yield quote.speaker_mention
            if quote.cue_span:
                yield quote.cue_span
        for claim in self.claims:
            yield claim.evidence
        for warning in self.warnings:
            if warning.span:
                yield warning.span

    def check_spans(self, article: str) -> list[Span]:
        """Return the spans that break ``article[start:end] == text`` (none, normally)."""
        return [s for s in self.spans() if article[s.start : s.end] != s.text]

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    # Display: the renderers live in extractor.render and are imported only when used.

    def __str__(self) -> str:
        """A counts line, then one line per top-level quote (``q1 direct   Name: “…”``)."""
        from .render.summary import summary_text

        return summary_text(self)

    def __rich__(self) -> Any:
        """The counts line and a table of the top-level quotes, for rich consoles."""
        from .render.summary import summary_rich

        return summary_rich(self)

    def _repr_html_(self) -> str:
        """Notebook view: the highlighted article when its text is attached, else the quotes."""
        from .render.html import extraction_html

        return extraction_html(self)
