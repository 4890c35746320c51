"""Produce predictions for gold articles: run an engine, or read a saved JSONL."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path

from ..batch.results import read_results
from ..errors import ResultsFileError
from ..read.article import Article
from ..schema import Extraction
from .gold import GoldArticle


def run_engine(
    golds: list[GoldArticle], extract: Callable[[Article], Extraction]
) -> list[tuple[GoldArticle, Extraction]]:
    return [(g, extract(Article(g.text, source=str(g.path)))) for g in golds]


def read_predictions(path: Path, golds: list[GoldArticle]) -> list[tuple[GoldArticle, Extraction]]:
    """Pair gold articles with the ok lines of a results file (`extractor run`'s JSONL).

    A line's ``id`` (or ``path``) matches a gold article by name, file name or path.
    A gold article with no line scores as an empty extraction. Lines that are no
    result are skipped and counted (a warning says how many); a file with no usable
    line is a `ResultsFileError`.
    """
    if not path.is_file():
        raise ResultsFileError("no such results file", source=str(path))
    reader = read_results(path)
    by_key: dict[str, Extraction] = {}
    for line in reader:
        if line.extraction is None:
            continue
        for key in (line.record.get("id"), line.record.get("path")):
            if key:
                by_key[str(key)] = line.extraction
                by_key[Path(str(key)).stem] = line.extraction
    if reader.read == 0:
        detail = reader.describe_skipped() or "it is empty"
        raise ResultsFileError(f"holds no result lines: {detail}", source=str(path))
    if reader.skipped:
        warnings.warn(f"{path}: {reader.describe_skipped()}", stacklevel=2)
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
