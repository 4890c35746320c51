"""`extractor eval`: gold readers, the scorer's matching rules, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluation import load_gold, score
from extractor.evaluation.gold import GoldActor, GoldArticle, GoldAttribution, GoldClaim
from extractor.evaluation.runner import read_predictions, write_predictions
from extractor.schema import Actor, Claim, Extraction, Meta, Quote, Span

from .conftest import ROOT

TEXT = "“A b c d,” Ana said. “E f g h.”\nBen said the plan works."


def quote(start, end, speaker=None, mention=None, parts=None, within=None):
    spans = [Span(start=a, end=b, text=TEXT[a:b]) for a, b in (parts or [(start, end)])]
    return Quote(
        id=f"q{start}",
        text=TEXT[start:end],
        start=start,
        end=end,
        kind="direct",
        speaker=speaker,
        parts=spans,
        within=within,
        speaker_mention=Span(start=mention[0], end=mention[1], text=TEXT[mention[0] : mention[1]])
        if mention
        else None,
    )


def extraction(quotes, actors=()):
    return Extraction(quotes=quotes, actors=list(actors), meta=Meta(engine="test"))


def gold(*attributions, actors=None, claims=None):
    return GoldArticle("t", ROOT / "t.txt", TEXT, list(attributions), actors, claims)


ANA = Actor(id="a1", name="Ana", type="person", mentions=[Span(start=11, end=14, text="Ana")])
INTERRUPTED = GoldAttribution(
    content=((0, 10), (21, 31)),
    source=((11, 14),),
    content_text="“A b c d,” “E f g h.”",
    source_text="Ana",
)
REPORTED = GoldAttribution(
    content=((41, 55),), source=((32, 35),), content_text="the plan works", source_text="Ben"
)


def test_brat_folder_with_discontinuous_spans(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "t.ann").write_text(
        "T1\tSource 11 14\tAna\nT2\tCue 15 19\tsaid\nT3\tContent 0 10;21 31\t...\n"
        "T4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 41 55\tthe plan works\nE2\tAttribution-no-source:T5 Content:T5\n",
        encoding="utf-8",
    )
    [article] = load_gold(tmp_path)
    assert article.attributions[0].content == ((0, 10), (21, 31))
    assert article.attributions[0].direct and article.attributions[0].source_text == "Ana"
    assert not article.attributions[1].direct and article.attributions[1].source == ()


def test_one_quote_in_two_parts_matches_an_interrupted_attribution_at_0_8():
    both = quote(0, 31, "a1", (11, 14), parts=[(0, 10), (21, 31)])
    report = score([(gold(INTERRUPTED), extraction([both], [ANA]))])
    assert report.quotes[("direct", 0.8)].tp == 1
    assert report.speaker[("direct", 0.8)].value == 1.0


def test_one_part_alone_matches_at_0_3_but_not_0_8():
    first = quote(0, 10, "a1", (11, 14))
    report = score([(gold(INTERRUPTED), extraction([first], [ANA]))])
    assert report.quotes[("direct", 0.3)].tp == 1
    assert report.quotes[("direct", 0.8)].tp == 0


def test_matching_is_one_to_one_best_overlap_first():
    whole = quote(0, 31, parts=[(0, 10), (21, 31)])
    part = quote(0, 10)
    report = score([(gold(INTERRUPTED), extraction([part, whole]))])
    prf = report.quotes[("all", 0.3)]
    assert (prf.tp, prf.predicted, prf.gold) == (1, 2, 1)


def test_speaker_right_by_actor_name_without_mention_overlap():
    q = quote(0, 31, "a1", None, parts=[(0, 10), (21, 31)])
    report = score([(gold(INTERRUPTED), extraction([q], [ANA]))])
    assert report.speaker[("all", 0.3)].value == 1.0
    wrong = Actor(id="a1", name="Ben", type="person")
    report = score([(gold(INTERRUPTED), extraction([q], [wrong]))])
    assert report.speaker[("all", 0.3)].value == 0.0


def test_nested_partial_quotes_are_not_separate_attributions():
    outer = quote(41, 55)
    inner = quote(45, 49, within="q41")
    report = score([(gold(REPORTED), extraction([outer, inner]))])
    assert report.quotes[("all", 0.3)].predicted == 1


def test_own_gold_files_load_and_score_actors():
    golds = load_gold(ROOT / "seeds")
    assert len(golds) >= 4 and all(g.actors for g in golds)
    seed = next(g for g in golds if g.name.startswith("000_"))
    assert sum(a.direct for a in seed.attributions) == 7


def test_predictions_round_trip_through_jsonl(tmp_path):
    golds = load_gold(ROOT / "seeds")
    pairs = [(g, extraction([])) for g in golds]
    path = tmp_path / "p.jsonl"
    write_predictions(path, pairs)
    again = read_predictions(path, golds)
    assert [g.name for g, _ in again] == [g.name for g in golds]


def test_cli_scores_the_rules_engine_on_own_gold_as_json():
    result = CliRunner().invoke(app, ["eval", str(ROOT / "seeds"), "--engine", "rules", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["articles"] >= 4
    assert data["quotes"]["direct"]["0.3"]["f1"] > 0.5
    assert 0.0 <= data["actors"]["f1"] <= 1.0


def test_cli_eval_on_a_folder_without_gold_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--engine", "rules"])
    assert result.exit_code == 1
    assert "holds no gold" in result.stderr


def test_cli_eval_finds_actor_and_claim_gold_beside_the_gold_folder():
    shared = ROOT.parent / "shared" / "eval"
    if not (shared / "actors-dev.jsonl").is_file():
        pytest.skip("the shared evaluation data is not beside the project")
    result = CliRunner().invoke(
        app, ["eval", str(shared / "polnear-dev"), "--engine", "rules", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["actors"]["gold"] == 246 and data["claims"]["gold"] == 212
    assert "actors gold:" in result.stderr


@pytest.mark.parametrize("name", ["000_97dcceb8b115a6f9", "101_council_budget"])
def test_gold_offsets_are_exact(name):
    [article] = load_gold(ROOT / "seeds" / f"{name}.gold.json")
    for a in article.attributions:
        assert a.content_text == " ".join(article.text[s:e] for s, e in a.content)


# -- actors and claims, scored as ../shared/eval/README.md says ---------------------------


def actor(actor_id, name, kind="person", aliases=()):
    return Actor(id=actor_id, name=name, type=kind, aliases=list(aliases))


def test_actor_names_compare_without_case_punctuation_or_a_leading_the():
    from extractor.evaluation.entities import name_key

    assert name_key("The Washington Post") == name_key("washington post")
    assert name_key("U.S.") == name_key("US")


def test_a_second_actor_for_one_gold_actor_is_a_split():
    golds = [GoldActor("Hillary Clinton", ("Clinton",), quoted=True, type="person")]
    predicted = [actor("a1", "Hillary Clinton"), actor("a2", "Clinton")]
    report = score([(gold(actors=golds), extraction([], predicted))])
    scores = report.as_dict()["actors"]
    assert (scores["tp"], scores["predicted"], scores["gold"], scores["splits"]) == (1, 2, 1, 1)
    assert scores["quoted_actor_recall"] == 1.0 and scores["type_accuracy"] == 1.0


def test_actor_type_accuracy_is_over_matches():
    golds = [GoldActor("Harbour Watch", type="group"), GoldActor("Ana Lima", type="person")]
    predicted = [actor("a1", "Harbour Watch", "organization"), actor("a2", "Ana Lima")]
    scores = score([(gold(actors=golds), extraction([], predicted))]).as_dict()["actors"]
    assert scores["type_accuracy"] == 0.5 and scores["f1"] == 1.0


def claim(claim_id, start, end, claimant=None, attribution="asserted", hedged=False):
    return Claim(
        id=claim_id,
        statement="x",
        claimant=claimant,
        evidence=Span(start=start, end=end, text=TEXT[start:end]),
        attribution=attribution,
        hedged=hedged,
    )


def test_a_claim_matches_when_each_span_is_half_inside_the_other():
    gold_claims = [GoldClaim(32, 55, TEXT[32:55], "Ben Ode", "reported", False)]
    ben = actor("a1", "Ben", aliases=["Mr Ode"])
    hits = [claim("c1", 41, 55, "a1", "reported")]  # 14 of 23 gold characters, all inside
    too_long = [claim("c1", 0, 55, "a1", "reported")]  # covers it, but mostly outside
    result = Extraction(claims=hits, actors=[ben], meta=Meta(engine="test"))
    scores = score([(gold(claims=gold_claims), result)]).as_dict()["claims"]
    assert scores["tp"] == 1 and scores["claimant_accuracy"] == 1.0
    result = Extraction(claims=too_long, actors=[ben], meta=Meta(engine="test"))
    assert score([(gold(claims=gold_claims), result)]).as_dict()["claims"]["tp"] == 0


def test_claimant_null_matches_null_only():
    gold_claims = [GoldClaim(32, 55, TEXT[32:55], None, "asserted", False)]
    result = Extraction(
        claims=[claim("c1", 32, 55, "a1")], actors=[actor("a1", "Ben")], meta=Meta(engine="t")
    )
    scores = score([(gold(claims=gold_claims), result)]).as_dict()["claims"]
    assert scores["tp"] == 1 and scores["claimant_accuracy"] == 0.0


def test_actor_and_claim_gold_files_attach_by_article_id(tmp_path):
    from extractor.evaluation.annotations import attach_actors, attach_claims, beside

    folder = tmp_path / "gold"
    folder.mkdir()
    (tmp_path / "actors-x.jsonl").write_text(
        json.dumps({"id": "t", "actors": [{"name": "Ben", "type": "person", "quoted": True}]})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "claims-x.jsonl").write_text(
        json.dumps(
            {
                "id": "t",
                "claims": [
                    {
                        "evidence": TEXT[32:55],
                        "start": 32,
                        "end": 55,
                        "claimant": None,
                        "attribution": "asserted",
                        "hedged": False,
                    }
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    golds = [gold()]
    assert attach_actors(golds, beside(folder, "actors")) == 1
    assert attach_claims(golds, beside(folder, "claims")) == 1
    assert golds[0].actors[0].type == "person" and golds[0].claims[0].end == 55


def test_the_held_out_gold_loads_exactly():
    # Every content, source and cue string of the held-out set is located in its article
    # (load_gold raises on a piece it cannot find): the set stays usable as written.
    from extractor.evaluation.gold import load_gold

    golds = load_gold(Path(__file__).parent / "heldout")
    assert len(golds) == 8
    assert sum(len(g.attributions) for g in golds) == 182
    assert sum(len(g.actors) for g in golds) == 107


@pytest.mark.parametrize(
    ("name", "attributions", "direct", "actors"),
    [
        ("heldout2", 165, None, 108),
        ("heldout3", 164, None, 114),
        ("heldout4", 176, 90, 109),
        ("heldout5", 193, 84, 113),
        ("heldout6", 154, 64, 114),
        ("heldout7", 182, 86, 124),
    ],
)
def test_the_later_held_out_gold_loads_exactly(
    name: str, attributions: int, direct: int | None, actors: int
):
    from extractor.evaluation.gold import load_gold

    golds = load_gold(Path(__file__).parent / name)
    assert len(golds) == 8
    assert sum(len(g.attributions) for g in golds) == attributions
    if direct is not None:
        assert sum(1 for g in golds for a in g.attributions if a.direct) == direct
    assert sum(len(g.actors) for g in golds) == actors


HELD_OUT_CLAIMS = {
    "heldout2": {
        "calder_chips_rates": 32,
        "harbor_city_derby": 23,
        "norvaland_election_analysis": 30,
        "pellworth_fraud_trial": 24,
        "teenage_sleep_study": 30,
        "transit_chief_qa": 23,
        "varessa_ceasefire": 29,
        "violin_maker_feature": 36,
    },
    "heldout3": {
        "annaskea_kayak_inquest": 32,
        "brenzau_car_ban": 20,
        "carrabeen_wharf_strike": 21,
        "carrow_ferry_debate": 27,
        "hanne_varo_obituary": 24,
        "maren_solvik_profile": 33,
        "trellis_foods_earnings": 21,
        "vessland_pension_age": 29,
    },
    "heldout4": {
        "brackwater_governor_poll": 26,
        "flood_aid_hearing": 29,
        "kasmeria_election_wire": 33,
        "lindgren_aide_contracts": 26,
        "ostrander_cullen_rally": 25,
        "rail_bill_briefing": 19,
        "voter_roll_ruling": 29,
        "whitfield_budget_veto": 23,
    },
    "heldout5": {
        "dray_pac_filings": 33,
        "fenwick_zoning_vote": 36,
        "hospital_nurses_strike": 32,
        "kettering_pharmacy_lawsuit": 34,
        "lake_orsa_summit_wire": 22,
        "pellegrino_confirmation_hearing": 22,
        "tariff_deadline_analysis": 26,
        "wisconsin_senate_poll": 35,
    },
    "heldout6": {
        "campaign_manager_profile": 31,
        "final_debate_recap": 29,
        "kentucky_veto_override": 26,
        "missouri_primary_night": 38,
        "ohio_rally_feature": 30,
        "raleigh_shooting_video": 33,
        "shutdown_standoff": 31,
        "tennessee_voter_id_ruling": 31,
    },
    "heldout7": {
        "annuity_breach_hearing": 33,
        "arizona_charter_emails": 32,
        "border_sheriffs_senate_bill": 33,
        "iowa_party_chair_wire": 30,
        "kestria_steel_talks": 32,
        "pennsylvania_poll_split": 33,
        "san_antonio_stadium_vote": 29,
        "wisconsin_map_ruling": 23,
    },
}


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("heldout2", 227),
        ("heldout3", 207),
        ("heldout4", 210),
        ("heldout5", 240),
        ("heldout6", 249),
        ("heldout7", 245),
    ],
)
def test_the_held_out_claims_gold_attaches_with_offsets_checked(name: str, total: int):
    from extractor.evaluation.annotations import attach_claims, beside
    from extractor.evaluation.gold import load_gold

    folder = Path(__file__).parent / name
    golds = load_gold(folder)
    path = beside(folder, "claims")
    assert path is not None and path.name == f"claims-{name}.jsonl"
    assert attach_claims(golds, path) == 8
    counts = {g.name: len(g.claims) for g in golds}
    assert counts == HELD_OUT_CLAIMS[name]
    assert sum(counts.values()) == total
    for g in golds:
        for c in g.claims:
            assert g.text[c.start : c.end] == c.evidence
