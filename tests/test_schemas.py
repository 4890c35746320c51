"""`schemas/` must match the models; regenerate: `python -m extractor.schema_export`."""

from __future__ import annotations

import pytest

from extractor.schema_export import SCHEMAS, render

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_model(name):
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[name]), (
        f"schemas/{name} is out of date: run `python -m extractor.schema_export`"
    )


def test_extraction_dump_has_the_documented_fields():
    schema = SCHEMAS["extraction.schema.json"].model_json_schema()
    defs = schema["$defs"]
    assert {"actors", "quotes", "claims", "warnings", "meta"} <= set(schema["properties"])
    assert {"id", "name", "type", "title", "aliases", "mentions"} <= set(
        defs["Actor"]["properties"]
    )
    assert {"id", "text", "start", "end", "kind", "speaker", "speaker_mention", "cue"} <= set(
        defs["Quote"]["properties"]
    )
    assert {"id", "statement", "claimant", "evidence", "attribution", "hedged"} <= set(
        defs["Claim"]["properties"]
    )
    assert {"engine", "model", "prompt_version", "usage", "requests"} <= set(
        defs["Meta"]["properties"]
    )
