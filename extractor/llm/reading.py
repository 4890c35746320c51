"""What the model is asked to fill: the article's reading, with text but no offsets.

The model copies text; the tool finds it. Offsets never come from the model.
While a grounder is set in `current_grounder` (the LLM engine sets one per
request), validating an `ArticleReading` grounds it against the article and
raises a precise `ValueError` for whatever cannot be found, which instructor
sends back to the model as a re-ask.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from pydantic import BaseModel, Field, model_validator

from ..schema import ActorType, Attribution, QuoteKind


class Grounder(Protocol):
    """Checks a reading against its article; raises ValueError to have it re-asked."""

    def ground(self, reading: ArticleReading) -> object: ...


#: The grounder of the extraction running in this context (thread or asyncio task). The
#: model's answers are validated inside instructor, which passes a validation context
#: only by also rendering the prompt as a Jinja template; an article holding "{{" or
#: "{%" must reach the model verbatim, so the grounder travels this way instead.
current_grounder: ContextVar[Grounder | None] = ContextVar("grounder", default=None)


class DraftActor(BaseModel):
    """A person, organisation, country or group that takes part in the story."""

    id: str = Field(description="A short id you choose, e.g. 'a1'; quotes and claims refer to it.")
    name: str = Field(description="The fullest name the article uses, copied exactly.")
    type: ActorType
    title: str | None = Field(
        default=None, description="Role or title given in the article, e.g. 'Defense Secretary'."
    )
    aliases: list[str] = Field(
        default_factory=list,
        description=(
            "Other names or descriptions the article uses for this same actor, each copied "
            "exactly (e.g. 'al-Allaq', 'the head of Iraqi military intelligence'). No pronouns."
        ),
    )


class DraftQuote(BaseModel):
    """Something an actor said: a direct or partial quotation, or reported speech."""

    text: str = Field(
        description=(
            "Copied character for character from the article. For direct and partial quotes, "
            "the quoted words with their quotation marks; for indirect quotes, the reported "
            "content (the clause after 'said that', 'told ...', 'according to ...')."
        )
    )
    kind: QuoteKind = Field(
        description=(
            "direct: a whole quoted utterance; partial: a quoted fragment inside the "
            "article's own sentence; indirect: reported speech without quotation marks."
        )
    )
    speaker: str | None = Field(
        description="The id of the actor who said it, or null when the article does not say."
    )
    speaker_mention: str | None = Field(
        default=None,
        description=(
            "The exact words next to this quote that name the speaker, as written "
            "('al-Allaq', 'he', 'the Pentagon spokesman')."
        ),
    )
    cue: str | None = Field(
        default=None,
        description="The reporting verb or phrase as written: 'said', 'told', 'according to'.",
    )


class DraftClaim(BaseModel):
    """A checkable assertion in the article: a fact, figure or event, or a stated belief."""

    statement: str = Field(description="A short self-contained paraphrase of the claim.")
    claimant: str | None = Field(
        description="The id of the actor who makes the claim, or null when the article asserts it."
    )
    evidence: str = Field(
        description="The sentence or clause of the article that makes the claim, copied exactly."
    )
    attribution: Attribution = Field(
        description=(
            "asserted: the article states it; reported: someone said it; "
            "belief: someone believes or considers it."
        )
    )
    hedged: bool = Field(
        default=False, description="True when the claim is qualified (may, alleged, reportedly)."
    )


class ArticleReading(BaseModel):
    """The actors, quotes and claims of one news article; every text field copied exactly."""

    actors: list[DraftActor] = Field(default_factory=list)
    quotes: list[DraftQuote] = Field(default_factory=list)
    claims: list[DraftClaim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ground_in_article(self) -> ArticleReading:
        grounder = current_grounder.get()
        if grounder is not None:
            grounder.ground(self)
        return self
