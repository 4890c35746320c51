"""Produce predictions for gold articles: run an engine, or read a saved JSONL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..errors import ArticleError
from ..read.article import Article
from ..schema import Extraction
from .gold import GoldArticle


def run_engine(
    golds: list[GoldArticle], extract: Callable[[Article], Extraction]
) -> list[tuple[GoldArticle, Extraction]]:
    return [(g, extract(Article(g.text, source=str(g.path)))) for g in golds]


def read_predictions(path: Path, golds: list[GoldArticle]) -> list[tuple[GoldArticle, Extraction]]:
    """Pair gold articles with lines of a JSONL file: ``{"id": ..., "extraction": {...}}``.

    A line's ``id`` (or ``path``) matches a gold article by name, file name or path.
    A gold article with no line scores as an empty extraction.
    """
    by_key: dict[str, Extraction] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise ArticleError(f"line {number} is not JSON", source=str(path)) from None
        if record.get("status", "ok") != "ok" or "extraction" not in record:
            continue
        extraction = Extraction.model_validate(record["extraction"])
        for key in (record.get("id"), record.get("path")):
            if key:
                by_key[str(key)] = extraction
                by_key[Path(str(key)).stem] = extraction
    empty = Extraction.model_validate({"meta": {"engine": "none"}})
    return [(g, by_key.get(g.name) or by_key.get(str(g.path)) or empty) for g in golds]


def write_predictions(path: Path, pairs: list[tuple[GoldArticle, Extraction]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for gold, extraction in pairs:
            record = {
                "id": gold.name,
                "path": str(gold.path),
                "status": "ok",
                "extraction": extraction.model_dump(mode="json"),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
