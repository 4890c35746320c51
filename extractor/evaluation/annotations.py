"""Actor and claim gold kept apart from the articles (``actors-dev.jsonl``,
``claims-dev.jsonl``): one JSON line per article, matched to gold articles by id.

Actors: ``{"id", "actors": [{"name", "type", "aliases", "quoted"}]}``.
Claims: ``{"id", "claims": [{"evidence", "start", "end", "claimant",
"attribution", "hedged", "statement"}]}`` with ``text[start:end] == evidence``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ArticleError
from .gold import GoldActor, GoldArticle, GoldClaim


def _lines(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        raise ArticleError("no such annotation file", source=str(path))
    records: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            records[str(record["id"])] = record
        except (ValueError, KeyError, TypeError):
            raise ArticleError(
                f"line {number} is not an annotation record", source=str(path)
            ) from None
    return records


def attach_actors(golds: list[GoldArticle], path: Path) -> int:
    """Give the gold articles named in ``path`` their actors; returns how many got some."""
    records = _lines(path)
    count = 0
    for gold in golds:
        record = records.get(gold.name)
        if record is None:
            continue
        gold.actors = [
            GoldActor(
                str(a["name"]),
                tuple(str(x) for x in a.get("aliases", [])),
                bool(a.get("quoted", False)),
                str(a.get("type", "")) or None,
            )
            for a in record["actors"]
        ]
        count += 1
    return count


def attach_claims(golds: list[GoldArticle], path: Path) -> int:
    """Give the gold articles named in ``path`` their claims (offsets checked)."""
    records = _lines(path)
    count = 0
    for gold in golds:
        record = records.get(gold.name)
        if record is None:
            continue
        claims = []
        for c in record["claims"]:
            start, end = int(c["start"]), int(c["end"])
            if gold.text[start:end] != c["evidence"]:
                raise ArticleError(
                    f"claim evidence at {start}:{end} does not match the article {gold.name}",
                    source=str(path),
                )
            claims.append(
                GoldClaim(
                    start,
                    end,
                    str(c["evidence"]),
                    c.get("claimant"),
                    str(c.get("attribution", "")),
                    bool(c.get("hedged", False)),
                )
            )
        gold.claims = claims
        count += 1
    return count


def beside(gold: Path, kind: str) -> Path | None:
    """An annotation file of ``kind`` (actors, claims) in the gold folder or beside it,
    when exactly one is there (``actors-dev.jsonl`` beside ``polnear-dev/``)."""
    folder = gold if gold.is_dir() else gold.parent
    for place in (folder, folder.parent):
        found = sorted(place.glob(f"{kind}*.jsonl"))
        if len(found) == 1:
            return found[0]
    return None
