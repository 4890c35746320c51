"""Write the JSON Schemas of the public models into ``schemas/``.

``python -m extractor.schema_export [DIR]`` regenerates them; a test fails
when the committed files differ from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .llm.reading import ArticleReading
from .schema import Extraction

SCHEMAS: dict[str, type[BaseModel]] = {
    "extraction.schema.json": Extraction,
    "article_reading.schema.json": ArticleReading,
}


def render(model: type[BaseModel]) -> str:
    return (
        json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n"
    )


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for path in export(target):
        print(path)
