"""Grounding on tricky text: the model's copy is found, the article's text is returned."""

from __future__ import annotations

import pytest

from extractor.llm.grounding import GroundingSession, ground_reading
from extractor.llm.locate import ArticleIndex, normalize
from extractor.llm.reading import ArticleReading

LIMA = {"id": "a1", "name": "Ana Lima", "type": "person", "aliases": ["Lima"]}
ODE = {"id": "a2", "name": "Ben Ode", "type": "person", "aliases": ["Ode"]}


def reading(quotes: list[dict], actors: list[dict] | None = None, claims=()) -> ArticleReading:
    actors = actors if actors is not None else [LIMA]
    return ArticleReading.model_validate(
        {"actors": actors, "quotes": quotes, "claims": list(claims)}
    )


def quote(text: str, speaker: str = "a1", mention: str | None = None, kind: str = "direct"):
    return {"text": text, "kind": kind, "speaker": speaker, "speaker_mention": mention}


def ground(text: str, draft: ArticleReading):
    result, problems = ground_reading(draft, ArticleIndex(text))
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
    assert all(text[m.start : m.end] == m.text for a in result.actors for m in a.mentions)
    return result, problems


def test_mixed_straight_and_curly_marks_within_one_quote():
    text = 'Ana Lima spoke.\n\n“Some of them fled north," Lima said.'
    result, problems = ground(text, reading([quote('"Some of them fled north,"', mention="Lima")]))
    assert problems == []
    assert result.quotes[0].text == '“Some of them fled north,"'
    assert result.quotes[0].speaker_mention.text == "Lima"


def test_no_break_space_and_dash_in_article():
    text = 'Ana Lima said: "They crossed the border\u00a0— top leaders who have money."'
    draft = reading([quote('"They crossed the border - top leaders who have money."')])
    result, problems = ground(text, draft)
    assert problems == []
    assert "\u00a0—" in result.quotes[0].text


def test_repeated_identical_phrase_goes_to_the_right_speaker():
    text = (
        'Ana Lima opened the meeting. "We will win," Lima said.\n\n'
        'Ben Ode disagreed with her plan. "We will win," Ode said later.'
    )
    second = text.rindex('"We will win,"')
    # Listed out of text order: the speaker mentions nearby decide the occurrence.
    draft = reading(
        [
            quote('"We will win,"', speaker="a2", mention="Ode"),
            quote('"We will win,"', speaker="a1", mention="Lima"),
        ],
        [LIMA, ODE],
    )
    result, problems = ground(text, draft)
    assert problems == []
    by_speaker = {q.speaker: q for q in result.quotes}
    assert by_speaker["a2"].start == second
    assert by_speaker["a1"].start == text.index('"We will win,"')


def test_two_identical_quotes_take_both_occurrences():
    text = 'Lima said "no". Then Ode said "no".'
    draft = reading(
        [quote('"no"', "a1", "Lima", "partial"), quote('"no"', "a2", "Ode", "partial")],
        [LIMA, ODE],
    )
    result, _ = ground(text, draft)
    assert sorted(q.start for q in result.quotes) == [10, 30]


def test_quote_spanning_paragraphs_with_repeated_opening_mark():
    text = (
        "Ben Ode gave a long answer.\n\n"
        "“The first part of the plan is the harbour.\n\n"
        "“The second part is the rail link,” Ode said."
    )
    draft = reading(
        [
            quote(
                "The first part of the plan is the harbour. The second part is the rail link,",
                speaker="a2",
                mention="Ode",
            )
        ],
        [ODE],
    )
    result, problems = ground(text, draft)
    assert problems == []
    q = result.quotes[0]
    assert q.text.startswith("“The first part") and q.text.endswith("rail link,”")
    assert "\n\n“The second" in q.text


def test_case_and_ellipsis_differences():
    text = 'Lima said: "These criminals … are able to leave these camps."'
    result, problems = ground(text, reading([quote('"these criminals ... are able to leave"')]))
    assert problems == []
    assert result.quotes[0].text.startswith('"These criminals …')


def test_small_copy_error_is_repaired_with_warning():
    text = 'Ana Lima said: "The harbour expansion will create four hundred jobs by 2027."'
    draft = reading([quote('"The harbor expansion will create four hundred jobs by 2027."')])
    result, problems = ground(text, draft)
    assert problems == []
    assert result.quotes[0].text == (
        '"The harbour expansion will create four hundred jobs by 2027."'
    )
    assert [w.code for w in result.warnings] == ["quote_repaired"]


def test_paraphrase_is_a_problem_with_a_hint():
    text = 'Ana Lima said: "The harbour expansion will create four hundred jobs by 2027."'
    draft = reading([quote('"Expanding the port brings many jobs soon."')])
    result, problems = ground(text, draft)
    assert result.quotes == []
    assert [p.code for p in problems] == ["quote_ungrounded"]


def test_session_raises_then_drops_on_last_attempt():
    text = "Ana Lima spoke."
    draft = reading([quote('"Invented words here."')])
    session = GroundingSession(text)
    with pytest.raises(ValueError, match="does not occur in the article"):
        session.ground(draft)
    session.lenient = True
    result = session.ground(draft)
    assert result.quotes == [] and result.warnings[0].code == "quote_ungrounded"


def test_nothing_is_taken_from_link_hover_junk():
    text = (
        "President Ana LimaAna LimaSenate passes bill on 'harbour jobs' today MORE said on "
        'Monday that the plan works. "It works," Lima said.'
    )
    actors = [
        {
            "id": "a1",
            "name": "Ana Lima",
            "type": "person",
            "aliases": ["Lima", "President Ana Lima"],
        },
        {"id": "a2", "name": "Senate", "type": "organization", "aliases": []},
    ]
    draft = reading(
        [quote("harbour jobs", kind="partial"), quote('"It works,"', mention="Lima")], actors
    )
    result, problems = ground(text, draft)
    assert {p.code for p in problems} == {"actor_ungrounded", "quote_in_junk"}
    assert [a.name for a in result.actors] == ["Ana Lima"]
    assert result.actors[0].mentions[0].text == "President Ana Lima"
    assert [q.text for q in result.quotes] == ['"It works,"']


def test_pronoun_mention_links_to_the_speaker_and_becomes_a_mention():
    text = 'Ana Lima arrived late. "We are ready," she said.'
    result, problems = ground(text, reading([quote('"We are ready,"', mention="she")]))
    assert problems == []
    assert result.quotes[0].speaker_mention.text == "she"
    assert "she" in [m.text for m in result.actors[0].mentions]


def test_actor_named_nowhere_is_a_problem_and_its_quotes_lose_the_speaker():
    text = 'Ana Lima said: "Fine."'
    actors = [
        {"id": "a1", "name": "Ana Lima", "type": "person"},
        {"id": "a2", "name": "Carl Nobody", "type": "person"},
    ]
    result, problems = ground(text, reading([quote('"Fine."', speaker="a2")], actors))
    assert [p.code for p in problems] == ["actor_ungrounded"]
    assert result.quotes[0].speaker is None


def test_claim_evidence_and_unknown_claimant():
    text = "The port handled 3 million tonnes in 2025. Lima said the figure will double."
    claims = [
        {
            "statement": "The port handled 3m tonnes.",
            "claimant": None,
            "evidence": "The port handled 3 million tonnes in 2025",
            "attribution": "asserted",
        },
        {
            "statement": "It will double.",
            "claimant": "a7",
            "evidence": "the figure will double",
            "attribution": "reported",
        },
    ]
    result, problems = ground(text, reading([], claims=claims))
    assert [c.evidence.text for c in result.claims] == ["The port handled 3 million tonnes in 2025"]
    assert [p.code for p in problems] == ["claimant_unknown"]


def test_ids_are_renumbered_in_text_order():
    text = 'Ben Ode and Ana Lima met. "Yes," Lima said. "No," Ode said.'
    draft = reading([quote('"No,"', "a2", "Ode"), quote('"Yes,"', "a1", "Lima")], [LIMA, ODE])
    result, _ = ground(text, draft)
    assert [a.name for a in result.actors] == ["Ben Ode", "Ana Lima"]
    assert [(q.id, q.text, q.speaker) for q in result.quotes] == [
        ("q1", '"Yes,"', "a2"),
        ("q2", '"No,"', "a1"),
    ]


def test_normalize_maps_back_to_source_indices():
    text = "A\u00a0\u00a0“b”—c…"
    folded, index = normalize(text)
    assert folded == 'a "b"-c...'
    assert [text[i] for i in index] == ["A", "\u00a0", "“", "b", "”", "—", "c", "…", "…", "…"]
