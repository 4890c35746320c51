"""A disk cache of extractions (diskcache), so an unchanged rerun makes no model call.

The key (`api.cache_key`) covers everything that changes an answer: engine,
model and server, mode, prompt version, schema version, the parameters that
shape the request, and the article's hash.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..schema import Extraction


def default_cache_dir() -> Path:
    """``EXTRACTOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/extractor``, else ``~/.cache/extractor``."""
    if os.environ.get("EXTRACTOR_CACHE_DIR"):
        return Path(os.environ["EXTRACTOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extractor"


class ExtractionCache:
    """Extractions on disk, keyed by what produced them and the article's hash."""

    def __init__(self, folder: Path | None = None) -> None:
        import diskcache

        self.folder = folder or default_cache_dir()
        self._store = diskcache.Cache(str(self.folder))

    def get(self, key: str) -> Extraction | None:
        raw = self._store.get(key)
        return Extraction.model_validate_json(raw) if isinstance(raw, str) else None

    def put(self, key: str, extraction: Extraction) -> None:
        self._store.set(key, extraction.model_dump_json())

    def close(self) -> None:
        self._store.close()
