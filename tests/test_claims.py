"""Claims from the offline engine, on short invented articles: one clause per claim with
its subject and negation, credited to the frame's speaker, non-claims skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import Article
from extractor.rules import RulesEngine
from extractor.schema import Claim, Extraction

ARTICLES = Path(__file__).parent / "claims"
engine = RulesEngine()


def run(text: str) -> Extraction:
    result = engine.extract(Article(text))
    assert result.check_spans(text) == []
    for claim in result.claims:  # every evidence span exact
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    return result


def article(body: str) -> str:
    """A headline paragraph, then the body (so the body is no headline)."""
    return "Test Headline About The Town\n\n" + body


def evidence(result: Extraction) -> list[str]:
    return [c.evidence.text for c in result.claims]


def claim_with(result: Extraction, words: str) -> Claim:
    found = [c for c in result.claims if words in c.evidence.text]
    assert found, f"no claim holds {words!r}: {evidence(result)}"
    return found[0]


def claimant(result: Extraction, claim: Claim) -> str | None:
    actor = result.actor(claim.claimant)
    return actor.name if actor else None


# -- what a claim is: the whole clause ---------------------------------------------------


def test_a_stance_verb_gives_the_whole_clause_not_its_tail():
    result = run(article("Mayor Owen Park touts his ability to create jobs in the county."))
    assert "his ability to create jobs in the county" not in evidence(result)
    assert all(not e.startswith("his ability") for e in evidence(result))


def test_no_comment_is_a_clause_with_its_subject_not_a_tail():
    result = run(article("His office did not respond to an email seeking comment on Friday."))
    assert all(not e.startswith("to an email") for e in evidence(result))
    claim = claim_with(result, "did not respond")
    assert claim.evidence.text.startswith("His office did not respond")


def test_two_independent_clauses_are_two_claims():
    result = run(article("The council voted 7-2 on Tuesday, and crews broke ground the same day."))
    assert claim_with(result, "voted 7-2").evidence.text.endswith("on Tuesday")
    assert claim_with(result, "crews broke ground").evidence.text.startswith("crews broke")


def test_a_dateline_is_not_part_of_the_evidence():
    result = run(article("RIVERTON, Ore. — About 1,200 dock workers walked off the job on Monday."))
    claim = claim_with(result, "dock workers walked off")
    assert claim.evidence.text.startswith("About 1,200")
    assert claim.claimant is None and claim.attribution == "asserted"


def test_a_dateline_with_an_agency_of_two_words_is_not_part_of_the_evidence():
    result = run(article("DRAVOS, Kasmeria (Continental Press) - The count ended on Monday."))
    assert claim_with(result, "count ended").evidence.text.startswith("The count ended")


def test_a_participle_frame_splits_the_article_s_clause_from_the_speaker_s():
    """ "Ana Quist resigned on Sunday, saying the vote was rigged": the article says she
    resigned; that the vote was rigged is hers, a reported claim, found after "saying"
    with or without "that", and after "telling reporters"."""
    result = run(
        article(
            "Ana Quist resigned on Sunday, saying the vote was rigged. Later Quist left the "
            "capital, telling reporters that the count had been stopped twice."
        )
    )
    resigned = claim_with(result, "resigned")
    assert resigned.evidence.text == "Ana Quist resigned on Sunday"
    assert resigned.attribution == "asserted" and resigned.claimant is None
    rigged = claim_with(result, "rigged")
    assert rigged.evidence.text == "the vote was rigged"
    assert rigged.attribution == "reported" and claimant(result, rigged) == "Ana Quist"
    left = claim_with(result, "left the capital")
    assert not left.evidence.text.endswith(("telling reporters", "reporters"))
    stopped = claim_with(result, "stopped twice")
    assert claimant(result, stopped) == "Ana Quist"


# -- negation, denial, conditions --------------------------------------------------------


def test_a_negated_denial_asserts_nothing():
    result = run(
        article(
            "The port reopened on Monday. Nor have they outright denied that the company gave "
            "permission for the dredging."
        )
    )
    assert all("gave permission" not in e for e in evidence(result))


def test_did_not_say_where_is_no_claim():
    result = run(article("His office did not say where the money would come from."))
    assert result.claims == []


def test_a_denial_keeps_its_verb():
    result = run(article("The Delta Paper Company denied that it had dumped waste into the river."))
    claim = claim_with(result, "dumped waste")
    assert claim.evidence.text.startswith("denied that")
    assert claim.attribution == "reported"
    assert claimant(result, claim) == "Delta Paper Company"
    assert "denied" in claim.statement


def test_a_conditional_is_no_claim():
    result = run(article("If the council approves the plan, the city will build a new bridge."))
    assert result.claims == []


def test_a_counterfactual_is_no_claim():
    result = run(article("He would not have done that to a rival from his own party."))
    assert result.claims == []


# -- non-claims --------------------------------------------------------------------------


def test_headline_byline_and_citation_lines_are_no_claims():
    text = (
        "Dock Workers Walk Out at Riverton Harbour\n\n"
        "By Jane Roe\n\n"
        "The strike began after talks collapsed on Sunday night.\n\n"
        "[Mara Quill, 10/24/13.]\n"
    )
    result = run(text)
    assert evidence(result) == ["The strike began after talks collapsed on Sunday night"]


def test_a_question_is_no_claim():
    result = run(article("Will the governor step in to end the strike? Nobody knows yet."))
    assert all("governor" not in e for e in evidence(result))


def test_promises_plans_and_predictions_are_no_claims():
    result = run(
        article(
            "Ebert promised to reopen the terminals by Friday. The city will open a clinic "
            "next year. The authority plans to hire 40 inspectors. Shipping agents believe "
            "the backlog could take a month to clear."
        )
    )
    assert result.claims == []


def test_a_bare_number_and_reader_appeals_are_no_claims():
    result = run(
        article("156,000 jobs.\n\nClick here to sign up for our newsletter.\n\nShare this story.")
    )
    assert result.claims == []


def test_an_opinion_is_no_claim():
    result = run(article("This is a disgusting day. That looks unlikely."))
    assert result.claims == []


def test_wishes_imperatives_and_a_speakers_mood_are_no_claims():
    result = run(
        article(
            "“We don’t want anyone to be frightened of the water,” the family said. “Let "
            "someone else take the calls.” Union leaders were scathing. Others were more "
            "forgiving. Voters want to know what is in the returns."
        )
    )
    assert evidence(result) == ["Voters want to know what is in the returns"]


def test_questions_characterisations_and_passive_reports():
    result = run(
        article(
            "“How much of the decline is price, and how much is taste?” asked one analyst. "
            "Critics called the plan “a kite flown from a tall building.” Asked whether she "
            "would resign, the minister smiled. The inquest was told the boy had not been "
            "given a lifejacket. Police said the alarm was raised at 4pm and that divers "
            "found him at 7pm."
        )
    )
    found = evidence(result)
    assert "the boy had not been given a lifejacket" in found
    assert claimant(result, claim_with(result, "the boy had not been given")) is None
    assert "the alarm was raised at 4pm" in found and "divers found him at 7pm" in found
    assert not [e for e in found if "How much" in e or "kite" in e or "Asked" in e]


# -- hedges ------------------------------------------------------------------------------


def test_an_approximation_is_not_a_hedge():
    result = run(article("About 73% of residents voted for the measure in March."))
    assert claim_with(result, "73%").hedged is False


def test_a_hedge_inside_the_clause_marks_the_claim():
    result = run(article("The fire may have started in the boiler room of the mill."))
    assert claim_with(result, "boiler room").hedged is True
    result = run(article("The clinic reportedly cost about $18 million to design."))
    assert claim_with(result, "$18 million").hedged is True


def test_a_hedge_in_a_relative_clause_does_not_hedge_the_claim():
    result = run(article("A campaign aide avoided doctors who could leak details to reporters."))
    assert claim_with(result, "avoided doctors").hedged is False


# -- voices: quotes, reported speech, beliefs --------------------------------------------


def test_claims_inside_a_direct_quote_are_credited_to_its_speaker():
    result = run(
        article(
            "“The authority cut our overtime pay twice last year. Three members were injured "
            "in August,” said Mara Quill, the union's president. “We will stay out until they "
            "fix it.”"
        )
    )
    pay = claim_with(result, "cut our overtime pay")
    injured = claim_with(result, "Three members were injured")
    assert pay is not injured
    for claim in (pay, injured):
        assert claimant(result, claim) == "Mara Quill"
        assert claim.attribution == "reported"
    assert all("stay out" not in e for e in evidence(result))  # a vow


def test_reported_speech_is_credited_and_its_frame_left_out():
    result = run(article("Port director Tomas Ebert said the cranes had passed every inspection."))
    claim = claim_with(result, "cranes had passed")
    assert claim.evidence.text == "the cranes had passed every inspection"
    assert claimant(result, claim) == "Tomas Ebert"
    assert claim.attribution == "reported"
    assert claim.statement == "The cranes had passed every inspection."


def test_an_accusation_is_the_accusers_claim_without_its_frame():
    result = run(
        article(
            "Dock workers walked out on Monday. Union leader Ada Brenner accused the port "
            "authority of hiding the crane inspection reports."
        )
    )
    claim = claim_with(result, "hiding the crane")
    assert "accused" not in claim.evidence.text
    assert claimant(result, claim) == "Ada Brenner"
    assert claim.attribution == "reported"


def test_what_records_show_is_reported_without_the_frame():
    result = run(
        article(
            "The fund raised money in June. State business records show that all three "
            "companies were registered in Delaware in June."
        )
    )
    claim = claim_with(result, "registered in Delaware")
    assert claim.evidence.text == "all three companies were registered in Delaware in June"
    assert claim.attribution == "reported" and claimant(result, claim) is None


def test_what_a_poll_finds_is_its_makers_claim_without_the_frame():
    """ "according to a poll released on Wednesday by X": X is the claimant, though a
    time comes between the poll and its maker; "A poll ... by Y found Mr. A ahead of
    Ms. B by three points": the finding, a standing with no verb of its own, is Y's
    claim without the frame; a study nobody is named for is reported, by no one; "data
    showed most buyers ... at a lower price point" (no "that", no standing) stays whole;
    "The same poll found" is the maker of the poll named last."""
    result = run(
        article(
            "Nora Vance and Sen. Hal Oduya are effectively tied in the Senate race, according "
            "to a poll released on Wednesday by the Lakemoor Research Group. A poll released "
            "on Thursday by Brightwater Polling found Mr. Oduya ahead of Ms. Vance by three "
            "points among likely voters. Turnout in the primary fell sharply, according to a "
            "study published on Thursday. Chief Financial Officer Tom Reyes said the "
            "company's data showed most buyers stayed at a lower price point. The same poll "
            "found that 52 percent of voters disapprove of the Legislature."
        )
    )
    tied = claim_with(result, "effectively tied")
    assert tied.attribution == "reported"
    assert claimant(result, tied) == "Lakemoor Research Group"
    ahead = claim_with(result, "ahead of Ms. Vance")
    assert ahead.evidence.text == "Mr. Oduya ahead of Ms. Vance by three points among likely voters"
    assert ahead.attribution == "reported" and claimant(result, ahead) == "Brightwater Polling"
    turnout = claim_with(result, "Turnout in the primary")
    assert turnout.attribution == "reported" and claimant(result, turnout) is None
    assert not [c for c in result.claims if c.evidence.text.startswith("most buyers")]
    again = claim_with(result, "52 percent of voters")  # "The same poll": the latest maker's
    assert again.attribution == "reported" and claimant(result, again) == "Brightwater Polling"


def test_a_belief_frame_gives_a_belief():
    result = run(article("Fire chief Lena Ortiz believes the fire started in the kitchen."))
    claim = claim_with(result, "fire started")
    assert claim.attribution == "belief" and claimant(result, claim) == "Lena Ortiz"


def test_a_belief_with_a_small_clause_keeps_its_frame():
    result = run(article("Ankara considers the Kurdish militias terrorists."))
    claim = claim_with(result, "considers the Kurdish militias terrorists")
    assert claim.attribution == "belief" and claimant(result, claim) == "Ankara"


def test_a_comma_spliced_quote_gives_one_claim_per_clause():
    result = run(
        article("“You live in poverty, your schools are closing, 58 percent of you have no jobs.”")
    )
    # a quote nobody is said to say is nobody's claim
    assert result.claims == []
    result = run(
        article(
            "“You live in poverty, 58 percent of your youth is unemployed,” Trump said in August."
        )
    )
    assert claim_with(result, "You live in poverty").evidence.text == "You live in poverty"
    assert claim_with(result, "58 percent").evidence.text.startswith("58 percent of your youth")


def test_an_anonymous_source_is_no_claimant():
    result = run(article("The van was escorted by a police detail, a source said."))
    claim = claim_with(result, "escorted by a police detail")
    assert claim.attribution == "reported" and claim.claimant is None


def test_a_pronoun_subject_is_resolved_in_the_statement():
    result = run(article("“I worked at the mill for ten years,” said Mara Quill."))
    assert claim_with(result, "worked at the mill").statement.startswith("Mara Quill worked")


def test_the_name_a_statement_gives_a_pronoun_is_a_name_not_a_clause():
    """The speaker's name for "I" is the fullest phrase that names him as a source, not
    one the speech patterns took with its verb ("Trump said", "Lynch said the nonstop")."""
    result = run(
        article(
            "Donald Trump spoke at a veterans' forum on Monday. "
            'Trump told the forum he was "totally against the war in Iraq" because it '
            'destabilized the region. "I have good judgment," he said. Trump said praise from '
            "Russian President Vladimir Putin would not affect his policy toward Russia."
        )
    )
    assert claim_with(result, "good judgment").statement == "Trump has good judgment."
    assert claim_with(result, "against the war").statement.startswith("Trump was ")


def test_a_relative_clause_on_a_speaker_is_the_articles_own_claim():
    result = run(
        article("Rosa Delgado, who chaired the health committee for six years, said it was late.")
    )
    claim = claim_with(result, "who chaired the health committee")
    assert claim.evidence.text.startswith("Rosa Delgado, who chaired")
    assert claim.attribution == "asserted" and claim.claimant is None


def test_a_spokeswoman_for_an_organisation_is_the_claimant_not_the_organisation():
    result = run(
        article(
            "Ann Lee, a local developer and spokeswoman for the Harbor Coalition, which "
            "represents builders, said the program helped transform poor neighborhoods "
            "across the county.\n\n"
            '"We have seen forty new homes built on one street alone," she said.'
        )
    )
    assert claimant(result, claim_with(result, "helped transform")) == "Ann Lee"
    assert claimant(result, claim_with(result, "forty new homes")) == "Ann Lee"


def test_she_is_a_person_not_the_organisation_that_spoke_last():
    result = run(
        article(
            "Mayor Ann Lee said rents in the harbor district rose by a third last year.\n\n"
            "The Harbor Coalition said its members built forty homes in the district.\n\n"
            '"Forty families have left the street since spring," she said.'
        )
    )
    assert claimant(result, claim_with(result, "built forty homes")) == "Harbor Coalition"
    assert claimant(result, claim_with(result, "Forty families")) == "Ann Lee"


# -- whole invented articles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        (
            "harbour_strike.txt",
            [
                "About 1,200 dock workers walked off the job",
                "The union represents roughly 73% of the port's workforce",
                "The authority cut our overtime pay twice last year",
                "the cranes had passed every inspection since 2019",
            ],
            [
                "Dock Workers Walk Out",
                "By Jane Roe",
                "when talks would resume",
                "Will the",
                "reopen the terminals",
                "shippers will divert",
                "Mara Quill, 10/24/13",
                "it cut overtime pay",
            ],
        ),
        (
            "clinic_budget.txt",
            [
                "construction crews broke ground the same afternoon",
                "the east side has had no public clinic since 2011",
                "Families here drive forty minutes to see a nurse",
                "his office did not respond to an email seeking comment",
            ],
            ["City Council Approves", "156,000 jobs", "Click here", "should call"],
        ),
    ],
)
def test_invented_articles(name: str, present: list[str], absent: list[str]):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    result = run(text)
    found = evidence(result)
    for words in present:
        assert any(words in e for e in found), f"missing {words!r}: {found}"
    for words in absent:
        assert all(words not in e for e in found), f"{words!r} should not be a claim"


def test_reader_appeals_are_found_in_any_case_and_with_folded_letters():
    from extractor.rules.claim_checks import non_claim

    for line in (
        "Readers who want more can subscribe to the weekly letter today.",
        "Readers who want more can SUBSCRIBE to the weekly letter today.",
        "Readers who want more can ſubscribe to the weekly letter today.",  # long s
        "Readers who want more can Sİgn up for the weekly letter today.",  # dotted capital I
    ):
        assert non_claim(line, 0, len(line), own_voice=True) == "reader appeal", line
    line = "The council said residents signed up for the weekly letter today."
    assert non_claim(line, 0, len(line), own_voice=True) is None


def test_a_sentence_that_ends_on_its_speech_verb_does_not_break_the_claims_stage():
    # An imperative quote before "she said" left nothing after the frame's verb; the
    # claims stage read the word after it and raised IndexError (found on tests/heldout2).
    text = (
        "Derby day\n\n"
        "Coach Ana Ruiz spoke after the match.\n\n"
        "Asked whether the win eased the pressure, the coach laughed. “Ask me again on "
        "Friday,” she said.\n"
    )
    result = RulesEngine().extract(Article(text))
    assert any(q.text.startswith("“Ask me again") for q in result.quotes)


def test_what_a_speaker_wants_or_does_not_know_is_no_claim():
    """In a quote, "I need ...", "We intend to ...", "I don't know which ...", "I have no
    idea ..." say the speaker's wants and knowledge, nothing checkable; "I don't read
    them" and "We closed the plant" are claims."""
    result = run(
        article(
            "“I need somebody to fight for us. We intend to win. I don't know which is "
            "worse. I have no idea how he does it. I don't read the polls. We closed the "
            "plant in May,” said Rita Holm, a union steward."
        )
    )
    found = " | ".join(evidence(result))
    for phrase in ("I need", "We intend", "I don't know", "I have no idea"):
        assert phrase not in found, found
    assert "I don't read the polls" in found and "We closed the plant in May" in found


def test_a_claim_in_reported_speech_interrupted_by_its_cue_is_the_speaker_s():
    """ "Democrats, she argued, had found an issue": one claim, the cue inside it (as
    annotators mark it), credited to her."""
    result = run(
        article(
            "Lorna Betts, a strategist, spoke on Monday. Democrats, she argued, had finally "
            "found an issue that crosses party lines."
        )
    )
    claim = claim_with(result, "found an issue")
    assert claim.evidence.text.startswith("Democrats, she argued, had")
    assert claim.attribution == "reported" and claimant(result, claim) == "Lorna Betts"
